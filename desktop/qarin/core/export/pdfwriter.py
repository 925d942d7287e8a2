"""Layout for the notes PDF on top of fpdf2: paragraphs wrapped by word, Arabic shaped and
right to left, mixed-direction label lines, and the fonts Qarin bundles.

Speed (1,000 claims must take a few seconds, not the forty fpdf2's ``multi_cell`` needs):
``multi_cell`` re-shapes the whole line so far after every character it adds, and
``get_string_width`` runs bidi, fallback and HarfBuzz in Python on every call. Here each
paragraph is wrapped once by word widths from fontmetrics (read from the fonts, the same numbers
fpdf2 draws with; each distinct word measured once), and every line is drawn with one ``cell``.
Shaping is only switched on for text holding right-to-left letters: Latin lines go through
``FPDF.text``, fpdf2's plain path, many times faster per glyph.
Arabic does not join across spaces, so measuring it word by word is exact up to kerning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from bidi import get_base_level
from fpdf import FPDF
from fpdf.bidi import BidiParagraph
from fpdf.enums import TextDirection, XPos, YPos

from qarin.core.export.fontmetrics import Metrics
from qarin.core.export.textsafe import strip_controls
from qarin.paths import resource

# Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo..., presentation forms).
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")



def has_rtl(text: str) -> bool:
    return _RTL.search(text) is not None


def rtl_islands(para: str) -> list[str]:
    """A left-to-right paragraph cut into its words and its right-to-left islands.

    An island is everything the Unicode bidi algorithm puts above the paragraph's level: Arabic
    with the numbers inside it (بيان رقم 25 لعام 2024).  fpdf2 reorders only one level, so in a
    left-to-right cell such an island comes out scrambled; drawn as a right-to-left cell of its
    own (``inline``) it reads right, and the words around it still wrap one by one.
    """
    bidi = BidiParagraph(para, base_direction=TextDirection.LTR)
    levels = [c.embedding_level for c in bidi.get_characters_with_embedding_level()]
    if len(levels) != len(para):  # characters the algorithm drops: draw the paragraph whole
        return [para]
    pieces: list[str] = []
    start = 0
    for i in range(1, len(para) + 1):
        if i == len(para) or (levels[i] > 0) != (levels[start] > 0):
            run = para[start:i]
            pieces += [run] if levels[start] > 0 else _WORD.findall(run)
            start = i
    return pieces


_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\S+\s*|\s+")
_LATIN = re.compile("[A-Za-z]")
# Runs that end after punctuation: where a word too long for a line may break.
_BREAK_AFTER = re.compile(r"[^،,.;:!?؛/&=-]*[،,.;:!?؛/&=-]+|[^،,.;:!?؛/&=-]+")

FALLBACK = ["sans", "naskh"]
FONTS: dict[tuple[str, str], str] = {
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
def metrics() -> Metrics:
    """Widths of the bundled fonts, read once per process (they never change)."""
    files = {key: resource("fonts", name) for key, name in FONTS.items()}
    return Metrics(files, FALLBACK)


@cache
def _covered() -> frozenset[int]:
    """Code points some bundled font can draw; the rest become U+FFFD (fpdf2 would drop them)."""
    return frozenset(cp for m in metrics().fonts.values() for cp in m.widths)


def printable(text: str) -> str:
    """``text`` with tabs as spaces, no control characters, and no glyph-less characters."""
    covered = _covered()
    text = strip_controls(text.replace("\t", "    "))
    if covered.issuperset(map(ord, text)):
        return text
    return "".join(c if ord(c) in covered or c in "\r\n" else "\ufffd" for c in text)


class _Pdf(FPDF):
    """fpdf2 with a running footer: the page number."""

    def footer(self) -> None:
        # The writer keeps track of the shaping state; leave it as the page left it.
        shaping = self.text_shaping
        self.set_text_shaping(False)
        self.set_y(-12)
        self.set_font("sans", "", 8)
        self.set_text_color(110)
        self.cell(0, 5, f"{self.page_no()} / {{nb}}", align="R")
        self.set_text_color(0)
        self.text_shaping = shaping


class PdfWriter:
    """Wraps and draws paragraphs; word widths are cached per font, size and shaping."""

    def __init__(self) -> None:
        pdf = _Pdf(format="A4", unit="mm")
        for (family, style), file in FONTS.items():
            pdf.add_font(family, style, str(resource("fonts", file)))
        # A Latin letter in Arabic text is drawn by Noto Sans, an Arabic one in English by Naskh.
        pdf.set_fallback_fonts(FALLBACK, exact_match=False)
        pdf.set_margins(18, 16, 18)
        pdf.set_auto_page_break(True, margin=18)
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
        """Width of ``word`` in the current font (see fontmetrics: fpdf2's own measure costs
        more than drawing)."""
        pdf = self.pdf
        key = (pdf.font_family, pdf.font_style, pdf.font_size_pt, shaped, word)
        w = self._widths.get(key)
        if w is None:
            w = self._widths[key] = metrics().width(
                word, (pdf.font_family, pdf.font_style), pdf.font_size_pt, shaped)
        return w

    def _split_long(self, word: str, avail: float, shaped: bool) -> Iterator[str]:
        """A word wider than the line (a URL, a sentence typed without spaces) in pieces that
        fit: broken after punctuation where it can be, else between characters."""
        piece = ""
        for chunk in _BREAK_AFTER.findall(word):
            if self._width(piece + chunk, shaped) <= avail:
                piece += chunk
                continue
            if piece:
                yield piece
            piece = ""
            for ch in chunk if self._width(chunk, shaped) > avail else [chunk]:
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
            shaped = bool(_RTL.search(para)) or is_rtl
            if shaped and not is_rtl:
                self.inline(rtl_islands(para), style)
                continue
            self._use(arabic_variant(style) if is_rtl else style)
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
        values = [v for v in values if printable(v).strip()]
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
        # Control characters print as nothing; an empty piece has no direction to draw in.
        pieces = [q for p in pieces if (q := _SPACES.sub(" ", printable(p)))]
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


