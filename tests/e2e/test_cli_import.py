"""`qarin import`: notes exported on one machine merge into another reader's notebook."""

from __future__ import annotations

from pathlib import Path

import pytest

from qarin.core.cli import main
from qarin.core.document import Span
from qarin.core.io.loader import load_document
from qarin.core.notes.commands import AddClaim
from qarin.core.notes.model import Claim
from qarin.core.notes.session import NotebookSession
from qarin.core.notes.store import NotebookStore
from tests.conftest import SAMPLE


def _notebook_claims(data_dir: Path) -> dict[str, Claim]:
    doc = load_document(SAMPLE)
    with NotebookStore(data_dir / "notebooks.sqlite3") as store:
        return dict(NotebookSession(store, doc.content_hash).notebook.claims)


@pytest.mark.parametrize("fmt", ["json", "w3c"])
def test_exported_notes_import_into_a_fresh_notebook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    monkeypatch.setenv("QARIN_DATA_DIR", str(mine))
    doc = load_document(SAMPLE)
    claim = Claim("c1", (Span("ar", 0, 40), Span("en", 0, 38)), ("ar:0", "en:0"),
                  claimant="Zelensky", cue="أعلن / announced", status="disputed",
                  tags=("ukraine",), notes="Check «this».")
    with NotebookStore() as store:
        NotebookSession(store, doc.content_hash, title=doc.title).execute(AddClaim(claim))
    out = tmp_path / f"notes.{fmt}"
    assert main(["export", str(SAMPLE), "--format", fmt, "--out", str(out)]) == 0

    monkeypatch.setenv("QARIN_DATA_DIR", str(theirs))
    assert main(["import", str(SAMPLE), "--notes", str(out)]) == 0
    got = _notebook_claims(theirs)["c1"]
    assert (got.status, got.tags, got.notes, got.spans) == (
        "disputed", ("ukraine",), "Check «this».", claim.spans
    )
    # Importing again changes nothing: the same claim is matched by id.
    assert main(["import", str(SAMPLE), "--notes", str(out)]) == 0
    assert len(_notebook_claims(theirs)) == 1


def test_notes_about_another_text_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("QARIN_DATA_DIR", str(tmp_path / "data"))
    out = tmp_path / "notes.json"
    assert main(["export", str(SAMPLE), "--format", "json", "--out", str(out)]) == 0
    other = tmp_path / "other.txt"
    other.write_text("قال الرئيس إن المحادثات ستبدأ.\nThe president said talks start.\n",
                     encoding="utf-8")
    assert main(["import", str(other), "--notes", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert "another document" in err
