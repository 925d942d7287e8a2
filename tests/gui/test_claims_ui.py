"""Claims, suggestions, notes, undo and the second window, driven through the GUI."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QInputMethodEvent, QKeySequence, QTextCharFormat
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QMainWindow

from qarin.core.document import BilingualDocument, Span
from qarin.core.errors import NotebookBusy
from qarin.core.io.loader import load_document
from qarin.core.model import Analysis
from qarin.core.notes.model import Notebook
from qarin.core.notes.session import NotebookSession
from qarin.core.notes.store import NotebookStore
from qarin.gui.claims import building
from qarin.gui.claims.claims_model import ClaimsFilterProxy, ClaimsTableModel
from qarin.gui.claims.controller import ClaimsController
from qarin.gui.claims.extension import ClaimsExtension
from tests.conftest import SAMPLE


@cache
def suggested_sample() -> tuple[BilingualDocument, Analysis]:
    """The sample with sentences, alignment and claim suggestions, built stage by stage:
    without the entity models (claimants come out as free text), and without filling
    ``analyse``'s cache, which other tests expect to find cold."""
    from qarin.core.align.aligner import align
    from qarin.core.claims.stage import add_claim_suggestions
    from qarin.core.text.segment import segment

    doc = load_document(SAMPLE)
    sentences = segment(doc)
    analysis = Analysis(sentences=sentences, beads=align(doc, sentences))
    return doc, add_claim_suggestions(doc, analysis)


@pytest.fixture
def store_path(tmp_path, monkeypatch):
    """A fresh notebook database per test (the store honours QARIN_DATA_DIR)."""
    monkeypatch.setenv("QARIN_DATA_DIR", str(tmp_path))
    return tmp_path / "notebooks.sqlite3"


def _controller(qtbot, store_path) -> ClaimsController:
    c = ClaimsController(poll_ms=60_000)
    doc, analysis = suggested_sample()
    c.open(doc, analysis)
    assert c.store.path == store_path
    return c


def claims_extension(window) -> ClaimsExtension:
    found = [e for e in window.extensions if isinstance(e, ClaimsExtension)]
    if not found:
        window.load_default_extensions()
        found = [e for e in window.extensions if isinstance(e, ClaimsExtension)]
    assert len(found) == 1
    return found[0]


@pytest.fixture
def reader(qtbot, store_path):
    """The reader window on the sample with the claims extension installed."""
    from qarin.gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    ext = claims_extension(window)
    doc, analysis = suggested_sample()
    window.show_document(doc, analysis)
    window.show()
    qtbot.waitExposed(window)
    yield window, ext
    window.close()


def _press(qtbot, widget, shortcut: str) -> None:
    seq = QKeySequence(shortcut)[0]
    qtbot.keyClick(widget, seq.key(), seq.keyboardModifiers())


def _stored(store_path) -> NotebookSession:
    doc, _ = suggested_sample()
    return NotebookSession(NotebookStore(store_path), doc.content_hash)


# -- building claims (no widgets) -----------------------------------------------------------------


def test_aligned_span_covers_the_partner_sentence():
    doc, analysis = suggested_sample()
    nb = Notebook(doc.content_hash)
    en1 = analysis.sentence("en:1")
    # A few words inside the English sentence 2 map to the whole Arabic sentence 2.
    partner = building.aligned_span(analysis, nb, Span("en", en1.start + 10, en1.start + 30))
    assert partner == analysis.sentence("ar:1").span


def test_accepting_a_hedged_suggestion_says_so():
    doc, analysis = suggested_sample()
    hedged = next(s for s in analysis.claims if s.hedges)
    claim = building.claim_from_suggestion(doc, analysis, hedged)
    assert claim.status == "unverified"
    assert claim.origin == hedged.id
    assert building.HEDGED_TAG in claim.tags
    assert "Hedged" in claim.notes


# -- the model ------------------------------------------------------------------------------------


