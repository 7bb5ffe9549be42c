"""Feeds in the window: `attach(window)` docks the Feeds panel (feeds with unread counts; add,
remove, update) beside the results. `panel.py` is the dock, `model.py` its table, and
`controller.py` what the buttons do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from reader.gui.feeds.controller import FeedsController
from reader.gui.feeds.model import FeedsModel
from reader.gui.feeds.panel import FeedsPanel

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow

__all__ = ["FeedsController", "attach"]


def attach(window: MainWindow) -> FeedsController:
    """Dock the Feeds panel as a tab beside the results (View > Panels > Feeds); update the feeds at
    start-up when the user asked for it (off by default: Reader stays offline)."""
    model = FeedsModel()
    panel = FeedsPanel(model)
    # A tab behind the results: the list of articles keeps its height on a small screen.
    window.add_panel("feeds", "Feeds", panel, Qt.DockWidgetArea.LeftDockWidgetArea,
                     tab_with="results")
    controller = FeedsController(window, panel, model)
    controller.start_up()
    return controller
