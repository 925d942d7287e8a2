"""The notes PDF (formats/pdf.py): text that survives extraction, in both languages.

Extraction goes through poppler's ``pdftotext``. For shaped right-to-left text it gives the
characters in logical order, each right-to-left run wrapped in U+202B..U+202C, and sometimes a
tanween apart from its letter; tests/export_checks.match_words normalises all of that (and
would also accept a word reversed, for a poppler that kept visual order).
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
from dataclasses import replace
from types import MappingProxyType

import pytest
from fpdf import FPDF
from hypothesis import given, settings
from hypothesis import strategies as st

from qarin.core.document import BilingualDocument, Sentence
from qarin.core.errors import ExportFailed
from qarin.core.export.base import ExportContext, ExportOptions
from qarin.core.export.content import claim_quotes
from qarin.core.export.pdfwriter import (
    ARABIC,
    FALLBACK,
    FONTS,
    PdfWriter,
    metrics,
    printable,
    rtl_islands,
)
from qarin.core.export.registry import get
from qarin.core.model import Analysis, Bead
from qarin.core.notes.model import Claim, Note, Notebook
from qarin.paths import resource
from tests.export_checks import match_words, missing_pdf_words, pdf_text, validate_pdf
from tests.export_fixtures import FIXED_DATE, sample_context

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None,
    reason="pdftotext (poppler-utils) is not installed, so the PDF text cannot be extracted",
)


def export_pdf(ctx: ExportContext) -> bytes:
    return get("pdf").export(ctx).single


def test_is_a_pdf_with_metadata() -> None:
    data = export_pdf(sample_context())
    assert data.startswith(b"%PDF-1.") and data.rstrip().endswith(b"%%EOF")
    assert b"D:20260115" in data  # the creation date is the export date, not the clock
    assert export_pdf(sample_context()) == data  # same notes, same bytes


def test_no_glyph_goes_missing(caplog: pytest.LogCaptureFixture) -> None:
    # The sample notes hold emoji no bundled font draws: they become U+FFFD, not a warning.
    with caplog.at_level(logging.WARNING, logger="fpdf"):
        export_pdf(sample_context(include_suggestions=True))
    assert not [r for r in caplog.records if "missing" in r.getMessage()]
    assert printable("a🛰b\tc\x00") == "a\ufffdb    c"


def test_a_new_page_keeps_the_shaping_state() -> None:
    # The footer draws the page number unshaped; Arabic after a page break must stay shaped.
    w = PdfWriter()
    w.pdf.add_page()
    w.text("نص عربي", ARABIC)
    w.pdf.add_page()
    assert w.pdf.text_shaping is not None and w.pdf.text_shaping["direction"].value == "RTL"
    for font in w.pdf.fonts.values():
        font.close()


@settings(max_examples=15, deadline=None)
@given(notes=st.text(max_size=300), tag=st.text(min_size=1, max_size=30))
def test_any_notes_and_tags_make_a_pdf(notes: str, tag: str) -> None:
    ctx = sample_context()
    c1 = replace(ctx.notebook.claims["c-1"], notes=notes, tags=(tag,), claimant=tag,
                 claimant_link=None)
    nb = replace(ctx.notebook, claims=MappingProxyType({"c-1": c1}))
    # caplog is function-scoped, which Hypothesis refuses; a handler of our own instead.
    handler = _Warnings()
    logging.getLogger("fpdf").addHandler(handler)
    try:
        assert export_pdf(replace(ctx, notebook=nb)).startswith(b"%PDF-")
    finally:
        logging.getLogger("fpdf").removeHandler(handler)
    assert not handler.messages, handler.messages


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def test_a_bad_date_is_a_clear_error() -> None:
    with pytest.raises(ExportFailed, match="not a date like"):
        export_pdf(sample_context(date="15/01/2026"))


@pytest.mark.parametrize("shaped", [True, False], ids=["shaped", "plain"])
@pytest.mark.parametrize(("family", "style", "size"),
                         [("naskh", "", 12.5), ("naskh", "B", 12), ("sans", "", 10),
                          ("sans", "B", 10), ("sans", "I", 9)])
def test_wrapping_widths_match_fpdf2(family: str, style: str, size: float, shaped: bool) -> None:
    """Lines are wrapped with fontmetrics' widths; they must be the widths fpdf2 draws."""
    pdf = FPDF()
    for (fam, sty), name in FONTS.items():
        pdf.add_font(fam, sty, str(resource("fonts", name)))
    pdf.set_fallback_fonts(FALLBACK, exact_match=False)
    pdf.set_font(family, style, size)
    if shaped:
        pdf.set_text_shaping(True, direction="rtl")
    words = ["(الجمعة)", "زيلينسكي،", "Zelensky", "=cmd", "«غير", "الأوكراني", "11.8%",
             "\ufffd", "لا", "غداً", "\u200fناتو", "دبلوماسية 2", "a—b"]
    try:
        for word in words:
            assert metrics().width(word, (family, style), size, shaped) == pytest.approx(
                pdf.get_string_width(word), abs=1e-6), word
    finally:
        for font in pdf.fonts.values():  # output() would close them; this PDF is never written
            font.close()


@needs_pdftotext
@pytest.mark.parametrize("options", [{}, {"include_suggestions": True}],
                         ids=["default", "include_suggestions"])
def test_checker(options: dict[str, bool]) -> None:
    ctx = sample_context(**options)
    validate_pdf(ctx, get("pdf").export(ctx))


