"""Dates relative to the anchor: today, weekdays, "last month", "this summer", "two weeks ago".

Every function returns None when the words do not fit, and X placeholders with resolved=False
when they fit but no anchor (publication date) is known.
"""

from __future__ import annotations

import datetime as dt
import re

from reader.timex.anchoring import (
    add_months,
    add_quarters,
    nearest_month_year,
    quarter_of,
    shift_weekday,
    week_str,
)
from reader.timex.context import Context, Value
from reader.timex.words import MONTHS, PARTS_OF_DAY, SEASONS, WEEKDAYS, parse_number

_WEEKDAY = r"(?P<wd>{})".format("|".join(sorted(WEEKDAYS, key=len, reverse=True)))
_POD = r"(?:,? (?:in the |early |late )?(?P<pod>{}))?".format("|".join(PARTS_OF_DAY))
_POD_FIRST = r"(?:(?P<pod>" + "|".join(PARTS_OF_DAY) + r") )?(?:of |on )?"
_LAST = {"last", "past", "previous", "preceding", "prior"}
_NEXT = {"next", "coming", "following", "upcoming"}
_SEASON_ORDER = ["WI", "SP", "SU", "FA"]


def unresolved(value: str) -> Value:
    return "DATE", value, False


def _day(day: dt.date, pod: str | None = None) -> Value:
    if pod:
        return "TIME", day.isoformat() + "T" + PARTS_OF_DAY[pod], True
    return "DATE", day.isoformat(), True


def relative_value(t: str, ctx: Context) -> Value | None:
    anchor = ctx.anchor
    m = re.fullmatch(r"(?P<w>today|tonight|yesterday|tomorrow|this (?P<pod0>morning|afternoon"
                     r"|evening)|last (?P<pod1>night)|the day before yesterday"
                     r"|the day after tomorrow)" + _POD, t)
    if m:
        word = m["w"]
        shift = {"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
                 "the day after tomorrow": 2, "last night": -1}.get(word, 0)
        pod = m["pod0"] or m["pod1"] or m["pod"] or ("night" if word == "tonight" else None)
        if word == "tonight":
            pod = None  # TimeBank annotates "tonight" as the day
        if anchor is None:
            return unresolved("XXXX-XX-XX")
        return _day(anchor + dt.timedelta(days=shift), pod)
    m = re.fullmatch(r"(?:the )?(?:(?P<rel>last|next|this|coming|past|previous|this past"
                     r"|following) )?"
                     + _WEEKDAY + _POD, t) or re.fullmatch(
        _POD_FIRST + _WEEKDAY + r"(?P<rel>)", t)
    if m:
        weekday, rel = WEEKDAYS[m["wd"]], m["rel"] or ""
        if anchor is None:
            pod = PARTS_OF_DAY[m["pod"]] if m["pod"] else ""
            return unresolved(f"XXXX-WXX-{weekday + 1}" + ("T" + pod if pod else ""))
        if rel in _NEXT:
            day = shift_weekday(anchor + dt.timedelta(days=1), weekday, 1)
        elif rel in _LAST or rel == "this past":
            day = shift_weekday(anchor - dt.timedelta(days=1), weekday, -1)
        else:
            # "as early as Tuesday", "as soon as Friday" look ahead whatever the verb says
            future = ctx.tense == "future" or bool(
                re.search(r"\bas (?:early|soon) as$", ctx.before))
            # a deadline in a present-tense sentence: "has until Tuesday", "is due by Friday"
            future = future or (ctx.prev_word in ("until", "by") and ctx.tense == "present")
            direction = 1 if future else -1
            day = shift_weekday(anchor, weekday, direction)
        return _day(day, m["pod"])
    return _calendar_unit(t, ctx) or _shifted(t, ctx)


