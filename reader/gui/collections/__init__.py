"""Collections in the window: `attach(window)` docks the Collections panel (Unread, Starred,
collections and saved searches; a click lists their articles) as a tab beside the results.
`panel.py` is the dock, `model.py` its list, `controller.py` what the buttons do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from reader.gui.collections.controller import CollectionsController
from reader.gui.collections.model import CollectionsModel
from reader.gui.collections.panel import CollectionsPanel

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow

__all__ = ["CollectionsController", "attach"]


def attach(window: MainWindow) -> CollectionsController:
    model = CollectionsModel()
    panel = CollectionsPanel(model)
    window.add_panel("collections", "Collections", panel, Qt.DockWidgetArea.LeftDockWidgetArea,
                     tab_with="results")
    return CollectionsController(window, panel, model)
