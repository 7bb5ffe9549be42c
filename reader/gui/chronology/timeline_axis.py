"""Tick marks for the timeline's time axis: which unit to label at a zoom level, and how.

Qt-free. Time is a float count of days (`date.toordinal()`); the axis labels centuries and
decades, years, months or days, whichever is the finest that leaves room for its labels.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

FIRST = dt.date(1, 1, 1).toordinal()
LAST = dt.date(9999, 12, 31).toordinal()
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
               "Dec")

# (unit, count, roughly how many days apart); finest last.
STEPS = (
    ("year", 100, 36525.0), ("year", 50, 18262.5), ("year", 20, 7305.0), ("year", 10, 3652.5),
    ("year", 5, 1826.25), ("year", 2, 730.5), ("year", 1, 365.25),
    ("month", 6, 182.6), ("month", 3, 91.3), ("month", 1, 30.44),
    ("day", 10, 10.0), ("day", 5, 5.0), ("day", 2, 2.0), ("day", 1, 1.0),
)


@dataclass
class Ticks:
    major: list[tuple[float, str]] = field(default_factory=list)  # position, label
    minor: list[float] = field(default_factory=list)
    # Spans of the next larger unit, labelled above the ticks ("2025" over months).
    context: list[tuple[float, float, str]] = field(default_factory=list)
    unit: str = "year"


def to_day(value: float) -> dt.date:
    return dt.date.fromordinal(int(min(LAST, max(FIRST, math.floor(value)))))


def day_of(date: dt.date) -> float:
    return float(date.toordinal())


def choose_step(days_per_px: float, min_gap_px: dict[str, float]) -> tuple[str, int]:
    """The finest step whose labels are at least `min_gap_px[unit]` pixels apart."""
    chosen = STEPS[0][:2]
    for unit, count, days in STEPS:
        if days / days_per_px >= min_gap_px[unit]:
            chosen = (unit, count)
        else:
            break
    return chosen


def ticks(t0: float, t1: float, width_px: float, min_gap_px: dict[str, float]) -> Ticks:
    """Ticks for the visible days [t0, t1] drawn across `width_px` pixels."""
    if width_px <= 0 or t1 <= t0:
        return Ticks()
    days_per_px = (t1 - t0) / width_px
    unit, count = choose_step(days_per_px, min_gap_px)
    start, end = to_day(t0), to_day(t1 + 1)
    out = Ticks(unit=unit)
    if unit == "year":
        out.major = [(day_of(dt.date(y, 1, 1)), str(y)) for y in _years(start, end, count)]
        if count > 1 and 365.25 / days_per_px >= 5:
            out.minor = [day_of(dt.date(y, 1, 1)) for y in _years(start, end, 1)]
        elif count == 1 and 30.44 / days_per_px >= 5:
            out.minor = [day_of(d) for d in _months(start, end, 1)]
    elif unit == "month":
        out.major = [(day_of(d), MONTH_NAMES[d.month - 1]) for d in _months(start, end, count)]
        if count > 1:
            out.minor = [day_of(d) for d in _months(start, end, 1)]
        out.context = [
            (day_of(dt.date(y, 1, 1)), day_of(_next_year(y)), str(y))
            for y in _years(start, end, 1, include_current=True)
        ]
    else:
        out.major = [(day_of(d), str(d.day)) for d in _days(start, end, count)]
        if count > 1 and 1 / days_per_px >= 5:
            out.minor = [day_of(d) for d in _days(start, end, 1)]
        out.context = [
            (day_of(d), day_of(_next_month(d)), f"{_month_name(d.month)} {d.year}")
            for d in _months(start, end, 1, include_current=True)
        ]
    return out


def _years(start: dt.date, end: dt.date, count: int, include_current: bool = False):
    first = start.year if include_current else start.year + (start != dt.date(start.year, 1, 1))
    first = max(1, math.ceil(first / count) * count)
    yield from range(first, min(end.year, 9999) + 1, count)


def _months(start: dt.date, end: dt.date, count: int, include_current: bool = False):
    year, month = start.year, start.month
    if start.day != 1 and not include_current:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    while (year, month) <= (end.year, end.month) and year <= 9999:
        if include_current or (month - 1) % count == 0:
            yield dt.date(year, month, 1)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _days(start: dt.date, end: dt.date, count: int):
    day = start
    while day <= end:
        # Labels restart at the 1st of each month, so skip a tick crowding the next 1st.
        if (day.day - 1) % count == 0 and (count == 1 or day.day <= 31 - count // 2 - 1):
            yield day
        if day.toordinal() >= LAST:
            return
        day += dt.timedelta(days=1)


def _next_year(year: int) -> dt.date:
    return dt.date(year + 1, 1, 1) if year < 9999 else dt.date(9999, 12, 31)


def _next_month(d: dt.date) -> dt.date:
    if d.year == 9999 and d.month == 12:
        return dt.date(9999, 12, 31)
    return dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)


def _month_name(month: int) -> str:
    return dt.date(2000, month, 1).strftime("%B")