def test_claims_model_passes_the_model_tester(qtbot, store_path):
    c = _controller(qtbot, store_path)
    model = ClaimsTableModel()
    proxy = ClaimsFilterProxy()
    proxy.setSourceModel(model)
    testers = [QAbstractItemModelTester(m, QAbstractItemModelTester.FailureReportingMode.Fatal)
               for m in (model, proxy)]
    model.set_rows(c.rows())
    c.tag_pair("en:0")
    model.set_rows(c.rows())
    c.cycle_status()
    model.set_rows(c.rows())  # same ids: dataChanged only
    proxy.set_filter(status="confirmed")
    proxy.sort(1, Qt.SortOrder.DescendingOrder)
    proxy.set_filter(status=None, lang="ar", claimant="zel")
    model.set_rows([])
    assert testers and model.rowCount(QModelIndex()) == 0
    c.close()


def test_filter_by_status_tag_claimant_and_language(qtbot, store_path):
    c = _controller(qtbot, store_path)
    model, proxy = ClaimsTableModel(), ClaimsFilterProxy()
    proxy.setSourceModel(model)
    claim = c.tag_pair("en:0")
    c.cycle_status()  # unverified -> confirmed
    c.update_claim(claim.id, tags=("military",))
    model.set_rows(c.rows())
    total = len(suggested_sample()[1].claims)  # one claim, suggestions minus none accepted
    assert proxy.rowCount() == 1 + total

    proxy.set_filter(status="confirmed")
    assert [proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1).id
            for r in range(proxy.rowCount())] == [claim.id]
    proxy.set_filter(status="suggestion")
    assert proxy.rowCount() == total
    proxy.set_filter(status=None, tag="military")
    assert proxy.rowCount() == 1
    proxy.set_filter(tag=None, claimant="lebedev")
    assert proxy.rowCount() == 2  # two suggestions name Sergey Lebedev
    proxy.set_filter(claimant="", show_suggestions=False, lang="en")
    assert proxy.rowCount() == 1
    c.close()


# -- undo, redo and the store ---------------------------------------------------------------------


def test_undo_redo_restore_and_every_step_is_stored(qtbot, store_path):
    c = _controller(qtbot, store_path)
    claim = c.tag_pair("ar:2")
    c.cycle_status()
    assert c.notebook.claims[claim.id].status == "confirmed"
    c.undo()
    assert c.notebook.claims[claim.id].status == "unverified"
    assert _stored(store_path).notebook.claims[claim.id].status == "unverified"
    c.undo()
    assert claim.id not in c.notebook.claims
    assert claim.id not in _stored(store_path).notebook.claims
    c.redo()
    c.redo()
    assert _stored(store_path).notebook.claims[claim.id].status == "confirmed"
    c.close()


def test_two_windows_see_each_others_changes_and_never_replay_stale_steps(qtbot, store_path):
    one, two = _controller(qtbot, store_path), _controller(qtbot, store_path)
    claim = one.tag_pair("en:3")
    assert two.poll()  # the timer's job, called directly
    assert claim.id in two.notebook.claims
    two.cycle_status(claim.id)
    assert one.poll()
    assert one.notebook.claims[claim.id].status == "confirmed"
    # one's own step ("Add claim") is no longer on top of the stored history: it was cleared
    # rather than undoing two's status change.
    assert not one.history.stack.canUndo()
    one.undo()
    assert one.notebook.claims[claim.id].status == "confirmed"
    # two can still undo its own step.
    two.undo()
    assert two.notebook.claims[claim.id].status == "unverified"
    one.close()
    two.close()


def test_suggestions_accept_and_dismiss_never_touch_the_readers_claims(qtbot, store_path):
    c = _controller(qtbot, store_path)
    mine = c.tag_pair("en:0")
    c.update_claim(mine.id, notes="my own words")
    first, second = suggested_sample()[1].claims[:2]
    accepted = c.accept(first.id)
    assert accepted.origin == first.id and accepted.status == "unverified"
    assert c.notebook.claims[mine.id].notes == "my own words"
    assert first.id not in [r.id for r in c.rows() if r.kind == "suggestion"]
    assert c.dismiss(second.id)
    assert second.id in c.notebook.dismissed
    assert second.id not in [r.id for r in c.rows()]
    c.undo()
    assert second.id in [r.id for r in c.rows()]
    c.close()


