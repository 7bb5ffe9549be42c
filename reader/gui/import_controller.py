"""Imports in the background: a child process runs the core import, the status bar shows
progress with a Cancel button, and a summary dialog reports the outcome of every file.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from reader.gui.import_process import import_in_child
from reader.gui.import_summary import ImportSummaryDialog
from reader.importer import ImportProgress, ImportReport
from reader.library import Library

log = logging.getLogger(__name__)

POLL_MS = 50  # how often the window looks for messages from the import process


class ImportStatus(QWidget):
    """The status-bar strip: what is being imported, a progress bar, Cancel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.bar = QProgressBar(self, minimum=0, maximum=1000, textVisible=False)
        self.bar.setFixedWidth(160)
        self.cancel_button = QPushButton("Cancel", self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 4, 0)
        row.addWidget(self.label)
        row.addWidget(self.bar)
        row.addWidget(self.cancel_button)

    def show_progress(self, state: ImportProgress) -> None:
        self.bar.setValue(round(state.fraction * 1000))
        text = f"Importing… {state.imported:,} imported"
        if state.duplicates:
            text += f", {state.duplicates:,} duplicates"
        if state.failed:
            text += f", {state.failed:,} failed"
        self.label.setText(text)
        self.label.setToolTip(state.current)


class ImportController(QObject):
    """Runs one import at a time in a child process (see import_process) and reports back."""

    started = Signal()
    progressed = Signal(object)  # ImportProgress
    finished = Signal(object)  # ImportReport

    def __init__(self, library: Library, status_bar: QStatusBar, parent: QWidget) -> None:
        super().__init__(parent)
        self.library = library
        self.window = parent
        self.status = ImportStatus(status_bar)
        status_bar.addPermanentWidget(self.status)
        self.status.hide()
        self.status.cancel_button.clicked.connect(self.cancel)
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self._read_messages)
        self._process: Any = None
        self._messages: Any = None
        self._cancel: Any = None
        self.summary: ImportSummaryDialog | None = None
        self.show_summary = True

    @property
    def running(self) -> bool:
        return self._process is not None

    def start(self, paths: list[Path]) -> bool:
        if self.running:
            self.window.statusBar().showMessage(
                "An import is already running; wait for it or cancel it first.", 5000
            )
            return False
        # "spawn": a forked copy of a process with Qt's threads is not safe.
        ctx = multiprocessing.get_context("spawn")
        self._messages = ctx.Queue()
        self._cancel = ctx.Event()
        self._process = ctx.Process(
            target=import_in_child, name="reader-import", daemon=True,
            args=(str(self.library.folder), [str(p) for p in paths], self._messages,
                  self._cancel),
        )
        self._process.start()
        log.info("importing %d paths in process %s", len(paths), self._process.pid)
        self.status.show_progress(ImportProgress())
        self.status.cancel_button.setEnabled(True)
        self.status.show()
        self._poll.start()
        self.started.emit()
        return True

    def cancel(self) -> None:
        if self._cancel is not None and self.running:
            self._cancel.set()
            self.status.cancel_button.setEnabled(False)
            self.status.label.setText("Cancelling…")

    def wait(self, timeout: float = 60.0) -> None:
        """Block until the import process has ended (closing the window, tests)."""
        deadline = time.monotonic() + timeout
        while self.running and time.monotonic() < deadline:
            self._read_messages(block=0.05)

    def _read_messages(self, block: float = 0.0) -> None:
        if self._messages is None:
            return
        latest = None
        while True:
            try:
                kind, value = self._messages.get(timeout=block) if block else \
                    self._messages.get_nowait()
            except queue.Empty:
                break
            block = 0.0
            if kind == "progress":
                latest = value
            else:
                self._finish(value if kind == "done" else None, str(value))
                return
        if latest is not None:
            if not self._cancel.is_set():
                self.status.show_progress(latest)
            self.progressed.emit(latest)
        if self._process is not None and not self._process.is_alive() and \
                self._messages.empty():
            code = self._process.exitcode
            self._finish(None, f"The import process ended unexpectedly (exit code {code}).")

    def _reap(self, process: Any) -> None:
        """Collect the ended child without waiting for it on the GUI thread."""
        if process.is_alive():
            QTimer.singleShot(200, lambda: self._reap(process))
        else:
            process.join()

    def _finish(self, report: ImportReport | None, error: str) -> None:
        self._poll.stop()
        if self._process is not None:
            self._reap(self._process)
        self._process = self._messages = self._cancel = None
        self.status.hide()
        if report is None:
            log.error("import failed: %s", error)
            reason = error.split("\n\n", 1)[0]
            report = ImportReport(failed=[("(import)", f"The import stopped: {reason}")])
        self.window.statusBar().showMessage(f"Import: {report.summary()}", 10000)
        self.finished.emit(report)
        if self.show_summary:
            self.summary = ImportSummaryDialog(report, self.window)
            self.summary.open()
