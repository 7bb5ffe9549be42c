"""The results panel: the count ("12 of 2,225 articles"), a query error or "did you mean", and
the list. It sits in a dock beside the reading view.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from reader.gui.search.model import ResultsModel
from reader.gui.search.view import ResultsView
from reader.search_pages import SearchOutcome


class ResultsPanel(QWidget):
    suggestionClicked = Signal(str)

    def __init__(self, model: ResultsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count = QLabel(self, objectName="resultCount")
        self.error = QLabel(self, objectName="queryError", wordWrap=True)
        self.suggestion = QLabel(self, objectName="suggestion", wordWrap=True)
        # Why a tag: or collection: found nothing, and which ones the library has.
        self.note = QLabel(self, objectName="searchNote", wordWrap=True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.suggestion.setOpenExternalLinks(False)
        self._suggested = ""
        self.suggestion.linkActivated.connect(
            lambda _link: self.suggestionClicked.emit(self._suggested)
        )
        self.view = ResultsView(self)
        self.view.setModel(model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 0)
        layout.setSpacing(0)
        for w in (self.count, self.error, self.suggestion, self.note):
            layout.addWidget(w)
        layout.addWidget(self.view, 1)
        self.error.hide()
        self.suggestion.hide()
        self.note.hide()

    def show_outcome(self, outcome: SearchOutcome) -> None:
        self.suggestion.hide()
        self.note.setText("\n".join(outcome.notes))
        self.note.setVisible(bool(outcome.notes))
        if outcome.error:
            self.error.setText(outcome.error)
            self.error.show()
            self.count.setText(f"{outcome.library_total:,} articles in the library")
            return
        self.error.hide()
        noun = "article" if outcome.library_total == 1 else "articles"
        self.count.setText(f"{outcome.total:,} of {outcome.library_total:,} {noun}")

    def show_suggestion(self, text: str) -> None:
        self._suggested = text
        self.suggestion.setText(f'Did you mean <a href="suggest">{html.escape(text)}</a>?')
        self.suggestion.show()
