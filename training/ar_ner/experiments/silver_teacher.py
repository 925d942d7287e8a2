"""Experiment: silver training data, NewsFANE's sentences labelled by Qarin's accurate mode.

    python training/ar_ner/experiments/silver_teacher.py PART CNN_DIR ENCODER_DIR OUT_DIR

then the shipped recipe (`spacy train training/ar_ner/config.cfg --code training/ar_ner/code.py
--paths.train OUT_DIR/train --paths.vectors OUT_DIR/vectors ...`).  Result on the dev block
(README.md): the fast recogniser fell from 0.745 to 0.717 (PER 0.754 -> 0.661); not shipped.

PART is `tune` or `final` (corpus/PART/newsfane.spacy: NewsFANE without the sentences sharing a
5-gram with the ANERcorp test part, and for `tune` with the dev block too).  NewsFANE's own
fine-grained labels are dropped; the teacher (the CNN in CNN_DIR merged with the fine-tuned
encoder in ENCODER_DIR) labels PERSON / GPE / ORG the way ANERcorp does.  Writes
OUT_DIR/train (silver.spacy beside the part's anercorp.spacy, for `spacy train`) and
OUT_DIR/vectors (the part's vector table plus rows for the silver words, same projection).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "desktop"))
sys.path.insert(0, str(REPO / "tests" / "bench"))

import spacy  # noqa: E402
from bench_ar_ner import recogniser_predictor  # noqa: E402
from convert import to_docbin  # noqa: E402
from spacy.tokens import Doc, DocBin  # noqa: E402
from spacy.vocab import Vocab  # noqa: E402

from qarin.core.entities.arabic import ArabicRecognizer  # noqa: E402
from qarin.core.entities.arabic_vectors import MissingWordVectors  # noqa: E402

CORPUS = HERE / "corpus"
_LABEL = {"PER": "PERSON", "LOC": "GPE", "ORG": "ORG"}


def main() -> None:
    part, cnn, encoder, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
    docs = DocBin().from_disk(CORPUS / part / "newsfane.spacy").get_docs(Vocab())
    words = [[t.text for t in d] for d in docs]
    teacher = ArabicRecognizer(cnn, accurate=True, encoder_dir=encoder)
    # The bench's reader: sentences 20 to a document, mentions widened to the corpus words.
    spans = recogniser_predictor(teacher, {}, 20)([[(w, "O") for w in ws] for ws in words])
    sents = []
    for ws, found in zip(words, spans, strict=True):
        tags = ["O"] * len(ws)
        for s, e, cls in found:
            tags[s:e] = [f"B-{_LABEL[cls]}"] + [f"I-{_LABEL[cls]}"] * (e - s - 1)
        sents.append(list(zip(ws, tags, strict=True)))
    train = out / "train"
    train.mkdir(parents=True, exist_ok=True)
    to_docbin(sents).to_disk(train / "silver.spacy")
    shutil.copy(CORPUS / part / "anercorp.spacy", train / "anercorp.spacy")
    print(f"{len(sents)} silver sentences, {sum(map(len, spans))} mentions", flush=True)

    source = CORPUS / ("vectors-tune" if part == "tune" else "vectors")
    table = spacy.load(source)
    tokenized = []
    for ws in words:
        d = teacher.nlp.make_doc(" ".join(ws))
        v = Doc(table.vocab, words=[t.text for t in d])
        for mine, theirs in zip(v, d, strict=True):
            mine.norm_ = theirs.norm_
        tokenized.append(v)
    added = MissingWordVectors(source).fill(table.vocab, tokenized)
    table.to_disk(out / "vectors")
    shutil.copy(source / "e5_projection.npz", out / "vectors" / "e5_projection.npz")
    print(f"{added} vector rows added for silver words", flush=True)


if __name__ == "__main__":
    main()
