"""Undo in the GUI: one generic QUndoCommand around a core notebook command.

The core owns the change (``Command.apply``/``inverse``) and its persistence: the
NotebookSession saves every execute, undo and redo to the store before returning, and keeps the
undo history there. A window's QUndoStack is a *view* of the top of that history: each entry is
one ``NotebookUndoCommand`` whose first redo() executes the core command through the session and
whose later undo()/redo() call ``session.undo()``/``session.redo()``. So Edit > Undo undoes
exactly what the store undoes, and every step is saved like any other change.

The stack and the stored history only line up while this window is the only writer. Before
every step ``NotebookHistory`` polls ``session.refresh()``; if another window or process changed
the notebook, the stack is *cleared* (not rebased), so this window never replays a step that no
longer sits on top of the stored history. The same happens after a failed step.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from qarin.core.errors import NotebookError
from qarin.core.notes.commands import Command
from qarin.core.notes.session import NotebookSession

log = logging.getLogger(__name__)


class NotebookUndoCommand(QUndoCommand):
    """One core command on the QUndoStack; Qt calls redo() when it is pushed."""

    def __init__(self, session: NotebookSession, command: Command,
                 report: Callable[[NotebookError | None], None]) -> None:
        super().__init__(command.label)
        self._session = session
        self._command = command
        self._report = report
        self._executed = False

    @property
    def command(self) -> Command:
        return self._command

    def redo(self) -> None:
        if self._executed:
            self._step(self._session.redo)
        else:
            self._executed = self._step(lambda: self._session.execute(self._command))

    def undo(self) -> None:
        self._step(self._session.undo)

    def _step(self, step: Callable[[], object]) -> bool:
        # Qt calls redo()/undo() from C++: an exception here would be lost (or abort), so the
        # error is reported and the command marked obsolete, which makes the stack drop it.
        try:
            step()
        except NotebookError as e:
            log.warning("notebook step %r failed: %s", self.text(), e)
            self.setObsolete(True)
            self._report(e)
            return False
        self._report(None)
        return True


class NotebookHistory(QObject):
    """A window's undo stack over one NotebookSession.

    ``change_saved(datetime)`` follows every step the store acknowledged (the "Saved" label);
    ``save_failed(str)`` carries the one-line message of a step the store refused;
    ``history_cleared()`` says the stack was emptied because the notebook changed elsewhere.
    """

    change_saved = Signal(object)
    save_failed = Signal(str)
    history_cleared = Signal()

    def __init__(self, session: NotebookSession, parent: QObject | None = None, *,
                 limit: int = 1000) -> None:
        super().__init__(parent)
        self.session = session
        self.stack = QUndoStack(self)
        # Never offer more steps than the store keeps (its history_limit).
        self.stack.setUndoLimit(limit)
        self._failed = False

    # -- steps -----------------------------------------------------------------------------------

    def execute(self, command: Command) -> bool:
        """Run ``command`` as a new undo step; True if it was saved."""
        self.sync()
        self._failed = False
        self.stack.push(NotebookUndoCommand(self.session, command, self._on_step_reported))
        self._clear_after_failure()
        return not self._failed

    def undo(self) -> None:
        if self.sync() or not self.stack.canUndo():
            return
        self._failed = False
        self.stack.undo()
        self._clear_after_failure()

    def redo(self) -> None:
        if self.sync() or not self.stack.canRedo():
            return
        self._failed = False
        self.stack.redo()
        self._clear_after_failure()

    def sync(self) -> bool:
        """Pick up changes made elsewhere; True (and the stack cleared) if there were any."""
        try:
            changed = self.session.refresh()
        except NotebookError as e:
            self.save_failed.emit(str(e))
            return False
        if changed:
            self._clear()
        return changed

    # -- internals -------------------------------------------------------------------------------

    def _on_step_reported(self, error: NotebookError | None) -> None:
        if error is None:
            self.change_saved.emit(datetime.now().astimezone())
        else:
            self._failed = True
            self.save_failed.emit(str(error))

    def _clear_after_failure(self) -> None:
        # A refused step may leave the stored history and this stack out of step (or the
        # session reloaded a newer notebook): start this window's history afresh.
        if self._failed:
            self._clear()

    def _clear(self) -> None:
        if self.stack.count():
            self.stack.clear()
            self.history_cleared.emit()
