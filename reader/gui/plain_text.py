"""Text from articles and file names, shown as typed and never as markup.

Qt guesses: a tooltip or a label whose text looks like HTML is rendered as HTML, so a title
such as `<img src=file:///…>` would load a local file into the window. Tooltips therefore
get the text converted to escaped rich text; labels are set to plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel


def tooltip(text: str | None) -> str | None:
    """A tooltip that shows `text` literally (None and "" stay as they are: no tooltip)."""
    if not text:
        return text
    return GuiQt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)


def plain_label(label: QLabel) -> QLabel:
    """Make `label` show its text literally, whatever it holds."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
