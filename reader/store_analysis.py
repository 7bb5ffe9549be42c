"""The store's analysis tables: entity mentions, dated expressions, and the library's entities.

Part of the article store (mixed into `ArticleStore`, same connection and lock). The user's
corrections (rename, relabel, merge, delete) live in the entity rows and aliases, apart from
the model's mentions, so re-analysing an article never undoes them.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable

from reader.errors import NotFound, UserError
from reader.models import (
    LABELS,
    EntitySummary,
    MentionRecord,
    StoredMention,
    TimexRecord,
)


class AnalysisTables:
    """Mixin for ArticleStore: everything about analysis results."""

    _db: sqlite3.Connection
    _lock: threading.RLock

    def transaction(self):  # provided by ArticleStore
        raise NotImplementedError

    # -- writing analysis results --------------------------------------------------------------

    def unanalysed(self, version: int, limit: int | None = None) -> list[int]:
        sql = (
            "SELECT a.id FROM articles a LEFT JOIN analysed d ON d.article_id = a.id"
            " WHERE d.version IS NULL OR d.version < ? ORDER BY a.id"
        )
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [r[0] for r in self._db.execute(sql, (version,))]

    def unanalysed_count(self, version: int) -> int:
        """len(unanalysed(version)), counted by SQLite (no list of 58k ids for the window)."""
        return int(self._db.execute(
            "SELECT count(*) FROM articles a LEFT JOIN analysed d ON d.article_id = a.id"
            " WHERE d.version IS NULL OR d.version < ?", (version,)).fetchone()[0])

    def analysed_count(self, version: int) -> int:
        return int(
            self._db.execute(
                "SELECT count(*) FROM analysed WHERE version >= ?", (version,)
            ).fetchone()[0]
        )

    def entity_keys(self) -> list[tuple[str, str, str]]:
        """(key, name, label) of every entity, to seed the library-wide resolver."""
        return list(self._db.execute("SELECT key, name, label FROM entities ORDER BY id"))

    def entity_names_version(self) -> tuple[int, int]:
        """Changes whenever entities are added or removed (the names' cache key)."""
        row = self._db.execute("SELECT count(*), coalesce(max(id), 0) FROM entities").fetchone()
        return int(row[0]), int(row[1])

    def all_entity_names(self) -> list[str]:
        """The names of the entities shown to the user (for "did you mean")."""
        return [r[0] for r in self._db.execute("SELECT name FROM entities WHERE hidden = 0")]

    def edited_entity_keys(self) -> list[str]:
        """Keys of entities the user renamed or relabelled: their names are the user's."""
        return [r[0] for r in self._db.execute("SELECT key FROM entities WHERE edited = 1")]

    def save_analysis(
        self,
        article_id: int,
        version: int,
        mentions: Iterable[MentionRecord],
        timexes: Iterable[TimexRecord],
    ) -> None:
        """Replace an article's mentions and dates; call inside `transaction()` for batches."""
        with self._lock:
            db = self._db
            if db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
                return  # deleted while it was being analysed
            db.execute("DELETE FROM mentions WHERE article_id = ?", (article_id,))
            db.execute("DELETE FROM timexes WHERE article_id = ?", (article_id,))
            rows = []
            for m in mentions:
                rows.append((article_id, m.start, m.end, m.text, self._entity_for(m)))
            db.executemany(
                "INSERT OR REPLACE INTO mentions(article_id, start, end, text, entity_id)"
                " VALUES (?,?,?,?,?)",
                rows,
            )
            db.executemany(
                "INSERT OR REPLACE INTO timexes(article_id, start, end, text, type, value,"
                " resolved, sent_start, sent_end) VALUES (?,?,?,?,?,?,?,?,?)",
                [
                    (article_id, t.start, t.end, t.text, t.type, t.value, int(t.resolved),
                     t.sent_start, t.sent_end)
                    for t in timexes
                ],
            )
            db.execute(
                "INSERT OR REPLACE INTO analysed(article_id, version) VALUES (?, ?)",
                (article_id, version),
            )
            db.execute(
                "INSERT OR REPLACE INTO index_queue(article_id, op) VALUES (?, 'put')",
                (article_id,),
            )

    def _entity_for(self, m: MentionRecord) -> int:
        db = self._db
        row = db.execute("SELECT entity_id FROM entity_aliases WHERE key = ?", (m.key,)).fetchone()
        if row:
            return int(row[0])
        row = db.execute("SELECT id, name, edited FROM entities WHERE key = ?", (m.key,)).fetchone()
        if row is None:
            cur = db.execute(
                "INSERT INTO entities(key, name, label) VALUES (?,?,?)", (m.key, m.name, m.label)
            )
            return int(cur.lastrowid or 0)
        entity_id, name, edited = row
        if not edited and name != m.name:
            # The resolver moves the canonical name to the fullest form seen ("Dmitry Peskov").
            db.execute("UPDATE entities SET name = ? WHERE id = ?", (m.name, entity_id))
        return int(entity_id)

    # -- reading -------------------------------------------------------------------------------

    def article_mentions(self, article_id: int) -> list[StoredMention]:
        return [
            StoredMention(*row)
            for row in self._db.execute(
                "SELECT m.start, m.end, m.text, e.id, e.name, e.label FROM mentions m"
                " JOIN entities e ON e.id = m.entity_id"
                " WHERE m.article_id = ? AND e.hidden = 0 ORDER BY m.start",
                (article_id,),
            )
        ]

    def article_timexes(self, article_id: int) -> list[TimexRecord]:
        return [
            TimexRecord(s, e, text, typ, value, bool(res), ss, se)
            for s, e, text, typ, value, res, ss, se in self._db.execute(
                "SELECT start, end, text, type, value, resolved, sent_start, sent_end"
                " FROM timexes WHERE article_id = ? ORDER BY start",
                (article_id,),
            )
        ]

    def is_analysed(self, article_id: int, version: int) -> bool:
        row = self._db.execute(
            "SELECT version FROM analysed WHERE article_id = ?", (article_id,)
        ).fetchone()
        return bool(row) and row[0] >= version

    def entity_summaries(
        self,
        *,
        label: str | None = None,
        article_ids: Iterable[int] | None = None,
        limit: int | None = 200,
    ) -> list[EntitySummary]:
        """Entities with mention, article and outlet counts, most articles first.

        With `article_ids`, counts are over those articles only (one article's panel).
        """
        where, params = ["e.hidden = 0"], []
        if label:
            where.append("e.label = ?")
            params.append(label)
        if article_ids is not None:
            ids = list(article_ids)
            where.append(f"m.article_id IN ({','.join('?' * len(ids)) or 'NULL'})")
            params.extend(ids)
        sql = (
            "SELECT e.id, e.name, e.label, count(*), count(DISTINCT m.article_id),"
            " count(DISTINCT a.outlet) FROM mentions m"
            " JOIN entities e ON e.id = m.entity_id JOIN articles a ON a.id = m.article_id"
            f" WHERE {' AND '.join(where)} GROUP BY e.id"
            " ORDER BY count(DISTINCT m.article_id) DESC, count(*) DESC, e.name"
        )
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [EntitySummary(*row) for row in self._db.execute(sql, params)]

    def entity(self, entity_id: int) -> EntitySummary:
        row = self._db.execute(
            "SELECT e.id, e.name, e.label, count(m.start), count(DISTINCT m.article_id),"
            " count(DISTINCT a.outlet) FROM entities e"
            " LEFT JOIN mentions m ON m.entity_id = e.id"
            " LEFT JOIN articles a ON a.id = m.article_id WHERE e.id = ? GROUP BY e.id",
            (entity_id,),
        ).fetchone()
        if row is None:
            raise NotFound(f"There is no entity {entity_id} in this library.")
        return EntitySummary(*row)

    def find_entities(self, name: str) -> list[EntitySummary]:
        """Entities whose canonical name is `name`, ignoring case."""
        ids = [
            r[0]
            for r in self._db.execute(
                "SELECT id FROM entities WHERE name = ? COLLATE NOCASE AND hidden = 0", (name,)
            )
        ]
        return [self.entity(i) for i in ids]

    def articles_naming(self, entity_id: int) -> list[int]:
        return [
            r[0]
            for r in self._db.execute(
                "SELECT DISTINCT m.article_id FROM mentions m JOIN articles a"
                " ON a.id = m.article_id WHERE m.entity_id = ?"
                " ORDER BY a.published DESC, a.id DESC",
                (entity_id,),
            )
        ]

    def entity_names(self, article_id: int) -> list[str]:
        return [
            r[0]
            for r in self._db.execute(
                "SELECT DISTINCT e.name FROM mentions m JOIN entities e ON e.id = m.entity_id"
                " WHERE m.article_id = ? AND e.hidden = 0",
                (article_id,),
            )
        ]

    # -- the user's corrections ------------------------------------------------------------

    def rename_entity(self, entity_id: int, name: str) -> None:
        name = " ".join(name.split())
        if not name:
            raise UserError("An entity needs a name.")
        self._edit_entity(entity_id, "UPDATE entities SET name = ?, edited = 1 WHERE id = ?",
                          (name, entity_id))

    def relabel_entity(self, entity_id: int, label: str) -> None:
        if label not in LABELS:
            raise UserError(f"Unknown entity type {label!r}; use one of {', '.join(LABELS)}.")
        self._edit_entity(entity_id, "UPDATE entities SET label = ?, edited = 1 WHERE id = ?",
                          (label, entity_id))

    def delete_entity(self, entity_id: int) -> None:
        """Hide an entity: its mentions stay recorded but are shown and indexed no more."""
        self._edit_entity(entity_id, "UPDATE entities SET hidden = 1 WHERE id = ?", (entity_id,))

    def merge_entities(self, source_ids: Iterable[int], target_id: int) -> None:
        """Fold entities into `target_id`; their names resolve to it from now on."""
        sources = [i for i in source_ids if i != target_id]
        self.entity(target_id)
        with self.transaction() as db:
            for source in sources:
                row = db.execute("SELECT key FROM entities WHERE id = ?", (source,)).fetchone()
                if row is None:
                    raise NotFound(f"There is no entity {source} in this library.")
                self._queue_articles_of(source)
                db.execute(
                    "INSERT OR REPLACE INTO entity_aliases(key, entity_id) VALUES (?, ?)",
                    (row[0], target_id),
                )
                db.execute(
                    "UPDATE entity_aliases SET entity_id = ? WHERE entity_id = ?",
                    (target_id, source),
                )
                db.execute(
                    "UPDATE mentions SET entity_id = ? WHERE entity_id = ?", (target_id, source)
                )
                db.execute("DELETE FROM entities WHERE id = ?", (source,))

    def _edit_entity(self, entity_id: int, sql: str, params: tuple) -> None:
        with self.transaction() as db:
            if db.execute(sql, params).rowcount == 0:
                raise NotFound(f"There is no entity {entity_id} in this library.")
            self._queue_articles_of(entity_id)

    def _queue_articles_of(self, entity_id: int) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO index_queue(article_id, op)"
            " SELECT DISTINCT article_id, 'put' FROM mentions WHERE entity_id = ?",
            (entity_id,),
        )
