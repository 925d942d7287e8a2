"""Who makes a claim: the subject of its reporting cue.

English puts the subject before the verb ("Zelensky said", "Sergey Lebedev, coordinator of
..., confirmed"), or after it in inverted attributions ('"...," said Peskov', "according to
the ministry"). Arabic puts it after the verb ("أعلن الرئيس الأوكراني فولوديمير زيلينسكي"),
or leaves it out ("وأضاف: ...", "وأشار إلى أن ..."), like English "He added": such cues are
anaphors, resolved by the stage to the previous speaker.

With entities, the claimant is the best PERSON/ORG mention in the subject (a link id when the
mention is linked across languages); a place only when it is the whole subject ("Russia said").
Without entities, it is the name found by simple patterns, else the subject phrase itself.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from qarin.core.claims.cues import Cue, Token, arabic_cue
from qarin.core.document import Lang
from qarin.core.model import EntityMention
from qarin.core.text.normalize import normalize_arabic

Kind = Literal["entity", "name", "phrase", "anaphor"]

PERSON_LABELS = frozenset({"PERSON", "PER", "PERS"})
ORG_LABELS = frozenset({"ORG", "ORGANIZATION"})
PLACE_LABELS = frozenset({"GPE", "LOC"})
_RANK = {"PERSON": 6, "ORG": 5, "PLACE": 4}
NAME_RANK = 3
PHRASE_RANK = 2
ANAPHOR_RANK = 1


@dataclass(frozen=True, slots=True)
class Claimant:
    """A claimant guess for one language. ``value`` is a link id when ``is_link``."""

    kind: Kind
    value: str | None
    is_link: bool
    rank: int


ANAPHOR = Claimant("anaphor", None, False, ANAPHOR_RANK)

# --- English ---------------------------------------------------------------------------

_EN_BOUNDARY = {";", ":", '"', "“", "”", "—", "that", "but", "whereas", "because"}
_EN_AFTER_STOP = {
    ",", ".", ";", ":", "!", "?", '"', "“", "”", "(", "—", "that", "in", "on", "at",
    "during", "when", "after", "before", "while", "as", "late", "earlier", "last",
    "yesterday", "today", "told", "and",
}
_EN_PRONOUNS = {"he", "she", "they", "it", "we"}
_EN_RELATIVE_OPENERS = {"who", "which", "whose", "whom", "where", "when", "while"}
# Words between a subject and its verb that belong to neither.
_EN_SKIP = {
    "also", "later", "further", "then", "previously", "earlier", "again", "repeatedly",
    "has", "had", "have", "however", "recently", "once", "already", "publicly", "separately",
    "reportedly", "allegedly", "would", "personally", "himself", "herself", "both", "all",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "week",
    "night", "month", "year", "morning", "evening", "afternoon", "yesterday", "today",
    "always", "never", "often", "still", "just", "now", "first", "only", "even", "since",
    "subsequently", "initially", "finally", "last",
}
_EN_PREPOSITIONS = {
    "of", "in", "at", "on", "for", "from", "to", "by", "with", "about", "against", "into",
    "over", "under", "between", "among", "near", "across", "toward", "towards", "via", "per",
    "pro", "-", "after", "before", "during", "like", "than", "outside", "inside", "within",
}
_EN_FUNCTION = {
    "the", "a", "an", "on", "in", "at", "after", "before", "but", "and", "however",
    "meanwhile", "he", "she", "it", "they", "we", "i", "his", "her", "their", "its", "this",
    "these", "those", "speaking", "according", "while", "when", "as", "for", "from", "with",
    "by", "of", "to", "earlier", "later", "last", "also", "if", "although", "since", "there",
    "separately", "yesterday", "today", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday",
}
# Lower-case words that may sit inside a name ("Ministry of Defence", "Mohammed bin Salman").
_EN_NAME_JOINERS = {"of", "for", "and", "the", "bin", "ibn", "al", "de", "van", "von", "da", "di"}
_EN_TITLES = {
    "president", "vice", "prime", "minister", "foreign", "defence", "defense", "interior",
    "finance", "secretary", "general", "secretary-general", "spokesman", "spokeswoman",
    "spokesperson", "chancellor", "chief", "director", "ambassador", "mayor", "governor",
    "senator", "sen", "rep", "representative", "judge", "justice", "king", "queen", "prince",
    "princess", "sheikh", "pope", "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt",
    "captain", "capt", "coach", "manager", "chairman", "chairwoman", "ceo", "commissioner",
    "commander", "head", "deputy", "speaker", "leader", "lord", "sir", "dame", "attorney",
    "professor", "doctor", "state", "adviser", "advisor", "coordinator", "envoy", "special",
    "former", "acting", "interim", "u.s.", "us", "un", "eu", "white", "house", "press",
}
_DEMONYM_ENDINGS = ("an", "ian", "ese", "ish", "i")
# Words that make a capitalised run an organisation, whose title-like words stay.
_EN_ORG_HEADS = {
    "ministry", "department", "office", "council", "committee", "agency", "party", "police",
    "service", "army", "forces", "force", "bank", "commission", "court", "institute",
    "university", "news", "union", "organization", "organisation", "government", "navy",
    "administration", "authority", "company", "corporation", "group", "association",
}

# --- Arabic (written naturally, compared as normalised keys) ---------------------------


def _keys(words: str) -> frozenset[str]:
    return frozenset(normalize_arabic(w) for w in words.split())


# What ends a subject after its verb: punctuation, complementisers, prepositions, time words
# and the recipient ("لوكالة", "للصحفيين").
_AR_STOP = _keys(
    '، , : . ؛ ; ! ؟ ? " « » “ ” ( ) أن إن أنه إنه أنها إنها أنهم إنهم بأن بأنه بأنها وأن فإن '
    "في خلال عبر على إلى عن أمام لدى مع بعد قبل منذ عقب أثناء حول بشأن بينما ل لـ "
    "اليوم أمس مساء صباح ليل ليلة الليلة الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت "
    "الأحد أيضا أيضاً كذلك لوسائل للصحفيين للصحافيين لوكالة لصحيفة لقناة لموقع لشبكة "
    "قائلا قائلاً قائلة مضيفا مضيفاً مضيفة بأنهم إنهم يوم الذي التي الذين"
)
# Words that cannot open a name ("اللاعب البالغ من العمر 31 عاماً").
_AR_NOT_NAME = _keys("من عن ما لا لم قد كان كانت هو هي هم")
# Words that open a title before a name ("وزير الخارجية الروسي سيرغي لافروف").
_AR_TITLES = _keys(
    "رئيس رئيسة وزير وزيرة نائب نائبة مستشار مستشارة متحدث متحدثة ناطق ناطقة سفير سفيرة "
    "قائد مدير مديرة أمين عضو زعيم زعيمة ملك أمير الشيخ شيخ باسم منسق منسقة مسؤول مسؤولة "
    "قاضي محافظ عمدة مندوب مبعوث سكرتير حاكم ولي عهد مراسل السيد السيدة الدكتور مصدر "
    "مصادر مسؤولون"
)
# Heads of a construct ("مدرب الإسماعيلي", the Ismaily coach) naming someone who belongs to
# a body without speaking for it, unlike its spokesman: the body is not the claimant.
_AR_MEMBERS = _keys(
    "مدرب مدربة لاعب لاعبة لاعبو لاعبي مهاجم مدافع حارس نجم جماهير جمهور مشجعو مشجعي "
    "موظف موظفة موظفو موظفي عامل عمال طالب طلاب"
)
_AR_QUANTIFIERS = _keys("كل أحد إحدى بعض عدد جميع معظم أغلب هذا هذه")
_AR_PREPOSITION_CLITICS = ("ل", "ب", "ك", "لل", "ول", "وب", "فل", "فب")


def _label_tier(label: str) -> str | None:
    if label in PERSON_LABELS:
        return "PERSON"
    if label in ORG_LABELS:
        return "ORG"
    if label in PLACE_LABELS:
        return "PLACE"
    return None


def _entity_claimant(m: EntityMention, tier: str) -> Claimant:
    if m.link is not None:
        return Claimant("entity", m.link, True, _RANK[tier])
    return Claimant("entity", m.text, False, _RANK[tier])


def _token_at(tokens: list[Token], offset: int) -> int | None:
    for i, t in enumerate(tokens):
        if t.start <= offset < t.end:
            return i
    return None


def _words(tokens: list[Token], lo: int, hi: int) -> list[int]:
    return [i for i in range(lo, hi) if tokens[i].is_word]


def _phrase(text: str, tokens: list[Token], idx: list[int]) -> Claimant | None:
    if not idx:
        return None
    return Claimant("phrase", text[tokens[idx[0]].start : tokens[idx[-1]].end], False,
                    PHRASE_RANK)


# --- English ---------------------------------------------------------------------------


def _en_clause_start(tokens: list[Token], cue: Cue) -> int:
    for i in range(cue.first - 1, -1, -1):
        if tokens[i].text.lower() in _EN_BOUNDARY:
            return i + 1
    return 0


def _en_excluded(text: str, tokens: list[Token], first: int, end_offset: int) -> bool:
    """Objects of prepositions ("in Mykolaiv Oblast") and possessors ("Putin's spokesman")
    are not subjects."""
    if first > 0 and tokens[first - 1].text.lower() in _EN_PREPOSITIONS:
        return True
    if text[end_offset : end_offset + 2] in ("'s", "’s"):
        return True
    last = _token_at(tokens, end_offset - 1)
    return last is not None and tokens[last].text.endswith(("'s", "’s"))


def _en_entities(
    text: str, tokens: list[Token], lo: int, hi: int, mentions: Sequence[EntityMention],
    head: int | None,
) -> list[tuple[int, int, Claimant]]:
    """(rank, position, claimant) for the entities that can be the subject in tokens[lo:hi];
    with ``head``, only those ending at that token (the head of the noun phrase)."""
    if lo >= hi:
        return []
    a, b = tokens[lo].start, tokens[hi - 1].end
    words = _words(tokens, lo, hi) or [lo]
    out: list[tuple[int, int, Claimant]] = []
    for m in mentions:
        tier = _label_tier(m.label)
        if tier is None or not (a <= m.start and m.end <= b):
            continue
        first = _token_at(tokens, m.start)
        last = _token_at(tokens, m.end - 1)
        if first is None or last is None or _en_excluded(text, tokens, first, m.end):
            continue
        if head is not None and last != head:
            continue
        # A place speaks only as the whole subject ("Russia said"), never from inside a
        # description ("the U.S. ambassador to China").
        if tier == "PLACE" and head is None and (first != words[0] or last != words[-1]):
            continue
        out.append((_RANK[tier], m.start, _entity_claimant(m, tier)))
    return out


def _is_title(word: str, following: str | None) -> bool:
    w = word.lower().rstrip(".")
    if w in _EN_TITLES:
        return True
    # "Ukrainian President", "Russian Foreign Minister"
    return (
        following is not None
        and following.lower() in _EN_TITLES
        and w.endswith(_DEMONYM_ENDINGS)
    )


def _strip_titles(tokens: list[Token], run: list[int]) -> list[int]:
    """The name after the last title of a run ("Russian Energy Minister Aleksandr Novak" →
    "Aleksandr Novak"); an organisation's name keeps its words ("Foreign Ministry")."""
    words = [tokens[i].text.lower().rstrip(".") for i in run]
    if any(w in _EN_ORG_HEADS for w in words):
        return run
    cut = 0
    for n, i in enumerate(run):
        following = tokens[run[n + 1]].text if n + 1 < len(run) else None
        if _is_title(tokens[i].text, following):
            cut = n + 1
    # "Spokesman for Air Navigation Indonesia": no joiner may open what is left.
    while cut < len(run) and not tokens[run[cut]].text[:1].isupper():
        cut += 1
    return run[cut:]