@needs_pdftotext
def test_words_of_each_claim_in_both_languages() -> None:
    ctx = sample_context()
    text = pdf_text(export_pdf(ctx))
    langs = set()
    for claim in ctx.notebook.claims.values():
        for lang, q in claim_quotes(ctx, claim).items():
            assert match_words(q.text), "nothing to look for"
            assert not missing_pdf_words(text, q.text), (claim.id, lang)
            langs.add(lang)
    assert langs == {"ar", "en"}
    # Arabic comes out in logical order: a whole phrase is found, not just its words.
    assert "غير مؤكدة تفيد باستهداف مقر معين" in re.sub("[\u202a-\u202e]", "", text)


@needs_pdftotext
def test_header_notes_and_entities() -> None:
    ctx = sample_context()
    text = pdf_text(export_pdf(ctx))
    head = text[:200]
    assert "security guarantees" in head and FIXED_DATE in head and "Test Reader" in head
    for field in ("Claimant: Zelensky", "Tags: diplomacy, ukraine", "confirmed", "disputed"):
        assert field in text
    for note in ctx.notebook.notes.values():
        assert not missing_pdf_words(text, note.text)
    assert not missing_pdf_words(text, "Donald Trump دونالد ترمب Sergey Lebedev")


@needs_pdftotext
def test_arabic_value_with_a_number_reads_right_to_left() -> None:
    """fpdf2 reorders a single level of bidi runs; a tag like "المرحلة 2" inside the
    left-to-right Tags line must still show the number on the left of the word."""
    ctx = sample_context()
    c1 = replace(ctx.notebook.claims["c-1"], tags=("first", "المرحلة 2"))
    nb = replace(ctx.notebook, claims=MappingProxyType({"c-1": c1}))
    out = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=export_pdf(replace(ctx,
                         notebook=nb)), capture_output=True, check=True).stdout.decode()
    words = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<', out)
    tags_y = next(float(y) for _, y, w in words if w == "Tags:")
    # Arabic is set larger than Latin, so its box starts a little higher on the same line.
    x = {w: float(pos) for pos, y, w in words if abs(float(y) - tags_y) < 4}
    word = next(w for w in x if "ةلحرملا" in w)  # pdftotext -bbox gives glyph (visual) order
    assert x["first,"] < x["2"] < x[word]


def test_rtl_islands_cut_an_english_paragraph_where_the_bidi_levels_change() -> None:
    para = "Source: بيان رقم 25 لعام 2024 (page 3), see (قرار 7) now."
    assert rtl_islands(para) == ["Source: ", "بيان رقم 25 لعام 2024", " ", "(page ", "3), ",
                                 "see ", "(", "قرار 7", ") ", "now."]
    assert rtl_islands("plain English") == ["plain ", "English"]


@needs_pdftotext
def test_an_english_note_quoting_arabic_with_numbers_reads_in_bidi_order() -> None:
    """Notes paragraphs go through ``text``: an Arabic island holding numbers inside an English
    sentence must read 2024 ... 25 ... بيان from left to right (the island is right to left)."""
    ctx = sample_context()
    note = Note("n-mixed", "document", "Source: بيان رقم 25 لعام 2024 (page 3) today")
    nb = ctx.notebook.with_note(note)
    out = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=export_pdf(replace(ctx,
                         notebook=nb)), capture_output=True, check=True).stdout.decode()
    words = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<', out)
    line_y = next(float(y) for _, y, w in words if w == "today")
    x = {w: float(pos) for pos, y, w in words if abs(float(y) - line_y) < 4}
    bayan = next(w for w in x if "نايب" in w or "بيان" in w)
    assert x["Source:"] < x["2024"] < x["25"] < x[bayan] < x["(page"] < x["today"]


def thousand_claims() -> ExportContext:
    """A 5,000-pair document with 1,000 two-language claims of sample-sized sentences."""
    base = sample_context().doc
    ar = [p.split(".")[0] for p in base.texts["ar"].split("\n") if p.strip()]
    en = [p.split(".")[0] for p in base.texts["en"].split("\n") if p.strip()]
    n = 5000
    doc = BilingualDocument.from_paragraphs(
        [f"{ar[i % len(ar)][:220]} {i}." for i in range(n)],
        [f"{en[i % len(en)][:220]} {i}." for i in range(n)], title="thousand claims")
    sents = tuple(Sentence(f"{p.lang}:{p.index}", p.lang, p.start, p.end, p.index)
                  for lang in ("ar", "en") for p in doc.paragraphs[lang])
    analysis = Analysis(sents, tuple(Bead((f"ar:{i}",), (f"en:{i}",), 0.9) for i in range(n)))
    nb = Notebook(doc.content_hash, reader="R")
    for k in range(1000):
        i = 5 * k
        nb = nb.with_claim(Claim(
            f"c{k}", (analysis.sentence(f"ar:{i}").span, analysis.sentence(f"en:{i}").span),
            (f"ar:{i}", f"en:{i}"), claimant="زيلينسكي", cue="قال / said",
            status=("confirmed", "false", "unverified")[k % 3], tags=("ukraine", "دبلوماسية 2"),
            notes="Checked against the statement." if k % 2 else ""))
    return ExportContext(doc, analysis, nb, ExportOptions(date=FIXED_DATE))


@pytest.mark.slow
def test_thousand_claims_make_one_valid_pdf() -> None:
    # Speed is measured by tests/bench/bench_export.py, not asserted here (shared machines).
    data = export_pdf(thousand_claims())
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
