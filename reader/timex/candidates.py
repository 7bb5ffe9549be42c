"""Where the time expressions are: spaCy's DATE/TIME entities, trimmed and split the TimeML
way, plus patterns for what the statistical model misses ("now", "recently", "two-year").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.timex.patterns import ZONE, pattern_spans
from reader.timex.words import MONTHS, WEEKDAYS

if TYPE_CHECKING:
    from spacy.tokens import Doc

Span = tuple[int, int]

# Words TimeML leaves outside the tag: prepositions and hedges before the expression.
_LEADING = re.compile(
    r"^(?:(?:about|approximately|roughly|only|just|between|from|since|until|till|through"
    r"|throughout|during|by|in|on|at|of|for|over|within|before|after|as long as|as early as"
    r"|as late as|as of|as recently as|sometime|some time in|and|or|to|the day|a day|than|all"
    r"|mid|its|his|her|their|our|my|your)\s+"
    # an article before a calendar date is left out too: "the Aug. 7, 1998 bombings"
    r"|(?:the|an?)\s+(?=(?:" + "|".join(MONTHS) + r")\.?\s+\d"
    r"|(?:days|weeks|months|years|decades)\b))+", re.I)
_TRAILING = re.compile(r"(?:\s+(?:and|or|to|alone|or so|or more)|['’]s?|[,;:])+$",
                       re.I)
# Ranges and lists the tagger keeps whole but TimeML tags part by part.
_SPLIT = re.compile(r"\s*(?:,\s*|\s+(?:and|or|to|through|until|-|–)\s+|\s*[-–]\s*)(?=\S)")
_AGE = re.compile(r"\d+[- ](?:year|month|week|day)s?[- ]olds?|\bages?\b|\baged\b|years? old"
                  r"|\bold\b|^(?:his|her|their|its|my|our|your) (?:\w+ )?(?:\d0s|teens)", re.I)
_NUMBER_ONLY = re.compile(r"^(?:the\s+)?(?:\d{1,3}|\d{5,})(?:st|nd|rd|th)?$|^\d+(?:[.,]\d+)?$")
_NUMBERED_THINGS = {"room", "rooms", "flight", "windows", "version", "model", "route", "highway",
                    "suite", "apartment", "no", "number", "bus", "train", "line", "chapter",
                    "article", "section", "page", "pages", "box", "gate", "terminal", "resolution",
                    "order", "bill", "platform", "exit", "interstate", "unit", "code"}
_MONEY = re.compile(r"[$£€¥%]|\bpercent\b|\bcents?\b|\bdollars?\b|\bshares?\b", re.I)

def find_spans(text: str, doc: Doc) -> list[Span]:
    """Character spans of time expressions in `text`, without overlaps, in text order."""
    spans: list[Span] = []
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            parts = split_span(text, ent.start_char, ent.end_char)
            for i, part in enumerate(parts):
                trimmed = trim(text, *part)
                if trimmed and (is_temporal(text, *trimmed)
                                or (i > 0 and _day_of_range(text, parts[0], trimmed))):
                    spans.append(trimmed)
    for s, e in pattern_spans(text):
        if not is_temporal(text, s, e):
            continue
        inside = [sp for sp in spans if sp[0] < e and s < sp[1]]
        # a pattern may widen the tagger's spans ("year-ago" -> "the year-ago period") but
        # never cut one
        if any(sp[0] < s or sp[1] > e for sp in inside):
            continue
        if inside and (s, e) in inside:
            continue
        for sp in inside:
            spans.remove(sp)
        spans.append((s, e))
    spans.sort()
    return _join_parts(text, spans)


_DAY_WORD = r"(?:{}|today|yesterday|tomorrow|tonight)".format("|".join(
    w for w in WEEKDAYS if len(w) > 5))
_PART_AFTER = re.compile(r"[ ,]+(?:in the |early |late )?(?:morning|afternoon|evening|night)\b",
                         re.I)
_CLOCK = re.compile(r"(?:\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\.?|o'clock)?(?:\s+" + ZONE + ")?"
                    r"|noon|midnight|midday)$", re.I)
_MONTH_DAY = re.compile(r"(?:" + "|".join(MONTHS) + r")\.? \d{1,2}\b", re.I)
_DAYISH = re.compile(r"(?:last |next |this )?(?:{0}|(?:{0},? )?(?:{1})\.? \d{{1,2}}"
                     r"(?:, \d{{4}})?)$".format(_DAY_WORD, "|".join(MONTHS)), re.I)


def _day_of_range(text: str, first: Span, part: Span) -> bool:
    """The bare "25" of "April 24 and 25": kept, it borrows the month of the first part."""
    return text[part[0]:part[1]].isdigit() and len(text[part[0]:part[1]]) <= 2 and bool(
        _MONTH_DAY.match(text[first[0]:first[1]].strip()))


def _join_parts(text: str, spans: list[Span]) -> list[Span]:
    """"Friday" + " morning", "5 p.m. EST" + "Nov. 9": one expression in TimeML."""
    out: list[Span] = []
    for s, e in spans:
        if re.fullmatch(_DAY_WORD, text[s:e], re.I):
            m = _PART_AFTER.match(text, e)
            if m:
                e = m.end()
        if out:
            ps, pe = out[-1]
            gap = text[pe:s]
            left, right = text[ps:pe], text[s:e]
            joined = re.fullmatch(r"\s*,?\s*(?:on\s+)?", gap) and (
                (_CLOCK.match(left) and _DAYISH.match(right))
                or (re.fullmatch(_DAY_WORD, left, re.I) and _MONTH_DAY.match(right))
                or (_MONTH_DAY.fullmatch(left) and re.fullmatch(r"\d{4}", right) and "," in gap))
            if joined:
                out[-1] = (ps, e)
                continue
        out.append((s, e))
    return out


def split_span(text: str, start: int, end: int) -> list[Span]:
    """"between 1994 and 1997" -> "1994", "1997"; "April 24 and 25" -> both days."""
    chunk = text[start:end]
    parts, pos = [], 0
    for m in _SPLIT.finditer(chunk):
        left, right = chunk[pos:m.start()], chunk[m.end():]
        right_head = right.split(",")[0].split(" and ")[0]
        if m.group().strip() == "," and re.fullmatch(r"\d{4}\b.*", right_head.strip()):
            continue  # "Aug. 7, 1998" is one date
        if m.group().strip() == "," and left.strip().lower() in WEEKDAYS:
            continue  # "Monday, Oct. 26" too
        if _complete(left) and _complete(right_head):
            parts.append((start + pos, start + m.start()))
            pos = m.end()
    parts.append((start + pos, end))
    return parts


_MONTH_WORD = "|".join(MONTHS)
_COMPLETE = re.compile(rf"\d{{4}}|\d{{1,2}}|(?:\w+day,? )?(?:{_MONTH_WORD})\.? \d{{1,2}}"
                       r"(?:,? \d{4})?"
                       rf"|(?:{_MONTH_WORD})\.?(?: \d{{4}})?")


def _complete(piece: str) -> bool:
    """Does this piece of a range stand on its own as a date ("1994", "April 24", "Friday")?"""
    p = piece.strip().lower().rstrip(".")
    p = re.sub(r"^(?:between|from|since|the|late|early|mid)\s+", "", p)
    if _COMPLETE.fullmatch(p):
        return True
    return p in WEEKDAYS or p in ("today", "yesterday", "tomorrow", "now")


def trim(text: str, start: int, end: int) -> Span | None:
    """Drop the leading prepositions and hedges and the trailing possessive TimeML leaves out."""
    chunk = text[start:end]
    m = _LEADING.match(chunk)
    if m and m.end() < len(chunk):
        start += m.end()
        chunk = chunk[m.end():]
    m = _TRAILING.search(chunk)
    if m and m.start() > 0:
        end = start + m.start()
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "\"'`("):
        end -= 1
    return (start, end) if end > start else None


_AGE_DECADE = re.compile(r"(?:his|her|their|my|your|our)\s+(?:early\s+|late\s+|mid-?)?$", re.I)


def is_temporal(text: str, start: int, end: int) -> bool:
    """False for ages ("44-year-old", "Kopp, 44"), bare counts and money the tagger calls DATE."""
    chunk = text[start:end]
    if re.fullmatch(r"'?\d0s", chunk) and _AGE_DECADE.search(text[max(0, start - 20):start]):
        return False  # "in his 30s" is an age
    if _AGE.search(chunk) or _MONEY.search(chunk):
        return False
    before = text[max(0, start - 12):start].lower().split()
    after = text[end:end + 12].lower().split()
    numbered = re.fullmatch(r"(\w+)\.? \d+", chunk)
    if (numbered and numbered.group(1).lower() in _NUMBERED_THINGS) or (
            chunk.isdigit() and before and before[-1].strip(".") in _NUMBERED_THINGS):
        return False  # "room 1905", "Windows 2000", "flight 2020"
    if chunk.lower() == "march" and before and before[-1] == "the" and after and after[0] in (
            "for", "of", "on", "against", "to", "in"):
        return False  # "the March for Our Lives", "the march on Washington"
    if _NUMBER_ONLY.match(chunk.strip()):
        value = int(re.sub(r"\D", "", chunk) or 0)
        return 1000 <= value <= 2199 and len(chunk.strip()) == 4
    return True
