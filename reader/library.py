"""A library: a folder with the article store (the truth) and the search index derived from it.

`Library` is the one object the command line and the GUI talk to: open, import, search, read,
edit, and the analysis results (entities, dates, chronology scopes). Neither reaches past it to
the store or the index. It keeps the index in step with the store, catching up after any
interruption.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.analysis_jobs import ANALYSIS_VERSION
from reader.errors import LibraryError, QuerySyntaxError
from reader.index import IndexDoc, SearchIndex
from reader.models import Article, ArticleRow, EntitySummary, PubDate, StoredMention, TimexRecord
from reader.querylang import ParsedQuery, apply_suggestions
from reader.snippets import HitFinder, Snippet
from reader.store import ArticleStore

if TYPE_CHECKING:
    from reader.chronology import Event
    from reader.chronology_scope import Chronology, ScopeRequest
    from reader.search_pages import Entry, SearchOutcome, SearchRequest
    from reader.stories import StorySummary
    from reader.story_facts import StoryFacts
    from reader.story_upkeep import StoryKeeper

log = logging.getLogger(__name__)

ENV_VAR = "READER_LIBRARY"


def default_location() -> Path:
    """`$READER_LIBRARY`, else the user data folder (e.g. ~/.local/share/Reader/library)."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("Reader", appauthor=False)) / "library"


@dataclass
class Hit:
    id: int
    title: str | None
    outlet: str | None
    published: PubDate | None
    score: float
    snippet: Snippet

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published.iso() if self.published else None,
            "score": round(self.score, 4),
            "snippet": self.snippet.text,
            "highlights": [list(h) for h in self.snippet.highlights],
        }


@dataclass
class SearchResult:
    """One page of results, the total, outlet facets and a spelling suggestion."""

    query: str
    total: int
    hits: list[Hit]
    outlet_counts: dict[str, int]
    suggestion: str | None = None
    ids: list[int] = field(default_factory=list)  # all result ids in order (when asked for)
    finder: HitFinder | None = None

    def to_json(self) -> dict:
        return {
            "total": self.total,
            "hits": [h.to_json() for h in self.hits],
            "facets": {"outlet": dict(self.outlet_counts)},
            "suggestion": self.suggestion,
        }