def test_notes_on_span_pair_and_document(qtbot, store_path):
    c = _controller(qtbot, store_path)
    _, analysis = suggested_sample()
    span = Span("ar", 0, 20)
    n1 = c.add_note(building.note_on_span(analysis, span, "on a span"))
    n2 = c.add_note(building.note_on_pair(analysis, c.notebook, "en:2", "on a pair"))
    n3 = c.add_note(building.note_on_document("on the document"))
    notes = _stored(store_path).notebook.notes
    assert [notes[n.id].target for n in (n1, n2, n3)] == ["span", "pair", "document"]
    assert notes[n2.id].sentences == ("ar:2", "en:2")
    c.update_note(n3.id, "changed")
    c.undo()
    assert c.notebook.notes[n3.id].text == "on the document"
    c.close()


def test_a_note_on_a_span_is_marked_in_its_pane_with_the_note_as_tooltip(reader):
    window, ext = reader
    pane = window.panes["ar"]
    start = window.analysis.sentence("ar:1").start
    span = Span("ar", start + 2, start + 9)
    c = ext.controller
    note = c.add_note(building.note_on_span(window.analysis, span, "check this name"))
    assert span in pane.layer_spans("claims")
    marks = [sel.format for sel in pane.layer("claims")
             if sel.format.toolTip() == "Note: check this name"]
    assert [f.underlineStyle() for f in marks] == [QTextCharFormat.UnderlineStyle.WaveUnderline]
    assert not window.panes["en"].layer_spans("claims")  # the other language has no note
    c.undo()
    assert note.id not in c.notebook.notes
    assert span not in pane.layer_spans("claims")


def test_store_error_is_shown_in_red(qtbot, store_path):
    bad = store_path
    bad.write_bytes(b"this is not a database" * 100)
    window = QMainWindow()
    qtbot.addWidget(window)
    ext = ClaimsExtension()
    ext.install(window)
    ext.document_opened(*suggested_sample())
    label = ext._status_label
    assert "Notes not available" in label.text()
    assert "b00020" in label.styleSheet()
    assert not ext.actions["claims.tag_pair"].isEnabled()


# -- the real window ------------------------------------------------------------------------------


def test_tag_pair_shortcut_cycle_status_and_undo_in_the_window(qtbot, reader, store_path):
    window, ext = reader
    pane = window.panes["en"]
    pane.setFocus()
    pane.set_cursor_cp(window.analysis.sentence("en:1").start + 5)
    _press(qtbot, pane, "Ctrl+Shift+C")
    claims = list(ext.controller.notebook.claims.values())
    assert len(claims) == 1 and claims[0].sentences == ("ar:1", "en:1")
    assert claims[0].id in [r.id for r in ext.panel.model.rows()]
    assert claims[0].id in _stored(store_path).notebook.claims
    assert ext._status_label.text().startswith("Saved ")
    assert pane.layer_spans("claims")  # marked in the text

    _press(qtbot, pane, "Ctrl+Shift+S")
    assert ext.controller.notebook.claims[claims[0].id].status == "confirmed"
    assert "Change status" in ext.actions["edit.undo"].text()
    _press(qtbot, pane, QKeySequence(QKeySequence.StandardKey.Undo).toString())
    assert ext.controller.notebook.claims[claims[0].id].status == "unverified"
    _press(qtbot, pane, QKeySequence(QKeySequence.StandardKey.Redo).toString())
    assert ext.controller.notebook.claims[claims[0].id].status == "confirmed"


def test_accept_and_dismiss_from_the_panel(qtbot, reader):
    window, ext = reader
    first, second = window.analysis.claims[:2]
    ext.controller.set_current(first.id)
    assert ext.panel.details.currentWidget() is ext.panel.suggestion
    qtbot.mouseClick(ext.panel.suggestion.accept, Qt.MouseButton.LeftButton)
    assert any(c.origin == first.id for c in ext.controller.notebook.claims.values())
    ext.controller.set_current(second.id)
    qtbot.mouseClick(ext.panel.suggestion.dismiss, Qt.MouseButton.LeftButton)
    assert second.id in ext.controller.notebook.dismissed


