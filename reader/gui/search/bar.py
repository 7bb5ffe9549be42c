"""The search bar: the query field and, beside it, outlet, date-range and sort filters.

It only collects what the user wants; the search controller runs it. Arrow keys and Enter in
the field drive the results list, so typing and picking need no mouse.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from reader.models import PubDate


class SearchBar(QWidget):
    textChanged = Signal(str)
    filtersChanged = Signal()  # outlet, date range or sort changed (valid values only)
    navigate = Signal(object)  # a QKeyEvent for the results list (arrows, page keys)
    accepted = Signal()  # Enter in the field

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field: QLineEdit = QLineEdit(self, objectName="searchField")
        self.field.setPlaceholderText('Search: words, "a phrase", outlet:rt, date:2025…  (Ctrl+F)')
        self.field.setToolTip(
            "Search the library as you type: words, \"a phrase\", OR, NOT, fields like "
            "outlet:rt or date:2025-10. Enter opens the top hit; Help > Query syntax lists all.")
        self.field.setClearButtonEnabled(True)
        self.field.setAcceptDrops(False)  # dropped files go to the window (import)
        self.field.installEventFilter(self)
        self.outlet = QComboBox(self, toolTip="Only articles from this outlet")
        self.outlet.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.outlet.setMinimumContentsLength(16)
        self.outlet.addItem("All outlets", None)
        forms = "(YYYY, YYYY-MM or YYYY-MM-DD)"
        self.since = _date_field(self, "from", f"Published on or after {forms}")
        self.until = _date_field(self, "to", f"Published on or before {forms}")
        self.sort = QComboBox(self, toolTip="Order of the results")
        self.sort.addItem("Best match", "relevance")
        self.sort.addItem("Newest first", "date")

        row = QHBoxLayout(self)
        self._row = row
        row.setContentsMargins(6, 4, 6, 4)
        row.addWidget(self.field, 1)
        row.addWidget(self.outlet)
        row.addWidget(QLabel("Date", self, objectName="filterLabel"))
        row.addWidget(self.since)
        row.addWidget(QLabel("–", self, objectName="filterLabel"))
        row.addWidget(self.until)
        row.addWidget(self.sort)

        self.field.textChanged.connect(self.textChanged)
        self.outlet.activated.connect(lambda _i: self.filtersChanged.emit())
        self.sort.activated.connect(lambda _i: self.filtersChanged.emit())
        for box in (self.since, self.until):
            box.textChanged.connect(self._date_edited)

    # -- values ------------------------------------------------------------------------------

    def text(self) -> str:
        return self.field.text()

    def selected_outlet(self) -> str | None:
        return self.outlet.currentData()

    def sort_order(self) -> str:
        return str(self.sort.currentData())

    def date_range(self) -> tuple[PubDate | None, PubDate | None]:
        return _parse(self.since.text()), _parse(self.until.text())

    def set_outlet_counts(self, counts: dict[str, int], total: int) -> None:
        """Facets: every outlet with its number of hits; the chosen one stays chosen."""
        chosen = self.selected_outlet()
        self.outlet.blockSignals(True)
        self.outlet.clear()
        self.outlet.addItem("All outlets" if chosen else f"All outlets ({total:,})", None)
        shown = dict(counts)
        if chosen and chosen not in shown:
            shown[chosen] = 0
        for name, count in shown.items():
            self.outlet.addItem(f"{name} ({count:,})", name)
        index = self.outlet.findData(chosen) if chosen else 0
        self.outlet.setCurrentIndex(max(0, index))
        self.outlet.blockSignals(False)

    def select_outlet(self, name: str | None) -> None:
        index = self.outlet.findData(name) if name else 0
        if index >= 0:
            self.outlet.setCurrentIndex(index)
            self.filtersChanged.emit()

    def clear(self) -> None:
        self.field.clear()

    def add_filter(self, widget: QWidget) -> None:
        """Another filter beside the outlets (the tag facet)."""
        self._row.insertWidget(self._row.indexOf(self.outlet) + 1, widget)

    # -- behaviour ---------------------------------------------------------------------------

    def _date_edited(self) -> None:
        since, until = self.date_range()
        # A range that runs backwards finds nothing: mark it rather than search it.
        backwards = since is not None and until is not None and since.first_day() > \
            until.last_day()
        valid = not backwards
        for box in (self.since, self.until):
            ok = not box.text().strip() or _parse(box.text()) is not None
            ok &= not (backwards and box is self.until)
            box.setProperty("invalid", not ok)
            box.setToolTip(BACKWARDS_TIP if not ok and backwards else box.property("usualTip"))
            box.style().unpolish(box)
            box.style().polish(box)
            valid &= ok
        if valid:
            self.filtersChanged.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                self.navigate.emit(event)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.accepted.emit()
                return True
            if key == Qt.Key.Key_Escape and self.field.text():
                self.field.clear()
                return True
        return super().eventFilter(watched, event)


BACKWARDS_TIP = "This date is before the 'from' date: the range runs backwards"


def _date_field(parent: QWidget, placeholder: str, tip: str) -> QLineEdit:
    box = QLineEdit(parent)
    box.setPlaceholderText(placeholder)
    box.setToolTip(tip)
    box.setProperty("usualTip", tip)
    box.setClearButtonEnabled(True)
    box.setAcceptDrops(False)
    box.setMaximumWidth(box.fontMetrics().horizontalAdvance("0000-00-00") + 40)
    return box


def _parse(text: str) -> PubDate | None:
    text = text.strip()
    if not text:
        return None
    try:
        return PubDate.parse(text)
    except ValueError:
        return None
