"""The claims panel: filters, the table of claims and suggestions, the claim editor or the
suggestion's Accept/Dismiss, and the notes tab.

It shows the controller's notebook and calls the controller; the selection in the table is the
controller's current claim, so menus, shortcuts and the panel act on the same thing.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qarin.core.notes.model import Notebook
from qarin.gui.claims.claims_model import (
    COL_ARABIC,
    COL_ENGLISH,
    LANG_ROLE,
    ROW_ROLE,
    SUGGESTION_STATUS,
    ClaimsFilterProxy,
    ClaimsTableModel,
)
from qarin.gui.claims.controller import ClaimsController
from qarin.gui.claims.editor import ClaimEditor
from qarin.gui.claims.notes_panel import NotesPanel
from qarin.gui.claims.rows import ClaimRow
from qarin.gui.fonts import ARABIC_SCALE, load_fonts

_ALL = None  # the "no filter" item's data


class _DirectionDelegate(QStyledItemDelegate):
    """Lays out Arabic cells right to left (a left-to-right table would move an Arabic
    sentence's final punctuation to its start)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._arabic_family = load_fonts().arabic

    def initStyleOption(self, option: QStyleOptionViewItem, index: Any) -> None:
        super().initStyleOption(option, index)
        if index.data(LANG_ROLE) == "ar":
            option.direction = Qt.LayoutDirection.RightToLeft
            # The same Naskh face as the Arabic pane, scaled as there, not a fallback font.
            font = QFont(option.font)
            font.setFamily(self._arabic_family)
            font.setPointSizeF(font.pointSizeF() * ARABIC_SCALE)
            font.setItalic(False)  # Naskh has no italic: a slanted copy reads badly
            option.font = font


class _Filters(QWidget):
    """Status, tag, claimant, language, and whether suggestions are listed."""

    def __init__(self, proxy: ClaimsFilterProxy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._proxy = proxy
        self.status = QComboBox()
        self.status.setAccessibleName("Filter by status")
        self.tag = QComboBox()
        self.tag.setAccessibleName("Filter by tag")
        self.claimant = QLineEdit()
        self.claimant.setPlaceholderText("Claimant…")
        self.claimant.setClearButtonEnabled(True)
        self.claimant.setAccessibleName("Filter by claimant")
        self.lang = QComboBox()
        self.lang.setAccessibleName("Filter by language")
        for text, data in (("Both languages", _ALL), ("Arabic", "ar"), ("English", "en")):
            self.lang.addItem(text, data)
        self.suggestions = QCheckBox("S&uggestions")
        self.suggestions.setChecked(True)
        self.suggestions.setToolTip("List claim suggestions found in the text")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for w in (self.status, self.tag, self.claimant, self.lang, self.suggestions):
            row.addWidget(w)
        row.setStretch(2, 1)
        self.status.currentIndexChanged.connect(self._on_filter_changed)
        self.tag.currentIndexChanged.connect(self._on_filter_changed)
        self.lang.currentIndexChanged.connect(self._on_filter_changed)
        self.claimant.textChanged.connect(self._on_filter_changed)
        self.suggestions.toggled.connect(self._on_filter_changed)

    def show_vocabulary(self, notebook: Notebook | None) -> None:
        """Refill the status and tag choices, keeping the reader's choice when it still exists."""
        statuses = list(notebook.statuses) if notebook else []
        if notebook is not None:
            statuses += [c.status for c in notebook.claims.values() if c.status not in statuses]
        self._refill(self.status, "All statuses",
                     [(s, s) for s in dict.fromkeys(statuses)]
                     + [("Suggestions", SUGGESTION_STATUS)])
        self._refill(self.tag, "All tags", [(t, t) for t in (notebook.tags if notebook else ())])

    def _refill(self, combo: QComboBox, all_text: str, items: list[tuple[str, str]]) -> None:
        wanted = [(all_text, _ALL), *items]
        have = [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]
        if have == wanted:
            return
        keep = combo.currentData()
        combo.blockSignals(True)
        try:
            combo.clear()
            for text, data in wanted:
                combo.addItem(text, data)
            i = combo.findData(keep) if keep is not None else 0
            combo.setCurrentIndex(max(i, 0))
        finally:
            combo.blockSignals(False)
        self._on_filter_changed()

    def _on_filter_changed(self, *_args: object) -> None:
        self._proxy.set_filter(
            status=self.status.currentData(), tag=self.tag.currentData(),
            claimant=self.claimant.text().strip(), lang=self.lang.currentData(),
            show_suggestions=self.suggestions.isChecked())


class _SuggestionView(QWidget):
    """What a suggestion says and the two decisions on it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.accept = QPushButton("&Accept")
        self.accept.setToolTip("Make it a claim (status unverified)")
        self.dismiss = QPushButton("&Dismiss")
        self.dismiss.setToolTip("Do not suggest it again")
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept)
        buttons.addWidget(self.dismiss)
        buttons.addStretch(1)
        box = QVBoxLayout(self)
        box.addWidget(self.text)
        box.addLayout(buttons)
        box.addStretch(1)

    def show_row(self, row: ClaimRow) -> None:
        title = "<b>Suggested claim</b>" + (f" (pair {row.pair})" if row.pair else "")
        parts = [title,
                 f"Claimant: {html.escape(row.claimant or '—')}",
                 f"Cue: {html.escape(row.cue or '—')}"]
        if row.hedged:
            parts.append("<i>Hedged in the text: accepting keeps it unverified and tags it "
                          "“hedged”.</i>")
        self.text.setText("<br>".join(parts))


class ClaimsPanel(QWidget):
    """``row_activated(ClaimRow)`` asks the window to show the claim in both panes."""

    row_activated = Signal(object)

    def __init__(self, controller: ClaimsController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.model = ClaimsTableModel(self)
        self.proxy = ClaimsFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        controller.notebook_changed.connect(self._on_controller_notebook_changed)
        controller.current_claim_changed.connect(self._on_controller_current_claim_changed)

    # -- layout ----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.filters = _Filters(self.proxy)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Claims and suggestions")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.setItemDelegate(_DirectionDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for col, width in enumerate((48, 150, 140, 110, 240, 240, 100)):
            self.table.setColumnWidth(col, width)
        # The two texts share what room there is; the short columns keep their width.
        for col in (COL_ARABIC, COL_ENGLISH):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.table.activated.connect(self._on_table_activated)
        # Delete in the table deletes the claim (only there: Delete in a text field edits).
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self._on_delete_shortcut_activated)

        self.editor = ClaimEditor(self.controller)
        self.suggestion = _SuggestionView()
        self.suggestion.accept.clicked.connect(self._on_accept_clicked)
        self.suggestion.dismiss.clicked.connect(self._on_dismiss_clicked)
        self.hint = QLabel("Select a claim or suggestion, or tag a sentence pair "
                           "(Claims menu).")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.details = QStackedWidget()
        for w in (self.hint, self.editor, self.suggestion):
            self.details.addWidget(w)

        # Table beside the details: the panel is a wide, low dock under the two texts.
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.filters)
        box.addWidget(self.table, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        # The editor has many fields; scrolling it keeps the dock low so the texts keep the
        # window's height (the reader's main work is reading).
        details_scroll = QScrollArea()
        details_scroll.setWidget(self.details)
        details_scroll.setWidgetResizable(True)
        details_scroll.setFrameShape(QFrame.Shape.NoFrame)
        details_scroll.setMinimumHeight(120)
        details_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        split.addWidget(details_scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        self.details.setMinimumWidth(360)
        claims_tab = QWidget()
        outer_box = QVBoxLayout(claims_tab)
        outer_box.setContentsMargins(4, 4, 4, 4)
        outer_box.addWidget(split)

        self.notes = NotesPanel(self.controller)
        self.tabs = QTabWidget()
        self.tabs.addTab(claims_tab, "Claim&s")
        self.tabs.addTab(self.notes, "&Notes")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.tabs)

    def sizeHint(self) -> QSize:
        # A low, wide panel under the texts; QMainWindow sizes a new dock from this.
        return QSize(900, 300)

    # -- from the controller ---------------------------------------------------------------------

    def _on_controller_notebook_changed(self, notebook: Notebook | None) -> None:
        self.filters.show_vocabulary(notebook)
        self.model.set_rows(self.controller.rows())
        self.notes.show_notebook(notebook)
        self._select(self.controller.current_id)
        self._show_details()

    def _on_controller_current_claim_changed(self, row_id: str) -> None:
        self._select(row_id)
        self._show_details()

    def _select(self, row_id: str) -> None:
        row = self.model.row_of(row_id) if row_id else -1
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else QModelIndex()
        if index == self.table.currentIndex() and (index.isValid() or not row_id):
            return
        sel = self.table.selectionModel()
        if index.isValid():
            sel.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)
        else:
            sel.clear()

    def _show_details(self) -> None:
        row = self.current_row()
        nb, analysis = self.controller.notebook, self.controller.analysis
        if row is not None and row.kind == "claim" and nb is not None and analysis is not None:
            self.editor.show_claim(nb.claims.get(row.id), nb, analysis)
            self.details.setCurrentWidget(self.editor)
        elif row is not None and row.kind == "suggestion":
            self.suggestion.show_row(row)
            self.details.setCurrentWidget(self.suggestion)
        else:
            self.details.setCurrentWidget(self.hint)

    # -- reading the selection -------------------------------------------------------------------

    def current_row(self) -> ClaimRow | None:
        row = self.model.row_of(self.controller.current_id)
        return self.model.rows()[row] if row >= 0 else None

    def visible_ids(self) -> list[str]:
        """Row ids in the order the table shows them (for next/previous claim)."""
        return [self.proxy.index(r, 0).data(ROW_ROLE).id for r in range(self.proxy.rowCount())]

    # -- slots -----------------------------------------------------------------------------------

    def _on_table_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row: ClaimRow | None = current.data(ROW_ROLE) if current.isValid() else None
        if row is not None:
            self.editor.commit_pending()
            self.controller.set_current(row.id)

    def _on_table_activated(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is not None:
            self.row_activated.emit(row)

    def accept_current(self) -> None:
        """Accept the selected row if it is a suggestion (button and shortcut alike)."""
        row = self.current_row()
        if row is not None and row.kind == "suggestion":
            self.controller.accept(row.id)

    def dismiss_current(self) -> None:
        row = self.current_row()
        if row is not None and row.kind == "suggestion":
            self.controller.dismiss(row.id)

    def _on_accept_clicked(self) -> None:
        self.accept_current()

    def _on_dismiss_clicked(self) -> None:
        self.dismiss_current()

    def _on_delete_shortcut_activated(self) -> None:
        row = self.current_row()
        if row is None:
            return
        if row.kind == "claim":
            self.controller.delete_claim(row.id)
        else:
            self.controller.dismiss(row.id)


__all__ = ["ClaimsPanel"]
