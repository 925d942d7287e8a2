"""One reading of a sentence from two taggers: the encoder's probabilities and the CNN's names.

Each word's score for a tag is the encoder's log-probability, plus ``weight`` where the CNN
chose that tag (its names as B-/I- tags, O elsewhere); the best tag sequence that is valid BIO
(an I-X only after B-X or I-X) wins.  The CNN thus decides where the encoder is unsure (its
probability ratio under e^weight) and the encoder keeps what it is sure of.  Measured on
ANERcorp's dev block this beats either alone and a vote of three taggers
(training/ar_ner/README.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np

from qarin.core.entities.e5_file import Floats

Span = tuple[int, int, str]

# Encoder classes (ANERcorp's) and Qarin's labels.  A place is GPE until the recogniser's
# refinement turns seas and mountains into LOC.
LABEL_OF_CLASS = {"PERS": "PERSON", "LOC": "GPE", "ORG": "ORG"}
CLASS_OF_LABEL = {"PERSON": "PERS", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG"}


def merge(probs: Floats, tags: Sequence[str], network: Sequence[Span], weight: float) -> list[Span]:
    """Word spans (start, end, label) for one sentence of ``len(probs)`` words.

    ``network``: the CNN's spans over the same words; labels it has no class for are kept as
    they are where the merged reading leaves their words free.
    """
    n = len(probs)
    if n == 0:
        return []
    scores = np.log(np.maximum(probs, 1e-9))
    chosen = np.zeros(n, np.int64)  # O
    for start, end, label in network:
        cls = CLASS_OF_LABEL.get(label)
        if cls is not None:
            chosen[start] = tags.index(f"B-{cls}")
            chosen[start + 1 : end] = tags.index(f"I-{cls}")
    scores[np.arange(n), chosen] += weight
    spans = _bio_spans(_best_valid_path(scores, tags), tags)
    for start, end, label in network:
        if label not in CLASS_OF_LABEL and all(e <= start or s >= end for s, e, _ in spans):
            spans.append((start, end, label))
    return sorted(spans)


@cache
def _allowed(tags: tuple[str, ...]) -> Floats:
    """Transition bonus: 0 where tag j may follow tag i, -inf where it may not."""
    k = len(tags)
    out = np.zeros((k, k), np.float32)
    for j, tag in enumerate(tags):
        if tag.startswith("I-"):
            for i, prev in enumerate(tags):
                if prev[2:] != tag[2:]:
                    out[i, j] = -np.inf
    return out


def _best_valid_path(scores: Floats, tags: Sequence[str]) -> list[int]:
    transitions = _allowed(tuple(tags))
    start_ok = np.array([0.0 if not t.startswith("I-") else -np.inf for t in tags], np.float32)
    best = scores[0] + start_ok
    back = np.zeros(scores.shape, np.int64)
    for w in range(1, len(scores)):
        total = best[:, None] + transitions
        back[w] = total.argmax(0)
        best = total.max(0) + scores[w]
    path = [int(best.argmax())]
    for w in range(len(scores) - 1, 0, -1):
        path.append(int(back[w, path[-1]]))
    return path[::-1]


def _bio_spans(path: list[int], tags: Sequence[str]) -> list[Span]:
    spans: list[Span] = []
    start = -1
    for w, t in enumerate([*path, tags.index("O")]):
        tag = tags[t]
        if start >= 0 and not tag.startswith("I-"):
            spans.append((start, w, LABEL_OF_CLASS[tags[path[start]][2:]]))
            start = -1
        if tag.startswith("B-"):
            start = w
    return spans
