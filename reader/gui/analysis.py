"""Entity and date analysis in the background: after an import and at start-up when articles wait.

A worker thread waits on `analyze_pending_apart`: a child process analyses, with its own model
processes, saves and brings the index up to date, so the window's process neither loads spaCy
nor grows with the library nor stalls on index writing; the status bar shows "Analysing
entities: 120 of 2,225".
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSizePolicy, QStatusBar, QWidget

from reader.gui.progress_strip import ProgressStrip
from reader.gui.worker import Worker
from reader.library import Library

log = logging.getLogger(__name__)

# Model processes for the window: two use both cores, and even one keeps spaCy (and its memory)
# out of the GUI process, where `analyze_pending(n_process=1)` would load it in-process.
GUI_PROCESSES = 2


class AnalysisStatus(ProgressStrip):
    """The status-bar strip: "Analysing entities: 120 of 2,225", a progress bar, Cancel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, maximum=1, bar_width=120)
        self.cancel_button.setToolTip("Stop finding names; what was found so far is kept, "
                                      "and the rest is done at the next start")
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

    def show_progress(self, done: int, total: int) -> None:
        self.bar.setMaximum(max(1, total))
        self.bar.setValue(done)
        self.label.setText(progress_text(done, total, "Analysing entities:"))


def progress_text(done: int, total: int, lead: str) -> str:
    return f"{lead} {done:,} of {total:,}" if total else f"{lead} starting…"


class AnalysisController(QObject):
    started = Signal(int)  # articles waiting
    progressed = Signal(int, int)  # articles analysed so far in the library, articles in it
    finished = Signal(int, bool)  # articles analysed, cancelled

    def __init__(self, library: Library, status_bar: QStatusBar, parent: QObject | None = None,
                 n_process: int = GUI_PROCESSES) -> None:
        super().__init__(parent)
        self.library = library
        self.status_bar = status_bar
        self.n_process = n_process
        self.status = AnalysisStatus(status_bar)
        status_bar.addPermanentWidget(self.status)
        self.status.hide()
        self.status.cancel_button.clicked.connect(self.cancel)
        self.worker = Worker("entity analysis", self)
        self._cancel: threading.Event | None = None
        self._again = False  # articles arrived while running: go round once more
        self._stopped = False  # the window is closing: no new runs (a start timer may be due)
        self.automatic = True  # analyse by itself (start-up, imports); off in Preferences
        self.done, self.total = 0, 0  # counted over the library: "1,200 of 2,225" on a resume
        self._base = 0  # articles already analysed when this run started

    @property
    def running(self) -> bool:
        return self._cancel is not None

    def is_analysed(self, article_id: int) -> bool:
        return self.library.is_analysed(article_id)

    def start(self) -> bool:
        """Analyse whatever waits; False when nothing does (or a run is already going)."""
        if self._stopped:
            return False
        if self.running:
            self._again = True
            return False
        total = self.library.pending_analysis()
        if not total:
            return False
        self._cancel = threading.Event()
        self._base = self.library.count() - total
        self.done, self.total = self._base, self._base + total
        self.status.show_progress(self.done, self.total)
        self.status.cancel_button.setEnabled(True)
        self.status.show()
        log.info("analysing %d articles in the background", total)
        cancel, library, n_process = self._cancel, self.library, self.n_process
        # Analysis runs in a child process with its own model processes: spaCy, the entity
        # resolver and the index writing stay out of this one (light and without stutter).
        self.worker.run(
            lambda progress: library.analyze_pending_apart(cancel=cancel, n_process=n_process,
                                                           progress=progress),
            self._on_finished, self._on_finished, on_progress=self._on_progress)
        self.started.emit(total)
        return True

    def start_if_automatic(self) -> bool:
        """Start-up and imports analyse only when the user leaves background analysis on."""
        return self.start() if self.automatic else False

    def set_automatic(self, on: bool) -> None:
        """Preferences: on starts what waits; off stops a run in progress (it resumes later)."""
        self.automatic = on
        if on:
            self.start()
        else:
            self.cancel()

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self._again = False
            self.status.cancel_button.setEnabled(False)
            self.status.label.setText("Stopping analysis…")

    def wait(self) -> None:
        self.worker.wait()

    def stop(self) -> None:
        """For good (the window closes): cancel, wait for the worker, start nothing more."""
        self._stopped = True
        self.cancel()
        self.wait()

    def _on_progress(self, done: int, total: int) -> None:
        self.done, self.total = self._base + done, self._base + total
        if self._cancel is not None and not self._cancel.is_set():
            self.status.show_progress(self.done, self.total)
        self.progressed.emit(self.done, self.total)

    def _on_finished(self, result: int | Exception) -> None:
        cancelled = self._cancel is not None and self._cancel.is_set()
        self._cancel = None
        self.status.hide()
        if isinstance(result, Exception):
            # One line in the status bar; the whole message (a traceback, say) is in the log.
            first = next((line.strip() for line in str(result).splitlines() if line.strip()),
                         type(result).__name__)
            self.status_bar.showMessage(f"Finding names stopped: {first}", 10000)
            done = 0
        else:
            done = result
            if cancelled:
                self.status_bar.showMessage(
                    f"Analysis stopped after {done:,} articles; the rest waits for the next "
                    "start.", 8000)
        self.finished.emit(done, cancelled)
        if self._again and not cancelled:
            self._again = False
            self.start()
