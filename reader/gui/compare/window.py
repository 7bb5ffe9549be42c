"""The comparison window: the comparison view with its own menus (File > Export comparison…,
View > highlights) and a toolbar to change either side, swap them or export.

It only shows and asks; the controller (controller.py) reads articles and runs comparisons.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QWidget,
)

from reader.gui.compare.view import ComparisonView

MAX_SIZE = (1500, 940)  # larger screens: a generous window, not a full-screen one
MENU_ROOM = "   "  # room after a menu button's text for the style's arrow, which overlaps it


class ComparisonWindow(QMainWindow):
    paletteChanged = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("comparisonWindow")
        self.setWindowTitle("Compare articles — Reader")
        self.view = ComparisonView(self)
        self.setCentralWidget(self.view)
        self.status = QLabel(self, objectName="compareStatus")
        self.statusBar().addWidget(self.status, 1)

        self.pick_a = self._picker("Change left…", "Compare another article on the left")
        self.pick_b = self._picker("Change right…", "Compare another article on the right "
                                   "(the articles most like the left one come first)")
        self.swap = QAction("&Swap sides", self)
        self.swap.setToolTip("Put the left article on the right and the right one on the left")
        self.export = QAction("&Export comparison…", self)
        self.export.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.export.setToolTip("Save the comparison as an HTML page any browser opens")
        self.export.setEnabled(False)
        close = QAction("&Close", self)
        close.setShortcut(QKeySequence.StandardKey.Close)
        close.triggered.connect(self.close)
        self.next_pair = QAction("&Next aligned pair", self)
        self.next_pair.setShortcuts([QKeySequence("F3"), QKeySequence("Ctrl+Down")])
        self.next_pair.triggered.connect(lambda: self.view.step_pair(+1))
        self.previous_pair = QAction("&Previous aligned pair", self)
        self.previous_pair.setShortcuts([QKeySequence("Shift+F3"), QKeySequence("Ctrl+Up")])
        self.previous_pair.triggered.connect(lambda: self.view.step_pair(-1))
        self.show_entities = QAction("&Entities", self, checkable=True)
        self.show_dates = QAction("&Dates", self, checkable=True)
        for action in (self.swap, self.export, close, self.next_pair, self.previous_pair):
            self.addAction(action)

        toolbar = QToolBar("Comparison", self, objectName="compareToolbar", movable=False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addWidget(self.pick_a)
        toolbar.addAction(self.swap)
        toolbar.addWidget(self.pick_b)
        spacer = QWidget(toolbar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addAction(self.export)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)

        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self.export)
        file_menu.addSeparator()
        file_menu.addAction(close)
        view_menu = self.menuBar().addMenu("&View")
        view_menu.addActions([self.next_pair, self.previous_pair])
        view_menu.addSeparator()
        view_menu.addAction(self.swap)
        highlights = view_menu.addMenu("&Highlights")
        highlights.addActions([self.show_entities, self.show_dates])
        self._fit_screen()

    def _picker(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self, text=text + MENU_ROOM, toolTip=tip)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setMenu(QMenu(button))
        return button

    def _fit_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(*MAX_SIZE)
            return
        room = screen.availableGeometry()
        width = min(MAX_SIZE[0], room.width() - 24)
        height = min(MAX_SIZE[1], room.height() - 40)
        self.resize(width, height)
        self.move(room.left() + (room.width() - width) // 2,
                  room.top() + (room.height() - height) // 2)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.paletteChanged.emit()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        super().closeEvent(event)
