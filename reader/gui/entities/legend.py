"""The highlight legend: one check box per entity type, in its colour, that shows or hides it.

The boxes flow onto as many lines as the panel's width needs (a narrow dock stays tidy).
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QLayout, QLayoutItem, QWidget

from reader.gui.entities.groups import GROUPS, swatch
from reader.gui.theme import current_theme


class FlowLayout(QLayout):
    """Left-to-right, wrapping to the next line when the width runs out."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 10) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _arrange(self, rect: QRect, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line = area.x(), area.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line > 0:
                x, y, line = area.x(), y + line + self._spacing // 2, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y() + m.bottom()


class EntityLegend(QWidget):
    typeToggled = Signal(str, bool)  # group key, shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entityLegend")
        layout = FlowLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        self.boxes: dict[str, QCheckBox] = {}
        for g in GROUPS:
            box = QCheckBox(g.title.replace("&", "&&"), self, checked=True)
            box.setToolTip(f"Highlight {g.title.lower()} in the article "
                           f"({', '.join(g.labels)})")
            box.toggled.connect(lambda on, key=g.key: self.typeToggled.emit(key, on))
            layout.addWidget(box)
            self.boxes[g.key] = box
        self.refresh_theme()

    def set_hidden(self, hidden: Collection[str]) -> None:
        for key, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(key not in hidden)
            box.blockSignals(False)

    def refresh_theme(self) -> None:
        theme = current_theme()
        for key, box in self.boxes.items():
            box.setIcon(swatch(key, theme))
