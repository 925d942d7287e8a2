"""The claims side of one window: the open notebook, its undo history, the current claim, and
the operations the menus, shortcuts and panel call.

Everything that changes the notebook goes through ``execute`` (a core command, one undo step,
saved before it returns). Views listen to ``notebook_changed`` and redraw from the notebook;
they never keep their own copy of the reader's work.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from qarin.core.document import BilingualDocument, Span
from qarin.core.model import Analysis, ClaimSuggestion
from qarin.core.notes.commands import (
    AddClaim,
    AddNote,
    Batch,
    Command,
    DeleteClaim,
    DeleteNote,
    DismissSuggestion,
    UpdateClaim,
    UpdateNote,
    cycle_status,
)
from qarin.core.notes.model import Claim, Evidence, Note, Notebook
from qarin.core.notes.session import NotebookSession
from qarin.core.notes.store import NotebookStore
from qarin.gui.claims import building
from qarin.gui.claims.rows import ClaimRow, build_rows
from qarin.gui.undo import NotebookHistory

log = logging.getLogger(__name__)

POLL_MS = 1500  # how often a window looks for changes made by another window or process

StoreFactory = Callable[[], NotebookStore]


class ClaimsController(QObject):
    """Open with ``open(doc, analysis)``; all operations are no-ops until then.

    Signals: ``notebook_changed(Notebook)`` after any change (here or elsewhere);
    ``current_claim_changed(str)`` when the claim or suggestion the reader works on changes
    ("" for none); ``change_saved(datetime)``, ``save_failed(str)`` for the autosave label;
    ``notebook_reloaded(datetime)`` when another window or process changed the notebook;
    ``history_changed()`` when the undo stack moved (for the Undo/Redo menu texts).
    """

    notebook_changed = Signal(object)
    current_claim_changed = Signal(str)
    change_saved = Signal(object)
    save_failed = Signal(str)
    notebook_reloaded = Signal(object)
    history_changed = Signal()

    def __init__(self, parent: QObject | None = None, *,
                 store_factory: StoreFactory = NotebookStore, poll_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self._store_factory = store_factory
        self.doc: BilingualDocument | None = None
        self.analysis: Analysis | None = None
        self.store: NotebookStore | None = None
        self.session: NotebookSession | None = None
        self.history: NotebookHistory | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._current = ""
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self._on_timer_timeout)

    # -- opening and closing ---------------------------------------------------------------------

    def open(self, doc: BilingualDocument, analysis: Analysis) -> None:
        """Open the document's notebook; raises qarin.core.errors.NotebookError if the store
        cannot be used (damaged, too new, locked)."""
        self.close()
        store = self._store_factory()
        try:
            session = NotebookSession(store, doc.content_hash, title=doc.title,
                                      sources=[s.path for s in doc.sources])
        except BaseException:
            store.close()
            raise
        self.doc, self.analysis, self.store, self.session = doc, analysis, store, session
        self.history = NotebookHistory(session, self, limit=store.history_limit)
        self.history.change_saved.connect(self.change_saved)
        self.history.save_failed.connect(self.save_failed)
        self.history.stack.indexChanged.connect(self._on_stack_index_changed)
        self.history.history_cleared.connect(self.history_changed)
        self._unsubscribe = session.subscribe(self._on_session_changed)
        self._timer.start()
        self.notebook_changed.emit(session.notebook)

    def close(self) -> None:
        self._timer.stop()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self.history is not None:
            self.history.stack.clear()
            self.history.deleteLater()
            self.history = None
            self.history_changed.emit()
        if self.store is not None:
            self.store.close()
        self.store = self.session = None
        self.doc = self.analysis = None
        self.set_current("")

    @property
    def is_open(self) -> bool:
        return self.session is not None

    @property
    def notebook(self) -> Notebook | None:
        return self.session.notebook if self.session else None

    # -- polling for other windows ---------------------------------------------------------------

    def poll(self) -> bool:
        """Look for changes made elsewhere (the timer calls this); True if there were some."""
        if self.history is None:
            return False
        changed = self.history.sync()
        if changed:
            self.notebook_reloaded.emit(datetime.now().astimezone())
        return changed

    def _on_stack_index_changed(self, _index: int) -> None:
        self.history_changed.emit()

    def _on_timer_timeout(self) -> None:
        self.poll()

    def _on_session_changed(self, notebook: Notebook) -> None:
        if self._current and not self._exists(self._current, notebook):
            self.set_current("")
        self.notebook_changed.emit(notebook)

    # -- undo ------------------------------------------------------------------------------------

    def execute(self, command: Command) -> bool:
        if self.history is None:
            return False
        return self.history.execute(command)

    def undo(self) -> None:
        if self.history is not None:
            self.history.undo()

    def redo(self) -> None:
        if self.history is not None:
            self.history.redo()

    # -- the current claim -----------------------------------------------------------------------

    @property
    def current_id(self) -> str:
        return self._current

    def set_current(self, row_id: str) -> None:
        if row_id != self._current:
            self._current = row_id
            self.current_claim_changed.emit(row_id)

    def current_claim(self) -> Claim | None:
        nb = self.notebook
        return nb.claims.get(self._current) if nb else None

    def current_suggestion(self) -> ClaimSuggestion | None:
        return self.suggestion(self._current)

    def suggestion(self, suggestion_id: str) -> ClaimSuggestion | None:
        if self.analysis is None or self.notebook is None:
            return None
        return next((s for s in building.open_suggestions(self.analysis, self.notebook)
                     if s.id == suggestion_id), None)

    def _exists(self, row_id: str, nb: Notebook) -> bool:
        if row_id in nb.claims:
            return True
        return self.analysis is not None and any(
            s.id == row_id for s in building.open_suggestions(self.analysis, nb))

    def rows(self) -> list[ClaimRow]:
        if self.doc is None or self.analysis is None or self.notebook is None:
            return []
        return build_rows(self.doc, self.analysis, self.notebook)

    # -- claim operations ------------------------------------------------------------------------

    def _add(self, claim: Claim) -> Claim | None:
        if not claim.spans:
            return None
        if not self.execute(AddClaim(claim)):
            return None
        self.set_current(claim.id)
        return claim

    def tag_pair(self, sentence_id: str) -> Claim | None:
        """A claim from sentence ``sentence_id`` and its aligned partner; an existing claim on
        exactly that pair is made current instead of adding a duplicate."""
        if self.analysis is None or self.notebook is None:
            return None
        claim = building.claim_from_pair(self.analysis, self.notebook, sentence_id)
        for existing in self.notebook.claims.values():
            if existing.spans == claim.spans:
                self.set_current(existing.id)
                return existing
        return self._add(claim)

    def claim_from_selection(self, span: Span) -> Claim | None:
        if self.analysis is None or self.notebook is None or span.start == span.end:
            return None
        return self._add(building.claim_from_selection(self.analysis, self.notebook, span))

    def set_claim_span(self, span: Span) -> bool:
        """Anchor the current claim at ``span`` in that language (the reader adjusting the
        proposed other-language span)."""
        claim = self.current_claim()
        if claim is None or self.analysis is None or span.start == span.end:
            return False
        new = building.with_span(self.analysis, claim, span)
        return self.execute(UpdateClaim.of(claim.id, spans=new.spans, sentences=new.sentences))

    def cycle_status(self, claim_id: str | None = None) -> bool:
        nb = self.notebook
        claim = nb.claims.get(claim_id or self._current) if nb else None
        if claim is None or nb is None:
            return False
        return self.execute(cycle_status(claim, nb.statuses))

    def update_claim(self, claim_id: str, **changes: Any) -> bool:
        """Change fields of a claim; unchanged values are dropped so no empty step is made."""
        nb = self.notebook
        claim = nb.claims.get(claim_id) if nb else None
        if claim is None:
            return False
        real = {k: v for k, v in changes.items() if getattr(claim, k) != v}
        if not real:
            return False
        return self.execute(UpdateClaim.of(claim_id, **real))

    def add_evidence(self, claim_id: str, evidence: Evidence) -> bool:
        claim = self.notebook.claims.get(claim_id) if self.notebook else None
        if claim is None or not evidence.value.strip():
            return False
        return self.execute(UpdateClaim.of(claim_id, evidence=(*claim.evidence, evidence)))

    def remove_evidence(self, claim_id: str, index: int) -> bool:
        claim = self.notebook.claims.get(claim_id) if self.notebook else None
        if claim is None or not 0 <= index < len(claim.evidence):
            return False
        kept = claim.evidence[:index] + claim.evidence[index + 1:]
        return self.execute(UpdateClaim.of(claim_id, evidence=kept))

    def delete_claim(self, claim_id: str) -> bool:
        if self.notebook is None or claim_id not in self.notebook.claims:
            return False
        return self.execute(DeleteClaim(claim_id))

    # -- suggestions -----------------------------------------------------------------------------

    def accept(self, suggestion_id: str) -> Claim | None:
        """Make a claim of the suggestion (one undo step). Nothing the reader wrote is touched:
        the new claim is added beside the existing ones."""
        sug = self.suggestion(suggestion_id)
        if sug is None or self.doc is None or self.analysis is None:
            return None
        return self._add(building.claim_from_suggestion(self.doc, self.analysis, sug))

    def dismiss(self, suggestion_id: str) -> bool:
        if self.suggestion(suggestion_id) is None:
            return False
        if self._current == suggestion_id:
            self.set_current("")
        return self.execute(DismissSuggestion(suggestion_id))

    def accept_all(self, suggestion_ids: list[str]) -> int:
        """Accept several suggestions as one undo step; returns how many."""
        if self.doc is None or self.analysis is None:
            return 0
        sugs = [s for sid in suggestion_ids if (s := self.suggestion(sid))]
        claims = [building.claim_from_suggestion(self.doc, self.analysis, s) for s in sugs]
        if not claims:
            return 0
        ok = self.execute(Batch(tuple(AddClaim(c) for c in claims), "Accept suggestions"))
        return len(claims) if ok else 0

    # -- notes -----------------------------------------------------------------------------------

    def add_note(self, note: Note) -> Note | None:
        return note if self.execute(AddNote(note)) else None

    def update_note(self, note_id: str, text: str) -> bool:
        note = self.notebook.notes.get(note_id) if self.notebook else None
        if note is None or note.text == text:
            return False
        return self.execute(UpdateNote.of(note_id, text=text))

    def delete_note(self, note_id: str) -> bool:
        if self.notebook is None or note_id not in self.notebook.notes:
            return False
        return self.execute(DeleteNote(note_id))


__all__ = ["POLL_MS", "ClaimsController"]
