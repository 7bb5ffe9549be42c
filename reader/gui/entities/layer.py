"""The reading view's entity highlights: one span layer, a light tint and underline per type,
and the brief flash that marks a mention the panel jumped to.

Hiding a type drops its format from the layer (spans without a format are not drawn), so the
per-type toggles cost one re-render and the search-hit background stays on top (z below hits).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCharFormat, QTextFormat
from PySide6.QtWidgets import QTextEdit

from reader.gui.entities.groups import GROUPS, group_of, line_colour, tint_colour, type_name
from reader.gui.reading_view import ReadingView
from reader.gui.span_layers import Span, SpanLayer
from reader.gui.theme import Theme, current_theme
from reader.models import StoredMention

ENTITY_LAYER = "entities"
ENTITY_Z = 10  # above plain text, below search hits (z 100) so a hit's background wins
FLASH_MS = 1200
_FLASH = QTextFormat.Property.UserProperty + 41  # marks our extra selection among the view's


def mention_tooltip(mention: StoredMention) -> str:
    """What hovering a mention says: the canonical name and its type, and the form written."""
    tip = f"{mention.name} · {type_name(mention.label)}"
    if mention.text.casefold() != mention.name.casefold():
        tip += f"\n(written here as “{mention.text}”)"
    return tip


def type_formats(theme: Theme, hidden: Collection[str] = ()) -> dict[str, QTextCharFormat]:
    """One char format per visible type group: a tint behind the name and a coloured underline."""
    formats = {}
    for g in GROUPS:
        if g.key in hidden:
            continue
        fmt = QTextCharFormat()
        fmt.setBackground(tint_colour(g.key, theme))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(line_colour(g.key, theme))
        formats[g.key] = fmt
    return formats


def entity_layer(
    mentions: Iterable[StoredMention],
    theme: Theme,
    hidden: Collection[str] = (),
    visible: bool = True,
) -> SpanLayer:
    spans = [
        Span(m.start, m.end, group_of(m.label).key, mention_tooltip(m))
        for m in mentions
        if m.end > m.start
    ]
    return SpanLayer(
        ENTITY_LAYER, "Entities", spans, type_formats(theme, hidden), visible=visible, z=ENTITY_Z
    )


def flash_mention(reading: ReadingView, start: int, end: int) -> None:
    """Scroll the text to a mention, select it and flash it so the eye finds it."""
    browser = reading.browser
    cursor = reading.cursor_for(start, end)
    browser.setTextCursor(cursor)
    reading.scroll_to(start, end)
    flash = QTextEdit.ExtraSelection()
    flash.cursor = cursor
    fmt = QTextCharFormat()
    fmt.setBackground(current_theme().current_hit_bg)
    fmt.setForeground(current_theme().hit_fg)
    fmt.setProperty(_FLASH, True)
    flash.format = fmt
    # The view's current-hit mark is an extra selection too: keep it.
    keep = [s for s in browser.extraSelections() if not s.format.property(_FLASH)]
    browser.setExtraSelections([*keep, flash])
    QTimer.singleShot(FLASH_MS, browser, lambda: _unflash(reading))


def _unflash(reading: ReadingView) -> None:
    browser = reading.browser
    selections = browser.extraSelections()
    keep = [s for s in selections if not s.format.property(_FLASH)]
    if len(keep) != len(selections):
        browser.setExtraSelections(keep)
