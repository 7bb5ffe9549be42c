"""All documents a query matches, as a set of docnums, read from posting blocks at C speed.

Facet counts and totals need every match, not the top 20. Whoosh's `docs_for_query` walks the
matchers one posting at a time in Python; for the term, OR, AND and NOT queries users type,
this reads each term's posting list a block at a time and combines sets instead.
"""

from __future__ import annotations

import logging

from whoosh import query
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.searching import Searcher

log = logging.getLogger(__name__)


def matching_docs(searcher: Searcher, q: query.Query) -> set[int]:
    """Docnums of every live document `q` matches (same answer as `docs_for_query`)."""
    return _docs(searcher, q)


def _docs(searcher: Searcher, q: query.Query) -> set[int]:
    if isinstance(q, query.Term):
        return _term_docs(searcher, q.fieldname, q.text)
    if isinstance(q, query.Or) and not isinstance(q, query.DisjunctionMax):
        out: set[int] = set()
        for sub in q.subqueries:
            out |= _docs(searcher, sub)
        return out
    if isinstance(q, query.And):
        positive = [s for s in q.subqueries if not isinstance(s, query.Not)]
        negative = [s.query for s in q.subqueries if isinstance(s, query.Not)]
        if positive:
            sets = sorted((_docs(searcher, s) for s in positive), key=len)
            out = sets[0].intersection(*sets[1:])
            for sub in negative:
                out -= _docs(searcher, sub)
            return out
    if isinstance(q, query.AndNot):
        return _docs(searcher, q.a) - _docs(searcher, q.b)
    # Phrases, ranges, wildcards...: Whoosh's own way.
    return set(searcher.docs_for_query(q))


def _term_docs(searcher: Searcher, fieldname: str, text: object) -> set[int]:
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
