"""Resources travel with the package: found from the source tree and from a built wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from qarin.paths import resource, sample_path
from tests.conftest import REPO


def test_resources_found_from_source_tree() -> None:
    assert sample_path().read_text(encoding="utf-8").startswith("أعلن")
    assert resource("fonts", "NotoNaskhArabic-Regular.ttf").is_file()
    assert resource("fonts", "OFL.txt").is_file()


@pytest.mark.slow
def test_wheel_carries_resources(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w",
         str(tmp_path), str(REPO)],
        capture_output=True, text=True, check=False, timeout=300,
    )
    if proc.returncode != 0 and "hatchling" in proc.stderr:
        pytest.skip("hatchling is not installed for --no-build-isolation builds")
    assert proc.returncode == 0, proc.stderr[-2000:]
    wheel = next(tmp_path.glob("qarin-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "qarin/resources/sample/security-guarantees.txt" in names
    assert "qarin/resources/fonts/NotoNaskhArabic-Regular.ttf" in names
    assert "qarin/core/cli.py" in names
    # The wheel's layout is what paths.py looks for first.
    assert "qarin/paths.py" in names
