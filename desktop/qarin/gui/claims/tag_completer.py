"""Completing the last of several comma-separated tags from the notebook's vocabulary."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget


def split_tags(text: str) -> tuple[str, ...]:
    """"a, b ,, a" -> ("a", "b"): blanks dropped, repeats dropped, first order kept."""
    return tuple(dict.fromkeys(t.strip() for t in text.split(",") if t.strip()))


def join_tags(tags: tuple[str, ...]) -> str:
    return ", ".join(tags)


class TagCompleter(QCompleter):
    """QCompleter completes a whole line; tags are a list, so only the text after the last
    comma is matched, and choosing a tag keeps the ones before it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self._words = QStringListModel()
        super().__init__(self._words, parent)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)

    def set_vocabulary(self, tags: tuple[str, ...]) -> None:
        if tuple(self._words.stringList()) != tags:
            self._words.setStringList(list(tags))

    def vocabulary(self) -> tuple[str, ...]:
        return tuple(self._words.stringList())

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        tag = str(index.data())
        editor = self.widget()
        text = editor.text() if isinstance(editor, QLineEdit) else ""
        head = [t.strip() for t in text.split(",")[:-1] if t.strip()]
        return join_tags((*head, tag))
