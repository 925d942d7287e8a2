"""The command line as a user and other tools meet it: the analysis contract, show, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from qarin.core.cli import main
from tests.conftest import GOLD, REPO, SAMPLE


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "desktop")}
    return subprocess.run(
        [sys.executable, "-m", "qarin.core.cli", *args],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )


def test_analyze_contract_matches_gold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "a.json"
    assert main(["analyze", str(SAMPLE), "--out", str(out), "--no-entities"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    assert data["format"] == "qarin.analysis"
    assert data["version"] == 1
    assert set(data) >= {"texts", "sentences", "alignment", "entities", "links", "claims"}
    base = gold["languages"]["en"]["start"]
    want = [(s["start"], s["end"]) for s in gold["sentences"]["ar"]] + [
        (s["start"] - base, s["end"] - base) for s in gold["sentences"]["en"]
    ]
    assert [(s["start"], s["end"]) for s in data["sentences"]] == want
    assert [s["id"] for s in data["sentences"]] == [f"ar:{i}" for i in range(5)] + [
        f"en:{i}" for i in range(5)
    ]
    assert [(b["ar"], b["en"]) for b in data["alignment"]] == [
        ([f"ar:{i}"], [f"en:{i}"]) for i in range(5)
    ]
    for s in data["sentences"]:
        assert data["texts"][s["lang"]][s["start"] : s["end"]].strip()
    assert "read" in capsys.readouterr().err


def test_analyze_to_stdout_is_json() -> None:
    proc = run_cli("analyze", "--no-entities", str(SAMPLE))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["format"] == "qarin.analysis"
    assert "UTF-8" in proc.stderr


def test_show_visual_order_and_logical() -> None:
    proc = run_cli("show", "--width", "120", str(SAMPLE))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    first = next(ln for ln in lines if ln.startswith("Ukrainian President"))
    _left, right = first.split(" │ ")
    # Visual order: presentation forms, and the sentence's first word (أعلن) at the far right.
    assert right.rstrip().endswith("ﻦﻠﻋﺃ")
    assert "ﺲﻴﻤﺨﻟﺍ/ﺀﺎﻌﺑﺭﻷﺍ)" in proc.stdout  # brackets mirrored, not ")…("
    logical = run_cli("show", "--logical", "--width", "120", str(SAMPLE))
    assert "(الأربعاء/الخميس)" in logical.stdout


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty"), (b"\x00\x01\x02binary\x00", "binary"), (b"1234\n", "no Arabic or English")],
)
def test_bad_input_exit_status_2_one_line(tmp_path: Path, content: bytes, reason: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    proc = run_cli("analyze", str(bad))
    assert proc.returncode == 2
    assert proc.stdout == ""
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1
    assert str(bad) in err[0] and reason in err[0]
    assert "Traceback" not in proc.stderr
    assert bad.read_bytes() == content


def test_missing_file_exit_2() -> None:
    proc = run_cli("show", "/nonexistent/file.txt")
    assert proc.returncode == 2
    assert "no such file" in proc.stderr


def test_help_names_the_reader_and_the_commands() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "desktop")}
    proc = subprocess.run([sys.executable, "-m", "qarin.launcher", "--help"],
                          capture_output=True, text=True, env=env, timeout=60, check=False)
    assert proc.returncode == 0
    assert "--sample" in proc.stdout and "analyze" in proc.stdout


def test_no_display_gives_one_line_not_a_qt_abort() -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(REPO / "desktop")
    proc = subprocess.run([sys.executable, "-m", "qarin.launcher", "--sample"],
                          capture_output=True, text=True, env=env, timeout=60, check=False)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "no display" in proc.stderr


def test_export_options_reach_the_exporters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QARIN_DATA_DIR", str(tmp_path / "data"))
    tmx, notes = tmp_path / "pairs.tmx", tmp_path / "notes.json"
    assert main(["export", str(SAMPLE), "--format", "tmx", "--min-confidence", "0.9",
                 "--out", str(tmx)]) == 0
    kept = tmx.read_text(encoding="utf-8").count("<tu ") + tmx.read_text(encoding="utf-8").count("<tu>")
    assert 0 < kept < 5  # the sample's five pairs include two below 0.9
    assert main(["export", str(SAMPLE), "--format", "json", "--no-texts", "--date",
                 "2026-01-02", "--out", str(notes)]) == 0
    document = json.loads(notes.read_text(encoding="utf-8"))["document"]
    assert "texts" not in document and document["content_hash"]
