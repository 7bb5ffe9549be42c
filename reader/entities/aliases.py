"""Canonical names: within one article ("Peskov" is "Dmitry Peskov" there) and across the
library (mentions from many articles linked to one entity with one canonical name).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.entities.laws import law_canonical
from reader.entities.lexicon import lexicon
from reader.entities.names import (
    clean_name,
    family,
    fold,
    initials,
    is_acronym_of,
    is_short_plural,
    is_surname_of,
    same_person,
)
from reader.entities.variants import alias_of, variant_key

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from reader.entities.rules import Cand


def entity_key(canonical: str, label: str) -> str:
    """A stable key for exact variants of one name of one kind: "PLACE:kuril islands"."""
    return f"{family(label)}:{variant_key(clean_name(canonical, label), label)}"


_LOWER_WORDS = frozenset({"of", "and", "the", "for", "on", "in", "at", "to", "de"})


def _surface(name: str, others: Iterable[str]) -> str:
    """A name in capitals takes the case the article uses elsewhere ("JAPAN" -> "Japan")."""
    if not name.isupper() or len(name) < 2:
        return name
    for other in others:
        if other.casefold() == name.casefold() and not other.isupper():
            return other
    if " " not in name:  # single words in capitals are mostly acronyms, but not "JAPAN"
        return name.title() if name.title() in lexicon().countries else name
    # "MEDEA BENJAMIN" -> "Medea Benjamin", "BANK OF ENGLAND" -> "Bank of England"; a word
    # takes the case other names of the article give it, else short words stay acronyms
    # ("US NAVY" -> "US Navy").
    seen = {w.casefold(): w for o in others if not o.isupper() for w in o.split()}

    def recase(i: int, w: str) -> str:
        if w.casefold() in seen:
            return seen[w.casefold()]
        if w.lower() in _LOWER_WORDS and i:
            return w.lower()
        return w if len(w) <= 3 else w.capitalize()

    return " ".join(recase(i, w) for i, w in enumerate(name.split()))


def document_canonicals(doc: Doc, spans: list[Cand]) -> list[str]:
    """The canonical name of each span within its article: the longest form the article uses
    for the same person (surname, middle names), organisation (acronym, short form after the
    full name) or place (short plural)."""
    raw = [clean_name(doc[c.start : c.end].text, c.label) for c in spans]
    names = [_surface(n, raw) for n in raw]
    longer: dict[str, set[str]] = defaultdict(set)  # family -> multi-word names
    first_seen: dict[str, int] = {}  # multi-word name -> token where the article first uses it
    titled: dict[str, set[tuple[str, ...]]] = defaultdict(set)  # name -> titles before it
    for c, name in zip(spans, names, strict=True):
        if " " in name:
            longer[family(c.label)].add(name)
            first_seen.setdefault(name, c.start)
        if c.label == "PERSON":
            titled[name].add(_title_before(doc, c.start))
    defined = _defined_acronyms(doc, spans, names)
    # Acronyms the shipped table spells out ("USAF" is "United States Air Force") stand for
    # their long form too, so that "Air Force" finds it.
    spelled = {
        alias: name for c, name in zip(spans, names, strict=True)
        if family(c.label) == "ORG" and " " not in name and (alias := alias_of(name, "ORG"))
    }  # fmt: skip
    out = []
    for c, name in zip(spans, names, strict=True):
        kind = family(c.label)
        if c.label == "LAW":
            out.append(law_canonical(name))
            continue
        if kind == "PERSON":
            fits = {n for n in longer[kind] if is_surname_of(name, n) or _fuller(name, n)}
            # "President Kennedy" beside "Senator Robert Kennedy" or "Robert F. Kennedy Jr."
            # is someone else: the full name had another title here, or belongs to a family
            # whose members share names. ("President Trump" after "Donald Trump" is joined.)
            title = _title_before(doc, c.start)
            if title and title not in lexicon().honorifics:
                fits = {
                    n for n in fits
                    if title in titled[n] or not (titled[n] - {()} or _generational(n))
                }  # fmt: skip
        elif kind in ("ORG", "EVENT"):
            fits = {n for n in longer[kind] if is_acronym_of(name, n)}
            if name in defined:
                fits.add(defined[name])
            if kind == "ORG":
                fits |= {
                    n for n in longer[kind]
                    if (n.startswith(name + " ") and c.start > first_seen[n])  # "Northrop"
                    or _place_opens(n, name)  # "Air Force" in "U.S. Air Force"
                }  # fmt: skip
                fits |= {n for alias, n in spelled.items() if _place_opens(alias, fold(name))}
        elif kind == "PLACE":
            fits = {n for n in longer[kind] if is_short_plural(name, n)}
        else:
            fits = set()
        out.append(_one_of(fits) or name)
    return out


def _title_before(doc: Doc, start: int) -> tuple[str, ...]:
    """The title right before a person's name ("president",), or () for none."""
    lex = lexicon()
    for n in range(min(lex.max_phrase, start), 0, -1):
        key = tuple(t.lower_.rstrip(".") for t in doc[start - n : start])
        if key in lex.titles:
            return key
    return ()


