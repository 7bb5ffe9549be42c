"""Choosing the other side of a comparison: a search field over the library with the articles
most like the first side (from other outlets) listed before anything is typed.
"""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from reader.errors import UserError
from reader.library import Library
from reader.models import ArticleRow

log = logging.getLogger(__name__)

SEARCH_LIMIT = 50
SEARCH_DELAY_MS = 200
IdRole = Qt.ItemDataRole.UserRole + 1


def row_text(row: ArticleRow | None, fallback: str = "") -> str:
    """"Morning Star · 2026-02-20 — Japan's far-right PM says…" for lists and menus."""
    if row is None:
        return fallback
    date = row.published.iso() if row.published else "no date"
    title = (row.title or "").strip() or "(untitled)"
    return f"{row.outlet or 'Unknown outlet'} · {date} — {title}"


def plain_tip(text: str) -> str:
    """A tooltip that shows article text as text: Qt reads tooltips starting with a tag as
    rich text, so a title like "<b>" would otherwise be rendered."""
    return f"<span>{html.escape(text)}</span>" if text else ""


def menu_text(text: str, limit: int = 90) -> str:
    """Article text as a menu entry: shortened, and "&" kept (not taken as a shortcut key)."""
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return text.replace("&", "&&")


def suggestions(library: Library, article_id: int, limit: int = 8) -> list[ArticleRow]:
    """The articles most like `article_id` from other outlets, best first."""
    try:
        found = library.similar_articles(article_id, limit=limit)
    except Exception:  # an index being rebuilt must not cost the user the comparison
        log.exception("no suggestions for article %d", article_id)
        return []
    rows = {r.id: r for r in library.rows([i for i, _ in found])}
    return [rows[i] for i, _ in found if i in rows]


class ArticlePicker(QDialog):
    """Modal: type to search, or pick a suggestion; Enter or double-click chooses."""

    def __init__(self, library: Library, suggested: list[ArticleRow], exclude: int | None,
                 title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.library = library
        self.suggested = suggested
        self.exclude = exclude
        self.chosen: int | None = None
        self.field = QLineEdit(self, placeholderText="Search the library (words, outlet:, …)")
        self.field.setClearButtonEnabled(True)
        self.note = QLabel(self, objectName="pickerNote", wordWrap=True)
        self.model = QStandardItemModel(self)
        self.list = QListView(self, objectName="pickerList")
        self.list.setModel(self.model)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setUniformItemSizes(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Compare")
        layout = QVBoxLayout(self)
        for w in (self.field, self.note, self.list, buttons):
            layout.addWidget(w)
        self.resize(640, 460)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.field.textChanged.connect(lambda _t: self._timer.start())
        self.field.returnPressed.connect(self.accept)
        self.list.doubleClicked.connect(lambda _i: self.accept())
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._fill(suggested, "Most like it, from other outlets:" if suggested
                   else "Type to search the library.")

    def _fill(self, rows: list[ArticleRow], note: str) -> None:
        self.model.clear()
        for row in rows:
            if row.id == self.exclude:
                continue
            item = QStandardItem(row_text(row))
            item.setData(row.id, IdRole)
            item.setToolTip(plain_tip(row_text(row)))
            self.model.appendRow(item)
        self.note.setText(note)
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0, 0))

    def run_search(self) -> None:
        text = self.field.text().strip()
        if not text:
            self._fill(self.suggested, "Most like it, from other outlets:")
            return
        try:
            result = self.library.search(text, limit=SEARCH_LIMIT, snippets=False)
        except UserError as exc:
            self._fill([], str(exc))
            return
        rows = {r.id: r for r in self.library.rows([h.id for h in result.hits])}
        found = [rows[h.id] for h in result.hits if h.id in rows]
        shown = f"first {len(found)} of " if result.total > len(found) else ""
        self._fill(found, f"{shown}{result.total:,} articles match." if found
                   else "No article matches.")

    def accept(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.run_search()
        index: QModelIndex = self.list.currentIndex()
        if not index.isValid():
            return
        self.chosen = int(index.data(IdRole))
        super().accept()
