"""File > Add from the web…: paste one or many addresses, watch them come in, read what
happened to each (in plain text: page titles and server messages are never shown as markup).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.gui.importing.controller import ImportController
from reader.importer import ImportProgress, ImportReport


def addresses(text: str) -> list[str]:
    """One address per line (or separated by spaces), in order, each once."""
    seen: dict[str, None] = {}
    for word in text.split():
        seen.setdefault(word.strip("<>\"'"), None)
    return [w for w in seen if w]


def outcome_text(report: ImportReport) -> str:
    """Each address with its outcome, failures first (they are what needs doing)."""
    lines = [f"Failed: {label}\n    {reason}" for label, reason in report.failed]
    lines += [f"Already in the library: {label}" for label, _ in report.duplicates]
    lines += [f"Added: {label}" for label, _ in report.imported]
    if report.cancelled:
        lines.append("Cancelled: the addresses after these were not fetched.")
    return "\n".join(lines)


class WebDialog(QDialog):
    def __init__(self, imports: ImportController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.imports = imports
        self.report: ImportReport | None = None
        self.setWindowTitle("Add from the web")
        self.setObjectName("webDialog")
        intro = QLabel(
            "Paste the addresses of web pages, one per line. Reader downloads each page (only "
            "the page, not its pictures), keeps it, and adds its article to the library. "
            "To follow a site's feed, use the Feeds panel.", self, wordWrap=True)
        self.urls = QPlainTextEdit(self, objectName="webAddresses")
        self.urls.setPlaceholderText("https://www.example.com/news/2025/03/04/story.html")
        self.urls.textChanged.connect(self._update_buttons)
        self.progress = QProgressBar(self, maximum=1000, textVisible=False)
        self.status = QLabel(self, wordWrap=True)
        self.outcomes = QPlainTextEdit(self, objectName="webOutcomes", readOnly=True)
        self.outcomes.setPlaceholderText("What happened to each address shows here.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.fetch_button = QPushButton("&Fetch", self, default=True)
        buttons.addButton(self.fetch_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button = QPushButton("Ca&ncel fetching", self)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.fetch_button.clicked.connect(self.fetch)
        self.cancel_button.clicked.connect(imports.cancel)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.urls, 2)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.outcomes, 3)
        layout.addWidget(buttons)
        self.resize(640, 480)
        imports.progressed.connect(self._progressed)
        imports.finished.connect(self._finished)
        self._running = False
        self._update_buttons()

    def fetch(self) -> bool:
        urls = addresses(self.urls.toPlainText())
        if not urls or not self.imports.fetch(urls, summary=False):
            return False
        self._running = True
        self.report = None
        self.progress.setValue(0)
        self.status.setText(f"Fetching {len(urls)} page{'s' if len(urls) != 1 else ''}…")
        self.outcomes.clear()
        self._update_buttons()
        return True

    def _progressed(self, state: ImportProgress) -> None:
        if not self._running:
            return
        self.progress.setValue(round(state.fraction * 1000))
        self.status.setText(
            f"{state.done_bytes} of {state.total_bytes} done: {state.imported} added, "
            f"{state.duplicates} already there, {state.failed} failed")

    def _finished(self, report: ImportReport) -> None:
        if not self._running:
            return  # another import (files, feeds) ended
        self._running = False
        self.report = report
        self.progress.setValue(1000)
        self.status.setText(report.summary().replace("duplicates skipped", "already there"))
        self.outcomes.setPlainText(outcome_text(report))
        if not report.failed:
            self.urls.clear()
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.fetch_button.setEnabled(not self._running and bool(self.urls.toPlainText().strip()))
        self.cancel_button.setVisible(self._running)
        self.progress.setVisible(self._running or self.report is not None)
