"""Reading many article rows from SQLite a batch at a time, all of them or the ones asked for.

Shared by the store's tables (index feeding, story placing): keyset paging for "all", chunks
of at most `batch` ids for a list, so neither a huge library nor a huge id list is read at once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator


def article_rows(
    db: sqlite3.Connection, select: str, article_ids: Iterable[int] | None, batch: int,
) -> Iterator[tuple]:
    """The rows of `select` ("SELECT id, ... FROM articles", the id first) for these article
    ids (every article when None), in id order within each batch."""
    if article_ids is None:
        last = 0
        while True:
            found = db.execute(select + " WHERE id > ? ORDER BY id LIMIT ?",
                               (last, batch)).fetchall()
            if not found:
                return
            yield from found
            last = found[-1][0]
    ids = list(article_ids)
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        marks = ",".join("?" * len(chunk))
        yield from db.execute(select + f" WHERE id IN ({marks}) ORDER BY id", chunk).fetchall()
