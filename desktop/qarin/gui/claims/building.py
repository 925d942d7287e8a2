"""Turning what the reader points at into claims and notes: selections, sentence pairs and
claim suggestions become core Claim/Note values.

No Qt here on purpose (it is tested without a QApplication): the GUI only asks the panes what
is selected and hands the result to a core command.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from qarin.core.document import BilingualDocument, Lang, Span
from qarin.core.export.pairs import ReadBead, corrected_beads
from qarin.core.model import Analysis, ClaimSuggestion
from qarin.core.notes.commands import new_id
from qarin.core.notes.model import Claim, Note, Notebook

HEDGED_TAG = "hedged"


def other(lang: Lang) -> Lang:
    return "en" if lang == "ar" else "ar"


def sentences_in(analysis: Analysis, span: Span) -> tuple[str, ...]:
    """Ids of the sentences ``span`` touches (a caret, an empty span, touches its sentence)."""
    out = []
    for s in analysis.sentences_of(span.lang):
        if span.start == span.end:
            if s.start <= span.start <= s.end:
                out.append(s.id)
                break
        elif s.start < span.end and span.start < s.end:
            out.append(s.id)
    return tuple(out)


def union_span(analysis: Analysis, sids: Iterable[str], lang: Lang) -> Span | None:
    """The span from the first to the last of ``sids`` in ``lang``; None if there is none."""
    sents = [analysis.sentence(s) for s in sids if s.startswith(f"{lang}:")]
    if not sents:
        return None
    return Span(lang, min(s.start for s in sents), max(s.end for s in sents))


def _beads_with(beads: list[ReadBead], sids: Iterable[str]) -> list[ReadBead]:
    wanted = set(sids)
    return [b for b in beads if wanted & {*b.ar, *b.en}]


def pair_of(analysis: Analysis, notebook: Notebook, sid: str) -> tuple[str, ...]:
    """All sentence ids of the bead holding ``sid``, as the reader sees the alignment (the
    aligner's beads with the reader's corrections), Arabic first."""
    beads = _beads_with(corrected_beads(analysis, notebook), [sid])
    if not beads:
        return (sid,)
    return (*beads[0].ar, *beads[0].en)


def aligned_span(analysis: Analysis, notebook: Notebook, span: Span) -> Span | None:
    """The span in the other language that the alignment pairs with the sentences ``span``
    touches: the whole partner sentence(s), which the reader can then narrow."""
    beads = _beads_with(corrected_beads(analysis, notebook), sentences_in(analysis, span))
    partners = [sid for b in beads for sid in b.ids(other(span.lang))]
    return union_span(analysis, partners, other(span.lang))


def claim_from_selection(analysis: Analysis, notebook: Notebook, span: Span) -> Claim:
    """A claim on the selected ``span`` plus the aligned span in the other language."""
    partner = aligned_span(analysis, notebook, span)
    spans = tuple(sorted((s for s in (span, partner) if s), key=lambda s: s.lang))
    sids = tuple(sid for s in spans for sid in sentences_in(analysis, s))
    return Claim(id=new_id(), spans=spans, sentences=sids)


def claim_from_pair(analysis: Analysis, notebook: Notebook, sid: str) -> Claim:
    """A claim covering sentence ``sid`` and its aligned partner sentence(s)."""
    sids = pair_of(analysis, notebook, sid)
    spans = tuple(s for lang in ("ar", "en") if (s := union_span(analysis, sids, lang)))
    return Claim(id=new_id(), spans=spans, sentences=sids)


def with_span(analysis: Analysis, claim: Claim, span: Span) -> Claim:
    """``claim`` anchored at ``span`` in that language (the other language's span stays)."""
    spans = tuple(sorted((*(s for s in claim.spans if s.lang != span.lang), span),
                         key=lambda s: s.lang))
    sids = tuple(sid for s in spans for sid in sentences_in(analysis, s))
    return replace(claim, spans=spans, sentences=sids)


def link_name(analysis: Analysis, link_id: str) -> str:
    for link in analysis.links:
        if link.id == link_id:
            return link.names.get("en") or link.names.get("ar") or link_id
    return link_id


def claimant_text(analysis: Analysis, claim: Claim) -> str:
    """The claimant as the reader reads it: the linked entity's name, else the free text."""
    if claim.claimant_link:
        return link_name(analysis, claim.claimant_link)
    return claim.claimant


def suggestion_claimant(analysis: Analysis, sug: ClaimSuggestion) -> str:
    if sug.claimant is None:
        return ""
    return link_name(analysis, sug.claimant) if sug.claimant_is_link else sug.claimant


def hedge_texts(doc: BilingualDocument, sug: ClaimSuggestion) -> list[str]:
    return [doc.text(h) for h in sug.hedges]


def claim_from_suggestion(
    doc: BilingualDocument, analysis: Analysis, sug: ClaimSuggestion
) -> Claim:
    """The claim the reader gets by accepting ``sug``: status "unverified" (the reader has
    checked nothing yet), origin the suggestion's id, and a hedged statement says so in a tag
    and in the notes, quoting the hedge, so the reason is not lost."""
    spans = tuple(s for lang in ("ar", "en") if (s := union_span(analysis, sug.sentences, lang)))
    hedges = hedge_texts(doc, sug)
    notes = ("Hedged in the text: " + "; ".join(f"“{h}”" for h in hedges)) if hedges else ""
    return Claim(
        id=new_id(),
        spans=spans,
        sentences=sug.sentences,
        claimant=suggestion_claimant(analysis, sug),
        claimant_link=sug.claimant if sug.claimant_is_link else None,
        cue=" / ".join(doc.text(c) for c in sug.cue),
        status="unverified",
        tags=(HEDGED_TAG,) if hedges else (),
        notes=notes,
        origin=sug.id,
    )


def open_suggestions(analysis: Analysis, notebook: Notebook) -> list[ClaimSuggestion]:
    """Suggestions the reader has neither accepted (a claim has it as origin) nor dismissed."""
    taken = {c.origin for c in notebook.claims.values()} | set(notebook.dismissed)
    return [s for s in analysis.claims if s.id not in taken]


def claims_at(notebook: Notebook, lang: Lang, pos: int) -> list[Claim]:
    """Claims whose span in ``lang`` holds position ``pos``, innermost (shortest) first."""
    hits = [c for c in notebook.claims.values()
            if (s := c.span(lang)) is not None and s.start <= pos <= s.end]
    return sorted(hits, key=lambda c: (sp.end - sp.start) if (sp := c.span(lang)) else 0)


def claims_in_sentence(notebook: Notebook, sid: str) -> list[Claim]:
    return [c for c in notebook.claims.values() if sid in c.sentences]


def note_on_span(analysis: Analysis, span: Span, text: str = "") -> Note:
    return Note(id=new_id(), target="span", text=text, spans=(span,),
                sentences=sentences_in(analysis, span))


def note_on_pair(analysis: Analysis, notebook: Notebook, sid: str, text: str = "") -> Note:
    return Note(id=new_id(), target="pair", text=text,
                sentences=pair_of(analysis, notebook, sid))


def note_on_document(text: str = "") -> Note:
    return Note(id=new_id(), target="document", text=text)
