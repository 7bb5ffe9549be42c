"""What the window asks of the library for one search: all matching ids, facets, a first page.

Qt-free, run on a worker thread through `Library.search_page`; the search itself is
`Library.search`, the same the command line uses. The spelling suggestion is a separate call
(`Library.suggest`), because it costs more than the search and is only wanted once nothing
matched.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.errors import UserError
from reader.models import ArticleRow, PubDate, display_title
from reader.snippets import HitFinder, Snippet

if TYPE_CHECKING:
    from reader.library import Library

PAGE = 40
_NO_TERMS = HitFinder(set())


@dataclass(frozen=True)
class SearchRequest:
    text: str = ""
    outlet: str | None = None
    since: PubDate | None = None
    until: PubDate | None = None
    sort: str = "relevance"  # or "date"
    tag: str | None = None  # the tag facet: only articles with this tag


@dataclass(frozen=True)
class Entry:
    """What a result row shows: metadata, snippet, and a stand-in title for untitled articles."""

    row: ArticleRow
    snippet: Snippet
    title: str | None
    untitled: bool
    read: bool = False
    starred: bool = False
    tags: tuple[str, ...] = ()


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
    notes: list[str] = field(default_factory=list)  # why tag: or collection: found nothing
    tag_counts: dict[str, int] = field(default_factory=dict)  # the tag facet, most first


def run_search(library: Library, request: SearchRequest, page: int = PAGE) -> SearchOutcome:
    outcome = SearchOutcome(request, library_total=library.count())
    text = request.text.strip()
    if request.tag:  # the tag facet narrows whatever the words find
        text = f'({text}) tag:"{request.tag}"' if text else f'tag:"{request.tag}"'
    if not text:
        return _browse(library, request, outcome, page)
    started = time.perf_counter()
    try:
        # Every id (the window's list fetches rows as they scroll into view); the page's rows
        # and snippets are described below, with stand-in titles for untitled articles.
        found = library.search(
            text,
            limit=0,
            outlets=[request.outlet] if request.outlet else [],
            since=request.since,
            until=request.until,
            # Only the tag facet: newest first, there are no words to rank by.
            sort=request.sort if request.text.strip() else "date",
            snippets=False,
            all_ids=True,
            suggest=False,
        )
    except UserError as exc:
        outcome.error = str(exc)
        return outcome
    outcome.index_seconds = time.perf_counter() - started
    outcome.ids = list(found.ids)
    outcome.total = len(outcome.ids)
    outcome.outlet_counts = found.outlet_counts
    outcome.finder = found.finder
    outcome.notes = found.notes
    outcome.tag_counts = library.tag_facet(outcome.ids)
    outcome.entries = describe(library, outcome.ids[:page], outcome.finder)
    return outcome


def _browse(
    library: Library, request: SearchRequest, outcome: SearchOutcome, page: int
) -> SearchOutcome:
    """No words typed: the whole library, newest first, with the same filters (ids only; the
    model fetches rows as they scroll into view)."""
    outcome.ids, outcome.outlet_counts = library.browse(
        outlet=request.outlet, since=request.since, until=request.until
    )
    outcome.total = len(outcome.ids)
    outcome.tag_counts = library.tag_facet()
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
    bodies = library.bodies(ids)
    marks = library.marks_of(ids)
    tags = library.tags_of(ids)
    finder = finder or _NO_TERMS
    out = {}
    for article_id in ids:
        row = rows.get(article_id)
        body = bodies.get(article_id)
        if row is None or body is None:  # deleted since the search ran
            continue
        untitled = not (row.title and row.title.strip())
        title = display_title(row.title, body)
        read, starred = marks.get(article_id, (False, False))
        out[article_id] = Entry(row, finder.snippet(body), title, untitled, read, starred,
                                tuple(tags.get(article_id, ())))
    return out
