"""The gutter between the two panes: a ribbon joins each pair (solid edges for the same wording,
dashed for the same fact in other words, dotted and fainter for a related sentence) and "only"
marks the one-sided sentences.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from reader.gui.compare.pane import ComparePane

GUTTER_WIDTH = 64
EDGE_STYLE = {"same": Qt.PenStyle.SolidLine, "similar": Qt.PenStyle.DashLine,
              "related": Qt.PenStyle.DotLine}


@dataclass(frozen=True)
class Ribbon:
    """One pair as the gutter draws it."""

    a: tuple[int, int]
    b: tuple[int, int]
    kind: str
    fill: QColor
    edge: QColor
    in_order: bool  # part of the reading order both sides share (crossing ones are fainter)


class ConnectorGutter(QWidget):
    ribbonClicked = Signal(int)  # index into the ribbons (and the comparison's pairs)

    def __init__(self, pane_a: ComparePane, pane_b: ComparePane,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareGutter")
        self.pane_a, self.pane_b = pane_a, pane_b
        self.ribbons: list[Ribbon] = []
        self.selected: int | None = None
        self.only_colour = QColor("#b5542a")
        self._paths: dict[int, QPainterPath] = {}
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        for pane in (pane_a, pane_b):
            pane.verticalScrollBar().valueChanged.connect(self.update)
            pane.geometryChanged.connect(self.update)

    def sizeHint(self) -> QSize:
        return QSize(GUTTER_WIDTH, 200)

    def set_ribbons(self, ribbons: list[Ribbon], only_colour: QColor) -> None:
        self.ribbons = ribbons
        self.only_colour = only_colour
        self.selected = None
        self.update()

    def select(self, index: int | None) -> None:
        self.selected = index
        self.update()

    def _y(self, pane: ComparePane, y: int) -> float:
        """A pane's viewport y in gutter coordinates."""
        return float(self.mapFromGlobal(pane.viewport().mapToGlobal(QPoint(0, y))).y())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width, height = float(self.width()), float(self.height())
        self._paths = {}
        order = sorted(range(len(self.ribbons)),
                       key=lambda k: (k == self.selected, self.ribbons[k].in_order))
        for k in order:  # crossing ribbons first, the selected one last (on top)
            path = self._draw(painter, self.ribbons[k], k == self.selected, width, height)
            if path is not None:
                self._paths[k] = path
        self._draw_only_labels(painter, width, height)
        painter.end()

    def _draw(self, painter: QPainter, ribbon: Ribbon, selected: bool, width: float,
              height: float) -> QPainterPath | None:
        a_top, a_bottom = (self._y(self.pane_a, y) for y in self.pane_a.on_screen(*ribbon.a))
        b_top, b_bottom = (self._y(self.pane_b, y) for y in self.pane_b.on_screen(*ribbon.b))
        if (a_bottom < 0 and b_bottom < 0) or (a_top > height and b_top > height):
            return None
        inset = 2.0
        a_top, b_top = a_top + inset, b_top + inset
        a_bottom, b_bottom = max(a_top + 2, a_bottom - inset), max(b_top + 2, b_bottom - inset)
        mid = width / 2
        path = QPainterPath(QPointF(0, a_top))
        path.cubicTo(QPointF(mid, a_top), QPointF(mid, b_top), QPointF(width, b_top))
        path.lineTo(QPointF(width, b_bottom))
        path.cubicTo(QPointF(mid, b_bottom), QPointF(mid, a_bottom), QPointF(0, a_bottom))
        path.closeSubpath()
        fill = QColor(ribbon.fill)
        fill.setAlpha(235 if selected else (200 if ribbon.in_order else 110))
        if ribbon.kind == "related" and not selected:
            fill.setAlpha(fill.alpha() // 2)
        painter.fillPath(path, fill)
        pen = QPen(ribbon.edge, 2.2 if selected else 1.3)
        pen.setStyle(EDGE_STYLE.get(ribbon.kind, Qt.PenStyle.DashLine))
        if not ribbon.in_order and not selected:
            edge = QColor(ribbon.edge)
            edge.setAlpha(150)
            pen.setColor(edge)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for (y0, y1) in ((a_top, b_top), (a_bottom, b_bottom)):
            edge_path = QPainterPath(QPointF(0, y0))
            edge_path.cubicTo(QPointF(mid, y0), QPointF(mid, y1), QPointF(width, y1))
            painter.drawPath(edge_path)
        return path

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click on a ribbon selects its pair (the topmost ribbon drawn wins)."""
        point = event.position()
        for k in reversed(list(self._paths)):
            if self._paths[k].contains(point):
                self.ribbonClicked.emit(k)
                return
        super().mousePressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """The wheel over the gutter scrolls both sides, as over the right one."""
        self.pane_b.verticalScrollBar().event(event)

    def _draw_only_labels(self, painter: QPainter, width: float, height: float) -> None:
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.78))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(self.only_colour)
        line = painter.fontMetrics().height()
        for pane, align in ((self.pane_a, Qt.AlignmentFlag.AlignLeft),
                            (self.pane_b, Qt.AlignmentFlag.AlignRight)):
            previous_one_sided = False
            for mark in pane.marks:
                # One label per run of one-sided sentences: the stripe carries the rest.
                starts_run = mark.one_sided and not previous_one_sided
                previous_one_sided = mark.one_sided
                if not starts_run:
                    continue
                top, bottom = (self._y(pane, y) for y in pane.on_screen(mark.start, mark.end))
                if bottom < 0 or top > height:
                    continue
                rect = QRectF(3, top + 2, width - 6, line)
                painter.drawText(rect, align | Qt.AlignmentFlag.AlignTop, "only")
