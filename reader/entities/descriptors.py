"""What kind of organisation a name is, said right before it: "aircraft manufacturer Boeing",
"European airframer Airbus", "German magazine Der Spiegel".

News annotators (MEANTIME, ACE) draw such a mention over the whole phrase, so the mention
starts at the descriptor while the entity keeps the bare name. Only words that say what
trade an organisation is in count ("maker", "carrier", "magazine"); broad words such as
"group", "firm" or "club" open other phrases too often ("rival group Hamas"), and roles
before people ("coach", "spokesman") are left out of people's names, as most news corpora do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.entities.rules import Cand

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Nouns that name an organisation's trade ("playmaker" is a footballer, not a trade).
_KINDS = frozenset(
    {"manufacturer", "airframer", "carrier", "airline", "magazine", "broadcaster",
     "retailer", "insurer", "lender", "conglomerate", "consortium", "supplier", "contractor",
     "builder", "producer", "publisher", "maker", "automaker", "carmaker", "planemaker",
     "chipmaker", "drugmaker", "steelmaker"}
)  # fmt: skip
# Kinds of things that are not organisations, named like one ("aircraft carrier Carl Vinson").
_NOT_ORGANISATIONS = frozenset({("aircraft", "carrier")})
_NOUN_TAGS = frozenset({"NN", "NNS", "JJ", "NNP"})
_MAX_MODIFIERS = 2  # "Russian flag carrier", "aircraft engine maker"
_PLACE_OR_PEOPLE = frozenset({"GPE", "NORP"})


def _opens_line(doc: Doc, i: int) -> bool:
    return i == 0 or doc[i].is_sent_start or "\n" in doc[i - 1].text_with_ws


def _lower_noun(doc: Doc, i: int) -> bool:
    """A common noun or adjective as a descriptor writes it: in lower case, or capitalised
    only because it opens the sentence ("Aircraft manufacturer Boeing"). The tagger calls
    words it does not know ("airframer") proper nouns whatever their case."""
    tok = doc[i]
    written = tok.is_lower or (tok.is_title and _opens_line(doc, i))
    return tok.is_alpha and written and tok.tag_ in _NOUN_TAGS


def describe(doc: Doc, spans: list[Cand]) -> tuple[list[Cand], list[int]]:
    """`spans` (sorted) with the place or people words that only open a descriptor left out,
    organisations that a descriptor names as such labelled ORG, and each kept span's mention
    start: the descriptor's first token, or the span's own start."""
    at_end = {c.end: k for k, c in enumerate(spans)}
    covered = {i for c in spans for i in range(c.start, c.end)}
    starts = [c.start for c in spans]
    labels = [c.label for c in spans]
    absorbed: set[int] = set()
    for k, c in enumerate(spans):
        i = c.start - 1
        if c.label not in ("ORG", "PERSON") or i < 0 or doc[i].lower_ not in _KINDS:
            continue
        if not _lower_noun(doc, i) or i in covered:
            continue
        if i > 0 and (doc[i - 1].lower_, doc[i].lower_) in _NOT_ORGANISATIONS:
            continue
        first = i
        while (
            c.start - first <= _MAX_MODIFIERS
            and first > 0
            and not _opens_line(doc, first)
            and first - 1 not in covered
            and _lower_noun(doc, first - 1)
        ):
            first -= 1
        # "European airframer Airbus", "United States airframer Boeing": the place opens it.
        place = at_end.get(first)
        if place is not None and spans[place].label in _PLACE_OR_PEOPLE:
            first = spans[place].start
            absorbed.add(place)
        starts[k], labels[k] = first, "ORG"
    kept = [k for k in range(len(spans)) if k not in absorbed]
    return [spans[k]._replace(label=labels[k]) for k in kept], [starts[k] for k in kept]
