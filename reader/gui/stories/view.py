"""The story view: the story's articles as columns, its facts as rows.

Each cell is that outlet's sentence for the fact, or empty where the outlet does not report it;
rows run from the facts most outlets report to those only one does ("only here", marked). A
click on a cell reports (article id, start, end), so the window opens the article there; an
outlet's header offers to compare its article with another column's.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reader.gui.stories.model import DatesModel, FactsModel, NamesModel, date_span
from reader.story_facts import StoryFacts


class StoryView(QWidget):
    cellChosen = Signal(int, int, int)  # article id, start, end
    compareRequested = Signal(int, int)  # two columns' articles, to see side by side
    exportRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("storyView")
        self.setWindowTitle("Story")
        self.model = FactsModel(self)
        self.heading = QLabel(self, objectName="storyHeading", wordWrap=True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.summary = QLabel(self, objectName="storySummary", wordWrap=True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableView(self, objectName="storyFacts")
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.setToolTip("Right-click an outlet to compare its article with another's")
        header.customContextMenuRequested.connect(self._header_menu)
        self.table.clicked.connect(self._clicked)
        self.table.activated.connect(self._clicked)
        self.names_model = NamesModel(self)
        self.names = QTableView(self, objectName="storyNames")
        self.names.setModel(self.names_model)
        self.names.verticalHeader().hide()
        self.names.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.names_note = QLabel(self, wordWrap=True)
        self.names_note.setTextFormat(Qt.TextFormat.PlainText)
        names_page = QWidget(self)
        names_layout = QVBoxLayout(names_page)
        names_layout.setContentsMargins(0, 0, 0, 0)
        names_layout.addWidget(self.names_note)
        names_layout.addWidget(self.names, 1)
        self.tabs = QTabWidget(self, objectName="storyTabs")
        self.tabs.addTab(self.table, "Facts")
        self.tabs.addTab(names_page, "Who names whom")
        self.dates_model = DatesModel(self)
        self.dates = QTableView(self, objectName="storyDates")
        self.dates.setModel(self.dates_model)
        self.dates.setWordWrap(True)
        self.dates.verticalHeader().hide()
        self.dates.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.dates.clicked.connect(self._date_clicked)
        self.tabs.addTab(self.dates, "Dates")
        # Row heights follow the columns' widths, known only once a table is on screen.
        self.tabs.currentChanged.connect(lambda _i: QTimer.singleShot(0, self._fit_rows))
        self.export_button = QPushButton("Export HTML…", self, enabled=False,
                                         toolTip="Save this story view as one HTML file")
        self.export_button.clicked.connect(self.exportRequested)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.resize(1100, 700)

    def show_loading(self, title: str) -> None:
        self.heading.setText(title)
        self.summary.setText("Linking the articles' sentences…")
        self.model.set_facts(None)
        self.names_model.set_facts(None)
        self.dates_model.set_facts(None)
        self.export_button.setEnabled(False)

    def show_facts(self, facts: StoryFacts) -> None:
        story = facts.story
        self.setWindowTitle(f"Story — {story.title}")
        self.heading.setText(story.title)
        shared = sum(f.outlets > 1 for f in facts.facts)
        alone = len(facts.facts) - shared
        self.summary.setText(
            f"{date_span(story)} · {len(facts.articles)} articles from "
            f"{len(story.outlets) or 'no named'} outlets · {shared} facts reported by two or "
            f"more outlets, {alone} by one only. Click a sentence to read it in its article."
        )
        self.model.set_facts(facts)
        self.export_button.setEnabled(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        self.names_model.set_facts(facts)
        self.names_note.setText(
            "Each name the articles use, and which outlets name it (● names it)." if facts.entities
            else "Names appear here once analysis has found them in these articles."
        )
        self.dates_model.set_facts(facts)
        dates_header = self.dates.horizontalHeader()
        dates_header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in range(1, self.dates_model.columnCount()):
            dates_header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.dates.resizeRowsToContents()
        names_header = self.names.horizontalHeader()
        names_header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in range(1, self.names_model.columnCount()):
            names_header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def show_error(self, message: str) -> None:
        self.summary.setText(message)

    def compare_menu(self, column: int) -> QMenu | None:
        """"Compare with…" for a column: one entry per other article of the story."""
        article_id = self.model.article_at(column)
        if article_id is None:
            return None
        menu = QMenu(self)
        here = self.model.headerData(column, Qt.Orientation.Horizontal, 0)
        menu.addSection(f"Compare {here} with")
        for other in range(1, self.model.columnCount()):
            other_id = self.model.article_at(other)
            if other_id is None or other == column:
                continue
            label = self.model.headerData(other, Qt.Orientation.Horizontal, 0)
            action = menu.addAction(label)
            action.triggered.connect(
                lambda _on=False, o=other_id: self.compareRequested.emit(article_id, o))
        return menu

    def _header_menu(self, pos: QPoint) -> None:
        header = self.table.horizontalHeader()
        menu = self.compare_menu(header.logicalIndexAt(pos))
        if menu is not None:
            menu.exec(header.mapToGlobal(pos))

    def _fit_rows(self) -> None:
        self.table.resizeRowsToContents()
        self.dates.resizeRowsToContents()

    def _date_clicked(self, index: QModelIndex) -> None:
        span = index.data(DatesModel.SpanRole)
        if span:
            self.cellChosen.emit(*span)

    def _clicked(self, index: QModelIndex) -> None:
        span = index.data(FactsModel.SpanRole)
        if span:
            self.cellChosen.emit(*span)


def choose_articles(parent: QWidget, facts_title: str,
                    articles: list[tuple[int, str]]) -> list[int] | None:
    """Ask which articles to split off a story; None when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("Split story")
    label = QLabel(f"Tick the articles to take out of “{facts_title}” into a story of their own:",
                   dialog, wordWrap=True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    listing = QListWidget(dialog)
    for article_id, text in articles:
        item = QListWidgetItem(text, listing)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        item.setData(Qt.ItemDataRole.UserRole, article_id)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(label)
    layout.addWidget(listing)
    layout.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return [
        int(listing.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(listing.count())
        if listing.item(i).checkState() == Qt.CheckState.Checked
    ]
