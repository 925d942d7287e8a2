"""The one place that turns errors into dialogs, chosen by the error's type.

A ``QarinError`` shows its one-line message; anything else is a bug: it is logged with its
traceback and the dialog says so without showing the traceback.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from qarin.core.errors import (
    ExportFailed,
    ImportFailed,
    ModelUnavailable,
    NotebookError,
    QarinError,
)

log = logging.getLogger(__name__)

TITLES: tuple[tuple[type[QarinError], str], ...] = (
    (ImportFailed, "Cannot open the file"),
    (NotebookError, "Notebook problem"),
    (ExportFailed, "Export failed"),
    (ModelUnavailable, "Language model missing"),
    (QarinError, "Qarin"),
)


def title_for(err: BaseException) -> str:
    for cls, title in TITLES:
        if isinstance(err, cls):
            return title
    return "Unexpected error"


def message_box(parent: QWidget | None, err: BaseException) -> QMessageBox:
    """The dialog for ``err`` (not yet shown)."""
    if isinstance(err, QarinError):
        icon = QMessageBox.Icon.Warning
        text = str(err)
        informative = f"Error {err.code}"
    else:
        icon = QMessageBox.Icon.Critical
        text = "Something went wrong inside Qarin. Your document and notes are unchanged."
        informative = f"{type(err).__name__}: {err}"
    box = QMessageBox(icon, title_for(err), text, QMessageBox.StandardButton.Ok, parent)
    box.setInformativeText(informative)
    return box


def _exec(box: QMessageBox) -> None:
    """Show the dialog modally (tests replace this to capture the dialog)."""
    box.exec()


def show_error(parent: QWidget | None, err: BaseException) -> None:
    if isinstance(err, QarinError):
        log.info("user-facing error %s: %s", err.code, err)
    else:
        log.error("unexpected error", exc_info=err)
    _exec(message_box(parent, err))
