"""Arabic normalisation for matching and search only, never for display."""

from __future__ import annotations

import re

_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_TABLE = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
    }
)


def normalize_arabic(text: str) -> str:
    """Strip tashkeel and tatweel, unify alef forms, ى→ي, ة→ه, Arabic-Indic digits → 0-9.

    Removes characters, so offsets into the result do not map back to the original text.
    """
    return _TASHKEEL.sub("", text).translate(_TABLE)


def to_western_digits(text: str) -> str:
    return text.translate(
        {**{0x0660 + i: str(i) for i in range(10)}, **{0x06F0 + i: str(i) for i in range(10)}}
    )
