"""Direct quotations in an article, with offsets, and who is quoted.

Quote marks: “curly”, "straight", „low“ and «guillemets», mixed as careless copy mixes them
(“like this"). A paragraph that ends inside a quotation and is followed by one opening with a
quote mark continues it (the newspaper convention for quotes over several paragraphs). Who
speaks is `speakers.Speakers`' business.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from reader.compare.speakers import Person, Speakers

MIN_WORDS = 3  # one- and two-word quotes are scare quotes ("unfriendly"), not statements

_OPENING, _CLOSING = "“„«", "”»"
_MARKS = re.compile(r"[“”„«»\"]")
_LINE = re.compile(r"[^\r\n]*\S[^\r\n]*")  # a paragraph (or line) with words


@dataclass(frozen=True)
class Quote:
    start: int  # span of the quoted words, quote marks excluded
    end: int
    text: str
    speaker: str | None

    def to_json(self) -> dict:
        return {"span": [self.start, self.end], "text": self.text, "speaker": self.speaker}


def find_quotes(text: str, people: Iterable[Person] = ()) -> list[Quote]:
    """The quotations of `text` (MIN_WORDS words or more) with their speakers.

    `people` are the PERSON mentions the entity layer found (start, end, canonical name); without
    them, people are recognised by title and by speech verbs."""
    return list(_find_quotes(text, tuple(people)))


@lru_cache(maxsize=2048)  # the aligner asks again for the quotations of one sentence
def _find_quotes(text: str, people: tuple[Person, ...]) -> tuple[Quote, ...]:
    spans = quote_spans(text)
    if not spans:
        return ()
    speakers = Speakers(text, mask_quotes(text, "_", spans), list(people))
    quotes: list[Quote] = []
    previous: tuple[int, str | None] | None = None  # (end, speaker) of the last quote read
    for open_at, close_end in spans:
        inner_start, inner_end = _inner(text, open_at, close_end)
        inner = text[inner_start:inner_end]
        if len(inner.split()) < MIN_WORDS:
            continue
        speaker = speakers.speaker(open_at, close_end)
        if speaker is None and previous and speakers.stands_alone(open_at, close_end, previous[0]):
            speaker = previous[1]
        previous = (close_end, speaker)
        quotes.append(Quote(inner_start, inner_end, inner, speaker))
    return tuple(quotes)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(opening mark, end of closing mark) of each quotation, whatever its length; a quotation
    left open at a paragraph's end runs on into a paragraph that opens with a quote mark, and
    otherwise ends with its paragraph."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    last_end = 0
    for line in _LINE.finditer(text):
        marks = list(_MARKS.finditer(text, line.start(), line.end()))
        if start is not None:
            lead = len(line.group()) - len(line.group().lstrip())
            if marks and marks[0].start() == line.start() + lead and _opens(text, marks[0]):
                marks = marks[1:]  # the paragraph re-opens the running quotation
            else:
                out.append((start, last_end))
                start = None
        for mark in marks:
            if start is None:
                if _opens(text, mark):
                    start = mark.start()
            elif _closes(text, mark):
                out.append((start, mark.end()))
                start = None
            elif mark.group() in _OPENING:
                start = mark.start()  # the earlier opening mark was never closed
        last_end = line.end()
    if start is not None:
        out.append((start, last_end))
    return out


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the quoted words of every quotation (for callers that set them apart)."""
    return [_inner(text, s, e) for s, e in quote_spans(text)]


def _opens(text: str, mark: re.Match) -> bool:
    ch = mark.group()
    if ch in _OPENING:
        return True
    if ch in _CLOSING:
        return False
    after = text[mark.end() : mark.end() + 1]
    return bool(after) and not after.isspace()


def _closes(text: str, mark: re.Match) -> bool:
    ch = mark.group()
    if ch in _CLOSING:
        return True
    if ch in _OPENING:
        return False
    before = text[mark.start() - 1 : mark.start()]
    return bool(before) and not before.isspace()


def _inner(text: str, open_at: int, close_end: int) -> tuple[int, int]:
    start = open_at + 1
    end = close_end - 1 if text[close_end - 1 : close_end] in _CLOSING + '"' else close_end
    while start < end and (text[start].isspace() or text[start] == ","):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def mask_quotes(text: str, fill: str = "_", spans: list[tuple[int, int]] | None = None) -> str:
    """The text with every quotation, marks included, overwritten by `fill` (same offsets, line
    breaks kept): what is left is the outlet's own words."""
    chars = list(text)
    for s, e in quote_spans(text) if spans is None else spans:
        for i in range(s, e):
            if chars[i] not in "\r\n":
                chars[i] = fill
    return "".join(chars)
