"""Typed, versioned settings over QSettings (an INI file).

The file is ``$QARIN_CONFIG_DIR/qarin.ini`` when that variable is set (tests do), else
``qarin.ini`` in platformdirs' user config directory. Every value has a typed property and a
default; values the file holds in a bad shape fall back to the default.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import platformdirs
from PySide6.QtCore import QByteArray, QSettings

from qarin.core.model import ACCURATE_ARABIC_DEFAULT

log = logging.getLogger(__name__)

ENV_CONFIG_DIR = "QARIN_CONFIG_DIR"
VERSION = 1
DEFAULT_LATIN_PT = 12.0
DEFAULT_ARABIC_SCALE = 1.18
MAX_RECENT = 10


def config_path() -> Path:
    env = os.environ.get(ENV_CONFIG_DIR)
    base = Path(env) if env else Path(platformdirs.user_config_dir("Qarin", appauthor=False))
    return base / "qarin.ini"


class Settings:
    """The reader's settings. Create one per window; writes go to disk on ``sync()``."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._q = QSettings(str(self.path), QSettings.Format.IniFormat)
        stored = self._int("meta/version", 0)
        if stored > VERSION:
            log.warning("settings %s were written by a newer Qarin (v%s)", self.path, stored)
        elif stored < VERSION:
            self._migrate(stored)

    def _migrate(self, old: int) -> None:
        # v0 -> v1: nothing to carry over; record the version.
        self._q.setValue("meta/version", VERSION)

    # -- typed access helpers ----------------------------------------------------------------

    def _int(self, key: str, default: int) -> int:
        raw = self._q.value(key, default)
        try:
            return int(raw) if isinstance(raw, int | float | str) else default
        except ValueError:
            return default

    def _float(self, key: str, default: float) -> float:
        raw = self._q.value(key, default)
        try:
            return float(raw) if isinstance(raw, int | float | str) else default
        except ValueError:
            return default

    def _bool(self, key: str, default: bool) -> bool:
        raw = self._q.value(key, default)
        if isinstance(raw, bool):
            return raw
        # INI files give "true"/"false" back as text.
        return raw.strip().lower() in ("true", "1", "yes") if isinstance(raw, str) else default

    def _str_list(self, key: str) -> list[str]:
        raw = self._q.value(key, "[]")
        try:
            items = json.loads(raw) if isinstance(raw, str) else []
        except ValueError:
            return []
        return [x for x in items if isinstance(x, str)] if isinstance(items, list) else []

    def _bytes(self, key: str) -> QByteArray:
        raw = self._q.value(key)
        return raw if isinstance(raw, QByteArray) else QByteArray()

    # -- values ------------------------------------------------------------------------------

    @property
    def version(self) -> int:
        return self._int("meta/version", VERSION)

    @property
    def window_geometry(self) -> QByteArray:
        return self._bytes("window/geometry")

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self._q.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray:
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._q.setValue("window/state", value)

    @property
    def latin_point_size(self) -> float:
        return min(48.0, max(6.0, self._float("fonts/latin_pt", DEFAULT_LATIN_PT)))

    @latin_point_size.setter
    def latin_point_size(self, value: float) -> None:
        self._q.setValue("fonts/latin_pt", float(value))

    @property
    def arabic_scale(self) -> float:
        return min(1.6, max(0.8, self._float("fonts/arabic_scale", DEFAULT_ARABIC_SCALE)))

    @arabic_scale.setter
    def arabic_scale(self, value: float) -> None:
        self._q.setValue("fonts/arabic_scale", float(value))

    @property
    def hidden_labels(self) -> set[str]:
        """Entity labels whose colouring the reader switched off in the legend."""
        return set(self._str_list("entities/hidden_labels"))

    @hidden_labels.setter
    def hidden_labels(self, value: set[str]) -> None:
        self._q.setValue("entities/hidden_labels", json.dumps(sorted(value)))

    @property
    def last_files(self) -> list[str]:
        """The files of the last opened document (one or two paths)."""
        return self._str_list("files/last")

    @last_files.setter
    def last_files(self, value: list[str]) -> None:
        self._q.setValue("files/last", json.dumps(list(value)))
        recent = [json.dumps(list(value))] + [
            r for r in self._str_list("files/recent") if r != json.dumps(list(value))
        ]
        self._q.setValue("files/recent", json.dumps(recent[:MAX_RECENT]))

    @property
    def recent_documents(self) -> list[list[str]]:
        out = []
        for item in self._str_list("files/recent"):
            try:
                paths = json.loads(item)
            except ValueError:
                continue
            if isinstance(paths, list) and all(isinstance(p, str) for p in paths):
                out.append(paths)
        return out

    @property
    def english_pipeline(self) -> str:
        """A spaCy pipeline name for English entities ("" = the entity stage's default)."""
        value = self._q.value("entities/english_pipeline", "")
        return value if isinstance(value, str) else ""

    @english_pipeline.setter
    def english_pipeline(self, value: str) -> None:
        self._q.setValue("entities/english_pipeline", value)

    @property
    def accurate_arabic(self) -> bool:
        """Read Arabic names with the fine-tuned transformer too (default; off: the fast model
        alone, about twice as fast)."""
        return self._bool("entities/accurate_arabic", ACCURATE_ARABIC_DEFAULT)

    @accurate_arabic.setter
    def accurate_arabic(self, value: bool) -> None:
        self._q.setValue("entities/accurate_arabic", value)

    def sync(self) -> None:
        self._q.sync()
