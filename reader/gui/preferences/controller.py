"""What each preference does to a running window: every change is saved in Settings and
applied at once, so the dialog needs no OK button and a test needs no dialog."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from reader.gui.library_switch import switch_library
from reader.gui.theme import THEMES, apply_theme, theme_forced

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow



class Preferences:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.settings = window.settings

    def set_font_family(self, family: str) -> None:
        self.settings.font_family = family
        self.window.reading.set_font_family(family)

    def set_font_size(self, size: float) -> None:
        self.window.reading.set_font_size(size)
        self.settings.font_size = self.window.reading.font_size

    def set_line_width(self, chars: int) -> None:
        self.window.reading.set_line_width(chars)
        self.settings.line_width = self.window.reading.line_width

    def set_theme(self, name: str) -> None:
        """Saved always; applied unless READER_PALETTE forces one for this run."""
        if name not in THEMES:
            return
        self.settings.theme = name
        app = QApplication.instance()
        if isinstance(app, QApplication) and not theme_forced():
            apply_theme(app, name)
            self.window.restyle()

    def set_background_analysis(self, on: bool) -> None:
        self.settings.background_analysis = on
        if self.window.analysis is not None:
            self.window.analysis.set_automatic(on)

    def move_library(self, folder: Path) -> bool:
        """Reopen Reader on another library (a new one in an empty folder); False if not."""
        return switch_library(self.window, folder)

    def restore_defaults(self) -> None:
        """Each preference back to the default Settings declares (the library stays)."""
        for name, apply in (("font_family", self.set_font_family),
                            ("font_size", self.set_font_size),
                            ("line_width", self.set_line_width), ("theme", self.set_theme),
                            ("background_analysis", self.set_background_analysis)):
            apply(type(self.settings).__dict__[name].default)
