"""The comparison view: two articles side by side under their headers and the summary bar,
aligned sentences banded alike and joined across the gutter, scrolling kept level.

Scrolling maps one pane's reading line to the other's through the pairs that keep both
articles' order (as diff viewers do), so aligned sentences stay level wherever they can.
"""

from __future__ import annotations

import bisect
import html
import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from reader.compare import KIND_LABELS, Closest, Comparison, strength
from reader.compare_export import (
    ONLY_DARK,
    ONLY_LIGHT,
    band_colour,
    line_colour,
    only_tip,
    pair_order,
)
from reader.gui.compare.gutter import ConnectorGutter, Ribbon
from reader.gui.compare.pane import ComparePane, Marked
from reader.gui.compare.picker import plain_tip
from reader.gui.compare.summary import SummaryBar
from reader.gui.span_layers import Span, SpanLayer
from reader.gui.theme import current_theme
from reader.models import Article

BANDS_LAYER = "pairs"
TERM_LAYER = "term"
# Above entity tints (z 10), so a band stays one colour; names keep their underline.
BANDS_Z = 15
ONLY_KIND = "only"  # one-sided sentences: no format of their own (the stripe marks them), a tip
READING_LINE = 1 / 3  # of the pane's height: where the eye reads, kept level on both sides


def in_order(pairs: list[tuple[int, int]], weights: list[float] | None = None) -> set[int]:
    """Indices of the heaviest run of pairs whose B positions rise with their A positions
    (each pair weighs 1 unless `weights` says otherwise): the reading order both sides share."""
    weights = weights or [1.0] * len(pairs)
    order = sorted(range(len(pairs)), key=lambda k: pairs[k])
    best: dict[int, float] = {}
    back: dict[int, int | None] = {}
    for n, k in enumerate(order):
        best[k], back[k] = weights[k], None
        for m in order[:n]:
            if pairs[m][0] < pairs[k][0] and pairs[m][1] < pairs[k][1] and (
                best[m] + weights[k] > best[k]
            ):
                best[k], back[k] = best[m] + weights[k], m
    chain: set[int] = set()
    link = max(best, key=lambda k: (best[k], -k)) if best else None
    while link is not None:
        chain.add(link)
        link = back[link]
    return chain


# How much a pair counts when choosing the pairs scrolling keeps level: paraphrases first
# (no run of related links outweighs one), related ones where they fit between them.
ANCHOR_WEIGHT = {"same": 100.0, "similar": 90.0, "related": 1.0}


def side_names(a: Article, b: Article) -> tuple[str, str]:
    name_a, name_b = a.outlet or "Unknown outlet", b.outlet or "Unknown outlet"
    return (f"{name_a} (A)", f"{name_b} (B)") if name_a == name_b else (name_a, name_b)