def _en_names(
    text: str, tokens: list[Token], lo: int, hi: int, head: int | None
) -> list[tuple[int, int, Claimant]]:
    """Capitalised runs in tokens[lo:hi], titles stripped: "Volodymyr Zelensky"; with
    ``head``, only a run ending at that token ("State Department officials" has none)."""
    out: list[tuple[int, int, Claimant]] = []
    i = lo
    while i < hi:
        t = tokens[i]
        if not (t.is_word and t.text[:1].isupper()) or t.text.lower() in _EN_FUNCTION:
            i += 1
            continue
        j = i
        while j + 1 < hi:
            nxt = tokens[j + 1]
            if nxt.is_word and nxt.text[:1].isupper():
                j += 1
            elif (
                (nxt.text.lower() in _EN_NAME_JOINERS or nxt.text in {"-", "."})
                and j + 2 < hi
                and tokens[j + 2].text[:1].isupper()
            ):
                j += 2
            else:
                break
        run = _strip_titles(tokens, list(range(i, j + 1)))
        while run and not tokens[run[0]].is_word:
            run.pop(0)
        if head is not None and run and run[-1] != head:
            run = []
        if run and not _en_excluded(text, tokens, i, tokens[run[-1]].end):
            name = text[tokens[run[0]].start : tokens[run[-1]].end]
            out.append((NAME_RANK, tokens[run[0]].start, Claimant("name", name, False, NAME_RANK)))
        i = j + 1
    return out


