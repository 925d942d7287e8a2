"""Combining one language's mentions from several sources (network, lists, rules).

A mention is (start, end, label) in code points.  The network's mentions come first; what a
list or a rule adds must not cross them.
"""

from __future__ import annotations

Mention = tuple[int, int, str]

# Labels of the curated list (resources/gazetteers/equivalents.tsv): its names were chosen to be
# unambiguous, so where a model found exactly such a name, the list's label wins.
CURATED_LABELS = frozenset({"ORG", "PERSON"})


def add_if_free(found: list[Mention], start: int, end: int, label: str) -> None:
    """Add the mention where nothing found so far overlaps it."""
    if all(end <= s or start >= e for s, e, _ in found):
        found.append((start, end, label))


def add_or_widen(found: list[Mention], start: int, end: int, label: str) -> None:
    """Add a listed name, replacing the mentions it strictly contains: a model often stops
    inside a long name it never saw whole (منظمة أطباء | بلا حدود, Real | Madrid).  A curated
    organisation or person also replaces a mention of exactly its span (الوداد البيضاوي read as
    a person).  A name that crosses a mention's edge is left out: the model saw the context, the
    list did not."""
    inside = [m for m in found if start < m[1] and m[0] < end]
    longest = end - start if label in CURATED_LABELS else end - start - 1
    if inside and not all(start <= s and e <= end and e - s <= longest for s, e, _ in inside):
        return
    for m in inside:
        found.remove(m)
    found.append((start, end, label))
