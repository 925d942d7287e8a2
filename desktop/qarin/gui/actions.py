"""Every menu action and shortcut as data, in one table; the window builds its menus from it.

``handler`` names a method of MainWindow. Shortcuts are Qt standard keys where Qt has one, so
each platform gets its usual keys. Extensions add their own actions with ``window.menu(name)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from qarin.core.model import ACCURATE_ARABIC_DEFAULT

SK = QKeySequence.StandardKey

MENUS: tuple[str, ...] = ("&File", "&Edit", "&View", "&Claims", "&Help")


@dataclass(frozen=True)
class ActionSpec:
    id: str
    text: str
    menu: str
    handler: str
    shortcut: QKeySequence.StandardKey | str | None = None
    checkable: bool = False
    checked: bool = False
    separator_before: bool = False
    tip: str = ""
    # "notebook": enabled only while a notebook is open (the claims extension's actions).
    needs: str = ""


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("open", "&Open…", "&File", "open_dialog", SK.Open,
               tip="Open one file (both languages or TMX) or two files, one per language"),
    ActionSpec("open_sample", "Open the &Sample Article", "&File", "open_sample"),
    ActionSpec("close_document", "&Close Document", "&File", "close_document", SK.Close),
    ActionSpec("cancel_load", "Cancel &Loading", "&File", "cancel_load", "Esc"),
    ActionSpec("quit", "&Quit", "&File", "close", SK.Quit, separator_before=True),
    ActionSpec("copy", "&Copy", "&Edit", "copy_selection", SK.Copy),
    ActionSpec("select_all", "Select &All", "&Edit", "select_all", SK.SelectAll),
    ActionSpec("next_pair", "&Next Sentence Pair", "&View", "next_pair", "Alt+Down"),
    ActionSpec("previous_pair", "&Previous Sentence Pair", "&View", "previous_pair", "Alt+Up"),
    ActionSpec("switch_pane", "S&witch Pane", "&View", "switch_pane", "Ctrl+Tab"),
    ActionSpec("zoom_in", "Zoom &In", "&View", "zoom_in", SK.ZoomIn, separator_before=True),
    ActionSpec("zoom_out", "Zoom &Out", "&View", "zoom_out", SK.ZoomOut),
    ActionSpec("zoom_reset", "&Reset Zoom", "&View", "zoom_reset", "Ctrl+0"),
    ActionSpec("entity_colours", "&Entity Colours", "&View", "toggle_entity_colours",
               "Ctrl+E", checkable=True, checked=True, separator_before=True),
    ActionSpec("entity_dock", "Entity &List", "&View", "toggle_entity_dock", "Ctrl+Shift+E",
               checkable=True, checked=True),
    ActionSpec("scroll_sync", "&Scroll Together", "&View", "toggle_scroll_sync",
               checkable=True, checked=True),
    ActionSpec("english_pipeline", "English Entity &Pipeline…", "&View",
               "choose_english_pipeline", separator_before=True,
               tip="Use another installed spaCy pipeline for English entities"),
    ActionSpec("accurate_arabic", "&Accurate Arabic Entities", "&View",
               "toggle_accurate_arabic", checkable=True, checked=ACCURATE_ARABIC_DEFAULT,
               tip="Read Arabic names with a fine-tuned transformer too: more found right; "
                   "off, the fast model alone reads about twice as fast"),
    ActionSpec("about", "&About Qarin", "&Help", "about"),
)


def shortcut_of(spec: ActionSpec) -> QKeySequence | None:
    if spec.shortcut is None:
        return None
    return QKeySequence(spec.shortcut)


def build_menus(window: QWidget, menu_for: Callable[[str], QMenu],
                specs: tuple[ActionSpec, ...] = ACTIONS) -> dict[str, QAction]:
    """Create the actions of ``specs`` in their menus, connected to ``window.<handler>``."""
    actions: dict[str, QAction] = {}
    for spec in specs:
        action = QAction(spec.text, window)
        action.setObjectName(f"action-{spec.id}")
        seq = shortcut_of(spec)
        if seq is not None:
            action.setShortcut(seq)
        if spec.tip:
            action.setStatusTip(spec.tip)
        handler = getattr(window, spec.handler)
        if spec.checkable:
            action.setCheckable(True)
            action.setChecked(spec.checked)
            action.toggled.connect(handler)
        else:
            action.triggered.connect(lambda _checked=False, h=handler: h())
        menu = menu_for(spec.menu)
        if spec.separator_before:
            menu.addSeparator()
        menu.addAction(action)
        actions[spec.id] = action
    return actions
