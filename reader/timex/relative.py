"""Dates relative to the anchor: today, weekdays, "last month", "two weeks ago", quarters.

Every function returns None when the words do not fit, and X placeholders with resolved=False
when they fit but no anchor (publication date) is known.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from reader.timex.anchoring import (
    add_months,
    add_quarters,
    nearest_month_year,
    quarter_of,
    shift_weekday,
    week_str,
)
from reader.timex.words import MONTHS, ORDINALS, PARTS_OF_DAY, SEASONS, WEEKDAYS, parse_number

if TYPE_CHECKING:
    from reader.timex.normalise import Context, Value

_WEEKDAY = r"(?P<wd>{})".format("|".join(sorted(WEEKDAYS, key=len, reverse=True)))
_POD = r"(?:,? (?:in the |early |late )?(?P<pod>{}))?".format("|".join(PARTS_OF_DAY))
_POD_FIRST = r"(?:(?P<pod>" + "|".join(PARTS_OF_DAY) + r") )?(?:of |on )?"
_LAST = {"last", "past", "previous", "preceding", "prior"}
_NEXT = {"next", "coming", "following", "upcoming"}
_THIS = {"this", "current", "present", "same", "that", "latest", "the", "this past"}
_SEASON_ORDER = ["WI", "SP", "SU", "FA"]


def _unresolved(value: str) -> Value:
    return "DATE", value, False


def _day(day: dt.date, pod: str | None = None) -> Value:
    if pod:
        return "TIME", day.isoformat() + "T" + PARTS_OF_DAY[pod], True
    return "DATE", day.isoformat(), True


def relative_value(t: str, ctx: Context) -> Value | None:
    anchor: dt.date | None = ctx.anchor  # type: ignore[assignment]
    m = re.fullmatch(r"(?P<w>today|tonight|yesterday|tomorrow|this (?P<pod0>morning|afternoon"
                     r"|evening)|the day before yesterday|the day after tomorrow)" + _POD, t)
    if m:
        word = m["w"]
        shift = {"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
                 "the day after tomorrow": 2}.get(word, 0)
        pod = m["pod0"] or m["pod"] or ("night" if word == "tonight" else None)
        if word == "tonight":
            pod = None  # TimeBank annotates "tonight" as the day
        if anchor is None:
            return _unresolved("XXXX-XX-XX")
        return _day(anchor + dt.timedelta(days=shift), pod)
    m = re.fullmatch(r"(?:the )?(?:(?P<rel>last|next|this|coming|past|previous|this past"
                     r"|following) )?"
                     + _WEEKDAY + _POD, t) or re.fullmatch(
        _POD_FIRST + _WEEKDAY + r"(?P<rel>)", t)
    if m:
        weekday, rel = WEEKDAYS[m["wd"]], m["rel"] or ""
        if anchor is None:
            pod = PARTS_OF_DAY[m["pod"]] if m["pod"] else ""
            return _unresolved(f"XXXX-WXX-{weekday + 1}" + ("T" + pod if pod else ""))
        if rel in _NEXT:
            day = shift_weekday(anchor + dt.timedelta(days=1), weekday, 1)
        elif rel in _LAST or rel == "this past":
            day = shift_weekday(anchor - dt.timedelta(days=1), weekday, -1)
        else:
            direction = 1 if ctx.tense == "future" else -1
            day = shift_weekday(anchor, weekday, direction)
        return _day(day, m["pod"])
    return _calendar_unit(t, ctx) or _shifted(t, ctx) or _year_end(t, ctx)


def _year_end(t: str, ctx: Context) -> Value | None:
    """"year-end" is the closing day of the year; "the end of the year", "year's end" the year."""
    m = re.fullmatch(r"(?:the )?(?:year(?P<day>-end)|year end|year's end|end of the year)", t)
    if not m:
        return None
    anchor: dt.date | None = ctx.anchor  # type: ignore[assignment]
    if anchor is None:
        return _unresolved("XXXX-12-31" if m["day"] else "XXXX")
    year = anchor.year - (1 if ctx.prev_word == "since" else 0)
    return "DATE", f"{year:04d}-12-31" if m["day"] else f"{year:04d}", True


def _calendar_unit(t: str, ctx: Context) -> Value | None:
    """"last year", "this month", "next week", "the weekend", "last fall", "this August"."""
    m = re.fullmatch(r"(?:(?P<rel>this past|last|past|previous|preceding|prior|next|coming"
                     r"|following|upcoming|this|current|present|same|that|latest|the|its"
                     r"|the same|the current|the latest|the following|the previous|the next"
                     r"|the past|the last|the coming|the prior|the preceding|the present"
                     r"|the latest fiscal|the fiscal|the upcoming) )?"
                     r"(?:fiscal |calendar |financial )?(?P<unit>year|month|week|weekend|decade"
                     r"|century|day|{}|{})".format("|".join(SEASONS), "|".join(
                         m for m in MONTHS if len(m) > 3 or m == "may")), t)
    if not m:
        return None
    rel = (m["rel"] or "").removeprefix("the ").removesuffix(" fiscal")
    unit = m["unit"]
    if not rel and m["rel"] is None and unit not in SEASONS:
        return None
    anchor: dt.date | None = ctx.anchor  # type: ignore[assignment]
    step = -1 if rel in _LAST or rel == "this past" else 1 if rel in _NEXT else 0
    memory = ctx.memory
    if rel in ("following", "previous", "preceding", "prior", "same", "that"):
        # these count from the last date the story mentioned, not from today
        ref_year = memory.get("year")
        if unit in ("year", "decade") and ref_year:
            size = 10 if unit == "decade" else 1
            base = ref_year // size * size + step * size
            return "DATE", str(base)[: 3 if unit == "decade" else 4], True
        if unit == "day" and memory.get("day"):
            return "DATE", (memory["day"] + dt.timedelta(days=step)).isoformat(), True
    if unit == "day" and rel not in ("same", "that", "following", "previous"):
        return None
    if anchor is None:
        placeholder = {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX",
                       "weekend": "XXXX-WXX-WE", "decade": "XXX", "century": "XX",
                       "day": "XXXX-XX-XX"}
        if unit in SEASONS:
            return _unresolved("XXXX-" + SEASONS[unit])
        if unit in MONTHS:
            return _unresolved(f"XXXX-{MONTHS[unit]:02d}")
        return _unresolved(placeholder[unit])
    if unit == "year":
        return "DATE", f"{anchor.year + step:04d}", True
    if unit == "month":
        y, mo = add_months(anchor.year, anchor.month, step)
        return "DATE", f"{y:04d}-{mo:02d}", True
    if unit == "week":
        return "DATE", week_str(anchor + dt.timedelta(weeks=step)), True
    if unit == "weekend":
        day = anchor + dt.timedelta(weeks=step)
        if not step and anchor.weekday() < 5 and ctx.tense != "future":
            day -= dt.timedelta(weeks=1)  # "over the weekend" in a weekday story: the last one
        return "DATE", week_str(day) + "-WE", True
    if unit == "decade":
        return "DATE", f"{anchor.year // 10 + step:03d}", True
    if unit == "century":
        return "DATE", f"{anchor.year // 100 + step:02d}", True
    if unit == "day":
        return _day(memory.get("day") or anchor)
    if unit in SEASONS:
        return "DATE", _season(anchor, SEASONS[unit], step, rel, ctx), True
    month = MONTHS[unit]
    if step < 0 and rel == "this past":
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif step < 0:
        # "last April" in October is this year's; "last February" in March means a year ago
        year = anchor.year if month < anchor.month - 1 else anchor.year - 1
    elif step > 0:
        year = anchor.year if month > anchor.month else anchor.year + 1
    else:
        year = anchor.year if rel == "this" else nearest_month_year(anchor, month, ctx.tense)
    return "DATE", f"{year:04d}-{month:02d}", True


def _season(anchor: dt.date, season: str, step: int, rel: str, ctx: Context) -> str:
    now = _SEASON_ORDER[(anchor.month % 12) // 3]
    year = anchor.year
    if step < 0 and (rel != "this past" or _SEASON_ORDER.index(season) >= _SEASON_ORDER.index(
            now)):
        year -= 1  # "last spring" is a year back; "this past spring" may be this year's
    elif step > 0 and _SEASON_ORDER.index(season) <= _SEASON_ORDER.index(now):
        year += 1
    elif not step and ctx.tense == "past" and _SEASON_ORDER.index(season) > _SEASON_ORDER.index(
            now):
        year -= 1
    return f"{year:04d}-{season}"


def _shifted(t: str, ctx: Context) -> Value | None:
    """"two weeks ago", "a year earlier", "year-ago", "five years from now"."""
    if re.fullmatch(r"(?:a )?year[- ](?:ago|earlier)(?: (?:quarter|period|level|results))?"
                    r"|(?:the )?(?:prior|previous|year-ago|year-earlier|same) (?:quarter|period)"
                    r"|(?:the )?same (?:quarter|period) (?:a|last) year|last year's quarter", t):
        num, unit, sign, narrative = 1.0, "year", -1, "earlier" in t
    else:
        m = re.fullmatch(r"(?:(?:about|some|nearly|almost|more than|less than|only|just|over"
                         r"|roughly|around) )?(?P<num>[\w.-]+(?: \d/\d)?|a few|a couple of)?"
                         r" ?(?P<unit>year|month|week|day|decade|quarter|hour|minute|centur)"
                         r"(?:ie)?s? (?P<dir>ago|earlier|before|later|after|from now|hence"
                         r"|back)", t)
        if not m:
            return None
        num = parse_number(m["num"]) if m["num"] else 1.0
        unit, sign = m["unit"], 1 if m["dir"] in ("later", "after", "from now", "hence") else -1
        # "ago" counts back from today, "three years later" from the story's last date
        narrative = m["dir"] in ("earlier", "before", "later", "after")
        if num is None:
            num = None if m["num"] in ("a few", "several", "some", "many") else 0
            if num == 0:
                return None
    anchor: dt.date | None = ctx.anchor  # type: ignore[assignment]
    quarter = ctx.memory.get("quarter")
    if anchor is None:
        return _unresolved({"year": "XXXX", "decade": "XXXX", "month": "XXXX-XX",
                            "quarter": "XXXX-QX", "week": "XXXX-WXX"}.get(unit, "XXXX-XX-XX"))
    if num is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", True
    n = int(num) * sign
    if unit == "year" and quarter:
        y, q = quarter
        return "DATE", f"{y + n:04d}-Q{q}", True
    memory = ctx.memory
    if narrative and memory.get("day") and unit in ("day", "week", "month"):
        anchor = memory["day"]
    if unit in ("year", "decade", "centur"):
        years = n * {"year": 1, "decade": 10, "centur": 100}[unit]
        base = memory.get("year", anchor.year) if narrative else anchor.year
        return "DATE", f"{base + years:04d}", True
    if unit == "quarter":
        y, q = add_quarters(anchor.year, quarter_of(anchor.month), n)
        return "DATE", f"{y:04d}-Q{q}", True
    if unit == "month":
        y, mo = add_months(anchor.year, anchor.month, n)
        return "DATE", f"{y:04d}-{mo:02d}", True
    if unit == "week":
        return "DATE", week_str(anchor + dt.timedelta(weeks=n)), True
    if unit == "day":
        return _day(anchor + dt.timedelta(days=n))
    return _day(anchor)


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
    anchor: dt.date | None = ctx.anchor  # type: ignore[assignment]
    nth = m["nth"]
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
            return _unresolved("XXXX-QX")
        step = {"next": 1, "coming": 1, "last": -1, "previous": -1, "prior": -1,
                "past": -1, "latest": -1, "current": 0, "this": 0}.get(
                    rel, -1 if ctx.tense == "past" else 0)
        y, n = add_quarters(anchor.year, quarter_of(anchor.month), step)
        if yrel and year is not None:
            y = year  # "the year-ago quarter", "last year's quarter"
        return "DATE", f"{y:04d}-Q{n}", True
    if year is None:
        return _unresolved(f"XXXX-{letter}{n}")
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
    anchor: dt.date | None = ctx.anchor  # type: ignore[assignment]
    if m["year"]:
        year = int(m["year"])
    elif anchor is None:
        month, day = _HOLIDAYS.get(name, (11, 0))
        return _unresolved(f"XXXX-{month:02d}-" + (f"{day:02d}" if day else "XX"))
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
