"""DATE and TIME values: calendar dates, years, decades, quarters, seasons and relative days.

Relative expressions are resolved against ctx.anchor (the publication date) and the tense of
the sentence; without an anchor they keep TimeML's X placeholders and resolved=False.
"""

from __future__ import annotations

import datetime as dt
import re

from reader.timex import periods, relative
from reader.timex.anchoring import nearest_day_year, nearest_month_year, weekday_year
from reader.timex.context import Context, Value
from reader.timex.words import (
    MONTHS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    WEEKDAYS,
    year_from_words,
)

_MONTH = r"(?P<month>{})".format("|".join(sorted(MONTHS, key=len, reverse=True)))
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4}|'\d\d)"
_MODS = re.compile(r"^(?:(?:early|late|mid|earlier|later|the end of|end of|the beginning of"
                   r"|beginning of|the start of|the middle of|the close of|the rest of"
                   r"|the turn of|the dawn of|the first half of|the second half of"
                   r"|as early as|as late as|sometime|some time|until|by|in|on|at|during"
                   r"|the early|the late|the mid|mid-|late-|early-|fiscal|calendar|the fiscal"
                   r"|the calendar|year-end|this past)[\s-]+)+")
_ZONES = (r"[ecmp][sd]t|[ecmp]t|gmt|utc|bst|cet|cest|eet|msk|jst|ist|hkt|sgt|aest|aedt"
          r"|local time")
_PARTS = "|".join(PARTS_OF_DAY)
_PARTS_RE = re.compile(rf"\b(?:in the )?(?:{_PARTS})\b")
_TIME = re.compile(r"(?:(?P<pre>.*?)\s*(?:at\s+)?)?(?P<h>\d{1,2})(?::(?P<m>\d\d))?\s*"
                   r"(?P<ap>am|pm|a m|p m|o'clock|h)?(?:\s+(?:" + _ZONES + "))?"
                   r"(?:\s*(?:,|on|)\s*(?P<post>[a-z].*))?")


def _fix_year(text: str) -> int:
    """"1998" -> 1998; "'98" -> 1998 and "'05" -> 2005 (two digits pivot at 30)."""
    if not text.startswith("'"):
        return int(text)
    two = int(text[1:])
    return (1900 if two > 30 else 2000) + two


def date_value(t: str, ctx: Context) -> Value | None:
    """A DATE or TIME value for cleaned text `t`, or None when the words are not a date."""
    stripped = _MODS.sub("", t).strip()
    if not stripped:
        return None
    for candidate in (t, stripped) if stripped != t else (t,):
        found = _absolute(candidate, ctx) or relative.relative_value(candidate, ctx)
        if found is not None:
            return found
        found = _time_of_day(candidate, ctx)
        if found is not None:
            return found
    return None


