"""Headlines in Title Case, recased for the English recogniser, and its names there checked.

spaCy's small model reads a capital as evidence of a name, so a headline that capitalises every
word ("Kanye West Embarked on a Pro-Trump Diatribe", "Hurricane Rosa Threatening Phoenix")
comes out as "Kanye West Embarked" (ORG) and "Rosa Threatening" (PERSON): nonsense at the top
of the article, where a reader looks first.  The rest of the document says which of a
headline's words are names: those it capitalises inside a sentence.  Before the model reads a
headline, words the document writes in lower case (and never capitalises inside a sentence)
are lowered, so are function words and inflected words it has nowhere else; each word keeps
its length, so the model's offsets are the text's.  After, a name in a headline is cut to the
words the document capitalises, and a lone word the document never names is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

# Letters only: "Palin's" is Palin and s, "Pro-Trump" Pro and Trump.
_WORD = re.compile(r"[A-Za-z]+")
# Words never part of a name in a headline but its first word.  Not "May", "Will", "Can":
# names as well as verbs.
_FUNCTION_WORDS = frozenset(
    {"a", "an", "the", "and", "but", "or", "nor", "of", "on", "in", "into", "onto", "to", "for",
     "at", "by", "from", "with", "over", "after", "before", "as", "than", "about", "via", "is",
     "are", "was", "were", "be", "been", "has", "have", "had", "its", "his", "her", "their",
     "our", "this", "that", "these", "those"}
)  # fmt: skip
# A word the document uses nowhere else is lowered when it looks like a verb form
# (Threatening, Embarked), kept when it may be a name (Alasdair, Macaroni).
_INFLECTED = re.compile(r"(?:ing|ed)$")
# A headline capitalises at least this many words of four letters or more, and all of them.
_MIN_CAPITALISED = 3
# What ends the text before a sentence's first word: a capital there says nothing of a name.
_BEFORE_SENTENCE = frozenset('.!?:;"“”(')


def is_headline(line: str) -> bool:
    long_words = [w for w in _WORD.findall(line) if len(w) > 3]
    return len(long_words) >= _MIN_CAPITALISED and all(w[0].isupper() for w in long_words)


@dataclass
class Usage:
    """How a document writes its words outside headlines."""

    lower: set[str] = field(default_factory=set)
    capitalised: set[str] = field(default_factory=set)  # inside a sentence

    @classmethod
    def of(cls, texts: Iterable[str]) -> Usage:
        usage = cls()
        for text in texts:
            for line in text.split("\n"):
                if is_headline(line):
                    continue
                for m in _WORD.finditer(line):
                    word = m.group()
                    if word.islower():
                        usage.lower.add(word)
                    elif not _opens_sentence(line, m.start()):
                        usage.capitalised.add(word)
        return usage

    def __bool__(self) -> bool:
        """Whether there is anything to go by (a headline alone has no evidence)."""
        return bool(self.lower or self.capitalised)


def _opens_sentence(line: str, start: int) -> bool:
    """Whether the word at ``start`` opens the line or follows a sentence's end (spaces aside)."""
    j = start - 1
    while j >= 0 and line[j].isspace():  # no slice: lines may be whole paragraphs
        j -= 1
    return j < 0 or line[j] in _BEFORE_SENTENCE


def recased(text: str, usage: Usage) -> str:
    """The text with its headline lines recased, the same length as before."""
    if not usage:
        return text
    return "\n".join(
        _recase(line, usage) if is_headline(line) else line for line in text.split("\n")
    )


def _recase(line: str, usage: Usage) -> str:
    out = []
    last = 0
    for k, m in enumerate(_WORD.finditer(line)):
        word = m.group()
        if k > 0 and _ordinary(word, usage):
            out.append(line[last : m.start()] + word.lower())
            last = m.end()
    out.append(line[last:])
    return "".join(out)


def _ordinary(word: str, usage: Usage) -> bool:
    """A capitalised word of a headline that is no name: a function word, a word the document
    writes in lower case and never capitalises inside a sentence, or one it has nowhere else
    that looks inflected.  Never an acronym (MAGA, SNL) or a mixed-case name (YouTube)."""
    if not word[:1].isupper() or not word[1:].islower():
        return False
    low = word.lower()
    if low in _FUNCTION_WORDS:
        return True
    if word in usage.capitalised:
        return False
    # "Soars" where the document writes "soar"; not Chris or Paris.
    plural = low.endswith("s") and low[:-1] in usage.lower
    return low in usage.lower or plural or _INFLECTED.search(low) is not None


def headline_lines(text: str) -> list[tuple[int, int]]:
    """Where the text's headline lines are, as (start, end) code-point ranges, in order."""
    out: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        if is_headline(line):
            out.append((start, start + len(line)))
        start += len(line) + 1
    return out


def named_part(text: str, start: int, end: int, usage: Usage) -> tuple[int, int] | None:
    """A name the model found in a headline, less the ordinary words at its edges ("Kanye West
    Embarked" → Kanye West); None when nothing is left, or when it is one word the document
    never capitalises inside a sentence (Debacle, Warn)."""
    words = list(_WORD.finditer(text, start, end))
    if not usage or not words:
        return start, end
    kept = [m for m in words if not _ordinary(m.group(), usage)]
    if not kept:
        return None
    only = words[0].group()
    if len(words) == 1 and only not in usage.capitalised and not only.isupper():
        return None
    return kept[0].start(), end if words[-1] is kept[-1] else kept[-1].end()
