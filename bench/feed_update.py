"""Update a feed of 100 entries served from 127.0.0.1 and print the time it takes.

Each entry links to a real page of webpages-dev (or a made-up article when ../shared is not
there), so every entry is downloaded, extracted, cleaned, stored and indexed. The baseline,
measured in the same run, imports the same 100 pages as saved HTML files.

Run: .venv/bin/python bench/feed_update.py
Target (issue 12): the feed update within 10 s on the 2-core machine.
"""

from __future__ import annotations

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


def main() -> None:
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
