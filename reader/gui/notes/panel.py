"""The Notes panel: a filter box, the list of highlights and notes, and an export button.

It only shows and reports what the user does (signals); NotesController decides.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.gui.notes.model import NotesFilter, NotesModel
from reader.gui.plain_text import plain_label
from reader.gui.theme import current_theme
from reader.notes import NoteEntry


class NotesPanel(QWidget):
    entryOpened = Signal(object)  # NoteEntry: open its article at the highlight
    exportRequested = Signal()  # the selected rows (or all shown) to Markdown
    filterChanged = Signal(str)

    def __init__(self, model: NotesModel, proxy: NotesFilter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesPanel")
        self.model, self.proxy = model, proxy
        proxy.setSourceModel(model)
        self.filter = QLineEdit(self, objectName="notesFilter", clearButtonEnabled=True)
        self.filter.setPlaceholderText("Filter highlights and notes")
        self.filter.setToolTip("Show only highlights and notes whose words, note, article "
                               "title or outlet contain every word typed here")
        # A list with rows of one size: it lays out 10,000 rows without asking each one.
        self.view = QListView(self, objectName="notesList")
        self.view.setModel(proxy)
        self.view.setUniformItemSizes(True)
        self.view.setAlternatingRowColors(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setWordWrap(False)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.restyle()
        self.status = plain_label(QLabel(self, objectName="notesStatus", wordWrap=True))
        self.export_button = QPushButton("Export to Markdown…", self)
        self.export_button.setToolTip("Write the selected highlights' articles (or all shown) "
                                      "with their highlights and notes to a Markdown file")
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)

        self.filter.textChanged.connect(self._filter)
        self.view.activated.connect(self._opened)
        self.view.clicked.connect(self._opened)
        self.export_button.clicked.connect(self.exportRequested)

    def restyle(self) -> None:
        """A rule between entries: three lines each, they must not run into one another."""
        border = current_theme().border.name()
        self.view.setStyleSheet(
            f"QListView#notesList::item {{ border-bottom: 1px solid {border}; padding: 2px; }}")

    def _filter(self, text: str) -> None:
        self.proxy.set_text(text)
        self.show_counts()
        self.filterChanged.emit(text)

    def _opened(self, index: QModelIndex) -> None:
        entry = index.data(NotesModel.EntryRole)
        if entry is not None:
            self.entryOpened.emit(entry)

    def selected_entries(self) -> list[NoteEntry]:
        rows = self.view.selectionModel().selectedRows()
        return [e for e in (r.data(NotesModel.EntryRole) for r in rows) if e is not None]

    def shown_entries(self) -> list[NoteEntry]:
        return [e for e in (self.proxy.index(r, 0).data(NotesModel.EntryRole)
                            for r in range(self.proxy.rowCount())) if e is not None]

    def show_counts(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        highlights, lost = self.model.highlight_count, self.model.lost_count
        if total == 0:
            self.status.setText("No highlights or notes yet. Select words in an article and "
                                "press Ctrl+H, or right-click them, to highlight them.")
            self.export_button.setEnabled(False)
            return
        notes = total - highlights
        text = (f"{highlights:,} highlight{'s' * (highlights != 1)}, "
                f"{notes:,} article note{'s' * (notes != 1)}"
                if shown == total else f"{shown:,} of {total:,} shown")
        if lost:
            text += f"; ⚠ {lost:,} not found in their article's current text"
        self.status.setText(text + ".")
        self.export_button.setEnabled(shown > 0)
