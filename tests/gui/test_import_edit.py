"""Importing by drag-and-drop with a broken file, and editing an article's details."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QDialog

from reader.gui.search.model import ResultsModel

GOOD = [
    "Harbour cranes idle as dockers strike\n\nDockers at the northern harbour walked out on "
    "Monday over pay, leaving cranes idle and ships waiting at anchor. The union said the "
    "strike would last until the port authority made a better offer.",
    "Village bakery wins national bread prize\n\nA family bakery from a small village has won "
    "the national bread prize with a sourdough loaf, the judges said on Tuesday. The owners "
    "said they would keep their prices as they are.",
]


def _drop(window, paths: list[Path]) -> None:
    """Drag files over the window and drop them.

    Qt delivers drag events only during a real drag, which offscreen tests cannot start, so
    the window's handlers are called the way Qt would call them.
    """
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = QPoint(50, 50)
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(pos.toPointF(), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(drop)
    assert drop.isAccepted()


def test_dropping_a_folder_imports_it_and_reports_the_broken_file(qtbot, window, tmp_path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    for i, text in enumerate(GOOD):
        (folder / f"good{i}.txt").write_text(text, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\xff\xfe\x00" * 64 + bytes(range(256)))

    with qtbot.waitSignal(window.imports.finished, timeout=20000) as finished:
        _drop(window, [folder])
        assert window.imports.status.isVisible()  # progress and Cancel while it runs
    report = finished.args[0]
    assert len(report.imported) == 2 and len(report.failed) == 1
    dialog = window.imports.summary
    assert dialog is not None and dialog.isVisible()
    assert "2 imported" in dialog.headline.text() and "1 failed" in dialog.headline.text()
    assert dialog.failures.topLevelItemCount() == 1
    failure = dialog.failures.topLevelItem(0)
    assert "broken.txt" in failure.text(0) and failure.text(1)
    assert not window.imports.status.isVisible()
    qtbot.waitUntil(lambda: window.results.count.text() == "7 of 7 articles", timeout=5000)


def test_editing_the_outlet_finds_the_article_under_the_new_outlet(qtbot, window, search):
    search("Peskov")
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Return)
    article = window.reading.article
    dialog = window.edit_article()
    dialog.outlet.setCurrentText("Harbour Gazette")
    with qtbot.waitSignal(window.search.outcomeReady, timeout=5000):
        dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert "Harbour Gazette" in window.reading.browser.toPlainText()

    search('outlet:"harbour gazette"')
    assert window.model.rowCount() == 1 and window.model.article_id(0) == article.id
    assert window.model.index(0, ResultsModel.OUTLET).data() == "Harbour Gazette"
    with qtbot.waitSignal(window.search.outcomeReady, timeout=5000):
        window.search_bar.field.clear()
    with qtbot.waitSignal(window.search.outcomeReady, timeout=5000):
        window.search_bar.select_outlet("Harbour Gazette")
    assert [window.model.article_id(r) for r in range(window.model.rowCount())] == [article.id]


def test_a_bad_date_keeps_the_edit_dialog_open_with_the_reason(qtbot, window):
    window.results.view.setCurrentIndex(window.model.index(0, 0))
    dialog = window.edit_article()
    dialog.published.setText("2025-02-30")
    dialog.accept()
    assert dialog.isVisible() and dialog.error.isVisible()
    assert dialog.error.text()
    dialog.reject()


def test_reading_settings_come_back_in_the_next_window(qtbot, window, library, settings):
    window.zoom(+2)
    window.reading.set_show_removed(True)
    window.close()
    again = type(window)(library, settings, restore=True)
    qtbot.addWidget(again)
    assert again.reading.font_size == 14.0
    assert again.reading.show_removed
    assert again.actions_.show_removed.isChecked()
    again.close()


def test_cancel_stops_the_import_and_keeps_what_was_imported(qtbot, window, shared_dir):
    folder = shared_dir / "corpora" / "bbc" / "tech"
    with qtbot.waitSignal(window.imports.progressed, timeout=20000):
        window.import_paths([folder])
    with qtbot.waitSignal(window.imports.finished, timeout=20000) as finished:
        window.imports.status.cancel_button.click()
    report = finished.args[0]
    assert report.cancelled
    assert len(report.imported) < len(list(folder.glob("*.txt")))
    assert "cancelled" in window.imports.summary.headline.text()
