"""Names the model cut in two: "Lockheed" + "Martin", "Air" + "China", "Michael O'" + "Leary".

Each rule joins the halves into the one name both news corpora draw (measured on MEANTIME
airbus and CoNLL-2003 eng.testa: bench/meantime_eval.py, bench/conll_eval.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.entities.lexicon import proper_nouns
from reader.entities.rules import PLACE_LABELS, Cand

if TYPE_CHECKING:
    from spacy.tokens import Doc

_APOSTROPHES = frozenset({"'", "’"})


def join_halves(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """`cands` (any order) with the halves of one name joined, sorted."""
    cands = sorted(cands)
    out: list[Cand] = []
    skip = -1
    for k, c in enumerate(cands):
        if k == skip:
            continue
        nxt = cands[k + 1] if k + 1 < len(cands) else None
        joined = _founders(doc, c, nxt) or _irish_surname(doc, c, nxt)
        if joined is not None:
            out.append(joined)
            skip = k + 1 if nxt is not None and nxt.start < joined.end else -1
            continue
        out.append(_airline(doc, c))
    return out


def _adjacent_word(doc: Doc, c: Cand, nxt: Cand | None) -> bool:
    """`nxt` is one capitalised word right after `c`, with only a space between."""
    return (
        nxt is not None
        and nxt.start == c.end
        and nxt.end == c.end + 1
        and bool(doc[c.end - 1].whitespace_)
        and doc[nxt.start].is_alpha
        and doc[nxt.start].is_title
    )


def _founders(doc: Doc, c: Cand, nxt: Cand | None) -> Cand | None:
    """ "Lockheed" (ORG) + "Martin" (PRODUCT): a one-word organisation followed by a word
    the model takes for its product, where that word is only ever a name in news, is one
    organisation named after its founders. ("Ford Focus" is a car: "focus" is a word; a
    word the model takes for a person is more often one: "beat Petra Langrova".)"""
    if c.label != "ORG" or c.end - c.start != 1 or not _adjacent_word(doc, c, nxt):
        return None
    assert nxt is not None
    if nxt.label != "PRODUCT" or not doc[c.start].is_title:
        return None
    if doc[nxt.start].lower_ not in proper_nouns():
        return None
    # In results tables a line opens with a person ("Petra Langrova") and a car is followed
    # by a time ("Toyota Celica 2:09"): there the model's split is as likely right.
    opens_line = c.start == 0 or "\n" in doc[c.start - 1].text_with_ws
    then_number = nxt.end < len(doc) and doc[nxt.end].text[:1].isdigit()
    if opens_line or then_number:
        return None
    return Cand(c.start, nxt.end, "ORG")


def _irish_surname(doc: Doc, c: Cand, nxt: Cand | None) -> Cand | None:
    """ "Michael O' Leary": a person's name cut at the apostrophe of an O' surname."""
    e = c.end
    if c.label != "PERSON" or doc[e - 1].text not in ("O", "D"):
        return None
    if not (e + 1 < len(doc) and doc[e].text in _APOSTROPHES and doc[e + 1].is_title):
        return None
    if nxt is not None and nxt.start <= e + 1 and nxt.end > e + 2:
        return None  # the next name runs on past the surname
    return Cand(c.start, e + 2, "PERSON")


def _airline(doc: Doc, c: Cand) -> Cand:
    """ "Air China", "Air India": "Air" before a country's name makes an airline."""
    before = c.start - 1
    if c.label not in PLACE_LABELS or before < 0 or doc[before].text != "Air":
        return c
    if not doc[before].whitespace_:
        return c
    return Cand(before, c.end, "ORG")
