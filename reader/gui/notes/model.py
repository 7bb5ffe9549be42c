"""The Notes list: every highlight and article note of the library, and the filter over it.

`NotesModel` holds `NoteEntry`s as `Library.note_entries` gives them (newest article first,
each article's note before its highlights). `NotesFilter` keeps the rows whose quote, note,
title or outlet hold every word typed in the filter box (folded once, when the list loads).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from reader.gui.plain_text import tooltip
from reader.gui.table_model import FlatTableModel
from reader.gui.theme import current_theme
from reader.notes import Highlight, NoteEntry

_Index = QModelIndex | QPersistentModelIndex

# Highlight shades, light and dark theme: soft enough that the text stays easy to read.
# Yellow is a marker's, deeper than the pale yellow of search hits, so the two never mix up.
LIGHT_SHADES = {"yellow": "#ffdf70", "green": "#c8f0c0", "blue": "#c6e2ff", "pink": "#ffd0e4",
                "purple": "#e3d3ff"}
DARK_SHADES = {"yellow": "#8a5a00", "green": "#1f5a2a", "blue": "#1f4a7a", "pink": "#7a2a50",
               "purple": "#4f3a80"}
LOST = "⚠ "  # marks a highlight whose words are not in the current text


def shade(colour: str) -> QColor:
    shades = DARK_SHADES if current_theme().dark else LIGHT_SHADES
    return QColor(shades.get(colour, shades["yellow"]))


def one_line(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class NotesModel(FlatTableModel):
    """One row per highlight or article note, on three lines that fit a narrow dock: the words
    highlighted (or "Article note"), the article (title · outlet · date), the note."""

    EntryRole = Qt.ItemDataRole.UserRole + 1
    HEADERS = ("Highlights and notes",)
    HEADER_TIPS = ("The words highlighted, their article and your note; newest article first",)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries: list[NoteEntry] = []
        self._folded: list[str] | None = None
        self.highlight_count = self.lost_count = 0

    def set_entries(self, entries: list[NoteEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self._folded = None
        highlights = [e.item for e in self.entries if isinstance(e.item, Highlight)]
        self.highlight_count = len(highlights)
        self.lost_count = sum(not h.anchored for h in highlights)
        self.endResetModel()

    @property
    def folded(self) -> list[str]:
        """Each entry's text for the filter, folded on the first filtering (not on opening)."""
        if self._folded is None:
            self._folded = [e.search_text for e in self.entries]
        return self._folded

    def row_count(self) -> int:
        return len(self.entries)

    def entry(self, row: int) -> NoteEntry | None:
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry(index.row()) if index.isValid() else None
        if entry is None:
            return None
        item = entry.item
        highlight = item if isinstance(item, Highlight) else None
        if role == self.EntryRole:
            return entry
        if role == Qt.ItemDataRole.DisplayRole:
            if highlight is None:
                first = "Article note"
            else:
                first = (LOST if not highlight.anchored else "") + f"“{one_line(highlight.quote)}”"
            article = " · ".join(p for p in (entry.title or f"Article {entry.article_id}",
                                             entry.outlet, entry.published) if p)
            note = f"✎ {one_line(item.note)}" if item.note else ""
            return f"{first}\n{one_line(article)}\n{note}"
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = []
            if highlight is not None:
                lines.append(f"“{highlight.quote.strip()}” ({highlight.colour})")
                if not highlight.anchored:
                    lines.append("Not found in the article's current text: its text changed "
                                 "and these words are no longer in it.")
            if item.note:
                lines.append(f"Note: {item.note}")
            lines.append(entry.title or f"Article {entry.article_id}")
            lines.append("Click to open the article" + (" at the highlight" if highlight else ""))
            return tooltip("\n".join(lines))
        if role == Qt.ItemDataRole.DecorationRole and highlight is not None:
            return shade(highlight.colour)
        if role == Qt.ItemDataRole.FontRole and highlight is None:
            font = QFont()
            font.setItalic(True)
            return font
        return None


class NotesFilter(QSortFilterProxyModel):
    """Rows holding every word of the filter text, whatever its case. The rows that pass are
    worked out in one sweep over the folded texts; Qt's per-row question is then a lookup."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._passing: list[bool] | None = None  # None: every row passes

    def set_text(self, text: str) -> None:
        words = text.casefold().split()
        if words == self._words:
            return
        self.beginFilterChange()
        self._words = words
        model = self.sourceModel()
        self._passing = None
        if words and isinstance(model, NotesModel):
            self._passing = [all(w in t for w in words) for t in model.folded]
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def setSourceModel(self, model: Any) -> None:
        super().setSourceModel(model)
        model.modelAboutToBeReset.connect(self._source_reset)

    def _source_reset(self) -> None:
        """New entries: the words stay, the rows passing are worked out again."""
        words, self._words = self._words, []
        self._passing = None
        if words:
            model = self.sourceModel()
            model.modelReset.connect(lambda: self.set_text(" ".join(words)),
                                     Qt.ConnectionType.SingleShotConnection)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        passing = self._passing
        return passing is None or (source_row < len(passing) and passing[source_row])
