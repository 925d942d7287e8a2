"""Opening documents: worker thread, progress and cancel, bad files, drag and drop, dialog."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from qarin.core.errors import ImportFailed
from qarin.gui import errors
from qarin.gui.main_window import MainWindow
from qarin.gui.workers import DocumentLoader
from tests.conftest import SAMPLE

AR_TEXT = "قال زيلينسكي إن المفاوضين سيتوجهون إلى نيويورك.\nوأضاف أن الضمانات مهمة.\n"
EN_TEXT = "Zelensky said the negotiators will go to New York.\nHe added that guarantees matter.\n"


@pytest.fixture
def dialogs(monkeypatch):  # type: ignore[no-untyped-def]
    shown: list[QMessageBox] = []
    monkeypatch.setattr(errors, "_exec", shown.append)
    return shown


@pytest.fixture
def fast_window(window):  # type: ignore[no-untyped-def]
    """The window, analysing without the (slow) entity stage."""
    window.loader.entities = False
    return window


def _open(window: MainWindow, qtbot, paths) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.document_opened, timeout=60000):
        assert window.open_paths(paths)


def test_open_on_worker_thread(fast_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    progress: list[str] = []
    fast_window.loader.progress_changed.connect(lambda stage, _f: progress.append(stage))
    _open(fast_window, qtbot, [SAMPLE])
    assert fast_window.document.texts["ar"].startswith("أعلن")
    assert len(fast_window.analysis.sentences) == 10
    assert progress[0] == "reading"  # (the analysis may come from the cache)
    assert not fast_window.progress.isVisible()
    assert fast_window.settings.last_files == [str(SAMPLE)]


def test_open_a_pair_of_files(fast_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text(AR_TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(EN_TEXT, encoding="utf-8")
    _open(fast_window, qtbot, [tmp_path / "b.txt", tmp_path / "a.txt"])
    assert fast_window.panes["ar"].toPlainText().startswith("قال")
    assert fast_window.panes["en"].toPlainText().startswith("Zelensky")


def test_bad_file_shows_dialog_and_keeps_document(fast_window, qtbot, tmp_path: Path, dialogs) -> None:  # type: ignore[no-untyped-def]
    _open(fast_window, qtbot, [SAMPLE])
    before = fast_window.document
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    with qtbot.waitSignal(fast_window.loader.load_failed, timeout=30000):
        fast_window.open_paths([bad])
    assert len(dialogs) == 1
    assert str(bad) in dialogs[0].text()
    assert "\n" not in dialogs[0].text()
    assert dialogs[0].icon() == QMessageBox.Icon.Warning
    assert fast_window.document is before
    assert fast_window.panes["ar"].toPlainText() == before.texts["ar"]


def test_missing_file_and_three_files(fast_window, qtbot, dialogs) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(fast_window.loader.load_failed, timeout=30000):
        fast_window.open_paths(["/nonexistent/x.txt"])
    assert "no such file" in dialogs[-1].text()
    assert not fast_window.open_paths(["a", "b", "c"])
    assert "one file, or two" in dialogs[-1].text()
    assert fast_window.document is None


def test_unexpected_exception_is_a_dialog_not_a_crash(qtbot, window, dialogs) -> None:  # type: ignore[no-untyped-def]
    def broken(*_paths: str):  # type: ignore[no-untyped-def]
        raise RuntimeError("boom")

    loader = DocumentLoader(window, load=broken)
    window.loader.load_failed.disconnect()
    loader.load_failed.connect(window._on_loader_load_failed)
    with qtbot.waitSignal(loader.load_failed, timeout=30000):
        loader.start(["x"])
    assert dialogs[-1].icon() == QMessageBox.Icon.Critical
    assert "Something went wrong" in dialogs[-1].text()


def test_cancel_drops_the_result(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    gate = threading.Event()

    def slow_load(*paths: str):  # type: ignore[no-untyped-def]
        from qarin.core.io.loader import load_document

        gate.wait(10)
        return load_document(*paths)

    loader = DocumentLoader(window, load=slow_load, entities=False)
    finished: list[object] = []
    loader.load_finished.connect(finished.append)
    loader.start([str(SAMPLE)])
    assert loader.busy
    with qtbot.waitSignal(loader.load_cancelled, timeout=5000):
        loader.cancel()
    gate.set()
    assert loader.wait(10000)
    qtbot.wait(50)
    assert finished == []
    assert not loader.busy


def _drop(window: MainWindow, paths: list[str]) -> bool:
    """Drag ``paths`` over the window and drop them; True if the window took the drop."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(p) for p in paths])
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)
    try:  # PySide6 6.12 takes a QPointF and deprecates the QPoint form, the only one before
        enter = QDragEnterEvent(QPointF(50, 50), *args)
    except TypeError:
        enter = QDragEnterEvent(QPoint(50, 50), *args)
    QApplication.sendEvent(window, enter)
    entered = enter.isAccepted()
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    return bool(entered and drop.isAccepted())


def test_drag_and_drop_one_file(fast_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(fast_window.document_opened, timeout=60000):
        assert _drop(fast_window, [str(SAMPLE)])
    assert fast_window.paths == (str(SAMPLE),)


def test_drag_and_drop_two_files(fast_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "ar.txt").write_text(AR_TEXT, encoding="utf-8")
    (tmp_path / "en.txt").write_text(EN_TEXT, encoding="utf-8")
    with qtbot.waitSignal(fast_window.document_opened, timeout=60000):
        _drop(fast_window, [str(tmp_path / "ar.txt"), str(tmp_path / "en.txt")])
    assert fast_window.document.languages == ("ar", "en")


def test_drop_of_three_files_is_refused(window) -> None:  # type: ignore[no-untyped-def]
    assert not _drop(window, [str(SAMPLE)] * 3)


def test_file_open_dialog(fast_window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: ([str(SAMPLE)], "")))
    with qtbot.waitSignal(fast_window.document_opened, timeout=60000):
        fast_window.actions_by_id["open"].trigger()
    assert fast_window.document is not None


def test_open_tmx(fast_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tmx = tmp_path / "pair.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" '
        'datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="t" '
        'creationtoolversion="1"/><body><tu><tuv xml:lang="en"><seg>Hello Kyiv.</seg></tuv>'
        '<tuv xml:lang="ar"><seg>مرحبا كييف.</seg></tuv></tu></body></tmx>\n', encoding="utf-8")
    _open(fast_window, qtbot, [tmx])
    assert fast_window.panes["ar"].toPlainText() == "مرحبا كييف."


def test_close_document(fast_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _open(fast_window, qtbot, [SAMPLE])
    with qtbot.waitSignal(fast_window.document_closed):
        fast_window.close_document()
    assert fast_window.panes["ar"].toPlainText() == ""
    assert fast_window.document is None


def test_import_error_message_is_one_line() -> None:
    box = errors.message_box(None, ImportFailed("/x/y.txt", "the file is empty"))
    assert box.text() == "/x/y.txt: the file is empty"
    assert "E100" in box.informativeText()
