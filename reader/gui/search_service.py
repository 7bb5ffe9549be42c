"""What the window asks of the library for one search: all matching ids, facets, a first page.

Qt-free, run on a worker thread. The spelling suggestion is a separate call, because it costs
more than the search itself and is only wanted once nothing matched.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from reader.errors import UserError
from reader.gui.article_document import display_title
from reader.library import Library
from reader.models import PubDate
from reader.snippets import HitFinder, Snippet
from reader.store import ArticleRow

PAGE = 40
_NO_TERMS = HitFinder(set())


@dataclass(frozen=True)
class SearchRequest:
    text: str = ""
    outlet: str | None = None
    since: PubDate | None = None
    until: PubDate | None = None
    sort: str = "relevance"  # or "date"


@dataclass(frozen=True)
class Entry:
    """What a result row shows: metadata, snippet, and a stand-in title for untitled articles."""

    row: ArticleRow
    snippet: Snippet
    title: str | None
    untitled: bool


@dataclass
class SearchOutcome:
    request: SearchRequest
    ids: list[int] = field(default_factory=list)
    total: int = 0
    library_total: int = 0
    outlet_counts: dict[str, int] = field(default_factory=dict)
    finder: HitFinder | None = None
    entries: dict[int, Entry] = field(default_factory=dict)
    rows: dict[int, ArticleRow] = field(default_factory=dict)  # known metadata beyond the page
    error: str | None = None
    index_seconds: float = 0.0  # time in the core's index search (the rest is the window's)


def run_search(library: Library, request: SearchRequest, page: int = PAGE) -> SearchOutcome:
    outcome = SearchOutcome(request, library_total=library.store.count())
    if not request.text.strip():
        return _browse(library, request, outcome, page)
    try:
        parsed = library.parse(request.text)
    except UserError as exc:
        outcome.error = str(exc)
        return outcome
    started = time.perf_counter()
    try:
        # (a damaged index is rebuilt from the store and the search run again)
        hits = library.using_index(lambda: library.index.search(
            parsed,
            limit=None,
            outlets=[request.outlet] if request.outlet else [],
            since=request.since,
            until=request.until,
            sort=request.sort,
        ))
    except UserError as exc:  # too broad to answer in time
        outcome.error = str(exc)
        return outcome
    outcome.index_seconds = time.perf_counter() - started
    outcome.ids = list(hits.ids)
    outcome.total = len(outcome.ids)
    outcome.outlet_counts = dict(hits.outlet_counts.most_common())
    outcome.finder = HitFinder(hits.terms)
    outcome.entries = describe(library, outcome.ids[:page], outcome.finder)
    return outcome


def _browse(
    library: Library, request: SearchRequest, outcome: SearchOutcome, page: int
) -> SearchOutcome:
    """No words typed: the whole library, newest first, with the same filters (ids only; the
    model fetches rows as they scroll into view)."""
    outcome.ids, outcome.outlet_counts = library.store.browse(
        outlet=request.outlet, since=request.since, until=request.until
    )
    outcome.total = len(outcome.ids)
    outcome.entries = describe(library, outcome.ids[:page], None)
    return outcome


def describe(
    library: Library,
    ids: list[int],
    finder: HitFinder | None,
    known_rows: dict[int, ArticleRow] | None = None,
) -> dict[int, Entry]:
    """Rows, snippets and stand-in titles for a page of ids (one query each for rows, bodies)."""
    if not ids:
        return {}
    known_rows = known_rows or {}
    missing = [i for i in ids if i not in known_rows]
    rows = dict(known_rows)
    if missing:
        rows.update((r.id, r) for r in library.rows(missing))
    bodies = library.store.bodies(ids)
    finder = finder or _NO_TERMS
    out = {}
    for article_id in ids:
        row = rows.get(article_id)
        body = bodies.get(article_id)
        if row is None or body is None:  # deleted since the search ran
            continue
        untitled = not (row.title and row.title.strip())
        title = display_title(row.title, body)
        out[article_id] = Entry(row, finder.snippet(body), title, untitled)
    return out


def suggest(library: Library, text: str) -> str | None:
    """"Did you mean": the query with unknown words replaced by close library words."""
    return library.suggest(text)
