"""The wall between core and GUI, checked two ways: import-linter's contract, and a fresh
interpreter that imports all of core and must not have loaded Qt."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO / "desktop")}


def test_import_linter_contract() -> None:
    exe = shutil.which("lint-imports")
    if exe is None:
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    proc = subprocess.run(
        [exe, str(REPO / ".importlinter")],
        cwd=REPO, env=_env(), capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_core_modules_load_without_qt() -> None:
    code = (
        "import pkgutil, importlib, sys, qarin.core as c\n"
        "for m in pkgutil.walk_packages(c.__path__, 'qarin.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'qarin.gui'))]\n"
        "print(','.join(bad))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], env=_env(), capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""
