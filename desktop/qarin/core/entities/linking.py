"""Group mentions into entities known across both languages.

Evidence, strongest first: the same gazetteer entry (a country and its nationality adjective,
a city, a weekday, an organisation and its acronym); in aligned sentence pairs, names that
sound alike (زيلينسكي ~ Zelensky), equal numbers, organisations tied to the same country;
within one language, the same name again or a surname alone after the full name. Two
different people are never merged: a union that would put two surnames of one language in
one entity is refused.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from qarin.core.entities.arabic_text import is_arabic
from qarin.core.entities.gazetteer import Entry, gazetteer
from qarin.core.entities.translit import is_latin_designator, name_similarity
from qarin.core.model import Bead
from qarin.core.text.normalize import normalize_arabic, to_western_digits

# Titles (WORK_OF_ART) only the English model finds: the Arabic side names the same show or
# book as an organisation or a person (ساترداي نايت لايف), so they link through a label slip.
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART"}
)
TRANSLATED_LABELS = frozenset({"DATE", "TIME"})
NUMBER_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
GROUPS = {"GPE": "place", "LOC": "place", "FAC": "place", "NORP": "place"}
CROSS_MATCH = 0.75
LEFTOVER_MATCH = 0.6
# Names of two kinds (one recogniser's slip: spaCy's small model reads "Brett Kavanaugh" as an
# organisation beside بريت كافانو) link only when they sound this much alike.
SLIP_MATCH = 0.85
_AR_PREFIX = re.compile(r"^(?:[وفبكل]?ال|لل|[وفبكل](?=\S{3}))")


@dataclass(frozen=True)
class Mention:
    lang: str
    start: int
    end: int
    label: str
    text: str


def _group(label: str) -> str:
    return GROUPS.get(label, label)


def _surface(m: Mention) -> str:
    if m.lang == "ar":
        return " ".join(_AR_PREFIX.sub("", w) for w in normalize_arabic(m.text).split())
    return re.sub(r"^the\s+", "", m.text.lower()).strip()


def _surname(m: Mention) -> str | None:
    """A person's last word with a letter in it: a score the model read into the name
    ("Tiger Woods 2&1") must not make him someone else."""
    words = [w for w in _surface(m).split() if _has_letter(w)]
    return words[-1] if words else None


# Long vowels an Arabic transliteration may or may not write (ليتون / لايتون, Layton).
_AR_LONG_VOWELS = re.compile(r"(?<=.)[اويى]")
# A foreign g is written either way (غوسلينغ / جوسلينغ, Gosling).
_AR_G = str.maketrans("ج", "غ")


def _surname_keys(m: Mention) -> frozenset[str]:
    """The forms under which a person's surname is compared: as the other mentions give it
    (proclitic cut), and in Arabic also as written without the long vowels after its first
    letter and with one letter for g, so two spellings of one foreign name are one person, not
    two."""
    surname = _surname(m)
    if surname is None:
        return frozenset()
    if m.lang != "ar":
        return frozenset({surname})
    written = [w for w in normalize_arabic(m.text).split() if _has_letter(w)][-1]
    return frozenset({surname, "~" + _sounded(written)})


# Numbers written as words (English "three", Arabic ثلاثة), so that they meet the digits or
# words of the other language.
# Hundreds, thousands and more multiply: they are _SCALES.
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "dozen": 12,
    "واحد": 1, "واحده": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "ثلاث": 3,
    "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7,
    "سبعه": 7, "ثماني": 8, "ثمانيه": 8, "ثمان": 8, "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10,
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
    "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
    "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
}  # fmt: skip


# Words that multiply what comes before them ("52 thousand", "one million", مليون alone).
_SCALES = {
    "hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
    "k": 10**3, "m": 10**6, "mn": 10**6, "bn": 10**9, "tn": 10**12,  # "$5m", "£2bn"
    "مئه": 100, "مائه": 100, "الف": 10**3, "الاف": 10**3, "مليون": 10**6, "ملايين": 10**6,
    "مليار": 10**9, "مليارات": 10**9, "ترليون": 10**12, "تريليون": 10**12,
}  # fmt: skip
_NUMBER_TOKEN = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]+")


@lru_cache(maxsize=4096)
def _number(m: Mention) -> tuple[float, float] | None:
    """What a count says, comparable across languages: its value, digits and number words read
    together ("one million" ~ مليون, "52 thousand" ~ 52 ألف, "1,051,635" ~ 1051635), and the
    figure before its scale (125 of "125 مليون": a recogniser may leave the scale out, "£125m"
    read as 125).  Words that are neither (at least, about) are passed over.  Cached: a pair's
    numbers are compared each with each."""
    text = to_western_digits(m.text).replace("٫", ".").replace(",", "").replace("٬", "")
    text = normalize_arabic(text) if m.lang == "ar" else text.lower()
    value: float | None = None
    figure: float | None = None
    digits = ""  # digit groups run together, as before a scale: "1 051 635", a score "2-0"
    for token in _NUMBER_TOKEN.findall(text):
        word = re.sub(r"^و(?=\w{3})", "", token) if m.lang == "ar" else token
        if token[0].isdigit():
            digits += token
            value = float(digits) if digits.count(".") < 2 else None
        elif word in _SCALES:
            digits = ""
            figure = value if figure is None else figure
            value = (value or 1) * _SCALES[word]
        elif word in _NUMBER_WORDS:
            digits = ""
            value = (value or 0) + _NUMBER_WORDS[word]
    if value is None:
        return None
    return value, value if figure is None else figure


def _number_match(a: Mention, e: Mention) -> float:
    """1 for one value, 0.8 for one figure with a scale on one side only (125 ~ 125 مليون)."""
    x, y = _number(a), _number(e)
    if x is None or y is None:
        return 0.0
    if x[0] == y[0]:
        return 1.0
    return 0.8 if x[1] == y[1] else 0.0


class _Clusters:
    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.mentions = mentions
        self.parent = list(range(len(mentions)))
        # Per cluster and language, the surname keys of each person mention in it.
        self.surnames: list[dict[str, set[frozenset[str]]]] = [
            {m.lang: {keys}} if m.label == "PERSON" and (keys := _surname_keys(m)) else {}
            for m in mentions
        ]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        sa, sb = self.surnames[ra], self.surnames[rb]
        for lang in set(sa) & set(sb):
            if any(not x & y for x in sa[lang] for y in sb[lang]):
                return False  # two different people in one language: never one entity
        self.parent[rb] = ra
        for lang, keys in sb.items():
            sa.setdefault(lang, set()).update(keys)
        return True


# Labels a person's surname can wrongly get when it stands alone ("Woods lost ...").
_SURNAME_SLIPS = frozenset({"ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT"})


def one_reading_per_person(mentions: Sequence[Mention]) -> list[Mention]:
    """A one-word name that is the surname of a PERSON of the same language is that PERSON.

    Each recogniser already does this on its own findings; this pass is for the full names
    that projection brought over from the other language (تايجر وودز from "Tiger Woods" where
    the Arabic model had only وودز, as an organisation).  Words are compared as written (case
    and all: "Kim Jong Un" says nothing of the UN; باير is not ب + آير; only the long vowels
    and g of Arabic spellings aside: واترز after ماكسين ووترز), and only names made of words
    ("Livingston 1 - 0 Rangers" is a score the model read as a person).
    """
    surnames = set()
    for m in mentions:
        words = _compared_form(m).split()
        if m.label == "PERSON" and 1 < len(words) <= 4 and all(map(_has_letter, words)):
            surnames.add((m.lang, words[-1]))
    return [
        replace(m, label="PERSON")
        if m.label in _SURNAME_SLIPS and (m.lang, _compared_form(m)) in surnames
        else m
        for m in mentions
    ]


def _compared_form(m: Mention) -> str:
    """English as written; Arabic normalised and each word without the long vowels and g
    spellings transliterations vary in (ووترز and واترز are Waters)."""
    if m.lang != "ar":
        return m.text
    return " ".join(_sounded(w) for w in normalize_arabic(m.text).split())


def _sounded(word: str) -> str:
    return _AR_LONG_VOWELS.sub("", word).translate(_AR_G)


def _has_letter(word: str) -> bool:
    return any(c.isalpha() for c in word)


def _script(m: Mention) -> str:
    """The language whose names a mention is written like: an Arabic text may quote a Latin
    name (BBC, FEMAIL), which is looked up and compared as English."""
    if m.lang == "ar" and not is_arabic(m.text):
        return "en"
    return m.lang


def gazetteer_keys(mentions: Sequence[Mention]) -> list[Entry | None]:
    """Each mention's gazetteer entry, where it has one (computed once per analysis: the kinds
    pass and the clustering both read it)."""
    g = gazetteer()
    keys: list[Entry | None] = []
    for m in mentions:
        entry, demonym = (
            g.lookup_kind(m.text, _script(m))
            if m.label in NAME_LABELS or m.label == "DATE"
            else (None, False)
        )
        # A person named like a month or a country (Mrs May, Michael Jordan's "Jordan") is not
        # that month or country: a person takes only a listed person's entry.  Except a
        # country's Arabic name in full, which names no one: the model's روسيا "person" is
        # Russia (but the coach روس is not, though Russia's adjectives share his letters).
        if entry is not None and m.label == "PERSON" and entry.label != "PERSON":
            country = entry.key.startswith(("country:", "region:"))
            if not (m.lang == "ar" and country and not demonym):
                entry = None
        keys.append(entry)
    return keys


def _country_inside(m: Mention) -> str | None:
    """The country an organisation's name is tied to: "Ukrainian armed forces" → UA."""
    g = gazetteer()
    for word in m.text.split():
        entry = g.lookup(word.strip(".,()"), m.lang)
        if entry and entry.key.startswith("country:"):
            return entry.key
    return None


