"""How long the GUI thread is blocked while the window imports a corpus in the background:
a QTimer heartbeat every 10 ms records the longest gap between its ticks.

Run: .venv/bin/python bench/gui_import_block.py [--corpus ../shared/corpora/bbc]
Target (issue 3): the longest block at most 100 ms during an import of the BBC corpus.
"""

from __future__ import annotations

import argparse
import faulthandler
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench._common import SHARED, median, percentile

TICK_MS = 10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpora" / "bbc")
    args = parser.parse_args()

    from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, QTimer

    from reader.gui.app import make_app, wait_for_search
    from reader.gui.main_window import MainWindow
    from reader.gui.settings import Settings
    from reader.library import Library

    make_app()
    folder = Path(tempfile.mkdtemp(prefix="reader-gui-import-"))
    library = Library(folder / "library")
    scratch = QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(library, Settings(scratch), restore=False)
    window.imports.show_summary = False
    window.resize(1280, 800)
    window.show()
    wait_for_search(window)

    gaps: list[float] = []
    clock = QElapsedTimer()
    heartbeat = QTimer(interval=TICK_MS)

    watch = os.environ.get("BENCH_WATCH")  # dump stacks when the GUI thread stalls (debugging)

    def tick() -> None:
        gaps.append(clock.nsecsElapsed() / 1e6)
        clock.restart()
        if watch:
            faulthandler.dump_traceback_later(float(watch), repeat=False)

    heartbeat.timeout.connect(tick)
    paths = sorted(p for p in args.corpus.iterdir() if p.is_dir()) or [args.corpus]
    loop = QEventLoop()
    window.imports.finished.connect(lambda report: loop.quit())
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    clock.start()
    heartbeat.start()
    window.import_paths(paths)
    loop.exec()
    elapsed = time.perf_counter() - start
    # Keep measuring while the window shows the new articles (search, repaint).
    wait_for_search(window, 5000)
    settle = QEventLoop()
    QTimer.singleShot(1000, settle.quit)
    settle.exec()
    heartbeat.stop()
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    blocks = [max(0.0, g - TICK_MS) for g in gaps[1:]]
    gui_cpu = cpu1.ru_utime - cpu0.ru_utime + cpu1.ru_stime - cpu0.ru_stime
    child = resource.getrusage(resource.RUSAGE_CHILDREN)
    child_cpu = child.ru_utime + child.ru_stime
    print(f"imported {library.store.count():,} articles in {elapsed:.1f} s "
          f"(CPU: window process {gui_cpu:.1f} s, import process {child_cpu:.1f} s)")
    print(f"heartbeat every {TICK_MS} ms, {len(blocks)} ticks: longest GUI block "
          f"{max(blocks):.1f} ms (target <= 100 ms); p99 {percentile(blocks, 99):.1f} ms, "
          f"median {median(blocks):.1f} ms")
    print(f"ticks delayed more than 50 ms: {sum(1 for b in blocks if b > 50)}")
    window.close()
    library.close()
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
