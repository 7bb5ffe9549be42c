"""Work-arounds for bugs in the pinned PySide6 (6.12.0) that would otherwise crash the window.

Every call of a void C++ method drops one reference to None without taking one (and some
paths do the same to True and False). On Python 3.12+ these objects are immortal and nothing
happens; on 3.11 a few hundred thousand calls (minutes of painting) free None and abort the
process ("Fatal Python error: none_dealloc").
"""

from __future__ import annotations

import ctypes
import sys

_PINNED = 1 << 60


def keep_none_alive() -> None:
    """Give None, True, False and the small ints a reference count no run can exhaust, as
    3.12's immortal objects have."""
    if sys.version_info >= (3, 12) or hasattr(sys, "getobjects"):  # immortal, or a debug build
        return
    for obj in (None, True, False, Ellipsis, NotImplemented, "", (), *range(-5, 257)):
        refcount = ctypes.c_ssize_t.from_address(id(obj))
        if refcount.value < _PINNED // 2:
            refcount.value = _PINNED
