"""The painted timeline: a zoomable, pannable time axis with the chronology's events as markers,
one lane per date precision, outlet colours, conflict flags and clusters where markers crowd.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from reader.chronology import Event
from reader.gui.chronology.model import (
    OutletColours,
    cluster_tooltip,
    conflict_text,
    event_tooltip,
)
from reader.gui.chronology.timeline_axis import FIRST, LAST, Ticks, ticks, to_day
from reader.gui.chronology.timeline_layout import ROWS, Calendar, Geometry, Mark, layout_lane
from reader.gui.chronology.timeline_painter import TimelinePainter
from reader.gui.theme import current_theme

MIN_SPAN = 10.0  # days: the closest zoom still shows a week and a half
MAX_SPAN = 800 * 365.25
ZOOM_STEP = 1.25
GUTTER = 70.0  # lane names
AXIS_H = 38.0
FOOTER_H = 22.0
ROW_H = 16.0  # one row of markers
LANE_PAD = 6.0
MIN_ROW_H = 12.0


class TimelineView(QWidget):
    activated = Signal(int)  # an event (its index in the list) was clicked
    menuRequested = Signal(int, QPoint)  # an event was right-clicked: index, global position
    clusterChosen = Signal(list)  # a cluster of events on one date: their indices
    rangeChanged = Signal(float, float)  # visible days

    def __init__(self, colours: OutletColours, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chronologyTimeline")
        self.colours = colours
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._events: list[Event] = []
        self._calendar = Calendar()
        self._conflicts: dict[int, str] = {}
        self._unresolved = 0
        self._message = ""
        self._t0, self._t1 = 0.0, 365.0
        self._selected: int | None = None
        self._hover: Mark | None = None
        self._press: QPointF | None = None
        self._press_t0 = 0.0
        self._dragging = False
        self._marks: list[Mark] | None = None
        self._geometry: Geometry | None = None
        self._label_widths: dict[int, float] = {}
        self._fitted_most: tuple[float, float] | None = None
        self.ranked_outlets: list[str] = []
        self._kinds: set[str] = set()
        self._painter = TimelinePainter(self)

    # -- content -----------------------------------------------------------------------------

    def set_events(self, events: list[Event], *, fit: bool = True) -> None:
        self._events = events
        self._calendar = Calendar.of(events)
        self._label_widths = {}
        self._conflicts = {i: conflict_text(e, events) for i, e in enumerate(events)
                           if e.conflicts}
        self._unresolved = sum(1 for e in events if e.span is None)
        counts: dict[str, int] = {}
        for event in events:
            for outlet in event.outlets:
                counts[outlet] = counts.get(outlet, 0) + 1
        self.ranked_outlets = sorted(counts, key=lambda o: (-counts[o], o))  # for the legend
        placed = [e for e in events if e.span is not None]
        self._kinds = {e.kind for e in placed} | ({"conflict"} if any(
            e.conflicts for e in placed) else set())
        self._selected = None
        self._hover = None
        self._fitted_most = None
        self._invalidate()
        self.updateGeometry()
        if fit or not self._calendar.items:
            self.fit()

    @property
    def events(self) -> list[Event]:
        return self._events

    def set_message(self, text: str) -> None:
        """Shown instead of the axis while there is nothing to draw (or why)."""
        self._message = text
        self.update()

    def message(self) -> str:
        return self._message

    def lanes_shown(self) -> list[int]:
        return sorted(self._calendar.lanes) if self._calendar.items else []

    def kinds_shown(self) -> set[str]:
        """Which legend keys apply: "mention", "published", "conflict"."""
        return self._kinds

    def conflict(self, index: int) -> str:
        return self._conflicts.get(index, "")

    # -- selection ---------------------------------------------------------------------------

    def selected(self) -> int | None:
        return self._selected

    def set_selected(self, index: int | None, ensure_visible: bool = True) -> None:
        self._selected = index
        if index is not None and ensure_visible:
            self.ensure_visible(index)
        self.update()

    def ensure_visible(self, index: int) -> None:
        event = self._events[index] if 0 <= index < len(self._events) else None
        if event is None or event.span is None:
            return
        t0 = float(event.span.start.toordinal())
        t1 = float(event.span.end.toordinal() + 1)
        span = self._t1 - self._t0
        if t1 - t0 > span:
            return  # a century in a view of months: it is on screen wherever we are
        if t0 < self._t0 or t1 > self._t1:
            centre = (t0 + t1) / 2
            self.set_range(centre - span / 2, centre + span / 2)

    # -- the visible range -------------------------------------------------------------------

    def visible_range(self) -> tuple[float, float]:
        return self._t0, self._t1

    def visible_dates(self):
        return to_day(self._t0), to_day(self._t1)

    def set_range(self, t0: float, t1: float) -> None:
        span = min(MAX_SPAN, max(MIN_SPAN, t1 - t0))
        centre = (t0 + t1) / 2
        t0 = min(max(FIRST, centre - span / 2), LAST - span)
        if (t0, t0 + span) != (self._t0, self._t1):
            self._t0, self._t1 = t0, t0 + span
            self._invalidate()
            self.rangeChanged.emit(self._t0, self._t1)

    def fit(self) -> None:
        """Show where most events lie; if that is already on show, show every event."""
        cal = self._calendar
        if not cal.items:
            self.set_range(self._t0, self._t1)
            return
        if self._fitted_most is not None and self._fitted_most == (self._t0, self._t1):
            self.fit_all()
            return
        self.set_range(*self._padded(*cal.most()))
        self._fitted_most = (self._t0, self._t1)

    def fit_all(self) -> None:
        if self._calendar.items:
            self.set_range(*self._padded(self._calendar.t0, self._calendar.t1))

    @staticmethod
    def _padded(t0: float, t1: float) -> tuple[float, float]:
        span = max(45.0, t1 - t0)
        pad = span * 0.04 + 2
        centre = (t0 + t1) / 2
        return centre - span / 2 - pad, centre + span / 2 + pad

    def zoom(self, steps: float, anchor_x: float | None = None) -> None:
        """Zoom in (steps > 0) or out around `anchor_x` (pixels), the centre by default."""
        geo = self.geometry_()
        width = max(1.0, geo.right - geo.left)
        x = (geo.left + geo.right) / 2 if anchor_x is None else anchor_x
        frac = min(1.0, max(0.0, (x - geo.left) / width))
        anchor = self._t0 + frac * (self._t1 - self._t0)
        span = min(MAX_SPAN, max(MIN_SPAN, (self._t1 - self._t0) / ZOOM_STEP**steps))
        self.set_range(anchor - frac * span, anchor - frac * span + span)

    def pan(self, fraction: float) -> None:
        shift = (self._t1 - self._t0) * fraction
        self.set_range(self._t0 + shift, self._t1 + shift)

    # -- geometry and layout -----------------------------------------------------------------

    def geometry_(self) -> Geometry:
        """Lanes as tall as the rows they use at this zoom, the spare height shared out."""
        if self._geometry is None:
            marks = self.marks()
            lanes = self.lanes_shown()
            rows = {lane: 1 for lane in lanes}
            for mark in marks:
                rows[mark.lane] = max(rows[mark.lane], mark.row + 1)
            footer_top = self.height() - FOOTER_H
            avail = footer_top - AXIS_H
            total_rows = sum(rows.values()) or 1
            row_h = ROW_H
            if total_rows * row_h + LANE_PAD * len(lanes) > avail:
                row_h = max(MIN_ROW_H, (avail - LANE_PAD * len(lanes)) / total_rows)
            spare = avail - total_rows * row_h - LANE_PAD * len(lanes)
            extra = max(0.0, spare) / max(1, len(lanes))
            spans, top = [], AXIS_H
            for lane in lanes:
                height = rows[lane] * row_h + LANE_PAD + extra
                first_row = top + (height - rows[lane] * row_h) / 2
                spans.append((lane, top, top + height, first_row))
                top += height
            self._geometry = Geometry(GUTTER, self.width() - 10.0, AXIS_H, footer_top, spans,
                                      row_h)
        return self._geometry

    def sizeHint(self) -> QSize:
        lanes = max(2, len(self.lanes_shown()))
        return QSize(900, int(AXIS_H + FOOTER_H + lanes * (2 * ROW_H + LANE_PAD)))

    def minimumSizeHint(self) -> QSize:
        lanes = max(1, len(self.lanes_shown()))
        return QSize(320, int(AXIS_H + FOOTER_H + lanes * (ROW_H + 4)))

    def to_px(self, t: float) -> float:
        left, right = GUTTER, self.width() - 10.0
        return left + (t - self._t0) / (self._t1 - self._t0) * (right - left)

    def at_px(self, x: float) -> float:
        left, right = GUTTER, self.width() - 10.0
        return self._t0 + (x - left) / max(1.0, right - left) * (self._t1 - self._t0)

    def marks(self) -> list[Mark]:
        """The markers at the current zoom (cached until the range, size or events change)."""
        if self._marks is None:
            t0, t1 = self._t0, self._t1
            fm = QFontMetricsF(self._painter.small_font())
            events, widths = self._events, self._label_widths
            left, right = GUTTER, self.width() - 10.0
            scale = (right - left) / (t1 - t0)

            def to_px(t: float) -> float:
                return left + (t - t0) * scale

            def label_px(index: int) -> float:
                width = widths.get(index)
                if width is None:
                    span = events[index].span
                    width = widths[index] = fm.horizontalAdvance(span.label()) if span else 0.0
                return width

            marks: list[Mark] = []
            rows = self.rows_per_lane()
            for lane in self.lanes_shown():
                items = self._calendar.visible(lane, t0, t1)
                marks.extend(layout_lane(items, to_px, left, right, label_px, rows))
            self._marks = marks
        return self._marks

    def rows_per_lane(self) -> int:
        """Up to three rows of markers a lane, fewer when the panel is short (more clusters)."""
        lanes = max(1, len(self.lanes_shown()))
        avail = self.height() - AXIS_H - FOOTER_H - LANE_PAD * lanes
        return max(1, min(ROWS, int(avail // (lanes * MIN_ROW_H))))

    def mark_rect(self, mark: Mark, geo: Geometry | None = None) -> QRectF:
        geo = geo or self.geometry_()
        first_row = next(r for lane, _t, _b, r in geo.lanes if lane == mark.lane)
        y = first_row + mark.row * geo.row_h
        return QRectF(mark.x0, y + 2, mark.x1 - mark.x0, geo.row_h - 4)

    def mark_at(self, pos: QPointF) -> Mark | None:
        geo = self.geometry_()
        if pos.x() < geo.left or pos.y() < geo.axis_bottom or pos.y() > geo.footer_top:
            return None
        for mark in reversed(self.marks()):
            if self.mark_rect(mark, geo).adjusted(-2, -2, 2, 2).contains(pos):
                return mark
        return None

    def mark_of(self, index: int) -> Mark | None:
        return next((m for m in self.marks() if index in m.indices), None)

    def axis_ticks(self) -> Ticks:
        fm = QFontMetricsF(self._painter.small_font())
        gaps = {"year": fm.horizontalAdvance("8888") + 16,
                "month": fm.horizontalAdvance("May") + 14,
                "day": fm.horizontalAdvance("28") + 12}
        geo = self.geometry_()
        return ticks(self._t0, self._t1, geo.right - geo.left, gaps)

    def _invalidate(self) -> None:
        self._marks = None
        self._geometry = None
        self.update()

    # -- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self._painter.paint(painter, current_theme(), self.palette())
        finally:
            painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._marks = None
        self._geometry = None
        super().resizeEvent(event)

    def unresolved_count(self) -> int:
        return self._unresolved

    def hovered(self) -> Mark | None:
        return self._hover

    # -- interaction -------------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        horizontal = delta.x() if delta.x() else (
            delta.y() if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 0)
        if horizontal:
            self.pan(-horizontal / 120 * 0.1)
        elif delta.y():
            self.zoom(delta.y() / 120, event.position().x())
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position()
            self._press_t0 = self._t0
            self._dragging = False
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            dx = pos.x() - self._press.x()
            if abs(dx) > 3 or self._dragging:
                self._dragging = True
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
                days = dx / max(1.0, self.width() - 10.0 - GUTTER) * (self._t1 - self._t0)
                span = self._t1 - self._t0
                self.set_range(self._press_t0 - days, self._press_t0 - days + span)
            return
        hover = self.mark_at(pos)
        if hover is not self._hover:
            self._hover = hover
            self.setCursor(Qt.CursorShape.PointingHandCursor if hover
                           else Qt.CursorShape.ArrowCursor)
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return
        dragged, self._press, self._dragging = self._dragging, None, False
        self.unsetCursor()
        if dragged:
            return
        mark = self.mark_at(event.position())
        if mark is None:
            return
        if mark.cluster and mark.same_span:
            self.clusterChosen.emit(sorted(mark.indices))  # zooming would not part them
            return
        if mark.cluster:
            pad = (mark.t1 - mark.t0) * 0.15 + 3
            self.set_range(mark.t0 - pad, mark.t1 + pad)
            return
        self.set_selected(mark.indices[0], ensure_visible=False)
        self.activated.emit(mark.indices[0])

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        mark = self.mark_at(QPointF(event.pos()))
        if mark is not None and not mark.cluster:
            self.menuRequested.emit(mark.indices[0], event.globalPos())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.mark_at(event.position()) is None:
            self.zoom(3, event.position().x())

    def leaveEvent(self, event) -> None:
        self._hover = None
        self.update()
        super().leaveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(1)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom(-1)
        elif key == Qt.Key.Key_Left:
            self.pan(-0.1)
        elif key == Qt.Key.Key_Right:
            self.pan(0.1)
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_0):
            self.fit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._selected is not None:
            self.activated.emit(self._selected)
        else:
            super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:  # tooltips
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            mark = self.mark_at(QPointF(event.pos()))
            if mark is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip(mark), self)
            return True
        return super().event(event)

    def tooltip(self, mark: Mark) -> str:
        if mark.cluster:
            return cluster_tooltip([self._events[i] for i in mark.indices], to_day(mark.t0),
                                   to_day(mark.t1 - 1), mark.same_span)
        index = mark.indices[0]
        return event_tooltip(self._events[index], self._conflicts.get(index, ""))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._painter.restyle()
            self._label_widths.clear()
            self._invalidate()
            self.update()
        super().changeEvent(event)
