"""What multilingual-e5-small's layers read: piece rows plus position and type, normalised."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from qarin.core.entities.e5_file import Floats


def layer_norm(x: Floats, weight: Floats, bias: Floats, eps: float) -> Floats:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    out: Floats = (x - mean) / np.sqrt(var + eps) * weight + bias
    return out


class Embeddings:
    """The layers' input for a batch of piece sequences, each read between the start and end
    marks and padded with the end mark (masked)."""

    def __init__(
        self,
        rows: Callable[[npt.NDArray[np.int64]], Floats],
        positions: Floats,
        token_type: Floats,
        norm: tuple[Floats, Floats],
        eps: float,
        marks: tuple[int, int],
    ) -> None:
        self._rows = rows
        self._positions = positions
        self._type = token_type
        self._norm = norm
        self._eps = eps
        self._bos, self._eos = marks

    def __call__(self, batch: list[list[int]]) -> tuple[Floats, Floats]:
        """Embeddings (n, t, hidden) and an additive mask (n, t): 0 where read, -1e9 on padding."""
        seqs = [[self._bos, *ids, self._eos] for ids in batch]
        width = max(map(len, seqs))
        ids = np.array([s + [self._eos] * (width - len(s)) for s in seqs], np.int64)
        mask = np.array([[0.0] * len(s) + [-1e9] * (width - len(s)) for s in seqs], np.float32)
        rows = self._rows(ids.reshape(-1)).reshape(len(seqs), width, -1)
        x = layer_norm(rows + self._positions[:width] + self._type, *self._norm, self._eps)
        return x.astype(np.float32, copy=False), mask
