"""The top hits of the queries users type most, ranked a posting block at a time.

Every match is already known (`reader.docsets`, for totals and facets). Whoosh then ranks by
walking its matcher tree one posting at a time, skipping through each term's list in Python:
four fifths of a two-word query's time on 58,822 articles (cProfile). For words joined by AND,
OR and NOT, a document's score is the sum of BM25F over the words it matched, so here each
word's postings are read a block at a time (from the same decoded-block cache) and added up
with numpy into one score array (8 bytes a document, for the query's length), and the best
of the matched documents taken from it: the same scores as Whoosh scoring every match, the
same order (ties by document number).
Phrases, prefixes, ranges and the like return None, and Whoosh ranks them as before.
"""

from __future__ import annotations

from collections.abc import Collection
from itertools import chain

import numpy as np
from whoosh import query
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.scoring import BM25F
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

_LENGTH = [byte_to_length(b) for b in range(256)]


def top_docs(
    searcher: Searcher, q: query.Query, matched: Collection[int], limit: int
) -> tuple[list[int], list[float]] | None:
    """The `limit` best of `matched` (docnums `q` matches) with their scores, best first;
    None when `q` is not made only of words joined by AND, OR and NOT."""
    weighting = searcher.weighting
    if type(weighting) is not BM25F or weighting._field_B:
        return None
    terms = _scored_terms(q, searcher)
    if terms is None:
        return None
    if limit <= 0 or not matched:
        return [], []
    scores = np.zeros(searcher.doc_count_all(), dtype=np.float64)
    for fieldname, text, boost in terms:
        _add_term(searcher, fieldname, text, boost, scores, weighting.B, weighting.K1)
    docs = np.fromiter(matched, dtype=np.int64, count=len(matched))
    found = scores[docs]
    if limit < len(docs):  # those at or above the limit-th best score (ties kept)
        kth = np.partition(found, len(found) - limit)[len(found) - limit]
        keep = found >= kth
        docs, found = docs[keep], found[keep]
    order = np.lexsort((docs, -found))[:limit]  # best first; equal scores in document order
    return docs[order].tolist(), found[order].tolist()


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


def _add_term(
    searcher: Searcher, fieldname: str, text: object, boost: float,
    scores: np.ndarray, B: float, K1: float,
) -> None:
    """Add the word's BM25F to the score of every document holding it (the deleted too: they
    are not among the matches)."""
    idf = searcher.idf(fieldname, text)
    avgfl = searcher.avg_field_length(fieldname) or 1
    # BM25 as c * tf / (tf + norm[length byte]): the per-length part worked out once.
    c = boost * idf * (K1 + 1)
    norm = np.array([K1 * ((1 - B) + B * fl / avgfl) for fl in _LENGTH])
    for leaf, offset in searcher.reader().leaf_readers():
        if (fieldname, text) not in leaf:
            continue
        matcher = leaf.postings(fieldname, text)
        while not isinstance(matcher, W3LeafMatcher) and hasattr(matcher, "child"):
            matcher = matcher.child  # deletions: the matched set has none
        if not isinstance(matcher, W3LeafMatcher):
            for docnum in matcher.all_ids():  # not the block format: one posting at a time
                fl = searcher.doc_field_length(docnum + offset, fieldname, 1)
                scores[docnum + offset] += boost * _bm25(idf, matcher.weight(), fl, avgfl, B, K1)
            continue
        ids: list[tuple[int, ...]] = []
        weights = []
        while matcher.is_active():
            if matcher._ids is None:
                matcher._read_ids()
            if matcher._weights is None:
                matcher._read_weights()
            ids.append(matcher._ids)
            weights.append(np.asarray(matcher._weights, dtype=np.float64))
            matcher._next_block()
        if not ids:
            continue
        docnums = np.fromiter(chain.from_iterable(ids), dtype=np.int64)
        tf = np.concatenate(weights)
        column = leaf._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is None:  # no lengths kept: every document counts as one word long
            scores[docnums + offset] += c * tf / (tf + K1 * ((1 - B) + B / avgfl))
        else:
            lengths = np.frombuffer(_length_bytes(column), dtype=np.uint8)
            scores[docnums + offset] += c * tf / (tf + norm[lengths[docnums]])


def _length_bytes(column) -> bytes:
    """A segment's field lengths (a byte a document), from the column read whole."""
    values = getattr(column, "_values", None)
    if values is None or len(values) < column._doccount:
        values = bytes(column[i] for i in range(column._doccount))
    return values


def _bm25(idf: float, tf: float, fl: float, avgfl: float, B: float, K1: float) -> float:
    return idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))
