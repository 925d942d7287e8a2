"""Names that mean the same thing in English and Arabic, keyed by what they refer to.

- countries and territories from CLDR (babel), with their nationality adjectives (Ukrainian,
  الأوكراني, الروس ...) resolved to the country by stem, so "Russian" and روسيا share a key;
- cities from CLDR's time-zone exemplar cities (Kyiv/كييف, New York/نيويورك ...);
- weekdays and months from CLDR;
- organisations, acronyms, people, seas, regions and cities in the news from
  resources/gazetteers/equivalents.tsv.

Keys look like "country:UA", "city:kyiv", "weekday:4", "month:3", "org:nato", "person:putin".
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from qarin.core.text.normalize import normalize_arabic
from qarin.paths import resource

# Short forms CLDR lacks, or that news uses more than CLDR's own.
_COUNTRY_ALIASES_EN = {
    "US": ("U.S.", "US", "USA", "U.S.A.", "America", "United States of America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "RU": ("Russian Federation",),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "KR": ("South Korea",),
    "KP": ("North Korea",),
    "CD": ("DR Congo", "DRC"),
    "PS": ("Palestine", "Palestinian territories"),
    "SY": ("Syria",),
    "IR": ("Iran",),
    "CZ": ("Czech Republic",),
    "TR": ("Turkey",),
    "MM": ("Myanmar", "Burma"),
    "CI": ("Ivory Coast", "Cote d'Ivoire", "Côte d'Ivoire"),
    "TL": ("East Timor", "Timor-Leste"),
    "SZ": ("Swaziland",),
    "MK": ("Macedonia",),
    "NL": ("Holland",),
    "BA": ("Bosnia", "Bosnia and Herzegovina"),
}
_COUNTRY_ALIASES_AR = {
    "US": ("أمريكا", "أميركا", "الولايات المتحدة الأمريكية", "الولايات المتحدة الأميركية"),
    "SA": ("السعودية",),
    "HU": ("المجر",),
    "BY": ("روسيا البيضاء",),
    "CD": ("الكونغو الديمقراطية", "جمهورية الكونغو الديمقراطية"),
    "MM": ("ميانمار", "بورما"),
    "CZ": ("جمهورية التشيك",),
    "MK": ("مقدونيا",),
    "CI": ("كوت ديفوار",),
    "TL": ("تيمور الشرقية",),
    "SZ": ("سوازيلاند",),
    "BA": ("البوسنة",),
    "GB": ("بريطانيا", "المملكة المتحدة"),
    "AE": ("الإمارات",),
    "PS": ("فلسطين",),
}
# The nations of the United Kingdom, which CLDR does not list and the news (sport above all)
# names apart from it: England is not the United Kingdom.  Keyed as countries (ISO 3166-2).
_UK_NATIONS = (
    ("GB-ENG", ("England",), ("إنجلترا", "انكلترا")),
    ("GB-SCT", ("Scotland",), ("اسكتلندا",)),
    ("GB-WLS", ("Wales",), ("ويلز",)),
    ("GB-NIR", ("Northern Ireland",), ("أيرلندا الشمالية", "إيرلندا الشمالية")),
)
# CLDR's continents and world regions a reader meets in the news (Europe/أوروبا, Western
# Asia, Latin America); not "Northern America" or "Southern Africa", whose Arabic names read as
# a country's part.
_REGIONS = (
    "150", "002", "142", "009", "005", "013", "419", "029", "145", "151", "155", "015", "014",
    "011", "030", "034", "035", "143", "154", "039",
)  # fmt: skip
# Adjectives of regions that the stems miss (Asia → Asian, آسيا → آسيوي).
_REGION_ADJECTIVES = {"asian": "region:142", "اسيو": "region:142"}
# Demonyms that do not share a stem with the country's name.
_IRREGULAR_DEMONYMS_EN = {
    # Nouns for a people's man or woman, which names follow ("Spaniard Sergio Garcia").
    "spaniard": "ES",
    "briton": "GB",
    "englishman": "GB-ENG",
    "englishwoman": "GB-ENG",
    "scotsman": "GB-SCT",
    "welshman": "GB-WLS",
    "frenchman": "FR",
    "frenchwoman": "FR",
    "irishman": "IE",
    "dutchman": "NL",
    # Stems under four letters, which the stem look-up does not trust.
    "indian": "IN",
    "cuban": "CU",
    "malian": "ML",
    "french": "FR",
    "british": "GB",
    "english": "GB-ENG",
    "dutch": "NL",
    "swiss": "CH",
    "greek": "GR",
    "spanish": "ES",
    "danish": "DK",
    "swedish": "SE",
    "finnish": "FI",
    "polish": "PL",
    "irish": "IE",
    "filipino": "PH",
    "thai": "TH",
    "emirati": "AE",
    "saudi": "SA",
    "kuwaiti": "KW",
    "turkish": "TR",
    "turk": "TR",
    "welsh": "GB-WLS",
    "scottish": "GB-SCT",
    "norwegian": "NO",
    "peruvian": "PE",
    "belgian": "BE",
    "portuguese": "PT",
    "chinese": "CN",
    "japanese": "JP",
    "vietnamese": "VN",
    "lebanese": "LB",
    "sudanese": "SD",
    "israeli": "IL",
    "yemeni": "YE",
    "iraqi": "IQ",
    "omani": "OM",
    "qatari": "QA",
    "bahraini": "BH",
    "afghan": "AF",
    "pakistani": "PK",
    "bangladeshi": "BD",
    "somali": "SO",
    "american": "US",
    "americans": "US",
}
# Words a country's stem begins that are not its people: Roman is Rome's (Romania → "roman").
_NOT_DEMONYMS_EN = frozenset({"roman", "romans"})
_IRREGULAR_DEMONYMS_AR = {
    "امريك": "US", "اميرك": "US", "بريطان": "GB", "انجليز": "GB-ENG", "انكليز": "GB-ENG",
    # Broken plurals: the Americans, the Turks, the Afghans.
    "امريكان": "US", "اميركان": "US", "اتراك": "TR", "افغان": "AF",
}  # fmt: skip
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})
_NISBA = re.compile(r"(?:يتين|يين|يون|يان|يه|يا|ي|ه|ا)$")
_AR_ARTICLE = re.compile(r"^(?:[وفبكل]?ال|لل)")
_PROCLITIC_BEFORE_ARTICLE = re.compile(r"^[وف]?[بك]?(?=ال)")
_LI_WITH_ARTICLE = re.compile(r"^[وف]?لل")  # ل + ال is written لل
# What follows a country's stem in its people's name (German, Germans, Kenyan, Icelandic), and
# nothing else: Australopithecus is not Australian.
_DEMONYM_REST = re.compile(r"^(?:s|n|ns|an|ans|ian|ians|ien|nian|ese|ish|i|is|ic|e|er|ers)?$")
_EN_DEMONYM = re.compile(r"(?:ians|ian|ans|an|ese|ish|is|i|s)$")


def _norm_en(text: str) -> str:
    t = text.strip().lower()
    t = re.sub(r"^(?:the|pro|anti)[\s-]+", "", t)
    return re.sub(r"[^\w\s]", "", t).strip()


def _norm_ar(text: str) -> str:
    return normalize_arabic(" ".join(text.split()))


def _with_bare_article(text: str) -> str:
    """بالخليج, وبالنيل, للخليج → الخليج, النيل: the name with its article, clitics cut."""
    return _PROCLITIC_BEFORE_ARTICLE.sub("", _LI_WITH_ARTICLE.sub("ال", text))


def _without_article(text: str) -> str:
    """Normalised, without a leading article and its proclitic (بالروسية → روسيه).  The article
    is looked for before normalising: ألمانيا normalised starts with ال but has none."""
    return _norm_ar(_AR_ARTICLE.sub("", text.strip()))


def arabic_stem(word: str) -> str:
    """A country or nationality word without article, clitic and nisba ending: الروسية → روس."""
    w = _without_article(word)
    return _NISBA.sub("", w) if len(w) > 3 else w


@dataclass(frozen=True)
class Entry:
    key: str
    label: str
    en: str
    ar: str


@dataclass
class Gazetteer:
    by_en: dict[str, Entry]
    by_ar: dict[str, Entry]
    en_stems: dict[str, str]
    ar_stems: dict[str, str]
    entries: dict[str, Entry]

    def lookup(self, text: str, lang: str) -> Entry | None:
        """The entry a mention names, directly or as a nationality adjective."""
        return self.lookup_kind(text, lang)[0]

    def lookup_kind(self, text: str, lang: str) -> tuple[Entry | None, bool]:
        """The entry, and whether the mention is a nationality adjective rather than a name."""
        if lang == "en":
            hit = self.by_en.get(_norm_en(text))
            if hit:
                return hit, False
            return self._demonym_en(text), True
        hit = (
            self.by_ar.get(_norm_ar(text))
            or self.by_ar.get(_norm_ar(_with_bare_article(text.strip())))
            or self.by_ar.get(_without_article(text))
        )
        if hit:
            return hit, False
        return self._demonym_ar(text), True

    def _demonym_en(self, text: str) -> Entry | None:
        word = _norm_en(text)
        if " " in word or len(word) < 4 or word in _NOT_DEMONYMS_EN:
            return None
        code = _IRREGULAR_DEMONYMS_EN.get(word) or _IRREGULAR_DEMONYMS_EN.get(word.rstrip("s"))
        key = f"country:{code}" if code else _REGION_ADJECTIVES.get(word.rstrip("s"))
        if key is None:
            # The longest country stem the word begins with (Nigerian is Nigeria's, not
            # Niger's; German is Germany's), else the word without its demonym ending as a
            # stem, or a stem of five letters or more as the start of a country's name (not
            # "cana" of Canaan as Canada's).
            starts = [
                word[:k]
                for k in range(4, len(word) + 1)
                if word[:k] in self.en_stems and _DEMONYM_REST.match(word[k:])
            ]
            stem = _EN_DEMONYM.sub("", word)
            if starts:
                key = self.en_stems[max(starts, key=len)]
            elif len(stem) >= 4:
                key = self.en_stems.get(stem)
            if key is None and len(stem) >= 5:
                key = next((k for s, k in self.en_stems.items() if s.startswith(stem)), None)
        return self.entries.get(key) if key else None

    def _demonym_ar(self, text: str) -> Entry | None:
        if len(text.split()) != 1 or text.endswith("ى"):  # اليمنى, "the right", not Yemeni
            return None
        stem = arabic_stem(text)
        if len(stem) < 3:
            return None
        code = _IRREGULAR_DEMONYMS_AR.get(stem)
        key = f"country:{code}" if code else _REGION_ADJECTIVES.get(stem) or self.ar_stems.get(stem)
        return self.entries.get(key) if key else None


def _cities() -> list[tuple[str, str, str]]:
    from babel import Locale
    from babel.dates import get_timezone_location

    en, ar = Locale("en"), Locale("ar")
    out = []
    for tz in zoneinfo.available_timezones():
        if "/" not in tz or tz.startswith(("Etc/", "SystemV/")):
            continue
        try:
            en_city = get_timezone_location(tz, locale=en, return_city=True)
        except Exception:  # babel lacks a few zones; they are not needed
            continue
        ar_city = (ar.time_zones.get(tz) or {}).get("city") or get_timezone_location(
            tz, locale=ar, return_city=True
        )
        if ar_city and not re.search("[A-Za-z]", ar_city):
            out.append((tz, en_city, ar_city))
    return out


def names_pattern(names: Iterable[str]) -> re.Pattern[str]:
    """Any of ``names`` as a whole word run, longest first, case as written ("WHO", not "who")."""
    alternatives = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


# Countries whose CLDR name is not how the news names them.
_SHOWN = {
    "CD": ("DR Congo", "الكونغو الديمقراطية"),
    "CG": ("Republic of the Congo", "جمهورية الكونغو"),
    "HK": ("Hong Kong", "هونغ كونغ"),
    "MO": ("Macao", "ماكاو"),
    "PS": ("Palestine", "فلسطين"),
}


def _shown(name: str) -> str:
    """A CLDR name as a reader expects it in a list: Myanmar, not "Myanmar (Burma)"; Bosnia
    and Herzegovina, not "Bosnia & Herzegovina"."""
    return re.sub(r"\s*\([^)]*\)", "", name).replace(" & ", " and ")


def curated_key(key: str, label: str) -> str:
    """The gazetteer key of a curated-list row ("org:nato")."""
    return f"{label.lower()}:{key}"


def equivalents() -> list[tuple[str, str, tuple[str, ...], tuple[str, ...]]]:
    """The curated list (resources/gazetteers/equivalents.tsv): key, label, English names,
    Arabic names.  The Arabic NER build reads it too, so both languages know the same bodies."""
    out = []
    for line in resource("gazetteers", "equivalents.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, label, en_field, ar_field = line.split("\t")
        out.append((key, label, tuple(en_field.split("|")), tuple(ar_field.split("|"))))
    return out


@cache
def gazetteer() -> Gazetteer:
    from babel import Locale

    en_loc, ar_loc = Locale("en"), Locale("ar")
    entries: dict[str, Entry] = {}
    by_en: dict[str, Entry] = {}
    by_ar: dict[str, Entry] = {}
    en_stems: dict[str, str] = {}
    ar_stems: dict[str, str] = {}

    def add_stems(key: str, en_names: tuple[str, ...], ar_names: tuple[str, ...]) -> None:
        """Stems of one-word names, for the nationality adjectives (Russian, الأوروبية)."""
        for n in en_names:
            stem = _norm_en(n)
            if " " not in stem and len(stem) >= 4:
                en_stems.setdefault(re.sub(r"[aeiouy]+$", "", stem) or stem, key)
                en_stems.setdefault(stem, key)
        for n in ar_names:
            if len(n.split()) == 1 and n:
                ar_stems.setdefault(arabic_stem(n), key)

    def add(
        entry: Entry, en_names: tuple[str, ...], ar_names: tuple[str, ...], bare: bool = True
    ) -> None:
        """`bare`: the Arabic names are known without their article too (روسية, الروسية)."""
        entries.setdefault(entry.key, entry)
        for n in en_names:
            by_en.setdefault(_norm_en(n), entry)
        for n in ar_names:
            by_ar.setdefault(_norm_ar(n), entry)
            if bare:
                by_ar.setdefault(_without_article(n), entry)

    for code, en_name in en_loc.territories.items():
        # CLDR lists some bodies and pseudo-regions as territories (EU, UN, eurozone): they
        # are organisations here (equivalents.tsv), not countries.
        if not code.isalpha() or len(code) != 2 or code in _NOT_COUNTRIES:
            continue
        ar_name = ar_loc.territories.get(code, "")
        en_shown, ar_shown = _SHOWN.get(code, (_shown(en_name), _shown(ar_name)))
        entry = Entry(f"country:{code}", "GPE", en_shown, ar_shown)
        en_names = (en_name, *_COUNTRY_ALIASES_EN.get(code, ()))
        ar_names = (ar_name, *_COUNTRY_ALIASES_AR.get(code, ()))
        add(entry, en_names, ar_names)
        add_stems(entry.key, en_names, ar_names)
    for code, en_names, ar_names in _UK_NATIONS:
        entry = Entry(f"country:{code}", "GPE", en_names[0], ar_names[0])
        add(entry, en_names, ar_names)
        add_stems(entry.key, en_names, ar_names)
    # Continents and world regions after the countries, so a country keeps a stem both share.
    for code in _REGIONS:
        en_name, ar_name = en_loc.territories[code], ar_loc.territories[code]
        entry = Entry(f"region:{code}", "LOC", en_name, ar_name)
        add(entry, (en_name,), (ar_name,))
        add_stems(entry.key, (en_name,), (ar_name,))
    for tz, en_city, ar_city in _cities():
        add(Entry(f"city:{tz}", "GPE", en_city, ar_city), (en_city,), (ar_city,))
    # Kyiv's zone is Europe/Kiev in older tz data; both spellings name one city.
    if (kyiv := by_en.get("kyiv")) is not None:
        by_en.setdefault("kiev", kyiv)
    for key, days in (("weekday", en_loc.days), ("month", en_loc.months)):
        ar_wide = (ar_loc.days if key == "weekday" else ar_loc.months)["format"]["wide"]
        for i, en_name in days["format"]["wide"].items():
            add(Entry(f"{key}:{i}", "DATE", en_name, ar_wide[i]), (en_name,), (ar_wide[i],))
    for key, label, en_t, ar_t in equivalents():
        # A place without its article is a common noun or a name (خليج "a gulf", نيل "Neil",
        # موصل "a conductor"), not the Gulf, the Nile or Mosul.
        entry = Entry(curated_key(key, label), label, en_t[0], ar_t[0])
        add(entry, en_t, ar_t, bare=label not in ("LOC", "GPE"))
    return Gazetteer(by_en, by_ar, en_stems, ar_stems, entries)
