"""Query fuzzing on a large library: 500 generated queries (tests/test_query_fuzz.py's, with
the ones that once took minutes or crashed), each answered or refused; prints the latency.

Run after bench/import_all.py: .venv/bin/python bench/query_fuzz.py [--library DIR]
Target (issue 11): zero tracebacks, every query answered or refused within 2 s.
Baseline in the same run: the 50 realistic queries of bench/query_latency.py.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import median, percentile
from bench.query_latency import QUERIES
from reader.errors import QuerySyntaxError
from reader.library import Library
from tests.test_query_fuzz import INTERNALS, generated_queries


def timed(library: Library, text: str, sort: str) -> tuple[float, str]:
    started = time.perf_counter()
    try:
        library.search(text, limit=20, all_ids=True, sort=sort)
        outcome = "answered"
    except QuerySyntaxError as exc:
        outcome = "leaked" if any(s in str(exc) for s in INTERNALS) else "refused"
    except Exception:
        traceback.print_exc()
        outcome = "crashed"
    return time.perf_counter() - started, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--library", type=Path, default=Path("/tmp/reader-58k"))
    parser.add_argument("--count", type=int, default=500)
    args = parser.parse_args()
    if not (args.library / Library.STORE_FILE).exists():
        sys.exit(f"no library at {args.library}: run bench/import_all.py first")
    with Library(args.library, create=False) as library:
        print(f"library: {library.store.count():,} articles")
        base = [timed(library, q, "relevance")[0] for q in QUERIES]
        print(
            f"baseline (50 realistic queries): median {median(base) * 1000:.0f} ms, "
            f"max {max(base) * 1000:.0f} ms"
        )
        for sort in ("relevance", "date"):
            results = [(q, *timed(library, q, sort)) for q in generated_queries(args.count)]
            times = [t for _, t, _ in results]
            counts: dict[str, int] = {}
            for _, _, outcome in results:
                counts[outcome] = counts.get(outcome, 0) + 1
            slowest = max(results, key=lambda r: r[1])
            print(
                f"fuzz ({args.count} queries, sort {sort}): {counts}; median "
                f"{median(times) * 1000:.0f} ms, p95 {percentile(times, 95) * 1000:.0f} ms, "
                f"max {max(times) * 1000:.0f} ms ({slowest[0][:40]!r}, {slowest[2]})"
            )
            over = [(q[:40], round(t, 2)) for q, t, _ in results if t > 2.0]
            if over:
                print(f"  over 2 s: {over}")


if __name__ == "__main__":
    main()
