"""PDF of the reader's notes: each claim in Arabic and English with claimant, status, tags and
notes, then the document notes and the entities. Made with fpdf2; Arabic goes through its
HarfBuzz text shaping and bidi algorithm, so letters join, runs read right to left, and the text
stays searchable and extractable (the PDF holds the original characters behind each glyph).

Speed (1,000 claims must take a second or two, not the half minute fpdf2's ``multi_cell``
needs): ``multi_cell`` re-shapes the whole line so far after every character it adds, so
wrapping costs the square of the line length in HarfBuzz calls. Here each paragraph is wrapped
once by word widths (each distinct word measured once, then cached) and every line is drawn
with one ``cell``. Shaping is only switched on for text holding right-to-left letters: Latin
text needs no HarfBuzz and fpdf2's plain path is several times faster per glyph.
Arabic does not join across spaces, so measuring it word by word is exact up to kerning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import cache
from typing import ClassVar

from bidi import get_base_level
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from qarin.core.export.base import ExportContext, ExportResult
from qarin.core.export.content import claim_quotes, claimant_name, export_date, exported_claims
from qarin.core.export.registry import register
from qarin.core.export.textsafe import strip_controls
from qarin.core.model import EntityMention
from qarin.core.notes.model import Claim, Note
from qarin.paths import resource

# Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo..., presentation forms).
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")

_SPACES = re.compile(r"\s+")
_LATIN = re.compile("[A-Za-z]")

_FONTS: dict[tuple[str, str], str] = {
    ("naskh", ""): "NotoNaskhArabic-Regular.ttf",
    ("naskh", "B"): "NotoNaskhArabic-Bold.ttf",
    ("sans", ""): "NotoSans-Regular.ttf",
    ("sans", "B"): "NotoSans-Bold.ttf",
    ("sans", "I"): "NotoSans-Italic.ttf",
}


@dataclass(frozen=True)
class Style:
    family: str
    style: str
    size: float  # points
    leading: float  # line height, mm


# Arabic about 1.2x the Latin size (DESIGN: "Text, offsets and Arabic").
TITLE = Style("sans", "B", 16, 8)
HEADING = Style("sans", "B", 12, 7)
LABEL = Style("sans", "B", 10, 5.5)
LATIN = Style("sans", "", 10, 5.2)
SMALL = Style("sans", "", 8.5, 4.4)
ARABIC = Style("naskh", "", 12.5, 7.6)
ARABIC_SMALL = Style("naskh", "", 10.5, 6.4)


def arabic_variant(style: Style) -> Style:
    """The Naskh style beside a Latin one: Naskh looks small at the Latin point size."""
    if style.family == "naskh":
        return style
    return Style("naskh", "B" if "B" in style.style else "", round(style.size * 1.2, 1),
                 round(style.leading * 1.15, 1))


@cache
def _covered() -> frozenset[int]:
    """Code points some bundled font can draw; the rest become U+FFFD (fpdf2 would drop them)."""
    points: set[int] = set()
    for name in {_FONTS[("naskh", "")], _FONTS[("sans", "")]}:
        font = TTFont(str(resource("fonts", name)), lazy=True)
        points.update(font.getBestCmap())
        font.close()
    return frozenset(points)


def printable(text: str) -> str:
    """``text`` with tabs as spaces, no control characters, and no glyph-less characters."""
    covered = _covered()
    text = strip_controls(text.replace("\t", "    "))
    if covered.issuperset(map(ord, text)):
        return text
    return "".join(c if ord(c) in covered or c in "\r\n" else "\ufffd" for c in text)


class _Pdf(FPDF):
    """fpdf2 with a running footer: document title and page number."""

    footer_text = ""

    def footer(self) -> None:
        self.set_text_shaping(False)
        self.set_y(-12)
        self.set_font("sans", "", 8)
        self.set_text_color(110)
        self.cell(0, 5, f"{self.page_no()} / {{nb}}", align="R")
        self.set_text_color(0)


class _Writer:
    """Wraps and draws paragraphs; word widths are cached per font, size and shaping."""

    def __init__(self, title: str) -> None:
        pdf = _Pdf(format="A4", unit="mm")
        for (family, style), file in _FONTS.items():
            pdf.add_font(family, style, str(resource("fonts", file)))
        # A Latin letter in Arabic text is drawn by Noto Sans, an Arabic one in English by Naskh.
        pdf.set_fallback_fonts(["sans", "naskh"], exact_match=False)
        pdf.set_margins(18, 16, 18)
        pdf.set_auto_page_break(True, margin=18)
        pdf.footer_text = title
        self.pdf = pdf
        self._widths: dict[tuple[str, str, float, bool, str], float] = {}
        self._shaping: tuple[bool, str] | None = None

    # -- low level ----------------------------------------------------------------------------

    def _set_shaping(self, on: bool, direction: str) -> None:
        if self._shaping != (on, direction):
            if on:
                self.pdf.set_text_shaping(True, direction=direction)
            else:
                self.pdf.set_text_shaping(False)
            self._shaping = (on, direction)

    def _width(self, word: str, shaped: bool) -> float:
        pdf = self.pdf
        key = (pdf.font_family, pdf.font_style, pdf.font_size_pt, shaped, word)
        w = self._widths.get(key)
        if w is None:
            w = self._widths[key] = pdf.get_string_width(word)
        return w

    def _split_long(self, word: str, avail: float, shaped: bool) -> Iterator[str]:
        """A word wider than the line (a URL, a hash) in pieces that fit."""
        piece = ""
        for ch in word:
            if piece and self._width(piece + ch, shaped) > avail:
                yield piece
                piece = ""
            piece += ch
        if piece:
            yield piece

    def _lines(self, text: str, shaped: bool) -> list[str]:
        """Greedy word wrap by cached word widths."""
        avail = self.pdf.epw - 2 * self.pdf.c_margin
        space = self._width(" ", shaped)
        lines: list[str] = []
        words: list[str] = []
        used = 0.0
        for word in text.split():
            w = self._width(word, shaped)
            pieces = [word] if w <= avail else list(self._split_long(word, avail, shaped))
            for piece in pieces:
                w = w if len(pieces) == 1 else self._width(piece, shaped)
                # 1% slack for kerning between words, which word widths do not see.
                if words and used + space + w > avail * 0.99:
                    lines.append(" ".join(words))
                    words, used = [], 0.0
                used += w + (space if words else 0.0)
                words.append(piece)
        if words:
            lines.append(" ".join(words))
        return lines

    def _use(self, style: Style) -> None:
        # Called before every measure and draw: after a shaped cell that fell back to another
        # font, fpdf2 keeps that font current while font_family still names the first one.
        self.pdf.set_font(style.family, style.style, style.size)

    def _plain_line(self, line: str, style: Style) -> None:
        """A left-to-right line with no shaping: ``FPDF.text`` at the baseline ``cell`` would
        use, about thirty times faster than ``cell`` since it skips fragments and bidi."""
        pdf, height = self.pdf, style.leading
        if pdf.will_page_break(height):
            pdf.add_page()
        self._use(style)
        y = pdf.get_y()
        pdf.text(pdf.l_margin + pdf.c_margin, y + 0.5 * height + 0.3 * pdf.font_size, line)
        pdf.set_xy(pdf.l_margin, y + height)

    # -- paragraphs ---------------------------------------------------------------------------

    def text(self, text: str, style: Style, *, rtl: bool | None = None, gap: float = 0) -> None:
        """Draw ``text`` (line breaks kept); ``rtl`` None: each paragraph's own direction."""
        pdf = self.pdf
        for para in printable(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            if not para.strip():
                pdf.ln(style.leading * 0.6)
                continue
            is_rtl = get_base_level(para) == 1 if rtl is None else rtl
            self._use(arabic_variant(style) if is_rtl else style)
            shaped = bool(_RTL.search(para)) or is_rtl
            self._set_shaping(shaped, "rtl" if is_rtl else "ltr")
            for line in self._lines(para, shaped):
                if shaped:
                    pdf.cell(0, style.leading, line, align="R" if is_rtl else "L",
                             new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                else:
                    self._plain_line(line, style)
        if gap:
            pdf.ln(gap)

    def field(self, label: str, values: Sequence[str]) -> None:
        """``Label: a, b, c``; nothing when there are no values."""
        values = [v for v in values if v.strip()]
        if values:
            pieces = [f"{label}: "]
            for v in values[:-1]:
                pieces += [v, ", "]
            self.inline([*pieces, values[-1]])

    def inline(self, pieces: Sequence[str], style: Style = LATIN) -> None:
        """Pieces side by side from the left, wrapped like words, each in its own direction.

        fpdf2 reorders only one level of bidi runs, so Arabic holding a number, or followed by
        a bracket, inside a left-to-right line comes out scrambled; in a ``cell`` of its own
        whose paragraph direction is right-to-left (where fpdf2 is right) it reads correctly.
        """
        pieces = [_SPACES.sub(" ", printable(p)) for p in pieces]
        pdf = self.pdf
        left = pdf.l_margin + pdf.c_margin
        right = pdf.w - pdf.r_margin - pdf.c_margin
        x, open_line = left, False
        for piece in pieces:
            rtl = get_base_level(piece) == 1
            # Arabic gets its larger size unless Latin words share the piece.
            self._use(arabic_variant(style) if rtl and not _LATIN.search(piece) else style)
            shaped = rtl or bool(_RTL.search(piece))
            self._set_shaping(shaped, "rtl" if rtl else "ltr")
            width = self._width(piece, shaped)
            if open_line and x + width > right:
                pdf.ln(style.leading)
                x, open_line = left, False
            if not open_line and width > right - left:  # longer than a line: its own paragraph
                self.text(piece, style, rtl=rtl)
                continue
            if not open_line and pdf.will_page_break(style.leading):
                pdf.add_page()
            y = pdf.get_y()
            if shaped:
                pdf.set_x(x - pdf.c_margin)
                pdf.cell(width + 2 * pdf.c_margin, style.leading, piece,
                         align="R" if rtl else "L")
            else:
                pdf.text(x, y + 0.5 * style.leading + 0.3 * pdf.font_size, piece)
            pdf.set_y(y)
            x, open_line = x + width, True
        if open_line:
            pdf.ln(style.leading)

    def rule(self) -> None:
        pdf = self.pdf
        pdf.set_draw_color(200)
        pdf.line(pdf.l_margin, pdf.get_y() + 1.5, pdf.w - pdf.r_margin, pdf.get_y() + 1.5)
        pdf.ln(4)


def _claim(w: _Writer, ctx: ExportContext, n: int, claim: Claim) -> None:
    quotes = claim_quotes(ctx, claim)
    if w.pdf.will_page_break(30):
        w.pdf.add_page()
    w.text(f"Claim {n} — {claim.status}", LABEL, rtl=False, gap=1)
    if "ar" in quotes:
        w.text(quotes["ar"].text, ARABIC, rtl=True)
    if "en" in quotes:
        w.text(quotes["en"].text, LATIN, rtl=False, gap=1)
    w.field("Claimant", [claimant_name(ctx, claim)])
    w.field("Cue", [claim.cue])
    w.field("Tags", claim.tags)
    if claim.notes:
        w.text("Notes:", LABEL, rtl=False)
        w.text(claim.notes, LATIN)
    for ev in claim.evidence:
        w.field("Evidence", [ev.value, ev.note])
    w.rule()


def _note(w: _Writer, ctx: ExportContext, note: Note) -> None:
    quoted = [ctx.doc.text(s) for s in note.spans]
    quoted += [ctx.doc.text(ctx.analysis.sentence(sid).span) for sid in note.sentences]
    for q in quoted:
        w.text(q, ARABIC_SMALL if _RTL.search(q) else SMALL)
    w.text(note.text, LATIN)
    w.rule()


def _entities(w: _Writer, ctx: ExportContext) -> None:
    mentions = {m.id: m for m in ctx.analysis.entities}
    for link in ctx.analysis.links:
        pieces: list[str] = []
        for name in (link.names.get("en"), link.names.get("ar")):
            if name:
                pieces += [" — ", name] if pieces else [name]
        count = sum(1 for m in link.mentions if m in mentions)
        w.inline([*pieces, f" ({link.label}, {count} mentions)"])
    linked = {m for link in ctx.analysis.links for m in link.mentions}
    others = _counted(m for m in ctx.analysis.entities if m.id not in linked)
    for (text, label), count in others.items():
        w.inline([text, f" ({label}{f', {count} mentions' if count > 1 else ''})"], SMALL)


def _counted(mentions: Iterable[EntityMention]) -> dict[tuple[str, str], int]:
    out: dict[tuple[str, str], int] = {}
    for m in mentions:
        out[(m.text, m.label)] = out.get((m.text, m.label), 0) + 1
    return out


def render(ctx: ExportContext) -> bytes:
    """The notes PDF for ``ctx``."""
    title = ctx.doc.title or ctx.notebook.title or "Untitled document"
    day = export_date(ctx)
    w = _Writer(title)
    pdf = w.pdf
    pdf.set_title(title)
    pdf.set_creator("Qarin")
    if ctx.notebook.reader:
        pdf.set_author(ctx.notebook.reader)
    # The chosen date, not the clock: the same notes give the same PDF.
    pdf.set_creation_date(datetime.combine(date.fromisoformat(day), time(), UTC))
    pdf.add_page()
    w.text(title, TITLE)
    w.text(f"Notes exported {day}" + (f" by {ctx.notebook.reader}" if ctx.notebook.reader
                                      else ""), SMALL, rtl=False, gap=4)
    claims = exported_claims(ctx)
    w.text(f"Claims ({len(claims)})", HEADING, rtl=False, gap=1)
    for n, claim in enumerate(claims, 1):
        _claim(w, ctx, n, claim)
    if ctx.notebook.notes:
        w.text(f"Notes ({len(ctx.notebook.notes)})", HEADING, rtl=False, gap=1)
        for note in ctx.notebook.notes.values():
            _note(w, ctx, note)
    if ctx.analysis.entities:
        w.text("Entities", HEADING, rtl=False, gap=1)
        _entities(w, ctx)
    return bytes(pdf.output())


class PdfExporter:
    name: ClassVar[str] = "pdf"
    title: ClassVar[str] = "PDF of the notes"
    extension: ClassVar[str] = ".pdf"
    media_type: ClassVar[str] = "application/pdf"

    def export(self, ctx: ExportContext) -> ExportResult:
        return ExportResult({"": render(ctx)})


register(PdfExporter())
