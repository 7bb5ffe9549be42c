"""Searching as a user does: type, see the count and highlighted snippets, filter, fix typos."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.gui.search.model import ResultsModel


def test_typing_a_query_shows_the_count_and_highlighted_snippets(qtbot, window, search):
    assert window.results.count.text() == "5 of 5 articles"
    search("Peskov")
    model = window.model
    assert 0 < model.rowCount() < 5
    assert window.results.count.text() == f"{model.rowCount()} of 5 articles"
    for row in range(model.rowCount()):
        snippet = model.index(row, 0).data(ResultsModel.SnippetRole)
        assert snippet.highlights, snippet.text
        start, end = snippet.highlights[0]
        assert snippet.text[start:end].lower().startswith("peskov")


def test_search_waits_for_a_pause_in_typing(qtbot, window, search):
    with qtbot.waitSignal(window.search.outcomeReady, timeout=5000) as blocker:
        qtbot.keyClicks(window.search_bar.field, "kuril")
    assert blocker.args[0].request.text == "kuril"  # one search for the whole word


def test_enter_opens_the_first_result_with_hits_highlighted(qtbot, window, search):
    search("treaty")
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Return)
    article = window.reading.article
    assert article is not None and article.id == window.model.article_id(0)
    hits = window.reading.hit_spans()
    assert hits and all(article.body[h.start:h.end].lower().startswith("treat") for h in hits)
    window.reading.next_hit()
    assert window.reading.hit_label.text() == f"Hit 1 of {len(hits)}"
    (current,) = window.reading.browser.extraSelections()
    selected = current.cursor.selectedText()
    assert selected.lower().startswith("treat")


def test_arrow_keys_in_the_search_field_move_through_results(qtbot, window, search):
    search("Japan")
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Down)
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Down)
    assert window.results.view.currentIndex().row() == 1
    assert window.reading.article.id == window.model.article_id(1)


def test_outlet_and_date_filters_narrow_the_results(qtbot, window, search):
    search("Japan")
    combo = window.search_bar.outlet
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert "RT (2)" in labels
    with qtbot.waitSignal(window.search.outcomeReady, timeout=5000):
        window.search_bar.select_outlet("RT")
    rows = range(window.model.rowCount())
    outlets = {window.model.index(r, ResultsModel.OUTLET).data() for r in rows}
    assert outlets == {"RT"}
    assert window.results.count.text() == "2 of 5 articles"
    with qtbot.waitSignal(window.search.outcomeReady, timeout=5000):
        qtbot.keyClicks(window.search_bar.since, "2026")
    rows = range(window.model.rowCount())
    dates = [window.model.index(r, ResultsModel.DATE).data() for r in rows]
    assert dates == ["2026-02-20"]


def test_an_unreadable_query_explains_itself_in_place(qtbot, window, search):
    search('"peace treaty')
    assert window.results.error.isVisible()
    assert "quote" in window.results.error.text().lower()
    assert window.model.rowCount() == 0


def test_did_you_mean_appears_and_can_be_clicked(qtbot, window, search):
    with qtbot.waitSignal(window.search.suggestionReady, timeout=5000):
        qtbot.keyClicks(window.search_bar.field, "kremlinn")
    assert window.results.suggestion.isVisible()
    assert "kremlin" in window.results.suggestion.text()
    with qtbot.waitSignal(window.search.outcomeReady, timeout=5000):
        window.results.suggestion.linkActivated.emit("suggest")
    assert window.search_bar.text() == "kremlin"
    assert window.model.rowCount() > 0


def test_escape_clears_the_search(qtbot, window, search):
    search("Peskov")
    with qtbot.waitSignal(window.search.outcomeReady, timeout=5000):
        qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Escape)
    assert window.search_bar.text() == ""
    assert window.model.rowCount() == 5


def test_results_model_passes_the_model_tester(qtmodeltester, window, search):
    search("treaty")
    qtmodeltester.check(window.model)


def test_no_hits_empties_the_reading_view_and_says_why(qtbot, window, search):
    search("treaty")
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Return)
    assert window.reading.article is not None
    opened = []
    window.articleOpened.connect(opened.append)
    search("Peskof")
    assert window.reading.article is None and opened == [None]
    reason = window.reading.browser.toPlainText()
    assert "No articles match “Peskof”" in reason
    qtbot.waitUntil(lambda: "Did you mean: Peskov?" in window.reading.browser.toPlainText(),
                    timeout=5000)
    with qtbot.waitSignal(window.search.outcomeReady, timeout=5000):
        window.run_query("treaty")  # found again: the top hit is shown, not a blank page
    assert window.reading.article is not None
    assert window.reading.article.id == window.model.article_id(0)


def test_a_wrong_query_is_explained_and_keeps_the_article(qtbot, window, search):
    search("treaty")
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Return)
    shown = window.reading.article
    search("date:2026-13")
    assert window.results.error.isVisible()
    assert "no month 13" in window.results.error.text()
    assert window.reading.article is shown  # half-typed queries do not clear what is read


def test_a_backwards_date_range_in_the_bar_is_marked_not_searched(qtbot, window, search):
    search("treaty")
    bar = window.search_bar
    with qtbot.waitSignal(window.search.outcomeReady, timeout=5000):
        bar.since.setText("2026")
    searched: list[object] = []
    window.search.outcomeReady.connect(searched.append)
    bar.until.setText("2025")
    qtbot.wait(300)
    assert not searched and bar.until.property("invalid") is True
    assert "runs backwards" in bar.until.toolTip()
    with qtbot.waitSignal(window.search.outcomeReady, timeout=5000):
        bar.until.setText("2026-02")
    assert bar.until.property("invalid") is False
    assert "runs backwards" not in bar.until.toolTip()
