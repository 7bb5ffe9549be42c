"""Analysing the library's articles in the background: entities and dates into the store.

Worker processes run the model (both cores on large batches); this thread links each mention
to a library-wide entity and writes results in transactions, so an interruption keeps them.
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from reader.models import MentionRecord, TimexRecord

if TYPE_CHECKING:
    from reader.entities.aliases import EntityResolver
    from reader.library import Library

log = logging.getLogger(__name__)

# Bump when recognition or date tagging changes enough that stored results should be redone.
ANALYSIS_VERSION = 2


def pending_count(library: Library) -> int:
    return len(library.store.unanalysed(ANALYSIS_VERSION))


def analyze_pending(
    library: Library,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
    n_process: int | None = None,
    save_every: int = 40,
    index_every: float = 5.0,
) -> int:
    """Analyse every article not yet analysed; returns how many were done.

    `progress(done, total)` is called as results are saved. A set `cancel` event stops soon,
    keeping what was saved. `n_process` defaults to 2 for large batches, 1 for small ones
    (starting a worker process and loading the model costs a few seconds).
    """
    from reader.analysis import analyze_many
    from reader.entities.aliases import EntityResolver

    store = library.store
    ids = store.unanalysed(ANALYSIS_VERSION)
    total = len(ids)
    if not total:
        return 0
    if n_process is None:
        n_process = 2 if total >= 100 else 1
    resolver = EntityResolver(store.entity_keys(), pinned=store.edited_entity_keys())
    done = 0
    batch: list[tuple[int, str, dict]] = []
    last_index = time.monotonic()

    def save() -> None:
        nonlocal last_index
        with store.transaction():
            for article_id, body, result in batch:
                try:
                    mentions, timexes = _records(body, result, resolver)
                except Exception:  # one bad article must not stop the library's analysis
                    log.exception("names and dates of article %s could not be kept", article_id)
                    mentions, timexes = [], []
                store.save_analysis(article_id, ANALYSIS_VERSION, mentions, timexes)
        batch.clear()
        if time.monotonic() - last_index >= index_every:
            library.catch_up_index()
            last_index = time.monotonic()

    bodies: dict[int, str] = {}
    try:
        for article_id, result in analyze_many(
            # Eight articles a chunk: a model worker's memory swings with its chunk (16 took
            # its peaks to 400 MB on long articles).
            _items(library, ids, bodies), n_process=n_process, batch_size=8
        ):
            assert isinstance(article_id, int)  # the keys _items gave
            batch.append((article_id, bodies.pop(article_id), result))
            done += 1
            if len(batch) >= save_every:
                save()
                if progress:
                    progress(done, total)
            if cancel is not None and cancel.is_set():
                break
    finally:
        if batch:
            save()
        library.catch_up_index()
    if progress:
        progress(done, total)
    return done


def _items(
    library: Library, ids: list[int], bodies: dict[int, str]
) -> Iterator[tuple[int, str, dt.date | None]]:
    for start in range(0, len(ids), 200):
        chunk = ids[start : start + 200]
        rows = {r.id: r for r in library.store.rows(chunk)}
        texts = library.store.bodies(chunk)
        for article_id in chunk:
            if article_id not in texts:
                continue
            row = rows[article_id]
            bodies[article_id] = texts[article_id]
            published = row.published.as_date() if row.published else None
            yield article_id, texts[article_id], published


def _records(
    body: str, result: dict, resolver: EntityResolver
) -> tuple[list[MentionRecord], list[TimexRecord]]:
    from reader.compare.sentences import split_sentences

    mentions = []
    for ent in result["entities"]:
        key = resolver.resolve(ent["canonical"], ent["label"])
        entity = resolver.entity(key)
        mentions.append(
            MentionRecord(ent["start"], ent["end"], ent["text"], entity.label, key,
                          entity.canonical)
        )
    sentences = split_sentences(body)
    starts = [s for s, _ in sentences]
    timexes = []
    for t in result["dates"]:
        i = bisect.bisect_right(starts, t["start"]) - 1
        sent = sentences[i] if i >= 0 and sentences[i][1] >= t["end"] else (t["start"], t["end"])
        timexes.append(
            TimexRecord(t["start"], t["end"], t["text"], t["type"], t["value"],
                        bool(t.get("resolved", True)), sent[0], sent[1])
        )
    return mentions, timexes
