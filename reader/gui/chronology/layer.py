"""Dates in the reading view: every time expression of the article as a highlight layer with its
normalised value on hover, and the one picked in the chronology marked with its sentence.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QFont, QTextCharFormat

from reader.chronology import calendar_span
from reader.gui.reading_view import ReadingView
from reader.gui.span_layers import Span, SpanLayer
from reader.gui.theme import current_theme
from reader.library import Library
from reader.models import Article, TimexRecord

log = logging.getLogger(__name__)

DATES_LAYER = "dates"
PICKED_LAYER = "chronology"
_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day", "H": "hour", "S": "second",
          "DE": "decade", "CE": "century"}
_REFS = {"PRESENT_REF": "the present", "PAST_REF": "the past", "FUTURE_REF": "the future"}


def describe(t: TimexRecord) -> str:
    """The hover text: "Friday → 24 October 2025 (2025-10-24)"."""
    text, value = " ".join(t.text.split()), t.value
    if t.type in ("DATE", "TIME"):
        span = calendar_span(value)
        if span is not None:
            label = span.label()
            if "T" in value and (clock := re.search(r"T(\d\d:\d\d)", value)):
                label += f", {clock[1]}"
            return f"{text} → {label} ({value})"
        if not t.resolved:
            return (f"{text} → unresolved: the article has no publication date to anchor it "
                    f"({value})")
        if value in _REFS:
            return f"{text} → {_REFS[value]} ({value})"
        return f"{text} → {value}"
    if t.type == "DURATION":
        return f"{text} → a duration of {_amount(value)} ({value})"
    if t.type == "SET":
        return f"{text} → repeats every {_amount(value, every=True)} ({value})"
    return f"{text} → {value}"


def _amount(value: str, every: bool = False) -> str:
    m = re.fullmatch(r"PT?(\d+(?:\.\d+)?|X)(DE|CE|[YMWDHS])", value)
    if not m:
        return "unspecified length"
    number, unit = m[1], _UNITS.get(m[2], m[2])
    if value.startswith("PT") and m[2] == "M":
        unit = "minute"
    if number == "X":
        return f"some {unit}s"
    if number == "1":
        return unit if every else f"1 {unit}"
    return f"{number} {unit}s"


@dataclass(frozen=True)
class Picked:
    """A date expression chosen in the chronology, with its sentence."""

    article_id: int
    start: int
    end: int
    sent_start: int
    sent_end: int
    tooltip: str = ""


def _formats() -> dict[str, QTextCharFormat]:
    """Dates take the text colour and a dotted underline: entity types and search hits own
    the backgrounds, so all three can be on at once and still be told apart."""
    theme = current_theme()
    ink = QColor("#ffb36b") if theme.dark else QColor("#9a4a00")
    date = QTextCharFormat()
    date.setForeground(ink)
    date.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    date.setUnderlineColor(ink)
    # Durations and repetitions are not points in time: underlined, in the usual ink.
    span = QTextCharFormat()
    span.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    span.setUnderlineColor(ink)
    unresolved = QTextCharFormat()
    unresolved.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    unresolved.setUnderlineColor(theme.muted)
    return {"DATE": date, "TIME": date, "DURATION": span, "SET": span, "unresolved": unresolved}


def _picked_formats() -> dict[str, QTextCharFormat]:
    theme = current_theme()
    sentence = QTextCharFormat()
    sentence.setBackground(QColor("#2b3442") if theme.dark else QColor("#eef1f6"))
    expression = QTextCharFormat()
    expression.setBackground(QColor("#8a4d0f") if theme.dark else QColor("#ffd39e"))
    expression.setForeground(QColor("#ffffff") if theme.dark else QColor("#3a1d00"))
    expression.setFontWeight(QFont.Weight.DemiBold)
    return {"sentence": sentence, "expression": expression}


class DateLayer(QObject):
    """Keeps the reading view's date layers in step with the article on show."""

    def __init__(self, library: Library, reading: ReadingView,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.reading = reading
        self._visible = True
        self._picked: Picked | None = None
        self.complete = False  # the article on show was analysed when its dates were read
        reading.articleShown.connect(self.article_shown)
        if reading.article is not None:
            self.article_shown(reading.article)

    @property
    def visible(self) -> bool:
        layer = self.reading.layer(DATES_LAYER)
        return layer.visible if layer is not None else self._visible

    def set_visible(self, on: bool) -> None:
        self._visible = on
        self.reading.set_layer_visible(DATES_LAYER, on)

    def article_shown(self, article: Article | None) -> None:
        self._visible = self.visible  # the View > Highlights menu may have toggled it
        if self._picked is not None and (article is None or article.id != self._picked.article_id):
            self._picked = None
            self.reading.remove_layer(PICKED_LAYER)
        self.complete = article is not None and self.library.is_analysed(article.id)
        self.reading.set_layer(self._dates_layer(article))

    def _dates_layer(self, article: Article | None) -> SpanLayer:
        spans: list[Span] = []
        if article is not None:
            for t in self.library.article_timexes(article.id):
                kind = t.type if t.resolved else "unresolved"
                spans.append(Span(t.start, t.end, kind, describe(t)))
        return SpanLayer(DATES_LAYER, "Dates", spans, _formats(), visible=self._visible, z=20)

    def timex_spans(self) -> list[Span]:
        layer = self.reading.layer(DATES_LAYER)
        return list(layer.spans) if layer else []

    def pick(self, picked: Picked | None, scroll: bool = True) -> None:
        """Mark a date and its sentence (the article must be on show) and scroll to it."""
        self._picked = picked
        if picked is None:
            self.reading.remove_layer(PICKED_LAYER)
            return
        spans = [Span(picked.sent_start, picked.sent_end, "sentence")]
        if picked.end > picked.start:
            spans.append(Span(picked.start, picked.end, "expression", picked.tooltip or None))
        self.reading.set_layer(
            SpanLayer(PICKED_LAYER, "Date picked in the chronology", spans, _picked_formats(),
                      z=30)
        )
        if not scroll:
            return
        if picked.end > picked.start:
            self.reading.scroll_to(picked.start, picked.end)
        else:
            self.reading.browser.verticalScrollBar().setValue(0)

    @property
    def picked(self) -> Picked | None:
        return self._picked

    def restyle(self) -> None:
        """New palette: the same spans in colours that read on it."""
        self.reading.set_layer(self._dates_layer(self.reading.article))
        if self._picked is not None:
            self.pick(self._picked, scroll=False)
