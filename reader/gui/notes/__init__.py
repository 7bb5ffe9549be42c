"""Highlights and notes in the window: `attach(window)` docks the Notes panel and adds the
ways to highlight (reading-bar button, context menu, Ctrl+H), to write a note, and to print or
export the article on show (File menu).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton

from reader.gui.notes.controller import NOTES_LAYER, NotesController

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow

__all__ = ["NOTES_LAYER_NAME", "NotesController", "attach"]

NOTES_LAYER_NAME = NOTES_LAYER  # the reading view's layer of highlights

PANEL_NAME = "notes"


def attach(window: MainWindow, *, start_delay_ms: int = 500) -> NotesController:
    """Dock the Notes panel (View > Panels) beside the stories and wire the actions."""
    c = NotesController(window)
    dock = window.add_panel(PANEL_NAME, "Notes", c.panel,
                            Qt.DockWidgetArea.RightDockWidgetArea, size=420, tab_with="stories")
    # Brought into view (its tab chosen): listed afresh, after deletions or undos elsewhere.
    dock.visibilityChanged.connect(lambda shown: c.refresh() if shown else None)
    colours = QMenu("Highlight in", window)
    colours.addActions(c.colour_actions)
    in_colour = QAction("Highlight &in", window)
    in_colour.setMenu(colours)
    window.add_reading_menu_actions([c.highlight_action, in_colour, c.note_action,
                                     c.article_note_action])
    window.add_file_actions([c.print_action, c.export_action, c.export_notes_action])
    _add_reading_button(window, c, colours)
    window.imports.finished.connect(lambda _report: c.refresh())
    window.change_watch.changed.connect(c.refresh)  # `reader note` in a terminal, say
    QTimer.singleShot(start_delay_ms, c.refresh)
    QTimer.singleShot(0, lambda: _follow_comparisons(window, c))
    return c


def _follow_comparisons(window: MainWindow, c: NotesController) -> None:
    """Highlights in the comparison panes too, once the comparison has attached."""
    from reader.gui.compare import ComparisonController
    from reader.gui.notes.compare_panes import ComparePaneNotes

    compare = getattr(window, "extensions", {}).get("reader.gui.compare")
    if isinstance(compare, ComparisonController):
        c.compare_panes = ComparePaneNotes(c, compare)


def _add_reading_button(window: MainWindow, c: NotesController, colours: QMenu) -> None:
    """"Highlight" in the bar above the article: a click highlights the selection in the last
    colour used; its menu offers the colours, a note on the words or on the article."""
    button = QToolButton(objectName="highlightButton")
    button.setDefaultAction(c.highlight_action)
    button.setText("Highlight")
    button.setToolTip("Highlight the selected words (Ctrl+H); the arrow offers colours and "
                      "notes")
    button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
    menu = QMenu(button)
    menu.addActions(c.colour_actions)
    menu.addSeparator()
    menu.addActions([c.note_action, c.article_note_action])
    button.setMenu(menu)
    window.add_to_reading_bar(button)
