"""Reporting cues (said, announced, قال، أعلن ...) as data, and the main cue of a sentence.

A sentence often holds several cue words: the main reporting verb ("Zelensky announced ...",
"أعلن زيلينسكي ...") and secondary participles that continue it ("stating", "مبيناً"). Only the
main verb is the cue of the claim, so participles are left out of the lists below ("saying" and
"قائلاً" are kept as a fallback for sentences with no finite cue at all).

Offsets are code points into the language's whole text, like every span in Qarin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from qarin.core.document import Lang, Span
from qarin.core.text.normalize import normalize_arabic

Kind = Literal["verb", "source", "participle"]
Strength = Literal["strong", "weak"]

# Words may carry Arabic harakat and tanween (category Mn, which \w does not match).
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
_TOKEN = re.compile(rf"(?:[\w{_MARKS}]+(?:['’][\w{_MARKS}]+)*)|\S")


@dataclass(frozen=True, slots=True)
class Token:
    """A word or one punctuation character, with offsets into the language's text."""

    start: int
    end: int
    text: str

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()

    @property
    def key(self) -> str:
        """Lookup form: Arabic normalised (hamza seats, tashkeel), English lower-cased."""
        return normalize_arabic(self.text).lower()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]``; offsets stay those of ``text``."""
    stop = len(text) if end is None else end
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, stop)]


@dataclass(frozen=True, slots=True)
class CueEntry:
    lemma: str
    kind: Kind
    # A weak cue counts only with a complement ("that", أن، إن, a colon, a quotation) because
    # its word also has non-reporting senses: "added 5 points", "أعلن حالة الطوارئ".
    strength: Strength


def _entries(lemma: str, forms: str, kind: Kind, strength: Strength) -> dict[str, CueEntry]:
    entry = CueEntry(lemma, kind, strength)
    return {normalize_arabic(f).lower(): entry for f in forms.split()}


# English: lower-case finite forms only. Nouns that share a form ("claims", "notes",
# "reports", "states") are left out; so are participles ("stating", "accusing").
EN_WORDS: dict[str, CueEntry] = {
    **_entries("say", "said says say", "verb", "strong"),
    **_entries("tell", "told tells", "verb", "strong"),
    **_entries("state", "stated", "verb", "strong"),
    **_entries("deny", "denied denies", "verb", "strong"),
    **_entries("announce", "announced announces", "verb", "weak"),
    **_entries("confirm", "confirmed confirms", "verb", "weak"),
    **_entries("note", "noted", "verb", "weak"),
    **_entries("add", "added adds", "verb", "weak"),
    **_entries("accuse", "accused accuses", "verb", "weak"),
    **_entries("claim", "claimed", "verb", "weak"),
    **_entries("warn", "warned warns", "verb", "weak"),
    **_entries("insist", "insisted insists", "verb", "weak"),
    **_entries("report", "reported", "verb", "weak"),
    **_entries("explain", "explained explains", "verb", "weak"),
    **_entries("stress", "stressed", "verb", "weak"),
    **_entries("emphasise", "emphasised emphasized emphasises emphasizes", "verb", "weak"),
    **_entries("argue", "argued argues", "verb", "weak"),
    **_entries("reveal", "revealed reveals", "verb", "weak"),
    **_entries("declare", "declared declares", "verb", "weak"),
    **_entries("acknowledge", "acknowledged acknowledges", "verb", "weak"),
    **_entries("admit", "admitted admits", "verb", "weak"),
    **_entries("assert", "asserted asserts", "verb", "weak"),
    **_entries("allege", "alleged alleges", "verb", "weak"),
    **_entries("concede", "conceded concedes", "verb", "weak"),
    **_entries("reply", "replied", "verb", "weak"),
    **_entries("write", "wrote writes", "verb", "weak"),
    **_entries("tweet", "tweeted", "verb", "weak"),
    **_entries("continue", "continued", "verb", "weak"),
    **_entries("recall", "recalled", "verb", "weak"),
    **_entries("reveal", "reveal", "verb", "weak"),
    **_entries("say", "saying", "participle", "strong"),
}
# Multi-word English cues: (words, entry).
EN_PHRASES: tuple[tuple[tuple[str, ...], CueEntry], ...] = (
    (("according", "to"), CueEntry("according to", "source", "strong")),
    (("pointed", "out"), CueEntry("point out", "verb", "weak")),
    (("points", "out"), CueEntry("point out", "verb", "weak")),
)

# Arabic: perfect (masc., fem., plural) and imperfect forms; و/ف proclitics are stripped
# before lookup. Imperfects that are mostly not reporting (يرى "sees", يعتبر "is considered",
# يذكر أن "it is worth noting") are left out.
AR_WORDS: dict[str, CueEntry] = {
    **_entries("قال", "قال قالت قالوا قلن يقول تقول يقولون", "verb", "strong"),
    # "هذا ما قاله الوزير": the verb with its object pronoun, after ما.
    **_entries("قال", "قاله قالته قالها قالوه", "verb", "strong"),
    **_entries("صرح", "صرح صرحت صرحوا يصرح تصرح", "verb", "strong"),
    **_entries("نفى", "نفى نفت نفوا ينفي تنفي ينفون", "verb", "strong"),
    **_entries("أعلن", "أعلن أعلنت أعلنوا يعلن تعلن يعلنون", "verb", "weak"),
    **_entries("أكد", "أكد أكدت أكدوا يؤكد تؤكد يؤكدون", "verb", "weak"),
    **_entries("أشار", "أشار أشارت أشاروا يشير تشير يشيرون", "verb", "weak"),
    **_entries("أضاف", "أضاف أضافت أضافوا يضيف تضيف", "verb", "weak"),
    **_entries("اتهم", "اتهم اتهمت اتهموا يتهم تتهم يتهمون", "verb", "weak"),
    **_entries("أوضح", "أوضح أوضحت أوضحوا يوضح توضح", "verb", "weak"),
    **_entries("شدد", "شدد شددت شددوا يشدد تشدد", "verb", "weak"),
    **_entries("حذر", "حذر حذرت حذروا يحذر تحذر", "verb", "weak"),
    **_entries("ذكر", "ذكر ذكرت ذكروا", "verb", "weak"),
    **_entries("كشف", "كشف كشفت كشفوا يكشف تكشف", "verb", "weak"),
    **_entries("لفت", "لفت لفتت لفتوا", "verb", "weak"),
    **_entries("تابع", "تابع تابعت", "verb", "weak"),
    **_entries("اعتبر", "اعتبر اعتبرت اعتبروا", "verb", "weak"),
    **_entries("رأى", "رأى رأت رأوا", "verb", "weak"),
    **_entries("أفاد", "أفاد أفادت أفادوا", "verb", "weak"),
    **_entries("زعم", "زعم زعمت زعموا", "verb", "weak"),
    **_entries("ادعى", "ادعى ادعت ادعوا", "verb", "weak"),
    **_entries("أقر", "أقر أقرت", "verb", "weak"),
    **_entries("اعترف", "اعترف اعترفت", "verb", "weak"),
    **_entries("أبلغ", "أبلغ أبلغت", "verb", "weak"),
    **_entries("أخبر", "أخبر أخبرت أخبروا", "verb", "weak"),
    **_entries("لاحظ", "لاحظ لاحظت لاحظوا", "verb", "weak"),
    **_entries("كتب", "كتب كتبت", "verb", "weak"),
    **_entries("أردف", "أردف أردفت", "verb", "weak"),
    **_entries("بحسب", "بحسب حسب وفق وفقا وفقاً طبقا طبقاً", "source", "strong"),
    **_entries("قال", "قائلا قائلاً قائلة", "participle", "strong"),
}
# Multi-word Arabic cues, as normalised keys.
AR_PHRASES: tuple[tuple[tuple[str, ...], CueEntry], ...] = (
    (("نقلا", "عن"), CueEntry("نقلا عن", "source", "strong")),
    (("حسبما",), CueEntry("حسبما", "source", "strong")),
)
_AR_CLITICS = ("و", "ف")
# Bare forms that are more often something else: رأى normalises to راي ("Ray"), تابع is also
# "affiliated". With و/ف (ورأى، وتابع) they open a sentence as reporting verbs.
_AR_NEEDS_CLITIC = frozenset({normalize_arabic("رأى"), normalize_arabic("تابع")})
_QUOTES = {'"', "“", "”", "«", "»"}

# Complement markers after a weak cue (normalised keys).
_EN_COMPLEMENT = {"that", ":", '"', "“", "”", "«"}
_EN_SUBJECT_PRONOUNS = {"he", "she", "they", "it", "we", "i", "there"}
_AR_COMPLEMENT = {
    "ان", "انه", "انها", "انهم", "انهن", "بان", "بانه", "بانها", "بانهم", ":", '"', "“", "”", "«",
}
# Arabic puts the subject, with its titles and appositions, between verb and أن.
_COMPLEMENT_WINDOW = 20
# What stops the search for a complement: a new sentence or clause.
_CLAUSE_STOP = {".", ";", "؛", "!", "?", "؟"}

# English words before a cue that make it no reporting verb of a subject: a determiner makes
# it an adjective or noun ("the said agreement", "the reported attack"); an auxiliary "be"
# makes it passive ("has not been confirmed" is a hedge, not a claim); "to" or a modal
# makes "say" an infinitive ("needless to say", "I can't say").
_EN_DETERMINERS = {
    "the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our",
    "your", "my", "no", "any", "some", "each", "every",
}
_EN_BE = {"is", "was", "were", "are", "be", "been", "being"}
_EN_INFINITIVE = {
    "to", "will", "would", "could", "can", "may", "might", "must", "should", "shall", "did",
    "do", "does", "let", "let's", "cannot",
}
_EN_NEGATION = {"not", "never", "n't"}
_EN_RELATIVE = {"who", "which", "whom", "whose"}


def _keys(words: str) -> frozenset[str]:
    return frozenset(normalize_arabic(w) for w in words.split())


def _lower_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Arabic particles that negate or subordinate the verb after them (keys, normalised).
# (ما before a verb is mostly relative in news: "هذا ما قاله الوزير", so it is not here.)
_AR_NEGATION = _keys("لم لن لا ولم ولا فلم فلا ولن")
_AR_SUBJUNCTIVE = _keys("أن لكي كي حتى")
_AR_RELATIVE = _keys("الذي التي الذين اللذين اللتين اللواتي اللاتي")


@dataclass(frozen=True, slots=True)
class Cue:
    """One reporting cue in a sentence: ``first``/``last`` index its tokens."""

    span: Span
    entry: CueEntry
    first: int
    last: int
    # A relative clause verb ("who said", "الذي قال") is a cue, but a weaker main cue.
    relative: bool = False


def _match_phrase(
    keys: list[str], i: int, phrases: tuple[tuple[tuple[str, ...], CueEntry], ...]
) -> tuple[int, CueEntry] | None:
    for words, entry in phrases:
        if tuple(keys[i : i + len(words)]) == words:
            return len(words), entry
    return None


def arabic_cue(key: str) -> CueEntry | None:
    """The cue entry for a normalised Arabic word, after a و/ف proclitic if need be."""
    if key in AR_WORDS and key not in _AR_NEEDS_CLITIC:
        return AR_WORDS[key]
    for clitic in _AR_CLITICS:
        rest = key[len(clitic) :]
        if key.startswith(clitic) and len(rest) >= 2 and rest in AR_WORDS:
            entry = AR_WORDS[rest]
            # وبحسب is "and according to", but فحسب is "only".
            if entry.kind == "verb" or clitic == "و":
                return entry
    return None


def _has_complement(
    tokens: list[Token], keys: list[str], last: int, lang: Lang, entry: CueEntry
) -> bool:
    markers = _AR_COMPLEMENT if lang == "ar" else _EN_COMPLEMENT
    if lang == "en":
        # A clause without "that": "admitted he feels ..."; "accused Moscow of ...".
        if last + 1 < len(keys) and keys[last + 1] in _EN_SUBJECT_PRONOUNS:
            return True
        if entry.lemma == "accuse" and "of" in keys[last + 1 : last + 7]:
            return True
    for k in keys[last + 1 : last + 1 + _COMPLEMENT_WINDOW]:
        if k in _CLAUSE_STOP:
            return False
        if k in markers:
            return True
    return False


def _is_trailing_attribution(
    tokens: list[Token], keys: list[str], first: int, last: int, lang: Lang
) -> bool:
    """'..., the ministry added.' or '"...," he added': the cue closes a quoted or fronted
    statement, which is reporting whatever the verb. The subject between the comma and the
    cue is short, and little follows the cue."""
    after = [k for k, t in zip(keys[last + 1 :], tokens[last + 1 :], strict=True) if t.is_word]
    if len(after) > 4 or (after and after[0] in {"to", "that", "of"}):
        return False
    words = 0
    for i in range(first - 1, max(-1, first - 7), -1):
        if keys[i] in {",", "،"}:
            return words > 0 or (i > 0 and keys[i - 1] in _QUOTES)
        if tokens[i].is_word:
            if (EN_WORDS if lang == "en" else AR_WORDS).get(keys[i]) is not None:
                return False
            words += 1
    return False


def _en_blocked(keys: list[str], first: int, entry: CueEntry) -> bool:
    prev = keys[first - 1] if first >= 1 else ""
    prev2 = keys[first - 2] if first >= 2 else ""
    if entry.kind == "source":
        return False
    if prev in _EN_DETERMINERS or prev in _EN_INFINITIVE or prev == "having":
        return True
    if prev in _EN_NEGATION or prev2 in _EN_NEGATION:
        return True
    # Passive: "was reported", "has been confirmed", "is widely reported".
    if prev in _EN_BE or (prev.endswith("ly") and prev2 in _EN_BE):
        return True
    # "That said, ..." is a discourse marker.
    return prev == "that" and first == 1


def _ar_blocked(keys: list[str], first: int) -> bool:
    prev = keys[first - 1] if first >= 1 else ""
    return prev in _AR_NEGATION or prev in _AR_SUBJUNCTIVE


def _opens(text: str, t: Token) -> bool:
    """Whether a quotation mark opens a quotation: curly and angle quotes say so; a straight
    quote opens when it follows a space or the start and precedes a word."""
    if t.text in {"“", "«"}:
        return True
    if t.text in {"”", "»"}:
        return False
    before = text[t.start - 1] if t.start > 0 else " "
    return before.isspace() or before in "([{—:"


def quoted_ranges(text: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """Token index ranges ``(open, close)`` inside quotation marks. A quotation left open
    runs to the sentence's end; one closed without opening ran from before its start (news
    sentences split quoted paragraphs)."""
    out: list[tuple[int, int]] = []
    open_at: int | None = None
    for i, t in enumerate(tokens):
        if t.text not in _QUOTES:
            continue
        if _opens(text, t):
            if open_at is None:
                open_at = i
        elif open_at is not None:
            out.append((open_at, i))
            open_at = None
        elif not out:
            out.append((-1, i))
    if open_at is not None:
        out.append((open_at, len(tokens)))
    return out


def find_cues(text: str, lang: Lang, tokens: list[Token]) -> list[Cue]:
    """Every reporting cue among ``tokens`` (one sentence), participles included."""
    keys = [t.key for t in tokens]
    cues: list[Cue] = []
    i = 0
    while i < len(tokens):
        if lang == "en":
            hit = _match_phrase(keys, i, EN_PHRASES)
            # Finite verbs are lower case; "According to" may open the sentence.
            word = EN_WORDS.get(tokens[i].text)
            if hit is None and word is not None:
                hit = (1, word)
        else:
            hit = _match_phrase(keys, i, AR_PHRASES)
            word = arabic_cue(keys[i])
            if hit is None and word is not None:
                hit = (1, word)
        if hit is None:
            i += 1
            continue
        n, entry = hit
        last = i + n - 1
        blocked = _en_blocked(keys, i, entry) if lang == "en" else _ar_blocked(keys, i)
        trailing = _is_trailing_attribution(tokens, keys, i, last, lang)
        accepted = not blocked and (
            entry.strength == "strong"
            or _has_complement(tokens, keys, last, lang, entry)
            or trailing
        )
        if accepted:
            prev = keys[i - 1] if i else ""
            relative = prev in (_AR_RELATIVE if lang == "ar" else _EN_RELATIVE)
            span = Span(lang, tokens[i].start, tokens[last].end)
            cues.append(Cue(span, entry, i, last, relative))
        i = last + 1
    return cues


def ranked_cues(cues: list[Cue], tokens: list[Token], text: str) -> list[Cue]:
    """Cues best first: finite cues outside quotations in text order. In "X said ..., the
    Associated Press reported" X's comes first: the claim is what X said.

    Cues quoted inside the statement ('"They said no," he added') report someone else's
    words; participles continue the main verb; relative-clause cues describe a participant.
    Each comes after the others.
    """
    quoted = quoted_ranges(text, tokens)

    def rank(c: Cue) -> tuple[int, int, int, int]:
        inside = any(a < c.first < b for a, b in quoted)
        return (int(inside), int(c.entry.kind == "participle"), int(c.relative), c.first)

    return sorted(cues, key=rank)


def main_cue(cues: list[Cue], tokens: list[Token], text: str) -> Cue | None:
    """The sentence's reporting verb (the best of ``ranked_cues``), if any."""
    ranked = ranked_cues(cues, tokens, text)
    return ranked[0] if ranked else None


