"""The entity dock: the legend above a tree of entities grouped by cross-language link."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLabel,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from qarin.gui.entities.groups import EntityGroup
from qarin.gui.entities.legend import EntityLegend
from qarin.gui.entities.model import COL_NAME, KEY_ROLE, SPAN_ROLE, EntityTreeModel


class EntityDock(QDockWidget):
    entity_chosen = Signal(str)
    mention_chosen = Signal(str, int, int)  # lang, start, end (code points)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Entities", parent)
        self.setObjectName("entity-dock")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.legend = EntityLegend(body)
        self.model = EntityTreeModel(self)
        self.view = QTreeView(body)
        self.view.setObjectName("entity-view")
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setUniformRowHeights(True)
        # "English · Arabic" names: cut in the middle so that a narrow dock still shows the
        # start of the English and the end of the Arabic name (the tooltip has both whole).
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.empty_label = QLabel("No entities in this document.", body)
        self.empty_label.setWordWrap(True)
        self.legend_title = QLabel("Labels (untick to hide a colour)", body)
        layout.addWidget(self.legend_title)
        layout.addWidget(self.legend)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label)
        self.setWidget(body)
        self.view.selectionModel().selectionChanged.connect(
            self._on_view_selection_changed)
        self.view.activated.connect(self._on_view_activated)
        self.setMinimumWidth(260)

    def set_groups(self, groups: list[EntityGroup], hidden: set[str]) -> None:
        self.model.set_groups(groups)
        counts: Counter[str] = Counter()
        for g in groups:
            counts[g.label] += len(g.mentions)
        self.legend.set_labels(dict(counts), hidden)
        self.empty_label.setVisible(not groups)
        self.legend.setVisible(bool(groups))
        self.legend_title.setVisible(bool(groups))

    def choose(self, key: str) -> bool:
        """Select the entity ``key`` in the view (emits entity_chosen)."""
        for row, group in enumerate(self.model.groups):
            if group.key == key:
                self.view.setCurrentIndex(self.model.index(row, 0))
                return True
        return False

    def _on_view_selection_changed(self, selected: QItemSelection,
                                   _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            self._choose(indexes[0])

    def _on_view_activated(self, index: QModelIndex) -> None:
        self._choose(index)

    def _choose(self, index: QModelIndex) -> None:
        key = self.model.data(index, KEY_ROLE)
        if key:
            self.entity_chosen.emit(key)
        span = self.model.data(index, SPAN_ROLE)
        if span:
            self.mention_chosen.emit(*span)
