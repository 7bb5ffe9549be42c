"""Panels dock in through reader.gui.panels; a broken or missing panel never stops the window."""

from __future__ import annotations

import sys
import types

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from reader.gui import panels
from reader.gui.main_window import MainWindow


def test_panels_attach_and_a_broken_one_is_skipped(qtbot, library, settings, monkeypatch):
    good = types.ModuleType("fake_good_panel")

    def attach(window: MainWindow) -> str:
        window.add_panel("notes", "Notes", QLabel("notes"), Qt.DockWidgetArea.RightDockWidgetArea)
        return "attached"

    good.attach = attach  # type: ignore[attr-defined]
    bad = types.ModuleType("fake_bad_panel")
    bad.attach = lambda window: 1 / 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fake_good_panel", good)
    monkeypatch.setitem(sys.modules, "fake_bad_panel", bad)
    monkeypatch.setattr(panels, "FEATURES",
                        ("fake_missing_panel", "fake_bad_panel", "fake_good_panel"))
    window = MainWindow(library, settings, restore=False, with_panels=True)
    qtbot.addWidget(window)
    assert window.extensions == {"fake_good_panel": "attached"}
    toggles = [a.text() for a in window.actions_.panels_menu.actions()]
    assert "Results" in toggles and "Notes" in toggles
    window.close()
