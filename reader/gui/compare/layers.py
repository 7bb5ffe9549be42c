"""Entity and date highlights for the comparison panes, in the reading view's formats, so a name
or a date looks the same in the comparison as where the user read it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.gui.chronology.layer import DATES_LAYER, describe
from reader.gui.entities.groups import GROUPS, group_of
from reader.gui.entities.layer import ENTITY_LAYER, ENTITY_Z, mention_tooltip, type_formats
from reader.gui.span_layers import Span, SpanLayer
from reader.gui.theme import current_theme
from reader.models import Article

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow

DATES_Z = 20


def layer_defaults(window: MainWindow) -> dict[str, bool]:
    """Which highlights the comparison starts with: those on in the reading view now."""
    shown = {}
    for name, layer_name, panel in (("entities", ENTITY_LAYER, "entities"),
                                    ("dates", DATES_LAYER, "chronology")):
        layer = window.reading.layer(layer_name)
        shown[name] = layer.visible if layer is not None else panel in window.panels
    return shown


def highlight_layers(window: MainWindow, article: Article, show: dict[str, bool]
                     ) -> list[SpanLayer]:
    """The entity and date layers of `article` that `show` asks for (from the store)."""
    library = window.library
    layers = []
    if show.get("entities"):
        # The types the user hid in the reading view stay hidden; the colours are made anew
        # for the palette in use (the reading view may restyle after us).
        reading_layer = window.reading.layer(ENTITY_LAYER)
        hidden = {g.key for g in GROUPS if g.key not in reading_layer.formats} \
            if reading_layer is not None else set()
        formats = type_formats(current_theme(), hidden)
        spans = [Span(m.start, m.end, group_of(m.label).key, mention_tooltip(m))
                 for m in library.article_mentions(article.id) if m.end > m.start]
        layers.append(SpanLayer(ENTITY_LAYER, "Entities", spans, dict(formats), z=ENTITY_Z))
    dates_layer = window.reading.layer(DATES_LAYER)
    if show.get("dates") and dates_layer is not None:
        spans = [Span(t.start, t.end, t.type if t.resolved else "unresolved", describe(t))
                 for t in library.article_timexes(article.id)]
        layers.append(SpanLayer(DATES_LAYER, "Dates", spans, dict(dates_layer.formats),
                                z=DATES_Z))
    return layers
