"""The store's tables for the user's highlights and article notes.

Part of the article store (mixed into `ArticleStore`, same connection and lock). A highlight
keeps its offsets in the clean text, the words it covered and a little context on each side.
A trigger marks an article's highlights stale whenever its clean text changes, by whatever
path (re-extraction today, others later); they are re-anchored by their words before they are
next read (`reader.notes.reanchor`), so none ever points at other words unnoticed.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
import threading
from collections.abc import Iterable

from reader.errors import NotFound
from reader.notes import Anchor, ArticleNote, Highlight, NoteEntry, anchor_at, reanchor

# Version 6 of the store (see store._MIGRATIONS).
SCHEMA_NOTES = """
CREATE TABLE IF NOT EXISTS highlights (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start      INTEGER NOT NULL,            -- [start, end) in the clean text
    end        INTEGER NOT NULL,
    quote      TEXT NOT NULL,               -- the words highlighted
    before     TEXT NOT NULL DEFAULT '',    -- context, to find the words again
    after      TEXT NOT NULL DEFAULT '',
    colour     TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    anchored   INTEGER NOT NULL DEFAULT 1,  -- 0: the words were not found in the changed text
    stale      INTEGER NOT NULL DEFAULT 0,  -- the text changed since: re-anchor before use
    created    TEXT NOT NULL,
    modified   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS highlights_article ON highlights(article_id);
CREATE INDEX IF NOT EXISTS highlights_stale ON highlights(stale) WHERE stale = 1;
CREATE TABLE IF NOT EXISTS article_notes (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    note       TEXT NOT NULL,
    created    TEXT NOT NULL,
    modified   TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS highlights_follow_text AFTER UPDATE OF body ON articles
WHEN old.body IS NOT new.body
BEGIN
    UPDATE highlights SET stale = 1 WHERE article_id = new.id;
END;
"""

_COLUMNS = "id, article_id, start, end, quote, colour, note, anchored, created, modified"


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


def _highlight(row: tuple) -> Highlight:
    return Highlight(row[0], row[1], row[2], row[3], row[4], row[5], row[6], bool(row[7]),
                     row[8], row[9])


class NoteTables:
    """Mixin for ArticleStore: highlights and article notes."""

    _db: sqlite3.Connection
    _lock: threading.RLock

    def transaction(self):  # provided by ArticleStore
        raise NotImplementedError

    # -- highlights ------------------------------------------------------------------------------

    def _body(self, article_id: int) -> str:
        row = self._db.execute("SELECT body FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFound(f"There is no article {article_id} in this library.")
        return row[0]

    def add_highlight(self, article_id: int, start: int, end: int, colour: str,
                      note: str = "") -> Highlight:
        """A highlight of [start, end) of the article's clean text (checked by the caller)."""
        now = _now()
        with self.transaction() as db:
            body = self._body(article_id)
            anchor = anchor_at(body, start, end)
            cur = db.execute(
                "INSERT INTO highlights(article_id, start, end, quote, before, after, colour,"
                " note, created, modified) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (article_id, start, end, body[start:end], anchor.before, anchor.after, colour,
                 note, now, now),
            )
            highlight_id = int(cur.lastrowid or 0)
        return self.highlight(highlight_id)

    def highlight(self, highlight_id: int) -> Highlight:
        row = self._db.execute(f"SELECT {_COLUMNS} FROM highlights WHERE id = ?",
                               (highlight_id,)).fetchone()
        if row is None:
            raise NotFound(f"There is no highlight {highlight_id} in this library.")
        return _highlight(row)

    def update_highlight(self, highlight_id: int, *, colour: str | None = None,
                         note: str | None = None) -> Highlight:
        with self.transaction() as db:
            self.highlight(highlight_id)
            for column, value in (("colour", colour), ("note", note)):
                if value is not None:
                    db.execute(f"UPDATE highlights SET {column} = ?, modified = ? WHERE id = ?",
                               (value, _now(), highlight_id))
        return self.highlight(highlight_id)

    def delete_highlight(self, highlight_id: int) -> None:
        with self.transaction() as db:
            if db.execute("DELETE FROM highlights WHERE id = ?", (highlight_id,)).rowcount == 0:
                raise NotFound(f"There is no highlight {highlight_id} in this library.")

    def article_highlights(self, article_id: int) -> list[Highlight]:
        """The article's highlights in text order (re-anchored first if its text changed)."""
        self.reanchor_highlights([article_id])
        return [_highlight(r) for r in self._db.execute(
            f"SELECT {_COLUMNS} FROM highlights WHERE article_id = ? ORDER BY start, id",
            (article_id,))]

    def reanchor_highlights(self, article_ids: Iterable[int] | None = None) -> list[Highlight]:
        """Find the words of stale highlights (of these articles, or all) in their article's
        current text; returns those that could not be found (kept, marked not anchored)."""
        where = "stale = 1"
        params: list[int] = []
        if article_ids is not None:
            ids = list(article_ids)
            if not ids:
                return []
            where += f" AND article_id IN ({','.join('?' * len(ids))})"
            params = ids
        # Read first: most articles have no stale highlight, and the write transaction below
        # would wait for another process writing the store (background analysis saving a
        # batch) each time an article is shown.
        if self._db.execute(f"SELECT 1 FROM highlights WHERE {where} LIMIT 1",
                            params).fetchone() is None:
            return []
        lost: list[int] = []
        with self.transaction() as db:
            stale = db.execute(
                f"SELECT id, article_id, start, end, quote, before, after FROM highlights"
                f" WHERE {where}", params).fetchall()
            bodies: dict[int, str] = {}
            for highlight_id, article_id, start, end, quote, before, after in stale:
                if article_id not in bodies:
                    bodies[article_id] = self._body(article_id)
                body = bodies[article_id]
                found = reanchor(body, quote, Anchor(start, end, before, after))
                if found is None:
                    lost.append(highlight_id)
                    db.execute("UPDATE highlights SET anchored = 0, stale = 0 WHERE id = ?",
                               (highlight_id,))
                    continue
                db.execute(
                    "UPDATE highlights SET start = ?, end = ?, quote = ?, before = ?, after = ?,"
                    " anchored = 1, stale = 0 WHERE id = ?",
                    (found.start, found.end, body[found.start:found.end], found.before,
                     found.after, highlight_id))
        return [self.highlight(i) for i in lost]

    # -- article notes -------------------------------------------------------------------------

    def set_article_note(self, article_id: int, note: str) -> ArticleNote | None:
        """Write the article's note; an empty note removes it."""
        now = _now()
        with self.transaction() as db:
            self._body(article_id)
            if not note.strip():
                db.execute("DELETE FROM article_notes WHERE article_id = ?", (article_id,))
                return None
            db.execute(
                "INSERT INTO article_notes(article_id, note, created, modified) VALUES (?,?,?,?)"
                " ON CONFLICT(article_id) DO UPDATE SET note = excluded.note,"
                " modified = excluded.modified",
                (article_id, note, now, now))
        return self.article_note(article_id)

    def article_note(self, article_id: int) -> ArticleNote | None:
        row = self._db.execute(
            "SELECT article_id, note, created, modified FROM article_notes WHERE article_id = ?",
            (article_id,)).fetchone()
        return ArticleNote(*row) if row else None

    # -- across the library ----------------------------------------------------------------------

    def note_entries(self, article_ids: Iterable[int] | None = None) -> list[NoteEntry]:
        """Every highlight and article note (of these articles), newest article first, each
        article's note before its highlights in text order.

        The highlights are read on their own and their articles' details once per article
        (a join would walk the articles in date order: slower on a large library)."""
        ids = None if article_ids is None else list(article_ids)
        self.reanchor_highlights(ids)
        clause, params = "", []
        if ids is not None:
            clause = " WHERE article_id IN (SELECT value FROM json_each(?))"
            params = [f"[{','.join(str(int(i)) for i in ids)}]"]
        items: list[Highlight | ArticleNote] = [
            ArticleNote(*row) for row in self._db.execute(
                "SELECT article_id, note, created, modified FROM article_notes" + clause, params)]
        items += [_highlight(row) for row in self._db.execute(
            f"SELECT {_COLUMNS} FROM highlights" + clause, params)]
        details = {}
        wanted = sorted({item.article_id for item in items})
        for start in range(0, len(wanted), 900):  # SQLite's bound-parameter limit
            chunk = wanted[start:start + 900]
            for row in self._db.execute(
                "SELECT id, title, outlet, published FROM articles"
                f" WHERE id IN ({','.join('?' * len(chunk))})", chunk):
                details[row[0]] = row[1:]

        def in_article(item: Highlight | ArticleNote) -> tuple[int, int]:
            return -item.article_id, item.start if isinstance(item, Highlight) else -1

        def newest(item: Highlight | ArticleNote) -> tuple[bool, str]:
            published = details[item.article_id][2] or ""
            return published != "", published

        # Newest article first (undated last; sorts are stable), the note before the
        # highlights in text order.
        items.sort(key=in_article)
        items.sort(key=newest, reverse=True)
        return [NoteEntry(item, *details[item.article_id]) for item in items]

    def note_texts(self) -> list[tuple[int, str]]:
        """(article id, note) of every article note and highlight note that is not empty."""
        return self._db.execute(
            "SELECT article_id, note FROM article_notes WHERE note != ''"
            " UNION ALL SELECT article_id, note FROM highlights WHERE note != ''").fetchall()
