"""The extension point, settings, actions table and Qt logging."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QMessageLogContext, QtMsgType
from PySide6.QtGui import QKeySequence

from qarin.core.document import BilingualDocument
from qarin.core.model import Analysis
from qarin.gui.actions import ACTIONS, MENUS
from qarin.gui.logging_qt import qt_message_handler
from qarin.gui.settings import VERSION, Settings


class Recorder:
    def __init__(self) -> None:
        self.events: list[str] = []
        self.window = None

    def install(self, window) -> None:  # type: ignore[no-untyped-def]
        self.window = window
        window.menu("&Claims").addAction("Tag pair")
        self.events.append("install")

    def document_opened(self, doc: BilingualDocument, analysis: Analysis) -> None:
        self.events.append(f"opened:{len(analysis.sentences)}")

    def document_closed(self) -> None:
        self.events.append("closed")


def test_extension_hears_open_and_close(window, gold_sample) -> None:  # type: ignore[no-untyped-def]
    ext = Recorder()
    window.add_extension(ext)
    assert ext in window.extensions
    assert [a.text() for a in window.menu("&Claims").actions()] == ["Tag pair"]
    doc, analysis = gold_sample
    window.show_document(doc, analysis)
    window.show_document(doc, analysis)
    window.close_document()
    assert ext.events == ["install", "opened:10", "closed", "opened:10", "closed"]


def test_extension_added_after_open_is_told_at_once(reader) -> None:  # type: ignore[no-untyped-def]
    ext = Recorder()
    reader.add_extension(ext)
    assert ext.events == ["install", "opened:10"]


def test_missing_default_extension_is_skipped(window, monkeypatch, caplog) -> None:  # type: ignore[no-untyped-def]
    import qarin.gui.main_window as mw

    monkeypatch.setattr(mw, "DEFAULT_EXTENSIONS", ("qarin.gui.no_such_module:Nothing",))
    with caplog.at_level(logging.INFO, logger="qarin.gui.main_window"):
        window.load_default_extensions()
    assert window.extensions == ()
    assert "not available" in caplog.text


def test_menus_exist_in_order(window) -> None:  # type: ignore[no-untyped-def]
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[: len(MENUS)] == list(MENUS)
    window.menu("&Tools")
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index("&Tools") < titles.index("&Help")


def test_actions_table_builds_every_action(window) -> None:  # type: ignore[no-untyped-def]
    ids = [spec.id for spec in ACTIONS]
    assert len(ids) == len(set(ids))
    for spec in ACTIONS:
        action = window.actions_by_id[spec.id]
        assert callable(getattr(window, spec.handler))
        if isinstance(spec.shortcut, QKeySequence.StandardKey):
            assert action.shortcut() == QKeySequence(spec.shortcut)
    assert window.actions_by_id["open"].shortcut() == QKeySequence(QKeySequence.StandardKey.Open)


def test_saved_label_slot_is_in_the_status_bar(window) -> None:  # type: ignore[no-untyped-def]
    assert window.saved_label.parent() is not None
    window.saved_label.setText("Saved")
    assert window.statusBar().isAncestorOf(window.saved_label)


def test_settings_round_trip(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "qarin.ini"
    s = Settings(path)
    assert s.version == VERSION
    s.latin_point_size = 14
    s.hidden_labels = {"DATE", "CARDINAL"}
    s.last_files = ["/a/ar.txt", "/a/en.txt"]
    s.english_pipeline = "en_core_web_trf"
    s.sync()
    t = Settings(path)
    assert t.latin_point_size == 14.0
    assert t.hidden_labels == {"DATE", "CARDINAL"}
    assert t.last_files == ["/a/ar.txt", "/a/en.txt"]
    assert t.recent_documents[0] == ["/a/ar.txt", "/a/en.txt"]
    assert t.english_pipeline == "en_core_web_trf"


def test_settings_honour_config_dir_env(monkeypatch, tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("QARIN_CONFIG_DIR", str(tmp_path / "cfg"))
    s = Settings()
    s.latin_point_size = 9
    s.sync()
    assert (tmp_path / "cfg" / "qarin.ini").is_file()


def test_settings_survive_garbage(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "qarin.ini"
    path.write_text("[fonts]\nlatin_pt=huge\n[entities]\nhidden_labels={not json\n", encoding="utf-8")
    s = Settings(path)
    assert s.latin_point_size == 12.0
    assert s.hidden_labels == set()


def test_window_state_is_saved_on_close(window, settings) -> None:  # type: ignore[no-untyped-def]
    window.close()
    assert not Settings(settings.path).window_geometry.isEmpty()


def test_zoom_keeps_arabic_ratio(reader) -> None:  # type: ignore[no-untyped-def]
    before = reader.panes["en"].font().pointSizeF()
    reader.zoom_in()
    en, ar = reader.panes["en"].font().pointSizeF(), reader.panes["ar"].font().pointSizeF()
    assert en == before + 1
    assert 1.15 <= ar / en <= 1.2
    assert reader.panes["ar"].document().defaultFont().pointSizeF() == ar


def test_qt_messages_go_to_python_logging(caplog) -> None:  # type: ignore[no-untyped-def]
    with caplog.at_level(logging.DEBUG, logger="qt"):
        qt_message_handler(QtMsgType.QtWarningMsg, QMessageLogContext(), "something odd")
        qt_message_handler(QtMsgType.QtDebugMsg, QMessageLogContext(), "chatter")
    levels = {r.getMessage(): r.levelno for r in caplog.records if r.name.startswith("qt")}
    assert levels["something odd"] == logging.WARNING
    assert levels["chatter"] == logging.DEBUG


def test_entity_colours_stay_visible_inside_the_highlighted_sentence(reader) -> None:  # type: ignore[no-untyped-def]
    reader.activate_sentence("ar:3")
    spans = reader.panes["ar"].layer_spans("sentence-entities")
    lebedev = reader.document.texts["ar"].index("سيرغي")
    assert any(s.start == lebedev for s in spans)
    assert reader.panes["en"].layer_spans("sentence-entities")
    reader.entity_dock.legend.set_shown("PERSON", False)
    spans = reader.panes["ar"].layer_spans("sentence-entities")
    assert not any(s.start == lebedev for s in spans)
