"""Tags, stars, read state and collections in the window: many at once from the results, the
tag facet, the Collections list with undo, and rows that show what is read and starred."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader.gui.collections import attach as attach_collections
from reader.gui.tags import attach as attach_tags
from reader.gui.tags.model import TagFacetModel


def _select_rows(window, rows: list[int]) -> None:
    view = window.results.view
    view.clearSelection()
    for row in rows:
        view.selectionModel().select(
            window.model.index(row, 0),
            view.selectionModel().SelectionFlag.Select | view.selectionModel().SelectionFlag.Rows)


def _wait_writes(qtbot, controller) -> None:
    qtbot.waitUntil(lambda: not controller._writes, timeout=5000)


def test_tag_many_from_the_results_and_filter_by_the_facet(qtbot, window, search,
                                                           qtmodeltester) -> None:
    tags = attach_tags(window)
    ids = [window.model.article_id(r) for r in range(3)]
    _select_rows(window, [0, 1, 2])
    assert tags.chosen() == ids
    dialog = tags.ask_for_tags()
    assert dialog is not None and "3 articles" in dialog.windowTitle()
    dialog.field.setText("japan, Peace talks, japan")
    assert dialog.names() == ["japan", "Peace talks"]
    dialog.accept()
    _wait_writes(qtbot, tags)
    assert window.library.tags() == [("japan", 3), ("Peace talks", 3)]
    assert window.statusBar().currentMessage() == "Tagged 3 articles “japan”, “Peace talks”."
    entry = window.model.entry(0)
    assert entry is not None and entry.tags == ("japan", "Peace talks")
    # The facet counts the results' tags and filters by one.
    assert tags.facet_model.counts == [("japan", 3), ("Peace talks", 3)]
    qtmodeltester.check(tags.facet_model)
    with qtbot.waitSignal(window.search.outcomeReady, timeout=5000):
        tags.facet.setCurrentIndex(1)
        tags.facet.activated.emit(1)
    assert sorted(window.model.outcome.ids) == sorted(ids)
    assert tags.facet.chosen() == "japan"
    search("treaty")
    assert set(window.model.outcome.ids) <= set(ids)


def test_star_and_read_toggles_show_in_the_rows(qtbot, window) -> None:
    tags = attach_tags(window)
    first = window.model.article_id(0)
    assert window.library.is_read(first)  # opened at start-up: read
    assert window.model.entry(0).read
    _select_rows(window, [0])
    tags.read_action.trigger()
    _wait_writes(qtbot, tags)
    assert not window.library.is_read(first) and not window.model.entry(0).read
    tags.star_action.trigger()
    _wait_writes(qtbot, tags)
    assert window.model.entry(0).starred
    assert tags.star_button.isChecked() and tags.star_button.text() == "★"
    tags.star_button.click()  # the star beside the article unstars it
    _wait_writes(qtbot, tags)
    assert not window.model.entry(0).starred
    for action in (tags.tag_action, tags.star_action, tags.read_action):
        assert action.toolTip() and action.shortcut().toString()
    assert tags.star_button.toolTip() and tags.facet.toolTip()


def test_context_menu_offers_the_chosen_articles_tags_and_collections(qtbot, window) -> None:
    tags = attach_tags(window)
    a = window.model.article_id(0)
    window.library.tag_articles([a], "japan")
    project = window.library.create_collection("Project")
    window.library.create_collection("Saved", query="japan")
    _select_rows(window, [0])
    menu = tags.context_menu()
    titles = [a.text() for a in menu.actions()]
    assert "&Tag…" in titles and "&Remove tag" in titles and "Add to &collection" in titles
    tags._fill_untag_menu()
    assert [a.text() for a in tags.untag_menu.actions()] == ["japan"]
    tags._fill_collect_menu()
    names = [a.text() for a in tags.collect_menu.actions() if a.text()]
    assert names == ["Project", "New collection…"]  # saved searches take no articles
    tags.collect_menu.actions()[0].trigger()
    _wait_writes(qtbot, tags)
    assert window.library.collection(project.id).articles == 1
    tags.untag_menu.actions()[0].trigger()
    _wait_writes(qtbot, tags)
    assert window.library.tags() == []


def test_collections_list_filters_and_deletes_with_undo(qtbot, window, qtmodeltester) -> None:
    controller = attach_collections(window)
    controller.confirm = False
    ids = [window.model.article_id(r) for r in range(2)]
    assert controller.create("Kuril islands")
    project = window.library.collection("Kuril islands")
    window.library.add_to_collection(project.id, ids)
    window.search_bar.field.setText("treaty")
    assert controller.create("Treaty", "treaty")
    controller.refresh()
    qtmodeltester.check(controller.model)
    names = [i.name for i in controller.model.items]
    assert names == ["Unread", "Starred", "Kuril islands", "Treaty"]
    assert controller.model.items[2].count == 2 and controller.model.items[3].count is None
    row = controller.model.row_of(project.id)
    with qtbot.waitSignal(window.search.outcomeReady, timeout=5000):
        controller._clicked(controller.model.index(row, 0))
    assert window.search_bar.text() == 'collection:"Kuril islands"'
    assert sorted(window.model.outcome.ids) == sorted(ids)
    panel = controller.panel
    panel.view.setCurrentIndex(controller.model.index(row, 0))
    assert panel.rename_button.isEnabled() and panel.delete_button.isEnabled()
    assert controller.rename(project.id, "Kurils")
    assert controller.delete_chosen()
    assert [i.name for i in controller.model.items][2:] == ["Treaty"]
    assert panel.undo_button.isVisibleTo(panel)
    assert controller.undo()
    assert window.library.collection("Kurils").articles == 2
    panel.view.setCurrentIndex(controller.model.index(0, 0))  # Unread: not deletable
    assert not panel.delete_button.isEnabled()
    for button in (panel.new_button, panel.save_button, panel.rename_button,
                   panel.delete_button, panel.undo_button):
        assert button.toolTip()


def test_an_unknown_tag_says_which_tags_there_are(qtbot, window, search) -> None:
    window.library.tag_articles([window.model.article_id(0)], "japan")
    search("tag:japn")
    assert window.model.rowCount() == 0
    assert window.results.note.isVisibleTo(window.results)
    assert window.results.note.text() == "No tag 'japn'; tags are: japan."


def test_unread_counts_follow_read_state(qtbot, window) -> None:
    controller = attach_collections(window)
    unread = window.library.unread_count()
    assert controller.model.items[0].count == unread
    window.open_article(window.model.article_id(1))
    QApplication.processEvents()
    assert controller.model.items[0].count == unread - 1
    font = controller.model.data(controller.model.index(0, 0), Qt.ItemDataRole.FontRole)
    assert font.bold()


def test_tag_facet_model_keeps_the_chosen_tag(qtmodeltester) -> None:
    model = TagFacetModel()
    model.set_counts({"a": 2}, chosen="b")
    assert model.counts == [("a", 2), ("b", 0)]
    assert model.row_of("b") == 2 and model.row_of(None) == 0
    qtmodeltester.check(model)


def test_names_are_text_never_markup_or_accelerators(qtbot, window) -> None:
    tags = attach_tags(window)
    a = window.model.article_id(0)
    window.library.tag_articles([a], "R&D <b>bold</b>")
    window.library.create_collection("Q&A <i>x</i>")
    _select_rows(window, [0])
    tags._fill_untag_menu()
    tags._fill_collect_menu()
    assert tags.untag_menu.actions()[0].text() == "R&&D <b>bold</b>"
    assert tags.collect_menu.actions()[0].text() == "Q&&A <i>x</i>"
    dialog = tags.ask_for_tags()
    assert dialog is not None
    known = dialog.findChild(type(window.results.note), "tagsKnown")
    assert known.textFormat() == Qt.TextFormat.PlainText
    dialog.reject()
