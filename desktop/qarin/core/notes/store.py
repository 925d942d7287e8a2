"""The notebook store: one embedded SQLite database holding every notebook, keyed by the
document's content hash.

Durability: WAL journal with ``synchronous=FULL``. Every change is one transaction that appends
to ``journal``, updates the undo ``history`` and brings the notebook's snapshot (a ``header`` row
plus one ``items`` row per claim and note, so a change rewrites only what it touched) and its
``revision`` up to date; it is acknowledged only after COMMIT returns. In WAL mode NORMAL would
already survive a killed process (the WAL pages sit in the OS cache), but FULL also fsyncs the
WAL at each commit, so a change shown as saved survives a power cut or an OS crash too; it costs
one fsync per command, well inside the 20 ms budget (see tests/bench/bench_durability.py).

Safety of the file: opening never deletes, truncates or recreates anything. A file that is not
SQLite, fails ``PRAGMA quick_check`` or belongs to another program raises NotebookDamaged naming
the path; a schema newer than this code raises NotebookTooNew after looking at the file through a
read-only connection only, so it stays byte-identical; an older schema is copied to a backup file
first and then migrated inside one transaction.

Concurrency: several stores (windows, processes) may share the file. Writers serialise on
``BEGIN IMMEDIATE``; each write checks the notebook's ``revision`` against the caller's copy and,
if another writer moved it, applies the command to the freshly read notebook instead
(optimistic concurrency; commands are targeted, see commands.py).
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import weakref
from collections.abc import Callable, Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import platformdirs

from qarin.core.errors import (
    CommandFailed,
    InvalidNotebookData,
    NotebookBusy,
    NotebookDamaged,
    NotebookError,
    NotebookTooNew,
)
from qarin.core.notes.commands import Command, command_from_dict
from qarin.core.notes.model import Notebook
from qarin.core.notes.serialize import (
    claim_to_dict,
    note_to_dict,
    notebook_from_dict,
    notebook_header_to_dict,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

SCHEMA_VERSION = 1
DB_NAME = "notebooks.sqlite3"
ENV_DATA_DIR = "QARIN_DATA_DIR"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_APP_ID = "qarin-notebooks"

# Migrations: MIGRATIONS[n] turns schema n into n + 1. They run inside one transaction.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {}

_SCHEMA = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    # One row per notebook. header is notebook_header_to_dict as JSON; revision counts committed
    # changes; history entries with seq < cursor can be undone, the others redone.
    """CREATE TABLE notebooks (
        doc_hash TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        header TEXT NOT NULL,
        revision INTEGER NOT NULL,
        cursor INTEGER NOT NULL,
        created TEXT NOT NULL,
        modified TEXT NOT NULL
    )""",
    # The notebook's claims and notes, one JSON object (claim_to_dict / note_to_dict) a row;
    # position orders them (gaps allowed).
    """CREATE TABLE items (
        doc_hash TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('claim', 'note')),
        item_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (doc_hash, kind, item_id)
    )""",
    "CREATE INDEX items_in_order ON items (doc_hash, kind, position)",
    # The undo/redo stack, persisted so that it survives a restart and is shared by every
    # window on the notebook. forward/inverse are commands as JSON.
    """CREATE TABLE history (
        doc_hash TEXT NOT NULL,
        seq INTEGER NOT NULL,
        label TEXT NOT NULL,
        forward TEXT NOT NULL,
        inverse TEXT NOT NULL,
        PRIMARY KEY (doc_hash, seq)
    ) WITHOUT ROWID""",
    # Append-only log of every change applied (action: do, undo, redo), for audit and recovery.
    """CREATE TABLE journal (
        id INTEGER PRIMARY KEY,
        doc_hash TEXT NOT NULL,
        revision INTEGER NOT NULL,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        command TEXT NOT NULL
    )""",
    "CREATE INDEX journal_by_doc ON journal (doc_hash, revision)",
)


def default_path() -> Path:
    """``$QARIN_DATA_DIR/notebooks.sqlite3`` if set, else in platformdirs' user data dir."""
    env = os.environ.get(ENV_DATA_DIR)
    base = Path(env) if env else Path(platformdirs.user_data_dir("Qarin", appauthor=False))
    return base / DB_NAME


