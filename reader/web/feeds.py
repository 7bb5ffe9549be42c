"""Following feeds: RSS and Atom through feedparser, JSON Feed read here, and updates that
import each new entry once.

An update asks each feed conditionally (ETag, Last-Modified), so an unchanged feed costs one
short answer. An entry carrying its full text (content:encoded, a long Atom content, JSON
Feed's content_html) is imported from the feed; otherwise its page is fetched. Entries already
seen are skipped, even when their article was deleted since.
"""

from __future__ import annotations

import calendar
import json
import logging
import re
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from reader.errors import UserError
from reader.importer import ImportProgress, ImportReport
from reader.models import PubDate
from reader.web.fetch import FEED_TYPES, HTML_TYPES, Fetched, Fetcher, FetchFailure, check_url
from reader.web.importing import PARALLEL_DOWNLOADS, Outcome, PageHints, WebImport, in_order

if TYPE_CHECKING:
    from reader.library import Library
    from reader.models import FeedRow

log = logging.getLogger(__name__)

# An entry whose own text has at least this many words is the article, not a teaser.
FULL_TEXT_WORDS = 150
_ACCEPT = (*FEED_TYPES, "text/plain", *HTML_TYPES)
_TAGS = re.compile(r"<[^>]+>")
_ALTERNATE = re.compile(
    r"""<link\b[^>]*\btype=["']application/(?:rss|atom|feed)\+(?:xml|json)["'][^>]*>""", re.I
)
_HREF = re.compile(r"""\bhref=["']([^"']+)["']""", re.I)


@dataclass
class FeedEntry:
    key: str  # the entry's id, else its link
    link: str | None
    title: str | None = None
    published: PubDate | None = None
    author: str | None = None
    content_html: str | None = None  # the entry's own text, when the feed carries it

    def full_text(self) -> bool:
        if not self.content_html:
            return False
        return len(_TAGS.sub(" ", self.content_html).split()) >= FULL_TEXT_WORDS

    def as_page(self) -> str:
        """The entry's own text as a small HTML page, kept like a downloaded one."""
        title = escape(self.title or "")
        date = f'<meta property="article:published_time" content="{self.published.iso()}">' \
            if self.published else ""
        author = f'<meta name="author" content="{escape(self.author)}">' if self.author else ""
        return (
            f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title>"
            f'<meta property="og:title" content="{title}">{date}{author}</head>'
            f"<body><article><h1>{title}</h1>\n{self.content_html}</article></body></html>"
        )


@dataclass
class ParsedFeed:
    title: str | None
    entries: list[FeedEntry]


def parse_feed(text: str, base_url: str = "") -> ParsedFeed:
    """RSS, Atom or JSON Feed; ValueError (a reason for the user) when it is none of these."""
    if text.lstrip().startswith("{"):
        return _json_feed(text, base_url)
    import feedparser

    doc = feedparser.parse(text)
    if not doc.version:
        reason = f": {doc.bozo_exception}" if doc.bozo else " (a web page or other text?)"
        raise ValueError(f"not a feed Reader can read (RSS, Atom or JSON Feed){reason}")
    entries = []
    for item in doc.entries:
        link = item.get("link")
        key = item.get("id") or link or item.get("title")
        if not key:
            continue
        content = item.get("content") or []
        html = max((c.get("value", "") for c in content), key=len, default="") or None
        parsed = item.get("published_parsed") or item.get("updated_parsed")
        entries.append(FeedEntry(
            key=str(key),
            link=_absolute(base_url, link),
            title=item.get("title") or None,
            published=PubDate.from_date(_date(parsed)) if parsed else None,
            author=item.get("author") or None,
            content_html=html,
        ))
    if doc.bozo and not entries:
        raise ValueError(f"the feed is damaged and has no readable entries ({doc.bozo_exception})")
    return ParsedFeed(doc.feed.get("title") or None, entries)


def _date(parsed):
    import datetime as dt

    return dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.UTC).date()