def _cross_score(a: Mention, e: Mention) -> float:
    """How likely an Arabic and an English mention in aligned sentences are one entity."""
    if a.label in NUMBER_LABELS or e.label in NUMBER_LABELS:
        return _number_match(a, e) if a.label == e.label else 0.0
    if a.label in TRANSLATED_LABELS and e.label in TRANSLATED_LABELS:
        same = (signature := _date_signature(a)) is not None and signature == _date_signature(e)
        return 1.0 if same else 0.0
    if a.label not in NAME_LABELS or e.label not in NAME_LABELS:
        return 0.0
    if {a.label, e.label} == {"PERSON", "NORP"}:
        return 0.0  # a people is no one person, however alike they sound (روس, Ross)
    if _script(a) == "en":  # an Arabic text quoting a Latin name (إذاعة BBC)
        sim = 1.0 if a.text.casefold() == e.text.casefold() else 0.0
    else:
        sim = name_similarity(a.text, e.text)
    if _group(a.label) != _group(e.label):
        sim = sim if sim >= SLIP_MATCH else 0.0
    if a.label == e.label == "ORG":
        country = _country_inside(a)
        if country and country == _country_inside(e):
            sim = max(sim, 0.8)
    return sim


# Days of the month Arabic writes as ordinals (الأول من أكتوبر, الحادي والعشرين من سبتمبر).
_AR_ORDINAL_UNITS = {
    "اول": 1, "حادي": 1, "ثاني": 2, "ثالث": 3, "رابع": 4, "خامس": 5, "سادس": 6, "سابع": 7,
    "ثامن": 8, "تاسع": 9, "عاشر": 10,
}  # fmt: skip
_AR_ORDINAL_TENS = {"عشر": 10, "عشرين": 20, "ثلاثين": 30}


