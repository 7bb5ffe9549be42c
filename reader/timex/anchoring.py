"""Calendar arithmetic and sentence tense for resolving relative dates against an anchor.

A relative expression ("Friday", "last month", "two weeks ago") needs the document's date and,
for bare weekdays and months, the tense of the sentence that decides last-or-next.
"""

from __future__ import annotations

import bisect
import datetime as dt
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from spacy.tokens import Doc

Tense = Literal["past", "present", "future"]

# "would" is the future seen from a past report ("would leave Tuesday, Castro said").
_FUTURE_AUX = {"will", "'ll", "wo", "shall", "ll", "would"}
# "is expected to", "plans to" ... announce a future event while the verb itself is present.
_FUTURE_LEAD = {"expected", "scheduled", "due", "set", "planned", "plans", "plan", "going",
                "intends", "hopes", "hope", "aims", "likely", "slated", "poised"}


def week_str(day: dt.date) -> str:
    y, w, _ = day.isocalendar()
    return f"{y:04d}-W{w:02d}"


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def add_quarters(year: int, quarter: int, delta: int) -> tuple[int, int]:
    index = year * 4 + (quarter - 1) + delta
    return index // 4, index % 4 + 1


def shift_weekday(anchor: dt.date, weekday: int, direction: int) -> dt.date:
    """The weekday before (-1) or after (+1) the anchor; the anchor itself if it is that day."""
    diff = (weekday - anchor.weekday()) % 7
    if diff == 0:
        return anchor
    return anchor + dt.timedelta(days=diff) if direction > 0 else anchor - dt.timedelta(
        days=7 - diff)


def nearest_month_year(anchor: dt.date, month: int, tense: Tense | None) -> int:
    """Year of a bare month name: the last one in past sentences, the next one in future ones."""
    if tense == "past":
        return anchor.year if month <= anchor.month else anchor.year - 1
    if tense == "future":
        return anchor.year if month >= anchor.month else anchor.year + 1
    # Without tense the closest occurrence wins (news mostly talks about the near past).
    if month - anchor.month > 6:
        return anchor.year - 1
    if anchor.month - month > 6:
        return anchor.year + 1
    return anchor.year


def nearest_day_year(anchor: dt.date, month: int, day: int, tense: Tense | None) -> int:
    """Year of "Aug. 7" without a year: the closest such date, tense breaking near-ties."""
    best, best_gap = anchor.year, None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            gap = (dt.date(year, month, day) - anchor).days
        except ValueError:
            continue
        score = abs(gap)
        # A past sentence pulls a date a few months ahead back to last year, and vice versa.
        if (tense == "past" and gap > 60) or (tense == "future" and gap < -60):
            score += 200
        if best_gap is None or score < best_gap:
            best, best_gap = year, score
    return best


def weekday_year(anchor: dt.date, month: int, day: int, weekday: int) -> int | None:
    """The year nearest the anchor (within six) in which month/day falls on that weekday."""
    for offset in (0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6):
        try:
            if dt.date(anchor.year + offset, month, day).weekday() == weekday:
                return anchor.year + offset
        except ValueError:
            continue
    return None


_CLAUSE_BREAKS = {"that", "which", "who", "whom", "whose", "because", "if", "while", "although",
                  "though", "whether", "where", "when"}


class TenseFinder:
    """Tense of the verb nearest to a span, from the tagger's Penn tags (no parser needed)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.starts = [t.idx for t in doc]
        # a Doc from a pipeline without senter/parser has no sentences: use a token window
        self.has_sents = doc.has_annotation("SENT_START")

    def tense_at(self, start: int, end: int) -> Tense | None:
        doc = self.doc
        if not len(doc):
            return None
        first = max(0, bisect.bisect_right(self.starts, start) - 1)
        last = max(first, bisect.bisect_left(self.starts, end) - 1)
        if self.has_sents:
            sent = doc[first].sent
            lo, hi = sent.start, sent.end
        else:
            lo, hi = max(0, first - 25), min(len(doc), last + 26)
        # Look at the verbs on each side, nearest first; the left side wins ties because news
        # puts the time after its verb ("was arrested Friday").
        order: list[int] = []
        left, right = first - 1, last + 1
        # the verbs of a following clause do not date this one: "said Thursday that it would"
        for i in range(right, hi):
            if doc[i].lower_ in _CLAUSE_BREAKS:
                hi = i
                break
        while left >= lo or right < hi:
            if left >= lo:
                order.append(left)
                left -= 1
            if right < hi:
                order.append(right)
                right += 1
        for i in order:
            tense = self._verb_tense(i, lo)
            if tense:
                return tense
        return None

    def _verb_tense(self, i: int, lo: int) -> Tense | None:
        tok = self.doc[i]
        tag, low = tok.tag_, tok.lower_
        if tag == "MD":
            return "future" if low in _FUTURE_AUX else None
        if not tag.startswith("VB"):
            return None
        # the auxiliaries right before the verb: "will be", "has been", "is to", "to meet"
        aux = []
        for t in reversed(self.doc[max(lo, i - 3):i]):
            if t.tag_ in ("MD", "VBZ", "VBP", "VBD", "VB", "VBN", "TO") or t.tag_ == "RB":
                aux.append(t)
            else:
                break
        words = {t.lower_ for t in aux}
        if any(t.tag_ == "MD" and t.lower_ in _FUTURE_AUX for t in aux):
            return "future"
        if aux and aux[0].tag_ == "TO":
            if words & {"is", "are"}:
                return "future"  # "is to resume Tuesday"
            to = aux[0].i
            lead = self.doc[to - 1] if to > lo else None
            return "future" if lead is not None and lead.lower_ in _FUTURE_LEAD else None
        if tag == "VB":
            return None
        if tag == "VBD":
            return "past"
        if tag == "VBN":
            if low in _FUTURE_LEAD:
                return "future"  # "a summit set for April", "was planned for early March"
            if words & {"is", "are", "be", "'s", "'re", "am"}:
                return "present"
            # a bare participle ("rallies followed by a march") carries no tense of its own
            return "past"
        if tag == "VBG":
            if words & {"is", "are", "'s", "'re", "am"}:
                return "future"
            return "past" if words & {"was", "were"} else None
        return "future" if low in _FUTURE_LEAD else "present"  # "they plan a march in May"
