"""How claims and notes look in the reading panes: formats only (underlines and light tints),
never inserted text, so Arabic shaping, search and copy are untouched.

Claims get a dotted underline; the current claim a solid one on a pale background; the current
suggestion a dashed one, so the reader sees what Accept would cover.  Notes on a span get an
amber wavy underline, the note as its tooltip: a tint would muddy the entity colours (and look
like the place colour), and drawn after the claims the note stays visible inside one.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat

from qarin.core.document import Span
from qarin.core.notes.model import Notebook
from qarin.gui.claims.rows import ClaimRow

OVERLAY_NAME = "claims"

_CLAIM_COLOUR = QColor("#8e44ad")
_CURRENT_BACKGROUND = QColor(142, 68, 173, 40)
_NOTE_COLOUR = QColor("#e08e0b")
_NOTE_TOOLTIP_CHARS = 300


def _underlined(style: QTextCharFormat.UnderlineStyle, tooltip: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(style)
    fmt.setUnderlineColor(_CLAIM_COLOUR)
    if tooltip:
        fmt.setToolTip(tooltip)
    return fmt


def claim_formats(notebook: Notebook | None, current: ClaimRow | None
                  ) -> list[tuple[Span, QTextCharFormat]]:
    """The "claims" overlay: every claim span, the current claim or suggestion on top, then the
    notes on spans."""
    out: list[tuple[Span, QTextCharFormat]] = []
    if notebook is not None:
        # One shared format: a book can hold thousands of claims.
        dotted = _underlined(QTextCharFormat.UnderlineStyle.DotLine, "Claim")
        for claim in notebook.claims.values():
            if current is None or claim.id != current.id:
                out += [(span, dotted) for span in claim.spans]
    if current is not None:
        if current.kind == "claim":
            fmt = _underlined(QTextCharFormat.UnderlineStyle.SingleUnderline,
                              f"Current claim: {current.status}")
            fmt.setBackground(_CURRENT_BACKGROUND)
        else:
            fmt = _underlined(QTextCharFormat.UnderlineStyle.DashUnderline, "Suggested claim")
        out += [(span, fmt) for span in current.spans]
    return out + note_formats(notebook)


def note_formats(notebook: Notebook | None) -> list[tuple[Span, QTextCharFormat]]:
    """Every note on a span, underlined, its text in the tooltip (notes on pairs and on the whole
    document have no span of their own: they live in the notes tab)."""
    out: list[tuple[Span, QTextCharFormat]] = []
    if notebook is None:
        return out
    for note in notebook.notes.values():
        if note.target != "span" or not note.spans:
            continue
        text = note.text.strip()
        if len(text) > _NOTE_TOOLTIP_CHARS:
            text = text[: _NOTE_TOOLTIP_CHARS - 1] + "…"
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(_NOTE_COLOUR)
        fmt.setToolTip(f"Note: {text}" if text else "Note")
        out += [(span, fmt) for span in note.spans]
    return out
