"""Entity mentions grouped by their cross-language link (Qt-free data for the views)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from qarin.core.model import Analysis, EntityMention
from qarin.gui.entities.palette import DEFAULT_COLOUR, LABEL_COLOURS


@dataclass(frozen=True)
class EntityGroup:
    """One entity: a link with its mentions, or a lone mention group without a link."""

    key: str
    label: str
    names: dict[str, str | None]
    mentions: tuple[EntityMention, ...]

    @cached_property
    def _counts(self) -> Counter[str]:
        return Counter(m.lang for m in self.mentions)

    def count(self, lang: str) -> int:
        return self._counts[lang]

    @property
    def display_name(self) -> str:
        en, ar = self.names.get("en"), self.names.get("ar")
        if en and ar:
            return f"{en} · {ar}"
        return en or ar or (self.mentions[0].text if self.mentions else self.key)

    @property
    def colour(self) -> str:
        return LABEL_COLOURS.get(self.label.upper(), DEFAULT_COLOUR)


def group_entities(analysis: Analysis) -> list[EntityGroup]:
    """Linked entities first (in link order), then unlinked mentions grouped by text."""
    by_id = {m.id: m for m in analysis.entities}
    groups: list[EntityGroup] = []
    linked: set[str] = set()
    for link in analysis.links:
        mentions = tuple(
            sorted((by_id[i] for i in link.mentions if i in by_id),
                   key=lambda m: (m.lang != "ar", m.start))
        )
        linked.update(m.id for m in mentions)
        groups.append(EntityGroup(link.id, link.label, dict(link.names), mentions))
    loose: dict[tuple[str, str, str], list[EntityMention]] = {}
    for m in analysis.entities:
        if m.id not in linked:
            loose.setdefault((m.lang, m.label, m.text), []).append(m)
    for (lang, label, text), ms in loose.items():
        groups.append(EntityGroup(f"mention:{ms[0].id}", label, {lang: text}, tuple(ms)))
    return groups
