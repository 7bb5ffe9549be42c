"""Highlights in the comparison window too: each pane draws its article's highlights, and
words selected in a pane are highlighted from its context menu (with or without a note).

The comparison shows each article's clean text as it is stored, so offsets are shared with
the reading view; a pane whose text differs (it never should) is left alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QContextMenuEvent

from reader.gui.notes.controller import NOTES_LAYER, NotesController, notes_layer
from reader.models import Article
from reader.notes import COLOURS

if TYPE_CHECKING:
    from reader.gui.compare.controller import ComparisonController
    from reader.gui.compare.pane import ComparePane


class ComparePaneNotes(QObject):
    def __init__(self, notes: NotesController, compare: ComparisonController) -> None:
        super().__init__(notes)
        self.notes, self.compare = notes, compare
        self._watched: set[int] = set()
        compare.comparisonShown.connect(lambda _comparison: self.redraw())
        notes.highlightsChanged.connect(lambda _article_id: self.redraw())

    def panes(self) -> list[tuple[ComparePane, Article]]:
        """Each pane on show with its article, when its text is the article's."""
        win, articles = self.compare.compare_window, self.compare.articles
        if win is None or articles is None or self.compare.comparison is None:
            return []
        found = []
        for pane, article in zip((win.view.pane_a, win.view.pane_b), articles, strict=True):
            if pane.text == article.body:
                found.append((pane, article))
        return found

    def redraw(self) -> None:
        for pane, article in self.panes():
            if id(pane) not in self._watched:
                self._watched.add(id(pane))
                pane.viewport().installEventFilter(self)
            layer = notes_layer(self.notes.library.highlights(article.id), pane.layer(NOTES_LAYER))
            pane.set_layer(layer)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QContextMenuEvent):
            return False
        for pane, article in self.panes():
            if watched is pane.viewport():
                self._menu(pane, article, event)
                return True
        return False

    def _menu(self, pane: ComparePane, article: Article, event: QContextMenuEvent) -> None:
        menu = pane.createStandardContextMenu(event.pos())
        span = pane.selected_body_span()
        menu.addSeparator()
        for colour in COLOURS:
            action = menu.addAction(f"Highlight in {colour}")
            action.setEnabled(span is not None)
            action.triggered.connect(
                lambda _c=False, colour=colour: self._highlight(pane, article, colour, False))
        action = menu.addAction("Highlight with a note…")
        action.setEnabled(span is not None)
        action.triggered.connect(lambda _c=False: self._highlight(pane, article, None, True))
        menu.exec(event.globalPos())
        menu.deleteLater()

    def _highlight(self, pane: ComparePane, article: Article, colour: str | None,
                   with_note: bool) -> None:
        span = pane.selected_body_span()
        if span is not None:
            self.notes.highlight_span(article, span, colour, with_note)
