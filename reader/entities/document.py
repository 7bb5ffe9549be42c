"""Document-level reasoning over an article's entities: one label per name, names repeated
without the model noticing, surnames, honorifics, and the law patterns.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache
from typing import TYPE_CHECKING

from reader.entities.companies import find_companies
from reader.entities.halves import join_halves
from reader.entities.laws import find_laws
from reader.entities.lexicon import lexicon
from reader.entities.names import initials
from reader.entities.products import find_products, named_models
from reader.entities.rules import PLACE_LABELS, Cand, is_junk, split_swallowed, trim

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Labels whose names are repeated verbatim and can be found again where the model missed them.
_PROPAGATE = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})


def name_key(doc: Doc, c: Cand) -> str:
    return " ".join(doc[c.start : c.end].text.split()).casefold()


def apply(doc: Doc, spans: list[Cand], text: str) -> list[Cand]:
    """The model's spans corrected by span rules and by what the whole text says."""
    words = [t.text for t in doc]  # once: every Token made from a Doc costs
    cands = join_halves(doc, [t for c in spans for t in trim(doc, c)])
    cands = _override(cands, _honorific_persons(doc, words, cands))
    laws = [f for f in find_laws(doc, text) if not any(_inside(f, c, "LAW") for c in cands)]
    cands = _override(cands, laws)
    cands = _override(cands, find_companies(words))
    cands = _override(cands, _datelines(doc, words, text))
    cands = _override(cands, find_products(doc, words, cands))
    places = {doc[c.start : c.end].text for c in cands if c.label in PLACE_LABELS}
    persons = {doc[c.start : c.end].text for c in cands if c.label == "PERSON"}
    cands = [p for c in cands for p in split_swallowed(doc, c, places, persons)]
    cands = [_drop_opening_word(doc, c, persons) for c in cands]
    cands = [_person_by_context(doc, words, c) for c in cands]
    cands = [_event_by_kind(words, c) for c in cands]
    cands = [_org_by_kind(words, c) for c in cands]
    cands.sort()  # ties in the vote go to the first mention in the text
    labels = _vote(doc, cands)
    cands = [c._replace(label=labels.get(name_key(doc, c), c.label)) for c in cands]
    cands += _repeats(doc, words, cands)
    cands = _defined_acronyms(words, cands)
    cands += _countries(doc, words, cands)
    # After the vote and the repeats, which give "Dreamliner" a person's label everywhere.
    cands = [named_models(doc, words, c) for c in cands]
    cands = _with_their_possessive(words, cands)
    return _rejoin_split_organisations(words, sorted(cands))


def _with_their_possessive(words: list[str], cands: list[Cand]) -> list[Cand]:
    """ "Boatmen's", "Sainsbury's": an organisation the text names twice or more, each time
    with "'s" after it, has the "'s" in its name (a possessive is sometimes left off)."""
    def followed(c: Cand) -> bool:
        return c.end < len(words) and words[c.end] in ("'s", "’s")

    by_name: dict[tuple[str, ...], list[Cand]] = defaultdict(list)
    for c in cands:
        if c.label == "ORG":
            by_name[tuple(words[c.start : c.end])].append(c)
    named = {
        name for name, cs in by_name.items()
        if len(cs) >= 2 and all(followed(c) for c in cs) and not _written_bare(words, name)
    }  # fmt: skip
    return [
        c._replace(end=c.end + 1) if c.label == "ORG" and tuple(words[c.start : c.end]) in named
        else c
        for c in cands
    ]  # fmt: skip


def _written_bare(words: list[str], name: tuple[str, ...]) -> bool:
    """Whether the text writes `name` somewhere without "'s" after it."""
    n = len(name)
    for i in range(len(words) - n + 1):
        bare = i + n == len(words) or words[i + n] not in ("'s", "’s")
        if bare and tuple(words[i : i + n]) == name:
            return True
    return False


def _defined_acronyms(words: list[str], cands: list[Cand]) -> list[Cand]:
    """ "the Kurdistan Democratic Party (KDP)": the acronym in brackets after an organisation
    names it wherever the text uses it alone, whether the model missed it or gave it another
    label. (In brackets it is left as the model found it.)"""
    defined = {
        words[c.end + 1] for c in cands
        if c.label == "ORG" and c.end + 2 < len(words) and words[c.end] == "("
        and words[c.end + 2] == ")" and words[c.end + 1].isupper() and words[c.end + 1].isalpha()
        and len(words[c.end + 1]) >= 2
    }  # fmt: skip
    if not defined:
        return cands
    at = {(c.start, c.end): k for k, c in enumerate(cands)}
    covered = {i for c in cands for i in range(c.start, c.end)}
    out = list(cands)
    for i, word in enumerate(words):
        if word not in defined or (i > 0 and words[i - 1] == "("):
            continue
        if (k := at.get((i, i + 1))) is not None:
            out[k] = out[k]._replace(label="ORG")
        elif i not in covered:
            out.append(Cand(i, i + 1, "ORG"))
    return out


