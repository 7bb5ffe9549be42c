"""The chronology panel on the analysed seeds: dates with their precision in date order, outlets
and conflicts, scopes, the timeline's zoom, and picking an event opening its article."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QMenu

from reader.analysis_jobs import analyze_pending
from reader.gui.chronology import attach as attach_chronology
from reader.gui.chronology.layer import DATES_LAYER, PICKED_LAYER, describe
from reader.gui.chronology.model import ChronologyModel, OutletColours
from reader.gui.chronology.timeline_layout import Item, layout_lane
from reader.gui.chronology.timeline_view import TimelineView
from reader.gui.main_window import MainWindow
from reader.gui.theme import current_theme, dark_palette, light_palette
from reader.library import Library
from reader.models import TimexRecord


@pytest.fixture(scope="module")
def analysed_template(tmp_path_factory: pytest.TempPathFactory, seed_paths: list[Path]) -> Path:
    folder = tmp_path_factory.mktemp("analysed-seeds")
    with Library(folder) as lib:
        lib.import_paths(seed_paths)
        analyze_pending(lib, n_process=1)
    return folder


def _open_window(qtbot, library: Library, settings) -> MainWindow:
    win = MainWindow(library, settings, restore=False)
    qtbot.addWidget(win)
    win.resize(1200, 900)
    win.show()
    qtbot.waitUntil(lambda: win.model.rowCount() > 0, timeout=5000)
    return win


@pytest.fixture
def chrono(qtbot, tmp_path: Path, analysed_template: Path, settings):
    folder = tmp_path / "analysed"
    shutil.copytree(analysed_template, folder)
    library = Library(folder)
    win = _open_window(qtbot, library, settings)
    controller = attach_chronology(win)
    yield win, controller
    controller.wait()
    win.search.wait()
    library.close()


def _scope(qtbot, controller, kind: str) -> None:
    with qtbot.waitSignal(controller.computed, timeout=10000):
        controller.set_scope(kind)


def _rows(model: ChronologyModel, column: int) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def _row(model: ChronologyModel, value: str, kind: str = "mention") -> int:
    return next(r for r, e in enumerate(model.events) if e.value == value and e.kind == kind)


def _rt_friday_article(win: MainWindow) -> int:
    return next(r.id for r in win.library.rows()
                if r.outlet == "RT" and r.published and r.published.iso() == "2025-10-25")


def test_library_scope_lists_history_with_its_precision(qtbot, chrono) -> None:
    _win, controller = chrono
    _scope(qtbot, controller, "library")
    model = controller.panel.model
    dates = _rows(model, ChronologyModel.DATE)
    for year in ("1945", "1951", "1956"):
        row = _row(model, year)
        assert dates[row] == year  # a year, not 1 January
        assert "year precision" in model.index(row, ChronologyModel.DATE).data(
            Qt.ItemDataRole.ToolTipRole)
    assert dates[_row(model, "2022-03")] == "March 2022"
    # Date order, unresolved dates last and listed as such.
    assert dates.index("1945") < dates.index("1951") < dates.index("1956") < dates.index(
        "March 2022")
    unresolved = [d for d in dates if d.startswith("unresolved")]
    assert unresolved and dates[-len(unresolved):] == unresolved
    assert controller.panel.timeline.unresolved_count() == len(unresolved)


def test_the_speech_is_one_row_with_both_outlets(qtbot, chrono) -> None:
    _win, controller = chrono
    _scope(qtbot, controller, "library")
    model = controller.panel.model
    row = _row(model, "2026-02-20")
    assert model.index(row, ChronologyModel.DATE).data() == "20 February 2026"
    assert model.index(row, ChronologyModel.OUTLETS).data() == "Morning Star, RT"


def test_conflicting_dates_are_marked(qtbot, chrono) -> None:
    _win, controller = chrono
    _scope(qtbot, controller, "library")
    model, timeline = controller.panel.model, controller.panel.timeline
    row_1951, row_1952 = _row(model, "1951"), _row(model, "1952")
    for row in (row_1951, row_1952):
        assert model.index(row, ChronologyModel.CONFLICT).data() == "⚠"
    why = model.index(row_1951, ChronologyModel.CONFLICT).data(Qt.ItemDataRole.ToolTipRole)
    assert why == "MENAFN, RT: 1951 — unknown outlet: 1952"
    timeline.set_range(_day("1940-01-01"), _day("1960-01-01"))
    mark = timeline.mark_of(row_1951)
    assert mark is not None and "⚠ MENAFN, RT: 1951" in timeline.tooltip(mark)


def test_a_year_is_a_bar_spanning_the_year(qtbot, chrono) -> None:
    _win, controller = chrono
    _scope(qtbot, controller, "library")
    timeline = controller.panel.timeline
    timeline.set_range(float(_day("1940-01-01")), float(_day("1960-01-01")))
    mark = timeline.mark_of(_row(controller.panel.model, "1956"))
    assert mark is not None and not mark.cluster and not mark.point
    year_px = timeline.to_px(_day("1957-01-01")) - timeline.to_px(_day("1956-01-01"))
    assert mark.x1 - mark.x0 == pytest.approx(year_px, abs=1)


def test_article_scope_resolves_friday(qtbot, chrono) -> None:
    win, controller = chrono
    win.open_article(_rt_friday_article(win))
    _scope(qtbot, controller, "article")
    model = controller.panel.model
    fridays = [r for r, e in enumerate(model.events) if e.entries[0].text == "Friday"]
    assert fridays
    assert all(model.index(r, ChronologyModel.DATE).data() == "24 October 2025" for r in fridays)
    assert {e.article_id for e in model.events[0].entries} == {win.reading.article.id}
    # The same date in the reading view, with its value on hover.
    layer = win.reading.layer(DATES_LAYER)
    assert layer is not None and layer.visible
    tips = [s.tooltip for s in layer.spans]
    assert "Friday → 24 October 2025 (2025-10-24)" in tips


def test_article_scope_follows_the_article_on_show(qtbot, chrono) -> None:
    win, controller = chrono
    _scope(qtbot, controller, "article")
    other = next(r.id for r in win.library.rows() if r.outlet == "MENAFN")
    with qtbot.waitSignal(controller.computed, timeout=5000):
        win.open_article(other)
    assert {e.outlets[0] for e in controller.panel.model.events} == {"MENAFN"}


def test_clicking_an_event_opens_its_article_at_the_date(qtbot, chrono) -> None:
    win, controller = chrono
    _scope(qtbot, controller, "library")
    panel = controller.panel
    row = _row(panel.model, "1956")
    entry = panel.model.events[row].entries[0]
    timeline = panel.timeline
    timeline.set_range(float(_day("1940-01-01")), float(_day("1960-01-01")))
    mark = timeline.mark_of(row)
    assert mark is not None
    centre = timeline.mark_rect(mark).center().toPoint()
    with qtbot.waitSignal(controller.opened, timeout=3000):
        qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=centre)
    assert win.reading.article.id == entry.article_id
    assert win.results.view.current_article_id() == entry.article_id
    picked = win.reading.layer(PICKED_LAYER)
    assert picked is not None
    expression = next(s for s in picked.spans if s.kind == "expression")
    assert win.reading.cursor_for(expression.start, expression.end).selectedText() == "1956"
    # Scrolled so the date is on screen, and the list follows the timeline.
    browser = win.reading.browser
    rect = browser.cursorRect(win.reading.cursor_for(expression.start, expression.end))
    assert browser.viewport().rect().contains(rect.center())
    assert browser.verticalScrollBar().value() > 0
    assert panel.list.currentIndex().row() == row


def test_choosing_in_the_list_selects_on_the_timeline(qtbot, chrono) -> None:
    win, controller = chrono
    _scope(qtbot, controller, "library")
    panel = controller.panel
    row = _row(panel.model, "2022-03")
    with qtbot.waitSignal(controller.opened, timeout=3000):
        panel.list.setCurrentIndex(panel.model.index(row, 0))
    assert panel.timeline.selected() == row
    assert win.reading.article.id in {e.article_id for e in panel.model.events[row].entries}


def test_zoom_and_pan_change_the_visible_range(qtbot, chrono) -> None:
    _win, controller = chrono
    _scope(qtbot, controller, "library")
    panel = controller.panel
    timeline = panel.timeline
    t0, t1 = timeline.visible_range()
    qtbot.mouseClick(panel.zoom_in, Qt.MouseButton.LeftButton)
    z0, z1 = timeline.visible_range()
    assert z1 - z0 < (t1 - t0) * 0.8
    centre = QPointF(timeline.width() / 2, timeline.height() / 2)
    wheel = QWheelEvent(centre, timeline.mapToGlobal(centre), QPoint(), QPoint(0, 120 * 8),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(timeline, wheel)
    w0, w1 = timeline.visible_range()
    assert w1 - w0 < (z1 - z0) / 4
    qtbot.keyClick(timeline, Qt.Key.Key_Right)
    assert timeline.visible_range()[0] > w0
    for _ in range(60):  # all the way in: days are labelled
        timeline.zoom(2)
    assert timeline.axis_ticks().unit == "day"
    qtbot.mouseClick(panel.fit, Qt.MouseButton.LeftButton)
    assert timeline.visible_range() == pytest.approx((t0, t1))
    assert timeline.axis_ticks().unit == "year"


def test_the_list_model_passes_the_model_tester(qtbot, qtmodeltester, chrono) -> None:
    _win, controller = chrono
    _scope(qtbot, controller, "library")
    assert controller.panel.model.rowCount() > 10
    qtmodeltester.check(controller.panel.model)


def test_dates_layer_can_be_switched_off(qtbot, chrono) -> None:
    win, controller = chrono
    win.open_article(_rt_friday_article(win))
    controller.panel.dates_toggle.click()
    assert not win.reading.layer(DATES_LAYER).visible
    other = next(r.id for r in win.library.rows() if r.outlet == "MENAFN")
    win.open_article(other)  # stays off for the next article
    assert not win.reading.layer(DATES_LAYER).visible
    assert not controller.panel.dates_toggle.isChecked()


def test_one_entity_and_search_results_scopes(qtbot, chrono, search) -> None:
    win, controller = chrono
    [takaichi] = win.library.store.find_entities("Sanae Takaichi") or \
        win.library.store.find_entities("Takaichi")
    naming = set(win.library.store.articles_naming(takaichi.id))
    with qtbot.waitSignal(controller.computed, timeout=10000):
        controller.show_entity(takaichi.id)
    assert controller.scope == "entity"
    assert "Takaichi" in controller.panel.scope.currentText()
    assert {e.article_id for ev in controller.panel.model.events for e in ev.entries} <= naming

    _scope(qtbot, controller, "results")
    with qtbot.waitSignal(controller.computed, timeout=10000):
        search("treaty 1956")
    found = set(win.model.outcome.ids)
    assert 0 < len(found) < 5 and controller.panel.model.rowCount()
    assert {e.article_id for ev in controller.panel.model.events
                      for e in ev.entries} <= found


def test_an_unanalysed_library_says_so(qtbot, library: Library, settings) -> None:
    win = _open_window(qtbot, library, settings)
    controller = attach_chronology(win)
    _scope(qtbot, controller, "library")
    notice = controller.panel.notice
    assert notice.isVisible()
    assert notice.text().startswith("Dates appear as articles are analysed: 0 of 5.")
    # Publications need no analysis: they are there already.
    assert {e.kind for e in controller.panel.model.events} == {"published"}
    controller.wait()


def _day(iso: str) -> float:
    import datetime as dt

    return float(dt.date.fromisoformat(iso).toordinal())


@pytest.fixture
def search(qtbot, chrono):
    win, _controller = chrono

    def type_query(text: str) -> None:
        with qtbot.waitSignal(win.search.outcomeReady, timeout=5000):
            qtbot.keyClicks(win.search_bar.field, text)

    return type_query


def test_timeline_clusters_crowds_but_keeps_years_under_a_century() -> None:
    def to_px(t: float) -> float:
        return t / 10  # ten days a pixel

    same_day = [Item(i, 3, 1000.0, 1001.0, True) for i in range(50)]
    [cluster] = layout_lane(same_day, to_px, 0, 1000)
    assert len(cluster.indices) == 50 and cluster.same_span

    century = [Item(0, 0, 0.0, 36525.0, False)]
    years = [Item(i, 0, 1826.0 * i, 1826.0 * i + 365, False) for i in range(1, 8)]
    marks = layout_lane(century + years, to_px, 0, 4000)
    assert not any(m.cluster for m in marks) and len(marks) == 8

    crowd = [Item(i, 3, 3.0 * i, 3.0 * i + 1, True) for i in range(1000)]
    marks = layout_lane(crowd, to_px, 0, 1000)
    assert sum(len(m.indices) for m in marks) == 1000
    assert 5 < len(marks) < 40 and all(m.x1 - m.x0 <= 41 for m in marks if m.cluster)


def test_many_events_on_one_date_are_listed_on_click(qtbot) -> None:
    from reader.chronology import Entry, Event, calendar_span

    def event(i: int, value: str) -> Event:
        entry = Entry(i, "RT", "t", "mention", value, value, calendar_span(value),
                      sentence=f"Sentence {i}.")
        return Event(entry.span, value, [entry])

    events = [event(i, "2024-05-01") for i in range(12)] + [event(12, "2024-06-01")]
    view = TimelineView(OutletColours(["RT"]))
    qtbot.addWidget(view)
    view.resize(900, 200)
    view.set_events(events)
    view.show()
    [cluster] = [m for m in view.marks() if m.cluster]
    assert "12 events" in view.tooltip(cluster) and "list them" in view.tooltip(cluster)
    with qtbot.waitSignal(view.clusterChosen) as chosen:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton,
                         pos=view.mark_rect(cluster).center().toPoint())
    assert chosen.args == [list(range(12))]


@pytest.mark.parametrize(
    ("text", "kind", "value", "resolved", "hover"),
    [
        ("Friday", "DATE", "2025-10-24", True, "Friday → 24 October 2025 (2025-10-24)"),
        ("March 2022", "DATE", "2022-03", True, "March 2022 → March 2022 (2022-03)"),
        ("at 3 pm", "TIME", "2025-10-24T15:00", True,
         "at 3 pm → 24 October 2025, 15:00 (2025-10-24T15:00)"),
        ("a decade", "DURATION", "P10Y", True, "a decade → a duration of 10 years (P10Y)"),
        ("weekly", "SET", "P1W", True, "weekly → repeats every week (P1W)"),
        ("April 8th", "DATE", "XXXX-04-08", False,
         "April 8th → unresolved: the article has no publication date to anchor it "
         "(XXXX-04-08)"),
        ("now", "DATE", "PRESENT_REF", True, "now → the present (PRESENT_REF)"),
    ],
)
def test_date_hover_text(text: str, kind: str, value: str, resolved: bool, hover: str) -> None:
    record = TimexRecord(0, len(text), text, kind, value, resolved, 0, len(text))
    assert describe(record) == hover


def test_a_palette_change_recolours_the_date_layer(qtbot, chrono) -> None:
    win, controller = chrono
    win.open_article(_rt_friday_article(win))
    before = win.reading.layer(DATES_LAYER).format_for("DATE").foreground().color().name()
    app = QApplication.instance()
    original = app.palette()
    try:
        app.setPalette(dark_palette() if not current_theme().dark else light_palette())
        qtbot.waitUntil(lambda: win.reading.layer(DATES_LAYER).format_for("DATE")
                        .foreground().color().name() != before, timeout=3000)
        controller.panel.timeline.grab()  # paints in the new colours without failing
    finally:
        app.setPalette(original)


def test_each_article_of_a_merged_event_can_be_opened(qtbot, chrono) -> None:
    win, controller = chrono
    _scope(qtbot, controller, "library")
    panel = controller.panel
    row = _row(panel.model, "2026-02-20")
    panel.list.scrollTo(panel.model.index(row, 0))
    pos = panel.list.visualRect(panel.model.index(row, ChronologyModel.TEXT)).center()
    panel.list.customContextMenuRequested.emit(pos)
    [menu] = panel.findChildren(QMenu)
    titles = [a.text() for a in menu.actions()]
    assert [t.split(":")[0] for t in titles] == ["Open in Morning Star", "Open in RT"] or \
        [t.split(":")[0] for t in titles] == ["Open in RT", "Open in Morning Star"]
    rt = next(a for a in menu.actions() if a.text().startswith("Open in RT"))
    with qtbot.waitSignal(controller.opened, timeout=3000):
        rt.trigger()
    menu.close()
    assert win.reading.article.outlet == "RT"
    picked = win.reading.layer(PICKED_LAYER)
    assert picked is not None and any(s.kind == "expression" for s in picked.spans)


def test_dates_arrive_while_analysis_saves_them(qtbot, library: Library, settings) -> None:
    win = _open_window(qtbot, library, settings)
    qtbot.waitUntil(lambda: win.reading.article is not None, timeout=5000)
    controller = attach_chronology(win)
    _scope(qtbot, controller, "article")
    assert not controller.dates.timex_spans() and controller.panel.notice.isVisible()
    analyze_pending(library, n_process=1)  # as the background analysis would
    qtbot.waitUntil(lambda: bool(controller.dates.timex_spans()), timeout=10000)
    qtbot.waitUntil(lambda: any(e.kind == "mention" for e in controller.panel.model.events),
                    timeout=5000)
    assert not controller.panel.notice.isVisible()
    controller.wait()
