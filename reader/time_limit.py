"""A hard time limit for pure-Python work in the calling thread (a Whoosh search).

Whoosh's own TimeLimitCollector checks the clock only between matches it yields; intersecting
a 500-word prefix with a date range can run for seconds between two matches. So when the limit
passes, a timer thread raises `_Expired` in the searching thread (CPython's
PyThreadState_SetAsyncExc: delivered at the next bytecode, so `finally` blocks and `with`
statements unwind as for any exception), and `time_limit` turns it into the plain-language
QueryTooBroad. The searcher that was interrupted is best thrown away by the caller.

One watchdog thread serves every limit: starting a timer thread per search cost several
milliseconds of a query on a busy 2-core machine (cProfile, bench/scale.py).
"""

from __future__ import annotations

import ctypes
import os
import threading
import time
from typing import Literal

from reader.errors import QueryTooBroad


def _set_async_exc(thread: int, exc: type[BaseException] | None) -> None:
    # None is passed as NULL: it clears an exception not delivered yet.
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread), ctypes.py_object(exc) if exc is not None else None
    )


class _Expired(BaseException):  # not an Exception: no `except Exception` in Whoosh eats it
    pass


class _Watchdog:
    """The thread that stops `with` blocks past their deadline."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._limits: dict[int, time_limit] = {}
        self._thread: threading.Thread | None = None

    def add(self, limit: time_limit) -> None:
        with self._cond:
            self._limits[id(limit)] = limit
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="reader-time-limit", daemon=True
                )
                self._thread.start()
            self._cond.notify()

    def remove(self, limit: time_limit) -> None:
        with self._cond:
            self._limits.pop(id(limit), None)

    def forget_thread(self) -> None:  # in a forked child the thread is gone
        self._cond = threading.Condition()
        self._thread = None

    def _run(self) -> None:
        while True:
            with self._cond:
                now = time.monotonic()
                due = [lim for lim in self._limits.values() if lim.deadline <= now]
                for lim in due:
                    del self._limits[id(lim)]
                if not due:
                    soonest = min((lim.deadline for lim in self._limits.values()), default=None)
                    self._cond.wait(None if soonest is None else soonest - now)
                    continue
            for lim in due:  # outside the condition: `_expire` takes the limit's own lock
                lim._expire()


_watchdog = _Watchdog()
os.register_at_fork(after_in_child=_watchdog.forget_thread)


class time_limit:  # lower case: used like a function, `with time_limit(1.5):`
    """Run the `with` block; past `seconds`, stop it and raise QueryTooBroad.

    A class, not a generator: Python calls `__exit__` for anything raised once `__enter__`
    has returned, so the exception cannot slip out between the two."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._thread = threading.get_ident()
        self._lock = threading.Lock()
        self._done = False
        self._fired = False
        self.deadline = time.monotonic() + seconds

    def _expire(self) -> None:
        with self._lock:
            if not self._done:
                self._fired = True
                _set_async_exc(self._thread, _Expired)

    def __enter__(self) -> time_limit:
        try:
            _watchdog.add(self)
        except _Expired:  # a limit already past
            self._finish()
            raise QueryTooBroad from None
        return self

    def __exit__(self, exc_type, exc, tb) -> Literal[False]:
        self._finish()
        if self._fired:
            raise QueryTooBroad from None
        return False

    def _finish(self) -> None:
        while True:  # the exception may still arrive here, even inside `with self._lock`
            try:
                with self._lock:
                    self._done = True
                    if self._fired:  # not delivered yet? then never: clear it
                        _set_async_exc(self._thread, None)
                break
            except _Expired:
                continue
        _watchdog.remove(self)
