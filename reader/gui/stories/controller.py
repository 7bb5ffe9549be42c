"""Keeps the stories panel in step with the library and the search box; opens story views.

Grouping new articles, listing stories and linking a story's sentences run on the controller's
`Worker`s; corrections are written on the GUI thread (a few rows) and the list reloaded.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from reader.errors import UserError
from reader.gui.stories.model import StoriesModel
from reader.gui.stories.panel import StoriesPanel
from reader.gui.stories.view import StoryView, choose_articles
from reader.gui.worker import Worker
from reader.stories import StorySummary
from reader.story_facts import StoryFacts

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow

log = logging.getLogger(__name__)

FOLLOW_DELAY_MS = 350  # the search box: wait for a pause in typing


class StoriesController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.library = window.library
        self.model = StoriesModel(self)
        self.panel = StoriesPanel(self.model)
        self.query = ""
        self.list_worker = Worker("stories list", self)
        self.facts_worker = Worker("story facts", self)
        self.view: StoryView | None = None
        self._cancel = threading.Event()  # set when the window closes
        self._follow = QTimer(self, singleShot=True, interval=FOLLOW_DELAY_MS)
        self._follow.timeout.connect(self.refresh)
        p = self.panel
        p.storyOpened.connect(self.open_story)
        p.mergeRequested.connect(self.merge)
        p.splitRequested.connect(self.split)
        p.moveRequested.connect(self.move_current_article)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.shutdown()
        return False

    def follow_search(self, text: str) -> None:
        self.query = text
        self._follow.start()

    def refresh(self) -> None:
        """Place new articles, then list the stories matching the search box (off the GUI
        thread)."""
        query = self.query
        self.panel.status.setText("Grouping articles into stories…")

        def work(progress) -> list[StorySummary]:
            # A first grouping of a large library runs in a child process: the window
            # neither grows with it nor stutters (reader/analysis_process.py).
            self.library.update_stories_apart(cancel=self._cancel, progress=progress)
            return self.library.stories(query or None)

        self.list_worker.run(work, self._listed, self._failed, on_progress=self._progress)

    def _progress(self, done: int, total: int) -> None:
        self.panel.status.setText(f"Grouping articles into stories: {done:,} of {total:,}")

    def _listed(self, stories: list[StorySummary]) -> None:
        self.model.set_stories(stories)
        where = f" with an article matching “{self.query}”" if self.query.strip() else ""
        self.panel.status.setText(
            f"{len(stories):,} stories{where}, newest first: articles on one event, across "
            "outlets." if stories else f"No story of two or more articles{where} yet."
        )

    def _failed(self, exc: Exception) -> None:
        message = str(exc) if isinstance(exc, UserError) else "The stories could not be read."
        self.panel.status.setText(message)

    # -- the story view --------------------------------------------------------------------------

    def open_story(self, story_id: int) -> StoryView:
        view = self._ensure_view()
        story = self._story(story_id)
        view.show_loading(story.title if story else f"Story {story_id}")
        view.show()
        view.raise_()
        self.facts_worker.run(lambda: self.library.story_facts(story_id), self._facts_ready,
                              lambda exc: view.show_error(
                                  str(exc) if isinstance(exc, UserError)
                                  else "The story's facts could not be linked."))
        return view

    def _facts_ready(self, facts: StoryFacts) -> None:
        if self.view is not None:
            self.view.show_facts(facts)

    def _ensure_view(self) -> StoryView:
        if self.view is None:
            self.view = StoryView(self.window)
            self.view.cellChosen.connect(self.open_at)
            self.view.exportRequested.connect(self.export)
            self.view.compareRequested.connect(self.window.compareRequested)
        return self.view

    def open_at(self, article_id: int, start: int, end: int) -> None:
        """Open the article in the window at that sentence, selected."""
        if self.window.open_article(article_id) is None:
            return
        reading = self.window.reading
        reading.browser.setTextCursor(reading.cursor_for(start, end))
        reading.scroll_to(start, end)
        self.window.activateWindow()

    def export(self) -> None:
        facts = self.view.model.facts if self.view is not None else None
        if facts is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self.view, "Export story", str(Path.home() / f"story-{facts.story.id}.html"),
            "HTML files (*.html)")
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> Path | None:
        """Write the story on show as HTML; a failure is told in the view, never raised."""
        from reader.story_export import write_html

        facts = self.view.model.facts if self.view is not None else None
        if facts is None or self.view is None:
            return None
        try:
            return write_html(path, facts)
        except OSError as exc:
            self.view.show_error(f"Cannot write {path}: {exc.strerror or exc}.")
            return None

    # -- the user's corrections ------------------------------------------------------------------

    def merge(self, story_ids: list[int]) -> None:
        self._correct(lambda: self.library.merge_stories(story_ids))

    def _story(self, story_id: int) -> StorySummary | None:
        return next((s for s in self.model.stories if s.id == story_id), None)

    def split(self, story_id: int) -> None:
        story = self._story(story_id)
        if story is None:
            return
        rows = self.library.rows(story.articles)
        labels = [
            (r.id, f"{r.outlet or '(no outlet)'} · "
                   f"{r.published.iso() if r.published else 'undated'} · "
                   f"{r.title or '(untitled)'}")
            for r in rows
        ]
        chosen = choose_articles(self.panel, story.title, labels)
        if chosen:
            self._correct(lambda: self.library.split_story(story_id, chosen))

    def move_current_article(self, story_id: int) -> None:
        article = self.window.current_article
        if article is None:
            self.panel.status.setText("Open an article first, then move it into a story.")
            return
        self._correct(lambda: self.library.move_to_story([article.id], story_id))

    def _correct(self, change) -> None:
        try:
            change()
        except UserError as exc:
            QMessageBox.information(self.panel, "Stories", str(exc))
            return
        self.refresh()

    def shutdown(self) -> None:
        """The window closes: nothing computing reports back."""
        self._cancel.set()
        self._follow.stop()
        self.list_worker.stop()
        self.facts_worker.stop()
