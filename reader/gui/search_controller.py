"""Search as you type: debounces the query, searches on a worker thread, fills the model.

Only the newest request counts: older ones are skipped before they start or dropped when they
finish. The index lock is held during imports' writes, so searching never runs on the GUI thread.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from reader.gui.results_model import ResultsModel
from reader.library import Library
from reader.search_pages import SearchOutcome, SearchRequest

log = logging.getLogger(__name__)

DEBOUNCE_MS = 200
SUGGEST_AFTER_MS = 500  # "did you mean" costs more than a search: only once typing stopped


class _Relay(QObject):
    """Lives on the GUI thread; a worker emits on it and Qt queues the call across threads."""

    done = Signal(int, str, object)  # generation, kind ("outcome" | "suggestion"), value


class _Job(QRunnable):
    def __init__(self, relay: _Relay, generation: int, kind: str,
                 work: Callable[[], Any], is_current: Callable[[int], bool]) -> None:
        super().__init__()
        self.relay, self.generation, self.kind = relay, generation, kind
        self.work, self.is_current = work, is_current

    def run(self) -> None:
        if not self.is_current(self.generation):
            return  # superseded while waiting: typing moved on
        try:
            value = self.work()
        except Exception as exc:  # a bug in the search: report it on the GUI thread
            log.exception("search failed")
            value = exc
        self.relay.done.emit(self.generation, self.kind, value)


class SearchController(QObject):
    outcomeReady = Signal(object)  # SearchOutcome, after the model has it
    suggestionReady = Signal(str)
    failed = Signal(str)

    def __init__(self, library: Library, model: ResultsModel, parent: QObject | None = None,
                 debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self.library = library
        self.model = model
        self.request = SearchRequest()
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # searches queue behind each other, newest wins
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)
        self._generation = 0
        self._started_at = 0.0
        self.last_latency: float | None = None  # seconds from firing to the model updated
        self._debounce = QTimer(self, singleShot=True, interval=debounce_ms)
        self._debounce.timeout.connect(self.search_now)
        self._suggest_timer = QTimer(self, singleShot=True, interval=SUGGEST_AFTER_MS)
        self._suggest_timer.timeout.connect(self._suggest)
        self._suggest_for: tuple[int, str] | None = None

    # -- requests ----------------------------------------------------------------------------

    def set_text(self, text: str) -> None:
        """The user typed: search once they pause."""
        self.request = replace(self.request, text=text)
        self._debounce.start()

    def update(self, **fields: Any) -> None:
        """Filters or sort order changed: search at once."""
        self.request = replace(self.request, **fields)
        self.search_now()

    def refresh(self, reopen_index: bool = False) -> None:
        """The library changed (import, edit): run the current search again.

        `reopen_index` after another process (an import) wrote to the index: the kept-open
        searcher only sees its own process's writes, so it is closed and reopened.
        """
        self.search_now(reopen_index)

    def search_now(self, reopen_index: bool = False) -> None:
        self._debounce.stop()
        self._suggest_timer.stop()
        self._generation += 1
        self._started_at = time.perf_counter()
        request, library = self.request, self.library

        def work() -> SearchOutcome:
            if reopen_index:
                library.reload_index()  # reopened on the next search, on this worker thread
            return library.search_page(request)

        self.pool.start(_Job(self._relay, self._generation, "outcome", work, self._is_current))

    @property
    def busy(self) -> bool:
        return (self._debounce.isActive() or self._suggest_timer.isActive()
                or self.pool.activeThreadCount() > 0)

    def wait(self) -> None:
        """Block until queued searches finished (shutdown, tests)."""
        self.pool.waitForDone()

    def shutdown(self) -> None:
        """The window closes: nothing queued may start, nothing running may report back."""
        self._debounce.stop()
        self._suggest_timer.stop()
        self._generation += 1
        self.pool.clear()
        self.pool.waitForDone()

    def _is_current(self, generation: int) -> bool:
        return generation == self._generation

    # -- results -----------------------------------------------------------------------------

    def _on_done(self, generation: int, kind: str, value: object) -> None:
        if generation != self._generation:
            return
        if isinstance(value, Exception):
            self.failed.emit(f"The search failed: {value}")
            return
        if kind == "suggestion":
            if value:
                self.suggestionReady.emit(str(value))
            return
        assert isinstance(value, SearchOutcome)
        self.model.set_outcome(value)
        self.last_latency = time.perf_counter() - self._started_at
        log.debug("search %r: %d hits in %.1f ms", value.request.text, value.total,
                  self.last_latency * 1000)
        self.outcomeReady.emit(value)
        if value.total == 0 and value.error is None and value.request.text.strip():
            self._suggest_for = (generation, value.request.text)
            self._suggest_timer.start()

    def _suggest(self) -> None:
        if self._suggest_for is None or self._suggest_for[0] != self._generation:
            return
        generation, text = self._suggest_for
        self.pool.start(_Job(self._relay, generation, "suggestion",
                             lambda: self.library.suggest(text), self._is_current))
