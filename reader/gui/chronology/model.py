"""The chronology list's item model: one row per event in date order, unresolved dates last,
and the colour each outlet has on the timeline and in the list.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from reader.chronology import Event
from reader.gui.table_model import FlatTableModel
from reader.gui.theme import current_theme

_Index = QModelIndex | QPersistentModelIndex
UNKNOWN_OUTLET = "unknown outlet"  # what reader.chronology calls an article without outlet

# Qualitative colours, most distinct first; amber is left out (it is the conflict mark) and
# red comes late (it reads as an error).
_LIGHT = ("#1f6fb4", "#2e9d3a", "#8e5cc4", "#d0489b", "#8c5a3c", "#138f9e", "#8a8a1e",
          "#d1432f", "#5a6fd6", "#4f8f6f")
_DARK = ("#6aaee8", "#6fcf72", "#b99bea", "#f08cc8", "#c99a7a", "#4dd0e1", "#c9c95a",
         "#ff7b6b", "#9aa8ff", "#8fd1b0")


class OutletColours:
    """A stable colour per outlet: the library's biggest outlets get the most distinct ones."""

    def __init__(self, ranked_outlets: list[str] | None = None) -> None:
        self._rank: dict[str, int] = {}
        self.update(ranked_outlets or [])

    def update(self, ranked_outlets: list[str]) -> None:
        for outlet in ranked_outlets:
            self._rank.setdefault(outlet, len(self._rank))

    def colour(self, outlet: str | None) -> QColor:
        theme = current_theme()
        if not outlet or outlet == UNKNOWN_OUTLET:
            return QColor(theme.muted)
        table = _DARK if theme.dark else _LIGHT
        rank = self._rank.get(outlet)
        if rank is None:  # an outlet imported since: hashed, so it keeps its colour
            rank = int(hashlib.md5(outlet.encode()).hexdigest(), 16) % len(table)
        return QColor(table[rank % len(table)])


def conflict_text(event: Event, events: list[Event]) -> str:
    """Who dates this event how: "MENAFN, RT: 1951 — unknown outlet: 1952"."""
    if not event.conflicts or event.span is None:
        return ""
    parts = [f"{', '.join(event.outlets)}: {event.span.label()}"]
    for value in event.conflicts:
        others = [o for o in events if o.value == value and event.value in o.conflicts]
        if others:
            outlets = sorted({name for o in others for name in o.outlets})
            label = others[0].span.label() if others[0].span else value
            parts.append(f"{', '.join(outlets)}: {label}")
        else:
            parts.append(f"another article: {value}")
    return " — ".join(parts)


def event_label(event: Event) -> str:
    if event.span is not None:
        return event.span.label()
    return f"unresolved: {event.entries[0].text}"


def event_text(event: Event) -> str:
    """What the row says happened: the sentence, or the headline of a publication."""
    first = event.entries[0]
    if event.kind == "published":
        return f"Published: {first.title or '(untitled)'}"
    return " ".join(first.sentence.split())


def event_tooltip(event: Event, conflict: str = "") -> str:
    """Rich text for a marker: date and precision, outlets, the expression, the sentence."""
    assert event.span is not None
    first = event.entries[0]
    what = event_text(event)
    if len(what) > 220:
        what = what[:217].rsplit(" ", 1)[0] + " …"
    lines = [
        f"<b>{html.escape(event.span.label())}</b> <span style='color:gray'>· "
        f"{event.span.precision}</span>",
        html.escape(", ".join(event.outlets)),
        html.escape(what),
    ]
    if event.kind == "mention":
        lines.insert(2, f"“{html.escape(first.text)}” → {html.escape(event.value)}")
    if conflict:
        lines.append(f"⚠ {html.escape(conflict)}")
    articles = len({e.article_id for e in event.entries})
    lines.append("<i>Click to open the article" + (
        f" (reported in {articles} articles; right-click for each)" if articles > 1 else "")
        + "</i>")
    return "<p style='white-space:pre-wrap'>" + "<br>".join(lines) + "</p>"


def cluster_tooltip(events: list[Event], first: dt.date, last: dt.date, same_span: bool) -> str:
    """Rich text for a cluster: how many, when, by whom, and what a click does."""
    outlets: dict[str, int] = {}
    for event in events:
        for outlet in event.outlets:
            outlets[outlet] = outlets.get(outlet, 0) + 1
    top = sorted(outlets.items(), key=lambda kv: -kv[1])[:5]
    disputed = sum(1 for event in events if event.conflicts)
    return (f"<b>{len(events)} events</b>, {first:%-d %b %Y} – {last:%-d %b %Y}<br>"
            + html.escape(", ".join(f"{o} {n}" for o, n in top))
            + (f"<br>⚠ {disputed} dated differently by other outlets" if disputed else "")
            + ("<br><i>Click to list them</i>" if same_span else "<br><i>Click to zoom in</i>"))


