"""Issue 14, part B rows: import until searchable, and the window while the library is analysed.

Each function returns rows (dicts with "row", "reader" and "baseline" figures) that
bench/scale.py can print beside part A's; run alone, this prints them:

    .venv/bin/python bench/scale_rows_window.py --library /work/scale-lib-i14b/lib \
        [--sources FILE_OR_FOLDER ...] [--serial-baseline] [--analyse-seconds 120]

- import until searchable: wall time, CPU-seconds and peak memory (each process's VmHWM from
  /proc, summed over the import's process tree), for Reader as it imports now (every core);
  with --serial-baseline the same import with one process (`workers=1`) runs beside it.
- window shown: process start to window shown on the library; baseline a bare QMainWindow.
- window while analysed: the window opened on the (unanalysed) library for --analyse-seconds
  of background analysis: longest GUI-thread block (a 10 ms heartbeat), the window process's
  peak memory and all its processes' (model workers included); baseline the bare window.
The import is run in a child process, so its memory is its own. Never commit the library.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import ROOT, SHARED, median

# Whose `reader` the child processes run: this checkout, or with --code an export of an older
# commit (`git archive COMMIT reader | tar -x -C DIR`) for a before/after pair.
CODE = ROOT

ALL_CORPORA = [
    SHARED / "corpora" / "bbc",
    SHARED / "corpora" / "reuters21578.jsonl.gz",
    SHARED / "corpora" / "allsides2020.jsonl.gz",
]

IMPORT_CHILD = """
import json, sys, time
from pathlib import Path
from reader.library import Library

def main():
    folder, workers, *sources = sys.argv[1:]
    start = time.perf_counter()
    with Library(Path(folder)) as library:
        report = library.import_paths(sources, workers=int(workers) or None)
        searchable = library.indexed_count()
    print(json.dumps({"wall": time.perf_counter() - start, "imported": len(report.imported),
                      "searchable": searchable}))

if __name__ == "__main__":
    main()
