"""Qarin's native notes file (``qarin.notes`` version 1): everything needed to re-open the
reader's work without loss, and to read it from other tools.

The shape is fixed by resources/schemas/qarin-notes-1.schema.json and documented in
docs/notes-format.md. The notebook part is exactly notes.serialize.notebook_to_dict, so the store
and this file can never drift apart; the analysis parts reuse the ``qarin.analysis`` shapes.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from qarin.core.analysis_json import analysis_to_dict
from qarin.core.export.base import ExportContext, ExportResult
from qarin.core.export.content import claim_quotes, export_date, exported_claims
from qarin.core.export.pairs import corrected_beads
from qarin.core.export.registry import register
from qarin.core.notes.serialize import notebook_to_dict

FORMAT = "qarin.notes"
VERSION = 1
SCHEMA_NAME = "qarin-notes-1.schema.json"


def notes_document(ctx: ExportContext) -> dict[str, Any]:
    """The ``qarin.notes`` dict for ``ctx`` (see the schema for each key)."""
    analysis = analysis_to_dict(ctx.doc, ctx.analysis)
    document: dict[str, Any] = {
        "title": ctx.doc.title,
        "content_hash": ctx.doc.content_hash,
        "sources": analysis["sources"],
    }
    out: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "generator": "Qarin",
        "exported": export_date(ctx),
        "document": document,
        "sentences": analysis["sentences"],
        "alignment": [
            {"ar": list(b.ar), "en": list(b.en), "confidence": b.confidence,
             "reader": b.reader, "confirmed": b.confirmed}
            for b in corrected_beads(ctx.analysis, ctx.notebook)
        ],
        "entities": analysis["entities"],
        "links": analysis["links"],
    }
    if ctx.options.include_suggestions:
        open_ids = {c.id for c in exported_claims(ctx)} - set(ctx.notebook.claims)
        out["suggestions"] = [s for s in analysis["claims"] if s["id"] in open_ids]
    if ctx.options.embed_texts:
        document["texts"] = analysis["texts"]
        # Quotes are a convenience for tools that read claims without slicing the texts; they
        # are left out with the texts (a reader may share notes but not a licensed article).
        out["quotes"] = {
            c.id: {lang: q.text for lang, q in claim_quotes(ctx, c).items()}
            for c in ctx.notebook.claims.values()
        }
    out["notebook"] = notebook_to_dict(ctx.notebook)
    return out


class JsonExporter:
    name: ClassVar[str] = "json"
    title: ClassVar[str] = "Qarin notes (JSON)"
    extension: ClassVar[str] = ".json"
    media_type: ClassVar[str] = "application/json"

    def export(self, ctx: ExportContext) -> ExportResult:
        text = json.dumps(notes_document(ctx), ensure_ascii=False, indent=2) + "\n"
        return ExportResult({"": text.encode("utf-8")})


register(JsonExporter())
