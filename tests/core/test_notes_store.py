"""The SQLite notebook store and sessions: persistence, undo/redo, schema safety, concurrency."""

from __future__ import annotations

import logging
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qarin.core.document import Span
from qarin.core.errors import (
    CommandFailed,
    NotebookDamaged,
    NotebookError,
    NotebookTooNew,
)
from qarin.core.notes import store as store_mod
from qarin.core.notes.commands import (
    AddClaim,
    AddNote,
    AddTag,
    Command,
    DeleteClaim,
    SetReader,
    UpdateClaim,
    new_id,
)
from qarin.core.notes.model import Claim, Note, Notebook
from qarin.core.notes.session import NotebookSession
from qarin.core.notes.store import NotebookState, NotebookStore, default_path

DOC = "d" * 64
REPO = Path(__file__).resolve().parents[2]


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


def add_claim(cid: str, **kw: object) -> AddClaim:
    return AddClaim(Claim(cid, (Span("ar", 0, 5),), **kw))  # type: ignore[arg-type]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "notebooks.sqlite3"


@pytest.fixture
def store(db: Path) -> Iterator[NotebookStore]:
    with NotebookStore(db) as s:
        yield s


def files_of(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.parent.iterdir())}


# -- persistence ---------------------------------------------------------------------------------


def test_nothing_is_written_before_the_first_command(store: NotebookStore) -> None:
    session = NotebookSession(store, DOC, title="Report", sources=["a.txt"])
    assert session.notebook == Notebook(DOC, "Report", ("a.txt",))
    assert session.revision == 0 and not session.can_undo
    assert store.load(DOC) is None


def test_commands_persist_exactly_with_clock_times(db: Path) -> None:
    clock = FakeClock()
    with NotebookStore(db) as store:
        session = NotebookSession(store, DOC, title="Report", clock=clock)
        session.execute(add_claim("c1", tags=("x",)))
        session.execute(UpdateClaim.of("c1", status="confirmed"))
        session.execute(AddNote(Note("n1", "document", "ملاحظة 😀")))
        session.execute(SetReader("Hind"))
        mine = session.notebook
    assert mine.claims["c1"].created == "2026-11-25T09:00:01.000Z"
    assert mine.claims["c1"].modified == "2026-11-25T09:00:02.000Z"
    with NotebookStore(db) as store:
        again = NotebookSession(store, DOC)
        assert again.notebook == mine
        assert again.revision == 4
        assert [(e.revision, e.action) for e in store.journal(DOC)] == [
            (1, "do"), (2, "do"), (3, "do"), (4, "do")]
        assert [i.title for i in store.notebooks()] == ["Report"]