class ChronologyModel(FlatTableModel):
    DATE, CONFLICT, OUTLETS, TEXT = range(4)
    HEADERS = ("Date", "", "Outlets", "What")
    HEADER_TIPS = (None, "⚠: outlets give different dates for what looks like the same event")
    EventRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, colours: OutletColours, parent: Any = None) -> None:
        super().__init__(parent)
        self.colours = colours
        self._events: list[Event] = []
        self._conflicts: dict[int, str] = {}
        self._swatches: dict[tuple[str, ...], QIcon] = {}

    def set_events(self, events: list[Event]) -> None:
        self.beginResetModel()
        self._events = list(events)
        self._conflicts = {
            i: conflict_text(e, self._events) for i, e in enumerate(self._events) if e.conflicts
        }
        self._swatches.clear()
        self.endResetModel()

    @property
    def events(self) -> list[Event]:
        return self._events

    def event_at(self, row: int) -> Event | None:
        return self._events[row] if 0 <= row < len(self._events) else None

    def conflict(self, row: int) -> str:
        return self._conflicts.get(row, "")

    def restyle(self) -> None:
        """The palette changed: outlet swatches and colours are drawn again."""
        self._swatches.clear()
        if self._events:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._events) - 1, len(self.HEADERS) - 1))

    # -- Qt model interface ------------------------------------------------------------------

    def row_count(self) -> int:
        return len(self._events)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._events):
            return None
        event = self._events[index.row()]
        column = index.column()
        roles = Qt.ItemDataRole
        if role == self.EventRole:
            return event
        if role == roles.DisplayRole:
            return self._display(event, index.row(), column)
        if role == roles.ToolTipRole:
            return self._tooltip(event, index.row(), column)
        if role == roles.DecorationRole and column == self.OUTLETS:
            return self._swatch(tuple(event.outlets))
        if role == roles.ForegroundRole:
            theme = current_theme()
            if column == self.CONFLICT:
                return QColor("#c98a00") if not theme.dark else QColor("#ffc04d")
            if event.span is None or (column == self.TEXT and event.kind == "published"):
                return QColor(theme.muted)
            return None
        if role == roles.FontRole and (event.span is None or event.kind == "published"):
            font = QFont()
            font.setItalic(True)
            return font
        if role == roles.TextAlignmentRole and column == self.CONFLICT:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, event: Event, row: int, column: int) -> str | None:
        if column == self.DATE:
            return event_label(event)
        if column == self.CONFLICT:
            return "⚠" if row in self._conflicts else ""
        if column == self.OUTLETS:
            return ", ".join(event.outlets)
        if column == self.TEXT:
            return event_text(event)
        return None

    def _tooltip(self, event: Event, row: int, column: int) -> str | None:
        if column == self.CONFLICT:
            return self._conflicts.get(row) or None
        if column == self.DATE:
            if event.span is None:
                return (f"“{event.entries[0].text}” ({event.value}): the article has no "
                        "publication date to anchor it, so it stays off the timeline")
            tip = f"{event.span.label()} — {event.span.precision} precision ({event.value})"
            return tip + (f"\n⚠ {self._conflicts[row]}" if row in self._conflicts else "")
        if column == self.TEXT:
            articles = len({e.article_id for e in event.entries})
            more = f" (and {articles - 1} more articles)" if articles > 1 else ""
            return event_text(event) + more
        return None

    def _swatch(self, outlets: tuple[str, ...]) -> QIcon:
        """Coloured dots matching the outlet colours on the timeline."""
        icon = self._swatches.get(outlets)
        if icon is None:
            size, step = 10, 7
            shown = outlets[:4]
            found = QPixmap(size + step * (len(shown) - 1), size)
            found.fill(Qt.GlobalColor.transparent)
            painter = QPainter(found)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QColor(current_theme().base))
            for i, outlet in enumerate(shown):
                painter.setBrush(self.colours.colour(outlet))
                painter.drawEllipse(QRectF(i * step + 0.5, 0.5, size - 1, size - 1))
            painter.end()
            # The same dots when the row is selected: Qt would tint them otherwise.
            icon = QIcon()
            for mode in (QIcon.Mode.Normal, QIcon.Mode.Selected, QIcon.Mode.Active):
                icon.addPixmap(found, mode)
            self._swatches[outlets] = icon
        return icon
