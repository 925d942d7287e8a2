"""How alike an Arabic name and a Latin name sound: consonant skeletons and an edit distance.

Vowels are unreliable across the two scripts (Arabic writes short vowels rarely, and long
vowels ا و ي stand for many Latin spellings), so both names are reduced to consonant
classes and compared with a weighted Levenshtein distance in which near classes (g~k, g~j,
s~sh, t~s, f~w) cost half.  زيلينسكي and Zelensky both become S L N S K.

Public functions: ``name_similarity`` (whole names), ``surname_similarity`` (last words),
``arabic_skeleton``/``latin_skeleton`` and ``skeleton_similarity``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from qarin.core.text.normalize import normalize_arabic

# Arabic letter -> consonant class; letters not listed (ا و ي ى ع ء ة and hamza seats) are
# vowels or glides for this purpose and are dropped, except a word-initial و.
_AR_CLASS = {
    "ب": "B", "پ": "B",
    "ت": "T", "ط": "T", "د": "T", "ض": "T", "ذ": "T", "ظ": "T", "ث": "T",
    "ج": "J", "چ": "C",
    "ح": "H", "ه": "H",
    "خ": "K", "ق": "K", "ك": "K", "گ": "G",
    "غ": "G",
    "ر": "R",
    "ز": "S", "س": "S", "ص": "S",
    "ش": "C",
    "ف": "F", "ڤ": "F",
    "ل": "L", "م": "M", "ن": "N",
}  # fmt: skip
# Latin digraphs first, then single letters; vowels and y are dropped.
_LATIN_DIGRAPHS = (
    ("sch", "C"), ("tch", "C"), ("sh", "C"), ("ch", "C"), ("zh", "J"), ("kh", "K"),
    ("gh", "G"), ("th", "T"), ("dh", "T"), ("ph", "F"), ("ck", "K"), ("ts", "S"),
    ("dj", "J"),
)  # fmt: skip
_LATIN_CLASS = {
    "b": "B", "p": "B", "t": "T", "d": "T", "s": "S", "z": "S", "c": "K", "j": "J",
    "g": "G", "k": "K", "q": "K", "h": "H", "f": "F", "v": "F", "w": "W", "l": "L",
    "r": "R", "m": "M", "n": "N", "x": "KS",
}  # fmt: skip
# Pairs of classes that one script often writes for the other's sound: half a substitution.
# M~N covers nasal variants (Mykolaiv نيكولاييف from Nikolaev, Istanbul إسطنبول).
_NEAR_PAIRS = ("GK", "GJ", "SC", "TS", "FW", "JC", "KH", "MN")
_NEAR = frozenset(frozenset(p) for p in _NEAR_PAIRS)
SHORT_MATCH = 0.8
_AR_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3]+")
_LATIN_WORD = re.compile(r"[a-z]+")


def arabic_variants(word: str) -> tuple[str, ...]:
    """The normalised word with and without proclitics and article (وبالروس → روس).

    Every reading is kept, the whole word first: the first letter of بوتين is not a clitic,
    that of لروسيا is.
    """
    w = normalize_arabic(word)
    out = [w]
    stem = w
    if len(stem) > 3 and stem[0] in ("و", "ف"):
        stem = stem[1:]
        out.append(stem)
    if len(stem) > 3 and stem.startswith("لل"):
        out.append("ال" + stem[2:])
        out.append(stem[2:])
        return tuple(dict.fromkeys(out))
    if len(stem) > 3 and stem[0] in ("ب", "ك", "ل"):
        stem = stem[1:]
        out.append(stem)
    if len(stem) > 3 and stem.startswith("ال"):
        out.append(stem[2:])
    return tuple(dict.fromkeys(out))


def _arabic_word_skeleton(word: str) -> str:
    out = []
    last = len(word) - 1
    for i, ch in enumerate(word):
        if ch == "ت" and i < last and word[i + 1] == "ش":
            continue  # تش writes the sound of Latin ch (أباتشا Abacha)
        if ch == "و" and i == 0:
            out.append("W")
        elif ch == "ه" and i == last:
            continue  # a final ه (ة normalised) is a vowel ending: عائشة Aisha
        else:
            out.append(_AR_CLASS.get(ch, ""))
    return "".join(out)


def _latin_word_skeleton(word: str) -> str:
    out = []
    i = 0
    while i < len(word):
        for graph, cls in _LATIN_DIGRAPHS:
            if word.startswith(graph, i):
                out.append(cls)
                i += len(graph)
                break
        else:
            ch = word[i]
            if ch == "c" and i + 1 < len(word) and word[i + 1] in "eiy":
                out.append("S")  # soft c
            elif ch == "w" and i > 0:
                pass  # an inner w is a vowel glide (Moscow موسكو)
            elif ch == "h" and i > 0 and (i == len(word) - 1 or word[i - 1] in "bcdgkpstz"):
                pass  # silent at the end (Sarah سارة) or after a stop; kept in Ahmed, Alhadi
            else:
                out.append(_LATIN_CLASS.get(ch, ""))
            i += 1
    return "".join(out)


def _collapse(s: str) -> str:
    """Doubled consonants are written once in the other script (Russia روسيا)."""
    return re.sub(r"(.)\1+", r"\1", s)


@lru_cache(maxsize=16384)
def arabic_skeleton(text: str, inner_article: bool = True) -> str:
    """Consonant classes of an Arabic name, words concatenated (clitics are kept).

    With ``inner_article=False`` the article of the second and later words is dropped:
    عبد الهادي is often written Abdul Hadi but as often Abd Hadi or Abdelhadi.
    """
    words = _AR_WORD.findall(normalize_arabic(text))
    if not inner_article:
        words = words[:1] + [w[2:] if w.startswith("ال") and len(w) > 3 else w for w in words[1:]]
    return _collapse("".join(_arabic_word_skeleton(w) for w in words))


@lru_cache(maxsize=16384)
def latin_skeleton(text: str) -> str:
    """Consonant classes of a Latin-script name, words concatenated."""
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return _collapse("".join(_latin_word_skeleton(w) for w in _LATIN_WORD.findall(plain)))


def _indel(cls: str) -> float:
    """h and w come and go between spellings (Abdelhadi, Abdeladi): half a letter."""
    return 0.5 if cls in ("H", "W") else 1.0


def skeleton_similarity(a: str, b: str) -> float:
    """1 - weighted edit distance / length of the longer skeleton; 0 for empty skeletons.

    Skeletons of one or two classes carry little evidence (Aldi and التي are both L T), so
    they must match exactly and even then score only ``SHORT_MATCH``: enough to pair two
    mentions already found, not enough to propose a new one.
    """
    if not a or not b:
        return 0.0
    if min(len(a), len(b)) <= 2:
        return SHORT_MATCH if a == b else 0.0
    prev = [0.0]
    for cb in b:
        prev.append(prev[-1] + _indel(cb))
    for ca in a:
        cur = [prev[0] + _indel(ca)]
        for j, cb in enumerate(b, 1):
            sub = 0.0 if ca == cb else 0.5 if frozenset((ca, cb)) in _NEAR else 1.0
            cur.append(min(prev[j] + _indel(ca), cur[j - 1] + _indel(cb), prev[j - 1] + sub))
        prev = cur
    return max(0.0, 1.0 - prev[-1] / max(len(a), len(b)))


# Words that are translated, not transliterated ("Mykolaiv Oblast" is مقاطعة نيكولاييف,
# "Dalhousie University" جامعة دالهوزي): left out of the comparison when the name has other
# words.
_AR_DESIGNATORS = frozenset(
    normalize_arabic(w)
    for w in (
        "مقاطعة", "محافظة", "ولاية", "إقليم", "منطقة", "مدينة", "بلدة", "قرية", "جزيرة",
        "جزر", "نهر", "بحر", "بحيرة", "جبل", "جبال", "خليج", "مضيق", "ضاحية", "محيط",
        # Organisations and buildings named after a place or a person.
        "جامعة", "كلية", "معهد", "مدرسة", "مستشفى", "شركة", "مجموعة", "مطار", "ملعب", "فندق",
        "متحف", "نادي", "فريق", "صحيفة", "جريدة", "مجلة", "قناة", "وكالة", "مؤسسة", "مركز",
        "حزب", "حركة",
    )
)  # fmt: skip
_LATIN_DESIGNATORS = frozenset(
    (
        "oblast", "province", "governorate", "region", "county", "district", "city", "town",
        "village", "island", "islands", "river", "sea", "lake", "mount", "mountain",
        "mountains", "gulf", "bay", "strait", "krai", "prefecture", "suburb", "neighbourhood",
        "ocean", "strip", "heights", "peninsula", "desert",
        "university", "college", "institute", "school", "hospital", "company", "corporation",
        "corp", "inc", "ltd", "plc", "group", "airport", "stadium", "hotel", "museum", "club",
        "fc", "newspaper", "magazine", "channel", "agency", "foundation", "center", "centre",
        "party", "movement",
    )
)  # fmt: skip


def is_arabic_designator(word: str) -> bool:
    """A word such as مقاطعة or جامعة, which names translate rather than transliterate."""
    return normalize_arabic(word) in _AR_DESIGNATORS


def is_latin_designator(word: str) -> bool:
    """A word such as Oblast, Ocean or University, which names translate."""
    return word.casefold().strip(".,") in _LATIN_DESIGNATORS


def _without_designators(words: list[str], designators: frozenset[str], arabic: bool) -> str:
    def is_designator(w: str) -> bool:
        if arabic:
            return any(v in designators for v in arabic_variants(w))
        return w.casefold().strip(".,") in designators

    kept = [w for w in words if not is_designator(w)]
    return " ".join(kept if kept else words)


# The names of the Latin letters as Arabic writes them, to read an acronym spelt out (سي إن إن
# is CNN, إف بي آي the FBI).  بي is B or P, إي E (آي is I).
_LETTER_NAMES: dict[str, str] = {
    "إيه": "A", "ايه": "A", "أيه": "A", "بي": "BP", "سي": "C", "دي": "D", "إي": "E", "اي": "EI",
    "إف": "F", "اف": "F", "جي": "G", "إتش": "H", "اتش": "H", "إيتش": "H", "آي": "I",
    "جيه": "J", "كيه": "K", "كي": "K", "إل": "L", "إم": "M", "ام": "M", "إن": "N", "أو": "O",
    "كيو": "Q", "آر": "R", "ار": "R", "إس": "S", "اس": "S", "تي": "T", "يو": "U", "في": "V",
    "دبليو": "W", "إكس": "X", "اكس": "X", "واي": "Y", "زد": "Z", "زي": "Z",
}  # fmt: skip


def spells(arabic: str, latin: str) -> bool:
    """Whether the Arabic words name, letter by letter, the Latin acronym (سي إن إن ~ CNN,
    إتش إس بي سي ~ HSBC; dots and spaces of U.S.A. aside)."""
    words = arabic.split()
    if words and words[0][:1] in "وبلف" and words[0][1:] in _LETTER_NAMES:
        words[0] = words[0][1:]  # a proclitic on the first letter: وإم إس إن بي سي
    letters = re.sub(r"[.\s&-]", "", latin)
    if len(words) < 2 or len(words) != len(letters) or not letters.isupper():
        return False
    return all(c in _LETTER_NAMES.get(w, "") for w, c in zip(words, letters, strict=True))


def name_similarity(arabic: str, latin: str) -> float:
    """How alike a whole Arabic name and a whole Latin name sound, 0..1.

    The Arabic first word is read with and without its clitics and article; the best reading
    counts.  Designators such as مقاطعة / Oblast are left out.  An acronym spelt out letter by
    letter is its letters (``spells``).
    """
    if spells(arabic, latin):
        return 1.0
    return _name_similarity(
        _without_designators(arabic.split(), _AR_DESIGNATORS, arabic=True),
        _without_designators(latin.split(), _LATIN_DESIGNATORS, arabic=False),
    )


@lru_cache(maxsize=65536)
def _name_similarity(arabic: str, latin: str) -> float:
    words = arabic.split()
    if not words:
        return 0.0
    target = latin_skeleton(latin)
    rest = " ".join(words[1:])
    consonants = max(
        skeleton_similarity(arabic_skeleton(f"{first} {rest}", inner), target)
        for first in arabic_variants(words[0])
        for inner in ((True, False) if len(words) > 1 else (True,))
    )
    return max(0.0, consonants - VOWEL_WEIGHT * _vowel_mismatch(arabic, latin))


# Long vowels the Arabic spelling writes out, against the Latin vowels.  Consonants alone
# cannot tell بوتين (Putin) from Biden (both B T N); the و (u/o) can.  The weight is small:
# Arabic spells diphthongs and loanword vowels loosely (بايدن Biden), so vowels only rank.
VOWEL_WEIGHT = 0.03  # a tie-breaker between names with one skeleton, not a filter
_AR_VOWEL = {"ا": "A", "و": "U", "ي": "I", "ى": "A"}
_LATIN_VOWEL = {"a": "A", "e": "I", "i": "I", "y": "I", "o": "U", "u": "U"}


@lru_cache(maxsize=16384)
def _vowel_mismatch(arabic: str, latin: str) -> float:
    """Share of the Arabic long vowels (after each word's first letter) that the Latin name
    does not have in the same order; Arabic omits short vowels, so missing ones cost nothing."""
    ar = "".join(
        _AR_VOWEL.get(ch, "")
        for word in _AR_WORD.findall(normalize_arabic(arabic))
        for ch in word[1:]
    )
    if not ar:
        return 0.0
    la = "".join(_LATIN_VOWEL.get(ch, "") for ch in latin.lower())
    prev = [0] * (len(la) + 1)
    for ca in ar:  # longest common subsequence
        cur = [0]
        for j, cl in enumerate(la, 1):
            cur.append(prev[j - 1] + 1 if ca == cl else max(prev[j], cur[j - 1]))
        prev = cur
    return 1.0 - prev[-1] / len(ar)


def surname_similarity(arabic: str, latin: str) -> float:
    """Similarity of the last words only: a short mention often keeps just the surname."""
    ar_words, la_words = arabic.split(), latin.split()
    if not ar_words or not la_words:
        return 0.0
    return name_similarity(ar_words[-1], la_words[-1])
