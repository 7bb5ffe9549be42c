"""Treaties, declarations, acts and official papers found by token patterns as LAW.

The model often misses them or calls them FAC or WORK_OF_ART ("San Francisco Peace Treaty").
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from reader.entities.rules import Cand

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Doc

_HEADS = [
    "Treaty", "Treaties", "Accord", "Accords", "Agreement", "Agreements", "Convention",
    "Conventions", "Declaration", "Charter", "Protocol", "Act", "Pact", "Constitution", "Statute",
]  # fmt: skip
_OF_HEADS = ["Treaty", "Convention", "Declaration", "Charter", "Act", "Protocol", "Statute"]
_GENERIC = [
    "declaration", "treaty", "accord", "agreement", "pact", "convention", "constitution",
    "act", "charter", "protocol",
]  # fmt: skip
_YEAR = {"TEXT": {"REGEX": r"^(1[6-9]|20)\d\d$"}}
# A word of a proper name: capitalised (or a hyphen joining two), but not an article.
_PROPER = {
    "TEXT": {"REGEX": r"^(?:[A-Z][\w.'’]*|-)$"},
    "LOWER": {"NOT_IN": ["the", "a", "an", "this", "that", "its", "their", "his", "her"]},
}
_VERBS = ["signed", "sign", "signing", "concluded", "ratified", "adopted", "agreed"]


@cache
def _matcher(vocab) -> Matcher:
    from spacy.matcher import Matcher

    m = Matcher(vocab)
    link: list[dict[str, Any]] = [{"LOWER": {"IN": ["of", "and", "on", "for"]}},
                                  {"LOWER": "the", "OP": "?"}]
    m.add("NAMED", [
        [{**_PROPER, "OP": "+"}, {"TEXT": {"IN": _HEADS}}],
        # "Freedom of Information Act", "Treaty on the Non-Proliferation ... " heads
        [{**_PROPER, "OP": "+"}, *link, {**_PROPER, "OP": "+"}, {"TEXT": {"IN": _HEADS}}],
    ])  # fmt: skip
    m.add("OF", [[{"TEXT": {"IN": _OF_HEADS}}, {"LOWER": "of"}, {"LOWER": "the", "OP": "?"},
                  {**_PROPER, "OP": "+"}]])  # fmt: skip
    m.add("PAPER", [[{**_PROPER, "OP": "*"}, {"TEXT": {"IN": ["Blue", "White", "Green"]}},
                     {"TEXT": {"IN": ["Book", "Paper"]}}]])  # fmt: skip
    m.add("YEAR", [[_YEAR, {"LOWER": "joint", "OP": "?"}, {"LOWER": {"IN": _GENERIC}}]])
    # "signed a declaration in 1956": the nearest a text comes to naming "the 1956 declaration".
    m.add("SIGNED", [[{"LOWER": {"IN": _VERBS}}, {"LOWER": {"IN": ["a", "an", "the"]}},
                      {"LOWER": "joint", "OP": "?"}, {"LOWER": {"IN": _GENERIC}},
                      {"LOWER": "in"}, _YEAR]])  # fmt: skip
    return m


# Any word a pattern needs; texts without one skip the matcher (most do).
_ANY_HEAD = re.compile(
    r"\b(?:{})\b".format("|".join(sorted({*_HEADS, *_OF_HEADS, *_GENERIC, "Book", "Paper"}))),
    re.IGNORECASE,
)


def find_laws(doc: Doc, text: str) -> list[Cand]:
    """Non-overlapping LAW spans, longest first."""
    from spacy.util import filter_spans

    if not _ANY_HEAD.search(text):
        return []

    spans = []
    for match_id, start, end in _matcher(doc.vocab)(doc):
        if doc.vocab.strings[match_id] == "SIGNED":
            start = next(i for i in range(start, end) if doc[i].lower_ in _GENERIC)
        while start < end - 1 and doc[start].text == "-":  # a hyphen opens no name
            start += 1
        if end < len(doc) and doc[end].is_title and not doc[end].is_sent_start:
            continue  # the name goes on: "North Atlantic Treaty Organization" is no treaty
        spans.append(doc[start:end])
    return [Cand(s.start, s.end, "LAW") for s in filter_spans(spans)]


_YEAR_LAW = re.compile(r"^(?P<noun>\w+) in (?P<year>\d{4})$")


def law_canonical(text: str) -> str:
    """ "declaration in 1956" is better known as "1956 declaration"."""
    if m := _YEAR_LAW.match(text):
        return f"{m['year']} {m['noun']}"
    return text
