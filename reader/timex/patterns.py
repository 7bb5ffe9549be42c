"""Patterns for time expressions the statistical tagger tends to miss: "now", "recently",
"two-year", "Aug. 7" before a noun, clock times, "each July", "the year-ago period".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reader.timex.words import MONTHS, NUMBER_WORD_RE, UNIT_RE, WEEKDAYS

Span = tuple[int, int]

ZONE = r"(?:(?-i:[A-Z]{1,4}T|GMT|UTC)|local time)\b"
_NUMBER_NO_ARTICLE = NUMBER_WORD_RE.replace("|a|an", "")
_MONTH_WORDS = "|".join([m + r"\b" for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]
                        + [m + r"\." for m in MONTHS if len(m) <= 4])
_WEEKDAY_WORDS = "|".join(w for w in WEEKDAYS if len(w) > 5)
_ALWAYS = [
    # longest first: the regex takes the first alternative that matches, not the longest
    rf"(?:{_MONTH_WORDS}) ?\d{{1,2}}(?:st|nd|rd|th)?(?:, \d{{4}})?",
    rf"\d{{1,2}}(?:st|nd|rd|th)? (?:of )?(?:{_MONTH_WORDS})(?:,? \d{{4}})?",
    rf"\d{{1,2}}(?::\d\d)?\s*(?:[ap]\.m\.|[ap]m\b)(?:\s+{ZONE})?|\d{{1,2}}:\d\d(?:\s+{ZONE})?",
    r"(?:(?:nearly|almost|more than|less than|at least|up to) )?"
    rf"(?:{_NUMBER_NO_ARTICLE})"
    rf"(?: \d/\d)? (?:more |full )?{UNIT_RE}(?: (?:ago|earlier|later))?",
    r"last night", rf"(?:every|each) (?:{_WEEKDAY_WORDS}|{_MONTH_WORDS}|spring|summer|fall"
    r"|autumn|winter)",
    r"now", r"currently", r"recently", r"lately", r"nowadays", r"(?:the|in) (?:near |distant )?"
    r"future", r"the past", r"(?:daily|weekly|monthly)", r"today", r"tonight",
    r"yesterday", r"tomorrow", rf"(?:every|each) (?:other )?(?:{NUMBER_WORD_RE} )?{UNIT_RE}",
    rf"(?:{_NUMBER_NO_ARTICLE})-{UNIT_RE}(?:-long|-old)?",
    r"(?:day|week|month|year|decades?|centuries)-long", r"year-end",
    r"year-(?:ago|earlier)", r"(?:the )?(?:comparable |same )?(?:year-(?:ago|earlier)|\d{4}"
    r"|fiscal \d{4})(?: (?:first|second|third|fourth|fiscal|full))* (?:period|quarter|half"
    r"|nine months|six months)",
    r"year[- ]end|year's end", r"(?:the )?(?:first|second|third|fourth)[- ]quarter",
    r"(?:'|1\d|20)\d0s", rf"(?:{_MONTH_WORDS})", _WEEKDAY_WORDS,
    r"(?:thanksgiving|christmas|new year's)(?: day| eve)?", r"\d{4}",
    rf"(?:once|twice|\w+ times) (?:a|an|per|every) {UNIT_RE}", r"current",
    r"recent (?:years|months|weeks|days)", r"(?:post|pre|mid)-\d{4}",
    r"(?:a|per) (?:year|month|week|day)", r"(?:this|last|next) (?:year|month|week)",
    r"the (?:latest|current|same|comparable) (?:period|quarter)",
    r"(?:that|the) (?:same |following |next |previous |preceding )?(?:day|week|month|year)"
    r"(?<!the day)(?<!the week)(?<!the month)(?<!the year)",
    r"\d{4}-\d\d-\d\d", r"\d{1,2}/\d{1,2}/(?:\d{4}|\d\d)", r"Q[1-4] \d{4}|\d{4} Q[1-4]",
]
_ALWAYS_RE = re.compile(r"(?<![\w'-])(?:{})(?![\w-])".format("|".join(_ALWAYS)), re.I)
# "current" is a time word before most nouns, but not in "current account", "current events"
_NOT_TIME_NOUNS = {"account", "accounts", "affairs", "events", "carrying", "flow", "flows",
                   "density", "and", "or", ","}


def pattern_spans(text: str) -> Iterator[Span]:
    """Spans the patterns find, minus the words that are only sometimes times ("March")."""
    for m in _ALWAYS_RE.finditer(text):
        if _pattern_ok(text, *m.span()):
            yield m.span()


def _pattern_ok(text: str, s: int, e: int) -> bool:
    word = text[s:e].lower()
    after = text[e:e + 30].lower().split()
    before = text[max(0, s - 20):s].lower().split()
    if word == "current":
        return bool(after) and after[0].strip(".,") not in _NOT_TIME_NOUNS
    if word.startswith(("a ", "per ")):
        # "$1 billion a year", "twice a week": a frequency, not "for a year"
        return bool(before) and (before[-1][:1].isdigit() or before[-1] in (
            "billion", "million", "thousand", "percent", "times", "once", "twice"))
    if word.isdigit():
        # a bare year only in a date-like slot: "in 1994", "1994 and 1997"; not "1,994 cars"
        return 1900 <= int(word) <= 2100 and bool(before) and before[-1] in (
            "in", "since", "of", "and", "until", "from", "to", "by", "before", "after",
            "between", "through", "during", "early", "late", "mid", "year", "fiscal", ",")
    if word in MONTHS or word.rstrip(".") in MONTHS:
        # a month word alone only after a preposition ("in March", not "the March for Life")
        return bool(before) and before[-1] in ("in", "since", "until", "by", "last", "next",
                                               "this", "early", "late", "of", "through",
                                               "during", "mid", "from", "before", "after")
    return not re.match(r"[- ]+olds?\b", text[e:e + 6])  # "30 years old" is an age
