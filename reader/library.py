"""A library: a folder with the article store (the truth) and the search index derived from it.

`Library` is the one object the command line and the GUI talk to: open, import, search, read,
edit, and the analysis results (entities, dates, chronology scopes). Neither reaches past it to
the store or the index. It keeps the index in step with the store, catching up after any
interruption.

Many processes may open one library at once. Only one writes the index at a time (the
`WriterLock`); others that must write wait, saying so, and those that only read never wait
to catch up: they search what is there. An index that is damaged, foreign or unreadable is
rebuilt from the store, which is the truth.
"""

from __future__ import annotations

import functools
import logging
import os
import pickle
import struct
import threading
import uuid
import zlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from whoosh import index as whoosh_index

from reader import user_fields
from reader.analysis_jobs import ANALYSIS_VERSION
from reader.errors import LibraryError, QuerySyntaxError, UserError
from reader.index import IndexDamaged, IndexDoc, SearchIndex
from reader.language import is_analysed
from reader.locking import WriterLock
from reader.models import Article, ArticleRow, EntitySummary, PubDate, StoredMention, TimexRecord
from reader.notes import DEFAULT_COLOUR, ArticleNote, Highlight, NoteEntry, check_colour
from reader.querylang import ParsedQuery, apply_suggestions
from reader.snippets import HitFinder, Snippet
from reader.spelling import name_forms
from reader.store import ArticleStore, index_rows

if TYPE_CHECKING:
    from reader.chronology import Event
    from reader.chronology_scope import Chronology, ScopeRequest
    from reader.models import CollectionCopy, CollectionRow, DeletedRows, FeedRow
    from reader.search_pages import Entry, SearchOutcome, SearchRequest
    from reader.stories import StorySummary
    from reader.story_facts import StoryFacts
    from reader.story_upkeep import StoryKeeper
    from reader.web.feeds import FeedsReport

log = logging.getLogger(__name__)
T = TypeVar("T")

ENV_VAR = "READER_LIBRARY"

# What reading a damaged index raises (a verified index should not, but a file can be damaged
# while open); anything else is a bug and is not hidden by a rebuild.
_INDEX_DAMAGE = (
    IndexDamaged,
    EOFError,
    OSError,
    struct.error,
    zlib.error,
    pickle.UnpicklingError,
    whoosh_index.IndexError,
)


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
    read: bool = False
    starred: bool = False
    tags: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published.iso() if self.published else None,
            "score": round(self.score, 4),
            "snippet": self.snippet.text,
            "highlights": [list(h) for h in self.snippet.highlights],
            "read": self.read,
            "starred": self.starred,
            "tags": list(self.tags),
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
    notes: list[str] = field(default_factory=list)  # why a user field matched nothing
    tag_counts: dict[str, int] = field(default_factory=dict)  # set with `tag_facet`

    def to_json(self) -> dict:
        return {
            "total": self.total,
            "hits": [h.to_json() for h in self.hits],
            "facets": {"outlet": dict(self.outlet_counts), "tag": dict(self.tag_counts)},
            "suggestion": self.suggestion,
            "notes": list(self.notes),
        }