def _best(cands: list[tuple[int, int, Claimant]], nearest_last: bool) -> Claimant | None:
    if not cands:
        return None
    if nearest_last:
        return max(cands, key=lambda c: (c[0], c[1]))[2]
    return max(cands, key=lambda c: (c[0], -c[1]))[2]


def _en_after(
    text: str, tokens: list[Token], cue: Cue, mentions: Sequence[EntityMention]
) -> Claimant | None:
    lo = cue.last + 1
    hi = lo
    while hi < len(tokens) and hi - lo < 10 and tokens[hi].text.lower() not in _EN_AFTER_STOP:
        hi += 1
    words = _words(tokens, lo, hi)
    if not words:
        return None
    if len(words) == 1 and tokens[words[0]].text.lower() in _EN_PRONOUNS:
        return ANAPHOR
    cands = _en_entities(text, tokens, lo, hi, mentions, None)
    cands = cands or _en_names(text, tokens, lo, hi, None)
    return _best(cands, nearest_last=False) or _phrase(text, tokens, words)


def _en_candidates(
    text: str, tokens: list[Token], lo: int, hi: int, mentions: Sequence[EntityMention],
    head: int | None,
) -> list[tuple[int, int, Claimant]]:
    """Entities when the recogniser found any, else capitalised names."""
    found = _en_entities(text, tokens, lo, hi, mentions, head)
    return found or _en_names(text, tokens, lo, hi, head)


