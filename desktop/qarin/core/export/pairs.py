"""The alignment as the reader sees it: the aligner's beads with the reader's corrections applied.

Exporters (JSON, TMX, ...) read beads through here so a corrected pair is written the same way
everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from qarin.core.document import Lang
from qarin.core.model import Analysis, Bead
from qarin.core.notes.model import AlignmentCorrection, Notebook


@dataclass(frozen=True, slots=True)
class ReadBead:
    """A bead after corrections. ``reader`` is true when it comes from an alignment correction
    (its confidence is then 1.0); ``confirmed`` is that correction's flag."""

    ar: tuple[str, ...]
    en: tuple[str, ...]
    confidence: float
    reader: bool = False
    confirmed: bool = False

    def ids(self, lang: Lang) -> tuple[str, ...]:
        return self.ar if lang == "ar" else self.en


def _effective(analysis: Analysis, notebook: Notebook) -> list[AlignmentCorrection]:
    """The corrections that apply, each sentence in at most one of them.

    Commands never store overlapping corrections, but an imported or hand-edited file may:
    as with SetAlignmentCorrection, a later correction replaces an earlier one it overlaps.
    Sentences the text no longer has (it was edited) are ignored, and repeats dropped.
    """
    known = {s.id for s in analysis.sentences}
    kept: list[AlignmentCorrection] = []
    for c in notebook.corrections:
        ar = tuple(dict.fromkeys(s for s in c.ar if s in known))
        en = tuple(dict.fromkeys(s for s in c.en if s in known))
        if not (ar or en):
            continue
        kept = [k for k in kept if not (set(k.ar) & set(ar) or set(k.en) & set(en))]
        kept.append(AlignmentCorrection(ar, en, c.confirmed))
    return kept


def corrected_beads(analysis: Analysis, notebook: Notebook) -> list[ReadBead]:
    """The aligner's beads in order, each correction standing where its first sentence was.

    A sentence taken by a correction leaves its aligner bead; what remains of that bead (maybe
    a 1-0 or 0-1 bead) keeps its place and confidence, and a bead left empty disappears.
    """
    corrections = _effective(analysis, notebook)
    if not corrections:
        return [ReadBead(b.ar, b.en, b.confidence) for b in analysis.beads]
    taken = {sid for c in corrections for sid in (*c.ar, *c.en)}
    by_index: dict[int, list[AlignmentCorrection]] = {}
    for c in corrections:
        by_index.setdefault(_first_bead(analysis, c), []).append(c)
    out: list[ReadBead] = []
    for i, bead in enumerate((*analysis.beads, None)):
        out.extend(ReadBead(c.ar, c.en, 1.0, True, c.confirmed) for c in by_index.get(i, ()))
        if bead is not None:
            out.extend(_remainder(bead, taken))
    return out


def _first_bead(analysis: Analysis, c: AlignmentCorrection) -> int:
    """Index of the first aligner bead holding one of ``c``'s sentences (the end if none)."""
    end = len(analysis.beads)
    positions = []
    for sid in (*c.ar, *c.en):
        try:
            positions.append(analysis.bead_of(sid))
        except KeyError:  # a sentence the aligner left out of every bead
            positions.append(end)
    return min(positions)


def _remainder(bead: Bead, taken: set[str]) -> list[ReadBead]:
    ar = tuple(s for s in bead.ar if s not in taken)
    en = tuple(s for s in bead.en if s not in taken)
    return [ReadBead(ar, en, bead.confidence)] if ar or en else []
