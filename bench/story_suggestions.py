"""Does "Compare with..." suggest the other side of a story? NewsWCL50: 10 events, 5 outlets each.

For each query article, `library.similar_articles` should rank the other four outlets' articles
of the same event above the 45 unrelated ones. Prints the share of events (one query each) and
of all 50 queries where it does, with mean precision@4 and the mean rank of the event's articles.

    .venv/bin/python -m bench.story_suggestions [--data PATH]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import tempfile
from collections import defaultdict
from pathlib import Path

from bench._common import SHARED
from reader.library import Library

LINE = re.compile(r":(?:line )?(\d+)$")  # "file:N" (or "file:line N")


def load(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def import_events(library: Library, records: list[dict], folder: Path) -> dict[int, dict]:
    """Write the records as JSON Lines, import them; returns article id -> record."""
    batch = folder / "newswcl50.jsonl"
    with open(batch, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps({k: r.get(k) for k in ("title", "outlet", "date", "body")}) + "\n")
    report = library.import_paths([batch])
    by_id = {}
    for label, article_id in [*report.imported, *report.duplicates]:
        m = LINE.search(label)
        if m:
            by_id[article_id] = records[int(m[1]) - 1]
    if report.failed or report.duplicates:
        print(f"import: {report.summary()}")
    return by_id


def judge(library: Library, article_id: int, by_id: dict[int, dict]) -> tuple[bool, float, float,
                                                                         list[str]]:
    """(all four event siblings ranked first, precision@4, mean rank of the siblings, the
    events of unrelated articles ranked among the first four)."""
    cluster = by_id[article_id]["cluster_id"]
    siblings = {i for i, r in by_id.items() if r["cluster_id"] == cluster and i != article_id}
    ranked = [i for i, _ in library.similar_articles(article_id, limit=len(by_id))]
    # Articles the suggestions leave out (same outlet, or no shared key term) rank last.
    ranked += [i for i in by_id if i != article_id and i not in ranked]
    ranks = [ranked.index(i) + 1 for i in siblings]
    top = set(ranked[: len(siblings)])
    precision = len(top & siblings) / len(siblings) if siblings else 0.0
    intruders = [by_id[i]["cluster_id"] for i in ranked[: len(siblings)] if i not in siblings]
    return (top == siblings, precision, statistics.mean(ranks) if ranks else float("nan"),
            intruders)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=SHARED / "eval-dev" / "newswcl50.jsonl")
    args = parser.parse_args()
    records = load(args.data)
    with tempfile.TemporaryDirectory() as tmp, Library(Path(tmp) / "library") as library:
        by_id = import_events(library, records, Path(tmp))
        events: dict[str, list[int]] = defaultdict(list)
        for article_id, record in sorted(by_id.items()):
            events[record["cluster_id"]].append(article_id)
        results = {i: judge(library, i, by_id) for i in sorted(by_id)}
        misses = [(by_id[i]["cluster_id"], by_id[i]["outlet"], r) for i, r in results.items()
                  if not r[0]]
    first = [results[ids[0]] for ids in events.values()]
    print(f"{len(by_id)} articles, {len(events)} events")
    for name, rows in (("one query per event (first article)", first),
                       ("every article as the query", list(results.values()))):
        share = sum(ok for ok, *_ in rows) / len(rows)
        print(f"{name}: {share:.0%} of {len(rows)} rank the event's other outlets first; "
              f"mean precision@4 {statistics.mean(r[1] for r in rows):.3f}, "
              f"mean rank of the event's articles {statistics.mean(r[2] for r in rows):.2f} "
              f"(ideal 2.50)")
    for cluster, outlet, (_, precision, rank, intruders) in misses:
        print(f"  miss: {cluster} from {outlet}: precision@4 {precision:.2f}, mean rank "
              f"{rank:.1f}; in the top four from {', '.join(intruders)}")


if __name__ == "__main__":
    main()
