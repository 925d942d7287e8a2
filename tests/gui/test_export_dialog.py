"""File > Export…: every registered format is offered, the preview shows what goes in, and
Save writes the file atomically where the reader chose."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from qarin.core.export.registry import all_exporters
from qarin.core.notes.commands import AddClaim
from qarin.core.notes.model import Evidence, Notebook
from qarin.gui.claims import building
from qarin.gui.dialogs.export_dialog import ExportDialog
from tests.gui.test_claims_ui import suggested_sample


@pytest.fixture
def notebook() -> Notebook:
    doc, analysis = suggested_sample()
    claim = building.claim_from_pair(analysis, Notebook(doc.content_hash), "en:3")
    claim = replace(claim, claimant="Sergey Lebedev", status="disputed",
                    notes="Checked against the ministry's statement",
                    evidence=(Evidence("url", "https://example.org/statement"),))
    return AddClaim(claim, at="2026-11-25T20:00:00.000Z").apply(Notebook(doc.content_hash))


def _dialog(qtbot, notebook, tmp_path, chosen: list[Path]) -> ExportDialog:
    doc, analysis = suggested_sample()
    dialog = ExportDialog(doc, analysis, notebook, folder=tmp_path,
                          ask_path=lambda _parent, _exp, suggested: chosen[0] if chosen
                          else suggested)
    qtbot.addWidget(dialog)
    return dialog


def test_lists_every_registered_format(qtbot, notebook, tmp_path):
    dialog = _dialog(qtbot, notebook, tmp_path, [])
    listed = [dialog.formats.item(i).text() for i in range(dialog.formats.count())]
    assert listed == [e.title for e in all_exporters()]
    assert len(listed) >= 8


def test_markdown_preview_and_save(qtbot, notebook, tmp_path):
    target = tmp_path / "out" / "notes.md"
    dialog = _dialog(qtbot, notebook, tmp_path, [target])
    dialog.select_format("md")
    assert "Checked against the ministry" in dialog.preview.toPlainText()
    assert len(dialog.preview.toPlainText().splitlines()) <= 41
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.written == [target]
    text = target.read_text("utf-8")
    assert "Checked against the ministry" in text
    assert "Sergey Lebedev" in text
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]


def test_options_reach_the_exporter(qtbot, notebook, tmp_path):
    dialog = _dialog(qtbot, notebook, tmp_path, [])
    dialog.select_format("csv")
    rows_without = dialog.preview.toPlainText().count("\n")
    dialog.include_suggestions.setChecked(True)
    dialog.update_preview()
    assert dialog.preview.toPlainText().count("\n") > rows_without
    dialog.select_format("claimreview")
    assert dialog.review_box.isVisibleTo(dialog) and not dialog.tmx_box.isVisibleTo(dialog)
    dialog.url.setText("https://example.org/review")
    dialog.update_preview()
    assert "https://example.org/review" in dialog.preview.toPlainText()
    dialog.select_format("tmx")
    dialog.min_confidence.setValue(0.5)
    dialog.confirmed_only.setChecked(True)
    opts = dialog.options()
    assert opts.min_confidence == 0.5 and opts.confirmed_only and opts.include_suggestions


def test_pdf_and_brat_preview_a_summary_and_brat_writes_a_folder(qtbot, notebook, tmp_path):
    folder = tmp_path / "brat"
    folder.mkdir()
    dialog = _dialog(qtbot, notebook, tmp_path, [folder])
    dialog.select_format("pdf")
    assert "[disputed]" in dialog.preview.toPlainText()
    dialog.select_format("brat")
    assert ".ann" in dialog.preview.toPlainText()
    written = dialog.save_to(folder)
    assert {p.suffix for p in written} >= {".txt", ".ann", ".conf"}
    assert all(p.parent == folder for p in written)