def test_default_path_honours_qarin_data_dir(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QARIN_DATA_DIR", str(tmp_path / "data"))
    assert default_path() == tmp_path / "data" / "notebooks.sqlite3"
    with NotebookStore() as store:
        assert store.path == tmp_path / "data" / "notebooks.sqlite3"
    assert store.path.exists()
    monkeypatch.delenv("QARIN_DATA_DIR")
    assert default_path().name == "notebooks.sqlite3"


def test_wal_and_full_sync(store: NotebookStore) -> None:
    conn = store._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


# -- undo / redo -------------------------------------------------------------------------------


def test_undo_redo_labels_and_persistence_across_reopen(db: Path) -> None:
    with NotebookStore(db) as store:
        s = NotebookSession(store, DOC)
        s.execute(add_claim("c1"))
        after_add = s.notebook
        s.execute(UpdateClaim.of("c1", status="disputed"))
        assert (s.undo_label, s.redo_label) == ("Change status", None)
        s.undo()
        assert s.notebook == after_add
        assert (s.undo_label, s.redo_label) == ("Add claim", "Change status")
    with NotebookStore(db) as store:  # undone state and both stacks survive a restart
        s = NotebookSession(store, DOC)
        assert s.notebook == after_add
        assert (s.undo_label, s.redo_label) == ("Add claim", "Change status")
        s.redo()
        assert s.notebook.claims["c1"].status == "disputed"
        s.undo()
        s.undo()
        assert s.notebook.claims == {}
        assert not s.can_undo and s.can_redo
        with pytest.raises(CommandFailed, match="nothing to undo"):
            s.undo()
        assert [e.action for e in store.journal(DOC)] == [
            "do", "do", "undo", "redo", "undo", "undo"]


def test_new_command_drops_the_redo_branch(store: NotebookStore) -> None:
    s = NotebookSession(store, DOC)
    s.execute(add_claim("c1"))
    s.execute(add_claim("c2"))
    s.undo()
    s.execute(AddTag("t"))
    assert not s.can_redo
    with pytest.raises(CommandFailed, match="nothing to redo"):
        s.redo()
    s.undo()
    assert s.undo_label == "Add claim"
    assert list(s.notebook.claims) == ["c1"]


def test_history_is_capped(db: Path) -> None:
    with NotebookStore(db, history_limit=3) as store:
        s = NotebookSession(store, DOC)
        for i in range(6):
            s.execute(AddTag(f"t{i}"))
        for _ in range(3):
            s.undo()
        assert not s.can_undo
        assert s.notebook.tags == ("t0", "t1", "t2")


def test_listeners(store: NotebookStore, caplog: pytest.LogCaptureFixture) -> None:
    s = NotebookSession(store, DOC)
    seen: list[Notebook] = []

    def broken(_: Notebook) -> None:
        raise RuntimeError("view bug")

    s.subscribe(broken)
    unsubscribe = s.subscribe(seen.append)
    with caplog.at_level(logging.ERROR):
        s.execute(AddTag("a"))  # a failing listener neither hides the save nor the others
    assert "view bug" in caplog.text
    s.undo()
    assert [nb.tags for nb in seen] == [("a",), ()]
    unsubscribe()
    s.redo()
    assert len(seen) == 2


# -- several windows and processes ---------------------------------------------------------------


def test_two_stores_interleaving_changes_lose_nothing(db: Path) -> None:
    with NotebookStore(db) as one, NotebookStore(db) as two:
        a, b = NotebookSession(one, DOC), NotebookSession(two, DOC)
        seen_by_b: list[Notebook] = []
        b.subscribe(seen_by_b.append)
        for i in range(10):
            a.execute(add_claim(f"a{i}"))
            b.execute(add_claim(f"b{i}"))  # b is stale each time: re-applied on a's notebook
        a.execute(UpdateClaim.of("b3", status="false"))
        assert not a.refresh()  # a caught up with b's commits inside its own last execute
        assert b.refresh() and not b.refresh()
        assert seen_by_b[-1] == b.notebook
        assert a.notebook == b.notebook
        assert list(a.notebook.claims) == [x for i in range(10) for x in (f"a{i}", f"b{i}")]
        assert a.notebook.claims["b3"].status == "false"
        assert a.revision == b.revision == 21
    with NotebookStore(db) as again:
        assert NotebookSession(again, DOC).notebook == a.notebook


def test_undo_is_shared_by_all_windows(db: Path) -> None:
    with NotebookStore(db) as one, NotebookStore(db) as two:
        a, b = NotebookSession(one, DOC), NotebookSession(two, DOC)
        a.execute(add_claim("c1"))
        b.execute(UpdateClaim.of("c1", notes="from b"))
        a.refresh()
        assert a.undo_label == "Edit claim notes"
        a.undo()  # undoes b's edit only; a's claim stays
        b.refresh()
        assert b.notebook.claims["c1"].notes == ""
        assert b.redo_label == "Edit claim notes"


def test_conflict_is_reported_and_the_session_catches_up(db: Path) -> None:
    with NotebookStore(db) as one, NotebookStore(db) as two:
        a, b = NotebookSession(one, DOC), NotebookSession(two, DOC)
        a.execute(add_claim("c1"))
        b.refresh()
        a.execute(DeleteClaim("c1"))
        with pytest.raises(CommandFailed, match="no longer exists"):
            b.execute(UpdateClaim.of("c1", status="false"))
        assert "c1" not in b.notebook.claims  # b now shows the deletion
        assert b.revision == a.revision == 2


def test_two_sessions_on_one_store_see_each_other(store: NotebookStore) -> None:
    a, b = NotebookSession(store, DOC), NotebookSession(store, DOC)
    a.execute(AddTag("x"))
    assert b.refresh()
    assert b.notebook.tags == ("x",)


def test_two_processes_writing_at_once(db: Path) -> None:
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(REPO / "desktop")!r})
        from qarin.core.document import Span
        from qarin.core.notes.commands import AddClaim
        from qarin.core.notes.model import Claim
        from qarin.core.notes.session import NotebookSession
        from qarin.core.notes.store import NotebookStore
        with NotebookStore(sys.argv[1]) as store:
            s = NotebookSession(store, {DOC!r})
            for i in range(60):
                s.execute(AddClaim(Claim(sys.argv[2] + str(i), (Span("en", 0, 1),))))
    """)
    NotebookStore(db).close()  # create the schema first, as the app does at start-up
    procs = [subprocess.Popen([sys.executable, "-c", script, str(db), tag])
             for tag in ("p", "q")]
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    with NotebookStore(db) as store:
        nb = NotebookSession(store, DOC).notebook
        assert len(nb.claims) == 120
        assert store.revision(DOC) == 120


# -- schema versions and damaged files -------------------------------------------------------------


def set_user_version(db: Path, version: int) -> None:
    with closing(sqlite3.connect(db)) as conn:
        conn.execute(f"PRAGMA user_version = {version}")
        conn.commit()


def test_newer_schema_is_refused_and_left_byte_identical(db: Path) -> None:
    with NotebookStore(db) as store:
        NotebookSession(store, DOC).execute(add_claim("c1"))
    set_user_version(db, 99)
    before = files_of(db)
    with pytest.raises(NotebookTooNew) as info:
        NotebookStore(db)
    message = str(info.value)
    assert str(db) in message
    assert "written by a newer Qarin (schema 99)" in message
    assert f"understands up to {store_mod.SCHEMA_VERSION}" in message
    assert files_of(db) == before  # not a byte changed, no -wal or -shm left behind


def test_newer_schema_with_a_pending_wal_is_left_alone(db: Path) -> None:
    """A newer Qarin still running (or killed) leaves a WAL; looking must not checkpoint it."""
    with NotebookStore(db) as store:
        NotebookSession(store, DOC).execute(add_claim("c1"))
    keeper = sqlite3.connect(db, isolation_level=None)
    try:
        keeper.execute("PRAGMA wal_autocheckpoint = 0")
        keeper.execute("PRAGMA user_version = 7")
        keeper.execute("UPDATE notebooks SET title = 'from the future'")
        main_before = db.read_bytes()
        with pytest.raises(NotebookTooNew, match="schema 7"):
            NotebookStore(db)
        assert db.read_bytes() == main_before
    finally:
        keeper.close()


@pytest.mark.parametrize("content", [
    b"this is a text file, not a database\n" * 20,
    b"SQLite format 3\x00" + b"\xff" * 4080,
    b"\x00" * 8192,
])
def test_damaged_file_gives_a_clear_error_and_is_not_touched(db: Path, content: bytes) -> None:
    db.write_bytes(content)
    with pytest.raises(NotebookDamaged) as info:
        NotebookStore(db)
    assert str(db) in str(info.value)
    assert "has not changed it" in str(info.value)
    assert files_of(db) == {db.name: content}


def test_truncated_database_is_refused(db: Path) -> None:
    with NotebookStore(db) as store:
        s = NotebookSession(store, DOC)
        for i in range(200):
            s.execute(add_claim(f"c{i}", notes="x" * 500))
    data = db.read_bytes()
    assert len(data) > 8192
    db.write_bytes(data[: len(data) // 2])
    damaged = db.read_bytes()
    with pytest.raises(NotebookDamaged, match="damaged"):
        NotebookStore(db)
    assert db.read_bytes() == damaged


def test_foreign_sqlite_database_is_refused(db: Path) -> None:
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.commit()
    before = files_of(db)
    with pytest.raises(NotebookDamaged, match="other tables: recipes"):
        NotebookStore(db)
    assert files_of(db) == before


def test_empty_file_becomes_a_new_store(db: Path) -> None:
    db.write_bytes(b"")
    with NotebookStore(db) as store:
        NotebookSession(store, DOC).execute(AddTag("x"))
    with NotebookStore(db) as store:
        assert NotebookSession(store, DOC).notebook.tags == ("x",)


def test_damaged_snapshot_names_the_file(db: Path) -> None:
    with NotebookStore(db) as store:
        NotebookSession(store, DOC).execute(AddTag("x"))
        store._conn.execute("UPDATE notebooks SET header = '{\"claims\": 3}'")
        with pytest.raises(NotebookDamaged) as info:
            NotebookSession(store, DOC)
        assert str(db) in str(info.value) and "doc_hash" in str(info.value)


def test_older_schema_is_backed_up_then_migrated(db: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    with NotebookStore(db) as store:
        NotebookSession(store, DOC).execute(add_claim("c1"))

    def add_pinned(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE notebooks ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0")

    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(store_mod, "MIGRATIONS", {1: add_pinned})
    with NotebookStore(db) as store:
        assert store._conn.execute("PRAGMA user_version").fetchone()[0] == 2
        assert store._conn.execute("SELECT pinned FROM notebooks").fetchone() == (0,)
        assert "c1" in NotebookSession(store, DOC).notebook.claims
    (backup,) = db.parent.glob("notebooks.sqlite3.schema1-*.bak")
    with closing(sqlite3.connect(backup)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM notebooks").fetchone() == (1,)


def test_failed_migration_changes_nothing(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with NotebookStore(db) as store:
        NotebookSession(store, DOC).execute(add_claim("c1"))

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE notebooks ADD COLUMN pinned INTEGER")
        raise sqlite3.OperationalError("simulated failure half-way")

    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(store_mod, "MIGRATIONS", {1: broken})
    with pytest.raises(NotebookError, match="simulated failure"):
        NotebookStore(db)
    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", 1)
    with NotebookStore(db) as store:
        columns = [r[1] for r in store._conn.execute("PRAGMA table_info(notebooks)")]
        assert "pinned" not in columns
        assert "c1" in NotebookSession(store, DOC).notebook.claims


def test_ids_are_uuid4_hex() -> None:
    a, b = new_id(), new_id()
    assert a != b and len(a) == 32 and a[12] == "4"


# -- the stored form is exact, whatever the sequence -----------------------------------------------


def test_order_survives_undoing_a_delete_in_the_middle(db: Path) -> None:
    with NotebookStore(db) as store:
        s = NotebookSession(store, DOC)
        for i in range(5):
            s.execute(add_claim(f"c{i}"))
            s.execute(AddNote(Note(f"n{i}", "document", str(i))))
        s.execute(DeleteClaim("c2"))
        s.execute(UpdateClaim.of("c3", status="false"))
        s.undo()
        s.undo()  # c2 goes back between c1 and c3
        mine = s.notebook
    assert list(mine.claims) == ["c0", "c1", "c2", "c3", "c4"]
    with NotebookStore(db) as store:
        assert NotebookSession(store, DOC).notebook == mine


_steps = st.lists(st.one_of(
    st.builds(lambda i, t: add_claim(f"c{i}", tags=t), st.integers(0, 4),
              st.lists(st.sampled_from(["a", "b"]), max_size=2).map(tuple)),
    st.builds(lambda i: UpdateClaim.of(f"c{i}", notes=f"n{i}"), st.integers(0, 4)),
    st.builds(lambda i: DeleteClaim(f"c{i}"), st.integers(0, 4)),
    st.builds(lambda i: AddNote(Note(f"n{i}", "document", "x"), index=0), st.integers(0, 3)),
    st.builds(lambda t: AddTag(t, index=0), st.sampled_from(["a", "z"])),
    st.just("undo"),
    st.just("redo"),
), max_size=15)


@settings(max_examples=40, deadline=None)
@given(_steps)
def test_reopened_notebook_always_equals_the_session(tmp_path_factory: pytest.TempPathFactory,
                                                      steps: list[object]) -> None:
    db = tmp_path_factory.mktemp("prop") / "n.sqlite3"
    with NotebookStore(db) as store:
        s = NotebookSession(store, DOC)
        for step in steps:
            try:
                if step == "undo":
                    s.undo()
                elif step == "redo":
                    s.redo()
                else:
                    assert isinstance(step, Command)
                    s.execute(step)
            except CommandFailed:
                pass
            stored = store.load(DOC)
            if s.revision == 0:
                assert stored is None
            else:
                assert stored == NotebookState(s.notebook, s.revision, s.undo_label,
                                               s.redo_label)
