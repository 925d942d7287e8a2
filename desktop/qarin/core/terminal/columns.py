"""Side-by-side rendering of aligned pairs for ``qarin show``."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator

from qarin.core.document import BilingualDocument
from qarin.core.model import Analysis
from qarin.core.terminal.visual import display_width, visual_line

SEP = " │ "


def _pad_right(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def _pad_left(text: str, width: int) -> str:
    return " " * max(0, width - display_width(text)) + text


def render_pairs(
    doc: BilingualDocument, analysis: Analysis, width: int = 100, logical: bool = False
) -> Iterator[str]:
    """Lines of text: English on the left, Arabic right-aligned on the right.

    With ``logical`` the Arabic stays in logical order for terminals that run bidi themselves.
    """
    col = max(10, (width - len(SEP)) // 2)
    for n, bead in enumerate(analysis.beads):
        ar_text = " ".join(doc.text(analysis.sentence(sid).span) for sid in bead.ar)
        en_text = " ".join(doc.text(analysis.sentence(sid).span) for sid in bead.en)
        ids = "+".join(bead.en) or "—"
        ar_ids = "+".join(bead.ar) or "—"
        yield f"[{n + 1}] {ids} ↔ {ar_ids}  confidence {bead.confidence:.2f}"
        en_lines = textwrap.wrap(" ".join(en_text.split()), col) or [""]
        ar_lines = textwrap.wrap(" ".join(ar_text.split()), col) or [""]
        for i in range(max(len(en_lines), len(ar_lines))):
            left = en_lines[i] if i < len(en_lines) else ""
            right = ar_lines[i] if i < len(ar_lines) else ""
            if not logical and right:
                right = visual_line(right)
            yield _pad_right(left, col) + SEP + _pad_left(right, col)
        yield ""

