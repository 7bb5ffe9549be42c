"""Search-as-you-type latency: from the debounce firing to the results model updated, for every
prefix of realistic queries typed one character at a time (as if the user paused after each).

Run: .venv/bin/python bench/gui_search_latency.py --library /tmp/bbc-lib
Target (issue 3): p95 at most 100 ms on the 58,822-article library.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench._common import median, percentile

QUERIES = [
    "economy growth", "tony blair election", "film award", "mobile phone", "world cup",
    "oil prices", "interest rates", '"prime minister"', "music download", "china trade",
    "champions league", "stock market", "climate change", "president", "police said",
    "budget deficit", "football", "court ruling", "election campaign", "internet security",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--library", type=Path, required=True)
    parser.add_argument("--min-prefix", type=int, default=2)
    args = parser.parse_args()

    from PySide6.QtCore import QSettings

    from reader.gui.app import make_app, wait_for_search
    from reader.gui.main_window import MainWindow
    from reader.gui.settings import Settings
    from reader.library import Library

    app = make_app()
    library = Library(args.library)
    scratch = QSettings(os.path.join(tempfile.mkdtemp(), "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(library, Settings(scratch), restore=False)
    window.resize(1280, 800)
    window.show()
    wait_for_search(window)
    print(f"library: {library.store.count():,} articles")

    wall, cpu, finals, hits, core = [], [], [], [], []
    for q in QUERIES:
        for n in range(args.min_prefix, len(q) + 1):
            window.search_bar.field.blockSignals(True)  # the bench fires the debounce itself
            window.search_bar.field.setText(q[:n])
            window.search_bar.field.blockSignals(False)
            window.search.set_text(q[:n])
            c0 = time.process_time()
            window.search.search_now()  # = the debounce timer firing
            wait_for_search(window)
            app.processEvents()  # the view repaints with the new rows
            cpu.append(time.process_time() - c0)
            latency = window.search.last_latency or float("nan")
            wall.append(latency)
            core.append(window.model.outcome.index_seconds)
            hits.append(window.model.rowCount())
            if n == len(q):
                finals.append(latency)
    ms = 1000
    print(f"{len(wall)} searches (every prefix of {len(QUERIES)} queries), "
          f"{sum(1 for h in hits if h == 0)} with no hits")
    print(f"debounce -> model updated: p50 {median(wall) * ms:.1f} ms, "
          f"p95 {percentile(wall, 95) * ms:.1f} ms, max {max(wall) * ms:.1f} ms "
          "(target p95 <= 100 ms)")
    print(f"  whole queries only: p50 {median(finals) * ms:.1f} ms, "
          f"p95 {percentile(finals, 95) * ms:.1f} ms")
    rest = [w - c for w, c in zip(wall, core, strict=True)]
    print(f"  of which the core's index search: p50 {median(core) * ms:.1f} ms, "
          f"p95 {percentile(core, 95) * ms:.1f} ms; the window's share (page, model, thread "
          f"hand-over): p50 {median(rest) * ms:.1f} ms, p95 {percentile(rest, 95) * ms:.1f} ms")
    print(f"process CPU per search (both threads, incl. repaint): p50 {median(cpu) * ms:.1f} ms, "
          f"p95 {percentile(cpu, 95) * ms:.1f} ms")
    window.close()
    library.close()


if __name__ == "__main__":
    main()
