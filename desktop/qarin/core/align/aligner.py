"""Sentence alignment: length, number anchors and paragraph boundaries in one programme.

A later stage may add lexical and embedding signals; they plug into ``_Scorer.cost``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from qarin.core.align.anchors import anchor_agreement, numbers_in
from qarin.core.align.dp import Shape, best_path
from qarin.core.align.length import (
    BEAD_PRIORS,
    C_EN_PER_AR,
    bead_cost,
    document_ratio,
    length_probability,
)
from qarin.core.document import BilingualDocument, Sentence
from qarin.core.model import Bead

SHAPES: tuple[Shape, ...] = tuple(BEAD_PRIORS)
# Cost of a bead that disagrees with the paragraph structure (starts a paragraph on one side
# only, or joins sentences across a paragraph break). Paragraphs are strong hints, not laws.
PARAGRAPH_PENALTY = 4.0
ANCHOR_WEIGHT = 2.0


class _Scorer:
    def __init__(
        self,
        doc: BilingualDocument,
        ar: Sequence[Sentence],
        en: Sequence[Sentence],
        ratio: float = C_EN_PER_AR,
    ):
        self.ar, self.en = ar, en
        self.ar_len = [s.end - s.start for s in ar]
        self.en_len = [s.end - s.start for s in en]
        self.ar_num = [numbers_in(doc.texts["ar"][s.start : s.end]) for s in ar]
        self.en_num = [numbers_in(doc.texts["en"][s.start : s.end]) for s in en]
        self.ratio = ratio
        ar_paras = len({s.paragraph for s in ar})
        en_paras = len({s.paragraph for s in en})
        self.use_paragraphs = ar_paras > 1 and en_paras > 1
        # Same paragraph count on both sides: the translator kept the structure, so a bead that
        # respects it is much more likely right than its length alone says.
        self.paragraphs_match = self.use_paragraphs and ar_paras == en_paras

    def _starts_paragraph(self, sents: Sequence[Sentence], i: int) -> bool:
        return i == 0 or i >= len(sents) or sents[i].paragraph != sents[i - 1].paragraph

    def _crosses_paragraph(self, sents: Sequence[Sentence], i: int, n: int) -> bool:
        return n == 2 and sents[i].paragraph != sents[i + 1].paragraph

    def _respects_paragraphs(self, i: int, j: int, shape: Shape) -> bool:
        return (
            self._starts_paragraph(self.ar, i) == self._starts_paragraph(self.en, j)
            and self._starts_paragraph(self.ar, i + shape[0])
            == self._starts_paragraph(self.en, j + shape[1])
            and not self._crosses_paragraph(self.ar, i, shape[0])
            and not self._crosses_paragraph(self.en, j, shape[1])
        )

    def parts(
        self, i: int, j: int, shape: Shape
    ) -> tuple[int, int, frozenset[str], frozenset[str]]:
        a, e = shape
        ar_chars = sum(self.ar_len[i : i + a])
        en_chars = sum(self.en_len[j : j + e])
        ar_nums = frozenset().union(*self.ar_num[i : i + a])
        en_nums = frozenset().union(*self.en_num[j : j + e])
        return ar_chars, en_chars, ar_nums, en_nums

    def cost(self, i: int, j: int, shape: Shape) -> float:
        ar_chars, en_chars, ar_nums, en_nums = self.parts(i, j, shape)
        c = bead_cost(shape, ar_chars, en_chars, self.ratio)
        if shape[0] and shape[1]:
            c -= ANCHOR_WEIGHT * anchor_agreement(ar_nums, en_nums)
        if self.use_paragraphs:
            if shape[0] and shape[1] and (
                self._starts_paragraph(self.ar, i) != self._starts_paragraph(self.en, j)
            ):
                c += PARAGRAPH_PENALTY
            if self._crosses_paragraph(self.ar, i, shape[0]) or self._crosses_paragraph(
                self.en, j, shape[1]
            ):
                c += PARAGRAPH_PENALTY
        return c

    def confidence(self, i: int, j: int, shape: Shape) -> float:
        """A 0–1 figure for the reader: length fit, shape rarity and number agreement."""
        if not shape[0] or not shape[1]:
            return 0.3
        ar_chars, en_chars, ar_nums, en_nums = self.parts(i, j, shape)
        fit = math.sqrt(length_probability(ar_chars, en_chars, self.ratio))
        rarity = math.sqrt(math.sqrt(BEAD_PRIORS[shape] / BEAD_PRIORS[(1, 1)]))
        conf = fit * rarity + 0.2 * anchor_agreement(ar_nums, en_nums)
        if self.paragraphs_match and self._respects_paragraphs(i, j, shape):
            conf = 1 - (1 - conf) * 0.4
        return round(min(1.0, max(0.0, conf)), 3)


def _align_block(
    doc: BilingualDocument, ar: Sequence[Sentence], en: Sequence[Sentence]
) -> list[Bead]:
    if not ar or not en:
        return [Bead((s.id,), (), 1.0 if not en else 0.0) for s in ar] + [
            Bead((), (s.id,), 1.0 if not ar else 0.0) for s in en
        ]
    # Two passes: the corpus ratio finds the clear 1-1 beads, whose own ratio then fits this
    # translator (the sample runs at 1.32 English characters per Arabic one, FLORES at 1.135).
    scorer = _Scorer(doc, ar, en)
    path = best_path(len(ar), len(en), SHAPES, scorer.cost)
    one_to_one = [(i, j) for i, j, shape, _ in path if shape == (1, 1)]
    ratio = document_ratio(
        sum(scorer.ar_len[i] for i, _ in one_to_one), sum(scorer.en_len[j] for _, j in one_to_one)
    )
    if abs(ratio - scorer.ratio) > 0.02:
        scorer = _Scorer(doc, ar, en, ratio)
        path = best_path(len(ar), len(en), SHAPES, scorer.cost)
    beads = []
    for i, j, shape, _ in path:
        beads.append(
            Bead(
                tuple(s.id for s in ar[i : i + shape[0]]),
                tuple(s.id for s in en[j : j + shape[1]]),
                scorer.confidence(i, j, shape),
            )
        )
    return beads


def align(doc: BilingualDocument, sentences: Sequence[Sentence]) -> tuple[Bead, ...]:
    """Beads in reading order; every sentence is in exactly one bead.

    A one-language document gets one single-sided bead per sentence. A TMX gives its pairs,
    and only the sentences inside each pair are aligned.
    """
    ar = [s for s in sentences if s.lang == "ar"]
    en = [s for s in sentences if s.lang == "en"]
    if not ar or not en:
        return tuple(_align_block(doc, ar, en))
    if doc.given_pairs is None:
        return tuple(_align_block(doc, ar, en))
    beads: list[Bead] = []
    for ar_paras, en_paras in doc.given_pairs:
        beads.extend(
            _align_block(
                doc,
                [s for s in ar if s.paragraph in ar_paras],
                [s for s in en if s.paragraph in en_paras],
            )
        )
    return tuple(beads)
