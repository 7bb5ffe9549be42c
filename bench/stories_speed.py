"""Story grouping speed: the whole 58,822-article corpus grouped, and one new article placed.

Reads the three corpora in ../shared (BBC, Reuters-21578, AllSides) as the library holds them
(title, body, date), profiles every article, groups them all (`reader.stories.group`), then
times `Grouper.place` for 200 articles placed one at a time into the finished grouping (each
then taken out again is not needed: 200 more articles barely change 58,822). The baseline in
the same run: reading and tokenising the texts alone, which any grouping has to pay.
Prints peak memory (max RSS) too.

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
    texts = []
    for n, item in enumerate(corpus()):
        if args.limit and n >= args.limit:
            break
        texts.append(item)
    print(f"{len(texts)} articles")

    start = time.perf_counter()
    for title, body, _ in texts:
        tokenize(f"{title or ''} {' '.join(body.split()[:400])}")
    baseline = time.perf_counter() - start
    print(f"baseline: tokenising title and lead only  {baseline:6.1f} s")

    start = time.perf_counter()
    profiles = [(i, profile(t, b, d)) for i, (t, b, d) in enumerate(texts)]
    profiled = time.perf_counter() - start
    start = time.perf_counter()
    groups = group(profiles)
    grouped = time.perf_counter() - start
    multi = [g for g in groups if len(g) > 1]
    print(f"profiles                                  {profiled:6.1f} s")
    print(f"grouping                                  {grouped:6.1f} s")
    print(f"whole library                             {profiled + grouped:6.1f} s  (target 180 s)")
    print(
        f"{len(groups)} stories, {len(multi)} with 2+ articles, "
        f"largest {max(len(g) for g in groups)}"
    )

    # One new article: profile it and place it among everything grouped so far.
    grouper = Grouper()
    for i, p in sorted(profiles[:-200], key=lambda ip: (ip[1].day is None, ip[1].day or 0)):
        grouper.place(i, p)
    times = []
    for i, (title, body, day) in enumerate(texts[-200:], start=len(texts) - 200):
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
