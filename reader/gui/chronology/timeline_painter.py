"""Painting the timeline: axis and ticks, lanes, markers in outlet colours, clusters, conflict
flags and the legend. Colours come from the palette, so light and dark both read well.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPalette, QPen

from reader.chronology import Event
from reader.gui.chronology.timeline_axis import Ticks
from reader.gui.chronology.timeline_layout import LABEL_MAX, LANES, Geometry, Mark
from reader.gui.theme import Theme

if TYPE_CHECKING:
    from reader.gui.chronology.timeline_view import TimelineView  # the view owns its painter

WARNING_LIGHT, WARNING_DARK = QColor("#e0a100"), QColor("#ffc04d")


class TimelinePainter:
    def __init__(self, view: TimelineView) -> None:
        self.view = view
        self._small: QFont | None = None

    def small_font(self) -> QFont:
        if self._small is None:
            font = QFont(self.view.font())
            font.setPointSizeF(max(7.0, font.pointSizeF() * 0.88))
            self._small = font
        return self._small

    def restyle(self) -> None:
        self._small = None

    # -- the whole picture -------------------------------------------------------------------

    def paint(self, p: QPainter, theme: Theme, palette: QPalette) -> None:
        view = self.view
        p.fillRect(view.rect(), theme.base)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        p.setFont(self.small_font())
        if not view.lanes_shown():
            self._empty(p, theme)
            return
        geo = view.geometry_()
        axis = view.axis_ticks()
        self._lanes(p, geo, theme, palette)
        self._grid(p, geo, axis, theme)
        p.save()
        p.setClipRect(QRectF(geo.left, geo.axis_bottom, geo.right - geo.left + 8,
                             geo.footer_top - geo.axis_bottom))
        self._selection_guide(p, geo, palette)
        for mark in view.marks():
            self._mark(p, geo, mark, theme, palette)
        p.restore()
        self._axis(p, geo, axis, theme)
        self._footer(p, geo, theme)

    def _empty(self, p: QPainter, theme: Theme) -> None:
        view = self.view
        text = view.message() or "No dated events here."
        if view.unresolved_count():
            n = view.unresolved_count()
            text += (f"\n{n} unresolved date{'s' if n > 1 else ''} (no publication date to "
                     "anchor them) are in the list below.")
        font = QFont(view.font())
        p.setFont(font)
        p.setPen(theme.muted)
        p.drawText(QRectF(view.rect()).adjusted(24, 12, -24, -12),
                   Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)

    # -- background, axis, grid --------------------------------------------------------------

    def _lanes(self, p: QPainter, geo: Geometry, theme: Theme, palette: QPalette) -> None:
        alt = palette.color(QPalette.ColorRole.AlternateBase)
        if abs(alt.lightness() - theme.base.lightness()) < 4:
            alt = _mix(theme.base, theme.text, 0.04)
        line = _mix(theme.base, theme.text, 0.12)
        p.setPen(Qt.PenStyle.NoPen)
        for i, (lane, top, bottom, _rows) in enumerate(geo.lanes):
            if i % 2:
                p.fillRect(QRectF(0, top, self.view.width(), bottom - top), alt)
            p.setPen(theme.muted)
            p.drawText(QRectF(8, top, geo.left - 12, bottom - top),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                       LANES[lane][0])
        p.setPen(QPen(line, 1))
        p.drawLine(QPointF(geo.left - 4, geo.axis_bottom), QPointF(geo.left - 4, geo.footer_top))
        p.drawLine(QPointF(0, geo.footer_top), QPointF(self.view.width(), geo.footer_top))

    def _grid(self, p: QPainter, geo: Geometry, axis: Ticks, theme: Theme) -> None:
        view = self.view
        faint = _mix(theme.base, theme.text, 0.08)
        strong = _mix(theme.base, theme.text, 0.2)
        p.setPen(QPen(faint, 1))
        for t, _label in axis.major:
            x = round(view.to_px(t)) + 0.5
            if geo.left <= x <= geo.right:
                p.drawLine(QPointF(x, geo.axis_bottom), QPointF(x, geo.footer_top))
        p.setPen(QPen(strong, 1))
        for t0, _t1, _label in axis.context:
            x = round(view.to_px(t0)) + 0.5
            if geo.left <= x <= geo.right:
                p.drawLine(QPointF(x, 4), QPointF(x, geo.footer_top))

    def _axis(self, p: QPainter, geo: Geometry, axis: Ticks, theme: Theme) -> None:
        view = self.view
        p.fillRect(QRectF(0, 0, view.width(), geo.axis_bottom), theme.base)
        p.fillRect(QRectF(0, geo.axis_bottom, geo.left - 4, 0), theme.base)
        fm = QFontMetricsF(self.small_font())
        bold = QFont(self.small_font())
        bold.setBold(True)
        bfm = QFontMetricsF(bold)
        p.setPen(QPen(_mix(theme.base, theme.text, 0.35), 1))
        p.drawLine(QPointF(geo.left, geo.axis_bottom - 0.5),
                   QPointF(geo.right, geo.axis_bottom - 0.5))
        for t in axis.minor:
            x = round(view.to_px(t)) + 0.5
            if geo.left <= x <= geo.right:
                p.drawLine(QPointF(x, geo.axis_bottom - 3), QPointF(x, geo.axis_bottom))
        # One unit per label (a year, a month, a day) centres its label; steps of several
        # units label the tick, as maps and charts do.
        centred = len(axis.major) > 1 and _one_unit(axis)
        last_right = -1e9
        for i, (t, label) in enumerate(axis.major):
            x = view.to_px(t)
            if geo.left <= x <= geo.right:
                p.setPen(QPen(_mix(theme.base, theme.text, 0.35), 1))
                p.drawLine(QPointF(round(x) + 0.5, geo.axis_bottom - 7),
                           QPointF(round(x) + 0.5, geo.axis_bottom))
            width = fm.horizontalAdvance(label)
            if centred:
                nxt = (view.to_px(axis.major[i + 1][0]) if i + 1 < len(axis.major)
                       else x + (x - view.to_px(axis.major[i - 1][0])))
                lx = (x + nxt) / 2 - width / 2
            else:
                lx = x + 3
            if lx < geo.left or lx + width > geo.right + 8 or lx < last_right + 6:
                continue
            p.setPen(theme.text)
            p.drawText(QPointF(lx, geo.axis_bottom - 10), label)
            last_right = lx + width
        p.setFont(bold)
        p.setPen(theme.text)
        for t0, t1, label in axis.context:
            x0 = max(geo.left, view.to_px(t0)) + 4
            x1 = min(geo.right, view.to_px(t1)) - 4
            if x1 - x0 >= bfm.horizontalAdvance(label):
                p.drawText(QPointF(x0, bfm.ascent() + 3), label)
        p.setFont(self.small_font())
        if not axis.context:
            p.setPen(theme.muted)
            p.drawText(QPointF(8, bfm.ascent() + 3), _range_label(view))

    # -- markers -----------------------------------------------------------------------------

    def _mark(self, p: QPainter, geo: Geometry, mark: Mark, theme: Theme,
              palette: QPalette) -> None:
        view = self.view
        rect = view.mark_rect(mark, geo)
        selected = view.selected() in mark.indices
        hovered = view.hovered() is mark
        if mark.cluster:
            self._cluster(p, rect, mark, theme)
            if any(view.events[i].conflicts for i in mark.indices):
                self._warning(p, QPointF(rect.right() - 2, rect.top()), theme)
        else:
            event = view.events[mark.indices[0]]
            colours = [view.colours.colour(o) for o in event.outlets]
            if event.kind == "published":
                self._published(p, rect, mark, colours, theme)
            elif mark.point:
                self._dot(p, rect, colours, theme)
            else:
                self._bar(p, rect, colours, faded=mark.lane == 0)
            self._label(p, rect, mark, event, colours, theme)
            if event.conflicts:
                self._warning(p, QPointF(rect.right() - 1, rect.top()), theme)
        if selected or hovered:
            colour = palette.color(QPalette.ColorRole.Highlight) if selected else theme.text
            p.setPen(QPen(colour, 2 if selected else 1))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(rect.adjusted(-2, -2, 2, 2), 4, 4)

    def _bar(self, p: QPainter, rect: QRectF, colours: list[QColor], faded: bool) -> None:
        path = QPainterPath()
        path.addRoundedRect(rect, 3, 3)
        p.save()
        p.setClipPath(path, Qt.ClipOperation.IntersectClip)
        band = rect.height() / len(colours)
        for i, colour in enumerate(colours):
            fill = QColor(colour)
            if faded:
                fill.setAlphaF(0.45)
            p.fillRect(QRectF(rect.left(), rect.top() + i * band, rect.width(), band + 0.5), fill)
        p.restore()
        if faded:
            p.setPen(QPen(colours[0], 1))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(path)

    def _dot(self, p: QPainter, rect: QRectF, colours: list[QColor], theme: Theme) -> None:
        size = min(rect.height(), rect.width())
        circle = QRectF(rect.center().x() - size / 2, rect.center().y() - size / 2, size, size)
        p.setPen(Qt.PenStyle.NoPen)
        if len(colours) == 1:
            p.setBrush(colours[0])
            p.drawEllipse(circle)
        else:
            step = 360 * 16 // len(colours)
            for i, colour in enumerate(colours):
                p.setBrush(colour)
                p.drawPie(circle, 90 * 16 - i * step, -step)
        p.setPen(QPen(theme.base, 1))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(circle)

    def _published(self, p: QPainter, rect: QRectF, mark: Mark, colours: list[QColor],
                   theme: Theme) -> None:
        """Publications are hollow: they say when an article appeared, not what it reports."""
        p.setBrush(theme.base)
        p.setPen(QPen(colours[0], 2))
        if mark.point:
            c = rect.center()
            r = min(rect.height(), rect.width()) / 2
            diamond = [QPointF(c.x(), c.y() - r), QPointF(c.x() + r, c.y()),
                       QPointF(c.x(), c.y() + r), QPointF(c.x() - r, c.y())]
            p.drawPolygon(diamond)
        else:
            p.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 3, 3)

    def _cluster(self, p: QPainter, rect: QRectF, mark: Mark, theme: Theme) -> None:
        p.setPen(QPen(_mix(theme.text, theme.base, 0.55), 1))
        p.setBrush(_mix(theme.text, theme.base, 0.82))
        p.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        text = f"{len(mark.indices):,}"
        fm = QFontMetricsF(self.small_font())
        span = self.view.events[mark.indices[0]].span
        if mark.same_span and span is not None:  # "2015 · 14": one date, many events
            named = f"{span.label()} · {text}"
            if fm.horizontalAdvance(named) + 10 <= rect.width():
                text = named
        geo = self.view.geometry_()
        x0, x1 = max(rect.left(), geo.left), min(rect.right(), geo.right)
        shown = QRectF(x0, rect.top(), x1 - x0, rect.height())  # the part on screen
        if fm.horizontalAdvance(text) + 6 <= shown.width():
            p.setPen(theme.text)
            p.drawText(shown, Qt.AlignmentFlag.AlignCenter, text)

    def _warning(self, p: QPainter, at: QPointF, theme: Theme) -> None:
        """An amber triangle with "!": outlets disagree on this date."""
        size = 11.0
        x, y = at.x(), at.y()
        tri = [QPointF(x, y - size * 0.55), QPointF(x + size / 2, y + size * 0.35),
               QPointF(x - size / 2, y + size * 0.35)]
        p.setPen(QPen(theme.base, 1))
        p.setBrush(WARNING_DARK if theme.dark else WARNING_LIGHT)
        p.drawPolygon(tri)
        p.setPen(QPen(QColor("#1a1a1a"), 1.2))
        p.drawLine(QPointF(at.x(), at.y() - size * 0.25), QPointF(at.x(), at.y() + size * 0.05))
        p.drawPoint(QPointF(at.x(), at.y() + size * 0.2))

    def _label(self, p: QPainter, rect: QRectF, mark: Mark, event: Event,
               colours: list[QColor], theme: Theme) -> None:
        fm = QFontMetricsF(self.small_font())
        assert event.span is not None
        shift = 5.0 if event.conflicts else 0.0  # clear of the warning triangle
        if not mark.point:
            label = event.span.label()
            width = fm.horizontalAdvance(label)
            geo = self.view.geometry_()
            if width + 8 <= rect.width():
                # Centred on the part on screen, so a century seen up close keeps its name.
                x0, x1 = max(rect.left(), geo.left), min(rect.right(), geo.right)
                inside = QRectF(x0, rect.top(), x1 - x0, rect.height())
                if width + 8 > inside.width():
                    return
                filled = event.kind != "published" and mark.lane != 0
                p.setPen(_on(colours[0]) if filled else theme.text)
                p.drawText(inside, Qt.AlignmentFlag.AlignCenter, label)
                return
            if mark.room >= width + 4 + shift:
                p.setPen(theme.text)
                p.drawText(QPointF(rect.right() + 4 + shift, _baseline(rect, fm)), label)
            return
        first = event.entries[0]
        text = (first.title or "") if event.kind == "published" else " ".join(
            first.sentence.split())
        base = _baseline(rect, fm)
        p.setPen(theme.muted)
        if mark.room >= 40 + shift:
            text = fm.elidedText(text, Qt.TextElideMode.ElideRight,
                                 min(mark.room - 4 - shift, LABEL_MAX))
            p.drawText(QPointF(rect.right() + 4 + shift, base), text)
        elif mark.room_left >= 60:  # at the right edge: the label goes on the left
            text = fm.elidedText(text, Qt.TextElideMode.ElideRight,
                                 min(mark.room_left - 4, LABEL_MAX))
            p.drawText(QPointF(rect.left() - 4 - fm.horizontalAdvance(text), base), text)

    def _selection_guide(self, p: QPainter, geo: Geometry, palette: QPalette) -> None:
        index = self.view.selected()
        mark = self.view.mark_of(index) if index is not None else None
        if mark is None:
            return
        colour = QColor(palette.color(QPalette.ColorRole.Highlight))
        colour.setAlphaF(0.55)
        pen = QPen(colour, 1, Qt.PenStyle.DashLine)
        p.setPen(pen)
        x = round((mark.x0 + mark.x1) / 2) + 0.5
        p.drawLine(QPointF(x, geo.axis_bottom), QPointF(x, geo.footer_top))

    # -- legend ------------------------------------------------------------------------------

    def _footer(self, p: QPainter, geo: Geometry, theme: Theme) -> None:
        view = self.view
        fm = QFontMetricsF(self.small_font())
        y = geo.footer_top + (view.height() - geo.footer_top) / 2
        base = y + fm.ascent() / 2 - 1
        right = view.width() - 8.0
        n = view.unresolved_count()
        if n:
            note = f"{n} unresolved date{'s' if n > 1 else ''}: in the list below"
            right -= fm.horizontalAdvance(note)
            p.setPen(theme.muted)
            p.drawText(QPointF(right, base), note)
            right -= 16
        x = 8.0
        # Shapes first (those on show): they explain the markers; outlets follow while there
        # is room.
        kinds = view.kinds_shown()
        if "mention" in kinds:
            x = self._key_dot(p, x, y, base, fm, theme)
        if "published" in kinds:
            p.setPen(QPen(theme.text, 1.5))
            p.setBrush(theme.base)
            r = 4.5
            p.drawPolygon([QPointF(x + r, y - r), QPointF(x + 2 * r, y), QPointF(x + r, y + r),
                           QPointF(x, y)])
            x += 2 * r + 4
            x = self._text(p, x, base, "published", theme.muted) + 12
        if "conflict" in kinds:
            self._warning(p, QPointF(x + 4, y + 1), theme)
            x = self._text(p, x + 11, base, "dates disagree", theme.muted) + 12
        x += 6
        ranked = view.ranked_outlets
        for i, outlet in enumerate(ranked):
            width = 14 + fm.horizontalAdvance(outlet) + 12
            rest = len(ranked) - i
            more = f"+{rest - 1} more" if rest > 1 else ""
            if x + width + fm.horizontalAdvance(more) > right:
                self._text(p, x, base, f"+{rest} more outlets", theme.muted)
                break
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(view.colours.colour(outlet))
            p.drawEllipse(QRectF(x, y - 4.5, 9, 9))
            x = self._text(p, x + 13, base, outlet, theme.text) + 12

    def _key_dot(self, p: QPainter, x: float, y: float, base: float, fm: QFontMetricsF,
                 theme: Theme) -> float:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(theme.muted)
        p.drawEllipse(QRectF(x, y - 4.5, 9, 9))
        return self._text(p, x + 13, base, "in the text", theme.muted) + 12

    def _text(self, p: QPainter, x: float, base: float, text: str, colour: QColor) -> float:
        p.setPen(colour)
        p.drawText(QPointF(x, base), text)
        return x + QFontMetricsF(self.small_font()).horizontalAdvance(text)


def _mix(a: QColor, b: QColor, weight_b: float) -> QColor:
    """`a` moved towards `b` by `weight_b` (0 = a, 1 = b)."""
    wa = 1.0 - weight_b
    return QColor(round(a.red() * wa + b.red() * weight_b),
                  round(a.green() * wa + b.green() * weight_b),
                  round(a.blue() * wa + b.blue() * weight_b))


def _one_unit(axis: Ticks) -> bool:
    labels = [label for _, label in axis.major]
    if axis.unit == "year":
        return len(labels) > 1 and int(labels[1]) - int(labels[0]) == 1
    if axis.unit == "month":
        return len(axis.major) > 1 and axis.major[1][0] - axis.major[0][0] <= 31
    return len(axis.major) > 1 and axis.major[1][0] - axis.major[0][0] == 1


def _baseline(rect: QRectF, fm: QFontMetricsF) -> float:
    return rect.center().y() + (fm.ascent() - fm.descent()) / 2


def _on(colour: QColor) -> QColor:
    """Black or white, whichever reads on `colour`."""
    luma = 0.299 * colour.redF() + 0.587 * colour.greenF() + 0.114 * colour.blueF()
    return QColor("#111111") if luma > 0.6 else QColor("#ffffff")


def _range_label(view: TimelineView) -> str:
    first, last = view.visible_dates()
    years = last.year - first.year
    if years >= 200:
        return f"{math.floor(first.year / 100) * 100}–{last.year}"
    return f"{first.year}–{last.year}"
