"""The chronology: every dated event the articles mention, placed on a calendar and merged.

An entry is one dated expression with its sentence, article, outlet and the entities named in
that sentence (plus one entry for each article's publication). Entries from several articles
that report the same event are merged into one `Event` with every outlet that reports it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from reader.models import month_end

if TYPE_CHECKING:
    from reader.store import ArticleStore

# Entity types specific enough that sharing one makes two sentences about the same event.
_SPECIFIC = {"PERSON", "ORG", "EVENT", "LAW", "FAC", "WORK_OF_ART", "PRODUCT"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_STOP = frozenset({
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "for", "by", "with", "from",
    "that", "this", "which", "who", "was", "were", "is", "are", "be", "been", "has", "have",
    "had", "it", "its", "as", "but", "not", "said", "says", "their", "they", "he", "she", "his",
    "her", "after", "before", "over",
})


@dataclass(frozen=True)
class Span:
    """Where on the calendar a TIMEX3 value lies, and how precisely."""

    start: dt.date
    end: dt.date  # inclusive
    precision: str  # century, decade, year, half, quarter, season, month, week, day

    def label(self) -> str:
        s = self.start
        if self.precision == "day":
            return s.strftime("%-d %B %Y")
        if self.precision == "week":
            return f"week of {s.strftime('%-d %B %Y')}"
        if self.precision == "month":
            return s.strftime("%B %Y")
        if self.precision in ("quarter", "half", "season"):
            return f"{self.start.strftime('%b')}–{self.end.strftime('%b %Y')}"
        if self.precision == "decade":
            return f"the {s.year}s"
        if self.precision == "century":
            return f"the {s.year // 100 + 1}th century"
        return str(s.year)


_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14)}


def calendar_span(value: str) -> Span | None:
    """The calendar span of a TIMEX3 DATE/TIME value, or None (durations, X, PRESENT_REF)."""
    value = value.split("T", 1)[0]
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
            day = dt.date(*map(int, m.groups()))
            return Span(day, day, "day")
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            y, mo = map(int, m.groups())
            return Span(dt.date(y, mo, 1), month_end(y, mo), "month")
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return Span(monday, monday + dt.timedelta(days=6), "week")
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
            y, q = int(m[1]), int(m[2])
            return Span(dt.date(y, 3 * q - 2, 1), month_end(y, 3 * q), "quarter")
        if m := re.fullmatch(r"(\d{4})-H([12])", value):
            y, h = int(m[1]), int(m[2])
            return Span(dt.date(y, 6 * h - 5, 1), month_end(y, 6 * h), "half")
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|AU|WI)", value):
            y, (first, last) = int(m[1]), _SEASONS[m[2]]
            end_y, end_m = (y + 1, last - 12) if last > 12 else (y, last)
            return Span(dt.date(y, first, 1), month_end(end_y, end_m), "season")
        if re.fullmatch(r"\d{4}", value):
            y = int(value)
            return Span(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")
        if re.fullmatch(r"\d{3}", value):
            y = int(value) * 10
            return Span(dt.date(y, 1, 1), dt.date(y + 9, 12, 31), "decade")
        if re.fullmatch(r"\d{2}", value):
            y = int(value) * 100
            return Span(dt.date(max(1, y), 1, 1), dt.date(y + 99, 12, 31), "century")
    except ValueError:
        return None
    return None


@dataclass
class Entry:
    article_id: int
    outlet: str | None
    title: str | None
    kind: str  # "mention" (a date in the text) or "published"
    text: str  # the date expression as written (the title for a publication)
    value: str
    span: Span | None  # None: unresolved (needs a publication date the article lacks)
    start: int = 0  # offsets of the expression in the clean body
    end: int = 0
    sentence: str = ""
    sent_start: int = 0
    entities: dict[int, tuple[str, str]] = field(default_factory=dict)  # id -> (name, label)
    story: frozenset[int] = frozenset()  # specific entities named anywhere in the article


@dataclass
class Event:
    """One dated event: its entries from one or more articles, and any conflicting dates."""

    span: Span | None
    value: str
    entries: list[Entry]
    conflicts: list[str] = field(default_factory=list)  # other values given for it

    @property
    def outlets(self) -> list[str]:
        return sorted({e.outlet or "unknown outlet" for e in self.entries})

    @property
    def kind(self) -> str:
        return self.entries[0].kind

    def to_json(self) -> dict:
        return {
            "value": self.value,
            "precision": self.span.precision if self.span else None,
            "start": self.span.start.isoformat() if self.span else None,
            "end": self.span.end.isoformat() if self.span else None,
            "label": self.span.label() if self.span else f"unresolved ({self.value})",
            "kind": self.kind,
            "outlets": self.outlets,
            "conflicts": self.conflicts,
            "entries": [
                {
                    "article": e.article_id,
                    "outlet": e.outlet,
                    "title": e.title,
                    "text": e.text,
                    "start": e.start,
                    "end": e.end,
                    "sentence": e.sentence,
                    "entities": sorted(n for n, _ in e.entities.values()),
                }
                for e in self.entries
            ],
        }


def entries_for(store: ArticleStore, article_ids: Iterable[int]) -> list[Entry]:
    """Chronology entries of the given articles: their dated expressions and publications."""
    entries: list[Entry] = []
    ids = list(article_ids)
    rows = {r.id: r for r in store.rows(ids)}
    bodies = store.bodies(ids)
    for article_id in ids:
        row = rows.get(article_id)
        if row is None:
            continue
        if row.published is not None:
            pub = row.published
            entries.append(
                Entry(article_id, row.outlet, row.title, "published", row.title or "",
                      pub.iso(), calendar_span(pub.iso()), sentence=row.title or "")
            )
        mentions = store.article_mentions(article_id)
        story = frozenset(m.entity_id for m in mentions if m.label in _SPECIFIC)
        body = bodies.get(article_id, "")
        for t in store.article_timexes(article_id):
            if t.type not in ("DATE", "TIME"):
                continue  # durations and repetitions are not points in time
            span = calendar_span(t.value)
            if span is None and t.resolved:
                continue  # PRESENT_REF and the like: no place on a calendar
            named = {
                m.entity_id: (m.name, m.label)
                for m in mentions
                if t.sent_start <= m.start and m.end <= t.sent_end
            }
            entries.append(
                Entry(article_id, row.outlet, row.title, "mention", t.text, t.value, span,
                      t.start, t.end, body[t.sent_start : t.sent_end], t.sent_start, named,
                      story)
            )
    return entries


@lru_cache(maxsize=20_000)
def _words(sentence: str) -> frozenset[str]:
    # Five-letter prefixes: "suspended" and "suspending" are one word here. Cached: merging
    # compares each sentence with many others.
    return frozenset(w.lower()[:5] for w in _WORD.findall(sentence) if w.lower() not in _STOP)


def _overlap(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _same_event(a: Entry, b: Entry) -> bool:
    """Two entries with the same date value report one event."""
    if a.entities.keys() & b.entities.keys() & _specific_ids(a):
        return True
    if _overlap(_words(a.sentence), _words(b.sentence)) >= 0.3:
        return True
    # A day is precise enough that two articles on one story naming it mean one event.
    fine = a.span is not None and a.span.precision == "day"
    return fine and a.article_id != b.article_id and bool(a.story & b.story)


def _specific_ids(entry: Entry) -> set[int]:
    return {i for i, (_, label) in entry.entities.items() if label in _SPECIFIC}


def merge_events(entries: Iterable[Entry]) -> list[Event]:
    """Group entries into events (same value and same story), then flag conflicting dates."""
    by_value: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for entry in entries:
        by_value[(entry.kind, entry.value)].append(entry)
    events: list[Event] = []
    for (kind, value), group in by_value.items():
        if kind == "published":
            events.extend(Event(e.span, value, [e]) for e in group)
            continue
        clusters: list[list[Entry]] = []
        for entry in group:
            home = next((c for c in clusters if any(_same_event(entry, o) for o in c)), None)
            if home is None:
                clusters.append([entry])
            else:
                home.append(entry)
        events.extend(Event(group[0].span, value, c) for c in clusters)
    _flag_conflicts(events)
    events.sort(key=_sort_key)
    return events


# How far apart two dates of one precision may be and still be a disagreement over one event.
_NEAR_DAYS = {"day": 10, "week": 21, "month": 95, "year": 2 * 366}


def _flag_conflicts(events: list[Event]) -> None:
    """Events on nearby dates of one precision that look alike: outlets disagree on the date."""
    by_term: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        if event.span is None or event.kind != "mention":
            continue
        if event.span.precision not in _NEAR_DAYS:
            continue
        for term in set().union(*(_terms(e) for e in event.entries)):
            by_term[term].append(event)
    seen: set[tuple[int, int]] = set()
    for group in by_term.values():
        if len(group) > 50:  # a term that common says nothing about sameness
            continue
        for a in group:
            for b in group:
                pair = (id(a), id(b))
                if a is b or a.value == b.value or pair in seen:
                    continue
                seen.add(pair)
                if _disagree(a, b):
                    a.conflicts.append(b.value)


def _terms(entry: Entry) -> set[str]:
    """What makes a sentence about one thing: specific entities and capitalised words."""
    words = re.findall(r"(?<=[a-z,;] )[A-Z][a-z]{3,}", entry.sentence)
    return {f"#{i}" for i in _specific_ids(entry)} | {w.lower() for w in words}


def _disagree(a: Event, b: Event) -> bool:
    sa, sb = a.span, b.span
    assert sa is not None and sb is not None
    if sa.precision != sb.precision:
        return False
    if abs((sa.start - sb.start).days) > _NEAR_DAYS[sa.precision]:
        return False
    # One article giving two dates tells a sequence, not a disagreement.
    if {e.article_id for e in a.entries} & {e.article_id for e in b.entries}:
        return False
    terms_a = set().union(*(_terms(e) for e in a.entries))
    terms_b = set().union(*(_terms(e) for e in b.entries))
    words_a = set().union(*(_words(e.sentence) for e in a.entries))
    words_b = set().union(*(_words(e.sentence) for e in b.entries))
    return len(terms_a & terms_b) >= 2 and _overlap(words_a, words_b) >= 0.25


def _sort_key(event: Event) -> tuple:
    if event.span is None:
        return (1, dt.date.max, 0, event.value)
    order = ["century", "decade", "year", "half", "season", "quarter", "month", "week", "day"]
    return (0, event.span.start, order.index(event.span.precision), event.kind != "mention")


def events_for(store: ArticleStore, article_ids: Iterable[int]) -> list[Event]:
    return merge_events(entries_for(store, article_ids))
