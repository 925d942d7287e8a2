"""The legend: one checkable row per entity label, in the label's colour."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from qarin.gui.entities.palette import colour_for


def swatch(colour: QColor, size: int = 14) -> QIcon:
    pix = QPixmap(size, size)
    pix.fill(colour)
    return QIcon(pix)


class EntityLegend(QListWidget):
    label_toggled = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entity-legend")
        self._updating = False
        self.itemChanged.connect(self._on_self_item_changed)

    def set_labels(self, counts: dict[str, int], hidden: set[str]) -> None:
        self._updating = True
        self.clear()
        for label in sorted(counts):
            item = QListWidgetItem(swatch(colour_for(label)), f"{label}  ({counts[label]})")
            item.setData(Qt.ItemDataRole.UserRole, label)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Unchecked if label in hidden else Qt.CheckState.Checked
            )
            self.addItem(item)
        self._updating = False
        rows = max(1, self.count())
        self.setMaximumHeight(min(8, rows) * (self.sizeHintForRow(0) + 2) + 6)

    def item_for(self, label: str) -> QListWidgetItem | None:
        for i in range(self.count()):
            item = self.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == label:
                return item
        return None

    def set_shown(self, label: str, shown: bool) -> None:
        item = self.item_for(label)
        if item is not None:
            item.setCheckState(Qt.CheckState.Checked if shown else Qt.CheckState.Unchecked)

    def hidden_labels(self) -> set[str]:
        return {
            self.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.count())
            if self.item(i).checkState() != Qt.CheckState.Checked
        }

    def _on_self_item_changed(self, item: QListWidgetItem) -> None:
        if not self._updating:
            self.label_toggled.emit(item.data(Qt.ItemDataRole.UserRole),
                                    item.checkState() == Qt.CheckState.Checked)
