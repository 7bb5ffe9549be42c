"""TIMEX3 type and value for one time expression: references, sets, durations, then dates.

`normalise(text, ctx)` returns (type, value, resolved) or None when the words are not a time
expression after all (an age, a count); dates live in dates.py, the calendar in anchoring.py.
"""

from __future__ import annotations

import re

from reader.timex import dates
from reader.timex.context import Context, Value
from reader.timex.words import (
    MONTHS,
    NUMBER_WORD_RE,
    SEASONS,
    UNIT_RE,
    UNITS,
    WEEKDAYS,
    parse_number,
)

_REFS = {
    "PRESENT_REF": r"now|right now|just now|currently|current|presently|at present|the present"
                   r"|nowadays|these days|at the moment|the moment|at this time|this time"
                   r"|at this point|this point|so far|to date|the current period",
    "PAST_REF": r"recently|recent|lately|previously|formerly|the past|in the past|earlier"
                r"|recent years|recent times|the recent past|in recent years|some time ago"
                r"|long ago|years ago|the old days",
    "FUTURE_REF": r"the future|in the future|the near future|the distant future|soon"
                  r"|eventually|the years ahead|someday",
}
_REF_RES = [(v, re.compile(rf"(?:{pat})")) for v, pat in _REFS.items()]

# Adjectives news uses for things, not times: "quarterly dividend", "annual meeting".
_NOT_TIMEX = {"quarterly", "annual", "future", "previously", "formerly", "once", "later"}
_SET_WORDS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W",
              "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H",
              "every day": "P1D", "each day": "P1D",
              "every week": "P1W", "every month": "P1M", "every year": "P1Y",
              "each year": "P1Y", "each month": "P1M", "each week": "P1W"}
_SET_RE = re.compile(rf"(?:(?:once|twice|(?:{NUMBER_WORD_RE}) times) )?"
                     r"(?:every|each|per|a|an)(?: other)?"
                     rf"(?: ({NUMBER_WORD_RE}))? ({UNIT_RE})")
_SET_TRIGGERS = {"per", "times", "once", "twice", "billion", "million", "percent", "%",
                 "thousand", "hundred", "dollars", "cents"}

_DUR_LEADS = (r"(?:(?:the|a|an|another|for|over|during|within|about|around|roughly|nearly"
              r"|almost|more than|less than|up to|at least|at most|some|only|just|past|last"
              r"|next|coming|first|previous|final|following|latest|other|additional|initial"
              r"|remaining|entire|whole|preceding|one|recent|succeeding|subsequent)\s+)*")
_DURATION_RE = re.compile(
    _DUR_LEADS + rf"(?P<num>{NUMBER_WORD_RE}|several|few|a few|some|many|more|couple of"
    r"|a couple of|recent"
    r"|hundreds of|thousands of|dozens of|the)?\s*(?:more\s+|full\s+|straight\s+)?"
    rf"(?P<unit>{UNIT_RE})(?:\s+(?:long|old|running|straight|in a row|or so|or more|later))?")
_ADJ_DURATION_RE = re.compile(r"(?P<num>\d+(?:\.\d+)?|[a-z]+(?:-[a-z]+)?)?-?"
                              rf"(?P<unit>{UNIT_RE})(?:-(?:long|old))?")
_RELATIVE_LEADS = {"the", "past", "last", "next", "coming", "previous", "following", "latest",
                   "this", "same", "current", "that", "preceding"}


def clean(text: str) -> str:
    """Lower case, plain quotes, no abbreviation dots or trailing possessive."""
    t = text.lower().replace("’", "'").replace("`", "'").strip()
    t = re.sub(r"\ba\.m\.?", "am", t)
    t = re.sub(r"\bp\.m\.?", "pm", t)
    t = re.sub(r"\b([a-z]{2,5})\.", r"\1", t)
    t = re.sub(r"\s+", " ", t)
    t = re.sub(r"(?:'s|s')$", lambda m: "s" if m.group(0) == "s'" else "", t)
    return t.strip(" .,;:'\"-")


def normalise(text: str, ctx: Context) -> Value | None:
    """The (type, value, resolved) of a time expression, or None if it is not one."""
    t = clean(text)
    if not t or t in _NOT_TIMEX:
        return None
    for value, rx in _REF_RES:
        if rx.fullmatch(t):
            return "DATE", value, True
    found = _set(t, ctx)
    if found is None and not re.search(r"\b(?:ago|earlier|later|before|after|from now|hence)$",
                                       t):
        found = _duration(t, ctx)
    elif found is None and re.search(r"(?:days?|weeks?|hours?|minutes?) (?:later|after|earlier"
                                     r"|before)$", t):
        # TimeBank: "three days later" measures the gap, it does not date the event
        found = _duration(t.rsplit(" ", 1)[0], ctx)
    if found is None:
        found = dates.date_value(t, ctx)
    return found


