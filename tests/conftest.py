"""Test-wide settings: Qt offscreen, and private data, config and cache directories so tests
never touch the reader's real notebooks, settings or caches."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
for _var, _prefix in (
    ("QARIN_DATA_DIR", "qarin-test-data-"),
    ("QARIN_CONFIG_DIR", "qarin-test-config-"),
    ("QARIN_CACHE_DIR", "qarin-test-cache-"),
):
    os.environ[_var] = tempfile.mkdtemp(prefix=_prefix)
    atexit.register(shutil.rmtree, os.environ[_var], True)

REPO = Path(__file__).resolve().parent.parent
# Let the suite run from a checkout without installing (CI installs anyway).
if str(REPO / "desktop") not in sys.path:
    sys.path.insert(0, str(REPO / "desktop"))

SAMPLE = REPO / "resources" / "sample" / "security-guarantees.txt"
GOLD = REPO / "tests" / "data" / "security-guarantees.gold.json"
