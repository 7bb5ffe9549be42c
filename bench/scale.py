"""Issue 14's table: Reader beside SQLite FTS5 (standard library) on the same data, one run.

Run: .venv/bin/python bench/scale.py [--library DIR] [--fts FILE] [--rebuild]

With no library at DIR (default /tmp/reader-scale), or with --rebuild, the 58,822 articles of
../shared/corpora are imported into it (several minutes); otherwise the library is reused and
the import row is not measured. The FTS5 table is built from the same corpus files (parsed by
Reader's own source readers, not cleaned) each run, and is the baseline of every row.

Every measurement runs in a fresh child process (this script again, with --child), so open
times and memory are what a starting program sees: wall time, CPU seconds, peak memory of the
process doing the work (VmHWM) and resident memory added (VmRSS after minus before; the
modules are imported before the "before").

Each row is a function in ROWS returning (label, Reader's figure, FTS5's figure, goal); the
window rows (window shown; blocks and memory while the library is analysed, --window-seconds)
come from bench/scale_rows_window.py, beside a bare QMainWindow measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import SHARED, median, percentile
from bench.query_latency import QUERIES

# Words no article of the corpora contains: a query of them finds nothing.
MISSES = ["Kishidda", "ebolla outbreak", "obamma helthcare", "quarantinne", "zzyzx road"]
FIRST_QUERY = "oil prices"


ALL_CORPORA = ["bbc", "reuters21578.jsonl.gz", "allsides2020.jsonl.gz"]


def corpus_paths(names: str) -> list[Path]:
    return [SHARED / "corpora" / name for name in names.split(",")]


# -- what the children measure -----------------------------------------------------------------


def _status(key: str) -> float:
    """A /proc/self/status figure in MB (VmRSS, VmHWM)."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _cpu() -> float:
    """CPU seconds of this process and of the processes it waited for (import workers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def child_reader_import(library: str, corpora: str) -> dict:
    import threading

    from bench.scale_rows_window import TreeMemory
    from reader.library import Library

    # The import's worker processes count too: their resident sizes summed, sampled.
    tree = TreeMemory(os.getpid())
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.2):
            tree.sample()

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start, cpu = time.perf_counter(), _cpu()
    with Library(Path(library)) as lib:
        lib.import_paths(corpus_paths(corpora))
        count = lib.indexed_count()
    done.set()
    sampler.join()
    return {"wall": time.perf_counter() - start, "cpu": _cpu() - cpu,
            "peak_mb": _status("VmHWM"), "all_peak_mb": tree.peak_rss_sum / 1024,
            "count": count}


def child_fts_import(db_path: str, corpora: str) -> dict:
    from reader.sources import SourceItem, expand_paths, read_source

    start, cpu = time.perf_counter(), _cpu()
    db = sqlite3.connect(db_path)
    db.execute("CREATE VIRTUAL TABLE articles USING fts5(title, body, outlet, "
               "tokenize='porter unicode61')")
    count = 0
    with db:
        for path in expand_paths(corpus_paths(corpora)):
            if not isinstance(path, Path):
                continue
            for item in read_source(path):
                if isinstance(item, SourceItem):
                    db.execute("INSERT INTO articles VALUES (?, ?, ?)",
                               (item.title or "", item.raw, item.outlet or ""))
                    count += 1
    db.close()
    return {"wall": time.perf_counter() - start, "cpu": _cpu() - cpu,
            "peak_mb": _status("VmHWM"), "count": count}


def _fts_match(text: str) -> str:
    """FTS5's query for the words a user typed (implicit AND, each word quoted)."""
    return " ".join('"' + w.replace('"', "") + '"' for w in text.split())


def _fts_top20(db: sqlite3.Connection, text: str) -> list:
    return db.execute(
        "SELECT rowid, title, snippet(articles, 1, '[', ']', '…', 30) FROM articles "
        "WHERE articles MATCH ? ORDER BY rank LIMIT 20", (_fts_match(text),)
    ).fetchall()


