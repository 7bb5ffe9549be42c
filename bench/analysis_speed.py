"""Analysis throughput on the BBC corpus: words per second and time for the whole folder.

Usage: .venv/bin/python bench/analysis_speed.py [--n-process 2] [--limit N] [--batch-size 32]
Each file (title on line 1, then the body) is analysed as it is, entities and dates, through
`reader.analysis.analyze_many`; the time includes starting the workers and loading the model.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BBC = ROOT.parent / "shared" / "corpora" / "bbc"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folder", type=Path, default=BBC)
    ap.add_argument("--n-process", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--limit", type=int, default=0, help="only the first N files")
    args = ap.parse_args()

    from reader.analysis import analyze_many

    paths = sorted(args.folder.rglob("*.txt"))
    if args.limit:
        paths = paths[: args.limit]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    words = sum(len(t.split()) for t in texts)
    me = resource.getrusage(resource.RUSAGE_SELF)
    cpu0 = me.ru_utime + me.ru_stime
    t0 = time.perf_counter()
    n_entities = n_dates = 0
    items = ((i, text, None) for i, text in enumerate(texts))
    for _, result in analyze_many(items, n_process=args.n_process, batch_size=args.batch_size):
        n_entities += len(result["entities"])
        n_dates += len(result["dates"])
    elapsed = time.perf_counter() - t0
    # CPU seconds of this process and its (finished) workers: on a machine shared with other
    # jobs, cpu / n_process is about what the run takes on idle cores.
    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime - cpu0
    print(f"{len(texts)} files, {words} words, n_process={args.n_process}")
    print(f"total time {elapsed:.1f} s (target for the BBC folder: under 120 s)")
    print(f"{words / elapsed:,.0f} words/s, {len(texts) / elapsed:.1f} articles/s")
    print(
        f"CPU time {cpu:.1f} s ({words / cpu:,.0f} words per CPU-second): "
        f"about {cpu / args.n_process:.0f} s on {args.n_process} idle cores"
    )
    print(f"{n_entities} entity mentions, {n_dates} dates")


if __name__ == "__main__":
    main()
