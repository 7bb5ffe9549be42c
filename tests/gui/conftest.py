"""GUI fixtures: a small library built once from the seeds and copied for each test, a window
over it with throwaway settings, and helpers to wait for searches like a user would."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from reader.gui.main_window import MainWindow
from reader.gui.settings import Settings
from reader.library import Library


@pytest.fixture(scope="session")
def seed_library_template(tmp_path_factory: pytest.TempPathFactory, seed_paths: list[Path]) -> Path:
    folder = tmp_path_factory.mktemp("seed-library")
    with Library(folder) as lib:
        lib.import_paths(seed_paths)
    return folder


@pytest.fixture
def library(tmp_path: Path, seed_library_template: Path):
    folder = tmp_path / "library"
    shutil.copytree(seed_library_template, folder)
    lib = Library(folder)
    yield lib
    lib.close()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot, library: Library, settings: Settings):
    win = MainWindow(library, settings, restore=False)
    win.imports.show_summary = True
    qtbot.addWidget(win)
    win.resize(1100, 700)
    win.show()
    qtbot.waitUntil(lambda: win.model.rowCount() > 0, timeout=5000)
    yield win
    win.close()  # before the library closes: nothing may paint or search after that


@pytest.fixture
def search(qtbot, window: MainWindow):
    """Type into the search field and wait for the results to arrive."""

    def type_query(text: str) -> None:
        if window.search_bar.text():
            with qtbot.waitSignal(window.search.outcomeReady, timeout=5000):
                window.search_bar.field.clear()
        with qtbot.waitSignal(window.search.outcomeReady, timeout=5000):
            qtbot.keyClicks(window.search_bar.field, text)

    return type_query
