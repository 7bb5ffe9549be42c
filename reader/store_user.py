"""The store's tables of the user's own work: tags, collections, saved searches and stars.

Part of the article store (mixed into `ArticleStore`, same connection and lock). This is the
truth of what the user did; the search index never holds it (`tag:`, `collection:` and `is:`
are answered from here at search time, see reader.user_fields), so tagging or starring an
article never rewrites the index. Read marks are older (store_web.read_marks) and shared.

Tag and collection names are kept as the user typed them and matched without regard to case.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterable

from reader.errors import NotFound, UserError
from reader.models import CollectionCopy, CollectionRow

# Version 7 of the store (see store._MIGRATIONS).
SCHEMA_USER = """
CREATE TABLE IF NOT EXISTS tags (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);
CREATE TABLE IF NOT EXISTS article_tags (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX IF NOT EXISTS article_tags_tag ON article_tags(tag_id);
-- A collection is a named set of articles; with a query it is a saved search instead (its
-- articles are whatever the query finds now).
CREATE TABLE IF NOT EXISTS collections (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    query      TEXT,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS collection_articles (
    collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    added_at      TEXT NOT NULL,
    PRIMARY KEY (collection_id, article_id)
);
CREATE INDEX IF NOT EXISTS collection_articles_article ON collection_articles(article_id);
CREATE TABLE IF NOT EXISTS stars (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    starred_at TEXT NOT NULL
);
"""

MAX_NAME = 100


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


def clean_name(name: str, kind: str) -> str:
    """A tag or collection name as kept: one line, spaces folded, not empty, not too long."""
    name = " ".join(str(name).split())
    if not name:
        raise UserError(f"A {kind} needs a name.")
    if len(name) > MAX_NAME:
        raise UserError(f"A {kind} name is at most {MAX_NAME} characters.")
    if '"' in name:
        raise UserError(f"A {kind} name cannot contain a double quote (\").")
    return name


def _chunks(ids: list[int], size: int = 900) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


class UserTables:
    """Mixin for ArticleStore: tags, collections, saved searches and stars."""

    _db: sqlite3.Connection
    _lock: threading.RLock
    _tag_cache: tuple[tuple[int, int], dict[str, set[int]]] | None = None

    def transaction(self):  # provided by ArticleStore
        raise NotImplementedError

    def data_version(self) -> int:  # provided by ArticleStore
        raise NotImplementedError

    def existing_ids(self, article_ids: Iterable[int]) -> list[int]:
        """The ids that name articles of the library; NotFound for the first that does not."""
        ids = sorted({int(i) for i in article_ids})
        found: set[int] = set()
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self._db.execute(
                f"SELECT id FROM articles WHERE id IN ({marks})", chunk))
        missing = [i for i in ids if i not in found]
        if missing:
            raise NotFound(f"There is no article {missing[0]} in this library.")
        return ids

    # -- tags ----------------------------------------------------------------------------------

    def tag(self, article_ids: Iterable[int], name: str) -> int:
        """Give these articles the tag (made if new); returns how many did not have it."""
        name = clean_name(name, "tag")
        ids = self.existing_ids(article_ids)
        with self.transaction() as db:
            db.execute("INSERT OR IGNORE INTO tags(name) VALUES (?)", (name,))
            tag_id = db.execute("SELECT id FROM tags WHERE name = ?", (name,)).fetchone()[0]
            before = db.total_changes
            db.executemany(
                "INSERT OR IGNORE INTO article_tags(article_id, tag_id) VALUES (?, ?)",
                ((i, tag_id) for i in ids),
            )
            return db.total_changes - before

    def untag(self, article_ids: Iterable[int], name: str) -> int:
        """Take the tag off these articles; returns how many had it."""
        row = self._db.execute("SELECT id FROM tags WHERE name = ?", (name.strip(),)).fetchone()
        if row is None:
            return 0
        ids = sorted({int(i) for i in article_ids})
        with self.transaction() as db:
            before = db.total_changes
            db.executemany(
                "DELETE FROM article_tags WHERE article_id = ? AND tag_id = ?",
                ((i, row[0]) for i in ids),
            )
            return db.total_changes - before

    def tags(self) -> list[tuple[str, int]]:
        """Every tag in use with its number of articles, by name."""
        return [(n, c) for n, c in self._db.execute(
            "SELECT t.name, count(*) FROM tags t JOIN article_tags a ON a.tag_id = t.id"
            " GROUP BY t.id ORDER BY t.name COLLATE NOCASE"
        )]

    def tag_name(self, name: str) -> str | None:
        """The tag as the library spells it, or None when no article has it (a tag taken off
        every article is gone for the user, though its row stays for an undo of a deletion)."""
        row = self._db.execute(
            "SELECT name FROM tags t WHERE name = ? AND EXISTS"
            " (SELECT 1 FROM article_tags a WHERE a.tag_id = t.id)", (name.strip(),)
        ).fetchone()
        return row[0] if row else None

    def tagged(self, name: str) -> set[int]:
        return {r[0] for r in self._db.execute(
            "SELECT a.article_id FROM article_tags a JOIN tags t ON t.id = a.tag_id"
            " WHERE t.name = ?", (name.strip(),)
        )}

    def tags_of(self, article_ids: Iterable[int]) -> dict[int, list[str]]:
        """Article id -> its tags by name (articles without tags are left out)."""
        out: dict[int, list[str]] = {}
        for chunk in _chunks(sorted(set(article_ids))):
            marks = ",".join("?" * len(chunk))
            for article_id, name in self._db.execute(
                "SELECT a.article_id, t.name FROM article_tags a JOIN tags t ON t.id = a.tag_id"
                f" WHERE a.article_id IN ({marks}) ORDER BY t.name COLLATE NOCASE", chunk
            ):
                out.setdefault(article_id, []).append(name)
        return out

    def tag_counts(self, article_ids: Iterable[int] | None = None) -> Counter[str]:
        """How many of these articles (all when None) carry each tag, for the tag facet."""
        sets = self._tag_sets()
        if article_ids is None:
            return Counter({name: len(ids) for name, ids in sets.items()})
        wanted = article_ids if isinstance(article_ids, (set, frozenset)) else set(article_ids)
        counts = Counter({name: len(ids & wanted) for name, ids in sets.items()})
        return +counts  # without the tags none of them has

    def _tag_sets(self) -> dict[str, set[int]]:
        """Tag name -> its articles, read again only when the store changed (a change made
        here moves `total_changes`, one made by another process `data_version`): the facet
        is counted on every search."""
        key = (self.data_version(), self._db.total_changes)
        cached = self._tag_cache
        if cached is None or cached[0] != key:
            sets: dict[str, set[int]] = {}
            for article_id, name in self._db.execute(
                "SELECT a.article_id, t.name FROM article_tags a JOIN tags t ON t.id = a.tag_id"
            ):
                sets.setdefault(name, set()).add(article_id)
            cached = (key, sets)
            self._tag_cache = cached
        return cached[1]

    # -- stars ---------------------------------------------------------------------------------

    def star(self, article_ids: Iterable[int], starred: bool = True) -> None:
        ids = self.existing_ids(article_ids) if starred else sorted(set(article_ids))
        with self.transaction() as db:
            if starred:
                now = _now()
                db.executemany(
                    "INSERT OR IGNORE INTO stars(article_id, starred_at) VALUES (?, ?)",
                    ((i, now) for i in ids),
                )
            else:
                db.executemany("DELETE FROM stars WHERE article_id = ?", ((i,) for i in ids))

    def starred(self) -> set[int]:
        return {r[0] for r in self._db.execute("SELECT article_id FROM stars")}

    def read_ids(self) -> set[int]:
        return {r[0] for r in self._db.execute("SELECT article_id FROM read_marks")}

    def marks_of(self, article_ids: Iterable[int]) -> dict[int, tuple[bool, bool]]:
        """Article id -> (read, starred), for a page of results."""
        ids = sorted(set(article_ids))
        out = {i: (False, False) for i in ids}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            for i, read, star in self._db.execute(
                "SELECT a.id, r.article_id IS NOT NULL, s.article_id IS NOT NULL FROM articles a"
                " LEFT JOIN read_marks r ON r.article_id = a.id"
                " LEFT JOIN stars s ON s.article_id = a.id"
                f" WHERE a.id IN ({marks})", chunk
            ):
                out[i] = (bool(read), bool(star))
        return out

    def starred_count(self) -> int:
        return int(self._db.execute(
            "SELECT count(*) FROM stars s JOIN articles a ON a.id = s.article_id").fetchone()[0])

    def unread_count(self) -> int:
        return int(self._db.execute(
            "SELECT count(*) FROM articles a LEFT JOIN read_marks r ON r.article_id = a.id"
            " WHERE r.article_id IS NULL"
        ).fetchone()[0])

    # -- collections and saved searches ----------------------------------------------------------

    def collections(self) -> list[CollectionRow]:
        """Every collection and saved search, by name (saved searches have no count)."""
        return [CollectionRow(*r) for r in self._db.execute(
            "SELECT c.id, c.name, c.query, (SELECT count(*) FROM collection_articles m"
            " JOIN articles a ON a.id = m.article_id WHERE m.collection_id = c.id)"
            " FROM collections c ORDER BY c.name COLLATE NOCASE"
        )]

    def collection(self, name_or_id: str | int) -> CollectionRow:
        for row in self.collections():
            if row.id == name_or_id or (
                isinstance(name_or_id, str) and row.name.casefold() == name_or_id.strip().casefold()
            ):
                return row
        raise NotFound(f"There is no collection {name_or_id!r} in this library.")

    def create_collection(self, name: str, query: str | None = None) -> CollectionRow:
        name = clean_name(name, "collection")
        query = query.strip() if query else None
        with self.transaction() as db:
            try:
                cur = db.execute(
                    "INSERT INTO collections(name, query, created_at) VALUES (?, ?, ?)",
                    (name, query, _now()),
                )
            except sqlite3.IntegrityError:
                raise UserError(f"There is already a collection named '{name}'.") from None
            return CollectionRow(int(cur.lastrowid or 0), name, query, 0)

    def rename_collection(self, collection_id: int, name: str) -> None:
        name = clean_name(name, "collection")
        with self.transaction() as db:
            try:
                cur = db.execute(
                    "UPDATE collections SET name = ? WHERE id = ?", (name, collection_id))
            except sqlite3.IntegrityError:
                raise UserError(f"There is already a collection named '{name}'.") from None
            if cur.rowcount == 0:
                raise NotFound(f"There is no collection {collection_id} in this library.")

    def delete_collection(self, collection_id: int) -> CollectionCopy:
        """Delete a collection (its articles stay in the library); the copy undoes it."""
        with self.transaction() as db:
            row = db.execute(
                "SELECT id, name, query, created_at FROM collections WHERE id = ?",
                (collection_id,),
            ).fetchone()
            if row is None:
                raise NotFound(f"There is no collection {collection_id} in this library.")
            members = db.execute(
                "SELECT article_id, added_at FROM collection_articles WHERE collection_id = ?",
                (collection_id,),
            ).fetchall()
            db.execute("DELETE FROM collections WHERE id = ?", (collection_id,))
        return CollectionCopy(row[0], row[1], row[2], row[3], members=members)

    def restore_collection(self, copy: CollectionCopy) -> None:
        with self.transaction() as db:
            try:
                db.execute(
                    "INSERT INTO collections(id, name, query, created_at) VALUES (?, ?, ?, ?)",
                    (copy.id, copy.name, copy.query, copy.created_at),
                )
            except sqlite3.IntegrityError:
                raise UserError(
                    f"Cannot undo: there is a collection named '{copy.name}' again."
                ) from None
            db.executemany(
                "INSERT OR IGNORE INTO collection_articles(collection_id, article_id, added_at)"
                " SELECT ?, id, ? FROM articles WHERE id = ?",
                ((copy.id, added, i) for i, added in copy.members),
            )

    def add_to_collection(self, collection_id: int, article_ids: Iterable[int]) -> int:
        """Put articles in a collection; returns how many were not in it yet."""
        row = self.collection(collection_id)
        if row.query is not None:
            raise UserError(
                f"'{row.name}' is a saved search: its articles are what it finds, and cannot "
                "be added by hand."
            )
        ids = self.existing_ids(article_ids)
        with self.transaction() as db:
            before = db.total_changes
            now = _now()
            db.executemany(
                "INSERT OR IGNORE INTO collection_articles(collection_id, article_id, added_at)"
                " VALUES (?, ?, ?)", ((collection_id, i, now) for i in ids),
            )
            return db.total_changes - before

    def remove_from_collection(self, collection_id: int, article_ids: Iterable[int]) -> int:
        self.collection(collection_id)
        with self.transaction() as db:
            before = db.total_changes
            db.executemany(
                "DELETE FROM collection_articles WHERE collection_id = ? AND article_id = ?",
                ((collection_id, int(i)) for i in set(article_ids)),
            )
            return db.total_changes - before

    def collection_members(self, collection_id: int) -> set[int]:
        return {r[0] for r in self._db.execute(
            "SELECT article_id FROM collection_articles WHERE collection_id = ?",
            (collection_id,),
        )}
