"""The Preferences dialog: a form over `Preferences`; each control applies as it changes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFontComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reader.gui.preferences.controller import Preferences
from reader.gui.theme import PALETTE_ENV, theme_forced

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow

THEME_LABELS = {"system": "As the system", "light": "Light", "dark": "Dark"}


class PreferencesDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Preferences")
        self.setObjectName("preferencesDialog")
        self.setMinimumWidth(560)
        self.prefs = Preferences(window)
        settings = window.settings

        self.font_family = QFontComboBox(
            self, toolTip="The typeface of the article text (the rest of the window keeps the "
                          "system's)")
        self.use_system_font = QCheckBox("System font", self,
                                         toolTip="Read in the same font as the rest of Reader")
        self.font_size = QDoubleSpinBox(
            self, minimum=7, maximum=36, singleStep=1, decimals=1, suffix=" pt",
            toolTip="Size of the article text (Ctrl++ and Ctrl+- change it too)")
        self.line_width = QSpinBox(
            self, minimum=40, maximum=200, singleStep=4, suffix=" characters",
            toolTip="The widest a line of the article gets; about 60–80 characters read best")
        self.theme = QComboBox(self, toolTip="Light or dark colours, or follow the system")
        for name, label in THEME_LABELS.items():
            self.theme.addItem(label, name)
        self.theme_note = QLabel(self, wordWrap=True, objectName="preferencesNote")
        self.analysis = QCheckBox(
            "Find names and dates in new articles in the background", self,
            toolTip="Off: Reader analyses only when asked (Entities > Find names now), which "
                    "keeps the computer quiet during large imports")
        self.library_path = QLabel(str(window.library.folder), self, wordWrap=True,
                                   objectName="libraryPath")
        self.library_path.setTextFormat(Qt.TextFormat.PlainText)
        self.library_path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.library_button = QPushButton(
            "Choose another folder…", self,
            toolTip="Open another library, or start a new one in an empty folder; Reader "
                    "restarts on it")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close
                                   | QDialogButtonBox.StandardButton.RestoreDefaults, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setToolTip(
            "Close; every change is already saved")
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).setToolTip(
            "Reader's own font, size, line width, theme and analysis (the library stays)")

        font_row = QHBoxLayout()
        font_row.addWidget(self.font_family, 1)
        font_row.addWidget(self.use_system_font)
        library_note = QLabel("Reader reopens on the folder you choose; an empty folder "
                              "becomes a new library.", self, wordWrap=True,
                              objectName="preferencesNote")
        library_row = QVBoxLayout()
        library_row.addWidget(self.library_path)
        library_row.addWidget(self.library_button, 0, Qt.AlignmentFlag.AlignLeft)
        library_row.addWidget(library_note)
        form = QFormLayout()
        form.addRow("Reading font", font_row)
        form.addRow("Text size", self.font_size)
        form.addRow("Line width", self.line_width)
        form.addRow("Theme", self.theme)
        form.addRow("", self.theme_note)
        form.addRow("Analysis", self.analysis)
        form.addRow("Library", _wrap(library_row, self))
        form.setVerticalSpacing(10)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 18, 18, 12)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)

        self._load(settings.font_family, settings.font_size, settings.line_width,
                   settings.theme, settings.background_analysis)
        self.font_family.currentFontChanged.connect(self._font_chosen)
        self.use_system_font.toggled.connect(self._system_font_toggled)
        self.font_size.valueChanged.connect(self.prefs.set_font_size)
        self.line_width.valueChanged.connect(self.prefs.set_line_width)
        self.theme.currentIndexChanged.connect(
            lambda _i: self.prefs.set_theme(str(self.theme.currentData())))
        self.analysis.toggled.connect(self.prefs.set_background_analysis)
        self.library_button.clicked.connect(self._choose_library)
        buttons.rejected.connect(self.close)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(
            self._restore_defaults)

    def _load(self, family: str, size: float, width: int, theme: str, analysis: bool) -> None:
        """Show the values without applying them again."""
        for widget in (self.font_family, self.use_system_font, self.font_size, self.line_width,
                       self.theme, self.analysis):
            widget.blockSignals(True)
        self.use_system_font.setChecked(not family)
        self.font_family.setEnabled(bool(family))
        self.font_family.setCurrentFont(QFont(family) if family else self.font())
        self.font_size.setValue(size)
        self.line_width.setValue(width)
        self.theme.setCurrentIndex(max(0, self.theme.findData(theme)))
        self.analysis.setChecked(analysis)
        for widget in (self.font_family, self.use_system_font, self.font_size, self.line_width,
                       self.theme, self.analysis):
            widget.blockSignals(False)
        self.theme_note.setText(
            f"{PALETTE_ENV} is set, so this run keeps its colours; the choice applies from "
            "the next start without it." if theme_forced() else "")
        self.theme_note.setVisible(theme_forced())

    def _font_chosen(self, font: QFont) -> None:
        if not self.use_system_font.isChecked():
            self.prefs.set_font_family(font.family())

    def _system_font_toggled(self, system: bool) -> None:
        self.font_family.setEnabled(not system)
        self.prefs.set_font_family("" if system else self.font_family.currentFont().family())

    def _choose_library(self) -> None:
        current = Path(self.prefs.window.library.folder)
        chosen = QFileDialog.getExistingDirectory(
            self, "Open a library, or choose an empty folder for a new one", str(current.parent))
        if chosen:
            self.prefs.move_library(Path(chosen))

    def _restore_defaults(self) -> None:
        self.prefs.restore_defaults()
        s = self.prefs.settings
        self._load(s.font_family, s.font_size, s.line_width, s.theme, s.background_analysis)


def _wrap(layout: QVBoxLayout, parent: QWidget) -> QWidget:
    holder = QWidget(parent)
    layout.setContentsMargins(0, 0, 0, 0)
    holder.setLayout(layout)
    return holder
