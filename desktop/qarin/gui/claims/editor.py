"""The claim editor: claimant, cue, status, tags, notes and evidence of the current claim.

Each field commits through the controller as one command when the reader is done with it
(Enter or leaving the field; notes also after a pause in typing), so every edit is one undo
step and is saved at once. Loading a claim never commits anything.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qarin.core.model import Analysis
from qarin.core.notes.model import Claim, Evidence, Notebook
from qarin.gui.claims.building import link_name
from qarin.gui.claims.controller import ClaimsController
from qarin.gui.claims.tag_completer import TagCompleter, join_tags, split_tags

NOTES_PAUSE_MS = 800  # notes are saved this long after the reader stops typing
# Entity labels that can make a claim (dates and numbers cannot), in the order offered.
_CLAIMANT_RANK = {"PERSON": 0, "PER": 0, "PERS": 0, "ORG": 1, "ORGANIZATION": 1,
                  "NORP": 2, "GPE": 3, "LOC": 4, "FAC": 4, "MISC": 5}


class _NotesEdit(QPlainTextEdit):
    """A plain text field that reports losing focus (QPlainTextEdit has no editingFinished)."""

    def __init__(self, on_focus_out: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_focus_out = on_focus_out

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._on_focus_out()
        super().focusOutEvent(event)


def _evidence_text(ev: Evidence) -> str:
    shown = ev.value if ev.kind == "url" else f"“{ev.value}”"
    label = "Link" if ev.kind == "url" else "Quote"
    return f"{label}: {shown}" + (f" — {ev.note}" if ev.note else "")


class ClaimEditor(QWidget):
    """Edits ``controller``'s current claim. ``quote_source()`` returns the text selected in
    the reader panes (for "Add quote"), or "" to ask for it."""

    def __init__(self, controller: ClaimsController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.quote_source: Callable[[], str] = lambda: ""
        self._claim: Claim | None = None
        self._loading = False
        self._build()

    # -- layout ----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.claimant = QComboBox()
        self.claimant.setEditable(True)
        self.claimant.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = self.claimant.lineEdit()  # exists once the combo is editable
        assert line is not None
        self.claimant_text: QLineEdit = line
        self.claimant_text.setPlaceholderText("Person or organisation, or free text")
        self.claimant.setToolTip("Pick an entity from the text, or type a name")
        self.cue = QLineEdit()
        self.cue.setPlaceholderText("said, أعلن, …")
        self.status = QComboBox()
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("tag, another tag")
        self.tag_completer = TagCompleter(self.tags)
        self.tags.setCompleter(self.tag_completer)
        self.notes = _NotesEdit(self._commit_notes)
        self.notes.setPlaceholderText("Notes on this claim")
        self.notes.setTabChangesFocus(True)  # keyboard users must be able to leave the field
        self.evidence = QListWidget()
        self.add_link = QPushButton("Add L&ink…")
        self.add_quote = QPushButton("Add &Quote")
        self.remove_evidence = QPushButton("Re&move")

        form = QFormLayout()
        form.addRow(self.where)
        form.addRow("C&laimant:", self.claimant)
        form.addRow("Cue:", self.cue)
        form.addRow("Sta&tus:", self.status)
        form.addRow("Ta&gs:", self.tags)
        form.addRow("N&otes:", self.notes)
        buttons = QHBoxLayout()
        for b in (self.add_link, self.add_quote, self.remove_evidence):
            buttons.addWidget(b)
        buttons.addStretch(1)
        ev_box = QVBoxLayout()
        ev_box.addWidget(self.evidence)
        ev_box.addLayout(buttons)
        form.addRow("Evidence:", ev_box)
        self.setLayout(form)
        self.evidence.setMaximumHeight(90)
        self.notes.setMaximumHeight(110)

        self._notes_timer = QTimer(self)
        self._notes_timer.setSingleShot(True)
        self._notes_timer.setInterval(NOTES_PAUSE_MS)
        self._notes_timer.timeout.connect(self._commit_notes)

        self.claimant.activated.connect(self._on_claimant_activated)
        self.claimant_text.editingFinished.connect(self._commit_claimant)
        self.cue.editingFinished.connect(self._commit_cue)
        self.status.activated.connect(self._on_status_activated)
        self.tags.editingFinished.connect(self._commit_tags)
        self.notes.textChanged.connect(self._on_notes_text_changed)
        self.add_link.clicked.connect(self._on_add_link_clicked)
        self.add_quote.clicked.connect(self._on_add_quote_clicked)
        self.remove_evidence.clicked.connect(self._on_remove_evidence_clicked)

    # -- showing a claim -------------------------------------------------------------------------

    def show_claim(self, claim: Claim | None, notebook: Notebook, analysis: Analysis) -> None:
        """Load ``claim``; a field the reader is typing in keeps its text if it is the same
        claim (a refresh from another window must not eat half a sentence)."""
        same = claim is not None and self._claim is not None and claim.id == self._claim.id
        if not same:
            self.commit_pending()  # save the previous claim's notes before switching
        self._claim = claim
        self._loading = True
        try:
            self.setEnabled(claim is not None)
            self._fill_claimants(analysis)
            self._fill_statuses(notebook, claim)
            self.tag_completer.set_vocabulary(notebook.tags)
            if claim is None:
                self.where.setText("")
                for w in (self.cue, self.tags):
                    w.clear()
                self.claimant.setEditText("")
                self.notes.setPlainText("")
                self.evidence.clear()
                return
            self.where.setText(self._where(claim))
            self._set_if_idle(self.claimant_text, self._claimant_text(claim, analysis))
            self._set_if_idle(self.cue, claim.cue)
            self._set_if_idle(self.tags, join_tags(claim.tags))
            if not (same and self.notes.hasFocus()) and self.notes.toPlainText() != claim.notes:
                self.notes.setPlainText(claim.notes)
            self.evidence.clear()
            self.evidence.addItems([_evidence_text(e) for e in claim.evidence])
        finally:
            self._loading = False

    def _where(self, claim: Claim) -> str:
        langs = {"ar": "Arabic", "en": "English"}
        parts = [f"{langs[s.lang]} {s.start}–{s.end}" for s in claim.spans]
        origin = "" if claim.origin == "reader" else f" · from suggestion {claim.origin}"
        modified = claim.modified[:16].replace("T", " ")
        return f"<small>{' · '.join(parts)}{origin} · modified {modified} UTC</small>"

    @staticmethod
    def _set_if_idle(field: QLineEdit, text: str) -> None:
        if not field.hasFocus() and field.text() != text:
            field.setText(text)

    @staticmethod
    def _claimant_text(claim: Claim, analysis: Analysis) -> str:
        if claim.claimant_link:
            return link_name(analysis, claim.claimant_link)
        return claim.claimant

    def _fill_claimants(self, analysis: Analysis) -> None:
        # People and organisations first (the usual claimants), then the other entities.
        links = sorted(analysis.links, key=lambda ln: _CLAIMANT_RANK.get(ln.label, 9))
        wanted = [(link_name(analysis, ln.id), ln.id) for ln in links
                  if ln.label in _CLAIMANT_RANK]
        have = [(self.claimant.itemText(i), self.claimant.itemData(i))
                for i in range(self.claimant.count())]
        if have != wanted:
            text = self.claimant.currentText()
            self.claimant.clear()
            for name, link_id in wanted:
                self.claimant.addItem(name, link_id)
            self.claimant.setEditText(text)

    def _fill_statuses(self, notebook: Notebook, claim: Claim | None) -> None:
        statuses = list(notebook.statuses)
        if claim is not None and claim.status not in statuses:
            statuses.append(claim.status)  # a status removed from the set stays visible
        if [self.status.itemText(i) for i in range(self.status.count())] != statuses:
            self.status.clear()
            self.status.addItems(statuses)
        if claim is not None:
            self.status.setCurrentText(claim.status)

    # -- committing ------------------------------------------------------------------------------

    def _editable(self) -> Claim | None:
        return None if self._loading else self._claim

    def _on_claimant_activated(self, _index: int) -> None:
        self._commit_claimant()

    def _commit_claimant(self) -> None:
        claim = self._editable()
        if claim is None:
            return
        text = self.claimant.currentText().strip()
        i = self.claimant.findText(text, Qt.MatchFlag.MatchFixedString)
        link = self.claimant.itemData(i) if i >= 0 else None
        self._controller.update_claim(claim.id, claimant=text, claimant_link=link)

    def _commit_cue(self) -> None:
        claim = self._editable()
        if claim is not None:
            self._controller.update_claim(claim.id, cue=self.cue.text().strip())

    def _on_status_activated(self, _index: int) -> None:
        claim = self._editable()
        if claim is not None:
            self._controller.update_claim(claim.id, status=self.status.currentText())

    def _commit_tags(self) -> None:
        claim = self._editable()
        if claim is not None:
            self._controller.update_claim(claim.id, tags=split_tags(self.tags.text()))

    def _on_notes_text_changed(self) -> None:
        if not self._loading:
            self._notes_timer.start()

    def _commit_notes(self) -> None:
        self._notes_timer.stop()
        claim = self._editable()
        if claim is not None:
            self._controller.update_claim(claim.id, notes=self.notes.toPlainText())

    def commit_pending(self) -> None:
        """Save what is typed but not yet committed (before undo, closing, switching)."""
        if self._notes_timer.isActive():
            self._commit_notes()

    # -- evidence --------------------------------------------------------------------------------

    def _on_add_link_clicked(self) -> None:
        claim = self._editable()
        if claim is None:
            return
        url, ok = QInputDialog.getText(self, "Add evidence link", "Address (URL):")
        if ok and url.strip():
            self._controller.add_evidence(claim.id, Evidence("url", url.strip()))

    def _on_add_quote_clicked(self) -> None:
        claim = self._editable()
        if claim is None:
            return
        quote = self.quote_source().strip()
        if not quote:
            quote, ok = QInputDialog.getMultiLineText(self, "Add evidence quote", "Quoted text:")
            if not ok:
                return
        if quote.strip():
            self._controller.add_evidence(claim.id, Evidence("quote", quote.strip()))

    def _on_remove_evidence_clicked(self) -> None:
        claim = self._editable()
        row = self.evidence.currentRow()
        if claim is not None and row >= 0:
            self._controller.remove_evidence(claim.id, row)
