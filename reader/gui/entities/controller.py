"""Keeps the entity panel, the reading view's highlights and the search in step with the store.

It follows the article on show, applies the user's corrections (the store is the truth; the
index catches up on a worker thread) and reacts to background analysis.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from reader.errors import UserError
from reader.gui.analysis import AnalysisController, progress_text
from reader.gui.entities.actions import ask_delete, ask_rename, entity_menu
from reader.gui.entities.article_model import ArticleEntitiesModel
from reader.gui.entities.groups import GROUPS
from reader.gui.entities.layer import ENTITY_LAYER, entity_layer, flash_mention
from reader.gui.entities.library_model import LibraryEntitiesModel
from reader.gui.entities.panel import LIBRARY, EntityPanel
from reader.gui.theme import current_theme
from reader.gui.worker import Worker
from reader.language import is_analysed, not_analysed_message
from reader.models import Article, StoredMention

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow

log = logging.getLogger(__name__)

HIDDEN_TYPES_KEY = "entities/hidden_types"
# Seconds between library-mode recounts while analysis runs. Each recount groups every mention
# in the library (hundreds of ms on 58k articles), so it runs on a worker thread, and only while
# the library list is on screen; a hidden list is recounted when it is shown again.
LIBRARY_REFRESH = 10.0


class EntityController(QObject):
    corrected = Signal()  # a correction was written to the store (views already refreshed)
    indexCaughtUp = Signal()  # ... and the search index follows it now

    def __init__(self, window: MainWindow, analysis: AnalysisController) -> None:
        super().__init__(window)
        self.window = window
        self.library = window.library
        self.reading = window.reading
        self.analysis = analysis
        self.article_model = ArticleEntitiesModel(self)
        self.library_model = LibraryEntitiesModel(self.library, self)
        self.panel = EntityPanel(self.article_model, self.library_model)
        self.hidden: set[str] = self._load_hidden()
        self.panel.legend.set_hidden(self.hidden)
        self._library_stale = True
        self._last_library_refresh = 0.0
        self._last_jump: tuple[int, int, float] = (-1, -1, 0.0)
        self.index_worker = Worker("index catch-up after an entity correction", self)
        self.count_worker = Worker("entity counts during analysis", self)
        self.recounts = 0  # library recounts started during analysis (tests read it)
        self._connect()

    def _connect(self) -> None:
        p = self.panel
        p.legend.typeToggled.connect(self.set_type_visible)
        p.modeChanged.connect(lambda _mode: self._update())
        p.groupChosen.connect(self._group_chosen)
        p.entityClicked.connect(self.list_articles)
        p.mentionChosen.connect(self.jump_to)
        p.menuRequested.connect(self._menu)
        p.analyseRequested.connect(self.analysis.start)
        self.reading.articleShown.connect(self.show_article)
        self.analysis.started.connect(lambda _total: self._update_status())
        self.analysis.progressed.connect(self._analysis_progressed)
        self.analysis.finished.connect(self._analysis_finished)
        for key, ask in (("F2", ask_rename), ("Del", None)):
            action = QAction(p)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _on=False, ask=ask: self._key_correction(ask))
            p.addAction(action)

    def _key_correction(self, ask: Callable[..., None]) -> None:
        """F2 renames the selected entity, Delete deletes the selected ones (after asking)."""
        refs = self.panel.selected_entities()
        if ask is not None and len(refs) == 1:
            ask(self, refs[0], self.panel)
        elif ask is None and refs:
            ask_delete(self, refs, self.panel)

    # -- following the article -----------------------------------------------------------------

    def show_article(self, article: Article | None) -> None:
        view, model = self.panel.article_view, self.article_model
        same = article is not None and model.article_id == article.id
        # The same article read again (a correction, new results): keep what the user opened.
        expanded = self._expanded_entities() if same else set()
        scroll = view.verticalScrollBar().value() if same else 0
        mentions = self.library.article_mentions(article.id) if article else []
        model.set_mentions(article.id if article else None,
                           article.body if article else "", mentions)
        view.expandToDepth(0)
        for entity_id in expanded:
            index = model.entity_index(entity_id)
            if index.isValid():
                view.expand(index)
        view.verticalScrollBar().setValue(scroll)
        self._set_layer(mentions)
        self._update_status()

    def _expanded_entities(self) -> set[int]:
        view, model = self.panel.article_view, self.article_model
        found = set()
        for g in range(model.rowCount()):
            group_index = model.index(g, 0)
            for e in range(model.rowCount(group_index)):
                index = model.index(e, 0, group_index)
                if view.isExpanded(index):
                    found.add(int(index.data(ArticleEntitiesModel.EntityIdRole)))
        return found

    def _set_layer(self, mentions: list[StoredMention]) -> None:
        old = self.reading.layer(ENTITY_LAYER)
        if not mentions and (old is None or not old.spans):
            return  # nothing to draw, nothing to clear: spare a re-render
        self.reading.set_layer(entity_layer(mentions, current_theme(), self.hidden,
                                            visible=old.visible if old else True))

    def refresh(self) -> None:
        """Read everything shown again from the store (after analysis or a correction)."""
        self.show_article(self.reading.article)
        self._library_stale = False
        self._reload_library()
        self._update_status()

    def _reload_library(self) -> None:
        self.count_worker.forget()  # a recount in flight read the counts as they were
        bar = self.panel.library_view.verticalScrollBar()
        scroll = bar.value()
        self._last_library_refresh = time.monotonic()
        self.library_model.reload()
        bar.setValue(scroll)

    # -- panel state ---------------------------------------------------------------------------

    def _update(self) -> None:
        if self.panel.mode == LIBRARY and self._library_stale:
            self._library_stale = False
            self._reload_library()
        self._update_status()

    def _update_status(self) -> None:
        p, a = self.panel, self.analysis
        finding = progress_text(a.done, a.total, "Finding names…") if a.running else ""
        if p.mode == LIBRARY:
            if self.library_model.rowCount() == 0:
                p.set_status(finding or "No names found in the library yet.",
                             offer_analysis=not a.running and a.total == 0 and self._pending(),
                             alone=True)
            else:
                p.set_status(f"Still {finding[0].lower()}{finding[1:]}; counts will grow."
                             if finding else "Named in the most articles first.")
            return
        article = self.reading.article
        if article is None:
            p.set_status("Open an article to see the people, places and organisations "
                         "it names.", alone=True)
        elif not is_analysed(article.lang):
            p.set_status(not_analysed_message(article.lang), alone=True)
        elif not a.is_analysed(article.id):
            p.set_status(finding or "Names in this article have not been looked for yet.",
                         offer_analysis=not a.running, alone=True)
        elif self.article_model.entity_count() == 0:
            p.set_status("No names found in this article.", alone=True)
        else:
            p.set_status("Click a name for every article naming it; "
                         "a mention to find it in the text.")

    def _pending(self) -> bool:

        return self.library.pending_analysis() > 0

    def _group_chosen(self, key: str | None) -> None:
        self.count_worker.forget()  # a recount in flight is for the group as it was
        self.library_model.set_group(key)
        self._update_status()

    # -- highlights ----------------------------------------------------------------------------

    def set_type_visible(self, key: str, visible: bool) -> None:
        if visible:
            self.hidden.discard(key)
        else:
            self.hidden.add(key)
        self.panel.legend.set_hidden(self.hidden)
        self.window.settings.qsettings.setValue(HIDDEN_TYPES_KEY, ",".join(sorted(self.hidden)))
        layer = self.reading.layer(ENTITY_LAYER)
        if layer is not None:
            self.reading.set_layer(entity_layer(
                self.library.article_mentions(self.reading.article.id)
                if self.reading.article else [],
                current_theme(), self.hidden, visible=layer.visible))

    def _load_hidden(self) -> set[str]:
        value = self.window.settings.qsettings.value(HIDDEN_TYPES_KEY, "")
        keys = {g.key for g in GROUPS}
        return {k for k in str(value or "").split(",") if k in keys}

    def restyle(self) -> None:
        """The palette changed: recolour the highlights, swatches and legend."""
        self.panel.refresh_theme()
        self.article_model.refresh_theme()
        self.library_model.reload()
        self.show_article(self.reading.article)

    # -- going places --------------------------------------------------------------------------

    def list_articles(self, entity_id: int) -> None:
        """Put `entity:"name"` in the search field: the results list every article naming it."""
        name = self.library.entity(entity_id).name
        query = 'entity:"{}"'.format(" ".join(name.replace('"', " ").replace(",", " ").split())
                                     .lower())
        bar = self.window.search_bar
        if bar.text() != query:
            bar.field.setText(query)
        self.window.search.search_now()
        results = self.window.panels.get("results")
        if results is not None:
            results.show()
            results.raise_()

    def jump_to(self, start: int, end: int) -> None:
        """Scroll the text to a mention, select it and flash it so the eye finds it."""
        now = time.monotonic()
        if (start, end) == self._last_jump[:2] and now - self._last_jump[2] < 0.4:
            return  # one click reports both "current changed" and "clicked"
        self._last_jump = (start, end, now)
        flash_mention(self.reading, start, end)

    # -- corrections ---------------------------------------------------------------------------

    def rename(self, entity_id: int, name: str) -> bool:
        return self._correct(lambda: self.library.rename_entity(entity_id, name))

    def relabel(self, entity_ids: list[int], label: str) -> bool:
        def change() -> None:
            for entity_id in entity_ids:
                self.library.relabel_entity(entity_id, label)

        return self._correct(change)

    def merge(self, entity_ids: list[int], target_id: int) -> bool:
        return self._correct(lambda: self.library.merge_entities(entity_ids, target_id))

    def delete(self, entity_ids: list[int]) -> bool:
        def change() -> None:
            for entity_id in entity_ids:
                self.library.delete_entity(entity_id)

        return self._correct(change)

    def _correct(self, change: Callable[[], None]) -> bool:
        try:
            change()
        except UserError as exc:
            QMessageBox.warning(self.window, "Entities", str(exc))
            return False
        self.refresh()
        self.corrected.emit()
        self.index_worker.run(self.library.catch_up_index, self._index_done, self._index_failed)
        return True

    def _index_failed(self, exc: Exception) -> None:
        self.window.statusBar().showMessage(f"The search index could not follow: {exc}", 8000)
        self._index_done()

    def _index_done(self, _written: object = None) -> None:
        self.window.search.refresh()
        self.indexCaughtUp.emit()

    def _menu(self, refs: list, pos: QPoint) -> None:
        self._menu_ref = entity_menu(self, refs, self.panel)
        self._menu_ref.popup(pos)

    # -- analysis ------------------------------------------------------------------------------

    def _analysis_progressed(self, _done: int, _total: int) -> None:
        """A batch was saved: the article on show if its names just arrived; the library list
        now and then, counted off the GUI thread, and only when someone can see it."""
        article = self.reading.article
        waiting = article is not None and self.article_model.entity_count() == 0
        if waiting and self.analysis.is_analysed(article.id):  # type: ignore[union-attr]
            self.show_article(article)  # its names just arrived
        self._library_stale = True
        due = time.monotonic() - self._last_library_refresh >= LIBRARY_REFRESH
        if due and self._library_on_screen() and not self.count_worker.busy:
            self._recount_in_background()
        self._update_status()

    def _library_on_screen(self) -> bool:
        # The panel, not the list: an empty list hides behind "No names found… yet".
        return self.panel.mode == LIBRARY and self.panel.isVisible()

    def panel_visibility(self, visible: bool) -> None:
        """The panel's dock was shown: counts that went stale out of sight are read now."""
        if visible and self._library_stale and self.panel.mode == LIBRARY:
            self._recount_in_background()

    def _recount_in_background(self) -> None:
        model = self.library_model
        limit = model.reload_limit()
        self._library_stale = False
        self._last_library_refresh = time.monotonic()
        self.recounts += 1
        self.count_worker.run(lambda: model.query(limit),
                              lambda rows: self._show_counts(rows, limit),
                              self._counts_failed)

    def _show_counts(self, rows: list, limit: int) -> None:
        bar = self.panel.library_view.verticalScrollBar()
        scroll = bar.value()
        self.library_model.set_rows(rows, limit)
        bar.setValue(scroll)
        self._update_status()

    def _counts_failed(self, _exc: Exception) -> None:
        self._library_stale = True  # logged by the worker; tried again at the next batch

    def _analysis_finished(self, _done: int, _cancelled: bool) -> None:
        self.show_article(self.reading.article)
        self._library_stale = True  # counted when the library list is next shown
        if self._library_on_screen():
            self.count_worker.forget()  # this recount supersedes one in flight
            self._recount_in_background()
        self.window.search.refresh()

    # -- shutting down -------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Stop analysis before the window (and then the library) closes; what was found is
        kept. The model processes finish the chunk in hand first, which can take seconds."""
        if self.analysis.running:
            self.window.hide()  # gone for the user at once, while the workers wind down
        self.analysis.stop()
        self.index_worker.wait()
        self.count_worker.wait()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window:
            if event.type() == QEvent.Type.Close:
                self.shutdown()
            elif event.type() == QEvent.Type.PaletteChange:
                QTimer.singleShot(0, self.restyle)
        return False
