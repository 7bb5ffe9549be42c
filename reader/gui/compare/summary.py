"""The comparison's summary bar: how much each side covers of the other, how many sentences are
the same, similar or one-sided, the names both or one side mention, and each side's framing terms
(a click on a term marks it in its pane).
"""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QWidget

from reader.compare import Comparison
from reader.compare_export import ONLY_DARK, ONLY_LIGHT, band_colour, line_colour
from reader.gui.compare.picker import plain_tip
from reader.gui.theme import current_theme

TERMS_SHOWN = 12
NAMES_SHOWN = 8
SPEAKERS_SHOWN = 6
CONTRASTS_SHOWN = 6
ROWS = ("cover", "terms", "names", "quoted")  # each side's rows, one column a side


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


class SummaryBar(QWidget):
    termClicked = Signal(str, str)  # side ("a" | "b"), term
    contrastClicked = Signal(str, str)  # A's term, B's term for the same thing
    speakerClicked = Signal(str, str)  # side, speaker ("" for unattributed quotations)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareSummary")
        self.counts = self._label("compareCounts")
        self.shared = self._label("compareShared")
        self.contrasts = self._label("compareContrasts")
        self.sides: dict[str, dict[str, QLabel]] = {
            side: {key: self._label(f"compare_{key}_{side}") for key in ROWS}
            for side in ("a", "b")
        }
        for side in ("a", "b"):
            self.sides[side]["terms"].linkActivated.connect(
                lambda link, s=side: self.termClicked.emit(s, self._terms[s][int(link)]))
            self.sides[side]["quoted"].linkActivated.connect(
                lambda link, s=side: self.speakerClicked.emit(s, self._speakers[s][int(link)]))
        self.contrasts.linkActivated.connect(
            lambda link: self.contrastClicked.emit(*self._contrasts[int(link)]))
        self._terms: dict[str, list[str]] = {"a": [], "b": []}
        self._speakers: dict[str, list[str]] = {"a": [], "b": []}
        self._contrasts: list[tuple[str, str]] = []
        grid = QGridLayout(self)
        grid.setContentsMargins(10, 4, 10, 6)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.counts, 0, 0)
        grid.addWidget(self.shared, 0, 1)
        for column, side in enumerate(("a", "b")):
            for row, key in enumerate(ROWS, start=1):
                grid.addWidget(self.sides[side][key], row, column)
        grid.addWidget(self.contrasts, len(ROWS) + 1, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

    def _label(self, name: str) -> QLabel:
        label = QLabel(self, objectName=name, wordWrap=True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                      | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        return label

    def show_comparison(self, c: Comparison | None, name_a: str, name_b: str,
                        names_known: bool = True) -> None:
        """`names_known` is False while either article waits for entity analysis."""
        if c is None:
            for label in (self.counts, self.shared, self.contrasts):
                label.clear()
            for side_labels in self.sides.values():
                for label in side_labels.values():
                    label.clear()
            self._terms = {"a": [], "b": []}
            self._speakers = {"a": [], "b": []}
            self._contrasts = []
            return
        theme = current_theme()
        muted = theme.muted.name()
        only_colour = ONLY_DARK if theme.dark else ONLY_LIGHT
        n = c.counts()
        chips = "&nbsp; ".join(
            f'<span style="background:{band_colour(0, kind, theme.dark)}'
            + (f';text-decoration:underline dotted {line_colour(0, theme.dark)}'
               if kind == "related" else "")
            + f'">&nbsp;{n[kind]} {label}&nbsp;</span>'
            for kind, label in (("same", "same wording"), ("similar", "similar"),
                                ("related", "related")))
        self.counts.setText(
            f'{chips}&nbsp; <span style="color:{muted}">ribbons: solid = same, dashed = '
            f'similar, dotted = related;</span> <span style="color:{only_colour}"><b>▍only'
            f'</b></span><span style="color:{muted}"> = one side alone</span>')
        self.counts.setToolTip(
            "same wording: copied text or a shared quote · similar: the same fact or claim in "
            "other words · related: the same event, figure or quote with other detail or "
            "framing · only: no sentence of the other side reports it (click one to see the "
            "closest the other side has)")
        shared = c.shared_entities
        self.shared.setText(self._names_html("Both name", shared, muted, NAMES_SHOWN * 2)
                            if names_known else
                            f'<span style="color:{muted}">Names: not known yet, Reader is '
                            "still finding the names in these articles.</span>")
        self.shared.setToolTip(plain_tip(", ".join(shared)))
        for side, mine, theirs in (("a", name_a, name_b), ("b", name_b, name_a)):
            coverage = c.coverage_a if side == "a" else c.coverage_b
            only = n["only_a"] if side == "a" else n["only_b"]
            noun = "sentence" if only == 1 else "sentences"
            labels = self.sides[side]
            labels["cover"].setText(
                f"<b>{coverage:.0%}</b> of {_esc(mine)} is covered by {_esc(theirs)} · "
                f"<b>{only}</b> {noun} only in {_esc(mine)}")
            terms = list(c.framing.get(side, []))[:TERMS_SHOWN]
            self._terms[side] = [str(t) for t in terms]
            links = " · ".join(
                f'<a href="{i}" style="text-decoration:none">{_esc(str(t))}</a>'
                for i, t in enumerate(terms)) or "—"
            labels["terms"].setText(f'<span style="color:{muted}">{_esc(mine)}’s words:</span> '
                                    f"{links}")
            labels["terms"].setToolTip("Words and phrases this side uses where the other "
                                       "does not; click one to mark it in the text")
            only_names = c.entities_only_a if side == "a" else c.entities_only_b
            only_dates = _date_labels(c.dates_only_a if side == "a" else c.dates_only_b)
            text = self._names_html(f"Only {mine} names", only_names, muted, NAMES_SHOWN)
            if only_dates:
                text += " &nbsp;·&nbsp; " + self._names_html(
                    f"Dates only {mine} gives", only_dates, muted, NAMES_SHOWN)
            labels["names"].setText(text if names_known else "")
            labels["names"].setToolTip(plain_tip(", ".join(only_names + only_dates)))
            self._show_speakers(side, mine, c.quotes_a if side == "a" else c.quotes_b, muted)
        self._contrasts = [(str(x), str(y)) for x, y in c.framing.get("contrasts", [])]
        pairs = " · ".join(
            f'<a href="{i}" style="text-decoration:none">{_esc(x)} ↔ {_esc(y)}</a>'
            for i, (x, y) in enumerate(self._contrasts[:CONTRASTS_SHOWN]))
        self.contrasts.setText(
            f'<span style="color:{muted}">Named differently ({_esc(name_a)} ↔ '
            f'{_esc(name_b)}):</span> {pairs}' if pairs else "")
        self.contrasts.setToolTip("The same thing, each side's way; click a pair to mark both "
                                  "terms in the text")

    def _show_speakers(self, side: str, name: str, quotes, muted: str) -> None:
        """Who this side quotes, most quoted first; a click marks their quotations."""
        counts: dict[str, int] = {}
        for quote in quotes:
            counts[quote.speaker or ""] = counts.get(quote.speaker or "", 0) + 1
        speakers = sorted(counts, key=lambda s: (not s, -counts[s], s))
        self._speakers[side] = speakers
        links = " · ".join(
            f'<a href="{i}" style="text-decoration:none">{_esc(s or "not attributed")}</a>'
            f' <span style="color:{muted}">×{counts[s]}</span>'
            for i, s in enumerate(speakers[:SPEAKERS_SHOWN])) or "—"
        label = self.sides[side]["quoted"]
        label.setText(f'<span style="color:{muted}">{_esc(name)} quotes:</span> {links}')
        label.setToolTip("Who is quoted and how often; click a name to mark their words")

    def speakers(self, side: str) -> list[str]:
        return list(self._speakers[side])

    @staticmethod
    def _names_html(heading: str, names: list[str], muted: str, limit: int) -> str:
        if not names:
            shown = f'<span style="color:{muted}">—</span>'
        else:
            shown = ", ".join(_esc(n) for n in names[:limit])
            if len(names) > limit:
                shown += f' <span style="color:{muted}">+{len(names) - limit} more</span>'
        return f'<span style="color:{muted}">{_esc(heading)}:</span> {shown}'

    def terms(self, side: str) -> list[str]:
        return list(self._terms[side])

    def text(self) -> str:
        """Everything the bar says, as plain text (tests, accessibility)."""
        parts = [self.counts.text(), self.shared.text(), self.contrasts.text()]
        parts += [label.text() for side in self.sides.values() for label in side.values()]
        return " ".join(parts)


def _date_labels(values: list[str]) -> list[str]:
    """TIMEX3 values as people read them ("March 2022"), in calendar order."""
    from reader.chronology import calendar_span

    spans = [(calendar_span(v), v) for v in values]
    return [span.label() if span else v for span, v in sorted(
        spans, key=lambda sv: (sv[0].start if sv[0] else date.max, sv[1]))]
