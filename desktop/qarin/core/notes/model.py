"""The reader's own work on one document: claims, notes, tags and alignment corrections.

Immutable values: a change produces a new Notebook (see commands.py), so undo, autosave and
export all see the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Literal

from qarin.core.document import Span

DEFAULT_STATUSES: tuple[str, ...] = ("unverified", "confirmed", "disputed", "false", "misleading")

NoteTarget = Literal["span", "pair", "document"]
EvidenceKind = Literal["url", "quote"]


@dataclass(frozen=True, slots=True)
class Evidence:
    kind: EvidenceKind
    value: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Claim:
    """A claim the reader keeps. ``spans`` holds at most one span per language.

    The claimant is either a linked entity (``claimant_link``, an entity link id) or free text.
    ``origin`` is ``"reader"`` or the id of the suggestion the reader accepted.
    """

    id: str
    spans: tuple[Span, ...]
    sentences: tuple[str, ...] = ()
    claimant: str = ""
    claimant_link: str | None = None
    cue: str = ""
    status: str = "unverified"
    tags: tuple[str, ...] = ()
    notes: str = ""
    evidence: tuple[Evidence, ...] = ()
    created: str = ""
    modified: str = ""
    origin: str = "reader"

    def span(self, lang: str) -> Span | None:
        return next((s for s in self.spans if s.lang == lang), None)


@dataclass(frozen=True, slots=True)
class Note:
    """A free note on a span, a sentence pair (its sentence ids) or the whole document."""

    id: str
    target: NoteTarget
    text: str
    spans: tuple[Span, ...] = ()
    sentences: tuple[str, ...] = ()
    created: str = ""
    modified: str = ""


@dataclass(frozen=True, slots=True)
class AlignmentCorrection:
    """The reader's bead for these sentences, overriding the aligner; ``confirmed`` marks a
    bead the reader checked without changing it."""

    ar: tuple[str, ...]
    en: tuple[str, ...]
    confirmed: bool = True


def _frozen(d: Mapping[str, object] | None = None) -> Mapping[str, object]:
    return MappingProxyType(dict(d or {}))


@dataclass(frozen=True)
class Notebook:
    """Everything the reader wrote about one document (keyed by the document's content hash).

    ``claims`` and ``notes`` keep insertion order. ``dismissed`` holds suggestion ids the reader
    rejected, so they are not offered again.
    """

    doc_hash: str
    title: str = ""
    sources: tuple[str, ...] = ()
    claims: Mapping[str, Claim] = field(default_factory=lambda: MappingProxyType({}))
    notes: Mapping[str, Note] = field(default_factory=lambda: MappingProxyType({}))
    tags: tuple[str, ...] = ()
    statuses: tuple[str, ...] = DEFAULT_STATUSES
    corrections: tuple[AlignmentCorrection, ...] = ()
    dismissed: frozenset[str] = frozenset()
    reader: str = ""

    def with_claim(self, claim: Claim) -> Notebook:
        claims = dict(self.claims)
        claims[claim.id] = claim
        tags = tuple(dict.fromkeys((*self.tags, *claim.tags)))
        return replace(self, claims=MappingProxyType(claims), tags=tags)

    def without_claim(self, claim_id: str) -> Notebook:
        claims = dict(self.claims)
        claims.pop(claim_id, None)
        return replace(self, claims=MappingProxyType(claims))

    def with_note(self, note: Note) -> Notebook:
        notes = dict(self.notes)
        notes[note.id] = note
        return replace(self, notes=MappingProxyType(notes))

    def without_note(self, note_id: str) -> Notebook:
        notes = dict(self.notes)
        notes.pop(note_id, None)
        return replace(self, notes=MappingProxyType(notes))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Notebook):
            return NotImplemented
        return (
            self.doc_hash == other.doc_hash
            and self.title == other.title
            and self.sources == other.sources
            and list(self.claims.items()) == list(other.claims.items())
            and list(self.notes.items()) == list(other.notes.items())
            and self.tags == other.tags
            and self.statuses == other.statuses
            and self.corrections == other.corrections
            and self.dismissed == other.dismissed
            and self.reader == other.reader
        )

    __hash__ = None  # type: ignore[assignment]