@lru_cache(maxsize=4096)
def _date_signature(m: Mention) -> tuple[frozenset[int], frozenset[str]] | None:
    """What a date says, comparable across languages: its numbers (ordinal days read as
    numbers) and the months and weekdays it names (by gazetteer key).  None for a date that
    names neither ("last year"): such dates link only as the one left on each side.  Cached:
    a pair's dates are compared each with each."""
    text = to_western_digits(m.text)
    numbers = {int(d) for d in re.findall(r"\d+", text)}
    keys = set()
    day = 0
    for word in re.findall(r"\w+", normalize_arabic(text) if m.lang == "ar" else text):
        bare = re.sub(r"^و?ال", "", word)
        if m.lang == "ar" and (bare in _AR_ORDINAL_UNITS or bare in _AR_ORDINAL_TENS):
            day += _AR_ORDINAL_UNITS.get(bare, 0) + _AR_ORDINAL_TENS.get(bare, 0)
            continue
        entry = gazetteer().lookup(word, m.lang)
        if entry is not None and entry.key.startswith(("month:", "weekday:")):
            keys.add(entry.key)
    if day:
        numbers.add(day)
    return (frozenset(numbers), frozenset(keys)) if numbers or keys else None


def cluster(
    mentions: Sequence[Mention],
    sentence_of: Sequence[str | None],
    beads: Iterable[Bead],
    keys: Sequence[Entry | None] | None = None,
) -> tuple[list[int], list[Entry | None]]:
    """Cluster index per mention (in first-mention order) and each cluster's gazetteer entry;
    ``keys`` are the mentions' `gazetteer_keys`, when the caller has them already."""
    clusters = _Clusters(mentions)
    keys = gazetteer_keys(mentions) if keys is None else keys
    by_key: dict[str, int] = {}
    for i, entry in enumerate(keys):
        if entry is not None:
            if entry.key in by_key:
                clusters.union(by_key[entry.key], i)
            else:
                by_key[entry.key] = i
    # Cross-language pairs within each aligned bead, best first.
    by_sentence: dict[str, list[int]] = defaultdict(list)
    for i, sid in enumerate(sentence_of):
        if sid is not None:
            by_sentence[sid].append(i)
    for bead in beads:
        ar = [i for sid in bead.ar for i in by_sentence.get(sid, [])]
        en = [i for sid in bead.en for i in by_sentence.get(sid, [])]
        scored = sorted(
            (
                (s, a, e)
                for a in ar
                for e in en
                if (s := _cross_score(mentions[a], mentions[e])) >= CROSS_MATCH
            ),
            reverse=True,
        )
        used: set[int] = set()
        for _s, a, e in scored:
            if a in used or e in used:
                continue
            if clusters.union(a, e):
                used.update((a, e))
        _pair_short_forms(mentions, clusters, keys, ar, [e for e in en if e not in used])
        # Gazetteer names are already linked by their entry; they are not left over.
        _pair_leftovers(
            mentions,
            clusters,
            [a for a in ar if a not in used and keys[a] is None],
            [e for e in en if e not in used and keys[e] is None],
        )
    _within_language(mentions, clusters, keys)
    roots: dict[int, int] = {}
    order = []
    for i in range(len(mentions)):
        r = clusters.find(i)
        if r not in roots:
            roots[r] = len(roots)
        order.append(roots[r])
    entries: list[Entry | None] = [None] * len(roots)
    for i, entry in enumerate(keys):
        if entry is not None and entries[order[i]] is None:
            entries[order[i]] = entry
    return order, entries


