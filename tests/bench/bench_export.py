"""Export benchmark: a 5,000-pair document of real parallel text (NTREX + FLORES + TICO-19 from
shared/data/parallel) with a 1,000-claim notebook, exported to every registered format and
each output checked by its parser (tests/export_checks.py). Target: all exports under 10 s.

    PYTHONPATH=desktop python tests/bench/bench_export.py [--pairs N] [--claims N] [--data DIR]

The analysis is built directly (one sentence per line, 1-1 beads, a linked entity pair every
third line) so that only exporting is timed, not the aligner or the recognisers.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from types import MappingProxyType

REPO = Path(__file__).resolve().parents[2]
for p in (REPO, REPO / "desktop"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from qarin.core.document import BilingualDocument, Lang, Span  # noqa: E402
from qarin.core.export.base import ExportContext, ExportOptions  # noqa: E402
from qarin.core.export.registry import all_exporters  # noqa: E402
from qarin.core.model import Analysis, Bead, EntityLink, EntityMention, Sentence  # noqa: E402
from qarin.core.notes.model import (  # noqa: E402
    AlignmentCorrection,
    Claim,
    Evidence,
    Note,
    Notebook,
)
from tests.export_checks import CHECKERS  # noqa: E402

DATA = REPO.parent / "shared" / "data" / "parallel"
SOURCES = (  # (Arabic file, English file), concatenated in this order
    ("ntrex/newstest2019-ref.arb.txt", "ntrex/newstest2019-src.eng.txt"),
    ("flores200/arb_Arab.devtest", "flores200/eng_Latn.devtest"),
    ("tico19/tico19-test.ar", "tico19/tico19-test.en"),
)
STATUSES = ("unverified", "confirmed", "disputed", "false", "misleading")


def read_pairs(data: Path, n: int) -> tuple[list[str], list[str]]:
    ar: list[str] = []
    en: list[str] = []
    for ar_name, en_name in SOURCES:
        a = (data / ar_name).read_text(encoding="utf-8").splitlines()
        e = (data / en_name).read_text(encoding="utf-8").splitlines()
        for x, y in zip(a, e, strict=True):
            if x.strip() and y.strip():
                ar.append(x.strip())
                en.append(y.strip())
        if len(ar) >= n:
            break
    if len(ar) < n:
        raise SystemExit(f"only {len(ar)} pairs in {data}")
    return ar[:n], en[:n]


def build_analysis(doc: BilingualDocument) -> Analysis:
    sentences: list[Sentence] = []
    for lang in ("ar", "en"):
        lang_t: Lang = "ar" if lang == "ar" else "en"
        sentences += [Sentence(f"{lang}:{p.index}", lang_t, p.start, p.end, p.index)
                      for p in doc.paragraphs[lang_t]]
    n = len(doc.paragraphs["ar"])
    beads = tuple(Bead((f"ar:{i}",), (f"en:{i}",), 0.5 + (i * 37 % 50) / 100) for i in range(n))
    mentions: list[EntityMention] = []
    links: list[EntityLink] = []
    for i in range(0, n, 3):  # the first word of each side, linked: enough to exercise lookups
        ids = []
        for lang in ("ar", "en"):
            lang_t = "ar" if lang == "ar" else "en"
            para = doc.paragraphs[lang_t][i]
            word = doc.texts[lang_t][para.start : para.end].split(" ")[0]
            mid = f"{lang}-e{i}"
            mentions.append(EntityMention(mid, lang_t, para.start, para.start + len(word), word,
                                          ("PERSON", "GPE", "ORG")[i % 3], f"L{i}"))
            ids.append(mid)
        links.append(EntityLink(f"L{i}", mentions[-1].label,
                                {"ar": mentions[-2].text, "en": mentions[-1].text}, tuple(ids)))
    return Analysis(tuple(sentences), beads, tuple(mentions), tuple(links))


def build_notebook(doc: BilingualDocument, analysis: Analysis, n_claims: int) -> Notebook:
    n = len(doc.paragraphs["ar"])
    claims: dict[str, Claim] = {}
    for k in range(n_claims):
        i = k * n // n_claims
        ar, en = analysis.sentence(f"ar:{i}").span, analysis.sentence(f"en:{i}").span
        if k % 2:  # Arabic-only, a part of the sentence
            spans: tuple[Span, ...] = (Span("ar", ar.start, ar.start + (ar.end - ar.start) // 2),)
        else:
            spans = (ar, en)
        claims[f"c{k}"] = Claim(
            id=f"c{k}", spans=spans, sentences=(f"ar:{i}", f"en:{i}"),
            claimant="" if k % 3 == 0 else f"مصدر {k}",
            claimant_link=f"L{i}" if k % 3 == 0 and i % 3 == 0 else None,
            cue="said", status=STATUSES[k % 5], tags=(f"tag{k % 17}", "=x" if k % 7 else "bench"),
            notes=f'Note {k}: "quoted" *star* <b>\nسطر ثان \u200f😀', created="2026-01-15T09:00:00Z",
            modified="2026-01-15T09:00:00Z",
            evidence=(Evidence("url", f"https://example.org/{k}"), Evidence("quote", "+1 line")),
        )
    notes = {f"n{k}": Note(f"n{k}", "pair", f"note {k}", sentences=(f"ar:{k}", f"en:{k}"))
             for k in range(0, n, 50)}
    corrections = tuple(AlignmentCorrection((f"ar:{i}",), (f"en:{i}",)) for i in range(0, n, 100))
    return Notebook(doc.content_hash, title="bench", claims=MappingProxyType(claims),
                    notes=MappingProxyType(notes), corrections=corrections)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--pairs", type=int, default=5000)
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args(argv)
    ar, en = read_pairs(args.data, args.pairs)
    doc = BilingualDocument.from_paragraphs(ar, en, title="bench 5000 pairs")
    analysis = build_analysis(doc)
    ctx = ExportContext(doc, analysis, build_notebook(doc, analysis, args.claims),
                        ExportOptions(date="2026-01-15"))
    chars = len(doc.texts["ar"]) + len(doc.texts["en"])
    print(f"{args.pairs} pairs ({chars:,} characters), {args.claims} claims")
    total = 0.0
    failed = []
    for exporter in all_exporters():
        t0 = time.perf_counter()
        result = exporter.export(ctx)
        took = time.perf_counter() - t0
        total += took
        size = sum(len(b) for b in result.files.values())
        checker = CHECKERS.get(exporter.name)
        t1 = time.perf_counter()
        verdict = "no checker"
        if checker is not None:
            try:
                checker(ctx, result)
                verdict = "valid"
            except Exception as e:  # report every format, then fail
                verdict = f"INVALID: {type(e).__name__}: {str(e)[:120]}"
                failed.append(exporter.name)
        check = time.perf_counter() - t1
        print(f"{exporter.name:12} export {took:6.2f} s  {size / 1e6:6.2f} MB  "
              f"check {check:5.2f} s  {verdict}")
    print(f"{'total':12} export {total:6.2f} s  (target < 10 s)")
    return 1 if failed or total >= 10 else 0


if __name__ == "__main__":
    sys.exit(main())
