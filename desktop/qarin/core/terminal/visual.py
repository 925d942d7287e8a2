"""Arabic for targets with no shaping engine: reshape to presentation forms, then reorder.

Only for terminals and glyph-by-glyph renderers; Qt and PDF engines with HarfBuzz get the
logical text. Lines are wrapped first and each line is reshaped and reordered on its own:
doing it the other way round reverses the order of the lines' words across lines.
"""

from __future__ import annotations

import unicodedata
from functools import cache

import arabic_reshaper
from bidi.algorithm import get_display


@cache
def _reshaper() -> arabic_reshaper.ArabicReshaper:
    # Keep harakat: the reader's text is not ours to strip.
    return arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})


def visual_line(line: str, rtl: bool = True) -> str:
    """One logical line as it should be drawn left to right.

    bidi.algorithm's pure-Python get_display mirrors brackets; bidi 0.6's top-level one does
    not, and "(زيلينسكي)" would come out as ")…(".
    """
    shaped = _reshaper().reshape(line)
    return str(get_display(shaped, base_dir="R" if rtl else "L"))


def display_width(text: str) -> int:
    """Terminal columns: combining marks take none, wide (CJK, emoji) characters take two."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width
