"""The immutable document model: each language's text, exactly as imported, and its paragraphs.

Every offset in Qarin is a Unicode code-point index into one language's text, end exclusive.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

Lang = Literal["ar", "en"]
LANGS: tuple[Lang, Lang] = ("ar", "en")


@dataclass(frozen=True, slots=True)
class Span:
    """A code-point range ``[start, end)`` in the text of ``lang``."""

    lang: Lang
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def text_in(self, doc: BilingualDocument) -> str:
        return doc.texts[self.lang][self.start : self.end]


@dataclass(frozen=True, slots=True)
class Paragraph:
    lang: Lang
    index: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence; ``id`` is ``"<lang>:<n>"`` and stable for a given text."""

    id: str
    lang: Lang
    start: int
    end: int
    paragraph: int

    @property
    def span(self) -> Span:
        return Span(self.lang, self.start, self.end)


@dataclass(frozen=True)
class SourceInfo:
    """Where a language's text came from, and how it was decoded."""

    path: str
    encoding: str
    format: str = "text"


@dataclass(frozen=True)
class BilingualDocument:
    """Arabic and English texts (either may be empty) with their paragraph boundaries.

    Each language's text is its paragraphs joined by one separator (``\\n``, or a blank line
    when the source separated paragraphs by blank lines).
    """

    texts: Mapping[Lang, str]
    paragraphs: Mapping[Lang, tuple[Paragraph, ...]]
    sources: tuple[SourceInfo, ...] = ()
    title: str = ""
    # Beads given by the source itself (TMX translation units): pairs of paragraph indices.
    given_pairs: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...] | None = None
    _hash: str = field(default="", init=False, repr=False, compare=False)

    @classmethod
    def from_paragraphs(
        cls,
        ar: list[str],
        en: list[str],
        *,
        sources: tuple[SourceInfo, ...] = (),
        title: str = "",
        given_pairs: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...] | None = None,
        separator: str = "\n",
    ) -> BilingualDocument:
        """Build a document; each language's text is its paragraphs joined by ``separator``."""
        texts: dict[Lang, str] = {}
        paras: dict[Lang, tuple[Paragraph, ...]] = {}
        for lang, items in (("ar", ar), ("en", en)):
            lang_t: Lang = "ar" if lang == "ar" else "en"
            out: list[Paragraph] = []
            pos = 0
            for i, p in enumerate(items):
                out.append(Paragraph(lang_t, i, pos, pos + len(p)))
                pos += len(p) + len(separator)
            texts[lang_t] = separator.join(items)
            paras[lang_t] = tuple(out)
        return cls(texts, paras, sources, title, given_pairs)

    @property
    def languages(self) -> tuple[Lang, ...]:
        """The languages that have text, Arabic first."""
        return tuple(lang for lang in LANGS if self.texts.get(lang))

    @property
    def content_hash(self) -> str:
        """SHA-256 of both texts: the notebook key, independent of file paths."""
        if not self._hash:
            h = hashlib.sha256()
            for lang in LANGS:
                data = self.texts.get(lang, "").encode("utf-8")
                h.update(lang.encode() + b"\0" + str(len(data)).encode() + b"\0" + data)
            object.__setattr__(self, "_hash", h.hexdigest())
        return self._hash

    def text(self, span: Span) -> str:
        return self.texts[span.lang][span.start : span.end]
