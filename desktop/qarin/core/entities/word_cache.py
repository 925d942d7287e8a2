"""Word vectors kept between sessions, so an Arabic word is embedded once per machine.

Embedding a word the model's table lacks costs about 4 ms (a 12-layer encoder run on 2 cores):
more than half the Arabic recogniser's time on new text.  Readers of the news meet the same
names day after day, so the projected vector of every embedded word is kept in a small SQLite
file in the user's cache folder (``$QARIN_CACHE_DIR`` if set, else platformdirs'
user_cache_dir) and read back instead of embedded again.

The file is a cache, not the reader's work: rows are keyed by the projection they were made
with (a new model starts afresh), and any trouble with the file (locked, damaged, read-only,
full disk) turns the cache off for the session with one warning; recognition goes on without
it.  Rows are the exact float32 vectors the table receives, so a word reads the same whether it
was embedded now or last week.  The file stays under about 100 MB: past ``MAX_WORDS`` rows the
words met longest ago are dropped when a session opens it.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import weakref
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import platformdirs

log = logging.getLogger(__name__)

ENV_CACHE_DIR = "QARIN_CACHE_DIR"
FILE_NAME = "arabic-word-vectors.sqlite3"
# SQLite's default limit on host parameters in one statement is 999 on older builds.
_CHUNK = 500
# About 100 MB of 128-dimension rows; past it the oldest half goes when a session opens the file.
MAX_WORDS = 200_000


def default_path() -> Path:
    env = os.environ.get(ENV_CACHE_DIR)
    base = Path(env) if env else Path(platformdirs.user_cache_dir("Qarin", appauthor=False))
    return base / FILE_NAME


class WordVectorCache:
    """Projected word vectors by word, for one projection (``key``) and width (``dims``)."""

    def __init__(self, path: Path, key: str, dims: int, max_words: int = MAX_WORDS) -> None:
        self.path = path
        self.key = key
        self.dims = dims
        self.max_words = max_words
        self._db: sqlite3.Connection | None = None
        self._off = False

    def get(self, words: Sequence[str]) -> dict[str, np.ndarray]:
        """The cached vectors of those ``words`` that have one."""
        db = self._connect()
        out: dict[str, np.ndarray] = {}
        if db is None:
            return out
        try:
            for i in range(0, len(words), _CHUNK):
                chunk = words[i : i + _CHUNK]
                marks = ",".join("?" * len(chunk))
                for word, blob in db.execute(
                    f"SELECT word, vec FROM words WHERE word IN ({marks})", chunk
                ):
                    if len(blob) == 4 * self.dims:
                        out[word] = np.frombuffer(blob, dtype="<f4").copy()
        except sqlite3.Error as exc:
            self._give_up(exc)
            return {}
        return out

    def put(self, vectors: Mapping[str, np.ndarray]) -> None:
        db = self._connect()
        if db is None or not vectors:
            return
        rows = [(w, np.asarray(v, dtype="<f4").tobytes()) for w, v in vectors.items()]
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO words (word, vec) VALUES (?, ?)", rows)
        except sqlite3.Error as exc:
            self._give_up(exc)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    # -- the file ------------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None or self._off:
            return self._db
        db: sqlite3.Connection | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # One lock guards the recogniser's reading, so the connection may cross threads.
            db = sqlite3.connect(self.path, timeout=2.0, check_same_thread=False)
            with db:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
                db.execute(
                    "CREATE TABLE IF NOT EXISTS words (word TEXT PRIMARY KEY, vec BLOB NOT NULL)"
                )
                found = db.execute("SELECT value FROM meta WHERE name = 'projection'").fetchone()
                if found is None or found[0] != self._identity():
                    # Vectors of another model's projection mean nothing to this one.
                    db.execute("DELETE FROM words")
                    db.execute(
                        "INSERT OR REPLACE INTO meta (name, value) VALUES ('projection', ?)",
                        (self._identity(),),
                    )
                (count,) = db.execute("SELECT count(*) FROM words").fetchone()
                if count > self.max_words:
                    # Rowids grow with every insert: the lowest are the words met longest ago.
                    db.execute(
                        "DELETE FROM words WHERE rowid IN "
                        "(SELECT rowid FROM words ORDER BY rowid LIMIT ?)",
                        (count - self.max_words // 2,),
                    )
        except (sqlite3.Error, OSError) as exc:
            if db is not None:
                db.close()
            self._give_up(exc)
            return None
        self._db = db
        # A recogniser is dropped without ceremony (the settings changed, the process ends):
        # the connection closes with this cache rather than waiting for the collector.
        weakref.finalize(self, db.close)
        return db

    def _identity(self) -> str:
        return f"{self.key}/{self.dims}"

    def _give_up(self, exc: Exception) -> None:
        log.warning("Arabic word-vector cache %s not used: %s", self.path, exc)
        self._off = True
        self.close()