def child_open(kind: str, where: str) -> dict:
    """Open the library (or FTS5 database) and run the first search, in a fresh process."""
    if kind == "reader":
        from reader.library import Library
        before = _status("VmRSS")
        start = time.perf_counter()
        lib = Library(Path(where), create=False)
        opened = time.perf_counter() - start
        lib.search(FIRST_QUERY, limit=20)
    else:
        before = _status("VmRSS")
        start = time.perf_counter()
        db = sqlite3.connect(where)
        opened = time.perf_counter() - start
        _fts_top20(db, FIRST_QUERY)
    return {"seconds": time.perf_counter() - start, "open_seconds": opened,
            "added_mb": _status("VmRSS") - before}


def child_queries(kind: str, where: str) -> dict:
    """The 50 queries three times each (top 20 with snippets), then the misses."""
    times: list[float] = []
    miss: dict[str, list[float]] = {"plain": [], "suggest": []}
    suggestions = {}
    if kind == "reader":
        from reader.library import Library
        lib = Library(Path(where), create=False)
        lib.search(FIRST_QUERY, limit=20)

        def top20(text: str) -> None:
            lib.search(text, limit=20, suggest=False)

        def missed(text: str, suggest: bool) -> int:
            found = lib.search(text, limit=20, suggest=suggest)
            if suggest:
                suggestions[text] = found.suggestion
            return found.total
    else:
        db = sqlite3.connect(where)
        _fts_top20(db, FIRST_QUERY)

        def top20(text: str) -> None:
            _fts_top20(db, text)

        def missed(text: str, suggest: bool) -> int:
            return len(_fts_top20(db, text))
    for _ in range(3):
        for text in QUERIES:
            start = time.perf_counter()
            top20(text)
            times.append((time.perf_counter() - start) * 1000)
    found_something = []
    for _ in range(3):
        for text in MISSES:
            for mode in ("plain", "suggest"):
                if kind != "reader" and mode == "suggest":
                    continue
                start = time.perf_counter()
                if missed(text, mode == "suggest"):
                    found_something.append(text)
                miss[mode].append((time.perf_counter() - start) * 1000)
    return {"times": times, "miss": miss, "suggestions": suggestions,
            "found": sorted(set(found_something)), "rss_mb": _status("VmRSS")}


CHILDREN: dict[str, Callable[..., dict]] = {
    "reader-import": child_reader_import,
    "fts-import": child_fts_import,
    "open": child_open,
    "queries": child_queries,
}


