"""schema.org ClaimReview export (formats/claimreview.py).

The golden file is tests/data/golden/sample.claimreview.jsonld; regenerate it with
``QARIN_UPDATE_GOLDEN=1 pytest tests/core/test_export_claimreview.py`` and review the diff.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest

from qarin.core.export.base import ExportContext
from qarin.core.export.formats.claimreview import RATING_VALUES, rating
from qarin.core.export.registry import get
from tests.export_checks import validate_claimreview
from tests.export_fixtures import FIXED_DATE, assert_golden, sample_context

GOLDEN = (Path(__file__).resolve().parent.parent / "data" / "golden"
          / "sample.claimreview.jsonld")


def reviews(ctx: ExportContext) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(get("claimreview").export(ctx).single)
    return data


def with_claims(ctx: ExportContext, **changes: Any) -> ExportContext:
    """``ctx`` with every claim changed the same way."""
    claims = {cid: replace(c, **changes) for cid, c in ctx.notebook.claims.items()}
    return replace(ctx, notebook=replace(ctx.notebook, claims=MappingProxyType(claims)))


def test_golden() -> None:
    assert_golden(GOLDEN, get("claimreview").export(sample_context()).single)


@pytest.mark.parametrize(
    "options",
    [{}, {"include_suggestions": True}, {"url": "https://factcheck.example/a", "publisher": "FC"},
     {"author": "Someone Else"}],
    ids=lambda o: ",".join(o) or "default",
)
def test_checker(options: dict[str, Any]) -> None:
    ctx = sample_context(**options)
    validate_claimreview(ctx, get("claimreview").export(ctx))


def test_required_fields_and_only_rated_claims() -> None:
    ctx = sample_context(url="https://factcheck.example/a", publisher="Fact Desk")
    out = reviews(ctx)
    # c-1 confirmed (both languages), c-2 disputed (Arabic only); c-3 is unverified.
    assert [r["reviewRating"]["alternateName"] for r in out] == ["confirmed", "disputed"]
    for r in out:
        assert r["@context"] == "https://schema.org" and r["@type"] == "ClaimReview"
        assert r["url"] == "https://factcheck.example/a"
        assert r["datePublished"] == FIXED_DATE
        assert r["author"] == {"@type": "Person", "name": "Test Reader"}
        assert r["publisher"] == {"@type": "Organization", "name": "Fact Desk"}
        assert r["itemReviewed"]["appearance"]["name"] == "security guarantees"
    c1, c2 = out
    assert c1["claimReviewed"].startswith("Ukrainian President") and c1["inLanguage"] == "en"
    assert c1["itemReviewed"]["author"] == {"@type": "Person", "name": "Zelensky"}
    assert c2["claimReviewed"].startswith("هناك معلومات") and c2["inLanguage"] == "ar"
    assert c2["itemReviewed"]["author"] == {"@type": "Person", "name": "سيرغي ليبيديف"}
    assert c2["reviewBody"] == ctx.notebook.claims["c-2"].notes


def test_nothing_rated_gives_an_empty_list() -> None:
    ctx = with_claims(sample_context(), status="unverified")
    assert get("claimreview").export(ctx).single == b"[]\n"


@pytest.mark.parametrize(("status", "value"), sorted(RATING_VALUES.items()))
def test_rating_mapping(status: str, value: int) -> None:
    (first, *_) = reviews(with_claims(sample_context(), status=status))
    assert first["reviewRating"] == {"@type": "Rating", "alternateName": status,
                                     "ratingValue": value, "bestRating": 5, "worstRating": 1}


def test_rating_scale_is_ordered() -> None:
    assert (RATING_VALUES["false"] < RATING_VALUES["misleading"] < RATING_VALUES["disputed"]
            < RATING_VALUES["confirmed"])


def test_a_configured_status_keeps_its_name_but_gets_no_number() -> None:
    assert rating("satire") == {"@type": "Rating", "alternateName": "satire"}
    (first, *_) = reviews(with_claims(sample_context(), status="satire"))
    assert "ratingValue" not in first["reviewRating"]


def test_claimant_organisation_and_author_fallbacks() -> None:
    ctx = with_claims(sample_context(publisher="Fact Desk"), claimant_link="L-moscow",
                      status="false")
    ctx = replace(ctx, notebook=replace(ctx.notebook, reader=""))
    (first, *_) = reviews(ctx)
    assert first["itemReviewed"]["author"] == {"@type": "Organization", "name": "Moscow"}
    # No reader name: the publishing organisation is the author.
    assert first["author"] == {"@type": "Organization", "name": "Fact Desk"}
    assert reviews(replace(ctx, options=replace(ctx.options, author="A. Checker")))[0][
        "author"] == {"@type": "Person", "name": "A. Checker"}


def test_empty_options_are_left_out_and_date_defaults_to_today() -> None:
    ctx = sample_context(date="")
    (first, *_) = reviews(ctx)
    assert "url" not in first and "publisher" not in first
    assert first["datePublished"] == date.today().isoformat()
