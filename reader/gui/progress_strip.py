"""The status-bar strip long background jobs show: a message, a progress bar and Cancel."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QSizePolicy, QWidget


class ProgressStrip(QWidget):
    """Label, bar and Cancel button in one row; subclasses say what the numbers mean."""

    def __init__(self, parent: QWidget | None = None, *, maximum: int, bar_width: int) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.bar = QProgressBar(self, minimum=0, maximum=maximum, textVisible=False)
        self.bar.setFixedWidth(bar_width)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 4, 0)
        row.addWidget(self.label)
        row.addWidget(self.bar)
        row.addWidget(self.cancel_button)
