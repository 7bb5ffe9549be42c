"""Keeps the chronology panel in step with the window: its scope follows the article on show or
the search results, events are computed off the GUI thread, and picking one opens its article.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QDockWidget, QMenu

from reader.chronology import Entry, Event
from reader.chronology_scope import (
    ARTICLE,
    ENTITY,
    LIBRARY,
    RESULTS,
    Chronology,
    ScopeRequest,
    empty_text,
    notice_text,
    status_text,
)
from reader.errors import NotFound
from reader.gui.chronology.layer import DateLayer, Picked, describe
from reader.gui.chronology.panel import ChronologyPanel
from reader.gui.worker import Worker
from reader.models import TimexRecord

if TYPE_CHECKING:
    from reader.gui.analysis import AnalysisController
    from reader.gui.main_window import MainWindow

log = logging.getLogger(__name__)

SYNC_ARTICLES = 20  # scopes this small are computed at once, on the GUI thread
POLL_MS = 3000  # without an analysis controller to listen to: how often to look for new dates
# Seconds: while analysis runs, big scopes are recomputed this often (only while the panel is
# on screen). A library scope reads every article's dates, seconds of work on 58k articles
# that competes with the window for the interpreter, so not more often than this.
BIG_SCOPE_EVERY = 30.0
SETTING = "chronology/scope"


class ChronologyController(QObject):
    computed = Signal(object)  # Chronology, once the panel shows it
    opened = Signal(object)  # Entry: the article was opened at this date

    def __init__(self, window: MainWindow, panel: ChronologyPanel, dates: DateLayer,
                 dock: QDockWidget | None = None,
                 analysis: AnalysisController | None = None) -> None:
        super().__init__(window)
        self.window, self.panel, self.dates, self.dock = window, panel, dates, dock
        self.library = window.library
        self.chronology: Chronology | None = None
        self.entity_id: int | None = None
        self._stale = False
        self._seen_analysed = -1
        self._opened_by_current = (-1, 0.0)
        self.worker = Worker("chronology", self)
        self._results_timer = QTimer(self, singleShot=True, interval=300)
        self._results_timer.timeout.connect(self.refresh)
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self._check_analysis)
        self._last_big_refresh = 0.0
        self._article_dates_seen: int | None = None  # the article whose saved dates are shown
        self._closed = False
        self.analysis = analysis
        self._connect()
        saved = str(window.settings.qsettings.value(SETTING, LIBRARY))
        panel.set_entity_name(None)
        panel.set_scope(saved if saved in (ARTICLE, RESULTS, LIBRARY) else LIBRARY)
        self.refresh()

    def _connect(self) -> None:
        panel, window = self.panel, self.window
        panel.scopeChosen.connect(self.set_scope)
        panel.timeline.activated.connect(self._timeline_activated)
        panel.timeline.clusterChosen.connect(self._cluster_chosen)
        panel.timeline.menuRequested.connect(self._menu)
        panel.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        panel.list.customContextMenuRequested.connect(
            lambda pos: self._menu(panel.list.indexAt(pos).row(),
                                   panel.list.viewport().mapToGlobal(pos)))
        panel.list.selectionModel().currentRowChanged.connect(self._list_current_changed)
        panel.list.clicked.connect(self._list_clicked)
        panel.list.activated.connect(lambda index: self.open_event(index.row()))
        panel.dates_toggle.toggled.connect(self.dates.set_visible)
        panel.paletteChanged.connect(self.dates.restyle)
        window.articleOpened.connect(self._article_opened)
        window.reading.articleShown.connect(lambda _a: self._sync_toggle())
        window.search.outcomeReady.connect(self._results_changed)
        window.highlights_menu.triggered.connect(lambda _a: self._sync_toggle())
        if self.dock is not None:
            self.dock.visibilityChanged.connect(self._dock_visibility)
        if self.analysis is not None:
            # The analysis controller (reader.gui.analysis) says when dates arrive.
            self.analysis.progressed.connect(lambda _done, _total: self._analysis_progressed())
            self.analysis.finished.connect(lambda _done, _cancelled: self._check_analysis())
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.shutdown()
        return False

    def shutdown(self) -> None:
        """The window closes: stop listening, and let no computation report back."""
        self._closed = True
        self._poll.stop()
        self._results_timer.stop()
        self.worker.stop()

    # -- scope -------------------------------------------------------------------------------

    @property
    def scope(self) -> str:
        return self.panel.current_scope()

    def set_scope(self, kind: str) -> None:
        if kind == ENTITY and self.entity_id is None:
            kind = LIBRARY
        self.panel.set_scope(kind)
        if kind != ENTITY:
            self.window.settings.qsettings.setValue(SETTING, kind)
        self.refresh()

    def show_entity(self, entity_id: int) -> None:
        """Follow one entity through time: switch to the one-entity scope for it."""
        self.set_entity(entity_id)
        self.set_scope(ENTITY)

    def set_entity(self, entity_id: int) -> None:
        """The entity the one-entity scope follows (the entity panel's clicks land here);
        shown at once if that scope is on, else offered in the scope menu."""
        self.entity_id = int(entity_id)
        try:
            name = self.library.entity(self.entity_id).name
        except NotFound:  # deleted meanwhile: the scope says so when chosen
            name = f"#{entity_id}"
        self.panel.set_entity_name(name)
        if self.scope == ENTITY:
            self.refresh()

    def request(self) -> ScopeRequest:
        kind = self.scope
        if kind == ARTICLE:
            article = self.window.current_article
            return ScopeRequest(ARTICLE, article_id=article.id if article else None)
        if kind == RESULTS:
            return ScopeRequest(RESULTS, result_ids=tuple(self.window.model.outcome.ids))
        if kind == ENTITY:
            return ScopeRequest(ENTITY, entity_id=self.entity_id)
        return ScopeRequest(LIBRARY)

    def refresh(self) -> None:
        """Compute the chronology of the current scope again."""
        if self._closed:
            return
        self._results_timer.stop()
        if self.dock is not None and not self.dock.isVisible():
            # Done when the panel is shown (the window's first show included): a library
            # scope reads every article, which a start-up need not wait behind.
            self._stale = True
            return
        self._stale = False
        self.worker.forget()  # a computation in flight is for the scope as it was
        request = self.request()
        small = request.kind == ARTICLE or (
            request.kind == RESULTS and len(request.result_ids) <= SYNC_ARTICLES)
        if small:
            self._show(self.library.chronology(request))
            return
        self.panel.set_status("Working out the chronology…")
        self.worker.run(lambda: self.library.chronology(request), self._show, self._failed)

    def wait(self) -> None:
        """Block until a computation in flight is done (tests, closing)."""
        self.worker.wait()

    def _failed(self, exc: Exception) -> None:
        self.panel.set_status(f"The chronology could not be worked out: {exc}")

    def _show(self, chrono: Chronology) -> None:
        panel = self.panel
        selected = self._selected_event()
        self.chronology = chrono
        self._seen_analysed = chrono.library_analysed
        panel.colours.update([name for name, _ in self.library.outlets()])
        panel.model.set_events(chrono.events)
        panel.timeline.set_events(chrono.events)
        panel.timeline.set_message(empty_text(chrono))
        panel.fit_timeline()
        panel.set_status(status_text(chrono), notice_text(chrono))
        if selected is not None:
            row = self._row_like(selected)
            if row is not None:
                self._select(row, ensure_visible=True)
        if chrono.library_analysed < chrono.library_total and self.analysis is None:
            self._poll.start()
        else:
            self._poll.stop()
        self.computed.emit(chrono)

    # -- following the window ----------------------------------------------------------------

    def _article_opened(self, article: object) -> None:
        article_id = getattr(article, "id", None)
        self._article_dates_seen = (
            article_id if article_id is not None and self.library.is_analysed(article_id)
            else None)
        if self.scope == ARTICLE:
            self.refresh()

    def _results_changed(self, _outcome: object) -> None:
        if self.scope == RESULTS:
            self._results_timer.start()

    def _dock_visibility(self, visible: bool) -> None:
        if visible and self._stale:
            self.refresh()

    def _analysis_progressed(self) -> None:
        """Some more articles were analysed: the article on show once its own dates arrive,
        big scopes now and then (each recomputation of a big scope costs a second or more)."""
        if self.scope == ARTICLE:
            if self._shown_article_just_analysed():
                self._check_analysis()
        elif time.monotonic() - self._last_big_refresh >= BIG_SCOPE_EVERY:
            self._check_analysis()

    def _shown_article_just_analysed(self) -> bool:
        """True once for the article on show: its dates were saved by the batch just done.
        Other articles' batches do not change the article scope, so it is not recomputed."""
        article = self.window.current_article
        if article is None or self._article_dates_seen == article.id:
            return False
        if not self.library.is_analysed(article.id):
            return False
        self._article_dates_seen = article.id
        return True

    def _check_analysis(self) -> None:
        """Analysis runs elsewhere; when it has saved more articles, show their dates."""
        if self._closed:
            return
        done = self.library.analysed_count()
        if done == self._seen_analysed:
            return
        article = self.window.current_article
        if article is not None and not self.dates.complete and \
                self.library.is_analysed(article.id):
            self.dates.article_shown(article)  # its dates arrived while it was on show
        if self.scope != ARTICLE:
            self._last_big_refresh = time.monotonic()
        self.refresh()

    def _sync_toggle(self) -> None:
        toggle = self.panel.dates_toggle
        toggle.blockSignals(True)
        toggle.setChecked(self.dates.visible)
        toggle.blockSignals(False)

    # -- selection and opening ---------------------------------------------------------------

    def _selected_event(self) -> Event | None:
        index = self.panel.timeline.selected()
        model = self.panel.model
        return model.event_at(index) if index is not None else None

    def _row_like(self, event: Event) -> int | None:
        for row, other in enumerate(self.panel.model.events):
            if other.value == event.value and other.kind == event.kind and \
                    {e.article_id for e in other.entries} & {e.article_id for e in event.entries}:
                return row
        return None

    def _select(self, row: int, ensure_visible: bool) -> None:
        """Select one event in both the list and the timeline, without reacting to it."""
        view = self.panel.list
        index = self.panel.model.index(row, 0)
        selection = view.selectionModel()
        selection.blockSignals(True)
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                  | QItemSelectionModel.SelectionFlag.Rows)
        selection.blockSignals(False)
        view.viewport().update()
        view.scrollTo(index)
        self.panel.timeline.set_selected(row, ensure_visible=ensure_visible)

    def _timeline_activated(self, row: int) -> None:
        self._select(row, ensure_visible=False)
        self.open_event(row)

    def _cluster_chosen(self, rows: list[int]) -> None:
        """Many events on one date: show them together at the top of the list."""
        self._select(rows[0], ensure_visible=False)
        view = self.panel.list
        view.scrollTo(self.panel.model.index(rows[0], 0),
                      QAbstractItemView.ScrollHint.PositionAtTop)
        view.setFocus()

    def _list_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.panel.timeline.set_selected(current.row())
            self.open_event(current.row())
            self._opened_by_current = (current.row(), time.monotonic())

    def _list_clicked(self, index: QModelIndex) -> None:
        # A click that made the row current has opened it already; a click on the current row
        # (after reading elsewhere) opens it again.
        row, when = self._opened_by_current
        if index.row() != row or time.monotonic() - when > 0.5:
            self.open_event(index.row())
        self._opened_by_current = (-1, 0.0)

    def open_event(self, row: int, entry: Entry | None = None) -> Entry | None:
        """Open the article of an event and show its date expression, marked, in its sentence."""
        event = self.panel.model.event_at(row)
        if event is None:
            return None
        if self.panel.timeline.selected() != row:
            self._select(row, ensure_visible=True)
        entry = entry or self._entry_to_open(event)
        if self.window.open_article(entry.article_id) is None:
            return None
        self._mark_in_results(entry.article_id)
        if entry.kind == "published":
            self.dates.pick(Picked(entry.article_id, 0, 0, 0, 0))
        else:
            timex = TimexRecord(entry.start, entry.end, entry.text, "DATE", event.value,
                                event.span is not None, entry.sent_start,
                                entry.sent_start + len(entry.sentence))
            self.dates.pick(Picked(entry.article_id, entry.start, entry.end, timex.sent_start,
                                   timex.sent_end, describe(timex)))
        self.opened.emit(entry)
        return entry

    def _menu(self, row: int, at: QPoint) -> QMenu | None:
        """Every article reporting the event, to open at its own mention of the date."""
        event = self.panel.model.event_at(row)
        if event is None:
            return None
        menu = QMenu(self.panel)
        seen: set[int] = set()
        for entry in event.entries:
            if entry.article_id in seen:
                continue
            seen.add(entry.article_id)
            title = entry.title or "(untitled)"
            if len(title) > 70:
                title = title[:67].rsplit(" ", 1)[0] + " …"
            action = menu.addAction(f"Open in {entry.outlet or 'unknown outlet'}: {title}")
            action.triggered.connect(lambda _c=False, e=entry: self.open_event(row, e))
        menu.popup(at)
        return menu

    def _mark_in_results(self, article_id: int) -> None:
        """The results list marks the article now on show, if it lists it (without scrolling
        the user's place away when it does not)."""
        row = self.window.model.row_of(article_id)
        view = self.window.results.view
        if row is not None and view.currentIndex().row() != row:
            view.setCurrentIndex(self.window.model.index(row, 0))  # already open: a no-op
            view.scrollTo(self.window.model.index(row, 0))

    def _entry_to_open(self, event: Event) -> Entry:
        """The entry in the article on show if it has one, else the first mention."""
        shown = self.window.current_article
        if shown is not None:
            for entry in event.entries:
                if entry.article_id == shown.id:
                    return entry
        return event.entries[0]
