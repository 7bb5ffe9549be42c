"""A term's whole posting list as two arrays (document numbers, term frequencies), cached.

Counting every match (`reader.docsets`) and ranking the top hits (`reader.ranking`) both read
the posting lists of the words typed. Walked a posting at a time in Python, they were four
fifths of a search's time on 58,822 articles (cProfile, bench/scale.py): a set built from
16,000 ids, a score summed for 16,000 documents. Read once into numpy arrays, the same work is
a few vectorised operations, and a word typed again (search as you type, the next query of a
session) is not decoded again.

The arrays are read from Whoosh's own posting blocks (through the decoded-block cache of
`reader.whoosh_patches`); a `body` word's from `body_words`, its postings without positions.
Segments never change once written, so a list is keyed by its segment's id, field and term;
deletions are not in the cached arrays and are taken out by the callers.
"""

from __future__ import annotations

import io
import pickle
import threading
import zlib
from array import array
from collections import OrderedDict
from dataclasses import dataclass
from itertools import accumulate

import numpy as np
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3LeafMatcher, W3TermsReader
from whoosh.reading import IndexReader, TermNotFound
from whoosh.searching import Searcher

from reader.body_words import BODY_WORDS

# 12 bytes a posting: at most 24 MB however large the library.
MAX_POSTINGS = 2_000_000


@dataclass(frozen=True)
class LeafPostings:
    """One segment's postings of a term: local document numbers, ascending, and frequencies."""

    leaf: IndexReader
    offset: int  # the segment's first document number in the searcher
    ids: np.ndarray  # int32
    weights: np.ndarray  # float64 (exactly what Whoosh stores, as Python reads it)


class _ArrayCache:
    def __init__(self, max_postings: int) -> None:
        self.max_postings = max_postings
        self._data: OrderedDict[tuple, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._held = 0
        self._lock = threading.Lock()

    def get(self, key: tuple) -> tuple[np.ndarray, np.ndarray] | None:
        with self._lock:
            found = self._data.get(key)
            if found is not None:
                self._data.move_to_end(key)
            return found

    def put(self, key: tuple, value: tuple[np.ndarray, np.ndarray]) -> None:
        size = len(value[0])
        if size > self.max_postings:
            return
        with self._lock:
            if key in self._data:
                return
            self._data[key] = value
            self._held += size
            while self._held > self.max_postings:
                _, (ids, _w) = self._data.popitem(last=False)
                self._held -= len(ids)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self._held = 0


_cache = _ArrayCache(MAX_POSTINGS)
_EMPTY = (np.zeros(0, np.int32), np.zeros(0, np.float64))


def clear_cache() -> None:
    """Forget cached posting lists (benchmarks measure queries as if typed the first time)."""
    _cache.clear()


def term_postings(searcher: Searcher, fieldname: str, text: object) -> list[LeafPostings] | None:
    """The term's postings in every segment that has it; None when a segment is not in
    Whoosh's on-disk block format (the callers then walk it the slow way)."""
    if fieldname == "body" and BODY_WORDS in searcher.schema:
        fieldname = BODY_WORDS  # the same postings without positions (reader.body_words)
    out = []
    for leaf, offset in searcher.reader().leaf_readers():
        found = _leaf_arrays(leaf, fieldname, text)
        if found is None:
            return None
        if len(found[0]):
            out.append(LeafPostings(leaf, offset, *found))
    return out


def _leaf_arrays(
    leaf: IndexReader, fieldname: str, text: object
) -> tuple[np.ndarray, np.ndarray] | None:
    segment = leaf.segment() if hasattr(leaf, "segment") else None
    key = (segment.segment_id(), fieldname, text) if segment is not None else None
    if key is not None:
        found = _cache.get(key)
        if found is not None:
            return found
    value = _read_directly(leaf, fieldname, text)
    if value is not None:
        pass
    elif (fieldname, text) not in leaf:
        value = _EMPTY
    else:
        matcher = leaf.postings(fieldname, text)
        while not isinstance(matcher, W3LeafMatcher) and hasattr(matcher, "child"):
            matcher = matcher.child  # deletions: taken out by the callers
        if not isinstance(matcher, W3LeafMatcher):
            return None
        value = _read_blocks(matcher)
    if key is not None:
        _cache.put(key, value)
    return value


def _read_directly(
    leaf: IndexReader, fieldname: str, text: object
) -> tuple[np.ndarray, np.ndarray] | None:
    """The term's arrays read straight from its posting blocks: one term lookup, and per block
    its length, its pickled summary and its zlib-compressed data, as Whoosh's W3LeafMatcher
    reads them, without a matcher's per-block calls (a first query paid them in every
    segment for every word). None when the term is stored otherwise (inlined, another codec):
    the caller reads it through Whoosh."""
    terms = getattr(leaf, "_terms", None)
    if not isinstance(terms, W3TermsReader) or fieldname not in leaf.schema:
        return None
    try:
        info = terms.term_info(fieldname, leaf._text_to_bytes(fieldname, text))
    except TermNotFound:
        return _EMPTY
    except (ValueError, TypeError):  # not a text of this field: Whoosh's way decides
        return None
    buf = getattr(terms._postfile, "_buf", None)  # a mapped file (reader.whoosh_patches)
    if info.is_inlined() or buf is None:
        return None
    at = info.extent()[0]
    if bytes(buf[at:at + 4]) != WHOOSH3_HEADER_MAGIC:
        return None
    at += 4
    ids: list[int] = []
    weights: list[float] = []
    while True:
        size = int.from_bytes(buf[at:at + 4], "big", signed=True)
        start = at + 4
        at = start + abs(size)
        block = io.BytesIO(buf[start:at])
        count, _maxid, _maxweight, compression, _mn, _mx = pickle.load(block)
        data = block.read()
        block_ids, block_weights, _values = pickle.loads(
            zlib.decompress(data) if compression else data)
        ids.extend(accumulate(block_ids))  # the first absolute, then differences
        if block_weights is None:
            weights.extend([1.0] * count)
        elif isinstance(block_weights, float):
            weights.extend([block_weights] * count)
        else:
            weights.extend(block_weights)
        if size < 0:  # the last block
            break
    return np.asarray(ids, dtype=np.int32), np.asarray(weights, dtype=np.float64)


def _read_blocks(matcher: W3LeafMatcher) -> tuple[np.ndarray, np.ndarray]:
    ids: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        if matcher._weights is None:
            matcher._read_weights()
        ids.append(np.asarray(matcher._ids, dtype=np.int32))
        w = matcher._weights
        if isinstance(w, array) and w.typecode == "f":
            weights.append(np.frombuffer(w, dtype=np.float32).astype(np.float64))
        else:
            weights.append(np.asarray(w, dtype=np.float64))
        matcher._next_block()
    if not ids:
        return _EMPTY
    return np.concatenate(ids), np.concatenate(weights)


def live(postings: LeafPostings) -> np.ndarray:
    """The searcher-wide document numbers of these postings, deleted documents left out."""
    ids = postings.ids
    leaf = postings.leaf
    if leaf.has_deletions():
        deleted = np.fromiter(leaf.deleted_docs_set, dtype=np.int64)
        ids = ids[~np.isin(ids, deleted)]
    return ids.astype(np.int64) + postings.offset
