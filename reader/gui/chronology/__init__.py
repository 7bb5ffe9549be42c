"""The chronology in the window: `attach(window)` docks the chronology panel at the bottom, adds
the dates layer to the reading view and keeps both following the article and the searches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from reader.gui.chronology.controller import ChronologyController
from reader.gui.chronology.layer import DateLayer
from reader.gui.chronology.model import OutletColours
from reader.gui.chronology.panel import ChronologyPanel

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow

__all__ = ["ChronologyController", "attach"]


def attach(window: MainWindow) -> ChronologyController:
    """Dock the chronology panel in `window`, add the date layer, follow articles and searches.

    The panel docks at the bottom as "chronology" (View > Panels) and the reading view gets a
    "dates" layer (View > Highlights). Returns the controller (parented to the window); its
    `show_entity(entity_id)` switches to the one-entity scope, `set_entity(entity_id)` only
    offers it, and an entity chosen in another panel (`window.entityChosen`) is offered too.
    """
    colours = OutletColours([name for name, _ in window.library.outlets()])
    panel = ChronologyPanel(colours)
    dock = window.add_panel("chronology", "Chronology", panel,
                            Qt.DockWidgetArea.BottomDockWidgetArea, size=360)
    dates = DateLayer(window.library, window.reading, window)
    # Without a background analysis in this window (no entity panel), the controller polls.
    controller = ChronologyController(window, panel, dates, dock, window.analysis)
    window.entityChosen.connect(controller.set_entity)
    return controller
