"""The json, md, csv, tmx and brat exporters, the notes importer and ``qarin export``.

Golden files live in tests/data/golden/; after an intended change, regenerate them with
``QARIN_UPDATE_GOLDEN=1 pytest tests/core/test_export_formats.py`` and review the diff.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from qarin.core.analysis import analyse
from qarin.core.cli import main as cli_main
from qarin.core.document import BilingualDocument, Span
from qarin.core.errors import ExportFailed, ImportFailed, InvalidNotebookData
from qarin.core.export.base import ExportContext, ExportResult
from qarin.core.export.cli import run_export, stored_notebook
from qarin.core.export.formats.csv import neutralise
from qarin.core.export.formats.markdown import escape_line
from qarin.core.export.notes_import import (
    import_into,
    merge_notebooks,
    parse_notes,
    read_notes_file,
)
from qarin.core.export.pairs import corrected_beads
from qarin.core.export.registry import all_exporters, get
from qarin.core.io.loader import load_document
from qarin.core.notes.commands import AddClaim
from qarin.core.notes.model import AlignmentCorrection, Claim, Evidence, Note, Notebook
from qarin.core.notes.session import NotebookSession
from qarin.core.notes.store import NotebookStore
from tests.conftest import SAMPLE
from tests.export_checks import CHECKERS, parse_ann, read_csv, render_md, validate_tmx
from tests.export_fixtures import (
    RLM,
    T0,
    T1,
    T2,
    assert_golden,
    sample_analysis,
    sample_context,
    sample_document,
    sample_notebook,
)

GOLDEN = Path(__file__).resolve().parent.parent / "data" / "golden"
MINE = ("json", "md", "csv", "tmx", "brat")


def export(name: str, ctx: ExportContext) -> ExportResult:
    return get(name).export(ctx)


def golden_path(name: str, file: str) -> Path:
    ext = get(name).extension
    return GOLDEN / (f"sample{ext}" if file == "" else f"sample.{name}" / Path(file))


# ---------------------------------------------------------------------------------------------
# every format: golden file and its own parser


def test_registered() -> None:
    names = {e.name for e in all_exporters()}
    assert set(MINE) <= names


@pytest.mark.parametrize("name", MINE)
def test_golden(name: str) -> None:
    result = export(name, sample_context())
    for file, data in result.files.items():
        assert_golden(golden_path(name, file), data)


OPTION_SETS = [
    {},
    {"include_suggestions": True},
    {"embed_texts": False},
    {"confirmed_only": True},
    {"min_confidence": 0.9},
]


@pytest.mark.parametrize("options", OPTION_SETS, ids=lambda o: ",".join(o) or "default")
@pytest.mark.parametrize("name", MINE)
def test_output_parses(name: str, options: dict[str, object]) -> None:
    ctx = sample_context(**options)
    CHECKERS[name](ctx, export(name, ctx))


def test_empty_notebook_exports() -> None:
    doc = sample_document()
    ctx = ExportContext(doc, analyse(doc, entities=False), Notebook(doc.content_hash))
    for name in MINE:
        CHECKERS[name](ctx, export(name, ctx))


# ---------------------------------------------------------------------------------------------
# json: round trip and import errors


def test_json_round_trip_exact(tmp_path: Path) -> None:
    ctx = sample_context()
    out = tmp_path / "notes.json"
    out.write_bytes(export("json", ctx).single)
    notes = read_notes_file(out)
    assert notes.notebook == ctx.notebook
    assert notes.content_hash == ctx.doc.content_hash
    assert notes.texts == dict(ctx.doc.texts)


def test_json_holds_corrected_alignment() -> None:
    data = json.loads(export("json", sample_context()).single)
    beads = [(b["ar"], b["en"], b["reader"]) for b in data["alignment"]]
    assert (["ar:3", "ar:4"], ["en:3", "en:4"], True) in beads
    assert data["notebook"]["corrections"][1] == {
        "ar": ["ar:3", "ar:4"], "en": ["en:3", "en:4"], "confirmed": False}
    assert data["quotes"]["c-2"] == {
        "ar": "هناك معلومات غير مؤكدة تفيد باستهداف مقر معين في الضواحي"}


def _valid_notes() -> dict[str, object]:
    data: dict[str, object] = json.loads(export("json", sample_context()).single)
    return data


def test_import_rejects_other_json() -> None:
    with pytest.raises(InvalidNotebookData, match="not a Qarin notes file"):
        parse_notes({"format": "something"})
    with pytest.raises(InvalidNotebookData, match="newer Qarin"):
        parse_notes({**_valid_notes(), "version": 2})


def test_import_names_the_bad_field() -> None:
    data = _valid_notes()
    data["notebook"]["claims"][1]["spans"][0]["start"] = "9"  # type: ignore[index]
    with pytest.raises(InvalidNotebookData) as err:
        parse_notes(data, "x.json")
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith("x.json: not a valid Qarin notes file: at .notebook.claims[1]")


def test_import_file_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": ', encoding="utf-8")
    with pytest.raises(ImportFailed, match="not JSON"):
        read_notes_file(bad)
    with pytest.raises(ImportFailed):
        read_notes_file(tmp_path / "missing.json")
    dup = _valid_notes()
    claims = dup["notebook"]["claims"]  # type: ignore[index]
    claims.append(claims[0])
    with pytest.raises(InvalidNotebookData, match="duplicate id"):
        parse_notes(dup)


def test_docs_publish_the_schema_and_a_valid_example() -> None:
    import re

    from qarin.core.export.notes_import import notes_schema, schema_error

    page = (GOLDEN.parents[2] / "docs" / "notes-format.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```json\n(.*?)\n```", page, re.S)
    example, schema = json.loads(blocks[0]), json.loads(blocks[-1])
    assert schema == notes_schema()
    assert schema_error(example) is None
    assert parse_notes(example).notebook.claims["c-1"].status == "confirmed"


# Text that breaks naive writers: Arabic, emoji, bidi marks, quotes, newlines, specials.
_SPECIALS = [*'"\'\n\r\t\\<>&*_#=+-@|[]{}', RLM, "\u200e", "\u2067", "\u0640", "🇺🇦", "😀"]
_TEXT = st.lists(
    st.one_of(
        st.sampled_from(_SPECIALS),  # some are two code points (a flag): not an alphabet
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(codec="utf-8", exclude_categories=["Cs"]),
    ),
    max_size=40,
).map("".join)
_STAMP = st.one_of(st.just(""), st.datetimes().map(lambda d: d.isoformat() + "Z"))


@st.composite
def _notebooks(draw: st.DrawFn) -> Notebook:
    doc = sample_document()
    n_ar, n_en = len(doc.texts["ar"]), len(doc.texts["en"])

    def span(lang: str) -> Span:
        size = n_ar if lang == "ar" else n_en
        a, b = sorted(draw(st.lists(st.integers(0, size), min_size=2, max_size=2)))
        return Span("ar" if lang == "ar" else "en", a, b)

    ids = draw(st.lists(_TEXT.filter(bool), unique=True, max_size=6))
    claims = {}
    for cid in ids:
        langs = draw(st.sampled_from([("ar",), ("en",), ("ar", "en")]))
        claims[cid] = Claim(
            id=cid,
            spans=tuple(span(lang) for lang in langs),
            sentences=tuple(draw(st.lists(st.sampled_from(["ar:0", "en:0", "ar:4"]),
                                          max_size=2))),
            claimant=draw(_TEXT),
            claimant_link=draw(st.one_of(st.none(), _TEXT)),
            cue=draw(_TEXT),
            status=draw(_TEXT),
            tags=tuple(draw(st.lists(_TEXT, max_size=3))),
            notes=draw(_TEXT),
            evidence=tuple(Evidence(draw(st.sampled_from(["url", "quote"])), draw(_TEXT),
                                    draw(_TEXT)) for _ in range(draw(st.integers(0, 2)))),
            created=draw(_STAMP),
            modified=draw(_STAMP),
            origin=draw(st.one_of(st.just("reader"), _TEXT)),
        )
    note_ids = draw(st.lists(_TEXT.filter(bool), unique=True, max_size=3))
    notes = {
        nid: Note(nid, draw(st.sampled_from(["span", "pair", "document"])), draw(_TEXT),
                  spans=(span("ar"),) if draw(st.booleans()) else (),
                  sentences=tuple(draw(st.lists(_TEXT, max_size=2))),
                  created=draw(_STAMP), modified=draw(_STAMP))
        for nid in note_ids
    }
    return Notebook(
        doc_hash=doc.content_hash,
        title=draw(_TEXT),
        sources=tuple(draw(st.lists(_TEXT, max_size=2))),
        claims=MappingProxyType(claims),
        notes=MappingProxyType(notes),
        tags=tuple(draw(st.lists(_TEXT, max_size=4))),
        statuses=tuple(draw(st.lists(_TEXT, min_size=1, max_size=5))),
        corrections=tuple(
            AlignmentCorrection(tuple(draw(st.lists(st.sampled_from(["ar:1", "ar:2"]),
                                                    max_size=2))),
                                ("en:1",), draw(st.booleans()))
            for _ in range(draw(st.integers(0, 2)))
        ),
        dismissed=frozenset(draw(st.lists(_TEXT, max_size=3))),
        reader=draw(_TEXT),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_notebooks())
def test_json_round_trip_random(notebook: Notebook) -> None:
    ctx = ExportContext(sample_document(), sample_analysis(), notebook)
    data = json.loads(export("json", ctx).single.decode("utf-8"))
    assert parse_notes(data).notebook == notebook


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_notebooks(), st.booleans())
def test_every_format_parses_for_random_notebooks(notebook: Notebook, suggestions: bool) -> None:
    ctx = replace(sample_context(include_suggestions=suggestions), notebook=notebook)
    for name in MINE:
        CHECKERS[name](ctx, export(name, ctx))


# ---------------------------------------------------------------------------------------------
# merging imported notes


def _claim(cid: str, modified: str, notes: str = "") -> Claim:
    return Claim(cid, (Span("en", 0, 9),), notes=notes, created=T0, modified=modified)


def test_merge_newer_wins_and_new_items_append() -> None:
    doc_hash = sample_document().content_hash
    mine = Notebook(doc_hash).with_claim(_claim("a", T1, "mine")).with_claim(
        _claim("b", T2, "mine"))
    theirs = Notebook(doc_hash, reader="them", tags=("t",), dismissed=frozenset({"s-9"}))
    theirs = theirs.with_claim(_claim("c", T0, "theirs")).with_claim(
        _claim("b", T1, "theirs")).with_claim(_claim("a", T2, "theirs"))
    theirs = theirs.with_note(Note("n", "document", "hello", created=T0, modified=T0))
    merged = merge_notebooks(mine, theirs)
    assert list(merged.claims) == ["a", "b", "c"]
    assert merged.claims["a"] == _claim("a", T2, "theirs")  # theirs is newer
    assert merged.claims["b"] == _claim("b", T2, "mine")  # mine is newer
    assert merged.claims["c"] == _claim("c", T0, "theirs")
    assert list(merged.notes) == ["n"]
    assert merged.tags == ("t",) and merged.dismissed == {"s-9"} and merged.reader == "them"


def test_merge_keeps_the_readers_corrections_and_unites_the_rest() -> None:
    doc_hash = sample_document().content_hash
    mine = replace(Notebook(doc_hash), corrections=(AlignmentCorrection(("ar:1",), ("en:1",)),))
    mine = mine.with_note(Note("n", "document", "old", created=T0, modified=T0))
    theirs = replace(
        Notebook(doc_hash, statuses=("unverified", "satire")),
        corrections=(AlignmentCorrection(("ar:1", "ar:2"), ("en:1",), False),
                     AlignmentCorrection(("ar:3",), ("en:3",))),
    ).with_note(Note("n", "document", "new", created=T0, modified=T1))
    merged = merge_notebooks(mine, theirs)
    assert merged.corrections == (AlignmentCorrection(("ar:1",), ("en:1",)),
                                  AlignmentCorrection(("ar:3",), ("en:3",)))
    assert merged.statuses[-1] == "satire" and merged.statuses[0] == "unverified"
    assert merged.notes["n"].text == "new"
    assert merge_notebooks(merged, theirs) == merged  # importing twice changes nothing more


def test_overlapping_corrections_later_wins() -> None:
    nb = replace(Notebook("x"), corrections=(
        AlignmentCorrection(("ar:1", "ar:1"), ("en:1",)),
        AlignmentCorrection(("ar:1",), ("en:1", "en:2"), False),
        AlignmentCorrection(("ar:99",), ()),  # a sentence the text no longer has
    ))
    beads = corrected_beads(sample_analysis(), nb)
    placed = [s for b in beads for s in (*b.ar, *b.en)]
    assert len(placed) == len(set(placed)) == 10
    assert [(b.ar, b.en) for b in beads if b.reader] == [(("ar:1",), ("en:1", "en:2"))]
    assert (("ar:2",), ()) in [(b.ar, b.en) for b in beads]  # what is left of bead 2: a 1-0


def test_merge_refuses_another_document() -> None:
    with pytest.raises(InvalidNotebookData, match="another document"):
        merge_notebooks(Notebook("x"), Notebook("y"))


def test_import_opens_as_new_then_undoes(tmp_path: Path) -> None:
    nb = sample_notebook()
    data = json.loads(export("json", sample_context()).single)
    with NotebookStore(tmp_path / "nb.sqlite3") as store:
        session = NotebookSession(store, nb.doc_hash, title=nb.title, sources=nb.sources)
        imported = import_into(session, parse_notes(data))
        assert imported == nb  # nothing stored before: the file's notebook, exactly
        assert store.load(nb.doc_hash) is not None
        session.undo()
        assert not session.notebook.claims


# ---------------------------------------------------------------------------------------------
# markdown


def _rendered_text(markdown: str) -> str:
    from lxml import html

    rendered = MarkdownIt("commonmark").render(markdown)
    return str(html.fromstring(f"<div>{rendered}</div>").text_content())


@pytest.mark.parametrize("line", [
    "*not emphasis*", "# not a heading", "1. not a list", "2) nor this", "- nor this",
    "+ nor", "> not a quote", "<b>not html</b>", "[not](a link)", "&amp; stays", "a\\b",
    "`code`", "~~~", "***", "___", "=== ", "| a | b |", "<https://x.example>", "![i](x.png)",
])
def test_markdown_escaping_keeps_text_literal(line: str) -> None:
    assert _rendered_text(escape_line(line)).strip() == line.strip()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.one_of(st.sampled_from(list("\\`*_[]<>#+-=!|~&();:.0123 ")),
                                  st.characters(min_codepoint=0x20, max_codepoint=0x7E)),
               max_size=30))
def test_markdown_escaping_random(line: str) -> None:
    assert " ".join(_rendered_text(escape_line(line)).split()) == " ".join(line.split())


def test_markdown_arabic_in_rtl_blocks() -> None:
    root = render_md(export("md", sample_context()))
    rtl = [d for d in root.iter("div") if d.get("dir") == "rtl"]
    assert rtl and all(d.get("lang") == "ar" for d in rtl)
    # The Markdown inside the block was rendered (a blockquote), not shown as raw text.
    assert rtl[0].find(".//blockquote") is not None
    text = export("md", sample_context()).single.decode()
    assert "ﻻ" not in text and "\u202e" not in text  # never reshaped nor forced into order


# ---------------------------------------------------------------------------------------------
# csv


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx",
                                  '=HYPERLINK("http://e.example","x")'])
def test_csv_neutralises_formulas(cell: str) -> None:
    assert neutralise(cell) == "'" + cell


def test_csv_injection_in_every_column() -> None:
    bad = "=2+5"
    nb = sample_notebook()
    claim = replace(nb.claims["c-2"], id="@x", status=bad, claimant="-1", cue="+x", notes=bad,
                    tags=(bad,), evidence=(Evidence("quote", bad),), created=bad,
                    modified="\t", sentences=("-ar",))
    ctx = replace(sample_context(), notebook=nb.with_claim(claim))
    rows = read_csv(export("csv", ctx))
    for cell in rows[-1]:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert rows[-1][0] == "'@x" and rows[-1][1] == "'=2+5"
    CHECKERS["csv"](ctx, export("csv", ctx))


def test_csv_crlf_and_bom() -> None:
    data = export("csv", sample_context()).single
    assert data.startswith(b"\xef\xbb\xbfid,status,")
    assert data.count(b"\r\n") >= 4  # header and three rows end in CRLF
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[2][7].splitlines()[0] == 'He said "unconfirmed" — twice.'


# ---------------------------------------------------------------------------------------------
# tmx


def _tiny(ar: list[str], en: list[str]) -> ExportContext:
    doc = BilingualDocument.from_paragraphs(ar, en, title="tiny")
    return ExportContext(doc, analyse(doc, entities=False), Notebook(doc.content_hash))


def test_tmx_filters() -> None:
    ctx = sample_context(confirmed_only=True)
    units = export("tmx", ctx).single.count(b"<tu ")
    assert units == 2  # the two beads the reader corrected or confirmed
    ctx = sample_context(min_confidence=0.9)
    tmx = export("tmx", ctx).single.decode()
    assert "ar:0 en:0" not in tmx and "ar:1 en:1" in tmx  # 0.866 < 0.9 <= 0.998


def test_tmx_escapes_and_drops_control_characters() -> None:
    ctx = _tiny(["قال <b> & \"هو\" \x07 ‏ٌ 😀."], ["He said <b> & \"it\" \x07 \x1b ]]> 😀."])
    data = export("tmx", ctx).single
    validate_tmx(ctx, ExportResult({"": data}))
    assert b"\x07" not in data and b"&lt;b&gt; &amp;" in data


def test_tmx_reimports_with_qarins_tmx_reader(tmp_path: Path) -> None:
    path = tmp_path / "pairs.tmx"
    path.write_bytes(export("tmx", sample_context()).single)
    doc = load_document(path)
    ctx = sample_context()
    beads = [b for b in corrected_beads(ctx.analysis, ctx.notebook) if b.ar and b.en]
    assert len(doc.paragraphs["ar"]) == len(beads)
    first = ctx.doc.text(ctx.analysis.sentence("ar:0").span)
    assert doc.texts["ar"].startswith(first)


# ---------------------------------------------------------------------------------------------
# brat


def test_brat_offsets_are_code_points() -> None:
    ctx = _tiny(["😀😀 قال زيلينسكي إن السلام قريب.", "فقرة ثانية 🇺🇦 هنا."],
                ["😀😀 Zelensky said peace is near.", "A second 🇺🇦 paragraph."])
    text = ctx.doc.texts["en"]
    start = text.index("Zelensky")
    claim = Claim("c", (Span("en", start, len(text)),), cue="said", notes="line\nbreak")
    ctx = replace(ctx, notebook=ctx.notebook.with_claim(claim))
    result = export("brat", ctx)
    spans = parse_ann(result.files["tiny.en.ann"].decode(), text)
    (claim_frags,) = [f for t, f in spans.values() if t == "Claim"]
    assert len(claim_frags) == 2  # crosses the paragraph break: two fragments
    assert claim_frags[0][0] == start
    (cue,) = [f for t, f in spans.values() if t == "Cue"]
    assert text[cue[0][0]:cue[0][1]] == "said"
    CHECKERS["brat"](ctx, result)


def test_brat_claimant_relation_and_status() -> None:
    ann = export("brat", sample_context()).files["security-guarantees.en.ann"].decode()
    assert "R1\tClaimant Arg1:T7 Arg2:T1" in ann  # c-1 → Volodymyr Zelensky inside it
    assert "A1\tStatus T7 confirmed" in ann
    assert "AnnotatorNotes" in ann


# ---------------------------------------------------------------------------------------------
# qarin export


@pytest.fixture
def fast_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI runs the full pipeline; the entity models are not what is tested here."""
    import qarin.core.analysis as analysis

    real = analysis.analyse
    monkeypatch.setattr(analysis, "analyse", lambda doc, **kw: real(doc, entities=False))


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("QARIN_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.mark.usefixtures("fast_analysis")
def test_cli_writes_file_with_stored_notebook(data_dir: Path, tmp_path: Path) -> None:
    doc = load_document(SAMPLE)
    with NotebookStore() as store:
        session = NotebookSession(store, doc.content_hash, title=doc.title)
        session.execute(AddClaim(Claim("mine", (Span("en", 0, 9),), notes="stored")))
    out = tmp_path / "out" / "notes.json"
    assert run_export(doc, "json", out) == 0
    assert list(read_notes_file(out).notebook.claims) == ["mine"]


@pytest.mark.usefixtures("fast_analysis")
def test_cli_leaves_no_database_behind(data_dir: Path, capsysbinary: pytest.CaptureFixture[bytes],
                                       ) -> None:
    doc = load_document(SAMPLE)
    assert stored_notebook(doc) == Notebook(doc.content_hash, doc.title,
                                            tuple(s.path for s in doc.sources))
    assert run_export(doc, "csv", None) == 0
    assert capsysbinary.readouterr().out.startswith(b"\xef\xbb\xbfid,")
    assert not data_dir.exists()


@pytest.mark.usefixtures("fast_analysis")
def test_cli_brat_folder(data_dir: Path, tmp_path: Path) -> None:
    doc = load_document(SAMPLE)
    with pytest.raises(ExportFailed, match="--out FOLDER"):
        run_export(doc, "brat", None)
    assert run_export(doc, "brat", tmp_path / "brat") == 0
    names = sorted(p.name for p in (tmp_path / "brat").iterdir())
    assert names == ["annotation.conf", "security-guarantees.ar.ann",
                     "security-guarantees.ar.txt", "security-guarantees.en.ann",
                     "security-guarantees.en.txt"]


@pytest.mark.usefixtures("fast_analysis")
def test_cli_unknown_format_one_line(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["export", str(SAMPLE), "--format", "docx"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("qarin: error: unknown export format 'docx'")
    assert cli_main(["export", str(SAMPLE), "--format", "brat"]) == 2
