"""Edit an article's details (title, outlet, date, author); saved to the store and the index.

A date the library cannot read keeps the dialog open with the reason shown beside the fields.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from whoosh.index import LockError

from reader.errors import UserError
from reader.library import Library
from reader.models import Article, PubDate

log = logging.getLogger(__name__)


class EditDialog(QDialog):
    def __init__(self, library: Library, article: Article, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.article = article
        self.saved: Article | None = None
        self.index_pending = False  # saved, but the search index follows after an import
        self.setWindowTitle("Edit article details")
        self.title = QLineEdit(article.title or "", self)
        self.title.setCursorPosition(0)  # long titles show their beginning
        self.outlet = QComboBox(self, editable=True)
        self.outlet.addItems([name for name, _count in library.outlets()])
        self.outlet.setCurrentText(article.outlet or "")
        self.published = QLineEdit(article.published.iso() if article.published else "", self)
        self.published.setPlaceholderText("YYYY, YYYY-MM or YYYY-MM-DD")
        self.author = QLineEdit(article.author or "", self)
        self.error = QLabel(self, objectName="queryError", wordWrap=True)
        self.error.hide()
        form = QFormLayout()
        form.addRow("&Title", self.title)
        form.addRow("&Outlet", self.outlet)
        form.addRow("&Date", self.published)
        form.addRow("&Author", self.author)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(600, self.sizeHint().height())

    def changes(self) -> dict[str, str]:
        old = self.article
        now = {
            "title": self.title.text().strip(),
            "outlet": self.outlet.currentText().strip(),
            "published": self.published.text().strip(),
            "author": self.author.text().strip(),
        }
        before = {
            "title": old.title or "",
            "outlet": old.outlet or "",
            "published": old.published.iso() if old.published else "",
            "author": old.author or "",
        }
        return {k: v for k, v in now.items() if v != before[k]}

    def accept(self) -> None:
        changes = self.changes()
        if not changes:
            super().reject()
            return
        date = changes.get("published")
        if date:
            try:
                PubDate.parse(date)
            except ValueError:
                self.error.setText(f"“{date}” is not a date Reader can read. Write YYYY, "
                                   "YYYY-MM or YYYY-MM-DD, for example 2025-10-24.")
                self.error.show()
                self.published.setFocus()
                return
        try:
            self.saved = self.library.update_metadata(self.article.id, **changes)
        except UserError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        except LockError:
            # An import in another process holds the index writer. The store has the change
            # and its index queue entry; the import brings the index up to date when it ends.
            log.info("index locked by an import; article %d is queued", self.article.id)
            self.saved = self.library.get(self.article.id)
            self.index_pending = True
        super().accept()
