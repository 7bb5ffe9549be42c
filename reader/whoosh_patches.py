"""Small, measured fixes to whoosh-reloaded 2.7.5 that Reader applies once at import time.

Each patch names the cost it removes; none changes what is indexed or found.
"""

from __future__ import annotations

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


_applied = False


def apply() -> None:
    global _applied
    if _applied:
        return
    _applied = True
    whoosh3.W3PerDocReader._cached_reader = _cached_reader
    _index.FileIndex._reader = _reader_with_fresh_deletions(_index.FileIndex._reader)
