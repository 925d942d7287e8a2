"""The claims table: a thin Qt model over ClaimRow values, and the proxy that filters and
sorts it for the panel."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from qarin.core.text.normalize import normalize_arabic
from qarin.gui.claims.rows import SNIPPET, SUGGESTION_STATUS, ClaimRow

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
# The language of a cell's text, so the delegate lays out Arabic right to left.
LANG_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex
_SUGGESTION_COLOUR = QColor("#6b6b6b")


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…"


# (header, display value, sort value, text language or None)
_Column = tuple[str, Callable[[ClaimRow], str], Callable[[ClaimRow], Any], str | None]
COLUMNS: tuple[_Column, ...] = (
    ("Pair", lambda r: str(r.pair) if r.pair else "", lambda r: r.order, None),
    ("Status", lambda r: r.status + (" (hedged)" if r.kind == "suggestion" and r.hedged else ""),
     lambda r: (r.kind == "suggestion", r.status), None),
    ("Claimant", lambda r: r.claimant, lambda r: r.claimant.casefold(), None),
    ("Cue", lambda r: r.cue, lambda r: r.cue.casefold(), None),
    ("Arabic", lambda r: _snippet(r.texts.get("ar", "")), lambda r: r.texts.get("ar", ""), "ar"),
    ("English", lambda r: _snippet(r.texts.get("en", "")),
     lambda r: r.texts.get("en", "").casefold(), "en"),
    ("Tags", lambda r: ", ".join(r.tags), lambda r: ", ".join(r.tags).casefold(), None),
)
COL_ARABIC = 4
COL_ENGLISH = 5


class ClaimsTableModel(QAbstractTableModel):
    """Rows are replaced wholesale from the notebook; when the ids stay the same (an edit)
    only dataChanged is emitted, so the view keeps its selection and scroll position."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ClaimRow] = []

    # -- updates ---------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[ClaimRow]) -> None:
        rows = list(rows)
        if [r.id for r in rows] == [r.id for r in self._rows]:
            changed = [i for i, (a, b) in enumerate(zip(self._rows, rows, strict=True)) if a != b]
            self._rows = rows
            for i in changed:
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(COLUMNS) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_of(self, row_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == row_id), -1)

    def rows(self) -> list[ClaimRow]:
        return list(self._rows)

    # -- QAbstractItemModel ----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        _, show, sort_key, lang = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return show(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.texts.get(lang, "") if lang else show(row)
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return sort_key(row)
        if role == LANG_ROLE:
            return lang
        if role == Qt.ItemDataRole.TextAlignmentRole and lang == "ar":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if row.kind == "suggestion":  # suggestions look provisional: grey italic
            if role == Qt.ItemDataRole.ForegroundRole:
                return _SUGGESTION_COLOUR
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setItalic(True)
                return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return COLUMNS[section][0]
        return None


_FILTERS = ("status", "tag", "claimant", "lang", "show_suggestions")


class ClaimsFilterProxy(QSortFilterProxyModel):
    """Filters by status (or "suggestion"), tag, claimant text and language; sorts on
    SORT_ROLE values (tuples and strings, compared in Python)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.status: str | None = None
        self.tag: str | None = None
        self.claimant = ""
        self.lang: str | None = None
        self.show_suggestions = True
        self.setSortRole(SORT_ROLE)

    def set_filter(self, **values: Any) -> None:
        for name in values:
            if name not in _FILTERS:
                raise AttributeError(name)
        # invalidateFilter() is deprecated from Qt 6.10 (a DeprecationWarning in PySide6);
        # begin/endFilterChange() do not exist before 6.10, and 6.8 is supported.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self._set(values)
            self.endFilterChange()
        else:  # pragma: no cover - Qt < 6.10
            self._set(values)
            self.invalidateFilter()

    def _set(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            setattr(self, name, value)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        row: ClaimRow | None = model.index(source_row, 0, source_parent).data(ROW_ROLE)
        if row is None:
            return False
        if row.kind == "suggestion" and not self.show_suggestions:
            return False
        if self.status is not None and row.status != self.status:
            return False
        if self.tag is not None and self.tag not in row.tags:
            return False
        if self.lang is not None and self.lang not in row.langs:
            return False
        if self.claimant:
            wanted = normalize_arabic(self.claimant).casefold()
            return wanted in normalize_arabic(row.claimant).casefold()
        return True

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a is None or b is None:
            return b is not None
        try:
            return bool(a < b)
        except TypeError:  # mixed types never happen per column, but never crash a sort
            return str(a) < str(b)


__all__ = [
    "COLUMNS",
    "COL_ARABIC",
    "COL_ENGLISH",
    "LANG_ROLE",
    "ROW_ROLE",
    "SORT_ROLE",
    "SUGGESTION_STATUS",
    "ClaimsFilterProxy",
    "ClaimsTableModel",
]
