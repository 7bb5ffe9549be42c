"""Named periods of the year: quarters and halves, year-end and public holidays.

Split from relative.py: these read a year from the words or the anchor, then pick the period;
"the quarter" alone refers back to the last quarter the story mentioned.
"""

from __future__ import annotations

import datetime as dt
import re

from reader.timex.anchoring import add_quarters, quarter_of
from reader.timex.context import Context, Value
from reader.timex.relative import unresolved
from reader.timex.words import ORDINALS


def year_end(t: str, ctx: Context) -> Value | None:
    """"year-end" is the closing day of the year; "the end of the year", "year's end" the year."""
    m = re.fullmatch(r"(?:the )?(?:year(?P<day>-end)|year end|year's end|end of the year)", t)
    if not m:
        return None
    anchor = ctx.anchor
    if anchor is None:
        return unresolved("XXXX-12-31" if m["day"] else "XXXX")
    year = anchor.year - (1 if ctx.prev_word == "since" else 0)
    return "DATE", f"{year:04d}-12-31" if m["day"] else f"{year:04d}", True


_QUARTER_RE = re.compile(
    r"(?:(?P<yrel>this year|last year|next year|fiscal \d{4}|\d{4}|fiscal|the \d{4}|its"
    r"|year-ago|year-earlier|comparable year-ago|the year-ago|the year-earlier"
    r"|the company's|the fiscal|this fiscal year|last fiscal year)(?:'s)? )?"
    r"(?:(?P<rel>latest|current|last|previous|prior|past|next|coming|same|this|fiscal|flat"
    r"|the) )*(?:fiscal )?(?P<nth>first|second|third|fourth|final|1st|2nd|3rd|4th|q[1-4])?"
    r"[- ]?(?:fiscal[- ])?(?P<unit>quarter|half|period)(?: of (?:fiscal )?(?P<year>\d{4}))?")


def quarter_value(t: str, ctx: Context) -> Value | None:
    """"the third quarter", "fourth-quarter", "the latest quarter", "the 1988 second quarter"."""
    m = _QUARTER_RE.fullmatch(t.removeprefix("the "))
    if not m:
        return None
    anchor = ctx.anchor
    nth = m["nth"]
    if not nth and ctx.next_word == "of" and not re.search(r"\d{4}", t):
        return None  # "a quarter of a million", "half of the voters": fractions
    if nth == "final":
        nth = "fourth" if m["unit"] == "quarter" else "second"
    n = int(nth[1]) if nth and nth.startswith("q") else (
        ORDINALS.get(nth) or int(nth[0])) if nth else None
    unit = m["unit"]
    if unit == "period" and (nth or not (m["rel"] in ("latest", "the", "same") or m["yrel"])):
        return None
    letter = "H" if unit == "half" else "Q"
    if n is not None and n > (2 if letter == "H" else 4):
        return None
    yrel = (m["yrel"] or "").removeprefix("the ")
    year: int | None = None
    digits = re.search(r"\d{4}", (m["year"] or "") + yrel)
    if digits:
        year = int(digits.group())
    elif anchor is not None:
        year = anchor.year + (-1 if "last" in yrel or "year-" in yrel else
                              1 if "next" in yrel else 0)
    rel = m["rel"] or ""
    if n is None:
        remembered = ctx.memory.get("quarter")
        if letter == "H":
            return None
        if remembered and rel in ("", "the", "same", "that", "fiscal"):
            y, n = remembered
            if "year-" in yrel:
                y -= 1
            elif digits or yrel:
                y = year
            return "DATE", f"{y:04d}-Q{n}", True
        if anchor is None:
            return unresolved("XXXX-QX")
        step = {"next": 1, "coming": 1, "last": -1, "previous": -1, "prior": -1,
                "past": -1, "latest": -1, "current": 0, "this": 0}.get(
                    rel, -1 if ctx.tense == "past" else 0)
        y, n = add_quarters(anchor.year, quarter_of(anchor.month), step)
        if yrel and year is not None:
            y = year  # "the year-ago quarter", "last year's quarter"
        return "DATE", f"{y:04d}-Q{n}", True
    if year is None:
        return unresolved(f"XXXX-{letter}{n}")
    if not digits and not yrel and anchor is not None and letter == "Q" and (
            (n > quarter_of(anchor.month) and ctx.tense == "past")
            or (n == 4 and anchor.month <= 2)):
        year -= 1  # "the fourth quarter" in a January or past-tense story is last year's
    return "DATE", f"{year:04d}-{letter}{n}", True


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


_HOLIDAYS = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "new year": (1, 1),
    "new years day": (1, 1), "independence day": (7, 4), "halloween": (10, 31),
    "valentine's day": (2, 14), "veterans day": (11, 11), "boxing day": (12, 26),
}


def holiday_value(t: str, ctx: Context) -> Value | None:
    m = re.fullmatch(r"(?:(?P<rel>last|next|this) )?(?P<name>[a-z' ]+?)(?:,? (?P<year>\d{4}))?",
                     t)
    if not m:
        return None
    name = m["name"]
    if name not in _HOLIDAYS and name not in ("thanksgiving", "thanksgiving day"):
        return None
    anchor = ctx.anchor
    if m["year"]:
        year = int(m["year"])
    elif anchor is None:
        month, day = _HOLIDAYS.get(name, (11, 0))
        return unresolved(f"XXXX-{month:02d}-" + (f"{day:02d}" if day else "XX"))
    else:
        year = anchor.year
    def on(y: int) -> dt.date:
        if name.startswith("thanksgiving"):
            return _nth_weekday(y, 11, 3, 4)
        month, day = _HOLIDAYS[name]
        return dt.date(y, month, day)
    when = on(year)
    if anchor is not None and not m["year"]:
        past = m["rel"] == "last" or (m["rel"] != "next" and ctx.tense != "future")
        if past and when > anchor:
            when = on(year - 1)
        elif not past and when < anchor:
            when = on(year + 1)
    return "DATE", when.isoformat(), True
