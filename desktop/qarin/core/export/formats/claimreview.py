"""schema.org ClaimReview JSON-LD: the fact-check markup search engines and fact-check
aggregators read, one ClaimReview per claim the reader has rated.

"Rated" means any status but ``unverified`` (an unverified claim is not yet a review). The
output is a JSON list, each item a self-contained ClaimReview with its own ``@context``, as a
page embeds them in ``<script type="application/ld+json">``; nothing rated gives ``[]``.

Rating scale (``worstRating`` 1, ``bestRating`` 5; ``alternateName`` is the status as written)::

    false 1   misleading 2   disputed 3   confirmed 5

4 is left free for a "mostly true" a configured status set might add. A status outside this
table (the set is configurable) keeps its ``alternateName`` but has no number, since any number
would be a guess; schema.org allows a Rating with only ``alternateName``.

Text: ``claimReviewed`` is the claim's English text when it has one, else its Arabic, with
``inLanguage`` saying which. The claimant becomes the Claim's author: a Person when it is a
linked person entity or free text, an Organization for any other entity label (a ministry,
a country). The review's author is ``options.author`` or else the notebook's reader; the
publisher (an Organization) is ``options.publisher``; ``url`` is ``options.url``. Empty values
are left out rather than written as empty strings.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from qarin.core.export.base import ExportContext, ExportResult
from qarin.core.export.content import claim_quotes, claimant_name, export_date, exported_claims
from qarin.core.export.registry import register
from qarin.core.notes.model import Claim

SCHEMA_CONTEXT = "https://schema.org"
UNRATED = "unverified"
BEST, WORST = 5, 1
RATING_VALUES: dict[str, int] = {"false": 1, "misleading": 2, "disputed": 3, "confirmed": 5}
# Entity labels of people (spaCy's PERSON, ANERcorp's PERS, CoNLL's PER).
PERSON_LABELS = frozenset({"PERSON", "PERS", "PER"})


def rating(status: str) -> dict[str, Any]:
    out: dict[str, Any] = {"@type": "Rating", "alternateName": status}
    if status in RATING_VALUES:
        out.update(ratingValue=RATING_VALUES[status], bestRating=BEST, worstRating=WORST)
    return out


def _claimant(ctx: ExportContext, claim: Claim) -> dict[str, Any] | None:
    name = claimant_name(ctx, claim)
    if not name:
        return None
    label = next((lk.label for lk in ctx.analysis.links if lk.id == claim.claimant_link), None)
    kind = "Person" if label is None or label in PERSON_LABELS else "Organization"
    return {"@type": kind, "name": name}


def _appearance(ctx: ExportContext) -> dict[str, Any]:
    """The document as a CreativeWork: its title, languages and Qarin's id for its text."""
    work: dict[str, Any] = {
        "@type": "CreativeWork",
        "identifier": f"urn:qarin:doc:{ctx.doc.content_hash}",
        "inLanguage": list(ctx.doc.languages),
    }
    title = ctx.doc.title or ctx.notebook.title
    if title:
        work["name"] = title
    return work


def _people(ctx: ExportContext) -> dict[str, Any]:
    opts = ctx.options
    out: dict[str, Any] = {}
    author = opts.author or ctx.notebook.reader
    if author:
        out["author"] = {"@type": "Person", "name": author}
    if opts.publisher:
        publisher = {"@type": "Organization", "name": opts.publisher}
        out["publisher"] = publisher
        out.setdefault("author", publisher)  # ClaimReview needs an author; the outlet will do
    return out


def claim_review(ctx: ExportContext, claim: Claim) -> dict[str, Any] | None:
    """One ClaimReview, or None for an unrated claim or one with no text."""
    quotes = claim_quotes(ctx, claim)
    lang = "en" if "en" in quotes else "ar"
    if claim.status == UNRATED or lang not in quotes:
        return None
    item: dict[str, Any] = {"@type": "Claim", "inLanguage": lang}
    author = _claimant(ctx, claim)
    if author:
        item["author"] = author
    item["appearance"] = item["firstAppearance"] = _appearance(ctx)
    out: dict[str, Any] = {"@context": SCHEMA_CONTEXT, "@type": "ClaimReview"}
    if ctx.options.url:
        out["url"] = ctx.options.url
    out.update({
        "claimReviewed": quotes[lang].text,
        "inLanguage": lang,
        "itemReviewed": item,
        **_people(ctx),
        "datePublished": export_date(ctx),
        "reviewRating": rating(claim.status),
    })
    if claim.notes:
        out["reviewBody"] = claim.notes
    return out


def claim_reviews(ctx: ExportContext) -> list[dict[str, Any]]:
    return [r for r in (claim_review(ctx, c) for c in exported_claims(ctx)) if r is not None]


class ClaimReviewExporter:
    name: ClassVar[str] = "claimreview"
    title: ClassVar[str] = "schema.org ClaimReview (JSON-LD)"
    extension: ClassVar[str] = ".jsonld"
    media_type: ClassVar[str] = "application/ld+json"

    def export(self, ctx: ExportContext) -> ExportResult:
        text = json.dumps(claim_reviews(ctx), ensure_ascii=False, indent=2)
        return ExportResult({"": (text + "\n").encode("utf-8")})


register(ClaimReviewExporter())
