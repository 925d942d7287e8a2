"""Benchmark Qarin's Arabic NER: P/R/F1 per type and micro, exact span match, plus words/s.

    python tests/bench/bench_ar_ner.py [--model DIR] [--dev] [--encoder DIR] [--fast-only]

Scores the ANERcorp test part (last 1,022 sentences) and AQMAR (cross-domain) for the fast
recogniser and accurate mode (the fine-tuned transformer merged with it), each beside two
baselines trained only on the ANERcorp training part: a majority-tag-per-word memoriser and a
gazetteer-only tagger.  `--dev` scores the dev block of the training part instead of the test
part (for tuning; the test part is for reporting only).

Scoring: PERSON→PER, ORG→ORG, GPE and LOC→LOC; other labels (NORP, DATE, ...) are ignored.
The corpora attach proclitics to words (والعراق is one LOC token) while the recogniser cuts
them off (العراق), so a predicted span is first widened to the corpus words it touches, then
compared exactly (same first word, same last word, same class).
Corpora: $QARIN_SHARED/data/ner, default the `shared` folder beside the repository.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "desktop"))
sys.path.insert(0, str(REPO / "training" / "ar_ner"))
# Speed as on first reading: a fresh cache of Arabic word vectors.
os.environ["QARIN_CACHE_DIR"] = tempfile.mkdtemp(prefix="qarin-bench-cache-")

import corpora  # noqa: E402

from qarin.core.entities.arabic import ArabicRecognizer  # noqa: E402
from qarin.core.entities.arabic_gazetteer import NAME  # noqa: E402

CLASSES = ("PER", "LOC", "ORG")
TokSpan = tuple[int, int, str]
Predictor = Callable[[list[corpora.Sentence]], list[list[TokSpan]]]
# ANERcorp has no article boundaries; its ~150k words come from ~300 articles, about 20
# sentences each, so the recogniser reads 20 consecutive sentences as one document.
DOC_SIZE = 20


def gold_spans(sent: corpora.Sentence) -> list[TokSpan]:
    return [
        (s, e, corpora.SCORE_CLASS[lab])
        for s, e, lab in corpora.spans(sent)
        if lab in corpora.SCORE_CLASS
    ]


def to_token_spans(sent: corpora.Sentence, mentions: list[tuple[int, int, str]]) -> list[TokSpan]:
    _, offsets = corpora.text_of(sent)
    starts = [s for s, _ in offsets]
    out: list[TokSpan] = []
    for start, end, label in mentions:
        cls = corpora.SCORE_CLASS.get(label)
        if cls is None:
            continue
        first = bisect_right(starts, start) - 1
        last = bisect_right(starts, end - 1) - 1
        out.append((max(first, 0), last + 1, cls))
    return out


def score(
    gold: list[list[TokSpan]], pred: list[list[TokSpan]]
) -> dict[str, tuple[float, float, float, int]]:
    tp: Counter[str] = Counter()
    npred: Counter[str] = Counter()
    ngold: Counter[str] = Counter()
    for g_spans, p_spans in zip(gold, pred, strict=True):
        gs, ps = set(g_spans), set(p_spans)
        for s in gs:
            ngold[s[2]] += 1
        for s in ps:
            npred[s[2]] += 1
            if s in gs:
                tp[s[2]] += 1
    out: dict[str, tuple[float, float, float, int]] = {}
    for cls in (*CLASSES, "micro"):
        t = sum(tp.values()) if cls == "micro" else tp[cls]
        np_ = sum(npred.values()) if cls == "micro" else npred[cls]
        ng = sum(ngold.values()) if cls == "micro" else ngold[cls]
        p = t / np_ if np_ else 0.0
        r = t / ng if ng else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[cls] = (p, r, f, ng)
    return out


# -- systems ------------------------------------------------------------------------------------


def recogniser_predictor(
    rec: ArabicRecognizer, timing: dict[str, float], doc_size: int
) -> Predictor:
    """Sentences are read `doc_size` at a time as one document (one line each)."""

    def predict(sents: list[corpora.Sentence]) -> list[list[TokSpan]]:
        texts = [corpora.text_of(s)[0] for s in sents]
        docs = ["\n".join(texts[i : i + doc_size]) for i in range(0, len(texts), doc_size)]
        t0 = time.perf_counter()
        found = rec.recognise_many(docs)
        timing["seconds"] = timing.get("seconds", 0.0) + time.perf_counter() - t0
        timing["words"] = timing.get("words", 0.0) + sum(len(s) for s in sents)
        mentions: list[list[tuple[int, int, str]]] = []
        for d, doc_mentions in enumerate(found):
            lines = texts[d * doc_size : (d + 1) * doc_size]
            starts = [0]
            for line in lines[:-1]:
                starts.append(starts[-1] + len(line) + 1)
            per_line: list[list[tuple[int, int, str]]] = [[] for _ in lines]
            for start, end, label in doc_mentions:
                k = bisect_right(starts, start) - 1
                per_line[k].append((start - starts[k], end - starts[k], label))
            mentions.extend(per_line)
        return [to_token_spans(s, m) for s, m in zip(sents, mentions, strict=True)]

    return predict


def memoriser_predictor(train: list[corpora.Sentence]) -> Predictor:
    """Each word gets the tag it most often had in training (B-/I- as seen); unknown → O."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for sent in train:
        for word, tag in sent:
            counts[word][tag] += 1
    best = {w: c.most_common(1)[0][0] for w, c in counts.items()}

    def predict(sents: list[corpora.Sentence]) -> list[list[TokSpan]]:
        out = []
        for sent in sents:
            tagged = [(w, best.get(w, "O")) for w, _ in sent]
            out.append(
                [
                    (s, e, corpora.SCORE_CLASS[lab])
                    for s, e, lab in corpora.spans(tagged)
                    if lab in corpora.SCORE_CLASS
                ]
            )
        return out

    return predict