def _en_apposed(
    text: str, tokens: list[Token], segs: list[tuple[int, int]],
    mentions: Sequence[EntityMention],
) -> Claimant | None:
    """'X, apposition, said': the subject is the comma segment before the apposition(s),
    unless the last segment is itself the name ("The Kremlin spokesman, Dmitry Peskov,
    said"). Segments that open with a preposition or relative continue an apposition
    ("..., of the US National Cancer Institute in Bethesda, Maryland, said")."""
    *before, (la, lb) = segs
    near = tokens[min(la + 3, lb - 1)].start
    named_last = [c for c in _en_candidates(text, tokens, la, lb, mentions, None)
                  if c[1] <= near]
    prev_words = _words(tokens, *before[-1]) if before else []
    content = [i for i in prev_words if tokens[i].text.lower() not in {"the", "a", "an"}]
    titled = bool(content) and tokens[content[0]].text.lower() in _EN_TITLES
    if named_last and (
        not prev_words or titled or tokens[prev_words[-1]].text[:1].islower()
    ):
        # "The Kremlin spokesman, Dmitry Peskov," / "Spokesman for X, Yohannes Sirait,"
        return _best(named_last, nearest_last=False)
    for a, b in reversed(before):
        words = _words(tokens, a, b)
        if not words:
            continue
        # A segment opening in lower case ("the U.S. ambassador to China", "of CGA",
        # "who was born ...") describes the subject; the subject itself comes before it.
        if tokens[words[0]].text[:1].islower() and (a, b) != before[0]:
            continue
        cands = _en_candidates(text, tokens, a, b, mentions, None)
        if cands:
            return _best(cands, nearest_last=False)
    if named_last:
        return _best(named_last, nearest_last=False)
    return _phrase(text, tokens, _words(tokens, *before[-1]) if before else [])


