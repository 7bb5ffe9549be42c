"""What the result list's context menu and shortcuts do to the chosen articles: tag and untag,
star, mark read or unread, put in a collection; and the tag facet beside the outlets.

Writes go through the shared Worker one after another (a later one never drops an earlier
one); the rows redraw from the store once each is done.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu, QToolButton

from reader.errors import UserError
from reader.gui.tags.model import TagFacetModel
from reader.gui.tags.panel import TagDialog, TagFacet
from reader.gui.worker import Worker
from reader.search_pages import SearchOutcome

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow

log = logging.getLogger(__name__)


class TagsController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.library = window.library
        self.worker = Worker("marks", self)
        self._writes: deque[tuple[Callable[[], Any], Callable[[Any], None]]] = deque()
        self.dialog: TagDialog | None = None

        view = window.results.view
        self.tag_action = self._action("&Tag…", self.ask_for_tags, "Ctrl+T",
                                       "Give the chosen articles one or more tags")
        self.untag_menu = QMenu("&Remove tag", window)
        self.untag_menu.setToolTipsVisible(True)
        self.untag_menu.aboutToShow.connect(self._fill_untag_menu)
        self.collect_menu = QMenu("Add to &collection", window)
        self.collect_menu.setToolTipsVisible(True)
        self.collect_menu.aboutToShow.connect(self._fill_collect_menu)
        self.uncollect_menu = QMenu("Take out of c&ollection", window)
        self.uncollect_menu.setToolTipsVisible(True)
        self.uncollect_menu.aboutToShow.connect(self._fill_uncollect_menu)
        self.star_action = self._action("&Star / unstar", self.toggle_star, "Ctrl+D",
                                        "Star the chosen articles (or unstar them if all are)")
        self.read_action = self._action("Mark &read / unread", self.toggle_read, "Ctrl+U",
                                        "Mark the chosen articles read (or unread if all are)")
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._context_menu)
        for action in (self.tag_action, self.star_action, self.read_action):
            view.addAction(action)  # the shortcuts work where the articles are
            window.reading.addAction(action)

        # The star beside the article's title bar: the article on show, one click.
        self.star_button = QToolButton(window.reading, objectName="starButton", text="☆")
        self.star_button.setCheckable(True)
        self.star_button.setAutoRaise(True)
        self.star_button.setToolTip("Star this article (Ctrl+D); find starred ones with "
                                    "is:starred")
        self.star_button.clicked.connect(self._star_clicked)
        window.add_to_reading_bar(self.star_button)
        window.articleOpened.connect(self._article_opened)

        self.facet_model = TagFacetModel(self)
        self.facet = TagFacet(self.facet_model, window.search_bar)
        window.search_bar.add_filter(self.facet)
        self.facet.activated.connect(self._facet_chosen)
        window.search.outcomeReady.connect(self._outcome)
        window.marksChanged.connect(self._marks_changed)

    def _action(self, text: str, slot: Callable[[], object], keys: str, tip: str) -> QAction:
        action = QAction(text, self.window)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"{tip} ({keys})")
        action.triggered.connect(lambda _checked=False: slot())
        return action

    # -- the chosen articles -----------------------------------------------------------------

    def chosen(self) -> list[int]:
        """The articles selected in the results; else the one on show."""
        ids = self.window.results.view.selected_article_ids()
        if not ids and self.window.current_article is not None:
            ids = [self.window.current_article.id]
        return ids

    def _context_menu(self, pos) -> None:
        view = self.window.results.view
        index = view.indexAt(pos)
        if index.isValid() and not view.selectionModel().isSelected(index):
            view.setCurrentIndex(index)
        menu = self.context_menu()
        menu.exec(view.viewport().mapToGlobal(pos))

    def context_menu(self) -> QMenu:
        menu = QMenu(self.window.results.view)
        menu.setToolTipsVisible(True)
        count = len(self.chosen())
        for action in (self.tag_action, self.star_action, self.read_action):
            action.setEnabled(count > 0)
        menu.addAction(self.tag_action)
        menu.addMenu(self.untag_menu)
        menu.addSeparator()
        menu.addMenu(self.collect_menu)
        menu.addMenu(self.uncollect_menu)
        menu.addSeparator()
        menu.addActions([self.star_action, self.read_action])
        return menu

    # -- writing, one after another ------------------------------------------------------------

    def _write(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self._writes.append((work, done))
        if len(self._writes) == 1:
            self._next_write()

    def _next_write(self) -> None:
        if not self._writes:
            return
        work, done = self._writes[0]

        def finished(result: Any) -> None:
            self._writes.popleft()
            try:
                done(result)
            finally:
                self._next_write()

        def failed(exc: Exception) -> None:
            self._writes.popleft()
            message = str(exc) if isinstance(exc, UserError) else (
                f"Could not save the change: {exc}")
            self.window.statusBar().showMessage(message, 8000)
            self._next_write()

        self.worker.run(work, finished, failed)

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 6000)

    # -- tags ----------------------------------------------------------------------------------

    def ask_for_tags(self, remove: bool = False) -> TagDialog | None:
        ids = self.chosen()
        if not ids:
            self._say("Choose articles in the results first.")
            return None
        tags = [name for name, _ in self.library.tags()]
        dialog = TagDialog(len(ids), tags, self.window, remove=remove)
        dialog.accepted.connect(lambda: self._tag(ids, dialog.names(), remove))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _tag(self, ids: list[int], names: list[str], remove: bool = False) -> None:
        library = self.library

        def work() -> int:
            change = library.untag_articles if remove else library.tag_articles
            return sum(change(ids, name) for name in names)

        def done(changed: int) -> None:
            listed = ", ".join(f"“{n}”" for n in names)
            articles = f"{len(ids):,} article{'' if len(ids) == 1 else 's'}"
            self._say(f"Took {listed} off {articles}." if remove
                      else f"Tagged {articles} {listed}.")
            self.window.marks_changed(ids)

        self._write(work, done)

    def tag(self, ids: list[int], names: list[str]) -> None:
        self._tag(ids, names)

    def untag(self, ids: list[int], names: list[str]) -> None:
        self._tag(ids, names, remove=True)

    def _fill_untag_menu(self) -> None:
        menu = self.untag_menu
        menu.clear()
        ids = self.chosen()
        names = sorted({t for tags in self.library.tags_of(ids).values() for t in tags},
                       key=str.casefold)
        for name in names:
            action = menu.addAction(_menu_text(name))
            action.setToolTip(f"Take “{name}” off the chosen articles")
            action.triggered.connect(lambda _c=False, n=name: self.untag(self.chosen(), [n]))
        if not names:
            menu.addAction("(the chosen articles have no tags)").setEnabled(False)

    # -- collections ---------------------------------------------------------------------------

    def _fill_collect_menu(self) -> None:
        menu = self.collect_menu
        menu.clear()
        for row in self.library.collections():
            if row.is_saved_search:
                continue
            action = menu.addAction(_menu_text(row.name))
            action.setToolTip(f"Put the chosen articles in “{row.name}” ({row.articles:,} now)")
            action.triggered.connect(lambda _c=False, r=row.id: self.collect(self.chosen(), r))
        if not menu.isEmpty():
            menu.addSeparator()
        new = menu.addAction("New collection…")
        new.setToolTip("Start a collection with the chosen articles")
        new.triggered.connect(lambda _c=False: self._new_collection())

    def _fill_uncollect_menu(self) -> None:
        menu = self.uncollect_menu
        menu.clear()
        rows = [r for r in self.library.collections() if not r.is_saved_search and r.articles]
        for row in rows:
            action = menu.addAction(_menu_text(row.name))
            action.setToolTip(f"Take the chosen articles out of “{row.name}” (they stay in "
                              "the library)")
            action.triggered.connect(lambda _c=False, r=row.id: self.uncollect(self.chosen(), r))
        if not rows:
            menu.addAction("(no collection has articles)").setEnabled(False)

    def _new_collection(self) -> None:
        name, ok = QInputDialog.getText(self.window, "New collection",
                                        "Name of the collection (one per project, say):")
        if not ok or not name.strip():
            return
        try:
            row = self.library.create_collection(name)
        except UserError as exc:
            self._say(str(exc))
            return
        self.collect(self.chosen(), row.id)

    def collect(self, ids: list[int], collection_id: int) -> None:
        library = self.library

        def done(added: int) -> None:
            name = library.collection(collection_id).name
            self._say(f"Added {added:,} article{'' if added == 1 else 's'} to “{name}”.")
            self.window.marks_changed(ids)

        self._write(lambda: library.add_to_collection(collection_id, ids), done)

    def uncollect(self, ids: list[int], collection_id: int) -> None:
        library = self.library

        def done(taken: int) -> None:
            name = library.collection(collection_id).name
            self._say(f"Took {taken:,} article{'' if taken == 1 else 's'} out of “{name}”.")
            self.window.marks_changed(ids)
            self.window.search.refresh()  # a collection: query shows one fewer

        self._write(lambda: library.remove_from_collection(collection_id, ids), done)

    # -- stars and read state ----------------------------------------------------------------

    def toggle_star(self) -> None:
        ids = self.chosen()
        if ids:
            marks = self.library.marks_of(ids)
            self.mark(ids, "unstarred" if all(s for _, s in marks.values()) else "starred")

    def toggle_read(self) -> None:
        ids = self.chosen()
        if ids:
            marks = self.library.marks_of(ids)
            self.mark(ids, "unread" if all(r for r, _ in marks.values()) else "read")

    def mark(self, ids: list[int], state: str) -> None:
        library = self.library

        def done(_result: object) -> None:
            self._say(f"Marked {len(ids):,} article{'' if len(ids) == 1 else 's'} {state}.")
            self.window.marks_changed(ids)

        self._write(lambda: library.mark(ids, state), done)

    def _star_clicked(self, on: bool) -> None:
        article = self.window.current_article
        if article is not None:
            self.mark([article.id], "starred" if on else "unstarred")

    def _article_opened(self, article: object) -> None:
        self._show_star()

    def _show_star(self) -> None:
        article = self.window.current_article
        self.star_button.setEnabled(article is not None)
        starred = article is not None and self.library.marks_of([article.id])[article.id][1]
        self.star_button.setChecked(starred)
        self.star_button.setText("★" if starred else "☆")

    def _marks_changed(self, ids: list[int]) -> None:
        article = self.window.current_article
        if article is not None and article.id in ids:
            self._show_star()
        self._recount()

    # -- the tag facet -------------------------------------------------------------------------

    def _outcome(self, outcome: SearchOutcome) -> None:
        self.facet_model.set_counts(outcome.tag_counts, outcome.request.tag)
        self.facet.setCurrentIndex(self.facet_model.row_of(outcome.request.tag))
        self.facet.setEnabled(bool(outcome.tag_counts) or outcome.request.tag is not None)

    def _recount(self) -> None:
        """Tags changed: count the results' tags again (the results themselves stay, with
        what is selected)."""
        outcome = self.window.model.outcome
        chosen = outcome.request.tag
        outcome.tag_counts = self.library.tag_facet(outcome.ids)
        self.facet_model.set_counts(outcome.tag_counts, chosen)
        self.facet.setCurrentIndex(self.facet_model.row_of(chosen))
        self.facet.setEnabled(bool(outcome.tag_counts) or chosen is not None)

    def _facet_chosen(self, _row: int) -> None:
        self.window.search.update(tag=self.facet.chosen())


def _menu_text(name: str) -> str:
    """A user's name as a menu item: "&" is a letter, not a keyboard accelerator."""
    return name.replace("&", "&&")
