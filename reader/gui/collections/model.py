"""The Collections side list: Unread and Starred first, then collections and saved searches."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from reader.models import CollectionRow

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Item:
    name: str
    search: str  # what the search box gets when the item is clicked
    count: int | None  # None for a saved search (its articles are what it finds now)
    row: CollectionRow | None = None  # None for Unread and Starred


class CollectionsModel(QAbstractListModel):
    ItemRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[Item] = []

    def set_contents(self, unread: int, starred: int, rows: list[CollectionRow]) -> None:
        self.beginResetModel()
        self.items = [Item("Unread", "is:unread", unread),
                      Item("Starred", "is:starred", starred)]
        self.items += [Item(r.name, r.search_text(), None if r.is_saved_search else r.articles, r)
                       for r in rows]
        self.endResetModel()

    def item(self, row: int) -> Item | None:
        return self.items[row] if 0 <= row < len(self.items) else None

    def row_of(self, collection_id: int) -> int | None:
        for n, item in enumerate(self.items):
            if item.row is not None and item.row.id == collection_id:
                return n
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item(index.row()) if index.isValid() else None
        if item is None:
            return None
        if role == self.ItemRole:
            return item
        if role == Qt.ItemDataRole.DisplayRole:
            return item.name if item.count is None else f"{item.name}  ({item.count:,})"
        if role == Qt.ItemDataRole.ToolTipRole:
            if item.row is None:
                kind = item.search.removeprefix("is:")
                return f"{item.count or 0:,} {kind} articles: click to list them ({item.search})"
            if item.row.is_saved_search:
                return f"Saved search: {item.row.query}\nClick to run it."
            return (f"Collection of {item.count:,} articles: click to list them.\n"
                    "Add articles from the results (right-click > Add to collection).")
        if role == Qt.ItemDataRole.DecorationRole:
            # A folder for a collection, a magnifier for a saved search; Unread and Starred
            # get the marks the result list shows (a bold dot, a gold star).
            if item.row is None:
                return _glyph("★" if item.search == "is:starred" else "●",
                              "#d99a00" if item.search == "is:starred" else "#1a5fb4")
            icon = (QStyle.StandardPixmap.SP_FileDialogContentsView if item.row.is_saved_search
                    else QStyle.StandardPixmap.SP_DirIcon)
            return QApplication.style().standardIcon(icon)
        if role == Qt.ItemDataRole.FontRole and item.row is None and item.count:
            font = QFont()
            font.setBold(item.search == "is:unread")
            return font
        return None


_GLYPHS: dict[str, QIcon] = {}


def _glyph(text: str, colour: str) -> QIcon:
    """A one-character icon the size of the style's others, so every row lines up."""
    if text not in _GLYPHS:
        size = QApplication.style().pixelMetric(QStyle.PixelMetric.PM_ListViewIconSize)
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        font = QFont()
        font.setPixelSize(round(size * 0.7))
        painter.setFont(font)
        painter.setPen(QColor(colour))
        painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
        _GLYPHS[text] = QIcon(pixmap)
    return _GLYPHS[text]
