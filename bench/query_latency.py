"""Query latency over a large library: 50 realistic 1–3 word queries, snippets for the top 20.

Run after bench/import_all.py: .venv/bin/python bench/query_latency.py [--library DIR]
Target (issue 2): p95 at most 30 ms. Reported for each query as typed for the first time
(decoded-block cache emptied) and repeated, and in two scopes:
  ranked   the top 20 ranked (BM25F) with highlighted snippets: what the result list shows;
  full     what `reader search` answers: also the exact total and every outlet's count.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import median, percentile
from reader import postings
from reader.index import _expand_prefixes, _matched_terms
from reader.library import Library
from reader.snippets import HitFinder
from reader.whoosh_patches import clear_block_cache

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


def ranked_with_snippets(library: Library, text: str) -> None:
    """The top 20 and their snippets only, as the result list first shows them."""
    searcher = library.index.searcher()
    q = _expand_prefixes(library.parse(text).query, searcher)
    results = searcher.search(q, limit=20, terms=False)
    column = searcher.reader().column_reader("id")
    ids = [column[hit.docnum] for hit in results]
    finder = HitFinder(_matched_terms(q, searcher))
    library.store.rows(ids)
    for body in library.store.bodies(ids).values():
        finder.snippet(body)


def timed(run, first: bool) -> float:
    if first:
        clear_block_cache()
        postings.clear_cache()
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) * 1000


def summary(label: str, values: list[float]) -> str:
    return (f"  {label:<26} median {median(values):5.1f} ms, p95 {percentile(values, 95):5.1f} ms,"
            f" max {max(values):5.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--library", type=Path, default=Path("/tmp/reader-58k"))
    parser.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    args = parser.parse_args()
    if not (args.library / Library.STORE_FILE).exists():
        sys.exit(f"no library at {args.library}: run bench/import_all.py first")
    t0 = time.perf_counter()
    library = Library(args.library, create=False)
    library.search("warm up", limit=1)  # opens the searcher and reads the outlet column
    opened = time.perf_counter() - t0
    times: dict[str, list[float]] = {k: [] for k in ("ranked1", "ranked", "full1", "full")}
    totals = []
    for q in QUERIES:
        for first in (True, False, False):
            key = "ranked1" if first else "ranked"
            times[key].append(timed(lambda q=q: ranked_with_snippets(library, q), first))
        for first in (True, False, False):
            key = "full1" if first else "full"
            times[key].append(
                timed(lambda q=q: totals.append(library.search(q, sort=args.sort).total), first)
            )
    count = library.store.count()
    library.close()
    print(f"{len(QUERIES)} queries over {count:,} articles (sort by {args.sort}); "
          f"library opened and first search in {opened * 1000:.0f} ms")
    print(summary("ranked + snippets, first:", times["ranked1"]))
    print(summary("ranked + snippets, again:", times["ranked"]))
    print(summary("full answer, first:", times["full1"]))
    print(summary("full answer, again:", times["full"]))
    print(f"  hits per query: median {median(totals):,.0f}, max {max(totals):,}")


if __name__ == "__main__":
    main()