def _calendar_unit(t: str, ctx: Context) -> Value | None:
    """"last year", "this month", "next week", "the weekend", "last fall", "this August"."""
    m = re.fullmatch(r"(?:(?P<rel>this past|last|past|previous|preceding|prior|next|coming"
                     r"|following|upcoming|this|current|present|that same|same|that|latest|the|its"
                     r"|the same|the current|the latest|the following|the previous|the next"
                     r"|the past|the last|the coming|the prior|the preceding|the present"
                     r"|the latest fiscal|the fiscal|the upcoming|the full|the entire|the whole"
                     r"|full) )?"
                     r"(?:fiscal |calendar |financial )?(?P<unit>year|month|week|weekend|decade"
                     r"|century|day|{}|{})".format("|".join(SEASONS), "|".join(
                         m for m in MONTHS if len(m) > 3 or m == "may")), t)
    if not m:
        return None
    if m["rel"] == "the" and ctx.next_word in ("that", "when", "of", "in", "after", "before"):
        return None  # "the year that she graduated", "the day of the attack": not today's
    rel = (m["rel"] or "").removeprefix("the ").removesuffix(" fiscal")
    if rel in ("full", "entire", "whole"):
        rel = "this"  # "the full year" is this year taken whole
    unit = m["unit"]
    if not rel and m["rel"] is None and unit not in SEASONS:
        return None
    anchor = ctx.anchor
    step = -1 if rel in _LAST or rel == "this past" else 1 if rel in _NEXT else 0
    memory = ctx.memory
    narrative = rel in ("following", "previous", "preceding", "prior", "same", "that",
                        "that same") or (rel == "next" and m["rel"].startswith("the ")
                                       and ctx.tense != "future")
    if narrative:
        # these count from the last date the story mentioned, not from today
        ref_year = memory.get("year")
        if unit in ("year", "decade") and ref_year:
            size = 10 if unit == "decade" else 1
            base = ref_year // size * size + step * size
            return "DATE", str(base)[: 3 if unit == "decade" else 4], True
        if unit == "month" and memory.get("month"):
            last_year, last_month = memory["month"]
            y, mo = add_months(last_year, last_month, step)
            return "DATE", f"{y:04d}-{mo:02d}", True
        if unit == "day" and memory.get("day"):
            return "DATE", (memory["day"] + dt.timedelta(days=step)).isoformat(), True
    if unit == "day" and not narrative:
        return None
    if anchor is None:
        placeholder = {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX",
                       "weekend": "XXXX-WXX-WE", "decade": "XXX", "century": "XX",
                       "day": "XXXX-XX-XX"}
        if unit in SEASONS:
            return unresolved("XXXX-" + SEASONS[unit])
        if unit in MONTHS:
            return unresolved(f"XXXX-{MONTHS[unit]:02d}")
        return unresolved(placeholder[unit])
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
        return _day((memory.get("day") or anchor) + dt.timedelta(days=step))
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
    elif not step and rel != "this" and ctx.tense == "past" and _SEASON_ORDER.index(
            season) > _SEASON_ORDER.index(now):
        year -= 1
    return f"{year:04d}-{season}"


def _shifted(t: str, ctx: Context) -> Value | None:
    """"two weeks ago", "a year earlier", "year-ago", "five years from now"."""
    num: float | None  # None: "weeks ago", some number of units
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
        if not m["num"] and t.split()[0].endswith("s"):
            num = None  # "weeks ago", "years later": some time, not one unit
    memory = ctx.memory
    anchor = ctx.anchor
    if narrative and memory.get("day") and unit in ("day", "week", "month"):
        anchor = memory["day"]
    year = memory.get("year") if narrative and unit in ("year", "decade", "centur") else None
    if year is None and anchor is not None:
        year = anchor.year
    if anchor is None and year is None:
        return unresolved({"year": "XXXX", "decade": "XXXX", "month": "XXXX-XX",
                           "quarter": "XXXX-QX", "week": "XXXX-WXX"}.get(unit, "XXXX-XX-XX"))
    if num is None:
        if narrative:  # "years later": a gap of unknown length after the story's date
            return "DURATION", {"year": "PXY", "month": "PXM", "week": "PXW", "day": "PXD",
                                "decade": "PXY", "quarter": "PXM", "hour": "PTXH",
                                "minute": "PTXM", "centur": "PXY"}[unit], True
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", True
    n = int(num) * sign
    quarter = memory.get("quarter")
    if unit == "year" and n == -1 and quarter:
        # earnings stories: "a year earlier" is the same quarter of the year before
        return "DATE", f"{quarter[0] - 1:04d}-Q{quarter[1]}", True
    if unit in ("year", "decade", "centur"):
        assert year is not None  # with no anchor and no year, it returned unresolved above
        years = n * {"year": 1, "decade": 10, "centur": 100}[unit]
        return "DATE", f"{year + years:04d}", True
    if anchor is None:
        return unresolved("XXXX-XX-XX")
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
