"""Comparing two articles from the window: `attach(window)` adds "Compare with…" to
the reading view (button, context menu, File menu) and "Compare selected" to the results, and
returns the controller that opens the comparison window.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMenu,
    QPushButton,
    QToolButton,
)

from reader.gui.compare.controller import ComparisonController
from reader.gui.compare.window import MENU_ROOM

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow

log = logging.getLogger(__name__)

__all__ = ["ComparisonController", "attach"]


def attach(window: MainWindow) -> ComparisonController:
    """Add the comparison's entry points to `window` and return the controller."""
    controller = ComparisonController(window)
    window.compareRequested.connect(controller.compare)  # e.g. two columns of a story
    window.installEventFilter(controller)
    window.reading.browser.viewport().installEventFilter(controller)
    _add_actions(window, controller)
    _add_reading_button(window, controller)
    _add_results_selection(window, controller)
    return controller


def _add_actions(window: MainWindow, controller: ComparisonController) -> None:
    """File menu: Compare with…, Compare selected results, Export comparison… (before Quit)."""
    window.add_file_actions([controller.compare_with_action, controller.compare_selected_action,
                             controller.export_action])


def _add_reading_button(window: MainWindow, controller: ComparisonController) -> None:
    """A "Compare with" button in the reading view's bar, its menu the suggestions."""
    button = QToolButton(objectName="compareWithButton", text="Compare with" + MENU_ROOM)
    button.setToolTip("Compare this article with one from another outlet (Ctrl+K)")
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(button)
    button.setMenu(menu)
    menu.aboutToShow.connect(lambda: controller.fill_suggestions(
        menu, window.current_article.id if window.current_article else None))
    window.add_to_reading_bar(button)
    window.reading.articleShown.connect(lambda article: button.setEnabled(article is not None))
    button.setEnabled(window.current_article is not None)


def _add_results_selection(window: MainWindow, controller: ComparisonController) -> None:
    """Ctrl/Shift+click selects several results; with two, "Compare selected" appears."""
    view = window.results.view
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    button = QPushButton("Compare the two selected", window.results,
                         objectName="compareSelectedButton")
    button.setToolTip("Show the two selected articles side by side (Ctrl+Shift+K)")
    button.clicked.connect(controller.compare_selected)
    button.hide()
    layout = window.results.layout()
    if layout is not None:
        layout.addWidget(button)

    def selection_changed() -> None:
        two = len(controller.selected_ids()) == 2
        button.setVisible(two)
        controller.compare_selected_action.setEnabled(two)

    view.selectionModel().selectionChanged.connect(lambda *_: selection_changed())
    window.model.modelReset.connect(selection_changed)
    selection_changed()
    if view.contextMenuPolicy() == Qt.ContextMenuPolicy.DefaultContextMenu:
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(
            lambda pos: _results_menu(window, controller, view.viewport().mapToGlobal(pos)))


def _results_menu(window: MainWindow, controller: ComparisonController, where: QPoint) -> None:
    menu = QMenu(window.results.view)
    menu.addAction(controller.compare_selected_action)
    current = window.results.view.current_article_id()
    sub = menu.addMenu("Compare with")
    sub.aboutToShow.connect(lambda: controller.fill_suggestions(sub, current))
    sub.setEnabled(current is not None)
    menu.exec(where)
    menu.deleteLater()
