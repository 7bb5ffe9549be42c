"""The store's web tables: pages as downloaded, feeds and the entries already seen, read marks.

Part of the article store (mixed into `ArticleStore`, same connection and lock). A fetched
article keeps its page's HTML so it can be extracted again when extraction improves; a feed
keeps the ids of its entries so an entry seen once is never imported twice.
"""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
import threading
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from reader.errors import NotFound, UserError
from reader.models import CleanedArticle, DeletedRows, FeedRow

# Version 4 of the store (see store._MIGRATIONS).
SCHEMA_WEB = """
CREATE INDEX IF NOT EXISTS articles_url ON articles(url);
CREATE TABLE IF NOT EXISTS pages (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    url        TEXT NOT NULL,    -- as the user (or the feed) gave it
    final_url  TEXT NOT NULL,    -- after redirects
    html       BLOB NOT NULL,    -- zlib-compressed page as downloaded
    fetched_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS pages_url ON pages(url);
CREATE INDEX IF NOT EXISTS pages_final_url ON pages(final_url);
CREATE TABLE IF NOT EXISTS feeds (
    id            INTEGER PRIMARY KEY,
    url           TEXT NOT NULL UNIQUE,
    title         TEXT,
    etag          TEXT,          -- for conditional requests: nothing is sent again unchanged
    last_modified TEXT,
    added_at      TEXT NOT NULL,
    checked_at    TEXT,
    last_error    TEXT
);
-- Entries already taken from a feed; the article link goes NULL when the article is deleted,
-- and the entry stays seen, so deleting an article does not bring it back on the next update.
CREATE TABLE IF NOT EXISTS feed_entries (
    feed_id    INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    entry_key  TEXT NOT NULL,
    article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
    seen_at    TEXT NOT NULL,
    PRIMARY KEY (feed_id, entry_key)
);
CREATE INDEX IF NOT EXISTS feed_entries_article ON feed_entries(article_id);
-- A plain read mark (opened in the window), for the feeds' unread counts.
CREATE TABLE IF NOT EXISTS read_marks (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE
);
"""


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class KeptPage:
    url: str
    final_url: str
    html: str
    fetched_at: str


