"""The results list's item model: article ids in result order, rows and snippets fetched lazily.

Holding only ids keeps a 60,000-hit result cheap; metadata and snippets are read a page at a
time, when the view first asks for a row. Sorting happens by searching again (date/relevance).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from reader.gui.plain_text import tooltip
from reader.gui.table_model import FlatTableModel
from reader.library import Library
from reader.search_pages import PAGE, Entry, SearchOutcome, SearchRequest
from reader.snippets import HitFinder

_Index = QModelIndex | QPersistentModelIndex


class ResultsModel(FlatTableModel):
    TITLE, OUTLET, DATE = range(3)
    HEADERS = ("Title", "Outlet", "Date")
    IdRole = Qt.ItemDataRole.UserRole + 1
    SnippetRole = Qt.ItemDataRole.UserRole + 2  # reader.snippets.Snippet
    UntitledRole = Qt.ItemDataRole.UserRole + 3  # bool: the title shown is a stand-in
    EntryRole = Qt.ItemDataRole.UserRole + 4  # search_pages.Entry

    def __init__(self, library: Library, parent: Any = None) -> None:
        super().__init__(parent)
        self.library = library
        self._outcome = SearchOutcome(SearchRequest())
        self._entries: dict[int, Entry] = {}
        self._row_of: dict[int, int] | None = None

    # -- content -----------------------------------------------------------------------------

    def set_outcome(self, outcome: SearchOutcome) -> None:
        self.beginResetModel()
        self._outcome = outcome
        self._entries = dict(outcome.entries)
        self._row_of = None
        self.endResetModel()

    @property
    def outcome(self) -> SearchOutcome:
        return self._outcome

    @property
    def finder(self) -> HitFinder | None:
        return self._outcome.finder

    def article_id(self, row: int) -> int | None:
        ids = self._outcome.ids
        return ids[row] if 0 <= row < len(ids) else None

    def row_of(self, article_id: int) -> int | None:
        if self._row_of is None:
            self._row_of = {a: r for r, a in enumerate(self._outcome.ids)}
        return self._row_of.get(article_id)

    def forget(self, article_id: int) -> None:
        """Drop cached metadata for an article edited since, so its row is read again."""
        self._entries.pop(article_id, None)
        self._outcome.rows.pop(article_id, None)
        row = self.row_of(article_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def forget_many(self, article_ids: list[int]) -> None:
        """`forget` for many articles at once (marked or tagged together): one redraw."""
        rows = []
        for article_id in article_ids:
            self._entries.pop(article_id, None)
            row = self.row_of(article_id)
            if row is not None:
                rows.append(row)
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0),
                                  self.index(max(rows), self.columnCount() - 1))

    def entry(self, row: int) -> Entry | None:
        article_id = self.article_id(row)
        if article_id is None:
            return None
        found = self._entries.get(article_id)
        if found is None:
            start = row - row % PAGE
            page = self._outcome.ids[start : start + PAGE]
            wanted = [i for i in page if i not in self._entries]
            self._entries.update(
                self.library.result_entries(wanted, self._outcome.finder, self._outcome.rows)
            )
            found = self._entries.get(article_id)
        return found

    # -- Qt model interface ------------------------------------------------------------------

    def row_count(self) -> int:
        return len(self._outcome.ids)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._outcome.ids):
            return None
        if role == self.IdRole:
            return self._outcome.ids[index.row()]
        if role not in (
            Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
            self.SnippetRole, self.UntitledRole, self.EntryRole,
        ):
            return None
        entry = self.entry(index.row())
        if entry is None:
            return "(no longer in the library)" if role == Qt.ItemDataRole.DisplayRole else None
        if role == self.EntryRole:
            return entry
        if role == self.SnippetRole:
            return entry.snippet
        if role == self.UntitledRole:
            return entry.untitled
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(entry.title) if column == self.TITLE else None
        if column == self.TITLE:
            return entry.title or "(untitled)"
        if column == self.OUTLET:
            return entry.row.outlet or ""
        if column == self.DATE:
            return entry.row.published.iso() if entry.row.published else ""
        return None
