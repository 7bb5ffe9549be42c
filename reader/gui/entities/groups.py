"""Entity types as the window shows them: seven groups of model labels, their names and colours.

The legend, the panel and the reading-view highlights all ask here, so one type looks the same
everywhere; colours come in a light and a dark set, picked from the palette's theme.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from reader.gui.theme import Theme
from reader.models import LABELS


@dataclass(frozen=True)
class TypeGroup:
    key: str
    title: str  # plural, for the legend and the panel's headings
    singular: str  # for tooltips: "Dmitry Peskov · person"
    labels: tuple[str, ...]
    light: str  # underline colour on a light base
    dark: str  # underline colour on a dark base: lighter, so it reads on #1f1f22


GROUPS: tuple[TypeGroup, ...] = (
    TypeGroup("people", "People", "person", ("PERSON",), "#1d5fd6", "#7eaaff"),
    TypeGroup("organisations", "Organisations", "organisation", ("ORG",), "#8a2fc7", "#cf9bff"),
    TypeGroup("places", "Places", "place", ("GPE", "LOC", "FAC"), "#17813d", "#62d28f"),
    TypeGroup("groups", "Groups", "group", ("NORP",), "#00788a", "#4fd0dd"),
    TypeGroup("events", "Events", "event", ("EVENT",), "#c4262e", "#ff8585"),
    TypeGroup("laws", "Laws & treaties", "law or treaty", ("LAW",), "#a3580b", "#f0a95c"),
    TypeGroup("others", "Others", "other", ("WORK_OF_ART", "PRODUCT"), "#5d636c", "#aab0b8"),
)
_BY_KEY = {g.key: g for g in GROUPS}
_BY_LABEL = {label: g for g in GROUPS for label in g.labels}

# What each model label means, in words a reader knows (Change type… offers these).
LABEL_TITLES: dict[str, str] = {
    "PERSON": "Person",
    "ORG": "Organisation",
    "GPE": "Country, city or state",
    "LOC": "Other place (region, sea, mountains)",
    "FAC": "Building, airport, road or bridge",
    "NORP": "Nationality, religious or political group",
    "EVENT": "Event",
    "LAW": "Law, treaty or declaration",
    "WORK_OF_ART": "Title of a book, film or song",
    "PRODUCT": "Product",
}
assert set(LABEL_TITLES) == set(LABELS)

TINT_WEIGHT_LIGHT = 0.86  # how far the tint is moved towards the base: a whisper of colour
TINT_WEIGHT_DARK = 0.78


def group(key: str) -> TypeGroup:
    return _BY_KEY[key]


def group_of(label: str) -> TypeGroup:
    return _BY_LABEL.get(label, _BY_KEY["others"])


def type_name(label: str) -> str:
    """How a tooltip names a label: "person", "country, city or state"."""
    return LABEL_TITLES.get(label, label).lower()


def line_colour(key: str, theme: Theme) -> QColor:
    g = _BY_KEY[key]
    return QColor(g.dark if theme.dark else g.light)


def tint_colour(key: str, theme: Theme) -> QColor:
    weight = TINT_WEIGHT_DARK if theme.dark else TINT_WEIGHT_LIGHT
    line, base = line_colour(key, theme), theme.base
    return QColor(
        round(line.red() + (base.red() - line.red()) * weight),
        round(line.green() + (base.green() - line.green()) * weight),
        round(line.blue() + (base.blue() - line.blue()) * weight),
    )


def swatch(key: str, theme: Theme, size: int = 12) -> QIcon:
    """A small rounded square in the type's colour, for the legend and the panel's rows."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(line_colour(key, theme))
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pixmap)