def _json_feed(text: str, base_url: str) -> ParsedFeed:
    """JSON Feed 1.0/1.1 (jsonfeed.org): feedparser does not read it."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not a feed Reader can read: malformed JSON ({exc.msg})") from None
    if not isinstance(doc, dict) or "jsonfeed.org" not in str(doc.get("version", "")):
        raise ValueError("not a feed Reader can read: JSON, but not a JSON Feed")
    entries = []
    for item in doc.get("items") or []:
        if not isinstance(item, dict):
            continue
        link = item.get("url") or item.get("external_url")
        key = item.get("id") or link
        if not key:
            continue
        html = item.get("content_html")
        if not html and item.get("content_text"):
            html = "".join(f"<p>{escape(p)}</p>" for p in str(item["content_text"]).split("\n\n"))
        published = None
        if item.get("date_published"):
            try:
                published = PubDate.parse(str(item["date_published"]))
            except ValueError:
                published = None
        authors = item.get("authors") or ([item["author"]] if item.get("author") else [])
        names = [str(a["name"]) for a in authors if isinstance(a, dict) and a.get("name")]
        entries.append(FeedEntry(
            key=str(key), link=_absolute(base_url, str(link) if link else None),
            title=item.get("title") or None, published=published,
            author=", ".join(names) or None, content_html=html or None,
        ))
    return ParsedFeed(doc.get("title") or None, entries)


def discover(html: str, base_url: str) -> str | None:
    """The feed a web page announces (<link rel="alternate" type="application/rss+xml">)."""
    for tag in _ALTERNATE.findall(html):
        href = _HREF.search(tag)
        if href:
            return _absolute(base_url, href.group(1))
    return None


def _absolute(base_url: str, link: str | None) -> str | None:
    """`link` made absolute against the feed's address; a link that cannot be read ("http://[::1")
    is kept as written, so its entry fails alone when fetched, not the whole feed."""
    if not link:
        return None
    try:
        return urljoin(base_url, link)
    except ValueError:
        return link


def add_feed(library: Library, url: str, fetcher: Fetcher | None = None) -> FeedRow:
    """Follow a feed (or the feed a page announces); fetched once to check it is one."""
    url = url.strip()
    problem = check_url(url)
    if problem:
        raise UserError(f"{url}: {problem}.")
    with fetcher or Fetcher() as client:
        got = client.get(url, accept=_ACCEPT, kind="feed")
        if isinstance(got, FetchFailure):
            raise UserError(f"{url}: {got.reason}.")
        try:
            parsed = parse_feed(got.text, got.final_url)
        except ValueError as exc:
            announced = discover(got.text, got.final_url)
            if announced is None:
                raise UserError(f"{url}: {exc}.") from None
            return add_feed(library, announced, client)
    feed_id = library.store.add_feed(got.final_url, parsed.title)
    return library.store.feed(feed_id)


@dataclass
class FeedOutcome:
    feed: FeedRow
    report: ImportReport = field(default_factory=ImportReport)
    new_entries: int = 0
    not_modified: bool = False
    error: str | None = None

    def to_json(self) -> dict:
        return {
            "id": self.feed.id,
            "url": self.feed.url,
            "title": self.feed.title,
            "not_modified": self.not_modified,
            "error": self.error,
            **{k: v for k, v in self.report.to_json().items() if k != "cancelled"},
        }


@dataclass
class FeedsReport:
    feeds: list[FeedOutcome] = field(default_factory=list)
    cancelled: bool = False

    def to_json(self) -> dict:
        return {"feeds": [f.to_json() for f in self.feeds], "cancelled": self.cancelled}

    def as_import_report(self) -> ImportReport:
        """All feeds' outcomes in one import report (a feed that could not be read is one
        failure), for the window's import summary."""
        merged = ImportReport(cancelled=self.cancelled)
        for outcome in self.feeds:
            if outcome.error:
                merged.failed.append((outcome.feed.name, outcome.error))
            merged.imported += outcome.report.imported
            merged.duplicates += outcome.report.duplicates
            merged.failed += outcome.report.failed
            merged.warnings += outcome.report.warnings
        return merged

    def summary(self) -> str:
        imported = sum(len(f.report.imported) for f in self.feeds)
        failed = sum(len(f.report.failed) for f in self.feeds)
        errors = sum(1 for f in self.feeds if f.error)
        text = f"{len(self.feeds)} feeds checked: {imported:,} new articles, {failed:,} failed"
        if errors:
            text += f", {errors} feeds could not be read"
        return text + (" (cancelled)" if self.cancelled else "")