class ArticleHeader(QLabel):
    """Outlet and date over the title, wrapped (never clipped) to the pane's width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setContentsMargins(10, 6, 10, 4)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)

    def show_article(self, article: Article | None, name: str) -> None:
        if article is None:
            self.setText("")
            return
        muted = current_theme().muted.name()
        date = article.published.iso() if article.published else "no date"
        title = (article.title or "").strip()
        title_html = (f"<b>{html.escape(title)}</b>" if title
                      else f'<i style="color:{muted}">(untitled)</i>')
        self.setText(f'<span style="color:{muted}">{html.escape(name)} · {date}</span><br>'
                     f'<span style="font-size:large">{title_html}</span>')
        self.setToolTip(plain_tip(title))


class ComparisonView(QWidget):
    pairSelected = Signal(int)  # index into comparison.pairs
    closestShown = Signal(str)  # a one-sided sentence was clicked: what its nearest is

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comparisonView")
        self.comparison: Comparison | None = None
        self.articles: tuple[Article, Article] | None = None
        self.header_a, self.header_b = ArticleHeader(self), ArticleHeader(self)
        self.summary = SummaryBar(self)
        self.pane_a, self.pane_b = ComparePane("a", self), ComparePane("b", self)
        self.gutter = ConnectorGutter(self.pane_a, self.pane_b, self)
        self.selected: int | None = None
        self._anchors: list[tuple[int, int]] = []
        self._syncing = False
        self._font_size = 12.0
        self._names_known = True
        # One scroll bar, at the right edge, moves both sides (they follow each other); the
        # left one would stand between the text and its connectors.
        self.pane_a.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        panes = QGridLayout()
        panes.setContentsMargins(0, 0, 0, 0)
        panes.setSpacing(0)
        panes.addWidget(self.header_a, 0, 0)
        panes.addWidget(self.header_b, 0, 2)
        panes.addWidget(self.pane_a, 1, 0)
        panes.addWidget(self.gutter, 1, 1)
        panes.addWidget(self.pane_b, 1, 2)
        panes.setColumnStretch(0, 1)
        panes.setColumnStretch(2, 1)
        panes.setRowStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.summary)
        layout.addLayout(panes, 1)

        for pane, other in ((self.pane_a, self.pane_b), (self.pane_b, self.pane_a)):
            pane.verticalScrollBar().valueChanged.connect(
                lambda _v, p=pane, o=other: self._follow(p, o))
            pane.offsetClicked.connect(lambda offset, p=pane: self._clicked(p, offset))
            pane.geometryChanged.connect(self._invalidate_anchors)
            pane.geometryChanged.connect(self._align_headers)
        self.summary.termClicked.connect(self.highlight_term)
        self.summary.contrastClicked.connect(self.highlight_contrast)
        self.summary.speakerClicked.connect(self.highlight_speaker)
        self.gutter.ribbonClicked.connect(lambda k: self.select_pair(k, source="a"))

    # -- content -----------------------------------------------------------------------------

    def show_articles(self, a: Article, b: Article) -> None:
        """Headers at once, while the comparison is computed."""
        name_a, name_b = side_names(a, b)
        self.header_a.show_article(a, name_a)
        self.header_b.show_article(b, name_b)

    def show_comparison(self, c: Comparison, a: Article, b: Article,
                        layers: dict[str, list[SpanLayer]], font_size: float = 12.0,
                        names_known: bool = True) -> None:
        self.comparison, self.articles = c, (a, b)
        self._names_known = names_known
        self._font_size = font_size
        self.selected = None
        self.show_articles(a, b)
        name_a, name_b = side_names(a, b)
        self.summary.show_comparison(c, name_a, name_b, names_known)
        bands, marks, ribbons = self._decorations(c)
        for side, pane, text in (("a", self.pane_a, c.a_text), ("b", self.pane_b, c.b_text)):
            pane.show_text(text, marks[side], [bands[side], *layers.get(side, [])], font_size)
        self.gutter.set_ribbons(ribbons, QColor(ONLY_DARK if current_theme().dark else ONLY_LIGHT))
        self._anchors = []

    def restyle(self, layers: dict[str, list[SpanLayer]]) -> None:
        """New palette: the same comparison in colours that read on it."""
        if self.comparison is not None and self.articles is not None:
            selected = self.selected
            scroll = self.pane_a.verticalScrollBar().value()
            self.show_comparison(self.comparison, *self.articles, layers, self._font_size,
                                 self._names_known)
            self.pane_a.verticalScrollBar().setValue(scroll)
            if selected is not None:
                self.select_pair(selected, scroll=False)

    def set_layers(self, side: str, layers: list[SpanLayer], drop: tuple[str, ...]) -> None:
        """Replace highlight layers (entities, dates) in one pane; names in `drop` go away."""
        pane = self.pane_a if side == "a" else self.pane_b
        for name in drop:
            if name not in {layer.name for layer in layers}:
                pane.remove_layer(name)
        for layer in layers:
            pane.set_layer(layer)

    def _decorations(self, c: Comparison):
        """Bands, stripes and ribbons. A sentence in several pairs is banded as its strongest
        (same, then similar, then related) and its tooltip names them all; every pair has its
        ribbon. Related sentences get a tint and a dotted underline in the pair's ink."""
        dark = current_theme().dark
        number_of = {k: n for n, k in enumerate(pair_order(c))}
        chain = self._chain(c)
        spans: dict[str, list[Span]] = {"a": [], "b": []}
        marks: dict[str, list[Marked]] = {"a": [], "b": []}
        formats: dict[str, QTextCharFormat] = {ONLY_KIND: QTextCharFormat()}
        ribbons: list[Ribbon] = [None] * len(c.pairs)  # type: ignore[list-item]
        names = self.side_names()
        for k in sorted(range(len(c.pairs)), key=lambda k: strength(c.pairs[k])):
            pair, number = c.pairs[k], number_of[k]
            fill = QColor(band_colour(number, pair.kind, dark))
            edge = QColor(line_colour(number, dark))
            fmt = QTextCharFormat()
            fmt.setBackground(fill)
            if pair.kind == "related":
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
                fmt.setUnderlineColor(edge)
            formats[str(k)] = fmt
            for side, (start, end) in (("a", pair.a), ("b", pair.b)):
                if any(m.start < end and start < m.end for m in marks[side]):
                    continue  # drawn already, as a stronger pair of this sentence
                links = self.links_at(side, start)
                tip = " · ".join(
                    f"{number_of[j] + 1}: {KIND_LABELS[c.pairs[j].kind]}, as "
                    f"{names['b' if side == 'a' else 'a']} says it "
                    f"(score {c.pairs[j].score:.2f})" for j in links)
                tip += (" — click to see the other side" + (", again for the next"
                                                             if len(links) > 1 else ""))
                spans[side].append(Span(start, end, str(k), plain_tip(tip)))
                marks[side].append(Marked(start, end, k, edge))
            ribbons[k] = Ribbon(pair.a, pair.b, pair.kind, fill, edge, k in chain)
        only = QColor(ONLY_DARK if dark else ONLY_LIGHT)
        for side, one_sided, nearest in (("a", c.only_a, c.closest_a),
                                         ("b", c.only_b, c.closest_b)):
            near = {n.sentence: n for n in nearest}
            mine, theirs = (names["a"], names["b"]) if side == "a" else (names["b"], names["a"])
            for start, end in one_sided:
                marks[side].append(Marked(start, end, None, only, one_sided=True))
                tip = only_tip(c, side, near.get((start, end)), mine, theirs)
                spans[side].append(Span(start, end, ONLY_KIND, plain_tip(
                    tip + " — click to see it")))
        bands = {side: SpanLayer(BANDS_LAYER, "Aligned sentences", spans[side], formats,
                                 z=BANDS_Z)
                 for side in ("a", "b")}
        return bands, marks, ribbons

    def side_names(self) -> dict[str, str]:
        if self.articles is None:
            return {"a": "A", "b": "B"}
        name_a, name_b = side_names(*self.articles)
        return {"a": name_a, "b": name_b}

    def links_at(self, side: str, offset: int) -> list[int]:
        """Indices of the pairs whose sentences on `side` hold `offset`, strongest first."""
        c = self.comparison
        if c is None:
            return []
        found = [k for k, p in enumerate(c.pairs)
                 if (span := p.a if side == "a" else p.b)[0] <= offset < span[1]]
        return sorted(found, key=lambda k: strength(c.pairs[k]))

    @staticmethod
    def _chain(c: Comparison) -> set[int]:
        return in_order([(p.a[0], p.b[0]) for p in c.pairs],
                        [ANCHOR_WEIGHT[p.kind] for p in c.pairs])

    def _align_headers(self) -> None:
        """Each header starts where its text starts (wide screens centre the text)."""
        for header, pane in ((self.header_a, self.pane_a), (self.header_b, self.pane_b)):
            left, right = pane.text_margins()
            if header.contentsMargins().left() != left or header.contentsMargins().right() != right:
                header.setContentsMargins(left, 6, right, 4)

    # -- selecting a pair --------------------------------------------------------------------

    def _clicked(self, pane: ComparePane, offset: int) -> None:
        """A linked sentence: its strongest pair, or the next one when it is selected already.
        A one-sided sentence: the closest sentence the other side has."""
        links = self.links_at(pane.side, offset)
        if links:
            here = links.index(self.selected) if self.selected in links else -1
            self.select_pair(links[(here + 1) % len(links)], source=pane.side)
        elif self.comparison is not None:
            near = self.comparison.closest_to(pane.side, offset)  # type: ignore[arg-type]
            if near is not None:
                self.show_closest(pane.side, near)

    def show_closest(self, side: str, near: Closest) -> None:
        """Mark a one-sided sentence and the nearest sentence on the other side, level."""
        c = self.comparison
        if c is None:
            return
        here, there = (self.pane_a, self.pane_b) if side == "a" else (self.pane_b, self.pane_a)
        self.selected = None
        self.gutter.select(None)
        here.select_span(near.sentence)
        if near.other is not None:
            top_here, _ = here.on_screen(*near.sentence)
            if not 0 <= top_here < here.viewport().height():
                top_here = round(here.viewport().height() * READING_LINE)
                here.scroll_top_to(here.span_extent(*near.sentence)[0] - top_here)
            self._syncing = True
            try:
                there.scroll_top_to(there.span_extent(*near.other)[0] - top_here)
            finally:
                self._syncing = False
        # Marked once level: the caret it sets is then in view and scrolls nothing.
        there.select_span(near.other)
        names = self.side_names()
        self.closestShown.emit(only_tip(c, side, near, names[side],
                                        names["b" if side == "a" else "a"]))

    def select_pair(self, k: int, source: str = "a", scroll: bool = True) -> None:
        """Mark pair `k` on both sides and bring the other side's sentence level with it."""
        if self.comparison is None or not 0 <= k < len(self.comparison.pairs):
            return
        pair = self.comparison.pairs[k]
        self.selected = k
        self.pane_a.select_span(pair.a)
        self.pane_b.select_span(pair.b)
        self.gutter.select(k)
        if scroll:
            here, there = (self.pane_a, self.pane_b) if source == "a" else (self.pane_b,
                                                                            self.pane_a)
            span_here, span_there = (pair.a, pair.b) if source == "a" else (pair.b, pair.a)
            top_here, _ = here.on_screen(*span_here)
            if not 0 <= top_here < here.viewport().height():
                top_here = round(here.viewport().height() * READING_LINE)
                here.scroll_top_to(here.span_extent(*span_here)[0] - top_here)
            self._syncing = True
            try:
                there.scroll_top_to(there.span_extent(*span_there)[0] - top_here)
            finally:
                self._syncing = False
        self.pairSelected.emit(k)

    def step_pair(self, delta: int) -> None:
        """Select the next (or previous) pair in the left article's order (keyboard reading)."""
        if self.comparison is None or not self.comparison.pairs:
            return
        order = pair_order(self.comparison)
        here = order.index(self.selected) if self.selected in order else (-1 if delta > 0
                                                                          else len(order))
        k = order[max(0, min(len(order) - 1, here + delta))]
        self.select_pair(k, source="a")
        top, _ = self.pane_a.on_screen(*self.comparison.pairs[k].a)
        if not 0 <= top < self.pane_a.viewport().height() * 2 // 3:
            line = round(self.pane_a.viewport().height() * READING_LINE)
            self.pane_a.scroll_top_to(self.pane_a.span_extent(*self.comparison.pairs[k].a)[0]
                                      - line)
            self.select_pair(k, source="a")

    # -- framing terms -----------------------------------------------------------------------

    def highlight_term(self, side: str, term: str, only: bool = True) -> int:
        """Mark every use of `term` in one pane and scroll to the first; returns the count.
        With `only`, marks of the other pane go."""
        pane = self.pane_a if side == "a" else self.pane_b
        words = [re.escape(w) for w in term.split()]
        pattern = re.compile(r"(?<!\w)" + r"[\s\-]+".join(words) + r"(?!\w)", re.IGNORECASE)
        found = [(m.start(), m.end()) for m in pattern.finditer(pane.text)]
        return self.mark_spans(side, found, "Framing term", only)

    def highlight_contrast(self, term_a: str, term_b: str) -> None:
        """Mark each side's term for the same thing, A's in A and B's in B."""
        self.highlight_term("a", term_a)
        self.highlight_term("b", term_b, only=False)

    def highlight_speaker(self, side: str, speaker: str) -> int:
        """Mark the quotations of one speaker ("" for the unattributed) in one pane."""
        c = self.comparison
        if c is None:
            return 0
        quotes = c.quotes_a if side == "a" else c.quotes_b
        found = [(q.start, q.end) for q in quotes if (q.speaker or "") == speaker]
        return self.mark_spans(side, found, f"Quoted: {speaker or 'not attributed'}")

    def mark_spans(self, side: str, spans: list[tuple[int, int]], label: str,
                   only: bool = True) -> int:
        pane = self.pane_a if side == "a" else self.pane_b
        theme = current_theme()
        fmt = QTextCharFormat()
        fmt.setBackground(theme.hit_bg)
        fmt.setForeground(theme.hit_fg)
        for other in (self.pane_a, self.pane_b):
            if other is not pane and only:
                other.remove_layer(TERM_LAYER)
        pane.set_layer(SpanLayer.from_ranges(TERM_LAYER, label, spans, fmt, z=90))
        if spans:
            top, _ = pane.span_extent(*spans[0])
            pane.scroll_top_to(top - round(pane.viewport().height() * READING_LINE))
        return len(spans)

    # -- synchronised scrolling --------------------------------------------------------------

    def _invalidate_anchors(self) -> None:
        self._anchors = []

    def _anchor_points(self) -> list[tuple[int, int]]:
        """(A y, B y) in document pixels of the pairs both sides read in the same order."""
        if self._anchors or self.comparison is None:
            return self._anchors
        c = self.comparison
        chain = self._chain(c)
        points = [(0, 0)]
        for k in sorted(chain, key=lambda k: c.pairs[k].a):
            ya = self.pane_a.span_extent(*c.pairs[k].a)[0]
            yb = self.pane_b.span_extent(*c.pairs[k].b)[0]
            if ya > points[-1][0] and yb > points[-1][1]:
                points.append((ya, yb))
        end = (self.pane_a.doc_height(), self.pane_b.doc_height())
        if end[0] > points[-1][0] and end[1] > points[-1][1]:
            points.append(end)
        self._anchors = points
        return points

    def _follow(self, moved: ComparePane, other: ComparePane) -> None:
        if self._syncing or self.comparison is None:
            return
        bar = moved.verticalScrollBar()
        if bar.value() in (bar.minimum(), bar.maximum()) and bar.maximum() > 0:
            # At either end of one article, the other is at the same end: both starts (or
            # both ends) are in view, whatever the pairs in between say.
            end = other.verticalScrollBar()
            self._syncing = True
            try:
                end.setValue(end.minimum() if bar.value() == bar.minimum() else end.maximum())
            finally:
                self._syncing = False
            return
        points = self._anchor_points()
        if len(points) < 2:
            return
        line = round(moved.viewport().height() * READING_LINE)
        y = moved.verticalScrollBar().value() + line
        src, dst = (0, 1) if moved is self.pane_a else (1, 0)
        keys = [p[src] for p in points]
        i = max(0, min(len(points) - 2, bisect.bisect_right(keys, y) - 1))
        (x0, y0), (x1, y1) = (points[i][src], points[i][dst]), (points[i + 1][src],
                                                               points[i + 1][dst])
        target = y0 + (y - x0) * (y1 - y0) / (x1 - x0) if x1 != x0 else y0
        self._syncing = True
        try:
            other.scroll_top_to(round(target) - line)
        finally:
            self._syncing = False
