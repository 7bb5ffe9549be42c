"""Word lists the temporal tagger shares: month, weekday, season and unit names, and numbers.

Kept apart from the rules so candidates.py and normalise.py read the same vocabulary.
"""

from __future__ import annotations

import re

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# TimeML parts of the day, appended to a date as "T" + code.
PARTS_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
    "midday": "MI", "mid-afternoon": "AF", "mid afternoon": "AF",
}
# Duration units: (TimeML letter, multiplier, is a time-of-day unit needing "PT").
UNITS = {
    "second": ("S", 1, True), "sec": ("S", 1, True), "minute": ("M", 1, True),
    "min": ("M", 1, True), "hour": ("H", 1, True), "hr": ("H", 1, True),
    "day": ("D", 1, False), "night": ("D", 1, False), "week": ("W", 1, False),
    "fortnight": ("W", 2, False), "month": ("M", 1, False), "quarter": ("M", 3, False),
    "year": ("Y", 1, False), "decade": ("Y", 10, False), "century": ("Y", 100, False),
    "centurie": ("Y", 100, False), "millennium": ("Y", 1000, False),
}
UNIT_RE = (r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|fortnights?"
           r"|months?|quarters?|years?|decades?|century|centuries|millennium|millennia)")

_ONES = {
    "zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "a couple of": 2, "a couple": 2, "couple of": 2,
    "half a": 0.5, "a half": 0.5, "half an": 0.5, "a dozen": 12, "dozen": 12,
    "a hundred": 100, "one hundred": 100, "hundred": 100, "a thousand": 1000,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "thirtieth": 30,
}
VAGUE_QUANTITIES = ("several", "few", "a few", "some", "many", "a number of", "numerous",
                    "a couple of", "couple of", "recent", "coming", "past")

NUMBER_WORD_RE = (r"(?:\d+(?:[.,]\d+)?(?:\s+\d/\d)?|(?:twenty|thirty|forty|fifty|sixty|seventy"
                  r"|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
                  r"|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
                  r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a|an"
                  r"|a couple of|a dozen|dozen|half an?|a half|hundreds of|thousands of|a hundred"
                  r"|one hundred|a thousand)")


def parse_number(words: str) -> float | None:
    """'two' -> 2, 'twenty-five' -> 25, '5 1/2' -> 5.5, '1,000' -> 1000; None if not a number."""
    w = words.strip().lower()
    if w in _ONES:
        return _ONES[w]
    m = re.fullmatch(r"(\d+(?:[.,]\d+)?)(?:\s+(\d)/(\d))?", w)
    if m:
        num = float(m.group(1).replace(",", ""))
        if m.group(2):
            num += int(m.group(2)) / int(m.group(3))
        return num
    m = re.fullmatch(r"(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                     r"(?:[- ](one|two|three|four|five|six|seven|eight|nine))?", w)
    if m:
        return _TENS[m.group(1)] + (_ONES[m.group(2)] if m.group(2) else 0)
    return None


def year_from_words(words: str) -> int | None:
    """'nineteen ninety-six' -> 1996, 'two thousand' -> 2000 (spoken-style years in transcripts)."""
    w = words.lower().replace("-", " ").split()
    if w[:2] == ["two", "thousand"]:
        rest = parse_number(" ".join(w[2:]).replace("and ", "")) if len(w) > 2 else 0
        return 2000 + int(rest or 0)
    if len(w) >= 2 and w[0] in ("nineteen", "eighteen", "twenty"):
        cent = int(_ONES.get(w[0]) or 20)
        rest = parse_number("-".join(w[1:]))
        if rest is not None and 0 <= rest < 100:
            return cent * 100 + int(rest)
    return None
