"""Plain data shared by the core, the command line and the GUI: articles, dates, removed noise.

Nothing here touches the disk; the store turns these into rows and back.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from enum import StrEnum


class Precision(StrEnum):
    """How much of a publication date is known."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"


def month_end(year: int, month: int) -> _dt.date:
    """The last day of a month."""
    following = _dt.date(year + (month == 12), month % 12 + 1, 1)
    return following - _dt.timedelta(days=1)


_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PubDate:
    """A publication date known to a day, a month or only a year."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a date with a day needs a month")
        # Raises ValueError for impossible dates such as 2025-02-30.
        _dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    def iso(self) -> str:
        """`YYYY-MM-DD`, `YYYY-MM` or `YYYY`, by precision."""
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def first_day(self) -> _dt.date:
        """The earliest calendar day the date can mean (for sorting and range search)."""
        return _dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> _dt.date:
        """The latest calendar day the date can mean (`until 2025-03` runs to 31 March)."""
        if self.day is not None:
            return self.first_day()
        if self.month is not None:
            return month_end(self.year, self.month)
        return _dt.date(self.year, 12, 31)

    def as_date(self) -> _dt.date | None:
        """The calendar day, only when the date is known to the day."""
        return self.first_day() if self.day is not None else None

    @classmethod
    def parse(cls, text: str) -> PubDate:
        """Read `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a time part after `T` or a space is ignored)."""
        head = re.split(r"[T ]", text.strip(), maxsplit=1)[0]
        m = _ISO.match(head)
        if not m:
            raise ValueError(f"not a date: {text!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
        year, month, day = (int(g) if g else None for g in m.groups())
        assert year is not None
        try:
            return cls(year, month, day)
        except ValueError:
            raise ValueError(f"there is no such day as {head} (check the month and day)") from None

    @classmethod
    def from_date(cls, day: _dt.date) -> PubDate:
        return cls(day.year, day.month, day.day)

    def __str__(self) -> str:
        return self.iso()


@dataclass
class Removed:
    """A piece of noise the cleaner took out, kept so the user can see it.

    `position` is the offset in the clean body where the text stood (0 for a header removed
    from the top, len(body) for a tail), so the reading view can show it in place.
    """

    text: str
    reason: str
    position: int = 0


@dataclass
class CleanedArticle:
    """What the cleaner makes of one raw text: clean body, metadata it could find, noise."""

    body: str
    title: str | None = None
    outlet: str | None = None
    published: PubDate | None = None
    author: str | None = None
    removed: list[Removed] = field(default_factory=list)


@dataclass
class Article:
    """An article as the library holds it."""

    id: int
    title: str
    body: str
    outlet: str | None = None
    published: PubDate | None = None
    author: str | None = None
    url: str | None = None
    source: str | None = None
    removed: list[Removed] = field(default_factory=list)
    lang: str | None = None  # ISO 639-1 code; "" when it could not be told

    def to_json(self) -> dict:
        """The stable `reader show --json` shape (documented in the README)."""
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published.iso() if self.published else None,
            "precision": str(self.published.precision) if self.published else None,
            "author": self.author,
            "url": self.url,
            "lang": self.lang or None,
            "body": self.body,
            "removed": [{"text": r.text, "reason": r.reason} for r in self.removed],
        }


@dataclass(frozen=True)
class ArticleRow:
    """The metadata of an article without its texts: what lists and indexes need."""

    id: int
    title: str | None
    outlet: str | None
    published: PubDate | None
    author: str | None

    def to_json(self) -> dict:
        """The stable `reader list --json` shape (documented in the README)."""
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published.iso() if self.published else None,
        }


# -- analysis records: what the store keeps of entities and dates ---------------------------

# The entity types the store keeps, in the order lists show them (OntoNotes labels).
LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT")


@dataclass(frozen=True)
class MentionRecord:
    """One mention as analysis hands it to the store, already linked to a library key."""

    start: int
    end: int
    text: str
    label: str
    key: str  # library-wide entity key (EntityResolver)
    name: str  # the entity's canonical name as analysis sees it now


@dataclass(frozen=True)
class TimexRecord:
    """One dated expression (TIMEX3 type and value) with the sentence it stands in."""

    start: int
    end: int
    text: str
    type: str
    value: str
    resolved: bool
    sent_start: int
    sent_end: int


@dataclass(frozen=True)
class StoredMention:
    """A mention as the store gives it back: linked to the library's entity, as corrected."""

    start: int
    end: int
    text: str
    entity_id: int
    name: str
    label: str


@dataclass(frozen=True)
class EntitySummary:
    """One of the library's entities with its counts (`reader entities --json` rows)."""

    id: int
    name: str
    label: str
    mentions: int
    articles: int
    outlets: int

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "label": self.label,
            "mentions": self.mentions,
            "articles": self.articles,
            "outlets": self.outlets,
        }


def display_title(title: str | None, body: str, words: int = 10) -> str | None:
    """The title, else the first words of the body with an ellipsis; None if both are empty."""
    if title and title.strip():
        return title.strip()
    first = body.split(None, words)
    if not first:
        return None
    return " ".join(first[:words]) + (" …" if len(first) > words else "")


# -- the web: feeds followed, and what a deletion took away (for undo) ----------------------


@dataclass(frozen=True)
class FeedRow:
    """A feed the library follows, with how many of its articles are still unread."""

    id: int
    url: str
    title: str | None
    etag: str | None
    last_modified: str | None
    checked_at: str | None
    last_error: str | None
    articles: int = 0
    unread: int = 0

    @property
    def name(self) -> str:
        return self.title or self.url

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "articles": self.articles,
            "unread": self.unread,
            "checked_at": self.checked_at,
            "last_error": self.last_error,
        }



@dataclass
class DeletedRows:
    """What a deletion took away, table by table, so an undo can put it back."""

    ids: list[int]
    tables: list[tuple[str, list[str], list[tuple]]] = field(default_factory=list)


# What `reader mark` and `Library.mark` set on articles.
MARKS = ("read", "unread", "starred", "unstarred")


@dataclass(frozen=True)
class CollectionRow:
    """A collection (a named set of articles) or, with a query, a saved search."""

    id: int
    name: str
    query: str | None  # set for a saved search: its articles are what the query finds now
    articles: int = 0  # how many articles a collection holds (0 for a saved search)

    @property
    def is_saved_search(self) -> bool:
        return self.query is not None

    def search_text(self) -> str:
        """What to type in the search box to see its articles."""
        return self.query if self.query is not None else f'collection:"{self.name}"'

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "kind": "saved search" if self.is_saved_search else "collection",
            "query": self.query,
            "articles": None if self.is_saved_search else self.articles,
        }


@dataclass
class CollectionCopy:
    """A deleted collection with its members, so an undo can put it back."""

    id: int
    name: str
    query: str | None
    created_at: str
    members: list[tuple[int, str]] = field(default_factory=list)  # (article id, added at)
