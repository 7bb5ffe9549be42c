"""Keeping a library's stories: placing new articles, rebuilding, the user's corrections.

`StoryKeeper` belongs to one `Library` (which the GUI and CLI call). It keeps the grouping in
memory once loaded, so each new article is placed in milliseconds; the store keeps the result
and each article's profile. When `reader.stories.METHOD_VERSION` changes, the next update
regroups everything (the user's pins first, so corrections survive).
"""

from __future__ import annotations

import datetime as _dt
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from reader import stories
from reader.errors import UserError
from reader.models import PubDate

if TYPE_CHECKING:
    from reader.store import ArticleStore

log = logging.getLogger(__name__)

VERSION_KEY = "stories_version"

Progress = Callable[[int, int], None]


def _day(published: PubDate | None) -> _dt.date | None:
    """The publication day, when known to the day (a year alone places nothing in time)."""
    return published.first_day() if published and published.day is not None else None


class StoryKeeper:
    def __init__(self, store: ArticleStore) -> None:
        self.store = store
        self._grouper: stories.Grouper | None = None
        self._ids: list[int] = []  # grouper story number -> story id

    def invalidate(self) -> None:
        self._grouper = None

    def update(self, progress: Progress | None = None) -> int:
        """Place every article not yet in a story (regroup all when the method changed);
        returns how many articles were placed."""
        if self.store.get_meta(VERSION_KEY) != str(stories.METHOD_VERSION):
            return self.rebuild(progress)
        pending = self.store.unplaced_articles()
        if not pending:
            return 0
        grouper = self._loaded()
        placed = []
        texts = self.store.story_texts(pending)
        with self.store.transaction() as db:
            for done, (article_id, title, published, body) in enumerate(texts, 1):
                p = stories.profile(title, body, _day(published))
                number = grouper.place(article_id, p)
                if number == len(self._ids):  # a new story
                    self._ids.append(self.store.new_story(db))
                placed.append((article_id, self._ids[number], stories.dump(p)))
                if progress:
                    progress(done, len(pending))
        self.store.place_articles(placed)
        return len(placed)

    def rebuild(self, progress: Progress | None = None) -> int:
        """Regroup every article: the user's pinned stories first, then the rest."""
        total = self.store.count()
        profiles = []
        for done, (article_id, title, published, body) in enumerate(
            self.store.story_texts(None), 1
        ):
            profiles.append((article_id, stories.profile(title, body, _day(published))))
            if progress and done % 200 == 0:
                progress(done, total)
        grouper = stories.build(profiles, self.store.story_pins())
        by_id = dict(profiles)
        self.store.replace_stories([
            (s.pinned, [(a, stories.dump(by_id[a])) for a in s.members])
            for s in grouper.stories if s.members
        ])
        self.store.set_meta(VERSION_KEY, str(stories.METHOD_VERSION))
        self._grouper = None
        if progress:
            progress(total, total)
        return len(profiles)

    def _loaded(self) -> stories.Grouper:
        """The grouping in memory, read from the stored profiles the first time."""
        if self._grouper is not None:
            return self._grouper
        grouper = stories.Grouper()
        ids: list[int] = []
        number = -1
        pins = self.store.story_pins()
        for story_id, article_id, text in self.store.story_profiles():
            if not ids or ids[-1] != story_id:
                number = grouper.new_story(pinned=article_id in pins)
                ids.append(story_id)
            grouper.add(number, article_id, stories.load(text))
        self._grouper, self._ids = grouper, ids
        return grouper

    # -- the user's corrections ----------------------------------------------------------------

    def move(self, article_ids: list[int], story_id: int) -> int:
        """Put articles into a story; the story (with them) is kept as the user left it."""
        members = self.store.story_articles(story_id)
        moved = [a for a in article_ids if a not in members]
        self._check_placed(moved)
        new_id = self.store.pin_stories([members + moved])[0]
        self._grouper = None
        return new_id

    def split(self, story_id: int, article_ids: list[int]) -> tuple[int, int]:
        """Take articles out of a story into a story of their own; both are kept as split.
        Returns (the rest's story id, the split-off story id)."""
        members = self.store.story_articles(story_id)
        taken = [a for a in members if a in set(article_ids)]
        rest = [a for a in members if a not in set(article_ids)]
        if not taken or not rest:
            raise UserError("Choose some, not all, of the story's articles to split off.")
        kept, split_off = self.store.pin_stories([rest, taken])
        self._grouper = None
        return kept, split_off

    def merge(self, story_ids: list[int]) -> int:
        """One story of several; kept as merged. Returns its id."""
        if len(set(story_ids)) < 2:
            raise UserError("Choose two or more stories to merge.")
        members = [a for s in dict.fromkeys(story_ids) for a in self.store.story_articles(s)]
        new_id = self.store.pin_stories([members])[0]
        self._grouper = None
        return new_id

    def _check_placed(self, article_ids: list[int]) -> None:
        unplaced = [a for a in article_ids if self.store.story_of(a) is None]
        if unplaced:
            raise UserError(
                f"Article {unplaced[0]} is in no story yet: update the stories first."
            )
