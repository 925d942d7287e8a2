"""Convert the NER corpora to spaCy DocBin files under training/ar_ner/corpus/.

tune/anercorp.spacy    ANERcorp training part minus the dev block (for tuning)
dev.spacy              the dev block: the last 610 sentences of the training part
final/anercorp.spacy   the whole ANERcorp training part (for the shipped model)
tune/newsfane.spacy    NewsFANE minus any sentence sharing a 5-gram with the ANERcorp test part
                       or the dev block (for tuning)
final/newsfane.spacy   NewsFANE minus any sentence sharing a 5-gram with the ANERcorp test part

The ANERcorp test part and AQMAR are never written here.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "desktop"))

import corpora  # noqa: E402

from qarin.core.entities.arabic_text import normalise  # noqa: E402

OUT = HERE / "corpus"
NEWSFANE_KEEP = {"PERSON", "ORG", "GPE", "LOC"}


def to_docbin(sents: Iterable[corpora.Sentence], keep: set[str] | None = None) -> DocBin:
    vocab = Vocab()
    db = DocBin(store_user_data=False)
    for sent in sents:
        words = [w for w, _ in sent]
        tags = ["O"] * len(words)
        for start, end, label in corpora.spans(sent):
            if keep is not None and label not in keep:
                continue
            # ANERcorp cannot tell a country from a river: one location label to train on;
            # the recogniser's gazetteer step separates LOC afterwards.
            label = "GPE" if label == "LOC" else label
            tags[start] = "B-" + label
            for i in range(start + 1, end):
                tags[i] = "I-" + label
        db.add(Doc(vocab, words=words, spaces=[True] * len(words), ents=tags))
    return db


def _shingles(sent: corpora.Sentence, n: int = 5) -> set[tuple[str, ...]]:
    ws = [re.sub(r"[^\u0621-\u064a0-9]", "", normalise(w)) for w, _ in sent]
    ws = [w for w in ws if w]
    return {tuple(ws[i : i + n]) for i in range(max(1, len(ws) - n + 1))}


def _without_overlap(
    sents: list[corpora.Sentence], held_out: list[corpora.Sentence]
) -> list[corpora.Sentence]:
    banned: set[tuple[str, ...]] = set()
    for s in held_out:
        banned |= _shingles(s)
    return [s for s in sents if not (_shingles(s) & banned)]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    splits = corpora.anercorp_splits()
    for name, rel in (("train", "tune/anercorp"), ("dev", "dev"), ("train_full", "final/anercorp")):
        (OUT / rel).parent.mkdir(parents=True, exist_ok=True)
        to_docbin(splits[name]).to_disk(OUT / f"{rel}.spacy")
        print(f"{rel}.spacy: {len(splits[name])} sentences")
    nf = corpora.read_newsfane()
    nf_dev = _without_overlap(nf, splits["test"] + splits["dev"])
    nf_full = _without_overlap(nf, splits["test"])
    to_docbin(nf_dev, NEWSFANE_KEEP).to_disk(OUT / "tune" / "newsfane.spacy")
    to_docbin(nf_full, NEWSFANE_KEEP).to_disk(OUT / "final" / "newsfane.spacy")
    print(
        f"newsfane: {len(nf)} sentences; {len(nf_dev)} kept for tuning, "
        f"{len(nf_full)} for the final model"
    )


if __name__ == "__main__":
    main()