def _en_participle(
    text: str, tokens: list[Token], lo: int, cue: Cue, mentions: Sequence[EntityMention]
) -> Claimant | None:
    """"X issued a statement, saying ...": the speaker is the subject of the main verb,
    which opens the clause; with no name there, nothing is guessed."""
    words = _words(tokens, lo, cue.first)
    if words and tokens[words[0]].text.lower() in _EN_PRONOUNS:
        return ANAPHOR
    cands = _en_candidates(text, tokens, lo, cue.first, mentions, None)
    return _best(cands, nearest_last=False)


def _en_claimant(
    text: str, tokens: list[Token], cue: Cue, mentions: Sequence[EntityMention]
) -> Claimant | None:
    if cue.entry.kind == "source":
        return _en_after(text, tokens, cue, mentions)
    lo = _en_clause_start(tokens, cue)
    if cue.entry.kind == "participle":
        return _en_participle(text, tokens, lo, cue, mentions)
    words = _words(tokens, lo, cue.first)
    # Drop adverbs and auxiliaries next to the verb: "He also noted", "has said",
    # "on Tuesday said".
    while words and tokens[words[-1]].text.lower() in _EN_SKIP:
        words.pop()
        if words and tokens[words[-1]].text.lower() in {"on", "last", "this"}:
            words.pop()
    if not words:
        return _en_after(text, tokens, cue, mentions)
    last = tokens[words[-1]].text.lower()
    if last == "who" and len(words) > 1:
        # "Zelensky, who said ...": the subject is the relative's antecedent.
        words.pop()
        last = tokens[words[-1]].text.lower()
    if last in _EN_PRONOUNS:
        return ANAPHOR
    if last in _EN_FUNCTION:
        # "..., and said": no subject of its own.
        return ANAPHOR if last in {"and", "but"} else None
    hi = words[-1] + 1
    if hi < cue.first and tokens[hi].text == ",":
        cut = [lo - 1, *(i for i in range(lo, hi) if tokens[i].text == ","), hi]
        segs = [(a + 1, b) for a, b in itertools.pairwise(cut) if b > a + 1]
        return _en_apposed(text, tokens, segs, mentions)
    # "..., the company said": the subject is the noun phrase after the last comma, and a
    # name in it must be its head ("State Department officials" names no one).
    commas = [i for i in range(lo, hi) if tokens[i].text in {",", "(", ")"}]
    start = commas[-1] + 1 if commas else lo
    best = _best(_en_candidates(text, tokens, start, hi, mentions, words[-1]),
                 nearest_last=True)
    if best is not None:
        return best
    # "Narcis Termes, 68, an electrician attending the protest said": an apposition that
    # lost its closing comma; the subject is the name that opens the clause.
    # Not in '..., the company said.', where the clause before the comma is the statement.
    trailing = len(_words(tokens, cue.last + 1, len(tokens))) <= 3
    if commas and tokens[start].text[:1].islower() and not trailing:
        first_end = commas[0]
        opening = [c for c in _en_candidates(text, tokens, lo, first_end, mentions, None)
                   if c[1] == tokens[lo].start]
        if opening and len(_words(tokens, lo, first_end)) <= 4:
            return opening[0][2]
    run = [i for i in words if i >= start][-6:]
    return _phrase(text, tokens, run)


