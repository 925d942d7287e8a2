"""Combining a language's mentions from the model, the curated list and the rules (mentions)."""

from __future__ import annotations

from qarin.core.entities.mentions import Mention, add_if_free, add_or_widen


def test_a_listed_name_replaces_the_mentions_it_contains() -> None:
    found: list[Mention] = [(0, 4, "ORG"), (5, 11, "GPE")]  # Real | Madrid
    add_or_widen(found, 0, 11, "ORG")
    assert found == [(0, 11, "ORG")]


def test_a_listed_name_crossing_a_mention_is_left_out() -> None:
    found: list[Mention] = [(3, 9, "PERSON")]
    add_or_widen(found, 0, 5, "ORG")
    assert found == [(3, 9, "PERSON")]


def test_a_curated_organisation_relabels_a_mention_of_its_exact_span() -> None:
    found: list[Mention] = [(0, 15, "PERSON")]  # الوداد البيضاوي read as a person
    add_or_widen(found, 0, 15, "ORG")
    assert found == [(0, 15, "ORG")]


def test_other_list_labels_do_not_relabel_the_model() -> None:
    # A nationality or region list entry is weaker evidence than the model's reading in context.
    for label in ("NORP", "LOC"):
        found: list[Mention] = [(0, 6, "ORG")]
        add_or_widen(found, 0, 6, label)
        assert found == [(0, 6, "ORG")]


def test_rules_only_fill_gaps() -> None:
    found: list[Mention] = [(0, 6, "PERSON")]
    add_if_free(found, 4, 8, "DATE")
    add_if_free(found, 7, 9, "CARDINAL")
    assert found == [(0, 6, "PERSON"), (7, 9, "CARDINAL")]
