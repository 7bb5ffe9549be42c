"""Imports in the background: a child process runs the core import, the status bar shows
progress with a Cancel button, and a summary dialog reports the outcome of every file.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Signal
from PySide6.QtWidgets import QMainWindow, QSizePolicy, QStatusBar, QWidget

from reader.gui.importing.summary import ImportSummaryDialog
from reader.gui.progress_strip import ProgressStrip
from reader.importer import ImportProgress, ImportReport
from reader.library import Library

log = logging.getLogger(__name__)

_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])  # the folder holding `reader/`


class ImportStatus(ProgressStrip):
    """The status-bar strip: what is being imported, a progress bar, Cancel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, maximum=1000, bar_width=160)
        self.cancel_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        # Room for the longest message, so the strip does not jump as the numbers grow.
        self.label.setMinimumWidth(self.label.fontMetrics().horizontalAdvance(
            "Importing… 99,999 imported, 9,999 duplicates, 9,999 failed"))

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
    """Runs one import at a time in a child process (see importing/process.py) and reports back."""

    started = Signal()
    progressed = Signal(object)  # ImportProgress
    finished = Signal(object)  # ImportReport

    def __init__(self, library: Library, status_bar: QStatusBar, parent: QMainWindow) -> None:
        super().__init__(parent)
        self.library = library
        self.window = parent
        self.status = ImportStatus(status_bar)
        status_bar.addPermanentWidget(self.status)
        self.status.hide()
        self.status.cancel_button.clicked.connect(self.cancel)
        self._process: QProcess | None = None
        self._buffer = b""
        self._outcome: tuple[str, dict] | None = None
        self._cancelled = False
        self.summary: ImportSummaryDialog | None = None
        self.show_summary = True
        self._summary_wanted = True

    @property
    def running(self) -> bool:
        return self._process is not None

    def start(self, paths: list[Path], *, summary: bool = True) -> bool:
        """Import files and folders; False (with a message) if an import is running already."""
        return self._start([], [str(p) for p in paths], summary=summary)

    def fetch(self, urls: list[str], *, summary: bool = True) -> bool:
        """Download web pages and import them, like files."""
        return self._start(["--urls"], urls, summary=summary)

    def update_feeds(self, feed_ids: list[int] | None = None, *, summary: bool = True) -> bool:
        """Import the new entries of the feeds given (every feed without ids)."""
        return self._start(["--feeds"], [str(i) for i in feed_ids or []], summary=summary)

    def _start(self, options: list[str], sources: list[str], *, summary: bool) -> bool:
        if self.running:
            self.window.statusBar().showMessage(
                "An import is already running; wait for it or cancel it first.", 5000
            )
            return False
        process = QProcess(self)
        env = QProcessEnvironment.systemEnvironment()
        # The child finds this very copy of Reader, installed or run from a checkout.
        env.insert("PYTHONPATH", os.pathsep.join(
            p for p in (_PACKAGE_ROOT, env.value("PYTHONPATH")) if p))
        process.setProcessEnvironment(env)
        process.setProgram(sys.executable)
        # "--": a source that starts with a dash is still a source.
        process.setArguments(["-m", "reader.gui.importing.process", *options,
                              str(self.library.folder), "--", *sources])
        process.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        process.readyReadStandardOutput.connect(self._read_output)
        process.finished.connect(self._process_finished)
        process.errorOccurred.connect(self._process_error)
        self._process, self._buffer, self._outcome, self._cancelled = process, b"", None, False
        self._summary_wanted = summary
        process.start()
        log.info("importing %d sources in a child process %s", len(sources), options)
        self.status.show_progress(ImportProgress())
        self.status.cancel_button.setEnabled(True)
        self.status.show()
        self.started.emit()
        return True

    def cancel(self) -> None:
        if self._process is not None and not self._cancelled:
            self._cancelled = True
            self._process.write(b"cancel\n")
            self.status.cancel_button.setEnabled(False)
            self.status.label.setText("Cancelling…")

    def wait(self, timeout_ms: int = 60000) -> None:
        """Block until the import process has ended (closing the window, tests)."""
        if self._process is not None:
            self._process.waitForFinished(timeout_ms)
            if self._process is not None:  # finished was not delivered yet
                self._process_finished(self._process.exitCode(), self._process.exitStatus())

    def _read_output(self) -> None:
        if self._process is None:
            return
        self._buffer += bytes(self._process.readAllStandardOutput().data())
        *lines, self._buffer = self._buffer.split(b"\n")
        latest = None
        for line in lines:
            if not line.startswith(b"{"):
                continue
            message = json.loads(line)
            kind = message.pop("kind", "")
            if kind == "progress":
                latest = ImportProgress(**message)
            elif kind in ("done", "error"):
                self._outcome = (kind, message)
        if latest is not None:
            if not self._cancelled:
                self.status.show_progress(latest)
            self.progressed.emit(latest)

    def _process_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and self._process is not None:
            self._outcome = ("error", {"message": "Reader could not start the import "
                                                  f"process: {self._process.errorString()}"})
            self._process_finished(-1, QProcess.ExitStatus.CrashExit)

    def _process_finished(self, code: int, _status: QProcess.ExitStatus) -> None:
        process = self._process
        if process is None:
            return
        self._read_output()
        self._process = None
        process.deleteLater()
        kind, payload = self._outcome or ("error", {})
        if kind == "done":
            report = _report_from_json(payload)
        else:
            reason = payload.get("message") or (
                f"the import process ended unexpectedly (exit code {code})")
            stderr = bytes(process.readAllStandardError().data()).decode("utf-8", "replace")
            log.error("import failed: %s\n%s%s", reason, payload.get("traceback", ""), stderr)
            report = ImportReport(failed=[("(import)", f"The import stopped: {reason}")])
        self.status.hide()
        self.window.statusBar().showMessage(f"Import: {report.summary()}", 10000)
        self.finished.emit(report)
        if self.show_summary and self._summary_wanted:
            self.summary = ImportSummaryDialog(report, self.window)
            self.summary.open()


def _report_from_json(data: dict) -> ImportReport:
    return ImportReport(
        imported=[(d["path"], d["id"]) for d in data.get("imported", [])],
        duplicates=[(d["path"], d["id"]) for d in data.get("duplicates", [])],
        failed=[(d["path"], d["reason"]) for d in data.get("failed", [])],
        warnings=[(d["path"], d["message"]) for d in data.get("warnings", [])],
        cancelled=bool(data.get("cancelled")),
    )
