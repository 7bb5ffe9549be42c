"""What scraped-page noise looks like, line by line, read from resources/noise_patterns.tsv.

Each pattern matches a whole line and names why it is not article text; the cleaner decides
where to look. The few patterns whose parts the cleaner reads (dates, captions) live here.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from reader.metadata import DATE, MONTH
from reader.resources import resource_path

PLACES = ("anywhere", "edge", "tail-marker")


@dataclass(frozen=True)
class _Table:
    """Whole-line patterns in one alternation; the matching group's number gives the reason."""

    pattern: re.Pattern[str]
    reasons: tuple[str, ...]

    def reason(self, line: str) -> str | None:
        m = self.pattern.match(line)
        return None if m is None else self.reasons[int(m.lastgroup[1:])]  # type: ignore[index]


@functools.cache
def _tables() -> dict[str, _Table]:
    path = resource_path("noise_patterns.tsv")
    rows: dict[str, list[tuple[str, str]]] = {place: [] for place in PLACES}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or parts[0] not in rows:
            raise ValueError(f"{path}:{n}: expected 'where<TAB>reason<TAB>pattern'")
        rows[parts[0]].append((parts[1], parts[2]))
    tables = {}
    for place, entries in rows.items():
        alternatives = "|".join(f"(?P<g{i}>{pattern})" for i, (_, pattern) in enumerate(entries))
        tables[place] = _Table(
            re.compile(rf"^(?:{alternatives or '(?!)'})$", re.IGNORECASE),
            tuple(reason for reason, _ in entries),
        )
    return tables


# "Published Oct 25, 2025", " date 2025-05-05", "Updated: 3 March 2024 14:02 GMT": the date
# group is read by metadata.find_date. `rest` is what follows on the same line (e.g. "403").
PUBLICATION_LINE = re.compile(
    rf"^\s*(?P<label>(?:first |last |originally )?(?:published|posted|updated|modified|date"
    rf"|dated|released|issued)(?: on| at)?)?\s*:?\s*(?P<date>{DATE})(?P<rest>.*)$",
    re.IGNORECASE,
)

# "Read more" on its own line introduces a teaser (link text and image alt text) of another
# story; "Read more: <headline>" carries its teaser on the same line.
READ_MORE = re.compile(
    r"^(?:read more|read also|also read|see also|related|related article|related story|read next"
    r"|more on this|recommended|watch|listen)\s*[:»›>…|.-]*\s*$",
    re.IGNORECASE,
)
READ_MORE_INLINE = re.compile(
    r"^(?:read more|read also|also read|see also|related|read next|more on this|recommended|watch"
    r"|listen)\s*[:»›>|]\s*\S.{0,200}$",
    re.IGNORECASE,
)

# An AP-style photo caption: a present-tense description ending in the date and place the
# photo was taken, "…, February 20, 2026, in Tokyo" (no final full stop). Inside a story only
# the form with a place counts; "Letter to the Chief Justice, May 29, 2020" is a heading.
_CAPTION_DATE = rf"(?P<date>{MONTH}\s+[0-3]?\d,\s+\d{{4}}|[0-3]?\d\s+{MONTH}\s+\d{{4}})"
_CAPTION_PLACE = r",?\s+(?:in|at|near|on)\s+[A-Z][\w'’ .,-]{1,60}"
DATED_CAPTION = re.compile(rf"^[^.!?]{{15,280}},\s*{_CAPTION_DATE}(?:{_CAPTION_PLACE})?$")
PLACED_CAPTION = re.compile(rf"^[^.!?]{{15,280}},\s*{_CAPTION_DATE}{_CAPTION_PLACE}$")


def anywhere(line: str) -> str | None:
    """The reason `line` is noise wherever it stands in the text, or None."""
    if len(line) > 40 and _is_icon_run(line):
        return "UI icon names"
    if len(line) > 300:
        return None
    return _tables()["anywhere"].reason(line)


def at_edge(line: str) -> str | None:
    """The reason `line` is noise when it stands at the top or the bottom of a page, or None."""
    reason = anywhere(line)
    if reason is None and len(line) <= 800:
        reason = _tables()["edge"].reason(line)
    return reason


def tail_marker(line: str) -> str | None:
    """The reason the page around the story starts at `line` ("related stories"...), or None."""
    if len(line) > 60:
        return None
    return _tables()["tail-marker"].reason(line.rstrip(":").strip())


def _is_icon_run(line: str) -> bool:
    # A page's icon font spelled out: "icon bookmark-bicon bookmarkicon camera...".
    n = line.count("icon")
    return n >= 5 and n * 12 >= len(line)
