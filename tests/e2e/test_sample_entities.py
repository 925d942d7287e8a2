"""The bundled sample through the whole analysis, checked against the hand-made gold.

Gold offsets are into the whole file: the Arabic text is its first paragraph block and the
English text starts at ``gold["languages"]["en"]["start"]``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from functools import cache
from typing import Any

import pytest

from qarin.core.analysis import analyse
from qarin.core.document import BilingualDocument, Lang
from qarin.core.io.loader import load_document
from qarin.core.model import Analysis, EntityMention
from tests.conftest import GOLD, SAMPLE

LABELS = ("PERSON", "GPE", "ORG", "NORP")


@cache
def _run() -> tuple[BilingualDocument, Analysis, dict[str, Any]]:
    doc = load_document(SAMPLE)
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    return doc, analyse(doc), gold


def _gold_mentions(gold: dict[str, Any]) -> list[tuple[Lang, int, int, str, str]]:
    shift = {lang: gold["languages"][lang]["start"] for lang in ("ar", "en")}
    return [
        (g["lang"], g["start"] - shift[g["lang"]], g["end"] - shift[g["lang"]], g["label"],
         g["concept"])
        for g in gold["entities"]
    ]  # fmt: skip


def test_gold_offsets_fit_the_loaded_texts() -> None:
    doc, _, gold = _run()
    texts = [g["text"] for g in gold["entities"]]
    for (lang, start, end, _label, _c), text in zip(_gold_mentions(gold), texts, strict=True):
        assert doc.texts[lang][start:end] == text


def test_mentions_slice_back_to_their_text() -> None:
    doc, analysis, _ = _run()
    assert analysis.entities
    for m in analysis.entities:
        assert doc.texts[m.lang][m.start : m.end] == m.text
        # No punctuation at either end ("U.S." keeps its abbreviation dot).
        assert m.text == m.text.strip(" \t\n,;:!?()[]\"'،؛«»")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_mention_f1_per_language(lang: str) -> None:
    _, analysis, gold = _run()
    expected = {
        (s, e, lab) for lg, s, e, lab, _c in _gold_mentions(gold) if lg == lang and lab in LABELS
    }
    found = {
        (m.start, m.end, m.label) for m in analysis.entities if m.lang == lang and m.label in LABELS
    }
    tp = len(expected & found)
    precision = tp / len(found) if found else 0.0
    recall = tp / len(expected)
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    assert f1 >= 0.90, (
        f"{lang} F1 {f1:.3f}: missed {sorted(expected - found)}, spurious {sorted(found - expected)}"
    )


def _overlapping(analysis: Analysis, lang: str, start: int, end: int) -> list[EntityMention]:
    return [m for m in analysis.entities if m.lang == lang and m.start < end and start < m.end]


def test_every_bilingual_concept_is_one_entity() -> None:
    _, analysis, gold = _run()
    concepts: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for lang, s, e, _lab, concept in _gold_mentions(gold):
        concepts[concept].append((lang, s, e))
    bilingual = {c: ms for c, ms in concepts.items() if {lang for lang, _, _ in ms} == {"ar", "en"}}
    assert len(bilingual) >= 15
    broken = {}
    for concept, mentions in bilingual.items():
        links = {m.link for lang, s, e in mentions for m in _overlapping(analysis, lang, s, e)}
        unfound = [x for x in mentions if not _overlapping(analysis, *x)]
        if len(links) != 1 or None in links or unfound:
            broken[concept] = (sorted(map(str, links)), unfound)
    assert not broken


def test_no_two_gold_concepts_share_an_entity() -> None:
    _, analysis, gold = _run()
    concepts_of: dict[str | None, set[str]] = defaultdict(set)
    for lang, s, e, _lab, concept in _gold_mentions(gold):
        for m in _overlapping(analysis, lang, s, e):
            concepts_of[m.link].add(concept)
    merged = {link: c for link, c in concepts_of.items() if len(c) > 1}
    assert not merged


def test_links_name_the_entity_in_both_languages() -> None:
    _, analysis, _ = _run()
    by_text = {m.text: m.link or "" for m in analysis.entities}
    links = {lk.id: lk for lk in analysis.links}
    zelensky = links[by_text["Zelensky"]]
    assert zelensky.names == {"ar": "فولوديمير زيلينسكي", "en": "Volodymyr Zelensky"}
    usa = links[by_text["U.S."]]
    assert usa.names["en"] == "United States" and usa.names["ar"] == "الولايات المتحدة"
    for lk in analysis.links:
        ids = set(lk.mentions)
        assert all(m.link == lk.id for m in analysis.entities if m.id in ids)