def _rejoin_split_organisations(words: list[str], cands: list[Cand]) -> list[Cand]:
    """ "European Aeronautic Defence" + "and" + "Space Company EADS N.V.": the model split
    one organisation at its "and"; the acronym the two halves spell out together, written
    in the second half or in brackets after it, says they are one name. ("Boeing and
    Lockheed" spell no acronym that the text uses.)"""
    out: list[Cand] = []
    for c in cands:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label == c.label == "ORG"
            and c.start == prev.end + 1
            and words[prev.end] in ("and", "&")
            and _spells_its_acronym(words, prev, c)
        ):
            out[-1] = Cand(prev.start, c.end, "ORG")
        else:
            out.append(c)
    return out


def _spells_its_acronym(words: list[str], first: Cand, second: Cand) -> bool:
    capitals = "".join(w[0] for w in words[first.start : second.end] if w[:1].isupper())
    nearby = words[second.start : second.end] + words[second.end + 1 : second.end + 2]
    return any(
        len(w) > first.end - first.start and w.isupper() and w.isalpha() and capitals.startswith(w)
        for w in nearby
    )


# Country names that are also people's names or words: left to the model.
_AMBIGUOUS_COUNTRIES = frozenset({"Chad", "Jordan", "Georgia", "Turkey", "Niger"})


@cache
def _country_openers() -> frozenset[str]:
    """First words of the countries' names: most words of a text can be passed over."""
    return frozenset(name.split()[0] for name in lexicon().countries) - _AMBIGUOUS_COUNTRIES


def _countries(doc: Doc, texts: list[str], cands: list[Cand]) -> list[Cand]:
    """Country names the model missed ("Belarus 2 Liechtenstein 0", "in Lithuania"), from
    the shipped list, where nothing else was found."""
    openers = _country_openers()
    covered = {i for c in cands for i in range(c.start, c.end)}
    covered |= {i for e in doc.ents for i in range(e.start, e.end)}  # dates, numbers too
    lex = lexicon()
    out = []
    for i, word in enumerate(texts):
        if word not in openers or i in covered:
            continue
        for n in (3, 2, 1):
            if i + n > len(texts):  # near the end a slice is shorter than n words
                continue
            name = " ".join(texts[i : i + n])
            if name in lex.countries and name not in _AMBIGUOUS_COUNTRIES:
                if not covered.intersection(range(i, i + n)):
                    out.append(Cand(i, i + n, "GPE"))
                    covered.update(range(i, i + n))
                break
    return out


def _drop_opening_word(doc: Doc, c: Cand, persons: set[str]) -> Cand:
    """ "Keeper Petr Cech made a save": a sentence's first word before a full name the text
    uses elsewhere is a role, not part of the name."""
    opening = c.end - c.start >= 3 and doc[c.start].is_sent_start
    if opening and doc[c.start + 1 : c.end].text in persons:
        return Cand(c.start + 1, c.end, "PERSON")
    return c


def _person_by_context(doc: Doc, words: list[str], c: Cand) -> Cand:
    """News introduces people by a title or role before the name ("coach Ottmar Hitzfeld",
    "Foreign Minister Yevgeny Primakov") or by their age after it ("John Smith, 45,")."""
    if c.label == "PERSON" or c.label == "LAW" or c.end - c.start > 3:
        return c
    if not all(w[:1].isupper() and w.isalpha() and not w.isupper() for w in words[c.start : c.end]):
        return c
    lex = lexicon()
    if doc[c.start : c.end].text in lex.countries or words[c.start] in lex.demonyms:
        return c
    before = words[max(0, c.start - 3) : c.start]
    titled = any(lex.match(lex.titles, before[i:]) == len(before) - i for i in range(len(before)))
    after = words[c.end : c.end + 3]
    aged = len(after) == 3 and after[0] == "," and after[1].isdigit() and after[2] == ","
    return c._replace(label="PERSON") if titled or aged else c


# Last words that make a name an event ("Hong Kong Open", "Paris Air Show", "World Cup").
_EVENT_WORDS = frozenset(
    {"Open", "Cup", "Championship", "Championships", "Games", "Olympics", "Prix", "Show",
     "Festival", "Marathon", "Classic", "Trophy", "Rally", "Masters", "Tournament", "Summit"}
)  # fmt: skip


