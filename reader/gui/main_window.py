"""The main window: search bar on top, results in a dock, the article in the middle.

It wires the parts together and owns the dock layout; each part lives in its own module.
Feature panels (entities, chronology, comparison) attach through a small contract and never
search the window: `add_panel` (docked, where the user left it), `add_to_reading_bar`,
`add_file_actions`, `add_reading_menu_actions`, `highlights_menu`, `use_analysis`/`analysis`,
`current_article`, `entityChosen` and `compareRequested`.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeyEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QMenu,
    QToolBar,
    QWidget,
)

from reader.errors import NotFound
from reader.gui import dialogs
from reader.gui.analysis import GUI_PROCESSES, AnalysisController
from reader.gui.deleting import ArticleRemoval
from reader.gui.edit_dialog import EditDialog
from reader.gui.importing.controller import ImportController
from reader.gui.importing.web_dialog import WebDialog, addresses
from reader.gui.lifecycle import ChangeWatch
from reader.gui.menus import WindowActions
from reader.gui.panels import attach_panels
from reader.gui.preferences import PreferencesDialog
from reader.gui.reading_view import ReadingView
from reader.gui.search.bar import SearchBar
from reader.gui.search.controller import SearchController
from reader.gui.search.model import ResultsModel
from reader.gui.search.panel import ResultsPanel
from reader.gui.settings import Settings
from reader.gui.theme import current_theme, style_sheet
from reader.library import Library
from reader.models import Article
from reader.search_pages import SearchOutcome, SearchRequest

log = logging.getLogger(__name__)


def _dropped(data: QMimeData) -> tuple[list[Path], list[str]]:
    """Local files, and http(s) links (text/uri-list, or a link dragged as text)."""
    paths = [Path(u.toLocalFile()) for u in data.urls() if u.isLocalFile()]
    links = [u.toString() for u in data.urls() if u.scheme() in ("http", "https")]
    if not data.hasUrls() and data.hasText():
        links = [w for w in addresses(data.text()) if w.lower().startswith(("http://", "https://"))]
    return paths, links

REFRESH_DURING_IMPORT = 3.0  # seconds: show newly imported articles while an import runs

Area = Qt.DockWidgetArea
# The default layout (first start, View > Reset layout) gives each side one slot, so a new
# panel needs no layout code of its own: every panel docked left shares the results' place
# as a tab; panels docked right share one column beside the article (as tabs in a narrow
# window; in a wide one the first sits above the others); panels docked at the bottom (the
# chronology) run under the article only, and open at first only in a window tall enough to
# leave the article most of its height. Where the user moves them, they stay.
WIDE_WINDOW = 1500  # px: from this width the right column shows its first panel above the rest
TALL_WINDOW = 900  # px: from this height the bottom panels are open at first
SHARES = {Area.LeftDockWidgetArea: (0.25, 300, 420), Area.RightDockWidgetArea: (0.22, 280, 420),
          Area.BottomDockWidgetArea: (0.28, 220, 360)}  # of the window; least, most px


def nothing_found(outcome: SearchOutcome) -> str | None:
    """Why the reading view is empty after this search. None when it found something, when
    the library is empty (the view says how to import) or for a query Reader cannot read (the
    results say what is wrong, and a half-typed "treaty AND" should not clear the article)."""
    request = outcome.request
    if outcome.error or outcome.total or not outcome.library_total:
        return None
    filters = []
    if request.outlet:
        filters.append(f"in {request.outlet}")
    if request.since or request.until:
        since = request.since.iso() if request.since else "the start"
        until = request.until.iso() if request.until else "today"
        filters.append(f"dated {since} to {until}")
    scope = f" ({', '.join(filters)})" if filters else ""
    if request.text.strip():
        return (f"No articles match “{request.text.strip()}”{scope}.\n\n"
                "Check the spelling, use fewer words, or widen the filters.")
    return f"No articles{scope}. Widen the filters to see more."


class MainWindow(QMainWindow):
    articleOpened = Signal(object)  # Article | None: panels follow the article on show
    entityChosen = Signal(int)  # an entity picked in a panel (entities): others may follow it
    compareRequested = Signal(int, int)  # two articles a panel wants side by side (comparison)
    marksChanged = Signal(list)  # ids read/unread, starred, tagged or collected: lists redraw

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
        self.removal = ArticleRemoval(self)
        self.web_dialog: WebDialog | None = None
        self.actions_ = WindowActions(self)
        toolbar.toggleViewAction().setStatusTip("Show or hide the search bar")
        self.actions_.add_panel_toggle(toolbar.toggleViewAction())
        self.preferences: PreferencesDialog | None = None
        self.panels: dict[str, QDockWidget] = {}
        self.reading_menu_actions: list[QAction] = []  # the reading view's context menu adds
        self.analysis: AnalysisController | None = None  # set up by the first panel to want it
        self._slots: dict[str, Qt.DockWidgetArea] = {}  # each panel's side by default
        # Side panels run the full height; the bottom ones sit under the article alone.
        self.setCorner(Qt.Corner.BottomLeftCorner, Area.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Area.RightDockWidgetArea)
        self._dock("results", "Results", self.results, Area.LeftDockWidgetArea)

        self.reading.set_font_size(settings.font_size)
        self.reading.set_font_family(settings.font_family)
        self.reading.set_line_width(settings.line_width)
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
        self.search.suggestionReady.connect(self._suggestion_ready)
        self.search.failed.connect(lambda msg: self.statusBar().showMessage(msg, 8000))
        self.results.suggestionClicked.connect(self._take_suggestion)
        view.selectionModel().currentRowChanged.connect(self._current_changed)
        view.openRequested.connect(lambda article_id: self.open_article(article_id, focus=True))
        self.reading.articleShown.connect(self._article_shown)
        self.imports.finished.connect(lambda _report: self.search.refresh(reopen_index=True))
        self.imports.progressed.connect(self._import_progressed)
        # Articles imported by another process (a `reader import` in a terminal) show up too.
        self.change_watch = ChangeWatch(self.search.library, self)
        self.change_watch.changed.connect(self._changed_elsewhere)

    # -- panels ------------------------------------------------------------------------------

    def _dock(self, name: str, title: str, widget: QWidget,
              area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self, objectName=f"{name}Dock")
        dock.setWidget(widget)
        # The title bar's two buttons are Qt's own and say nothing on hover.
        for button, tip in (("qt_dockwidget_floatbutton",
                             f"Float the {title} panel in a window of its own, or dock it back"),
                            ("qt_dockwidget_closebutton",
                             f"Close the {title} panel (View > Panels brings it back)")):
            found = dock.findChild(QAbstractButton, button)
            if found is not None:
                found.setToolTip(tip)
        dock.toggleViewAction().setStatusTip(f"Show or hide the {title} panel")
        self.addDockWidget(area, dock)
        self._slots[name] = area
        self.actions_.add_panel_toggle(dock.toggleViewAction())
        self.panels[name] = dock
        return dock

    def add_panel(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea,
                  size: int | None = None, tab_with: str | None = None) -> QDockWidget:
        """Dock `widget` as a panel the user can move, hide and restore (View > Panels), where
        the user left it last time. Without a saved layout, the default layout puts it in its
        side's slot when the window first shows (see WIDE_WINDOW above), so `size` (pixels
        wide, or high at the bottom) and `tab_with` (a panel's name: a tab behind it) matter
        for a panel added to a window already on screen."""
        dock = self._dock(name, title, widget, area)
        if tab_with is not None and tab_with in self.panels:
            self.tabifyDockWidget(self.panels[tab_with], dock)
            self.panels[tab_with].raise_()
        if size is not None:
            bottom = area in (Qt.DockWidgetArea.TopDockWidgetArea,
                              Qt.DockWidgetArea.BottomDockWidgetArea)
            self.resizeDocks([dock], [size],
                             Qt.Orientation.Vertical if bottom else Qt.Orientation.Horizontal)
        if self.settings.window_state is not None:
            # The window restored its layout before this panel existed: restore it once more so
            # the panel comes back where the user left it (a layout without it leaves it here).
            self.restoreState(self.settings.window_state)
        elif self.isVisible():
            dock.show()  # a dock added to a window already on screen would stay hidden
        return dock

    def add_to_reading_bar(self, widget: QWidget) -> None:
        """A button or field in the bar above the article (after the hit counter)."""
        self.reading.add_to_bar(widget)

    def add_file_actions(self, actions: list[QAction]) -> None:
        """Actions in the File menu, above Quit; their shortcuts work without the menu bar."""
        self.addActions(actions)
        self.actions_.add_file_actions(actions)

    def add_reading_menu_actions(self, actions: list[QAction]) -> None:
        """Actions in the reading view's context menu (after the standard ones); their
        shortcuts work while the reading view has the focus."""
        self.reading_menu_actions.extend(actions)
        for action in actions:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.reading.addAction(action)

    def use_analysis(self, n_process: int = GUI_PROCESSES) -> AnalysisController:
        """The background analysis of entities and dates (one per window, made on first use,
        with its status-bar strip); panels that show analysis results listen to it."""
        if self.analysis is None:
            self.analysis = AnalysisController(self.library, self.statusBar(), self,
                                               n_process=n_process)
            self.analysis.automatic = self.settings.background_analysis
        return self.analysis

    @property
    def highlights_menu(self) -> QMenu:
        """View > Highlights: it lists the reading view's layers; panels may add to it."""
        return self.actions_.highlights_menu

    @property
    def current_article(self) -> Article | None:
        """The article on show in the reading view."""
        return self.reading.article

    def reset_layout(self) -> None:
        """View > Reset layout: every panel back in its slot, sized for this window."""
        for name, dock in self.panels.items():
            dock.setFloating(False)
            self.removeDockWidget(dock)
            self.addDockWidget(self._slots[name], dock)
            dock.show()
        self.default_layout()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._state_restored and not self._proportioned:
            self._proportioned = True
            QTimer.singleShot(0, self.default_layout)

    def default_layout(self) -> None:
        """First start (no saved layout) and Reset layout: the article gets the width and the
        height; the panels take their side's slot (see WIDE_WINDOW, TALL_WINDOW)."""
        width, height = self.width(), self.height()
        by_side = {area: [self.panels[n] for n, a in self._slots.items() if a == area]
                   for area in SHARES}
        left, right, bottom = (by_side[a] for a in SHARES)
        self._tab_together(left)
        if width >= WIDE_WINDOW and len(right) > 1:
            self.splitDockWidget(right[0], right[1], Qt.Orientation.Vertical)
            self._tab_together(right[1:])
        else:
            self._tab_together(right)
        for dock in bottom:
            dock.setVisible(height >= TALL_WINDOW)
        for area, (share, least, most) in SHARES.items():
            docks = [d for d in by_side[area] if not d.isHidden()]
            vertical = area == Area.BottomDockWidgetArea
            size = round(max(least, min(most, (height if vertical else width) * share)))
            if docks:
                self.resizeDocks(docks, [size] * len(docks),
                                 Qt.Orientation.Vertical if vertical else Qt.Orientation.Horizontal)
        if len(right) > 1 and width >= WIDE_WINDOW:
            self.resizeDocks(right[:2], [height // 2, height // 2], Qt.Orientation.Vertical)

    def _tab_together(self, docks: list[QDockWidget]) -> None:
        """One place, one tab each, the first in front."""
        for dock in docks[1:]:
            self.tabifyDockWidget(docks[0], dock)
        if docks:
            docks[0].raise_()

    # -- searching ---------------------------------------------------------------------------

    def run_query(self, text: str) -> None:
        """Search for `text` at once, as if typed (panels use it: `entity:"..."`)."""
        self.search_bar.field.setText(text)
        self.search.search_now()
        self.panels["results"].show()
        self.panels["results"].raise_()  # in front of a panel tabbed with it (feeds, collections)

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
        reason = nothing_found(outcome)
        if reason is not None:
            # The last article would read as an answer to this question: empty the view.
            self._last_request = outcome.request
            if self.reading.article is not None or self.reading.empty_reason != reason:
                self.reading.show_nothing(reason)
                self.articleOpened.emit(None)
            return
        emptied = bool(self.reading.empty_reason)
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
        if article is None and self.model.rowCount() and (not self._opened_once or emptied):
            # First results after start-up, or after a search that found nothing: show the
            # top one rather than a blank page.
            self._opened_once = True
            first = self.model.article_id(0)
            if first is not None:
                self.open_article(first)

    def _suggestion_ready(self, text: str) -> None:
        """"Did you mean" arrived for a search that found nothing: say it in the empty view."""
        reason = self.reading.empty_reason
        if reason and self._last_request is not None and self._last_request.text.strip():
            first = reason.split("\n\n", 1)[0]
            self.reading.show_nothing(f"{first}\n\nDid you mean: {text}?")

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

    def _article_shown(self, article: Article | None) -> None:
        actions = self.actions_
        for action in (actions.edit, actions.delete):
            action.setEnabled(article is not None)
        actions.reextract.setEnabled(
            article is not None and self.library.can_reextract(article.id))
        if article is not None and not self.library.is_read(article.id):
            self.library.mark_read([article.id])  # opened is read: feeds count what is not
            self.marks_changed([article.id])

    def marks_changed(self, article_ids: list[int]) -> None:
        """Articles were marked read or unread, starred, tagged or put in a collection: their
        rows show it now, and panels that count such marks count again."""
        self.model.forget_many(article_ids)
        self.marksChanged.emit(list(article_ids))

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

    def article_removed(self, article_id: int) -> None:
        """An article left the library (deleted): stop showing it anywhere."""
        self.model.forget(article_id)
        if self.reading.article is not None and self.reading.article.id == article_id:
            self.reading.show_article(None)
            self.articleOpened.emit(None)
        self.search.refresh()

    def article_changed(self, article: Article) -> None:
        """An article's text or details changed (re-extracted): show it anew."""
        self.model.forget(article.id)
        self.reading.show_article(article, self.model.finder)
        self.articleOpened.emit(article)
        self.search.refresh()

    # -- importing ---------------------------------------------------------------------------

    def add_from_web(self) -> WebDialog:
        """File > Add from the web…: one dialog, kept while the window lives."""
        if self.web_dialog is None:
            self.web_dialog = WebDialog(self.imports, self)
        self.web_dialog.show()
        self.web_dialog.raise_()
        self.web_dialog.urls.setFocus()
        return self.web_dialog

    def fetch_urls(self, urls: list[str]) -> bool:
        """Download and import web pages (a link dropped on the window)."""
        return self.imports.fetch(urls)

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
        paths, links = _dropped(event.mimeData())
        if paths or links:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Files and folders are imported; links from a browser are fetched."""
        paths, links = _dropped(event.mimeData())
        if links:
            event.acceptProposedAction()
            self.fetch_urls(links)
        elif paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # -- help, theme, closing ----------------------------------------------------------------

    def show_query_help(self) -> None:
        self._help = dialogs.QuerySyntaxDialog(self)
        self._help.show()

    def show_preferences(self) -> PreferencesDialog:
        """Edit > Preferences…: one dialog, kept while the window lives; changes apply at once."""
        if self.preferences is None:
            self.preferences = PreferencesDialog(self)
        self.preferences.show()
        self.preferences.raise_()
        return self.preferences

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
        # The window's own analysis (a child process) saves every few seconds: that changes
        # no result, and re-listing a 58,000-article library each time blocked the window
        # for seconds; the search is refreshed when the analysis ends.
        if self.analysis is not None and self.analysis.running:
            return
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
