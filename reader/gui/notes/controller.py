"""Highlights and notes in the window: the reading view's layer, the actions that highlight the
selection or write a note, the Notes list, and printing or exporting the article on show.

Writes are a row or two and run on the GUI thread; listing the whole library's notes runs on
the controller's `Worker`. Every change goes through `Library`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QMouseEvent, QTextCharFormat
from PySide6.QtWidgets import QFileDialog

from reader.errors import UserError
from reader.gui.notes.dialog import NoteDialog
from reader.gui.notes.model import NotesFilter, NotesModel, shade
from reader.gui.notes.panel import NotesPanel
from reader.gui.plain_text import tooltip
from reader.gui.span_layers import Span, SpanLayer
from reader.gui.worker import Worker
from reader.models import Article
from reader.notes import COLOURS, DEFAULT_COLOUR, Highlight, NoteEntry

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow

log = logging.getLogger(__name__)

NOTES_LAYER = "notes"
EXPORT_FILTERS = {"PDF (*.pdf)": "pdf", "Web page (*.html)": "html", "Markdown (*.md)": "md"}


def _file_name(text: str) -> str:
    name = "".join(c if c.isalnum() or c in "-_" else "-" for c in text).strip("-")
    return "-".join(filter(None, name.split("-")))[:60] or "article"


def notes_layer(highlights: list[Highlight], old: SpanLayer | None = None) -> SpanLayer:
    """The highlights found in the text as a layer: under the search hits (z 100), over
    entities and dates; a note is the tooltip, shown as typed."""
    formats = {}
    for colour in COLOURS:
        fmt = QTextCharFormat()
        fmt.setBackground(shade(colour))
        formats[colour] = fmt
    spans = [Span(h.start, h.end, h.colour, tooltip(h.note) if h.note else None)
             for h in highlights if h.anchored]
    return SpanLayer(NOTES_LAYER, "Your highlights", spans, formats, z=50,
                     visible=old.visible if old else True)


class NotesController(QObject):
    highlightsChanged = Signal(int)  # an article's highlights or note were written

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.library = window.library
        self.model = NotesModel(self)
        self.proxy = NotesFilter(self)
        self.panel = NotesPanel(self.model, self.proxy)
        self.worker = Worker("notes list", self)
        self.highlights: list[Highlight] = []  # of the article on show
        self.last_colour = DEFAULT_COLOUR
        self.compare_panes: QObject | None = None  # set once the comparison window is known

        self.highlight_action = self._action("&Highlight", self.highlight_selection,
                                             "Ctrl+H", "Highlight the selected words")
        self.note_action = self._action("Highlight with a &note…",
                                        lambda: self.highlight_selection(with_note=True),
                                        "Ctrl+Shift+H", "Highlight the selected words and "
                                        "write a note on them")
        self.colour_actions = [
            self._action(f"Highlight in {c}", lambda c=c: self.highlight_selection(c), None,
                         f"Highlight the selected words in {c}") for c in COLOURS]
        for c, action in zip(COLOURS, self.colour_actions, strict=True):
            action.setIcon(_swatch(c))
        self.article_note_action = self._action("Article &note…", self.edit_article_note,
                                                "Ctrl+Shift+N", "Write a note on this article")
        self.print_action = self._action("&Print article…", self.print_article,
                                         QKeySequence.StandardKey.Print,
                                         "Print the article on show with its highlights")
        self.export_action = self._action("E&xport article…", self.export_article,
                                          "Ctrl+Shift+S", "Save the article on show with its "
                                          "highlights and notes as PDF, HTML or Markdown")
        self.export_notes_action = self._action(
            "Export highlights and &notes…", self.export_notes, None,
            "Write the highlights and notes listed in the Notes panel to a Markdown file")

        p = self.panel
        p.entryOpened.connect(self.open_entry)
        p.exportRequested.connect(self.export_notes)
        window.reading.articleShown.connect(self.article_shown)
        window.reading.browser.viewport().installEventFilter(self)
        window.installEventFilter(self)
        self.article_shown(window.current_article)

    def _action(self, text: str, slot, keys, tip: str) -> QAction:
        action = QAction(text, self)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.shutdown()
        elif (event.type() == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent)
              and event.button() == Qt.MouseButton.LeftButton
              and watched is self.window.reading.browser.viewport()):
            self._clicked(event.position().toPoint())
        return False

    def shutdown(self) -> None:
        """The window closes: the list being read is not waited for."""
        self.worker.stop()

    # -- the article on show -------------------------------------------------------------------

    def article_shown(self, article: Article | None) -> None:
        enabled = article is not None
        for action in (self.highlight_action, self.note_action, *self.colour_actions,
                       self.article_note_action, self.print_action, self.export_action):
            action.setEnabled(enabled)
        self.highlights = self.library.highlights(article.id) if article is not None else []
        self._draw()
        lost = [h for h in self.highlights if not h.anchored]
        if lost:
            self.window.statusBar().showMessage(
                f"{len(lost)} highlight(s) of this article could not be found in its current "
                "text (it changed); they are kept in the Notes panel, marked ⚠.", 10000)

    def _draw(self) -> None:
        reading = self.window.reading
        reading.set_layer(notes_layer(self.highlights, reading.layer(NOTES_LAYER)))

    def _changed(self, article_id: int) -> None:
        """After a write: redraw the article (if on show) and list the notes again."""
        article = self.window.current_article
        if article is not None and article.id == article_id:
            self.highlights = self.library.highlights(article_id)
            self._draw()
        self.highlightsChanged.emit(article_id)
        self.refresh()

    def highlight_selection(self, colour: str | None = None, with_note: bool = False) -> None:
        article = self.window.current_article
        span = self.window.reading.browser.selected_body_span()
        if article is None or span is None:
            self.window.statusBar().showMessage(
                "Select some words of the article first, then highlight them.", 5000)
            return
        if self.highlight_span(article, span, colour, with_note):
            cursor = self.window.reading.browser.textCursor()
            cursor.clearSelection()
            self.window.reading.browser.setTextCursor(cursor)

    def highlight_span(self, article: Article, span: tuple[int, int], colour: str | None,
                       with_note: bool) -> bool:
        """Highlight [start, end) of the article (asking for a note first if `with_note`);
        False when the user cancelled or it could not be done (said in the status bar)."""
        colour = colour or self.last_colour
        note = ""
        if with_note:
            dialog = NoteDialog("Highlight with a note", article.body[span[0]:span[1]], "",
                                colour, parent=self.window)
            if not dialog.exec():
                return False
            note, colour = dialog.note(), dialog.colour() or colour
        try:
            self.library.add_highlight(article.id, *span, colour=colour, note=note)
        except UserError as exc:
            self.window.statusBar().showMessage(str(exc), 8000)
            return False
        self.last_colour = colour
        self._changed(article.id)
        return True

    def _clicked(self, point: QPoint) -> NoteDialog | None:
        """A click (not a selection) on a highlight opens its note."""
        browser = self.window.reading.browser
        if browser.textCursor().hasSelection():
            return None
        offset = browser.body_offset_at(point)
        if offset is None:
            return None
        for h in self.highlights:
            if h.anchored and h.start <= offset < h.end:
                return self.edit_highlight(h)
        return None

    def edit_highlight(self, highlight: Highlight) -> NoteDialog:
        dialog = NoteDialog("Highlight", highlight.quote, highlight.note, highlight.colour,
                            can_remove=True, parent=self.window)
        dialog.accepted.connect(lambda: self._save_highlight(highlight, dialog))
        dialog.open()
        return dialog

    def _save_highlight(self, highlight: Highlight, dialog: NoteDialog) -> None:
        if dialog.removed:
            self.library.delete_highlight(highlight.id)
        else:
            self.library.update_highlight(highlight.id, note=dialog.note(),
                                          colour=dialog.colour())
        self._changed(highlight.article_id)

    def edit_article_note(self) -> NoteDialog | None:
        article = self.window.current_article
        if article is None:
            return None
        current = self.library.article_note(article.id)
        dialog = NoteDialog(f"Note on “{article.title or f'article {article.id}'}”", None,
                            current.note if current else "", None, parent=self.window)
        dialog.accepted.connect(lambda: self._save_article_note(article.id, dialog))
        dialog.open()
        return dialog

    def _save_article_note(self, article_id: int, dialog: NoteDialog) -> None:
        self.library.set_article_note(article_id, dialog.note())
        self._changed(article_id)

    # -- the Notes list --------------------------------------------------------------------------

    def refresh(self) -> None:
        """List every highlight and note of the library again (off the GUI thread)."""
        self.worker.run(self.library.note_entries, self._listed, self._failed)

    def _listed(self, entries: list[NoteEntry]) -> None:
        self.model.set_entries(entries)
        self.panel.show_counts()

    def _failed(self, exc: Exception) -> None:
        self.panel.status.setText(str(exc) if isinstance(exc, UserError)
                                  else "The highlights and notes could not be read.")

    def open_entry(self, entry: NoteEntry) -> None:
        """Open the entry's article, at the highlight (selected) if it is one."""
        if self.window.open_article(entry.article_id) is None:
            self.refresh()  # the article was deleted since the list was read
            return
        item = entry.item
        if isinstance(item, Highlight) and item.anchored:
            reading = self.window.reading
            reading.scroll_to(item.start, item.end)

    # -- printing and exporting ------------------------------------------------------------------

    def export_notes(self) -> Path | None:
        entries = self.panel.selected_entries() or self.panel.shown_entries()
        ids = list(dict.fromkeys(e.article_id for e in entries))
        if not ids:
            self.window.statusBar().showMessage("There are no highlights or notes to export.",
                                                5000)
            return None
        name, _ = QFileDialog.getSaveFileName(
            self.window, "Export highlights and notes", str(Path.home() / "notes.md"),
            "Markdown (*.md)")
        if not name:
            return None
        return self._write(Path(name), lambda: self.library.notes_markdown(ids),
                           f"Highlights and notes of {len(ids):,} article(s)")

    def export_article(self, path: Path | None = None) -> Path | None:
        article = self.window.current_article
        if article is None:
            return None
        if path is None:
            suggested = Path.home() / f"{_file_name(article.title or 'article')}.pdf"
            name, chosen = QFileDialog.getSaveFileName(
                self.window, "Export article", str(suggested), ";;".join(EXPORT_FILTERS))
            if not name:
                return None
            path = Path(name)
            if path.suffix.lower().lstrip(".") not in ("pdf", "html", "md"):
                path = path.with_suffix("." + EXPORT_FILTERS.get(chosen, "pdf"))
        fmt = path.suffix.lower().lstrip(".")
        fmt = fmt if fmt in ("pdf", "html", "md") else "pdf"

        def write() -> str | None:
            if fmt != "pdf":
                return self.library.export_article(article.id, fmt)
            from reader.gui.printing import write_pdf

            write_pdf(self.library.export_article(article.id, "html"), path)
            return None

        return self._write(path, write, "The article")

    def _write(self, path: Path, make, what: str) -> Path | None:
        try:
            text = make()
            if text is not None:
                path.write_text(text, encoding="utf-8")
        except (OSError, UserError) as exc:
            reason = getattr(exc, "strerror", None) or exc
            self.window.statusBar().showMessage(
                f"Cannot write {path}: {reason}. Choose another folder or file name.", 12000)
            return None
        self.window.statusBar().showMessage(f"{what} written to {path}", 8000)
        return path

    def print_article(self) -> None:
        """File > Print article…: the printer dialog, then the article page with highlights."""
        article = self.window.current_article
        if article is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from reader.gui.printing import page_layout

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout())
        printer.setDocName(article.title or f"Article {article.id}")
        dialog = QPrintDialog(printer, self.window)
        dialog.setWindowTitle("Print article")
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer) -> None:
        """Print the article on show (with its highlights and notes) on `printer`."""
        from reader.gui.printing import page_document

        article = self.window.current_article
        if article is not None:
            page_document(self.library.export_article(article.id, "html")).print_(printer)


def _swatch(colour: str):
    from PySide6.QtGui import QIcon, QPixmap

    pixmap = QPixmap(14, 14)
    pixmap.fill(shade(colour))
    return QIcon(pixmap)
