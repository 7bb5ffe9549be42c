"""What verifying the index costs when a library is opened (issue 11: derived files are
verified, not trusted). Prints the time to open a library with the index checked (the signed
record checked against each file's inode and times) against opening it without (the
baseline), the index size, and the cost of hashing every file (an index seen for the first
time: copied, restored, or written by another user).

Run after bench/import_all.py: .venv/bin/python bench/open_verify.py [--library DIR]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import folder_size, median
from reader.library import Library
from reader.trust import file_mac, user_key


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--library", type=Path, default=Path("/tmp/reader-58k"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if not (args.library / Library.STORE_FILE).exists():
        sys.exit(f"no library at {args.library}: run bench/import_all.py first")
    with Library(args.library, create=False) as library:  # rebuilt here if it must be
        count = library.store.count()
    size = folder_size(args.library / Library.INDEX_DIR)
    times: dict[str, list[float]] = {"baseline (no check)": [], "verified": []}
    for _ in range(args.repeat):
        for name, check in (("baseline (no check)", False), ("verified", True)):
            started = time.perf_counter()
            Library(args.library, create=False, check_index=check).close()
            times[name].append(time.perf_counter() - started)
    print(f"library: {count:,} articles, index {size / 1e6:.0f} MB")
    for name, values in times.items():
        print(f"open, {name}: median {median(values) * 1000:.0f} ms over {args.repeat}")
    # The first open after the index files were copied or restored hashes every file.
    key = user_key()
    started = time.perf_counter()
    for path in (args.library / Library.INDEX_DIR).iterdir():
        if path.is_file():
            file_mac(path, key)
    print(f"hashing every index file (first open after a copy): "
          f"{(time.perf_counter() - started) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
