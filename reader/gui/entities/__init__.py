"""Entities in the window: `attach(window)` adds the panel, highlights and analysis.

The one call the main window makes; it docks the panel and starts analysis through the window's
contract (`add_panel`, `use_analysis`, `entityChosen`, `current_article`) and connects the
window's public parts (reading view, search, imports, View > Highlights).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction

from reader.gui.analysis import GUI_PROCESSES
from reader.gui.entities.controller import EntityController
from reader.gui.entities.groups import GROUPS

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow

log = logging.getLogger(__name__)

PANEL_NAME = "entities"
START_DELAY_MS = 1500  # let the window show and answer its first search before analysing


def attach(
    window: MainWindow,
    *,
    auto_analyse: bool = True,
    n_process: int = GUI_PROCESSES,
    start_delay_ms: int = START_DELAY_MS,
) -> EntityController:
    """Add the entity panel (View > Panels), highlights and background analysis to `window`.

    With `auto_analyse`, articles waiting for analysis are analysed shortly after start-up and
    after every import; otherwise only on request (the panel's "Find names now").
    """
    analysis = window.use_analysis(n_process)
    controller = EntityController(window, analysis)
    dock = window.add_panel(PANEL_NAME, "Entities", controller.panel,
                            Qt.DockWidgetArea.RightDockWidgetArea, size=360)
    dock.visibilityChanged.connect(controller.panel_visibility)
    controller.panel.entityClicked.connect(window.entityChosen)
    window.installEventFilter(controller)
    _add_type_toggles(window, controller)
    if auto_analyse:  # and the user has not turned background analysis off (Preferences)
        window.imports.finished.connect(lambda _report: analysis.start_if_automatic())
        QTimer.singleShot(start_delay_ms, analysis.start_if_automatic)
    controller.show_article(window.current_article)
    return controller


def _add_type_toggles(window: MainWindow, controller: EntityController) -> None:
    """View > Highlights gets a check box per entity type, below the window's per-layer ones."""
    menu = window.highlights_menu

    def fill() -> None:  # runs after the window's own handler has refilled the menu
        menu.addSection("Entity types")
        for g in GROUPS:
            action = QAction(g.title, menu, checkable=True)
            action.setChecked(g.key not in controller.hidden)
            action.toggled.connect(
                lambda on, key=g.key: controller.set_type_visible(key, on))
            menu.addAction(action)

    menu.aboutToShow.connect(fill)
