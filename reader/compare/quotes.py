"""Direct quotations in an article, with offsets, and who is quoted when a simple pattern says.

Handles “curly” and "straight" quotes; the speaker comes from `“…,” X said`, `X said: “…”` and
`according to X`; a pronoun speaker (“…,” he said) is taken to be the last named one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUOTE = re.compile(r"“([^“”\n]+)”|\"([^\"\n]+)\"")
_VERBS = (
    r"(?:said|says|told|added|stressed|noted|stated|warned|acknowledged|insisted|claimed|"
    r"wrote|asked|explained|argued|responded|replied|declared|announced|continued|"
    r"emphasi[sz]ed|remarked|tweeted|posted)"
)
_NAME = r"((?:[A-Z][\w’'.-]+\s+){0,3}[A-Z][\w’'-]+|he|she|they|it)"
# “…,” Peskov said / “…,” said Peskov / “…,” the spokesman added (no name: nothing found)
_AFTER = re.compile(rf"^[,\s]*(?:{_NAME}\s+{_VERBS}|{_VERBS}\s+{_NAME})\b")
# Peskov said: “…” / Peskov told reporters that “…” / according to Peskov
_BEFORE = re.compile(rf"{_NAME}\s+{_VERBS}(?:\s+\w+){{0,3}}?\s*(?:that|:|,)?\s*$")
_ACCORDING = re.compile(rf"^[,\s]*according to\s+{_NAME}")
_PRONOUNS = frozenset({"he", "she", "they", "it"})
MIN_WORDS = 3  # one- and two-word quotes are scare quotes ("unfriendly"), not statements


@dataclass(frozen=True)
class Quote:
    start: int  # span of the quoted words, quote marks excluded
    end: int
    text: str
    speaker: str | None

    def to_json(self) -> dict:
        return {"span": [self.start, self.end], "text": self.text, "speaker": self.speaker}


def find_quotes(text: str) -> list[Quote]:
    quotes: list[Quote] = []
    last_named: str | None = None
    for m in _QUOTE.finditer(text):
        group = 1 if m.group(1) is not None else 2
        inner = m.group(group).strip(" ,")
        if len(inner.split()) < MIN_WORDS:
            continue
        start = m.start(group) + m.group(group).index(inner)
        speaker = _speaker(text, m.start(), m.end())
        if speaker in _PRONOUNS:
            speaker = last_named or _recent_speaker(text, m.start())
        elif speaker:
            last_named = speaker
        quotes.append(Quote(start, start + len(inner), inner, speaker))
    return quotes


def _speaker(text: str, q_start: int, q_end: int) -> str | None:
    line_start = text.rfind("\n", 0, q_start) + 1
    line_end = text.find("\n", q_end)
    after = text[q_end : (line_end if line_end >= 0 else len(text))][:80]
    m = _AFTER.match(after) or _ACCORDING.match(after)
    if m:
        return _clean(next(g for g in m.groups() if g))
    before = text[max(line_start, q_start - 120) : q_start]
    m = _BEFORE.search(before)
    if m:
        return _clean(m.group(1))
    return None


_SPEAKING = re.compile(rf"{_NAME}\s+(?:{_VERBS}|responded|weighed in)")


def _recent_speaker(text: str, pos: int) -> str | None:
    """The last name before `pos` that is the subject of a speech verb ("Peskov responded")."""
    found = None
    for m in _SPEAKING.finditer(text, max(0, pos - 400), pos):
        if m.group(1).lower() not in _PRONOUNS:
            found = _clean(m.group(1))
    return found


def _clean(name: str) -> str:
    name = " ".join(name.split())
    return name.lower() if name.lower() in _PRONOUNS else name
