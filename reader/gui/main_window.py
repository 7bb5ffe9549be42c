"""The main window: search bar on top, results in a dock, the article in the middle.

It wires the parts together and owns the dock layout; each part lives in its own module.
Later panels (entities, chronology, comparison) come in through `add_panel`.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QToolBar,
    QWidget,
)

from reader.errors import NotFound
from reader.gui import dialogs
from reader.gui.edit_dialog import EditDialog
from reader.gui.import_controller import ImportController
from reader.gui.lifecycle import ChangeWatch
from reader.gui.menus import WindowActions
from reader.gui.panels import attach_panels
from reader.gui.reading_view import ReadingView
from reader.gui.results_model import ResultsModel
from reader.gui.results_panel import ResultsPanel
from reader.gui.search_bar import SearchBar
from reader.gui.search_controller import SearchController
from reader.gui.search_service import SearchOutcome, SearchRequest
from reader.gui.settings import Settings
from reader.gui.theme import current_theme, style_sheet
from reader.library import Library
from reader.models import Article

log = logging.getLogger(__name__)

REFRESH_DURING_IMPORT = 3.0  # seconds: show newly imported articles while an import runs


class MainWindow(QMainWindow):
    articleOpened = Signal(object)  # Article | None: panels follow the article on show

    def __init__(self, library: Library, settings: Settings, *, restore: bool = True,
                 with_panels: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.settings = settings
        self.setWindowTitle(f"Reader — {library.folder.name}")
        self.setAcceptDrops(True)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks
                            | QMainWindow.DockOption.AllowTabbedDocks)

        self.model = ResultsModel(library, self)
        self.search = SearchController(library, self.model, self)
        self.search_bar = SearchBar(self)
        toolbar = QToolBar("Search", self, objectName="searchToolbar", movable=False)
        toolbar.addWidget(self.search_bar)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.results = ResultsPanel(self.model, self)
        self.reading = ReadingView(self)
        self.setCentralWidget(self.reading)
        self.imports = ImportController(library, self.statusBar(), self)
        self.actions_ = WindowActions(self)
        self.actions_.add_panel_toggle(toolbar.toggleViewAction())
        self.panels: dict[str, QDockWidget] = {}
        self.add_panel("results", "Results", self.results, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.resizeDocks([self.panels["results"]], [400], Qt.Orientation.Horizontal)
        self._default_state = self.saveState()

        self.reading.set_font_size(settings.font_size)
        self.reading.set_show_removed(settings.show_removed)
        self.search_bar.sort.setCurrentIndex(max(0, self.search_bar.sort.findData(settings.sort)))
        self.search.request = SearchRequest(sort=self.search_bar.sort_order())
        self._state_restored = False
        self._proportioned = False
        if restore:
            self.resize(1200, 780)
            if settings.geometry is not None:
                self.restoreGeometry(settings.geometry)
            if settings.window_state is not None:
                self._state_restored = self.restoreState(settings.window_state)
        self._last_refresh = 0.0
        self._opened_once = False
        self._last_request: SearchRequest | None = None
        self._connect()
        self.search.search_now()
        # Entity, chronology and comparison panels; they restore their own saved positions.
        self.extensions = attach_panels(self) if with_panels else {}

    def _connect(self) -> None:
        bar, view = self.search_bar, self.results.view
        bar.textChanged.connect(self.search.set_text)
        bar.filtersChanged.connect(self._filters_changed)
        bar.navigate.connect(self._navigate)
        bar.accepted.connect(self._open_current)
        self.search.outcomeReady.connect(self._show_outcome)
        self.search.suggestionReady.connect(self.results.show_suggestion)
        self.search.failed.connect(lambda msg: self.statusBar().showMessage(msg, 8000))
        self.results.suggestionClicked.connect(self._take_suggestion)
        view.selectionModel().currentRowChanged.connect(self._current_changed)
        view.openRequested.connect(lambda article_id: self.open_article(article_id, focus=True))
        self.reading.articleShown.connect(
            lambda article: self.actions_.edit.setEnabled(article is not None)
        )
        self.imports.finished.connect(lambda _report: self.search.refresh(reopen_index=True))
        self.imports.progressed.connect(self._import_progressed)
        # Articles imported by another process (a `reader import` in a terminal) show up too.
        self.change_watch = ChangeWatch(self.search.library, self)
        self.change_watch.changed.connect(self._changed_elsewhere)

    # -- panels ------------------------------------------------------------------------------

    def add_panel(self, name: str, title: str, widget: QWidget,
                  area: Qt.DockWidgetArea) -> QDockWidget:
        """Dock `widget` as a panel the user can move, hide and restore (View > Panels)."""
        dock = QDockWidget(title, self, objectName=f"{name}Dock")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.actions_.add_panel_toggle(dock.toggleViewAction())
        self.panels[name] = dock
        return dock

    def reset_layout(self) -> None:
        self.restoreState(self._default_state)
        for dock in self.panels.values():
            dock.show()
        self._default_proportions()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._state_restored and not self._proportioned:
            self._proportioned = True
            QTimer.singleShot(0, self._default_proportions)

    def _default_proportions(self) -> None:
        """First start (no saved layout): the article keeps most of the window; side panels
        take about a quarter of the width, bottom panels under a third of the height."""
        width, height = self.width(), self.height()
        for area, orientation, share in (
            (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.Orientation.Horizontal, 0.27),
            (Qt.DockWidgetArea.RightDockWidgetArea, Qt.Orientation.Horizontal, 0.24),
            (Qt.DockWidgetArea.BottomDockWidgetArea, Qt.Orientation.Vertical, 0.30),
        ):
            docks = [d for d in self.panels.values()
                     if self.dockWidgetArea(d) == area and d.isVisible() and not d.isFloating()]
            size = width if orientation == Qt.Orientation.Horizontal else height
            if docks:
                self.resizeDocks(docks, [round(size * share)] * len(docks), orientation)

    # -- searching ---------------------------------------------------------------------------

    def run_query(self, text: str) -> None:
        """Search for `text` at once, as if typed (panels use it: `entity:"..."`)."""
        self.search_bar.field.setText(text)
        self.search.search_now()
        self.panels["results"].show()

    def focus_search(self) -> None:
        self.search_bar.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_bar.field.selectAll()

    def clear_search(self) -> None:
        self.search_bar.clear()
        self.focus_search()

    def _filters_changed(self) -> None:
        since, until = self.search_bar.date_range()
        self.settings.sort = self.search_bar.sort_order()
        self.search.update(outlet=self.search_bar.selected_outlet(), since=since, until=until,
                           sort=self.search_bar.sort_order())

    def _take_suggestion(self, text: str) -> None:
        self.run_query(text)

    def _show_outcome(self, outcome: SearchOutcome) -> None:
        self.results.show_outcome(outcome)
        self.search_bar.set_outlet_counts(outcome.outlet_counts, outcome.total)
        article = self.reading.article
        # A new query puts the top hit under the cursor (Enter opens it); a refresh after an
        # import or edit keeps the article on show selected. Neither replaces what is read.
        fresh = outcome.request != self._last_request
        self._last_request = outcome.request
        row = self.model.row_of(article.id) if (article and not fresh) else None
        if row is None and fresh and self.model.rowCount():
            row = 0
        if row is not None:
            view = self.results.view
            view.selectionModel().blockSignals(True)
            view.setCurrentIndex(self.model.index(row, 0))
            view.selectionModel().blockSignals(False)
            view.scrollTo(self.model.index(row, 0))
        self.reading.set_finder(self.model.finder)
        if article is None and self.model.rowCount() and not self._opened_once:
            # First results after start-up: show the newest article rather than a blank page.
            self._opened_once = True
            self.open_article(self.model.article_id(0))

    def _navigate(self, event: QKeyEvent) -> None:
        view = self.results.view
        if self.model.rowCount() == 0:
            return
        step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 10,
                Qt.Key.Key_PageUp: -10}.get(Qt.Key(event.key()), 0)
        row = view.currentIndex().row() if view.currentIndex().isValid() else -1
        shown = self.reading.article.id if self.reading.article else None
        if step > 0 and row >= 0 and view.current_article_id() != shown:
            step = 0  # the top hit is marked but not open yet: the first Down opens it
        row = max(0, min(self.model.rowCount() - 1, row + step))
        if row == view.currentIndex().row():
            self._current_changed(view.currentIndex(), view.currentIndex())
        else:
            view.setCurrentIndex(self.model.index(row, 0))

    def _open_current(self) -> None:
        view = self.results.view
        if not view.currentIndex().isValid() and self.model.rowCount():
            view.setCurrentIndex(self.model.index(0, 0))
        article_id = view.current_article_id()
        if article_id is None:
            return
        if article_id is not None:
            self.open_article(article_id, focus=True)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        article_id = current.data(ResultsModel.IdRole) if current.isValid() else None
        if article_id is not None:
            self.open_article(int(article_id))

    # -- reading -----------------------------------------------------------------------------

    def open_article(self, article_id: int, focus: bool = False) -> Article | None:
        try:
            article = self.library.get(article_id)
        except NotFound as exc:
            self.statusBar().showMessage(str(exc), 5000)
            self.search.refresh()
            return None
        if self.reading.article is None or self.reading.article.id != article_id:
            self.reading.show_article(article, self.model.finder)
            self.articleOpened.emit(article)
        if focus:
            self.reading.browser.setFocus(Qt.FocusReason.OtherFocusReason)
        return article

    def zoom(self, steps: int) -> None:
        self.reading.set_font_size(self.reading.font_size + steps if steps else 12.0)
        self.settings.font_size = self.reading.font_size

    def edit_article(self) -> EditDialog | None:
        article = self.reading.article
        if article is None:
            return None
        dialog = EditDialog(self.library, article, self)
        dialog.accepted.connect(lambda: self._article_edited(dialog))
        dialog.open()
        return dialog

    def _article_edited(self, dialog: EditDialog) -> None:
        saved = dialog.saved
        if saved is None:
            return
        self.model.forget(saved.id)
        self.reading.show_article(saved, self.model.finder)
        self.articleOpened.emit(saved)
        self.statusBar().showMessage(
            "Article details saved; search finds them once the import has finished."
            if dialog.index_pending else "Article details saved.", 6000)
        self.search.refresh()

    # -- importing ---------------------------------------------------------------------------

    def import_paths(self, paths: list[Path]) -> bool:
        return self.imports.start(paths)

    def choose_files_to_import(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, "Import files", str(Path.home()),
            "Articles (*.txt *.html *.htm *.json *.jsonl *.gz);;All files (*)",
        )
        if files:
            self.import_paths([Path(f) for f in files])

    def choose_folder_to_import(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import a folder", str(Path.home()))
        if folder:
            self.import_paths([Path(folder)])

    def _import_progressed(self, state: object) -> None:
        now = time.monotonic()
        if now - self._last_refresh >= REFRESH_DURING_IMPORT and not self.search.busy:
            self._last_refresh = now
            self.search.refresh(reopen_index=True)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and all(u.isLocalFile() for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # -- help, theme, closing ----------------------------------------------------------------

    def show_query_help(self) -> None:
        self._help = dialogs.QuerySyntaxDialog(self)
        self._help.show()

    def show_about(self) -> None:
        dialogs.show_about(self)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            QTimer.singleShot(0, self.restyle)
        super().changeEvent(event)

    def restyle(self) -> None:
        """The palette changed (system light/dark switch): recolour everything we paint."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            sheet = style_sheet(current_theme())
            if app.styleSheet() != sheet:
                app.setStyleSheet(sheet)
        self.reading.refresh_theme()
        self.results.view.viewport().update()

    def _changed_elsewhere(self) -> None:
        if not self.search.busy:
            self.search.refresh(reopen_index=True)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.imports.show_summary = False
        self.imports.cancel()
        self.imports.wait()
        self.search.shutdown()
        self.settings.geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.show_removed = self.reading.show_removed
        self.settings.sync()
        super().closeEvent(event)
