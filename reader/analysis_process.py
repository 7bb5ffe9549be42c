"""The window's background work in a process of its own: `python -m reader.analysis_process
LIBRARY [--task analyse|stories]`.

Runs `Library.analyze_pending` (or, with `--task stories`, `Library.update_stories`) and
prints one JSON line per progress step on stdout (then "done" or "error"); "cancel" on stdin,
or stdin closing (the window is gone), stops it: the analysis after the chunk in hand, keeping
what was saved; the grouping at once (its transaction is rolled back, the articles are placed
next time). The window's side is reader/analysis_apart.py. Qt-free.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
import threading
import traceback
from pathlib import Path

from reader.process_guard import cancel_on_stdin


def _emit(payload: dict) -> None:
    sys.stdout.write(json.dumps(payload) + "\n")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reader.analysis_process")
    parser.add_argument("library", type=Path)
    parser.add_argument("--processes", type=int, default=2, help="model processes")
    parser.add_argument("--task", choices=("analyse", "stories"), default="analyse")
    args = parser.parse_args(argv)
    # Background work: the window (and anything else the user runs) gets the cores first; the
    # model processes started from here inherit it.
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(10)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    cancel = threading.Event()
    threading.Thread(target=cancel_on_stdin, args=(cancel,), daemon=True).start()
    try:
        from reader.library import Library

        def progress(done: int, total: int) -> None:
            _emit({"kind": "progress", "done": done, "total": total})

        with Library(args.library, create=False) as library:
            if args.task == "stories":
                # Grouping has no place to stop half way: a cancel ends the process, and
                # SQLite rolls back what was not committed.
                threading.Thread(target=_exit_on, args=(cancel,), daemon=True).start()
                done = library.update_stories(progress)
            else:
                done = library.analyze_pending(cancel=cancel, n_process=args.processes,
                                               progress=progress)
        _emit({"kind": "done", "analysed": done})
        return 0
    except BaseException as exc:  # the window shows it; the child must not die silently
        _emit({"kind": "error", "message": str(exc) or type(exc).__name__,
               "traceback": traceback.format_exc()})
        return 1


def _exit_on(cancel: threading.Event) -> None:
    cancel.wait()
    os._exit(3)


if __name__ == "__main__":
    sys.exit(main())
