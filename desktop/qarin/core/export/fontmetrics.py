"""Text widths as fpdf2 will draw them, for wrapping lines, at a fraction of fpdf2's cost.

fpdf2's ``get_string_width`` runs its bidi algorithm and font fallback in Python and shapes
with HarfBuzz on every call (about 0.3 ms a word); wrapping a thousand claims asks for tens of
thousands of distinct words. Here each font's advance widths are read once and shaped widths
come straight from uharfbuzz, with fpdf2's rounding (thousandths of an em, half up) and its
fallback rule (the first fallback font that has the character, same style preferred), so the
widths match what fpdf2 then draws.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import uharfbuzz as hb
from fontTools.ttLib import TTFont

PT_PER_MM = 72 / 25.4


class FontMetrics:
    """One font file: which characters it has, and how wide text is in it (in 1/1000 em)."""

    def __init__(self, path: Path) -> None:
        font = TTFont(str(path), lazy=True)
        try:
            self.scale = 1000 / font["head"].unitsPerEm
            advances = font["hmtx"].metrics
            self.widths: dict[int, int] = {
                cp: round(self.scale * advances[glyph][0] + 0.001)
                for cp, glyph in font.getBestCmap().items()
            }
        finally:
            font.close()
        self._hb = hb.Font(hb.Face(hb.Blob.from_file_path(str(path))))

    def has(self, ch: str) -> bool:
        return ord(ch) in self.widths

    def plain(self, text: str) -> int:
        """Width without shaping: the sum of the characters' advances, as fpdf2 draws it."""
        return sum(self.widths.get(ord(c), 0) for c in text)

    def shaped(self, text: str) -> int:
        """Width after HarfBuzz shaping (joining forms, ligatures, kerning)."""
        buf = hb.Buffer()
        buf.add_str(text)
        buf.guess_segment_properties()
        hb.shape(self._hb, buf, {})
        return sum(round(self.scale * p.x_advance + 0.001) for p in buf.glyph_positions)


class Metrics:
    """The fonts of one PDF, keyed like fpdf2's (family, style), and its fallback order."""

    def __init__(self, files: Mapping[tuple[str, str], Path], fallback: Sequence[str]) -> None:
        self.fonts = {key: FontMetrics(path) for key, path in files.items()}
        self.fallback = [key for family in fallback for key in files if key[0] == family]

    def _font_for(self, ch: str, key: tuple[str, str]) -> tuple[str, str]:
        if self.fonts[key].has(ch):
            return key
        having = [k for k in self.fallback if self.fonts[k].has(ch)]
        same_style = [k for k in having if k[1] == key[1]]
        return (same_style or having or [key])[0]

    def runs(self, text: str, key: tuple[str, str]) -> Iterator[tuple[tuple[str, str], str]]:
        """``text`` cut where the font changes, as fpdf2 cuts it into fragments."""
        start, current = 0, None
        for i, ch in enumerate(text):
            font = self._font_for(ch, key)
            if font != current:
                if current is not None:
                    yield current, text[start:i]
                start, current = i, font
        if current is not None:
            yield current, text[start:]

    def width(self, text: str, key: tuple[str, str], size_pt: float, shaped: bool) -> float:
        """Width in millimetres of ``text`` set in font ``key`` at ``size_pt`` points."""
        units = 0
        for font, run in self.runs(text, key):
            m = self.fonts[font]
            units += m.shaped(run) if shaped else m.plain(run)
        return units * size_pt / 1000 / PT_PER_MM