def _pair_short_forms(
    mentions: Sequence[Mention],
    clusters: _Clusters,
    keys: Sequence[Entry | None],
    ar: list[int],
    en: list[int],
) -> None:
    """A name the list does not know, which is the listed name of a mention of the other
    language in the aligned pair without its designator or nationality, is that entity: "the
    Atlantic" for المحيط الأطلسي (Atlantic Ocean), حزب العمال for "Labour" (حزب العمال
    البريطاني) — not "United" for the United States.  Only where one entity of the pair fits."""
    for own, other in ((en, ar), (ar, en)):
        for i in own:
            if keys[i] is not None or mentions[i].label not in NAME_LABELS:
                continue
            hits = {
                entry.key: j
                for j in other
                if (entry := keys[j]) is not None and _short_form_of(mentions[i], entry)
            }
            if len(hits) == 1:
                clusters.union(next(iter(hits.values())), i)


def _short_form_of(m: Mention, entry: Entry) -> bool:
    """Whether the mention is the entry's name in its language less designators (Ocean) or,
    in Arabic, less a trailing nationality adjective (البريطاني)."""
    short = f" {_surface(m)} "
    if len(short.strip()) < 4:
        return False
    name = entry.en.lower() if m.lang == "en" else " ".join(
        _AR_PREFIX.sub("", w) for w in normalize_arabic(entry.ar).split()
    )
    full = f" {name} "
    if short not in full:
        return False
    rest = full.replace(short, " ", 1).split()
    if m.lang == "en":
        return bool(rest) and all(map(is_latin_designator, rest))
    return bool(rest) and all(_is_nationality(w) for w in rest)


