"""Importing files and folders into a library: read, clean, de-duplicate, store, index.

Every source gets an outcome (imported, duplicate or failed with a reason). Articles are
committed in batches, so an interruption keeps everything imported before it.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader.import_prep import POOL_MIN_BYTES, default_workers, prepared, worker_pool
from reader.index import SEGMENT_DOCS
from reader.models import CleanedArticle
from reader.sources import (
    SourceFailure,
    SourceItem,
    display_path,
    expand_paths,
    read_source,
)

if TYPE_CHECKING:
    from reader.library import Library

log = logging.getLogger(__name__)


@dataclass
class ImportProgress:
    """Where an import is: bytes of input read (for a progress bar) and outcomes so far."""

    done_bytes: int = 0
    total_bytes: int = 0
    imported: int = 0
    duplicates: int = 0
    failed: int = 0
    current: str = ""

    @property
    def fraction(self) -> float:
        return min(1.0, self.done_bytes / self.total_bytes) if self.total_bytes else 0.0


@dataclass
class ImportReport:
    imported: list[tuple[str, int]] = field(default_factory=list)
    duplicates: list[tuple[str, int]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    # Imported (or duplicate) but worth a look: an unreadable date left out, mixed encodings.
    warnings: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False

    def to_json(self) -> dict:
        return {
            "imported": [{"path": p, "id": i} for p, i in self.imported],
            "duplicates": [{"path": p, "id": i} for p, i in self.duplicates],
            "failed": [{"path": p, "reason": r} for p, r in self.failed],
            "warnings": [{"path": p, "message": m} for p, m in self.warnings],
            "cancelled": self.cancelled,
        }

    def summary(self) -> str:
        parts = [
            f"{len(self.imported):,} imported",
            f"{len(self.duplicates):,} duplicates skipped",
            f"{len(self.failed):,} failed",
        ]
        if self.warnings:
            parts.append(f"{len(self.warnings):,} warnings")
        return ", ".join(parts) + (" (cancelled)" if self.cancelled else "")


@dataclass
class _Pending:
    item: SourceItem
    cleaned: CleanedArticle
    lang: str | None = None


def import_paths(
    library: Library,
    paths: list[Path],
    *,
    progress: Callable[[ImportProgress], None] | None = None,
    cancel: threading.Event | None = None,
    store_batch: int = 250,
    index_batch: int = 500,
    workers: int | None = None,
) -> ImportReport:
    """Import files and folders into `library`.

    Articles reach the store in transactions of `store_batch`. The index follows after the
    first `index_batch` articles, then every full segment per process (SEGMENT_DOCS each),
    and at the end, so a long import becomes searchable as it goes while the index stays in
    a few large segments. A set `cancel` event stops after the current article, keeping what
    was imported.

    Cleaning runs in `workers` processes (by default every core, for imports of a few
    megabytes or more; see `reader.import_prep`), and the same processes write the segments
    of large index catch-ups; the result is the same as with `workers=1`.
    """
    library.store.check_integrity()  # never write into a damaged store
    report = ImportReport()
    state = ImportProgress()
    files: list[Path] = []
    for entry in expand_paths(paths):
        if isinstance(entry, SourceFailure):
            report.failed.append((entry.label, entry.reason))
        else:
            files.append(entry)
    sizes = {}
    for path in files:
        try:
            sizes[path] = path.stat().st_size
        except OSError:
            sizes[path] = 0
    state.total_bytes = sum(sizes.values())
    state.failed = len(report.failed)
    outlets_extra = library.folder / "outlets.tsv"
    extra = outlets_extra if outlets_extra.exists() else None

    if workers is None:
        procs = default_workers() if state.total_bytes >= POOL_MIN_BYTES else 1
    else:
        procs = max(1, workers)
    batch: list[_Pending] = []
    last_report = 0.0
    caught_up = False  # whether this import has brought the index up to date once
    unindexed = 0
    # The workers clean, and write the index's segments at each catch-up (no more processes).
    pool = worker_pool(procs) if procs > 1 else None

    def flush() -> None:
        nonlocal unindexed, caught_up
        if batch:
            before = len(report.imported)
            _store_batch(library, batch, report)
            unindexed += len(report.imported) - before
            batch.clear()
        state.imported, state.duplicates = len(report.imported), len(report.duplicates)
        state.failed = len(report.failed)
        # Searchable early, then a full segment per worker at a time: every segment costs
        # each query a little, so few and large ones.
        if unindexed >= (index_batch if not caught_up else SEGMENT_DOCS * procs):
            library.catch_up_index(procs, pool)
            caught_up = True
            unindexed = 0

    events = prepared(_entries(files, cancel), extra, procs, pool)
    try:
        for path, entry, ready in events:
            if entry is None:  # the end of one file
                state.done_bytes += sizes.get(path, 0)
                if progress:
                    progress(state)
                continue
            state.current = str(path)
            if isinstance(entry, SourceFailure):
                report.failed.append((entry.label, entry.reason))
                state.failed += 1
                continue
            assert ready is not None
            if ready.cleaned is None:
                report.failed.append((entry.label, ready.reason or "could not be cleaned"))
                state.failed += 1
                continue
            report.warnings.extend((entry.label, note) for note in entry.notes)
            batch.append(_Pending(entry, ready.cleaned, ready.lang))
            if len(batch) >= store_batch:
                flush()
            if cancel is not None and cancel.is_set():
                report.cancelled = True
                break
            now = time.monotonic()
            if progress and now - last_report > 0.1:
                last_report = now
                progress(state)
        else:
            report.cancelled = cancel is not None and cancel.is_set()
    finally:
        events.close()  # drops what the cleaning workers had in hand
        try:
            # Whatever stopped the loop (end, cancel, error, Ctrl+C): keep what was read.
            if batch:
                _store_batch(library, batch, report)
                batch.clear()
            library.catch_up_index(procs, pool)
        finally:
            if pool is not None:  # no worker outlives the import
                pool.shutdown(wait=True, cancel_futures=True)
    state.imported, state.duplicates = len(report.imported), len(report.duplicates)
    if progress:
        progress(state)
    return report


def _entries(
    files: list[Path], cancel: threading.Event | None
) -> Iterator[tuple[Path, SourceItem | SourceFailure | None]]:
    """Every item of every file, then (file, None) at the end of each; stops at a cancel
    (the file being read when it came is not counted as done)."""
    for path in files:
        if cancel is not None and cancel.is_set():
            return
        for entry in _read_safely(path):
            yield path, entry
            if cancel is not None and cancel.is_set():
                return
        yield path, None


def _read_safely(path: Path) -> Iterator[SourceItem | SourceFailure]:
    """The items of one file; a reader bug is that file's failure, never the whole import's."""
    try:
        yield from read_source(path)
    except Exception:
        log.exception("reading failed for %s", display_path(path))
        yield SourceFailure(
            display_path(path), "internal error while reading (logged); the rest went on"
        )


def _store_batch(library: Library, batch: list[_Pending], report: ImportReport) -> None:
    """Store a batch in one transaction; an article the store refuses fails alone (each is
    added inside its own savepoint), the rest of the batch is kept."""
    store = library.store
    imported: list[tuple[str, int]] = []
    duplicates: list[tuple[str, int]] = []
    failed: list[tuple[str, str]] = []
    with store.transaction():
        for pending in batch:
            cleaned = pending.cleaned
            try:
                with store.savepoint():
                    existing = store.find_duplicate(cleaned.body)
                    if existing is not None:
                        duplicates.append((pending.item.label, existing))
                        continue
                    article_id = store.add(
                        pending.item.raw,
                        cleaned,
                        url=pending.item.url,
                        source=pending.item.label,
                        lang=pending.lang,
                    )
            except (ValueError, sqlite3.IntegrityError, sqlite3.InterfaceError) as exc:
                # UnicodeError is a ValueError: text SQLite cannot take as UTF-8.
                log.warning("store refused %s: %s", pending.item.label, exc)
                failed.append((pending.item.label, "the library could not store this text"))
                continue
            imported.append((pending.item.label, article_id))
    # Only after the commit: a rolled-back batch reports nothing as imported.
    report.imported.extend(imported)
    report.duplicates.extend(duplicates)
    report.failed.extend(failed)
