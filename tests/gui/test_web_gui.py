"""The web in the window: Add from the web…, links dropped from a browser, the Feeds dock, and
deleting (with undo) or re-extracting the article on show. Pages come from 127.0.0.1."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from webserver import Response, article_page, rss_feed, unique_paragraphs

from reader.gui.feeds import attach as attach_feeds
from reader.gui.feeds.model import FeedsModel

WAIT = 60000  # ms: the import child process starts a Python of its own


def test_add_from_the_web_shows_each_outcome_in_plain_text(qtbot, window, site) -> None:
    good = site.add("/story", article_page("Bridge <b>closed</b>", unique_paragraphs(3)))
    missing = site.url("/missing")
    dialog = window.add_from_web()
    dialog.urls.setPlainText(f"{good}\n{missing}\n")
    with qtbot.waitSignal(window.imports.finished, timeout=WAIT):
        assert dialog.fetch()
        assert dialog.cancel_button.isVisible() and not dialog.fetch_button.isEnabled()
    text = dialog.outcomes.toPlainText()
    assert f"Added: {good}" in text
    assert f"Failed: {missing}\n    the server answered HTTP 404 Not Found" in text
    assert window.imports.summary is None  # the dialog shows the outcome itself
    qtbot.waitUntil(lambda: window.model.rowCount() == 6, timeout=5000)
    window.run_query("corroded OR district")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=5000)


def test_a_link_dropped_from_the_browser_is_fetched(qtbot, window, site) -> None:
    url = site.add("/dropped", article_page("Dropped story", unique_paragraphs(5)))
    data = QMimeData()
    data.setUrls([QUrl(url)])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.imports.finished, timeout=WAIT) as finished:
        window.dropEvent(event)
    assert [label for label, _ in finished.args[0].imported] == [url]


def test_feeds_dock_adds_updates_and_counts_unread(qtbot, window, site, qtmodeltester) -> None:
    items = []
    for i in range(3):
        link = site.add(f"/s/{i}", article_page(f"Square plan {i}", unique_paragraphs(20 + i)))
        items.append((f"g{i}", link, f"Square plan {i}"))
    feed_url = site.add("/feed", Response(rss_feed(items).encode(), content_type="text/xml"))
    controller = attach_feeds(window)
    panel = controller.panel
    assert panel.empty.isVisible() and not panel.update_button.isEnabled()
    assert not window.settings.update_feeds_at_startup  # offline unless asked

    controller.add_feed(feed_url)
    qtbot.waitUntil(lambda: controller.model.rowCount() == 1, timeout=10000)
    assert "Following Harbour Gazette" in panel.status.text()
    with qtbot.waitSignal(window.imports.finished, timeout=WAIT):
        assert controller.update_all()
    assert "3 new articles" in panel.status.text()
    feed = controller.model.feeds[0]
    assert (feed.articles, feed.unread) == (3, 3)
    qtmodeltester.check(controller.model)
    assert controller.model.index(0, FeedsModel.UNREAD).data() == "3"

    controller._open_newest(controller.model.index(0, 0))
    assert controller.model.feeds[0].unread == 2

    panel.view.selectRow(0)
    assert controller.remove_chosen(ask=False)
    assert controller.model.rowCount() == 0
    assert window.library.count() == 8  # the articles stay


def test_update_at_start_up_is_a_setting(qtbot, window, site) -> None:
    controller = attach_feeds(window)
    controller.panel.at_start.setChecked(True)
    assert window.settings.update_feeds_at_startup


def test_delete_with_confirmation_and_undo(qtbot, window) -> None:
    article = window.current_article
    assert article is not None and window.actions_.delete.isEnabled()
    window.removal.confirm = False
    assert window.removal.delete_current()
    assert window.current_article is None
    qtbot.waitUntil(lambda: window.model.rowCount() == 4, timeout=5000)
    assert window.actions_.undo_delete.isEnabled()
    assert window.removal.undo()
    qtbot.waitUntil(lambda: window.model.rowCount() == 5, timeout=5000)
    assert window.current_article is not None and window.current_article.id == article.id
    assert not window.actions_.reextract.isEnabled()  # a seed file, not a fetched page


def test_the_delete_key_in_the_results_deletes_the_article_on_show(qtbot, window) -> None:
    window.removal.confirm = False
    window.results.view.setFocus()
    qtbot.keyClick(window.results.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window.model.rowCount() == 4, timeout=5000)
    assert window.library.count() == 4


def test_a_feed_that_failed_says_why(qtbot, window, site) -> None:
    feed_url = site.add("/f", Response(rss_feed([]).encode(), content_type="text/xml"))
    window.library.add_feed(feed_url)
    site.routes.pop("/f")
    window.library.update_feeds()
    controller = attach_feeds(window)
    controller.panel.view.selectRow(0)
    assert controller.panel.status.text() == (
        "The last update of Harbour Gazette failed: the server answered HTTP 404 Not Found")
    assert controller.model.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is not None


def test_a_fetched_article_can_be_extracted_again(qtbot, window, site) -> None:
    url = site.add("/again", article_page("Extract me again", unique_paragraphs(31)))
    article_id = window.library.fetch_urls([url]).imported[0][1]
    window.open_article(article_id)
    assert window.actions_.reextract.isEnabled()
    assert window.removal.reextract_current()
    assert "Extracted again from the saved page" in window.statusBar().currentMessage()
    assert window.current_article is not None
    assert window.current_article.title == "Extract me again"


def test_delete_asks_first_and_shows_the_title_as_plain_text(qtbot, window) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    article = window.current_article
    assert article is not None
    window.library.update_metadata(article.id, title="<b>Bold</b> claim")
    window.model.forget(article.id)
    window.reading.show_article(window.library.get(article.id))
    seen: dict = {}

    def answer(button: str) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen["format"], seen["text"] = box.textFormat(), box.text()
        next(b for b in box.buttons() if b.text() == button).click()

    QTimer.singleShot(100, lambda: answer("Cancel"))
    assert not window.removal.delete_current()
    assert window.library.count() == 5
    QTimer.singleShot(100, lambda: answer("Delete"))
    assert window.removal.delete_current()
    assert window.library.count() == 4
    assert seen["format"] == Qt.TextFormat.PlainText and "<b>Bold</b> claim" in seen["text"]