def test_claim_from_selection_proposes_the_aligned_span(qtbot, reader):
    window, ext = reader
    ar = window.analysis.sentence("ar:3")
    pane = window.panes["ar"]
    pane.setFocus()
    pane.set_cursor_cp(ar.start + 30, anchor=ar.start + 10)
    ext.actions["claims.from_selection"].trigger()
    claim = ext.controller.current_claim()
    assert claim.span("ar") == Span("ar", ar.start + 10, ar.start + 30)
    assert claim.span("en") == window.analysis.sentence("en:3").span
    # The reader narrows the English side.
    en = window.analysis.sentence("en:3")
    window.panes["en"].setFocus()
    window.panes["en"].set_cursor_cp(en.start + 40, anchor=en.start)
    ext.actions["claims.set_other_span"].trigger()
    assert ext.controller.current_claim().span("en") == Span("en", en.start, en.start + 40)


def test_shortcuts_do_not_clash(reader):
    window, _ = reader
    seen: dict[str, str] = {}
    for action in window.findChildren(QAction):
        for seq in action.shortcuts():
            key = seq.toString()
            assert key not in seen, f"{key}: {seen.get(key)} and {action.text()}"
            seen[key] = action.text()


def test_a_refused_save_is_shown_in_red_with_its_message(qtbot, reader, monkeypatch):
    window, ext = reader
    claim = ext.controller.tag_pair("en:0")
    assert window.saved_label.text().startswith("Saved ")

    def refuse(*_args, **_kwargs):
        raise NotebookBusy("The notebook database is locked by another program.")

    monkeypatch.setattr(ext.controller.store, "execute", refuse)
    assert not ext.controller.cycle_status(claim.id)
    assert window.saved_label.text() == (
        "Not saved: The notebook database is locked by another program.")
    assert "b00020" in window.saved_label.styleSheet()
    assert ext.controller.notebook.claims[claim.id].status == "unverified"


def test_arabic_typed_into_the_editor_is_saved(qtbot, reader, store_path):
    """qtbot.keyClicks crashes on Arabic: an input-method commit is what a real keyboard
    layout sends."""
    _window, ext = reader
    claim = ext.controller.tag_pair("ar:4")
    assert ext.panel.details.currentWidget() is ext.panel.editor
    notes = ext.panel.editor.notes
    notes.setFocus()
    event = QInputMethodEvent()
    event.setCommitString("تصريح غير مؤكد")
    QApplication.sendEvent(notes, event)
    assert notes.toPlainText() == "تصريح غير مؤكد"
    qtbot.waitUntil(lambda: _stored(store_path).notebook.claims[claim.id].notes
                    == "تصريح غير مؤكد", timeout=3000)
    assert ext.actions["edit.undo"].text() == "&Undo Edit claim notes"


def test_new_tags_grow_the_vocabulary_and_the_completer(qtbot, reader):
    _window, ext = reader
    claim = ext.controller.tag_pair("en:2")
    tags = ext.panel.editor.tags
    tags.setFocus()
    qtbot.keyClicks(tags, "military, Moscow")
    qtbot.keyClick(tags, Qt.Key.Key_Return)
    assert ext.controller.notebook.claims[claim.id].tags == ("military", "Moscow")
    assert ext.panel.editor.tag_completer.vocabulary() == ("military", "Moscow")
    status_filter = ext.panel.filters.tag
    assert [status_filter.itemText(i) for i in range(status_filter.count())] == [
        "All tags", "military", "Moscow"]


def test_notes_model_passes_the_model_tester_and_lists_all_targets(qtbot, reader):
    window, ext = reader
    model = ext.panel.notes.model
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    window.panes["en"].setFocus()
    window.panes["en"].set_cursor_cp(window.analysis.sentence("en:1").start + 3)
    ext.actions["claims.note"].trigger()  # no selection: a note on the pair
    ext.actions["claims.note_document"].trigger()
    rows = [model.index(r).data() for r in range(model.rowCount())]
    assert rows[0].startswith("Pair 2") and rows[1].startswith("Document")
    assert ext.panel.tabs.currentWidget() is ext.panel.notes


