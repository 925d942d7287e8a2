"""Arabic spelling normalisation and proclitic splitting shared by the recogniser and its training.

Keys built here are for lookup only (gazetteers, features); offsets always refer to the original
text, so nothing here may change the length of a string that callers slice with.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Harakat, shadda, sukun, dagger alif and Quranic marks carry no identity for names, and
# tatweel and bidi controls are layout.
_DROP = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c-\u200f\u202a-\u202e]"
)
# Writers vary hamza seats on alif, final ya/alif maqsura and ta marbuta/ha for the same name.
_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "ء", "ئ": "ء"}
)
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

# Conjunctions first, then prepositions: وب، فل، وك ... Longest combinations are tried first.
PROCLITICS: tuple[str, ...] = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")
ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")


# Words that never begin or end a name (مع, في, حول ...), written as they are: folded, على
# would be the name علي.  A leading و or ف is allowed (وفي, ومن).  Not إن ("that"), which
# also spells the letter N (إن بي سي, سي إن إن).
_FUNCTION_WORDS = frozenset(
    (
        "مع", "في", "من", "إلى", "الى", "على", "عن", "أو", "او", "ثم", "التي", "الذي", "الذين",
        "هذا", "هذه", "ذلك", "تلك", "أن", "قد", "لقد", "كان", "كانت", "بين", "بعد",
        "قبل", "حتى", "منذ", "عند", "لدى", "مثل", "غير", "كل", "بعض", "هو", "هي", "هم", "حول",
        "خلال", "ضد", "نحو", "لكن", "لأن", "إذا", "اذا", "بينما", "حيث", "أيضا", "أيضاً", "ايضا",
    )
)  # fmt: skip


# Not after و or ف: فاو is a place, واو a letter.
_UNPREFIXED_ONLY = frozenset({"او"})


def is_function_word(word: str) -> bool:
    """Whether a word (as written, diacritics aside) is a preposition, conjunction, pronoun or
    particle that no name begins or ends with."""
    bare = _DROP.sub("", word)
    rest = bare[1:]
    return bare in _FUNCTION_WORDS or (
        bare[:1] in ("و", "ف") and rest in _FUNCTION_WORDS and rest not in _UNPREFIXED_ONLY
    )


def normalise(word: str) -> str:
    """Fold spelling variants so that أوكرانيا, اوكرانيا and أوكرانيَا share one key."""
    return _DROP.sub("", word).translate(_FOLD).translate(_ARABIC_DIGITS)


def is_arabic(word: str) -> bool:
    return ARABIC_LETTER.search(word) is not None


def clitic_candidates(word: str) -> list[tuple[str, str]]:
    """(proclitic, rest) pairs the word could be split into, longest proclitic first.

    ل before the article drops the article's alif (ل + القوات → للقوات), so such a word has no
    substring that is the bare noun; it is never offered for splitting at the ل.
    """
    out: list[tuple[str, str]] = []
    bare = _DROP.sub("", word)
    if len(bare) < 4 or not is_arabic(bare[:1]):
        return out
    for p in PROCLITICS:
        if not word.startswith(p):
            continue
        rest = word[len(p) :]
        if len(_DROP.sub("", rest)) < 2:
            continue
        if p.endswith("ل") and rest.startswith("ل"):
            continue
        out.append((p, rest))
    return out


def strip_proclitic(
    word: str,
    frequency: Callable[[str], int],
    is_name: Callable[[str], bool] | None = None,
) -> int:
    """How many leading code points of `word` are a proclitic and not part of a name.

    A split is taken when the rest starts with the article (بالعراق، والقدس) or when the rest is
    far more common as a word of its own than the whole (لروسيا → روسيا but لبنان stays), or when
    the rest is a known name and the whole is not (وزيلينسكي).  `frequency` takes normalised keys.
    """
    whole_key = normalise(word)
    whole_freq = frequency(whole_key)
    whole_is_name = is_name(whole_key) if is_name else False
    for p, rest in clitic_candidates(word):
        rest_key = normalise(rest)
        rest_freq = frequency(rest_key)
        rest_is_name = is_name(rest_key) if is_name else False
        if rest_key.startswith("ال") and len(rest_key) >= 4:
            if whole_is_name and not rest_is_name and rest_freq < whole_freq:
                continue
            return len(p)
        if rest_freq >= 2 and rest_freq > 3 * whole_freq and not whole_is_name:
            return len(p)
        if rest_is_name and not whole_is_name and whole_freq <= rest_freq:
            return len(p)
    return 0


def stem_key(word: str, cut: int) -> str:
    """Normalised word without its proclitic (the first `cut` code points): the key that lets
    والعراق and للعراق share العراق's gazetteer entry and embedding row."""
    rest = normalise(word[cut:])
    if rest.startswith("لل") and len(rest) > 4:
        # ل + ال: the article lost its alif; restore it for the lookup key only.
        return "ا" + rest[1:]
    return rest
