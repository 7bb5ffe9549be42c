"""Where the timeline's markers go: one lane per date precision, up to three rows a lane, and
markers that would overlap merged into a cluster. Qt-free, so it is cheap to test and to rerun.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field

from reader.chronology import Event
from reader.gui.chronology.timeline_axis import day_of

# Lanes top to bottom; a publication goes to "Published" whatever its precision.
LANES = (
    ("Eras", ("century", "decade")),
    ("Years", ("year", "half")),
    ("Months", ("season", "quarter", "month")),
    ("Days", ("week", "day")),
    ("Published", ()),
)
PUBLISHED_LANE = len(LANES) - 1
ROWS = 3  # rows a lane stacks overlapping markers in before it clusters them
GAP = 3.0  # pixels kept between markers in a row
DOT = 11.0  # diameter of a day marker
MIN_BAR = 6.0
SMALL = 40.0  # markers narrower than this cluster with their neighbours when crowded
MIN_CLUSTER = 24.0
LABEL_MAX = 280.0  # longest text beside a marker
CLUSTER_MAX = 60.0  # a crowd wider than this is split into clusters of BIN_PX of time
BIN_PX = 40.0


def lane_of(event: Event) -> int:
    if event.kind == "published":
        return PUBLISHED_LANE
    precision = event.span.precision if event.span else ""
    return next((i for i, (_, kinds) in enumerate(LANES) if precision in kinds), 1)


@dataclass(frozen=True)
class Item:
    """One event on the calendar: days [t0, t1) and whether it is drawn as a point."""

    index: int  # position in the event list (and the list model's row)
    lane: int
    t0: float
    t1: float
    point: bool


@dataclass
class Mark:
    """A marker as laid out: one event, or a cluster of several (len(indices) > 1)."""

    x0: float
    x1: float
    lane: int
    row: int
    indices: list[int]
    t0: float
    t1: float
    point: bool
    room: float = 0.0  # free pixels to the right, for a label
    room_left: float = 0.0  # and to the left
    reach: float = 0.0  # where its label outside the marker ends (x1 if it has none)
    same_span: bool = True  # every event in it has exactly the same dates

    @property
    def cluster(self) -> bool:
        return len(self.indices) > 1


@dataclass
class Calendar:
    """The events that have a place on the axis, by lane and sorted by start."""

    items: list[Item] = field(default_factory=list)
    lanes: dict[int, list[Item]] = field(default_factory=dict)
    starts: dict[int, list[float]] = field(default_factory=dict)
    longest: dict[int, float] = field(default_factory=dict)
    t0: float = 0.0
    t1: float = 0.0

    @classmethod
    def of(cls, events: list[Event]) -> Calendar:
        cal = cls()
        for i, event in enumerate(events):
            if event.span is None:
                continue
            t0, t1 = day_of(event.span.start), day_of(event.span.end) + 1
            cal.items.append(Item(i, lane_of(event), t0, t1, event.span.precision == "day"))
        for item in sorted(cal.items, key=lambda it: (it.t0, -it.t1)):
            cal.lanes.setdefault(item.lane, []).append(item)
        for lane, items in cal.lanes.items():
            cal.starts[lane] = [it.t0 for it in items]
            cal.longest[lane] = max(it.t1 - it.t0 for it in items)
        if cal.items:
            cal.t0 = min(it.t0 for it in cal.items)
            cal.t1 = max(it.t1 for it in cal.items)
        return cal

    def most(self, share: float = 0.96) -> tuple[float, float]:
        """Where most events lie: a few stray dates (a misread "2258") stay out of the view."""
        if len(self.items) < 30:
            return self.t0, self.t1
        starts = sorted(it.t0 for it in self.items)
        ends = sorted(it.t1 for it in self.items)
        cut = (1 - share) / 2
        return starts[int(cut * len(starts))], ends[min(len(ends) - 1, int((1 - cut) * len(ends)))]

    def visible(self, lane: int, t0: float, t1: float) -> list[Item]:
        items, starts = self.lanes.get(lane, []), self.starts.get(lane, [])
        lo = bisect.bisect_left(starts, t0 - self.longest.get(lane, 0.0))
        hi = bisect.bisect_right(starts, t1)
        return [it for it in items[lo:hi] if it.t1 >= t0]


def layout_lane(items: list[Item], to_px: Callable[[float], float], left_px: float,
                right_px: float, label_px: Callable[[int], float] | None = None,
                rows: int = ROWS) -> list[Mark]:
    """Pack one lane's visible items into at most `rows` rows, clustering what does not fit.

    `label_px(index)` is the width of a label drawn beside a bar too narrow to hold it; a row
    keeps that room free, so labels do not run into the next marker.
    """
    marks = [_mark(it, to_px) for it in items]
    for mark in marks:
        mark.reach = mark.x1
        if label_px is not None and not mark.point:
            width = label_px(mark.indices[0])
            if width + 8 > mark.x1 - mark.x0:
                mark.reach = mark.x1 + width + 10
    days_per_px = _days_per_px(to_px)
    pieces = _group_crowds(_group_same_span(marks, rows), to_px, days_per_px * BIN_PX, rows)
    return _stack(pieces, left_px, right_px, rows)


def _days_per_px(to_px: Callable[[float], float]) -> float:
    return 1000.0 / max(1e-9, to_px(1000.0) - to_px(0.0))


def _stack(pieces: list[Mark], left_px: float, right_px: float, rows: int) -> list[Mark]:
    rows_end = [float("-inf")] * rows  # where each row's last marker or its label ends
    marks_end = [float("-inf")] * rows  # ... its last marker alone
    rows_last: list[Mark | None] = [None] * rows
    placed: list[Mark] = []
    for piece in pieces:
        row = next((r for r in range(rows) if rows_end[r] + GAP <= piece.x0), None)
        if row is None:  # a label is in the way: the label gives way, not the marker
            row = next((r for r in range(rows) if marks_end[r] + GAP <= piece.x0), None)
        if row is None:
            # Fold it into a crowded neighbour of its size; a century never swallows a year.
            hosts = [r for r in range(rows)
                     if (last := rows_last[r]) is not None and _can_host(last, piece)]
            if hosts:
                row = min(hosts, key=lambda r: rows_end[r])
                host = rows_last[row]
                assert host is not None
                _absorb(host, piece)
                rows_end[row] = max(host.x1, host.reach)
                marks_end[row] = host.x1
                continue
            row = min(range(rows), key=lambda r: rows_end[r])
        piece.row = row
        rows_end[row] = max(piece.x1, piece.reach)
        marks_end[row] = piece.x1
        rows_last[row] = piece
        placed.append(piece)
    by_row: dict[int, list[Mark]] = {}
    for mark in placed:
        by_row.setdefault(mark.row, []).append(mark)
    for marks in by_row.values():
        previous_end = left_px
        for mark, nxt in zip(marks, [*marks[1:], None], strict=True):
            mark.room = (nxt.x0 if nxt else right_px) - mark.x1 - GAP
            mark.room_left = mark.x0 - previous_end - GAP
            # A label on the right of this marker takes up to LABEL_MAX of the gap.
            taken = min(mark.room, LABEL_MAX + 8) if mark.room >= 40 else 0.0
            previous_end = max(mark.x1 + taken, mark.reach)
    return placed


def _mark(item: Item, to_px: Callable[[float], float]) -> Mark:
    if item.point:
        centre = to_px((item.t0 + item.t1) / 2)
        x0, x1 = centre - DOT / 2, centre + DOT / 2
    else:
        x0 = to_px(item.t0)
        x1 = max(to_px(item.t1), x0 + MIN_BAR)
    return Mark(x0, x1, item.lane, 0, [item.index], item.t0, item.t1, item.point)


def _small(mark: Mark) -> bool:
    """Small enough to crowd: narrow, or a cluster of mixed dates (one year stays a bar)."""
    return mark.x1 - mark.x0 < SMALL or (mark.cluster and not mark.same_span)


def _can_host(host: Mark, piece: Mark) -> bool:
    """Whether `piece` may fold into `host` without making a cluster far wider than both."""
    wide = max(host.x1 - host.x0, piece.x1 - piece.x0)
    merged = max(host.x1, piece.x1) - min(host.x0, piece.x0)
    if _small(host) and _small(piece):
        return merged <= max(CLUSTER_MAX, 1.5 * wide)
    overlap = min(host.x1, piece.x1) - max(host.x0, piece.x0)
    narrow = min(host.x1 - host.x0, piece.x1 - piece.x0)
    return overlap > 0 and wide <= 2 * narrow + 4


def _group_same_span(marks: list[Mark], rows: int) -> list[Mark]:
    """More events on exactly the same dates (a year, a day) than rows: one cluster."""
    out: list[Mark] = []
    i = 0
    while i < len(marks):
        j = i + 1
        while j < len(marks) and (marks[j].t0, marks[j].t1) == (marks[i].t0, marks[i].t1):
            j += 1
        if j - i > rows:
            host = marks[i]
            for other in marks[i + 1 : j]:
                _absorb(host, other)
            out.append(host)
        else:
            out.extend(marks[i:j])
        i = j
    return out


def _group_crowds(marks: list[Mark], to_px: Callable[[float], float],
                  bin_days: float, rows: int) -> list[Mark]:
    """Runs of more small markers than rows that touch become clusters: one if the run is
    short, else one per BIN_PX of time (anchored to dates, so panning keeps the counts)."""
    out: list[Mark] = []
    run: list[Mark] = []
    run_end = float("-inf")

    def flush() -> None:
        if len(run) <= rows:
            out.extend(run)
        elif run_end - run[0].x0 <= CLUSTER_MAX:
            host = run[0]
            for other in run[1:]:
                _absorb(host, other)
            out.append(host)
        else:
            bins: dict[int, list[Mark]] = {}
            for mark in run:
                bins.setdefault(int((mark.t0 + mark.t1) / 2 // bin_days), []).append(mark)
            for number, members in sorted(bins.items()):
                if len(members) <= rows and not any(m.cluster for m in members):
                    out.extend(members)
                    continue
                host = members[0]
                for other in members[1:]:
                    _absorb(host, other)
                host.x0 = to_px(number * bin_days) + GAP / 2
                host.x1 = to_px((number + 1) * bin_days) - GAP / 2
                out.append(host)
        run.clear()

    for mark in marks:
        if not _small(mark):
            out.append(mark)
            continue
        if run and mark.x0 > run_end + GAP:
            flush()
        run_end = max(run_end, mark.x1) if run else mark.x1
        run.append(mark)
    flush()
    out.sort(key=lambda m: m.x0)
    return out


def _absorb(host: Mark, other: Mark) -> None:
    host.same_span = host.same_span and other.same_span and (
        (host.t0, host.t1) == (other.t0, other.t1))
    host.indices.extend(other.indices)  # each mark owns its list (see _mark)
    host.reach = 0.0  # a cluster has a count, no label beside it
    host.x0, host.x1 = min(host.x0, other.x0), max(host.x1, other.x1)
    host.t0, host.t1 = min(host.t0, other.t0), max(host.t1, other.t1)
    if host.x1 - host.x0 < MIN_CLUSTER:
        centre = (host.x0 + host.x1) / 2
        host.x0, host.x1 = centre - MIN_CLUSTER / 2, centre + MIN_CLUSTER / 2


@dataclass
class Geometry:
    """Where the parts of the widget are, for painting and hit testing alike."""

    left: float
    right: float
    axis_bottom: float
    footer_top: float
    lanes: list[tuple[int, float, float, float]]  # lane, top, bottom, top of its first row
    row_h: float
