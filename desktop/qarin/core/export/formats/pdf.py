"""PDF of the reader's notes: each claim in Arabic and English with claimant, status, tags and
notes, then the document notes and the entities. Made with fpdf2; Arabic goes through its
HarfBuzz text shaping and bidi algorithm, so letters join, runs read right to left, and the text
stays searchable and extractable (the PDF holds the original characters behind each glyph).
The layout (and why it is fast) is in export/pdfwriter.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from typing import ClassVar

from fpdf.fonts import TTFFont

from qarin.core.errors import ExportFailed
from qarin.core.export.base import ExportContext, ExportResult
from qarin.core.export.content import claim_quotes, claimant_name, export_date, exported_claims
from qarin.core.export.pdfwriter import (
    ARABIC,
    ARABIC_SMALL,
    HEADING,
    LABEL,
    LATIN,
    SMALL,
    TITLE,
    PdfWriter,
    has_rtl,
)
from qarin.core.export.registry import register
from qarin.core.model import EntityMention
from qarin.core.notes.model import Claim, Note


def _claim(w: PdfWriter, ctx: ExportContext, n: int, claim: Claim) -> None:
    quotes = claim_quotes(ctx, claim)
    if w.pdf.will_page_break(30):
        w.pdf.add_page()
    w.text(f"Claim {n} — {claim.status}", LABEL, rtl=False, gap=1)
    if "ar" in quotes:
        w.text(quotes["ar"].text, ARABIC, rtl=True)
    if "en" in quotes:
        w.text(quotes["en"].text, LATIN, rtl=False, gap=1)
    w.field("Claimant", [claimant_name(ctx, claim)])
    w.field("Cue", [claim.cue])
    w.field("Tags", claim.tags)
    if claim.notes:
        w.text("Notes:", LABEL, rtl=False)
        w.text(claim.notes, LATIN)
    for ev in claim.evidence:
        w.field("Evidence", [ev.value, ev.note])
    w.rule()


def _note(w: PdfWriter, ctx: ExportContext, note: Note) -> None:
    quoted = [ctx.doc.text(s) for s in note.spans]
    quoted += [ctx.doc.text(ctx.analysis.sentence(sid).span) for sid in note.sentences]
    for q in quoted:
        w.text(q, ARABIC_SMALL if has_rtl(q) else SMALL)
    w.text(note.text, LATIN)
    w.rule()


def _entities(w: PdfWriter, ctx: ExportContext) -> None:
    mentions = {m.id: m for m in ctx.analysis.entities}
    for link in ctx.analysis.links:
        pieces: list[str] = []
        for name in (link.names.get("en"), link.names.get("ar")):
            if name:
                pieces += [" — ", name] if pieces else [name]
        count = sum(1 for m in link.mentions if m in mentions)
        w.inline([*pieces, f" ({link.label}, {count} mentions)"])
    linked = {m for link in ctx.analysis.links for m in link.mentions}
    others = _counted(m for m in ctx.analysis.entities if m.id not in linked)
    for (text, label), count in others.items():
        w.inline([text, f" ({label}{f', {count} mentions' if count > 1 else ''})"], SMALL)


def _counted(mentions: Iterable[EntityMention]) -> dict[tuple[str, str], int]:
    out: dict[tuple[str, str], int] = {}
    for m in mentions:
        out[(m.text, m.label)] = out.get((m.text, m.label), 0) + 1
    return out


def _creation_date(day: str) -> datetime:
    try:
        return datetime.combine(date.fromisoformat(day), time(), UTC)
    except ValueError:
        raise ExportFailed(f"the export date {day!r} is not a date like 2026-01-15") from None


def render(ctx: ExportContext) -> bytes:
    """The notes PDF for ``ctx``."""
    title = ctx.doc.title or ctx.notebook.title or "Untitled document"
    day = export_date(ctx)
    created = _creation_date(day)
    w = PdfWriter()
    pdf = w.pdf
    try:
        pdf.set_title(title)
        pdf.set_creator("Qarin")
        if ctx.notebook.reader:
            pdf.set_author(ctx.notebook.reader)
        # The chosen date, not the clock: the same notes give the same PDF.
        pdf.set_creation_date(created)
        pdf.add_page()
        w.text(title, TITLE)
        by = f" by {ctx.notebook.reader}" if ctx.notebook.reader else ""
        w.text(f"Notes exported {day}{by}", SMALL, rtl=False, gap=4)
        claims = exported_claims(ctx)
        w.text(f"Claims ({len(claims)})", HEADING, rtl=False, gap=1)
        for n, claim in enumerate(claims, 1):
            _claim(w, ctx, n, claim)
        if ctx.notebook.notes:
            w.text(f"Notes ({len(ctx.notebook.notes)})", HEADING, rtl=False, gap=1)
            for note in ctx.notebook.notes.values():
                _note(w, ctx, note)
        if ctx.analysis.entities:
            w.text("Entities", HEADING, rtl=False, gap=1)
            _entities(w, ctx)
        return bytes(pdf.output())  # closes the font files
    except BaseException:
        for font in pdf.fonts.values():
            if isinstance(font, TTFFont):
                font.close()
        raise


class PdfExporter:
    name: ClassVar[str] = "pdf"
    title: ClassVar[str] = "PDF of the notes"
    extension: ClassVar[str] = ".pdf"
    media_type: ClassVar[str] = "application/pdf"

    def export(self, ctx: ExportContext) -> ExportResult:
        return ExportResult({"": render(ctx)})


register(PdfExporter())
