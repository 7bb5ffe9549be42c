"""The results list: one card per article (title, outlet and date, snippet with hits marked).

A QListView over column 0 of the results model; the delegate paints every card at one fixed
height, so a list of 60,000 ids scrolls without measuring rows.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from reader.gui.search.model import ResultsModel
from reader.gui.theme import current_theme
from reader.search_pages import Entry

SNIPPET_LINES = 3
PAD = 8
STAR = "★"
STAR_COLOUR = QColor("#d99a00")  # gold: reads on light and dark bases alike


class ResultDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        line = QFontMetrics(option.font).lineSpacing()
        title = QFontMetrics(_title_font(option.font)).lineSpacing()
        return QSize(200, PAD * 2 + title + line * (1 + SNIPPET_LINES) + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        theme = current_theme()
        style = option.widget.style() if option.widget else None
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, option.widget)
        entry: Entry | None = index.data(ResultsModel.EntryRole)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_colour = palette.highlightedText().color() if selected else theme.text
        muted = palette.highlightedText().color() if selected else theme.muted
        rect = option.rect.adjusted(PAD + 2, PAD, -PAD, -PAD)
        painter.save()
        painter.setPen(theme.border)
        painter.drawLine(option.rect.bottomLeft(), option.rect.bottomRight())
        if entry is None:
            painter.setPen(muted)
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft, str(index.data() or ""))
            painter.restore()
            return

        # Unread articles have bold titles (as in a mail reader); a star marks starred ones.
        title_font = _title_font(option.font)
        title_font.setBold(not entry.read)
        title_font.setItalic(entry.untitled)
        fm = QFontMetrics(title_font)
        painter.setFont(title_font)
        left = rect.left()
        if entry.starred:
            painter.setPen(text_colour if selected else STAR_COLOUR)
            painter.drawText(QRect(left, rect.top(), rect.width(), fm.lineSpacing()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, STAR)
            left += fm.horizontalAdvance(STAR + " ")
        painter.setPen(muted if entry.untitled else text_colour)
        title = entry.title or "(untitled)"
        width = rect.right() - left
        painter.drawText(QRect(left, rect.top(), width, fm.lineSpacing()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         fm.elidedText(title, Qt.TextElideMode.ElideRight, width))
        y = rect.top() + fm.lineSpacing()

        small = QFont(option.font)
        sfm = QFontMetrics(small)
        painter.setFont(small)
        painter.setPen(muted)
        row = entry.row
        meta = " · ".join([row.outlet or "Unknown outlet",
                           row.published.iso() if row.published else "no date"]
                          + ([row.author] if row.author else [])
                          + (["tags: " + ", ".join(entry.tags)] if entry.tags else []))
        painter.drawText(QRect(rect.left(), y, rect.width(), sfm.lineSpacing()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         sfm.elidedText(meta, Qt.TextElideMode.ElideRight, rect.width()))
        y += sfm.lineSpacing() + 2
        painter.setPen(text_colour)
        _draw_snippet(painter, entry, small, QRect(rect.left(), y, rect.width(), rect.bottom() - y),
                      selected)
        painter.restore()


def _title_font(base: QFont) -> QFont:
    font = QFont(base)
    font.setBold(True)
    font.setPointSizeF(base.pointSizeF() * 1.08)
    return font


def _draw_snippet(painter: QPainter, entry: Entry, font: QFont, rect: QRect,
                  selected: bool) -> None:
    """The snippet wrapped to SNIPPET_LINES lines, hit words on the hit colour."""
    theme = current_theme()
    text = entry.snippet.text
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    ranges = []
    for start, end in entry.snippet.highlights:
        fr = QTextLayout.FormatRange()
        fr.start, fr.length = _utf16(text, start), _utf16(text, end) - _utf16(text, start)
        fmt = QTextCharFormat()
        fmt.setBackground(theme.hit_bg)
        fmt.setForeground(theme.hit_fg)
        fmt.setFontWeight(QFont.Weight.DemiBold)
        fr.format = fmt
        ranges.append(fr)
    layout.setFormats(ranges)
    layout.beginLayout()
    height = 0.0
    for _ in range(SNIPPET_LINES):
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(rect.width())
        line.setPosition(QPointF(0, height))
        height += line.height()
    layout.endLayout()
    painter.setClipRect(rect)
    layout.draw(painter, QPointF(rect.left(), rect.top()))


def _utf16(text: str, index: int) -> int:
    prefix = text[:index]
    return index if prefix.isascii() else len(prefix.encode("utf-16-le")) // 2


LAYOUT_BATCH = 200  # rows laid out per event-loop turn: a few ms


class ResultsView(QListView):
    """Arrow keys move, Enter opens (and moves focus to the text)."""

    openRequested = Signal(int)  # article id: read it now, focus the reading view

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultsList")
        self.setItemDelegate(ResultDelegate(self))
        self.setUniformItemSizes(True)
        # Laid out a batch of rows per event-loop turn: listing a whole 58k library would
        # otherwise hold the window for over a second (every row asks the Python model).
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(LAYOUT_BATCH)
        # Many at once (Shift/Ctrl+click, Shift+arrows) to tag, star or collect them together.
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.activated.connect(self._emit_open)

    def _emit_open(self, index: QModelIndex) -> None:
        article_id = index.data(ResultsModel.IdRole)
        if article_id is not None:
            self.openRequested.emit(int(article_id))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._emit_open(self.currentIndex())
            return
        super().keyPressEvent(event)

    def current_article_id(self) -> int | None:
        index = self.currentIndex()
        return index.data(ResultsModel.IdRole) if index.isValid() else None

    def selected_article_ids(self) -> list[int]:
        """The articles selected, in list order (the current one when none is)."""
        rows = sorted(i.row() for i in self.selectionModel().selectedRows())
        ids = [self.model().index(r, 0).data(ResultsModel.IdRole) for r in rows]
        current = self.current_article_id()
        if not ids and current is not None:
            ids = [current]
        return [int(i) for i in ids if i is not None]
