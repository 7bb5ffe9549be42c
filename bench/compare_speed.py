"""How long `compare_texts` takes on two long articles about one event (NewsWCL50).

For each of the 10 events, the two longest articles are compared; the figure to hold against
the 200 ms budget is the median time on the longest pair. Models load before timing.
Run: .venv/bin/python bench/compare_speed.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from reader.compare import compare_texts  # noqa: E402

DATA = ROOT.parent / "shared" / "eval-dev" / "newswcl50.jsonl"


def _timed(a: str, b: str, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = compare_texts(a, b)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    events: dict[str, list[dict]] = defaultdict(list)
    with open(DATA, encoding="utf-8") as fh:
        for line in fh:
            article = json.loads(line)
            events[article["cluster_id"]].append(article)
    compare_texts("Warm-up loads the model.", "The word list loads too.")

    rows = []
    for event, articles in sorted(events.items()):
        a, b = sorted(articles, key=lambda x: -len(x["body"].split()))[:2]
        ms, c = _timed(a["body"], b["body"], args.repeat)
        words = (len(a["body"].split()), len(b["body"].split()))
        rows.append((sum(words), event, a["outlet"], b["outlet"], words, ms, c))
    print(f"{'event':<18} {'A':<16} {'B':<16} {'words':>11} {'ms':>7}  pairs (same/similar)")
    for _, event, oa, ob, words, ms, c in rows:
        counts = c.counts()
        print(f"{event:<18} {oa:<16} {ob:<16} {words[0]:>5}+{words[1]:<5} {ms:7.1f}  "
              f"{counts['same'] + counts['similar']} ({counts['same']}/{counts['similar']}), "
              f"coverage {c.coverage_a:.0%}/{c.coverage_b:.0%}")
    longest = max(rows)
    print(f"longest pair ({longest[4][0]}+{longest[4][1]} words): median {longest[5]:.1f} ms; "
          f"slowest of all: {max(r[5] for r in rows):.1f} ms (budget 200 ms)")
    # The worst case for the aligner: every sentence has a strong candidate (copied wire text).
    body = max((a for arts in events.values() for a in arts), key=lambda x: len(x["body"]))["body"]
    edited = body.replace(" said", " stated")
    ms, c = _timed(body, edited, args.repeat)
    print(f"copied text ({len(body.split())} words against a lightly edited copy): "
          f"median {ms:.1f} ms, {len(c.pairs)} pairs")


if __name__ == "__main__":
    main()
