"""How long `compare_texts` takes on two long articles about one event (NewsWCL50).

For each of the 10 events, the two longest articles are compared; the figure to hold against
the 200 ms budget is the median time on the longest pair, as wall-clock and as CPU time (this
machine is shared: CPU time is what the comparison itself costs). Beside it, in the same run,
the paraphrase-only comparison (no vectors, no relatedness model) as the baseline. First, what
loading the word vectors and the models costs in time and memory (they load lazily, on the
first comparison).
Run: .venv/bin/python bench/compare_speed.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from reader.compare import Comparison, compare_texts  # noqa: E402

# The baseline: the comparison as it was, paraphrases only (no vectors, no relatedness).
BASELINE: dict = {"related": False, "use_vectors": False}

DATA = ROOT.parent / "shared" / "eval-dev" / "newswcl50.jsonl"


def _timed(a: str, b: str, repeat: int, **kwargs) -> tuple[float, float, Comparison]:
    """Median wall and CPU milliseconds of `compare_texts(a, b)`, and its result."""
    walls, cpus = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        result = compare_texts(a, b, **kwargs)
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000, result


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def _load_costs() -> None:
    from reader.compare.paraphrase import load_model
    from reader.compare.relate import load_relatedness
    from reader.compare.vectors import load_vectors

    for name, load in (("paraphrase model", load_model), ("word vectors", load_vectors),
                       ("relatedness model", load_relatedness)):
        before, start = _rss_mb(), time.perf_counter()
        load()
        print(f"load {name}: {1000 * (time.perf_counter() - start):.0f} ms, "
              f"+{_rss_mb() - before:.0f} MB resident")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    events: dict[str, list[dict]] = defaultdict(list)
    with open(DATA, encoding="utf-8") as fh:
        for line in fh:
            article = json.loads(line)
            events[article["cluster_id"]].append(article)
    _load_costs()
    compare_texts("Warm-up loads the model.", "The word list loads too.")

    rows = []
    for event, articles in sorted(events.items()):
        a, b = sorted(articles, key=lambda x: -len(x["body"].split()))[:2]
        wall, cpu, c = _timed(a["body"], b["body"], args.repeat)
        base_wall, base_cpu, _ = _timed(a["body"], b["body"], args.repeat, **BASELINE)
        words = (len(a["body"].split()), len(b["body"].split()))
        rows.append((sum(words), event, a["outlet"], b["outlet"], words, wall, cpu, base_wall,
                     base_cpu, c))
    print(f"{'event':<18} {'A':<16} {'B':<16} {'words':>11} {'wall':>7} {'cpu':>7} "
          f"{'base cpu':>8}  pairs (same/similar/related)")
    for _, event, oa, ob, words, wall, cpu, _bw, base_cpu, c in rows:
        n = c.counts()
        print(f"{event:<18} {oa:<16} {ob:<16} {words[0]:>5}+{words[1]:<5} {wall:7.1f} "
              f"{cpu:7.1f} {base_cpu:8.1f}  {n['same']}/{n['similar']}/{n['related']}, "
              f"coverage {c.coverage_a:.0%}/{c.coverage_b:.0%}")
    longest = max(rows)
    print(f"longest pair ({longest[4][0]}+{longest[4][1]} words): median {longest[5]:.1f} ms "
          f"wall, {longest[6]:.1f} ms CPU (paraphrases only: {longest[7]:.1f} / "
          f"{longest[8]:.1f}); slowest of all: {max(r[6] for r in rows):.1f} ms CPU "
          "(budget 200 ms)")
    # The worst case for the aligner: every sentence has a strong candidate (copied wire text).
    body = max((a for arts in events.values() for a in arts), key=lambda x: len(x["body"]))["body"]
    edited = body.replace(" said", " stated")
    wall, cpu, c = _timed(body, edited, args.repeat)
    print(f"copied text ({len(body.split())} words against a lightly edited copy): "
          f"median {wall:.1f} ms wall, {cpu:.1f} ms CPU, {len(c.pairs)} pairs")


if __name__ == "__main__":
    main()
