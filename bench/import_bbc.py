"""Import the BBC corpus (2,225 files) into a fresh library and print the time and size.

Run: .venv/bin/python bench/import_bbc.py [--keep DIR]
Target (issue 2): at most 20 s on the 2-core machine, store and index included.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import SHARED, folder_size
from reader.library import Library


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", type=Path, help="build the library here and keep it")
    args = parser.parse_args()
    bbc = SHARED / "corpora" / "bbc"
    folders = sorted(p for p in bbc.iterdir() if p.is_dir())
    target = args.keep or Path(tempfile.mkdtemp(prefix="reader-bench-"))
    if target.exists():
        shutil.rmtree(target)
    start = time.perf_counter()
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    with Library(target) as library:
        report = library.import_paths(folders)
        elapsed = time.perf_counter() - start
        cpu1 = resource.getrusage(resource.RUSAGE_SELF)
        cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
        searchable = library.index.doc_count()
    print(f"BBC import: {report.summary()}")
    print(f"  time {elapsed:.1f} s ({len(report.imported) / elapsed:.0f} articles/s), "
          f"{searchable:,} searchable, library {folder_size(target) / 1e6:.1f} MB on disk")
    print(f"  CPU time {cpu:.1f} s (wall time suffers when other work shares the 2 cores)")
    if not args.keep:
        shutil.rmtree(target)


if __name__ == "__main__":
    main()
