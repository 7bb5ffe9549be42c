"""Printing and PDF: an article page (HTML from `reader.article_export`) laid out by Qt.

The HTML is built by the Qt-free core with every piece of the article escaped; here it is only
laid out on pages. `write_pdf` also serves `reader export --format pdf`, without a window.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QFont, QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

PAGE_MARGIN_MM = 0.0  # QTextDocument.print_ keeps 2 cm around the text itself
PRINT_POINT_SIZE = 11.0


def _ensure_app() -> None:
    """Laying out text needs a Qt application; a command line without a display gets an
    offscreen one."""
    if QGuiApplication.instance() is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _ensure_app.app = QGuiApplication([])  # type: ignore[attr-defined]


def page_document(html: str) -> QTextDocument:
    """The article page as a document ready to print (A4 text width)."""
    _ensure_app()
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    font = QFont("DejaVu Serif")
    font.setStyleHint(QFont.StyleHint.Serif)
    font.setPointSizeF(PRINT_POINT_SIZE)
    doc.setDefaultFont(font)
    doc.setHtml(html)
    return doc


def page_layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                       QMarginsF(*(PAGE_MARGIN_MM,) * 4), QPageLayout.Unit.Millimeter)


def write_pdf(html: str, path: Path) -> None:
    """Write the article page as a PDF file (A4, text on as many pages as it needs)."""
    doc = page_document(html)
    writer = QPdfWriter(str(path))
    writer.setPageLayout(page_layout())
    writer.setResolution(300)
    writer.setTitle(doc.metaInformation(QTextDocument.MetaInformation.DocumentTitle))
    writer.setCreator("Reader")
    doc.print_(writer)  # laid out on the page at the writer's resolution, page by page
    if not Path(path).exists():
        raise OSError(f"Qt could not write {path}")