def _absolute(t: str, ctx: Context) -> Value | None:
    t = t.removeprefix("the ")
    last_day = ctx.memory.get("day")
    if re.fullmatch(r"\d{1,2}", t) and last_day and (
            ctx.prev_word in ("and", "or", "to", "through", "until") or ctx.prev_word.isdigit()):
        # the second day of "April 24 and 25" / "June 5-6" takes the month of the first
        return _ymd(last_day.year, last_day.month, int(t))
    m = re.fullmatch(r"(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)", t)
    if m:
        return _ymd(int(m["year"]), int(m["month"]), int(m["day"]))
    m = re.fullmatch(r"(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{2}|\d{4})", t)
    if m:
        year = int(m["year"]) if len(m["year"]) == 4 else _fix_year("'" + m["year"])
        return _ymd(year, int(m["month"]), int(m["day"]))
    for pattern in (rf"(?:(?P<wd>\w+),? )?{_MONTH} {_DAY}(?:,? {_YEAR})?",
                    rf"(?:(?P<wd>\w+),? )?{_DAY} {_MONTH}(?:,? {_YEAR})?",
                    rf"(?:the )?(?P<day>\w+) of {_MONTH}(?:,? {_YEAR})?"):
        m = re.fullmatch(pattern, t)
        if m:
            day = m["day"]
            day_num = int(re.sub(r"\D", "", day)) if re.match(r"\d", day) else ORDINALS.get(day)
            if not day_num or not 1 <= day_num <= 31:
                continue
            month = MONTHS[m["month"]]
            if m["year"]:
                return _ymd(_fix_year(m["year"]), month, day_num)
            if ctx.anchor is None:
                return "DATE", f"XXXX-{month:02d}-{day_num:02d}", False
            weekday = WEEKDAYS.get(m.groupdict().get("wd") or "")
            if weekday is not None:
                # "Monday, April 13" names its own year: the nearest one where it is a Monday
                named = weekday_year(ctx.anchor, month, day_num, weekday)
                if named is not None:
                    return _ymd(named, month, day_num)
            return _ymd(nearest_day_year(ctx.anchor, month, day_num, ctx.tense), month, day_num)
    m = re.fullmatch(r"q([1-4]) (\d{4})|(\d{4}) q([1-4])", t)
    if m:
        return "DATE", f"{m[2] or m[3]}-Q{m[1] or m[4]}", True
    m = re.fullmatch(rf"{_MONTH},?(?: of)? (?P<rel>this|last|next) year", t)
    if m and ctx.anchor is not None:
        year = ctx.anchor.year + {"this": 0, "last": -1, "next": 1}[m["rel"]]
        return "DATE", f"{year:04d}-{MONTHS[m['month']]:02d}", True
    m = re.fullmatch(rf"{_MONTH},?(?: of)? {_YEAR}", t)
    if m:
        return "DATE", f"{_fix_year(m['year']):04d}-{MONTHS[m['month']]:02d}", True
    m = re.fullmatch(r"(?P<season>spring|summer|fall|autumn|winter),?(?: of)? (?P<year>.+)", t)
    if m:
        season_year = _year(m["year"])
        if season_year:
            return "DATE", f"{season_year:04d}-{SEASONS[m['season']]}", True
    bare_year = _year(t)
    if bare_year is not None:
        return "DATE", f"{bare_year:04d}", True
    m = re.fullmatch(r"(?:(?P<cent>1[0-9]|20)|')?(?P<dec>\d)0'?s", t)
    if m:
        cent = m["cent"] or ("19" if int(m["dec"]) > 2 else "20")
        return "DATE", "{}{}".format(cent, m["dec"]), True
    words = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
             "seventies": 7, "eighties": 8, "nineties": 9}
    if t in words:
        return "DATE", f"19{words[t]}", True
    m = re.fullmatch(r"(?P<n>\d{1,2})(?:st|nd|rd|th) century", t) or re.fullmatch(
        r"(?P<w>\w+(?:-\w+)?) century", t)
    if m and (m["n"] if m.groupdict().get("n") else ORDINALS.get(m["w"] or "")):
        n = int(m["n"]) if m.groupdict().get("n") else ORDINALS[m["w"]]
        return "DATE", f"{n - 1:02d}", True
    m = re.fullmatch(rf"(?:in )?{_MONTH}", t)
    if m and t not in ("may", "mar", "sat", "sun", "jan", "dec"):
        month = MONTHS[m["month"]]
        if ctx.anchor is None:
            return "DATE", f"XXXX-{month:02d}", False
        year = nearest_month_year(ctx.anchor, month, ctx.tense)
        return "DATE", f"{year:04d}-{month:02d}", True
    if t == "may" and ctx.prev_word in ("in", "since", "until", "of", "early", "late", "mid",
                                        "by", "during", "through", "last", "next", "this"):
        # "may" is a month only where a month fits ("in May", "last May"), not "may rise"
        if ctx.anchor is None:
            return "DATE", "XXXX-05", False
        return "DATE", f"{nearest_month_year(ctx.anchor, 5, ctx.tense):04d}-05", True
    return (periods.quarter_value(t, ctx) or periods.holiday_value(t, ctx)
            or periods.year_end(t, ctx))


def _year(t: str) -> int | None:
    t = t.removeprefix("the ").removeprefix("year ").removeprefix("fiscal ")
    t = re.sub(r"^(?:fy|fiscal year|calendar year|year|model year|in|of) ?", "", t)
    m = re.fullmatch(r"(\d{4})(?:-(?:\d\d|\d{4}))?|'(\d\d)", t)
    if m:
        year = int(m.group(1)) if m.group(1) else _fix_year("'" + m.group(2))
        return year if 1000 <= year <= 2199 else None
    if re.fullmatch(r"[a-z]+(?:[ -][a-z]+)+", t):
        return year_from_words(t)
    return None


def _ymd(year: int, month: int, day: int) -> Value | None:
    try:
        return "DATE", dt.date(year, month, day).isoformat(), True
    except ValueError:
        return None


def _time_of_day(t: str, ctx: Context) -> Value | None:
    """"10:35 am", "9 am tuesday", "noon friday": a TIME on the day the words point at."""
    clock = None
    m = re.fullmatch(r"(?:(?P<post>.+?),? )?(?:at )?(?P<w>noon|midnight|midday)(?: (?P<pre>.+))?",
                     t)
    if m:
        clock = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[m["w"]]
        day_words = m["post"] or m["pre"]
    else:
        m = _TIME.fullmatch(t)
        if not m or not (m["ap"] or m["m"]):
            return None
        hour, minute = int(m["h"]), int(m["m"] or 0)
        if m["ap"] in ("pm", "p m") and hour < 12:
            hour += 12
        if m["ap"] in ("am", "a m") and hour == 12:
            hour = 0
        if hour > 24 or minute > 59:
            return None
        clock = f"{hour:02d}:{minute:02d}"
        day_words = (m["pre"] or "").strip(" ,") or (m["post"] or "").strip(" ,")
        # a time zone is not a day: "12:30 gmt", "3 pm et on sunday"
        day_words = re.sub(r"^(?:" + _ZONES + r")\b[\s,]*(?:on\s+)?", "", day_words)
    day_words = re.sub(_PARTS_RE, "", day_words or "")
    day_words = day_words.strip(" ,")
    if day_words:
        day = date_value(day_words, ctx)
        if day is None or not re.fullmatch(r"[\dX]{4}-[\dX]{2}-[\dX]{2}", day[1][:10]):
            return None
        return "TIME", day[1][:10] + "T" + clock, day[2]
    if ctx.anchor is None:
        return "TIME", "XXXX-XX-XXT" + clock, False
    return "TIME", ctx.anchor.isoformat() + "T" + clock, True
