"""The reader window: English on the left, Arabic on the right, aligned and highlighted.

Extension contract (for the claims/notes/undo/export UI and anything else that plugs in)
=====================================================================================

An extension is any object with these three methods (``Extension`` below is the Protocol)::

    install(window: MainWindow) -> None         # called once, by window.add_extension(ext)
    document_opened(doc: BilingualDocument, analysis: Analysis) -> None
    document_closed() -> None                   # also called before another document opens

``install`` adds actions to ``window.menu("&Claims")`` (or "&File", "&Edit", "&View",
"&Help"; any other name makes a new menu before Help), docks (``window.addDockWidget``) and
status widgets; it connects to the window's signals. The window loads
``qarin.gui.claims.extension.ClaimsExtension`` by itself (``load_default_extensions``),
constructed with no arguments, and skips it with a log message while that module is missing.

What the window offers (all offsets are Unicode code points, as in the core):

``window.document``  -> BilingualDocument | None      the open document
``window.analysis``  -> Analysis | None               its sentences, beads, entities, links
``window.panes``     -> dict[Lang, TextPane]          "ar" and "en" (a pane is hidden when its
                                                      language has no text)
``window.menu(name)`` -> QMenu                         "&File", "&Edit", "&View", "&Claims", "&Help"
``window.saved_label`` -> QLabel                       status bar slot for "Saved" and the like
``window.settings``  -> Settings                      typed settings (qarin.gui.settings)
``window.set_overlay(name, spans)``                   a named highlight layer across both panes:
                                                      ``spans: list[tuple[Span, QTextCharFormat]]``,
                                                      each span drawn in the pane of span.lang;
                                                      ``[]`` removes the layer. Layers never touch
                                                      the text, the window's own highlights
                                                      ("sentence", "partner", "entity-focus",
                                                      "flash") or each other.
``window.show_span(span)``                            scroll span into view and flash it
``window.activate_sentence(sid)``                     move the cursor there, highlight partners
``window.partner_ids(sid)`` -> tuple[str, ...]        the other language's aligned sentence ids
``window.current_lang`` -> Lang | None                the pane that last had focus

Each ``TextPane`` (a read-only, keyboard-selectable QTextEdit) offers:

``pane.selected_span()`` -> Span | None               the selection, in code points
``pane.current_sentence_id()`` -> str | None          the sentence holding the cursor
``pane.show_span(span)`` / ``pane.set_overlay(name, spans)``   as above, for one pane
``pane.sentence_at(cp)`` -> Sentence | None

Signals of the window:

``document_opened(object, object)``   (BilingualDocument, Analysis) once it is on screen
``document_closed()``
``sentence_activated(str)``           a sentence id, when the cursor enters a sentence
``selection_changed(str)``            the lang of the pane whose selection changed
``entity_chosen(str)``                an entity group key (a link id, or "mention:<id>")

Errors: call ``qarin.gui.errors.show_error(window, err)``; it is the one place that turns a
QarinError (or a bug) into a dialog.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QShowEvent,
    QTextCharFormat,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QToolButton,
    QWidget,
)

from qarin.core.document import LANGS, BilingualDocument, Lang, Span
from qarin.core.errors import ImportFailed
from qarin.core.model import ACCURATE_MARK, Analysis, Bead
from qarin.gui import errors
from qarin.gui.actions import MENUS, build_menus
from qarin.gui.entities.dock import EntityDock
from qarin.gui.entities.groups import EntityGroup, group_entities
from qarin.gui.entities.palette import colour_for
from qarin.gui.fonts import pane_font
from qarin.gui.panes.sync import ScrollSync
from qarin.gui.panes.text_pane import TextPane
from qarin.gui.settings import Settings
from qarin.gui.workers import DocumentLoader, LoadResult
from qarin.paths import sample_path

log = logging.getLogger(__name__)

LOW_CONFIDENCE = 0.5
SENTENCE_COLOUR = "#e8eefc"
PARTNER_COLOUR = "#d4e2fb"
PARTNER_LOW_COLOUR = "#fbe7c8"
LOW_MARK_COLOUR = "#e0a040"
FOCUS_UNDERLINE = "#3a3a8c"
DEFAULT_EXTENSIONS = ("qarin.gui.claims.extension:ClaimsExtension",)
OPEN_FILTER = "Texts and TMX (*.txt *.text *.md *.tmx *.xml);;All files (*)"


class Extension(Protocol):
    def install(self, window: MainWindow) -> None: ...

    def document_opened(self, doc: BilingualDocument, analysis: Analysis) -> None: ...

    def document_closed(self) -> None: ...


def _fmt(background: str, *, underline: str | None = None) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(background))
    if underline:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(QColor(underline))
    return fmt


def bead_kind(bead: Bead) -> str:
    return f"{len(bead.ar)}–{len(bead.en)}"


class MainWindow(QMainWindow):
    document_opened = Signal(object, object)
    document_closed = Signal()
    sentence_activated = Signal(str)
    selection_changed = Signal(str)
    entity_chosen = Signal(str)

    def __init__(self, settings: Settings | None = None, *,
                 loader: DocumentLoader | None = None) -> None:
        super().__init__()
        self.setObjectName("qarin-main-window")
        self.setWindowTitle("Qarin")
        self.setAcceptDrops(True)
        self.settings = settings or Settings()
        self.document: BilingualDocument | None = None
        self.analysis: Analysis | None = None
        self.paths: tuple[str, ...] = ()
        self.current_lang: Lang | None = None
        self._extensions: list[Extension] = []
        self._groups: dict[str, EntityGroup] = {}
        self._colours_on = True
        self._highlighted: dict[Lang, list[Span]] = {}
        self._menus: dict[str, QMenu] = {}

        self.panes: dict[Lang, TextPane] = {}
        self._splitter = QSplitter(Qt.Orientation.Horizontal, self)
        # English left, Arabic right, whatever the UI language's direction.
        self._splitter.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self._splitter.setChildrenCollapsible(False)
        for lang in ("en", "ar"):
            pane = TextPane(lang, pane_font(lang, self.settings.latin_point_size,
                                            self.settings.arabic_scale), self._splitter)
            pane.sentence_activated.connect(self._on_pane_sentence_activated)
            pane.selection_changed.connect(
                lambda lang=lang: self._on_pane_selection_changed(lang)
            )
            pane.installEventFilter(self)
            self.panes[lang] = pane
            self._splitter.addWidget(pane)
        self.setCentralWidget(self._splitter)
        self._sync = ScrollSync(self.panes["ar"], self.panes["en"], self._partner_span, self)

        self.entity_dock = EntityDock(self)
        self.entity_dock.legend.label_toggled.connect(self._on_legend_label_toggled)
        self.entity_dock.entity_chosen.connect(self._on_entity_dock_entity_chosen)
        self.entity_dock.mention_chosen.connect(self._on_entity_dock_mention_chosen)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.entity_dock)

        for name in MENUS:
            self.menu(name)
        self.actions_by_id: dict[str, QAction] = build_menus(self, self.menu)
        self.entity_dock.visibilityChanged.connect(self._on_entity_dock_visibility_changed)
        self._build_status_bar()
        self.actions_by_id["cancel_load"].setEnabled(False)

        self.loader = loader or DocumentLoader(self)
        self.loader.progress_changed.connect(self._on_loader_progress_changed)
        self.loader.load_finished.connect(self._on_loader_load_finished)
        self.loader.load_failed.connect(self._on_loader_load_failed)
        self.loader.busy_changed.connect(self._on_loader_busy_changed)
        if self.settings.english_pipeline:
            log.info("English pipeline override: %s", self.settings.english_pipeline)
            self.loader.english_model = self.settings.english_pipeline
        self.loader.accurate_arabic = self.settings.accurate_arabic
        self.actions_by_id["accurate_arabic"].setChecked(self.settings.accurate_arabic)

        self.resize(1280, 800)
        if not self.settings.window_geometry.isEmpty():
            self.restoreGeometry(self.settings.window_geometry)
        self._state_restored = False
        self._show_panes(())

    # -- menus, status bar, extensions -------------------------------------------------------

    def menu(self, name: str) -> QMenu:
        """The menu called ``name``; a new name makes a new menu placed before "&Help"."""
        if name not in self._menus:
            bar = self.menuBar()
            menu = QMenu(name, self)
            menu.setObjectName(f"menu-{name.replace('&', '').lower()}")
            help_menu = self._menus.get("&Help")
            if help_menu is not None:
                bar.insertMenu(help_menu.menuAction(), menu)
            else:
                bar.addMenu(menu)
            self._menus[name] = menu
        return self._menus[name]

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.name_label = QLabel("No document", self)
        self.counts_label = QLabel("", self)
        self.pair_label = QLabel("", self)
        self.saved_label = QLabel("", self)
        self.saved_label.setObjectName("saved-label")
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(180)
        self.progress.setFormat("%p% %v")
        self.cancel_button = QToolButton(self)
        self.cancel_button.setText("Cancel")
        self.cancel_button.clicked.connect(self.cancel_load)
        for label in (self.name_label, self.counts_label, self.pair_label):
            bar.addWidget(label)
        for widget in (self.progress, self.cancel_button, self.saved_label):
            bar.addPermanentWidget(widget)
        self.progress.hide()
        self.cancel_button.hide()

    def add_extension(self, ext: Extension) -> None:
        """Install ``ext``; if a document is open it hears about it at once."""
        ext.install(self)
        self._extensions.append(ext)
        if self.document is not None and self.analysis is not None:
            ext.document_opened(self.document, self.analysis)

    def load_default_extensions(self) -> None:
        for target in DEFAULT_EXTENSIONS:
            module_name, _, attr = target.partition(":")
            try:
                module = importlib.import_module(module_name)
            except ImportError as err:
                log.info("extension %s not available (%s); skipping", target, err)
                continue
            try:
                self.add_extension(getattr(module, attr)())
            except Exception:
                log.exception("extension %s failed to install; skipping", target)

    @property
    def extensions(self) -> tuple[Extension, ...]:
        return tuple(self._extensions)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._state_restored:
            # After extensions added their docks, so their saved sizes come back too.
            self._state_restored = True
            state = self.settings.window_state
            if state.isEmpty() or not self.restoreState(state):
                QTimer.singleShot(0, self._balance_docks)

    def _balance_docks(self) -> None:
        """Keep the text panes the main thing: bottom docks get at most ~30% height."""
        bottom = [d for d in self.findChildren(QDockWidget)
                  if self.dockWidgetArea(d) == Qt.DockWidgetArea.BottomDockWidgetArea
                  and d.isVisible()]
        if bottom:
            self.resizeDocks(bottom, [int(self.height() * 0.3)] * len(bottom),
                             Qt.Orientation.Vertical)
        side = [d for d in self.findChildren(QDockWidget)
                if self.dockWidgetArea(d) == Qt.DockWidgetArea.RightDockWidgetArea
                and d.isVisible()]
        if side:
            self.resizeDocks(side, [340] * len(side), Qt.Orientation.Horizontal)

    # -- opening -----------------------------------------------------------------------------

    def open_dialog(self) -> None:
        start = str(Path(self.paths[0]).parent) if self.paths else ""
        files, _ = QFileDialog.getOpenFileNames(self, "Open a document", start, OPEN_FILTER)
        if files:
            self.open_paths(files)

    def open_sample(self) -> None:
        self.open_paths([str(sample_path())])

    def open_paths(self, paths: Sequence[str | Path]) -> bool:
        """Start loading one or two files in the background. False if refused at once."""
        items = [str(p) for p in paths]
        if not 1 <= len(items) <= 2:
            errors.show_error(self, ImportFailed(", ".join(items) or "(none)",
                                                 "open one file, or two (one per language)"))
            return False
        self.statusBar().showMessage(f"Opening {', '.join(Path(p).name for p in items)}…")
        self.loader.start(items)
        return True

    def cancel_load(self) -> None:
        if self.loader.busy:
            self.loader.cancel()
            self.statusBar().showMessage("Opening cancelled", 3000)

    def _on_loader_progress_changed(self, stage: str, fraction: float) -> None:
        self.progress.setValue(round(fraction * 100))
        self.progress.setFormat(f"{stage} %p%")

    def _on_loader_busy_changed(self, busy: bool) -> None:
        self.actions_by_id["cancel_load"].setEnabled(busy)  # Esc is free otherwise
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.progress.setValue(0)

    def _on_loader_load_finished(self, result: LoadResult) -> None:
        self.statusBar().clearMessage()
        self.show_document(result.document, result.analysis, result.paths)

    def _on_loader_load_failed(self, err: BaseException) -> None:
        self.statusBar().clearMessage()
        errors.show_error(self, err)

    # -- drag and drop -----------------------------------------------------------------------

    @staticmethod
    def _local_files(mime: QMimeData) -> list[str]:
        if not mime.hasUrls():
            return []
        return [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        files = self._local_files(event.mimeData())
        if 1 <= len(files) <= 2:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = self._local_files(event.mimeData())
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        self.open_paths(files)

    # -- showing a document ------------------------------------------------------------------

    def show_document(self, doc: BilingualDocument, analysis: Analysis,
                      paths: Sequence[str] = ()) -> None:
        """Put ``doc`` on screen (the worker's result, or a test's)."""
        if self.document is not None:
            self._close_current()
        self.document, self.analysis, self.paths = doc, analysis, tuple(paths)
        self._sync.enabled = False
        self._highlighted = {}
        self._groups = {g.key: g for g in group_entities(analysis)}
        self.entity_dock.set_groups(list(self._groups.values()), self.settings.hidden_labels)
        labels = self._enabled_labels()
        for lang in LANGS:
            self.panes[lang].set_content(doc.texts.get(lang, ""), analysis.sentences_of(lang),
                                         analysis.entities, labels)
        self._show_panes(doc.languages)
        self._mark_low_confidence(analysis)
        self._update_status()
        self.setWindowTitle(f"{doc.title or 'Untitled'} — Qarin")
        if paths:
            self.settings.last_files = list(paths)
        self._sync.enabled = self.actions_by_id["scroll_sync"].isChecked()
        first = doc.languages[0] if doc.languages else None
        if first:
            self.panes[first].setFocus()
            self.current_lang = first
        for ext in self._extensions:
            self._safe(ext.document_opened, doc, analysis)
        self.document_opened.emit(doc, analysis)

    def close_document(self) -> None:
        if self.document is not None:
            self._close_current()
            for lang in LANGS:
                self.panes[lang].clear_content()
            self.entity_dock.set_groups([], self.settings.hidden_labels)
            self._show_panes(())
            self._update_status()
            self.setWindowTitle("Qarin")

    def _close_current(self) -> None:
        for ext in self._extensions:
            self._safe(ext.document_closed)
        self.document = self.analysis = None
        self._highlighted = {}
        self.paths = ()
        self._groups = {}
        self.document_closed.emit()

    def _safe(self, fn, *args) -> None:  # type: ignore[no-untyped-def]
        try:
            fn(*args)
        except Exception as err:
            errors.show_error(self, err)

    def _show_panes(self, languages: Sequence[Lang]) -> None:
        for lang, pane in self.panes.items():
            pane.setVisible(not languages or lang in languages)

    def _update_status(self) -> None:
        doc, analysis = self.document, self.analysis
        if doc is None or analysis is None:
            self.name_label.setText("No document — File > Open, or drop one or two files here")
            self.counts_label.setText("")
            self.pair_label.setText("")
            return
        sources = "; ".join(f"{Path(s.path).name} ({s.encoding})" for s in doc.sources)
        self.name_label.setText(sources or doc.title)
        counts = [f"{len(analysis.sentences_of(lang))} {lang.upper()}" for lang in doc.languages]
        used = dict(analysis.recognisers)
        # Accurate is the default: the status bar says so only when the fast model read the
        # Arabic (the reader's choice, or the transformer could not load).
        fast = "ar" in used and not used["ar"].endswith(ACCURATE_MARK)
        self.counts_label.setText(
            "Sentences: " + ", ".join(counts) + (" · Arabic names: fast" if fast else "")
        )
        self.counts_label.setToolTip(
            "\n".join(f"{lang.upper()} entities: {name}" for lang, name in sorted(used.items()))
        )
        self.pair_label.setText("")

    # -- sentences and alignment -------------------------------------------------------------

    def partner_ids(self, sid: str) -> tuple[str, ...]:
        if self.analysis is None:
            return ()
        try:
            bead = self.analysis.beads[self.analysis.bead_of(sid)]
        except KeyError:
            return ()
        lang: Lang = "en" if sid.startswith("ar") else "ar"
        return bead.ids(lang)

    def _bead_of(self, sid: str) -> Bead | None:
        if self.analysis is None:
            return None
        try:
            return self.analysis.beads[self.analysis.bead_of(sid)]
        except KeyError:
            return None

    def _partner_span(self, sid: str) -> Span | None:
        """The other language's span aligned with ``sid``; for a 1-0 bead, the nearest
        aligned neighbour's (so scrolling still follows)."""
        analysis = self.analysis
        if analysis is None:
            return None
        try:
            index = analysis.bead_of(sid)
        except KeyError:
            return None
        lang = analysis.sentence(sid).lang
        other: Lang = "en" if lang == "ar" else "ar"
        beads = analysis.beads
        for step in range(len(beads)):
            for i in (index - step, index + step):
                if 0 <= i < len(beads) and beads[i].ids(other):
                    ids = beads[i].ids(other)
                    first, last = analysis.sentence(ids[0]), analysis.sentence(ids[-1])
                    return Span(other, first.start, last.end)
        return None

    def _mark_low_confidence(self, analysis: Analysis) -> None:
        """A thin amber bar in the margin beside every sentence of a low-confidence bead."""
        for lang, pane in self.panes.items():
            spans = [analysis.sentence(i).span for b in analysis.beads
                     if b.confidence < LOW_CONFIDENCE and b.ar and b.en for i in b.ids(lang)]
            pane.set_margin_marks(spans, LOW_MARK_COLOUR)

    def activate_sentence(self, sid: str) -> None:
        """Put the cursor at the start of sentence ``sid`` (highlights follow)."""
        if self.analysis is None:
            return
        sentence = self.analysis.sentence(sid)
        pane = self.panes[sentence.lang]
        pane.set_cursor_cp(sentence.start)
        pane.ensure_span_visible(sentence.span)
        self._highlight_sentence(sid)

    def _on_pane_sentence_activated(self, sid: str) -> None:
        self._highlight_sentence(sid)
        self.sentence_activated.emit(sid)

    def _highlight_sentence(self, sid: str) -> None:
        analysis = self.analysis
        if analysis is None:
            return
        sentence = analysis.sentence(sid)
        own: Lang = sentence.lang
        other: Lang = "en" if own == "ar" else "ar"
        bead = self._bead_of(sid)
        low = bead is not None and bead.confidence < LOW_CONFIDENCE
        own_ids = bead.ids(own) if bead else (sid,)
        partner_ids = bead.ids(other) if bead else ()
        self.panes[own].set_layer("sentence", [
            (analysis.sentence(i).span, _fmt(SENTENCE_COLOUR)) for i in own_ids
        ])
        self.panes[other].set_layer("sentence", [])
        colour = PARTNER_LOW_COLOUR if low else PARTNER_COLOUR
        spans = [analysis.sentence(i).span for i in partner_ids]
        self.panes[other].set_layer("partner", [(s, _fmt(colour)) for s in spans])
        self.panes[own].set_layer("partner", [])
        self._highlighted = {own: [analysis.sentence(i).span for i in own_ids], other: spans}
        self._refresh_sentence_entities()
        if spans:
            with self._sync.paused():
                self.panes[other].ensure_span_visible(
                    Span(other, spans[0].start, spans[-1].end))
        if bead is None:
            self.pair_label.setText("")
        elif not partner_ids:
            self.pair_label.setText(f"{sid}: no aligned sentence ({bead_kind(bead)})")
        else:
            flag = " — low, check this pair" if low else ""
            self.pair_label.setText(
                f"Pair {bead_kind(bead)} · confidence {bead.confidence:.2f}{flag}")
        self.pair_label.setStyleSheet("color: #a35a00;" if low else "")

    def _step_pair(self, delta: int) -> None:
        analysis = self.analysis
        if analysis is None or not analysis.beads:
            return
        lang = self.current_lang or (self.document.languages[0] if self.document else "ar")
        sid = self.panes[lang].current_sentence_id()
        index = analysis.bead_of(sid) if sid else -1
        n = len(analysis.beads)
        i = index + delta
        while 0 <= i < n:
            ids = analysis.beads[i].ids(lang) or analysis.beads[i].ids(
                "en" if lang == "ar" else "ar")
            if ids:
                self.activate_sentence(ids[0])
                self.panes[analysis.sentence(ids[0]).lang].setFocus()
                return
            i += delta

    def next_pair(self) -> None:
        self._step_pair(1)

    def previous_pair(self) -> None:
        self._step_pair(-1)

    def _on_pane_selection_changed(self, lang: Lang) -> None:
        self.current_lang = lang
        self.selection_changed.emit(lang)

    def eventFilter(self, obj, event):  # type: ignore[no-untyped-def]
        if event.type() == event.Type.FocusIn and isinstance(obj, TextPane):
            self.current_lang = obj.lang
        return super().eventFilter(obj, event)

    # -- overlays (extension API) ------------------------------------------------------------

    def set_overlay(self, name: str, spans: list[tuple[Span, QTextCharFormat]]) -> None:
        for lang, pane in self.panes.items():
            pane.set_layer(name, [(s, f) for s, f in spans if s.lang == lang])

    def show_span(self, span: Span) -> None:
        pane = self.panes[span.lang]
        pane.ensure_span_visible(span)
        pane.flash(span)

    # -- entities ----------------------------------------------------------------------------

    def _enabled_labels(self) -> set[str]:
        if not self._colours_on:
            return set()
        labels = {g.label for g in self._groups.values()}
        return labels - self.entity_dock.legend.hidden_labels()

    def _apply_entity_colours(self) -> None:
        mentions = self.analysis.entities if self.analysis else ()
        labels = self._enabled_labels()
        for pane in self.panes.values():
            pane.set_entity_colours(mentions, labels)
        self._refresh_sentence_entities()

    def _on_legend_label_toggled(self, label: str, shown: bool) -> None:
        self.settings.hidden_labels = self.entity_dock.legend.hidden_labels()
        self._apply_entity_colours()

    def _refresh_sentence_entities(self) -> None:
        """Entity colours inside the highlighted sentences, redrawn above the sentence and
        partner backgrounds (which would otherwise cover the document's entity formats)."""
        labels = self._enabled_labels()
        mentions = self.analysis.entities if self.analysis else ()
        for lang, pane in self.panes.items():
            spans = self._highlighted.get(lang, [])
            items = [
                (Span(m.lang, m.start, m.end), _fmt(colour_for(m.label).name()))
                for m in mentions
                if m.lang == lang and m.label in labels
                and any(s.start <= m.start < s.end for s in spans)
            ]
            pane.set_layer("sentence-entities", items)

    def choose_entity(self, key: str) -> None:
        """Light every mention of entity group ``key`` in both panes; jump to the first."""
        group = self._groups.get(key)
        if group is None:
            self.set_overlay("entity-focus", [])
            return
        fmt_cache: dict[str, QTextCharFormat] = {}
        spans = []
        for m in group.mentions:
            fmt = fmt_cache.get(m.label)
            if fmt is None:
                colour = colour_for(m.label).darker(115).name()
                fmt = fmt_cache[m.label] = _fmt(colour, underline=FOCUS_UNDERLINE)
            spans.append((Span(m.lang, m.start, m.end), fmt))
        self.set_overlay("entity-focus", spans)
        for lang in LANGS:
            firsts = [m for m in group.mentions if m.lang == lang]
            if firsts:
                first = min(firsts, key=lambda m: m.start)
                with self._sync.paused():
                    self.panes[lang].ensure_span_visible(Span(lang, first.start, first.end))
        self.entity_chosen.emit(key)

    def _on_entity_dock_entity_chosen(self, key: str) -> None:
        self.choose_entity(key)

    def _on_entity_dock_mention_chosen(self, lang: Lang, start: int, end: int) -> None:
        self.show_span(Span(lang, start, end))

    # -- action handlers (names in actions.ACTIONS) ------------------------------------------

    def _focused_pane(self) -> TextPane | None:
        if self.current_lang and self.panes[self.current_lang].isVisible():
            return self.panes[self.current_lang]
        visible = [p for p in self.panes.values() if p.isVisible()]
        return visible[0] if visible else None

    def copy_selection(self) -> None:
        pane = self._focused_pane()
        if pane is not None:
            pane.copy()

    def select_all(self) -> None:
        pane = self._focused_pane()
        if pane is not None:
            pane.selectAll()

    def switch_pane(self) -> None:
        visible = [p for p in self.panes.values() if p.isVisible()]
        if len(visible) == 2:
            other = visible[0] if self.current_lang == visible[1].lang else visible[1]
            other.setFocus()
            self.current_lang = other.lang
            sid = other.current_sentence_id()
            if sid:
                self._highlight_sentence(sid)

    def _set_font_size(self, latin_pt: float) -> None:
        self.settings.latin_point_size = latin_pt
        for lang, pane in self.panes.items():
            pane.setFont(pane_font(lang, self.settings.latin_point_size,
                                   self.settings.arabic_scale))

    def zoom_in(self) -> None:
        self._set_font_size(self.settings.latin_point_size + 1)

    def zoom_out(self) -> None:
        self._set_font_size(self.settings.latin_point_size - 1)

    def zoom_reset(self) -> None:
        from qarin.gui.settings import DEFAULT_LATIN_PT

        self._set_font_size(DEFAULT_LATIN_PT)

    def toggle_entity_colours(self, on: bool) -> None:
        self._colours_on = on
        self._apply_entity_colours()

    def toggle_entity_dock(self, on: bool) -> None:
        self.entity_dock.setVisible(on)

    def _on_entity_dock_visibility_changed(self, visible: bool) -> None:
        action = self.actions_by_id.get("entity_dock")
        if action is not None and action.isChecked() != visible and not self.isMinimized():
            action.blockSignals(True)
            action.setChecked(visible)
            action.blockSignals(False)

    def toggle_scroll_sync(self, on: bool) -> None:
        self._sync.enabled = on

    def choose_english_pipeline(self) -> None:
        """Let the reader name any installed spaCy pipeline for English entities."""
        import spacy.util

        default = "(default: en_core_web_sm)"
        installed = [default, *spacy.util.get_installed_models()]
        current = self.settings.english_pipeline or default
        name, ok = QInputDialog.getItem(
            self, "English Entity Pipeline",
            "spaCy pipeline for English entities (installed pipelines are listed):",
            installed, installed.index(current) if current in installed else 0, True)
        if not ok:
            return
        name = "" if name == default else name.strip()
        self.settings.english_pipeline = name
        self.loader.english_model = name or None
        if self.document is not None and self.paths:
            self.open_paths(self.paths)  # analyse again with the chosen pipeline

    def toggle_accurate_arabic(self, on: bool) -> None:
        """Switch the Arabic recogniser; an open document is analysed again."""
        if on == self.settings.accurate_arabic:
            return
        self.settings.accurate_arabic = on
        self.loader.accurate_arabic = on
        if self.document is not None and self.paths:
            self.open_paths(self.paths)

    def about(self) -> None:
        QMessageBox.about(
            self, "About Qarin",
            "Qarin (قرين) — read an Arabic text beside its English translation.\n"
            "Fonts: Noto Naskh Arabic and Noto Sans (SIL Open Font License).")

    # -- closing -----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.loader.cancel()
        self.loader.wait(5000)
        if self.document is not None:
            self._close_current()
        self.settings.window_geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.sync()
        super().closeEvent(event)


def active_window() -> MainWindow | None:
    for w in QApplication.topLevelWidgets():
        if isinstance(w, MainWindow):
            return w
    return None


__all__ = ["Extension", "MainWindow", "QWidget"]
