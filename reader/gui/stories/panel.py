"""The stories panel: each event the library covers, newest first, with its outlets as chips.

It only shows and reports what the user does (signals); StoriesController decides.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPainterPath
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QLabel,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reader.gui.stories.model import StoriesModel, date_span
from reader.gui.theme import current_theme


class StoryDelegate(QStyledItemDelegate):
    """Two lines per story: its title, then its date span, article count and outlet chips
    (as many as fit, then "+N"). Fits a narrow dock without hiding any part in a column."""

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        height = QFontMetrics(option.font).height()
        return QSize(200, 2 * height + 16)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        story = index.data(StoriesModel.StoryRole)
        if story is None:
            return
        theme = current_theme()
        rect: QRect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = option.palette
        if selected:
            painter.fillRect(rect, palette.highlight())
        fg = palette.highlightedText().color() if selected else theme.text
        muted = palette.highlightedText().color() if selected else theme.muted
        title_font = QFont(option.font)
        title_font.setBold(True)
        metrics, title_metrics = QFontMetrics(option.font), QFontMetrics(title_font)
        line = metrics.height()
        left, width = rect.left() + 6, rect.width() - 12
        painter.setFont(title_font)
        painter.setPen(fg)
        painter.drawText(
            QRect(left, rect.top() + 4, width, line), Qt.AlignmentFlag.AlignVCenter,
            title_metrics.elidedText(story.title, Qt.TextElideMode.ElideRight, width),
        )
        painter.setFont(option.font)
        painter.setPen(muted)
        count = len(story.articles)
        meta = f"{date_span(story)} · {count} articles"
        top = rect.top() + 8 + line
        painter.drawText(QRect(left, top, width, line), Qt.AlignmentFlag.AlignVCenter, meta)
        x = left + metrics.horizontalAdvance(meta) + 10
        self._chips(painter, story.outlets, x, top, rect.right() - 6, line + 2, selected)
        painter.setPen(theme.border)
        painter.drawLine(rect.left(), rect.bottom(), rect.right(), rect.bottom())
        painter.restore()

    @staticmethod
    def _chips(painter: QPainter, outlets: list[str], x: int, top: int, right: int,
               height: int, selected: bool) -> None:
        theme = current_theme()
        metrics = painter.fontMetrics()
        top -= 1
        for n, outlet in enumerate(outlets):
            width = metrics.horizontalAdvance(outlet) + 12
            rest = len(outlets) - n
            room = right - (metrics.horizontalAdvance(f"+{rest}") + 6 if rest > 1 else 0)
            if x + width > room:
                painter.setPen(theme.muted if not selected else theme.base)
                painter.drawText(QRect(x, top, right - x, height),
                                 Qt.AlignmentFlag.AlignVCenter, f"+{rest}")
                break
            path = QPainterPath()
            path.addRoundedRect(x, top, width, height, height / 2, height / 2)
            painter.fillPath(path, theme.base if selected else theme.window)
            painter.setPen(theme.border)
            painter.drawPath(path)
            painter.setPen(theme.text)
            painter.drawText(QRect(x, top, width, height), Qt.AlignmentFlag.AlignCenter, outlet)
            x += width + 4


class StoriesPanel(QWidget):
    storyOpened = Signal(int)  # story id: show its facts
    mergeRequested = Signal(list)  # story ids
    splitRequested = Signal(int)  # story id: choose articles to split off
    moveRequested = Signal(int)  # story id: move the article on show into it

    def __init__(self, model: StoriesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storiesPanel")
        self.model = model
        self.status = QLabel(self, objectName="storiesStatus", wordWrap=True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.view = QListView(self, objectName="storiesView")
        self.view.setModel(model)
        self.view.setUniformItemSizes(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setItemDelegate(StoryDelegate(self.view))
        self.view.doubleClicked.connect(lambda index: self._open(index.row()))
        self.view.activated.connect(lambda index: self._open(index.row()))

        self.open_button = QPushButton("Open story", self, toolTip="Who reports what (Enter)")
        self.merge_button = QPushButton("Merge", self, toolTip="Make the selected stories one")
        self.split_button = QPushButton("Split…", self,
                                        toolTip="Take some of the story's articles out of it")
        self.move_button = QPushButton("Move article here", self,
                                       toolTip="Put the article you are reading in this story")
        self.open_button.clicked.connect(lambda: self._open(self._current_row()))
        self.merge_button.clicked.connect(
            lambda: self.mergeRequested.emit(self.selected_ids()))
        self.split_button.clicked.connect(self._emit_for_current(self.splitRequested))
        self.move_button.clicked.connect(self._emit_for_current(self.moveRequested))
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        model.modelReset.connect(self._update_buttons)

        # Two by two, so the panel fits the narrow column beside the article (one row of four
        # made it 390 px wide at least, and every panel tabbed with it as wide).
        buttons = QGridLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for i, button in enumerate((self.open_button, self.merge_button, self.split_button,
                                    self.move_button)):
            buttons.addWidget(button, i // 2, i % 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [s.id for r in rows if (s := self.model.story_at(r)) is not None]

    def _current_row(self) -> int:
        return self.view.currentIndex().row()

    def _open(self, row: int) -> None:
        story = self.model.story_at(row)
        if story is not None:
            self.storyOpened.emit(story.id)

    def _emit_for_current(self, signal):
        def emit() -> None:
            story = self.model.story_at(self._current_row())
            if story is not None:
                signal.emit(story.id)

        return emit

    def _update_buttons(self) -> None:
        selected = len(self.selected_ids())
        self.open_button.setEnabled(selected == 1)
        self.merge_button.setEnabled(selected >= 2)
        self.split_button.setEnabled(selected == 1)
        self.move_button.setEnabled(selected == 1)
