"""Importing on several cores: the same library as a serial import, and nothing lost when the
import is cancelled or interrupted half way."""

from __future__ import annotations

import json
import multiprocessing
import threading
from pathlib import Path

import pytest

from reader import importer
from reader import index as index_module
from reader.library import Library

WORDS = [
    "harbour", "storm", "council", "budget", "election",
    "river", "school", "bridge", "market", "hospital",
]


def _corpus(folder: Path, count: int = 150) -> list[Path]:
    """A JSON Lines file of `count` articles (some duplicates, one empty) and a few text files."""
    folder.mkdir()
    lines = []
    for i in range(count):
        words = " ".join(WORDS[(i + k) % len(WORDS)] for k in range(40))
        body = f"Report {i} from the {WORDS[i % len(WORDS)]} desk. {words}. Ends {i}."
        lines.append({"title": f"Story {i}", "text": body, "outlet": f"Outlet {i % 3}"})
    lines.append({"title": "Again", "text": lines[5]["text"]})  # a duplicate
    lines.append({"title": "Empty", "text": "   "})  # fails: nothing left after cleaning
    (folder / "news.jsonl").write_text("\n".join(json.dumps(x) for x in lines), "utf-8")
    for i in range(3):
        (folder / f"note{i}.txt").write_text(f"Note {i}\n\nA note about the river {i}.\n")
    return [folder]


def _content(library: Library) -> list[tuple]:
    rows = library.rows()
    out = []
    for row in sorted(rows, key=lambda r: r.id):
        article = library.get(row.id)
        out.append((article.id, article.title, article.outlet, article.body,
                    library.language(article.id)))
    return out


@pytest.fixture
def parallel_index(monkeypatch):
    """Let even a small import's catch-up have its segments written by the worker pool, in
    segments of a few dozen articles."""
    monkeypatch.setattr(Library, "PARALLEL_INDEX_MIN", 1)
    monkeypatch.setattr(Library, "POOL_INDEX_MIN", 1)
    monkeypatch.setattr(index_module, "SEGMENT_DOCS", 30)
    monkeypatch.setattr(importer, "SEGMENT_DOCS", 30)


def test_parallel_import_equals_serial_import(tmp_path: Path, parallel_index) -> None:
    sources = _corpus(tmp_path / "src")
    with Library(tmp_path / "serial") as serial:
        one = serial.import_paths(sources, workers=1, store_batch=40, index_batch=50)
        serial_content = _content(serial)
        serial_hits = serial.search("harbour budget", limit=None, all_ids=True).ids
        assert len(serial_hits) > 10
    with Library(tmp_path / "parallel") as parallel:
        two = parallel.import_paths(sources, workers=2, store_batch=40, index_batch=50)
        assert parallel.index.segment_count() > 2  # written by the workers, 30 at most each
        assert _content(parallel) == serial_content
        assert sorted(parallel.search("harbour budget", limit=None, all_ids=True).ids) == sorted(
            serial_hits)
        assert parallel.indexed_count() == parallel.count() == len(two.imported)
    assert two.to_json() == one.to_json()
    assert len(one.imported) == 153 and len(one.duplicates) == 1 and len(one.failed) == 1
    assert multiprocessing.active_children() == []  # no worker left behind


def test_cancelled_parallel_import_keeps_what_it_imported(
    tmp_path: Path, parallel_index, monkeypatch
) -> None:
    sources = _corpus(tmp_path / "src", count=400)
    cancel = threading.Event()
    real_store = importer._store_batch

    def store_then_cancel(*args) -> None:  # the user cancels after two batches are stored
        real_store(*args)
        if len(args[2].imported) >= 100:
            cancel.set()

    monkeypatch.setattr(importer, "_store_batch", store_then_cancel)
    with Library(tmp_path / "lib") as library:
        report = library.import_paths(sources, workers=2, store_batch=50, cancel=cancel)
        assert report.cancelled
        assert 100 <= len(report.imported) < 400
        ids = sorted(i for _, i in report.imported)
        assert [r.id for r in sorted(library.rows(), key=lambda r: r.id)] == ids
        assert library.indexed_count() == len(ids)  # what was stored is searchable
        assert library.search("report", limit=None).total == len(ids)
        # The rest comes in when the import is run again.
        again = library.import_paths(sources, workers=2)
        assert len(again.imported) + len(report.imported) == 403
    assert multiprocessing.active_children() == []