def run_child(*args: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        check=True, capture_output=True, text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


# -- the table -----------------------------------------------------------------------------


@dataclass
class Setup:
    library: Path
    fts: Path
    reader_import: dict | None  # None: the library was reused
    fts_import: dict
    cache: dict


Row = tuple[str, str, str, str]


def import_row(s: Setup) -> Row:
    def show(m: dict | None) -> str:
        if m is None:
            return "(library reused: not measured)"
        text = f"{m['wall']:.0f} s wall, {m['cpu']:.0f} CPU-s, peak {m['peak_mb']:,.0f} MB"
        if "all_peak_mb" in m:
            text += f" (all processes {m['all_peak_mb']:,.0f} MB, RSS summed)"
        return text
    return ("import until searchable", show(s.reader_import), show(s.fts_import),
            "≤ 3 min wall, ≤ 600 MB")


def open_row(s: Setup) -> Row:
    def show(kind: str, where: Path) -> str:
        runs = [run_child("open", kind, str(where)) for _ in range(3)]
        seconds = median([r["seconds"] for r in runs]) * 1000
        added = median([r["added_mb"] for r in runs])
        return f"{seconds:,.0f} ms, +{added:,.0f} MB"
    return ("library opened + first search (median of 3)", show("reader", s.library),
            show("fts", s.fts), "≤ 300 ms, ≤ +300 MB")


def _queries(s: Setup, kind: str) -> dict:
    if kind not in s.cache:
        s.cache[kind] = run_child("queries", kind, str(s.library if kind == "reader" else s.fts))
    return s.cache[kind]


def query_row(s: Setup) -> Row:
    def show(kind: str) -> str:
        t = _queries(s, kind)["times"]
        return f"{median(t):.1f} / {percentile(t, 95):.1f} ms (max {max(t):.0f})"
    return ("top 20 with snippets, median / p95 (50 queries ×3)", show("reader"), show("fts"),
            "p95 ≤ FTS5's")


def miss_row(s: Setup) -> Row:
    reader, fts = _queries(s, "reader"), _queries(s, "fts")
    plain, sug = reader["miss"]["plain"], reader["miss"]["suggest"]
    return (
        "a query that finds nothing: median / max",
        f"{median(plain):.1f} / {max(plain):.0f} ms; with 'did you mean' "
        f"{median(sug):.1f} / {max(sug):.0f} ms",
        f"{median(fts['miss']['plain']):.1f} / {max(fts['miss']['plain']):.0f} ms "
        "(no suggestion)",
        "no dearer than a search",
    )


def window_table_rows(library: Path, seconds: float) -> list[Row]:
    """The window's rows (bench/scale_rows_window.py): shown, and blocks and memory while the
    library is analysed for `seconds`, each beside a bare QMainWindow measured in the same run."""
    from bench.scale_rows_window import window_rows

    shown, busy = window_rows(library, seconds)
    r, b = busy["reader"], busy["baseline"]
    return [
        ("window shown (median of 3)", f"{shown['reader']['shown_s']:.2f} s",
         f"bare QMainWindow: {shown['baseline']['shown_s']:.2f} s", "≤ 1.0 s"),
        (f"window open while the library is analysed ({seconds:.0f} s)",
         f"longest GUI block {r['longest_block_ms']:.0f} ms (p99 {r['p99_block_ms']:.0f}); "
         f"window {r['main_peak_mb']} MB, all processes {r['all_peak_rss_mb']} MB RSS summed, "
         f"{r.get('all_peak_pss_mb', '?')} MB PSS (shared pages once); "
         f"{r['analysed']:,} analysed",
         f"bare QMainWindow idle: longest block {b['longest_block_ms']:.0f} ms, "
         f"{b['main_peak_mb']} MB",
         "block ≤ 100 ms; window ≤ 400 MB, all ≤ 900 MB"),
    ]


ROWS: list[Callable[[Setup], Row]] = [import_row, open_row, query_row, miss_row]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--library", type=Path, default=Path("/tmp/reader-scale"))
    parser.add_argument("--fts", type=Path, help="where to build the FTS5 database "
                        "(default: a temporary file, removed after)")
    parser.add_argument("--rebuild", action="store_true", help="import the library afresh")
    parser.add_argument("--corpora", default=",".join(ALL_CORPORA),
                        help="which of ../shared/corpora (comma-separated; default all three)")
    parser.add_argument("--window-seconds", type=float, default=120.0,
                        help="how long the window rows watch the window while the library is "
                        "analysed (0: leave the window rows out)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        role, *rest = args.child
        print(json.dumps(CHILDREN[role](*rest)))
        return
    reader_import = None
    if args.rebuild or not (args.library / "library.sqlite3").exists():
        shutil.rmtree(args.library, ignore_errors=True)
        print(f"importing the corpora into {args.library} …", flush=True)
        reader_import = run_child("reader-import", str(args.library), args.corpora)
    tmp = None
    fts = args.fts
    if fts is None:
        tmp = tempfile.mkdtemp(prefix="scale-fts-")
        fts = Path(tmp) / "fts.sqlite3"
    fts.unlink(missing_ok=True)
    print("building the FTS5 table …", flush=True)
    fts_import = run_child("fts-import", str(fts), args.corpora)
    setup = Setup(args.library, fts, reader_import, fts_import, {})
    try:
        rows = [row(setup) for row in ROWS]
        if args.window_seconds > 0:
            rows += window_table_rows(args.library, args.window_seconds)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    reader_q = setup.cache.get("reader", {})
    print(f"\n{setup.fts_import['count']:,} articles in FTS5; Reader library {args.library}")
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    header = ("", "Reader", "SQLite FTS5 (same run)", "goal")
    for r in (header, *rows):
        print(" | ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)))
    if reader_q:
        print(f"suggestions: {reader_q['suggestions']}")
        if reader_q["found"]:
            print(f"note: these 'misses' found something: {reader_q['found']}")
        print(f"Reader process resident after the queries: {reader_q['rss_mb']:,.0f} MB")


if __name__ == "__main__":
    main()
