"""What every exporter exports: the reader's claims (plus undecided suggestions on request),
the notes, and the entities, resolved to texts so formats need not repeat the lookups."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from qarin.core.document import Lang, Span
from qarin.core.export.base import ExportContext
from qarin.core.model import ClaimSuggestion
from qarin.core.notes.model import Claim


def _union_span(ctx: ExportContext, sentence_ids: tuple[str, ...], lang: Lang) -> Span | None:
    sents = [ctx.analysis.sentence(s) for s in sentence_ids if s.startswith(lang + ":")]
    if not sents:
        return None
    return Span(lang, min(s.start for s in sents), max(s.end for s in sents))


def claimant_name(ctx: ExportContext, claim: Claim) -> str:
    """The claimant as a person reads it: the linked entity's name, else the free text."""
    if claim.claimant_link:
        for link in ctx.analysis.links:
            if link.id == claim.claimant_link:
                return link.names.get("en") or link.names.get("ar") or claim.claimant
    return claim.claimant


def suggestion_as_claim(ctx: ExportContext, sug: ClaimSuggestion) -> Claim:
    """An undecided suggestion in the shape of a claim (status unverified, origin its id)."""
    spans = tuple(
        s for s in (_union_span(ctx, sug.sentences, lang) for lang in ("ar", "en")) if s
    )
    cue = " / ".join(ctx.doc.text(c) for c in sug.cue)
    link = sug.claimant if sug.claimant_is_link else None
    claim = Claim(
        id=sug.id,
        spans=spans,
        sentences=sug.sentences,
        claimant="" if sug.claimant_is_link else (sug.claimant or ""),
        claimant_link=link,
        cue=cue,
        status="unverified",
        origin=sug.id,
    )
    return claim


def exported_claims(ctx: ExportContext) -> list[Claim]:
    """The reader's claims, then (if asked) suggestions not accepted and not dismissed."""
    claims = list(ctx.notebook.claims.values())
    if ctx.options.include_suggestions:
        taken = {c.origin for c in claims} | set(ctx.notebook.dismissed)
        claims += [
            suggestion_as_claim(ctx, s) for s in ctx.analysis.claims if s.id not in taken
        ]
    return claims


@dataclass(frozen=True)
class QuotedSpan:
    span: Span
    text: str


def claim_quotes(ctx: ExportContext, claim: Claim) -> dict[str, QuotedSpan]:
    """The claim's text in each language it is anchored in, keyed by language."""
    return {s.lang: QuotedSpan(s, ctx.doc.text(s)) for s in claim.spans}


def export_date(ctx: ExportContext) -> str:
    """The ISO date headers carry: the one the reader chose (tests fix it), else today."""
    return ctx.options.date or date.today().isoformat()
