"""Imports in the background: a worker thread runs the core import, the status bar shows
progress with a Cancel button, and a summary dialog reports the outcome of every file.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from reader.gui.import_summary import ImportSummaryDialog
from reader.importer import ImportProgress, ImportReport
from reader.library import Library

log = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.1  # seconds between progress signals: smooth, yet cheap for the GUI


class _Relay(QObject):
    progress = Signal(object)  # ImportProgress (a copy)
    finished = Signal(object)  # ImportReport, or an Exception for a bug


class _ImportJob(QRunnable):
    def __init__(self, library: Library, paths: list[Path], cancel: threading.Event,
                 relay: _Relay) -> None:
        super().__init__()
        self.library, self.paths, self.cancel, self.relay = library, paths, cancel, relay
        self._last = 0.0

    def _progress(self, state: ImportProgress) -> None:
        now = time.monotonic()
        if now - self._last >= PROGRESS_INTERVAL:
            self._last = now
            self.relay.progress.emit(ImportProgress(**vars(state)))

    def run(self) -> None:
        try:
            result: object = self.library.import_paths(
                self.paths, progress=self._progress, cancel=self.cancel
            )
        except Exception as exc:  # shown as a failed import, logged with its traceback
            log.exception("import failed")
            result = exc
        self.relay.finished.emit(result)


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
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.progress.connect(self._on_progress)
        self._relay.finished.connect(self._on_finished)
        self._cancel: threading.Event | None = None
        self.summary: ImportSummaryDialog | None = None
        self.show_summary = True

    @property
    def running(self) -> bool:
        return self._cancel is not None

    def start(self, paths: list[Path]) -> bool:
        if self.running:
            self.window.statusBar().showMessage(
                "An import is already running; wait for it or cancel it first.", 5000
            )
            return False
        self._cancel = threading.Event()
        self.status.show_progress(ImportProgress())
        self.status.cancel_button.setEnabled(True)
        self.status.show()
        log.info("importing %d paths", len(paths))
        self.pool.start(_ImportJob(self.library, list(paths), self._cancel, self._relay))
        self.started.emit()
        return True

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self.status.cancel_button.setEnabled(False)
            self.status.label.setText("Cancelling…")

    def wait(self) -> None:
        self.pool.waitForDone()

    def _on_progress(self, state: ImportProgress) -> None:
        if self._cancel is not None and not self._cancel.is_set():
            self.status.show_progress(state)
        self.progressed.emit(state)

    def _on_finished(self, result: object) -> None:
        self._cancel = None
        self.status.hide()
        if isinstance(result, Exception):
            report = ImportReport(failed=[("(import)", f"The import stopped: {result}")])
        else:
            assert isinstance(result, ImportReport)
            report = result
        self.window.statusBar().showMessage(f"Import: {report.summary()}", 10000)
        self.finished.emit(report)
        if self.show_summary:
            self.summary = ImportSummaryDialog(report, self.window)
            self.summary.open()
