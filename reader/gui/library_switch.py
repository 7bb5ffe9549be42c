"""File > Open library…: choose another library folder (or a new, empty one) and reopen on it.

A window belongs to one library for its whole life (panels, workers and the index hold it),
so switching starts a fresh Reader on the chosen folder and closes this one.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QProcess
from PySide6.QtWidgets import QFileDialog, QMessageBox

from reader.library import Library

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow

log = logging.getLogger(__name__)


def choose_library(window: MainWindow) -> None:
    current = Path(window.library.folder)
    chosen = QFileDialog.getExistingDirectory(
        window, "Open a library, or choose an empty folder for a new one", str(current.parent)
    )
    if chosen:
        switch_library(window, Path(chosen))


def switch_library(window: MainWindow, folder: Path) -> bool:
    """Reopen Reader on `folder`; False (and nothing changed) when the user says no."""
    folder = folder.resolve()
    if folder == Path(window.library.folder).resolve():
        window.statusBar().showMessage("That library is already open.", 5000)
        return False
    is_library = (folder / Library.STORE_FILE).exists()
    if not is_library and any(folder.iterdir()):
        answer = QMessageBox.question(
            window,
            "Create a library here?",
            f"{folder} is not a Reader library and is not empty.\n\n"
            "Create a new library in it? Reader adds its own files beside yours and changes "
            "nothing else.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
    window.settings.last_library = folder
    started = QProcess.startDetached(sys.executable, ["-m", "reader.cli", "--library", str(folder)])
    ok = started[0] if isinstance(started, tuple) else bool(started)
    if not ok:
        QMessageBox.warning(window, "Reader", f"Reader could not be started on {folder}.")
        return False
    log.info("reopening Reader on %s", folder)
    window.close()
    return True