# "according to the plan", "حسب الاتفاق" name no source. Without a recognised or capitalised
# name after it, a source cue counts only before one of these words.
_EN_SOURCE_NOUNS = _lower_set(
    "ministry ministries department office officials official police report reports "
    "statement statements sources source agency spokesman spokeswoman spokesperson "
    "witnesses witness residents media newspaper paper website channel broadcaster "
    "authorities government army military army's release data figures estimates survey "
    "poll analysts experts prosecutors investigators doctors medics hospital company "
    "group organisation organization council committee court documents document "
    "people person family relatives lawyer lawyers aides aide campaign party union"
)
_AR_SOURCE_NOUNS = _keys(
    "وزارة الوزارة مسؤول مسؤولين مسؤولون المسؤولين تقرير تقارير التقرير بيان البيان مصادر "
    "مصدر وكالة الوكالة المتحدث الناطق متحدث شهود سكان وسائل صحيفة الصحيفة موقع قناة شبكة "
    "السلطات الحكومة الجيش الشرطة بيانات أرقام تقديرات استطلاع محللين خبراء المدعي "
    "المحققين أطباء مستشفى الشركة شركة منظمة المنظمة مجلس المجلس لجنة اللجنة المحكمة "
    "وثائق مصادر محامي مكتب المكتب مسؤولي معلومات إحصاءات إحصائيات"
)


def names_a_source(phrase: str, lang: Lang) -> bool:
    """Whether a phrase after "according to"/"بحسب" names who says so."""
    if lang == "en":
        return any(w.strip(".,'’").lower() in _EN_SOURCE_NOUNS for w in phrase.split())
    for w in phrase.split():
        key = normalize_arabic(w)
        if key in _AR_SOURCE_NOUNS or key[1:] in _AR_SOURCE_NOUNS:  # لوزارة، للشرطة
            return True
        if key.startswith("لل") and "ال" + key[2:] in _AR_SOURCE_NOUNS:
            return True
    return False
