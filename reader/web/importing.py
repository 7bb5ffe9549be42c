"""Importing from the web: fetch pages, extract and clean them, store them with their HTML.

The outcome of every address is reported as for files (imported, duplicate, failed with a
reason). Downloads run a few at a time; the store is written from the calling thread only.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from reader.cleaning import clean_article
from reader.importer import ImportProgress, ImportReport
from reader.models import PubDate
from reader.web.fetch import Fetched, Fetcher, FetchFailure

if TYPE_CHECKING:
    from reader.htmltext import ExtractedPage
    from reader.library import Library

log = logging.getLogger(__name__)
T = TypeVar("T")

PARALLEL_DOWNLOADS = 4
DOWNLOADS_AHEAD = 16  # pages downloaded before the store has taken them, at most
# Fewer words than this is a menu, a paywall stub or an index page, not an article.
MIN_WORDS = 20


@dataclass
class PageHints:
    """What a feed says about an entry; the page's own metadata wins where it has some."""

    title: str | None = None
    published: PubDate | None = None
    author: str | None = None


@dataclass
class Outcome:
    kind: str  # "imported", "duplicate" or "failed"
    label: str
    article_id: int | None = None
    reason: str | None = None

    def add_to(self, report: ImportReport) -> None:
        if self.kind == "imported":
            report.imported.append((self.label, self.article_id or 0))
        elif self.kind == "duplicate":
            report.duplicates.append((self.label, self.article_id or 0))
        else:
            report.failed.append((self.label, self.reason or "failed"))


def outlet_of(page: ExtractedPage, url: str, extra: Path | None) -> str | None:
    """The outlet by the outlet table (the page's address, then its site name), else the
    site name the page declares (og:site_name), without its tagline."""
    from reader.metadata import outlet_table

    return outlet_table(extra).outlet_in([url, page.outlet or ""]) or page.outlet


class WebImport:
    """Stores pages in one library: the steps shared by `reader fetch` and feed updates."""

    def __init__(self, library: Library, fetcher: Fetcher) -> None:
        self.library = library
        self.fetcher = fetcher
        extra = library.folder / "outlets.tsv"
        self.outlets_extra = extra if extra.exists() else None

    def known(self, url: str) -> int | None:
        """The article already fetched from `url`, if any (no download needed then)."""
        return self.library.store.find_by_url([url.strip()])

    def download(self, url: str) -> Fetched | FetchFailure:
        return self.fetcher.page(url.strip())

    def store_page(
        self, label: str, page: Fetched | FetchFailure, hints: PageHints | None = None
    ) -> Outcome:
        if isinstance(page, FetchFailure):
            return Outcome("failed", label, reason=page.reason)
        store = self.library.store
        existing = store.find_by_url([page.url, page.final_url])
        if existing is not None:
            return Outcome("duplicate", label, existing)
        return self.store_html(label, page.text, page.url, page.final_url, hints)

    def store_html(
        self, label: str, html: str, url: str, final_url: str, hints: PageHints | None = None
    ) -> Outcome:
        """Extract, clean and store one page (its HTML kept beside the article)."""
        from reader import htmltext

        hints = hints or PageHints()
        try:
            page = htmltext.extract(html, final_url)
            cleaned = clean_article(
                page.text,
                title=page.title or hints.title,
                outlet=outlet_of(page, final_url, self.outlets_extra),
                published=page.published or hints.published,
                author=page.author or hints.author,
                outlets_extra=self.outlets_extra,
            )
        except ValueError as exc:
            return Outcome("failed", label, reason=str(exc))
        except Exception:  # an extractor bug must not stop the other pages
            log.exception("extraction failed for %s", label)
            return Outcome("failed", label, reason="internal error while extracting (logged)")
        cleaned.removed += page.removed_in(cleaned.body)
        words = len(cleaned.body.split())
        if words < MIN_WORDS:
            return Outcome(
                "failed", label, reason=f"no article text found in the page ({words} words: "
                "a menu or index page?)"
            )
        store = self.library.store
        with store.transaction():
            existing = store.find_duplicate(cleaned.body)
            if existing is not None:
                return Outcome("duplicate", label, existing)
            article_id = store.add(html, cleaned, url=final_url, source=url)
            store.keep_page(article_id, url, final_url, html)
        return Outcome("imported", label, article_id)


def in_order(
    pool: ThreadPoolExecutor,
    jobs: list[tuple[T, str | None]],
    download: Callable[[str], Fetched | FetchFailure],
    ahead: int = DOWNLOADS_AHEAD,
) -> Iterator[tuple[T, Future | None]]:
    """Each job's item with its download (None for a job without an address), in order, with
    at most `ahead` downloads started before they are used: a thousand-entry feed does not
    hold a thousand pages in memory. Downloads not used yet are cancelled when the caller
    stops early."""
    started: dict[int, Future] = {}
    next_start = 0
    try:
        for i, (item, _) in enumerate(jobs):
            while next_start < len(jobs) and next_start < i + ahead:
                address = jobs[next_start][1]
                if address:
                    started[next_start] = pool.submit(download, address)
                next_start += 1
            yield item, started.pop(i, None)
    finally:
        for future in started.values():
            future.cancel()


def fetch_urls(
    library: Library,
    urls: Iterable[str],
    *,
    progress: Callable[[ImportProgress], None] | None = None,
    cancel: threading.Event | None = None,
    fetcher: Fetcher | None = None,
) -> ImportReport:
    """Fetch and import web pages; one outcome per address, in the order given."""
    wanted = [u.strip() for u in urls if u.strip()]
    report = ImportReport()
    state = ImportProgress(total_bytes=len(wanted))  # counted in pages, not bytes
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher()
    web = WebImport(library, fetcher)
    try:
        with ThreadPoolExecutor(PARALLEL_DOWNLOADS, thread_name_prefix="fetch") as pool:
            known = {url: web.known(url) for url in wanted}
            jobs = [(url, None if known[url] else url) for url in wanted]
            for url, job in in_order(pool, jobs, web.download):
                if cancel is not None and cancel.is_set():
                    report.cancelled = True
                    break
                state.current = url
                if job is None:
                    outcome = Outcome("duplicate", url, known[url])
                else:
                    outcome = web.store_page(url, job.result())
                outcome.add_to(report)
                state.done_bytes += 1
                state.imported, state.duplicates = len(report.imported), len(report.duplicates)
                state.failed = len(report.failed)
                if progress:
                    progress(state)
    finally:
        library.catch_up_index()
        if own_fetcher:
            fetcher.close()
    return report
