"""The claims stage: one suggestion per aligned bead whose sentences hold a reporting cue.

A bead's two sentences say the same thing, so they make one claim: its cue is the main
reporting verb of each language (one span per language where found), its claimant the best
of the two languages' subjects, and subject-less cues ("He added", "وأضاف") take the previous
speaker. Hedges anywhere in the bead's sentences come with it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace

from qarin.core.claims.claimant import (
    ANAPHOR,
    ORG_LABELS,
    PERSON_LABELS,
    Claimant,
    find_claimant,
)
from qarin.core.claims.cues import find_cues, names_a_source, ranked_cues, tokenize
from qarin.core.claims.hedges import find_hedges
from qarin.core.document import LANGS, BilingualDocument, Lang, Span
from qarin.core.model import Analysis, ClaimSuggestion, EntityMention, Sentence

# English first: its recogniser is the stronger one.
_LANGS_EN_FIRST: tuple[Lang, ...] = ("en", "ar")
# "He added" refers to the previous claim's speaker only while that claim is this close;
# further on, the last person mentioned is a better guess.
_ANAPHOR_REACH = 3


@dataclass(frozen=True, slots=True)
class _Speaker:
    value: str
    is_link: bool
    bead: int
    kind: str


class _MentionIndex:
    """Entity mentions by sentence, found by bisection: books hold thousands of both."""

    def __init__(self, entities: Sequence[EntityMention]) -> None:
        self._by_lang: dict[str, list[EntityMention]] = {}
        for m in sorted(entities, key=lambda m: (m.lang, m.start, m.end)):
            self._by_lang.setdefault(m.lang, []).append(m)
        self._starts = {lang: [m.start for m in ms] for lang, ms in self._by_lang.items()}

    def within(self, s: Sentence) -> list[EntityMention]:
        starts = self._starts.get(s.lang, [])
        lo, hi = bisect_left(starts, s.start), bisect_left(starts, s.end)
        return self._by_lang.get(s.lang, [])[lo:hi]


def _bead_cue(
    doc: BilingualDocument, analysis: Analysis, index: _MentionIndex, ids: Sequence[str],
    lang: Lang,
) -> tuple[Span, Claimant | None] | None:
    """The main cue of the first sentence of ``ids`` that has one, and its claimant."""
    text = doc.texts.get(lang, "")
    for sid in ids:
        s = analysis.sentence(sid)
        tokens = tokenize(text, s.start, s.end)
        mentions = index.within(s)
        for cue in ranked_cues(find_cues(text, lang, tokens), tokens, text):
            claimant = find_claimant(text, lang, tokens, cue, mentions)
            if cue.entry.kind != "source" or _names_source(claimant, lang):
                return cue.span, claimant
    return None


def _names_source(claimant: Claimant | None, lang: Lang) -> bool:
    """"according to the ministry" attributes; "according to the plan" does not. A name
    guessed from capitals will do in English; Arabic has none, so there it takes an entity
    or a source word ("بحسب وزارة الصحة", not "وفقاً لخطة")."""
    if claimant is None:
        return False
    if claimant.kind == "entity" or (claimant.kind == "name" and lang == "en"):
        return True
    return claimant.value is not None and names_a_source(claimant.value, lang)


def _choose(guesses: list[tuple[Lang, Claimant | None]]) -> Claimant | None:
    """The best explicit claimant of the two languages (a linked one on a tie, then English:
    its recogniser is the stronger one), else an anaphor marker if either language has one.

    A pronoun ("he said") is sure evidence of an anaphor, while a guessed name or phrase
    may be an object or an adverbial (Arabic words after a verb are not always its subject),
    so against an anaphor only a recognised entity counts."""
    anaphor = any(g is not None and g.kind == "anaphor" for _lang, g in guesses)
    # Entities by rank; then links; then English, whose names and phrases the capitals and
    # word order make surer than Arabic's.
    explicit = [
        (g.rank if g.kind == "entity" else 0, g.is_link, lang == "en", g.rank, g)
        for lang, g in guesses
        if g and g.kind != "anaphor" and (g.kind == "entity" or not anaphor)
    ]
    if explicit:
        return max(explicit, key=lambda e: e[:4])[4]
    return ANAPHOR if anaphor else None


def _last_person(
    analysis: Analysis, index: _MentionIndex, bead: int, cue_starts: dict[Lang, int]
) -> _Speaker | None:
    """Who "he said" refers to: in the cue's own bead the first person named before the cue,
    its sentence's subject ("Kanye West was booed … praised Donald Trump and said he would
    run"), else the person last mentioned in the few beads before (English first); an
    organisation only where no person is."""
    found: dict[bool, _Speaker] = {}
    for bi in range(bead, max(-1, bead - 1 - _ANAPHOR_REACH), -1):
        for lang in _LANGS_EN_FIRST:
            ids = analysis.beads[bi].ids(lang)
            mentions = [m for sid in ids for m in index.within(analysis.sentence(sid))]
            if bi == bead:
                mentions = [m for m in mentions if m.start < cue_starts.get(lang, -1)]
            else:
                mentions.reverse()
            for m in mentions:
                person = m.label in PERSON_LABELS
                if person or m.label in ORG_LABELS:
                    value = m.link if m.link is not None else m.text
                    found.setdefault(person, _Speaker(value, m.link is not None, bi, "entity"))
        if True in found:
            return found[True]
    return found.get(False)


def _full_name(name: str, earlier: list[_Speaker]) -> str:
    """A surname alone ("Zelensky") takes the full name said before ("Volodymyr Zelensky")."""
    words = name.split()
    for sp in reversed(earlier):
        if sp.is_link or sp.kind != "name":
            continue
        theirs = sp.value.split()
        if len(theirs) > len(words) and theirs[-len(words) :] == words:
            return sp.value
    return name


def add_claim_suggestions(doc: BilingualDocument, analysis: Analysis) -> Analysis:
    """Fill ``analysis.claims``; ids are "s1", "s2" ... in bead order."""
    claims: list[ClaimSuggestion] = []
    speakers: list[_Speaker] = []
    index = _MentionIndex(analysis.entities)
    for bi, bead in enumerate(analysis.beads):
        cues: list[Span] = []
        guesses: list[tuple[Lang, Claimant | None]] = []
        for lang in LANGS:
            found = _bead_cue(doc, analysis, index, bead.ids(lang), lang)
            if found is not None:
                cues.append(found[0])
                guesses.append((lang, found[1]))
        if not cues:
            continue
        hedges: list[Span] = []
        for lang in LANGS:
            text = doc.texts.get(lang, "")
            for sid in bead.ids(lang):
                s = analysis.sentence(sid)
                hedges.extend(find_hedges(text, lang, s.start, s.end))
        cue_starts = {span.lang: span.start for span in cues}
        speaker = _resolve(_choose(guesses), speakers, analysis, index, bi, cue_starts)
        if speaker is not None:
            speakers.append(speaker)
        claims.append(
            ClaimSuggestion(
                id=f"s{len(claims) + 1}",
                sentences=(*bead.ar, *bead.en),
                claimant=speaker.value if speaker else None,
                claimant_is_link=speaker.is_link if speaker else False,
                cue=tuple(cues),
                hedges=tuple(hedges),
            )
        )
    return replace(analysis, claims=tuple(claims))


def _resolve(
    guess: Claimant | None,
    speakers: list[_Speaker],
    analysis: Analysis,
    index: _MentionIndex,
    bead: int,
    cue_starts: dict[Lang, int],
) -> _Speaker | None:
    """The speaker of a claim: its own claimant, or for an anaphor the previous claim's
    speaker if near, else the person last mentioned, else the previous speaker anyway."""
    if guess is None:
        return None
    if guess.kind != "anaphor":
        if guess.value is None:
            return None
        value = guess.value
        if guess.kind == "name" and not guess.is_link:
            value = _full_name(value, speakers)
        return _Speaker(value, guess.is_link, bead, guess.kind)
    previous = speakers[-1] if speakers else None
    if previous is not None and bead - previous.bead <= _ANAPHOR_REACH:
        return replace(previous, bead=bead)
    mentioned = _last_person(analysis, index, bead, cue_starts)
    if mentioned is not None and (previous is None or mentioned.bead > previous.bead):
        return replace(mentioned, bead=bead)
    return replace(previous, bead=bead) if previous is not None else None
