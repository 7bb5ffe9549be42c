"""One side of the comparison view: the article's clean text with its sentences banded by pair,
one-sided sentences striped on the gutter side, and where each sentence sits on screen.

Text goes in through QTextCursor.insertText only, so nothing in an article is read as markup;
bands and other highlights are span layers, as in the reading view.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QRect, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from reader.gui.article_document import LINE_HEIGHT, apply_layers
from reader.gui.layered_browser import LayeredBrowser
from reader.gui.span_layers import OffsetMap, SpanLayer
from reader.gui.theme import current_theme

EDGE_MARGIN = 22  # pixels between the text and the gutter side: room for the stripe
OUTER_MARGIN = 16
STRIPE = 4
MAX_LINE_CHARS = 80  # a little wider than the reading view's 72: two columns share the screen


@dataclass(frozen=True)
class Marked:
    """A sentence (or two) of this side and what it is: a pair's number and kind, or one-sided."""

    start: int
    end: int
    pair: int | None  # index into Comparison.pairs; None for a one-sided or repeated sentence
    colour: QColor  # the stripe beside it
    one_sided: bool = False


class ComparePane(LayeredBrowser):
    """Read-only text of one side; `side` is "a" (left, gutter on its right) or "b"."""

    offsetClicked = Signal(int)  # body offset under a click
    geometryChanged = Signal()  # the layout moved (resize, new text, zoom): redraw connectors

    def __init__(self, side: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self.setObjectName(f"comparePane_{side}")
        self.text = ""
        self._marks: list[Marked] = []
        self._starts: list[int] = []
        self._tops: dict[tuple[int, int], tuple[int, int]] = {}
        self._selected: tuple[int, int] | None = None
        self._font_size = 12.0
        self.document().documentLayout().documentSizeChanged.connect(self._layout_changed)

    # -- content -----------------------------------------------------------------------------

    def show_text(self, text: str, marks: Iterable[Marked], layers: Iterable[SpanLayer],
                  font_size: float) -> None:
        self.text = text
        self._marks = sorted(marks, key=lambda m: m.start)
        self._starts = [m.start for m in self._marks]
        self._layers = {layer.name: layer for layer in layers}
        self._font_size = font_size
        self._selected = None
        self.redraw()
        self.verticalScrollBar().setValue(0)

    def redraw(self, keep_scroll: bool = False) -> None:
        scroll = self.verticalScrollBar().value()
        doc = self.document()
        doc.clear()
        font = QFont(self.font())
        font.setPointSizeF(self._font_size)
        doc.setDefaultFont(font)
        theme = current_theme()
        fmt = QTextCharFormat()
        fmt.setForeground(theme.text)
        cursor = QTextCursor(doc)
        block = QTextBlockFormat()
        block.setLineHeight(LINE_HEIGHT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        cursor.setBlockFormat(block)
        cursor.setCharFormat(fmt)
        self._offsets = OffsetMap(self.text)
        self._offsets.add(0, len(self.text), 0)
        cursor.insertText(self.text, fmt)
        apply_layers(doc, self._offsets, self._layers.values())
        self._fit_margins()
        self._tops.clear()
        self._show_selection()
        if keep_scroll:
            self.verticalScrollBar().setValue(scroll)
        self.geometryChanged.emit()

    # -- geometry: where a span sits, in document pixels ---------------------------------------

    def span_extent(self, start: int, end: int) -> tuple[int, int]:
        """(top, bottom) of the lines holding body offsets [start, end), in document pixels."""
        key = (start, end)
        if key not in self._tops:
            scroll = self.verticalScrollBar().value()
            first = self.cursor_for(start, start)
            last = self.cursor_for(max(start, end - 1), max(start, end - 1))
            top = self.cursorRect(first).top() + scroll
            bottom = self.cursorRect(last).bottom() + scroll
            self._tops[key] = (top, max(bottom, top + 1))
        return self._tops[key]

    def on_screen(self, start: int, end: int) -> tuple[int, int]:
        """(top, bottom) of a span in viewport pixels (may lie outside the viewport)."""
        top, bottom = self.span_extent(start, end)
        scroll = self.verticalScrollBar().value()
        return top - scroll, bottom - scroll

    def doc_height(self) -> int:
        return round(self.document().size().height())

    def scroll_top_to(self, doc_y: int) -> None:
        self.verticalScrollBar().setValue(doc_y)

    def _layout_changed(self) -> None:
        self._tops.clear()
        self.geometryChanged.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_margins()
        self._tops.clear()
        self.geometryChanged.emit()

    def text_margins(self) -> tuple[int, int]:
        """(left, right) pixels from the pane's edges to its text (headers line up with it)."""
        frame = self.document().rootFrame().frameFormat()
        return (round(frame.leftMargin()) + self.frameWidth(),
                round(frame.rightMargin()) + self.frameWidth()
                + (self.verticalScrollBar().width() if self.verticalScrollBar().isVisible()
                   else 0))

    def _fit_margins(self) -> None:
        """Text close to the gutter, lines no longer than MAX_LINE_CHARS (wide screens get a
        wider outer margin), and room below the end so the last pair can come level."""
        root = self.document().rootFrame()
        frame = root.frameFormat()
        scale = self._font_size / max(1.0, self.font().pointSizeF())
        measure = self.fontMetrics().averageCharWidth() * scale * MAX_LINE_CHARS
        outer = max(OUTER_MARGIN, round(self.viewport().width() - EDGE_MARGIN - measure))
        left, right = (outer, EDGE_MARGIN) if self.side == "a" else (EDGE_MARGIN, outer)
        wanted = (left, right, 10, self.viewport().height() // 2)
        if (frame.leftMargin(), frame.rightMargin(), frame.topMargin(),
                frame.bottomMargin()) != wanted:
            frame.setLeftMargin(left)
            frame.setRightMargin(right)
            frame.setTopMargin(10)
            frame.setBottomMargin(wanted[3])
            root.setFrameFormat(frame)

    # -- marks, selection, clicks ------------------------------------------------------------

    @property
    def marks(self) -> list[Marked]:
        return self._marks

    def mark_at(self, offset: int) -> Marked | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and self._marks[i].start <= offset < self._marks[i].end:
            return self._marks[i]
        return None

    def select_span(self, span: tuple[int, int] | None) -> None:
        """Mark a pair's span as the one the user is looking at (and put the caret on it)."""
        self._selected = span
        self._show_selection()

    @property
    def selected_span(self) -> tuple[int, int] | None:
        return self._selected

    def selected_text(self) -> str:
        return self.text[self._selected[0]:self._selected[1]] if self._selected else ""

    def _show_selection(self) -> None:
        if self._selected is None or self._offsets is None:
            self.setExtraSelections([])
            return
        theme = current_theme()
        sel = QTextEdit.ExtraSelection()
        sel.cursor = self.cursor_for(*self._selected)
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(theme.accent)
        fmt.setFontUnderline(True)
        sel.format = fmt
        self.setExtraSelections([sel])
        caret = self.cursor_for(self._selected[0], self._selected[0])
        self.setTextCursor(caret)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if self.textCursor().hasSelection() or self._offsets is None:
            return  # the user selected text to copy: that is not a jump
        position = self.cursorForPosition(event.position().toPoint()).position()
        offset = self._offsets.to_body(position)
        if offset is not None:
            self.offsetClicked.emit(offset)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._marks:
            return
        painter = QPainter(self.viewport())
        width, height = self.viewport().width(), self.viewport().height()
        x = width - EDGE_MARGIN // 2 - STRIPE // 2 if self.side == "a" else EDGE_MARGIN // 2 - 2
        for mark in self._marks:
            top, bottom = self.on_screen(mark.start, mark.end)
            if bottom < 0 or top > height:
                continue
            w = STRIPE if mark.one_sided else STRIPE - 1
            painter.fillRect(QRect(x, top + 2, w, bottom - top - 4), mark.colour)
        painter.end()
