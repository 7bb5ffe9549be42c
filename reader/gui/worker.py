"""The one way the window runs work off the GUI thread: `Worker.run(work, on_done, on_failed)`.

Each controller owns a `Worker` (one thread, tasks in order; newest wins), as Anki routes its
background calls through `TaskManager.run_in_background`. The work must not touch widgets; its
result, error or progress comes back on the GUI thread. Running a new task supersedes the older
ones: one still queued never starts, one running is not reported.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # done, total


@dataclass(frozen=True)
class _Callbacks:
    on_done: Callable[[Any], None]
    on_failed: Callable[[Exception], None] | None
    on_progress: Progress | None


class _Relay(QObject):
    """Lives on the GUI thread; the worker thread emits, and Qt queues the calls across."""

    done = Signal(int, bool, object)  # task, succeeded, result or exception
    progressed = Signal(int, int, int)  # task, done, total


class _Task(QRunnable):
    def __init__(self, worker: Worker, task: int, work: Callable[..., Any],
                 with_progress: bool) -> None:
        super().__init__()
        self.worker, self.task, self.work, self.with_progress = worker, task, work, with_progress
        self.relay = worker._relay  # read here, on the GUI thread

    def run(self) -> None:
        if not self.worker.is_current(self.task):
            return  # superseded while it waited
        try:
            if self.with_progress:
                result = self.work(lambda done, total: self.relay.progressed.emit(
                    self.task, done, total))
            else:
                result = self.work()
        except Exception as exc:  # a bug or a failure: logged here, reported on the GUI thread
            log.exception("%s: the background task failed", self.worker.name)
            self.relay.done.emit(self.task, False, exc)
            return
        self.relay.done.emit(self.task, True, result)


class Worker(QObject):
    """Runs one function at a time off the GUI thread and reports back on it."""

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.done.connect(self._done)
        self._relay.progressed.connect(self._progressed)
        self._task = 0
        self._callbacks: _Callbacks | None = None

    def run(self, work: Callable[..., Any], on_done: Callable[[Any], None],
            on_failed: Callable[[Exception], None] | None = None, *,
            on_progress: Progress | None = None) -> None:
        """Run `work()` on the worker thread; `on_done(result)` or `on_failed(exception)` follow
        on the GUI thread (a failure is logged with its traceback either way). With
        `on_progress`, the work is called as `work(progress)` and each `progress(done, total)`
        reaches `on_progress` on the GUI thread."""
        self.forget()
        self._callbacks = _Callbacks(on_done, on_failed, on_progress)
        self._pool.start(_Task(self, self._task, work, on_progress is not None))

    def is_current(self, task: int) -> bool:
        return task == self._task

    def forget(self) -> None:
        """Drop what is queued or running: nothing of it starts or reports back."""
        self._task += 1
        self._callbacks = None
        self._pool.clear()

    @property
    def busy(self) -> bool:
        return self._pool.activeThreadCount() > 0

    def wait(self) -> None:
        """Block until the task running has finished (tests, closing)."""
        self._pool.waitForDone()

    def stop(self) -> None:
        """The window closes: nothing queued starts, nothing running reports; wait for it."""
        self.forget()
        self.wait()

    def _done(self, task: int, succeeded: bool, value: object) -> None:
        callbacks = self._callbacks
        if task != self._task or callbacks is None:
            return  # superseded or forgotten
        self._callbacks = None
        if succeeded:
            callbacks.on_done(value)
        elif callbacks.on_failed is not None:
            assert isinstance(value, Exception)
            callbacks.on_failed(value)

    def _progressed(self, task: int, done: int, total: int) -> None:
        callbacks = self._callbacks
        if task == self._task and callbacks is not None and callbacks.on_progress is not None:
            callbacks.on_progress(done, total)
