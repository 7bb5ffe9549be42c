"""What the Feeds dock does: list the feeds, follow and drop them, update them.

Adding a feed downloads it once, on the shared `Worker`. Updating runs in the import child
process (reader.gui.importing.process --feeds), like every import: indexing holds Python's GIL
for long stretches, and a thread would freeze the window. Its progress and Cancel are in the
status bar; the counts follow when it ends and whenever an article is opened (read).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QTimer
from PySide6.QtWidgets import QInputDialog, QLineEdit

from reader.errors import UserError
from reader.gui.dialogs import confirm
from reader.gui.feeds.model import FeedsModel
from reader.gui.feeds.panel import FeedsPanel
from reader.gui.worker import Worker
from reader.importer import ImportReport

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow
    from reader.models import FeedRow

log = logging.getLogger(__name__)


class FeedsController(QObject):
    def __init__(self, window: MainWindow, panel: FeedsPanel, model: FeedsModel) -> None:
        super().__init__(window)
        self.window, self.panel, self.model = window, panel, model
        self.library = window.library
        self.worker = Worker("feeds", self)
        self.updating = False
        panel.add_button.clicked.connect(lambda: self.ask_for_feed())
        panel.remove_button.clicked.connect(lambda: self.remove_chosen())
        panel.update_button.clicked.connect(lambda: self.update_all())
        panel.view.doubleClicked.connect(self._open_newest)
        panel.view.selectionModel().currentRowChanged.connect(lambda *_: self._describe_chosen())
        panel.at_start.setChecked(window.settings.update_feeds_at_startup)
        panel.at_start.toggled.connect(self._set_at_start)
        window.imports.finished.connect(self._import_finished)
        window.articleOpened.connect(lambda _article: self.refresh())
        window.marksChanged.connect(lambda _ids: self.refresh())  # read or unread by hand
        self.refresh()

    def refresh(self) -> None:
        """Read the feeds and their counts again (one quick query)."""
        chosen = self.panel.chosen_feed_id()
        self.model.set_feeds(self.library.feeds())
        for row, feed in enumerate(self.model.feeds):
            if feed.id == chosen:
                self.panel.view.selectRow(row)

    def start_up(self) -> None:
        """Update every feed at start-up, only when the user asked for it."""
        if self.window.settings.update_feeds_at_startup and self.model.rowCount():
            QTimer.singleShot(500, self.update_all)

    # -- adding and removing ---------------------------------------------------------------

    def ask_for_feed(self) -> None:
        url, ok = QInputDialog.getText(
            self.window, "Follow a feed",
            "Address of the feed (RSS, Atom, JSON Feed) or of a page that announces one:",
            QLineEdit.EchoMode.Normal, "https://")
        if ok and url.strip() not in ("", "https://", "http://"):
            self.add_feed(url.strip())

    def add_feed(self, url: str) -> None:
        self.panel.set_busy(True)
        self.panel.status.setText(f"Checking {url} …")
        self.worker.run(lambda: self.library.add_feed(url), self._added, self._add_failed)

    def _added(self, feed: FeedRow) -> None:
        self.panel.set_busy(False)
        self.refresh()
        self.panel.status.setText(f"Following {feed.name}. Update to fetch its articles.")

    def _add_failed(self, exc: Exception) -> None:
        self.panel.set_busy(False)
        message = str(exc) if isinstance(exc, UserError) else (
            f"Could not add the feed: {exc} (details in the log)")
        self.panel.status.setText(message)

    def remove_chosen(self, ask: bool = True) -> bool:
        feed_id = self.panel.chosen_feed_id()
        feed = next((f for f in self.model.feeds if f.id == feed_id), None)
        if feed is None:
            return False
        if ask and not confirm(
            self.window, "Remove feed",
            f"Stop following “{feed.name}”?\n\nThe {feed.articles:,} articles it brought stay "
            "in the library.", "Remove",
        ):
            return False
        self.library.remove_feed(feed.id)
        self.refresh()
        self.panel.status.setText(f"No longer following {feed.name}.")
        return True

    # -- updating ----------------------------------------------------------------------------

    def update_all(self) -> bool:
        if not self.window.imports.update_feeds(summary=False):
            return False  # another import runs: the window said so in the status bar
        self.updating = True
        self.panel.set_busy(True)
        self.panel.status.setText("Updating feeds… (Cancel in the status bar)")
        return True

    def _import_finished(self, report: ImportReport) -> None:
        if self.updating:
            self.updating = False
            self.panel.set_busy(False)
            text = (f"{len(report.imported):,} new articles, "
                    f"{len(report.failed):,} could not be fetched")
            if report.cancelled:
                text += " (cancelled)"
            failures = "\n".join(f"{label}: {reason}" for label, reason in report.failed[:3])
            self.panel.status.setText(text + (f"\n{failures}" if failures else ""))
        self.refresh()

    def _open_newest(self, index: QModelIndex) -> None:
        feed = self.model.feed_at(index.row())
        if feed is None:
            return
        ids = self.library.feed_articles(feed.id)
        unread = [i for i in ids if not self.library.is_read(i)]
        if unread or ids:
            self.window.open_article((unread or ids)[0], focus=True)

    def _describe_chosen(self) -> None:
        """A feed whose last update failed says why when it is chosen."""
        feed = self.model.feed_at(self.panel.view.currentIndex().row())
        if feed is not None and feed.last_error and not self.updating:
            self.panel.status.setText(f"The last update of {feed.name} failed: {feed.last_error}")

    def _set_at_start(self, on: bool) -> None:
        self.window.settings.update_feeds_at_startup = on
