"""The store's story tables: which story each article is in, and the user's corrections.

Part of the article store (mixed into `ArticleStore`, same connection and lock). Each placed
article keeps its grouping profile beside its story, so a new article is placed without
reading every text again. The user's corrections (move, split, merge) are pins: articles with
the same pin stay together through every rebuild, apart from the method's output, like
entity corrections.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator

from reader.errors import NotFound
from reader.models import PubDate
from reader.store_rows import article_rows

# Version 5 of the store (see store.py).
SCHEMA_STORIES = """
CREATE TABLE IF NOT EXISTS stories (
    id     INTEGER PRIMARY KEY,
    pinned INTEGER NOT NULL DEFAULT 0   -- the user moved, split or merged it
);
CREATE TABLE IF NOT EXISTS story_articles (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id   INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    profile    TEXT NOT NULL               -- reader.stories profile as JSON
);
CREATE INDEX IF NOT EXISTS story_articles_story ON story_articles(story_id);
-- The user's corrections: articles with one pin belong together, whatever the method says.
CREATE TABLE IF NOT EXISTS story_pins (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    pin        INTEGER NOT NULL
);
"""


class StoryTables:
    """Mixin for ArticleStore: stories and their corrections."""

    _db: sqlite3.Connection
    _lock: threading.RLock

    def transaction(self):  # provided by ArticleStore
        raise NotImplementedError

    # -- reading -------------------------------------------------------------------------------

    def unplaced_articles(self) -> list[int]:
        """Ids of articles in no story yet, oldest first."""
        return [
            r[0] for r in self._db.execute(
                "SELECT a.id FROM articles a LEFT JOIN story_articles s ON s.article_id = a.id"
                " WHERE s.article_id IS NULL ORDER BY a.id"
            )
        ]

    def story_texts(
        self, article_ids: Iterable[int] | None, batch: int = 500,
    ) -> Iterator[tuple[int, str | None, PubDate | None, str]]:
        """(id, title, publication date, clean text) of these articles (all when None)."""
        select = "SELECT id, title, published, body FROM articles"
        for i, title, published, body in article_rows(self._db, select, article_ids, batch):
            yield i, title, PubDate.parse(published) if published else None, body

    def story_profiles(self) -> Iterator[tuple[int, int, str]]:
        """(story id, article id, profile JSON) of every placed article, by story."""
        yield from self._db.execute(
            "SELECT story_id, article_id, profile FROM story_articles ORDER BY story_id, rowid"
        )

    def story_members(self) -> dict[int, list[int]]:
        """Story id -> its article ids, for every story with an article."""
        out: dict[int, list[int]] = {}
        for story_id, article_id in self._db.execute(
            "SELECT story_id, article_id FROM story_articles ORDER BY story_id, article_id"
        ):
            out.setdefault(story_id, []).append(article_id)
        return out

    def story_articles(self, story_id: int) -> list[int]:
        found = [
            r[0] for r in self._db.execute(
                "SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY article_id",
                (story_id,),
            )
        ]
        if not found:
            raise NotFound(f"There is no story {story_id} in this library.")
        return found

    def story_of(self, article_id: int) -> int | None:
        row = self._db.execute(
            "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
        ).fetchone()
        return row[0] if row else None

    def story_pins(self) -> dict[int, int]:
        return dict(self._db.execute("SELECT article_id, pin FROM story_pins"))

    # -- writing -------------------------------------------------------------------------------

    def new_story(self, db: sqlite3.Connection, *, pinned: bool = False) -> int:
        """A new story row (inside the caller's transaction); returns its id."""
        cur = db.execute("INSERT INTO stories(pinned) VALUES (?)", (int(pinned),))
        return int(cur.lastrowid or 0)

    def place_articles(self, placed: Iterable[tuple[int, int, str]]) -> None:
        """Write (article id, story id, profile JSON) rows."""
        with self.transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO story_articles(article_id, story_id, profile)"
                " VALUES (?, ?, ?)",
                [(a, s, p) for a, s, p in placed],
            )

    def replace_stories(self, groups: list[tuple[bool, list[tuple[int, str]]]]) -> None:
        """Forget every story and write these: (pinned, [(article id, profile JSON)])."""
        with self.transaction() as db:
            db.execute("DELETE FROM story_articles")
            db.execute("DELETE FROM stories")
            for pinned, members in groups:
                story_id = self.new_story(db, pinned=pinned)
                db.executemany(
                    "INSERT INTO story_articles(article_id, story_id, profile) VALUES (?, ?, ?)",
                    [(a, story_id, p) for a, p in members],
                )

    def pin_stories(self, groups: list[list[int]]) -> list[int]:
        """The user's correction: each group of article ids becomes one pinned story (articles
        leave the stories they were in). Returns the new stories' ids."""
        with self.transaction() as db:
            next_pin = db.execute("SELECT coalesce(max(pin), 0) + 1 FROM story_pins").fetchone()[0]
            new_ids = []
            for group in groups:
                story_id = self.new_story(db, pinned=True)
                new_ids.append(story_id)
                for article_id in group:
                    db.execute(
                        "UPDATE story_articles SET story_id = ? WHERE article_id = ?",
                        (story_id, article_id),
                    )
                    db.execute(
                        "INSERT OR REPLACE INTO story_pins(article_id, pin) VALUES (?, ?)",
                        (article_id, next_pin),
                    )
                next_pin += 1
            db.execute(
                "DELETE FROM stories WHERE id NOT IN (SELECT story_id FROM story_articles)"
            )
        return new_ids