def _event_by_kind(words: list[str], c: Cand) -> Cand:
    """ "Hong Kong Open", "Paris Air Show": a place or organisation's name that ends in the
    kind of event is the event."""
    named = c.label in ("ORG", "GPE", "LOC", "FAC", "PERSON") and c.end - c.start > 1
    return c._replace(label="EVENT") if named and words[c.end - 1] in _EVENT_WORDS else c


# Last words that make a name an organisation's ("Douglas Aircraft", "Qatar Airways").
_ORG_WORDS = frozenset(
    {"Aircraft", "Airlines", "Airways", "Company", "Corporation", "Bank", "Party", "Systems",
     "Agency", "Ministry", "Council", "Association", "University", "Institute", "Committee",
     "Commission", "Federation", "Union", "Foundation", "Motors", "Industries", "Press"}
)  # fmt: skip


def _org_by_kind(words: list[str], c: Cand) -> Cand:
    """ "Douglas Aircraft" taken for a person: a name ending in the kind of organisation."""
    named = c.label == "PERSON" and c.end - c.start > 1  # not "West Bank", a place
    return c._replace(label="ORG") if named and words[c.end - 1] in _ORG_WORDS else c


def _inside(inner: Cand, outer: Cand, label: str) -> bool:
    """A pattern span within a longer model span of the same label adds nothing."""
    return outer.label == label and outer.start <= inner.start and inner.end <= outer.end


def _override(cands: list[Cand], found: list[Cand]) -> list[Cand]:
    """Pattern spans win over the model spans they overlap."""
    if not found:
        return cands
    taken = {i for f in found for i in range(f.start, f.end)}
    kept = [c for c in cands if not any(i in taken for i in range(c.start, c.end))]
    return kept + found


# What follows the place of a dateline: a date ("BONN 1996-08-22", "TOKYO, Feb 20"), or an
# agency in brackets and a dash ("LONDON (Reuters) -").
_DATELINE_TAIL = re.compile(
    r"[ \t]*(?:,?[ \t]*\d{4}-\d\d-\d\d"
    r"|,[ \t]*(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[ \t]+)?\d"
    r"|\([A-Za-z][\w .&-]{0,30}\)[ \t]*(?:-|--|–|—))"
)


def _datelines(doc: Doc, texts: list[str], text: str) -> list[Cand]:
    """ "LONDON (Reuters) -", "TOKYO, Feb 20 -", "BONN 1996-08-22": a news dateline opens a
    line with a place in capitals."""
    out = []
    line_starts = [0] + [i + 1 for i, t in enumerate(texts) if "\n" in t]
    for start in line_starts:
        end = start
        while end < len(doc) and end - start < 3 and texts[end].isupper() and texts[end].isalpha():
            end += 1
        if not (start < end < len(doc) and len(doc[start:end].text) > 2):
            continue
        last = doc[end - 1]
        if _DATELINE_TAIL.match(text, last.idx + len(last.text)):
            out.append(Cand(start, end, "GPE"))
    return out


def _honorific_persons(doc: Doc, texts: list[str], cands: list[Cand]) -> list[Cand]:
    """ "Ms Takaichi": capitalised words after an honorific are a person, whatever the model
    said of them."""
    lex = lexicon()
    starts = {c.start: c for c in cands}
    out = []
    for i, word in enumerate(texts[:-1], start=1):
        if not word.istitle() or (word.lower().rstrip("."),) not in lex.honorifics:
            continue
        if i in starts and starts[i].label != "PERSON":
            out.append(starts[i]._replace(label="PERSON"))
            continue
        end = i
        while end < len(doc) and end - i < 3 and doc[end].is_title and doc[end].is_alpha:
            end += 1
        if end > i and not is_junk(doc, i, end, "PERSON"):
            out.append(Cand(i, end, "PERSON"))
    return out


