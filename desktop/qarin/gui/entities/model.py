"""A two-level item model: entities (grouped by link) and, under each, its mentions.

Columns: entity name, label, Arabic mention count, English mention count. Row ids are plain
integers (0 for an entity row, parent row + 1 for a mention row): no Python object pointers.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from qarin.gui.entities.groups import EntityGroup

Index = QModelIndex | QPersistentModelIndex

HEADERS = ("Entity", "Label", "AR", "EN")
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
SPAN_ROLE = Qt.ItemDataRole.UserRole + 2
COL_NAME, COL_LABEL, COL_AR, COL_EN = range(4)


class EntityTreeModel(QAbstractItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._groups: list[EntityGroup] = []

    def set_groups(self, groups: list[EntityGroup]) -> None:
        self.beginResetModel()
        self._groups = list(groups)
        self.endResetModel()

    @property
    def groups(self) -> tuple[EntityGroup, ...]:
        return tuple(self._groups)

    # -- structure ---------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        if parent.internalId() == 0:
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid():
            return QModelIndex()
        pid = child.internalId()
        if pid == 0:
            return QModelIndex()
        return self.createIndex(pid - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.column() != 0:
            return 0
        if parent.internalId() == 0:
            return len(self._groups[parent.row()].mentions)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(HEADERS)):
            return HEADERS[section]
        return None

    # -- data --------------------------------------------------------------------------------

    def group_at(self, index: Index) -> EntityGroup | None:
        if not index.isValid():
            return None
        row = index.row() if index.internalId() == 0 else index.internalId() - 1
        return self._groups[row] if 0 <= row < len(self._groups) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        group = self.group_at(index)
        if group is None:
            return None
        col = index.column()
        if index.internalId() == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return (group.display_name, group.label, str(group.count("ar")),
                        str(group.count("en")))[col]
            if role == Qt.ItemDataRole.DecorationRole and col == COL_NAME:
                return QColor(group.colour)
            if role == Qt.ItemDataRole.ToolTipRole and col == COL_NAME:
                return (
                    f"{group.display_name}\n"
                    f"{group.label}: {group.count('ar')} Arabic, {group.count('en')} English"
                )
            if role == KEY_ROLE:
                return group.key
            return None
        mention = group.mentions[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (mention.text, mention.label, "1" if mention.lang == "ar" else "",
                    "1" if mention.lang == "en" else "")[col]
        if role == KEY_ROLE:
            return group.key
        if role == SPAN_ROLE:
            return (mention.lang, mention.start, mention.end)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_NAME and mention.lang == "ar":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
