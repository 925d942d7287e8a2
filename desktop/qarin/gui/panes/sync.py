"""Scroll the two panes together by alignment, not by percentage.

When one pane scrolls, the sentence at the top of its viewport (and how far into it the top
is) is found; the other pane scrolls so that the aligned sentence sits at the top, the same
fraction in. A re-entrancy guard stops the second pane's scroll from echoing back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject

from qarin.core.document import Lang, Span
from qarin.gui.panes.text_pane import TextPane

PartnerSpan = Callable[[str], Span | None]


class ScrollSync(QObject):
    def __init__(self, ar: TextPane, en: TextPane, partner_span: PartnerSpan,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._panes: dict[Lang, TextPane] = {"ar": ar, "en": en}
        self._partner_span = partner_span
        self._busy = False
        self.enabled = True
        ar.verticalScrollBar().valueChanged.connect(lambda _v: self._on_pane_scrolled("ar"))
        en.verticalScrollBar().valueChanged.connect(lambda _v: self._on_pane_scrolled("en"))

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Scroll a pane programmatically without dragging the other one along."""
        was, self._busy = self._busy, True
        try:
            yield
        finally:
            self._busy = was

    def target_y(self, source_lang: Lang) -> float | None:
        """Where the other pane's top should be for the source pane's current top."""
        source = self._panes[source_lang]
        target = self._panes["en" if source_lang == "ar" else "ar"]
        if not source.sentences or not target.sentences:
            return None
        top = source.top_y()
        if top <= 0:
            return 0.0
        sentence = source.sentence_at(source.cp_at_y(top + 1))
        if sentence is None:
            return None
        partner = self._partner_span(sentence.id)
        if partner is None:
            return None
        s0, s1 = source.y_range(sentence.span)
        fraction = 0.0 if s1 <= s0 else min(1.0, max(0.0, (top - s0) / (s1 - s0)))
        t0, t1 = target.y_range(partner)
        return t0 + fraction * (t1 - t0)

    def _on_pane_scrolled(self, lang: Lang) -> None:
        if self._busy or not self.enabled:
            return
        other = self._panes["en" if lang == "ar" else "ar"]
        if not other.isVisible():
            return
        y = self.target_y(lang)
        if y is None:
            return
        with self.paused():
            other.scroll_to_y(y)