def update_feeds(
    library: Library,
    feed_ids: Iterable[int] | None = None,
    *,
    progress: Callable[[ImportProgress], None] | None = None,
    cancel: threading.Event | None = None,
    fetcher: Fetcher | None = None,
) -> FeedsReport:
    """Check feeds (all, or those given) and import their new entries."""
    store = library.store
    wanted = set(feed_ids) if feed_ids is not None else None
    feeds = [f for f in store.feeds() if wanted is None or f.id in wanted]
    report = FeedsReport()
    state = ImportProgress()
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher()
    web = WebImport(library, fetcher)
    try:
        with ThreadPoolExecutor(PARALLEL_DOWNLOADS, thread_name_prefix="feeds") as pool:
            checks = [(feed, pool.submit(
                fetcher.get, feed.url, accept=_ACCEPT, kind="feed",
                etag=feed.etag, last_modified=feed.last_modified,
            )) for feed in feeds]
            work: list[tuple[FeedOutcome, Fetched, ParsedFeed]] = []
            for feed, check in checks:
                outcome = FeedOutcome(feed)
                report.feeds.append(outcome)
                got = check.result()
                if isinstance(got, FetchFailure):
                    outcome.error = got.reason
                    store.feed_checked(feed.id, error=got.reason)
                elif got.not_modified:
                    outcome.not_modified = True
                    store.feed_checked(feed.id, etag=feed.etag, last_modified=feed.last_modified)
                else:
                    try:
                        parsed = parse_feed(got.text, got.final_url)
                    except ValueError as exc:
                        outcome.error = str(exc)
                        store.feed_checked(feed.id, error=str(exc))
                        continue
                    seen = store.seen_entries(feed.id)
                    parsed.entries = _new(parsed.entries, seen)
                    outcome.new_entries = len(parsed.entries)
                    work.append((outcome, got, parsed))
            state.total_bytes = sum(len(p.entries) for _, _, p in work)  # counted in entries
            for outcome, got, parsed in work:
                _import_entries(web, pool, outcome, parsed, state, progress, cancel)
                if cancel is not None and cancel.is_set():
                    report.cancelled = True
                    break  # validators not saved: the next update reads the feed again
                store.feed_checked(
                    outcome.feed.id, title=parsed.title, etag=got.etag,
                    last_modified=got.last_modified,
                )
    finally:
        library.catch_up_index()
        if own_fetcher:
            fetcher.close()
    return report


def _new(entries: list[FeedEntry], seen: set[str]) -> list[FeedEntry]:
    fresh, keys = [], set(seen)
    for entry in entries:
        if entry.key not in keys:
            keys.add(entry.key)
            fresh.append(entry)
    return fresh


def _import_entries(
    web: WebImport,
    pool: ThreadPoolExecutor,
    outcome: FeedOutcome,
    parsed: ParsedFeed,
    state: ImportProgress,
    progress: Callable[[ImportProgress], None] | None,
    cancel: threading.Event | None,
) -> None:
    store = web.library.store
    known = {e.key: web.known(e.link) if e.link else None for e in parsed.entries}
    jobs = [
        (entry, entry.link if not known[entry.key] and not entry.full_text() else None)
        for entry in parsed.entries
    ]
    for entry, job in in_order(pool, jobs, web.download):
        if cancel is not None and cancel.is_set():
            return
        label = entry.link or entry.key
        state.current = label
        hints = PageHints(entry.title, entry.published, entry.author)
        result: Outcome
        if known[entry.key]:
            result = Outcome("duplicate", label, known[entry.key])
        elif job is not None:
            result = web.store_page(label, job.result(), hints)
        elif entry.content_html:
            link = entry.link or ""
            result = web.store_html(label, entry.as_page(), link, link, hints)
        else:
            result = Outcome("failed", label, reason="the entry has neither a link nor text")
        result.add_to(outcome.report)
        if result.kind != "failed":  # failed entries are tried again on the next update
            with store.transaction():
                store.mark_entry_seen(outcome.feed.id, entry.key, result.article_id)
        state.done_bytes += 1
        if result.kind == "imported":
            state.imported += 1
        elif result.kind == "duplicate":
            state.duplicates += 1
        else:
            state.failed += 1
        if progress:
            progress(state)
