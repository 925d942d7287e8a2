"""Merging the encoder's word probabilities with the CNN's names (tag_merge)."""

from __future__ import annotations

import numpy as np
import pytest

from qarin.core.entities.tag_merge import merge

TAGS = ["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG"]


def probs(*rows: dict[str, float]) -> np.ndarray:
    """Word rows; tags not named share what is left."""
    out = np.zeros((len(rows), len(TAGS)), np.float32)
    for w, row in enumerate(rows):
        rest = (1.0 - sum(row.values())) / (len(TAGS) - len(row))
        out[w] = [row.get(t, rest) for t in TAGS]
    return out


def test_weight_zero_is_the_encoder_alone() -> None:
    p = probs({"B-PERS": 0.9}, {"I-PERS": 0.9}, {"O": 0.9}, {"B-LOC": 0.8})
    assert merge(p, TAGS, [(0, 1, "ORG")], 0.0) == [(0, 2, "PERSON"), (3, 4, "GPE")]


def test_a_large_weight_is_the_cnn_alone() -> None:
    p = probs({"B-PERS": 0.9}, {"I-PERS": 0.9}, {"O": 0.9}, {"B-LOC": 0.8})
    assert merge(p, TAGS, [(0, 1, "ORG"), (2, 3, "PERSON")], 50.0) == [
        (0, 1, "ORG"),
        (2, 3, "PERSON"),
    ]


def test_the_cnn_decides_where_the_encoder_is_unsure() -> None:
    # Word 0: the encoder leans ORG (0.45) over LOC (0.40); the CNN said GPE.
    p = probs({"B-ORG": 0.45, "B-LOC": 0.40}, {"O": 0.99})
    assert merge(p, TAGS, [(0, 1, "GPE")], 1.0) == [(0, 1, "GPE")]
    # A sure encoder keeps its reading against the same weight.
    sure = probs({"B-ORG": 0.95, "B-LOC": 0.01}, {"O": 0.99})
    assert merge(sure, TAGS, [(0, 1, "GPE")], 1.0) == [(0, 1, "ORG")]


def test_the_reading_is_valid_bio() -> None:
    # An I- tag with no B- before it is never produced: the best valid path is chosen.
    p = probs({"O": 0.6, "B-PERS": 0.3}, {"I-PERS": 0.9})
    spans = merge(p, TAGS, [], 0.0)
    assert spans == [(0, 2, "PERSON")]


def test_cnn_labels_outside_the_three_classes_are_kept_where_free() -> None:
    p = probs({"O": 0.9}, {"B-LOC": 0.9}, {"O": 0.9})
    assert merge(p, TAGS, [(0, 1, "NORP"), (1, 2, "NORP")], 1.0) == [
        (0, 1, "NORP"),
        (1, 2, "GPE"),
    ]


@pytest.mark.parametrize("weight", [0.0, 3.0])
def test_no_words_no_spans(weight: float) -> None:
    assert merge(np.zeros((0, len(TAGS)), np.float32), TAGS, [], weight) == []
