"""Every control a user can see says what it does: a tooltip on each button, field and list
control of the window and its panels, and a status-bar line for each menu action."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QMenu, QWidget

from reader.gui.main_window import MainWindow


def _controls(window: MainWindow) -> list[QWidget]:
    kinds = (QAbstractButton, QComboBox, QLineEdit)
    found: list[QWidget] = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, kinds) or not widget.isVisible():
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QComboBox):
            continue  # an editable combo box's own field: the combo box has the tooltip
        found.append(widget)
    return found


def _describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, (QAbstractButton, QLineEdit)) else ""
    return f"{type(widget).__name__} {widget.objectName()!r} {text!r} in " \
           f"{type(widget.parent()).__name__}"


def _menu_actions(menu: QMenu) -> list[QAction]:
    actions: list[QAction] = []
    for action in menu.actions():
        if action.menu() is not None:
            actions += _menu_actions(action.menu())
        elif not action.isSeparator():
            actions.append(action)
    return actions


def test_every_visible_control_has_a_tooltip_and_every_action_a_status_tip(
        qtbot, library, settings) -> None:
    window = MainWindow(library, settings, restore=False, with_panels=True)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=5000)
    qtbot.wait(100)
    for dock in window.panels.values():  # every panel, hidden ones and tabs behind included
        dock.show()
        dock.raise_()
        qtbot.wait(10)
        controls = _controls(window)
        missing = [_describe(w) for w in controls if not w.toolTip().strip()]
        assert not missing, f"no tooltip ({dock.windowTitle()} on top):\n" + "\n".join(missing)
    assert len(controls) > 20
    actions = [a for m in window.menuBar().findChildren(QMenu) for a in _menu_actions(m)]
    no_tip = [a.text() for a in actions if not a.statusTip().strip()]
    assert not no_tip, f"menu actions without a status tip: {no_tip}"
    window.close()
