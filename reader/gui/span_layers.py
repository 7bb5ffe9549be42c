"""Highlight layers over an article's clean text, and the map from text offsets to Qt positions.

Search hits are one layer; entity and date panels add their own. Offsets are Python string
indices into the clean body; Qt counts UTF-16 code units, so the map converts.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtGui import QTextCharFormat

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Span:
    """[start, end) in the clean body, with a kind (picks the format) and an optional tooltip."""

    start: int
    end: int
    kind: str = ""
    tooltip: str | None = None


@dataclass
class SpanLayer:
    """A named, independently visible set of spans. Higher `z` layers are drawn on top.

    `formats` maps a span kind to its character format; kind "" is the fallback. Formats are
    merged, so a layer that sets only the background leaves another layer's underline visible.
    """

    name: str
    title: str
    spans: list[Span] = field(default_factory=list)
    formats: dict[str, QTextCharFormat] = field(default_factory=dict)
    visible: bool = True
    z: int = 0

    def format_for(self, kind: str) -> QTextCharFormat | None:
        return self.formats.get(kind) or self.formats.get("")

    @classmethod
    def from_ranges(
        cls, name: str, title: str, ranges: Iterable[tuple[int, int]], fmt: QTextCharFormat,
        **kwargs: object,
    ) -> SpanLayer:
        return cls(name, title, [Span(s, e) for s, e in ranges], {"": fmt}, **kwargs)  # type: ignore[arg-type]


def utf16_len(text: str) -> int:
    if text.isascii() or not _ASTRAL.search(text):
        return len(text)
    return len(text.encode("utf-16-le")) // 2


class OffsetMap:
    """Where pieces of the body were placed in the document (body offset -> document position).

    The document may hold other text between pieces (header, removed noise shown in place), so
    each piece is recorded with its own start.
    """

    def __init__(self, body: str) -> None:
        self.body = body
        self._body_starts: list[int] = []
        self._pieces: list[tuple[int, int, int]] = []  # body start, body end, document start
        self._astral = not body.isascii() and _ASTRAL.search(body) is not None

    def add(self, body_start: int, body_end: int, doc_start: int) -> None:
        self._body_starts.append(body_start)
        self._pieces.append((body_start, body_end, doc_start))

    def to_doc(self, offset: int) -> int:
        """The document position of body offset `offset` (clamped to the body)."""
        if not self._pieces:
            return 0
        offset = max(0, min(offset, len(self.body)))
        i = max(0, bisect.bisect_right(self._body_starts, offset) - 1)
        start, end, doc = self._pieces[i]
        offset = min(offset, end)
        if not self._astral:
            return doc + offset - start
        return doc + utf16_len(self.body[start:offset])

    def to_body(self, position: int) -> int | None:
        """The body offset at a document position, None outside the body (header, noise)."""
        for start, end, doc in self._pieces:
            length = utf16_len(self.body[start:end]) if self._astral else end - start
            if doc <= position <= doc + length:
                if not self._astral:
                    return start + position - doc
                units, i = doc, start
                while i < end and units < position:
                    units += 2 if ord(self.body[i]) > 0xFFFF else 1
                    i += 1
                return i
        return None
