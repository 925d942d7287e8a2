"""The one place that converts code-point offsets (core) to Qt's UTF-16 positions and back.

Core spans count Unicode code points; QString, QTextCursor and QTextDocument count UTF-16 code
units, so every character outside the Basic Multilingual Plane (emoji, some CJK, math letters)
shifts Qt positions by one. ``OffsetMap`` precomputes where those characters are, so both
directions are a binary search (and the identity for the usual all-BMP text).

A QTextDocument built with ``setPlainText(text)`` has one position per UTF-16 unit of ``text``
(each newline becomes a block separator occupying one position), so these maps apply to
document positions directly.
"""

from __future__ import annotations

import re
from bisect import bisect_left

__all__ = ["OffsetMap", "utf16_len"]

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (what Qt calls its length)."""
    return len(text.encode("utf-16-le")) // 2


class OffsetMap:
    """Code points <-> UTF-16 positions for one text."""

    __slots__ = ("_astral_cp", "_astral_qt", "_cp_len", "_qt_len")

    def __init__(self, text: str) -> None:
        if len(text.encode("utf-16-le")) == 2 * len(text):  # fast path: all in the BMP
            astral: list[int] = []
        else:
            astral = [m.start() for m in _ASTRAL.finditer(text)]
        self._astral_cp = astral
        # The UTF-16 position where each astral character's surrogate pair starts.
        self._astral_qt = [cp + n for n, cp in enumerate(astral)]
        self._cp_len = len(text)
        self._qt_len = len(text) + len(astral)

    @property
    def cp_length(self) -> int:
        return self._cp_len

    @property
    def qt_length(self) -> int:
        return self._qt_len

    def to_qt(self, cp: int) -> int:
        """UTF-16 position of code point offset ``cp`` (clamped to the text)."""
        cp = min(max(cp, 0), self._cp_len)
        if not self._astral_cp:
            return cp
        return cp + bisect_left(self._astral_cp, cp)

    def to_cp(self, qt: int) -> int:
        """Code point offset of UTF-16 position ``qt``; inside a surrogate pair it rounds down
        to the character's own offset."""
        qt = min(max(qt, 0), self._qt_len)
        if not self._astral_qt:
            return qt
        return qt - bisect_left(self._astral_qt, qt)

    def range_to_qt(self, start: int, end: int) -> tuple[int, int]:
        return self.to_qt(start), self.to_qt(end)

    def range_to_cp(self, start: int, end: int) -> tuple[int, int]:
        """A UTF-16 range as code points; an end inside a surrogate pair takes the whole pair."""
        cp_end = self.to_cp(end)
        if self.to_qt(cp_end) < min(max(end, 0), self._qt_len):
            cp_end += 1
        return self.to_cp(start), cp_end
