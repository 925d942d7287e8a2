"""The claims, notes, undo and export actions, declared as data: one table of names, menu
texts, shortcuts and the extension slot each one calls. Standard key sequences where Qt has
them (Undo, Redo), and no shortcut that a text field needs (Ctrl+C, Ctrl+A, Delete, ...)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from qarin.gui.actions import ActionSpec

StandardKey = QKeySequence.StandardKey


def _action(*args: object, **kw: object) -> ActionSpec:
    """These act on the open notebook, so they are enabled only while one is open."""
    return ActionSpec(*args, **{"needs": "notebook", **kw})  # type: ignore[arg-type]


ACTIONS: tuple[ActionSpec, ...] = (
    _action("edit.undo", "&Undo", "&Edit", "undo", StandardKey.Undo,
               tip="Undo the last change to your claims and notes"),
    _action("edit.redo", "&Redo", "&Edit", "redo", StandardKey.Redo,
               tip="Redo the change you undid"),
    _action("file.import", "&Import Notes…", "&File", "import_notes", "Ctrl+Alt+I",
            tip="Merge a Qarin notes file or Qarin's W3C annotations into this notebook"),
    _action("file.export", "&Export…", "&File", "export", "Ctrl+Alt+E",
               tip="Export claims and notes (Markdown, CSV, JSON, PDF, …)"),
    _action("claims.tag_pair", "&Tag Sentence Pair as Claim", "&Claims", "tag_pair",
               "Ctrl+Shift+C", tip="Make a claim of the current sentence and its translation"),
    _action("claims.from_selection", "Claim from &Selection", "&Claims", "claim_from_selection",
               "Ctrl+Alt+C", tip="Make a claim of the selected text; the aligned text in the other "
               "language is proposed"),
    _action("claims.set_other_span", "Set &Other-Language Span", "&Claims", "set_claim_span",
               "Ctrl+Alt+O", tip="Anchor the current claim at the text selected in a pane"),
    _action("claims.cycle_status", "C&ycle Status", "&Claims", "cycle_status", "Ctrl+Shift+S",
               tip="Move the current claim to its next status"),
    _action("claims.accept", "&Accept Suggestion", "&Claims", "accept", "Ctrl+Shift+A",
               tip="Make the current suggestion a claim"),
    _action("claims.dismiss", "&Dismiss Suggestion", "&Claims", "dismiss", "Ctrl+Shift+D",
               tip="Do not suggest the current suggestion again"),
    _action("claims.delete", "De&lete Claim", "&Claims", "delete_claim", None,
               tip="Delete the current claim (Delete in the claims table)"),
    _action("claims.next", "&Next Claim", "&Claims", "next_claim", "F8",
               tip="Go to the next claim or suggestion in the panel"),
    _action("claims.previous", "Pre&vious Claim", "&Claims", "previous_claim", "Shift+F8",
               tip="Go to the previous claim or suggestion in the panel"),
    _action("claims.note", "Add Not&e", "&Claims", "add_note", "Ctrl+Alt+N",
               tip="A note on the selected text, or else on the current sentence pair"),
    _action("claims.note_document", "Add Note on Docu&ment", "&Claims", "add_document_note",
               None, tip="A note on the whole document"),
    _action("view.new_window", "New &Window", "&View", "new_window", "Ctrl+Shift+N",
               tip="Open this document in a second window (both edit the same notebook)"),
    _action("claims.panel", "Claims &Panel", "&Claims", "focus_panel", "F9",
               tip="Show the claims panel and put the keyboard in it", needs=""),
)

