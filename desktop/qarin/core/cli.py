"""``qarin``'s shell commands: analyse, show and export documents (qarin.launcher routes here;
opening the reader is the GUI's job, and core never imports it).

    qarin [FILE [FILE2]] / --sample   open the reader (see qarin.launcher)
    qarin analyze FILE [FILE2] [--out PATH]
    qarin show FILE [FILE2] [--logical] [--width N]
    qarin export FILE [FILE2] --format F [--out PATH] [--suggestions]
    qarin import FILE [FILE2] --notes NOTES

Errors the user can act on print one line to stderr and exit with status 2.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from qarin.core.errors import QarinError
from qarin.core.model import ACCURATE_ARABIC_DEFAULT

EXIT_USAGE = 2
COMMANDS = ("analyze", "show", "export", "import")


def _files_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a text or TMX file; both languages, or one of a pair")
    p.add_argument("file2", nargs="?", help="the other language's file, when in two files")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="qarin", description="Arabic–English parallel reader")
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser("analyze", help="write the analysis as JSON (qarin.analysis v1)")
    _files_arg(a)
    a.add_argument("--out", type=Path, help="write here instead of stdout")
    a.add_argument(
        "--no-entities", action="store_true", help="sentences and alignment only (fast)"
    )
    a.add_argument(
        "--english-model", metavar="NAME", help="an installed spaCy pipeline for English entities"
    )
    a.add_argument(
        "--accurate-arabic",
        action=argparse.BooleanOptionalAction,
        default=ACCURATE_ARABIC_DEFAULT,
        help="Arabic names with the fine-tuned transformer too (default; --no-accurate-arabic:"
        " the fast model alone, about twice as fast, fewer names right)",
    )
    s = sub.add_parser("show", help="print the aligned pairs side by side")
    _files_arg(s)
    s.add_argument(
        "--logical", action="store_true", help="logical order, for terminals that do bidi"
    )
    s.add_argument("--width", type=int, help="total width in columns (default: terminal)")
    e = sub.add_parser("export", help="export the document's notebook")
    _files_arg(e)
    e.add_argument(
        "--format", required=True, help="json, md, csv, w3c, claimreview, brat, tmx, pdf"
    )
    e.add_argument("--out", type=Path, help="output file (brat: a folder); default stdout")
    e.add_argument(
        "--suggestions", action="store_true", help="include suggested claims not yet decided"
    )
    e.add_argument("--no-texts", action="store_true",
                   help="json: keep the texts' hash and source paths, not the texts themselves")
    e.add_argument("--confirmed-only", action="store_true",
                   help="tmx: only pairs you confirmed or corrected")
    e.add_argument("--min-confidence", type=float, metavar="X",
                   help="tmx: only pairs aligned with at least this confidence (0-1)")
    e.add_argument("--url", default="", help="claimreview: the review's URL")
    e.add_argument("--publisher", default="", help="claimreview: the publishing organisation")
    e.add_argument("--author", default="", help="claimreview/pdf: the reviewer's name")
    e.add_argument("--date", default="", help="the export's date, YYYY-MM-DD (default: today)")
    i = sub.add_parser("import", help="merge a notes file into the document's notebook")
    _files_arg(i)
    i.add_argument(
        "--notes", type=Path, required=True,
        help="a Qarin notes file (.json) or Qarin's W3C annotations (.jsonld)",
    )
    return p


def _load(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from qarin.core.io.loader import load_document

    files = [args.file] + ([args.file2] if args.file2 else [])
    doc = load_document(*files)
    for src in doc.sources:
        print(f"qarin: read {src.path} as {src.encoding}", file=sys.stderr)
    return doc


def _write_text(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    from qarin.core.fileio import atomic_write_text

    atomic_write_text(out, text)
    print(f"qarin: wrote {out}", file=sys.stderr)


def cmd_analyze(args: argparse.Namespace) -> int:
    from qarin.core.analysis import analyse
    from qarin.core.analysis_json import analysis_to_dict

    doc = _load(args)
    analysis = analyse(
        doc,
        entities=not args.no_entities,
        english_model=args.english_model,
        accurate_arabic=args.accurate_arabic,
    )
    text = json.dumps(analysis_to_dict(doc, analysis), ensure_ascii=False, indent=2) + "\n"
    _write_text(text, args.out)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from qarin.core.analysis import analyse
    from qarin.core.terminal.columns import render_pairs

    doc = _load(args)
    analysis = analyse(doc, entities=False)
    width = args.width or shutil.get_terminal_size((100, 24)).columns
    for line in render_pairs(doc, analysis, width=width, logical=args.logical):
        print(line)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from qarin.core.export.base import ExportOptions
    from qarin.core.export.cli import run_export

    options = ExportOptions(
        embed_texts=not args.no_texts,
        min_confidence=args.min_confidence,
        confirmed_only=args.confirmed_only,
        url=args.url,
        publisher=args.publisher,
        author=args.author,
        date=args.date,
    )
    doc = _load(args)
    return int(
        run_export(doc, args.format, args.out, include_suggestions=args.suggestions,
                   options=options)
    )


def cmd_import(args: argparse.Namespace) -> int:
    from qarin.core.export.notes_import import merge_command, read_any_notes
    from qarin.core.notes.session import NotebookSession
    from qarin.core.notes.store import NotebookStore

    doc = _load(args)
    incoming = read_any_notes(args.notes, doc)
    with NotebookStore() as store:
        session = NotebookSession(
            store, doc.content_hash, title=doc.title, sources=tuple(s.path for s in doc.sources)
        )
        before = session.notebook
        after = session.execute(merge_command(before, incoming))
    added = len(after.claims) - len(before.claims), len(after.notes) - len(before.notes)
    print(
        f"qarin: merged {args.notes} into the notebook of {doc.title!r}: "
        f"{added[0]} new claims, {added[1]} new notes ({len(after.claims)} claims in all)",
        file=sys.stderr,
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    args = _parser().parse_args(args_list)
    handler = {
        "analyze": cmd_analyze, "show": cmd_show, "export": cmd_export, "import": cmd_import
    }[args.command]
    try:
        return handler(args)
    except QarinError as err:
        print(f"qarin: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # `qarin show FILE | head`: the reader closed the pipe; not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
