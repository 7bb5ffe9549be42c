"""How fast the chronology timeline lays out and paints many events, zoomed out (everything
clustered) and zoomed in, and how long a library-scope chronology takes to compute.

Run: .venv/bin/python bench/chronology_timeline.py [--events 10000] [--library FOLDER]
Synthetic events spread over ten years, three outlets, every precision; with --library, also
the chronology of the newest analysed articles at the panel's cap (reader.chronology_scope).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench._common import median


def synthetic_events(n: int, seed: int = 7):
    from reader.chronology import Entry, Event, calendar_span

    rng = random.Random(seed)
    start = dt.date(2015, 1, 1).toordinal()
    outlets = ["RT", "Morning Star", "MENAFN"]
    events = []
    for i in range(n):
        day = dt.date.fromordinal(start + rng.randrange(3650))
        value = rng.choice([day.isoformat()] * 6 + [day.strftime("%Y-%m")] * 3 + [str(day.year)])
        kind = "published" if i % 5 == 0 else "mention"
        entry = Entry(i, rng.choice(outlets), f"Story {i}", kind, value, value,
                      calendar_span(value), sentence=f"Something happened on {value}.")
        events.append(Event(entry.span, value, [entry]))
    events.sort(key=lambda e: e.span.start)
    return events


def time_paint(n: int) -> None:
    from PySide6.QtGui import QPixmap

    from reader.gui.app import make_app
    from reader.gui.chronology.model import OutletColours
    from reader.gui.chronology.timeline_view import TimelineView

    make_app()
    events = synthetic_events(n)
    view = TimelineView(OutletColours(["RT", "Morning Star", "MENAFN"]))
    view.resize(1200, 260)
    started = time.perf_counter()
    view.set_events(events)
    print(f"{n:,} events: set_events {1000 * (time.perf_counter() - started):.1f} ms")
    target = QPixmap(view.size())
    for name, zoom in (("fit (10 years)", 0), ("one year", 10), ("one month", 22)):
        view.fit()
        view.zoom(zoom)
        layouts, paints = [], []
        for _ in range(5):
            view.pan(0.01)  # a new range: layout again
            t0 = time.perf_counter()
            marks = view.marks()
            t1 = time.perf_counter()
            view.render(target)
            paints.append(time.perf_counter() - t1)
            layouts.append(t1 - t0)
        clusters = sum(1 for m in marks if m.cluster)
        print(f"  {name:<15} layout {1000 * median(layouts):6.1f} ms  paint "
              f"{1000 * median(paints):6.1f} ms  ({len(marks)} markers, {clusters} clusters)")


def time_library(folder: Path) -> None:
    from reader.chronology_scope import LIBRARY, ScopeRequest, compute
    from reader.library import Library

    with Library(folder, create=False) as library:
        chrono = compute(library, ScopeRequest(LIBRARY))
        print(f"library scope: {len(chrono.events):,} events from {chrono.articles:,} of "
              f"{chrono.in_scope:,} articles ({chrono.analysed:,} analysed) in "
              f"{chrono.seconds:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=10000)
    parser.add_argument("--library", type=Path)
    args = parser.parse_args()
    time_paint(args.events)
    if args.library:
        time_library(args.library)


if __name__ == "__main__":
    main()
