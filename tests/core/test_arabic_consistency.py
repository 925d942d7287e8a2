"""Document-level name consistency: names the network found once are found everywhere."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from qarin.core.entities.arabic import ArabicRecognizer
from qarin.core.entities.arabic_consistency import propagate

VOCAB = spacy.blank("ar").vocab


def _doc(*words: str, norms: dict[str, str] | None = None) -> Doc:
    """A doc whose NORM is the word, or the stem given in `norms` (وشيراك → شيراك)."""
    doc = Doc(VOCAB, words=list(words))
    for token in doc:
        token.norm_ = (norms or {}).get(token.text, token.text)
    return doc


def test_a_surname_and_a_full_name_are_found_again_with_their_proclitics() -> None:
    docs = [
        _doc("قال", "جاك", "شيراك", "في", "باريس"),
        _doc(
            "وأكد",
            "وشيراك",
            "أن",
            "جاك",
            "شيراك",
            "سيزور",
            "لباريس",
            norms={"وشيراك": "شيراك", "لباريس": "باريس"},
        ),
    ]
    spans = [[(1, 3, "PERSON"), (4, 5, "GPE")], []]
    out = propagate(docs, spans)
    assert out[0] == spans[0]
    assert out[1] == [(1, 2, "PERSON"), (3, 5, "PERSON"), (6, 7, "GPE")]


def test_existing_mentions_are_kept_and_never_overlapped() -> None:
    docs = [_doc("جاك", "شيراك"), _doc("مطار", "شيراك", "الدولي")]
    spans = [[(0, 2, "PERSON")], [(0, 3, "FAC")]]
    assert propagate(docs, spans) == [[(0, 2, "PERSON")], [(0, 3, "FAC")]]


def test_a_word_tagged_once_among_many_plain_uses_is_not_spread() -> None:
    # The network once took الشرق for a place; the other five times it is an ordinary word.
    docs = [_doc("الشرق"), *(_doc("في", "الشرق", "الآن") for _ in range(5))]
    spans: list[list[tuple[int, int, str]]] = [[(0, 1, "GPE")], *([] for _ in range(5))]
    assert propagate(docs, spans) == spans


def test_the_majority_label_wins_and_other_labels_are_not_spread() -> None:
    docs = [_doc("حماس"), _doc("حماس"), _doc("حماس"), _doc("الجمعة"), _doc("الجمعة")]
    spans = [[(0, 1, "ORG")], [(0, 1, "ORG")], [(0, 1, "PERSON")], [(0, 1, "DATE")], []]
    out = propagate(docs, spans)
    assert out[:3] == spans[:3]  # tagged mentions keep the network's own label
    assert out[4] == []  # DATE is left to the rules


def test_the_recogniser_lights_a_name_the_network_missed_on_another_line() -> None:
    # A name neither the network (alone, on the second line) nor the curated list knows; if a
    # retrained model finds it by itself, pick another such name.
    text = "وقال المبعوث الأمريكي كيث كيلوغ إن واشنطن سترد.\nوصل كيلوغ إلى باريس."
    shift = text.index("\n") + 1
    together = ArabicRecognizer().recognise(text)
    alone = ArabicRecognizer(document_consistency=False).recognise(text)
    assert (shift + 4, shift + 9, "PERSON") in together
    assert text[shift + 4 : shift + 9] == "كيلوغ"
    # Consistency only adds: whatever the network found alone is still there.
    assert set(alone) < set(together)


def test_a_last_name_tagged_otherwise_becomes_the_person() -> None:
    docs = [_doc("قال", "دونالد", "ترمب"), _doc("وأكد", "ترمب"), _doc("حزب", "الله")]
    spans = [[(1, 3, "PERSON")], [(1, 2, "ORG")], [(0, 2, "ORG")]]
    assert propagate(docs, spans) == [[(1, 3, "PERSON")], [(1, 2, "PERSON")], [(0, 2, "ORG")]]
