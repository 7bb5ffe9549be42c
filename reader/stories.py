"""Stories: articles that report the same event, from any outlet, grouped as they arrive.

Each article is reduced once to a `Profile`: a TF-IDF vector of its title and lead (weighted by
the shipped news word list, so the weights do not drift as the library grows), the names it
uses (capitalised words past a sentence's start: a cheap, analysis-free stand-in for named
entities, available at import before spaCy has run) and its publication day.

`Grouper` places articles one at a time: an article joins the story whose centroid it is most
like, if the match is strong enough, else it starts a story. What tells neighbouring events
apart (two North Korea stories of one week, a Senate and a House subpoena of one man):

- the words of title and lead, weighted by rarity: the specific words of an event;
- the names the two share beyond their words (a story about Tara Reid is not about Lohan);
- the publication dates: an article far from a story's days does not join it. An undated
  article is judged on its words and names alone.

Candidates come from an inverted index of each story's rarest words, so placing one article
costs a few dictionary look-ups, not a pass over the library. No Qt, no database: the store
keeps the result (`store_stories.py`), `Library.update_stories` runs it.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from reader.compare.features import (
    _POSSESSIVE,
    STOPWORDS,
    TOKEN_RE,
    english_idf,
    normalize,
    stem,
)
from reader.models import ArticleRow, PubDate

# Bump when anything below changes what lands where: stored stories are rebuilt.
METHOD_VERSION = 2

LEAD_WORDS = 400  # words of the body read after the title
TOP_TERMS = 32  # terms kept per profile (48 gives the same F1, with half again the memory)
KEY_TERMS = 8  # rarest terms of an article that find candidate stories
PER_TERM = 60  # latest stories per key term looked at
CANDIDATES = 24  # stories scored in full per article
TITLE_WEIGHT = 2.0
NAME_BOOST = 1.5  # names weigh this much more than other words in the word vector
NAME_WEIGHT = 0.25  # how much shared names add to the word similarity
JOIN_AT = 0.35  # combined score an article needs to join a story
DAYS_APART = 4  # an article dated more than this outside a story's days does not join it
DAY_PENALTY = 0.03  # per day outside the story's days (within DAYS_APART)

YEAR_PENALTY = 0.1  # an undated article naming only years the story never names

RARE_DF = 30  # in capitals, a word in fewer of the word list's 58,822 articles is a name
MAX_SPAN = 14  # days one story may cover: a running theme is several stories, not one
NO_SHARED_NAME = 0.3  # taken off when article and story both use names but share none
NAMED_DAY_RANGE = 31  # an undated article naming "April 8" fits a story dated within this
NAMED_DAY_PENALTY = 0.2  # ... and is held back from stories dated further away
OTHER_DAYS_PENALTY = 0.3  # neither dated, both name days, all further apart than NAMED_DAY_RANGE
# The figures an article opens with (a score, a sum, an age, a toll; not years, not 1 to 10):
# two reports of one event share at least one. Both giving two or more and sharing none
# costs FIGURE_PENALTY (ECB+ dev: 0.05 to 0.15 over the first 40 to 80 words do as well).
FIGURE_WORDS = 60
FIGURE_PENALTY = 0.1

_WORD = re.compile(r"\S+")
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")

_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"  # noqa: E501
_MONTH_DAY = re.compile(
    rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b|\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n)\s*[\"“‘'(]*$")


@dataclass(slots=True)
class Profile:
    """What grouping needs of one article."""

    terms: dict[str, float]  # stem -> weight, unit length
    names: frozenset[str]  # lower-cased capitalised words
    day: int | None  # publication date as a day ordinal, or None when undated
    years: frozenset[int] = frozenset()  # years the title and lead name ("in 2008")
    month_days: frozenset[tuple[int, int]] = frozenset()  # (month, day) they name ("April 8")
    figures: frozenset[str] = frozenset()  # figures the title and opening give ("31", "200")


def _tokens_with_caps(text: str) -> list[tuple[str, bool]]:
    """(normalised word, is a name) for each word; a capitalised word opening a sentence is not
    counted as a name (every sentence starts with one). One pass over the text.

    In a text set in capitals ("KATY INDUSTRIES INC 4TH QTR NET", as wires title), case says
    nothing: there the names are the words the news word list does not know."""
    if _shouting(text):
        rare = english_idf()
        return [
            (w, w not in STOPWORDS and not w[:1].isdigit() and rare.df(w) < RARE_DF)
            for w in (normalize(_POSSESSIVE.sub("", t)) for t in TOKEN_RE.findall(text))
        ]
    out = []
    for match in TOKEN_RE.finditer(text):
        token = match.group()
        if "'" in token or "’" in token:
            token = _POSSESSIVE.sub("", token)
        word = normalize(token)
        start = match.start()
        is_name = (
            token[:1].isupper()
            and word not in STOPWORDS
            and not _SENTENCE_START.search(text, max(0, start - 12), start)
        )
        out.append((word, is_name))
    return out


def _lead(body: str, size: int = LEAD_WORDS) -> str:
    """The first `size` words of the body, its line breaks kept (they start sentences)."""
    words = _WORD.finditer(body)
    end = 0
    for end_match in itertools.islice(words, size):
        end = end_match.end()
    return body[:end]


def _shouting(text: str) -> bool:
    letters = [c for c in text[:400] if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def profile(title: str | None, body: str, published: _dt.date | None = None) -> Profile:
    """An article's profile from its title, the first `LEAD_WORDS` words of its body and its
    publication day."""
    idf = english_idf()
    lead = _lead(body)
    counts: dict[str, float] = {}
    names: set[str] = set()
    name_stems: set[str] = set()
    for text, weight in ((title or "", TITLE_WEIGHT), (lead, 1.0)):
        for word, is_name in _tokens_with_caps(text):
            if word in STOPWORDS or len(word) < 3 or (word.isdigit() and len(word) < 4):
                continue
            counts[stem(word)] = counts.get(stem(word), 0.0) + weight
            if is_name:
                names.add(word)
                name_stems.add(stem(word))
    years = frozenset(int(y) for y in _YEAR.findall(f"{title or ''} {lead}"))
    figures = frozenset(
        f for f in _FIGURE.findall(f"{title or ''} {_lead(lead, FIGURE_WORDS)}")
        if not (f.isdigit() and (int(f) < 11 or 1950 <= int(f) <= 2099))
    )
    weights = {
        t: (1 + math.log(c)) * idf(t) * (NAME_BOOST if t in name_stems else 1.0)
        for t, c in counts.items()
    }
    top = sorted(weights.items(), key=lambda kv: -kv[1])[:TOP_TERMS]
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    return Profile(
        {t: w / norm for t, w in top},
        frozenset(names),
        published.toordinal() if published else None,
        years,
        _month_days(f"{title or ''} {lead}"),
        figures,
    )


def _month_days(text: str) -> frozenset[tuple[int, int]]:
    found = set()
    for m in _MONTH_DAY.finditer(text):
        month, day = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        number = _MONTHS.index(month[:3].lower()) + 1
        if 1 <= int(day) <= 31:
            found.add((number, int(day)))
    return frozenset(found)


def _named_day_gap(month_days: frozenset[tuple[int, int]], first: int, last: int) -> int:
    """Days between the nearest month-day an article names and a story's days (the story's
    years and the one before, so "December 30" fits a story of early January)."""
    best = 10**6
    start, end = _dt.date.fromordinal(first), _dt.date.fromordinal(last)
    for year in range(start.year - 1, end.year + 1):
        for month, day in month_days:
            try:
                named = _dt.date(year, month, day).toordinal()
            except ValueError:
                continue
            best = min(best, max(first - named, named - last, 0))
    return best


@dataclass
class _Story:
    members: list[int] = field(default_factory=list)
    centroid: dict[str, float] = field(default_factory=dict)  # sum of member vectors
    norm: float = 0.0
    names: Counter[str] = field(default_factory=Counter)
    years: Counter[int] = field(default_factory=Counter)
    month_days: Counter[tuple[int, int]] = field(default_factory=Counter)
    figures: Counter[str] = field(default_factory=Counter)
    first: int | None = None
    last: int | None = None
    pinned: bool = False  # the user's: its articles stay, though new ones may still join

    def add(self, p: Profile) -> None:
        if not self.members:
            # Most stories keep one article: its (unit) vector is the centroid, shared rather
            # than copied, until a second article joins. Memory stays near one vector each.
            self.centroid, self.norm = p.terms, 1.0
        else:
            if len(self.members) == 1:
                self.centroid = dict(self.centroid)
            # |c + v|² = |c|² + 2 c·v + |v|²: the norm needs no pass over the whole centroid.
            centroid = self.centroid
            dot = sum(w * centroid.get(t, 0.0) for t, w in p.terms.items())
            self.norm = math.sqrt(self.norm**2 + 2 * dot + sum(w * w for w in p.terms.values()))
            for t, w in p.terms.items():
                centroid[t] = centroid.get(t, 0.0) + w
        self.names.update(p.names)
        self.years.update(p.years)
        self.month_days.update(p.month_days)
        self.figures.update(p.figures)
        if p.day is not None:
            self.first = p.day if self.first is None else min(self.first, p.day)
            self.last = p.day if self.last is None else max(self.last, p.day)


class Grouper:
    """Stories in the making: `place` an article's profile, get its story number back."""

    def __init__(self) -> None:
        self.stories: list[_Story] = []
        # key term -> story numbers, oldest first (a story is appended as it gains the term)
        self._postings: dict[str, list[int]] = {}
        self.story_of: dict[int, int] = {}  # article id -> story number

    def score(self, p: Profile, story: _Story) -> float:
        """How well the article fits the story (about 0..1.2); -1 when dates rule it out."""
        gap = 0
        if p.day is not None and story.first is not None and story.last is not None:
            gap = max(story.first - p.day, p.day - story.last, 0)
            span = max(story.last, p.day) - min(story.first, p.day)
            if gap > DAYS_APART or span > MAX_SPAN:
                return -1.0
        words = sum(w * story.centroid.get(t, 0.0) for t, w in p.terms.items()) / (
            story.norm or 1.0
        )
        size = len(story.members)
        shared = [n for n in p.names if story.names.get(n, 0) * 2 >= size]
        names = len(shared) / math.sqrt(max(len(p.names), 1)) / 3 if p.names else 0.0
        # Names but none the story mostly uses: likely another actor's event of the same kind.
        strangers = bool(p.names) and bool(story.names) and not shared
        # Figures on both sides and none in common: likely another game, offer or toll.
        other_figures = (
            len(p.figures) >= 2 and len(story.figures) >= 2
            and not (p.figures & story.figures.keys())
        )
        # Undated articles: years named in the text that the story never names suggest
        # another event of the same kind (a 2013 earthquake is not the 2008 one).
        other_years = bool(p.years) and bool(story.years) and not (p.years & story.years.keys())
        # ... and an undated article naming a day ("On April 8th") far from the story's days.
        far_day = (
            p.day is None and bool(p.month_days) and story.first is not None
            and story.last is not None
            and _named_day_gap(p.month_days, story.first, story.last) > NAMED_DAY_RANGE
        )
        # Neither dated: days both name ("July 28", "Dec 23") far apart are two events.
        other_days = (
            p.day is None and story.first is None and bool(p.month_days)
            and bool(story.month_days)
            and _days_apart(p.month_days, story.month_days) > NAMED_DAY_RANGE
        )
        return (
            words + NAME_WEIGHT * min(names, 1.0) - DAY_PENALTY * gap
            - YEAR_PENALTY * other_years - NAMED_DAY_PENALTY * far_day
            - OTHER_DAYS_PENALTY * other_days - NO_SHARED_NAME * strangers
            - FIGURE_PENALTY * other_figures
        )

    def candidates(self, p: Profile) -> set[int]:
        """The stories most worth scoring: those sharing the most of the article's key terms,
        among the latest `PER_TERM` stories that have each term (grouping runs in date order,
        so the latest are the ones near in time), at most `CANDIDATES` of them."""
        shared: dict[int, int] = {}
        for t in _key_terms(p):
            for number in self._postings.get(t, ())[-PER_TERM:]:
                shared[number] = shared.get(number, 0) + 1
        if len(shared) <= CANDIDATES:
            return set(shared)
        return set(sorted(shared, key=shared.__getitem__, reverse=True)[:CANDIDATES])

    def best(self, p: Profile) -> tuple[int | None, float]:
        best, best_score = None, -1.0
        for number in self.candidates(p):
            s = self.score(p, self.stories[number])
            if s > best_score:
                best, best_score = number, s
        return best, best_score

    def place(self, article_id: int, p: Profile) -> int:
        """Put the article in its story (or a new one); returns the story number."""
        number, s = self.best(p)
        if number is None or s < JOIN_AT:
            number = self.new_story()
        self.add(number, article_id, p)
        return number

    def new_story(self, *, pinned: bool = False) -> int:
        self.stories.append(_Story(pinned=pinned))
        return len(self.stories) - 1

    def add(self, number: int, article_id: int, p: Profile) -> None:
        self.stories[number].add(p)
        self.stories[number].members.append(article_id)
        self.story_of[article_id] = number
        for t in _key_terms(p):
            posting = self._postings.setdefault(t, [])
            if number in posting[-PER_TERM:]:
                posting.remove(number)  # moves to the end: the story is recent again
            posting.append(number)

    def groups(self) -> list[list[int]]:
        return [s.members for s in self.stories if s.members]


