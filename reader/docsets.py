"""All documents a query matches, as sorted docnums, combined at C speed.

Facet counts and totals need every match, not the top 20. Whoosh's `docs_for_query` walks the
matchers one posting at a time in Python; for the term, OR, AND and NOT queries users type,
this takes each term's posting list as an array (`reader.postings`, cached) and combines the
arrays with numpy's sorted-set operations instead.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING

from whoosh import collectors, query, searching
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.searching import Searcher

from reader.errors import QueryTooBroad
from reader.user_fields import StoreSet

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)


def matching_docs(
    searcher: Searcher, q: query.Query, deadline: float | None = None
) -> set[int]:
    """Docnums of every live document `q` matches (same answer as `docs_for_query`).

    Past `deadline` (a `time.monotonic()` value) it stops with QueryTooBroad."""
    return set(matching_array(searcher, q, deadline).tolist())


def matching_array(
    searcher: Searcher, q: query.Query, deadline: float | None = None
) -> np.ndarray:
    """`matching_docs` as a sorted numpy array of docnums (int64), as ranking wants them."""
    return _Walk(searcher, deadline).docs(q)


def search_within(searcher: Searcher, q: query.Query, deadline: float | None, **kwargs):
    """`searcher.search(q, **kwargs)` that stops with QueryTooBroad past `deadline`."""
    if deadline is None:
        return searcher.search(q, **kwargs)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise QueryTooBroad
    flt = kwargs.pop("filter", None)
    collector = _TimeLimited(searcher.collector(**kwargs), remaining, use_alarm=False)
    if flt is not None:
        # The filter goes outside: it walks the matches itself, through `_TimeLimited`.
        collector = collectors.FilterCollector(collector, flt, None)
    try:
        searcher.search_with_collector(q, collector)
    except searching.TimeLimit:
        raise QueryTooBroad from None
    return collector.results()


class _TimeLimited(collectors.TimeLimitCollector):
    """Whoosh's time limit, also when another collector (a filter) walks the matches."""

    def matches(self):
        for docnum in self.child.matches():
            if self.timedout:
                raise searching.TimeLimit
            yield docnum


class _Walk:
    def __init__(self, searcher: Searcher, deadline: float | None) -> None:
        self.searcher = searcher
        self.deadline = deadline

    def docs(self, q: query.Query) -> np.ndarray:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise QueryTooBroad
        return _docs(self, q)


def _docs(walk: _Walk, q: query.Query) -> np.ndarray:
    import numpy as np  # not at module level: the window starts without numpy

    searcher = walk.searcher
    _docs_of = walk.docs
    if isinstance(q, query.Term):
        return term_array(searcher, q.fieldname, q.text)
    if isinstance(q, StoreSet):  # tag:, collection:, is: (answered from the store)
        return _sorted_array(q.docnums(searcher.reader()))
    if isinstance(q, query.Or) and not isinstance(q, query.DisjunctionMax):
        parts = [_docs_of(sub) for sub in q.subqueries]
        if len(parts) < 2:
            return parts[0] if parts else np.zeros(0, np.int64)
        # Marked in one flag per document (58 KB at 58,822 articles): cheaper than sorting.
        seen = np.zeros(searcher.doc_count_all(), dtype=bool)
        for part in parts:
            seen[part] = True
        return np.flatnonzero(seen)
    if isinstance(q, query.And):
        positive = [s for s in q.subqueries if not isinstance(s, query.Not)]
        negative = [s.query for s in q.subqueries if isinstance(s, query.Not)]
        if positive:
            sets = sorted((_docs_of(s) for s in positive), key=len)
            out = sets[0]
            for other in sets[1:]:
                out = np.intersect1d(out, other, assume_unique=True)
            for sub in negative:
                out = np.setdiff1d(out, _docs_of(sub), assume_unique=True)
            return out
    if isinstance(q, query.AndNot):
        return np.setdiff1d(_docs_of(q.a), _docs_of(q.b), assume_unique=True)
    # Phrases, ranges, wildcards...: Whoosh's own way (under the time limit).
    if walk.deadline is None:
        return _sorted_array(searcher.docs_for_query(q))
    results = search_within(searcher, q, walk.deadline, limit=None, scored=False)
    return _sorted_array(results.docs())



def _sorted_array(docnums: Iterable[int]) -> np.ndarray:
    import numpy as np  # not at module level: the window starts without numpy

    return np.unique(np.fromiter(docnums, dtype=np.int64))


def term_array(searcher: Searcher, fieldname: str, text: object) -> np.ndarray:
    """The live docnums holding a term, ascending (from the cached posting arrays)."""
    import numpy as np  # not at module level: the window starts without numpy

    from reader import postings

    found = postings.term_postings(searcher, fieldname, text)
    if found is None:  # not the on-disk block format: walk it the slow way
        return _sorted_array(term_docs(searcher, fieldname, text))
    parts = [postings.live(p) for p in found]
    if not parts:
        return np.zeros(0, np.int64)
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


def term_docs(searcher: Searcher, fieldname: str, text: object) -> set[int]:
    out: set[int] = set()
    for segment, offset in searcher.reader().leaf_readers():
        if (fieldname, text) not in segment:
            continue
        matcher = segment.postings(fieldname, text)
        ids = _block_ids(matcher)
        if ids is None:  # not the on-disk block format: walk it the slow way
            ids = list(matcher.all_ids())
        elif segment.has_deletions():
            ids = set(ids) - segment.deleted_docs_set
        out.update(i + offset for i in ids) if offset else out.update(ids)
    return out


def _block_ids(matcher: object) -> list[int] | None:
    # Deletions wrap the leaf matcher; they are subtracted by the caller instead.
    while not isinstance(matcher, W3LeafMatcher) and hasattr(matcher, "child"):
        matcher = matcher.child
    if not isinstance(matcher, W3LeafMatcher):
        return None
    ids: list[int] = []
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        ids.extend(matcher._ids[matcher._i :])
        matcher._next_block()
    return ids