@dataclass(frozen=True, slots=True)
class NotebookState:
    """A notebook as committed at ``revision`` (0: never saved), with its undo/redo labels."""

    notebook: Notebook
    revision: int = 0
    undo_label: str | None = None
    redo_label: str | None = None


@dataclass(frozen=True, slots=True)
class NotebookInfo:
    doc_hash: str
    title: str
    revision: int
    created: str
    modified: str


@dataclass(frozen=True, slots=True)
class JournalEntry:
    revision: int
    at: str
    action: str
    command: Command


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


class NotebookStore:
    """An open notebook database. Close it (or use ``with``); one per thread."""

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        synchronous: str = "FULL",
        busy_timeout: float = 10.0,
        history_limit: int = 1000,
    ) -> None:
        if synchronous not in ("FULL", "NORMAL", "EXTRA"):
            raise ValueError(f"unsupported synchronous mode {synchronous!r}")
        self.path = Path(path) if path is not None else default_path()
        self.history_limit = history_limit
        self._local_writes = 0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._inspect_read_only()
        try:
            self._conn = sqlite3.connect(self.path, timeout=busy_timeout, isolation_level=None)
        except sqlite3.Error as e:
            raise NotebookError(f"Cannot open the notebook database {self.path}: {e}") from e
        try:
            self._prepare(synchronous)
        except BaseException:
            self._conn.close()
            raise
        # A store dropped without close() (a test, a window torn down on an error) still
        # releases its file when it goes; close() twice is harmless.
        weakref.finalize(self, self._conn.close)

    # -- opening ---------------------------------------------------------------------------------

    def _damaged(self, detail: str) -> NotebookDamaged:
        return NotebookDamaged(
            f"The notebook database {self.path} is damaged or is not a Qarin notebook database "
            f"({detail}). Qarin has not changed it: move it aside or restore a backup, and "
            "Qarin will start a new one."
        )

    def _too_new(self, version: int) -> NotebookTooNew:
        return NotebookTooNew(
            f"The notebook database {self.path} was written by a newer Qarin (schema {version}); "
            f"this version understands up to {SCHEMA_VERSION}. Update Qarin to open it; the file "
            "was not changed."
        )

    def _inspect_read_only(self) -> None:
        """Look at an existing file without any chance of writing to it (not even a WAL
        checkpoint on close): refuse foreign, damaged and too-new files here."""
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            return
        if size == 0:
            return  # SQLite's own representation of an empty database
        with open(self.path, "rb") as f:
            if f.read(len(_SQLITE_MAGIC)) != _SQLITE_MAGIC:
                raise self._damaged("it is not an SQLite database")
        wal = self.path.with_name(self.path.name + "-wal")
        pending_wal = wal.exists() and wal.stat().st_size > 0
        # Without a pending WAL the main file is the whole database: read it as immutable, which
        # creates no -wal/-shm files. With one, a read-only connection sees the WAL's content.
        try:
            self._probe("immutable=1" if not pending_wal else "mode=ro")
        except NotebookDamaged:
            if pending_wal:
                raise
            # The immutable read may have raced a checkpoint by a closing Qarin: confirm.
            self._probe("mode=ro")

    def _probe(self, query: str) -> None:
        uri = f"{self.path.resolve().as_uri()}?{query}"
        try:
            with closing(sqlite3.connect(uri, uri=True, isolation_level=None)) as ro:
                version = ro.execute("PRAGMA user_version").fetchone()[0]
                if version > SCHEMA_VERSION:
                    raise self._too_new(version)
                problems = [r[0] for r in ro.execute("PRAGMA quick_check").fetchall()]
                if problems != ["ok"]:
                    raise self._damaged("; ".join(problems[:3]))
        except sqlite3.OperationalError as e:
            # e.g. a hot rollback journal a read-only connection may not replay: let the
            # read-write connection recover it and check again.
            log.info("read-only inspection of %s skipped: %s", self.path, e)
        except sqlite3.DatabaseError as e:
            raise self._damaged(str(e)) from e

    def _prepare(self, synchronous: str) -> None:
        c = self._conn
        try:
            version = c.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise self._too_new(version)
            self._check_ownership(version)
            mode = c.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if mode != "wal":  # e.g. a network file system; rollback journal is still durable
                log.warning("notebook database %s uses journal mode %s, not WAL", self.path, mode)
            c.execute(f"PRAGMA synchronous={synchronous}")
            if version == 0:
                self._create_schema()
            elif version < SCHEMA_VERSION:
                self._migrate(version)
        except sqlite3.OperationalError as e:
            raise self._busy_or_error(e, "open") from e
        except sqlite3.DatabaseError as e:
            raise self._damaged(str(e)) from e

    def _check_ownership(self, version: int) -> None:
        tables = {r[0] for r in self._conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if version == 0:
            if tables:
                raise self._damaged(f"it holds other tables: {', '.join(sorted(tables))}")
            return
        row = None
        if "meta" in tables:
            row = self._conn.execute("SELECT value FROM meta WHERE key = 'app'").fetchone()
        if row is None or row[0] != _APP_ID:
            raise self._damaged("it was not written by Qarin")

    def _create_schema(self) -> None:
        with self._write() as c:
            # Another process may have created it between our check and our lock.
            if c.execute("PRAGMA user_version").fetchone()[0] != 0:
                return
            for stmt in _SCHEMA:
                c.execute(stmt)
            c.execute("INSERT INTO meta VALUES ('app', ?)", (_APP_ID,))
            c.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _migrate(self, version: int) -> None:
        stem = f"{self.path.name}.schema{version}-{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
        backup = self.path.with_name(stem + ".bak")
        n = 1
        while backup.exists():  # never overwrite an earlier (or half-written) backup
            backup = self.path.with_name(f"{stem}-{n}.bak")
            n += 1
        with closing(sqlite3.connect(backup)) as dst:
            self._conn.backup(dst)  # a consistent copy, WAL content included
        log.info("backed up %s to %s before migrating schema %d", self.path, backup, version)
        with self._write() as c:
            current = c.execute("PRAGMA user_version").fetchone()[0]
            if current > SCHEMA_VERSION:  # a newer Qarin migrated it while we were copying
                raise self._too_new(current)
            for v in range(current, SCHEMA_VERSION):
                if v not in MIGRATIONS:
                    raise NotebookError(f"No migration from notebook schema {v} ({self.path}).")
                MIGRATIONS[v](c)
            c.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    # -- plumbing --------------------------------------------------------------------------------

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> NotebookStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _busy_or_error(self, e: sqlite3.OperationalError, doing: str) -> NotebookError:
        if "locked" in str(e) or "busy" in str(e):
            return NotebookBusy(
                f"The notebook database {self.path} is busy (another Qarin is writing to it); "
                "try again."
            )
        return NotebookError(f"Could not {doing} the notebook database {self.path}: {e}")

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; everything in it is saved together or not at all."""
        c = self._conn
        try:
            c.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as e:
            raise self._busy_or_error(e, "write to") from e
        try:
            yield c
            c.execute("COMMIT")
        except BaseException as e:
            if c.in_transaction:
                c.execute("ROLLBACK")
            if isinstance(e, sqlite3.OperationalError):
                raise self._busy_or_error(e, "save to") from e
            raise
        self._local_writes += 1

    def change_token(self) -> tuple[int, int]:
        """Changes when anyone (this connection or another) committed: cheap enough to poll."""
        return self._conn.execute("PRAGMA data_version").fetchone()[0], self._local_writes

    # -- reading ---------------------------------------------------------------------------------

    def revision(self, doc_hash: str) -> int:
        row = self._conn.execute(
            "SELECT revision FROM notebooks WHERE doc_hash = ?", (doc_hash,)).fetchone()
        return 0 if row is None else int(row[0])

    def load(self, doc_hash: str) -> NotebookState | None:
        """The stored notebook, or None if it was never saved."""
        c = self._conn
        c.execute("BEGIN")  # one consistent read of row and labels
        try:
            row = c.execute("SELECT revision, cursor FROM notebooks WHERE doc_hash = ?",
                            (doc_hash,)).fetchone()
            if row is None:
                return None
            return self._state(doc_hash, self._snapshot(doc_hash), row[0], row[1])
        finally:
            c.execute("COMMIT")

    def notebooks(self) -> list[NotebookInfo]:
        rows = self._conn.execute(
            "SELECT doc_hash, title, revision, created, modified FROM notebooks "
            "ORDER BY modified DESC")
        return [NotebookInfo(*r) for r in rows]

    def journal(self, doc_hash: str) -> list[JournalEntry]:
        rows = self._conn.execute(
            "SELECT revision, at, action, command FROM journal WHERE doc_hash = ? ORDER BY id",
            (doc_hash,))
        return [JournalEntry(r[0], r[1], r[2], self._command(r[3])) for r in rows]

    def _snapshot(self, doc_hash: str) -> Notebook:
        (header,) = self._conn.execute(
            "SELECT header FROM notebooks WHERE doc_hash = ?", (doc_hash,)).fetchone()
        rows = self._conn.execute(
            "SELECT kind, data FROM items WHERE doc_hash = ? ORDER BY kind, position",
            (doc_hash,)).fetchall()
        try:
            d = json.loads(header)
            d["claims"] = [json.loads(data) for kind, data in rows if kind == "claim"]
            d["notes"] = [json.loads(data) for kind, data in rows if kind == "note"]
            return notebook_from_dict(d)
        except (ValueError, TypeError, InvalidNotebookData) as e:
            raise self._damaged(f"notebook {doc_hash[:12]}: {e}") from e

    def _command(self, text: str) -> Command:
        try:
            return command_from_dict(json.loads(text))
        except (ValueError, InvalidNotebookData) as e:
            raise self._damaged(f"a stored command: {e}") from e

    def _label(self, doc_hash: str, seq: int) -> str | None:
        row = self._conn.execute("SELECT label FROM history WHERE doc_hash = ? AND seq = ?",
                                 (doc_hash, seq)).fetchone()
        return None if row is None else str(row[0])

    def _state(self, doc_hash: str, nb: Notebook, revision: int, cursor: int) -> NotebookState:
        return NotebookState(nb, revision, self._label(doc_hash, cursor - 1),
                             self._label(doc_hash, cursor))

    # -- writing ---------------------------------------------------------------------------------

    def _current(self, known: NotebookState, at: str) -> tuple[Notebook, int, int]:
        """Inside a write transaction: the notebook as stored now, its revision and cursor.

        Reuses the caller's copy when nobody changed it (no JSON parsing on the hot path) and
        creates the row the first time a notebook is saved.
        """
        doc_hash = known.notebook.doc_hash
        row = self._conn.execute("SELECT revision, cursor FROM notebooks WHERE doc_hash = ?",
                                 (doc_hash,)).fetchone()
        if row is None:
            nb = known.notebook
            self._conn.execute(
                "INSERT INTO notebooks VALUES (?, ?, ?, 0, 0, ?, ?)",
                (doc_hash, nb.title, _dumps(notebook_header_to_dict(nb)), at, at))
            self._write_items(doc_hash, "claim", {}, nb.claims, claim_to_dict)
            self._write_items(doc_hash, "note", {}, nb.notes, note_to_dict)
            return nb, 0, 0
        revision, cursor = int(row[0]), int(row[1])
        if revision == known.revision:
            return known.notebook, revision, cursor
        return self._snapshot(doc_hash), revision, cursor

    def _save(self, before: Notebook, nb: Notebook, revision: int, cursor: int, at: str,
              action: str, applied: Command) -> None:
        self._conn.execute(
            "INSERT INTO journal (doc_hash, revision, at, action, command) VALUES (?,?,?,?,?)",
            (nb.doc_hash, revision, at, action, _dumps(applied.to_dict())))
        self._conn.execute(
            "UPDATE notebooks SET title = ?, header = ?, revision = ?, cursor = ?, "
            "modified = ? WHERE doc_hash = ?",
            (nb.title, _dumps(notebook_header_to_dict(nb)), revision, cursor, at, nb.doc_hash))
        self._write_items(nb.doc_hash, "claim", before.claims, nb.claims, claim_to_dict)
        self._write_items(nb.doc_hash, "note", before.notes, nb.notes, note_to_dict)

    def _write_items(self, doc_hash: str, kind: str, old: Mapping[str, T], new: Mapping[str, T],
                     to_dict: Callable[[T], dict[str, Any]]) -> None:
        """Bring the ``kind`` rows from ``old`` to ``new``, touching only what changed.

        Commands share unchanged Claim/Note objects between the notebooks before and after, so
        ``is`` finds the changed ones without serialising the rest: the cost of a save does not
        grow with the size of the notebook (beyond this identity scan).
        """
        if old is new:
            return
        c = self._conn
        gone = [(doc_hash, kind, k) for k in old if k not in new]
        c.executemany("DELETE FROM items WHERE doc_hash = ? AND kind = ? AND item_id = ?", gone)
        kept = [k for k in old if k in new]
        order = list(new)
        if order[: len(kept)] == kept:  # same order, new items at the end: the usual case
            changed = [k for k in kept if new[k] is not old[k]]
            c.executemany(
                "UPDATE items SET data = ? WHERE doc_hash = ? AND kind = ? AND item_id = ?",
                [(_dumps(to_dict(new[k])), doc_hash, kind, k) for k in changed])
            (last,) = c.execute(
                "SELECT COALESCE(MAX(position), -1) FROM items WHERE doc_hash = ? AND kind = ?",
                (doc_hash, kind)).fetchone()
            c.executemany(
                "INSERT INTO items VALUES (?, ?, ?, ?, ?)",
                [(doc_hash, kind, k, last + 1 + i, _dumps(to_dict(new[k])))
                 for i, k in enumerate(order[len(kept):])])
            return
        # An item was put back in the middle (undoing a delete): renumber this kind.
        for i, k in enumerate(order):
            if k not in old:
                c.execute("INSERT INTO items VALUES (?, ?, ?, ?, ?)",
                          (doc_hash, kind, k, i, _dumps(to_dict(new[k]))))
            elif new[k] is not old[k]:
                c.execute("UPDATE items SET position = ?, data = ? "
                          "WHERE doc_hash = ? AND kind = ? AND item_id = ?",
                          (i, _dumps(to_dict(new[k])), doc_hash, kind, k))
            else:
                c.execute("UPDATE items SET position = ? "
                          "WHERE doc_hash = ? AND kind = ? AND item_id = ?",
                          (i, doc_hash, kind, k))

    def execute(self, known: NotebookState, cmd: Command, at: str) -> NotebookState:
        """Apply ``cmd`` to the stored notebook and commit; returns only once it is durable."""
        doc_hash = known.notebook.doc_hash
        with self._write() as c:
            nb, revision, cursor = self._current(known, at)
            inverse = cmd.inverse(nb)
            after = cmd.apply(nb)
            # A new change drops the redo branch, then joins the history.
            c.execute("DELETE FROM history WHERE doc_hash = ? AND seq >= ?", (doc_hash, cursor))
            c.execute("INSERT INTO history VALUES (?, ?, ?, ?, ?)",
                      (doc_hash, cursor, cmd.label, _dumps(cmd.to_dict()),
                       _dumps(inverse.to_dict())))
            c.execute("DELETE FROM history WHERE doc_hash = ? AND seq <= ?",
                      (doc_hash, cursor - self.history_limit))
            self._save(nb, after, revision + 1, cursor + 1, at, "do", cmd)
            return self._state(doc_hash, after, revision + 1, cursor + 1)

    def undo(self, known: NotebookState, at: str) -> NotebookState:
        doc_hash = known.notebook.doc_hash
        with self._write() as c:
            nb, revision, cursor = self._current(known, at)
            row = c.execute("SELECT inverse FROM history WHERE doc_hash = ? AND seq = ?",
                            (doc_hash, cursor - 1)).fetchone()
            if row is None:
                raise CommandFailed("There is nothing to undo.")
            inverse = self._command(row[0])
            after = inverse.apply(nb)
            self._save(nb, after, revision + 1, cursor - 1, at, "undo", inverse)
            return self._state(doc_hash, after, revision + 1, cursor - 1)

    def redo(self, known: NotebookState, at: str) -> NotebookState:
        doc_hash = known.notebook.doc_hash
        with self._write() as c:
            nb, revision, cursor = self._current(known, at)
            row = c.execute("SELECT forward FROM history WHERE doc_hash = ? AND seq = ?",
                            (doc_hash, cursor)).fetchone()
            if row is None:
                raise CommandFailed("There is nothing to redo.")
            forward = self._command(row[0])
            # The notebook may differ from when the command first ran: recompute its inverse.
            inverse = forward.inverse(nb)
            after = forward.apply(nb)
            c.execute("UPDATE history SET inverse = ? WHERE doc_hash = ? AND seq = ?",
                      (_dumps(inverse.to_dict()), doc_hash, cursor))
            self._save(nb, after, revision + 1, cursor + 1, at, "redo", forward)
            return self._state(doc_hash, after, revision + 1, cursor + 1)
