"""Query latency over a large library: 50 realistic 1–3 word queries, snippets for the top 20.

Run after bench/import_all.py: .venv/bin/python bench/query_latency.py [--library DIR]
Target (issue 2): p95 at most 30 ms. Each query is run once cold (first time) and its
median over 3 runs reported; the index is opened before timing starts.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import median, percentile
from reader.library import Library

QUERIES = [
    "oil prices", "election", "peace treaty", "interest rates", "trade deficit",
    "climate change", "health care", "supreme court", "tax cuts", "immigration",
    "stock market", "world cup", "prime minister", "central bank", "gun control",
    "north korea", "coffee", "mobile phones", "unemployment rate", "tony blair",
    "iraq war", "federal reserve", "budget deficit", "police shooting", "oscar",
    "football", "inflation", "russia sanctions", "china trade", "wheat exports",
    "obama", "trump tweets", "brexit", "refugees", "terror attack", "nuclear deal",
    "cocoa", "merger", "bankruptcy", "hurricane", "vaccine", "border wall",
    "minimum wage", "video games", "broadband", "strike", "opec output",
    "abortion ruling", "student loans", "japan yen",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--library", type=Path, default=Path("/tmp/reader-58k"))
    parser.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    args = parser.parse_args()
    if not (args.library / Library.STORE_FILE).exists():
        sys.exit(f"no library at {args.library}: run bench/import_all.py first")
    t0 = time.perf_counter()
    library = Library(args.library, create=False)
    library.index.searcher()
    opened = time.perf_counter() - t0
    cold, warm, totals = [], [], []
    for q in QUERIES:
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            result = library.search(q, limit=20, sort=args.sort)
            runs.append((time.perf_counter() - start) * 1000)
        cold.append(runs[0])
        warm.append(median(runs))
        totals.append(result.total)
    count = library.store.count()
    library.close()
    print(f"{len(QUERIES)} queries over {count:,} articles (top 20 with snippets, facets, "
          f"sort by {args.sort}); library opened in {opened * 1000:.0f} ms")
    print(f"  first run: median {median(cold):.1f} ms, p95 {percentile(cold, 95):.1f} ms, "
          f"max {max(cold):.1f} ms")
    print(f"  repeated:  median {median(warm):.1f} ms, p95 {percentile(warm, 95):.1f} ms, "
          f"max {max(warm):.1f} ms")
    print(f"  hits per query: median {median(totals):,.0f}, max {max(totals):,}")


if __name__ == "__main__":
    main()
