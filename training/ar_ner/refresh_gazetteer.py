"""Put the current gazetteers and tokenizer rules into a trained model without retraining it.

The tokenizer carries its gazetteer (`tokenizer/gazetteer.json`, merged at training time from
the files `config.cfg` names) and its punctuation rules (`tokenizer/rules`) inside the model.
After `make_gazetteers.py` has changed those files (a name added to the curated list, a wrong
adjective removed) or `arabic_lang.py` its rules, this writes the current ones into MODEL_DIR
and prints what changed, so a change can be measured on the dev block before deciding whether
it is worth a rebuild.  The network then reads features slightly different from those it
learnt on: a small change is harmless, a large one needs `build.py`.  (The training corpora
come tokenised, so the rules only matter for running text.)

Usage: python training/ar_ner/refresh_gazetteer.py [MODEL_DIR] [--dry-run]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from spacy.util import load_config
from spacy.vocab import Vocab

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "desktop"))

from qarin.core.entities.arabic_gazetteer import Gazetteer  # noqa: E402
from qarin.core.entities.arabic_lang import ArabicTokenizer  # noqa: E402


def current() -> Gazetteer:
    """The gazetteer a build would give the tokenizer now."""
    paths = load_config(HERE / "config.cfg")["initialize"]["tokenizer"]["gazetteer_paths"]
    return Gazetteer.merged(Gazetteer.from_disk(ROOT / p) for p in paths)


def differences(old: Gazetteer, new: Gazetteer) -> Counter[str]:
    changes: Counter[str] = Counter()
    for key in old.phrases.keys() | new.phrases.keys():
        before, after = old.phrases.get(key), new.phrases.get(key)
        if before != after:
            changes[f"{before or '-'} -> {after or '-'}"] += 1
    freq = sum(old.freq.get(k) != new.freq.get(k) for k in old.freq.keys() | new.freq.keys())
    if freq:
        changes["word frequencies"] = freq
    return changes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model", nargs="?", type=Path, default=ROOT / "resources/models/ar_ner")
    ap.add_argument("--dry-run", action="store_true", help="print the changes, write nothing")
    args = ap.parse_args()
    folder = args.model / "tokenizer"
    if not (folder / "gazetteer.json").is_file():
        raise SystemExit(f"no tokenizer gazetteer in {args.model}")
    old = ArabicTokenizer(Vocab()).from_disk(folder)
    new = ArabicTokenizer(Vocab(), current())
    changes = differences(old.gazetteer, new.gazetteer)
    if old.inner.to_bytes(exclude=["vocab"]) != new.inner.to_bytes(exclude=["vocab"]):
        changes["tokenizer rules"] = 1
    for change, n in sorted(changes.items()):
        print(f"{n:6d}  {change}")
    if not changes:
        print("the model's tokenizer is current")
    elif not args.dry_run:
        new.to_disk(folder)
        print(f"wrote {folder}")


if __name__ == "__main__":
    main()