def _is_nationality(word: str) -> bool:
    entry, adjective = gazetteer().lookup_kind(word, "ar")
    return entry is not None and adjective


def _pair_leftovers(
    mentions: Sequence[Mention], clusters: _Clusters, ar: list[int], en: list[int]
) -> None:
    """When an aligned pair has exactly one unmatched name of a kind on each side and they
    sound somewhat alike, they are the same (مقاطعة نيكولاييف ~ Mykolaiv Oblast).  A time or
    date is translated, not transliterated: one on each side is enough (وقت ليل ~ late at
    night)."""
    groups = {_group(mentions[i].label) for i in ar} & {_group(mentions[i].label) for i in en}
    names = {_group(label) for label in NAME_LABELS}
    paired: set[int] = set()
    for group in groups:
        if group not in names and group not in TRANSLATED_LABELS:
            continue
        a = [i for i in ar if _group(mentions[i].label) == group]
        e = [i for i in en if _group(mentions[i].label) == group]
        if len(a) == 1 == len(e) and (
            group in TRANSLATED_LABELS
            or name_similarity(mentions[a[0]].text, mentions[e[0]].text) >= LEFTOVER_MATCH
        ):
            clusters.union(a[0], e[0])
            paired.update((a[0], e[0]))
    # Then one name left on each side, whatever their labels: one recogniser's slip
    # (Londonderry read as a person, لوندري as a place).
    a = [i for i in ar if i not in paired and mentions[i].label in NAME_LABELS]
    e = [i for i in en if i not in paired and mentions[i].label in NAME_LABELS]
    if len(a) == 1 == len(e) and (
        name_similarity(mentions[a[0]].text, mentions[e[0]].text) >= LEFTOVER_MATCH
    ):
        clusters.union(a[0], e[0])


def _within_language(
    mentions: Sequence[Mention], clusters: _Clusters, keys: Sequence[Entry | None]
) -> None:
    """Same name again, or a surname alone after the full name, in one language.  A one-word
    "person" the list knows as a place is that place, no one's surname (the model's روسيا,
    spelt like the coach جاك روس without its long vowels)."""
    seen: dict[tuple[str, str, str], int] = {}
    full_by_surname: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if m.label not in NAME_LABELS and m.label not in ("DATE", "TIME"):
            continue
        surface = _surface(m)
        # A name of several words is one thing whatever kind each reading gave it ("Paris
        # Fashion Week" a place here, an organisation there); one word may be two (Washington).
        several = m.label in NAME_LABELS and " " in surface
        key = (m.lang, "name" if several else _group(m.label), surface)
        if key in seen:
            clusters.union(seen[key], i)
        else:
            seen[key] = i
        if m.label == "PERSON" and len(surface.split()) > 1:
            for surname in _surname_keys(m):
                full_by_surname[(m.lang, surname)].append(i)
    for i, m in enumerate(mentions):
        entry = keys[i]
        if (
            m.label == "PERSON"
            and len(_surface(m).split()) == 1
            and (entry is None or entry.label == "PERSON")
        ):
            # A word the list knows as a place or a people is a surname only as written
            # (the coach روس), never by its sound (فرنسي, "French", for فيرنيس).
            forms = _surname_keys(m)
            if _names_a_place(m):
                forms = frozenset(f for f in forms if not f.startswith("~"))
            fulls = {
                clusters.find(j)
                for surname in forms
                for j in full_by_surname.get((m.lang, surname), [])
            }
            if len(fulls) == 1:
                clusters.union(next(iter(fulls)), i)


