"""The notes tab: notes on a span, on a sentence pair or on the whole document, with an editor
that saves after a pause in typing (one undo step per pause)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qarin.core.document import BilingualDocument
from qarin.core.model import Analysis
from qarin.core.notes.model import Note, Notebook
from qarin.gui.claims.building import note_on_document
from qarin.gui.claims.controller import ClaimsController

NOTE_ROLE = Qt.ItemDataRole.UserRole + 1
NOTES_PAUSE_MS = 800
Index = QModelIndex | QPersistentModelIndex


def note_heading(note: Note, doc: BilingualDocument | None, analysis: Analysis | None) -> str:
    """"Document", "Pair 3" or "Arabic: «quoted text»", for the list."""
    if note.target == "document":
        return "Document"
    if note.target == "pair":
        try:
            n = analysis.bead_of(note.sentences[0]) + 1 if analysis and note.sentences else 0
        except KeyError:
            n = 0
        return f"Pair {n}" if n else "Pair"
    if note.spans and doc is not None:
        span = note.spans[0]
        quoted = " ".join(doc.text(span).split())
        quoted = quoted if len(quoted) <= 60 else quoted[:59] + "…"
        return f"{'Arabic' if span.lang == 'ar' else 'English'}: «{quoted}»"
    return "Span"


class NotesListModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._notes: list[Note] = []
        self.doc: BilingualDocument | None = None
        self.analysis: Analysis | None = None

    def set_notes(self, notes: Sequence[Note]) -> None:
        notes = list(notes)
        if [n.id for n in notes] == [n.id for n in self._notes]:
            changed = [i for i, (a, b) in enumerate(zip(self._notes, notes, strict=True))
                       if a != b]
            self._notes = notes
            for i in changed:
                self.dataChanged.emit(self.index(i), self.index(i))
            return
        self.beginResetModel()
        self._notes = notes
        self.endResetModel()

    def row_of(self, note_id: str) -> int:
        return next((i for i, n in enumerate(self._notes) if n.id == note_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._notes)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._notes):
            return None
        note = self._notes[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            first = note.text.strip().splitlines()[0] if note.text.strip() else "(empty)"
            return f"{note_heading(note, self.doc, self.analysis)} — {first}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return note.text
        if role == NOTE_ROLE:
            return note
        return None


class NotesPanel(QWidget):
    """``note_activated(Note)`` asks the window to show where the note is anchored."""

    note_activated = Signal(object)

    def __init__(self, controller: ClaimsController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._note_id = ""
        self._editor_id = ""  # the note whose text the editor holds
        self._loading = False
        self.model = NotesListModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setAccessibleName("Notes")
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText("Choose or add a note, then type here")
        self.editor.setTabChangesFocus(True)
        self.on_selection = QPushButton("On Se&lection")
        self.on_pair = QPushButton("On &Pair")
        self.on_document = QPushButton("On &Document")
        self.delete = QPushButton("Dele&te")
        # The extension wires these to what the reader has selected in the panes.
        self.add_on_selection: Callable[[], Note | None] = lambda: None
        self.add_on_pair: Callable[[], Note | None] = lambda: None

        buttons = QHBoxLayout()
        for b in (self.on_selection, self.on_pair, self.on_document, self.delete):
            buttons.addWidget(b)
        buttons.addStretch(1)
        box = QVBoxLayout(self)
        box.addLayout(buttons)
        box.addWidget(self.list, 2)
        box.addWidget(self.editor, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NOTES_PAUSE_MS)
        self._timer.timeout.connect(self.commit_pending)
        self.editor.textChanged.connect(self._on_editor_text_changed)
        self.list.selectionModel().currentChanged.connect(self._on_list_current_changed)
        self.list.activated.connect(self._on_list_activated)
        self.on_selection.clicked.connect(self._on_on_selection_clicked)
        self.on_pair.clicked.connect(self._on_on_pair_clicked)
        self.on_document.clicked.connect(self._on_on_document_clicked)
        self.delete.clicked.connect(self._on_delete_clicked)
        self._update_editor(None)

    # -- from the notebook -----------------------------------------------------------------------

    def show_notebook(self, notebook: Notebook | None) -> None:
        self.model.doc = self._controller.doc
        self.model.analysis = self._controller.analysis
        notes = list(notebook.notes.values()) if notebook else []
        self.model.set_notes(notes)
        note = notebook.notes.get(self._note_id) if notebook else None
        if note is None:
            self._note_id = ""
        self.select(self._note_id)
        self._update_editor(note)

    def select(self, note_id: str) -> None:
        row = self.model.row_of(note_id) if note_id else -1
        index = self.model.index(row) if row >= 0 else QModelIndex()
        if self.list.currentIndex() != index:
            self.list.setCurrentIndex(index)

    def current_note(self) -> Note | None:
        nb = self._controller.notebook
        return nb.notes.get(self._note_id) if nb else None

    def _update_editor(self, note: Note | None) -> None:
        self._loading = True
        try:
            self.editor.setEnabled(note is not None)
            self.delete.setEnabled(note is not None)
            text = note.text if note else ""
            shown = note.id if note else ""
            # Keep what the reader is typing when a refresh brings the same note back.
            typing = shown == self._editor_id and self.editor.hasFocus()
            if not typing and self.editor.toPlainText() != text:
                self.editor.setPlainText(text)
            self._editor_id = shown
        finally:
            self._loading = False

    # -- committing ------------------------------------------------------------------------------

    def _on_editor_text_changed(self) -> None:
        if not self._loading and self._note_id:
            self._timer.start()

    def commit_pending(self) -> None:
        self._timer.stop()
        if self._note_id and not self._loading:
            self._controller.update_note(self._note_id, self.editor.toPlainText())

    def start_note(self, note: Note | None) -> None:
        """Select a just-added note and put the cursor in its text."""
        if note is None:
            return
        self.commit_pending()
        self._note_id = note.id
        self.show_notebook(self._controller.notebook)
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- slots -----------------------------------------------------------------------------------

    def _on_list_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        note: Note | None = current.data(NOTE_ROLE) if current.isValid() else None
        new_id = note.id if note else ""
        if new_id == self._note_id:
            return
        self.commit_pending()
        self._note_id = new_id
        self.editor.clearFocus()
        self._update_editor(note)

    def _on_list_activated(self, index: QModelIndex) -> None:
        note = index.data(NOTE_ROLE)
        if note is not None:
            self.note_activated.emit(note)

    def _on_on_selection_clicked(self) -> None:
        self.start_note(self.add_on_selection())

    def _on_on_pair_clicked(self) -> None:
        self.start_note(self.add_on_pair())

    def _on_on_document_clicked(self) -> None:
        self.start_note(self._controller.add_note(note_on_document()))

    def _on_delete_clicked(self) -> None:
        if self._note_id:
            self._timer.stop()
            self._controller.delete_note(self._note_id)