def _vote(doc: Doc, cands: list[Cand]) -> dict[str, str]:
    """One label per name: the majority of its mentions; a surname takes the label of the full
    name it ends ("Takaichi" after "Sanae Takaichi"); a country or capital is a place, a
    demonym a group."""
    votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for c in cands:
        votes[name_key(doc, c)][c.label] += 1
    # Short forms inherit the label of the full name they come from; a surname always does
    # (measured on CoNLL-2003 train: better than a weighted vote).
    surnames = set()
    first_words: set[str] = set()  # "Wang" of "Wang Donghai": family names may come first
    org_openers: set[str] = set()  # "Magna" of "Magna International Inc"
    for c in cands:
        if c.end - c.start < 2:
            continue
        if c.label == "PERSON":
            surnames.add(doc[c.end - 1].text.casefold())
            # "Enrique Peña" for "Enrique Peña Nieto": the first names of a longer name
            for k in range(2, c.end - c.start):
                surnames.add(name_key(doc, Cand(c.start, c.start + k, c.label)))
            first_words.add(doc[c.start].text.casefold())
        elif c.label in PLACE_LABELS:  # "Kurils" for "Kuril Islands"
            first = doc[c.start].text.casefold()
            for short in (first + "s", first + "es"):
                if short in votes:
                    votes[short][c.label] += 1.5
        elif c.label == "ORG":  # "NTIA" for "Northern Territories Issue Association"
            org_openers.add(doc[c.start].text.casefold())
            for acronym in initials(doc[c.start : c.end].text):
                if acronym.casefold() in votes:
                    votes[acronym.casefold()]["ORG"] += 1.5
    lex = lexicon()
    countries = {n.casefold() for n in lex.countries}
    cities = {n.casefold() for n in lex.cities}
    demonyms = {n.casefold() for n in lex.demonyms}
    labels = {}
    for key, counter in votes.items():
        # A country is a place even as the last word of a name ("Garuda Indonesia"), unless
        # people are named after it too ("Eddie Jordan", "Denzel Washington"); and even where
        # the model only ever calls it a person ("Liechtenstein"), unless it is a common
        # name of people or someone in the text bears it.
        named_after = key in surnames or key in _PEOPLE_NAMED_SO
        only_person = set(counter) == {"PERSON"}
        place = (key in countries and not (only_person and named_after)) or key in cities
        if place and not (key in surnames and key in _PEOPLE_NAMED_SO):
            labels[key] = "GPE"
        elif key in surnames or (counter.get("PERSON") and key in first_words):
            labels[key] = "PERSON"
        elif key in org_openers and counter.get("PERSON"):
            # "Magna was up 1/8" after "Magna International Inc": the organisation, short.
            labels[key] = "ORG"
        elif " " not in key and counter.get("PERSON") and len(counter) > 1:
            # "Ryanair", "Toulouse": a one-word name the model calls a person and something
            # else, with no first name anywhere in the text, is the other thing.
            labels[key] = _other_than_person(counter)
        elif key in demonyms and not (only_person and key in surnames):
            # "Briton", "Tajik": a group even where the model took it for a person
            labels[key] = "NORP"
        elif counter:
            labels[key] = max(counter, key=counter.__getitem__)  # the first of equal votes
    return labels


# Places that are common first or family names.
_PEOPLE_NAMED_SO = frozenset(
    {"jordan", "chad", "georgia", "israel", "washington", "lincoln", "houston", "austin",
     "florence", "victoria", "sydney", "charlotte", "chelsea", "kent", "jackson", "paris",
     "orlando", "tyler", "troy", "madison", "hamilton"}
)  # fmt: skip


def _other_than_person(counter: dict[str, float]) -> str:
    if counter.get("ORG"):
        return "ORG"
    if counter.get("GPE") or counter.get("LOC"):
        return "GPE" if counter.get("GPE", 0) >= counter.get("LOC", 0) else "LOC"
    return max(counter, key=counter.__getitem__)  # the first of equal votes


def _repeats(doc: Doc, texts: list[str], cands: list[Cand]) -> list[Cand]:
    """Later (or earlier) occurrences of a name the model tagged elsewhere in the same text,
    and surnames of people named in full."""
    names: dict[str, dict[tuple[str, ...], str]] = defaultdict(dict)  # by first word
    for c in cands:
        if c.label not in _PROPAGATE:
            continue
        words = tuple(texts[c.start : c.end])
        names[words[0]].setdefault(words, c.label)
        if c.label == "PERSON" and len(words) > 1:
            last = doc[c.end - 1]
            if last.is_title and len(last.text) > 2 and not last.is_stop:
                names[last.text].setdefault((last.text,), "PERSON")
    if not names:
        return []
    covered = {i for c in cands for i in range(c.start, c.end)}
    covered |= {i for e in doc.ents for i in range(e.start, e.end)}  # dates, numbers too
    # Headlines and datelines in capitals repeat the names of the text ("BAYERISCHE VEREINSBANK").
    for first, forms in list(names.items()):
        if len(first) > 2 and first.upper() != first:
            for words, label in forms.items():
                if all(len(w) > 2 for w in words):
                    names[first.upper()].setdefault(tuple(w.upper() for w in words), label)
    out = []
    i = 0
    while i < len(texts):
        step = 1
        if texts[i] in names and i not in covered:
            for words, label in sorted(names[texts[i]].items(), key=lambda kv: -len(kv[0])):
                n = len(words)
                if tuple(texts[i : i + n]) == words and not covered.intersection(range(i, i + n)):
                    out.append(Cand(i, i + n, label))
                    step = n
                    break
        i += step
    return out
