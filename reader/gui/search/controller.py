"""Search as you type: debounces the query, searches on a worker thread, fills the model.

Only the newest request counts: older ones are skipped before they start or dropped when they
finish. The index lock is held during imports' writes, so searching never runs on the GUI thread.
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from reader.gui.search.model import ResultsModel
from reader.gui.worker import Worker
from reader.library import Library
from reader.search_pages import SearchOutcome, SearchRequest

log = logging.getLogger(__name__)

DEBOUNCE_MS = 200
SUGGEST_AFTER_MS = 500  # "did you mean" costs more than a search: only once typing stopped


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
        self.worker = Worker("search", self)  # searches queue behind each other, newest wins
        self._started_at = 0.0
        self.last_latency: float | None = None  # seconds from firing to the model updated
        self._debounce = QTimer(self, singleShot=True, interval=debounce_ms)
        self._debounce.timeout.connect(self.search_now)
        self._suggest_timer = QTimer(self, singleShot=True, interval=SUGGEST_AFTER_MS)
        self._suggest_timer.timeout.connect(self._suggest)
        self._suggest_for: str | None = None  # the query that found nothing

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
        self._suggest_for = None
        self._started_at = time.perf_counter()
        request, library = self.request, self.library

        def work() -> SearchOutcome:
            # A window shows before its index is verified: the first search does that here.
            library.open_index_once()
            if reopen_index:
                library.reload_index()  # reopened on the next search, on this worker thread
            return library.search_page(request)

        self.worker.run(work, self._on_outcome, self._on_failed)

    @property
    def busy(self) -> bool:
        return (self._debounce.isActive() or self._suggest_timer.isActive()
                or self.worker.busy)

    def wait(self) -> None:
        """Block until queued searches finished (shutdown, tests)."""
        self.worker.wait()

    def shutdown(self) -> None:
        """The window closes: nothing queued may start, nothing running may report back."""
        self._debounce.stop()
        self._suggest_timer.stop()
        self.worker.stop()

    # -- results -----------------------------------------------------------------------------

    def _on_failed(self, exc: Exception) -> None:
        self.failed.emit(f"The search failed: {exc}")

    def _on_outcome(self, value: SearchOutcome) -> None:
        self.model.set_outcome(value)
        self.last_latency = time.perf_counter() - self._started_at
        log.debug("search %r: %d hits in %.1f ms", value.request.text, value.total,
                  self.last_latency * 1000)
        self.outcomeReady.emit(value)
        if value.total == 0 and value.error is None and value.request.text.strip():
            self._suggest_for = value.request.text
            self._suggest_timer.start()

    def _suggest(self) -> None:
        text, self._suggest_for = self._suggest_for, None
        if text is None:
            return
        self.worker.run(lambda: self.library.suggest(text), self._on_suggestion, self._on_failed)

    def _on_suggestion(self, text: str | None) -> None:
        if text:
            self.suggestionReady.emit(text)
