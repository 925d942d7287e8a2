"""What the claims table shows: one row per claim and per open suggestion, resolved to text.

Qt-free so the row logic (what a suggestion looks like, where a claim sits in the text) is
tested without widgets; the Qt model only maps rows and columns onto these values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from qarin.core.document import BilingualDocument, Lang, Span
from qarin.core.model import Analysis, ClaimSuggestion
from qarin.core.notes.model import Claim, Notebook
from qarin.gui.claims.building import (
    claimant_text,
    hedge_texts,
    open_suggestions,
    suggestion_claimant,
    union_span,
)

RowKind = Literal["claim", "suggestion"]
SUGGESTION_STATUS = "suggestion"
SNIPPET = 160  # characters of claim text in a cell; the full text is in the tooltip


@dataclass(frozen=True, slots=True)
class ClaimRow:
    kind: RowKind
    id: str
    pair: int  # 1-based number of the first aligned pair the claim touches (0: unknown)
    order: tuple[int, int]  # document position, for sorting by "where"
    status: str
    claimant: str
    cue: str
    texts: dict[str, str]  # language -> the claim's text in it
    spans: tuple[Span, ...]
    tags: tuple[str, ...]
    hedged: bool

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(s.lang for s in self.spans)

    def span(self, lang: Lang) -> Span | None:
        return next((s for s in self.spans if s.lang == lang), None)


def _pair_number(analysis: Analysis, sids: tuple[str, ...]) -> int:
    numbers = []
    for sid in sids:
        try:
            numbers.append(analysis.bead_of(sid) + 1)
        except KeyError:  # a sentence the aligner left out of every bead
            continue
    return min(numbers, default=0)


def _order(spans: tuple[Span, ...], pair: int) -> tuple[int, int]:
    first = min((s.start for s in spans if s.lang == "ar"),
                default=min((s.start for s in spans), default=0))
    return (pair, first)


def _texts(doc: BilingualDocument, spans: tuple[Span, ...]) -> dict[str, str]:
    return {s.lang: doc.text(s) for s in spans}


def claim_row(doc: BilingualDocument, analysis: Analysis, claim: Claim) -> ClaimRow:
    pair = _pair_number(analysis, claim.sentences)
    return ClaimRow(
        kind="claim", id=claim.id, pair=pair, order=_order(claim.spans, pair),
        status=claim.status, claimant=claimant_text(analysis, claim), cue=claim.cue,
        texts=_texts(doc, claim.spans), spans=claim.spans, tags=claim.tags,
        hedged="hedged" in claim.tags,
    )


def suggestion_row(doc: BilingualDocument, analysis: Analysis, sug: ClaimSuggestion) -> ClaimRow:
    spans = tuple(s for lang in ("ar", "en") if (s := union_span(analysis, sug.sentences, lang)))
    pair = _pair_number(analysis, sug.sentences)
    return ClaimRow(
        kind="suggestion", id=sug.id, pair=pair, order=_order(spans, pair),
        status=SUGGESTION_STATUS, claimant=suggestion_claimant(analysis, sug),
        cue=" / ".join(doc.text(c) for c in sug.cue), texts=_texts(doc, spans), spans=spans,
        tags=(), hedged=bool(hedge_texts(doc, sug)),
    )


def build_rows(doc: BilingualDocument, analysis: Analysis, notebook: Notebook) -> list[ClaimRow]:
    """The reader's claims in their order, then the open suggestions in text order."""
    rows = [claim_row(doc, analysis, c) for c in notebook.claims.values()]
    rows += [suggestion_row(doc, analysis, s) for s in open_suggestions(analysis, notebook)]
    return rows
