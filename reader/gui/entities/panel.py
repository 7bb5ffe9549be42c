"""The entity panel's widgets: article/library switch, type legend, a plain status line, views.

It only shows and reports what the user does (signals); EntityController decides what happens.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.gui.entities.article_model import ArticleEntitiesModel
from reader.gui.entities.delegate import MentionDelegate
from reader.gui.entities.groups import GROUPS
from reader.gui.entities.legend import EntityLegend
from reader.gui.entities.library_model import LibraryEntitiesModel
from reader.gui.theme import current_theme

ARTICLE, LIBRARY = 0, 1
EntityRef = tuple[int, str, str]  # id, name, label


def _tree(parent: QWidget, name: str) -> QTreeView:
    view = QTreeView(parent, objectName=name)
    view.setUniformRowHeights(True)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAllColumnsShowFocus(True)
    view.setAlternatingRowColors(False)
    return view


class EntityPanel(QWidget):
    modeChanged = Signal(int)
    entityClicked = Signal(int)  # entity id: list the articles naming it
    mentionChosen = Signal(int, int)  # start, end in the clean body
    menuRequested = Signal(list, QPoint)  # [EntityRef], global position
    groupChosen = Signal(object)  # library mode's type filter: group key or None
    analyseRequested = Signal()

    def __init__(self, article_model: ArticleEntitiesModel, library_model: LibraryEntitiesModel,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entityPanel")
        self.tabs = QTabBar(self, objectName="entityModes")
        self.tabs.setDocumentMode(True)
        self.tabs.setExpanding(False)
        self.tabs.addTab("This article")
        self.tabs.addTab("Library")
        self.tabs.setTabToolTip(ARTICLE, "The names in the article you are reading")
        self.tabs.setTabToolTip(LIBRARY, "The names found in the most articles")
        self.type_filter = QComboBox(self, toolTip="Only entities of this type")
        self.type_filter.addItem("All types", None)
        for g in GROUPS:
            self.type_filter.addItem(g.title, g.key)
        self.legend = EntityLegend(self)
        self.status = QLabel(self, objectName="entityStatus", wordWrap=True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.analyse_button = QPushButton(
            "Find names now", self,
            toolTip="Find the people, places and organisations in the articles not analysed yet")
        self.analyse_button.hide()

        self.article_view = _tree(self, "articleEntities")
        self.article_view.setModel(article_model)
        self.article_view.setItemDelegate(MentionDelegate(self.article_view))
        # A mention row's context takes the whole width (the count column is empty there).
        article_model.modelReset.connect(self._span_mentions)
        self.library_view = _tree(self, "libraryEntities")
        self.library_view.setRootIsDecorated(False)
        self.library_view.setModel(library_model)
        for view in (self.article_view, self.library_view):
            header = view.header()
            header.setStretchLastSection(False)
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            for column in range(1, view.model().columnCount()):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.article_view)
        self.stack.addWidget(self.library_view)

        top = QHBoxLayout()
        top.setContentsMargins(4, 2, 4, 0)
        top.addWidget(self.tabs)
        top.addStretch(1)
        top.addWidget(self.type_filter)
        status_row = QHBoxLayout()
        status_row.setContentsMargins(8, 2, 8, 4)
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.analyse_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(self.legend)
        layout.addLayout(status_row)
        layout.addWidget(self.stack, 1)
        layout.addStretch(0)  # takes the room when the list is hidden: the status stays on top
        self.type_filter.hide()
        self.refresh_theme()

        self.tabs.currentChanged.connect(self._mode_changed)
        self.type_filter.activated.connect(
            lambda _i: self.groupChosen.emit(self.type_filter.currentData()))
        self.analyse_button.clicked.connect(self.analyseRequested)
        for view in (self.article_view, self.library_view):
            view.clicked.connect(self._clicked)
            view.activated.connect(lambda index: self._clicked(index, keyboard=True))
            view.customContextMenuRequested.connect(
                lambda pos, v=view: self._context_menu(v, pos))
        self.article_view.selectionModel().currentChanged.connect(self._current_changed)

    def refresh_theme(self) -> None:
        """Palette-derived colours for the status line (the app's style sheet is not ours):
        muted as a hint above the list, plain text when it stands alone."""
        theme = current_theme()
        self.setStyleSheet(
            f"QLabel#entityStatus {{ color: {theme.muted.name()}; }}"
            f'QLabel#entityStatus[alone="true"] {{ color: {theme.text.name()};'
            " padding: 12px 2px; }"
        )
        self.legend.refresh_theme()

    def _span_mentions(self) -> None:
        view, model = self.article_view, self.article_view.model()
        for g in range(model.rowCount()):
            group_index = model.index(g, 0)
            for e in range(model.rowCount(group_index)):
                entity_index = model.index(e, 0, group_index)
                for m in range(model.rowCount(entity_index)):
                    view.setFirstColumnSpanned(m, entity_index, True)

    # -- state -------------------------------------------------------------------------------

    @property
    def mode(self) -> int:
        return self.tabs.currentIndex()

    def set_mode(self, mode: int) -> None:
        self.tabs.setCurrentIndex(mode)

    def current_view(self) -> QTreeView:
        return self.article_view if self.mode == ARTICLE else self.library_view

    def set_status(self, text: str, offer_analysis: bool = False, alone: bool = False) -> None:
        """A plain sentence above the list; `alone` hides the (empty) list beneath it."""
        self.status.setText(text)
        self.status.setVisible(bool(text))
        if self.status.property("alone") != alone:
            self.status.setProperty("alone", alone)
            self.status.style().unpolish(self.status)
            self.status.style().polish(self.status)
        self.analyse_button.setVisible(offer_analysis)
        self.stack.setVisible(not alone)

    def selected_entities(self, view: QTreeView | None = None) -> list[EntityRef]:
        view = view or self.current_view()
        model = view.model()
        refs: dict[int, EntityRef] = {}
        for index in view.selectionModel().selectedRows(0):
            entity_id = index.data(ArticleEntitiesModel.EntityIdRole)
            kind = index.data(ArticleEntitiesModel.KindRole)
            if entity_id is None or kind == "group":
                continue
            if kind == "mention":  # a mention stands for its entity
                index = model.parent(index)
            refs[int(entity_id)] = (int(entity_id), str(index.siblingAtColumn(0).data()),
                                    str(index.data(ArticleEntitiesModel.LabelRole)))
        return list(refs.values())

    # -- user actions ------------------------------------------------------------------------

    def _mode_changed(self, mode: int) -> None:
        self.stack.setCurrentIndex(mode)
        self.type_filter.setVisible(mode == LIBRARY)
        self.modeChanged.emit(mode)

    def _clicked(self, index: QModelIndex, keyboard: bool = False) -> None:
        if not keyboard and QApplication.keyboardModifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        ):
            return  # picking several entities (to merge them), not asking for their articles
        kind = index.data(ArticleEntitiesModel.KindRole) if self.mode == ARTICLE else "entity"
        if kind == "mention":
            span = index.data(ArticleEntitiesModel.SpanRole)
            if span:
                self.mentionChosen.emit(*span)
        elif kind == "entity":
            entity_id = index.data(ArticleEntitiesModel.EntityIdRole)
            if entity_id is not None:
                self.entityClicked.emit(int(entity_id))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        # Arrowing through mentions follows them in the text, as clicking does.
        if current.isValid() and current.data(ArticleEntitiesModel.KindRole) == "mention":
            span = current.data(ArticleEntitiesModel.SpanRole)
            if span:
                self.mentionChosen.emit(*span)

    def _context_menu(self, view: QTreeView, pos: QPoint) -> None:
        index = view.indexAt(pos)
        if index.isValid() and not view.selectionModel().isSelected(index):
            view.setCurrentIndex(index)
        refs = self.selected_entities(view)
        if refs:
            self.menuRequested.emit(refs, view.viewport().mapToGlobal(pos))
