"""The import the window starts, run as its own process: `python -m reader.gui.importing.process`
(files and folders; web pages with --urls; feed updates with --feeds).

Indexing holds Python's GIL in long C calls (Whoosh sorts its postings in one go), which froze
the window for seconds when the import ran on a thread. The child opens the same library
folder (SQLite in WAL mode and Whoosh's writer lock keep that safe), prints one JSON object per
line on stdout (progress, then done or error) and stops early when stdin says "cancel" or closes.
Qt-free.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import threading
import time
import traceback
from pathlib import Path

from reader.process_guard import cancel_on_stdin

PROGRESS_INTERVAL = 0.1  # seconds between progress lines


def _emit(kind: str, payload: dict) -> None:
    sys.stdout.write(json.dumps({"kind": kind, **payload}) + "\n")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reader.gui.importing.process")
    parser.add_argument("library", type=Path)
    parser.add_argument("--urls", action="store_true", help="the sources are web addresses")
    parser.add_argument("--feeds", action="store_true",
                        help="update feeds: the sources are feed ids (none: every feed)")
    parser.add_argument("sources", nargs="*", metavar="SOURCE")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    cancel = threading.Event()
    threading.Thread(target=cancel_on_stdin, args=(cancel,), daemon=True).start()
    last = 0.0

    def progress(state: object) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= PROGRESS_INTERVAL:
            last = now
            _emit("progress", dict(vars(state)))

    try:
        from reader.library import Library

        with Library(args.library, create=False) as library:
            if args.feeds:
                ids = [int(s) for s in args.sources] or None
                feeds = library.update_feeds(ids, progress=progress, cancel=cancel)
                report = feeds.as_import_report()
            elif args.urls:
                report = library.fetch_urls(args.sources, progress=progress, cancel=cancel)
            else:
                report = library.import_paths(
                    [Path(p) for p in args.sources], progress=progress, cancel=cancel
                )
        _emit("done", report.to_json())
        return 0
    except BaseException as exc:  # the window shows it; the child must not die silently
        _emit("error", {"message": str(exc) or type(exc).__name__,
                        "traceback": traceback.format_exc()})
        return 1


if __name__ == "__main__":
    sys.exit(main())
