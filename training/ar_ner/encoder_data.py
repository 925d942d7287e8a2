"""What the encoder's fine-tuning and export share: the tag set and the piece vocabulary."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "desktop"))
# The tagger's own reading of a word, so fine-tuning and Qarin split words alike.
from qarin.core.entities.arabic_encoder import word_pieces

# Word tags the encoder predicts: ANERcorp's three scored classes in BIO.
TAGS = ["O"] + [f"{p}-{c}" for c in ("PERS", "LOC", "ORG") for p in ("B", "I")]
# corpora hands out Qarin's labels; the encoder learns the scored classes.
_CLASS = {"PERSON": "PERS", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG"}


def tags_of(sentence: Sequence[tuple[str, str]]) -> list[int]:
    out = []
    for _, tag in sentence:
        cls = _CLASS.get(tag[2:])
        out.append(TAGS.index(f"{tag[:2]}{cls}") if cls and tag[:2] in ("B-", "I-") else 0)
    return out


def piece_vocabulary(e5, sentences: Iterable[Sequence[tuple[str, str]]]) -> list[int]:
    """Piece ids whose embedding rows are fine-tuned (and shipped), in row order."""
    ids = {i for s in sentences for w, _ in s for i in word_pieces(e5, w)}
    return sorted(ids | {e5.bos, e5.eos})