def _set(t: str, ctx: Context) -> Value | None:
    if t in _SET_WORDS:
        return "SET", _SET_WORDS[t], True
    m = _SET_RE.fullmatch(t)
    if m:
        if t.split()[0] in ("a", "an") and ctx.prev_word not in _SET_TRIGGERS and not (
                ctx.prev_word[:1].isdigit() or ctx.prev_word.startswith("$")):
            return None  # "a year" alone is a duration, "$1 billion a year" a frequency
        num = parse_number(m.group(1)) if m.group(1) else 1
        return "SET", duration_value(num or 1, m.group(2)), True
    m = re.fullmatch(r"(?:every|each) ({})".format("|".join(WEEKDAYS)), t)
    if m:
        return "SET", f"XXXX-WXX-{WEEKDAYS[m.group(1)] + 1}", True
    m = re.fullmatch(r"(?:every|each) ({})".format("|".join(SEASONS)), t)
    if m:
        return "SET", "XXXX-" + SEASONS[m.group(1)], True
    m = re.fullmatch(r"(?:every|each) ({})".format("|".join(MONTHS)), t)
    if m:
        return "SET", f"XXXX-{MONTHS[m.group(1)]:02d}", True
    return None


def duration_value(num: float | None, unit: str) -> str:
    """P2W, PT5H30M, P10Y for a decade, PXY when the amount is vague."""
    base = unit.lower().rstrip("s")
    if base.endswith("centurie") or base == "century":
        base = "century"
    if base == "millennia":
        base = "millennium"
    letter, mult, is_time = UNITS.get(base, ("Y", 1, False))
    prefix = "PT" if is_time else "P"
    if num is None:
        return prefix + "X" + letter
    amount = num * mult
    if amount != int(amount):
        finer = {"Y": ("M", 12), "M": ("D", 30) if not is_time else ("S", 60), "W": ("D", 7),
                 "D": ("H", 24), "H": ("M", 60)}
        if letter in finer:
            small, factor = finer[letter]
            whole = int(amount)
            rest = round((amount - whole) * factor)
            to_time = is_time or small == "H"
            head = ("PT" if to_time else "P") + (f"{whole}{letter}" if whole else "")
            if to_time and not is_time:
                head = f"P{whole}{letter}T" if whole else "PT"
            return head + f"{rest}{small}"
    return f"{prefix}{int(amount)}{letter}"


def _duration(t: str, ctx: Context) -> Value | None:
    m = _DURATION_RE.fullmatch(t)
    if m is None:
        m = _ADJ_DURATION_RE.fullmatch(t)
        if m is None or "-" not in t:
            return None
    unit, num_words = m.group("unit"), m.group("num")
    if unit.startswith("quarter") and ("-" in t or ctx.next_word == "of"):
        return None  # "three-quarters of its food", "a quarter of the market": fractions
    words = t.split()
    plural = unit.endswith("s") or unit in ("centuries", "millennia")
    leads = set(words[:-1]) | ({"the"} if t.startswith("the ") else set())
    if num_words in (None, "the"):
        if plural:
            if unit == "years" and "recent" in leads:
                return "DATE", "PAST_REF", True
            return "DURATION", duration_value(None, unit), True
        asked = ctx.next_word in ("ended", "ending") and unit in ("year", "month", "week")
        whole = bool(leads & {"whole", "entire"}) or (
            "past" in leads and unit in ("decade", "century"))
        if not (asked or whole or "-" in t or leads & {"a", "an", "one"}):
            return None  # "last week", "the year", "the final quarter": a date
        return "DURATION", duration_value(1, unit), True
    if num_words in ("several", "few", "a few", "some", "many", "more", "recent",
                     "hundreds of", "thousands of", "dozens of"):
        if num_words == "recent" and unit == "years":
            return "DATE", "PAST_REF", True
        return "DURATION", duration_value(None, unit), True
    if num_words in ("couple of", "a couple of"):
        return "DURATION", duration_value(2, unit), True
    num = parse_number(num_words)
    if num is None or (num >= 1000 and not plural):
        return None  # "the 1988 quarter" is a date
    if num_words in ("a", "an") and not plural and leads & _RELATIVE_LEADS - {"past", "last"}:
        return None
    return "DURATION", duration_value(num, unit), True
