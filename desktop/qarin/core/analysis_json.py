"""The ``qarin.analysis`` JSON contract (version 1), read by other tools and by the tests.

Stable: add keys, never rename or repurpose them; a breaking change bumps ``version``.
Documented in docs/analysis-format.md.
"""

from __future__ import annotations

from typing import Any

from qarin.core.document import BilingualDocument, Span
from qarin.core.model import Analysis

FORMAT = "qarin.analysis"
VERSION = 1


def _span(doc: BilingualDocument, span: Span) -> dict[str, Any]:
    return {"lang": span.lang, "start": span.start, "end": span.end, "text": doc.text(span)}


def analysis_to_dict(doc: BilingualDocument, analysis: Analysis) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "title": doc.title,
        "sources": [
            {"path": s.path, "encoding": s.encoding, "format": s.format} for s in doc.sources
        ],
        "texts": {"ar": doc.texts.get("ar", ""), "en": doc.texts.get("en", "")},
        "sentences": [
            {"id": s.id, "lang": s.lang, "start": s.start, "end": s.end, "paragraph": s.paragraph}
            for s in analysis.sentences
        ],
        "alignment": [
            {"ar": list(b.ar), "en": list(b.en), "confidence": b.confidence}
            for b in analysis.beads
        ],
        "entities": [
            {
                "id": e.id,
                "lang": e.lang,
                "start": e.start,
                "end": e.end,
                "text": e.text,
                "label": e.label,
                "link": e.link,
            }
            for e in analysis.entities
        ],
        "links": [
            {"id": lk.id, "label": lk.label, "names": dict(lk.names), "mentions": list(lk.mentions)}
            for lk in analysis.links
        ],
        "recognisers": dict(analysis.recognisers),
        "claims": [
            {
                "id": c.id,
                "sentences": list(c.sentences),
                "claimant": c.claimant,
                "claimant_is_link": c.claimant_is_link,
                "cue": [_span(doc, s) for s in c.cue],
                "hedges": [_span(doc, s) for s in c.hedges],
            }
            for c in analysis.claims
        ],
    }
