"""A hard time limit for pure-Python work in the calling thread (a Whoosh search).

Whoosh's own TimeLimitCollector checks the clock only between matches it yields; intersecting
a 500-word prefix with a date range can run for seconds between two matches. So when the limit
passes, a timer thread raises `_Expired` in the searching thread (CPython's
PyThreadState_SetAsyncExc: delivered at the next bytecode, so `finally` blocks and `with`
statements unwind as for any exception), and `time_limit` turns it into the plain-language
QueryTooBroad. The searcher that was interrupted is best thrown away by the caller.
"""

from __future__ import annotations

import ctypes
import threading
from typing import Literal

from reader.errors import QueryTooBroad


def _set_async_exc(thread: int, exc: type[BaseException] | None) -> None:
    # None is passed as NULL: it clears an exception not delivered yet.
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread), ctypes.py_object(exc) if exc is not None else None
    )


class _Expired(BaseException):  # not an Exception: no `except Exception` in Whoosh eats it
    pass


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
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def _expire(self) -> None:
        with self._lock:
            if not self._done:
                self._fired = True
                _set_async_exc(self._thread, _Expired)

    def __enter__(self) -> time_limit:
        try:
            self._timer.start()
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
        self._timer.cancel()
