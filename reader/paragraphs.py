"""Plain text to paragraphs: whitespace normalised, hard-wrapped lines joined again.

A line of scraped text is one paragraph unless the text is hard-wrapped (Reuters: about 65
columns, paragraphs indented); then lines are joined back into the paragraphs they came from.
"""

from __future__ import annotations

import html
import itertools
import re
from dataclasses import dataclass

# Zero-width characters, BOMs and soft hyphens go; other line breaks become "\n".
_NORMALISE = str.maketrans(
    {"\u200b": None, "\u2060": None, "\ufeff": None, "\u00ad": None}
    | dict.fromkeys("\r\f\v\u2028\u2029\x85", "\n")
)
_ENTITY = re.compile(r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,5}|[a-zA-Z]{2,8});")


@dataclass(slots=True)
class Paragraph:
    """One paragraph (or one line of page furniture) and, once the cleaner has decided, why it
    is not article text. `block_start`: a blank line (or the start of the text) precedes it."""

    text: str
    block_start: bool
    reason: str | None = None


def paragraphs(raw: str) -> list[Paragraph]:
    """Split text into paragraphs: one per line, or re-joined when the text is hard-wrapped."""
    if "&" in raw and _ENTITY.search(raw):  # "&#163;1.8m" left over from a web page
        raw = html.unescape(raw)
    lines: list[tuple[int, str]] = []
    for line in raw.replace("\r\n", "\n").translate(_NORMALISE).split("\n"):
        text = " ".join(line.split())  # every Unicode space (NBSP too) becomes one space
        indent = len(line) - len(line.lstrip()) if text else 0
        lines.append((indent, text))
    indents = [ind for ind, t in lines if t]
    base = min(indents) if indents else 0
    # Indented paragraph starts (Reuters) are a strong sign of hard wrapping.
    indented = any(ind >= base + 2 for ind in indents)
    width = _wrap_width(lines, indented)
    units: list[Paragraph] = []
    previous = ""  # the previous physical line, "" after a blank one
    for indent, text in lines:
        if not text:
            previous = ""
            continue
        joins = (
            width
            and previous
            and units
            and indent <= base
            and (
                len(previous) >= 0.6 * width
                # A wire story's first line is short where its dateline was cut off:
                # "Jacobson Stores Inc said its / board voted a three-for-two split".
                or (len(units) == 1 and (text[0].islower() or previous[-1].islower()))
            )
        )
        if joins:
            last = units[-1]
            # A "-" at a line end is mostly a "--" dash, seldom a split word: keep the space.
            last.text += " " + text
        else:
            units.append(Paragraph(text, block_start=not previous))
        previous = text
    if units:
        units[0].block_start = True
    return units


def _wrap_width(lines: list[tuple[int, str]], indented: bool) -> int:
    """The column a hard-wrapped text breaks at (Reuters: about 65), or 0 if it is not wrapped."""
    texts = [t for _, t in lines if t]
    if len(texts) < 3:
        return 0
    lengths = sorted(len(t) for t in texts)
    longest = lengths[-1]
    fits = 40 <= longest <= 100  # no line wider than a page
    if indented:  # paragraphs start indented
        return longest if fits else 0
    # Lines broken mid-sentence (the next one goes on in lower case) give wrapping away.
    pairs = [(a, b) for (_, a), (_, b) in itertools.pairwise(lines) if a and b]
    broken = sum(1 for _, b in pairs if b[0].islower())
    if fits and len(pairs) >= 2 and broken >= 0.4 * len(pairs):
        return longest
    if len(texts) < 6:
        return 0
    # Otherwise most lines must end near one column.
    width = lengths[int(0.8 * (len(lengths) - 1))]
    if not 40 <= width <= 100:
        return 0
    near = sum(1 for n in lengths if 0.6 * width <= n <= width + 15)
    over = sum(1 for n in lengths if n > width + 15)
    return width if near >= 0.6 * len(lengths) and over <= 0.05 * len(lengths) else 0
