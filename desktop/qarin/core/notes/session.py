"""One open notebook, as a window sees it: execute commands, undo, redo, and hear about changes.

``execute`` returns only after the change is committed to the store: that return *is* the
"saved" acknowledgement the GUI may show. Undo and redo are persisted the same way. The undo
history lives in the store, so it survives a restart and is shared by every window (or process)
that has this notebook open; ``refresh()`` is a cheap poll that picks up changes made elsewhere.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from qarin.core.errors import CommandFailed
from qarin.core.notes.commands import Clock, Command, iso_utc, utc_now
from qarin.core.notes.model import Notebook
from qarin.core.notes.store import NotebookState, NotebookStore

log = logging.getLogger(__name__)

Listener = Callable[[Notebook], None]


class NotebookSession:
    """The notebook for the document ``doc_hash`` in ``store``.

    ``title`` and ``sources`` describe a notebook that was never saved; a stored notebook keeps
    its own. Nothing is written until the first command.
    """

    def __init__(
        self,
        store: NotebookStore,
        doc_hash: str,
        *,
        title: str = "",
        sources: Iterable[str] = (),
        clock: Clock = utc_now,
    ) -> None:
        self._store = store
        self._clock = clock
        self._listeners: list[Listener] = []
        # Token first: a change landing between the two reads is then seen by refresh().
        self._token = store.change_token()
        stored = store.load(doc_hash)
        self._state = stored or NotebookState(Notebook(doc_hash, title, tuple(sources)))

    # -- what the GUI reads ----------------------------------------------------------------------

    @property
    def notebook(self) -> Notebook:
        return self._state.notebook

    @property
    def doc_hash(self) -> str:
        return self._state.notebook.doc_hash

    @property
    def revision(self) -> int:
        """How many changes the stored notebook has seen (0: never saved)."""
        return self._state.revision

    @property
    def can_undo(self) -> bool:
        return self._state.undo_label is not None

    @property
    def can_redo(self) -> bool:
        return self._state.redo_label is not None

    @property
    def undo_label(self) -> str | None:
        """E.g. "Add claim", for an "Undo Add claim" menu entry; None if nothing to undo."""
        return self._state.undo_label

    @property
    def redo_label(self) -> str | None:
        return self._state.redo_label

    # -- changes ---------------------------------------------------------------------------------

    def execute(self, cmd: Command) -> Notebook:
        """Apply ``cmd`` and save it; returns the new notebook once it is durably stored.

        If another window changed the notebook meanwhile, ``cmd`` is applied to that newer
        notebook. If it no longer fits (its claim was deleted there) CommandFailed is raised,
        nothing is saved, and this session shows the newer notebook.
        """
        at = iso_utc(self._clock())
        return self._run(lambda: self._store.execute(self._state, cmd.stamped(at), at))

    def undo(self) -> Notebook:
        at = iso_utc(self._clock())
        return self._run(lambda: self._store.undo(self._state, at))

    def redo(self) -> Notebook:
        at = iso_utc(self._clock())
        return self._run(lambda: self._store.redo(self._state, at))

    def _run(self, step: Callable[[], NotebookState]) -> Notebook:
        try:
            state = step()
        except CommandFailed:
            self.refresh()  # show what the notebook really is now
            raise
        self._set(state)
        return state.notebook

    def refresh(self) -> bool:
        """Reload if another window or process changed the notebook; True if it did.

        Cheap when nothing changed (one PRAGMA), so the GUI can call it on a timer.
        """
        token = self._store.change_token()
        if token == self._token:
            return False
        self._token = token
        if self._store.revision(self.doc_hash) == self._state.revision:
            return False
        stored = self._store.load(self.doc_hash)
        if stored is None:
            return False
        self._set(stored)
        return True

    # -- listeners -------------------------------------------------------------------------------

    def subscribe(self, callback: Listener) -> Callable[[], None]:
        """Call ``callback(notebook)`` after every change; returns a function that unsubscribes."""
        self._listeners.append(callback)

        def unsubscribe() -> None:
            if callback in self._listeners:
                self._listeners.remove(callback)

        return unsubscribe

    def _set(self, state: NotebookState) -> None:
        self._state = state
        for callback in list(self._listeners):
            # The change is already saved: a failing view must not make it look unsaved,
            # nor keep the other views from updating.
            try:
                callback(state.notebook)
            except Exception:
                log.exception("notebook listener %r failed", callback)
