"""Start the reader: ``qarin [FILE [FILE2]]``, ``qarin --sample``, or ``qarin-gui``.

``QARIN_SCREENSHOT=path.png`` saves a picture of the window once the document is shown (with
the second sentence pair selected) and quits: for docs and for checking rendering under Xvfb.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from qarin.gui.fonts import load_fonts
from qarin.gui.logging_qt import configure_logging
from qarin.gui.main_window import MainWindow
from qarin.paths import sample_path

log = logging.getLogger(__name__)

ENV_SCREENSHOT = "QARIN_SCREENSHOT"
SCREENSHOT_DELAY_MS = 1500


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="qarin", description="Open the Qarin reader")
    p.add_argument("files", nargs="*", help="one file (both languages or TMX) or two files")
    p.add_argument("--sample", action="store_true", help="open the bundled sample article")
    return p


def _files_to_open(args: argparse.Namespace, window: MainWindow) -> list[str]:
    if args.sample:
        return [str(sample_path())]
    if args.files:
        return list(args.files)
    last = window.settings.last_files
    if last and all(Path(p).is_file() for p in last):
        return last
    return []


def _arm_screenshot(app: QApplication, window: MainWindow, path: str) -> None:
    def take() -> None:
        pixmap = window.grab()
        screen = window.screen()
        if screen is not None and os.environ.get("QT_QPA_PLATFORM") != "offscreen":
            pixmap = screen.grabWindow(0, window.x(), window.y(),
                                       window.frameGeometry().width(),
                                       window.frameGeometry().height())
        ok = pixmap.save(path)
        log.info("screenshot %s: %s", path, "saved" if ok else "FAILED")
        app.quit()

    def on_opened(_doc: object, analysis: object) -> None:
        sentences = getattr(analysis, "sentences", ())
        ar = [s for s in sentences if s.lang == "ar"]
        if len(ar) > 1:
            window.activate_sentence(ar[1].id)
        QTimer.singleShot(SCREENSHOT_DELAY_MS, take)

    window.document_opened.connect(on_opened)
    # Nothing to open (or it failed): still leave a picture and quit.
    QTimer.singleShot(60_000, take)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    configure_logging()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(
        [sys.argv[0] if sys.argv else "qarin"])
    app.setApplicationName("Qarin")
    app.setOrganizationName("Qarin")
    app.setApplicationDisplayName("Qarin")
    load_fonts()
    window = MainWindow()
    window.load_default_extensions()
    shot = os.environ.get(ENV_SCREENSHOT)
    if shot:
        _arm_screenshot(app, window, shot)
    window.show()
    files = _files_to_open(args, window)
    if files:
        window.open_paths(files)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
