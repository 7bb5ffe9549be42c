"""Small, measured fixes to whoosh-reloaded 2.7.5 that Reader applies once at import time.

Each patch names the cost it removes; none changes what is indexed or found.
"""

from __future__ import annotations

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


def apply() -> None:
    whoosh3.W3PerDocReader._cached_reader = _cached_reader
