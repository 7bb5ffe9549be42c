"""The small dialog that writes a note: on a highlight (with its colour, and a way to remove
the highlight) or on a whole article. The quoted words are shown as plain text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reader.gui.notes.model import one_line, shade
from reader.gui.plain_text import plain_label
from reader.notes import COLOURS, DEFAULT_COLOUR


class NoteDialog(QDialog):
    """`note()`, `colour()`; `removed` is True when the user chose to remove the highlight."""

    def __init__(self, title: str, quote: str | None, note: str,
                 colour: str | None = DEFAULT_COLOUR, *, can_remove: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("noteDialog")
        self.removed = False
        layout = QVBoxLayout(self)
        if quote is not None:
            words = plain_label(QLabel(f"“{one_line(quote, 300)}”", self, wordWrap=True))
            words.setObjectName("noteQuote")
            layout.addWidget(words)
        form = QFormLayout()
        self.colours: QComboBox | None = None
        if colour is not None:
            self.colours = QComboBox(self)
            self.colours.setToolTip("The highlight's colour")
            for name in COLOURS:
                self.colours.addItem(name.capitalize(), name)
                self.colours.setItemData(self.colours.count() - 1, shade(name),
                                         Qt.ItemDataRole.DecorationRole)
            self.colours.setCurrentIndex(max(0, self.colours.findData(colour)))
            form.addRow("Colour:", self.colours)
        layout.addLayout(form)
        self.editor = QPlainTextEdit(self)
        self.editor.setPlainText(note)
        self.editor.setPlaceholderText("Write a note (optional)")
        self.editor.setToolTip("Your note; kept with the highlight and found by note: searches")
        layout.addWidget(self.editor, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        if can_remove:
            remove = buttons.addButton("Remove highlight",
                                       QDialogButtonBox.ButtonRole.DestructiveRole)
            remove.setToolTip("Remove this highlight and its note")
            remove.clicked.connect(self._remove)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(460, 280)
        self.editor.setFocus()

    def _remove(self) -> None:
        self.removed = True
        self.accept()

    def note(self) -> str:
        return self.editor.toPlainText()

    def colour(self) -> str | None:
        return self.colours.currentData() if self.colours is not None else None
