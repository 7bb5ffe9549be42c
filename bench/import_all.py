"""Import all three corpora (58,822 articles) into one library; print time and size on disk.

Run: .venv/bin/python bench/import_all.py [--library DIR]   (default /tmp/reader-58k; kept,
so bench/query_latency.py can use it). Expect several minutes on the 2-core machine.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import SHARED, folder_size
from reader.importer import ImportProgress
from reader.library import Library


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--library", type=Path, default=Path("/tmp/reader-58k"))
    args = parser.parse_args()
    corpora = SHARED / "corpora"
    sources = [
        corpora / "bbc",
        corpora / "reuters21578.jsonl.gz",
        corpora / "allsides2020.jsonl.gz",
    ]
    if args.library.exists():
        shutil.rmtree(args.library)
    last = [0.0]

    def progress(state: ImportProgress) -> None:
        now = time.perf_counter()
        if now - last[0] > 15:
            last[0] = now
            print(f"  {now - start:6.0f} s  {state.imported:,} imported", flush=True)

    start = time.perf_counter()
    with Library(args.library) as library:
        report = library.import_paths(sources, progress=progress)
        elapsed = time.perf_counter() - start
        searchable = library.index.doc_count()
        segments = len(library.index.searcher().reader().leaf_readers())
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(f"All corpora: {report.summary()}")
    for label, reason in report.failed[:10]:
        print(f"  failed: {label}: {reason}")
    print(f"  time {elapsed:.0f} s ({len(report.imported) / elapsed:.0f} articles/s), "
          f"CPU {usage.ru_utime + usage.ru_stime:.0f} s, {searchable:,} searchable "
          f"in {segments} index segments")
    print(f"  library on disk: {folder_size(args.library) / 1e6:.0f} MB "
          f"(store {(args.library / 'library.sqlite3').stat().st_size / 1e6:.0f} MB, "
          f"index {folder_size(args.library / 'index') / 1e6:.0f} MB)")


if __name__ == "__main__":
    main()
