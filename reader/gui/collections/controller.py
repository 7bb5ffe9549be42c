"""What the Collections dock does: list a collection's articles on a click, make, rename and
delete collections and saved searches (a deletion asks first and can be undone)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject
from PySide6.QtWidgets import QInputDialog, QLineEdit

from reader.errors import UserError
from reader.gui.collections.model import CollectionsModel
from reader.gui.collections.panel import CollectionsPanel
from reader.gui.dialogs import confirm

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow
    from reader.models import CollectionCopy


class CollectionsController(QObject):
    def __init__(self, window: MainWindow, panel: CollectionsPanel,
                 model: CollectionsModel) -> None:
        super().__init__(window)
        self.window, self.panel, self.model = window, panel, model
        self.library = window.library
        self.undo_copy: CollectionCopy | None = None
        self.confirm = True  # tests switch the question off
        panel.view.clicked.connect(self._clicked)
        panel.view.activated.connect(self._clicked)
        panel.view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: panel.show_chosen(self.model.item(current.row())))
        panel.new_button.clicked.connect(lambda: self.ask_new())
        panel.save_button.clicked.connect(lambda: self.ask_save_search())
        panel.rename_button.clicked.connect(lambda: self.ask_rename())
        panel.delete_button.clicked.connect(lambda: self.delete_chosen())
        panel.undo_button.clicked.connect(lambda: self.undo())
        window.marksChanged.connect(lambda _ids: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        """Read the list and its counts again (a few quick queries), keeping the choice."""
        chosen = self.panel.chosen()
        self.model.set_contents(self.library.unread_count(), self.library.starred_count(),
                                self.library.collections())
        if chosen is not None:
            for row, item in enumerate(self.model.items):
                if (item.row.id if item.row else item.name) == (
                        chosen.row.id if chosen.row else chosen.name):
                    self.panel.view.setCurrentIndex(self.model.index(row, 0))
        self.panel.show_chosen(self.panel.chosen())

    def _clicked(self, index: QModelIndex) -> None:
        item = self.model.item(index.row())
        if item is not None:
            self.window.run_query(item.search)

    def _say(self, text: str) -> None:
        self.panel.status.setText(text)

    # -- making and renaming ---------------------------------------------------------------------

    def ask_new(self) -> None:
        name, ok = QInputDialog.getText(self.window, "New collection",
                                        "Name of the collection (one per project, say):")
        if ok and name.strip():
            self.create(name)

    def create(self, name: str, query: str | None = None) -> bool:
        try:
            row = self.library.create_collection(name, query)
        except UserError as exc:
            self._say(str(exc))
            return False
        self.refresh()
        where = self.model.row_of(row.id)
        if where is not None:
            self.panel.view.setCurrentIndex(self.model.index(where, 0))
        self._say(f"Saved the search “{row.query}” as “{row.name}”." if row.is_saved_search
                  else f"Collection “{row.name}” made: add articles from the results "
                       "(right-click > Add to collection).")
        return True

    def ask_save_search(self) -> None:
        query = self.window.search_bar.text().strip()
        if not query:
            self._say("Type a search first; Save search keeps it here.")
            return
        # The query goes in the field, not the label: a label could read it as markup.
        name, ok = QInputDialog.getText(self.window, "Save search",
                                        "Name for the saved search (the field holds its query):",
                                        QLineEdit.EchoMode.Normal, query[:60])
        if ok and name.strip():
            self.create(name, query)

    def ask_rename(self) -> None:
        item = self.panel.chosen()
        if item is None or item.row is None:
            return
        name, ok = QInputDialog.getText(self.window, "Rename", "New name:",
                                        QLineEdit.EchoMode.Normal, item.name)
        if ok and name.strip():
            self.rename(item.row.id, name)

    def rename(self, collection_id: int, name: str) -> bool:
        try:
            self.library.rename_collection(collection_id, name)
        except UserError as exc:
            self._say(str(exc))
            return False
        self.refresh()
        return True

    # -- deleting with undo --------------------------------------------------------------------

    def delete_chosen(self) -> bool:
        item = self.panel.chosen()
        if item is None or item.row is None:
            return False
        kind = "saved search" if item.row.is_saved_search else "collection"
        if self.confirm and not confirm(
            self.window, f"Delete {kind}",
            f"Delete the {kind} “{item.name}”?\n\nIts articles stay in the library; "
            "Undo in this panel brings it back.", "Delete",
        ):
            return False
        try:
            self.undo_copy = self.library.delete_collection(item.row.id)
        except UserError as exc:
            self._say(str(exc))
            return False
        self.refresh()
        self._say(f"Deleted “{item.name}”.")
        self.panel.undo_button.show()
        return True

    def undo(self) -> bool:
        copy, self.undo_copy = self.undo_copy, None
        self.panel.undo_button.hide()
        if copy is None:
            return False
        try:
            self.library.restore_collection(copy)
        except UserError as exc:
            self._say(str(exc))
            return False
        self.refresh()
        self._say(f"“{copy.name}” is back.")
        return True
