"""File > Export…: pick a format from the exporter registry, set its options, see what goes
in, and save (atomically) where the reader chooses.

The dialog only gathers ExportOptions and writes bytes; what each format contains is the
exporters' business (core/export), so the CLI and the GUI export the same thing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from qarin.core.document import BilingualDocument
from qarin.core.errors import ExportFailed, QarinError
from qarin.core.export.base import ExportContext, Exporter, ExportOptions, ExportResult
from qarin.core.export.cli import is_text, writes_folder
from qarin.core.export.content import exported_claims
from qarin.core.export.registry import all_exporters
from qarin.core.export.textsafe import file_stem
from qarin.core.fileio import atomic_write_bytes
from qarin.core.model import Analysis
from qarin.core.notes.model import Notebook

log = logging.getLogger(__name__)

PREVIEW_LINES = 40
PREVIEW_DELAY_MS = 150  # typing in an option field re-runs the preview once, not per key

# Which option boxes matter for which format (the others are hidden, not just disabled).
_TMX = "tmx"
_CLAIMREVIEW = "claimreview"
_JSON = "json"

AskPath = Callable[[QWidget, Exporter, Path], Path | None]


def _ask_path(parent: QWidget, exporter: Exporter, suggested: Path) -> Path | None:
    """Ask where to save: a file, or a folder for formats that write several files."""
    if writes_folder(exporter):
        chosen = QFileDialog.getExistingDirectory(parent, f"Export {exporter.title} into",
                                                  str(suggested.parent))
    else:
        pattern = f"{exporter.title} (*{exporter.extension})"
        chosen, _ = QFileDialog.getSaveFileName(parent, "Export", str(suggested), pattern)
    return Path(chosen) if chosen else None


def write_export(exporter: Exporter, result: ExportResult, target: Path) -> list[Path]:
    """Write ``result`` to ``target`` (a file, or a folder for multi-file formats), each file
    atomically; returns what was written."""
    try:
        if set(result.files) == {""}:
            if exporter.extension and not target.suffix:
                target = target.with_suffix(exporter.extension)
            atomic_write_bytes(target, result.single)
            return [target]
        if target.exists() and not target.is_dir():
            raise ExportFailed(f"{target} is a file; {exporter.title} needs a folder")
        written = []
        for name, data in result.files.items():
            atomic_write_bytes(target / name, data)
            written.append(target / name)
        return written
    except OSError as e:
        raise ExportFailed(f"Cannot write {e.filename or target}: {e.strerror or e}") from e


class ExportDialog(QDialog):
    """Modal export dialog. ``ask_path`` picks the destination (tests replace it)."""

    def __init__(self, doc: BilingualDocument, analysis: Analysis, notebook: Notebook,
                 parent: QWidget | None = None, *, folder: Path | None = None,
                 ask_path: AskPath = _ask_path) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Claims and Notes")
        self._doc, self._analysis, self._notebook = doc, analysis, notebook
        self._folder = folder or Path.home()
        self._ask_path = ask_path
        self.exporters = all_exporters()
        self.written: list[Path] = []
        self._build()
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.update_preview)
        self.formats.setCurrentRow(0)
        self.update_preview()

    # -- layout ----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.formats = QListWidget()
        self.formats.setAccessibleName("Format")
        for exp in self.exporters:
            item = QListWidgetItem(exp.title)
            item.setData(Qt.ItemDataRole.UserRole, exp.name)
            self.formats.addItem(item)
        self.formats.setMaximumWidth(300)

        self.include_suggestions = QCheckBox("Include s&uggestions not yet decided")
        self.embed_texts = QCheckBox("Include the &texts (re-importable without the files)")
        self.embed_texts.setChecked(True)
        self.confirmed_only = QCheckBox("Only pairs I &confirmed or corrected")
        self.min_confidence = QDoubleSpinBox()
        self.min_confidence.setRange(0.0, 1.0)
        self.min_confidence.setSingleStep(0.05)
        self.min_confidence.setDecimals(2)
        self.min_confidence.setSpecialValueText("any")  # 0 means no minimum
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://example.org/fact-check/…")
        self.publisher = QLineEdit()
        self.author = QLineEdit()
        self.author.setPlaceholderText(self._notebook.reader or "")

        self.json_box = QGroupBox("Qarin JSON")
        QVBoxLayout(self.json_box).addWidget(self.embed_texts)
        self.tmx_box = QGroupBox("TMX pairs")
        tmx = QFormLayout(self.tmx_box)
        tmx.addRow(self.confirmed_only)
        tmx.addRow("Minimum conf&idence:", self.min_confidence)
        self.review_box = QGroupBox("ClaimReview")
        review = QFormLayout(self.review_box)
        review.addRow("Review U&RL:", self.url)
        review.addRow("&Publisher:", self.publisher)
        review.addRow("&Author:", self.author)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName("Preview")
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)

        options = QVBoxLayout()
        options.addWidget(self.include_suggestions)
        for box in (self.json_box, self.tmx_box, self.review_box):
            options.addWidget(box)
        options.addWidget(self.summary)
        options.addWidget(QLabel("Preview:"))
        options.addWidget(self.preview, 1)

        top = QHBoxLayout()
        top.addWidget(self.formats)
        top.addLayout(options, 1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Save…")
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addLayout(top, 1)
        outer.addWidget(self.buttons)
        self.resize(860, 560)

        self.formats.currentRowChanged.connect(self._on_formats_current_row_changed)
        for check in (self.include_suggestions, self.embed_texts, self.confirmed_only):
            check.toggled.connect(self._on_option_changed)
        self.min_confidence.valueChanged.connect(self._on_option_changed)
        for field in (self.url, self.publisher, self.author):
            field.textChanged.connect(self._on_option_changed)

    # -- state -----------------------------------------------------------------------------------

    def exporter(self) -> Exporter:
        item = self.formats.currentItem()
        name = item.data(Qt.ItemDataRole.UserRole) if item else self.exporters[0].name
        return next(e for e in self.exporters if e.name == name)

    def select_format(self, name: str) -> None:
        for row in range(self.formats.count()):
            if self.formats.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.formats.setCurrentRow(row)
                return
        raise KeyError(name)

    def options(self) -> ExportOptions:
        minimum = self.min_confidence.value()
        return ExportOptions(
            include_suggestions=self.include_suggestions.isChecked(),
            embed_texts=self.embed_texts.isChecked(),
            min_confidence=minimum if minimum > 0 else None,
            confirmed_only=self.confirmed_only.isChecked(),
            url=self.url.text().strip(),
            publisher=self.publisher.text().strip(),
            author=self.author.text().strip(),
        )

    def context(self) -> ExportContext:
        return ExportContext(self._doc, self._analysis, self._notebook, self.options())

    def suggested_path(self) -> Path:
        exp = self.exporter()
        stem = file_stem(self._doc.title or self._notebook.title)
        return self._folder / (stem + (exp.extension or "-" + exp.name))

    # -- preview ---------------------------------------------------------------------------------

    def update_preview(self) -> None:
        self._preview_timer.stop()
        exp = self.exporter()
        ctx = self.context()
        claims = exported_claims(ctx)
        self.summary.setText(
            f"{len(claims)} claim(s), {len(self._notebook.notes)} note(s) will be exported "
            f"as {exp.title}.")
        if not is_text(exp):
            # Rendering a PDF for a preview is slow on a long document; say what goes in.
            self.preview.setPlainText(self._outline(ctx))
            return
        try:
            result = exp.export(ctx)
        except QarinError as e:
            self.preview.setPlainText(f"This export cannot be made: {e}")
            return
        self.preview.setPlainText(self._text_preview(result))

    def _outline(self, ctx: ExportContext) -> str:
        lines = [f"{self.exporter().title} — contents:", ""]
        for n, claim in enumerate(exported_claims(ctx), 1):
            texts = " / ".join(" ".join(self._doc.text(s).split())[:80] for s in claim.spans)
            lines.append(f"{n}. [{claim.status}] {texts}")
        lines += [f"Note: {n.text.strip().splitlines()[0][:80]}"
                  for n in self._notebook.notes.values() if n.text.strip()]
        return "\n".join(lines[: PREVIEW_LINES + 2])

    @staticmethod
    def _text_preview(result: ExportResult) -> str:
        if set(result.files) == {""}:
            text = result.single.decode("utf-8", errors="replace")
            lines = text.splitlines()
            more = len(lines) - PREVIEW_LINES
            shown = "\n".join(lines[:PREVIEW_LINES])
            return shown + (f"\n… ({more} more lines)" if more > 0 else "")
        out = ["Files:"]
        out += [f"  {name}  ({len(data):,} bytes)" for name, data in result.files.items()]
        first = next((d for n, d in result.files.items() if n.endswith(".ann")), b"")
        if first:
            out += ["", *first.decode("utf-8", errors="replace").splitlines()[:PREVIEW_LINES]]
        return "\n".join(out)

    # -- slots -----------------------------------------------------------------------------------

    def _on_formats_current_row_changed(self, _row: int) -> None:
        name = self.exporter().name
        self.json_box.setVisible(name == _JSON)
        self.tmx_box.setVisible(name == _TMX)
        self.review_box.setVisible(name == _CLAIMREVIEW)
        self.update_preview()

    def _on_option_changed(self, *_args: object) -> None:
        self._preview_timer.start()

    def _on_buttons_accepted(self) -> None:
        exp = self.exporter()
        target = self._ask_path(self, exp, self.suggested_path())
        if target is None:
            return
        try:
            self.written = self.save_to(target)
        except QarinError as e:
            log.warning("export failed: %s", e)
            QMessageBox.warning(self, "Export failed", str(e))
            return
        self.accept()

    def save_to(self, target: Path) -> list[Path]:
        """Export with the current choices into ``target``; raises ExportFailed."""
        exp = self.exporter()
        return write_export(exp, exp.export(self.context()), target)
