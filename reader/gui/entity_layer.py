"""The reading view's entity highlights: one span layer, a light tint and underline per type.

Hiding a type drops its format from the layer (spans without a format are not drawn), so the
per-type toggles cost one re-render and the search-hit background stays on top (z below hits).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from PySide6.QtGui import QTextCharFormat

from reader.gui.entity_types import GROUPS, group_of, line_colour, tint_colour, type_name
from reader.gui.span_layers import Span, SpanLayer
from reader.gui.theme import Theme
from reader.store_analysis import StoredMention

ENTITY_LAYER = "entities"
ENTITY_Z = 10  # above plain text, below search hits (z 100) so a hit's background wins


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
