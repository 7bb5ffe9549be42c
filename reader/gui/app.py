"""Starting the window: the QApplication, palette and style, the library, and the offscreen
screenshot mode (`reader --screenshot FILE.png [--query Q]`).
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from reader.errors import UserError
from reader.gui.errors import install_excepthook
from reader.gui.lifecycle import end_workers, install_quit_signals
from reader.gui.main_window import MainWindow
from reader.gui.settings import Settings
from reader.gui.theme import PALETTE_ENV, apply_theme, current_theme, style_sheet, theme_forced
from reader.library import ENV_VAR, Library, default_location

log = logging.getLogger(__name__)

GUI_SWITCH_INTERVAL = 0.001  # seconds a thread holds the interpreter before others may run
STARTUP_PROBE_ENV = "READER_STARTUP_PROBE"  # bench/gui_startup.py: report timings and quit


def make_app() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    # Worker threads run Python too (the chronology, counts, search). Views call into their
    # Python models once per row; with the default 5 ms turns each call could wait for a
    # worker's turn to end, so the GUI thread takes the interpreter back within 1 ms.
    sys.setswitchinterval(GUI_SWITCH_INTERVAL)
    app.setApplicationName("Reader")
    app.setOrganizationName("Reader")
    apply_palette(app, os.environ.get(PALETTE_ENV, ""))
    return app


def apply_palette(app: QApplication, name: str) -> None:
    """Force a light or dark palette by name; otherwise keep the system's, then style."""
    if name in ("dark", "light"):
        apply_theme(app, name)
    else:
        app.setStyleSheet(style_sheet(current_theme()))


def choose_library(library: Path | None, settings: Settings) -> Path:
    """--library, else $READER_LIBRARY, else the library used last, else the default folder."""
    if library is not None:
        return library
    if not os.environ.get(ENV_VAR) and settings.last_library and settings.last_library.is_dir():
        return settings.last_library
    return default_location()


def open_library_for_window(folder: Path) -> Library:
    """The library without its index verified: the window shows first, and its search thread
    verifies (repairs, catches up) the index before the first search (`open_index_once`)."""
    return Library(folder, check_index=False)


def run(library: Path | None = None, screenshot: Path | None = None,
        query: str | None = None) -> int:
    if screenshot is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = make_app()
    install_excepthook()
    settings = Settings()
    folder = choose_library(library, settings)
    try:
        lib = open_library_for_window(folder)
        if lib.import_seeds_if_empty():
            log.info("first start: imported the sample articles into %s", folder)
    except UserError as exc:
        if screenshot is None:
            QMessageBox.critical(None, "Reader", str(exc))
        print(f"reader: error: {exc}", file=sys.stderr)
        return 1
    try:
        if screenshot is not None:
            return take_screenshot(lib, screenshot, query)
        if library is not None or not os.environ.get(ENV_VAR):
            settings.last_library = folder
        if not theme_forced():  # a screenshot keeps the system's (or READER_PALETTE's) colours
            apply_theme(app, settings.theme)
        window = MainWindow(lib, settings, with_panels=True)
        install_quit_signals(app, window)
        window.show()
        if os.environ.get(STARTUP_PROBE_ENV):
            _probe_startup(app, window)
        return app.exec()
    finally:
        end_workers()
        lib.close()


def wait_for_search(window: MainWindow, timeout_ms: int = 15000) -> None:
    """Run the event loop until the search in flight has filled the results."""
    loop = QEventLoop()
    window.search.outcomeReady.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    window.search.outcomeReady.disconnect(loop.quit)


def take_screenshot(library: Library, path: Path, query: str | None,
                    size: tuple[int, int] = (1440, 900)) -> int:
    """Render the window offscreen: search for `query`, open the first result, save a PNG."""
    from PySide6.QtCore import QSettings

    library.open_index_once()  # the picture waits for the index; a user's window does not
    # A small library is analysed first, so the picture shows what a user sees a few seconds
    # after start (names and dates marked), not the moment before.
    if 0 < library.pending_analysis() <= 50:
        library.analyze_pending(n_process=1)
        library.update_stories()  # likewise the stories the window groups after a start
    # A throwaway settings file: a screenshot neither reads nor changes the user's layout.
    scratch = QSettings(str(Path(library.folder) / ".screenshot-settings.ini"),
                        QSettings.Format.IniFormat)
    scratch.clear()
    window = MainWindow(library, Settings(scratch), restore=False, with_panels=True)
    window.resize(*size)
    window.show()
    wait_for_search(window)
    QApplication.processEvents()  # the first-show layout (dock proportions) settles
    if query:
        window.search_bar.field.setText(query)
        window.search.search_now()
        wait_for_search(window)
    first = window.model.article_id(0)
    if first is not None:
        window.results.view.setCurrentIndex(window.model.index(0, 0))
        window.open_article(first)
        window.reading.next_hit()  # marks the first hit as the current one
        window.reading.browser.verticalScrollBar().setValue(0)  # the title stays in view
    settle(window)
    ok = window.grab().save(str(path))
    window.close()
    # Delete it now, panels and their timers included, before the caller closes the library.
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    Path(scratch.fileName()).unlink(missing_ok=True)
    if not ok:
        print(f"reader: error: cannot write {path}", file=sys.stderr)
        return 1
    return 0


def settle(window: MainWindow, least_ms: int = 800, most_ms: int = 10000) -> None:
    """Let the panels' background work (the stories grouping, the entity lists) finish, so a
    screenshot shows what a user sees a moment after start; at most `most_ms`."""
    from reader.gui.worker import Worker

    start = time.monotonic()
    while True:
        QApplication.processEvents()
        elapsed = (time.monotonic() - start) * 1000
        idle = not any(w.busy for w in window.findChildren(Worker))
        if (elapsed >= least_ms and idle) or elapsed >= most_ms:
            break
        time.sleep(0.02)
    QApplication.processEvents()


def _probe_startup(app: QApplication, window: MainWindow) -> None:
    """Print when the window was first shown and when results were in, then quit."""
    marks: dict[str, float] = {}

    def shown() -> None:
        if "shown" not in marks:
            marks["shown"] = time.time()
            marks["shown_cpu"] = time.process_time()

    def results(_outcome: object) -> None:
        if "results" in marks:
            return
        shown()  # the event loop is running, so the window has been shown
        marks["results"] = time.time()
        heavy = [m for m in ("spacy", "trafilatura", "dateparser", "sklearn") if m in sys.modules]
        print(json.dumps({**marks, "heavy_modules": heavy}), flush=True)
        QTimer.singleShot(0, app.quit)

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                shown()
            return False

    window._startup_probe = FirstPaint(window)  # type: ignore[attr-defined]
    window.installEventFilter(window._startup_probe)  # type: ignore[attr-defined]
    window.search.outcomeReady.connect(results)
