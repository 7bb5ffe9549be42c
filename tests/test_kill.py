"""Killed at random moments (SIGKILL: no clean-up runs), an import or a reindex leaves a
library that the next start finds consistent and fully searchable, with no manual step.

The work runs in a forked child (no interpreter start-up per try), so twenty kills take a few
seconds; bench/kill_test.py does the same with the `reader` command on a larger corpus.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from reader.library import Library
from tests.test_concurrency import make_corpus

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def _run_and_kill(work, delay: float) -> bool:
    """Run `work` in a child and SIGKILL it after `delay` seconds; True if it was killed."""
    pid = os.fork()
    if pid == 0:  # the child: do the work, leave without any clean-up of the parent's
        try:
            work()
        finally:
            os._exit(0)
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    return os.WIFSIGNALED(status)


def _finish(work) -> bool:
    pid = os.fork()
    if pid == 0:
        try:
            work()
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    return True


def _import_into(lib: Path, corpus: Path) -> None:
    with Library(lib) as library:
        library.import_paths([corpus], store_batch=40, index_batch=80)


def check_consistent(lib: Path, tag: str) -> int:
    """A restart: the store is intact, nothing is left queued, every article is found."""
    with sqlite3.connect(lib / Library.STORE_FILE) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Library(lib) as library:
        count = library.store.count()
        assert not library.store.pending_index()
        assert library.search(tag, limit=1).total == count
        assert library.indexed_count() == count
        return count


def test_twenty_random_kills_during_import_and_reindex(tmp_path: Path) -> None:
    rng = random.Random(11)
    # A new file each round, so that every round has a whole import to be killed in.
    corpora = [make_corpus(tmp_path / f"{n}.jsonl", 150, "kilo", 150 * n) for n in range(10)]
    lib = tmp_path / "lib"
    Library(lib).close()

    def do_reindex() -> None:
        with Library(lib) as library:
            library.reindex()

    def duration(work) -> float:  # of a run to the end, so kills fall inside the work
        started = time.monotonic()
        _finish(work)
        return time.monotonic() - started

    import_time = duration(lambda: _import_into(tmp_path / "scratch", corpora[0]))
    killed = 0
    counts = []
    for corpus in corpora:
        killed += _run_and_kill(
            lambda c=corpus: _import_into(lib, c), rng.uniform(0.05, 0.9) * import_time
        )
        counts.append(check_consistent(lib, "kilo"))
    assert counts == sorted(counts)  # nothing lost between restarts
    reindex_time = duration(do_reindex)
    for _ in range(10):
        killed += _run_and_kill(do_reindex, rng.uniform(0.05, 0.9) * reindex_time)
        check_consistent(lib, "kilo")
    assert killed >= 15  # most tries were really killed mid-way
    for corpus in corpora:  # imported again to the end: every article is there once
        _import_into(lib, corpus)
    assert check_consistent(lib, "kilo") == 1500
