"""The window and the world outside it: other processes writing the library, and the signal
that asks the window to quit.

`ChangeWatch` notices commits by other processes (a `reader import` in a terminal, a second
window) by polling SQLite's `PRAGMA data_version`, which changes only when another connection
commits: cheap enough to ask every two seconds. `install_quit_signals` makes SIGTERM and
SIGHUP close the window as the user would, ending the analysis worker processes first.
"""

from __future__ import annotations

import logging
import signal
import sqlite3
import sys

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from reader.library import Library

log = logging.getLogger(__name__)


class ChangeWatch(QObject):
    """Emits `changed` when another process has committed to the library's store."""

    changed = Signal()

    def __init__(self, library: Library, parent: QObject | None = None,
                 interval_ms: int = 2000) -> None:
        super().__init__(parent)
        self.library = library
        self._version = self._read()
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def _read(self) -> int | None:
        try:
            return self.library.data_version()
        except sqlite3.Error as exc:  # closed, or the file went away: say nothing changed
            log.debug("cannot read the store's data version: %s", exc)
            return None

    def poll(self) -> None:
        version = self._read()
        if version is not None and version != self._version:
            self._version = version
            self.changed.emit()


def end_workers() -> None:
    """End analysis worker processes, if analysis ever ran (its module is heavy to import)."""
    analysis = sys.modules.get("reader.analysis")
    if analysis is not None:
        analysis.terminate_workers()


def install_quit_signals(app: QApplication, window: QWidget) -> None:
    """SIGTERM/SIGHUP: end the analysis workers, close the window (settings are saved), quit.

    Python runs signal handlers only when it has control; Qt's event loop keeps it in C++, so
    a timer hands control back twice a second."""

    def quit_now(signum: int, _frame: object) -> None:
        log.info("signal %d: closing the window", signum)
        end_workers()
        window.close()
        app.quit()

    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            signal.signal(sig, quit_now)
    wake = QTimer(app, interval=500)
    wake.timeout.connect(lambda: None)
    wake.start()
