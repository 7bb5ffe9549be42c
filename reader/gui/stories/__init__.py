"""Stories in the window: `attach(window)` docks the stories panel and opens story views.

The panel lists each event the library covers (two or more articles, any outlets), newest
first, following the search box; the story view lays one story out fact by fact. Grouping
new articles runs after each import and at start-up, on the controller's worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer

from reader.gui.stories.controller import StoriesController

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow

__all__ = ["StoriesController", "attach"]

PANEL_NAME = "stories"
START_DELAY_MS = 2000  # after the window's first search and the entity analysis start


def attach(window: MainWindow, *, start_delay_ms: int = START_DELAY_MS) -> StoriesController:
    """Dock the stories panel (View > Panels) and keep it up to date; returns the controller."""
    controller = StoriesController(window)
    window.add_panel(PANEL_NAME, "Stories", controller.panel,
                     Qt.DockWidgetArea.RightDockWidgetArea, size=420)
    window.search_bar.textChanged.connect(controller.follow_search)
    window.imports.finished.connect(lambda _report: controller.refresh())
    QTimer.singleShot(start_delay_ms, controller.refresh)
    return controller
