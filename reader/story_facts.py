"""A story's facts: the comparison's sentence links, joined across all its articles.

Every two articles of the story are aligned (the comparison's aligner: `same`, `similar` and
`related` links). The links are then joined, strongest first, into facts: groups of sentences
that report one thing, at most one stretch per article (a link that would put two stretches of
one article in a fact is left out, so a chain of loose links cannot glue a whole story into one
row), and a `related` link only adds one sentence to a fact the paraphrases hold together (or
pairs two lone sentences): related links do not chain. A sentence no link reaches is a fact of
its own, reported by one article.

A fact's kind is its *weakest* link: "same" means every article words it the same, "related"
that at least one joins only by the event, figure or quote. The weakest link is what the user
must trust to read the row as one fact, so it is what the row claims.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING

from reader.compare.comparison import KINDS, Span
from reader.compare.sentences import split_sentences
from reader.models import ArticleRow
from reader.stories import StorySummary

if TYPE_CHECKING:
    from reader.compare.align import Match
    from reader.compare.features import Profile
    from reader.library import Library

Node = tuple[int, tuple[int, ...]]  # (article id, sentence indices of one stretch)


@dataclass
class Fact:
    sentences: dict[int, Span]  # article id -> the stretch of its text reporting the fact
    kind: str | None  # the weakest link joining it; None when one article alone reports it
    outlets: int  # how many outlets report it (an article without an outlet counts alone)

    def to_json(self) -> dict:
        return {
            "sentences": {str(a): list(span) for a, span in self.sentences.items()},
            "kind": self.kind,
            "outlets": self.outlets,
        }


@dataclass
class NamedEntity:
    """An entity the story's articles name, and which of them do (the entity × outlet grid)."""

    id: int
    name: str
    label: str
    articles: list[int]

    def to_json(self) -> dict:
        return {"name": self.name, "label": self.label, "articles": list(self.articles)}


@dataclass
class StoryDate:
    """A date the story's articles give (a date in the text, or a publication), and where each
    article gives it: article id -> (start, end, sentence) of the expression; (0, 0, "") for
    the article's publication date."""

    label: str
    start: str | None  # ISO day the date begins, None when it could not be resolved
    places: dict[int, tuple[int, int, str]]

    def to_json(self) -> dict:
        return {"label": self.label, "start": self.start,
                "articles": sorted(self.places)}


@dataclass
class StoryFacts:
    story: StorySummary
    articles: list[ArticleRow]  # the columns, in the story's order
    texts: dict[int, str] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    # Named by the most articles first; empty until analysis has found the articles' names.
    entities: list[NamedEntity] = field(default_factory=list)
    dates: list[StoryDate] = field(default_factory=list)  # in calendar order

    def to_json(self) -> dict:
        """The `reader story ID --json` shape."""
        return {
            **self.story.to_json(),
            "columns": [r.to_json() for r in self.articles],
            "facts": [f.to_json() for f in self.facts],
            "entities": [e.to_json() for e in self.entities],
            "dates": [d.to_json() for d in self.dates],
        }


def join_links(
    links: list[tuple[tuple[int, float], Node, Node, str]],
    sentences: dict[int, list[Span]],
) -> list[tuple[dict[int, tuple[int, ...]], str | None]]:
    """Facts from links `(strength, node, node, kind)`; strongest (smallest key) first.
    Returns each fact as {article id: sentence indices} and its weakest kind; every sentence
    no link reaches comes back alone with kind None."""
    parent: dict[Node, Node] = {}
    members: dict[Node, dict[int, tuple[int, ...]]] = {}
    weakest: dict[Node, str] = {}

    def find(n: Node) -> Node:
        parent.setdefault(n, n)
        members.setdefault(n, {n[0]: n[1]})
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for _, x, y, kind in sorted(links, key=lambda link: link[0]):
        rx, ry = find(x), find(y)
        if rx == ry or members[rx].keys() & members[ry].keys():
            continue
        if kind == "related" and not _may_relate(
            (len(members[rx]), weakest.get(rx)), (len(members[ry]), weakest.get(ry))
        ):
            continue
        parent[ry] = rx
        members[rx].update(members.pop(ry))
        kinds = [k for k in (weakest.pop(rx, None), weakest.pop(ry, None), kind) if k]
        weakest[rx] = max(kinds, key=KINDS.index)
    facts: list[tuple[dict[int, tuple[int, ...]], str | None]] = [
        (group, weakest.get(root)) for root, group in members.items() if parent[root] == root
    ]
    covered = {(a, i) for group, _ in facts for a, idx in group.items() for i in idx}
    for article_id, spans in sentences.items():
        for i in range(len(spans)):
            if (article_id, i) not in covered:
                facts.append(({article_id: (i,)}, None))
    return facts