# --- Arabic ----------------------------------------------------------------------------


def _ar_prefixed(tokens: list[Token], m: EntityMention) -> bool:
    """An entity glued to a preposition (لروسيا، بموسكو) is no subject."""
    i = _token_at(tokens, m.start)
    if i is None:
        return False
    prefix = tokens[i].text[: m.start - tokens[i].start]
    return prefix in _AR_PREPOSITION_CLITICS


def _ar_region(tokens: list[Token], lo: int) -> list[int]:
    """Word indices of the subject after a verb: up to a stop word, or a circumstantial
    participle ("واصفاً", "مضيفاً", which ends in tanween fath)."""
    hi = lo
    while (
        hi < len(tokens)
        and hi - lo < 10
        and tokens[hi].key not in _AR_STOP
        and not tokens[hi].text.endswith(("ً", "اً", "ًا"))
    ):
        hi += 1
    return _words(tokens, lo, hi)


def _ar_name(text: str, tokens: list[Token], idx: list[int], skip: int = 0) -> Claimant | None:
    """The name in an Arabic subject: skip titles and definite words before it
    ("الرئيس الأوكراني فولوديمير زيلينسكي" → "فولوديمير زيلينسكي"). Arabic has no capitals,
    so a name is taken to be at most three words; ``skip`` code points of the first token
    belong to the cue (the ل of وفقاً لـ)."""
    if not idx:
        return None
    first_start = tokens[idx[0]].start + skip
    if tokens[idx[0]].key in _AR_QUANTIFIERS:
        # "أحد المشرعين", "كل من الشركة والبحرية": a description, not a name.
        return Claimant("phrase", text[first_start : tokens[idx[-1]].end], False, PHRASE_RANK)
    for n, i in enumerate(idx):
        key = tokens[i].key[skip:] if n == 0 else tokens[i].key
        if key.startswith("ال") or {key, _ar_bare(key)} & (_AR_TITLES | _AR_MEMBERS):
            continue
        before = tokens[idx[n - 1]].key if n else ""
        after_title = before in _AR_TITLES and not before.startswith("ال")
        if after_title and i == idx[-1] and key.endswith(("ي", "يه")):
            # "مسؤول أمريكي", "مصدر عسكري": a nisba adjective after a title, not a name.
            break
        if key in _AR_NOT_NAME or not tokens[i].text[:1].isalpha():
            # A description, not a name: keep the words before it ("اللاعب البالغ").
            return _phrase(text, tokens, idx[:n]) if n else None
        a = first_start if n == 0 else tokens[i].start
        name = text[a : tokens[idx[min(n + 2, len(idx) - 1)]].end]
        return Claimant("name", name, False, NAME_RANK)
    # Only titles and definite words: "المتحدث الرسمي", "الوزارة".
    return Claimant("phrase", text[first_start : tokens[idx[-1]].end], False, PHRASE_RANK)


def _ar_bare(key: str) -> str:
    """A word without a leading و or ف (وزير keeps its و: too short to carry one)."""
    return key[1:] if key[:1] in ("و", "ف") and len(key) > 3 else key


def _ar_member_of(tokens: list[Token], first: int | None) -> bool:
    """Whether the subject opens with a member's noun in construct (مدرب الإسماعيلي)."""
    if first is None:
        return False
    key = tokens[first].key
    return bool({key, _ar_bare(key)} & _AR_MEMBERS)


