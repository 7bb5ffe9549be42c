"""Company names closed by a legal form ("Opel AG", "News Corp", "Marks & Spencer Group plc"):
an organisation whatever the model said, with the whole name in the span.
"""

from __future__ import annotations

from reader.entities.rules import Cand

# Legal forms and corporate heads that end a company's name in news text.
_SUFFIXES = frozenset(
    ["AG", "Corp", "Corp.", "Corporation", "Inc", "Inc.", "Incorporated", "Ltd", "Ltd.",
     "Limited", "Plc", "plc", "PLC", "SA", "S.A.", "NV", "N.V.", "BV", "GmbH", "Co", "Co.",
     "LLC", "LP", "SpA", "S.p.A.", "Oyj", "ASA", "AB", "KK", "Holdings", "Group"]
)  # fmt: skip
_INSIDE = frozenset({"&", "of", "-"})
_STOP = frozenset({"The", "A", "An", "In", "On", "At", "For", "By", "With", "But", "And"})


def _proper(word: str) -> bool:
    return word[:1].isupper() and word not in _STOP


def find_companies(words: list[str]) -> list[Cand]:
    """ORG spans over the Doc's words (token texts), each ending in a legal form."""
    found = []
    for i, word in enumerate(words):
        if word not in _SUFFIXES or i == 0:
            continue
        start = i
        while start > 0 and i - start < 6:
            prev = words[start - 1]
            if prev in _SUFFIXES and start < i - 1:
                break  # another company's name ends there
            inside = prev in _INSIDE and start > 1 and _proper(words[start - 2]) and start < i
            if not (inside or (_proper(prev) and not prev.isdigit())):
                break
            start -= 1
        while start < i and words[start] in _INSIDE:
            start += 1
        if start < i:
            found.append(Cand(start, i + 1, "ORG"))
    # "Marks & Spencer Group plc" also ends at "Group": the longer name wins.
    out: list[Cand] = []
    for c in sorted(found, key=lambda c: c.start - c.end):
        if all(c.end <= o.start or o.end <= c.start for o in out):
            out.append(c)
    return sorted(out)
