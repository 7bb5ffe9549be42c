"""Highlights and notes in the window: highlighting the selection, the layer drawn over the
article, a click editing a note, the Notes panel (filter, open, export), print and export."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint

from reader.cli import main
from reader.gui.notes import NOTES_LAYER_NAME, attach
from reader.gui.notes.dialog import NoteDialog
from reader.gui.notes.model import LOST


@pytest.fixture
def notes(qtbot, window):
    controller = attach(window, start_delay_ms=0)
    qtbot.waitUntil(lambda: "No highlights" in controller.panel.status.text(), timeout=5000)
    yield controller
    controller.shutdown()


def _select(window, words: str) -> tuple[int, int]:
    body = window.current_article.body
    start = body.index(words)
    window.reading.browser.setTextCursor(window.reading.cursor_for(start, start + len(words)))
    return start, start + len(words)


def test_highlighting_the_selection_draws_and_lists_it(qtbot, window, notes) -> None:
    article = window.current_article
    assert article is not None
    words = article.body.split("\n")[0].split()[2] + " " + article.body.split("\n")[0].split()[3]
    start, end = _select(window, words)
    notes.colour_actions[2].trigger()  # blue
    (h,) = window.library.highlights(article.id)
    assert (h.start, h.end, h.colour) == (start, end, "blue")
    layer = window.reading.layer(NOTES_LAYER_NAME)
    assert layer is not None and [(s.start, s.end, s.kind) for s in layer.spans] == [
        (start, end, "blue")]
    assert not window.reading.browser.textCursor().hasSelection()
    qtbot.waitUntil(lambda: notes.model.rowCount() == 1, timeout=5000)
    assert words in notes.model.index(0, 0).data()
    assert "1 highlight, 0 article notes" in notes.panel.status.text()

    # Nothing selected: a clear word in the status bar, nothing stored.
    notes.highlight_action.trigger()
    assert "Select some words" in window.statusBar().currentMessage()
    assert len(window.library.highlights(article.id)) == 1


def test_a_click_on_a_highlight_edits_its_note(qtbot, window, notes) -> None:
    article = window.current_article
    body = article.body
    h = window.library.add_highlight(article.id, 0, body.index(" ", 10), "green")
    notes.article_shown(article)
    browser = window.reading.browser
    rect = browser.cursorRect(window.reading.cursor_for(h.start + 2, h.start + 2))
    dialog = notes._clicked(QPoint(rect.center().x() + 2, rect.center().y()))
    assert isinstance(dialog, NoteDialog)
    dialog.editor.setPlainText("<b>not bold</b> my note")
    dialog.colours.setCurrentIndex(dialog.colours.findData("pink"))
    dialog.accept()
    changed = window.library.highlight(h.id)
    assert (changed.note, changed.colour) == ("<b>not bold</b> my note", "pink")
    span = window.reading.layer(NOTES_LAYER_NAME).spans[0]
    assert "&lt;b&gt;" in span.tooltip  # shown as typed, never as markup

    dialog = notes.edit_highlight(changed)
    dialog._remove()
    assert window.library.highlights(article.id) == []
    assert window.reading.layer(NOTES_LAYER_NAME).spans == []


def test_article_note_filter_and_open_at_the_highlight(qtbot, window, notes, qtmodeltester):
    ids = window.library.browse()[0]
    other = window.library.get(ids[-1])
    start = other.body.index(other.body.split()[5])
    window.library.add_highlight(other.id, start, start + 5, note="Ask the embassy")
    dialog = notes.edit_article_note()
    dialog.editor.setPlainText("Whole article: compare with TASS")
    dialog.accept()
    qtbot.waitUntil(lambda: notes.model.rowCount() == 2, timeout=5000)
    qtmodeltester.check(notes.model)
    notes.panel.filter.setText("EMBASSY")
    assert notes.proxy.rowCount() == 1
    assert "1 of 2 shown" in notes.panel.status.text()
    with qtbot.waitSignal(notes.model.modelReset, timeout=5000):
        notes.refresh()  # the list read again keeps the filter
    assert notes.proxy.rowCount() == 1
    notes.panel.view.clicked.emit(notes.proxy.index(0, 0))
    assert window.current_article.id == other.id
    notes.panel.filter.setText("")
    assert notes.proxy.rowCount() == 2


def test_a_highlight_whose_words_are_gone_is_listed_and_not_drawn(qtbot, window, notes):
    article = window.current_article
    h = window.library.add_highlight(article.id, 0, 10)
    with window.library.store.transaction() as db:  # the text changed under it
        db.execute("UPDATE articles SET body = 'Something else entirely.' WHERE id = ?",
                   (article.id,))
    window.article_changed(window.library.get(article.id))
    assert window.reading.layer(NOTES_LAYER_NAME).spans == []
    assert "could not be found" in window.statusBar().currentMessage()
    notes.refresh()
    qtbot.waitUntil(lambda: notes.model.rowCount() == 1, timeout=5000)
    assert notes.model.index(0, 0).data().startswith(LOST)
    assert not window.library.highlight(h.id).anchored


def test_export_the_article_as_pdf_html_and_markdown(window, notes, tmp_path: Path) -> None:
    article = window.current_article
    window.library.add_highlight(article.id, 0, 12, note="a note")
    for suffix, start in ((".pdf", b"%PDF"), (".html", b"<!DOCTYPE"), (".md", b"# ")):
        path = notes.export_article(tmp_path / f"a{suffix}")
        assert path is not None and path.read_bytes().startswith(start)
    assert notes.export_article(tmp_path / "no" / "such" / "a.html") is None
    assert "Cannot write" in window.statusBar().currentMessage()


def test_cli_export_pdf(window, tmp_path: Path, capsys) -> None:
    folder, article_id = str(window.library.folder), window.current_article.id
    out = tmp_path / "a.pdf"
    assert main(["--library", folder, "export", str(article_id), "--format", "pdf",
                 "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_words_selected_in_a_comparison_pane_are_highlighted_there(qtbot, window) -> None:
    from reader.gui.compare import attach as attach_comparison

    compare = attach_comparison(window)
    window.extensions = {"reader.gui.compare": compare}
    notes = attach(window, start_delay_ms=0)
    qtbot.waitUntil(lambda: notes.compare_panes is not None, timeout=5000)
    a_id, b_id = window.library.browse()[0][:2]
    with qtbot.waitSignal(compare.comparisonShown, timeout=60000):
        compare.compare(a_id, b_id)
    pane = compare.compare_window.view.pane_a
    article = window.library.get(a_id)
    words = " ".join(article.body.split()[4:7])
    start = article.body.index(words)
    pane.setTextCursor(pane.cursor_for(start, start + len(words)))
    notes.compare_panes._highlight(pane, article, "purple", False)
    (h,) = window.library.highlights(a_id)
    assert (h.start, h.quote, h.colour) == (start, words, "purple")
    assert [(s.start, s.end) for s in pane.layer(NOTES_LAYER_NAME).spans] == [
        (start, start + len(words))]
    compare.compare_window.close()
    compare.shutdown()
    notes.shutdown()


def test_printing_lays_the_article_out_on_pages(window, notes, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    window.library.add_highlight(window.current_article.id, 0, 12, note="printed note")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    notes.print_to(printer)
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")
    assert notes.print_action.isEnabled() and notes.export_action.isEnabled()
