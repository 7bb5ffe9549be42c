"""Entities in the window as a reader meets them: highlighted names with their canonical name on
hover, a panel per article and for the library, one click to every article naming someone,
corrections shown everywhere at once, and analysis running in the background."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from reader.analysis_jobs import analyze_pending
from reader.gui.entities import attach as attach_entities
from reader.gui.entities.actions import entity_menu
from reader.gui.entities.article_model import ArticleEntitiesModel
from reader.gui.entities.groups import line_colour
from reader.gui.entities.layer import ENTITY_LAYER
from reader.gui.entities.library_model import LibraryEntitiesModel
from reader.gui.entities.panel import ARTICLE, LIBRARY
from reader.gui.main_window import MainWindow
from reader.gui.theme import current_theme
from reader.library import Library


@pytest.fixture(scope="module")
def analysed_template(tmp_path_factory: pytest.TempPathFactory, seed_paths: list[Path]) -> Path:
    """The seeds, imported and analysed once for the module (the model runs in-process)."""
    folder = tmp_path_factory.mktemp("analysed-library")
    with Library(folder) as lib:
        lib.import_paths(seed_paths)
        assert analyze_pending(lib, n_process=1) == 5
    return folder


@pytest.fixture
def analysed(tmp_path: Path, analysed_template: Path):
    folder = tmp_path / "analysed"
    shutil.copytree(analysed_template, folder)
    lib = Library(folder)
    yield lib
    lib.close()


def _open(qtbot, lib: Library, settings, **kwargs) -> tuple[MainWindow, object]:
    win = MainWindow(lib, settings, restore=False)
    qtbot.addWidget(win)
    controller = attach_entities(win, **kwargs)
    win.resize(1300, 800)
    win.show()
    qtbot.waitUntil(lambda: win.model.rowCount() > 0, timeout=5000)
    return win, controller


@pytest.fixture
def ent(qtbot, analysed: Library, settings):
    win, controller = _open(qtbot, analysed, settings, auto_analyse=False)
    yield win, controller
    win.close()
    win.search.wait()


def _search(qtbot, win: MainWindow, text: str) -> None:
    with qtbot.waitSignal(win.search.outcomeReady, timeout=5000):
        win.search_bar.field.setText(text)
        win.search.search_now()


def _peskov(lib: Library) -> int:
    (entity,) = lib.store.find_entities("Dmitry Peskov")
    return entity.id


def _open_article_naming(win: MainWindow, entity_id: int) -> int:
    article_id = win.library.store.articles_naming(entity_id)[0]
    win.open_article(article_id)
    return article_id


def _mention(win: MainWindow, text: str):
    article = win.reading.article
    return next(m for m in win.library.store.article_mentions(article.id) if m.text == text)


def _format_at(win: MainWindow, offset: int):
    return win.reading.cursor_for(offset + 1, offset + 1).charFormat()


def _row_named(model, name: str, parent=None):
    from PySide6.QtCore import QModelIndex

    parent = QModelIndex() if parent is None else parent
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        if index.data() == name:
            return index
        found = _row_named(model, name, index) if model.rowCount(index) else None
        if found is not None:
            return found
    return None


def test_library_mode_lists_peskov_named_in_four_articles(qtbot, ent):
    _win, controller = ent
    controller.panel.set_mode(LIBRARY)
    model = controller.library_model
    index = _row_named(model, "Dmitry Peskov")
    assert index is not None
    assert model.index(index.row(), LibraryEntitiesModel.ARTICLES).data() == "4"
    assert model.index(index.row(), LibraryEntitiesModel.OUTLETS).data() == "2"
    assert "Finding names" not in controller.panel.status.text()


def test_article_mode_groups_the_open_articles_entities_by_type(qtbot, ent):
    win, controller = ent
    _open_article_naming(win, _peskov(win.library))
    model = controller.article_model
    groups = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert groups[0] == "People" and "Places" in groups
    person = _row_named(model, "Dmitry Peskov")
    assert person is not None and person.parent().data() == "People"
    mentions = model.rowCount(person)
    assert int(person.siblingAtColumn(1).data()) == mentions > 0


def test_peskov_is_highlighted_as_a_person_with_his_canonical_name(qtbot, ent):
    win, _controller = ent
    _open_article_naming(win, _peskov(win.library))
    mention = _mention(win, "Peskov")
    fmt = _format_at(win, mention.start)
    assert fmt.fontUnderline()
    assert fmt.underlineColor() == line_colour("people", current_theme())
    assert "Dmitry Peskov" in fmt.toolTip() and "person" in fmt.toolTip()

    # Hovering shows it too.
    browser = win.reading.browser
    rect = browser.cursorRect(win.reading.cursor_for(mention.start + 2, mention.start + 2))
    browser.verticalScrollBar().setValue(0)
    win.reading.scroll_to(mention.start, mention.end)
    rect = browser.cursorRect(win.reading.cursor_for(mention.start + 2, mention.start + 2))
    pos = rect.center()
    event = QHelpEvent(QHelpEvent.Type.ToolTip, pos, browser.viewport().mapToGlobal(pos))
    QApplication.sendEvent(browser.viewport(), event)
    assert "Dmitry Peskov" in QToolTip.text()
    QToolTip.hideText()


def test_search_hits_stay_on_top_of_entity_highlights(qtbot, ent):
    win, _controller = ent
    _search(qtbot, win, "Peskov")
    _open_article_naming(win, _peskov(win.library))
    mention = _mention(win, "Peskov")
    fmt = _format_at(win, mention.start)
    assert fmt.background().color() == current_theme().hit_bg
    assert fmt.fontUnderline()  # the entity's underline still shows under the hit


def test_toggling_people_off_removes_their_highlights_only(qtbot, ent):
    win, controller = ent
    _open_article_naming(win, _peskov(win.library))
    peskov = _mention(win, "Peskov")
    place = next(m for m in win.library.store.article_mentions(win.reading.article.id)
                 if m.label == "GPE")
    controller.panel.legend.boxes["people"].click()
    assert not _format_at(win, peskov.start).fontUnderline()
    assert _format_at(win, place.start).fontUnderline()
    controller.panel.legend.boxes["people"].click()
    assert _format_at(win, peskov.start).fontUnderline()
    # The whole layer also toggles from View > Highlights.
    win.reading.set_layer_visible(ENTITY_LAYER, False)
    assert not _format_at(win, place.start).fontUnderline()


def test_hidden_types_are_remembered(qtbot, analysed, settings):
    win, controller = _open(qtbot, analysed, settings, auto_analyse=False)
    controller.panel.legend.boxes["places"].click()
    win.close()
    win2, controller2 = _open(qtbot, analysed, settings, auto_analyse=False)
    assert not controller2.panel.legend.boxes["places"].isChecked()
    assert "places" in controller2.hidden
    win2.close()


def test_clicking_an_entity_lists_every_article_naming_it(qtbot, ent):
    win, controller = ent
    controller.panel.set_mode(LIBRARY)
    view = controller.panel.library_view
    index = _row_named(controller.library_model, "Dmitry Peskov")
    view.scrollTo(index)
    with qtbot.waitSignal(win.search.outcomeReady, timeout=5000) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.visualRect(index).center())
    assert win.search_bar.text() == 'entity:"dmitry peskov"'
    outcome = blocker.args[0]
    assert outcome.total == 4 == win.model.rowCount()
    assert win.results.count.text() == "4 of 5 articles"
    # The outlet facets count them (one of the four has no outlet).
    assert len(outcome.outlet_counts) == win.library.store.entity(_peskov(win.library)).outlets


def test_selecting_a_mention_jumps_to_it_in_the_text(qtbot, ent):
    win, controller = ent
    _open_article_naming(win, _peskov(win.library))
    view = controller.panel.article_view
    person = _row_named(controller.article_model, "Dmitry Peskov")
    view.expand(person)
    last = controller.article_model.index(controller.article_model.rowCount(person) - 1, 0,
                                          person)
    view.setCurrentIndex(last)
    start, end = last.data(ArticleEntitiesModel.SpanRole)
    body = win.reading.article.body
    assert win.reading.browser.textCursor().selectedText() == body[start:end]
    flashes = [s.cursor.selectedText() for s in win.reading.browser.extraSelections()]
    assert body[start:end] in flashes
    qtbot.waitUntil(lambda: not win.reading.browser.extraSelections(), timeout=3000)


def test_renaming_updates_the_panel_the_tooltip_and_the_search(qtbot, ent):
    win, controller = ent
    peskov = _peskov(win.library)
    _open_article_naming(win, peskov)
    controller.panel.article_view.expand(_row_named(controller.article_model, "Dmitry Peskov"))
    controller.panel.set_mode(LIBRARY)
    # The index follows on a worker thread, then the window's search runs again.
    with qtbot.waitSignal(win.search.outcomeReady, timeout=10000), \
            qtbot.waitSignal(controller.indexCaughtUp, timeout=10000):
        assert controller.rename(peskov, "Dmitry S. Peskov")
    assert _row_named(controller.library_model, "Dmitry S. Peskov") is not None
    assert _row_named(controller.article_model, "Dmitry S. Peskov") is not None
    assert _row_named(controller.article_model, "Dmitry Peskov") is None
    # What the user had opened in the panel stays open.
    assert controller.panel.article_view.isExpanded(
        _row_named(controller.article_model, "Dmitry S. Peskov"))
    mention = _mention(win, "Peskov")
    assert "Dmitry S. Peskov" in _format_at(win, mention.start).toolTip()
    _search(qtbot, win, 'entity:"dmitry s. peskov"')
    assert win.model.rowCount() == 4


def test_merge_and_delete_show_everywhere_at_once(qtbot, ent):
    win, controller = ent
    store = win.library.store
    _open_article_naming(win, _peskov(win.library))
    article_id = win.reading.article.id
    places: dict[int, list] = {}
    for m in store.article_mentions(article_id):
        if m.label == "GPE":
            places.setdefault(m.entity_id, []).append(m)
    (keep, keep_ms), (gone, gone_ms) = list(places.items())[:2]
    keep_name, gone_name = keep_ms[0].name, gone_ms[0].name
    with qtbot.waitSignal(controller.indexCaughtUp, timeout=10000):
        assert controller.merge([gone, keep], keep)
    model = controller.article_model
    assert _row_named(model, gone_name) is None
    merged = _row_named(model, keep_name)
    assert model.rowCount(merged) == len(keep_ms) + len(gone_ms)
    assert keep_name in _format_at(win, gone_ms[0].start).toolTip()
    assert _row_named(controller.library_model, gone_name) is None

    with qtbot.waitSignal(controller.indexCaughtUp, timeout=10000):
        assert controller.delete([keep])
    assert _row_named(controller.article_model, keep_name) is None
    assert not _format_at(win, gone_ms[0].start).fontUnderline()
    assert not _format_at(win, keep_ms[0].start).fontUnderline()


def test_context_menu_offers_the_corrections(qtbot, ent):
    _win, controller = ent
    one = entity_menu(controller, [(1, "Tokyo", "GPE")], controller.panel)
    texts = [a.text() for a in one.actions() if a.text()]
    assert texts == ["List articles naming “Tokyo”", "Rename…", "Change type…", "Merge into…",
                     "Delete"]
    several = entity_menu(controller, [(1, "Tokyo", "GPE"), (2, "Japan", "GPE")],
                          controller.panel)
    assert "Merge these 2 entities…" in [a.text() for a in several.actions()]


def test_changing_the_type_moves_the_entity_to_its_new_group(qtbot, ent):
    win, controller = ent
    _open_article_naming(win, _peskov(win.library))
    (kremlin,) = win.library.store.find_entities("Kremlin")
    if kremlin.id not in {m.entity_id for m in win.library.store.article_mentions(
            win.reading.article.id)}:
        win.open_article(win.library.store.articles_naming(kremlin.id)[0])
    assert controller.relabel([kremlin.id], "GPE")
    assert _row_named(controller.article_model, "Kremlin").parent().data() == "Places"
    controller.index_worker.wait()


def test_models_pass_the_model_tester(qtbot, ent, qtmodeltester):
    win, controller = ent
    _open_article_naming(win, _peskov(win.library))
    qtmodeltester.check(controller.article_model)
    controller.library_model.reload(keep_rows=False)
    qtmodeltester.check(controller.library_model)
    controller.library_model.set_group("places")
    qtmodeltester.check(controller.library_model)


def test_analysis_runs_in_the_background_and_fills_the_panel(qtbot, library, settings):
    """A freshly imported library: the panel says names are being found, then lists them."""
    assert not library.store.article_mentions(library.rows()[0].id)
    win, controller = _open(qtbot, library, settings, auto_analyse=False)
    panel = controller.panel
    assert panel.mode == ARTICLE and win.reading.article is not None
    assert "not been looked for" in panel.status.text()
    assert panel.analyse_button.isVisibleTo(panel)
    with qtbot.waitSignal(controller.analysis.finished, timeout=120000) as done:
        panel.analyse_button.click()
        assert controller.analysis.running
        assert panel.status.text().startswith("Finding names…")
        assert controller.analysis.status.isVisibleTo(win.statusBar())
        # The window stays usable: searching works while analysis runs.
        win.search_bar.field.setText("treaty")
        win.search.search_now()
        qtbot.waitUntil(lambda: win.results.count.text().endswith("of 5 articles"))
    assert done.args == [5, False]
    assert controller.article_model.entity_count() > 0
    assert not controller.analysis.status.isVisibleTo(win.statusBar())
    assert win.reading.layer(ENTITY_LAYER).spans
    win.close()


_AFTER_IMPORT = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication
from reader.gui.entities import attach as attach_entities
from reader.gui.main_window import MainWindow
from reader.gui.settings import Settings
from reader.library import Library

folder, seeds = Path(sys.argv[1]), Path(sys.argv[2])
app = QApplication([])
lib = Library(folder / "library")
win = MainWindow(lib, Settings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)),
                 restore=False)
win.imports.show_summary = False
controller = attach_entities(win, start_delay_ms=0)
win.show()
loop = QEventLoop()
controller.analysis.finished.connect(lambda *_: loop.quit())
QTimer.singleShot(90000, loop.quit)
win.import_paths([seeds])
loop.exec()
controller.panel.set_mode(1)
print(json.dumps({
    "spacy_in_window": "spacy" in sys.modules,
    "library_rows": controller.library_model.rowCount(),
    "article_entities": controller.article_model.entity_count(),
}))
win.close()
lib.close()
"""


