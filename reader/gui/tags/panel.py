"""The tag facet beside the outlets, and the dialog that tags many articles at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reader.gui.tags.model import TagFacetModel


class TagFacet(QComboBox):
    """Only the results with one tag; each tag shows how many results carry it."""

    def __init__(self, model: TagFacetModel, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="tagFacet")
        self.setModel(model)
        self.setToolTip("Only results with this tag (tag one with Ctrl+T in the results)")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)

    def chosen(self) -> str | None:
        return self.currentData(TagFacetModel.TagRole)


class TagDialog(QDialog):
    """Tag (or untag) the chosen articles: one or more names, with the library's tags offered
    as you type."""

    def __init__(self, count: int, tags: list[str], parent: QWidget | None = None,
                 remove: bool = False) -> None:
        super().__init__(parent, objectName="tagDialog")
        noun = "article" if count == 1 else f"{count:,} articles"
        verb = "Remove tags from" if remove else "Tag"
        self.setWindowTitle(f"{verb} {'the' if count == 1 else ''} {noun}".replace("  ", " "))
        label = QLabel(
            f"{'Tags to take off' if remove else 'Tags for'} the {noun} chosen, separated by "
            "commas:", self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        self.field = QLineEdit(self, objectName="tagField")
        self.field.setPlaceholderText("japan, peace talks")
        self.field.setToolTip("Tag names, separated by commas; a new name makes a new tag")
        completer = QCompleter(tags, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.field.setCompleter(completer)
        known = QLabel(
            ("Tags in the library: " + ", ".join(tags[:30]) + (" …" if len(tags) > 30 else ""))
            if tags else "The library has no tags yet.", self, objectName="tagsKnown")
        known.setTextFormat(Qt.TextFormat.PlainText)
        known.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Remove" if remove else "Tag")
        ok.setToolTip("Take these tags off" if remove else "Give every chosen article these tags")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setToolTip("Change nothing")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.field.textChanged.connect(lambda: ok.setEnabled(bool(self.names())))
        ok.setEnabled(False)
        layout = QVBoxLayout(self)
        for w in (label, self.field, known, buttons):
            layout.addWidget(w)
        self.resize(420, self.sizeHint().height())

    def names(self) -> list[str]:
        seen: dict[str, str] = {}
        for part in self.field.text().split(","):
            name = " ".join(part.split())
            if name and name.casefold() not in seen:
                seen[name.casefold()] = name
        return list(seen.values())
