"""Text from articles and file names, shown as typed and never as markup.

Qt guesses: a tooltip or a label whose text looks like HTML is rendered as HTML, so a title
such as `<img src=file:///…>` would load a local file into the window. Tooltips therefore
get the text escaped inside rich text of our own; labels are set to plain text.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def tooltip(text: str | None) -> str:
    """A tooltip that shows `text` literally (None and "" give no tooltip)."""
    if not text:
        return ""
    # A title keeps to one line; longer text wraps as Qt's tooltips do.
    wrap = "pre" if len(text) <= 120 else "pre-wrap"
    return f"<p style='white-space:{wrap}'>{html.escape(text)}</p>"


def plain_label(label: QLabel) -> QLabel:
    """Make `label` show its text literally, whatever it holds."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