def test_an_import_is_analysed_in_model_processes_not_in_the_window(tmp_path, seeds_folder):
    """After an import the names are found by worker processes; spaCy never loads in the GUI."""
    import json
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", _AFTER_IMPORT, str(tmp_path), str(seeds_folder)],
        capture_output=True, text=True, timeout=180, env=env, check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["spacy_in_window"] is False
    assert result["library_rows"] > 10
    assert result["article_entities"] > 0


def test_delete_key_deletes_the_selected_entity_after_asking(qtbot, ent, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    win, controller = ent
    _open_article_naming(win, _peskov(win.library))
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    view = controller.panel.article_view
    view.setCurrentIndex(_row_named(controller.article_model, "Kremlin"))
    view.setFocus()
    with qtbot.waitSignal(controller.indexCaughtUp, timeout=10000):
        qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert "Kremlin" in asked[0]
    assert _row_named(controller.article_model, "Kremlin") is None
    assert not win.library.store.find_entities("Kremlin")


def test_merge_dialog_offers_the_likely_target(qtbot, ent):
    from reader.gui.entities.actions import MergeDialog

    win, controller = ent
    (takaichi,) = win.library.store.find_entities("Sanae Takaichi")
    dialog = MergeDialog(controller, (999, "Ms Takaichi", "ORG"), controller.panel)
    qtbot.addWidget(dialog)
    assert dialog.filter.text() == "Takaichi"
    assert dialog.proxy.rowCount() >= 1
    first = dialog.proxy.index(0, 0)
    assert first.data() == "Sanae Takaichi"
    dialog.view.setCurrentIndex(first)
    assert dialog.target_id == takaichi.id and dialog.ok.isEnabled()


def test_each_type_can_be_hidden_from_the_view_menu(qtbot, ent):
    win, controller = ent
    menu = win.actions_.highlights_menu
    menu.aboutToShow.emit()
    people = next(a for a in menu.actions() if a.text() == "People")
    assert people.isChecked()
    people.trigger()
    assert "people" in controller.hidden
    assert not controller.panel.legend.boxes["people"].isChecked()


def test_highlights_follow_a_switch_to_a_dark_palette(qtbot, ent):
    from reader.gui.theme import dark_palette

    win, _controller = ent
    _open_article_naming(win, _peskov(win.library))
    mention = _mention(win, "Peskov")
    app = QApplication.instance()
    old = app.palette()
    try:
        app.setPalette(dark_palette())
        dark = line_colour("people", current_theme())
        qtbot.waitUntil(lambda: _format_at(win, mention.start).underlineColor() == dark,
                        timeout=3000)
    finally:
        app.setPalette(old)
    qtbot.waitUntil(lambda: _format_at(win, mention.start).underlineColor()
                    == line_colour("people", current_theme()), timeout=3000)


def _contrast(a, b) -> float:
    def lum(c) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_highlight_colours_read_well_in_light_and_dark_palettes(qtbot):
    from reader.gui.entities.groups import GROUPS, tint_colour
    from reader.gui.theme import Theme, dark_palette, light_palette

    for palette in (light_palette(), dark_palette()):
        theme = Theme.from_palette(palette)
        for g in GROUPS:
            tint = tint_colour(g.key, theme)
            assert _contrast(theme.text, tint) >= 7.0, (g.key, theme.dark)  # text on the tint
            assert _contrast(line_colour(g.key, theme), theme.base) >= 3.0  # the underline
            # A search hit must not look like a tinted name: far apart in colour.
            hit = theme.hit_bg
            distance = ((tint.red() - hit.red()) ** 2 + (tint.green() - hit.green()) ** 2
                        + (tint.blue() - hit.blue()) ** 2) ** 0.5
            assert distance >= 60, (g.key, theme.dark)


def test_merging_several_selected_keeps_the_name_the_user_picks(qtbot, ent, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from reader.gui.entities.actions import ask_merge

    win, controller = ent
    store = win.library.store
    (japan,) = store.find_entities("Japan")
    (tokyo,) = store.find_entities("Tokyo")
    offered = []

    def pick_first(_parent, _title, _label, items, *_args):
        offered.extend(items)
        return items[0], True

    monkeypatch.setattr(QInputDialog, "getItem", pick_first)
    with qtbot.waitSignal(controller.indexCaughtUp, timeout=10000):
        ask_merge(controller, [(tokyo.id, "Tokyo", "GPE"), (japan.id, "Japan", "GPE")],
                  controller.panel)
    assert offered[0].startswith("Japan")  # the most-named is offered first
    assert not store.find_entities("Tokyo")
    assert store.entity(japan.id).articles == 5


GERMAN = (
    "Die Bundesregierung in Berlin hat am Mittwoch beschlossen, die Steuern zu senken. "
    "Bundeskanzler Friedrich Merz sagte, damit Sie mehr Geld haben, werde Deutschland handeln."
)


def test_an_article_in_a_language_without_a_model_says_so(qtbot, ent, tmp_path):
    win, controller = ent
    page = tmp_path / "steuern.txt"
    page.write_text(f"Steuern sinken\n\n{GERMAN}\n", encoding="utf-8")
    (article_id,) = [i for _, i in win.library.import_paths([page]).imported]
    analyze_pending(win.library, n_process=1)
    controller.refresh()
    win.open_article(article_id)
    status = controller.panel.status.text()
    assert status == "Entities are not analysed for German articles: no German model is installed."
    assert controller.article_model.entity_count() == 0
    assert "German" in win.reading.browser.toPlainText()
