"""``qarin export``: analyse the document, find the reader's notebook for it, export, write.

Errors the reader can act on are raised as ExportFailed (one line; cli.py exits with 2).
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from qarin.core.document import BilingualDocument
from qarin.core.errors import ExportFailed
from qarin.core.export.base import ExportContext, Exporter, ExportOptions, ExportResult
from qarin.core.export.registry import get
from qarin.core.export.textsafe import file_stem
from qarin.core.fileio import atomic_write_bytes
from qarin.core.notes.model import Notebook

# Media types that are text a terminal can show: anything else (PDF) needs --out.
_TEXT_TYPES = ("text/", "application/json", "application/ld+json", "application/x-tmx+xml")


def writes_folder(exporter: Exporter) -> bool:
    """Formats that write several files (brat) declare no extension: --out names a folder."""
    return not exporter.extension


def is_text(exporter: Exporter) -> bool:
    mt = exporter.media_type
    return mt.startswith(_TEXT_TYPES) or mt.split(";")[0].endswith(("+xml", "+json"))


def stored_notebook(doc: BilingualDocument) -> Notebook:
    """The reader's notebook for ``doc`` from the default store, or an empty one.

    Nothing is created: with no database yet there is nothing to export, and an export must
    not leave a database behind.
    """
    from qarin.core.notes.session import NotebookSession
    from qarin.core.notes.store import NotebookStore, default_path

    sources = tuple(s.path for s in doc.sources)
    if not default_path().exists():
        return Notebook(doc.content_hash, title=doc.title, sources=sources)
    with NotebookStore() as store:
        # A session writes nothing until a command runs; unsaved, it shows an empty notebook.
        return NotebookSession(store, doc.content_hash, title=doc.title, sources=sources).notebook


def write_result(exporter: Exporter, result: ExportResult, out: Path | None, title: str) -> None:
    if out is None:
        if set(result.files) != {""}:
            raise ExportFailed(f"{exporter.name} writes several files: give --out FOLDER")
        sys.stdout.buffer.write(result.single)
        sys.stdout.buffer.flush()
        return
    try:
        if set(result.files) == {""}:
            # An existing folder gets a file named after the document.
            target = out / (file_stem(title) + exporter.extension) if out.is_dir() else out
            atomic_write_bytes(target, result.single)
            print(f"qarin: wrote {target}", file=sys.stderr)
            return
        if out.exists() and not out.is_dir():
            raise ExportFailed(f"{out} is a file; {exporter.name} needs a folder for --out")
        for name, data in result.files.items():
            atomic_write_bytes(out / name, data)
        print(f"qarin: wrote {len(result.files)} files into {out}", file=sys.stderr)
    except OSError as e:
        raise ExportFailed(f"cannot write {e.filename or out}: {e.strerror or e}") from e


def run_export(
    doc: BilingualDocument,
    fmt: str,
    out: Path | None,
    include_suggestions: bool = False,
    options: ExportOptions | None = None,
) -> int:
    """Export ``doc``'s notebook as ``fmt`` into ``out`` (stdout if None); returns 0.

    ``options`` carries the rest of the reader's choices; ``include_suggestions`` wins over it.
    """
    exporter = get(fmt)  # an unknown format fails here, before any slow analysis
    if out is None and writes_folder(exporter):
        raise ExportFailed(f"{fmt} writes several files: give --out FOLDER")
    if out is None and not is_text(exporter):
        raise ExportFailed(f"{fmt} is not text: give --out FILE")
    from qarin.core.analysis import analyse

    analysis = analyse(doc)
    opts = replace(options or ExportOptions(), include_suggestions=include_suggestions)
    ctx = ExportContext(doc, analysis, stored_notebook(doc), opts)
    result = exporter.export(ctx)
    write_result(exporter, result, out, doc.title)
    return 0
