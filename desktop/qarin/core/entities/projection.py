"""Names one language's recogniser found and the other's missed, carried across aligned pairs.

In a bilingual document each side is evidence for the other: "Rustem Umerov" missed in the
English is found through رستم عمروف in the aligned Arabic sentence, and a partial Arabic
mention (سيرغي) grows to the full name (سيرغي ليبيديف) the English side knows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from itertools import pairwise

from qarin.core.entities.arabic_text import is_function_word
from qarin.core.entities.gazetteer import curated_key, equivalents, gazetteer
from qarin.core.entities.translit import (
    arabic_skeleton,
    is_arabic_designator,
    latin_skeleton,
    name_similarity,
    skeleton_similarity,
)

Mention = tuple[str, int, int, str]  # lang, start, end, label

PROJECTED_LABELS = ("PERSON", "GPE", "ORG", "LOC")
MATCH = 0.75  # already present on the other side
FIND = 0.85  # strong enough to add a mention that the recogniser did not propose
_AR_WORD = re.compile(r"[\u0621-\u064a\u0660-\u0669\u0670-\u06d3]+")
_EN_NAME_WORD = re.compile(r"\b[A-Z][\w'’-]*")
_STOP_CAPS = {"The", "He", "She", "It", "They", "We", "I", "On", "In", "At", "But", "And"}

_PROCLITICS = "وفبكل"


def fit_proclitics(text: str, start: int, end: int, latin: str) -> int:
    """The start of an Arabic name once its proclitics agree with how the Latin name sounds.

    وديبنهامز → ديبنهامز for Debenhams and لسينسبري → سينسبري for Sainsbury, but ويلز stays for
    Wales and ليدل for Lidl: the skeleton with the first letter is compared with the one without.
    The other way, a first letter the recogniser cut as a proclitic comes back where the Latin
    name sounds it (النجارد → بالنجارد for Ballynagard).  Before a translated head word the
    letter is always a proclitic (ومتحف آن فرانك → متحف آن فرانك, Anne Frank Museum).
    """
    target = latin_skeleton(latin)

    def sounds(at: int) -> float:
        return skeleton_similarity(arabic_skeleton(text[at:end]), target)

    def before_head(at: int) -> bool:
        word = _AR_WORD.match(text, at)
        return word is not None and is_arabic_designator(text[at : word.end()])

    restored = start
    head = before_head(start)  # a head word's letter before it is a proclitic, never its own
    while not head and start - restored < 2 and restored and text[restored - 1] in _PROCLITICS:
        if sounds(restored - 1) <= sounds(restored):
            break
        restored -= 1
    if restored != start:
        return restored
    for _ in range(2):  # و + ل at most (ولسينسبري)
        word = _AR_WORD.match(text, start)
        if (
            word is None
            or text[start] not in _PROCLITICS
            or word.end() - start < 4
            or text.startswith(("ال", "لل"), start)
        ):
            break
        if before_head(start):
            break  # كلية ماكسويل: the first letter of a head word is its own
        if not before_head(start + 1) and sounds(start + 1) <= sounds(start):
            break
        start += 1
    return start


def clitic_trims(
    texts: dict[str, str], english: list[Mention], arabic: list[Mention]
) -> dict[Mention, Mention]:
    """Arabic mentions of one aligned group, their proclitics fitted to the English name they
    match."""
    out: dict[Mention, Mention] = {}
    text = texts["ar"]
    for m in arabic:
        if m[3] not in PROJECTED_LABELS:
            continue
        names = [texts["en"][e[1] : e[2]] for e in english if e[3] in PROJECTED_LABELS]
        scored = [(name_similarity(text[m[1] : m[2]], n), n) for n in names]
        best = max(scored, default=(0.0, ""))
        if best[0] >= MATCH:
            start = fit_proclitics(text, m[1], m[2], best[1])
            if start != m[1]:
                out[m] = (m[0], start, m[2], m[3])
    return out


def _arabic_candidates(text: str, start: int, end: int, size: int) -> Iterator[tuple[int, int]]:
    words = [(m.start(), m.end()) for m in _AR_WORD.finditer(text, start, end)]
    for n in (size, size + 1, size - 1):
        if n < 1:
            continue
        for i in range(len(words) - n + 1):
            s, e = words[i][0], words[i + n - 1][1]
            first, last = text[s : words[i][1]], text[words[i + n - 1][0] : e]
            # A candidate with a particle at an edge is a phrase around the name (مع ماركس
            # وسبنسر "with Marks & Spencer").
            if is_function_word(first) or is_function_word(last):
                continue
            yield s, e


def _english_candidates(text: str, start: int, end: int, size: int) -> Iterator[tuple[int, int]]:
    words = [
        (m.start(), m.end())
        for m in _EN_NAME_WORD.finditer(text, start, end)
        if m.group() not in _STOP_CAPS
    ]
    for n in (size, size + 1, size - 1):
        if n < 1:
            continue
        for i in range(len(words) - n + 1):
            run = words[i : i + n]
            # Only consecutive capitalised words form a name.
            if all(text[a[1] : b[0]].strip() == "" for a, b in pairwise(run)):
                yield run[0][0], run[-1][1]


def _similar(lang: str, text: str, s: int, e: int, name: str) -> float:
    return name_similarity(text[s:e], name) if lang == "ar" else name_similarity(name, text[s:e])


def project(
    texts: dict[str, str],
    source: list[Mention],
    target_lang: str,
    target_mentions: list[Mention],
    target_range: tuple[int, int],
) -> list[Mention]:
    """New or widened mentions for ``target_lang`` inside ``target_range`` (one aligned
    sentence group), from the ``source`` mentions of the other language's sentences."""
    text = texts[target_lang]
    added: list[Mention] = []
    for src_lang, s0, e0, label in source:
        if label not in PROJECTED_LABELS:
            continue
        name = texts[src_lang][s0:e0]
        if gazetteer().lookup(name, src_lang) is not None:
            continue  # known places and bodies are found by name on both sides, not by sound
        present = [
            m
            for m in (*target_mentions, *added)
            if _similar(target_lang, text, m[1], m[2], name) >= MATCH
        ]
        if any(m[2] - m[1] >= 0.6 * len(name) for m in present):
            continue
        size = len(name.split())
        gen = _arabic_candidates if target_lang == "ar" else _english_candidates
        best, best_span = 0.0, None
        for s, e in gen(text, *target_range, size):
            sim = _similar(target_lang, text, s, e, name)
            # Candidates come with the source's word count first: on a tie, keep that one
            # ("Rustem Umerov", not "Minister Rustem Umerov").
            if sim > best:
                best, best_span = sim, (s, e)
        if best_span and best >= FIND:
            start, end = best_span
            if target_lang == "ar":
                start = fit_proclitics(text, start, end, name)
            added.append((target_lang, start, end, label))
    return added