def _days_apart(ours: frozenset[tuple[int, int]], theirs: Iterable[tuple[int, int]]) -> int:
    """About the fewest days between a month-day of one set and one of the other, round the
    turn of the year ("Dec 30" is near "Jan 2"); months count 31 days: weeks are what matter."""
    year = 12 * 31
    gaps = (abs((m1 - m2) * 31 + d1 - d2) for m1, d1 in ours for m2, d2 in theirs)
    return min(min(gap, year - gap) for gap in gaps)


def _key_terms(p: Profile) -> list[str]:
    return sorted(p.terms, key=lambda t: -p.terms[t])[:KEY_TERMS]


def build(
    articles: Iterable[tuple[int, Profile]], pins: dict[int, int] | None = None,
) -> Grouper:
    """Group whole: pinned articles (article id -> the user's pin) first, as the user left
    them, then the rest in date order (undated last), each joining a story or starting one."""
    pins = pins or {}
    grouper = Grouper()
    pinned_story: dict[int, int] = {}
    rest = []
    for article_id, p in articles:
        pin = pins.get(article_id)
        if pin is None:
            rest.append((article_id, p))
            continue
        if pin not in pinned_story:
            pinned_story[pin] = grouper.new_story(pinned=True)
        grouper.add(pinned_story[pin], article_id, p)
    rest.sort(key=lambda item: (item[1].day is None, item[1].day or 0, item[0]))
    for article_id, p in rest:
        grouper.place(article_id, p)
    return grouper


