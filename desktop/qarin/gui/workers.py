"""Load and analyse documents off the GUI thread, with progress and cancel.

The worker calls only the core (``load_document`` and ``analysis.analyse``); results come back
through queued signals. Cancel is cooperative: the progress callback raises between stages, and a
result that arrives after cancel (or after a newer request) is dropped.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from qarin.core.document import BilingualDocument
from qarin.core.errors import QarinError
from qarin.core.model import ACCURATE_ARABIC_DEFAULT, Analysis

log = logging.getLogger(__name__)

Analyse = Callable[..., Analysis]
LoadFn = Callable[..., BilingualDocument]


class Cancelled(Exception):
    """Raised inside the worker when the reader cancels."""


@dataclass(frozen=True)
class LoadResult:
    request: int
    paths: tuple[str, ...]
    document: BilingualDocument
    analysis: Analysis


def _default_load(*paths: str) -> BilingualDocument:
    from qarin.core.io.loader import load_document

    return load_document(*paths)


def _default_analyse(doc: BilingualDocument, **kw: object) -> Analysis:
    from qarin.core.analysis import analyse

    return analyse(doc, **kw)  # type: ignore[arg-type]


class _Signals(QObject):
    progress_changed = Signal(int, str, float)
    load_finished = Signal(object)
    load_failed = Signal(int, object)
    load_cancelled = Signal(int)


class _LoadTask(QRunnable):
    def __init__(self, request: int, paths: tuple[str, ...], signals: _Signals,
                 cancel: threading.Event, load: LoadFn, analyse: Analyse,
                 entities: bool, english_model: str | None = None,
                 accurate_arabic: bool = ACCURATE_ARABIC_DEFAULT) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._request = request
        self._paths = paths
        self._signals = signals
        self._cancel = cancel
        self._load = load
        self._analyse = analyse
        self._entities = entities
        self._english_model = english_model
        self._accurate_arabic = accurate_arabic

    def _progress(self, stage: str, fraction: float) -> None:
        if self._cancel.is_set():
            raise Cancelled
        self._signals.progress_changed.emit(self._request, stage, fraction)

    def run(self) -> None:
        try:
            self._progress("reading", 0.0)
            doc = self._load(*self._paths)
            self._progress("analysing", 0.05)
            kw: dict[str, object] = {"entities": self._entities, "progress": self._progress}
            if self._english_model:
                kw["english_model"] = self._english_model
            kw["accurate_arabic"] = self._accurate_arabic
            analysis = self._analyse(doc, **kw)
            if self._cancel.is_set():
                raise Cancelled
        except Cancelled:
            self._signals.load_cancelled.emit(self._request)
        except QarinError as err:
            self._signals.load_failed.emit(self._request, err)
        except Exception as err:  # a bug: report it, never kill the worker thread silently
            log.exception("loading %s failed", self._paths)
            self._signals.load_failed.emit(self._request, err)
        else:
            self._signals.load_finished.emit(LoadResult(self._request, self._paths, doc, analysis))


class DocumentLoader(QObject):
    """Starts loads; only the newest request's outcome is reported."""

    progress_changed = Signal(str, float)
    load_finished = Signal(object)  # LoadResult
    load_failed = Signal(object)  # an exception
    load_cancelled = Signal()
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, load: LoadFn | None = None,
                 analyse: Analyse | None = None, entities: bool = True) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.progress_changed.connect(self._on_task_progress_changed)
        self._signals.load_finished.connect(self._on_task_load_finished)
        self._signals.load_failed.connect(self._on_task_load_failed)
        self._signals.load_cancelled.connect(self._on_task_load_cancelled)
        self._load = load or _default_load
        self._analyse = analyse or _default_analyse
        self.entities = entities
        # An installed spaCy pipeline the reader named in the settings (None: the default).
        self.english_model: str | None = None
        # Arabic names with the fine-tuned transformer too (a setting, on by default).
        self.accurate_arabic = ACCURATE_ARABIC_DEFAULT
        self._request = 0
        self._cancel = threading.Event()
        self._busy = False

    @property
    def busy(self) -> bool:
        return self._busy

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    def start(self, paths: Sequence[str]) -> int:
        """Load ``paths`` in the background; a running load is cancelled."""
        self._cancel.set()
        self._cancel = threading.Event()
        self._request += 1
        task = _LoadTask(self._request, tuple(str(p) for p in paths), self._signals,
                         self._cancel, self._load, self._analyse, self.entities,
                         self.english_model, self.accurate_arabic)
        self._set_busy(True)
        self._pool.start(task)
        return self._request

    def cancel(self) -> None:
        if self._busy:
            self._cancel.set()
            self._request += 1  # whatever arrives now is stale
            self._set_busy(False)
            self.load_cancelled.emit()

    def wait(self, msecs: int = 30000) -> bool:
        return self._pool.waitForDone(msecs)

    def _on_task_progress_changed(self, request: int, stage: str, fraction: float) -> None:
        if request == self._request:
            self.progress_changed.emit(stage, fraction)

    def _on_task_load_finished(self, result: LoadResult) -> None:
        if result.request == self._request:
            self._set_busy(False)
            self.load_finished.emit(result)

    def _on_task_load_failed(self, request: int, err: object) -> None:
        if request == self._request:
            self._set_busy(False)
            self.load_failed.emit(err)

    def _on_task_load_cancelled(self, request: int) -> None:
        if request == self._request:
            self._set_busy(False)
            self.load_cancelled.emit()
