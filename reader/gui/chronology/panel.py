"""The chronology dock: scope, timeline and the list of events in date order."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.chronology_scope import ARTICLE, ENTITY, LIBRARY, RESULTS
from reader.gui.chronology.model import ChronologyModel, OutletColours
from reader.gui.chronology.timeline_view import TimelineView
from reader.gui.theme import current_theme

SIDE_BY_SIDE_BELOW = 340  # pixels: a panel lower than this shows the list beside the timeline
SIDE_BY_SIDE_SHARE = 0.62  # of the width, for the timeline

SCOPES = ((ARTICLE, "This article"), (RESULTS, "Search results"), (ENTITY, "One entity"),
          (LIBRARY, "Whole library"))


class ChronologyPanel(QWidget):
    scopeChosen = Signal(str)
    paletteChanged = Signal()

    def __init__(self, colours: OutletColours, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chronologyPanel")
        self.colours = colours
        self.scope = QComboBox(self, objectName="chronologyScope")
        for kind, title in SCOPES:
            self.scope.addItem(title, kind)
        self.scope.setToolTip("Whose dates to show: the article on show, the search results, "
                              "an entity picked in the entity panel, or the whole library")
        self.status = QLabel(self, objectName="chronologyStatus")
        self.notice = QLabel(self, objectName="chronologyNotice", wordWrap=True)
        self.notice.setAutoFillBackground(True)
        self.notice.setContentsMargins(8, 4, 8, 4)
        self.notice.hide()
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dates_toggle = QToolButton(self, text="Dates in text", checkable=True, checked=True)
        self.dates_toggle.setToolTip("Highlight the dates in the article you are reading "
                                     "(also in View > Highlights)")
        self.zoom_out = QToolButton(self, text="−", toolTip="Zoom out (−, mouse wheel)")
        self.zoom_in = QToolButton(self, text="+", toolTip="Zoom in (+, mouse wheel)")
        self.fit = QToolButton(self, text="Fit", toolTip="Show where most events lie; again: "
                               "every event, stray dates too (Home)")

        self.timeline = TimelineView(colours, self)
        self.model = ChronologyModel(colours, self)
        self.list = QTableView(self, objectName="chronologyList")
        self._setup_list()

        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 2)
        bar.setSpacing(6)
        bar.addWidget(QLabel("Show", self))
        bar.addWidget(self.scope)
        bar.addWidget(self.status, 1)
        for button in (self.dates_toggle, self.zoom_out, self.zoom_in, self.fit):
            bar.addWidget(button)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.timeline)
        self.splitter.addWidget(self.list)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self._user_split = False
        self.splitter.splitterMoved.connect(lambda *_: setattr(self, "_user_split", True))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.splitter, 1)

        self.scope.activated.connect(lambda i: self.scopeChosen.emit(self.scope.itemData(i)))
        self.zoom_in.clicked.connect(lambda: self.timeline.zoom(2))
        self.zoom_out.clicked.connect(lambda: self.timeline.zoom(-2))
        self.fit.clicked.connect(self.timeline.fit)
        self._restyle()

    def _setup_list(self) -> None:
        view, model = self.list, self.model
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.setAlternatingRowColors(True)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setIconSize(QSize(31, 10))  # up to four outlet dots
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        header = view.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(model.TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(model.CONFLICT, QHeaderView.ResizeMode.Fixed)
        fm = view.fontMetrics()
        self._date_width = {False: fm.horizontalAdvance("the 20th century") + 60,
                            True: fm.horizontalAdvance("24 September 2025") + 14}
        header.resizeSection(model.DATE, self._date_width[False])
        header.resizeSection(model.CONFLICT, fm.horizontalAdvance("⚠") + 14)
        self._outlets_width = {False: fm.horizontalAdvance("Morning Star, MENAFN") + 40,
                               True: fm.horizontalAdvance("Morning St…") + 36}
        header.resizeSection(model.OUTLETS, self._outlets_width[False])

    # -- state shown -------------------------------------------------------------------------

    def set_scope(self, kind: str) -> None:
        self.scope.setCurrentIndex(max(0, self.scope.findData(kind)))

    def current_scope(self) -> str:
        return str(self.scope.currentData())

    def set_entity_name(self, name: str | None) -> None:
        index = self.scope.findData(ENTITY)
        self.scope.setItemText(index, f"Entity: {name}" if name else "One entity")
        item = self.scope.model().item(index)  # type: ignore[attr-defined]
        item.setEnabled(bool(name))
        item.setToolTip("" if name else "Pick an entity in the entity panel first")

    def fit_timeline(self) -> None:
        """Give the timeline the height its lanes want, unless the user chose a split."""
        if self._user_split:
            return
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        if self.splitter.orientation() == Qt.Orientation.Horizontal:
            width = round(total * SIDE_BY_SIDE_SHARE)
            self.splitter.setSizes([width, total - width])
            return
        rows = self.list.verticalHeader().defaultSectionSize()
        list_min = self.list.horizontalHeader().height() + 4 * rows
        want = self.timeline.sizeHint().height()
        height = max(self.timeline.minimumSizeHint().height(), min(want, total - list_min))
        self.splitter.setSizes([height, total - height])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # A low, wide dock has no room for the list below the timeline: put it beside.
        size = event.size()
        beside = size.height() < SIDE_BY_SIDE_BELOW and size.width() >= 2.5 * size.height()
        orientation = Qt.Orientation.Horizontal if beside else Qt.Orientation.Vertical
        if orientation != self.splitter.orientation():
            self.splitter.setOrientation(orientation)
            self._user_split = False
            header = self.list.horizontalHeader()
            header.resizeSection(self.model.OUTLETS, self._outlets_width[beside])
            header.resizeSection(self.model.DATE, self._date_width[beside])
        self.fit_timeline()

    def set_status(self, text: str, notice: str = "") -> None:
        """The counts beside the scope; `notice`, if any, in a band above the timeline."""
        self.status.setText(text)
        self.status.setToolTip(text)
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle()
            self.model.restyle()
            self.paletteChanged.emit()
        super().changeEvent(event)

    def _restyle(self) -> None:
        theme = current_theme()
        palette = self.status.palette()
        palette.setColor(QPalette.ColorRole.WindowText, theme.muted)
        self.status.setPalette(palette)
        band = self.notice.palette()
        band.setColor(QPalette.ColorRole.Window,
                      QColor("#22364d") if theme.dark else QColor("#e7f0fb"))
        band.setColor(QPalette.ColorRole.WindowText, theme.text)
        self.notice.setPalette(band)
