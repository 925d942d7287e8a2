"""Decide which language a run of text is in, by its letters."""

from __future__ import annotations

import unicodedata

from qarin.core.document import Lang

_ARABIC_BLOCKS = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x08A0, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)


def is_arabic_char(ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _ARABIC_BLOCKS)


def is_latin_letter(ch: str) -> bool:
    return (ch.isalpha() and ch.isascii()) or (
        ch.isalpha() and "LATIN" in unicodedata.name(ch, "")
    )


def letter_counts(text: str) -> tuple[int, int]:
    """(Arabic letters, Latin letters) in ``text``."""
    ar = la = 0
    for ch in text:
        if not ch.isalpha():
            continue
        if is_arabic_char(ch):
            ar += 1
        elif is_latin_letter(ch):
            la += 1
    return ar, la


def paragraph_language(text: str) -> Lang | None:
    """The language of a paragraph, by majority of its letters; None when it has neither.

    Arabic text quotes Latin names and English text quotes Arabic words, so a plain majority
    is the right test rather than "any Arabic letter".
    """
    ar, la = letter_counts(text)
    if ar == 0 and la == 0:
        return None
    return "ar" if ar >= la else "en"
