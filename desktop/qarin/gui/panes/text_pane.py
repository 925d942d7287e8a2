"""One language's text in one read-only, keyboard-selectable QTextEdit.

The text goes in exactly as the core holds it (``setPlainText``): Qt shapes Arabic and runs the
bidi algorithm itself. Sentences are ranges of that one document, never separate widgets.
Highlights are formatting only:

* entity colours are character formats on the document (background only: no font change, so an
  entity that starts inside an Arabic word keeps its letters joined);
* everything transient (current sentence, aligned partner, chosen entity, flashes, other
  people's overlays) is a named layer of ExtraSelections, combined in a fixed order.

All offsets in and out are code points (core spans); ``OffsetMap`` does the UTF-16 conversion.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence

import shiboken6
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QPaintEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QFrame, QTextEdit, QWidget

from qarin.core.document import Lang, Sentence, Span
from qarin.core.model import EntityMention
from qarin.gui.entities.palette import colour_for
from qarin.gui.offsets import OffsetMap

# Layers drawn first to last (later ones paint over earlier ones); unknown names (extensions'
# overlays) go between "sentence-entities" and "entity-focus".
LAYER_ORDER_FIRST = ("sentence", "partner", "sentence-entities")
LAYER_ORDER_LAST = ("entity-focus", "flash")
FLASH_MS = 900
PARAGRAPH_GAP_PX = 10.0


class TextPane(QTextEdit):
    """A language's text with sentence lookup, highlight layers and code-point offsets."""

    sentence_activated = Signal(str)
    selection_changed = Signal()

    def __init__(self, lang: Lang, font: QFont, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang: Lang = lang
        self.setObjectName(f"pane-{lang}")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setUndoRedoEnabled(False)
        self.setAcceptDrops(False)
        self.viewport().setAcceptDrops(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        if lang == "ar":
            self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.setFont(font)
        self._offsets = OffsetMap("")
        self._sentences: tuple[Sentence, ...] = ()
        self._starts: list[int] = []
        self._current: str | None = None
        self._layers: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self._marks: list[Span] = []
        self._mark_starts: list[int] = []
        self._mark_colour = QColor("#e0a040")
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(self._on_flash_timer_timeout)
        self.cursorPositionChanged.connect(self._on_self_cursor_position_changed)
        self.selectionChanged.connect(self.selection_changed)
        self._configure_document(self.document())

    # -- content ---------------------------------------------------------------------------

    def _configure_document(self, doc: QTextDocument) -> None:
        doc.setUndoRedoEnabled(False)
        option = doc.defaultTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        if self.lang == "ar":
            option.setTextDirection(Qt.LayoutDirection.RightToLeft)
            option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        else:
            option.setTextDirection(Qt.LayoutDirection.LeftToRight)
            option.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute)
        doc.setDefaultTextOption(option)
        doc.setDocumentMargin(12)

    def set_content(self, text: str, sentences: Sequence[Sentence],
                    mentions: Sequence[EntityMention] = (), labels: set[str] | None = None,
                    ) -> None:
        """Show ``text`` (one language's whole text) with ``sentences`` as ranges of it, and
        the ``mentions`` whose label is in ``labels`` coloured."""
        self._layers.clear()
        self.setExtraSelections([])
        self._marks, self._mark_starts = [], []
        self._current = None
        self._offsets = OffsetMap(text)
        self._sentences = tuple(sorted(sentences, key=lambda s: s.start))
        self._starts = [s.start for s in self._sentences]
        # Build the document detached from the widget (no incremental relayout while it
        # fills), then swap it in.
        doc = QTextDocument(self)
        doc.setDefaultFont(self.font())
        self._configure_document(doc)
        # Paragraph breaks: every block (one per newline) gets a gap after it. Inserting with
        # the block format set is ~15x faster than merging it afterwards.
        cursor = QTextCursor(doc)
        cursor.setBlockFormat(self._block_format())
        cursor.insertText(text)
        if mentions:
            self._colour_entities(doc, mentions, labels or set())
        old = self.document()
        self.blockSignals(True)  # no sentence_activated for the cursor reset
        try:
            self.setDocument(doc)
            self.setTextCursor(QTextCursor(doc))
        finally:
            self.blockSignals(False)
        # Qt deletes its own initial document; the ones made here are parented to the pane.
        if shiboken6.isValid(old) and old.parent() is self:
            old.deleteLater()

    def _block_format(self) -> QTextBlockFormat:
        block = QTextBlockFormat()
        block.setBottomMargin(PARAGRAPH_GAP_PX)
        block.setLineHeight(115.0, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        if self.lang == "ar":
            block.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
            block.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        return block

    def clear_content(self) -> None:
        self.set_content("", ())

    @property
    def offsets(self) -> OffsetMap:
        return self._offsets

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return self._sentences

    # -- sentences and selection (code points) ---------------------------------------------

    def sentence_at(self, cp: int) -> Sentence | None:
        """The sentence holding code point ``cp`` (a position between two sentences belongs
        to the one before it)."""
        i = bisect_right(self._starts, cp) - 1
        if i < 0:
            return self._sentences[0] if self._sentences else None
        return self._sentences[i]

    def cursor_cp(self) -> int:
        return self._offsets.to_cp(self.textCursor().position())

    def current_sentence_id(self) -> str | None:
        return self._current

    def selected_span(self) -> Span | None:
        """The selection in code points, or None when nothing is selected."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start, end = self._offsets.range_to_cp(cursor.selectionStart(), cursor.selectionEnd())
        return Span(self.lang, start, end)

    def set_cursor_cp(self, cp: int, anchor: int | None = None) -> None:
        """Move the keyboard cursor to code point ``cp`` (selecting from ``anchor``)."""
        cursor = self.textCursor()
        if anchor is not None:
            cursor.setPosition(self._offsets.to_qt(anchor))
            cursor.setPosition(self._offsets.to_qt(cp), QTextCursor.MoveMode.KeepAnchor)
        else:
            cursor.setPosition(self._offsets.to_qt(cp))
        self.setTextCursor(cursor)
        self._on_self_cursor_position_changed()  # the cursor may not have moved

    def _on_self_cursor_position_changed(self) -> None:
        sentence = self.sentence_at(self.cursor_cp())
        sid = sentence.id if sentence else None
        if sid != self._current:
            self._current = sid
            if sid is not None:
                self.sentence_activated.emit(sid)

    # -- geometry (content y coordinates, as the vertical scroll bar counts them) ----------

    def y_range(self, span: Span) -> tuple[float, float]:
        """Top of the line holding ``span.start`` and bottom of the line holding its end."""
        return self._line_top(span.start), self._line_bottom(max(span.start, span.end - 1))

    def _line(self, cp: int) -> tuple[float, float]:
        doc = self.document()
        qt = self._offsets.to_qt(cp)
        block = doc.findBlock(qt)
        if not block.isValid():
            block = doc.lastBlock()
        rect = doc.documentLayout().blockBoundingRect(block)
        layout = block.layout()
        line = layout.lineForTextPosition(max(0, qt - block.position()))
        if not line.isValid():
            return rect.top(), rect.bottom()
        top = layout.position().y() + line.y()
        return top, top + line.height()

    def _line_top(self, cp: int) -> float:
        return self._line(cp)[0]

    def _line_bottom(self, cp: int) -> float:
        return self._line(cp)[1]

    def cp_at_y(self, y: float) -> int:
        """The code point at content height ``y`` (the viewport's top is the scroll value)."""
        x = self.viewport().width() - 20 if self.lang == "ar" else 20
        qt = self.document().documentLayout().hitTest(
            QPointF(x, y), Qt.HitTestAccuracy.FuzzyHit
        )
        return self._offsets.to_cp(max(qt, 0))

    def top_y(self) -> int:
        return self.verticalScrollBar().value()

    def scroll_to_y(self, y: float) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(max(bar.minimum(), min(bar.maximum(), round(y))))

    def ensure_span_visible(self, span: Span) -> None:
        """Scroll so ``span`` is in view, with its top near the top when it was not."""
        top, bottom = self.y_range(span)
        view_top = self.top_y()
        height = self.viewport().height()
        if top >= view_top and bottom <= view_top + height:
            return
        self.scroll_to_y(top - min(40.0, height / 6))

    # -- highlight layers -------------------------------------------------------------------

    def selection_for(self, span: Span, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        start, end = self._offsets.range_to_qt(span.start, span.end)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        sel.format = fmt
        return sel

    def set_layer(self, name: str, spans: Iterable[tuple[Span, QTextCharFormat]]) -> None:
        """Replace the highlight layer ``name`` (an empty list removes it)."""
        items = [self.selection_for(span, fmt) for span, fmt in spans if span.lang == self.lang]
        if items:
            self._layers[name] = items
        else:
            self._layers.pop(name, None)
        self._apply_layers()

    def layer(self, name: str) -> list[QTextEdit.ExtraSelection]:
        return list(self._layers.get(name, ()))

    def layer_spans(self, name: str) -> list[Span]:
        """The code-point spans of a layer (for tests and for helpers)."""
        out = []
        for sel in self._layers.get(name, ()):
            start, end = self._offsets.range_to_cp(
                sel.cursor.selectionStart(), sel.cursor.selectionEnd()
            )
            out.append(Span(self.lang, start, end))
        return out

    def _apply_layers(self) -> None:
        middle = [n for n in self._layers if n not in LAYER_ORDER_FIRST + LAYER_ORDER_LAST]
        names = [*LAYER_ORDER_FIRST, *middle, *LAYER_ORDER_LAST]
        selections: list[QTextEdit.ExtraSelection] = []
        for name in names:
            selections.extend(self._layers.get(name, ()))
        self.setExtraSelections(selections)

    def flash(self, span: Span) -> None:
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#ffe36e"))
        self.set_layer("flash", [(span, fmt)])
        self._flash_timer.start(FLASH_MS)

    def _on_flash_timer_timeout(self) -> None:
        self.set_layer("flash", [])

    # -- margin marks (low-confidence alignment) ---------------------------------------------

    def set_margin_marks(self, spans: Sequence[Span], colour: QColor | str = "#e0a040") -> None:
        """Thin bars in the outer margin beside ``spans`` (sorted by start), e.g. the sentences
        of low-confidence beads. Painted, never part of the text."""
        self._marks = sorted((s for s in spans if s.lang == self.lang), key=lambda s: s.start)
        self._mark_starts = [s.start for s in self._marks]
        self._mark_colour = QColor(colour)
        self.viewport().update()

    @property
    def margin_marks(self) -> list[Span]:
        return list(self._marks)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._marks:
            return
        top = self.top_y()
        height = self.viewport().height()
        first_cp, last_cp = self.cp_at_y(top), self.cp_at_y(top + height)
        i = max(0, bisect_right(self._mark_starts, first_cp) - 1)
        painter = QPainter(self.viewport())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._mark_colour)
        x = self.viewport().width() - 5 if self.lang == "ar" else 2
        while i < len(self._marks) and self._marks[i].start <= last_cp:
            y0, y1 = self.y_range(self._marks[i])
            painter.drawRect(QRectF(x, y0 - top, 3, y1 - y0))
            i += 1
        painter.end()

    # -- entity colours (document formats) --------------------------------------------------

    def set_entity_colours(self, mentions: Iterable[EntityMention], labels: set[str]) -> None:
        """Colour the mentions whose label is in ``labels``; clear every other colour.

        Background only: a format that changed the font inside a word would break Arabic
        joining at the boundary.
        """
        self._colour_entities(self.document(), mentions, labels)

    def _colour_entities(self, doc: QTextDocument, mentions: Iterable[EntityMention],
                         labels: set[str]) -> None:
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.setCharFormat(QTextCharFormat())
        for m in mentions:
            if m.lang != self.lang or m.label not in labels:
                continue
            fmt = QTextCharFormat()
            fmt.setBackground(colour_for(m.label))
            start, end = self._offsets.range_to_qt(m.start, m.end)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)
        cursor.endEditBlock()

    def background_at(self, cp: int) -> QColor | None:
        """The entity colour on the character at code point ``cp`` (None if uncoloured)."""
        qt = self._offsets.to_qt(cp)
        block = self.document().findBlock(qt)
        for rng in block.textFormats():
            begin = block.position() + rng.start
            if begin <= qt < begin + rng.length and rng.format.hasProperty(
                QTextCharFormat.Property.BackgroundBrush
            ):
                return rng.format.background().color()
        return None

    # -- the names the extension contract uses ----------------------------------------------

    def show_span(self, span: Span) -> None:
        """Scroll ``span`` into view and flash it."""
        self.ensure_span_visible(span)
        self.flash(span)

    def set_overlay(self, name: str, spans: list[tuple[Span, QTextCharFormat]]) -> None:
        """A named highlight layer in this pane (``[]`` removes it)."""
        self.set_layer(name, spans)