_LISTED_KINDS = frozenset(label.lower() for label in NAME_LABELS)


def listed_kinds(mentions: Sequence[Mention], keys: Sequence[Entry | None]) -> list[Mention]:
    """A name of the curated list is of the kind the list says, whatever each recogniser
    called it: Brexit is an event, not the person the small English model sees, nor the
    organisation the Arabic one sometimes does.  Only the listed name itself: an entity may
    also hold names of another kind (the Democrats and the Democratic Party).  So is a country's
    Arabic name the model read as a person.  The kind it takes is its entry's, so ``keys``
    (the mentions' `gazetteer_keys`) hold for the result."""
    out = []
    for m, entry in zip(mentions, keys, strict=True):
        if (
            entry is not None
            and m.label in NAME_LABELS
            and m.label != entry.label
            # A "person" keeps a place's entry only as the country it names (the model's
            # روسيا: gazetteer_keys), so it is that country too.
            and (entry.key.split(":")[0] in _LISTED_KINDS or m.label == "PERSON")
            # An organisation named as a listed place is its team ("Tennessee beat
            # Alabama"), as clubs are their towns'.
            and not (entry.label in ("GPE", "LOC") and m.label == "ORG")
        ):
            m = replace(m, label=entry.label)
        out.append(m)
    return out


def _names_a_place(m: Mention) -> bool:
    """Whether the list knows the word as a place or a people (فرنسي, "French")."""
    entry, _demonym = gazetteer().lookup_kind(m.text, m.lang)
    return entry is not None and entry.label in ("GPE", "LOC", "NORP")


def cluster_label(labels: Iterable[str]) -> str:
    """The label an entity shows: its names' label, a country or a region over its adjectives
    (Europe is a LOC however often "European" comes)."""
    counts = Counter(labels)
    places = Counter({label: counts[label] for label in ("GPE", "LOC") if counts[label]})
    if counts.get("NORP") and places:
        return places.most_common(1)[0][0]
    # A tie is one recogniser's slip.  Between a person and an organisation it is mostly on a
    # person's name (spaCy's small model reads many as organisations: Tiffany Ng, Calum
    # Spence); between a person and a place mostly on the place's (Londonderry, Maryland,
    # Grayson Mews read as people; NTREX, by eye).  Other ties go to the first given (a club
    # or its town).
    most = max(counts.values())
    tied = [label for label, n in counts.items() if n == most]
    if len(tied) > 1 and "PERSON" in tied:
        return next((label for label in tied if label in ("GPE", "LOC")), "PERSON")
    return tied[0]


def labels_in_entity(labels: Sequence[str], entity: str) -> list[str]:
    """The labels an entity's mentions show: a name of another kind than the entity's, which
    its mentions outnumber at least two to one, is a recogniser's slip and takes the entity's
    label (روسيا read as a person among forty mentions of Russia; "Rangers" as a person), so
    the entity has one colour in both panes.  A nationality keeps its kind inside its country,
    places their own (a region inside a country's entity stays a LOC); where the kinds are
    nearer even (Donggala a person in English, a place in Arabic), each keeps its own.
    ``entity`` is the entity's label (``cluster_label`` of these)."""
    counts = Counter(labels)
    return [
        entity
        if own in NAME_LABELS
        and entity in NAME_LABELS
        and "NORP" not in (own, entity)
        and _group(own) != _group(entity)
        and counts[entity] >= 2 * counts[own]
        else own
        for own in labels
    ]
