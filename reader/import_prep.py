"""Preparing read articles for the store: clean each one and tell its language, on every core.

Cleaning and language detection are pure functions of one source item, so a large import hands
them to a pool of worker processes in chunks while the importing process goes on reading files
and writing the store. Results come back in the order the items were read, so a parallel import
stores exactly what a serial one would, with the same ids. At most a few chunks are in flight:
memory follows the chunk size, not the size of the import. Qt-free.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from reader.cleaning import clean_article
from reader.language import detect_language
from reader.models import CleanedArticle
from reader.process_guard import give_back_large_blocks
from reader.sources import SourceFailure, SourceItem

log = logging.getLogger(__name__)

# Items sent to a worker at once: large enough that pickling is cheap beside the work, small
# enough that a cancel waits for little and memory stays a few megabytes.
CHUNK = 64
# Below this much input (the BBC corpus is 5 MB) starting the pool and its processes costs
# more than it saves on a busy 2-core machine.
POOL_MIN_BYTES = 20_000_000


@dataclass
class Prepared:
    """An item cleaned and ready for the store, or why it cannot be stored."""

    cleaned: CleanedArticle | None
    lang: str | None = None
    reason: str | None = None  # set when `cleaned` is None


def default_workers() -> int:
    """Processes for cleaning: every core but the one that reads and stores (at least one)."""
    return max(1, min(4, (os.cpu_count() or 1)))


def prepare(item: SourceItem, outlets_extra: Path | None) -> Prepared:
    """Clean one item and detect its language; a cleaner bug fails this item only."""
    try:
        cleaned = clean_article(
            item.raw,
            title=item.title,
            outlet=item.outlet,
            published=item.published,
            author=item.author,
            outlets_extra=outlets_extra,
        )
    except Exception:  # a cleaner bug must not stop the import of the rest
        log.exception("cleaning failed for %s", item.label)
        return Prepared(None, reason="internal error while cleaning (logged)")
    if item.page is not None:  # what HTML extraction set aside stays visible too
        cleaned.removed += item.page.removed_in(cleaned.body)
    if not cleaned.body.strip():
        return Prepared(None, reason="no article text left after cleaning")
    try:
        lang = detect_language(f"{cleaned.title or ''}\n{cleaned.body}")
    except Exception:
        log.exception("language detection failed for %s", item.label)
        lang = ""
    return Prepared(cleaned, lang)


def _prepare_chunk(items: list[SourceItem], outlets_extra: Path | None) -> list[Prepared]:
    return [prepare(item, outlets_extra) for item in items]


# What `prepared` yields: an item read (or a failure to read) with its preparation, or the end
# of one file (for byte-counting progress).
Entry = SourceItem | SourceFailure
Event = tuple[Path, Entry | None, Prepared | None]


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """The import's worker processes: they clean, and write index segments between (see
    `SearchIndex.write_in_pool`). Spawned, not forked: the importing process may hold threads
    and an open database."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker)


def _start_worker() -> None:
    give_back_large_blocks()  # cleaning and segment writing in turn: not the peak of both


def prepared(
    entries: Iterable[tuple[Path, Entry | None]],
    outlets_extra: Path | None,
    workers: int = 1,
    pool: ProcessPoolExecutor | None = None,
) -> Iterator[Event]:
    """Each entry with its preparation, in the order read.

    `entries` are (file, item or failure) pairs, and (file, None) once a file is read through.
    With `workers` > 1 items are prepared in a process pool (`pool`, or one of its own),
    chunk by chunk; closing the iterator early (a cancel) drops what is in flight, and stops
    the pool if it is its own.
    """
    if workers <= 1:
        for path, entry in entries:
            if isinstance(entry, SourceItem):
                yield path, entry, prepare(entry, outlets_extra)
            else:
                yield path, entry, None
        return
    own = pool is None
    if pool is None:
        pool = worker_pool(workers)
    in_flight: deque[tuple[list[tuple[Path, Entry | None]], Future | None]] = deque()
    try:
        chunk: list[tuple[Path, Entry | None]] = []
        for pair in entries:
            chunk.append(pair)
            if sum(isinstance(e, SourceItem) for _, e in chunk) >= CHUNK:
                in_flight.append((chunk, _submit(pool, chunk, outlets_extra)))
                chunk = []
                while len(in_flight) > 2 * workers:
                    yield from _results(*in_flight.popleft(), outlets_extra)
        if chunk:
            in_flight.append((chunk, _submit(pool, chunk, outlets_extra)))
        while in_flight:
            yield from _results(*in_flight.popleft(), outlets_extra)
    finally:
        for _chunk, future in in_flight:
            if future is not None:
                future.cancel()
        if own:  # waits for the chunks in hand (under a second): no worker outlives it
            pool.shutdown(wait=True, cancel_futures=True)


def _submit(
    pool: ProcessPoolExecutor, chunk: list[tuple[Path, Entry | None]], extra: Path | None
) -> Future | None:
    """The chunk's preparation in the pool; None when the pool cannot take work (it could
    not start its processes, or one died): the chunk is then prepared here."""
    items = [e for _, e in chunk if isinstance(e, SourceItem)]
    try:
        return pool.submit(_prepare_chunk, items, extra)
    except (BrokenProcessPool, RuntimeError) as exc:
        log.warning("cleaning in this process: the worker pool is unusable (%s)", exc)
        return None


def _results(
    chunk: list[tuple[Path, Entry | None]], future: Future | None, extra: Path | None
) -> Iterator[Event]:
    items = [e for _, e in chunk if isinstance(e, SourceItem)]
    try:
        results = future.result() if future is not None else None
    except BrokenProcessPool as exc:
        log.warning("cleaning in this process: a worker process died (%s)", exc)
        results = None
    done = iter(results if results is not None else _prepare_chunk(items, extra))
    for path, entry in chunk:
        if isinstance(entry, SourceItem):
            yield path, entry, next(done)
        else:
            yield path, entry, None
