"""GUI test fixtures: a window with the sample open, gold entities, and a guard that fails a
test on any unexpected Qt warning."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QtMsgType

from qarin.core.analysis import analyse
from qarin.core.document import BilingualDocument
from qarin.core.io.loader import load_document
from qarin.core.model import Analysis, EntityLink, EntityMention
from tests.conftest import GOLD, SAMPLE

# Qt warnings that are expected in a headless test run and mean nothing for users.
ALLOWED_QT_WARNINGS = (
    "This plugin does not support propagateSizeHints()",
    "This plugin does not support raise()",
    "This plugin does not support grabbing the keyboard",
)
EN_OFFSET = 1153  # the gold file's English text starts here


@pytest.fixture(autouse=True)
def fail_on_qt_warnings(request: pytest.FixtureRequest, qtlog):  # type: ignore[no-untyped-def]
    """Qt's own messages (captured by pytest-qt) fail the test when they are warnings or worse
    and not on the allow-list."""
    yield
    bad = [
        r.message for r in qtlog.records
        if r.type in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
        and not any(a in r.message for a in ALLOWED_QT_WARNINGS)
    ]
    if bad:
        pytest.fail("unexpected Qt warnings:\n" + "\n".join(bad))


@pytest.fixture(scope="session")
def sample() -> tuple[BilingualDocument, Analysis]:
    doc = load_document(SAMPLE)
    return doc, analyse(doc, entities=False)


def gold_entities(doc: BilingualDocument) -> tuple[tuple[EntityMention, ...], tuple[EntityLink, ...]]:
    """The gold file's entities as mentions (offsets per language) linked by concept."""
    gold = json.loads(Path(GOLD).read_text(encoding="utf-8"))
    mentions = []
    by_concept: dict[str, list[EntityMention]] = defaultdict(list)
    for n, e in enumerate(gold["entities"]):
        base = 0 if e["lang"] == "ar" else EN_OFFSET
        start, end = e["start"] - base, e["end"] - base
        assert doc.texts[e["lang"]][start:end] == e["text"]
        m = EntityMention(f"m{n}", e["lang"], start, end, e["text"], e["label"], e.get("concept"))
        mentions.append(m)
        if e.get("concept"):
            by_concept[e["concept"]].append(m)
    links = []
    for concept, ms in by_concept.items():
        names = {lang: next((m.text for m in ms if m.lang == lang), None) for lang in ("ar", "en")}
        links.append(EntityLink(concept, ms[0].label, names, tuple(m.id for m in ms)))
    return tuple(mentions), tuple(links)


@pytest.fixture(scope="session")
def gold_sample(sample: tuple[BilingualDocument, Analysis]) -> tuple[BilingualDocument, Analysis]:
    """The sample with the gold entities and links (until the entity stage provides them)."""
    doc, analysis = sample
    mentions, links = gold_entities(doc)
    return doc, replace(analysis, entities=mentions, links=links)


@pytest.fixture
def settings(tmp_path: Path):  # type: ignore[no-untyped-def]
    from qarin.gui.settings import Settings

    return Settings(tmp_path / "qarin.ini")


@pytest.fixture
def window(qtbot, settings):  # type: ignore[no-untyped-def]
    from qarin.gui.fonts import load_fonts
    from qarin.gui.main_window import MainWindow

    load_fonts()
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.resize(1200, 700)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.loader.cancel()
    win.loader.wait()


@pytest.fixture
def reader(window, gold_sample):  # type: ignore[no-untyped-def]
    """The window with the sample (and gold entities) on screen."""
    doc, analysis = gold_sample
    window.show_document(doc, analysis, [str(SAMPLE)])
    return window
