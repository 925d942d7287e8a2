"""One root error with stable codes, so the CLI and the GUI report failures the same way."""

from __future__ import annotations


class QarinError(Exception):
    """A failure the user can act on. ``str(err)`` is the one-line message shown to them."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ImportFailed(QarinError):
    """A file could not be read as a document (empty, binary, undecodable, no text)."""

    code = "E100"

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class NotebookError(QarinError):
    """The notebook store refused an operation (newer schema, locked, corrupt)."""

    code = "E200"


class ExportFailed(QarinError):
    """An exporter could not write its file."""

    code = "E300"


class ModelUnavailable(QarinError):
    """A language pipeline named in the settings is not installed."""

    code = "E400"


class CommandFailed(NotebookError):
    """A notebook command does not fit the notebook as it is now (for instance the claim it edits
    was deleted in another window). Nothing was changed."""

    code = "E201"


class NotebookTooNew(NotebookError):
    """The notebook database was written by a newer Qarin; it is left untouched."""

    code = "E202"


class NotebookDamaged(NotebookError):
    """The notebook database (or a record in it) cannot be read; it is left untouched."""

    code = "E203"


class NotebookBusy(NotebookError):
    """Another Qarin process held the notebook database locked for too long."""

    code = "E204"


class InvalidNotebookData(NotebookError):
    """A notebook dict (from the store or an imported file) does not have the expected shape."""

    code = "E205"