def test_second_window_on_the_same_notebook_updates_its_panel(qtbot, reader):
    window, ext = reader
    other = ext.new_window()  # View > New Window
    other.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # qtbot closes it
    qtbot.addWidget(other)
    assert other.document is window.document
    other_ext = claims_extension(other)
    other_ext.controller._timer.setInterval(50)  # the real interval is 1.5 s
    claim = ext.controller.tag_pair("en:4")
    qtbot.waitUntil(lambda: claim.id in [r.id for r in other_ext.panel.model.rows()],
                    timeout=3000)
    assert other.saved_label.text().startswith("Updated from another window")
    assert other.panes["en"].layer_spans("claims")
    other_ext.controller.cycle_status(claim.id)
    assert ext.controller.poll()
    assert ext.controller.notebook.claims[claim.id].status == "confirmed"
    assert not ext.actions["edit.undo"].isEnabled()  # cleared, not replayed


def test_moving_into_a_suggested_sentence_lets_the_shortcut_accept_it(qtbot, reader):
    window, ext = reader
    hedged = next(s for s in window.analysis.claims if s.hedges)
    pane = window.panes["ar"]
    pane.setFocus()
    pane.set_cursor_cp(window.analysis.sentence(hedged.sentences[0]).start + 2)
    assert ext.controller.current_id == hedged.id
    _press(qtbot, pane, "Ctrl+Shift+A")
    claim = ext.controller.current_claim()
    assert claim.origin == hedged.id and "hedged" in claim.tags


def test_file_export_writes_through_the_dialog(qtbot, reader, tmp_path, monkeypatch):
    from qarin.gui.dialogs import export_dialog

    window, ext = reader
    ext.controller.tag_pair("en:3")
    target = tmp_path / "claims.md"

    def run(dialog) -> int:
        dialog.select_format("md")
        dialog.written = dialog.save_to(target)
        return 1

    monkeypatch.setattr(export_dialog.ExportDialog, "exec", run)
    ext.actions["file.export"].trigger()
    assert "On the ground, Sergey Lebedev" in target.read_text("utf-8")
    assert window.saved_label.text() == f"Exported to {target}"


def test_claimant_is_a_linked_entity_or_free_text_and_evidence_is_kept(
        qtbot, store_path, monkeypatch):
    from dataclasses import replace

    from qarin.core.model import EntityLink
    from qarin.gui.claims.editor import ClaimEditor

    doc, analysis = suggested_sample()
    link = EntityLink("L1", "PERSON", {"en": "Volodymyr Zelensky", "ar": "فولوديمير زيلينسكي"}, ())
    analysis = replace(analysis, links=(link, EntityLink("L2", "DATE", {"en": "Friday"}, ())))
    c = ClaimsController(poll_ms=60_000)
    c.open(doc, analysis)
    editor = ClaimEditor(c)
    qtbot.addWidget(editor)
    claim = c.tag_pair("en:0")
    editor.show_claim(claim, c.notebook, analysis)
    assert [editor.claimant.itemText(i) for i in range(editor.claimant.count())] == [
        "Volodymyr Zelensky"]  # a date cannot make a claim

    editor.claimant.setCurrentIndex(0)
    editor.claimant.activated.emit(0)
    assert (c.notebook.claims[claim.id].claimant_link,
            c.notebook.claims[claim.id].claimant) == ("L1", "Volodymyr Zelensky")
    editor.claimant.setEditText("A senior official")
    editor.claimant_text.editingFinished.emit()
    assert (c.notebook.claims[claim.id].claimant_link,
            c.notebook.claims[claim.id].claimant) == (None, "A senior official")

    monkeypatch.setattr("qarin.gui.claims.editor.QInputDialog.getText",
                        lambda *_a, **_k: ("https://example.org/source", True))
    editor.add_link.click()
    editor.quote_source = lambda: "تصبح الضمانات أداة ضغط"
    editor.add_quote.click()
    evidence = c.notebook.claims[claim.id].evidence
    assert [(e.kind, e.value) for e in evidence] == [
        ("url", "https://example.org/source"), ("quote", "تصبح الضمانات أداة ضغط")]
    editor.show_claim(c.notebook.claims[claim.id], c.notebook, analysis)
    editor.evidence.setCurrentRow(0)
    editor.remove_evidence.click()
    assert [e.kind for e in c.notebook.claims[claim.id].evidence] == ["quote"]
    c.close()


