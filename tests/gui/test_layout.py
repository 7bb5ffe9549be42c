"""The default layout gives the article the room (at 1200×780 and 1920×1080), panels take
their side's slot (new ones too), a saved layout wins, and View > Reset layout brings it back."""

from __future__ import annotations

import sys
import types

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from reader.gui import panels
from reader.gui.main_window import MainWindow

Area = Qt.DockWidgetArea


@pytest.fixture
def fake_panels(monkeypatch):
    """Five panels like the real ones (and one more each side, as Notes and Collections will
    be), without the cost of analysis."""
    module = types.ModuleType("fake_layout_panels")

    def attach(window: MainWindow) -> None:
        for name, area in [("feeds", Area.LeftDockWidgetArea),
                           ("entities", Area.RightDockWidgetArea),
                           ("chronology", Area.BottomDockWidgetArea),
                           ("stories", Area.RightDockWidgetArea),
                           ("notes", Area.RightDockWidgetArea),
                           ("collections", Area.LeftDockWidgetArea)]:
            window.add_panel(name, name.title(), QLabel(name), area)

    module.attach = attach  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fake_layout_panels", module)
    monkeypatch.setattr(panels, "FEATURES", ("fake_layout_panels",))


def _window(qtbot, library, settings, size: tuple[int, int]) -> MainWindow:
    window = MainWindow(library, settings, restore=False, with_panels=True)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=5000)
    qtbot.wait(50)  # the first-show layout
    return window


def _tab_groups(window: MainWindow) -> list[set[str]]:
    groups = []
    for name, dock in window.panels.items():
        behind = window.tabifiedDockWidgets(dock)
        group = {name} | {n for n, d in window.panels.items() if d in behind}
        if group not in groups:
            groups.append(group)
    return groups


def test_a_small_window_gives_the_article_the_width_and_the_height(qtbot, library, settings,
                                                                   fake_panels):
    window = _window(qtbot, library, settings, (1200, 780))
    reading = window.reading.geometry()
    assert reading.width() >= 0.48 * window.width()
    assert reading.height() >= 0.8 * window.centralWidget().parentWidget().height()
    assert window.panels["chronology"].isHidden()  # View > Panels opens it
    groups = _tab_groups(window)
    assert {"results", "feeds", "collections"} in groups
    assert {"entities", "stories", "notes"} in groups
    window.close()


def test_a_large_window_shows_the_chronology_under_the_article(qtbot, library, settings,
                                                                fake_panels):
    window = _window(qtbot, library, settings, (1920, 1080))
    chronology = window.panels["chronology"]
    assert chronology.isVisible()
    assert chronology.height() <= 0.32 * window.height()
    assert chronology.geometry().left() >= window.panels["results"].geometry().right()
    assert window.reading.width() >= 0.5 * window.width()
    # The right column: entities above, the rest as tabs below it.
    entities, stories = window.panels["entities"], window.panels["stories"]
    assert entities.isVisible() and stories.isVisible()
    assert entities.geometry().bottom() < stories.geometry().top()
    assert {"stories", "notes"} in _tab_groups(window)
    window.close()


def test_a_saved_layout_wins_and_reset_layout_brings_the_default_back(qtbot, library, settings,
                                                                      fake_panels):
    window = _window(qtbot, library, settings, (1920, 1080))
    window.panels["chronology"].hide()
    window.panels["entities"].setFloating(True)
    window.close()
    window.settings.window_state = window.saveState()
    window.settings.geometry = window.saveGeometry()

    again = MainWindow(library, settings, restore=True, with_panels=True)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.model.rowCount() > 0, timeout=5000)
    qtbot.wait(50)
    assert again.panels["chronology"].isHidden()  # as the user left it
    assert again.panels["entities"].isFloating()
    again.resize(1920, 1080)
    again.actions_.reset_layout.trigger()
    qtbot.wait(50)
    assert again.panels["chronology"].isVisible()
    assert not again.panels["entities"].isFloating()
    again.close()