def gazetteer_predictor(rec: ArabicRecognizer, train: list[corpora.Sentence]) -> Predictor:
    """Shipped gazetteers plus the names seen in the training part; runs of NAME words → PER."""
    gaz = rec.gazetteer
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for sent in train:
        for s, e, lab in corpora.spans(sent):
            seen[" ".join(gaz.stem(w) for w, _ in sent[s:e])][lab] += 1
    phrases = {k: c.most_common(1)[0][0] for k, c in seen.items()}
    label_of = {"GPE": "LOC", "LOC": "LOC", "ORG": "ORG", "PERSON": "PER", NAME: "PER"}

    def predict(sents: list[corpora.Sentence]) -> list[list[TokSpan]]:
        out = []
        for sent in sents:
            stems = [gaz.stem(w) for w, _ in sent]
            spans: list[TokSpan] = []
            i = 0
            while i < len(stems):
                hit = None
                for n in range(min(5, len(stems) - i), 0, -1):
                    key = " ".join(stems[i : i + n])
                    lab = phrases.get(key) or gaz.label(key)
                    if lab in label_of:
                        hit = (i, i + n, label_of[lab])
                        break
                if hit is None:
                    i += 1
                    continue
                # Adjacent personal-name words form one name: محمد + عبد + الصادق.
                s, e, cls = hit
                if cls == "PER" and spans and spans[-1][2] == "PER" and spans[-1][1] == s:
                    s = spans.pop()[0]
                spans.append((s, e, cls))
                i = e
            out.append(spans)
        return out

    return predict


# -- report -------------------------------------------------------------------------------------


def table(name: str, systems: dict[str, dict[str, tuple[float, float, float, int]]]) -> None:
    print(f"\n== {name} (exact span match, P / R / F1) ==")
    header = f"{'type':<6} {'gold':>5}  " + "  ".join(f"{s:^22}" for s in systems)
    print(header)
    first = next(iter(systems.values()))
    for cls in (*CLASSES, "micro"):
        cells = "  ".join(
            f"{res[cls][0]:6.3f} {res[cls][1]:6.3f} {res[cls][2]:6.3f} " for res in systems.values()
        )
        print(f"{cls:<6} {first[cls][3]:>5}  {cells}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--model", type=Path, default=None, help="model directory (default: shipped)")
    ap.add_argument(
        "--dev", action="store_true", help="score the dev block instead of the test part"
    )
    ap.add_argument(
        "--doc-size",
        type=int,
        default=DOC_SIZE,
        help=f"sentences read as one document (default {DOC_SIZE}, about one news article)",
    )
    ap.add_argument(
        "--no-consistency", action="store_true", help="turn off document-level name consistency"
    )
    ap.add_argument(
        "--encoder", type=Path, default=None, help="accurate mode's weights folder (default: shipped)"
    )
    ap.add_argument(
        "--merge-weight", type=float, default=None, help="accurate mode: weight of the CNN's tags"
    )
    ap.add_argument(
        "--encoder-runtime",
        choices=("auto", "onnx", "numpy"),
        default="auto",
        help="accurate mode: where the encoder's layers run (default: ONNX Runtime if installed)",
    )
    ap.add_argument("--fast-only", action="store_true", help="leave accurate mode out")
    args = ap.parse_args()

    splits = corpora.anercorp_splits()
    train = splits["train"] if args.dev else splits["train_full"]
    evalsets = (
        {"ANERcorp dev block": splits["dev"]}
        if args.dev
        else {
            "ANERcorp test part (last 1,022 sentences)": splits["test"],
            "AQMAR (Wikipedia, cross-domain)": corpora.read_aqmar(),
        }
    )
    rec = ArabicRecognizer(args.model, document_consistency=not args.no_consistency)
    t0 = time.perf_counter()
    rec.recognise("تحميل")
    load = time.perf_counter() - t0
    timing: dict[str, float] = {}
    systems: dict[str, Predictor] = {"qarin": recogniser_predictor(rec, timing, args.doc_size)}
    accurate_timing: dict[str, float] = {}
    if not args.fast_only:
        accurate = ArabicRecognizer(
            args.model,
            document_consistency=not args.no_consistency,
            accurate=True,
            encoder_dir=args.encoder,
            encoder_runtime=args.encoder_runtime,
            **({} if args.merge_weight is None else {"merge_weight": args.merge_weight}),
        )
        accurate.recognise("تحميل")
        systems["qarin accurate"] = recogniser_predictor(
            accurate, accurate_timing, args.doc_size
        )
    systems["memoriser baseline"] = memoriser_predictor(train)
    systems["gazetteer baseline"] = gazetteer_predictor(rec, train)
    for name, sents in evalsets.items():
        gold = [gold_spans(s) for s in sents]
        results = {sys_name: score(gold, predict(sents)) for sys_name, predict in systems.items()}
        table(f"{name}: {len(sents)} sentences, {sum(len(s) for s in sents)} words", results)
    wps = timing["words"] / timing["seconds"]
    print(
        f"\nspeed: {wps:,.0f} words/s over {timing['words']:,.0f} words (model load {load:.1f} s)"
    )
    if accurate_timing:
        wps = accurate_timing["words"] / accurate_timing["seconds"]
        print(
            f"accurate mode: {wps:,.0f} words/s over {accurate_timing['words']:,.0f} words"
            f" (encoder in {accurate.encoder.runtime})"
        )


if __name__ == "__main__":
    main()
