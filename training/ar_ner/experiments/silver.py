"""Experiment: silver training data labelled by a vote of two CNN recognisers and the fine-tuned
encoder, then the shipped recipe on gold + silver.  Run from the repository root:

    python training/ar_ner/experiments/silver.py words CNN_A CNN_B   # word lists + CNN spans
    python training/ar_ner/experiments/silver.py encoder WEIGHTS_DIR # the encoder's spans
    python training/ar_ner/experiments/silver.py vectors CNN_A       # rows for the silver words
    python training/ar_ner/experiments/silver.py docbin              # the vote, as a DocBin

then `spacy train` with `--paths.train` a folder holding the tuning part's anercorp.spacy and
silver.spacy, and `--paths.vectors` the silver vector table (see ../README.md for the figures).
Unlabelled text: NewsFANE minus anything sharing a 5-gram with the dev block or the test part
(`corpus/tune/newsfane.spacy`), and the Arabic sides of NTREX, FLORES devtest and TICO-19.
"""

import collections
import json
import os
import pickle
import shutil
import sys
from pathlib import Path

sys.path.insert(0, "tests/bench")
sys.path.insert(0, "training/ar_ner")
sys.path.insert(0, "desktop")
import bench_ar_ner as bench
import spacy
from convert import to_docbin
from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

import qarin.core.entities.arabic_lang  # noqa: F401  (registers the tokenizer)
from qarin.core.entities.arabic import ArabicRecognizer
from qarin.core.entities.arabic_vectors import MissingWordVectors

OUT = Path("training/ar_ner/corpus/exp_ctx")
PARALLEL = Path(os.environ.get("QARIN_SHARED", "../shared")) / "data" / "parallel"
WORDS, CNN_SPANS = OUT / "silver_words.json", OUT / "silver_cnn.pkl"
FT_SPANS, VECTORS, TRAIN = OUT / "silver_ft.json", OUT / "vectors-silver", OUT / "silver_train"
LABEL = {"PER": "PERSON", "LOC": "GPE", "ORG": "ORG"}


def words(cnn_a: str, cnn_b: str) -> None:
    nlp = ArabicRecognizer(Path(cnn_a)).nlp
    out = [
        [t.text for t in d]
        for d in DocBin().from_disk("training/ar_ner/corpus/tune/newsfane.spacy").get_docs(Vocab())
    ]
    sides = (
        "ntrex/newstest2019-ref.arb.txt", "flores200/arb_Arab.devtest", "tico19/tico19-test.ar"
    )
    for name in sides:
        for line in (PARALLEL / name).read_text(encoding="utf-8").splitlines():
            ws = [t.text for t in nlp.make_doc(line) if not t.is_space]
            if ws:
                out.append(ws)
    WORDS.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    pseudo = [[(w, "O") for w in ws] for ws in out]
    spans = {m: bench.recogniser_predictor(ArabicRecognizer(Path(m)), {}, 20)(pseudo)
             for m in (cnn_a, cnn_b)}
    CNN_SPANS.write_bytes(pickle.dumps(list(spans.values())))
    print(f"{len(out)} sentences, {sum(map(len, out))} words")


def vectors(cnn: str) -> None:
    """The tuning vector table plus rows for the silver words, with the same projection."""
    src = Path("training/ar_ner/corpus/vectors-tune")
    nlp, table = spacy.load(cnn), spacy.load(src)
    docs = []
    for ws in json.loads(WORDS.read_text(encoding="utf-8")):
        d = nlp.make_doc(" ".join(ws))
        v = Doc(table.vocab, words=[t.text for t in d])
        for a, t in zip(v, d, strict=True):
            a.norm_ = t.norm_
        docs.append(v)
    print("rows added:", MissingWordVectors(src).fill(table.vocab, docs))
    table.to_disk(VECTORS)
    shutil.copy(src / "e5_projection.npz", VECTORS / "e5_projection.npz")


def encoder(weights_dir: str) -> None:
    """Spans of a fine-tuned encoder (export_encoder.py output) on the silver words."""
    from encoder_data import TAGS

    from qarin.core.entities import e5_file
    from qarin.core.entities.arabic_encoder import WEIGHTS_FILE, EncoderTagger
    from qarin.core.entities.tag_merge import merge

    tagger = EncoderTagger(Path(weights_dir) / WEIGHTS_FILE, e5_file.E5File(e5_file.default_path()))
    ws_all = json.loads(WORDS.read_text(encoding="utf-8"))
    names = {"PERSON": "PERS", "GPE": "LOC", "ORG": "ORG"}
    out = [
        [(s, e, names[label]) for s, e, label in merge(p, TAGS, [], 0.0)]
        for p in tagger.probabilities(ws_all)
    ]
    FT_SPANS.write_text(json.dumps(out))


def docbin() -> None:
    ws_all = json.loads(WORDS.read_text(encoding="utf-8"))
    cnn_a, cnn_b = pickle.loads(CNN_SPANS.read_bytes())
    ft = [[(s, e, "PER" if c == "PERS" else c) for s, e, c in row]
          for row in json.loads(FT_SPANS.read_text())]
    sents = []
    for ws, *systems in zip(ws_all, cnn_a, cnn_b, ft, strict=True):
        votes = collections.Counter(x for spans in systems for x in set(spans))
        keep: list[tuple[int, int, str]] = []
        for x in sorted((x for x, v in votes.items() if v >= 2), key=lambda x: (-votes[x], x)):
            if all(x[1] <= t[0] or x[0] >= t[1] for t in keep):
                keep.append(x)
        tags = ["O"] * len(ws)
        for s, e, cls in keep:
            tags[s:e] = [f"B-{LABEL[cls]}"] + [f"I-{LABEL[cls]}"] * (e - s - 1)
        sents.append(list(zip(ws, tags, strict=True)))
    TRAIN.mkdir(parents=True, exist_ok=True)
    to_docbin(sents).to_disk(TRAIN / "silver.spacy")
    shutil.copy("training/ar_ner/corpus/tune/anercorp.spacy", TRAIN / "anercorp.spacy")
    print(f"{len(sents)} silver sentences")


if __name__ == "__main__":
    commands = {"words": words, "encoder": encoder, "vectors": vectors, "docbin": docbin}
    commands[sys.argv[1]](*sys.argv[2:])
