"""Room for the article in the default layout, at 1200×780 and 1920×1080: the reading pane's
size and how many lines of the article it shows, beside the layout it replaced (every panel
open, the chronology across the bottom third, the right column stacked) measured in the same
run on the same window.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/reading_room.py [--library DIR]
(without --library: a scratch library of the bundled sample articles, analysed).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication

from reader.gui.app import make_app, settle, wait_for_search
from reader.gui.main_window import MainWindow
from reader.gui.settings import Settings
from reader.library import Library

Area = Qt.DockWidgetArea


def measure(window: MainWindow) -> str:
    browser = window.reading.browser
    viewport = browser.viewport()
    # Lines of article text at most (paragraph spacing shows fewer): height over line spacing.
    spacing = QFontMetricsF(browser.document().defaultFont()).lineSpacing()
    lines = int(viewport.height() // max(1.0, spacing))
    share = viewport.width() * viewport.height() / (window.width() * window.height())
    return (f"reading pane {viewport.width()}×{viewport.height()} px ({share:.0%} of the "
            f"window), up to {lines} lines of text")


def old_layout(window: MainWindow) -> None:
    """The previous default: all panels open, the bottom across the whole width, right column
    stacked, shares 27% / 24% / 30%."""
    window.setCorner(Qt.Corner.BottomLeftCorner, Area.BottomDockWidgetArea)
    window.setCorner(Qt.Corner.BottomRightCorner, Area.BottomDockWidgetArea)
    right = [d for d in window.panels.values()
             if window.dockWidgetArea(d) == Area.RightDockWidgetArea]
    for dock in window.panels.values():
        dock.show()
    for dock in right[1:]:
        window.splitDockWidget(right[0], dock, Qt.Orientation.Vertical)
    QApplication.processEvents()
    for area, orientation, share in ((Area.LeftDockWidgetArea, Qt.Orientation.Horizontal, .27),
                                     (Area.RightDockWidgetArea, Qt.Orientation.Horizontal, .24),
                                     (Area.BottomDockWidgetArea, Qt.Orientation.Vertical, .30)):
        docks = [d for d in window.panels.values() if window.dockWidgetArea(d) == area]
        size = window.width() if orientation == Qt.Orientation.Horizontal else window.height()
        window.resizeDocks(docks, [round(size * share)] * len(docks), orientation)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path)
    args = parser.parse_args()
    make_app()
    folder = args.library or Path(tempfile.mkdtemp(prefix="reader-room-"))
    library = Library(folder)
    if library.import_seeds_if_empty():
        library.analyze_pending(n_process=1)
    for width, height in ((1200, 780), (1920, 1080)):
        scratch = QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
        window = MainWindow(library, Settings(scratch), restore=False, with_panels=True)
        window.resize(width, height)
        window.show()
        wait_for_search(window)
        settle(window, 300)
        print(f"{width}×{height} default layout:  {measure(window)}")
        old_layout(window)
        settle(window, 300)
        print(f"{width}×{height} baseline (old):  {measure(window)}")
        window.close()
    library.close()


if __name__ == "__main__":
    main()
