"""Render the reader offscreen and check the pictures; with QARIN_SAVE_SCREENSHOTS=DIR the
PNGs are kept there (docs/screenshots/ holds the ones made this way).

Entities here come from the gold file (tests/data), hence "gold-entities" in the names.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPixmap, QTextCursor

from qarin.gui.panes.text_pane import TextPane

RUSSIA = (726, 731)  # روسيا inside لروسيا


def _out(tmp_path: Path) -> Path:
    target = os.environ.get("QARIN_SAVE_SCREENSHOTS")
    out = Path(target) if target else tmp_path
    out.mkdir(parents=True, exist_ok=True)
    return out


def _span_rect(pane: TextPane, start: int, end: int) -> QRect:
    """Viewport rectangle around code points [start, end) (one line)."""
    rect = QRect()
    for cp in range(start, end + 1):
        cursor = QTextCursor(pane.document())
        cursor.setPosition(pane.offsets.to_qt(cp))
        rect = rect.united(pane.cursorRect(cursor))
    return rect


def _count(image: QImage, colour: str, area: QRect | None = None) -> int:
    want = QColor(colour).rgb()
    area = area or image.rect()
    return sum(
        1 for x in range(area.left(), area.right() + 1)
        for y in range(area.top(), area.bottom() + 1)
        if image.pixel(x, y) == want
    )


def test_reader_screenshot(reader, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = _out(tmp_path)
    reader.resize(1400, 900)
    qtbot.wait(50)
    reader.activate_sentence("ar:3")
    qtbot.wait(50)
    pixmap = reader.grab()
    assert pixmap.save(str(out / "reader-sample-gold-entities.png"))
    image = pixmap.toImage()
    ar_geo = reader.panes["ar"].geometry()
    en_geo = reader.panes["en"].geometry()
    # Entity colours in both panes; the partner highlight in the English pane.
    assert _count(image, "#aa9cfc", ar_geo) > 50
    assert _count(image, "#aa9cfc", en_geo) > 50
    assert _count(image, "#d4e2fb", en_geo) > 500


def test_entity_focus_screenshot(reader, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = _out(tmp_path)
    reader.resize(1400, 900)
    qtbot.wait(50)
    reader.entity_dock.choose("zelensky")
    qtbot.wait(50)
    assert reader.grab().save(str(out / "reader-entity-focus-gold-entities.png"))


def _zoom(reader, qtbot, name: str, out: Path) -> QPixmap:  # type: ignore[no-untyped-def]
    reader.resize(1400, 900)
    qtbot.wait(50)
    pane = reader.panes["ar"]
    pane.ensure_span_visible(pane.sentence_at(RUSSIA[0]).span)
    qtbot.wait(50)
    rect = _span_rect(pane, RUSSIA[0] - 12, RUSSIA[1] + 6).adjusted(-30, -12, 30, 12)
    crop = pane.viewport().grab(rect)
    big = crop.scaled(crop.width() * 4, crop.height() * 4,
                      Qt.AspectRatioMode.KeepAspectRatio,
                      Qt.TransformationMode.SmoothTransformation)
    assert big.save(str(out / name))
    return crop


def test_zoom_on_entity_inside_a_word(reader, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    crop = _zoom(reader, qtbot, "lirusiya-zoom-gold-entities.png", _out(tmp_path))
    assert _count(crop.toImage(), "#c887fb") + _count(crop.toImage(), "#feca74") > 20


def test_zoom_on_chosen_entity_inside_a_word(reader, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    reader.choose_entity("russia")
    _zoom(reader, qtbot, "lirusiya-zoom-chosen-gold-entities.png", _out(tmp_path))


def test_low_confidence_screenshot(window, gold_sample, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from qarin.core.model import Bead

    doc, analysis = gold_sample
    beads = tuple(Bead(b.ar, b.en, 0.3 if i == 2 else b.confidence)
                  for i, b in enumerate(analysis.beads))
    window.resize(1400, 900)
    window.show_document(doc, replace(analysis, beads=beads))
    window.activate_sentence("en:2")
    qtbot.wait(50)
    image = window.grab()
    assert image.save(str(_out(tmp_path) / "reader-low-confidence-gold-entities.png"))
    assert _count(image.toImage(), "#e0a040") > 40
