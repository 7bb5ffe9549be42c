"""The last line of defence: an uncaught exception is logged with its traceback and reported in
one dialog. Errors the user can fix (UserError) are shown plainly, without a traceback.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from reader.errors import UserError

log = logging.getLogger(__name__)

_installed = False
_showing = False


def install_excepthook() -> None:
    """Install once; later calls do nothing."""
    global _installed
    if not _installed:
        sys.excepthook = _excepthook
        _installed = True


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    global _showing
    if issubclass(kind, KeyboardInterrupt):
        QApplication.quit()
        return
    if isinstance(exc, UserError):
        log.warning("%s", exc)
    else:
        log.error("unexpected error", exc_info=(kind, exc, tb))
    app = QApplication.instance()
    # One dialog at a time: an error inside a repaint would otherwise stack dialogs forever.
    if app is None or _showing:
        return
    _showing = True
    try:
        parent = QApplication.activeWindow()
        if isinstance(exc, UserError):
            QMessageBox.warning(parent, "Reader", str(exc))
        else:
            box = QMessageBox(QMessageBox.Icon.Critical, "Reader: something went wrong",
                              "Reader hit a bug and could not finish what it was doing. "
                              "Your library is safe. The details below help to fix it.",
                              QMessageBox.StandardButton.Close, parent)
            box.setDetailedText("".join(traceback.format_exception(kind, exc, tb)))
            box.exec()
    finally:
        _showing = False