def _generational(name: str) -> bool:
    return name.split()[-1].rstrip(".").lower() in ("jr", "sr", "ii", "iii", "iv")


def _fuller(short: str, long: str) -> bool:
    """ "Hillary Clinton" for "Hillary Rodham Clinton", "Enrique Peña" for "Enrique Peña
    Nieto": two or more words of a longer name, its first word and its last or next ones."""
    s, lw = fold(short).split(), fold(long).split()
    if not (2 <= len(s) < len(lw)) or s[0] != lw[0]:
        return False
    return s[-1] == lw[-1] or lw[: len(s)] == s


def _place_opens(long: str, short: str) -> bool:
    """ "U.S. Air Force" is the "Air Force" of a place named first."""
    if not long.endswith(" " + short):
        return False
    head = long[: -len(short) - 1]
    lex = lexicon()
    return head in lex.countries or head in lex.demonyms or alias_of(head, "GPE") is not None


def _defined_acronyms(doc: Doc, spans: list[Cand], names: list[str]) -> dict[str, str]:
    """ "Singapore Airlines (SIA)": an organisation's name with its acronym in brackets."""
    out = {}
    for c, name in zip(spans, names, strict=True):
        e = c.end
        if family(c.label) != "ORG" or " " not in name or e + 2 >= len(doc):
            continue
        acronym = doc[e + 1].text
        bracketed = doc[e].text == "(" and doc[e + 2].text == ")"
        if bracketed and acronym.isupper() and acronym.isalpha():
            out[acronym] = name
    return out


def _one_of(names: set[str]) -> str | None:
    """The fullest of `names` if they all name one thing ("Dmitry Peskov", "Dmitry S.
    Peskov"); None for two people sharing a surname, whose short form stays as written."""
    if not names:
        return None
    full = max(names, key=lambda n: (len(n.split()), len(n), n))
    same = all(
        fold(n) == fold(full) or is_surname_of(n, full) or same_person(n, full) for n in names
    )
    return full if same else None


@dataclass
class LibraryEntity:
    key: str
    canonical: str
    label: str
    variants: Counter = field(default_factory=Counter)  # canonical names linked to it


