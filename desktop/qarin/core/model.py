"""What the analysis pipeline adds to a document: sentences, beads, entities, links, claims.

These are immutable; the reader's own work lives in the notebook (core/notes).
"""

from __future__ import annotations

from dataclasses import dataclass

from qarin.core.document import Lang, Sentence, Span

__all__ = [
    "Analysis",
    "Bead",
    "ClaimSuggestion",
    "EntityLink",
    "EntityMention",
    "Sentence",
    "Span",
]


@dataclass(frozen=True, slots=True)
class Bead:
    """Aligned sentence ids (either side may be empty: a 1-0 or 0-1 bead) and a confidence."""

    ar: tuple[str, ...]
    en: tuple[str, ...]
    confidence: float

    def ids(self, lang: Lang) -> tuple[str, ...]:
        return self.ar if lang == "ar" else self.en


@dataclass(frozen=True, slots=True)
class EntityMention:
    """One mention: ``link`` is the id of the cross-language entity it belongs to."""

    id: str
    lang: Lang
    start: int
    end: int
    text: str
    label: str
    link: str | None = None


@dataclass(frozen=True, slots=True)
class EntityLink:
    """An entity known across both languages: display names and its mention ids."""

    id: str
    label: str
    names: dict[str, str | None]
    mentions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClaimSuggestion:
    """An attributed statement found automatically; the reader accepts or dismisses it.

    ``claimant`` is a link id when ``claimant_is_link`` is true, else free text (or None).
    """

    id: str
    sentences: tuple[str, ...]
    claimant: str | None
    claimant_is_link: bool
    cue: tuple[Span, ...]
    hedges: tuple[Span, ...]


# The end of the Arabic recogniser's name in `Analysis.recognisers` when accurate mode read it.
ACCURATE_MARK = "(accurate)"
# Whether Arabic names are read in accurate mode unless the reader says otherwise (the analysis,
# the command line, the reader's setting): on since its transformer runs in ONNX Runtime.
ACCURATE_ARABIC_DEFAULT = True


@dataclass(frozen=True)
class Analysis:
    sentences: tuple[Sentence, ...]
    beads: tuple[Bead, ...]
    entities: tuple[EntityMention, ...] = ()
    links: tuple[EntityLink, ...] = ()
    claims: tuple[ClaimSuggestion, ...] = ()
    # (lang, "pipeline version") of the entity recognisers that ran, for provenance; an Arabic
    # one read in accurate mode ends with ACCURATE_MARK.
    recognisers: tuple[tuple[Lang, str], ...] = ()

    def sentences_of(self, lang: Lang) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if s.lang == lang)

    def sentence(self, sid: str) -> Sentence:
        return self._by_id()[sid]

    def bead_of(self, sid: str) -> int:
        """Index of the bead holding sentence ``sid``."""
        return self._bead_index()[sid]

    def _by_id(self) -> dict[str, Sentence]:
        cached: dict[str, Sentence] | None = self.__dict__.get("_by_id_cache")
        if cached is None:
            cached = {s.id: s for s in self.sentences}
            object.__setattr__(self, "_by_id_cache", cached)
        return cached

    def _bead_index(self) -> dict[str, int]:
        cached: dict[str, int] | None = self.__dict__.get("_bead_cache")
        if cached is None:
            cached = {sid: i for i, b in enumerate(self.beads) for sid in (*b.ar, *b.en)}
            object.__setattr__(self, "_bead_cache", cached)
        return cached
