"""The stories panel and the story view in the window: listing, following the search box,
opening a story fact by fact, a click opening the article at its sentence, corrections."""

from __future__ import annotations

import pytest

from reader.gui.stories import attach
from reader.gui.stories.model import FactsModel


@pytest.fixture
def stories(qtbot, window):
    controller = attach(window, start_delay_ms=0)
    qtbot.waitUntil(lambda: controller.model.rowCount() == 2, timeout=10000)
    yield controller
    controller.shutdown()


def test_stories_listed_newest_first_with_outlets(stories) -> None:
    first, second = stories.model.stories
    assert first.first.iso() == "2026-02-20" and first.outlets == ["Morning Star", "RT"]
    assert second.first.iso() == "2025-05-05"
    assert "2 stories" in stories.panel.status.text()


def test_the_panel_follows_the_search_box(qtbot, window, stories) -> None:
    window.search_bar.field.setText("Takaichi")
    qtbot.waitUntil(lambda: stories.model.rowCount() == 1, timeout=5000)
    assert "Takaichi" in stories.panel.status.text()
    window.search_bar.field.setText("")
    qtbot.waitUntil(lambda: stories.model.rowCount() == 2, timeout=5000)


def test_story_view_cells_open_the_article_at_the_sentence(
    qtbot, window, stories, tmp_path
) -> None:
    story = stories.model.stories[0]
    view = stories.open_story(story.id)
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=20000)
    assert view.model.columnCount() == 1 + len(story.articles)
    assert view.model.index(0, 0).data().startswith("2 outlets\n")
    last = view.model.rowCount() - 1
    assert view.model.index(last, 0).data() == "only here"
    cell = view.model.index(0, 1)
    article_id, start, end = cell.data(FactsModel.SpanRole)
    view.table.clicked.emit(cell)
    assert window.current_article.id == article_id
    selected = window.reading.browser.textCursor()
    assert selected.selectedText().strip()
    assert selected.selectionEnd() - selected.selectionStart() >= (end - start) // 2
    assert view.export_button.isEnabled()
    assert view.names_model.columnCount() == 1 + len(story.articles)
    assert view.dates_model.rowCount() > 0  # at least the day both were published
    written = stories.export_to(tmp_path / "story.html")
    assert written is not None and "only here" in written.read_text(encoding="utf-8")
    assert stories.export_to(tmp_path / "no" / "such" / "dir.html") is None
    assert "Cannot write" in view.summary.text()
    view.close()


def test_merge_from_the_panel_keeps_the_correction(qtbot, stories) -> None:
    view = stories.panel.view
    view.selectAll()
    assert stories.panel.merge_button.isEnabled()
    stories.panel.merge_button.click()
    qtbot.waitUntil(lambda: stories.model.rowCount() == 1, timeout=5000)
    assert len(stories.model.stories[0].articles) == 4


def test_two_columns_open_the_side_by_side_comparison(qtbot, window, stories) -> None:
    story = stories.model.stories[0]
    view = stories.open_story(story.id)
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=20000)
    asked: list[tuple[int, int]] = []
    window.compareRequested.connect(lambda a, b: asked.append((a, b)))
    menu = view.compare_menu(1)
    entries = [a for a in menu.actions() if not a.isSeparator() and a.text()]
    assert len(entries) == len(story.articles) - 1
    entries[-1].trigger()
    assert asked == [(view.model.article_at(1), view.model.article_at(2))]
    assert view.compare_menu(0) is None  # the "Outlets" column is no article
    view.close()
