"""The entity panel's library mode: the most-named entities with article, outlet and mention counts.

A table model that fetches more rows as the view scrolls (the store sorts: most articles first),
optionally narrowed to one type group.
"""

from __future__ import annotations

import heapq
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon

from reader.gui.entities.groups import GROUPS, group, group_of, swatch, type_name
from reader.gui.table_model import FlatTableModel
from reader.gui.theme import current_theme
from reader.library import Library
from reader.models import EntitySummary

_Index = QModelIndex | QPersistentModelIndex
PAGE = 200


def _order(s: EntitySummary) -> tuple:
    return (-s.articles, -s.mentions, s.name)


class LibraryEntitiesModel(FlatTableModel):
    EntityIdRole = Qt.ItemDataRole.UserRole + 2
    LabelRole = Qt.ItemDataRole.UserRole + 4
    GroupRole = Qt.ItemDataRole.UserRole + 5
    SummaryRole = Qt.ItemDataRole.UserRole + 6
    HEADERS = ("Name", "Articles", "Outlets", "Mentions")
    HEADER_TIPS = ("The entity's name", "Articles naming it", "Outlets naming it",
                   "Mentions in all articles")
    NAME, ARTICLES, OUTLETS, MENTIONS = range(4)

    def __init__(self, library: Library, parent: Any = None) -> None:
        super().__init__(parent)
        self.library = library
        self.group_key: str | None = None  # None: every type
        self._rows: list[EntitySummary] = []
        self._limit = PAGE
        # Nothing to fetch until the controller first reads the counts: a view laid out at
        # start-up would otherwise count every mention of the library on the GUI thread.
        self._exhausted = True
        self._icons: dict[str, QIcon] = {}

    # -- filling -----------------------------------------------------------------------------

    def set_group(self, key: str | None) -> None:
        self.group_key = key
        self.reload(keep_rows=False)

    def reload(self, keep_rows: bool = True) -> None:
        """Read the counts again (after analysis or a correction), keeping as many rows."""
        limit = self.reload_limit() if keep_rows else PAGE
        self.set_rows(self.query(limit), limit)

    def reload_limit(self) -> int:
        """How many rows a reload reads: as many as are shown (a page at least)."""
        return max(PAGE, len(self._rows))

    def query(self, limit: int) -> list[EntitySummary]:
        """The counts of the group chosen, `limit` rows: reads only the store, so a worker
        thread may run it while the window goes on (then `set_rows` on the GUI thread)."""
        return self._query(limit)

    def set_rows(self, rows: list[EntitySummary], limit: int) -> None:
        """Show counts read by `query(limit)`."""
        self.beginResetModel()
        self._limit = limit
        self._icons = {g.key: swatch(g.key, current_theme()) for g in GROUPS}
        self._rows = rows
        self._exhausted = len(self._rows) < self._limit
        self.endResetModel()

    def _query(self, limit: int) -> list[EntitySummary]:
        library = self.library
        if self.group_key is None:
            return library.entity_summaries(limit=limit)
        labels = group(self.group_key).labels
        if len(labels) == 1:
            return library.entity_summaries(label=labels[0], limit=limit)
        # Places span three labels: merge their sorted lists in the store's order.
        lists = [library.entity_summaries(label=label, limit=limit) for label in labels]
        return list(heapq.merge(*lists, key=_order))[:limit]

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted:
            return
        self._limit += PAGE
        more = self._query(self._limit)[len(self._rows):]
        self._exhausted = len(self._rows) + len(more) < self._limit
        if more:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()

    def summary(self, row: int) -> EntitySummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, entity_id: int) -> int | None:
        for row, s in enumerate(self._rows):
            if s.id == entity_id:
                return row
        return None

    # -- Qt model interface ------------------------------------------------------------------

    def row_count(self) -> int:
        return len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        s = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:
                return s.name
            value = (s.articles, s.outlets, s.mentions)[column - 1]
            return "–" if value == 0 else f"{value:,}"  # no outlet known (e.g. plain files)
        if role == Qt.ItemDataRole.DecorationRole and column == self.NAME:
            return self._icons.get(group_of(s.label).key)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NAME:
            return (f"{s.name} · {type_name(s.label)}\nNamed in {s.articles:,} articles from "
                    f"{s.outlets:,} outlets, {s.mentions:,} times in all.\n"
                    "Click to list the articles; right-click to correct it.")
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.EntityIdRole:
            return s.id
        if role == self.LabelRole:
            return s.label
        if role == self.GroupRole:
            return group_of(s.label).key
        if role == self.SummaryRole:
            return s
        return None
