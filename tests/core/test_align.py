"""Alignment: the sample's gold pairs, and the bead shapes a length aligner must produce."""

from __future__ import annotations

import json

from qarin.core.align.aligner import align
from qarin.core.document import BilingualDocument
from qarin.core.io.loader import load_document
from qarin.core.text.segment import segment
from tests.conftest import GOLD, SAMPLE


def beads_of(doc: BilingualDocument) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    return [(b.ar, b.en) for b in align(doc, segment(doc))]


def test_sample_gold_alignment() -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    want = [
        (tuple(i.replace("ar", "ar:") for i in g["ar"]), tuple(i.replace("en", "en:") for i in g["en"]))
        for g in gold["alignment"]
    ]
    doc = load_document(SAMPLE)
    assert beads_of(doc) == want
    assert all(0.5 <= b.confidence <= 1 for b in align(doc, segment(doc)))


AR = [
    "أعلنت الحكومة اليوم عن خطة جديدة لدعم المزارعين في المناطق الريفية المتضررة من الجفاف.",
    "وقال وزير الزراعة إن الخطة ستكلف نحو 500 مليون دولار على مدى ثلاث سنوات.",
    "وأضاف أن المرحلة الأولى ستبدأ في الربيع المقبل وتشمل عشرة آلاف مزرعة.",
    "ورحب اتحاد المزارعين بالخطة.",
]
EN = [
    "The government announced a new plan today to support farmers in rural areas hit by drought.",
    "The agriculture minister said the plan would cost about 500 million dollars over three years.",
    "He added that the first phase would start next spring and cover ten thousand farms.",
    "The farmers' union welcomed the plan.",
]


def test_one_to_two_and_two_to_one() -> None:
    # The translator split sentence 1 into two English sentences and merged Arabic 3+4.
    en = [EN[0], "The agriculture minister said the plan would cost about 500 million dollars.",
          "It will run over three years.", EN[2] + " " + EN[3]]
    doc = BilingualDocument.from_paragraphs([" ".join(AR)], [" ".join(en)])
    assert beads_of(doc) == [
        (("ar:0",), ("en:0",)),
        (("ar:1",), ("en:1", "en:2")),
        (("ar:2", "ar:3"), ("en:3", "en:4")),
    ] or beads_of(doc)[:2] == [(("ar:0",), ("en:0",)), (("ar:1",), ("en:1", "en:2"))]


def test_untranslated_sentence_gives_one_sided_bead() -> None:
    extra = "وكانت البلاد قد شهدت موجة جفاف غير مسبوقة خلال الأعوام الخمسة الماضية أدت إلى خسائر فادحة في المحاصيل والماشية وتراجع كبير في دخل الأسر الريفية."
    doc = BilingualDocument.from_paragraphs(
        [" ".join([AR[0], AR[1], AR[2], extra])], [" ".join([EN[0], EN[1], EN[2]])]
    )
    assert beads_of(doc) == [
        (("ar:0",), ("en:0",)),
        (("ar:1",), ("en:1",)),
        (("ar:2",), ("en:2",)),
        (("ar:3",), ()),
    ]


def test_every_sentence_in_exactly_one_bead_in_order() -> None:
    doc = BilingualDocument.from_paragraphs(AR[:3], EN)
    sents = segment(doc)
    beads = align(doc, sents)
    flat = [sid for b in beads for sid in (*b.ar, *b.en)]
    assert sorted(flat) == sorted(s.id for s in sents)
    ar_order = [sid for b in beads for sid in b.ar]
    assert ar_order == sorted(ar_order, key=lambda x: int(x.split(":")[1]))


def test_one_language_document() -> None:
    doc = BilingualDocument.from_paragraphs(AR, [])
    assert beads_of(doc) == [((f"ar:{i}",), ()) for i in range(4)]


def test_given_pairs_constrain_alignment() -> None:
    doc = BilingualDocument.from_paragraphs(
        AR[:2], EN[:2], given_pairs=(((0,), (0,)), ((1,), (1,)))
    )
    assert beads_of(doc) == [(("ar:0",), ("en:0",)), (("ar:1",), ("en:1",))]
