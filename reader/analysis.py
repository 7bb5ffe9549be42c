"""Text analysis for the command line and the background workers: entities and dates.

The spaCy model is loaded once per process; `analyze_many` spreads a stream over processes.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import os
import weakref
from collections import deque
from collections.abc import Hashable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from reader.entities import recognize
from reader.language import detect_language, is_analysed

log = logging.getLogger(__name__)

Item = tuple[Hashable, str, dt.date | None]


def _dates(text: str, published: dt.date | None, doc) -> list[dict]:
    try:
        from reader.timex import find_timexes
    except ModuleNotFoundError as exc:  # a build without the date tagger still has entities
        if exc.name != "reader.timex":
            raise
        return []
    return [t.to_json() for t in find_timexes(text, published, doc)]


def _result(text: str, published: dt.date | None, doc) -> dict:
    """Entities and dates, only for a language with an installed model: a German article read
    by the English model gives junk names ("Damit Sie"), so it gets none."""
    if not is_analysed(detect_language(text)):
        return {"entities": [], "dates": []}
    return {
        "entities": [m.to_json() for m in recognize(text, doc)],
        "dates": _dates(text, published, doc),
    }


def _within_limit(text: str, limit: int) -> str:
    """spaCy refuses texts over `nlp.max_length` (a million characters): a file that large is
    analysed up to the limit, so offsets stay valid and the worker does not fail."""
    if len(text) <= limit:
        return text
    log.warning("text of %d characters analysed only up to %d", len(text), limit)
    return text[:limit]


def analyze_text(text: str, published: dt.date | None = None) -> dict:
    """Entities and dates of one text; offsets are Python string indices into `text`."""
    from reader.nlp import get_nlp

    nlp = get_nlp()
    text = _within_limit(text, nlp.max_length)
    return _result(text, published, nlp(text))


def _analyze_chunk(items: list[Item], batch_size: int) -> list[tuple[Hashable, dict]]:
    from reader.nlp import get_nlp

    nlp = get_nlp()
    texts = (
        (text, (key, text, published))
        for key, raw, published in items
        for text in [_within_limit(raw, nlp.max_length)]
    )
    out = []
    for doc, (key, text, published) in nlp.pipe(texts, as_tuples=True, batch_size=batch_size):
        out.append((key, _safe_result(key, text, published, doc)))
    return out


def _safe_result(key: Hashable, text: str, published: dt.date | None, doc) -> dict:
    """One article's result; an article the rules fail on is analysed as having no names and
    no dates (and logged), so one bad article never stops a library's analysis, which would
    otherwise meet it again at every restart."""
    try:
        return _result(text, published, doc)
    except Exception:
        log.exception("analysis of article %s failed; it is kept without names and dates", key)
        return {"entities": [], "dates": [], "failed": True}


def _one_blas_thread() -> None:
    """Each worker is one core's worth: OpenBLAS threads of their own only compete with the
    other workers (about 13% more CPU time for the same work, measured on BBC articles). Set
    before the model, and so numpy, is loaded in the fresh worker."""
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")


def _init_worker(parent_pid: int) -> None:
    from reader.process_guard import die_with_parent, give_back_large_blocks

    die_with_parent(parent_pid)
    give_back_large_blocks()
    _one_blas_thread()


# Pools with live workers, so that a window told to quit (SIGTERM) can end them at once.
_live_pools: weakref.WeakSet[ProcessPoolExecutor] = weakref.WeakSet()


def terminate_workers() -> None:
    """End every analysis worker process of this process now (their work is lost; what was
    saved stays saved). For shutting down; the analysis loop then stops with an error."""
    for pool in list(_live_pools):
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            if process.is_alive():
                process.terminate()


def analyze_many(
    items: Iterable[Item], n_process: int = 1, batch_size: int = 32
) -> Iterator[tuple[Hashable, dict]]:
    """Analyse a stream of (key, text, published) and yield (key, result) in input order.

    With n_process > 1 the work goes to worker processes, each loading the model once; chunks
    are submitted a few at a time so a long stream is never held in memory.
    """
    items = iter(items)
    if n_process <= 1:
        while chunk := list(islice(items, batch_size)):
            yield from _analyze_chunk(chunk, batch_size)
        return
    # "spawn": the caller may be a GUI with threads, where fork is unsafe.
    ctx = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(
        n_process, mp_context=ctx, initializer=_init_worker, initargs=(os.getpid(),)
    )
    _live_pools.add(pool)
    try:
        pending: deque[Future] = deque()
        while True:
            while len(pending) < 2 * n_process and (chunk := list(islice(items, batch_size))):
                pending.append(pool.submit(_analyze_chunk, chunk, batch_size))
            if not pending:
                return
            yield from pending.popleft().result()
    finally:
        # A consumer that stops early (cancelled analysis) does not wait for queued chunks.
        pool.shutdown(wait=True, cancel_futures=True)
        _live_pools.discard(pool)
