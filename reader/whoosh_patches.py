"""Small, measured fixes to whoosh-reloaded 2.7.5 that Reader applies once at import time.

Each patch names the cost it removes; none changes what is indexed or found.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from whoosh import index as _index
from whoosh.codec import whoosh3

_MISSING = object()


def _cached_reader(self, fieldname, column):
    # Upstream re-checks the file system (a stat call) for every posting of a field that has
    # no length column (e.g. the spelling field), and never caches the "no column" answer:
    # about a tenth of indexing time on news text. Cache both answers.
    reader = self._readers.get(fieldname, _MISSING)
    if reader is _MISSING:
        reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
        self._readers[fieldname] = reader
    return reader


def _reader_with_fresh_deletions(original):
    def _reader(cls, storage, schema, segments, generation, reuse=None):
        # Searcher.refresh() passes the old reader for reuse, and whoosh-reloaded then (a) adds
        # the old segments back to the new list, so segments merged away stay searchable and
        # their documents are found twice, and (b) reuses a segment's reader even when
        # documents of it were deleted since (an update deletes the old version). Reuse only
        # when every old segment is still there with the same deletions: the pure-add case.
        if reuse is not None:
            now = {seg: seg.deleted_count() for seg in segments}
            for r, _ in reuse.leaf_readers():
                seg = r.segment()
                if seg is not None and now.get(seg) != seg.deleted_count():
                    reuse = None
                    break
        return original(storage, schema, segments, generation, reuse=reuse)

    return classmethod(_reader)


class _BlockCache:
    """Decoded posting blocks, shared by a query's passes and by queries typed one after another.

    Counting every match (facets, totals) and ranking the top hits read the same posting
    blocks; unpickling and decompressing a block costs more than using it. Keyed by the posting
    file's name (it carries the segment's random id) and the block's offset, so a new segment
    never sees another's blocks.
    """

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._data: OrderedDict[tuple[int, int], tuple] = OrderedDict()
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def read(self, matcher) -> None:
        name = getattr(matcher._postfile, "_name", None)
        if not name:
            _original_read_data(matcher)
            return
        key = (name, matcher._dataoffset)
        with self._lock:
            data = self._data.get(key)
            if data is not None:
                self._data.move_to_end(key)
        if data is None:
            _original_read_data(matcher)
            data = matcher._data
            with self._lock:
                self._data[key] = data
                if len(self._data) > self.size:
                    self._data.popitem(last=False)
        matcher._data = data


_block_cache = _BlockCache()
_original_read_data = whoosh3.W3LeafMatcher._read_data


def clear_block_cache() -> None:
    """Forget decoded blocks (benchmarks measure queries as if typed for the first time)."""
    _block_cache.clear()


def _read_data(matcher) -> None:
    _block_cache.read(matcher)


_applied = False


def apply() -> None:
    global _applied
    if _applied:
        return
    _applied = True
    whoosh3.W3PerDocReader._cached_reader = _cached_reader
    _index.FileIndex._reader = _reader_with_fresh_deletions(_index.FileIndex._reader)
    whoosh3.W3LeafMatcher._read_data = _read_data
