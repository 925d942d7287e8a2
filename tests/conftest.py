"""Test-wide settings: Qt offscreen, and a private data directory so tests never touch the
reader's real notebooks."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["QARIN_DATA_DIR"] = tempfile.mkdtemp(prefix="qarin-test-data-")
os.environ["QARIN_CONFIG_DIR"] = tempfile.mkdtemp(prefix="qarin-test-config-")

REPO = Path(__file__).resolve().parent.parent
# Let the suite run from a checkout without installing (CI installs anyway).
if str(REPO / "desktop") not in sys.path:
    sys.path.insert(0, str(REPO / "desktop"))

SAMPLE = REPO / "resources" / "sample" / "security-guarantees.txt"
GOLD = REPO / "tests" / "data" / "security-guarantees.gold.json"
