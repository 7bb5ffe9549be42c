"""The child process an import from the window runs in (Qt-free).

Indexing holds Python's GIL in long C calls (Whoosh sorts its postings in one go), which froze
the window for seconds when the import ran on a thread; a process leaves the GUI its own GIL.
The child opens the same library folder; SQLite (WAL) and Whoosh's writer lock keep it safe.
"""

from __future__ import annotations

import logging
import time
import traceback
from pathlib import Path
from typing import Any

PROGRESS_INTERVAL = 0.1  # seconds between progress messages


def import_in_child(folder: str, paths: list[str], messages: Any, cancel: Any) -> None:
    """Entry point of the child: import, sending ("progress", ImportProgress), then
    ("done", ImportReport) or ("error", text)."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        from reader.library import Library

        last = 0.0

        def progress(state: Any) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= PROGRESS_INTERVAL:
                last = now
                messages.put(("progress", type(state)(**vars(state))))

        with Library(Path(folder), create=False) as library:
            # A multiprocessing Event has the is_set() the importer checks.
            report = library.import_paths([Path(p) for p in paths], progress=progress,
                                          cancel=cancel)
        messages.put(("done", report))
    except BaseException as exc:  # the parent shows it; the child must not die silently
        messages.put(("error", f"{exc}\n\n{traceback.format_exc()}"))

