"""The heavy kill test: `reader import` and `reader reindex` killed (SIGKILL) at random moments,
each followed by a restart (`reader search`) that must find the library consistent and fully
searchable with no manual step. tests/test_kill.py is the quick version in the suite.

Run: .venv/bin/python bench/kill_test.py [--kills 20] [--corpus DIR_OR_FILE] [--library DIR]
Prints, for each phase, how many runs were really killed and the restart time (the baseline:
a restart of an undamaged library, measured in the same run).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import SHARED, median
from reader.library import Library


def reader(library: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "reader.cli", "--library", str(library), *args]


def run_and_kill(cmd: list[str], delay: float) -> bool:
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        process.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return True


def restart(library: Path) -> tuple[float, int, int]:
    """(seconds, articles in the store, articles in the index) after a restart: one
    `reader search`, then a look at the index as it left it (nothing queued, all there)."""
    with sqlite3.connect(library / "library.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    started = time.perf_counter()
    out = subprocess.run(reader(library, "search", "said", "--json", "--limit", "1"),
                         capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if out.returncode != 0 or "Traceback" in out.stderr:
        sys.exit(f"restart failed: {out.stderr}")
    json.loads(out.stdout)
    with Library(library, create=False, check_index=False) as lib:
        if lib.index.check(lib.library_id) is not None or lib.store.pending_index():
            sys.exit("the restart left the index unverified or articles queued")
        return elapsed, lib.store.count(), lib.index.doc_count()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpora" / "bbc")
    parser.add_argument("--library", type=Path, default=Path("/tmp/reader-kill-test"))
    args = parser.parse_args()
    shutil.rmtree(args.library, ignore_errors=True)
    rng = random.Random(11)

    started = time.perf_counter()
    subprocess.run(reader(args.library, "import", str(args.corpus)), check=True,
                   capture_output=True)
    import_time = time.perf_counter() - started
    baseline, stored, found = restart(args.library)
    print(f"corpus {args.corpus.name}: {stored:,} articles, full import {import_time:.1f} s, "
          f"restart of an undamaged library {baseline:.2f} s")
    shutil.rmtree(args.library)

    for phase, cmd, span in (
        ("import", reader(args.library, "import", str(args.corpus)), import_time),
        ("reindex", reader(args.library, "reindex"), None),
    ):
        if span is None:  # time a reindex to the end first
            started = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            span = time.perf_counter() - started
        killed, restarts, counts = 0, [], []
        for _ in range(args.kills):
            if phase == "import":  # a whole import to be killed in, each time
                shutil.rmtree(args.library, ignore_errors=True)
            killed += run_and_kill(cmd, rng.uniform(0.05, 0.95) * span)
            elapsed, stored, found = restart(args.library)
            if found != stored:
                sys.exit(f"after a killed {phase}: {stored} stored but {found} found")
            restarts.append(elapsed)
            counts.append(stored)
        if phase == "import":  # leave a whole library for the reindex phase
            subprocess.run(cmd, check=True, capture_output=True)
        print(f"{phase}: {killed}/{args.kills} runs killed mid-way; every restart consistent "
              f"and fully searchable; restart median {median(restarts):.2f} s, "
              f"max {max(restarts):.2f} s")


if __name__ == "__main__":
    main()
