"""Small, measured fixes to whoosh-reloaded 2.7.5 that Reader applies once at import time.

Each patch names the cost it removes; none changes what is indexed or found.
"""

from __future__ import annotations

import io
import pickle
import struct
import sys
import threading
from array import array
from collections import OrderedDict
from itertools import accumulate

from whoosh import columns
from whoosh import index as _index
from whoosh.codec import whoosh3
from whoosh.filedb.compound import CompoundStorage
from whoosh.filedb.structfile import BufferFile

_MISSING = object()


# Opening a segment without copying it.
#
# A segment is one compound file, mapped into memory; upstream opens each file inside it (the
# posting lists, the term table) as a BytesIO of its mapped bytes, and a BytesIO copies them.
# Every search opened the whole index so: 1.3 GB resident for a 58,822-article library before
# the first result (measured with tracemalloc, bench/scale.py). Here the files inside stay
# windows on the map; only the pages a search reads are ever brought in, and the system may
# drop them again.


class _MappedWindow(io.RawIOBase):
    """A read-only, seekable file over a memoryview, reading without a copy of the whole."""

    def __init__(self, buf: memoryview) -> None:
        super().__init__()
        self._buf = buf
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        start = self._pos
        end = len(self._buf) if size is None or size < 0 else min(len(self._buf), start + size)
        self._pos = max(start, end)
        return bytes(self._buf[start:end])

    def readinto(self, target) -> int:
        data = self.read(len(target))
        target[: len(data)] = data
        return len(data)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: len(self._buf)}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos


class _MappedFile(BufferFile):
    """Whoosh's BufferFile over part of a mapped compound file, without BytesIO's copy."""

    def __init__(self, buf: memoryview, name: str) -> None:
        self._buf = buf
        self._name = name
        self.file = _MappedWindow(buf)
        self.onclose = None
        self.is_real = False
        self.is_closed = False

    def read_pickle(self, protocol: int = -1):
        # Every posting block starts with a small pickle. Unpickled from the window it costs a
        # Python call per opcode; from a few bytes copied out, none.
        window = self.file
        start = window.tell()
        head = io.BytesIO(self._buf[start : start + 4096])
        try:
            value = pickle.load(head)
        except (EOFError, pickle.UnpicklingError):  # longer than the head: read it whole
            window.seek(start)
            return pickle.load(window)
        window.seek(start + head.tell())
        return value


_original_compound_open = CompoundStorage.open_file


def _compound_open_file(self, name, *args, **kwargs):
    if self.is_closed or self._source is None:
        return _original_compound_open(self, name, *args, **kwargs)
    offset, length = self.range(name)
    return _MappedFile(memoryview(self._source)[offset : offset + length], name)


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
        # A reader not reused is closed once the new one is open (refresh() promises to close
        # what the new searcher does not use; its files would otherwise stay open).
        stale = None
        if reuse is not None:
            now = {seg: seg.deleted_count() for seg in segments}
            for r, _ in reuse.leaf_readers():
                seg = r.segment()
                if seg is not None and now.get(seg) != seg.deleted_count():
                    stale, reuse = reuse, None
                    break
        fresh = original(storage, schema, segments, generation, reuse=reuse)
        if stale is not None:
            stale.close()
        return fresh

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
            _decoded_read_data(matcher)
            return
        key = (name, matcher._dataoffset)
        with self._lock:
            data = self._data.get(key)
            if data is not None:
                self._data.move_to_end(key)
        if data is None:
            _decoded_read_data(matcher)
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


def _decoded_read_data(matcher) -> None:
    # The block's ids are stored as gaps: add them up once, as the block is read (and cached),
    # rather than each time a matcher reaches the cached block.
    _original_read_data(matcher)
    if not matcher._byteids:
        ids, *rest = matcher._data
        matcher._data = (tuple(accumulate(ids)), *rest)


def _read_ids(matcher) -> None:
    if matcher._data is None:
        matcher._read_data()
    matcher._ids = matcher._data[0]  # already added up (see `_decoded_read_data`)


# Numeric columns (article ids, dates, field lengths for scoring) held as arrays.
#
# Upstream reads each value with a seek and a read of the column file: scoring a document reads
# its field lengths so, and the window's list of 16,000 ids read 16,000 times. A segment's
# numeric column is read once, whole, into an array of its fixed-size values, kept with the
# segment's reader and shared by every column reader asked of it: about 19 bytes per article
# (an 8-byte id, an 8-byte date, a byte per text field's length), 1.1 MB at 58,822 articles.

def _array_code(struct_code: str) -> str | None:
    """The array type code holding the values of a big-endian struct code, or None."""
    if struct_code in "fd":
        return struct_code
    size = struct.calcsize("!" + struct_code)
    for code in ("b", "h", "i", "l", "q"):
        want = code if struct_code.islower() else code.upper()
        if array(want).itemsize == size:
            return want
    return None


def _load_numeric(reader) -> array | None:
    code = _array_code(reader._typecode)
    if code is None:
        return None
    values = array(code)
    values.frombytes(reader._dbfile.get(reader._basepos, reader._count * reader._fixedlen))
    if sys.byteorder == "little":
        values.byteswap()
    return values


_original_column_reader = whoosh3.W3PerDocReader.column_reader


def _column_reader(self, fieldname, column):
    reader = _original_column_reader(self, fieldname, column)
    if type(reader) is columns.NumericColumn.Reader:
        cache = self.__dict__.setdefault("_reader_arrays", {})
        key = (fieldname, reader._typecode)
        if key not in cache:
            cache[key] = _load_numeric(reader)
        reader._values = cache[key]
    return reader


_original_numeric_getitem = columns.NumericColumn.Reader.__getitem__


def _numeric_getitem(self, docnum):
    values = getattr(self, "_values", None)
    if values is None:
        return _original_numeric_getitem(self, docnum)
    return values[docnum] if docnum < self._count else self._default


def _numeric_iter(self):
    values = getattr(self, "_values", None)
    if values is None:
        yield from (self[i] for i in range(self._doccount))
        return
    yield from values
    if self._doccount > self._count:
        yield from (self._default,) * (self._doccount - self._count)


_applied = False


def apply() -> None:
    global _applied
    if _applied:
        return
    _applied = True
    whoosh3.W3PerDocReader._cached_reader = _cached_reader
    _index.FileIndex._reader = _reader_with_fresh_deletions(_index.FileIndex._reader)
    whoosh3.W3LeafMatcher._read_data = _read_data
    whoosh3.W3PerDocReader.column_reader = _column_reader
    CompoundStorage.open_file = _compound_open_file
    whoosh3.W3LeafMatcher._read_ids = _read_ids
    columns.NumericColumn.Reader.__getitem__ = _numeric_getitem
    columns.NumericColumn.Reader.__iter__ = _numeric_iter
