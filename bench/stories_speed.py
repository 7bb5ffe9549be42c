"""Story grouping speed: the whole 58,822-article corpus grouped, and one new article placed.

Reads the three corpora in ../shared (BBC, Reuters-21578, AllSides) as the library holds them
(title, body, date), profiles every article, groups them all (`reader.stories.group`), then
times `Grouper.place` for the last 200 articles placed one at a time into a grouping of all
the others. The baseline in the same run: tokenising the texts alone, which any grouping has
to pay. Prints CPU seconds (the figure that does not depend on what else the 2 cores run) and
wall time, and peak memory (max RSS).

Run: .venv/bin/python bench/stories_speed.py [--limit N]
"""

from __future__ import annotations

import argparse
import datetime as _dt
import gzip
import json
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import SHARED, median, percentile
from reader.compare.features import tokenize
from reader.stories import Grouper, group, profile


def corpus() -> Iterator[tuple[str | None, str, _dt.date | None]]:
    corpora = SHARED / "corpora"
    for path in sorted((corpora / "bbc").rglob("*.txt")):
        title, _, body = path.read_text(encoding="latin-1").partition("\n")
        yield title, body, None
    for name in ("reuters21578.jsonl.gz", "allsides2020.jsonl.gz"):
        with gzip.open(corpora / name, "rt", encoding="utf-8") as fh:
            for line in fh:
                obj = json.loads(line)
                date = obj.get("date")
                try:
                    day = _dt.date.fromisoformat(date[:10]) if date else None
                except ValueError:
                    day = None
                yield obj.get("title"), obj.get("body") or "", day


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    args = parser.parse_args()
    # Profiles are made as the texts stream by (as `Library.update_stories` reads the store):
    # only the last 200 texts are kept, for placing them one at a time below.
    last: list[tuple[str | None, str, _dt.date | None]] = []
    profiles = []
    tokenised = 0.0
    wall, cpu = time.perf_counter(), time.process_time()
    for n, (title, body, day) in enumerate(corpus()):
        if args.limit and n >= args.limit:
            break
        start = time.process_time()
        tokenize(f"{title or ''} {' '.join(body.split()[:400])}")
        tokenised += time.process_time() - start
        profiles.append((n, profile(title, body, day)))
        last = [*last[-199:], (title, body, day)]
    profiled_cpu = time.process_time() - cpu - tokenised
    profiled_wall = time.perf_counter() - wall - tokenised
    print(f"{len(profiles)} articles")
    print(f"baseline: tokenising title and lead only  {tokenised:6.1f} CPU-s")
    wall, cpu = time.perf_counter(), time.process_time()
    groups = group(profiles)
    grouped_cpu, grouped_wall = time.process_time() - cpu, time.perf_counter() - wall
    multi = [g for g in groups if len(g) > 1]
    print(f"profiles (reading the corpus included)    {profiled_cpu:6.1f} CPU-s "
          f"({profiled_wall:.0f} s wall)")
    print(f"grouping                                  {grouped_cpu:6.1f} CPU-s "
          f"({grouped_wall:.0f} s wall)")
    print(f"whole library                             {profiled_cpu + grouped_cpu:6.1f} CPU-s "
          f"({profiled_wall + grouped_wall:.0f} s wall; target 180 s)")
    print(
        f"{len(groups)} stories, {len(multi)} with 2+ articles, "
        f"largest {max(len(g) for g in groups)}"
    )

    # One new article: profile it and place it among everything grouped so far.
    grouper = Grouper()
    for i, p in sorted(profiles[:-200], key=lambda ip: (ip[1].day is None, ip[1].day or 0)):
        grouper.place(i, p)
    times = []
    for i, (title, body, day) in enumerate(last, start=len(profiles) - len(last)):
        start = time.perf_counter()
        grouper.place(i, profile(title, body, day))
        times.append((time.perf_counter() - start) * 1000)
    print(
        f"one new article placed: median {median(times):.1f} ms, "
        f"p95 {percentile(times, 95):.1f} ms, max {max(times):.1f} ms  (target 50 ms)"
    )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS)                     {rss:6.0f} MB")


if __name__ == "__main__":
    main()
