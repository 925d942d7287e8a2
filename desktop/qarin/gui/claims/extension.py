"""Claims, notes, undo and export in the reader window, installed through MainWindow's
extension point (``window.add_extension(ClaimsExtension())``).

What it adds: the Claims dock (claims and suggestions table, claim editor, notes tab), the
Claims menu, Edit > Undo/Redo over the notebook, File > Export…, the "claims" overlay in the
panes, and the autosave label ("Saved 21:04:05", or the store's error in red).
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow

from qarin.core.document import BilingualDocument, Lang, Span
from qarin.core.errors import NotebookError
from qarin.core.model import Analysis
from qarin.core.notes.model import Note, Notebook
from qarin.gui.actions import ActionSpec, shortcut_of
from qarin.gui.claims import building
from qarin.gui.claims.actions import ACTIONS
from qarin.gui.claims.controller import ClaimsController
from qarin.gui.claims.overlay import OVERLAY_NAME, claim_formats
from qarin.gui.claims.panel import ClaimsPanel
from qarin.gui.claims.rows import ClaimRow
from qarin.gui.dialogs.export_dialog import ExportDialog

log = logging.getLogger(__name__)

LANG_ORDER: tuple[Lang, Lang] = ("ar", "en")
_ERROR_STYLE = "color: #b00020;"
DOCK_HEIGHT = 320  # px: the texts keep most of the window


class ClaimsExtension(QObject):
    """One per window. The controller does the work; this class wires it to the window."""

    def __init__(self, parent: QObject | None = None, **controller_args: Any) -> None:
        super().__init__(parent)
        self.window: Any = None
        self.controller = ClaimsController(self, **controller_args)
        self.panel: ClaimsPanel | None = None
        self.dock: QDockWidget | None = None
        self.actions: dict[str, QAction] = {}
        self._status_label: QLabel | None = None

    # -- the extension interface -----------------------------------------------------------------

    def install(self, window: Any) -> None:
        self.window = window
        self.setParent(window)
        self.panel = ClaimsPanel(self.controller)
        self.panel.editor.quote_source = self._selected_text
        self.panel.notes.add_on_selection = self.add_note_on_selection
        self.panel.notes.add_on_pair = self.add_note_on_pair
        self.panel.row_activated.connect(self._on_panel_row_activated)
        self.panel.notes.note_activated.connect(self._on_notes_note_activated)
        self.dock = QDockWidget("Claims", window)
        self.dock.setObjectName("claims-dock")
        self.dock.setWidget(self.panel)
        if isinstance(window, QMainWindow):
            window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
            # The window restored its saved layout before this dock existed.
            if not window.restoreDockWidget(self.dock):
                window.resizeDocks([self.dock], [DOCK_HEIGHT], Qt.Orientation.Vertical)
        self._install_actions(window)
        self._status_label = self._find_status_label(window)
        c = self.controller
        c.notebook_changed.connect(self._on_controller_notebook_changed)
        c.current_claim_changed.connect(self._on_controller_current_claim_changed)
        c.change_saved.connect(self._on_controller_change_saved)
        c.save_failed.connect(self._on_controller_save_failed)
        c.notebook_reloaded.connect(self._on_controller_notebook_reloaded)
        c.history_changed.connect(self._on_controller_history_changed)
        for signal, slot in (("sentence_activated", self._on_window_sentence_activated),
                             ("selection_changed", self._on_window_selection_changed)):
            if hasattr(window, signal):
                getattr(window, signal).connect(slot)
        self._update_actions()

    def document_opened(self, doc: BilingualDocument, analysis: Analysis) -> None:
        try:
            self.controller.open(doc, analysis)
        except NotebookError as e:
            log.warning("cannot open the notebook: %s", e)
            self._show_status(f"Notes not available: {e}", error=True)
        self._update_actions()

    def document_closed(self) -> None:
        if self.panel is not None:
            self.panel.editor.commit_pending()
            self.panel.notes.commit_pending()
        self.controller.close()
        self._set_overlay([])
        if self.panel is not None:
            self.panel.model.set_rows([])
            self.panel.notes.show_notebook(None)
        self._update_actions()

    # -- actions ---------------------------------------------------------------------------------

    def _install_actions(self, window: Any) -> None:
        for spec in ACTIONS:
            action = QAction(spec.text, window)
            action.setObjectName(spec.id)
            if (keys := shortcut_of(spec)) is not None:
                action.setShortcut(keys)
            action.setStatusTip(spec.tip)
            action.setToolTip(spec.tip)
            action.triggered.connect(self._slot_for(spec))
            self.actions[spec.id] = action
            menu = window.menu(spec.menu) if hasattr(window, "menu") else None
            if menu is None:  # no menu: keep the shortcut working anyway
                window.addAction(action)
            elif spec.menu == "&Edit":  # Undo and Redo come first, as everywhere
                first = next((a for a in menu.actions() if a not in self.actions.values()), None)
                menu.insertAction(first, action)
                if spec.id == "edit.redo" and first is not None:
                    menu.insertSeparator(first)
            else:
                menu.addAction(action)
        if self.dock is not None and hasattr(window, "menu"):
            view = window.menu("&View")
            if view is not None:
                view.addAction(self.dock.toggleViewAction())
        if self.controller.history is None:
            self._update_undo_texts()

    def _slot_for(self, spec: ActionSpec) -> Any:
        method = getattr(self, spec.handler)
        return lambda _checked=False: method()

    def _update_actions(self) -> None:
        is_open = self.controller.is_open
        for spec in ACTIONS:
            if spec.id in self.actions and spec.needs == "notebook":
                self.actions[spec.id].setEnabled(is_open)
        if is_open:
            # Cycle Status stays enabled: without a current claim it acts on the claim at
            # the cursor (see cycle_status).
            current = self._current_row()
            self.actions["claims.delete"].setEnabled(
                current is not None and current.kind == "claim")
            self.actions["claims.set_other_span"].setEnabled(
                current is not None and current.kind == "claim")
            for name in ("claims.accept", "claims.dismiss"):
                self.actions[name].setEnabled(current is not None
                                              and current.kind == "suggestion")
        self._update_undo_texts()

    def _update_undo_texts(self) -> None:
        undo, redo = self.actions.get("edit.undo"), self.actions.get("edit.redo")
        if undo is None or redo is None:
            return
        history = self.controller.history
        can_undo = history is not None and history.stack.canUndo()
        can_redo = history is not None and history.stack.canRedo()
        undo.setEnabled(can_undo)
        redo.setEnabled(can_redo)
        undo.setText(f"&Undo {history.stack.undoText()}" if can_undo and history else "&Undo")
        redo.setText(f"&Redo {history.stack.redoText()}" if can_redo and history else "&Redo")

    # -- what the reader points at ---------------------------------------------------------------

    def _panes(self) -> dict[str, Any]:
        return getattr(self.window, "panes", {}) or {}

    def _focus_first(self, panes: dict[str, Any]) -> list[Lang]:
        """Languages, the pane the reader last worked in first (Arabic first otherwise)."""
        last = getattr(self.window, "current_lang", None)
        if last is None:
            last = next((lang for lang in LANG_ORDER
                         if lang in panes and panes[lang].hasFocus()), None)
        return sorted(LANG_ORDER, key=lambda lang: lang != last)

    def _selection(self) -> Span | None:
        """The selected text: in the pane with the keyboard focus, else in either pane."""
        panes = self._panes()
        for lang in self._focus_first(panes):
            pane = panes.get(lang)
            span: Span | None = pane.selected_span() if pane is not None else None
            if span is not None and span.end > span.start:
                return span
        return None

    def _current_sentence(self) -> str | None:
        panes = self._panes()
        for lang in self._focus_first(panes):
            pane = panes.get(lang)
            sid = pane.current_sentence_id() if pane is not None else None
            if sid:
                return str(sid)
        return None

    def _selected_text(self) -> str:
        span = self._selection()
        doc = self.controller.doc
        return doc.text(span) if span is not None and doc is not None else ""

    def _current_row(self) -> ClaimRow | None:
        return self.panel.current_row() if self.panel is not None else None

    # -- action slots (names from actions.py) ----------------------------------------------------

    def undo(self) -> None:
        self._commit_pending()
        self.controller.undo()

    def redo(self) -> None:
        self._commit_pending()
        self.controller.redo()

    def import_notes(self, path: str | None = None) -> bool:
        """Merge a notes file into the open notebook as one undoable step."""
        from PySide6.QtWidgets import QFileDialog

        from qarin.core.errors import QarinError
        from qarin.core.export.notes_import import merge_command, read_any_notes
        from qarin.gui.errors import show_error

        c = self.controller
        if c.doc is None or c.notebook is None:
            return False
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self.window, "Import Notes", "",
                "Qarin notes (*.json *.jsonld);;All files (*)")
            if not path:
                return False
        self._commit_pending()
        try:
            incoming = read_any_notes(path, c.doc)
            command = merge_command(c.notebook, incoming)
        except QarinError as err:
            show_error(self.window, err)
            return False
        if not c.execute(command):
            return False
        self._show_status(f"Imported notes from {path}")
        return True

    def export(self) -> None:
        c = self.controller
        if c.doc is None or c.analysis is None or c.notebook is None:
            return
        self._commit_pending()
        dialog = ExportDialog(c.doc, c.analysis, c.notebook, self.window)
        if dialog.exec() and dialog.written:
            where = dialog.written[0] if len(dialog.written) == 1 else dialog.written[0].parent
            self._show_status(f"Exported to {where}")

    def tag_pair(self) -> None:
        sid = self._current_sentence()
        if sid is None:
            self._show_status("Put the cursor in a sentence to tag its pair as a claim.")
            return
        if self.controller.tag_pair(sid) is not None:
            self._show_current_in_panes()

    def claim_from_selection(self) -> None:
        span = self._selection()
        if span is None:
            self._show_status("Select some text to make a claim of it.")
            return
        claim = self.controller.claim_from_selection(span)
        if claim is not None:
            # Show the proposed other-language span: the reader may select better text there
            # and use "Set Other-Language Span".
            self._show_current_in_panes()

    def set_claim_span(self) -> None:
        span = self._selection()
        if span is None:
            self._show_status("Select the text the current claim should cover.")
            return
        self.controller.set_claim_span(span)

    def cycle_status(self) -> None:
        if self.controller.current_claim() is None:
            sid = self._current_sentence()
            nb = self.controller.notebook
            here = building.claims_in_sentence(nb, sid) if nb is not None and sid else []
            if not here:
                self._show_status("No claim here to change.")
                return
            self.controller.set_current(here[0].id)
        self.controller.cycle_status()

    def accept(self) -> None:
        if self.panel is not None:
            self.panel.accept_current()

    def dismiss(self) -> None:
        if self.panel is not None:
            self.panel.dismiss_current()

    def delete_claim(self) -> None:
        row = self._current_row()
        if row is not None and row.kind == "claim":
            self.controller.delete_claim(row.id)

    def next_claim(self) -> None:
        self._step_claim(+1)

    def previous_claim(self) -> None:
        self._step_claim(-1)

    def _step_claim(self, step: int) -> None:
        if self.panel is None:
            return
        ids = self.panel.visible_ids()
        if not ids:
            return
        current = self.controller.current_id
        i = ids.index(current) + step if current in ids else (0 if step > 0 else -1)
        self.controller.set_current(ids[i % len(ids)])
        self._show_current_in_panes()

    def add_note(self) -> None:
        note = self.add_note_on_selection() if self._selection() else self.add_note_on_pair()
        self._start_note(note)

    def add_document_note(self) -> None:
        self._start_note(self.controller.add_note(building.note_on_document()))

    def add_note_on_selection(self) -> Note | None:
        span, analysis = self._selection(), self.controller.analysis
        if span is None or analysis is None:
            self._show_status("Select some text to write a note on it.")
            return None
        return self.controller.add_note(building.note_on_span(analysis, span))

    def add_note_on_pair(self) -> Note | None:
        sid, c = self._current_sentence(), self.controller
        if sid is None or c.analysis is None or c.notebook is None:
            self._show_status("Put the cursor in a sentence to write a note on its pair.")
            return None
        return c.add_note(building.note_on_pair(c.analysis, c.notebook, sid))

    def _start_note(self, note: Note | None) -> None:
        if note is None or self.panel is None:
            return
        self._show_dock()
        self.panel.tabs.setCurrentWidget(self.panel.notes)
        self.panel.notes.start_note(note)

    def new_window(self) -> Any:
        """A second window on the same document; both edit the one stored notebook and see
        each other's changes through the poll timer. Returns the window (for tests)."""
        # Imported here: main_window loads this module as its default extension.
        from qarin.gui.main_window import MainWindow

        doc, analysis = self.controller.doc, self.controller.analysis
        if doc is None or analysis is None:
            return None
        self._commit_pending()
        other = MainWindow()
        other.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        other.load_default_extensions()
        other.show_document(doc, analysis, getattr(self.window, "paths", ()))
        other.show()
        return other

    def focus_panel(self) -> None:
        if self.panel is None:
            return
        self._show_dock()
        self.panel.tabs.setCurrentIndex(0)
        self.panel.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- helpers ---------------------------------------------------------------------------------

    def _commit_pending(self) -> None:
        if self.panel is not None:
            self.panel.editor.commit_pending()
            self.panel.notes.commit_pending()

    def _show_dock(self) -> None:
        if self.dock is not None:
            self.dock.show()
            self.dock.raise_()

    def _show_current_in_panes(self) -> None:
        row = self._current_row()
        if row is not None:
            self._show_spans(row.spans)

    def _show_spans(self, spans: tuple[Span, ...]) -> None:
        panes = self._panes()
        for span in spans:
            pane = panes.get(span.lang)
            if pane is None:
                continue
            if hasattr(self.window, "show_span"):
                self.window.show_span(span)
            elif hasattr(pane, "show_span"):
                pane.show_span(span)
            elif hasattr(pane, "ensure_span_visible"):
                pane.ensure_span_visible(span)

    def _set_overlay(self, formats: list[Any]) -> None:
        if self.window is not None and hasattr(self.window, "set_overlay"):
            self.window.set_overlay(OVERLAY_NAME, formats)

    def _refresh_overlay(self) -> None:
        self._set_overlay(claim_formats(self.controller.notebook, self._current_row()))

    def _find_status_label(self, window: Any) -> QLabel | None:
        for name in ("saved_label", "save_label", "autosave_label", "status_label"):
            label = getattr(window, name, None)
            if isinstance(label, QLabel):
                return label
        if isinstance(window, QMainWindow):  # no slot offered: add our own label
            label = QLabel()
            label.setObjectName("claims-saved-label")
            window.statusBar().addPermanentWidget(label)
            return label
        return None

    def _show_status(self, text: str, *, error: bool = False) -> None:
        if self._status_label is None:
            return
        self._status_label.setStyleSheet(_ERROR_STYLE if error else "")
        self._status_label.setText(text)
        self._status_label.setToolTip(text)

    # -- slots -----------------------------------------------------------------------------------

    def _on_controller_notebook_changed(self, _notebook: Notebook | None) -> None:
        self._refresh_overlay()
        self._update_actions()

    def _on_controller_current_claim_changed(self, _row_id: str) -> None:
        self._refresh_overlay()
        self._update_actions()

    def _on_controller_change_saved(self, when: datetime) -> None:
        self._show_status(f"Saved {when:%H:%M:%S}")
        self._update_undo_texts()

    def _on_controller_save_failed(self, message: str) -> None:
        first = message.strip().splitlines()[0] if message.strip() else "unknown error"
        self._show_status(f"Not saved: {first}", error=True)
        self._update_undo_texts()

    def _on_controller_notebook_reloaded(self, when: datetime) -> None:
        self._show_status(f"Updated from another window {when:%H:%M:%S}")
        self._update_undo_texts()

    def _on_controller_history_changed(self) -> None:
        self._update_undo_texts()

    def _on_panel_row_activated(self, row: ClaimRow) -> None:
        self._show_spans(row.spans)

    def _on_notes_note_activated(self, note: Note) -> None:
        c = self.controller
        if note.spans:
            self._show_spans(note.spans)
        elif note.sentences and c.analysis is not None:
            spans = tuple(s for lang in LANG_ORDER
                          if (s := building.union_span(c.analysis, note.sentences, lang)))
            self._show_spans(spans)

    def _on_window_sentence_activated(self, sid: str) -> None:
        """Moving through the text selects the claim there (so Cycle Status acts on it), or
        else the open suggestion there (so Accept and Dismiss do)."""
        c = self.controller
        nb, analysis = c.notebook, c.analysis
        if nb is None or analysis is None or not sid:
            return
        row = self._current_row()
        if row is not None and any(sid in building.sentences_in(analysis, s) for s in row.spans):
            return
        here = building.claims_in_sentence(nb, sid)
        if here:
            c.set_current(here[0].id)
            return
        suggestion = next((s for s in building.open_suggestions(analysis, nb)
                           if sid in s.sentences), None)
        if suggestion is not None:
            c.set_current(suggestion.id)

    def _on_window_selection_changed(self, *_args: object) -> None:
        self._update_actions()
