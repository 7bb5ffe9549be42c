"""A window that stays light on a big library: it shows before its index is opened, and while
analysis saves batch after batch the panels catch up now and then, off the GUI thread, rather
than recounting the whole library for every batch."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest

from reader.gui.app import open_library_for_window
from reader.gui.chronology import attach as attach_chronology
from reader.gui.entities import PANEL_NAME
from reader.gui.entities import attach as attach_entities
from reader.gui.entities import controller as entities_controller
from reader.gui.entities.panel import ARTICLE, LIBRARY
from reader.gui.main_window import MainWindow
from reader.library import Library


def _window(qtbot, library: Library, settings) -> MainWindow:
    win = MainWindow(library, settings, restore=False)
    qtbot.addWidget(win)
    win.resize(1300, 800)
    return win


@pytest.fixture
def folder(tmp_path: Path, seed_library_template: Path) -> Path:
    folder = tmp_path / "library"
    shutil.copytree(seed_library_template, folder)
    return folder


def test_the_window_shows_before_its_index_is_opened(qtbot, folder: Path, settings,
                                                     monkeypatch) -> None:
    library = open_library_for_window(folder)
    assert not library.index_opened
    gate = threading.Event()
    real_open = library.open_index
    monkeypatch.setattr(library, "open_index", lambda: (gate.wait(10), real_open())[1])
    win = _window(qtbot, library, settings)
    win.show()
    qtbot.waitExposed(win)
    # On screen and usable while the index is still being opened (verified, caught up).
    assert win.isVisible() and not library.index_opened and win.model.rowCount() == 0
    gate.set()
    qtbot.waitUntil(lambda: win.model.rowCount() == library.count(), timeout=10000)
    assert library.index_opened
    win.close()
    win.search.wait()
    library.close()


def test_a_damaged_index_is_still_rebuilt_when_opened_after_the_window(qtbot, folder: Path,
                                                                       settings) -> None:
    shutil.rmtree(folder / Library.INDEX_DIR)
    library = open_library_for_window(folder)
    win = _window(qtbot, library, settings)
    win.show()
    qtbot.waitUntil(lambda: win.model.rowCount() == library.count() > 0, timeout=20000)
    win.close()
    win.search.wait()
    library.close()


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_entity_counts_are_not_recounted_for_every_batch(qtbot, library: Library, settings,
                                                         monkeypatch) -> None:
    clock = Clock()
    monkeypatch.setattr(entities_controller, "time", SimpleNamespace(monotonic=clock))
    win = _window(qtbot, library, settings)
    controller = attach_entities(win, auto_analyse=False)
    win.show()
    qtbot.waitUntil(lambda: win.model.rowCount() > 0, timeout=5000)
    dock = win.panels[PANEL_NAME]
    dock.show()
    dock.raise_()
    controller.panel.set_mode(LIBRARY)  # the user's switch counts at once
    qtbot.waitUntil(controller.panel.isVisible)
    threads: list[threading.Thread] = []
    real = library.entity_summaries

    def counting(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(library, "entity_summaries", counting)
    progressed = controller.analysis.progressed
    for batch in range(50):  # fifty batches saved in the few seconds after the switch
        clock.now += 0.1
        progressed.emit(batch, 500)
    assert threads == [] and controller.recounts == 0
    clock.now += entities_controller.LIBRARY_REFRESH
    for batch in range(50, 60):  # due now: one recount, however many batches follow
        progressed.emit(batch, 500)
    qtbot.waitUntil(lambda: not controller.count_worker.busy, timeout=5000)
    assert controller.recounts == 1
    assert threads and all(t is not threading.main_thread() for t in threads)
    dock.hide()  # the library list is out of sight: no recount...
    clock.now += 10 * entities_controller.LIBRARY_REFRESH
    for batch in range(60, 70):
        progressed.emit(batch, 500)
    assert controller.recounts == 1
    dock.show()  # ... until it is shown again
    qtbot.waitUntil(lambda: controller.recounts == 2, timeout=5000)
    controller.count_worker.wait()
    controller.panel.set_mode(ARTICLE)  # names of the article on show: no library recount
    clock.now += 10 * entities_controller.LIBRARY_REFRESH
    for batch in range(70, 80):
        progressed.emit(batch, 500)
    assert controller.recounts == 2
    win.close()
    win.search.wait()


def test_article_dates_are_not_recomputed_for_other_articles_batches(qtbot, library: Library,
                                                                     settings,
                                                                     monkeypatch) -> None:
    win = _window(qtbot, library, settings)
    analysis = win.use_analysis(1)
    controller = attach_chronology(win)
    win.show()
    qtbot.waitUntil(lambda: win.current_article is not None, timeout=5000)
    controller.set_scope("article")
    controller.wait()
    shown = win.current_article.id
    recomputed: list[int] = []
    monkeypatch.setattr(controller, "refresh", lambda: recomputed.append(len(recomputed)))
    analysed: set[int] = set()
    monkeypatch.setattr(library, "is_analysed", lambda article_id: article_id in analysed)
    monkeypatch.setattr(library, "analysed_count", lambda: 1000 + len(analysed))
    for batch in range(20):  # other articles' batches: the article scope is as it was
        analysed.add(-batch - 1)
        analysis.progressed.emit(batch, 100)
    assert recomputed == []
    analysed.add(shown)  # the batch holding the article on show: its dates, once
    for batch in range(20, 30):
        analysed.add(-batch - 1)
        analysis.progressed.emit(batch, 100)
    assert recomputed == [0]
    win.close()
    win.search.wait()


def test_the_library_list_asks_for_no_counts_before_it_is_shown(qtbot, library: Library,
                                                                 monkeypatch) -> None:
    from reader.gui.entities.library_model import LibraryEntitiesModel

    asked: list[int] = []
    monkeypatch.setattr(library, "entity_summaries",
                        lambda label=None, limit=None: asked.append(limit) or [])
    model = LibraryEntitiesModel(library)
    # A view laid out at start-up may ask to fetch more: nothing is read until a reload.
    assert not model.canFetchMore()
    model.fetchMore()
    assert asked == []
    model.reload()
    assert asked == [200]


def test_a_hidden_chronology_computes_nothing_until_shown(qtbot, library: Library, settings,
                                                         monkeypatch) -> None:
    asked: list[object] = []
    real = library.chronology
    monkeypatch.setattr(library, "chronology", lambda request: (asked.append(request),
                                                                real(request))[1])
    win = _window(qtbot, library, settings)
    controller = attach_chronology(win)
    controller.dock.hide()
    win.show()
    qtbot.waitUntil(lambda: win.model.rowCount() > 0, timeout=5000)
    assert asked == []
    with qtbot.waitSignal(controller.computed, timeout=10000):
        controller.dock.show()
    assert len(asked) == 1
    controller.wait()
    win.close()
    win.search.wait()
