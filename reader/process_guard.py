"""Helper processes that end with the process that started them.

The window's analysis runs in worker processes (150 MB each, the language model loaded). If the
window is killed, even with SIGKILL, nothing tells them: they would wait for work for ever.
A worker therefore asks Linux to send it SIGTERM when its parent dies (prctl
PR_SET_PDEATHSIG) and, on every system, watches its parent's pid once a second.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import sys
import threading
import time

log = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int, poll: float = 1.0) -> None:
    """Call first thing in a worker process started by `parent_pid`."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
        except (OSError, AttributeError) as exc:  # no libc symbol: the watch below remains
            log.debug("prctl unavailable: %s", exc)
    if os.getppid() != parent_pid:  # the parent died while this worker was starting
        os._exit(1)
    threading.Thread(
        target=_watch, args=(parent_pid, poll), daemon=True, name="parent-watch"
    ).start()


def _watch(parent_pid: int, poll: float) -> None:
    # An orphan is adopted by init (or a subreaper): its parent pid changes.
    while True:
        time.sleep(poll)
        if os.getppid() != parent_pid:
            os._exit(1)


def cancel_on_stdin(cancel: threading.Event) -> None:
    """Run in a thread of a child process driven by the window: "cancel" on stdin, or stdin
    closing (the window is gone), sets `cancel`; the child stops after the item in hand."""
    for line in sys.stdin:
        if line.strip() == "cancel":
            break
    cancel.set()


def give_back_large_blocks() -> None:
    """Make this process's large allocations come straight from the system and go back to it
    when freed. A worker that alternates between big jobs (an import's worker: cleaning with a
    75 MB language model, then writing an index segment; a model worker: one batch of parsed
    articles after another) would otherwise keep the high-water mark of both: glibc raises its
    threshold for that after the first large block is freed. No effect beyond glibc."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(-3, 1 << 20)  # M_MMAP_THRESHOLD: 1 MB, fixed
        libc.mallopt(-1, 1 << 20)  # M_TRIM_THRESHOLD: free heap tops over 1 MB go back
    except (OSError, AttributeError):  # not glibc: its own defaults
        pass
