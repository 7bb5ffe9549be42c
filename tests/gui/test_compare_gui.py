"""Comparing two outlets in the window as a reader does it: select two results, compare, see the
shared quote joined across the gutter, click it to find the other side, read the summary,
get suggestions for the other side, and export the comparison as a web page."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QTextCharFormat, QWheelEvent
from PySide6.QtWidgets import QApplication, QMenu, QPushButton, QToolButton

from reader.analysis_jobs import analyze_pending
from reader.compare import compare_texts
from reader.gui.compare import attach as attach_comparison
from reader.gui.compare.picker import ArticlePicker, IdRole, suggestions
from reader.gui.compare.view import READING_LINE, TERM_LAYER
from reader.gui.entities import attach as attach_entities
from reader.gui.entities.layer import ENTITY_LAYER
from reader.gui.main_window import MainWindow
from reader.gui.theme import dark_palette, light_palette
from reader.library import Library

QUOTE = "to resolve the territorial issue and conclude a peace treaty"


@pytest.fixture(scope="module")
def analysed_template(tmp_path_factory: pytest.TempPathFactory, seed_paths: list[Path]) -> Path:
    folder = tmp_path_factory.mktemp("compare-library")
    with Library(folder) as lib:
        lib.import_paths(seed_paths)
        analyze_pending(lib, n_process=1)
    return folder


@pytest.fixture
def lib(tmp_path: Path, analysed_template: Path):
    folder = tmp_path / "lib"
    shutil.copytree(analysed_template, folder)
    library = Library(folder)
    yield library
    library.close()


@pytest.fixture
def app_window(qtbot, lib: Library, settings):
    win = MainWindow(lib, settings, restore=False)
    qtbot.addWidget(win)
    attach_entities(win, auto_analyse=False)
    controller = attach_comparison(win)
    win.resize(1200, 760)
    win.show()
    qtbot.waitUntil(lambda: win.model.rowCount() == 5, timeout=5000)
    yield win, controller
    win.close()
    win.search.wait()


def _id(lib: Library, outlet: str, day: str = "2026-02-20") -> int:
    (found,) = [r.id for r in lib.rows()
                if r.outlet == outlet and r.published and r.published.iso() == day]
    return found


def _compare_selected(qtbot, win: MainWindow, controller, ids: list[int]):
    view, model = win.results.view, win.model
    view.selectionModel().clearSelection()
    for article_id in ids:
        index = model.index(model.row_of(article_id), 0)
        flags = QItemSelectionModel.SelectionFlag
        view.selectionModel().select(index, flags.Select | flags.Rows)
    button = win.results.findChild(QPushButton, "compareSelectedButton")
    assert button.isVisible()
    with qtbot.waitSignal(controller.comparisonShown, timeout=20000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return controller.compare_window


@pytest.fixture
def opened(qtbot, app_window):
    win, controller = app_window
    rt, ms = _id(win.library, "RT"), _id(win.library, "Morning Star")
    cw = _compare_selected(qtbot, win, controller, [rt, ms])
    cw.resize(1366, 740)
    qtbot.waitExposed(cw)
    qtbot.wait(50)
    return win, controller, cw, win.library.get(rt), win.library.get(ms)


def _pair_with(c, text: str):
    return next(p for p in c.pairs
                if text in c.a_text[p.a[0]:p.a[1]] and text in c.b_text[p.b[0]:p.b[1]])


def test_two_selected_results_open_side_by_side_with_headers(opened) -> None:
    _win, controller, cw, rt, ms = opened
    first, second = controller.articles
    assert {first.id, second.id} == {rt.id, ms.id}
    view = cw.view
    for header, article in ((view.header_a, first), (view.header_b, second)):
        text = header.text()
        assert article.outlet in text and "2026-02-20" in text
        assert html.escape(article.title) in text
    assert view.pane_a.text == first.body and view.pane_b.text == second.body
    assert cw.isVisible()


def test_takaichi_quote_is_aligned_and_a_click_brings_its_counterpart(qtbot, opened) -> None:
    _win, controller, cw, _rt, _ms = opened
    c = controller.comparison
    pair = _pair_with(c, QUOTE)
    view = cw.view
    k = c.pairs.index(pair)
    assert view.gutter.ribbons[k].a == pair.a and view.gutter.ribbons[k].b == pair.b
    # Put the right-hand sentence in view, then click it: the left side comes level with it.
    pane_b, pane_a = view.pane_b, view.pane_a
    pane_b.scroll_top_to(pane_b.span_extent(*pair.b)[0] - 40)
    pane_a.scroll_top_to(0)
    qtbot.wait(20)
    rect = pane_b.cursorRect(pane_b.cursor_for(pair.b[0] + 5, pair.b[0] + 5))
    qtbot.mouseClick(pane_b.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.selected == k
    assert pane_a.selected_span == pair.a and pane_b.selected_span == pair.b
    assert QUOTE in pane_a.selected_text()
    top_a, _ = pane_a.on_screen(*pair.a)
    top_b, _ = pane_b.on_screen(*pair.b)
    assert 0 <= top_a < pane_a.viewport().height()
    assert abs(top_a - top_b) <= 2


def test_one_sided_sentences_are_marked(opened) -> None:
    _win, controller, cw, _rt, _ms = opened
    c = controller.comparison
    assert c.only_a and c.only_b
    for pane, only in ((cw.view.pane_a, c.only_a), (cw.view.pane_b, c.only_b)):
        marked = [(m.start, m.end) for m in pane.marks if m.one_sided]
        assert marked == sorted(only)
        assert all(m.pair is None for m in pane.marks if m.one_sided)


def test_summary_counts_coverage_names_and_framing_terms(opened) -> None:
    _win, controller, cw, rt, _ms = opened
    first, second = controller.articles
    a_is_rt = first.id == rt.id
    fresh = compare_texts(first.body, second.body)
    assert fresh.counts() == controller.comparison.counts()
    n = fresh.counts()
    summary = cw.view.summary
    text = summary.text()
    assert f"{n['same']} same wording" in text and f"{n['similar']} similar" in text
    noun = "sentence" if n["only_a"] == 1 else "sentences"
    assert f"<b>{n['only_a']}</b> {noun} only in {first.outlet}" in text
    assert f"<b>{n['only_b']}</b> sentence" in summary.sides["b"]["cover"].text()
    assert f"{fresh.coverage_a:.0%}" in summary.sides["a"]["cover"].text()
    assert "Sanae Takaichi" in summary.shared.text()  # both name her: read from the store
    ms_side = "b" if a_is_rt else "a"
    # Morning Star's word for the war ("invasion of Ukraine"), shown.
    assert any("invasion" in t for t in controller.comparison.framing[ms_side])
    assert any("invasion" in t for t in summary.terms(ms_side))
    assert "1956" in summary.sides["b" if ms_side == "a" else "a"]["names"].text()  # RT only
    # Clicking a term marks it in its pane.
    term = summary.terms(ms_side)[0]
    summary.sides[ms_side]["terms"].linkActivated.emit("0")
    pane = cw.view.pane_b if ms_side == "b" else cw.view.pane_a
    layer = pane.layer(TERM_LAYER)
    assert layer is not None and layer.spans
    assert all(pane.text[s.start:s.end].casefold() == term.casefold() for s in layer.spans
               if " " not in term)


def test_entities_are_highlighted_in_both_panes(opened) -> None:
    _win, _controller, cw, _rt, _ms = opened
    for pane in (cw.view.pane_a, cw.view.pane_b):
        layer = pane.layer(ENTITY_LAYER)
        assert layer is not None and any(pane.text[s.start:s.end] == "Russia"
                                         for s in layer.spans)
    cw.show_entities.setChecked(False)
    assert cw.view.pane_a.layer(ENTITY_LAYER) is None
    cw.show_entities.setChecked(True)
    assert cw.view.pane_b.layer(ENTITY_LAYER) is not None


def test_suggestions_for_the_rt_article_come_from_other_outlets(app_window) -> None:
    win, controller = app_window
    rt, ms = _id(win.library, "RT"), _id(win.library, "Morning Star")
    win.open_article(rt)
    menu = QMenu()
    controller.fill_suggestions(menu, rt)
    suggested = [a for a in menu.actions() if a.data() is not None]
    assert suggested, "the RT article should have suggestions"
    outlets = [win.library.get(a.data()).outlet for a in suggested]
    assert "RT" not in outlets
    assert ms in [a.data() for a in suggested]
    assert any(a.text().startswith("Morning Star · 2026-02-20") for a in suggested)
    button = win.reading.findChild(QToolButton, "compareWithButton")
    assert button is not None and button.isEnabled()
    # One click on a suggestion opens the comparison.
    ms_action = next(a for a in suggested if a.data() == ms)
    ms_action.trigger()
    assert controller.articles is not None
    assert [a.id for a in controller.articles] == [rt, ms]


def test_file_menu_has_the_comparison_entries(app_window) -> None:
    win, _controller = app_window
    texts = [a.text() for m in win.menuBar().findChildren(QMenu) for a in m.actions()]
    assert "Compare &with…" in texts and "E&xport comparison…" in texts
    assert "Compare &selected results" in texts


def test_export_writes_a_self_contained_page(tmp_path: Path, opened) -> None:
    _win, controller, cw, rt, ms = opened
    assert cw.export.isEnabled()
    path = controller.export_to(tmp_path / "comparison.html")
    page = path.read_text(encoding="utf-8")
    for article in (rt, ms):
        assert html.escape(article.title) in page
    assert "<script" not in page.lower() and "<link" not in page.lower()
    assert 'style="' in page
    assert "Kremlin explains why peace treaty talks with Japan are currently ‘impossible’" in page
    assert html.escape("“a tough spot,”") in page  # article text, escaped like any text


def test_a_palette_switch_keeps_the_comparison(qtbot, opened) -> None:
    _win, controller, cw, _rt, _ms = opened
    before = controller.comparison
    QApplication.instance().setPalette(dark_palette())
    qtbot.wait(50)
    try:
        assert controller.comparison is before
        assert cw.view.pane_a.layer("pairs") is not None
        assert len(cw.view.gutter.ribbons) == len(before.pairs)
        cw.view.pane_a.grab()  # paints the stripes and connectors without error
        cw.view.gutter.grab()
    finally:
        QApplication.instance().setPalette(light_palette())
        qtbot.wait(20)


def test_scrolling_keeps_aligned_sentences_level(qtbot, opened) -> None:
    _win, controller, cw, _rt, _ms = opened
    pair = _pair_with(controller.comparison, QUOTE)
    view = cw.view
    pane_a, pane_b = view.pane_a, view.pane_b
    line = round(pane_b.viewport().height() * READING_LINE)
    pane_b.scroll_top_to(pane_b.span_extent(*pair.b)[0] - line)  # the user scrolls the right
    top_a, _ = pane_a.on_screen(*pair.a)
    top_b, _ = pane_b.on_screen(*pair.b)
    assert abs(top_a - top_b) <= 2
    pane_a.verticalScrollBar().setValue(0)  # and back to the start, from the left
    assert pane_b.verticalScrollBar().value() == 0


def test_reading_view_context_menu_offers_compare_with(qtbot, app_window) -> None:
    win, _controller = app_window
    win.open_article(_id(win.library, "RT"))
    seen: list[str] = []

    def read_and_close() -> None:
        popup = QApplication.activePopupWidget()
        if popup is not None:
            seen.extend(a.text() for a in popup.actions())
            popup.close()

    QTimer.singleShot(100, read_and_close)
    viewport = win.reading.browser.viewport()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(20, 20),
                              viewport.mapToGlobal(QPoint(20, 20)))
    QApplication.sendEvent(viewport, event)
    assert "Compare with" in seen


def test_picker_lists_suggestions_then_searches_the_library(qtbot, lib: Library) -> None:
    rt, ms = _id(lib, "RT"), _id(lib, "Morning Star")
    picker = ArticlePicker(lib, suggestions(lib, rt), rt, "Compare with…")
    qtbot.addWidget(picker)
    shown = [picker.model.item(i).data(IdRole) for i in range(picker.model.rowCount())]
    assert ms in shown and rt not in shown
    picker.field.setText("Takaichi")
    picker.run_search()
    found = [picker.model.item(i).data(IdRole) for i in range(picker.model.rowCount())]
    assert found and rt not in found
    assert "match" in picker.note.text()
    picker.list.setCurrentIndex(picker.model.index(0, 0))
    picker.accept()
    assert picker.chosen == found[0]


def test_names_wait_for_analysis(qtbot, library: Library, settings) -> None:
    """A library not analysed yet: the comparison works, the summary says names will come."""
    win = MainWindow(library, settings, restore=False)
    qtbot.addWidget(win)
    controller = attach_comparison(win)
    win.show()
    qtbot.waitUntil(lambda: win.model.rowCount() == 5, timeout=5000)
    try:
        with qtbot.waitSignal(controller.comparisonShown, timeout=20000):
            controller.compare(_id(library, "RT"), _id(library, "Morning Star"))
        assert "not known yet" in controller.compare_window.view.summary.shared.text()
        assert controller.comparison.pairs
    finally:
        win.close()
        win.search.wait()


def test_keyboard_steps_through_the_pairs(opened) -> None:
    _win, controller, cw, _rt, _ms = opened
    c = controller.comparison
    first = min(range(len(c.pairs)), key=lambda k: c.pairs[k].a)
    cw.next_pair.trigger()
    assert cw.view.selected == first
    assert cw.view.pane_b.selected_span == c.pairs[first].b
    cw.next_pair.trigger()
    cw.previous_pair.trigger()
    assert cw.view.selected == first


def test_titles_are_shown_as_text(qtbot, app_window) -> None:
    win, controller = app_window
    rt, ms = _id(win.library, "RT"), _id(win.library, "Morning Star")
    win.library.update_metadata(ms, title="<b>Bold</b> & <img src=x> Co")
    with qtbot.waitSignal(controller.comparisonShown, timeout=20000):
        cw = controller.compare(rt, ms)
    header = cw.view.header_b.text()
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;img src=x&gt; Co" in header
    assert "<img" not in header
    menu = QMenu()
    controller.fill_suggestions(menu, rt)
    entry = next(a for a in menu.actions() if a.data() == ms)
    assert "&& <img src=x> Co" in entry.text()
    assert entry.toolTip().startswith("<span>") and "<img" not in entry.toolTip()


def test_a_click_on_a_connector_selects_its_pair(qtbot, opened) -> None:
    _win, controller, cw, _rt, _ms = opened
    c = controller.comparison
    k = c.pairs.index(_pair_with(c, QUOTE))
    view = cw.view
    view.pane_b.scroll_top_to(view.pane_b.span_extent(*c.pairs[k].b)[0] - 60)
    cw.grab()  # lays out and paints the connectors
    gutter = view.gutter
    top, bottom = view.pane_a.on_screen(*c.pairs[k].a)
    y = gutter.mapFromGlobal(view.pane_a.viewport().mapToGlobal(QPoint(0, (top + bottom) // 2)))
    qtbot.mouseClick(gutter, Qt.MouseButton.LeftButton, pos=QPoint(3, y.y()))
    assert view.selected == k


def test_the_wheel_over_the_gutter_scrolls_both_sides(qtbot, opened) -> None:
    _win, _controller, cw, _rt, _ms = opened
    gutter, pane_b = cw.view.gutter, cw.view.pane_b
    pane_b.scroll_top_to(0)
    event = QWheelEvent(QPointF(10, 100), QPointF(gutter.mapToGlobal(QPoint(10, 100))),
                        QPoint(0, 0), QPoint(0, -240), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(gutter, event)
    assert pane_b.verticalScrollBar().value() > 0


def _click(qtbot, pane, offset: int) -> None:
    pane.scroll_top_to(max(0, pane.span_extent(offset, offset + 1)[0] - 40))
    qtbot.wait(10)
    rect = pane.cursorRect(pane.cursor_for(offset, offset))
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_three_kinds_are_drawn_apart(opened) -> None:
    _win, controller, cw, _rt, _ms = opened
    c, view = controller.comparison, cw.view
    kinds = {p.kind for p in c.pairs}
    assert {"same", "related"} <= kinds
    n = c.counts()
    assert f"{n['related']} related" in view.summary.text()
    styles = {ribbon.kind: view.gutter.ribbons[k] for k, ribbon in enumerate(view.gutter.ribbons)}
    assert set(styles) == kinds
    # A related band is a tint with a dotted underline; a same band is not underlined.
    layer = view.pane_a.layer("pairs")
    related = next(k for k, p in enumerate(c.pairs) if p.kind == "related")
    same = next(k for k, p in enumerate(c.pairs) if p.kind == "same")
    dotted = QTextCharFormat.UnderlineStyle.DotLine
    assert layer.format_for(str(related)).underlineStyle() == dotted
    assert layer.format_for(str(same)).underlineStyle() != dotted


def test_a_sentence_with_two_links_shows_each_in_turn(qtbot, opened) -> None:
    _win, controller, cw, _rt, _ms = opened
    c, view = controller.comparison, cw.view
    side, start = next((s, span[0]) for s in ("a", "b")
                       for span in {(p.a if s == "a" else p.b) for p in c.pairs}
                       if len(view.links_at(s, span[0])) > 1)
    pane = view.pane_a if side == "a" else view.pane_b
    links = view.links_at(side, start)
    seen = []
    for _ in links:
        _click(qtbot, pane, start + 1)
        seen.append(view.selected)
    assert seen == links  # strongest first, then the next on every click


def test_a_one_sided_sentence_shows_the_closest_on_the_other_side(qtbot, opened) -> None:
    _win, controller, cw, _rt, _ms = opened
    c, view = controller.comparison, cw.view
    near = next(n for n in c.closest_a if n.other is not None)
    messages: list[str] = []
    view.closestShown.connect(messages.append)
    _click(qtbot, view.pane_a, near.sentence[0] + 1)
    assert view.pane_b.selected_span == near.other
    assert view.selected is None
    other_text = " ".join(c.b_text[near.other[0]:near.other[1]].split())
    assert messages and messages[-1].startswith("Only ")
    assert f"score {near.score:.2f}" in messages[-1] and other_text[:40] in messages[-1]
    assert cw.status.text() == messages[-1]
    top_a, _ = view.pane_a.on_screen(*near.sentence)
    top_b, _ = view.pane_b.on_screen(*near.other)
    bar = view.pane_b.verticalScrollBar()
    # Level, unless the other side cannot scroll that far.
    assert abs(top_a - top_b) <= 2 or bar.value() in (bar.minimum(), bar.maximum())


def test_contrasts_and_speakers_are_shown_and_marked_on_click(opened) -> None:
    _win, controller, cw, _rt, _ms = opened
    c, view = controller.comparison, cw.view
    summary = view.summary
    assert c.framing["contrasts"]
    term_a, term_b = c.framing["contrasts"][0]
    assert f"{html.escape(term_a)} ↔ {html.escape(term_b)}" in summary.contrasts.text()
    summary.contrasts.linkActivated.emit("0")
    for pane, term in ((view.pane_a, term_a), (view.pane_b, term_b)):
        layer = pane.layer(TERM_LAYER)
        assert layer is not None and layer.spans
        assert all(pane.text[s.start:s.end].casefold() == term.casefold() for s in layer.spans
                   if " " not in term)
    # Who each side quotes: a click on a name marks that speaker's quotations.
    rt_side = "a" if c.quotes_a and any(q.speaker == "Dmitry Peskov" for q in c.quotes_a) else "b"
    speakers = summary.speakers(rt_side)
    assert speakers[0] == "Dmitry Peskov"
    summary.sides[rt_side]["quoted"].linkActivated.emit("0")
    pane = view.pane_a if rt_side == "a" else view.pane_b
    quotes = [q for q in (c.quotes_a if rt_side == "a" else c.quotes_b)
              if q.speaker == "Dmitry Peskov"]
    assert [(s.start, s.end) for s in pane.layer(TERM_LAYER).spans] == [
        (q.start, q.end) for q in quotes]
