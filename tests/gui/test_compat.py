"""The PySide6 6.12 None-refcount bug must not bring the window down after long use."""

from __future__ import annotations

from PySide6.QtGui import QColor

import reader.gui  # noqa: F401  (installs the work-around)


def test_many_void_calls_do_not_free_none():
    colour = QColor("red")
    for _ in range(300_000):  # more than None's natural reference count on Python 3.11
        colour.setRed(1)
    assert None is None
