"""The reader window: panes, sentence and partner highlights, scroll sync, status bar."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QKeyEvent, QTextCharFormat
from PySide6.QtWidgets import QApplication

from qarin.core.document import BilingualDocument, Span
from qarin.core.model import Analysis, Bead
from qarin.gui.fonts import load_fonts


def test_arabic_right_english_left(reader) -> None:  # type: ignore[no-untyped-def]
    ar, en = reader.panes["ar"], reader.panes["en"]
    assert ar.isVisible() and en.isVisible()
    assert ar.mapTo(reader, QPoint(0, 0)).x() > en.mapTo(reader, QPoint(0, 0)).x()
    option = ar.document().defaultTextOption()
    assert option.textDirection() == Qt.LayoutDirection.RightToLeft
    assert option.alignment() & Qt.AlignmentFlag.AlignRight
    assert ar.document().toPlainText() == reader.document.texts["ar"]
    assert en.document().toPlainText() == reader.document.texts["en"]


def test_panes_are_read_only_but_keyboard_selectable(reader) -> None:  # type: ignore[no-untyped-def]
    for pane in reader.panes.values():
        assert pane.isReadOnly()
        flags = pane.textInteractionFlags()
        assert flags & Qt.TextInteractionFlag.TextSelectableByKeyboard
        assert flags & Qt.TextInteractionFlag.TextSelectableByMouse


def test_bundled_fonts_and_arabic_is_larger(reader) -> None:  # type: ignore[no-untyped-def]
    fams = load_fonts()
    ar, en = reader.panes["ar"].font(), reader.panes["en"].font()
    assert ar.family() == fams.arabic and "Naskh" in fams.arabic
    assert en.family() == fams.latin
    assert 1.15 <= ar.pointSizeF() / en.pointSizeF() <= 1.2


def test_paragraph_breaks_are_blocks(reader) -> None:  # type: ignore[no-untyped-def]
    doc = reader.panes["en"].document()
    assert doc.blockCount() == 5
    assert doc.firstBlock().blockFormat().bottomMargin() > 0


def test_cursor_in_a_sentence_highlights_it_and_its_partner(reader) -> None:  # type: ignore[no-untyped-def]
    ar, en = reader.panes["ar"], reader.panes["en"]
    analysis = reader.analysis
    s = analysis.sentence("ar:2")
    seen: list[str] = []
    reader.sentence_activated.connect(seen.append)
    ar.set_cursor_cp(s.start + 10)
    assert seen == ["ar:2"]
    assert ar.layer_spans("sentence") == [Span("ar", s.start, s.end)]
    partner = analysis.sentence("en:2")
    assert en.layer_spans("partner") == [Span("en", partner.start, partner.end)]
    assert ar.current_sentence_id() == "ar:2"
    assert "confidence" in reader.pair_label.text()
    # The text itself never changes.
    assert ar.document().toPlainText() == reader.document.texts["ar"]


def test_keyboard_moves_to_the_next_sentence(reader, qtbot) -> None:  # type: ignore[no-untyped-def]
    en = reader.panes["en"]
    en.setFocus()
    s0 = reader.analysis.sentence("en:0")
    en.set_cursor_cp(s0.end - 1)
    for _ in range(3):
        QApplication.sendEvent(en, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Right,
                                             Qt.KeyboardModifier.NoModifier))
    assert en.current_sentence_id() == "en:1"
    assert reader.panes["ar"].layer_spans("partner")[0].start == reader.analysis.sentence("ar:1").start


def test_arabic_typed_text_does_not_change_read_only_pane(reader) -> None:  # type: ignore[no-untyped-def]
    ar = reader.panes["ar"]
    ar.setFocus()
    before = ar.toPlainText()
    QApplication.sendEvent(ar, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown,
                                         Qt.KeyboardModifier.NoModifier, "ق"))
    assert ar.toPlainText() == before


def test_partner_scrolled_into_view(reader, qtbot) -> None:  # type: ignore[no-untyped-def]
    reader.resize(900, 300)
    qtbot.wait(20)
    reader.activate_sentence("ar:4")
    en = reader.panes["en"]
    top, _bottom = en.y_range(reader.analysis.sentence("en:4").span)
    view = en.verticalScrollBar().value()
    assert view <= top <= view + en.viewport().height()


def test_scroll_sync_keeps_aligned_sentence_at_the_top(reader, qtbot) -> None:  # type: ignore[no-untyped-def]
    reader.resize(900, 300)
    qtbot.wait(20)
    ar, en = reader.panes["ar"], reader.panes["en"]
    s3 = reader.analysis.sentence("ar:3")
    top, _ = ar.y_range(s3.span)
    ar.verticalScrollBar().setValue(round(top))
    en_top = en.verticalScrollBar().value()
    assert en_top > 0
    p_top, _ = en.y_range(reader.analysis.sentence("en:3").span)
    assert abs(en_top - p_top) <= 2 or en_top == en.verticalScrollBar().maximum()
    # no feedback loop: the Arabic pane stayed where it was put
    assert ar.verticalScrollBar().value() == round(top)
    reader.toggle_scroll_sync(False)
    ar.verticalScrollBar().setValue(0)
    assert en.verticalScrollBar().value() == en_top


def test_low_confidence_pair_is_marked(window, sample) -> None:  # type: ignore[no-untyped-def]
    doc, analysis = sample
    beads = tuple(Bead(b.ar, b.en, 0.2 if i == 1 else b.confidence)
                  for i, b in enumerate(analysis.beads))
    window.show_document(doc, Analysis(analysis.sentences, beads))
    window.activate_sentence("en:1")
    assert "low" in window.pair_label.text()
    fmt = window.panes["ar"].layer("partner")[0].format
    assert fmt.background().color().name() == "#fbe7c8"
    # A margin mark beside both sentences of the low-confidence pair, and nowhere else.
    assert window.panes["ar"].margin_marks == [analysis.sentence("ar:1").span]
    assert window.panes["en"].margin_marks == [analysis.sentence("en:1").span]
    image = window.panes["en"].viewport().grab().toImage()
    amber = QColor("#e0a040").rgb()
    assert sum(image.pixel(x, y) == amber for x in range(2, 5) for y in range(image.height())) > 20


def test_one_language_document_shows_one_pane(window) -> None:  # type: ignore[no-untyped-def]
    from qarin.core.analysis import analyse

    doc = BilingualDocument.from_paragraphs([], ["Only English here. Two sentences."])
    window.show_document(doc, analyse(doc, entities=False))
    assert window.panes["en"].isVisible()
    assert not window.panes["ar"].isVisible()
    assert "2 EN" in window.counts_label.text() and "AR" not in window.counts_label.text()


def test_status_bar_names_document_and_encoding(reader) -> None:  # type: ignore[no-untyped-def]
    assert "security-guarantees.txt" in reader.name_label.text()
    assert "UTF-8" in reader.name_label.text().upper()
    assert "5 AR" in reader.counts_label.text() and "5 EN" in reader.counts_label.text()


def test_overlays_are_named_layers(reader) -> None:  # type: ignore[no-untyped-def]
    fmt = QTextCharFormat()
    reader.activate_sentence("ar:0")
    reader.set_overlay("claims", [(Span("ar", 0, 4), fmt), (Span("en", 1, 9), fmt)])
    assert reader.panes["ar"].layer_spans("claims") == [Span("ar", 0, 4)]
    assert reader.panes["en"].layer_spans("claims") == [Span("en", 1, 9)]
    assert reader.panes["ar"].layer_spans("sentence")  # untouched
    n = len(reader.panes["ar"].extraSelections())
    reader.set_overlay("claims", [])
    assert len(reader.panes["ar"].extraSelections()) == n - 1


def test_selected_span_is_in_code_points(window) -> None:  # type: ignore[no-untyped-def]
    from qarin.core.analysis import analyse

    doc = BilingualDocument.from_paragraphs(["قال 😀 زيلينسكي إن كييف تعرضت للقصف."], ["He said 😀 Kyiv was hit."])
    window.show_document(doc, analyse(doc, entities=False))
    ar = window.panes["ar"]
    start = doc.texts["ar"].index("زيلينسكي")
    ar.set_cursor_cp(start + 8, anchor=start)
    span = ar.selected_span()
    assert span == Span("ar", start, start + 8)
    assert span.text_in(doc) == "زيلينسكي"
    assert ar.textCursor().selectedText() == "زيلينسكي"


def test_show_span_flashes(reader, qtbot) -> None:  # type: ignore[no-untyped-def]
    reader.show_span(Span("en", 10, 20))
    assert reader.panes["en"].layer_spans("flash") == [Span("en", 10, 20)]
    qtbot.waitUntil(lambda: not reader.panes["en"].layer_spans("flash"), timeout=3000)


def test_next_pair_action(reader) -> None:  # type: ignore[no-untyped-def]
    reader.activate_sentence("ar:0")
    reader.panes["ar"].setFocus()
    reader.current_lang = "ar"
    reader.next_pair()
    assert reader.panes["ar"].current_sentence_id() == "ar:1"
    reader.previous_pair()
    assert reader.panes["ar"].current_sentence_id() == "ar:0"


def test_mouse_click_on_an_arabic_sentence_highlights_its_partner(reader, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QTextCursor

    ar = reader.panes["ar"]
    target = reader.document.texts["ar"].index("نيكولاييف")  # in ar:3
    ar.ensure_span_visible(Span("ar", target, target + 1))
    cursor = QTextCursor(ar.document())
    cursor.setPosition(ar.offsets.to_qt(target + 3))
    point = ar.cursorRect(cursor).center()
    qtbot.mouseClick(ar.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert ar.current_sentence_id() == "ar:3"
    en3 = reader.analysis.sentence("en:3")
    assert reader.panes["en"].layer_spans("partner") == [Span("en", en3.start, en3.end)]


def test_scrolling_english_moves_arabic(reader, qtbot) -> None:  # type: ignore[no-untyped-def]
    reader.resize(900, 300)
    qtbot.wait(20)
    ar, en = reader.panes["ar"], reader.panes["en"]
    top, _ = en.y_range(reader.analysis.sentence("en:2").span)
    en.verticalScrollBar().setValue(round(top))
    a_top, _ = ar.y_range(reader.analysis.sentence("ar:2").span)
    assert abs(ar.verticalScrollBar().value() - a_top) <= 2
    assert en.verticalScrollBar().value() == round(top)
