"""The corrections menu on entities (Rename…, Change type…, Merge into…, Delete) and its dialogs.

Dialogs ask; `EntityController` writes the correction and refreshes every view that shows it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.gui.entities.groups import LABEL_TITLES
from reader.gui.entities.library_model import LibraryEntitiesModel

if TYPE_CHECKING:
    from reader.gui.entities.controller import EntityController
    from reader.gui.entities.panel import EntityRef


def entity_menu(controller: EntityController, refs: list[EntityRef], parent: QWidget) -> QMenu:
    menu = QMenu(parent)
    if len(refs) == 1:
        entity_id, name, _label = refs[0]
        menu.addAction(f"List articles naming “{name}”",
                       lambda: controller.list_articles(entity_id))
        menu.addSeparator()
        menu.addAction("Rename…", lambda: ask_rename(controller, refs[0], parent))
        menu.addAction("Change type…", lambda: ask_relabel(controller, refs, parent))
        menu.addAction("Merge into…", lambda: ask_merge_into(controller, refs[0], parent))
        menu.addSeparator()
        menu.addAction("Delete", lambda: ask_delete(controller, refs, parent))
    else:
        n = len(refs)
        menu.addAction(f"Merge these {n} entities…", lambda: ask_merge(controller, refs, parent))
        menu.addAction(f"Change type of {n} entities…",
                       lambda: ask_relabel(controller, refs, parent))
        menu.addSeparator()
        menu.addAction(f"Delete {n} entities", lambda: ask_delete(controller, refs, parent))
    return menu


def ask_rename(controller: EntityController, ref: EntityRef, parent: QWidget) -> None:
    entity_id, name, _label = ref
    text, ok = QInputDialog.getText(parent, "Rename entity",
                                    f"New name for “{name}”, everywhere in the library:",
                                    QLineEdit.EchoMode.Normal, name)
    if ok and text.strip() and text.strip() != name:
        controller.rename(entity_id, text)


def ask_relabel(controller: EntityController, refs: list[EntityRef], parent: QWidget) -> None:
    labels = list(LABEL_TITLES)
    titles = [LABEL_TITLES[label] for label in labels]
    current = labels.index(refs[0][2]) if refs[0][2] in labels else 0
    what = f"“{refs[0][1]}”" if len(refs) == 1 else f"these {len(refs)} entities"
    title, ok = QInputDialog.getItem(parent, "Change type", f"What is {what}?", titles,
                                     current, False)
    if ok:
        controller.relabel([r[0] for r in refs], labels[titles.index(title)])


def ask_merge(controller: EntityController, refs: list[EntityRef], parent: QWidget) -> None:
    """Several selected: which one's name do they all take? The most-named comes first."""
    library = controller.library
    refs = sorted(refs, key=lambda r: (-library.entity(r[0]).articles,
                                       -library.entity(r[0]).mentions))
    names = [f"{name}  ({LABEL_TITLES.get(label, label).lower()})" for _i, name, label in refs]
    chosen, ok = QInputDialog.getItem(
        parent, "Merge entities",
        "These are one and the same. Keep which name?\n(All their mentions will go to it.)",
        names, 0, False)
    if ok:
        target = refs[names.index(chosen)][0]
        controller.merge([r[0] for r in refs], target)


def ask_merge_into(controller: EntityController, ref: EntityRef, parent: QWidget) -> None:
    dialog = MergeDialog(controller, ref, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted and dialog.target_id is not None:
        controller.merge([ref[0]], dialog.target_id)


def ask_delete(controller: EntityController, refs: list[EntityRef], parent: QWidget) -> None:
    what = f"“{refs[0][1]}”" if len(refs) == 1 else f"these {len(refs)} entities"
    answer = QMessageBox.question(
        parent, "Delete entity",
        f"Delete {what}?\n\nIt will no longer be highlighted, listed here or found by "
        "entity: searches, in any article.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    if answer == QMessageBox.StandardButton.Yes:
        controller.delete([r[0] for r in refs])


class _NameFilter(QSortFilterProxyModel):
    def __init__(self, exclude: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.exclude = exclude
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(0)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        index = self.sourceModel().index(row, 0, parent)
        if index.data(LibraryEntitiesModel.EntityIdRole) == self.exclude:
            return False
        return super().filterAcceptsRow(row, parent)


class MergeDialog(QDialog):
    """Pick the entity that `ref` is really the same as: a filterable list of the library's."""

    def __init__(self, controller: EntityController, ref: EntityRef,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Merge into…")
        self.target_id: int | None = None
        self.model = LibraryEntitiesModel(controller.library, self)
        self.model.reload(keep_rows=False)
        while self.model.canFetchMore():
            self.model.fetchMore()
        self.proxy = _NameFilter(ref[0], self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit(self, placeholderText="Type part of the name…")
        self.filter.setClearButtonEnabled(True)
        self.view = QTreeView(self, rootIsDecorated=False, uniformRowHeights=True)
        self.view.setModel(self.proxy)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Merge")
        self.ok.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"“{ref[1]}” is the same as:", self))
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(460, 420)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.view.selectionModel().currentChanged.connect(self._picked)
        self.view.doubleClicked.connect(lambda _i: self.accept() if self.ok.isEnabled() else None)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.filter.setText(ref[1].split()[-1] if ref[1].split() else "")
        self.filter.selectAll()

    def _picked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entity_id = current.data(LibraryEntitiesModel.EntityIdRole) if current.isValid() else None
        self.target_id = int(entity_id) if entity_id is not None else None
        self.ok.setEnabled(self.target_id is not None)