def _ar_entity(
    tokens: list[Token], mentions: Sequence[EntityMention], a: int, b: int, first: int | None
) -> Claimant | None:
    """The best person/organisation mention starting in [a, b), not glued to a preposition;
    a place only when it opens the subject (``first``): "قالت روسيا"; a body not when a member
    of it speaks (مدرب الإسماعيلي)."""
    member = _ar_member_of(tokens, first)
    cands: list[tuple[int, int, Claimant]] = []
    for m in mentions:
        tier = _label_tier(m.label)
        if tier is None or not (a <= m.start < b) or _ar_prefixed(tokens, m):
            continue
        if member and tier != "PERSON":
            continue
        if tier == "PLACE" and _token_at(tokens, m.start) != first:
            continue
        cands.append((_RANK[tier], m.start, _entity_claimant(m, tier)))
    return _best(cands, nearest_last=False)


def _ar_claimant(
    text: str, tokens: list[Token], cue: Cue, mentions: Sequence[EntityMention]
) -> Claimant | None:
    lo = cue.last + 1
    # "حسبما قال المتحدث", "وفقاً لما أعلنته الشركة": the subject follows the inner verb.
    while lo < len(tokens) and (
        tokens[lo].key in {"ما", "لما"} or _is_inner_cue(tokens[lo].key)
    ):
        lo += 1
    # "وفقاً للوزارة": the ل belongs to the cue.
    skip = 0
    if cue.entry.kind == "source" and lo < len(tokens) and lo == cue.last + 1:
        key = tokens[lo].key
        if key.startswith("ل") and not key.startswith("ال"):
            skip = 2 if tokens[lo].text.startswith("لـ") else 1
    idx = _ar_region(tokens, lo)
    if idx:
        a, b = tokens[idx[0]].start, tokens[idx[-1]].end
        found = _ar_entity(tokens, mentions, a, b, idx[0]) or _ar_apposition(
            tokens, mentions, idx[-1] + 1
        )
        return found or _ar_name(text, tokens, idx, skip)
    if cue.entry.kind == "source":
        return None
    # Subject before the verb, opening the sentence ("ديفيد باتون، أحد المحامين، قال إن",
    # "الوزارة أكدت أن"): only a recognised entity can tell a name from anything else.
    found = None
    if cue.first > 0:
        found = _ar_entity(tokens, mentions, tokens[0].start, tokens[0].end, 0)
    return found or ANAPHOR


def _ar_apposition(
    tokens: list[Token], mentions: Sequence[EntityMention], at: int
) -> Claimant | None:
    """The person named between commas after a subject that names none ("أعلن حاكم ولاية
    أوهايو، السيد مايك دي واين، أن"): the governor is Mike DeWine."""
    if at >= len(tokens) or tokens[at].key not in {"،", ","}:
        return None
    idx = _ar_region(tokens, at + 1)
    if not idx:
        return None
    people = [m for m in mentions if m.label in PERSON_LABELS]
    return _ar_entity(tokens, people, tokens[idx[0]].start, tokens[idx[-1]].end, None)


def _is_inner_cue(key: str) -> bool:
    for k in (key, key[:-1], key[:-2]):  # أعلنته، ذكرتها: a verb with an object pronoun
        entry = arabic_cue(k)
        if entry is not None and entry.kind == "verb":
            return True
    return False


def find_claimant(
    text: str,
    lang: Lang,
    tokens: list[Token],
    cue: Cue,
    mentions: Sequence[EntityMention] = (),
) -> Claimant | None:
    """The claimant of ``cue`` in one sentence (``tokens``); ``mentions`` are that sentence's
    entities. Returns ``ANAPHOR`` for "He added" / "وأضاف", None when nothing is found."""
    if lang == "ar":
        return _ar_claimant(text, tokens, cue, mentions)
    return _en_claimant(text, tokens, cue, mentions)
