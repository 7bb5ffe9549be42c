"""The Feeds dock: the feeds followed with their unread counts, and the buttons to add, remove
and update them (progress and Cancel in the status bar, like every import)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.gui.feeds.model import FeedsModel


class FeedsPanel(QWidget):
    def __init__(self, model: FeedsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feedsPanel")
        self.model = model
        self.add_button = QToolButton(self, text="Add…", toolTip="Follow a feed, or the feed a "
                                      "web page announces (paste its address)")
        self.remove_button = QToolButton(self, text="Remove",
                                         toolTip="Stop following the chosen feed (its articles "
                                         "stay in the library)")
        self.update_button = QToolButton(self, text="Update all",
                                         toolTip="Download the new entries of every feed")
        self.at_start = QCheckBox("Update at start-up", self)
        self.at_start.setToolTip("Reader stays offline unless you ask; tick this to update "
                                 "every feed each time Reader starts")
        self.view = QTableView(self, objectName="feedsList")
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(FeedsModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FeedsModel.UNREAD, QHeaderView.ResizeMode.ResizeToContents)
        self.view.setToolTip("Double-click a feed to open its newest unread article")
        self.status = QLabel(self, objectName="feedsStatus", wordWrap=True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # feed titles are never markup
        self.empty = QLabel("No feeds yet. Add the address of a site's RSS, Atom or JSON "
                            "feed, or of a page that announces one.", self, wordWrap=True)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setContentsMargins(8, 8, 8, 8)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop)

        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 2)
        bar.setSpacing(6)
        for button in (self.add_button, self.remove_button, self.update_button):
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.status)
        option = QHBoxLayout()
        option.setContentsMargins(6, 0, 6, 4)
        option.addWidget(self.at_start)
        layout.addLayout(option)
        model.modelReset.connect(self._model_reset)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._busy = False
        self._model_reset()

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    def chosen_feed_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(FeedsModel.FeedIdRole) if rows else None

    def _model_reset(self) -> None:
        has_feeds = self.model.rowCount() > 0
        self.view.setVisible(has_feeds)
        self.empty.setVisible(not has_feeds)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.update_button.setEnabled(not self._busy and self.model.rowCount() > 0)
        self.remove_button.setEnabled(not self._busy and self.chosen_feed_id() is not None)
        self.add_button.setEnabled(not self._busy)