class Library:
    """An open library folder. Use as a context manager or call `close()`."""

    STORE_FILE = "library.sqlite3"
    INDEX_DIR = "index"
    LOCK_FILE = "index.lock"

    def __init__(
        self,
        folder: Path | str | None = None,
        *,
        create: bool = True,
        check_index: bool = True,
        notify: Callable[[str], None] | None = None,
    ) -> None:
        """Open (or with `create`, start) a library. `notify` hears messages for the user while
        opening or writing takes long: waiting for another process, repairing the index."""
        self.folder = Path(folder) if folder is not None else default_location()
        self.notify = notify or (lambda message: log.warning("%s", message))
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
        self.writer_lock = WriterLock(self.folder / self.LOCK_FILE)
        self.index = SearchIndex(self.folder / self.INDEX_DIR)
        library_id = self.store.get_meta("library_id")
        if library_id is None:
            library_id = uuid.uuid4().hex
            self.store.set_meta("library_id", library_id)
        self.library_id = library_id
        self._outlet_lookup: dict[str, str] | None = None
        self._names_cache: tuple[tuple[int, int], dict[str, str]] | None = None
        # Set when another process was writing the index as this one opened: the newest
        # articles may not be found yet (the writer will index them).
        self.index_note: str | None = None
        if self.store.fill_languages():  # a library from before languages were told apart
            log.info("languages of older articles detected")
        self._story_keeper: StoryKeeper | None = None
        self._stories_apart = threading.Lock()  # one child process placing stories at a time
        self.index_opened = False  # open_index() has run (see open_index_once)
        self._open_index_lock = threading.Lock()
        if not check_index:  # the caller rebuilds the index itself (`reader reindex`), or
            return  # opens it later, off its GUI thread (`open_index_once`)
        self.open_index()
        self.index_opened = True

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.index.close()
        self.store.close()

    # -- index upkeep ------------------------------------------------------------------------

    def open_index(self) -> None:
        """Verify the index; rebuild it when it cannot be trusted; catch it up with the store
        unless another process is writing it (then search what is there)."""
        self.index_note = None
        if self.index.check(self.library_id) is not None:
            self._repair_index()
            return
        if not self.store.pending_index(limit=1):
            return
        try:
            with self.writer_lock.held(blocking=False) as got:
                if got:
                    self._catch_up_locked()
                    return
        except LibraryError:  # a folder we may read but not write: search what is there
            pass
        self.index_note = (
            "Another Reader process is updating the index: the newest articles may not be "
            "found yet."
        )

    def open_index_once(self) -> None:
        """`open_index` unless it has run. The window opens its library with `check_index=False`
        so it shows at once, and its search thread calls this before the first search: the
        index is verified (repaired, caught up) there, while the window is already on screen."""
        with self._open_index_lock:
            if not self.index_opened:
                self.open_index()
                self.index_opened = True

    def _repair_index(self, force: bool = False) -> None:
        """Rebuild the index from the store, unless another process did while we waited."""
        with self.writer_lock.held(waiting=self.notify):
            self.index.reload()
            reason = self.index.check(self.library_id)
            if reason is None and not force:
                self._catch_up_locked()
                return
            log.info("rebuilding the search index from the store: %s", reason or "damaged")
            if self.store.count():
                self.notify(
                    f"The search index is {reason or 'damaged'}: rebuilding it from the "
                    "library's articles (nothing is lost)…"
                )
            self._rebuild_locked()

    def reindex(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Rebuild the whole index from the store; returns the number of articles indexed."""
        with self.writer_lock.held(waiting=self.notify):
            return self._rebuild_locked(progress)

    def _rebuild_locked(self, progress: Callable[[int, int], None] | None = None) -> int:
        # What is queued now is in the new index (it reads the store after this); what is
        # queued while it is written stays queued for the next catch-up.
        pending = self.store.pending_index()
        total = self.store.count()
        docs = (_index_doc(row) for row in self.store.iter_for_index())
        written = self.index.rebuild(
            self.library_id, docs, progress=(lambda n: progress(n, total)) if progress else None
        )
        self.store.mark_indexed(i for i, _ in pending)
        self._outlet_lookup = None
        return written

    def catch_up_index(self, workers: int = 1, pool: Executor | None = None) -> int:
        """Write the index entries the store still has queued (after imports or edits).

        Waits (telling `notify`) while another process writes the index. With `workers` > 1,
        a large catch-up (an import) is written by that many processes: those of `pool`
        when given (the import's cleaning workers), else started for it."""
        with self.writer_lock.held(waiting=self.notify):
            try:
                return self._catch_up_locked(workers, pool)
            except _INDEX_DAMAGE as exc:
                log.warning("index damaged while catching up (%s): rebuilding", exc)
                return self._rebuild_locked()

    # Fewer queued articles than this are written by one process: starting more (about a
    # second each) costs more than it saves.
    PARALLEL_INDEX_MIN = 5000
    # With the import's worker processes already running, from this many.
    POOL_INDEX_MIN = 2000

    def _catch_up_locked(self, workers: int = 1, pool: Executor | None = None) -> int:
        pending = self.store.pending_index()  # read under the lock: no two writers share it
        if not pending:
            return 0
        puts = [i for i, op in pending if op == "put"]
        deletes = [i for i, op in pending if op == "delete"]
        if pool is not None and workers > 1 and len(puts) >= self.POOL_INDEX_MIN:
            source = functools.partial(index_docs_of, str(self.store.path))
            try:
                written = self.index.write_in_pool(pool, source, puts, deletes,
                                                   workers=workers)
            except (BrokenProcessPool, RuntimeError) as exc:  # this process writes them
                log.warning("index written here: the worker pool is unusable (%s)", exc)
            else:
                self.store.mark_indexed(i for i, _ in pending)
                self._outlet_lookup = None
                return written
        docs = (_index_doc(row) for row in self.store.iter_for_index(puts))
        procs = workers if len(puts) >= self.PARALLEL_INDEX_MIN else 1
        written = self.index.write(docs, deletes=deletes, procs=procs)
        self.store.mark_indexed(i for i, _ in pending)
        self._outlet_lookup = None
        return written

    def indexed_count(self) -> int:
        """How many articles the search index holds."""
        return self.using_index(self.index.doc_count)

    def using_index(self, action: Callable[[], T]) -> T:
        """Run a read of the index; if the index turns out damaged, rebuild it and run again."""
        try:
            return action()
        except _INDEX_DAMAGE as exc:
            log.warning("search index unreadable (%s): rebuilding it from the store", exc)
            self._repair_index(force=not isinstance(exc, IndexDamaged))
        return action()

    # -- import ------------------------------------------------------------------------------

    def import_paths(self, paths: Iterable[Path | str], **kwargs):
        """Import files and folders; see `reader.importer.import_paths`."""
        from reader.importer import import_paths

        report = import_paths(self, [Path(p) for p in paths], **kwargs)
        self._outlet_lookup = None
        return report

    def fetch_urls(self, urls: Iterable[str], **kwargs):
        """Download web pages and import them; see `reader.web.importing.fetch_urls`."""
        from reader.web.importing import fetch_urls

        report = fetch_urls(self, urls, **kwargs)
        self._outlet_lookup = None
        return report

    # -- feeds -------------------------------------------------------------------------------

    def add_feed(self, url: str) -> FeedRow:
        """Follow a feed (fetched once to check it is one; a page's announced feed is found)."""
        from reader.web.feeds import add_feed

        return add_feed(self, url)

    def remove_feed(self, feed_id: int) -> None:
        """Stop following a feed; its articles stay."""
        self.store.remove_feed(feed_id)

    def feeds(self) -> list[FeedRow]:
        """The feeds followed, with their article and unread counts."""
        return self.store.feeds()

    def feed_articles(self, feed_id: int) -> list[int]:
        return self.store.feed_articles(feed_id)

    def update_feeds(self, feed_ids: Iterable[int] | None = None, **kwargs: Any) -> FeedsReport:
        """Import the new entries of every feed (or those given); see `web.feeds.update_feeds`
        (progress, cancel)."""
        from reader.web.feeds import update_feeds

        if feed_ids is not None:
            feed_ids = list(feed_ids)
            unknown = sorted(set(feed_ids) - {f.id for f in self.feeds()})
            if unknown:
                raise UserError(f"There is no feed {', '.join(map(str, unknown))} in this "
                                "library; `reader feeds list` shows the feeds followed.")
        report = update_feeds(self, feed_ids, **kwargs)
        self._outlet_lookup = None
        return report

    def is_read(self, article_id: int) -> bool:
        return self.store.is_read(article_id)

    def mark_read(self, article_ids: Iterable[int], read: bool = True) -> None:
        """A plain read mark (the window sets it when an article is opened)."""
        self.store.mark_read(article_ids, read)

    def import_seeds_if_empty(self) -> bool:
        """First start of the window: an empty library gets the bundled sample articles."""
        if self.store.count() or self.store.get_meta("seeded"):
            return False
        from reader.resources import seeds_dir

        self.open_index_once()
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

    def delete_articles(self, article_ids: Iterable[int]) -> DeletedRows:
        """Delete articles everywhere at once: text, noise, entity mentions, dates, kept page,
        index. Returns what was removed; `restore_articles` with it is the undo."""
        copy = self.store.delete_with_copy(article_ids)
        self.catch_up_index()
        self._outlet_lookup = None
        return copy

    def restore_articles(self, copy: DeletedRows) -> None:
        """Undo a `delete_articles`: the articles come back with the same ids and analysis."""
        self.store.restore(copy)
        self.catch_up_index()
        self._outlet_lookup = None

    def can_reextract(self, article_id: int) -> bool:
        """Whether the article came from the web and its page is kept."""
        return self.store.kept_page(article_id) is not None

    def reextract(self, article_id: int) -> Article:
        """Extract a fetched article again from its kept page (after extraction improved).
        Fields edited by hand stay; entities and dates are found again by the next analysis."""
        from reader import htmltext
        from reader.cleaning import clean_article
        from reader.errors import UserError

        page = self.store.kept_page(article_id)
        if page is None:
            self.store.get(article_id)  # NotFound for a wrong id
            raise UserError(
                f"Article {article_id} was not fetched from the web, so there is no page to "
                "extract it from again."
            )
        try:
            extracted = htmltext.extract(page.html)
        except ValueError as exc:
            raise UserError(f"Article {article_id}: {exc}") from None
        from reader.web.importing import outlet_of

        extra = self.folder / "outlets.tsv"
        extra_table = extra if extra.exists() else None
        cleaned = clean_article(
            extracted.text, title=extracted.title,
            outlet=outlet_of(extracted, page.final_url, extra_table),
            published=extracted.published, author=extracted.author,
            outlets_extra=extra_table,
        )
        if not cleaned.body.strip():
            raise UserError(f"Article {article_id}: no article text found in the kept page.")
        cleaned.removed += extracted.removed_in(cleaned.body)
        self.store.replace_extraction(article_id, cleaned)
        self._report_lost_highlights(article_id)
        self.catch_up_index()
        self._outlet_lookup = None
        return self.get(article_id)

    def _report_lost_highlights(self, article_id: int) -> None:
        lost = self.store.reanchor_highlights([article_id])
        if lost:
            words = "; ".join(f"“{h.quote[:60]}”" for h in lost[:3])
            self.notify(
                f"{len(lost)} highlight(s) of article {article_id} could not be found in its "
                f"new text ({words}); they are kept, marked “not re-anchored”, in the Notes "
                "list and `reader notes`."
            )

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
        tag_facet: bool = False,
    ) -> SearchResult:
        """Search the library. Raises QuerySyntaxError (a UserError) for unreadable queries.

        `outlets` names outlets as the library spells them, matched without regard to case.
        With `all_ids`, every matching id comes back in `ids` (the GUI's lazy list uses it;
        with `limit=0` too, nothing else is read).
        `suggest=False` skips "did you mean" (it costs more than the search; see `suggest`).
        `tag_facet` counts the tags of every match in `tag_counts`.
        `tag:`, `collection:` and `is:` are answered from the store (reader.user_fields);
        `notes` says when one of them matched nothing (an unknown tag).
        """
        if sort not in ("relevance", "date"):
            raise QuerySyntaxError("Sort by 'relevance' or 'date'.")
        outlet_names = self._resolve_outlets(outlets)
        parsed = self.parse(text)
        notes = user_fields.resolve(parsed.query, self)
        hits = self.using_index(lambda: self.index.search(
            parsed,
            limit=None if all_ids else limit,
            outlets=outlet_names,
            since=since,
            until=until,
            sort=sort,
            matched=tag_facet and not all_ids,
        ))
        finder = HitFinder(hits.terms)
        page_ids = hits.ids[:limit] if limit is not None else hits.ids
        rows = {r.id: r for r in self.store.rows(page_ids)}
        bodies = self.store.bodies(page_ids) if snippets else {}
        marks = self.store.marks_of(page_ids)
        tags = self.store.tags_of(page_ids)
        page = []
        for article_id, score in zip(page_ids, hits.scores, strict=False):
            row = rows.get(article_id)
            if row is None:  # deleted since the index was written; the queue will catch up
                continue
            snippet = finder.snippet(bodies[article_id]) if snippets else Snippet("", ())
            read, starred = marks.get(article_id, (False, False))
            page.append(Hit(article_id, row.title, row.outlet, row.published, score, snippet,
                            read, starred, tags.get(article_id, [])))
        suggestion = self._suggest(parsed) if suggest and hits.total == 0 else None
        return SearchResult(
            query=parsed.text,
            total=hits.total,
            hits=page,
            outlet_counts=dict(hits.outlet_counts.most_common()),
            suggestion=suggestion,
            ids=hits.ids if all_ids else [],
            finder=finder,
            notes=notes,
            tag_counts=self._tag_facet(hits.matched or hits.ids) if tag_facet else {},
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
        found = self.using_index(lambda: self.index.more_like(
            text,
            exclude_id=article_id,
            exclude_outlet=article.outlet if other_outlets else None,
            limit=limit * 2,
        ))
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

        # Names of one side against none of a side in a language Reader cannot analyse
        # would list every name as "only in" the first: no entity contrast then.
        contrast = self.entities_analysed(a_id) and self.entities_analysed(b_id)

        def entities(article_id: int) -> list[tuple[int, int, str, str]]:
            if not contrast:
                return []
            mentions = self.article_mentions(article_id)
            return [(m.start, m.end, m.label, m.name) for m in mentions]

        comparison = compare_texts(
            a.body, b.body, background=self.term_stats(),
            entities_a=entities(a_id), entities_b=entities(b_id),
        )
        # Dates compared at day level: "Tuesday" and "Tuesday afternoon" name one day. A
        # century ("this century" is "20") or a decade ("the 1950s" is "195") is background,
        # not a date one side gives, and its bare digits read as a stray number.
        def dated(value: str) -> bool:
            span = calendar_span(value)
            return span is not None and span.precision not in ("century", "decade")

        dates = [
            [
                t.value for t in self.article_timexes(article_id)
                if t.type in ("DATE", "TIME") and dated(t.value)
            ]
            for article_id in (a_id, b_id)
        ]
        comparison.dates_only_a, comparison.dates_only_b = split_dates(*dates)
        return comparison

    def term_stats(self):
        """Word statistics to judge framing terms against: this library's own once it is large
        enough to say what is ordinary news wording, else the shipped general word list."""
        if self.using_index(self.index.doc_count) >= 1000:
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
        names = self._name_forms()
        fixes = self.using_index(lambda: self.index.suggest(parsed.words, names))
        return apply_suggestions(parsed.text, fixes) if fixes else None

    def _name_forms(self) -> dict[str, str]:
        """Words of the names the library knows, by lower case ("ishiba" -> "Ishiba"); read
        again only when entities were added or removed."""
        version = self.store.entity_names_version()
        cached = self._names_cache
        if cached is None or cached[0] != version:
            cached = (version, name_forms(self.store.all_entity_names()))
            self._names_cache = cached
        return cached[1]

    def data_version(self) -> int:
        """A number that changes when another process commits to the store (the window polls
        it to follow imports made elsewhere)."""
        return self.store.data_version()

    def reload_index(self) -> None:
        """See what another process (an import running apart from the window) wrote."""
        self.index.reload()
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
        return self.store.unanalysed_count(ANALYSIS_VERSION)

    def analyze_pending(self, **kwargs: Any) -> int:
        """Find entities and dates in the articles that wait; see `analysis_jobs.analyze_pending`
        (progress, cancel, n_process). Returns the number of articles analysed."""
        from reader.analysis_jobs import analyze_pending

        return analyze_pending(self, **kwargs)

    def analyze_pending_apart(
        self,
        *,
        cancel: threading.Event,
        n_process: int = 2,
        progress: Callable[[int, int], None] | None = None,
    ) -> int:
        """`analyze_pending` in a child process (see reader/analysis_process.py): the caller's
        process neither grows with the library's entities nor writes the index. Blocks until
        the child is done, then reloads the index to see what it wrote.

        Articles waiting for a story are placed first (`update_stories_apart`): a first
        grouping of a large library beside the analysis would hold two large processes at
        once (on 58,822 articles, 1.5 GB together)."""
        from reader.analysis_apart import run_in_child

        self.update_stories_apart(cancel=cancel)
        if cancel.is_set():
            return 0
        try:
            return run_in_child(self.folder, n_process=n_process, cancel=cancel,
                                progress=progress)
        finally:
            self.reload_index()

    def language(self, article_id: int) -> str | None:
        """The article's language code ("de"); "" when it could not be told."""
        return self.store.language(article_id)

    def entities_analysed(self, article_id: int) -> bool:
        """Whether Reader has a model for the article's language (English today): other
        articles get no entities or dates rather than English guesses."""
        return is_analysed(self.store.language(article_id))

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

    # Fewer articles to place than this are placed in the calling process; more (a first
    # grouping, a large import) in a child process, which the caller's process neither grows
    # with nor waits on for the GIL (a 58,822-article grouping: a minute, half a gigabyte).
    STORIES_APART_MIN = 500

    def update_stories_apart(
        self,
        *,
        cancel: threading.Event,
        progress: Callable[[int, int], None] | None = None,
    ) -> int:
        """`update_stories`, in a child process when there is much to place (see
        reader/analysis_process.py); returns how many were placed. One update at a time: a
        second caller waits for the first (and then finds little or nothing left to place),
        or returns 0 when `cancel` is set meanwhile."""
        while not self._stories_apart.acquire(timeout=0.25):
            if cancel.is_set():
                return 0
        try:
            from reader import story_upkeep
            from reader.stories import METHOD_VERSION

            regroup = self.store.get_meta(story_upkeep.VERSION_KEY) != str(METHOD_VERSION)
            pending = self.store.count() if regroup else len(self.store.unplaced_articles())
            if pending < self.STORIES_APART_MIN:
                return self.update_stories(progress)
            from reader.analysis_apart import run_in_child

            try:
                return run_in_child(self.folder, n_process=1, cancel=cancel, progress=progress,
                                    task="stories")
            finally:
                if self._story_keeper is not None:  # the child changed what it holds
                    self._story_keeper.invalidate()
        finally:
            self._stories_apart.release()

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

    # -- highlights and notes: the user's own work, kept through every re-analysis -----------

    def add_highlight(self, article_id: int, start: int, end: int,
                      colour: str = DEFAULT_COLOUR, note: str = "") -> Highlight:
        """Highlight [start, end) of the article's clean text (Python string offsets)."""
        colour = check_colour(colour)
        body = self.store.get(article_id).body
        if not 0 <= start < end <= len(body) or not body[start:end].strip():
            raise UserError(
                f"Cannot highlight characters {start}–{end} of article {article_id}: its text "
                f"has {len(body):,} characters; choose some words within it."
            )
        return self.store.add_highlight(article_id, start, end, colour, note.strip())

    def highlight_quote(self, article_id: int, quote: str, colour: str = DEFAULT_COLOUR,
                        note: str = "") -> Highlight:
        """Highlight the first place the article says `quote` (spacing and case may differ)."""
        from reader.notes import find_quote

        found = find_quote(self.store.get(article_id).body, quote)
        if found is None:
            raise UserError(f"Article {article_id} does not contain “{quote.strip()}”; "
                            "copy the words from `reader show` to highlight them.")
        return self.add_highlight(article_id, *found, colour=colour, note=note)

    def update_highlight(self, highlight_id: int, *, colour: str | None = None,
                         note: str | None = None) -> Highlight:
        return self.store.update_highlight(
            highlight_id, colour=check_colour(colour) if colour is not None else None,
            note=note.strip() if note is not None else None)

    def delete_highlight(self, highlight_id: int) -> None:
        self.store.delete_highlight(highlight_id)

    def highlight(self, highlight_id: int) -> Highlight:
        return self.store.highlight(highlight_id)

    def highlights(self, article_id: int) -> list[Highlight]:
        """The article's highlights in text order; if its text changed they are re-anchored
        first (those whose words are gone come back with `anchored` False)."""
        return self.store.article_highlights(article_id)

    def reanchor_highlights(self, article_ids: Iterable[int] | None = None) -> list[Highlight]:
        """Re-anchor the highlights of articles whose text changed; returns those whose words
        could not be found (they are kept, marked, and never drawn over other words)."""
        return self.store.reanchor_highlights(article_ids)

    def set_article_note(self, article_id: int, note: str) -> ArticleNote | None:
        """The note on a whole article; an empty one removes it."""
        return self.store.set_article_note(article_id, note.strip())

    def article_note(self, article_id: int) -> ArticleNote | None:
        return self.store.article_note(article_id)

    def note_entries(self, article_ids: Iterable[int] | None = None) -> list[NoteEntry]:
        """Every highlight and article note (of these articles), with article details, for
        the Notes list and `reader notes`: newest article first, each in text order."""
        return self.store.note_entries(article_ids)

    def notes_markdown(self, article_ids: Iterable[int] | None = None) -> str:
        """The highlights and notes of these articles (all with any) as one Markdown text."""
        from reader.notes import notes_markdown

        groups: dict[int, list] = {}
        for entry in self.note_entries(article_ids):
            group = groups.setdefault(entry.article_id, [
                entry.article_id, entry.title, entry.outlet, entry.published, None, []])
            if isinstance(entry.item, Highlight):
                group[5].append(entry.item)
            else:
                group[4] = entry.item
        return notes_markdown([tuple(g) for g in groups.values()])

    def export_article(self, article_id: int, fmt: str) -> str:
        """One article with its highlights and notes as a self-contained "html" page or
        "md" Markdown text (PDF is drawn from the HTML by the GUI layer)."""
        from reader.article_export import article_html, article_markdown

        article = self.store.get(article_id)
        parts = (article, self.highlights(article_id), self.article_note(article_id))
        if fmt == "html":
            return article_html(*parts)
        if fmt == "md":
            return article_markdown(*parts)
        raise UserError(f"Cannot export to '{fmt}': choose pdf, html or md.")

    # -- the user's work: tags, collections, saved searches, read state ------------------------

    def tag_articles(self, article_ids: Iterable[int], name: str) -> int:
        """Tag these articles (the tag is made if new); returns how many did not have it."""
        return self.store.tag(article_ids, name)

    def untag_articles(self, article_ids: Iterable[int], name: str) -> int:
        """Take a tag off these articles; returns how many had it."""
        return self.store.untag(article_ids, name)

    def tags(self) -> list[tuple[str, int]]:
        """Every tag in use, with its number of articles, by name."""
        return self.store.tags()

    def tags_of(self, article_ids: Iterable[int]) -> dict[int, list[str]]:
        return self.store.tags_of(article_ids)

    def _tag_facet(self, ids: Iterable[int]) -> dict[str, int]:
        return dict(self.store.tag_counts(set(ids)).most_common())

    def tag_facet(self, ids: Iterable[int] | None = None) -> dict[str, int]:
        """How many of these articles (all when None) carry each tag, most first."""
        counts = self.store.tag_counts(None if ids is None else set(ids))
        return dict(counts.most_common())

    def mark(self, article_ids: Iterable[int], state: str) -> None:
        """Mark articles read, unread, starred or unstarred."""
        from reader.models import MARKS

        if state not in MARKS:
            raise UserError(f"Mark articles {', '.join(MARKS)}; not '{state}'.")
        ids = list(article_ids)
        if state in ("read", "unread"):
            self.store.existing_ids(ids)
            self.store.mark_read(ids, state == "read")
        else:
            self.store.star(ids, state == "starred")

    def marks_of(self, article_ids: Iterable[int]) -> dict[int, tuple[bool, bool]]:
        """Article id -> (read, starred)."""
        return self.store.marks_of(article_ids)

    def unread_count(self) -> int:
        return self.store.unread_count()

    def starred_count(self) -> int:
        return self.store.starred_count()

    def collections(self) -> list[CollectionRow]:
        """Collections and saved searches, by name."""
        return self.store.collections()

    def collection(self, name_or_id: str | int) -> CollectionRow:
        return self.store.collection(name_or_id)

    def create_collection(self, name: str, query: str | None = None) -> CollectionRow:
        """A new, empty collection; with `query`, a saved search (the query must read)."""
        if query is not None:
            self.parse(query)
        return self.store.create_collection(name, query)

    def rename_collection(self, collection_id: int, name: str) -> None:
        self.store.rename_collection(collection_id, name)

    def delete_collection(self, collection_id: int) -> CollectionCopy:
        """Delete a collection or saved search (its articles stay); the copy undoes it."""
        return self.store.delete_collection(collection_id)

    def restore_collection(self, copy: CollectionCopy) -> None:
        self.store.restore_collection(copy)

    def add_to_collection(self, collection_id: int, article_ids: Iterable[int]) -> int:
        return self.store.add_to_collection(collection_id, article_ids)

    def remove_from_collection(self, collection_id: int, article_ids: Iterable[int]) -> int:
        return self.store.remove_from_collection(collection_id, article_ids)


def _index_doc(row: tuple) -> IndexDoc:
    """An `ArticleStore.iter_for_index` row as the index takes it."""
    article_id, title, outlet, published, body, entities, lang = row
    return IndexDoc(
        article_id,
        title,
        outlet,
        PubDate.parse(published) if published else None,
        body,
        entities.split("\x1f") if entities else [],
        lang,
    )


def index_docs_of(store_path: str, article_ids: list[int]) -> Iterator[IndexDoc]:
    """The index documents of these articles, read from the store file by a process of its
    own (an index writer in the import's worker pool)."""
    for row in index_rows(store_path, article_ids):
        yield _index_doc(row)
