"""Sentence segmentation for Arabic and English that keeps exact code-point offsets.

Rule-based on purpose: it must never move or drop a character, it must know Arabic
punctuation (، and ؛ do not end a sentence; ؟ does), and it runs on books in well under a second.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from qarin.core.document import BilingualDocument, Lang, Paragraph, Sentence

_TERMINATORS = ".!?؟…۔‼⁇⁈⁉"
_CLOSERS = "\"'”’»)]}›"
# A terminator run, any closing quotes/brackets, then whitespace (or the paragraph's end).
_END = re.compile(rf"[{re.escape(_TERMINATORS)}]+[{re.escape(_CLOSERS)}]*(?=\s|$)")
_WORD_BEFORE = re.compile(r"(\S+)$")
_WORD_AFTER = re.compile(r"\s*(\S+)")

# Abbreviations after which a period never ends an English sentence (titles, "No.", months).
_TITLES = {
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "gen", "col", "lt", "capt", "cmdr",
    "sgt", "maj", "adm", "gov", "sen", "rep", "rev", "hon", "pres", "no", "nos", "vol", "fig",
    "inc", "ltd", "co", "corp", "dept", "univ", "vs", "etc", "approx", "est", "mt", "ft",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "cf", "al", "op", "ed", "eds", "p", "pp",
}
# Words that start a new sentence after an initialism such as "U.S." or "p.m.".
_STARTERS = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these",
    "those", "there", "but", "and", "in", "on", "at", "for", "if", "when", "while", "after",
    "before", "his", "her", "their", "its", "our", "as", "meanwhile", "however", "yet", "so",
}
_INITIALISM = re.compile(r"^(?:[A-Za-z]\.){2,}$")


def _is_false_end(para: str, match: re.Match[str]) -> bool:
    """True when the terminator at ``match`` is inside a sentence (abbreviation, initial...)."""
    mark = match.group()
    before = _WORD_BEFORE.search(para, 0, match.end())
    after = _WORD_AFTER.match(para, match.end())
    word = before.group(1) if before else ""
    nxt = after.group(1) if after else ""
    if not nxt:
        return False
    if mark.startswith(".") and len(mark.rstrip(_CLOSERS)) == 1:
        stem = word[: len(word) - len(mark)]
        bare = stem.lstrip("(\"'“‘«[").lower()
        if bare in _TITLES and not mark.endswith(tuple(_CLOSERS)):
            return True
        # A single letter before the period is an initial: "J. K. Rowling", "(د. ب. أ.)".
        if len(bare) == 1 and bare.isalpha():
            return True
        if _INITIALISM.match(stem.lstrip("(\"'“‘«[") + "."):
            head = nxt.strip("\"'“‘«(")
            return not (head[:1].isupper() and head.lower() in _STARTERS)
    # English continues after an ellipsis or a quoted exclamation when the next word is
    # lower-case ("Wait... what", "'Stop!' he said").
    first = nxt.lstrip("\"'“‘«(")[:1]
    return bool(first) and first.isalpha() and first.isascii() and first.islower()


def _split_paragraph(text: str, para: Paragraph) -> Iterable[tuple[int, int]]:
    body = text[para.start : para.end]
    start = 0
    for m in _END.finditer(body):
        if _is_false_end(body, m):
            continue
        yield start, m.end()
        start = m.end()
    yield start, len(body)


def _trimmed(body: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def segment_language(text: str, lang: Lang, paragraphs: Iterable[Paragraph]) -> list[Sentence]:
    out: list[Sentence] = []
    for para in paragraphs:
        body = text[para.start : para.end]
        for s, e in _split_paragraph(text, para):
            span = _trimmed(body, s, e)
            if span:
                out.append(
                    Sentence(f"{lang}:{len(out)}", lang, para.start + span[0],
                             para.start + span[1], para.index)
                )
    return out


def segment(doc: BilingualDocument) -> tuple[Sentence, ...]:
    """All sentences, Arabic first, each language numbered from 0 in reading order."""
    out: list[Sentence] = []
    for lang in ("ar", "en"):
        lang_t: Lang = "ar" if lang == "ar" else "en"
        out.extend(segment_language(doc.texts[lang_t], lang_t, doc.paragraphs[lang_t]))
    return tuple(out)
