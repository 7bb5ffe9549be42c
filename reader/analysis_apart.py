"""Background analysis run as a process of its own (reader/analysis_process.py).

Analysing a library links every mention to a library-wide entity (a resolver that grows with
the library), saves results, and every few seconds brings the search index up to date, which
sorts and merges postings while holding the GIL. In the window's process that made the window
grow by hundreds of megabytes on a large library and stutter at each index catch-up. The child
does all of it; the window reads one JSON line per progress step on the child's stdout, and
"cancel" on its stdin (or stdin closing: the window is gone) stops the child after the chunk
in hand, keeping what was saved. Qt-free: `run_in_child` is what the window's worker calls.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path


class AnalysisFailed(Exception):
    """The analysis process stopped with an error (its message is for the user)."""


def run_in_child(
    folder: Path,
    *,
    n_process: int,
    cancel: threading.Event,
    progress: Callable[[int, int], None] | None = None,
    task: str = "analyse",
) -> int:
    """Analyse the library at `folder` in a child process (or, with `task="stories"`, place
    its articles in stories); returns how many articles were done. Blocks the calling thread
    (never the GUI thread) until the child is done."""
    child = subprocess.Popen(
        [sys.executable, "-m", "reader.analysis_process", str(folder),
         "--processes", str(n_process), "--task", task],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    assert child.stdin is not None and child.stdout is not None
    stdin = child.stdin
    finished = threading.Event()

    def forward_cancel() -> None:
        while not cancel.wait(0.2):
            if finished.is_set():
                return
        try:
            stdin.write("cancel\n")
            stdin.flush()
        except (OSError, ValueError):  # the child has finished already
            pass

    threading.Thread(target=forward_cancel, daemon=True).start()
    done, error = 0, None
    for line in child.stdout:
        try:
            message = json.loads(line)
        except ValueError:
            continue
        if message.get("kind") == "progress" and progress is not None:
            progress(int(message["done"]), int(message["total"]))
        elif message.get("kind") == "done":
            done = int(message["analysed"])
        elif message.get("kind") == "error":
            error = message.get("message") or "analysis failed"
    child.wait()
    finished.set()  # ends the forwarding thread
    child.stdout.close()
    with contextlib.suppress(OSError):
        stdin.close()
    if cancel.is_set() and error is None:  # stopped as asked: what was saved stays saved
        return done
    if error is not None or child.returncode != 0:
        raise AnalysisFailed(error or f"the analysis process ended with {child.returncode}")
    return done
