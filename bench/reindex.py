"""Rebuild a library's search index from its store and print the time (`reader reindex`).

Run: .venv/bin/python bench/reindex.py [--library DIR]   (default /tmp/reader-58k, made by
bench/import_all.py).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import folder_size
from reader.library import Library


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--library", type=Path, default=Path("/tmp/reader-58k"))
    args = parser.parse_args()
    start = time.perf_counter()
    with Library(args.library, create=False, check_index=False) as library:
        count = library.reindex()
        segments = library.index.segment_count()
    elapsed = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime
    print(f"Reindexed {count:,} articles in {elapsed:.0f} s (CPU {cpu:.0f} s), "
          f"{segments} segment(s), index {folder_size(args.library / 'index') / 1e6:.0f} MB, "
          f"peak memory {usage.ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
