"""The one lock between processes sharing a library: who may write its search index.

Any number of processes may read a library at once (SQLite in WAL mode and Whoosh readers need
no lock). Writing the index (catching up with imports, rebuilding it) takes this lock, held in
a file beside the store. A writer that finds it taken waits, saying so; a reader never waits
for it to catch up: it searches what is there. The operating system drops the lock when its
holder dies, so a killed import never leaves the library locked.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from reader.errors import LibraryError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt

WAIT_MESSAGE = "Another Reader process (an import?) is updating this library's index… waiting."


class WriterLock:
    """A reentrant, inter-process lock (flock on Unix, a locked byte on Windows)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._thread_lock = threading.RLock()
        self._fd: int | None = None
        self._depth = 0

    def _try_os_lock(self, fd: int) -> bool:
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            else:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def acquire(
        self,
        *,
        blocking: bool = True,
        timeout: float = 600.0,
        waiting: Callable[[str], None] | None = None,
    ) -> bool:
        """Take the lock; without `blocking`, return False at once if another process has it.

        Waiting, `waiting` is told once (a message for the user); after `timeout` seconds a
        LibraryError says plainly that another process keeps the library busy.
        """
        if not self._thread_lock.acquire(blocking=blocking):
            return False
        if self._depth:
            self._depth += 1
            return True
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            self._thread_lock.release()
            raise LibraryError(
                f"Cannot write in the library folder {self.path.parent}: "
                f"{exc.strerror or exc}."
            ) from exc
        deadline = time.monotonic() + timeout
        told = False
        while not self._try_os_lock(fd):
            if not blocking or time.monotonic() > deadline:
                os.close(fd)
                self._thread_lock.release()
                if not blocking:
                    return False
                raise LibraryError(
                    "Another Reader process has been updating this library for "
                    f"{timeout / 60:.0f} minutes; try again when it has finished."
                )
            if waiting is not None and not told:
                waiting(WAIT_MESSAGE)
                told = True
            time.sleep(0.1)
        self._fd = fd
        self._depth = 1
        return True

    def release(self) -> None:
        self._depth -= 1
        if self._depth == 0 and self._fd is not None:
            os.close(self._fd)  # closing drops the OS lock
            self._fd = None
        self._thread_lock.release()

    @contextlib.contextmanager
    def held(self, **kwargs) -> Iterator[bool]:
        """`with lock.held(blocking=False) as got:`; releases only what it took."""
        got = self.acquire(**kwargs)
        try:
            yield got
        finally:
            if got:
                self.release()
