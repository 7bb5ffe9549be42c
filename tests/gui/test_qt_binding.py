"""The pinned Qt binding keeps Python's reference counts right (PySide6 6.12.0 did not).

6.12.0 dropped a reference to None on every call of a void Qt method; on Python 3.11 the
window aborted after minutes of use ("Fatal Python error: none_dealloc"). This guards the pin.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_do_not_consume_references_to_none(qtbot) -> None:
    label = QLabel("x")
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("y")
        label.setEnabled(True)
    assert sys.getrefcount(None) >= before - 50
