"""Help > Query syntax and Help > About, and a yes-or-cancel question in plain text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reader import __version__
from reader.querylang import SYNTAX_HELP


class QuerySyntaxDialog(QDialog):
    """Non-modal, so the user can keep it open beside the search field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Query syntax")
        intro = QLabel("Type any of these in the search field. Words match any form "
                       "(treaty, treaties); case does not matter.", self, wordWrap=True)
        self.text = QPlainTextEdit(SYNTAX_HELP, self, readOnly=True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        metrics = self.text.fontMetrics()
        longest = max(SYNTAX_HELP.splitlines(), key=len)
        width = metrics.horizontalAdvance(longest + "MMMM") + 40
        self.resize(max(width, 560), metrics.lineSpacing() * (SYNTAX_HELP.count("\n") + 3) + 110)


def show_about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        "About Reader",
        f"<h3>Reader {__version__}</h3>"
        "<p>An offline news library: import articles, search them as you type, and read "
        "them without the clutter of the page they came from.</p>"
        "<p>Nothing is fetched from the network.</p>",
    )


def confirm(parent: QWidget, title: str, text: str, action: str) -> bool:
    """Ask before something is removed; `text` (titles from the web among it) is shown as
    plain text, never as markup. `action` names the button that goes ahead ("Delete")."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    yes = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is yes
