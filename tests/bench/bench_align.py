"""Sentence alignment accuracy on documents built from NTREX-128 (held out from tuning).

    python tests/bench/bench_align.py [--shared PATH] [--seed N]

Each NTREX document (123 news stories, professional Arabic translations, 1:1 by line) becomes
one Arabic and one English paragraph with no paragraph hints, so the aligner sees only
sentences. Three variants: as is; with ~15% of adjacent English sentences merged (1-2 / 2-1
beads); with ~8% of sentences dropped from one side (1-0 / 0-1 beads). Reported: strict F1 over
beads (a bead counts only if it is exactly right) and lax F1 over sentence-pair links.
The length model was calibrated on FLORES-200 (development set), never on NTREX.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "desktop"))

from qarin.core.align.aligner import align  # noqa: E402
from qarin.core.document import BilingualDocument, Lang, Sentence  # noqa: E402
from qarin.core.text.segment import segment  # noqa: E402

Bead = tuple[tuple[int, ...], tuple[int, ...]]


def load_ntrex(shared: Path) -> list[tuple[list[str], list[str]]]:
    d = shared / "data/parallel/ntrex"
    ids = (d / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    ar = (d / "newstest2019-ref.arb.txt").read_text(encoding="utf-8").splitlines()
    en = (d / "newstest2019-ref.eng-US.txt").read_text(encoding="utf-8").splitlines()
    docs: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for i, a, e in zip(ids, ar, en, strict=False):
        docs[i][0].append(a.strip())
        docs[i][1].append(e.strip())
    return list(docs.values())


def perturb(ar: list[str], en: list[str], mode: str, rng: random.Random) -> tuple[
    list[str], list[str], list[Bead]
]:
    """Sentences per side and the gold beads (indices into each side)."""
    a_out: list[str] = []
    e_out: list[str] = []
    gold: list[Bead] = []
    i = 0
    while i < len(ar):
        r = rng.random()
        if mode == "merge" and r < 0.15 and i + 1 < len(ar):
            if rng.random() < 0.5:  # two English sentences become one: a 2-1 bead
                gold.append(((len(a_out), len(a_out) + 1), (len(e_out),)))
                a_out += [ar[i], ar[i + 1]]
                e_out.append(en[i] + " " + en[i + 1])
            else:
                gold.append(((len(a_out),), (len(e_out), len(e_out) + 1)))
                a_out.append(ar[i] + " " + ar[i + 1])
                e_out += [en[i], en[i + 1]]
            i += 2
            continue
        if mode == "drop" and r < 0.08:
            if rng.random() < 0.5:
                gold.append(((len(a_out),), ()))
                a_out.append(ar[i])
            else:
                gold.append(((), (len(e_out),)))
                e_out.append(en[i])
            i += 1
            continue
        gold.append(((len(a_out),), (len(e_out),)))
        a_out.append(ar[i])
        e_out.append(en[i])
        i += 1
    return a_out, e_out, gold


def _given_sentences(lang: Lang, lines: list[str]) -> list[Sentence]:
    out, pos = [], 0
    for i, line in enumerate(lines):
        out.append(Sentence(f"{lang}:{i}", lang, pos, pos + len(line), 0))
        pos += len(line) + 1
    return out


def predicted(a: list[str], e: list[str]) -> list[Bead]:
    """Align the corpus's own sentences (segmentation is measured separately below)."""
    doc = BilingualDocument.from_paragraphs([" ".join(a)], [" ".join(e)])
    sents = _given_sentences("ar", a) + _given_sentences("en", e)
    return [
        (tuple(int(x[3:]) for x in b.ar), tuple(int(x[3:]) for x in b.en))
        for b in align(doc, sents)
    ]


def links(beads: list[Bead]) -> set[tuple[int, int]]:
    return {(x, y) for a, e in beads for x in a for y in e}


def f1(p: int, g: int, c: int) -> float:
    return 2 * c / (p + g) if p + g else 1.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    docs = load_ntrex(args.shared)
    print(f"NTREX-128: {len(docs)} documents, {sum(len(a) for a, _ in docs)} sentence pairs")
    segmentation_report(docs)
    for mode in ("as-is", "merge", "drop"):
        rng = random.Random(args.seed)
        sp = sg = sc = lp = lg = lc = 0
        t0 = time.perf_counter()
        for ar, en in docs:
            a, e, gold = perturb(ar, en, mode, rng)
            pred = predicted(a, e)
            sp, sg, sc = sp + len(pred), sg + len(gold), sc + len(set(pred) & set(gold))
            pl, gl = links(pred), links(gold)
            lp, lg, lc = lp + len(pl), lg + len(gl), lc + len(pl & gl)
        dt = time.perf_counter() - t0
        print(
            f"{mode:6s} strict F1 {f1(sp, sg, sc):.3f}  lax F1 {f1(lp, lg, lc):.3f}  "
            f"beads {sg}  {dt:.1f} s"
        )


def _qarin_ends(lang: str, joined: str) -> set[int]:
    doc = BilingualDocument.from_paragraphs(
        [joined] if lang == "ar" else [], [joined] if lang == "en" else []
    )
    return {s.end for s in segment(doc)}


def _pysbd_ends(lang: str, joined: str) -> set[int]:
    import pysbd

    ends = set()
    for s in pysbd.Segmenter(language=lang, clean=False, char_span=True).segment(joined):
        end = s.end
        while end > 0 and joined[end - 1].isspace():
            end -= 1
        ends.add(end)
    return ends


def segmentation_report(docs: list[tuple[list[str], list[str]]]) -> None:
    """Boundary precision/recall against the corpus's line breaks, ours beside pysbd's.

    NTREX lines are translation units; headlines have no final stop and a unit sometimes holds
    two sentences, so both figures are lower bounds for running text.
    """
    try:
        import pysbd  # noqa: F401

        engines = {"qarin": _qarin_ends, "pysbd": _pysbd_ends}
    except ImportError:
        engines = {"qarin": _qarin_ends}
    for name, ends_of in engines.items():
        for lang in ("ar", "en"):
            tp = fp = fn = 0
            for ar, en in docs:
                lines = ar if lang == "ar" else en
                joined = " ".join(lines)
                gold, pos = set(), 0
                for line in lines[:-1]:
                    pos += len(line)
                    gold.add(pos)
                    pos += 1
                got = ends_of(lang, joined) - {len(joined)}
                tp, fp, fn = tp + len(got & gold), fp + len(got - gold), fn + len(gold - got)
            p, r = tp / (tp + fp), tp / (tp + fn)
            print(f"segmentation {name:5s} {lang}: boundary precision {p:.3f} recall {r:.3f}")


if __name__ == "__main__":
    main()
