"""Temporal expressions: find TimeML TIMEX3 expressions in article text and normalise them.

`find_timexes(text, anchor, doc)` gives typed, normalised values anchored on the publication date.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.timex.anchoring import TenseFinder
from reader.timex.candidates import find_spans
from reader.timex.context import Context, Value
from reader.timex.normalise import normalise

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Timex", "find_timexes"]

log = logging.getLogger(__name__)

# Expressions computed from an earlier mention must not become the next reference point.
_SHIFTED = re.compile(r"\b(?:ago|earlier|later|before|after|year-ago|year-earlier|previous"
                      r"|prior|latest|period)\b", re.I)


@dataclass(frozen=True)
class Timex:
    """One time expression: offsets into the text given, TIMEX3 type and value."""

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str  # TIMEX3 value, e.g. "2025-10-24", "P10Y", "PAST_REF", "XXXX-WXX-5"
    resolved: bool  # False when the value needed an anchor and none was known

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "type": self.type,
                "value": self.value, "resolved": self.resolved}


def find_timexes(text: str, anchor: dt.date | None = None, doc: Doc | None = None) -> list[Timex]:
    """Time expressions in `text`, resolved against `anchor` (the publication date).

    `doc` is the spaCy Doc of the same text when the caller has one (tagger and sentences are
    used for tense); without it the shared pipeline runs here. Without an anchor, relative
    expressions come back with X placeholders and resolved=False, never dated from today.
    """
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    if doc is None:
        from reader.nlp import get_nlp

        doc = get_nlp()(text)
    tenses = TenseFinder(doc)
    memory: dict = {}
    found: list[Timex] = []
    for start, end in _with_fallbacks(text, find_spans(text, doc), anchor):
        words = text[start:end]
        ctx = _context(text, start, end, anchor)
        ctx.tense, ctx.memory = tenses.tense_at(start, end), memory
        result = _normalise(words, ctx)
        if result is None:
            log.debug("not a time expression: %r", words)
            continue
        kind, value, resolved = result
        if not _SHIFTED.search(words):
            _remember(memory, value)
        found.append(Timex(start, end, words, kind, value, resolved))
    return found


_GLUE = re.compile(r"[,;]?\s+(?:that|than|and|or|to|when|while|after|before|since|as|ended"
                   r"|ending|through|until|of|from|in)\s+|[,;]\s+", re.I)


def _normalise(words: str, ctx: Context) -> Value | None:
    try:
        return normalise(words, ctx)
    except (OverflowError, ValueError):
        # calendar arithmetic off the end of the calendar (an anchor in year 1 or 9999)
        log.warning("cannot date %r against anchor %s", words, ctx.anchor)
        return None


def _context(text: str, start: int, end: int, anchor: dt.date | None) -> Context:
    before = re.findall(r"[\w$%']+", text[max(0, start - 25):start])
    after = re.findall(r"[\w$%']+", text[end:end + 20])
    return Context(anchor=anchor, prev_word=before[-1].lower() if before else "",
                   before=" ".join(before[-4:]).lower(),
                   next_word=after[0].lower() if after else "")


def _with_fallbacks(text: str, spans: list[tuple[int, int]], anchor: dt.date | None):
    """Yield the spans; one the normaliser cannot read whole ("Friday that 1951", "Monday,
    April 13, a day after") is retried as its longest readable runs of parts, and a part
    without its first words ("more than last year")."""
    def readable(s: int, e: int) -> bool:
        return _normalise(text[s:e], _context(text, s, e, anchor)) is not None

    for start, end in spans:
        if text[start:end].isdigit() or readable(start, end):
            # a bare day ("April 24 and 25") needs the story's memory, checked later
            yield start, end
            continue
        pieces, pos = [], start
        for m in _GLUE.finditer(text, start, end):
            pieces.append((pos, m.start()))
            pos = m.end()
        pieces.append((pos, end))
        i = 0
        while i < len(pieces):
            run = next((j for j in range(len(pieces) - 1, i, -1)
                        if readable(pieces[i][0], pieces[j][1])), None)
            if run is not None:
                yield pieces[i][0], pieces[run][1]
                i = run + 1
                continue
            ps, pe = pieces[i]
            while ps < pe:
                if readable(ps, pe):
                    yield ps, pe
                    break
                nxt = text.find(" ", ps, pe)
                if nxt < 0:
                    break
                ps = nxt + 1
            i += 1


def _remember(memory: dict, value: str) -> None:
    """Keep the last year, quarter, month and day mentioned: "the quarter", "that day",
    "the following month" refer back to them."""
    m = re.match(r"(\d{4})(?:-(Q(\d)|(\d\d)-(\d\d)|(\d\d)\b))?", value)
    if not m:
        return
    memory["year"] = int(m.group(1))
    if m.group(4) or m.group(6):
        memory["month"] = (int(m.group(1)), int(m.group(4) or m.group(6)))
    if m.group(3):
        memory["quarter"] = (int(m.group(1)), int(m.group(3)))
    if m.group(4):
        with contextlib.suppress(ValueError):
            memory["day"] = dt.date(int(m.group(1)), int(m.group(4)), int(m.group(5)))
