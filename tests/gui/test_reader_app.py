"""``qarin --sample`` end to end, in a child process (QApplication.exec() and quit() in this
process would end every later test's event loop at once)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from qarin.gui import app
from tests.conftest import REPO


def test_qarin_sample_opens_and_takes_a_screenshot(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shot = tmp_path / "shot.png"
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO / "desktop"),
        "QT_QPA_PLATFORM": "offscreen",
        "QARIN_CONFIG_DIR": str(tmp_path / "cfg"),
        "QARIN_DATA_DIR": str(tmp_path / "data"),
        app.ENV_SCREENSHOT: str(shot),
    }
    proc = subprocess.run([sys.executable, "-m", "qarin.launcher", "--sample"], env=env,
                          capture_output=True, text=True, timeout=240, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "screenshot" in proc.stderr and "saved" in proc.stderr
    assert "Traceback" not in proc.stderr
    image = QImage(str(shot))
    assert not image.isNull() and image.width() > 600
    assert (tmp_path / "cfg" / "qarin.ini").is_file()  # settings written on close


def test_arguments() -> None:
    args = app._parser().parse_args(["a.txt", "b.txt"])
    assert args.files == ["a.txt", "b.txt"] and not args.sample
    assert app._parser().parse_args(["--sample"]).sample