@cache
def _listed_names(lang: str) -> dict[str, tuple[str, ...]]:
    """Each entry of the curated list, by gazetteer key, with its names in ``lang``."""
    return {
        curated_key(key, label): en_names if lang == "en" else ar_names
        for key, label, en_names, ar_names in equivalents()
    }


_THE = re.compile(r"^the\s+", re.IGNORECASE)


@cache
def _listed_pattern(key: str, lang: str) -> re.Pattern[str]:
    """One entry's names in ``lang`` as one pattern, longest first, the name in group "name".
    English as written ("WHO" is the organisation, "who" is not); in Arabic a conjunction and a
    preposition may be glued before a name (وبالدوحة) and are left out of the match.  Built
    when first needed: the whole list at once would add to every start."""
    listed = set(_listed_names(lang)[key])
    if lang == "en":
        # The list's "the …" forms are for look-ups; a highlight starts at the name.
        listed = {_THE.sub("", n) for n in listed}
    names = "|".join(map(re.escape, sorted(listed, key=len, reverse=True)))
    if lang == "en":
        return re.compile(rf"(?<![\w-])(?P<name>{names})(?![\w-])")
    return re.compile(
        rf"(?<![\w\u0600-\u06ff])(?:[وف]?[بكل]?)(?P<name>{names})(?![\w\u0600-\u06ff])"
    )


def listed_in(
    lang: str,
    texts: dict[str, str],
    source: list[Mention],
    target: list[Mention],
    target_range: tuple[int, int],
) -> list[Mention]:
    """Mentions in ``lang`` of curated names the aligned sentences of the other language name.

    Each recogniser misses listed names the other finds: spaCy's small model many one-word
    bodies (Ismaily, Zamalek; the English recogniser leaves one-word listed names to it, as
    Apple and Shell are also ordinary words), the Arabic model the list's seas, cities and
    events (بريكست, بكين).  Where the partner sentence names a listed entry, its name in this
    language inside ``target_range`` is that entry, also over a shorter mention inside it
    (فيرجينيا of فيرجينيا الغربية: overlaps are resolved longest first).
    """
    listed = _listed_names(lang)
    text = texts[lang]
    added: list[Mention] = []
    for src_lang, start, end, _ in source:
        entry = gazetteer().lookup(texts[src_lang][start:end], src_lang)
        if entry is None or entry.key not in listed:
            continue
        for m in _listed_pattern(entry.key, lang).finditer(text, *target_range):
            s, e = m.span("name")
            if all(
                e <= other[1]
                or s >= other[2]
                or (s <= other[1] and other[2] <= e and e - s > other[2] - other[1])
                for other in (*target, *added)
            ):
                added.append((lang, s, e, entry.label))
    return added