class EntityResolver:
    """Links mention names (canonical within their article, with a label) to library-wide
    entities, by exact variant, then by surname, middle-name, acronym or short-plural rules.

    Keys never change once given; the entity's canonical name moves to the fullest form seen
    (a store can show `entity(key).canonical` and keep its rows keyed by `key`).
    """

    def __init__(
        self, entities: Iterable[tuple[str, str, str]] = (), pinned: Iterable[str] = ()
    ) -> None:
        """`entities`: (key, canonical, label) already in the library; `pinned`: keys whose
        canonical name the user chose, which linking never changes."""
        self._pinned = set(pinned)
        self._by_key: dict[str, LibraryEntity] = {}
        self._variant: dict[str, str] = {}  # entity_key of a variant -> entity key
        # Candidate lookups so that matching never scans the whole library: last word of a
        # person, first word (or plural stem) of a place, acronym of an organisation.
        self._index: dict[str, set[str]] = defaultdict(set)
        for key, canonical, label in entities:
            self._add(key, canonical, label)

    def _add(self, key: str, canonical: str, label: str) -> LibraryEntity:
        ent = self._by_key.get(key) or LibraryEntity(key, canonical, label)
        ent.variants.setdefault(canonical, 0)
        self._by_key[key] = ent
        self._variant.setdefault(key, key)
        self._variant.setdefault(entity_key(canonical, label), key)
        self._index_name(key, clean_name(canonical, label), label)
        return ent

    def _hints(self, name: str, label: str) -> set[str]:
        kind, words = family(label), fold(name).split()
        if not words:
            return set()
        if kind == "PERSON":
            return {f"P:{words[-1]}"} | ({f"F:{words[0]}"} if len(words) > 1 else set())
        if kind == "PLACE":
            return (
                {f"L:{words[0]}"}
                if len(words) > 1
                else {f"L:{words[0][:-1]}", f"L:{words[0][:-2]}"}
            )
        if kind in ("ORG", "EVENT"):
            return {f"O:{a}" for a in initials(name)} | (
                {f"O:{name.replace('.', '')}"} if name.isupper() else set()
            )
        return set()

    def _index_name(self, key: str, name: str, label: str) -> None:
        for hint in self._hints(name, label):
            self._index[hint].add(key)

    def entity(self, key: str) -> LibraryEntity:
        return self._by_key[key]

    def entities(self) -> list[LibraryEntity]:
        return list(self._by_key.values())

    def match(self, canonical: str, label: str) -> str | None:
        """The key of the existing entity this name refers to, or None."""
        if (key := self._variant.get(entity_key(canonical, label))) is not None:
            return key
        name, kind = clean_name(canonical, label), family(label)
        near = set().union(*(self._index.get(h, ()) for h in self._hints(name, label)))
        same_kind = [
            (k, clean_name(self._by_key[k].canonical, self._by_key[k].label))
            for k in sorted(near)
            if family(self._by_key[k].label) == kind
        ]
        tests: list[Callable[[str], bool]] = []
        if kind == "PERSON":
            if " " not in name and self._index.get(f"F:{fold(name)}"):
                return None  # a given name ("David", "Kim"): whose, only its article can say
            tests = [
                lambda other: is_surname_of(name, other),
                lambda other: is_surname_of(other, name) or same_person(name, other),
            ]
        elif kind in ("ORG", "EVENT"):
            # Across articles two-letter acronyms mean too many things ("GP", "PE").
            tests = [lambda other: is_acronym_of(name, other, 3) or is_acronym_of(other, name, 3)]
        elif kind == "PLACE":
            tests = [lambda other: is_short_plural(name, other) or is_short_plural(other, name)]
        for test in tests:
            hits = {key for key, other in same_kind if test(other)}
            if len(hits) == 1:  # ambiguous (two Bushes): no link rather than a wrong one
                return hits.pop()
        return None

    def resolve(self, canonical: str, label: str) -> str:
        """The key of the entity for this name, creating the entity if none matches."""
        key = self.match(canonical, label)
        name = clean_name(canonical, label)
        if key is None:
            ent = self._add(entity_key(canonical, label), name, label)
        else:
            ent = self._by_key[key]
            self._variant.setdefault(entity_key(canonical, label), key)
            self._index_name(key, name, label)
        self.count(key or ent.key, name)
        return ent.key

    def count(self, key: str, name: str, times: int = 1) -> None:
        """Record `times` more mentions of `name` for the entity; its canonical name follows."""
        ent = self._by_key[key]
        ent.variants[name] += times
        if key not in self._pinned:
            ent.canonical = _best(ent.variants, ent.label)


def _best(variants: Counter, label: str) -> str:
    """The fullest form ("Kuril Islands" over "Kurils", a name over its acronym), then the
    commonest spelling ("UK" over "Uk"). A person's name is full from two words on, and then
    the commonest wins ("Petr Cech" over a stray "Keeper Petr Cech")."""
    if label == "PERSON":
        return max(variants, key=lambda n: (min(len(n.split()), 2), variants[n], n))
    return max(variants, key=lambda n: (len(n.split()), variants[n], n))


def group_entities(mentions: Iterable[tuple[str, str]]) -> dict[tuple[str, str], LibraryEntity]:
    """Group (canonical, label) pairs from many articles into library-wide entities; full
    forms are placed first so that short forms attach to them."""
    pairs = Counter(mentions)
    resolver = EntityResolver()
    order = sorted(pairs, key=lambda p: (-len(clean_name(*p).split()), -pairs[p], p))
    keys = {}
    for pair in order:
        keys[pair] = resolver.resolve(*pair)
        resolver.count(keys[pair], clean_name(*pair), pairs[pair] - 1)
    return {pair: resolver.entity(key) for pair, key in keys.items()}
