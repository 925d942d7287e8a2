"""W3C Web Annotation Data Model (JSON-LD) for annotation tools and triple stores.

One ``AnnotationCollection`` whose embedded first ``AnnotationPage`` holds every annotation
(the model's own way to put many annotations in one document, section 5 of the spec):

* a claim: motivation ``assessing``; bodies ``assessing`` (its status), ``tagging`` (one per
  tag) and ``commenting`` (its notes); one target per language it is anchored in;
* a note: motivation ``commenting``; targets its spans, its sentence pair, or the document;
* a cross-language entity: motivation ``linking`` between all its mentions in both languages,
  ``identifying`` bodies for its names and a ``classifying`` body for its label;
* a mention linked to nothing: motivation ``identifying``.

Targets point at ``urn:qarin:doc:<content hash>#ar`` (or ``#en``): the text as Qarin stores it,
independent of where the file lives. Each carries a TextQuoteSelector (exact, prefix, suffix)
and a TextPositionSelector whose ``start``/``end`` count Unicode code points in logical
(storage) order, end exclusive, as the spec asks, so they match Qarin's spans one to one; they
are not UTF-16 units as in a browser's DOM, and not positions in the displayed (visual) order.

What the model has no term for (claim id, claimant, cue, evidence, sentence ids, the status set)
goes under the ``qarin:`` prefix (``urn:qarin:vocab#``), so w3c_import can rebuild the claims
and notes. Everything the reader typed is written exactly as typed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, ClassVar
from urllib.parse import quote

from qarin.core.document import Lang, Span
from qarin.core.export.base import ExportContext, ExportResult
from qarin.core.export.content import claimant_name, exported_claims
from qarin.core.export.registry import register
from qarin.core.model import EntityLink, EntityMention
from qarin.core.notes.model import Claim, Note
from qarin.core.notes.serialize import evidence_to_dict
from qarin.core.text.script import letter_counts

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
QARIN_VOCAB = "urn:qarin:vocab#"
# Ordered values are lists in JSON-LD only when the context says so.
CONTEXT: list[Any] = [
    ANNO_CONTEXT,
    {
        "@version": 1.1,
        "qarin": QARIN_VOCAB,
        **{
            f"qarin:{key}": {"@container": "@list"}
            for key in ("sentences", "statuses", "tags", "sources")
        },
        # Evidence items keep the native notes shape; a scoped context names their keys.
        "qarin:evidence": {
            "@container": "@list",
            "@context": {"kind": "qarin:evidenceKind", "note": "qarin:evidenceNote"},
        },
    },
]
FORMAT_VERSION = 1
CONTEXT_CHARS = 32  # prefix/suffix length: enough to tell repeated quotes apart
DIRECTION: dict[Lang, str] = {"ar": "rtl", "en": "ltr"}

# Extension keys, shared with w3c_import.
K_VERSION = "qarin:formatVersion"
K_DOC = "qarin:docHash"
K_TYPE = "qarin:type"
K_ID = "qarin:id"
K_SUGGESTION = "qarin:suggestion"
K_SENTENCE = "qarin:sentence"
K_MENTION = "qarin:mention"


def doc_urn(doc_hash: str, lang: Lang | None = None) -> str:
    return f"urn:qarin:doc:{doc_hash}" + (f"#{lang}" if lang else "")


def annotation_id(doc_hash: str, kind: str, item_id: str) -> str:
    return f"urn:qarin:doc:{doc_hash}/{kind}/{quote(item_id, safe='')}"


def text_body(value: str, purpose: str, lang: Lang | None = None) -> dict[str, Any]:
    """A TextualBody; language and direction come from ``lang`` or else from its letters."""
    body: dict[str, Any] = {"type": "TextualBody", "purpose": purpose, "value": value,
                            "format": "text/plain"}
    if lang is None:
        ar, la = letter_counts(value)
        if ar or la:
            lang = "ar" if ar >= la else "en"
            # Mixed text: let the consumer run the bidi algorithm on it.
            body["language"] = lang
            body["textDirection"] = "auto" if ar and la else DIRECTION[lang]
        return body
    body["language"] = lang
    body["textDirection"] = DIRECTION[lang]
    return body


class _Targets:
    """Builds targets for one document: the language texts are sliced, never copied."""

    def __init__(self, ctx: ExportContext) -> None:
        self.ctx = ctx
        self.doc_hash = ctx.doc.content_hash

    def source(self, lang: Lang) -> dict[str, Any]:
        return {"id": doc_urn(self.doc_hash, lang), "type": "Text", "format": "text/plain",
                "language": lang, "textDirection": DIRECTION[lang]}

    def span(self, span: Span, **extra: str) -> dict[str, Any]:
        text = self.ctx.doc.texts[span.lang]
        quote_sel = {
            "type": "TextQuoteSelector",
            "exact": text[span.start : span.end],
            "prefix": text[max(0, span.start - CONTEXT_CHARS) : span.start],
            "suffix": text[span.end : span.end + CONTEXT_CHARS],
        }
        position = {"type": "TextPositionSelector", "start": span.start, "end": span.end}
        # Two selectors in a list are alternatives for the same text (spec 4.2).
        return {"type": "SpecificResource", "source": self.source(span.lang),
                "selector": [quote_sel, position], **extra}

    def sentences(self, sentence_ids: Iterable[str]) -> list[dict[str, Any]]:
        return [self.span(self.ctx.analysis.sentence(sid).span, **{K_SENTENCE: sid})
                for sid in sentence_ids]

    def document(self) -> list[dict[str, Any]]:
        return [{"id": doc_urn(self.doc_hash), "type": "Text"}]


def _stamp(out: dict[str, Any], created: str, modified: str, creator: str) -> None:
    if creator:
        out["creator"] = {"type": "Person", "name": creator}
    if created:
        out["created"] = created
    if modified:
        out["modified"] = modified


def claim_annotation(ctx: ExportContext, t: _Targets, claim: Claim) -> dict[str, Any]:
    bodies = [text_body(claim.status, "assessing", "en")]
    bodies += [text_body(tag, "tagging") for tag in claim.tags]
    if claim.notes:
        bodies.append(text_body(claim.notes, "commenting"))
    out: dict[str, Any] = {
        "id": annotation_id(t.doc_hash, "claim", claim.id),
        "type": "Annotation",
        "motivation": "assessing",
    }
    _stamp(out, claim.created, claim.modified, ctx.notebook.reader)
    out["body"] = bodies
    out["target"] = [t.span(s) for s in claim.spans] or t.document()
    out[K_TYPE] = "claim"
    out[K_ID] = claim.id
    if claim.id not in ctx.notebook.claims:
        out[K_SUGGESTION] = True  # an undecided suggestion, exported on request
    out["qarin:claimant"] = claim.claimant
    if claim.claimant_link:
        out["qarin:claimantLink"] = claim.claimant_link
    name = claimant_name(ctx, claim)
    if name:
        out["qarin:claimantName"] = name
    out["qarin:cue"] = claim.cue
    out["qarin:sentences"] = list(claim.sentences)
    out["qarin:evidence"] = [evidence_to_dict(e) for e in claim.evidence]
    out["qarin:origin"] = claim.origin
    return out


def note_annotation(ctx: ExportContext, t: _Targets, note: Note) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": annotation_id(t.doc_hash, "note", note.id),
        "type": "Annotation",
        "motivation": "commenting",
    }
    _stamp(out, note.created, note.modified, ctx.notebook.reader)
    out["body"] = [text_body(note.text, "commenting")]
    # Targets marked qarin:sentence stand for the pair and are not spans of the note.
    targets = [t.span(s) for s in note.spans] + t.sentences(note.sentences)
    out["target"] = targets or t.document()
    out[K_TYPE] = "note"
    out[K_ID] = note.id
    out["qarin:noteTarget"] = note.target
    out["qarin:sentences"] = list(note.sentences)
    return out


def _mention_target(t: _Targets, m: EntityMention) -> dict[str, Any]:
    return t.span(Span(m.lang, m.start, m.end), **{K_MENTION: m.id})


def link_annotation(
    t: _Targets, link: EntityLink, mentions: dict[str, EntityMention]
) -> dict[str, Any]:
    bodies = [
        text_body(name, "identifying", "ar" if lang == "ar" else "en")
        for lang, name in sorted(link.names.items())
        if name
    ]
    bodies.append({"type": "TextualBody", "purpose": "classifying", "value": link.label})
    return {
        "id": annotation_id(t.doc_hash, "entity", link.id),
        "type": "Annotation",
        "motivation": "linking",
        "body": bodies,
        "target": [_mention_target(t, mentions[m]) for m in link.mentions if m in mentions],
        K_TYPE: "entity",
        K_ID: link.id,
    }


def mention_annotation(t: _Targets, m: EntityMention) -> dict[str, Any]:
    return {
        "id": annotation_id(t.doc_hash, "mention", m.id),
        "type": "Annotation",
        "motivation": "identifying",
        "body": [
            text_body(m.text, "identifying", m.lang),
            {"type": "TextualBody", "purpose": "classifying", "value": m.label},
        ],
        "target": _mention_target(t, m),
        K_TYPE: "mention",
        K_ID: m.id,
    }


def annotation_collection(ctx: ExportContext) -> dict[str, Any]:
    """The whole export as a JSON-ready dict."""
    t = _Targets(ctx)
    nb = ctx.notebook
    items = [claim_annotation(ctx, t, c) for c in exported_claims(ctx)]
    items += [note_annotation(ctx, t, n) for n in nb.notes.values()]
    mentions = {m.id: m for m in ctx.analysis.entities}
    items += [link_annotation(t, link, mentions) for link in ctx.analysis.links]
    linked = {m for link in ctx.analysis.links for m in link.mentions}
    items += [mention_annotation(t, m) for m in ctx.analysis.entities if m.id not in linked]
    out: dict[str, Any] = {
        "@context": CONTEXT,
        "id": annotation_id(t.doc_hash, "collection", "all"),
        "type": "AnnotationCollection",
        "label": ctx.doc.title or nb.title,
        "total": len(items),
    }
    if nb.reader:
        out["creator"] = {"type": "Person", "name": nb.reader}
    out.update({
        K_VERSION: FORMAT_VERSION,
        K_DOC: t.doc_hash,
        "qarin:title": nb.title,
        "qarin:reader": nb.reader,
        "qarin:sources": list(nb.sources),
        "qarin:statuses": list(nb.statuses),
        "qarin:tags": list(nb.tags),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    })
    return out


class W3CExporter:
    name: ClassVar[str] = "w3c"
    title: ClassVar[str] = "W3C Web Annotations (JSON-LD)"
    extension: ClassVar[str] = ".jsonld"
    # The spec's media type, with the profile that tells a client which context to expect.
    media_type: ClassVar[str] = (
        'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
    )

    def export(self, ctx: ExportContext) -> ExportResult:
        text = json.dumps(annotation_collection(ctx), ensure_ascii=False, indent=2)
        return ExportResult({"": (text + "\n").encode("utf-8")})


register(W3CExporter())
