"""The one interface every exporter implements, and what it is given."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Protocol

from qarin.core.document import BilingualDocument
from qarin.core.model import Analysis
from qarin.core.notes.model import Notebook


@dataclass(frozen=True)
class ExportOptions:
    """Choices a reader makes in the export dialog or on the command line.

    ``include_suggestions``: also export claim suggestions the reader has not decided on.
    ``embed_texts``: the native JSON holds the texts (else their hash and source paths).
    ``min_confidence`` / ``confirmed_only``: which aligned pairs go into TMX.
    ``url`` / ``publisher`` / ``author``: what ClaimReview needs from a publisher.
    """

    include_suggestions: bool = False
    embed_texts: bool = True
    min_confidence: float | None = None
    confirmed_only: bool = False
    url: str = ""
    publisher: str = ""
    author: str = ""
    date: str = ""  # ISO date for headers and ClaimReview; default: today


@dataclass(frozen=True)
class ExportContext:
    doc: BilingualDocument
    analysis: Analysis
    notebook: Notebook
    options: ExportOptions = field(default_factory=ExportOptions)


@dataclass(frozen=True)
class ExportResult:
    """Files to write: one (``name`` is empty: the path the user chose) or several (brat)."""

    files: dict[str, bytes]

    @property
    def single(self) -> bytes:
        return self.files[""]


class Exporter(Protocol):
    name: ClassVar[str]  # the --format value, e.g. "md"
    title: ClassVar[str]  # shown in the format picker
    extension: ClassVar[str]  # default file extension, with the dot
    media_type: ClassVar[str]

    def export(self, ctx: ExportContext) -> ExportResult: ...
