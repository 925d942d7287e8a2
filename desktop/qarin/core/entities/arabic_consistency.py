"""One name, one reading throughout a document.

The network decides each sentence on its own, so a name it recognised in one sentence can be
missed in the next (وقال شيراك … after جاك شيراك).  Readers expect every mention of a name
to be lit, so after the network has seen the whole document its confident names are looked up
again in the sentences where it found nothing:

- every name the network tagged, as its sequence of proclitic-free stems (والعراق and العراق
  are one key), with the label it got most often;
- a person's last name on its own (شيراك from جاك شيراك), as PERSON;

and a key is added wherever it occurs on tokens no mention covers.  A one-word mention that is
the last name of a PERSON in the same document becomes a PERSON too (ترمب tagged ORG after
دونالد ترمب).  A single word is only
propagated when the network tagged a fair share of its occurrences in the document: one wrong
tag must not turn every later "الله" or "الشرق" into an entity.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from qarin.core.entities.arabic_gazetteer import Gazetteer
from qarin.core.entities.arabic_text import is_function_word, normalise

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

TokenSpan = tuple[int, int, str]  # token start, token end, label

PROPAGATED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC"})
# A single-word key must be at least this long, and tagged in at least this share of its
# occurrences in the document (a surname counts as tagged where its full name was).
MIN_WORD_LENGTH = 3
MIN_TAGGED_SHARE = 1 / 3


def propagate(
    docs: Sequence[Doc],
    spans: Sequence[list[TokenSpan]],
) -> list[list[TokenSpan]]:
    """`spans` per doc (the network's, sorted) plus the document's names where they were missed."""
    memory, surnames = _names(docs, spans)
    if not memory:
        return [list(s) for s in spans]
    # The gazetteer's phrase matcher over stems, with this document's names as its phrases.
    names = Gazetteer({" ".join(key): label for key, label in memory.items()})
    out: list[list[TokenSpan]] = []
    for doc, network in zip(docs, spans, strict=True):
        found = [
            (start, end, "PERSON" if end - start == 1 and doc[start].norm_ in surnames else label)
            if label in PROPAGATED_LABELS
            else (start, end, label)
            for start, end, label in network
        ]
        taken = [False] * len(doc)
        for start, end, _ in found:
            for i in range(start, end):
                taken[i] = True
        # على is علي once normalised: a particle is never the name it spells like.
        added = [
            (start, end, label)
            for start, end, label in names.match([t.norm_ for t in doc])
            if not any(taken[start:end])
            and not (end - start == 1 and is_function_word(doc[start].text))
        ]
        out.append(sorted([*found, *added]))
    return out


def _names(
    docs: Sequence[Doc], spans: Sequence[list[TokenSpan]]
) -> tuple[dict[tuple[str, ...], str], set[str]]:
    """The names worth looking for again, with their labels, and the PERSON last names."""
    surnames: set[str] = set()
    votes: defaultdict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    tagged: Counter[str] = Counter()  # one-word names and surnames: how often tagged
    for doc, found in zip(docs, spans, strict=True):
        for start, end, label in found:
            if label not in PROPAGATED_LABELS:
                continue
            key = tuple(doc[i].norm_ for i in range(start, end))
            votes[key][label] += 1
            if len(key) == 1:
                tagged[key[0]] += 1
            elif label == "PERSON" and _surname_like(doc[end - 1]):
                votes[key[-1:]]["PERSON"] += 1
                tagged[key[-1]] += 1
                surnames.add(key[-1])
    seen = Counter(t.norm_ for doc in docs for t in doc)
    memory = {
        key: "PERSON" if len(key) == 1 and key[0] in surnames else count.most_common(1)[0][0]
        for key, count in votes.items()
        if len(key) > 1 or _distinctive(key[0], tagged[key[0]], seen[key[0]])
    }
    return memory, surnames


# Last words of a name that are not a surname (إليزابيث الثانية, لويس الرابع عشر).
_ORDINALS = frozenset(
    normalise(w)
    for w in (
        "الأول", "الأولى", "الثاني", "الثانية", "الثالث", "الثالثة", "الرابع", "الرابعة",
        "الخامس", "الخامسة", "السادس", "السادسة", "السابع", "السابعة", "الثامن", "الثامنة",
        "التاسع", "التاسعة", "العاشر", "العاشرة", "عشر", "عشرة", "الابن", "الأب",
    )
)  # fmt: skip


def _surname_like(token: Token) -> bool:
    """Whether a person's last word can stand for him alone: not an ordinal (إليزابيث
    الثانية) nor a nationality the network read into the name (آدم هول النيوزيلندي)."""
    return token.norm_ not in _ORDINALS and not token.lemma_.endswith("-NORP")


def _distinctive(word: str, tagged: int, seen: int) -> bool:
    return len(word) >= MIN_WORD_LENGTH and word.isalpha() and tagged >= MIN_TAGGED_SHARE * seen
