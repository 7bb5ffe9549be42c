"""The Collections dock: Unread, Starred, the collections and saved searches; buttons to make,
rename and delete them, and an undo after a deletion."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.gui.collections.model import CollectionsModel, Item


class CollectionsPanel(QWidget):
    def __init__(self, model: CollectionsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="collectionsPanel")
        self.view = QListView(self, objectName="collectionsList")
        self.view.setModel(model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setUniformItemSizes(True)
        self.view.setSpacing(2)
        self.view.setToolTip("Click to list the articles of a collection or saved search")
        self.new_button = _button(self, "New", "Start an empty collection (one per project, say)")
        self.save_button = _button(self, "Save search",
                                   "Keep the query in the search box as a saved search")
        self.rename_button = _button(self, "Rename", "Give the chosen collection another name")
        self.delete_button = _button(self, "Delete",
                                     "Delete the chosen collection; its articles stay")
        self.status = QLabel(self, objectName="collectionsStatus", wordWrap=True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.undo_button = _button(self, "Undo", "Bring the deleted collection back")
        self.undo_button.hide()

        buttons = QHBoxLayout()
        buttons.setContentsMargins(4, 4, 4, 0)
        for b in (self.new_button, self.save_button, self.rename_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        undo = QHBoxLayout()
        undo.setContentsMargins(4, 0, 4, 4)
        undo.addWidget(self.status, 1)
        undo.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addLayout(undo)
        self.show_chosen(None)

    def chosen(self) -> Item | None:
        index = self.view.currentIndex()
        return index.data(CollectionsModel.ItemRole) if index.isValid() else None

    def show_chosen(self, item: Item | None) -> None:
        """Rename and Delete are for collections and saved searches, not Unread or Starred."""
        own = item is not None and item.row is not None
        self.rename_button.setEnabled(own)
        self.delete_button.setEnabled(own)


def _button(parent: QWidget, text: str, tip: str) -> QPushButton:
    button = QPushButton(text, parent)
    button.setToolTip(tip)
    return button
