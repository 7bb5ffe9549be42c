"""Which articles a chronology covers (one article, the search results, an entity, the library)
and the events they give, capped so a 60,000-article library stays quick. Qt-free: the window
asks through `Library.chronology`, and `reader timeline` builds its scope from `scope_ids`.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.chronology import Event
from reader.errors import NotFound

if TYPE_CHECKING:
    from reader.library import Library

log = logging.getLogger(__name__)

ARTICLE, RESULTS, ENTITY, LIBRARY = "article", "results", "entity", "library"
# Merging events (reader.chronology.merge_events) grows faster than linearly with entries:
# 300 news articles take one to two and a half seconds (bench/chronology_timeline.py
# --library), about as long as a panel should keep the user waiting.
MAX_ARTICLES = 300


@dataclass(frozen=True)
class ScopeRequest:
    kind: str
    article_id: int | None = None
    result_ids: tuple[int, ...] = ()
    entity_id: int | None = None


@dataclass
class Chronology:
    """The events of one scope, and what the panel should say about how complete they are."""

    request: ScopeRequest
    events: list[Event] = field(default_factory=list)
    articles: int = 0  # articles the events were computed over
    in_scope: int = 0  # articles in the scope before the cap
    analysed: int = 0  # of `articles`, how many are analysed
    library_total: int = 0
    library_analysed: int = 0
    entity_name: str = ""
    seconds: float = 0.0

    @property
    def capped(self) -> bool:
        return self.in_scope > self.articles

    @property
    def resolved(self) -> int:
        return sum(1 for e in self.events if e.span is not None)


def compute(library: Library, request: ScopeRequest,
            max_articles: int = MAX_ARTICLES) -> Chronology:
    started = time.perf_counter()
    out = Chronology(request, library_total=library.count(),
                     library_analysed=library.analysed_count())
    complete = out.library_analysed >= out.library_total
    pending: set[int] = set() if complete else set(library.unanalysed())
    ids = scope_ids(library, request, pending)
    if request.kind == ENTITY and request.entity_id is not None and ids:
        out.entity_name = library.entity(request.entity_id).name
    out.in_scope = len(ids)
    ids = ids[:max_articles]
    out.articles = len(ids)
    out.analysed = sum(1 for i in ids if i not in pending)
    out.events = library.events(ids)
    out.seconds = time.perf_counter() - started
    log.debug("chronology %s: %d events from %d articles in %.2f s", request.kind,
              len(out.events), len(ids), out.seconds)
    return out


def scope_ids(library: Library, request: ScopeRequest,
              pending: set[int] | frozenset[int] = frozenset()) -> list[int]:
    """The scope's articles, most relevant first (the cap keeps the head of this list); the
    `pending` ones (not analysed yet, so without dates) go last in the whole library."""
    if request.kind == ARTICLE:
        return [request.article_id] if request.article_id is not None else []
    if request.kind == RESULTS:
        return list(request.result_ids)
    if request.kind == ENTITY:
        if request.entity_id is None:
            return []
        try:
            library.entity(request.entity_id)
        except NotFound:  # merged or deleted since it was picked
            return []
        return library.articles_naming(request.entity_id)
    # The whole library: the newest analysed articles first; the others have no dates yet.
    rows = library.rows()
    return [r.id for r in rows if r.id not in pending] + [r.id for r in rows if r.id in pending]


def status_text(chrono: Chronology) -> str:
    """One line on what the panel shows and how complete it is."""
    kind = chrono.request.kind
    parts: list[str] = []
    n = len(chrono.events)
    unresolved = n - chrono.resolved
    if chrono.articles:
        noun = "article" if chrono.articles == 1 else "articles"
        parts.append(f"{n:,} event{'s' if n != 1 else ''} from {chrono.articles:,} {noun}"
                     + (f", {unresolved:,} unresolved" if unresolved else ""))
    if chrono.capped:
        what = {RESULTS: "top", ENTITY: "newest", LIBRARY: "newest"}.get(kind, "first")
        whole = "results" if kind == RESULTS else "articles"
        hint = "narrow the search" if kind == RESULTS else "search to narrow it"
        parts.append(f"only the {what} {chrono.articles:,} of {chrono.in_scope:,} {whole}"
                     f" ({hint})")
    return " · ".join(parts)


def notice_text(chrono: Chronology) -> str:
    """Said plainly above the timeline while analysis has not reached every article."""
    if chrono.library_analysed >= chrono.library_total:
        return ""
    if chrono.request.kind == ARTICLE and (chrono.analysed or not chrono.articles):
        return ""  # this article is done (or none is open): the rest does not matter here
    text = (f"Dates appear as articles are analysed: {chrono.library_analysed:,} of "
            f"{chrono.library_total:,}.")
    if chrono.analysed < chrono.articles:
        text += " Until then, articles show only when they were published."
    return text


def empty_text(chrono: Chronology) -> str:
    """What the timeline says when nothing has a place on it."""
    kind = chrono.request.kind
    if kind == ARTICLE and chrono.request.article_id is None:
        return "Open an article to see the dates it mentions."
    if kind == RESULTS and not chrono.in_scope:
        return "No search results: search for something to see its chronology."
    if kind == ENTITY and chrono.request.entity_id is None:
        return "Pick an entity in the entity panel to follow it through time."
    if chrono.articles and chrono.analysed == 0:
        if kind == ARTICLE:
            return ("This article has not been analysed yet: its dates appear when analysis "
                    f"reaches it ({chrono.library_analysed:,} of {chrono.library_total:,} "
                    "articles done).")
        return (f"Dates appear as articles are analysed: {chrono.library_analysed:,} of "
                f"{chrono.library_total:,}.")
    where = {ARTICLE: "this article", RESULTS: "these results", ENTITY: "these articles",
             LIBRARY: "the library"}[kind]
    return f"No dated events in {where}."
