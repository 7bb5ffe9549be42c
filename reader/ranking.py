"""The top hits of the queries users type most, ranked a posting block at a time.

Every match is already known (`reader.docsets`, for totals and facets). Whoosh then ranks by
walking its matcher tree one posting at a time, skipping through each term's list in Python:
four fifths of a two-word query's time on 58,822 articles (cProfile). For words joined by AND,
OR and NOT, a document's score is the sum of BM25F over the words it matched, so here each
word's postings are read a block at a time (from the same decoded-block cache) and summed for
the matched documents only: the same scores, the same order (ties by document number).
Phrases, prefixes, ranges and the like return None, and Whoosh ranks them as before.
"""

from __future__ import annotations

import heapq
from array import array
from collections.abc import Collection
from operator import itemgetter
from typing import TYPE_CHECKING

from whoosh import query
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.scoring import BM25F
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

if TYPE_CHECKING:
    import numpy as np

_LENGTH = [byte_to_length(b) for b in range(256)]


def top_docs(
    searcher: Searcher, q: query.Query, matched: Collection[int], limit: int
) -> tuple[list[int], list[float]] | None:
    """The `limit` best of `matched` (docnums `q` matches) with their scores, best first;
    None when `q` is not made only of words joined by AND, OR and NOT."""
    import numpy as np  # not at module level: the window starts without numpy
    weighting = searcher.weighting
    if type(weighting) is not BM25F or weighting._field_B:
        return None
    terms = _scored_terms(q, searcher)
    if terms is None:
        return None
    if isinstance(matched, np.ndarray):
        fast = _top_arrays(searcher, terms, matched, limit, weighting.B, weighting.K1)
        if fast is not None:
            return fast
    # In document order, so that equal scores keep it (nlargest is stable), as in Whoosh.
    scores: dict[int, float] = dict.fromkeys(sorted(matched), 0.0)
    for fieldname, text, boost in terms:
        _add_term(searcher, fieldname, text, boost, scores, weighting.B, weighting.K1)
    best = heapq.nlargest(limit, scores.items(), key=itemgetter(1))
    return [d for d, _ in best], [s for _, s in best]


def _scored_terms(q: query.Query, searcher: Searcher) -> list[tuple[str, object, float]] | None:
    """The (field, term, boost) a document's score sums over, or None for any other query."""
    out: list[tuple[str, object, float]] = []
    schema = searcher.schema

    def walk(node: query.Query, scored: bool) -> bool:
        if isinstance(node, query.Term) and type(node) is query.Term:
            if scored:
                if node.fieldname not in schema or not schema[node.fieldname].scorable:
                    return False
                out.append((node.fieldname, node.text, node.boost))
            return True
        if getattr(node, "boost", 1.0) != 1.0:
            return False
        if type(node) is query.Not:
            return walk(node.query, False)
        if type(node) is query.AndNot:
            return walk(node.a, scored) and walk(node.b, False)
        if type(node) in (query.And, query.Or) and not getattr(node, "scale", None):
            return all(walk(child, scored) for child in node.subqueries)
        return False

    return out if walk(q, True) else None


def _top_arrays(
    searcher: Searcher, terms: list[tuple[str, object, float]], matched: np.ndarray,
    limit: int, B: float, K1: float,
) -> tuple[list[int], list[float]] | None:
    """`top_docs` on whole posting arrays (`reader.postings`): each document's score is
    summed in the same order with the same float operations, so the same scores come out."""
    import numpy as np  # not at module level: the window starts without numpy
    if limit <= 0:
        return [], []
    scores = np.zeros(searcher.doc_count_all(), dtype=np.float64)
    for fieldname, text, boost in terms:
        if not _add_term_arrays(searcher, fieldname, text, boost, scores, B, K1):
            return None
    found = scores[matched]
    if limit < len(matched):
        # Everything scoring at least the limit-th best score (ties at the edge included)...
        edge = np.partition(found, len(found) - limit)[len(found) - limit]
        keep = found >= edge
        matched, found = matched[keep], found[keep]
    # ... best first, equal scores in document order (as Whoosh and heapq.nlargest give them).
    order = np.lexsort((matched, -found))[:limit]
    return matched[order].tolist(), found[order].tolist()


def _add_term_arrays(
    searcher: Searcher, fieldname: str, text: object, boost: float,
    scores: np.ndarray, B: float, K1: float,
) -> bool:
    import numpy as np  # not at module level: the window starts without numpy

    from reader import postings

    found = postings.term_postings(searcher, fieldname, text)
    if found is None:
        return False
    if not found:
        return True
    idf = searcher.idf(fieldname, text)
    avgfl = searcher.avg_field_length(fieldname) or 1
    c = boost * idf * (K1 + 1)
    norm = np.array([K1 * ((1 - B) + B * fl / avgfl) for fl in _LENGTH], dtype=np.float64)
    for p in found:
        column = p.leaf._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        lengths = getattr(column, "_values", None)
        if not isinstance(lengths, array) or lengths.typecode != "B":
            return False
        byte = np.frombuffer(lengths, dtype=np.uint8)[p.ids]
        tf = p.weights
        # c * tf / (tf + norm[length byte]), as `_add_term` works it out for one document.
        scores[p.ids.astype(np.int64) + p.offset] += c * tf / (tf + norm[byte])
    return True


def _add_term(
    searcher: Searcher, fieldname: str, text: object, boost: float,
    scores: dict[int, float], B: float, K1: float,
) -> None:
    idf = searcher.idf(fieldname, text)
    avgfl = searcher.avg_field_length(fieldname) or 1
    for leaf, offset in searcher.reader().leaf_readers():
        if (fieldname, text) not in leaf:
            continue
        matcher = leaf.postings(fieldname, text)
        while not isinstance(matcher, W3LeafMatcher) and hasattr(matcher, "child"):
            matcher = matcher.child  # deletions: the matched set has none
        if not isinstance(matcher, W3LeafMatcher):
            for docnum in matcher.all_ids():  # not the block format: one posting at a time
                d = docnum + offset
                if d in scores:
                    fl = searcher.doc_field_length(d, fieldname, 1)
                    scores[d] += boost * _bm25(idf, matcher.weight(), fl, avgfl, B, K1)
            continue
        column = leaf._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        lengths = getattr(column, "_values", None) or column  # the array, when read whole
        # BM25 as c * tf / (tf + norm[length byte]): the per-length part worked out once.
        c = boost * idf * (K1 + 1)
        norm = [K1 * ((1 - B) + B * fl / avgfl) for fl in _LENGTH]
        while matcher.is_active():
            if matcher._ids is None:
                matcher._read_ids()
            if matcher._weights is None:
                matcher._read_weights()
            for docnum, tf in zip(matcher._ids, matcher._weights, strict=False):
                d = docnum + offset
                if d in scores:
                    if lengths is None:
                        scores[d] += boost * _bm25(idf, tf, 1, avgfl, B, K1)
                    else:
                        scores[d] += c * tf / (tf + norm[lengths[docnum]])
            matcher._next_block()


def _bm25(idf: float, tf: float, fl: float, avgfl: float, B: float, K1: float) -> float:
    return idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))