def test_interrupted_parallel_import_keeps_what_it_stored(
    tmp_path: Path, parallel_index, monkeypatch
) -> None:
    sources = _corpus(tmp_path / "src", count=400)
    real_store = importer._store_batch

    def store_then_interrupt(*args) -> None:  # Ctrl+C after two batches are stored
        real_store(*args)
        if len(args[2].imported) >= 120:
            raise KeyboardInterrupt

    monkeypatch.setattr(importer, "_store_batch", store_then_interrupt)
    library = Library(tmp_path / "lib")
    with pytest.raises(KeyboardInterrupt):
        library.import_paths(sources, workers=2, store_batch=60)
    library.close()
    with Library(tmp_path / "lib") as library:
        stored = library.count()
        assert stored >= 120
        assert library.indexed_count() == stored
    assert multiprocessing.active_children() == []


def test_a_pool_that_cannot_start_falls_back_to_this_process(
    tmp_path: Path, monkeypatch
) -> None:
    from reader import import_prep

    class Broken:
        def __init__(self, *args, **kwargs) -> None:
            pass

        def submit(self, *args, **kwargs):
            raise RuntimeError("cannot start processes here")

        def shutdown(self, **kwargs) -> None:
            pass

    monkeypatch.setattr(import_prep, "ProcessPoolExecutor", Broken)
    with Library(tmp_path / "lib") as library:
        report = library.import_paths(_corpus(tmp_path / "src", count=80), workers=2)
        assert len(report.imported) == 83


def test_the_worker_pool_writes_the_index_a_serial_import_writes(
    tmp_path: Path, parallel_index
) -> None:
    """Every query finds the same articles with the same scores, and an article edited after
    the import (its index entry replaced by the pool) is found by its new words only."""
    sources = _corpus(tmp_path / "src")
    queries = ["harbour", "storm council", '"river school"', "report 7", "outlet:2 market",
               "again", "ends", "-bridge hospital"]
    with Library(tmp_path / "serial") as serial:
        serial.import_paths(sources, workers=1, store_batch=40, index_batch=50)
        expected = {q: _ranked(serial, q) for q in queries}
    with Library(tmp_path / "parallel") as parallel:
        parallel.import_paths(sources, workers=2, store_batch=40, index_batch=50)
        for q in queries:
            assert _ranked(parallel, q) == expected[q], q
        # A put of an article already indexed (as after an edit) goes through the pool too.
        article_id = next(r.id for r in parallel.rows() if r.title == "Story 7")
        with parallel.store.transaction() as db:
            db.execute("UPDATE articles SET body = 'A zeppelin landed on the harbour.'"
                       " WHERE id = ?", (article_id,))
            db.execute("INSERT OR REPLACE INTO index_queue(article_id, op) VALUES (?, 'put')",
                       (article_id,))
        pending = [article_id] + [i for i in range(1, 40)]
        with parallel.store.transaction() as db:
            for i in pending[1:]:
                db.execute("INSERT OR REPLACE INTO index_queue(article_id, op) VALUES (?, 'put')",
                           (i,))
        from reader.import_prep import worker_pool

        pool = worker_pool(2)
        try:
            assert parallel.catch_up_index(2, pool) == len(set(pending))
        finally:
            pool.shutdown()
        assert parallel.search("zeppelin", all_ids=True).ids == [article_id]
        assert article_id not in parallel.search("desk", all_ids=True).ids
        assert parallel.indexed_count() == parallel.count()
    assert multiprocessing.active_children() == []


def _ranked(library: Library, query: str) -> list[tuple[int, float]]:
    hits = library.index.search(library.parse(query), limit=None)
    return sorted(zip(hits.ids, (round(s, 6) for s in hits.scores), strict=True))
