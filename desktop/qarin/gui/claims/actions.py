"""The claims, notes, undo and export actions, declared as data: one table of names, menu
texts, shortcuts and the extension slot each one calls. Standard key sequences where Qt has
them (Undo, Redo), and no shortcut that a text field needs (Ctrl+C, Ctrl+A, Delete, ...)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence

StandardKey = QKeySequence.StandardKey


@dataclass(frozen=True, slots=True)
class ActionSpec:
    name: str  # stable id, also the QAction's objectName
    text: str  # menu text with its & mnemonic
    menu: str  # the window menu it goes in
    slot: str  # ClaimsExtension method name (called with no arguments)
    shortcut: str | StandardKey | None = None
    tip: str = ""
    needs: str = "notebook"  # "notebook": enabled while a notebook is open; "" always


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("edit.undo", "&Undo", "&Edit", "undo", StandardKey.Undo,
               "Undo the last change to your claims and notes"),
    ActionSpec("edit.redo", "&Redo", "&Edit", "redo", StandardKey.Redo,
               "Redo the change you undid"),
    ActionSpec("file.export", "&Export…", "&File", "export", "Ctrl+Alt+E",
               "Export claims and notes (Markdown, CSV, JSON, PDF, …)"),
    ActionSpec("claims.tag_pair", "&Tag Sentence Pair as Claim", "&Claims", "tag_pair",
               "Ctrl+Shift+C", "Make a claim of the current sentence and its translation"),
    ActionSpec("claims.from_selection", "Claim from &Selection", "&Claims", "claim_from_selection",
               "Ctrl+Alt+C", "Make a claim of the selected text; the aligned text in the other "
               "language is proposed"),
    ActionSpec("claims.set_other_span", "Set &Other-Language Span", "&Claims", "set_claim_span",
               "Ctrl+Alt+O", "Anchor the current claim at the text selected in a pane"),
    ActionSpec("claims.cycle_status", "C&ycle Status", "&Claims", "cycle_status", "Ctrl+Shift+S",
               "Move the current claim to its next status"),
    ActionSpec("claims.accept", "&Accept Suggestion", "&Claims", "accept", "Ctrl+Shift+A",
               "Make the current suggestion a claim"),
    ActionSpec("claims.dismiss", "&Dismiss Suggestion", "&Claims", "dismiss", "Ctrl+Shift+D",
               "Do not suggest the current suggestion again"),
    ActionSpec("claims.delete", "De&lete Claim", "&Claims", "delete_claim", None,
               "Delete the current claim (Delete in the claims table)"),
    ActionSpec("claims.next", "&Next Claim", "&Claims", "next_claim", "F8",
               "Go to the next claim or suggestion in the panel"),
    ActionSpec("claims.previous", "Pre&vious Claim", "&Claims", "previous_claim", "Shift+F8",
               "Go to the previous claim or suggestion in the panel"),
    ActionSpec("claims.note", "Add Not&e", "&Claims", "add_note", "Ctrl+Alt+N",
               "A note on the selected text, or else on the current sentence pair"),
    ActionSpec("claims.note_document", "Add Note on Docu&ment", "&Claims", "add_document_note",
               None, "A note on the whole document"),
    ActionSpec("view.new_window", "New &Window", "&View", "new_window", "Ctrl+Shift+N",
               "Open this document in a second window (both edit the same notebook)"),
    ActionSpec("claims.panel", "Claims &Panel", "&Claims", "focus_panel", "F9",
               "Show the claims panel and put the keyboard in it", needs=""),
)


def key_sequence(spec: ActionSpec) -> QKeySequence | None:
    if spec.shortcut is None:
        return None
    return QKeySequence(spec.shortcut)
