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
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from reader.compare.features import STOPWORDS, english_idf, normalize, stem, tokenize

# Bump when anything below changes what lands where: stored stories are rebuilt.
METHOD_VERSION = 1

LEAD_WORDS = 400  # words of the body read after the title
TOP_TERMS = 48  # terms kept per profile
KEY_TERMS = 8  # rarest terms of an article that find candidate stories
TITLE_WEIGHT = 2.0
NAME_WEIGHT = 0.25  # how much shared names add to the word similarity
JOIN_AT = 0.30  # combined score an article needs to join a story
DAYS_APART = 4  # an article dated more than this outside a story's days does not join it
DAY_PENALTY = 0.03  # per day outside the story's days (within DAYS_APART)

YEAR_PENALTY = 0.1  # an undated article naming only years the story never names

_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n)\s*[\"“‘'(]*$")


@dataclass(slots=True)
class Profile:
    """What grouping needs of one article."""

    terms: dict[str, float]  # stem -> weight, unit length
    names: frozenset[str]  # lower-cased capitalised words
    day: int | None  # publication date as a day ordinal, or None when undated
    years: frozenset[int] = frozenset()  # years the title and lead name ("in 2008")


def _tokens_with_caps(text: str) -> list[tuple[str, bool]]:
    """(normalised word, is a name) for each word; a capitalised word opening a sentence is not
    counted as a name (every sentence starts with one)."""
    out = []
    for match in re.finditer(r"\S+", text):
        for token in tokenize(match.group()):
            word = normalize(token)
            is_name = (
                token[:1].isupper()
                and word not in STOPWORDS
                and not _SENTENCE_START.search(text[max(0, match.start() - 4): match.start()])
            )
            out.append((word, is_name))
    return out


def profile(title: str | None, body: str, published: _dt.date | None = None) -> Profile:
    """An article's profile from its title, the first `LEAD_WORDS` words of its body and its
    publication day."""
    idf = english_idf()
    lead = " ".join(body.split()[:LEAD_WORDS])
    counts: Counter[str] = Counter()
    names: set[str] = set()
    for text, weight in ((title or "", TITLE_WEIGHT), (lead, 1.0)):
        for word, is_name in _tokens_with_caps(text):
            if word in STOPWORDS or len(word) < 3 or (word.isdigit() and len(word) < 4):
                continue
            counts[stem(word)] += weight
            if is_name:
                names.add(word)
    years = frozenset(int(y) for y in _YEAR.findall(f"{title or ''} {lead}"))
    weights = {t: (1 + math.log(c)) * idf(t) for t, c in counts.items()}
    top = sorted(weights.items(), key=lambda kv: -kv[1])[:TOP_TERMS]
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    return Profile(
        {t: w / norm for t, w in top},
        frozenset(names),
        published.toordinal() if published else None,
        years,
    )


@dataclass
class _Story:
    members: list[int] = field(default_factory=list)
    centroid: dict[str, float] = field(default_factory=dict)  # sum of member vectors
    norm: float = 0.0
    names: Counter[str] = field(default_factory=Counter)
    years: Counter[int] = field(default_factory=Counter)
    first: int | None = None
    last: int | None = None
    pinned: bool = False  # the user's: its articles stay, though new ones may still join

    def add(self, p: Profile) -> None:
        # |c + v|² = |c|² + 2 c·v + |v|², so the norm needs no pass over the whole centroid.
        centroid = self.centroid
        dot = sum(w * centroid.get(t, 0.0) for t, w in p.terms.items())
        self.norm = math.sqrt(self.norm**2 + 2 * dot + sum(w * w for w in p.terms.values()))
        for t, w in p.terms.items():
            centroid[t] = centroid.get(t, 0.0) + w
        self.names.update(p.names)
        self.years.update(p.years)
        if p.day is not None:
            self.first = p.day if self.first is None else min(self.first, p.day)
            self.last = p.day if self.last is None else max(self.last, p.day)


class Grouper:
    """Stories in the making: `place` an article's profile, get its story number back."""

    def __init__(self) -> None:
        self.stories: list[_Story] = []
        self._postings: dict[str, set[int]] = {}  # key term -> story numbers
        self.story_of: dict[int, int] = {}  # article id -> story number

    def score(self, p: Profile, story: _Story) -> float:
        """How well the article fits the story (about 0..1.2); -1 when dates rule it out."""
        gap = 0
        if p.day is not None and story.first is not None and story.last is not None:
            gap = max(story.first - p.day, p.day - story.last, 0)
            if gap > DAYS_APART:
                return -1.0
        words = sum(w * story.centroid.get(t, 0.0) for t, w in p.terms.items()) / (
            story.norm or 1.0
        )
        size = len(story.members)
        shared = [n for n in p.names if story.names.get(n, 0) * 2 >= size]
        names = len(shared) / math.sqrt(max(len(p.names), 1)) / 3 if p.names else 0.0
        # Undated articles: years named in the text that the story never names suggest
        # another event of the same kind (a 2013 earthquake is not the 2008 one).
        other_years = bool(p.years) and bool(story.years) and not (p.years & story.years.keys())
        return (
            words + NAME_WEIGHT * min(names, 1.0) - DAY_PENALTY * gap
            - YEAR_PENALTY * other_years
        )

    def candidates(self, p: Profile) -> set[int]:
        found: set[int] = set()
        for t in _key_terms(p):
            found |= self._postings.get(t, set())
        return found

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
            self._postings.setdefault(t, set()).add(number)

    def groups(self) -> list[list[int]]:
        return [s.members for s in self.stories if s.members]


def _key_terms(p: Profile) -> list[str]:
    return sorted(p.terms, key=lambda t: -p.terms[t])[:KEY_TERMS]


def group(
    articles: Iterable[tuple[int, Profile]], pins: dict[int, int] | None = None,
) -> list[list[int]]:
    """Group whole: pinned articles (article id -> the user's group) first, as the user left
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
    return grouper.groups()
