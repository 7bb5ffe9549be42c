"""Builds the reading view's QTextDocument from an article: header, clean body, removed noise.

Text goes in only through QTextCursor.insertText, so nothing in an article is read as markup;
highlights are char formats merged over spans, one layer at a time.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QFont, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument

from reader.gui.span_layers import OffsetMap, SpanLayer
from reader.gui.theme import Theme
from reader.language import language_name
from reader.models import Article

LINE_HEIGHT = 150  # percent: news prose reads better with generous leading


def build_document(
    doc: QTextDocument,
    article: Article,
    *,
    theme: Theme,
    font: QFont,
    show_removed: bool,
    layers: Iterable[SpanLayer] = (),
) -> OffsetMap:
    """Fill `doc` with `article`; returns where the body landed, for layers and navigation."""
    doc.clear()
    doc.setDefaultFont(font)
    doc.setUndoRedoEnabled(False)
    cursor = QTextCursor(doc)
    body_fmt = QTextCharFormat()
    body_fmt.setForeground(theme.text)
    _insert_header(cursor, article, theme, font)

    block = QTextBlockFormat()
    block.setLineHeight(LINE_HEIGHT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    cursor.insertBlock(block, body_fmt)
    body = article.body
    offsets = OffsetMap(body)
    removed = sorted(article.removed, key=lambda r: r.position) if show_removed else []
    noise_fmt = QTextCharFormat()
    noise_fmt.setForeground(theme.removed_fg)
    noise_fmt.setBackground(theme.removed_bg)
    noise_fmt.setFontItalic(True)
    last = 0
    for item in removed:
        pos = max(last, min(item.position, len(body)))
        if pos > last:
            offsets.add(last, pos, cursor.position())
            cursor.insertText(body[last:pos], body_fmt)
        fmt = QTextCharFormat(noise_fmt)
        fmt.setToolTip(f"Removed at import: {item.reason}")
        text = item.text.strip("\n")
        # Whole paragraphs of noise stand as their own paragraphs; inline noise stays inline.
        at_break = pos == 0 or pos == len(body) or body[pos - 1] == "\n"
        if at_break and pos == len(body):
            text = "\n\n" + text
        elif at_break:
            text = text + "\n\n"
        cursor.insertText(text, fmt)
        last = pos
    offsets.add(last, len(body), cursor.position())
    cursor.insertText(body[last:], body_fmt)
    apply_layers(doc, offsets, layers)
    return offsets


def _insert_header(cursor: QTextCursor, article: Article, theme: Theme, font: QFont) -> None:
    title_fmt = QTextCharFormat()
    title_fmt.setFontPointSize(round(font.pointSizeF() * 1.6, 1))
    title_fmt.setFontWeight(QFont.Weight.Bold)
    title_fmt.setForeground(theme.text)
    title = article.title.strip() if article.title else ""
    if not title:
        title_fmt.setForeground(theme.muted)
        title_fmt.setFontItalic(True)
        title = "(untitled)"
    head = QTextBlockFormat()
    head.setBottomMargin(font.pointSizeF() * 0.5)
    head.setLineHeight(120, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    cursor.setBlockFormat(head)
    cursor.insertText(title, title_fmt)

    meta_fmt = QTextCharFormat()
    meta_fmt.setForeground(theme.muted)
    meta_fmt.setFontPointSize(round(font.pointSizeF() * 0.9, 1))
    meta = QTextBlockFormat()
    meta.setBottomMargin(font.pointSizeF() * 1.2)
    cursor.insertBlock(meta, meta_fmt)
    cursor.insertText(" · ".join(meta_parts(article)), meta_fmt)


def meta_parts(article: Article) -> list[str]:
    parts = [article.outlet or "Unknown outlet"]
    parts.append(article.published.iso() if article.published else "no date")
    if article.author:
        parts.append(f"by {article.author}")
    if article.lang:
        parts.append(language_name(article.lang))
    return parts


def apply_layers(doc: QTextDocument, offsets: OffsetMap, layers: Iterable[SpanLayer]) -> None:
    cursor = QTextCursor(doc)
    for layer in sorted((lay for lay in layers if lay.visible), key=lambda lay: lay.z):
        for span in layer.spans:
            fmt = layer.format_for(span.kind)
            if fmt is None or span.end <= span.start:
                continue
            if span.tooltip:
                fmt = QTextCharFormat(fmt)
                fmt.setToolTip(span.tooltip)
            cursor.setPosition(offsets.to_doc(span.start))
            cursor.setPosition(offsets.to_doc(span.end), QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)
