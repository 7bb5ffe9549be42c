"""The comparison controller: opens the comparison window for two articles, runs the comparison
in a worker thread (texts and names are read from the store first) and exports it as HTML.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer, Signal
from PySide6.QtGui import QAction, QContextMenuEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QToolButton

from reader.compare import Comparison
from reader.compare_export import write_html
from reader.errors import NotFound
from reader.gui.compare.layers import highlight_layers, layer_defaults
from reader.gui.compare.picker import (
    ArticlePicker,
    menu_text,
    plain_tip,
    row_text,
    suggestions,
)
from reader.gui.compare.view import side_names
from reader.gui.compare.window import ComparisonWindow
from reader.gui.search.model import ResultsModel
from reader.gui.worker import Worker
from reader.models import Article

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow

log = logging.getLogger(__name__)

MENU_SUGGESTIONS = 6


class ComparisonController(QObject):
    """Opens comparisons and keeps the one comparison window up to date."""

    comparisonShown = Signal(object)  # Comparison

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.library = window.library
        self.compare_window: ComparisonWindow | None = None
        self.articles: tuple[Article, Article] | None = None
        self.comparison: Comparison | None = None
        self._closed = False
        self.worker = Worker("comparison", self)
        self._show = {"entities": False, "dates": False}
        self.compare_with_action = QAction("Compare &with…", window)
        self.compare_with_action.setShortcut(QKeySequence("Ctrl+K"))
        self.compare_with_action.setToolTip("Compare the article you read with another, "
                                            "side by side")
        self.compare_with_action.setStatusTip(self.compare_with_action.toolTip())
        self.compare_with_action.triggered.connect(lambda _c=False: self.compare_with())
        self.compare_selected_action = QAction("Compare &selected results", window)
        self.compare_selected_action.setShortcut(QKeySequence("Ctrl+Shift+K"))
        self.compare_selected_action.setStatusTip(
            "Compare the two articles selected in the results, side by side")
        self.compare_selected_action.triggered.connect(lambda _c=False: self.compare_selected())
        self.export_action = QAction("E&xport comparison…", window)
        self.export_action.setEnabled(False)
        self.export_action.setStatusTip(
            "Save the comparison on show as a report (Markdown, HTML or JSON)")
        self.export_action.triggered.connect(lambda _c=False: self.export())

    # -- opening -----------------------------------------------------------------------------

    def compare(self, a_id: int, b_id: int) -> ComparisonWindow | None:
        """Show articles `a_id` and `b_id` side by side; the alignment arrives when computed."""
        try:
            a, b = self.library.get(a_id), self.library.get(b_id)
        except NotFound as exc:
            self.window.statusBar().showMessage(str(exc), 6000)
            return None
        win = self._ensure_window()
        self.articles, self.comparison = (a, b), None
        self._show = layer_defaults(self.window)
        win.show_entities.setChecked(self._show["entities"])
        win.show_dates.setChecked(self._show["dates"])
        win.export.setEnabled(False)
        self.export_action.setEnabled(False)
        self.export_action.setStatusTip(
            "Save the comparison on show as a report (Markdown, HTML or JSON)")
        win.view.show_articles(a, b)
        name_a, name_b = side_names(a, b)
        win.setWindowTitle(f"{name_a} / {name_b} — Compare articles — Reader")
        win.status.setText("Comparing…")
        library = self.library

        def work() -> tuple[Comparison, float]:
            started = time.perf_counter()
            # With the articles' entities and dates, and the library's wording as background.
            return library.compare_articles(a.id, b.id), time.perf_counter() - started

        # A comparison still waiting or running for other articles is no longer wanted.
        self.worker.run(work, self._done, self._failed)
        win.show()
        win.raise_()
        win.activateWindow()
        return win

    def compare_with(self, article_id: int | None = None) -> ComparisonWindow | None:
        """Ask for the other side (suggestions first) of `article_id` (default: the one read)."""
        if article_id is None:
            article = self.window.current_article
            if article is None:
                self.window.statusBar().showMessage("Open an article to compare it.", 5000)
                return None
            article_id = article.id
        other = self.pick(article_id, "Compare with…")
        return self.compare(article_id, other) if other is not None else None

    def pick(self, article_id: int, title: str) -> int | None:
        dialog = ArticlePicker(self.library, suggestions(self.library, article_id, 20),
                               article_id, title, self.compare_window or self.window)
        return dialog.chosen if dialog.exec() else None

    def selected_ids(self) -> list[int]:
        view = self.window.results.view
        rows = sorted(view.selectionModel().selectedRows(), key=lambda i: i.row())
        return [int(i.data(ResultsModel.IdRole)) for i in rows
                if i.data(ResultsModel.IdRole) is not None]

    def compare_selected(self) -> ComparisonWindow | None:
        ids = self.selected_ids()
        if len(ids) != 2:
            self.window.statusBar().showMessage(
                "Select two results to compare (Ctrl+click the second one).", 6000)
            return None
        return self.compare(ids[0], ids[1])

    def fill_suggestions(self, menu: QMenu, article_id: int | None,
                         choose: object = None) -> None:
        """Suggestions from other outlets, one click each, then "Other article…"."""
        menu.clear()
        if article_id is None:
            menu.addAction("Open an article first").setEnabled(False)
            return
        found = suggestions(self.library, article_id, MENU_SUGGESTIONS)
        menu.addSection("Most like it, from other outlets" if found
                        else "No similar article from another outlet")
        for row in found:
            action = menu.addAction(menu_text(row_text(row)))
            action.setToolTip(plain_tip(row_text(row)))
            action.setData(row.id)
            if choose is None:
                action.triggered.connect(
                    lambda _c=False, other=row.id: self.compare(article_id, other))
            else:
                action.triggered.connect(lambda _c=False, other=row.id: choose(other))  # type: ignore[operator]
        menu.addSeparator()
        if choose is None:
            menu.addAction("Other article…", lambda: self.compare_with(article_id))
        else:
            menu.addAction("Search the library…",
                           lambda: self._pick_then(article_id, choose))

    def _pick_then(self, article_id: int, choose: object) -> None:
        other = self.pick(article_id, "Choose an article")
        if other is not None:
            choose(other)  # type: ignore[operator]

    # -- results -----------------------------------------------------------------------------

    def _done(self, result: tuple[Comparison, float]) -> None:
        if self._closed or self.articles is None:
            return
        comparison, seconds = result
        self.comparison = comparison
        win = self._ensure_window()
        a, b = self.articles
        known = all(self.library.is_analysed(x.id) for x in (a, b))
        win.view.show_comparison(comparison, a, b, self._layers(),
                                 self.window.reading.font_size, names_known=known)
        n = comparison.counts()
        win.status.setText(
            f"{n['same']} same, {n['similar']} similar, {n['related']} related · "
            f"{n['only_a']} + {n['only_b']} one-sided sentences · compared in "
            f"{seconds * 1000:.0f} ms · click a sentence to see its counterpart")
        win.export.setEnabled(True)
        self.export_action.setEnabled(True)
        self.comparisonShown.emit(comparison)

    def _failed(self, exc: Exception) -> None:
        if self.compare_window is not None:
            self.compare_window.status.setText(f"The comparison failed: {exc}")

    def _layers(self) -> dict[str, list]:
        if self.articles is None:
            return {}
        return {side: highlight_layers(self.window, article, self._show)
                for side, article in zip(("a", "b"), self.articles, strict=True)}

    def set_highlight(self, name: str, on: bool) -> None:
        """Entities or dates on or off in both panes."""
        self._show[name] = on
        if self.compare_window is None or self.comparison is None:
            return
        layers = self._layers()
        for side in ("a", "b"):
            self.compare_window.view.set_layers(side, layers[side], drop=("entities", "dates"))

    # -- export ------------------------------------------------------------------------------

    def export_to(self, path: Path) -> Path | None:
        if self.comparison is None or self.articles is None:
            return None
        return write_html(path, self.comparison, *self.articles)

    def export(self) -> None:
        if self.comparison is None or self.articles is None:
            return
        name_a, name_b = side_names(*self.articles)
        default = Path.home() / _file_name(f"comparison {name_a} {name_b}.html")
        parent = self.compare_window or self.window
        path, _ = QFileDialog.getSaveFileName(parent, "Export comparison", str(default),
                                              "Web page (*.html)")
        if not path:
            return
        try:
            self.export_to(Path(path))
        except OSError as exc:
            if self.compare_window is not None:
                self.compare_window.status.setText(
                    f"Cannot save {path}: {exc.strerror or exc}. Choose another folder.")
            return
        if self.compare_window is not None:
            self.compare_window.status.setText(f"Saved {path}")

    # -- the window --------------------------------------------------------------------------

    def _ensure_window(self) -> ComparisonWindow:
        if self.compare_window is None:
            win = ComparisonWindow(self.window)
            win.export.triggered.connect(self.export)
            win.swap.triggered.connect(self.swap)
            win.show_entities.toggled.connect(lambda on: self.set_highlight("entities", on))
            win.show_dates.toggled.connect(lambda on: self.set_highlight("dates", on))
            win.paletteChanged.connect(lambda: QTimer.singleShot(0, self.restyle))
            win.view.closestShown.connect(win.status.setText)
            for side, button in (("a", win.pick_a), ("b", win.pick_b)):
                button.menu().aboutToShow.connect(lambda s=side, b=button: self._fill_side(s, b))
            self.compare_window = win
        return self.compare_window

    def _fill_side(self, side: str, button: QToolButton) -> None:
        if self.articles is None:
            return
        a, b = self.articles
        other = b if side == "a" else a
        if side == "a":
            self.fill_suggestions(button.menu(), other.id, lambda i: self.compare(i, b.id))
        else:
            self.fill_suggestions(button.menu(), other.id, lambda i: self.compare(a.id, i))

    def swap(self) -> None:
        if self.articles is not None:
            a, b = self.articles
            self.compare(b.id, a.id)

    def restyle(self) -> None:
        if self.compare_window is not None:
            self.compare_window.view.restyle(self._layers())

    def shutdown(self) -> None:
        self._closed = True
        self.worker.wait()
        if self.compare_window is not None:
            self.compare_window.close()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.shutdown()
        elif (isinstance(event, QContextMenuEvent)
              and watched is self.window.reading.browser.viewport()):
            self._reading_menu(event.globalPos(), event.pos())
            return True
        return False

    def _reading_menu(self, global_pos: QPoint, pos: QPoint) -> None:
        browser = self.window.reading.browser
        menu = browser.createStandardContextMenu(pos)
        menu.addSeparator()
        if self.window.reading_menu_actions:  # other panels' (highlight, note)
            menu.addActions(self.window.reading_menu_actions)
            menu.addSeparator()
        sub = menu.addMenu("Compare with")
        article = self.window.current_article
        sub.aboutToShow.connect(lambda: self.fill_suggestions(sub, article.id if article else None))
        sub.setEnabled(article is not None)
        menu.exec(global_pos)
        menu.deleteLater()


def _file_name(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in text).strip("-")
