"""Sentence segmentation: Arabic punctuation, decimals, abbreviations, exact offsets."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qarin.core.document import BilingualDocument
from qarin.core.io.loader import load_document
from qarin.core.text.segment import segment
from tests.conftest import GOLD, SAMPLE


def sentences(text: str, lang: str = "en") -> list[str]:
    doc = BilingualDocument.from_paragraphs(
        [text] if lang == "ar" else [], [text] if lang == "en" else []
    )
    return [doc.texts[s.lang][s.start : s.end] for s in segment(doc)]


def test_sample_matches_gold_sentences() -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    doc = load_document(SAMPLE)
    got = segment(doc)
    en_base = gold["languages"]["en"]["start"]
    want = [("ar", s["start"], s["end"]) for s in gold["sentences"]["ar"]] + [
        ("en", s["start"] - en_base, s["end"] - en_base) for s in gold["sentences"]["en"]
    ]
    assert [(s.lang, s.start, s.end) for s in got] == want
    assert [s.id for s in got][:2] == ["ar:0", "ar:1"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("قال إنه سيأتي. وأضاف أنه مستعد؟ نعم!", ["قال إنه سيأتي.", "وأضاف أنه مستعد؟", "نعم!"]),
        ("أولاً، نبدأ؛ ثم ننتهي.", ["أولاً، نبدأ؛ ثم ننتهي."]),
        ("ارتفع المؤشر 3.5 بالمئة و٢٫٥ نقطة. ثم هبط.", ["ارتفع المؤشر 3.5 بالمئة و٢٫٥ نقطة.", "ثم هبط."]),
        ("قال: «سنأتي غداً.» ثم غادر.", ["قال: «سنأتي غداً.»", "ثم غادر."]),
        ("(د ب أ) قال المتحدث إنه سيأتي... وغادر.", ["(د ب أ) قال المتحدث إنه سيأتي...", "وغادر."]),
        ("نقلت وكالة (د. ب. أ.) الخبر. ثم نفته.", ["نقلت وكالة (د. ب. أ.) الخبر.", "ثم نفته."]),
        ("هل هذا صحيح؟! لا أظن.", ["هل هذا صحيح؟!", "لا أظن."]),
    ],
)
def test_arabic(text: str, want: list[str]) -> None:
    assert sentences(text, "ar") == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("It rose 3.5 percent. Then it fell.", ["It rose 3.5 percent.", "Then it fell."]),
        (
            "He met U.S. President Donald Trump. They talked.",
            ["He met U.S. President Donald Trump.", "They talked."],
        ),
        ("Dr. Smith arrived at 9 a.m. on Friday.", ["Dr. Smith arrived at 9 a.m. on Friday."]),
        ("The talks were held in the U.S. The result was unclear.",
         ["The talks were held in the U.S.", "The result was unclear."]),
        ('"Stop!" he said. She left.', ['"Stop!" he said.', "She left."]),
        ("J. K. Rowling wrote it. Really?", ["J. K. Rowling wrote it.", "Really?"]),
        ("Wait... what happened? Nothing.", ["Wait... what happened?", "Nothing."]),
    ],
)
def test_english(text: str, want: list[str]) -> None:
    assert sentences(text) == want


@given(st.lists(st.text(alphabet="abc اب.؟!\n😀٫5 ", min_size=1, max_size=40), max_size=4))
def test_offsets_cover_text_without_moving_a_character(paras: list[str]) -> None:
    paras = [p.strip() for p in paras if p.strip()]
    doc = BilingualDocument.from_paragraphs([], paras)
    sents = segment(doc)
    text = doc.texts["en"]
    # Every non-space character is in exactly one sentence, sentences in order, no overlap.
    covered = [0] * len(text)
    last_end = 0
    for s in sents:
        assert last_end <= s.start < s.end
        assert text[s.start : s.end] == text[s.start : s.end].strip()
        for i in range(s.start, s.end):
            covered[i] += 1
        last_end = s.end
    for i, ch in enumerate(text):
        assert covered[i] == (0 if ch.isspace() and covered[i] == 0 else 1) or ch.isspace()
