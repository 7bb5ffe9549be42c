"""The reading view: one clean article with readable typography, highlight layers and hits.

Other panels add their own `SpanLayer`s (entities, dates) with `set_layer`; search hits are
the "search" layer, navigated with next/previous hit.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.gui.article_document import build_document
from reader.gui.layered_browser import LayeredBrowser
from reader.gui.span_layers import Span, SpanLayer
from reader.gui.theme import current_theme
from reader.models import Article
from reader.snippets import HitFinder

log = logging.getLogger(__name__)

SEARCH_LAYER = "search"
MAX_LINE_CHARS = 72  # a comfortable measure for prose


EMPTY_VIEW = ("Select an article in the results to read it here.\n\n"
              "Import articles with File > Import, or drop files and folders on the window.")


def _write_notice(doc: QTextDocument, font: QFont, text: str) -> None:
    """A short notice in place of an article, in muted plain text (it may quote the user's
    query: never read as markup), one paragraph per blank-line-separated part."""
    doc.clear()
    doc.setDefaultFont(font)
    cursor = QTextCursor(doc)
    fmt = QTextCharFormat()
    fmt.setForeground(current_theme().muted)
    block = QTextBlockFormat()
    block.setBottomMargin(font.pointSizeF() * 0.8)
    for i, part in enumerate(p for p in text.split("\n\n") if p.strip()):
        if i:
            cursor.insertBlock()
        cursor.setBlockFormat(block)
        cursor.insertText(part.replace("\n", " "), fmt)


class ArticleBrowser(LayeredBrowser):
    """The article on show, in a centred column, with its layers (and removed noise, if asked)."""

    rendered = Signal()  # the document was filled again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleBrowser")
        self.article: Article | None = None
        self.font_size = 12.0
        self.font_family = ""  # "" = the window's font
        self.line_chars = MAX_LINE_CHARS
        self.show_removed = False
        self.empty_reason = ""  # why no article is on show (a search found nothing)

    def redraw(self, keep_scroll: bool = False) -> None:
        scroll = self.verticalScrollBar().value()
        doc = self.document()
        font = QFont(self.font())
        if self.font_family:
            font.setFamily(self.font_family)
        font.setPointSizeF(self.font_size)
        if self.article is None:
            # In the document, not as a placeholder: Qt draws only a placeholder's first line.
            _write_notice(doc, font, self.empty_reason or EMPTY_VIEW)
            self._offsets = None
        else:
            self._offsets = build_document(
                doc, self.article, theme=current_theme(), font=font,
                show_removed=self.show_removed, layers=self._layers.values(),
            )
        self.fit_measure()
        self.rendered.emit()
        if keep_scroll:
            self.verticalScrollBar().setValue(scroll)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_measure()

    def fit_measure(self) -> None:
        """Centre the text in a column of about `line_chars` characters."""
        doc = self.document()
        char_width = QFontMetricsF(doc.defaultFont()).averageCharWidth()
        width = self.viewport().width()
        margin = max(24.0, (width - char_width * self.line_chars) / 2)
        root = doc.rootFrame()
        fmt: QTextFrameFormat = root.frameFormat()
        if abs(fmt.leftMargin() - margin) > 1:
            fmt.setLeftMargin(margin)
            fmt.setRightMargin(margin)
            fmt.setTopMargin(18)
            fmt.setBottomMargin(24)
            root.setFrameFormat(fmt)


class ReadingView(QWidget):
    articleShown = Signal(object)  # Article | None
    hitChanged = Signal(int, int)  # current (1-based, 0 = none), total

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser = ArticleBrowser(self)
        self._current_hit = -1
        self._finder_terms: set[str] = set()

        bar = QWidget(self)
        bar.setObjectName("readingBar")
        self.prev_button = QToolButton(bar, text="◀", toolTip="Previous hit (Shift+F3)")
        self.next_button = QToolButton(bar, text="▶", toolTip="Next hit (F3)")
        self.hit_label = QLabel(bar, objectName="hitCounter")
        self.removed_box = QCheckBox("Show removed noise", bar)
        self.removed_box.setToolTip("Show, greyed out, the text the import took out as noise")
        self._bar_row = row = QHBoxLayout(bar)
        row.setContentsMargins(8, 3, 8, 3)
        for w in (self.prev_button, self.next_button, self.hit_label):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(self.removed_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(bar)
        layout.addWidget(self.browser, 1)

        self.prev_button.clicked.connect(self.previous_hit)
        self.next_button.clicked.connect(self.next_hit)
        self.removed_box.toggled.connect(self.set_show_removed)
        self.browser.rendered.connect(lambda: self._show_current_hit(scroll=False))
        self._render()

    def add_to_bar(self, widget: QWidget) -> None:
        """Another control in the bar above the article, at its right end."""
        widget.setParent(self._bar_row.parentWidget())
        self._bar_row.addWidget(widget)

    # -- content -----------------------------------------------------------------------------

    @property
    def article(self) -> Article | None:
        return self.browser.article

    def show_article(self, article: Article | None, finder: HitFinder | None = None) -> None:
        self.browser.article = article
        self.browser.empty_reason = ""
        self._finder_terms = set(finder.terms) if finder else set()
        spans = finder.spans(article.body) if (finder and article) else []
        self.browser.set_layer(self._search_layer(spans), redraw=False)
        self._current_hit = -1
        self._render()
        self.browser.verticalScrollBar().setValue(0)
        self.articleShown.emit(article)

    def show_nothing(self, reason: str) -> None:
        """No article, and why (a search found nothing): the previous article leaves the view,
        so it is not taken for an answer to the new question."""
        self.show_article(None)
        self.browser.empty_reason = reason
        self._render()

    @property
    def empty_reason(self) -> str:
        return self.browser.empty_reason if self.article is None else ""

    def set_finder(self, finder: HitFinder | None) -> None:
        """New search terms for the article on show (the query changed, the article did not)."""
        self._finder_terms = set(finder.terms) if finder else set()
        if self.article is not None:
            spans = finder.spans(self.article.body) if finder else []
            self.browser.set_layer(self._search_layer(spans), redraw=False)
            self._current_hit = -1
            self._render(keep_scroll=True)

    def _search_layer(self, ranges: list[tuple[int, int]]) -> SpanLayer:
        theme = current_theme()
        fmt = QTextCharFormat()
        fmt.setBackground(theme.hit_bg)
        fmt.setForeground(theme.hit_fg)
        old = self.browser.layer(SEARCH_LAYER)
        return SpanLayer.from_ranges(
            SEARCH_LAYER, "Search hits", ranges, fmt, z=100,
            visible=old.visible if old else True,
        )

    # -- layers (the API entity and chronology panels use): the browser's ---------------------

    def layers(self) -> list[SpanLayer]:
        return self.browser.layers()

    def layer(self, name: str) -> SpanLayer | None:
        return self.browser.layer(name)

    def set_layer(self, layer: SpanLayer) -> None:
        self.browser.set_layer(layer)

    def remove_layer(self, name: str) -> None:
        self.browser.remove_layer(name)

    def set_layer_visible(self, name: str, visible: bool) -> None:
        self.browser.set_layer_visible(name, visible)

    def hit_spans(self) -> list[Span]:
        layer = self.browser.layer(SEARCH_LAYER)
        return list(layer.spans) if layer else []

    # -- presentation ------------------------------------------------------------------------

    @property
    def font_size(self) -> float:
        return self.browser.font_size

    def set_font_size(self, size: float) -> None:
        self.browser.font_size = max(7.0, min(36.0, size))
        self._render(keep_scroll=True)

    def set_font_family(self, family: str) -> None:
        """The reading font ("" for the window's own)."""
        self.browser.font_family = family
        self._render(keep_scroll=True)

    @property
    def font_family(self) -> str:
        return self.browser.font_family

    def set_line_width(self, chars: int) -> None:
        """The widest the text column gets, in average characters per line."""
        self.browser.line_chars = max(40, min(200, chars))
        self.browser.fit_measure()

    @property
    def line_width(self) -> int:
        return self.browser.line_chars

    def zoom(self, steps: int) -> None:
        self.set_font_size(self.font_size + steps)

    def set_show_removed(self, show: bool) -> None:
        if show != self.browser.show_removed:
            self.browser.show_removed = show
            self.removed_box.setChecked(show)
            self._render(keep_scroll=True)

    @property
    def show_removed(self) -> bool:
        return self.browser.show_removed

    def refresh_theme(self) -> None:
        search = self.browser.layer(SEARCH_LAYER)
        if search is not None:
            spans = [(s.start, s.end) for s in search.spans]
            self.browser.set_layer(self._search_layer(spans), redraw=False)
        self._render(keep_scroll=True)

    def _render(self, keep_scroll: bool = False) -> None:
        self.browser.redraw(keep_scroll)  # the current hit is marked again once it is done

    # -- hit navigation ----------------------------------------------------------------------

    def next_hit(self) -> None:
        self._step(+1)

    def previous_hit(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        hits = self.hit_spans()
        if not hits:
            return
        self._current_hit = (self._current_hit + delta) % len(hits) if self._current_hit >= 0 \
            else (0 if delta > 0 else len(hits) - 1)
        self._show_current_hit(scroll=True)

    def _show_current_hit(self, scroll: bool) -> None:
        hits = self.hit_spans()
        layer = self.browser.layer(SEARCH_LAYER)
        total = len(hits) if (layer and layer.visible) else 0
        selections = []
        if total and 0 <= self._current_hit < total and self.article is not None:
            span = hits[self._current_hit]
            sel = QTextEdit.ExtraSelection()
            sel.cursor = self.cursor_for(span.start, span.end)
            fmt = QTextCharFormat()
            fmt.setBackground(current_theme().current_hit_bg)
            fmt.setForeground(current_theme().hit_fg)
            sel.format = fmt
            selections.append(sel)
            if scroll:
                self.scroll_to(span.start, span.end)
        self.browser.setExtraSelections(selections)
        current = self._current_hit + 1 if selections else 0
        searching = bool(self._finder_terms)
        self.hit_label.setText(
            f"Hit {current} of {total}" if current
            else (f"{total} hits (F3: next)" if total else ("No hits" if searching else ""))
        )
        self.prev_button.setEnabled(total > 0)
        self.next_button.setEnabled(total > 0)
        self.hitChanged.emit(current, total)

    def cursor_for(self, start: int, end: int) -> QTextCursor:
        """A cursor selecting body offsets [start, end)."""
        return self.browser.cursor_for(start, end)

    def scroll_to(self, start: int, end: int | None = None) -> None:
        """Bring body offsets into view, a little below the top (panels jump here too)."""
        cursor = self.cursor_for(start, end if end is not None else start)
        rect = self.browser.cursorRect(cursor)
        bar = self.browser.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - self.browser.viewport().height() // 3)