def _may_relate(a: tuple[int, str | None], b: tuple[int, str | None]) -> bool:
    """Whether a `related` link may join two groups, each (size, weakest kind): it may add one
    sentence to a group, and that group must be held by paraphrases or be one sentence too. So
    related links never chain: "A relates to B, B to C" does not make A, B, C one fact."""
    (size_a, _), (size_b, kind_b) = sorted((a, b))
    return size_a == 1 and (size_b == 1 or kind_b in ("same", "similar"))


def facts_for(library: Library, story_id: int) -> StoryFacts:
    from reader.compare.align import align
    from reader.compare.features import profile
    from reader.compare.paraphrase import load_model

    story = library.story(story_id)
    rows = {r.id: r for r in library.rows(story.articles)}
    texts = library.bodies(story.articles)
    ids = [i for i in story.articles if i in texts]
    spans = {i: split_sentences(texts[i]) for i in ids}
    model = load_model()
    sentences = {i: [texts[i][s:e] for s, e in spans[i]] for i in ids}
    profiles: dict[int, list[Profile]] = {}  # each article's sentences read once, when needed

    def profiled(i: int) -> list[Profile]:
        if i not in profiles:
            profiles[i] = [profile(s) for s in sentences[i]]
        return profiles[i]

    keys = {i: _text_key(texts[i]) for i in ids}
    links = []
    for a, b in combinations(ids, 2):
        key = (keys[a], keys[b], id(model))
        matches = _known_pair(key)
        if matches is None:
            matches = align(sentences[a], sentences[b], model,
                            profiles=(profiled(a), profiled(b)), nearest=False).matches
            _keep_pair(key, matches)
        for m in matches:
            links.append(((KINDS.index(m.kind), -m.score), (a, m.a), (b, m.b), m.kind))
    facts = []
    for group, kind in join_links(links, spans):
        cells = {
            a: (spans[a][idx[0]][0], spans[a][idx[-1]][1])
            for a, idx in sorted(group.items(), key=lambda item: ids.index(item[0]))
        }
        outlets = {rows[a].outlet or f"#{a}" for a in cells if a in rows}
        facts.append(Fact(cells, kind, len(outlets)))
    # Most outlets first; among as many, the firmer facts (same wording before related); then
    # in the order of the first column that reports the fact.
    facts.sort(key=lambda f: (
        -f.outlets,
        KINDS.index(f.kind) if f.kind else len(KINDS),
        min((ids.index(a), span[0]) for a, span in f.sentences.items()),
    ))
    return StoryFacts(
        story, [rows[i] for i in ids if i in rows], texts, facts, _entities(library, ids),
        _dates(library, ids),
    )


# The links of the last article pairs aligned, by their texts: a story opened again, or changed
# by a move or a merge, aligns only the pairs it has not seen. The story view may run in a
# worker while a comparison runs in another, hence the lock.
_PAIRS: OrderedDict[tuple[str, str, int], list[Match]] = OrderedDict()
_PAIRS_KEPT = 512
_PAIRS_LOCK = threading.Lock()


def _text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def _known_pair(key: tuple[str, str, int]) -> list[Match] | None:
    with _PAIRS_LOCK:
        matches = _PAIRS.get(key)
        if matches is not None:
            _PAIRS.move_to_end(key)
        return matches


def _keep_pair(key: tuple[str, str, int], matches: list[Match]) -> None:
    with _PAIRS_LOCK:
        _PAIRS[key] = matches
        while len(_PAIRS) > _PAIRS_KEPT:
            _PAIRS.popitem(last=False)


def forget_pairs() -> None:
    """Drop the kept links (benches time a story view from cold)."""
    with _PAIRS_LOCK:
        _PAIRS.clear()


def _dates(library: Library, ids: list[int]) -> list[StoryDate]:
    """The story on the calendar: each date its articles give (the chronology's events, merged
    across articles), in order, with where each article gives it. The chronology keeps one
    event per article for a day it was published on; here a day is listed once, with every
    article giving it."""
    by_day: dict[tuple[str | None, str], StoryDate] = {}
    for event in library.events(ids):
        label = event.span.label() if event.span else f"unresolved ({event.value})"
        start = event.span.start.isoformat() if event.span else None
        date = by_day.setdefault((start, label), StoryDate(label, start, {}))
        for entry in event.entries:
            sentence = entry.sentence if entry.kind == "mention" else ""
            # A sentence naming the day says more than the date line: it wins.
            if entry.article_id not in date.places or (
                sentence and not date.places[entry.article_id][2]
            ):
                date.places[entry.article_id] = (entry.start, entry.end, sentence)
    return sorted(by_day.values(), key=lambda d: (d.start is None, d.start or "", d.label))


def _entities(library: Library, ids: list[int]) -> list[NamedEntity]:
    """Who names whom: each entity the articles mention, with the articles naming it."""
    found: dict[int, NamedEntity] = {}
    for article_id in ids:
        for m in library.article_mentions(article_id):
            entity = found.setdefault(m.entity_id, NamedEntity(m.entity_id, m.name, m.label, []))
            if article_id not in entity.articles:
                entity.articles.append(article_id)
    return sorted(found.values(), key=lambda e: (-len(e.articles), e.name.casefold()))
