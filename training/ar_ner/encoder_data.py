"""What the encoder's fine-tuning and export share: the tag set, the gazetteer that decides
proclitics and the piece vocabulary."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "desktop"))
# The tagger's own reading of a word, so fine-tuning and Qarin split words alike.
from qarin.core.entities.arabic_encoder import (  # noqa: E402
    ProcliticLength,
    word_reading,
)
from qarin.core.entities.arabic_gazetteer import Gazetteer  # noqa: E402

# Word tags the encoder predicts: ANERcorp's three scored classes in BIO.
TAGS = ["O"] + [f"{p}-{c}" for c in ("PERS", "LOC", "ORG") for p in ("B", "I")]
# corpora hands out Qarin's labels; the encoder learns the scored classes.
_CLASS = {"PERSON": "PERS", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG"}
# The recogniser's tokenizer reads these (config.cfg's gazetteer_paths), so its proclitic
# decisions are the ones fine-tuning makes.
_GAZETTEERS = (
    ROOT / "resources/gazetteers/arabnamer_ar.json",
    ROOT / "resources/gazetteers/cldr_ar.json",
    HERE / "corpus/freq.json",
)


def tags_of(sentence: Sequence[tuple[str, str]]) -> list[int]:
    out = []
    for _, tag in sentence:
        cls = _CLASS.get(tag[2:])
        out.append(TAGS.index(f"{tag[:2]}{cls}") if cls and tag[:2] in ("B-", "I-") else 0)
    return out


def recogniser_gazetteer() -> Gazetteer:
    return Gazetteer.merged(Gazetteer.from_disk(p) for p in _GAZETTEERS)


def piece_vocabulary(
    e5, sentences: Iterable[Sequence[tuple[str, str]]], proclitic_length: ProcliticLength | None
) -> list[int]:
    """Piece ids whose embedding rows are fine-tuned (and shipped), in row order."""
    ids = {i for s in sentences for w, _ in s for i in word_reading(e5, w, proclitic_length)[0]}
    return sorted(ids | {e5.bos, e5.eos})


def gazetteer_tags(gazetteer: Gazetteer) -> list[str]:
    """The encoder's input tags for listed phrases ("O" first: the index of untagged words)."""
    labels = sorted(set(gazetteer.phrases.values()))
    return ["O"] + [f"{p}-{label}" for label in labels for p in ("B", "I")]

