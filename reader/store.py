"""The article store: one SQLite file that is the truth of a library.

It holds every article's raw text, clean text, metadata and the noise removed from it, and a
queue of articles whose search-index entry is not yet written. Nobody else opens the database.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import json
import logging
import sqlite3
import threading
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from reader.errors import LibraryError, NotFound, UserError
from reader.language import detect_language
from reader.models import Article, ArticleRow, CleanedArticle, PubDate, Removed
from reader.store_analysis import AnalysisTables
from reader.store_notes import SCHEMA_NOTES, NoteTables
from reader.store_rows import article_rows
from reader.store_stories import SCHEMA_STORIES, StoryTables
from reader.store_user import SCHEMA_USER, UserTables
from reader.store_web import SCHEMA_WEB, WebTables

log = logging.getLogger(__name__)

SCHEMA_VERSION = 7

_SCHEMA_V1 = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id          INTEGER PRIMARY KEY,
    title       TEXT,
    outlet      TEXT,
    published   TEXT,            -- ISO date by precision: YYYY, YYYY-MM or YYYY-MM-DD
    author      TEXT,
    url         TEXT,
    source      TEXT,            -- where it came from: a path, or path:line for JSON Lines
    raw         BLOB NOT NULL,   -- zlib-compressed text as read, before cleaning
    body        TEXT NOT NULL,   -- clean text
    body_hash   TEXT NOT NULL UNIQUE,
    edited      TEXT NOT NULL DEFAULT '[]',  -- metadata fields the user set by hand
    added_at    TEXT NOT NULL,
    modified_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE TABLE IF NOT EXISTS removed (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    position   INTEGER NOT NULL,
    reason     TEXT NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
);
-- Articles whose index entry must be (re)written or deleted; emptied once the index commits.
CREATE TABLE IF NOT EXISTS index_queue (
    article_id INTEGER PRIMARY KEY,
    op         TEXT NOT NULL CHECK (op IN ('put', 'delete'))
);
"""

# Version 2: what analysis found in each article (entities, dates) and the library's entities,
# with the user's corrections kept apart from the model's output so re-analysis keeps them.
_SCHEMA_V2 = """
CREATE TABLE IF NOT EXISTS entities (
    id      INTEGER PRIMARY KEY,
    key     TEXT NOT NULL UNIQUE,   -- reader.entities.aliases.entity_key of the first name seen
    name    TEXT NOT NULL,          -- canonical name shown to the user
    label   TEXT NOT NULL,          -- PERSON, ORG, GPE, LOC, FAC, NORP, EVENT, LAW, ...
    edited  INTEGER NOT NULL DEFAULT 0,  -- renamed or relabelled by the user: analysis keeps off
    hidden  INTEGER NOT NULL DEFAULT 0   -- deleted by the user: its mentions are not shown
);
-- A user's merge: mentions that resolve to `key` belong to `entity_id` from now on.
CREATE TABLE IF NOT EXISTS entity_aliases (
    key       TEXT PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS mentions (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    entity_id  INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, start)
);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_id);
CREATE TABLE IF NOT EXISTS timexes (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    type       TEXT NOT NULL,      -- TIMEX3 type: DATE, TIME, DURATION, SET
    value      TEXT NOT NULL,      -- TIMEX3 value, e.g. 1951, 2022-03, 2025-10-24, P70Y
    resolved   INTEGER NOT NULL,   -- 0 when it needed a publication date the article lacks
    sent_start INTEGER NOT NULL,   -- the sentence it stands in
    sent_end   INTEGER NOT NULL,
    PRIMARY KEY (article_id, start)
);
CREATE INDEX IF NOT EXISTS timexes_value ON timexes(value);
CREATE TABLE IF NOT EXISTS analysed (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    version    INTEGER NOT NULL
);
"""

# Version 3: the language each article is written in (ISO 639-1, "" when it cannot be told);
# NULL until detected, so libraries from before are filled in on open (`Library`).
_SCHEMA_V3 = """
ALTER TABLE articles ADD COLUMN lang TEXT;
"""

# Version 4: fetched pages kept for re-extraction, feeds and their seen entries, read marks
# (reader.store_web).
# Version 5: stories (store_stories.py).
# Version 6: the user's highlights and article notes (store_notes.py).
# Version 7: tags, collections, saved searches and stars (store_user.py).
_MIGRATIONS = {
    1: _SCHEMA_V1, 2: _SCHEMA_V2, 3: _SCHEMA_V3, 4: SCHEMA_WEB, 5: SCHEMA_STORIES,
    6: SCHEMA_NOTES, 7: SCHEMA_USER,
}

EDITABLE = ("title", "outlet", "published", "author", "url")


def body_hash(body: str) -> str:
    """Duplicate key: the clean text with case and whitespace folded."""
    folded = " ".join(body.split()).casefold()
    return hashlib.blake2b(folded.encode("utf-8"), digest_size=16).hexdigest()


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


