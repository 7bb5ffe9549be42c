"""Edit > Preferences…: each choice applies at once to the open window and is remembered."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QProcess
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QFileDialog

from reader.gui.preferences import PreferencesDialog
from reader.gui.theme import PALETTE_ENV, apply_theme, current_theme


@pytest.fixture
def dialog(qtbot, window) -> PreferencesDialog:
    window.actions_.preferences.trigger()
    dialog = window.preferences
    assert dialog is not None and dialog.isVisible()
    yield dialog
    dialog.close()
    apply_theme(QApplication.instance(), "system")  # the palette is the application's


def _margin(window) -> float:
    return window.reading.browser.document().rootFrame().frameFormat().leftMargin()


def test_font_size_and_family_apply_at_once_and_are_remembered(qtbot, window, dialog) -> None:
    dialog.font_size.setValue(16)
    assert window.reading.font_size == 16 and window.settings.font_size == 16
    assert window.reading.browser.document().defaultFont().pointSizeF() == 16
    dialog.use_system_font.setChecked(False)
    dialog.font_family.setCurrentFont(QFont("DejaVu Serif"))
    family = dialog.font_family.currentFont().family()
    assert window.settings.font_family == family
    assert window.reading.browser.document().defaultFont().family() == family
    dialog.use_system_font.setChecked(True)
    assert window.settings.font_family == "" and window.reading.font_family == ""


def test_line_width_narrows_the_text_column(qtbot, window, dialog) -> None:
    window.resize(1400, 800)
    qtbot.wait(20)
    dialog.line_width.setValue(100)
    wide = _margin(window)
    dialog.line_width.setValue(48)
    assert _margin(window) > wide
    assert window.settings.line_width == 48


def test_the_theme_switches_live_and_stays_chosen(qtbot, window, dialog, monkeypatch) -> None:
    monkeypatch.delenv(PALETTE_ENV, raising=False)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    assert current_theme().dark and window.settings.theme == "dark"
    assert current_theme().base.name() == "#1f1f22"  # Reader's dark palette
    dialog.theme.setCurrentIndex(dialog.theme.findData("light"))
    assert not current_theme().dark and window.settings.theme == "light"


def test_a_forced_palette_wins_for_this_run_and_says_so(qtbot, window, monkeypatch) -> None:
    monkeypatch.setenv(PALETTE_ENV, "light")
    dialog = window.show_preferences()
    dialog._load("", 12.0, 72, "system", True)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    assert window.settings.theme == "dark"  # remembered for a start without the variable
    assert not current_theme().dark
    assert PALETTE_ENV in dialog.theme_note.text() and dialog.theme_note.isVisibleTo(dialog)
    dialog.close()


def test_background_analysis_can_be_turned_off(qtbot, window, dialog) -> None:
    analysis = window.use_analysis(n_process=1)
    dialog.analysis.setChecked(False)
    assert window.settings.background_analysis is False and not analysis.automatic
    assert not analysis.start_if_automatic()  # start-up and imports leave it alone
    assert not analysis.running


def test_choosing_another_library_reopens_reader_there(qtbot, window, dialog, tmp_path: Path,
                                                       monkeypatch) -> None:
    target = tmp_path / "elsewhere"
    target.mkdir()
    started: list[list[str]] = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *a, **k: str(target)))
    monkeypatch.setattr(QProcess, "startDetached",
                        staticmethod(lambda program, args: started.append(args) or (True, 1)))
    assert str(window.library.folder) in dialog.library_path.text()
    dialog.library_button.click()
    assert started and started[0][-1] == str(target.resolve())
    assert window.settings.last_library == target.resolve()


def test_restore_defaults(qtbot, window, dialog) -> None:
    dialog.font_size.setValue(20)
    dialog.line_width.setValue(120)
    dialog.analysis.setChecked(False)
    dialog._restore_defaults()
    assert window.reading.font_size == 12 and window.reading.line_width == 72
    assert dialog.font_size.value() == 12 and dialog.analysis.isChecked()
    assert window.settings.background_analysis is True


def test_a_new_window_starts_with_the_saved_preferences(qtbot, library, settings) -> None:
    from reader.gui.main_window import MainWindow

    settings.font_size = 15.0
    settings.line_width = 60
    settings.font_family = "DejaVu Serif"
    window = MainWindow(library, settings, restore=False)
    qtbot.addWidget(window)
    assert window.reading.font_size == 15 and window.reading.line_width == 60
    assert window.reading.font_family == "DejaVu Serif"
    window.close()
