"""Products named by their maker and a model designation ("Airbus A380", "Boeing 737-800",
"Boeing 787 Dreamliner"): one PRODUCT, not the maker as an organisation.

News about aircraft, cars and phones names the maker mostly inside such names; counting each
as a mention of the company buried the company's real mentions (measured on MEANTIME airbus).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.entities.rules import Cand

if TYPE_CHECKING:
    from spacy.tokens import Doc

# "A380", "A400", "CRJ900", "MD-11", "737s", "A330s": a designation with letters or a plural.
_LETTERED = re.compile(r"^(?:[A-Z]{1,3}-?\d{2,4}[A-Z]{0,3}s?|\d{3}s)$")
# What the model may tag PRODUCT after a maker: a designation, not scores or phone numbers.
_DESIGNATION = re.compile(r"^(?:[A-Z]{1,3}-?\d{2,4}(?:-\d{1,4})?[A-Z]{0,3}|\d{3}(?:-\d{3})?)$")
_THREE_DIGITS = re.compile(r"^\d{3}$")
# Nouns after a bare three-digit designation that make it a model ("Boeing 787 aircraft"),
# where a score or a count never stands ("Surrey 326 for 7").
_PRODUCT_NOUNS = frozenset(
    [
        "aircraft",
        "airliner",
        "airliners",
        "jet",
        "jets",
        "jetliner",
        "jetliners",
        "plane",
        "planes",
        "freighter",
        "freighters",
        "engine",
        "engines",
        "superjumbo",
        "series",
        "model",
        "models",
        "family",
    ]
)


# Kinds of machine that a maker's name alone can qualify ("long-haul Airbus jets").
_MACHINES = frozenset(
    {"aircraft", "jet", "jets", "plane", "planes", "airliner", "airliners", "jetliner",
     "jetliners", "freighter", "freighters", "engine", "engines"}
)  # fmt: skip


def find_products(doc: Doc, words: list[str], cands: list[Cand]) -> list[Cand]:
    """PRODUCT spans for organisations followed by a model designation or by the kind of
    machine they make ("Airbus jets"), and for a bare plural designation ("A330s")."""
    model_starts = {e.start: e.end for e in doc.ents if e.label_ == "PRODUCT"}
    out = []
    for c in cands:
        if c.label != "ORG":
            continue
        if c.end - c.start == 1 and _LETTERED.match(words[c.start]) and words[c.start][0].isalpha():
            out.append(Cand(c.start, c.end, "PRODUCT"))
            continue
        if c.end < len(doc) and doc[c.end - 1].whitespace_ and words[c.end] in _MACHINES:
            out.append(Cand(c.start, c.end + 1, "PRODUCT"))
            continue
        end = _model_end(doc, words, c, model_starts)
        if end is None:
            continue
        # A name after the number is part of the product ("Boeing 787 Dreamliner").
        if end < len(doc) and doc[end].is_title and doc[end].tag_ == "NNP" and doc[end].is_alpha:
            end += 1
        out.append(Cand(c.start, end, "PRODUCT"))
    return out


def _model_end(doc: Doc, words: list[str], c: Cand, model_starts: dict[int, int]) -> int | None:
    last = words[c.end - 1]
    if c.end - c.start >= 2 and _LETTERED.match(last) and last[0].isdigit():
        return c.end  # the model tagged "Boeing 737s" whole
    e = c.end
    if e >= len(doc) or not doc[e - 1].whitespace_:
        return None
    word = words[e]
    if e in model_starts:  # "Airbus" + the model's own PRODUCT "A330-200"
        end = model_starts[e]
        follows = words[end] if end < len(words) else ""
        model = doc[e:end].text
        designation = _DESIGNATION.match(model) or _LETTERED.match(model)  # "737s" too
        if designation and not (follows == "-" or follows.isdigit()):
            return end
        # "787 Dreamliner aircraft": the designation, then its name (taken by the caller)
        if _DESIGNATION.match(word) and all(t.is_alpha for t in doc[e + 1 : end]):
            return e + 1
        return None
    if _LETTERED.match(word):
        e += 1
    elif _THREE_DIGITS.match(word):
        after = words[e + 1 : e + 3]
        phone = words[e + 3 : e + 4] in (["-"], ["/"])  # "212-859-1620"
        if after[:1] == ["-"] and len(after) == 2 and _THREE_DIGITS.match(after[1]) and not phone:
            e += 3  # "737-800"
        elif after[:1] and after[0].lower() in _PRODUCT_NOUNS:
            e += 1
        else:
            return None
    else:
        return None
    # A suffix glued to the designation ("A400" + "M").
    while e < len(doc) and not doc[e - 1].whitespace_ and doc[e].is_alpha and doc[e].is_upper:
        e += 1
    return e


def named_models(doc: Doc, words: list[str], c: Cand) -> Cand:
    """ "their new 787 Dreamliner": a one-word name the model took for a person, right after
    a model designation, is the model's name; the product is both."""
    s = c.start
    if c.label != "PERSON" or c.end - s != 1 or s == 0 or not doc[s - 1].whitespace_:
        return c
    designation = words[s - 1]
    if _THREE_DIGITS.match(designation) or _LETTERED.match(designation):
        return Cand(s - 1, c.end, "PRODUCT")
    return c