def _pub(value: str | None) -> PubDate | None:
    return PubDate.parse(value) if value else None


# What the index needs of each article (`iter_for_index`, `index_rows`).
INDEX_SELECT = (
    "SELECT id, title, outlet, published, body, (SELECT group_concat(name, char(31))"
    " FROM (SELECT DISTINCT e.name FROM mentions m JOIN entities e ON e.id = m.entity_id"
    " WHERE m.article_id = articles.id AND e.hidden = 0)), lang FROM articles"
)


def index_rows(path: Path | str, article_ids: list[int], batch: int = 500) -> Iterator[tuple]:
    """`iter_for_index` rows read through a read-only connection of this process's own: for
    the worker processes that write index segments while the importing process holds the
    store open. Sees what was committed."""
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    db = sqlite3.connect(uri, uri=True, timeout=30)
    try:
        yield from article_rows(db, INDEX_SELECT, article_ids, batch)
    finally:
        db.close()


class ArticleStore(AnalysisTables, WebTables, StoryTables, NoteTables, UserTables):
    """The SQLite store of one library. Safe to share between threads; writes are serialised."""

    _hash = staticmethod(body_hash)  # for the mixins

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._refuse_emptied_store()
        try:
            self._db = sqlite3.connect(
                self.path, check_same_thread=False, isolation_level=None, timeout=30
            )
        except sqlite3.Error as exc:
            raise LibraryError(
                f"Cannot open the library database {self.path}: {exc}. "
                "Check that the folder exists and is writable."
            ) from exc
        self._lock = threading.RLock()
        self._checked = False
        try:
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise self.damaged(exc) from None

    def _refuse_emptied_store(self) -> None:
        """A zero-byte store beside an index or a journal was a library: cut short, not new.
        Opening it would start an empty library in its place, so refuse and say why."""
        try:
            empty = self.path.stat().st_size == 0
        except OSError:
            return
        wal = Path(f"{self.path}-wal")
        if wal.exists() and wal.stat().st_size:  # all in the journal yet: SQLite reads it
            return
        folder = self.path.parent
        if empty and any(p.exists() for p in (folder / "index", folder / "index.lock")):
            raise LibraryError(
                f"The library database {self.path} is empty (0 bytes): it was cut short or "
                "damaged, and Reader has changed nothing. Restore library.sqlite3 from a "
                "backup, or move the folder away to start a new library."
            )

    def damaged(self, exc: Exception) -> LibraryError:
        """The plain-language error for a store SQLite cannot read."""
        return LibraryError(
            f"The library database {self.path} is damaged ({exc}); Reader has not written to "
            "it. Restore library.sqlite3 from a backup, or recover what SQLite can read: "
            f"sqlite3 {self.path.name} .recover | sqlite3 recovered.sqlite3, then put "
            "recovered.sqlite3 in its place (the search index is rebuilt by itself)."
        )

    def check_integrity(self) -> None:
        """Before the first write of a session: refuse to write into a malformed store (SQLite
        would carry on and damage it more). Raises LibraryError; checked once per open."""
        if self._checked:
            return
        try:
            problems = [r[0] for r in self._db.execute("PRAGMA quick_check(5)")]
        except sqlite3.DatabaseError as exc:
            raise self.damaged(exc) from None
        if problems != ["ok"]:
            raise self.damaged(Exception("; ".join(problems)))
        self._checked = True

    # -- lifecycle ---------------------------------------------------------------------------

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise LibraryError(
                f"The library at {self.path.parent} was written by a newer Reader "
                f"(store version {version}, this Reader knows {SCHEMA_VERSION}). "
                "Update Reader to open it."
            )
        for step in range(version + 1, SCHEMA_VERSION + 1):
            # executescript runs outside our transaction helper, so each script is its own
            # transaction: a library gets all of a version's tables or none.
            log.info("upgrading library store to version %d", step)
            with self._lock:
                self._db.executescript(
                    f"BEGIN; {_MIGRATIONS[step]} PRAGMA user_version = {step}; COMMIT;"
                )

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All-or-nothing: an exception (or Ctrl+C) inside rolls everything back."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            else:
                self._db.execute("COMMIT")

    @contextlib.contextmanager
    def savepoint(self) -> Iterator[None]:
        """Inside `transaction()`: undo only what this block did if it raises."""
        with self._lock:
            self._db.execute("SAVEPOINT item")
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK TO item")
                self._db.execute("RELEASE item")
                raise
            else:
                self._db.execute("RELEASE item")

    def data_version(self) -> int:
        """Changes whenever another connection (another process) commits to the store."""
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def get_meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    # -- writing -----------------------------------------------------------------------------

    def find_duplicate(self, body: str) -> int | None:
        """The id of an article with the same clean text, if the library has one."""
        row = self._db.execute(
            "SELECT id FROM articles WHERE body_hash = ?", (body_hash(body),)
        ).fetchone()
        return row[0] if row else None

    def add(
        self,
        raw: str,
        cleaned: CleanedArticle,
        *,
        url: str | None = None,
        source: str | None = None,
        lang: str | None = None,
    ) -> int:
        """Store one article and queue it for indexing; call inside `transaction()` for batches.
        Its language is detected unless `lang` is given.

        Raises `ValueError` for a duplicate (check `find_duplicate` first).
        """
        now = _now()
        if lang is None:
            lang = detect_language(f"{cleaned.title or ''}\n{cleaned.body}")
        with self._lock:
            cur = self._db.execute(
                "INSERT INTO articles(title, outlet, published, author, url, source, raw, body,"
                " body_hash, added_at, modified_at, lang) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    cleaned.title,
                    cleaned.outlet,
                    cleaned.published.iso() if cleaned.published else None,
                    cleaned.author,
                    url,
                    source,
                    zlib.compress(raw.encode("utf-8"), 6),
                    cleaned.body,
                    body_hash(cleaned.body),
                    now,
                    now,
                    lang,
                ),
            )
            article_id = int(cur.lastrowid or 0)
            self._db.executemany(
                "INSERT INTO removed(article_id, seq, position, reason, text) VALUES (?,?,?,?,?)",
                [
                    (article_id, seq, r.position, r.reason, r.text)
                    for seq, r in enumerate(cleaned.removed)
                ],
            )
            self._db.execute(
                "INSERT OR REPLACE INTO index_queue(article_id, op) VALUES (?, 'put')",
                (article_id,),
            )
        return article_id

    def update_metadata(self, article_id: int, **fields: object) -> Article:
        """Set title, outlet, published, author or url by hand; the index is queued to follow.

        `published` takes a PubDate, an ISO string (YYYY, YYYY-MM, YYYY-MM-DD) or None.
        """
        unknown = set(fields) - set(EDITABLE)
        if unknown:
            raise UserError(
                f"Cannot edit {', '.join(sorted(unknown))}: editable fields are "
                f"{', '.join(EDITABLE)}."
            )
        values: dict[str, object] = {}
        for name, value in fields.items():
            if name == "published" and isinstance(value, str):
                value = value.strip()
                try:
                    value = PubDate.parse(value) if value else None
                except ValueError as exc:
                    raise UserError(f"{exc}.") from None
            if isinstance(value, PubDate):
                value = value.iso()
            if isinstance(value, str):
                value = value.strip() or None
            values[name] = value
        with self.transaction() as db:
            row = db.execute("SELECT edited FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is None:
                raise NotFound(f"There is no article {article_id} in this library.")
            edited = sorted(set(json.loads(row[0])) | set(values))
            assignments = ", ".join(f"{name} = ?" for name in values)
            db.execute(
                f"UPDATE articles SET {assignments}, edited = ?, modified_at = ? WHERE id = ?",
                (*values.values(), json.dumps(edited), _now(), article_id),
            )
            db.execute(
                "INSERT OR REPLACE INTO index_queue(article_id, op) VALUES (?, 'put')",
                (article_id,),
            )
        return self.get(article_id)

    def delete(self, article_ids: Iterable[int]) -> None:
        with self.transaction() as db:
            for article_id in article_ids:
                db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
                db.execute(
                    "INSERT OR REPLACE INTO index_queue(article_id, op) VALUES (?, 'delete')",
                    (article_id,),
                )

    # -- index queue -------------------------------------------------------------------------

    def pending_index(self, limit: int | None = None) -> list[tuple[int, str]]:
        sql = "SELECT article_id, op FROM index_queue ORDER BY article_id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [(int(a), str(op)) for a, op in self._db.execute(sql)]

    def mark_indexed(self, article_ids: Iterable[int]) -> None:
        with self.transaction() as db:
            db.executemany(
                "DELETE FROM index_queue WHERE article_id = ?", ((i,) for i in article_ids)
            )

    def queue_all_for_index(self) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM index_queue")
            db.execute("INSERT INTO index_queue(article_id, op) SELECT id, 'put' FROM articles")

    # -- reading -----------------------------------------------------------------------------

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def get(self, article_id: int) -> Article:
        row = self._db.execute(
            "SELECT id, title, outlet, published, author, url, source, body, lang FROM articles"
            " WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            raise NotFound(f"There is no article {article_id} in this library.")
        removed = [
            Removed(text=t, reason=r, position=p)
            for p, r, t in self._db.execute(
                "SELECT position, reason, text FROM removed WHERE article_id = ? ORDER BY seq",
                (article_id,),
            )
        ]
        return Article(
            id=row[0],
            title=row[1],
            outlet=row[2],
            published=_pub(row[3]),
            author=row[4],
            url=row[5],
            source=row[6],
            body=row[7],
            removed=removed,
            lang=row[8],
        )

    def raw_text(self, article_id: int) -> str:
        row = self._db.execute("SELECT raw FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFound(f"There is no article {article_id} in this library.")
        return zlib.decompress(row[0]).decode("utf-8")

    def bodies(self, article_ids: Iterable[int]) -> dict[int, str]:
        ids = list(article_ids)
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        return dict(
            self._db.execute(f"SELECT id, body FROM articles WHERE id IN ({marks})", ids)
        )

    def browse(
        self,
        *,
        outlet: str | None = None,
        since: PubDate | None = None,
        until: PubDate | None = None,
    ) -> tuple[list[int], dict[str, int]]:
        """Ids newest first (undated last) and outlet counts, for browsing without a query.

        Dates compare as ISO text, so a month or year counts from its first day. `outlet`
        filters the ids but not the counts (they show what each other outlet would give).
        """
        where, params = [], []
        if since is not None:
            where.append("published >= ?")
            params.append(since.iso())
        if until is not None:
            # "~" sorts after every digit and "-": all of the last month or year is inside.
            where.append("published <= ?")
            params.append(until.iso() + "~")
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        counts = dict(self._db.execute(
            f"SELECT outlet, count(*) FROM articles{clause}{' AND' if where else ' WHERE'}"
            " outlet IS NOT NULL GROUP BY outlet ORDER BY count(*) DESC, outlet", params
        ).fetchall())
        if outlet is not None:
            clause += (" AND" if where else " WHERE") + " outlet = ?"
            params.append(outlet)
        ids = [r[0] for r in self._db.execute(
            f"SELECT id FROM articles{clause} ORDER BY published IS NULL,"
            " published DESC, id DESC", params
        )]
        return ids, counts

    def rows(self, article_ids: Iterable[int] | None = None) -> list[ArticleRow]:
        """Metadata rows, newest first when no ids are given, else in the order given."""
        cols = "SELECT id, title, outlet, published, author FROM articles"
        if article_ids is None:
            found = self._db.execute(cols + " ORDER BY published DESC, id DESC").fetchall()
            return [ArticleRow(r[0], r[1], r[2], _pub(r[3]), r[4]) for r in found]
        ids = list(article_ids)
        by_id: dict[int, ArticleRow] = {}
        for start in range(0, len(ids), 900):  # SQLite's bound-parameter limit
            chunk = ids[start : start + 900]
            marks = ",".join("?" * len(chunk))
            for r in self._db.execute(cols + f" WHERE id IN ({marks})", chunk):
                by_id[r[0]] = ArticleRow(r[0], r[1], r[2], _pub(r[3]), r[4])
        return [by_id[i] for i in ids if i in by_id]

    def iter_for_index(
        self, article_ids: Iterable[int] | None = None, batch: int = 500
    ) -> Iterator[tuple[int, str | None, str | None, str | None, str, str | None, str | None]]:
        """(id, title, outlet, published, body, entity names joined by US, language) for the
        indexer."""
        yield from article_rows(self._db, INDEX_SELECT, article_ids, batch)

    def language(self, article_id: int) -> str | None:
        row = self._db.execute("SELECT lang FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def fill_languages(self, batch: int = 500) -> int:
        """Detect the language of the articles stored before languages were (NULL); returns
        how many were filled. Their index entries are queued to follow. Done once per library:
        later articles get their language when they are added, and a scan of a large library
        on every start would cost seconds."""
        if self.get_meta("languages_filled") == "1":
            return 0
        filled = 0
        while True:
            found = self._db.execute(
                "SELECT id, title, body FROM articles WHERE lang IS NULL LIMIT ?", (batch,)
            ).fetchall()
            if not found:
                self.set_meta("languages_filled", "1")
                return filled
            with self.transaction() as db:
                for article_id, title, body in found:
                    lang = detect_language(f"{title or ''}\n{body}")
                    db.execute("UPDATE articles SET lang = ? WHERE id = ?", (lang, article_id))
                    db.execute(
                        "INSERT OR REPLACE INTO index_queue(article_id, op) VALUES (?, 'put')",
                        (article_id,),
                    )
            filled += len(found)

    def outlets(self) -> list[tuple[str, int]]:
        """Every outlet with its number of articles, most articles first."""
        return [
            (o, n)
            for o, n in self._db.execute(
                "SELECT outlet, count(*) FROM articles WHERE outlet IS NOT NULL"
                " GROUP BY outlet ORDER BY count(*) DESC, outlet"
            )
        ]

    def edited_fields(self, article_id: int) -> list[str]:
        row = self._db.execute("SELECT edited FROM articles WHERE id = ?", (article_id,)).fetchone()
        return json.loads(row[0]) if row else []
