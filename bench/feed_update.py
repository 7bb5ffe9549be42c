"""Update a feed of 100 entries served from 127.0.0.1 and print the time it takes.

Each entry links to a real page of webpages-dev (or a made-up article when ../shared is not
there), so every entry is downloaded, extracted, cleaned, stored and indexed. The baseline,
measured in the same run, imports the same 100 pages as saved HTML files.

Run: .venv/bin/python bench/feed_update.py [--gui]
Target (issue 12): the feed update within 10 s on the 2-core machine; with --gui, the same
update started from the window's Feeds panel, a 10 ms heartbeat on the GUI thread recording
the longest block (target: at most 100 ms).
"""

from __future__ import annotations

import argparse
import os
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the tests' local web server

from webserver import Response, Site, article_page, rss_feed, unique_paragraphs  # noqa: E402

from bench._common import SHARED  # noqa: E402
from reader.library import Library  # noqa: E402

ENTRIES = 100


def pages(work: Path) -> list[bytes]:
    archive = SHARED / "eval-dev" / "webpages-dev.tar.gz"
    if archive.is_file():
        with tarfile.open(archive) as tar:
            tar.extractall(work, filter="data")
        files = sorted(work.rglob("*.html"))[:ENTRIES]
        return [f.read_bytes() for f in files]
    print("(webpages-dev not found: serving made-up articles)")
    return [article_page(f"Story {i}", unique_paragraphs(i)).encode() for i in range(ENTRIES)]


def gui_update(folder: Path) -> None:
    """Update the feeds from the window and measure how long its GUI thread is ever blocked."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, QTimer

    from reader.gui.app import make_app, wait_for_search
    from reader.gui.feeds import attach
    from reader.gui.main_window import MainWindow
    from reader.gui.settings import Settings

    make_app()
    library = Library(folder)
    settings = Settings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(library, settings, restore=False)
    window.resize(1200, 780)
    window.show()
    wait_for_search(window)
    feeds = attach(window)
    gaps: list[float] = []
    clock = QElapsedTimer()
    heartbeat = QTimer(interval=10)

    def tick() -> None:
        gaps.append(clock.nsecsElapsed() / 1e6)
        clock.restart()

    heartbeat.timeout.connect(tick)
    loop = QEventLoop()
    window.imports.finished.connect(lambda _report: loop.quit())
    start = time.perf_counter()
    clock.start()
    heartbeat.start()
    feeds.update_all()
    loop.exec()
    elapsed = time.perf_counter() - start
    wait_for_search(window, 5000)
    heartbeat.stop()
    blocks = [max(0.0, g - 10) for g in gaps[1:]]
    print(f"from the window: {feeds.model.feeds[0].articles} articles in {elapsed:.2f} s; "
          f"longest GUI-thread block {max(blocks):.1f} ms (target <= 100 ms)")
    window.close()
    library.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gui", action="store_true", help="also update from the window")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="reader-bench-feed-"))
    bodies = pages(work / "pages")
    site = Site().start()
    items = []
    saved = work / "saved"
    saved.mkdir()
    for i, body in enumerate(bodies):
        link = site.add(f"/story/{i}", Response(body))
        (saved / f"{i:03d}.html").write_bytes(body)
        items.append((f"entry-{i}", link, f"Story {i}"))
    feed_url = site.add("/feed.xml", Response(rss_feed(items).encode(), content_type="text/xml"))

    with Library(work / "baseline") as library:
        start = time.perf_counter()
        files = library.import_paths([saved])
        baseline = time.perf_counter() - start

    if args.gui:
        with Library(work / "window") as library:
            library.add_feed(feed_url)
        gui_update(work / "window")

    with Library(work / "feed") as library:
        library.add_feed(feed_url)
        start = time.perf_counter()
        report = library.update_feeds()
        elapsed = time.perf_counter() - start
        again_start = time.perf_counter()
        library.update_feeds()
        again = time.perf_counter() - again_start
    site.stop()
    outcome = report.feeds[0]
    print(f"feed of {len(items)} entries: {len(outcome.report.imported)} imported, "
          f"{len(outcome.report.duplicates)} duplicates, {len(outcome.report.failed)} failed")
    print(f"feed update (download, extract, store, index): {elapsed:.2f} s  (target <= 10 s)")
    print(f"second update, nothing new:                    {again:.2f} s")
    print(f"baseline, same pages imported as files:        {baseline:.2f} s "
          f"({files.summary()})")


if __name__ == "__main__":
    main()