def test_a_failed_undo_clears_the_stack_and_reports(qtbot, store_path, monkeypatch):
    c = _controller(qtbot, store_path)
    failures: list[str] = []
    c.save_failed.connect(failures.append)
    claim = c.tag_pair("en:1")
    c.cycle_status()

    def busy(*_args, **_kwargs):
        raise NotebookBusy("locked")

    monkeypatch.setattr(c.store, "undo", busy)
    c.undo()
    assert failures == ["locked"]
    assert c.history.stack.count() == 0  # never left half in step with the store
    assert c.notebook.claims[claim.id].status == "confirmed"
    c.close()


def test_screenshot_of_the_panel_with_the_samples_suggestions(qtbot, reader, tmp_path):
    """Set QARIN_UPDATE_SCREENSHOTS=1 to refresh docs/screenshots/claims-panel.png."""
    window, ext = reader
    window.resize(1400, 900)
    first, *_, hedged = window.analysis.claims
    ext.controller.accept(first.id)
    ext.controller.set_current(hedged.id)
    qtbot.wait(50)
    image = window.grab().toImage()
    assert not image.isNull() and image.width() >= 1000
    out = tmp_path / "claims-panel.png"
    if os.environ.get("QARIN_UPDATE_SCREENSHOTS"):
        out = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "claims-panel.png"
    assert image.save(str(out))


def test_keyboard_only_panel_jump_and_delete(qtbot, reader):
    window, ext = reader
    claim = ext.controller.tag_pair("en:2")
    _press(qtbot, window.panes["en"], "F9")
    table = ext.panel.table
    assert table.hasFocus()
    index = ext.panel.proxy.mapFromSource(ext.panel.model.index(
        ext.panel.model.row_of(claim.id), 0))
    table.setCurrentIndex(index)
    table.activated.emit(index)  # Enter / double-click: show it in both panes
    assert window.panes["en"].layer_spans("flash") == [claim.span("en")]
    assert window.panes["ar"].layer_spans("flash") == [claim.span("ar")]
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert claim.id not in ext.controller.notebook.claims
    _press(qtbot, table, QKeySequence(QKeySequence.StandardKey.Undo).toString())
    assert claim.id in ext.controller.notebook.claims


def test_import_notes_merges_as_one_undoable_step(reader, store_path, tmp_path, qtbot):
    from qarin.core.export.base import ExportContext
    from qarin.core.export.registry import get
    from qarin.core.notes.model import Claim

    _window, ext = reader
    doc, analysis = suggested_sample()
    theirs = Notebook(doc.content_hash).with_claim(
        Claim("their-claim", (analysis.sentence("en:2").span,), ("en:2",),
              claimant="Zelensky", status="false", tags=("imported",)))
    path = tmp_path / "theirs.json"
    path.write_bytes(get("json").export(ExportContext(doc, analysis, theirs)).single)

    assert ext.import_notes(str(path))
    assert _stored(store_path).notebook.claims["their-claim"].status == "false"
    assert "imported" in ext.controller.notebook.tags
    ext.undo()
    assert "their-claim" not in _stored(store_path).notebook.claims


def test_import_of_a_foreign_file_shows_one_line_and_changes_nothing(
    reader, store_path, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    _window, ext = reader
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    before = _stored(store_path).notebook
    assert not ext.import_notes(str(bad))
    assert len(shown) == 1 and "bad.json" in shown[0] and "\n" not in shown[0]
    assert _stored(store_path).notebook == before