def group(
    articles: Iterable[tuple[int, Profile]], pins: dict[int, int] | None = None,
) -> list[list[int]]:
    """The article ids of each story `build` makes."""
    return build(articles, pins).groups()


def dump(p: Profile) -> str:
    """A profile as the store keeps it (JSON)."""
    return json.dumps(
        {
            "t": {t: round(w, 4) for t, w in p.terms.items()},
            "n": sorted(p.names),
            "d": p.day,
            "y": sorted(p.years),
            "m": sorted(p.month_days),
            "f": sorted(p.figures),
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def load(text: str) -> Profile:
    obj = json.loads(text)
    return Profile(
        obj["t"], frozenset(obj["n"]), obj["d"], frozenset(obj["y"]),
        frozenset((m, d) for m, d in obj.get("m", ())), frozenset(obj.get("f", ())),
    )


@dataclass
class StorySummary:
    """One story as lists show it: `reader stories --json` gives `to_json()` of each."""

    id: int
    title: str
    articles: list[int]
    outlets: list[str]
    first: PubDate | None
    last: PubDate | None

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "articles": list(self.articles),
            "outlets": list(self.outlets),
            "first": self.first.iso() if self.first else None,
            "last": self.last.iso() if self.last else None,
        }


def summarise(story_id: int, rows: list[ArticleRow]) -> StorySummary:
    """A story's summary from its articles' rows: titled by its earliest titled article."""
    dated = sorted(
        (r for r in rows if r.published), key=lambda r: r.published.first_day()  # type: ignore[union-attr]
    )
    ordered = dated + [r for r in rows if not r.published]
    title = next((r.title for r in ordered if r.title), None) or f"Story {story_id}"
    outlets = sorted({r.outlet for r in rows if r.outlet}, key=str.casefold)
    return StorySummary(
        story_id,
        title,
        [r.id for r in ordered],
        outlets,
        dated[0].published if dated else None,
        max(
            (r.published for r in dated if r.published), key=PubDate.last_day, default=None
        ),
    )
