"""The background analysis process: `python -m reader.analysis_process LIBRARY`.

Runs `Library.analyze_pending` and prints one JSON line per progress step on stdout (then
"done" or "error"); "cancel" on stdin, or stdin closing (the window is gone), stops it after
the chunk in hand, keeping what was saved. The window's side is reader/analysis_apart.py.
Qt-free.
"""

from __future__ import annotations

import argparse
import json
import logging
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
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    cancel = threading.Event()
    threading.Thread(target=cancel_on_stdin, args=(cancel,), daemon=True).start()
    try:
        from reader.library import Library

        with Library(args.library, create=False) as library:
            done = library.analyze_pending(
                cancel=cancel, n_process=args.processes,
                progress=lambda d, t: _emit({"kind": "progress", "done": d, "total": t}),
            )
        _emit({"kind": "done", "analysed": done})
        return 0
    except BaseException as exc:  # the window shows it; the child must not die silently
        _emit({"kind": "error", "message": str(exc) or type(exc).__name__,
               "traceback": traceback.format_exc()})
        return 1


if __name__ == "__main__":
    sys.exit(main())
