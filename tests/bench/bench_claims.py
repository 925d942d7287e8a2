"""Claim suggestions against the sample's gold claims (tests/data/security-guarantees.gold.json).

    PYTHONPATH=desktop python tests/bench/bench_claims.py

Three runs: without entities (claimants are free-text names), with the gold entities given by
hand (claimants are link ids), and with the pipeline's own entity stage when it exists.
Reported: claim precision/recall (a suggestion matches a gold claim when it covers the same
sentences), claimant accuracy (same concept as the gold claimant), cue accuracy per language
(exact span), hedge span precision/recall (exact spans) and hedged-flag accuracy.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "desktop"))

from qarin.core.analysis import analyse  # noqa: E402
from qarin.core.claims.stage import add_claim_suggestions  # noqa: E402
from qarin.core.document import BilingualDocument, Lang  # noqa: E402
from qarin.core.io.loader import load_document  # noqa: E402
from qarin.core.model import Analysis, ClaimSuggestion, EntityLink, EntityMention  # noqa: E402

SAMPLE = REPO / "resources" / "sample" / "security-guarantees.txt"
GOLD = REPO / "tests" / "data" / "security-guarantees.gold.json"


class Gold:
    """The gold file, with offsets moved from the whole file into each language's text."""

    def __init__(self, path: Path = GOLD) -> None:
        self.raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        self.base: dict[str, int] = {
            lang: v["start"] for lang, v in self.raw["languages"].items()
        }

    def lang_of(self, offset: int) -> Lang:
        return "en" if offset >= self.base["en"] else "ar"

    def local(self, offset: int) -> tuple[Lang, int]:
        lang = self.lang_of(offset)
        return lang, offset - self.base[lang]

    @staticmethod
    def sentence_id(gold_id: str) -> str:
        """"ar0" → "ar:0", the pipeline's sentence ids."""
        return f"{gold_id[:2]}:{gold_id[2:]}"

    def claims(self) -> list[dict[str, Any]]:
        return list(self.raw["claims"])

    def entity_spans(self, concept: str) -> list[tuple[Lang, int, int]]:
        out: list[tuple[Lang, int, int]] = []
        for e in self.raw["entities"]:
            if e["concept"] == concept:
                lang, start = self.local(e["start"])
                out.append((lang, start, start + e["end"] - e["start"]))
        return out

    def names(self, concept: str) -> set[str]:
        return {e["text"] for e in self.raw["entities"] if e["concept"] == concept}

    def with_entities(self, analysis: Analysis) -> Analysis:
        """``analysis`` with the gold entities as mentions, linked by concept."""
        mentions: list[EntityMention] = []
        by_concept: dict[str, list[EntityMention]] = {}
        for n, e in enumerate(self.raw["entities"]):
            lang, start = self.local(e["start"])
            m = EntityMention(
                f"m{n}", lang, start, start + e["end"] - e["start"], e["text"], e["label"],
                f"link:{e['concept']}",
            )
            mentions.append(m)
            by_concept.setdefault(e["concept"], []).append(m)
        links = tuple(
            EntityLink(
                f"link:{c}", ms[0].label,
                {"ar": next((m.text for m in ms if m.lang == "ar"), None),
                 "en": next((m.text for m in ms if m.lang == "en"), None)},
                tuple(m.id for m in ms),
            )
            for c, ms in by_concept.items()
        )
        return replace(analysis, entities=tuple(mentions), links=links)


def claimant_matches(
    gold: Gold, concept: str, claim: ClaimSuggestion, analysis: Analysis
) -> bool:
    """Whether ``claim.claimant`` is the gold concept: a link holding one of its mentions,
    or free text naming it."""
    if claim.claimant is None:
        return False
    if claim.claimant_is_link:
        spans = gold.entity_spans(concept)
        return any(
            m.link == claim.claimant
            and any(m.lang == lang and m.start < end and start < m.end
                    for lang, start, end in spans)
            for m in analysis.entities
        )
    text = claim.claimant
    return any(name in text or text in name for name in gold.names(concept))


def score(doc: BilingualDocument, analysis: Analysis, gold: Gold) -> dict[str, float]:
    gold_claims = gold.claims()
    by_sents = {frozenset(c.sentences): c for c in analysis.claims}
    matched = 0
    claimant_ok = 0
    cue_ok: dict[str, int] = {"ar": 0, "en": 0}
    hedge_flag_ok = 0
    gold_hedges: set[tuple[str, int, int]] = set()
    for g in gold_claims:
        for h in g.get("hedges", []):
            lang, start = gold.local(h["start"])
            gold_hedges.add((lang, start, start + h["end"] - h["start"]))
        claim = by_sents.get(frozenset(gold.sentence_id(s) for s in g["sentences"]))
        if claim is None:
            continue
        matched += 1
        claimant_ok += claimant_matches(gold, g["claimant"], claim, analysis)
        found = {(s.lang, s.start, s.end) for s in claim.cue}
        for c in g["cue"]:
            lang, start = gold.local(c["start"])
            cue_ok[lang] += (lang, start, start + c["end"] - c["start"]) in found
        hedge_flag_ok += bool(claim.hedges) == bool(g.get("hedged"))
    found_hedges = {(h.lang, h.start, h.end) for c in analysis.claims for h in c.hedges}
    n_gold, n_sugg = len(gold_claims), len(analysis.claims)
    hit = len(found_hedges & gold_hedges)
    return {
        "claims_gold": n_gold,
        "suggestions": n_sugg,
        "claim_precision": matched / n_sugg if n_sugg else 0.0,
        "claim_recall": matched / n_gold if n_gold else 0.0,
        "claimant_accuracy": claimant_ok / matched if matched else 0.0,
        "cue_accuracy_ar": cue_ok["ar"] / matched if matched else 0.0,
        "cue_accuracy_en": cue_ok["en"] / matched if matched else 0.0,
        "hedge_precision": hit / len(found_hedges) if found_hedges else 0.0,
        "hedge_recall": hit / len(gold_hedges) if gold_hedges else 0.0,
        "hedged_flag_accuracy": hedge_flag_ok / matched if matched else 0.0,
    }


def _print(name: str, result: dict[str, float]) -> None:
    print(f"\n{name}")
    for key, value in result.items():
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        print(f"  {key:22s} {shown}")


def main() -> None:
    doc = load_document(SAMPLE)
    gold = Gold()
    base = analyse(doc, entities=False)
    _print("without entities (free-text claimants)", score(doc, add_claim_suggestions(doc, base),
                                                          gold))
    with_gold = gold.with_entities(base)
    _print("with gold entities (link claimants)",
           score(doc, add_claim_suggestions(doc, with_gold), gold))
    if importlib.util.find_spec("qarin.core.entities.stage") is None:
        print("\npipeline entities: skipped (qarin.core.entities.stage is not built yet)")
        return
    full = analyse(doc)
    if not full.claims:
        full = add_claim_suggestions(doc, full)
    _print("with the pipeline's entities", score(doc, full, gold))


if __name__ == "__main__":
    main()