"""


def _tree(root: int) -> list[int]:
    """`root` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def _status_kb(pid: int, key: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeMemory:
    """Samples a process tree: the largest sum of resident sizes seen at one moment (the
    peak), the same for anonymous memory only (resident minus pages of mapped files: the
    index files Whoosh maps are page cache, shared by every process reading them), and each
    process's VmHWM kept by pid and summed over every process that ever ran (an upper bound:
    the import starts writer processes anew for each index catch-up)."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.hwm: dict[int, int] = {}
        self.peak_rss_sum = 0
        self.peak_anon_sum = 0
        # Proportional set size: a page shared by several processes (libraries, numpy, the
        # model's files) counted once in all, not once in each as the RSS sum counts it.
        self.peak_pss_sum = 0
        self.root_hwm = 0

    def sample(self) -> None:
        rss = anon = pss = 0
        for pid in _tree(self.root):
            self.hwm[pid] = max(self.hwm.get(pid, 0), _status_kb(pid, "VmHWM"))
            rss += _status_kb(pid, "VmRSS")
            anon += _status_kb(pid, "RssAnon")
            pss += _pss_kb(pid)
        self.peak_rss_sum = max(self.peak_rss_sum, rss)
        self.peak_anon_sum = max(self.peak_anon_sum, anon)
        self.peak_pss_sum = max(self.peak_pss_sum, pss)
        self.root_hwm = max(self.root_hwm, self.hwm.get(self.root, 0))

    @property
    def hwm_sum_mb(self) -> float:
        return sum(self.hwm.values()) / 1024


def _watch(proc: subprocess.Popen, every: float = 0.2) -> TreeMemory:
    memory = TreeMemory(proc.pid)
    while proc.poll() is None:
        memory.sample()
        time.sleep(every)
    return memory


def import_once(folder: Path, sources: list[Path], workers: int) -> dict:
    """Import `sources` into a fresh library at `folder` in a child process; its figures."""
    if folder.exists():
        shutil.rmtree(folder)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", IMPORT_CHILD, str(folder), str(workers), *map(str, sources)],
        cwd=CODE, stdout=subprocess.PIPE, text=True,
    )
    memory = _watch(proc)
    out = proc.stdout.read() if proc.stdout else ""
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"the import failed ({proc.returncode})")
    result = json.loads(out.strip().splitlines()[-1])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": round(wall, 1), "cpu_s": round(cpu, 1),
            "peak_mb": round(memory.peak_rss_sum / 1024),
            "peak_anon_mb": round(memory.peak_anon_sum / 1024),
            "hwm_sum_every_process_mb": round(memory.hwm_sum_mb),
            "articles": result["imported"],
            "searchable": result["searchable"]}


def import_rows(folder: Path, sources: list[Path], serial_baseline: bool) -> list[dict]:
    reader = import_once(folder, sources, workers=0)  # 0: Reader's default (every core)
    baseline = None
    if serial_baseline:
        baseline = import_once(folder.with_name(folder.name + "-serial"), sources, workers=1)
    return [{"row": "import until searchable", "reader": reader,
             "baseline": baseline, "baseline_is": "the same import in one process"}]


WINDOW_CHILD = """
import json, os, resource, sys, time
from pathlib import Path
start = time.time()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QElapsedTimer, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

def vmhwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024

def main():
    folder, seconds = sys.argv[1], float(sys.argv[2])
    if folder == "-":  # the baseline: a bare window
        app = QApplication([])
        window = QMainWindow()
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        shown = time.time() - start
        library = None
    else:
        from reader.gui import app as gui_app
        from reader.gui.main_window import MainWindow
        from reader.gui.settings import Settings
        from reader.library import Library
        app = gui_app.make_app()
        # The library opened as `reader` opens it for its window (older code: plainly).
        open_library = getattr(gui_app, "open_library_for_window", Library)
        library = open_library(Path(folder))
        scratch = QSettings(os.path.join(sys.argv[3], "s.ini"), QSettings.Format.IniFormat)
        window = MainWindow(library, Settings(scratch), restore=False, with_panels=True)
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        shown = time.time() - start
        analysed0 = library.analysed_count()
    gaps = []
    clock = QElapsedTimer()
    beat = QTimer(interval=10)
    beat.timeout.connect(lambda: (gaps.append(clock.nsecsElapsed() / 1e6), clock.restart()))
    clock.start()
    beat.start()
    # The heartbeat stops before quitting: closing waits for the analysis to wind down (the
    # window is hidden by then), which is not a block the user sees.
    QTimer.singleShot(int(seconds * 1000), lambda: (beat.stop(), app.quit()))
    app.exec()
    blocks = sorted(max(0.0, g - 10) for g in gaps[1:])
    out = {"shown": shown, "longest_block_ms": blocks[-1] if blocks else 0.0,
           "p99_block_ms": blocks[int(len(blocks) * 0.99)] if blocks else 0.0,
           "main_hwm_mb": vmhwm()}
    if library is not None:
        out["analysed"] = library.analysed_count() - analysed0
        if window.analysis is not None:
            window.analysis.stop()
    print(json.dumps(out), flush=True)
    os._exit(0)

if __name__ == "__main__":
    main()
"""


def window_once(folder: Path | None, seconds: float) -> dict:
    scratch = tempfile.mkdtemp(prefix="reader-window-")
    # The user's own config folder: it holds the key the index is signed with.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen(
        [sys.executable, "-c", WINDOW_CHILD, str(folder) if folder else "-", str(seconds),
         scratch], cwd=CODE, env=env, stdout=subprocess.PIPE, text=True,
    )
    memory = _watch(proc)
    out = proc.stdout.read() if proc.stdout else ""
    shutil.rmtree(scratch, ignore_errors=True)
    lines = [ln for ln in out.splitlines() if ln.startswith("{")]
    if not lines:
        raise SystemExit("the window did not start")
    result = json.loads(lines[-1])
    result["main_peak_mb"] = round(max(result["main_hwm_mb"], memory.root_hwm / 1024))
    result["all_peak_rss_mb"] = round(memory.peak_rss_sum / 1024)
    result["all_peak_pss_mb"] = round(memory.peak_pss_sum / 1024)
    return result


def window_rows(folder: Path, seconds: float, runs: int = 3) -> list[dict]:
    """Window shown (median of `runs` short starts), then one long run while analysed."""
    shown = median([window_once(folder, 0.5)["shown"] for _ in range(runs)])
    bare = median([window_once(None, 0.5)["shown"] for _ in range(runs)])
    busy = window_once(folder, seconds)
    idle = window_once(None, seconds)
    return [
        {"row": "window shown", "reader": {"shown_s": round(shown, 2)},
         "baseline": {"shown_s": round(bare, 2)}, "baseline_is": "a bare QMainWindow"},
        {"row": f"window while analysed ({seconds:.0f} s)",
         "reader": {k: busy[k] for k in ("longest_block_ms", "p99_block_ms", "main_peak_mb",
                                         "all_peak_rss_mb", "all_peak_pss_mb", "analysed")},
         "baseline": {k: idle[k] for k in ("longest_block_ms", "main_peak_mb")},
         "baseline_is": "a bare QMainWindow, idle"},
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--library", type=Path, required=True)
    parser.add_argument("--sources", type=Path, nargs="*", default=ALL_CORPORA)
    parser.add_argument("--serial-baseline", action="store_true")
    parser.add_argument("--skip-import", action="store_true", help="use the library as it is")
    parser.add_argument("--analyse-seconds", type=float, default=120.0)
    parser.add_argument("--code", type=Path, default=ROOT,
                        help="run the reader package found in this folder (an older export)")
    args = parser.parse_args()
    global CODE
    CODE = args.code
    rows = []
    if not args.skip_import:
        rows += import_rows(args.library, args.sources, args.serial_baseline)
    if args.analyse_seconds > 0:
        rows += window_rows(args.library, args.analyse_seconds)
    for row in rows:
        print(f"{row['row']}: Reader {row['reader']}")
        if row["baseline"] is not None:
            print(f"    baseline ({row['baseline_is']}): {row['baseline']}")


if __name__ == "__main__":
    main()