class Library:
    """An open library folder. Use as a context manager or call `close()`."""

    STORE_FILE = "library.sqlite3"
    INDEX_DIR = "index"

    def __init__(
        self, folder: Path | str | None = None, *, create: bool = True, check_index: bool = True
    ) -> None:
        self.folder = Path(folder) if folder is not None else default_location()
        try:
            if create:
                self.folder.mkdir(parents=True, exist_ok=True)
            elif not (self.folder / self.STORE_FILE).exists():
                raise LibraryError(f"There is no Reader library at {self.folder}.")
        except OSError as exc:
            raise LibraryError(
                f"Cannot create the library folder {self.folder}: {exc.strerror or exc}. "
                "Choose another folder with --library or READER_LIBRARY."
            ) from exc
        self.store = ArticleStore(self.folder / self.STORE_FILE)
        self.index = SearchIndex(self.folder / self.INDEX_DIR)
        library_id = self.store.get_meta("library_id")
        if library_id is None:
            library_id = uuid.uuid4().hex
            self.store.set_meta("library_id", library_id)
        self.library_id = library_id
        self._outlet_lookup: dict[str, str] | None = None
        self._story_keeper: StoryKeeper | None = None
        if not check_index:  # the caller rebuilds the index itself (`reader reindex`)
            return
        if self.index.needs_rebuild(library_id):
            log.info("index missing or outdated: rebuilding from the store")
            self.reindex()
        else:
            self.catch_up_index()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.index.close()
        self.store.close()

    # -- index upkeep ------------------------------------------------------------------------

    def reindex(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Rebuild the whole index from the store; returns the number of articles indexed."""
        self.index.create(self.library_id)
        self.store.queue_all_for_index()
        total = self.store.count()
        docs = (self._index_doc(row) for row in self.store.iter_for_index())
        written = self.index.write(
            docs, bulk=True, progress=(lambda n: progress(n, total)) if progress else None
        )
        self.store.mark_indexed(i for i, _ in self.store.pending_index())
        self._outlet_lookup = None
        return written

    def catch_up_index(self) -> int:
        """Write the index entries the store still has queued (after imports or edits)."""
        pending = self.store.pending_index()
        if not pending:
            return 0
        puts = [i for i, op in pending if op == "put"]
        deletes = [i for i, op in pending if op == "delete"]
        docs = (self._index_doc(row) for row in self.store.iter_for_index(puts))
        written = self.index.write(docs, deletes=deletes)
        self.store.mark_indexed(i for i, _ in pending)
        self._outlet_lookup = None
        return written

    @staticmethod
    def _index_doc(row: tuple) -> IndexDoc:
        article_id, title, outlet, published, body, entities = row
        return IndexDoc(
            article_id,
            title,
            outlet,
            PubDate.parse(published) if published else None,
            body,
            entities.split("\x1f") if entities else [],
        )

    # -- import ------------------------------------------------------------------------------

    def import_paths(self, paths: Iterable[Path | str], **kwargs):
        """Import files and folders; see `reader.importer.import_paths`."""
        from reader.importer import import_paths

        report = import_paths(self, [Path(p) for p in paths], **kwargs)
        self._outlet_lookup = None
        return report

    def import_seeds_if_empty(self) -> bool:
        """First start of the window: an empty library gets the bundled sample articles."""
        if self.store.count() or self.store.get_meta("seeded"):
            return False
        from reader.resources import seeds_dir

        self.import_paths([seeds_dir()])
        self.store.set_meta("seeded", "1")
        return True

    # -- reading -----------------------------------------------------------------------------

    def get(self, article_id: int) -> Article:
        return self.store.get(article_id)

    def rows(self, ids: Iterable[int] | None = None) -> list[ArticleRow]:
        return self.store.rows(ids)

    def update_metadata(self, article_id: int, **fields: object) -> Article:
        article = self.store.update_metadata(article_id, **fields)
        self.catch_up_index()
        return article

    def outlets(self) -> list[tuple[str, int]]:
        return self.store.outlets()

    def count(self) -> int:
        """How many articles the library holds."""
        return self.store.count()

    def bodies(self, article_ids: Iterable[int]) -> dict[int, str]:
        """Clean texts by id (one query), for snippets and titles of a page of results."""
        return self.store.bodies(article_ids)

    def browse(
        self, *, outlet: str | None = None, since: PubDate | None = None,
        until: PubDate | None = None,
    ) -> tuple[list[int], dict[str, int]]:
        """Every article (newest first) within the filters, and the count per outlet."""
        return self.store.browse(outlet=outlet, since=since, until=until)

    # -- search ------------------------------------------------------------------------------

    def parse(self, text: str) -> ParsedQuery:
        return self.index.language.parse(text)

    def search(
        self,
        text: str,
        *,
        limit: int | None = 20,
        outlets: Iterable[str] = (),
        since: PubDate | None = None,
        until: PubDate | None = None,
        sort: str = "relevance",
        snippets: bool = True,
        all_ids: bool = False,
        suggest: bool = True,
    ) -> SearchResult:
        """Search the library. Raises QuerySyntaxError (a UserError) for unreadable queries.

        `outlets` names outlets as the library spells them, matched without regard to case.
        With `all_ids`, every matching id comes back in `ids` (the GUI's lazy list uses it;
        with `limit=0` too, nothing else is read).
        `suggest=False` skips "did you mean" (it costs more than the search; see `suggest`).
        """
        if sort not in ("relevance", "date"):
            raise QuerySyntaxError("Sort by 'relevance' or 'date'.")
        outlet_names = self._resolve_outlets(outlets)
        parsed = self.parse(text)
        hits = self.index.search(
            parsed,
            limit=None if all_ids else limit,
            outlets=outlet_names,
            since=since,
            until=until,
            sort=sort,
        )
        finder = HitFinder(hits.terms)
        page_ids = hits.ids[:limit] if limit is not None else hits.ids
        rows = {r.id: r for r in self.store.rows(page_ids)}
        bodies = self.store.bodies(page_ids) if snippets else {}
        page = []
        for article_id, score in zip(page_ids, hits.scores, strict=False):
            row = rows.get(article_id)
            if row is None:  # deleted since the index was written; the queue will catch up
                continue
            snippet = finder.snippet(bodies[article_id]) if snippets else Snippet("", ())
            page.append(Hit(article_id, row.title, row.outlet, row.published, score, snippet))
        suggestion = self._suggest(parsed) if suggest and hits.total == 0 else None
        return SearchResult(
            query=parsed.text,
            total=hits.total,
            hits=page,
            outlet_counts=dict(hits.outlet_counts.most_common()),
            suggestion=suggestion,
            ids=hits.ids if all_ids else [],
            finder=finder,
        )

    def search_page(self, request: SearchRequest) -> SearchOutcome:
        """The window's search: every matching id, the facets and a described first page."""
        from reader.search_pages import run_search

        return run_search(self, request)

    def result_entries(
        self, ids: list[int], finder: HitFinder | None,
        known_rows: dict[int, ArticleRow] | None = None,
    ) -> dict[int, Entry]:
        """Rows, snippets and stand-in titles for more of the window's results (as they scroll
        into view); `known_rows` saves reading rows again."""
        from reader.search_pages import describe

        return describe(self, ids, finder, known_rows)

    def similar_articles(
        self, article_id: int, *, other_outlets: bool = True, limit: int = 10
    ) -> list[tuple[int, float]]:
        """(id, score) of the articles most like this one, from other outlets by default.

        "Compare with..." offers these, so finding the other side of a story takes one click.
        """
        article = self.store.get(article_id)
        text = f"{article.title or ''}\n{article.body}"
        found = self.index.more_like(
            text,
            exclude_id=article_id,
            exclude_outlet=article.outlet if other_outlets else None,
            limit=limit * 2,
        )
        if other_outlets and article.outlet is None:
            return found[:limit]
        rows = {r.id: r for r in self.store.rows([i for i, _ in found])}
        keep = [
            (i, score)
            for i, score in found
            if i in rows and (not other_outlets or rows[i].outlet != article.outlet)
        ]
        return keep[:limit]

    def compare_articles(self, a_id: int, b_id: int):
        """Compare two articles of the library, with their entities and the library's wording
        as the background for framing terms; `dates_only_a`/`dates_only_b` are set too."""
        from reader.chronology import calendar_span
        from reader.compare import compare_texts
        from reader.compare.canonical import split_dates

        a, b = self.get(a_id), self.get(b_id)

        def entities(article_id: int) -> list[tuple[int, int, str, str]]:
            mentions = self.article_mentions(article_id)
            return [(m.start, m.end, m.label, m.name) for m in mentions]

        comparison = compare_texts(
            a.body, b.body, background=self.term_stats(),
            entities_a=entities(a_id), entities_b=entities(b_id),
        )
        # Dates compared at day level: "Tuesday" and "Tuesday afternoon" name one day.
        dates = [
            [
                t.value for t in self.article_timexes(article_id)
                if t.type in ("DATE", "TIME") and calendar_span(t.value) is not None
            ]
            for article_id in (a_id, b_id)
        ]
        comparison.dates_only_a, comparison.dates_only_b = split_dates(*dates)
        return comparison

    def term_stats(self):
        """Word statistics to judge framing terms against: this library's own once it is large
        enough to say what is ordinary news wording, else the shipped general word list."""
        if self.index.doc_count() >= 1000:
            return self.index
        from reader.compare import EnglishStats

        return EnglishStats()

    def suggest(self, text: str) -> str | None:
        """"Did you mean": the query with words the library does not have replaced by close
        ones it has, or None (also for a query that cannot be read)."""
        try:
            parsed = self.parse(text)
        except QuerySyntaxError:
            return None
        return self._suggest(parsed)

    def _suggest(self, parsed: ParsedQuery) -> str | None:
        if not parsed.words:
            return None
        fixes = self.index.suggest(parsed.words)
        return apply_suggestions(parsed.text, fixes) if fixes else None

    def reload_index(self) -> None:
        """See what another process (an import running apart from the window) wrote."""
        self.index.close()
        self._outlet_lookup = None

    def _resolve_outlets(self, outlets: Iterable[str]) -> list[str]:
        wanted = [o for o in outlets if o]
        if not wanted:
            return []
        if self._outlet_lookup is None:
            self._outlet_lookup = {name.casefold(): name for name, _ in self.store.outlets()}
        return [self._outlet_lookup.get(o.casefold(), o) for o in wanted]

    # -- analysis results: entities and dates ------------------------------------------------

    def is_analysed(self, article_id: int) -> bool:
        """Whether the article's entities and dates are stored, by the current analysis."""
        return self.store.is_analysed(article_id, ANALYSIS_VERSION)

    def analysed_count(self) -> int:
        return self.store.analysed_count(ANALYSIS_VERSION)

    def unanalysed(self) -> list[int]:
        """Ids of the articles analysis has not reached (or must redo)."""
        return self.store.unanalysed(ANALYSIS_VERSION)

    def pending_analysis(self) -> int:
        """How many articles wait for analysis."""
        return len(self.unanalysed())

    def analyze_pending(self, **kwargs: Any) -> int:
        """Find entities and dates in the articles that wait; see `analysis_jobs.analyze_pending`
        (progress, cancel, n_process). Returns the number of articles analysed."""
        from reader.analysis_jobs import analyze_pending

        return analyze_pending(self, **kwargs)

    def article_mentions(self, article_id: int) -> list[StoredMention]:
        return self.store.article_mentions(article_id)

    def article_timexes(self, article_id: int) -> list[TimexRecord]:
        """The dated expressions of an article, in text order."""
        return self.store.article_timexes(article_id)

    def entity(self, entity_id: int) -> EntitySummary:
        """One entity with its counts; raises NotFound once it was merged or deleted."""
        return self.store.entity(entity_id)

    def entity_summaries(
        self, label: str | None = None, limit: int | None = 200
    ) -> list[EntitySummary]:
        """The library's entities, most articles first (of one type, when `label` is given)."""
        return self.store.entity_summaries(label=label, limit=limit)

    def find_entities(self, name: str) -> list[EntitySummary]:
        return self.store.find_entities(name)

    def articles_naming(self, entity_id: int) -> list[int]:
        return self.store.articles_naming(entity_id)

    # The user's corrections: kept apart from the model's mentions, so re-analysis keeps them.

    def rename_entity(self, entity_id: int, name: str) -> None:
        self.store.rename_entity(entity_id, name)

    def relabel_entity(self, entity_id: int, label: str) -> None:
        self.store.relabel_entity(entity_id, label)

    def merge_entities(self, source_ids: Iterable[int], target_id: int) -> None:
        self.store.merge_entities(source_ids, target_id)

    def delete_entity(self, entity_id: int) -> None:
        self.store.delete_entity(entity_id)

    # -- chronology --------------------------------------------------------------------------

    def events(self, article_ids: Iterable[int]) -> list[Event]:
        """The dated events these articles mention (and their publications), merged."""
        from reader.chronology import events_for

        return events_for(self.store, article_ids)

    def chronology(self, request: ScopeRequest) -> Chronology:
        """The events of one chronology scope, capped to stay quick (see chronology_scope)."""
        from reader.chronology_scope import compute

        return compute(self, request)

    # -- stories: each event the library covers, across outlets ------------------------------

    @property
    def _stories(self) -> StoryKeeper:
        if self._story_keeper is None:
            from reader.story_upkeep import StoryKeeper

            self._story_keeper = StoryKeeper(self.store)
        return self._story_keeper

    def update_stories(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Place the articles that are in no story yet (all of them when the grouping method
        changed); returns how many were placed. See reader/stories.py."""
        return self._stories.update(progress)

    def stories(self, query: str | None = None) -> list[StorySummary]:
        """Stories with two or more articles, newest first (undated last); with `query`, only
        those with an article the query finds. Call `update_stories` first to include new
        articles."""
        from reader.stories import summarise

        members = {s: ids for s, ids in self.store.story_members().items() if len(ids) > 1}
        if query and query.strip():
            found = set(self.search(query, limit=0, all_ids=True, suggest=False).ids)
            members = {s: ids for s, ids in members.items() if found.intersection(ids)}
        rows = {r.id: r for r in self.store.rows([i for ids in members.values() for i in ids])}
        out = [
            summarise(s, [rows[i] for i in ids if i in rows]) for s, ids in members.items()
        ]
        out.sort(key=lambda s: (s.last is not None, s.last.last_day() if s.last else 0, s.id),
                 reverse=True)
        return out

    def story(self, story_id: int) -> StorySummary:
        """One story's summary (raises NotFound for an unknown id)."""
        from reader.stories import summarise

        return summarise(story_id, self.store.rows(self.store.story_articles(story_id)))

    def story_of(self, article_id: int) -> int | None:
        return self.store.story_of(article_id)

    def story_facts(self, story_id: int) -> StoryFacts:
        """The story's facts: sentences of its articles linked by the comparison, joined
        across all of them (see reader/story_facts.py)."""
        from reader.story_facts import facts_for

        return facts_for(self, story_id)

    # The user's corrections, kept through every regrouping (like entity corrections).

    def move_to_story(self, article_ids: Iterable[int], story_id: int) -> int:
        """Move articles into a story; returns the story's (new) id."""
        return self._stories.move(list(article_ids), story_id)

    def split_story(self, story_id: int, article_ids: Iterable[int]) -> tuple[int, int]:
        """Split articles off a story; returns (the rest's id, the split-off story's id)."""
        return self._stories.split(story_id, list(article_ids))

    def merge_stories(self, story_ids: Iterable[int]) -> int:
        """Merge stories into one; returns its id."""
        return self._stories.merge(list(story_ids))
