"""The feeds the library follows, one row each: name and unread articles (bold when some)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QStyle

from reader.gui.table_model import FlatTableModel
from reader.models import FeedRow

_Index = QModelIndex | QPersistentModelIndex


class FeedsModel(FlatTableModel):
    FeedIdRole = Qt.ItemDataRole.UserRole + 1
    HEADERS = ("Feed", "Unread")
    HEADER_TIPS = ("The feed's title (its address until the first update)",
                   "Articles from this feed not opened yet")
    NAME, UNREAD = range(2)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.feeds: list[FeedRow] = []

    def set_feeds(self, feeds: list[FeedRow]) -> None:
        self.beginResetModel()
        self.feeds = list(feeds)
        self.endResetModel()

    def row_count(self) -> int:
        return len(self.feeds)

    def feed_at(self, row: int) -> FeedRow | None:
        return self.feeds[row] if 0 <= row < len(self.feeds) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        feed = self.feed_at(index.row()) if index.isValid() else None
        if feed is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:
                return feed.name
            return f"{feed.unread:,}" if feed.unread else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{feed.url}\n{feed.articles:,} articles, {feed.unread:,} unread"
            if feed.last_error:
                tip += f"\nThe last update failed: {feed.last_error}"
            return tip
        if role == Qt.ItemDataRole.DecorationRole and column == self.NAME and feed.last_error:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == Qt.ItemDataRole.FontRole and feed.unread:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.UNREAD:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.FeedIdRole:
            return feed.id
        return None
