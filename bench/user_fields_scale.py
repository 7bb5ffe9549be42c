"""Search with tag:, collection: and is: over a large library, beside the same words without.

Run after bench/import_all.py: .venv/bin/python bench/user_fields_scale.py [--library DIR]
Tags 10,000 articles (seeded, one in six of the library): `bench-all` on all of them and
`bench-0` … `bench-9` on 1,000 each; stars 2,000 and marks 20,000 read; puts 500 in a
collection. Then times the 50 queries of bench/query_latency.py as `reader search` answers
them (top 20 with snippets, exact total, outlet and tag facets) four ways: plain, with
`tag:bench-all`, with `-is:read`, and with `(tag:bench-1 OR tag:bench-2)`; and the fields
alone (`is:starred`, `tag:bench-all`, `is:unread`, `collection:…`). Target: the query_latency
budget (p95 30 ms) kept, the tag filter within a few ms of the plain search. What it added is
taken away at the end (the library is left as it was).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import median, percentile
from bench.query_latency import QUERIES
from reader.library import Library
from reader.search_pages import SearchRequest

TAGGED = 10_000


def timed(run) -> float:
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) * 1000


def line(label: str, values: list[float]) -> str:
    return (f"  {label:<34} median {median(values):5.1f} ms, p95 {percentile(values, 95):5.1f} ms,"
            f" max {max(values):6.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--library", type=Path, default=Path("/tmp/reader-58k"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not (args.library / Library.STORE_FILE).exists():
        sys.exit(f"no library at {args.library}: run bench/import_all.py first")
    library = Library(args.library, create=False)
    ids = [r.id for r in library.rows()]
    rng = random.Random(16)
    tagged = rng.sample(ids, min(TAGGED, len(ids)))
    marks = library.marks_of(ids)
    was_read = {i for i, (read, _) in marks.items() if read}
    was_starred = {i for i, (_, star) in marks.items() if star}
    started = time.perf_counter()
    library.tag_articles(tagged, "bench-all")
    for n in range(10):
        library.tag_articles(tagged[n * 1000:(n + 1) * 1000], f"bench-{n}")
    starred = [i for i in rng.sample(ids, min(2000, len(ids))) if i not in was_starred]
    library.mark(starred, "starred")
    newly_read = [i for i in rng.sample(ids, min(20_000, len(ids))) if i not in was_read]
    library.mark(newly_read, "read")
    project = library.create_collection(f"bench project {rng.random():.6f}")
    library.add_to_collection(project.id, rng.sample(ids, min(500, len(ids))))
    setup = time.perf_counter() - started
    try:
        library.search("warm up", limit=1)
        # Once per index change: each segment's map from article id to document number.
        first_map = timed(lambda: library.search("tag:bench-all", limit=20))
        ways = {
            "plain (baseline)": "{q}",
            "+ tag:bench-all": "{q} tag:bench-all",
            "+ -is:read": "{q} -is:read",
            "+ (tag:bench-1 OR tag:bench-2)": "{q} (tag:bench-1 OR tag:bench-2)",
        }
        times: dict[str, list[float]] = {label: [] for label in ways}
        times["plain, no tag facet (before)"] = []
        for q in QUERIES:
            for _ in range(args.repeat):
                times["plain, no tag facet (before)"].append(timed(
                    lambda q=q: library.search(q)))
            for label, form in ways.items():
                text = form.format(q=q)
                for _ in range(args.repeat):
                    times[label].append(timed(
                        lambda text=text: library.search(text, tag_facet=True)))
        alone = {
            "is:starred": "is:starred",
            "tag:bench-all": "tag:bench-all",
            "is:unread": "is:unread",
            "collection (500 articles)": f'collection:"{project.name}"',
        }
        alone_times = {label: [timed(lambda t=t: library.search(t, tag_facet=True))
                               for _ in range(10)] for label, t in alone.items()}
        # The window's search: every id, facets (tags too), the first page described.
        window: dict[str, list[float]] = {}
        for label, form in (("window, plain (baseline)", "{q}"),
                            ("window, + tag:bench-all", "{q} tag:bench-all")):
            requests = [SearchRequest(text=form.format(q=q)) for q in QUERIES]
            window[label] = [timed(lambda r=r: library.search_page(r)) for r in requests]
    finally:
        library.untag_articles(tagged, "bench-all")
        for n in range(10):
            library.untag_articles(tagged, f"bench-{n}")
        library.mark(starred, "unstarred")
        library.mark(newly_read, "unread")
        library.delete_collection(project.id)
    count = library.count()
    library.close()
    stars, reads = len(was_starred) + len(starred), len(was_read) + len(newly_read)
    print(f"{len(QUERIES)} queries × {args.repeat} over {count:,} articles; {len(tagged):,} "
          f"tagged, {stars:,} starred, {reads:,} read (set up in {setup:.1f} s)")
    print("Full answer as `reader search` gives it (top 20, snippets, total, facets):")
    for label, values in times.items():
        print(line(label, values))
    print(f"  first tag search after the index changed (id maps built): {first_map:.0f} ms")
    print("The field alone:")
    for label, values in alone_times.items():
        print(line(label, values))
    print("The window's search (all ids, outlet and tag facets, first page):")
    for label, values in window.items():
        print(line(label, values))


if __name__ == "__main__":
    main()
