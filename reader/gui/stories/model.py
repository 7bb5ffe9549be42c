"""The stories panel's list and the story view's grid of facts, as table models.

`StoriesModel` holds story summaries (newest first, as `Library.stories` gives them);
`FactsModel` holds one story's facts: a row per fact, a column per article (its outlet), each
cell that article's sentence or empty where it does not report the fact.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from reader.compare import KIND_LABELS
from reader.gui.table_model import FlatTableModel
from reader.gui.theme import current_theme
from reader.models import ArticleRow
from reader.stories import StorySummary
from reader.story_facts import StoryFacts

_Index = QModelIndex | QPersistentModelIndex


def date_span(story: StorySummary) -> str:
    if story.first is None:
        return "undated"
    if story.last is None or story.last == story.first:
        return story.first.iso()
    return f"{story.first.iso()} – {story.last.iso()}"


class StoriesModel(FlatTableModel):
    StoryIdRole = Qt.ItemDataRole.UserRole + 1
    StoryRole = Qt.ItemDataRole.UserRole + 2  # the StorySummary (the panel's delegate draws it)
    HEADERS = ("Story", "Dates", "Articles", "Outlets")
    HEADER_TIPS = (
        "Titled by its earliest article", "First and last publication day",
        "How many articles report it", "Which outlets report it",
    )
    TITLE, DATES, ARTICLES, OUTLETS = range(4)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.stories: list[StorySummary] = []

    def set_stories(self, stories: list[StorySummary]) -> None:
        self.beginResetModel()
        self.stories = list(stories)
        self.endResetModel()

    def row_count(self) -> int:
        return len(self.stories)

    def story_at(self, row: int) -> StorySummary | None:
        return self.stories[row] if 0 <= row < len(self.stories) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        story = self.story_at(index.row()) if index.isValid() else None
        if story is None:
            return None
        column = index.column()
        if role == self.StoryIdRole:
            return story.id
        if role == self.StoryRole:
            return story
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TITLE:
                return story.title
            if column == self.DATES:
                return date_span(story)
            if column == self.ARTICLES:
                return str(len(story.articles))
            return ", ".join(story.outlets)
        if role == Qt.ItemDataRole.ToolTipRole:
            outlets = ", ".join(story.outlets) or "no outlet recorded"
            return f"{story.title}\n{date_span(story)} · {outlets}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.ARTICLES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class StoryColumns(FlatTableModel):
    """A story as a table: a first column of the model's own, then a column per article."""

    FIRST = ""  # the first column's header
    HEADERS_WHEN_EMPTY: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.facts: StoryFacts | None = None

    def set_facts(self, facts: StoryFacts | None) -> None:
        self.beginResetModel()
        self.facts = facts
        self.HEADERS = self.HEADERS_WHEN_EMPTY if facts is None else (
            self.FIRST, *(self.column_title(r) for r in facts.articles))
        self.endResetModel()

    @staticmethod
    def column_title(row: ArticleRow) -> str:
        return row.outlet or "(no outlet)"


class FactsModel(StoryColumns):
    """Rows: facts, most outlets first. Columns: "Outlets", then one per article."""

    FIRST = "Outlets"
    SpanRole = Qt.ItemDataRole.UserRole + 1  # (article id, start, end) of a cell, or None

    @staticmethod
    def column_title(row: ArticleRow) -> str:
        day = row.published.iso() if row.published else "undated"
        return f"{row.outlet or '(no outlet)'} · {day}"

    def row_count(self) -> int:
        return len(self.facts.facts) if self.facts else 0

    def article_at(self, column: int) -> int | None:
        if self.facts is None or not 1 <= column <= len(self.facts.articles):
            return None
        return self.facts.articles[column - 1].id

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.facts is None:
            return None
        fact = self.facts.facts[index.row()]
        if index.column() == 0:
            alone = fact.outlets == 1
            if role == Qt.ItemDataRole.DisplayRole:
                # The weakest link's kind (story_facts): how far the row is one fact.
                return "only here" if alone else f"{fact.outlets} outlets\n{fact.kind}"
            if role == Qt.ItemDataRole.ToolTipRole:
                return (
                    "Only one outlet reports this" if alone
                    else KIND_LABELS.get(fact.kind or "", fact.kind or "")
                )
            if role == Qt.ItemDataRole.ForegroundRole and alone:
                return QBrush(current_theme().error)
            if role == Qt.ItemDataRole.FontRole and not alone:
                font = QFont()
                font.setBold(True)
                return font
            return None
        article_id = self.article_at(index.column())
        span = fact.sentences.get(article_id) if article_id is not None else None
        if role == self.SpanRole:
            return (article_id, *span) if span else None
        if span is None or article_id is None:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(current_theme().window)
            return None
        text = " ".join(self.facts.texts[article_id][span[0]:span[1]].split())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return text
        return None


class NamesModel(StoryColumns):
    """Which outlet names whom: a row per entity (most articles first), a column per article,
    a dot where the article names it."""

    FIRST = "Name"
    HEADERS_WHEN_EMPTY = ("Name",)

    def row_count(self) -> int:
        return len(self.facts.entities) if self.facts else 0

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.facts is None:
            return None
        entity = self.facts.entities[index.row()]
        if index.column() == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return entity.name
            if role == Qt.ItemDataRole.ToolTipRole:
                return (f"{entity.name} ({entity.label}): named by {len(entity.articles)} of "
                        f"{len(self.facts.articles)} articles")
            return None
        article = self.facts.articles[index.column() - 1]
        named = article.id in entity.articles
        if role == Qt.ItemDataRole.DisplayRole:
            return "●" if named else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole and not named:
            return QBrush(current_theme().window)
        if role == Qt.ItemDataRole.ToolTipRole:
            verb = "names" if named else "does not name"
            return f"{article.outlet or 'This article'} {verb} {entity.name}"
        return None


class DatesModel(StoryColumns):
    """The story on the calendar: a row per date (in order), a column per article with the
    sentence giving that date, or "published" for the article's own date."""

    FIRST = "Date"
    HEADERS_WHEN_EMPTY = ("Date",)
    SpanRole = Qt.ItemDataRole.UserRole + 1  # (article id, start, end) of a date in the text

    def row_count(self) -> int:
        return len(self.facts.dates) if self.facts else 0

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.facts is None:
            return None
        date = self.facts.dates[index.row()]
        if index.column() == 0:
            return date.label if role == Qt.ItemDataRole.DisplayRole else None
        article_id = self.facts.articles[index.column() - 1].id
        place = date.places.get(article_id)
        if place is None:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(current_theme().window)
            return None
        start, end, sentence = place
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return " ".join(sentence.split()) if sentence else "published"
        if role == self.SpanRole:
            return (article_id, start, end) if end > start else None
        if role == Qt.ItemDataRole.ForegroundRole and not sentence:
            return QBrush(current_theme().muted)
        return None
