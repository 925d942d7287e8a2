"""Kill the writer at random moments: every change acknowledged as saved must survive.

The harness is shared with tests/bench/bench_durability.py (which runs hundreds of kills).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import durability_harness

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")


def test_acknowledged_commands_survive_sigkill(tmp_path: Path) -> None:
    report = durability_harness.run_kills(tmp_path / "notebooks.sqlite3", 40, seed=20261125)
    assert report.ok, report.summary()
    assert report.kills == 40
    assert report.acknowledged > 100  # the kills did land mid-stream, not only at start-up
    assert report.final_revision >= report.acknowledged


def test_expected_stream_is_deterministic() -> None:
    a, b = durability_harness.ExpectedStream(), durability_harness.ExpectedStream()
    assert a.at(900) == b.at(900)
    # The stream deletes old claims, so the notebook stays at a realistic size.
    assert len(a.notebook.claims) <= durability_harness.LIVE + 1
