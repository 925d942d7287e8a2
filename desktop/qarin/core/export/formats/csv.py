"""One row per claim, for spreadsheets: UTF-8 with a BOM (so Excel reads Arabic), CRLF rows and
quoting per RFC 4180 (the csv module's defaults), and no cell a spreadsheet would run.

Formula injection (OWASP "CSV Injection"): a cell whose first character is = + - @, a tab or
a CR is prefixed with an apostrophe, which spreadsheets take as "this is text". It is applied to
every cell, the document's own text included, since any of them may come from elsewhere.
"""

from __future__ import annotations

import csv
import io
from typing import ClassVar

from qarin.core.export.base import ExportContext, ExportResult
from qarin.core.export.content import claim_quotes, claimant_name, exported_claims
from qarin.core.export.registry import register
from qarin.core.export.textsafe import strip_controls
from qarin.core.notes.model import Claim, Evidence

COLUMNS = (
    "id", "status", "claimant", "cue", "arabic_text", "english_text", "tags", "notes",
    "evidence", "created", "modified", "sentence_ids",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """The cell as text a spreadsheet shows but never evaluates."""
    cell = strip_controls(cell)
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _evidence(ev: Evidence) -> str:
    return f"{ev.kind}: {ev.value}" + (f" ({ev.note})" if ev.note else "")


def claim_row(ctx: ExportContext, claim: Claim) -> list[str]:
    quotes = claim_quotes(ctx, claim)
    cells = [
        claim.id,
        claim.status,
        claimant_name(ctx, claim),
        claim.cue,
        quotes["ar"].text if "ar" in quotes else "",
        quotes["en"].text if "en" in quotes else "",
        "; ".join(claim.tags),
        claim.notes,
        # One evidence item per line inside the cell: spreadsheets show the breaks.
        "\n".join(_evidence(e) for e in claim.evidence),
        claim.created,
        claim.modified,
        " ".join(claim.sentences),
    ]
    return [neutralise(c) for c in cells]


class CsvExporter:
    name: ClassVar[str] = "csv"
    title: ClassVar[str] = "CSV (one row per claim)"
    extension: ClassVar[str] = ".csv"
    media_type: ClassVar[str] = "text/csv; charset=utf-8; header=present"

    def export(self, ctx: ExportContext) -> ExportResult:
        buf = io.StringIO(newline="")
        writer = csv.writer(buf, lineterminator="\r\n")  # QUOTE_MINIMAL, doubled quotes
        writer.writerow(COLUMNS)
        writer.writerows(claim_row(ctx, c) for c in exported_claims(ctx))
        return ExportResult({"": buf.getvalue().encode("utf-8-sig")})


register(CsvExporter())
