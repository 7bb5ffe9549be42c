"""Deleting the article on show (Delete key, Edit menu) with a confirmation and an undo, and
extracting a fetched article again from its kept page.

The library deletes everywhere at once and hands back a copy of what it removed; Undo puts
that copy back. While an import holds the search index, the store changes at once and the
index follows when the import ends (the index queue).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox
from whoosh.index import LockError

from reader.errors import UserError
from reader.gui.dialogs import confirm

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow
    from reader.models import DeletedRows

log = logging.getLogger(__name__)


class ArticleRemoval(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.undo_copy: DeletedRows | None = None
        self.confirm = True  # tests switch the question off

    def delete_current(self) -> bool:
        window = self.window
        article = window.current_article
        if article is None:
            return False
        if self.confirm and not confirm(
            window, "Delete article",
            f"Delete “{article.title or 'this article'}” from the library?\n\n"
            "Its text, entities and dates go too. Edit > Undo delete brings it back.",
            "Delete",
        ):
            return False
        library = window.library
        try:
            self.undo_copy = library.delete_articles([article.id])
        except LockError:
            log.info("index locked by an import; the deletion of %d is queued", article.id)
            self.undo_copy = None
            window.statusBar().showMessage(
                "Deleted; search stops finding it once the import has finished.", 8000)
        except UserError as exc:
            window.statusBar().showMessage(str(exc), 8000)
            return False
        else:
            window.statusBar().showMessage(
                f"Deleted “{article.title or article.id}”. Edit > Undo delete (Ctrl+Z) brings "
                "it back.", 10000)
        window.article_removed(article.id)
        window.actions_.undo_delete.setEnabled(self.undo_copy is not None)
        return True

    def undo(self) -> bool:
        copy, self.undo_copy = self.undo_copy, None
        self.window.actions_.undo_delete.setEnabled(False)
        if copy is None:
            return False
        try:
            self.window.library.restore_articles(copy)
        except LockError:
            pass  # restored in the store; the index follows after the import
        except UserError as exc:
            self.window.statusBar().showMessage(str(exc), 8000)
            return False
        self.window.statusBar().showMessage("The deleted article is back.", 5000)
        self.window.search.refresh()
        self.window.open_article(copy.ids[0])
        return True

    def reextract_current(self) -> bool:
        window = self.window
        article = window.current_article
        if article is None:
            return False
        try:
            fresh = window.library.reextract(article.id)
        except LockError:
            fresh = window.library.get(article.id)
        except UserError as exc:
            QMessageBox.information(window, "Extract again", str(exc))
            return False
        window.article_changed(fresh)
        window.statusBar().showMessage(
            f"Extracted again from the saved page: {len(fresh.body.split()):,} words, "
            f"{len(fresh.removed)} pieces of noise set aside (View > Show removed noise).", 8000)
        return True
