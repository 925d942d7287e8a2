"""Anchors that survive translation: numbers, written in either digit system."""

from __future__ import annotations

import re

from qarin.core.text.normalize import to_western_digits

_NUMBER = re.compile(r"\d+(?:[.,٫٬]\d+)*")


def numbers_in(text: str) -> frozenset[str]:
    """Numbers in ``text`` with separators dropped, so 1,000 / ١٬٠٠٠ / 1000 agree."""
    return frozenset(
        re.sub(r"[.,٫٬]", "", n) for n in _NUMBER.findall(to_western_digits(text))
    )


def anchor_agreement(ar: frozenset[str], en: frozenset[str]) -> float:
    """+1 when both sides carry the same numbers, -1 when they disagree, 0 with none."""
    if not ar and not en:
        return 0.0
    shared = len(ar & en)
    return (2 * shared - len(ar ^ en)) / len(ar | en)