class WebTables:
    """Mixin for ArticleStore: downloaded pages, feeds, feed entries and read marks."""

    _db: sqlite3.Connection
    _lock: threading.RLock

    def transaction(self):  # provided by ArticleStore
        raise NotImplementedError

    @staticmethod
    def _hash(body: str) -> str:  # provided by ArticleStore: store.body_hash
        raise NotImplementedError

    # -- pages -------------------------------------------------------------------------------

    def keep_page(self, article_id: int, url: str, final_url: str, html: str) -> None:
        """Keep the page an article came from; call inside the transaction that added it."""
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO pages(article_id, url, final_url, html, fetched_at)"
                " VALUES (?,?,?,?,?)",
                (article_id, url, final_url, zlib.compress(html.encode("utf-8"), 6), _now()),
            )

    def kept_page(self, article_id: int) -> KeptPage | None:
        row = self._db.execute(
            "SELECT url, final_url, html, fetched_at FROM pages WHERE article_id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        return KeptPage(row[0], row[1], zlib.decompress(row[2]).decode("utf-8"), row[3])

    def find_by_url(self, urls: Iterable[str]) -> int | None:
        """An article fetched from (or declaring) one of these addresses, if there is one."""
        wanted = sorted({u for u in urls if u})
        if not wanted:
            return None
        marks = ",".join("?" * len(wanted))
        row = self._db.execute(
            f"SELECT article_id FROM pages WHERE url IN ({marks}) OR final_url IN ({marks})"
            f" UNION ALL SELECT id FROM articles WHERE url IN ({marks}) LIMIT 1",
            (*wanted, *wanted, *wanted),
        ).fetchone()
        return int(row[0]) if row else None

    # -- feeds -------------------------------------------------------------------------------

    def add_feed(self, url: str, title: str | None = None) -> int:
        with self.transaction() as db:
            found = db.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()
            if found:
                raise UserError(f"The library already follows {url} (feed {found[0]}).")
            cur = db.execute(
                "INSERT INTO feeds(url, title, added_at) VALUES (?,?,?)", (url, title, _now())
            )
            return int(cur.lastrowid or 0)

    def remove_feed(self, feed_id: int) -> None:
        """Stop following a feed; the articles it brought stay in the library."""
        with self.transaction() as db:
            if db.execute("DELETE FROM feeds WHERE id = ?", (feed_id,)).rowcount == 0:
                raise NotFound(f"There is no feed {feed_id} in this library.")

    def feeds(self) -> list[FeedRow]:
        rows = self._db.execute(
            "SELECT f.id, f.url, f.title, f.etag, f.last_modified, f.checked_at, f.last_error,"
            " count(e.article_id),"
            " count(e.article_id) - count(r.article_id)"
            " FROM feeds f LEFT JOIN feed_entries e ON e.feed_id = f.id"
            " LEFT JOIN read_marks r ON r.article_id = e.article_id"
            " GROUP BY f.id ORDER BY lower(coalesce(f.title, f.url))"
        ).fetchall()
        return [FeedRow(*row) for row in rows]

    def feed(self, feed_id: int) -> FeedRow:
        for row in self.feeds():
            if row.id == feed_id:
                return row
        raise NotFound(f"There is no feed {feed_id} in this library.")

    def feed_checked(
        self,
        feed_id: int,
        *,
        title: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        error: str | None = None,
    ) -> None:
        """Record an update: the validators for the next conditional request, or the error
        (validators are kept then, so a failed update does not make the next one fetch all)."""
        with self.transaction() as db:
            if error is not None:
                db.execute(
                    "UPDATE feeds SET checked_at = ?, last_error = ? WHERE id = ?",
                    (_now(), error, feed_id),
                )
            else:
                db.execute(
                    "UPDATE feeds SET checked_at = ?, last_error = NULL, etag = ?,"
                    " last_modified = ?, title = coalesce(?, title) WHERE id = ?",
                    (_now(), etag, last_modified, title, feed_id),
                )

    def seen_entries(self, feed_id: int) -> set[str]:
        return {
            key for (key,) in self._db.execute(
                "SELECT entry_key FROM feed_entries WHERE feed_id = ?", (feed_id,)
            )
        }

    def mark_entry_seen(self, feed_id: int, entry_key: str, article_id: int | None) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR IGNORE INTO feed_entries(feed_id, entry_key, article_id, seen_at)"
                " VALUES (?,?,?,?)",
                (feed_id, entry_key, article_id, _now()),
            )

    def feed_articles(self, feed_id: int) -> list[int]:
        """The articles a feed brought, newest first."""
        return [
            int(i) for (i,) in self._db.execute(
                "SELECT e.article_id FROM feed_entries e JOIN articles a ON a.id = e.article_id"
                " WHERE e.feed_id = ? ORDER BY a.published IS NULL, a.published DESC, a.id DESC",
                (feed_id,),
            )
        ]

    # -- read marks --------------------------------------------------------------------------

    def mark_read(self, article_ids: Iterable[int], read: bool = True) -> None:
        with self.transaction() as db:
            if read:
                db.executemany(
                    "INSERT OR IGNORE INTO read_marks(article_id)"
                    " SELECT id FROM articles WHERE id = ?", ((i,) for i in article_ids)
                )
            else:
                db.executemany(
                    "DELETE FROM read_marks WHERE article_id = ?", ((i,) for i in article_ids)
                )

    def is_read(self, article_id: int) -> bool:
        return self._db.execute(
            "SELECT 1 FROM read_marks WHERE article_id = ?", (article_id,)
        ).fetchone() is not None

    # -- re-extraction -----------------------------------------------------------------------

    def replace_extraction(self, article_id: int, cleaned: CleanedArticle) -> None:
        """Put a new extraction of the kept page in place of the article's text. Fields the
        user edited by hand stay; entities and dates are dropped, to be found again."""
        with self.transaction() as db:
            row = db.execute("SELECT edited FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is None:
                raise NotFound(f"There is no article {article_id} in this library.")
            other = db.execute(
                "SELECT id FROM articles WHERE body_hash = ? AND id != ?",
                (self._hash(cleaned.body), article_id),
            ).fetchone()
            if other:
                raise UserError(
                    f"The new extraction is the same text as article {other[0]}; nothing changed."
                )
            edited = set(json.loads(row[0]))
            fields = {
                "title": cleaned.title,
                "outlet": cleaned.outlet,
                "published": cleaned.published.iso() if cleaned.published else None,
                "author": cleaned.author,
            }
            fields = {k: v for k, v in fields.items() if k not in edited}
            assignments = "".join(f"{name} = ?, " for name in fields)
            db.execute(
                f"UPDATE articles SET {assignments}body = ?, body_hash = ?, modified_at = ?"
                " WHERE id = ?",
                (*fields.values(), cleaned.body, self._hash(cleaned.body), _now(), article_id),
            )
            db.execute("DELETE FROM removed WHERE article_id = ?", (article_id,))
            db.executemany(
                "INSERT INTO removed(article_id, seq, position, reason, text) VALUES (?,?,?,?,?)",
                [(article_id, seq, r.position, r.reason, r.text)
                 for seq, r in enumerate(cleaned.removed)],
            )
            for table in ("mentions", "timexes", "analysed"):
                db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
            db.execute(
                "INSERT OR REPLACE INTO index_queue(article_id, op) VALUES (?, 'put')",
                (article_id,),
            )

    # -- deleting with undo --------------------------------------------------------------------

    def delete_with_copy(self, article_ids: Iterable[int]) -> DeletedRows:
        """Delete articles everywhere (text, noise, entities' mentions, dates, kept page, read
        mark; the index is queued) and return a copy of every row, for `restore`."""
        ids = sorted(set(article_ids))
        copy = DeletedRows(ids)
        with self.transaction() as db:
            marks = ",".join("?" * len(ids))
            for table in ["articles", *self._tables_of_articles()]:
                column = "id" if table == "articles" else "article_id"
                cur = db.execute(f"SELECT * FROM {table} WHERE {column} IN ({marks})", ids)
                names = [d[0] for d in cur.description]
                copy.tables.append((table, names, cur.fetchall()))
            missing = set(ids) - {row[0] for row in copy.tables[0][2]}
            if missing:
                raise NotFound(f"There is no article {min(missing)} in this library.")
            db.execute(f"DELETE FROM articles WHERE id IN ({marks})", ids)
            db.executemany(
                "INSERT OR REPLACE INTO index_queue(article_id, op) VALUES (?, 'delete')",
                ((i,) for i in ids),
            )
        return copy

    def restore(self, copy: DeletedRows) -> None:
        """Put deleted articles back as they were, with the same ids."""
        with self.transaction() as db:
            for table, names, rows in copy.tables:
                if not rows:
                    continue
                columns = ", ".join(names)
                marks = ",".join("?" * len(names))
                verb = "INSERT" if table == "articles" else "INSERT OR REPLACE"
                try:
                    db.executemany(f"{verb} INTO {table}({columns}) VALUES ({marks})", rows)
                except sqlite3.IntegrityError as exc:
                    raise UserError(
                        f"Cannot undo the deletion: the library changed since ({exc})."
                    ) from None
            db.executemany(
                "INSERT OR REPLACE INTO index_queue(article_id, op) VALUES (?, 'put')",
                ((i,) for i in copy.ids),
            )

    def _tables_of_articles(self) -> list[str]:
        """Every table with an article_id column (other branches add some), but the queue."""
        tables = [name for (name,) in self._db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'index_queue'"
        )]
        return [
            t for t in tables
            if any(col[1] == "article_id" for col in self._db.execute(f"PRAGMA table_info({t})"))
        ]

