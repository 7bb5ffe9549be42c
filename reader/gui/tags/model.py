"""The tag facet's items: "All tags", then every tag of the results with its count."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

_Index = QModelIndex | QPersistentModelIndex


class TagFacetModel(QAbstractListModel):
    """Row 0 is "All tags"; the others are tags, most articles first. The chosen tag stays
    listed (with 0) when the results no longer have it, so the filter can be seen and undone."""

    TagRole = Qt.ItemDataRole.UserRole + 1  # the tag's name, None for "All tags"

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.counts: list[tuple[str, int]] = []

    def set_counts(self, counts: dict[str, int], chosen: str | None = None) -> None:
        shown = dict(counts)
        if chosen and chosen not in shown:
            shown[chosen] = 0
        self.beginResetModel()
        self.counts = list(shown.items())
        self.endResetModel()

    def row_of(self, tag: str | None) -> int:
        if tag is None:
            return 0
        for row, (name, _) in enumerate(self.counts, start=1):
            if name == tag:
                return row
        return 0

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.counts) + 1

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() <= len(self.counts):
            return None
        row = index.row()
        if row == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return "All tags" if self.counts else "No tags"
            if role == Qt.ItemDataRole.ToolTipRole:
                return "Articles with any tag or none"
            return None
        name, count = self.counts[row - 1]
        if role == self.TagRole:
            return name
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{name} ({count:,})"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Only the {count:,} results tagged “{name}” (tag:\"{name}\")"
        return None
