"""Names and dates of two articles compared after canonicalisation.

Two outlets name one thing in different ways: "Hillary Clinton" / "Hillary Rodham Clinton",
"Trump" / "Donald Trump", "Soviet Union" / "USSR", "Republican" / "Republicans", "Flynn Intel
Group LLC" / "Flynn Intel Group"; and date one day at different precision ("Tuesday" /
"Tuesday afternoon", TIMEX3 `2025-10-24` / `2025-10-24TAF`). Pure functions, no Qt, no model:

- `name_key(name, label)`: one key for the spelling variants of a name (case, accents, dots,
  titles, a possessive, a company suffix, a plural, a listed alias).
- `match_names(names_a, names_b)`: which name of A is which name of B, adding the rules that
  need both name lists: a surname or a shorter form of a full name, and middle names. A short
  form two people of the two articles could answer to ("Kennedy" beside Robert and Ted
  Kennedy) is ambiguous and joins nothing.
- `date_key(value)`: a TIMEX3 value at day level at most.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache

from reader.entities.names import clean_name, fold, is_acronym_of, is_short_plural
from reader.resources import resource_path

Name = str | tuple[str, str]  # a bare name, or (name, entity label)

# Legal forms that a company's name may carry or drop ("Flynn Intel Group LLC").
_COMPANY_SUFFIXES = frozenset(
    "llc inc incorporated corp corporation co ltd limited plc gmbh ag sa nv bv lp llp".split()  # noqa: SIM905
)
# "Robert S. Mueller III" is "Robert Mueller"; but "Jr." names another man ("Donald Trump Jr.").
_GENERATIONS = frozenset({"ii", "iii", "iv"})
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+(?=[A-Z])")
_POSSESSIVE = re.compile(r"['’]s?$")
_PERSONISH = frozenset({"PERSON", ""})


@cache
def _aliases() -> dict[str, str]:
    """Folded name -> folded canonical name of its line in resources/entities/aliases.tsv
    (the table the entity pipeline joins names with; here whatever their kind)."""
    out: dict[str, str] = {}
    for line in resource_path("entities", "aliases.tsv").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        _kind, canonical, others = line.split("\t")
        names = [fold(n) for n in [canonical, *others.split(",")] if n.strip()]
        for n in names:
            out.setdefault(n, names[0])
    return out


@lru_cache(maxsize=8192)
def name_key(name: str, label: str = "") -> str:
    """A key shared by spelling variants of one name: "Mr. Trump's" and "Trump" give "trump",
    "Flynn Intel Group LLC" gives "flynn intel group", "Republicans" gives "republican",
    "U.S.S.R." gives "soviet union". Empty for a name with no letters."""
    name = _POSSESSIVE.sub("", name.strip())
    # Without a label, only an honorific comes off ("Mr. Trump"), not a title that may be
    # part of the name ("General Motors").
    name = clean_name(name, label) if label else _HONORIFIC.sub("", name)
    words = fold(name).replace("&", " and ").replace(",", " ").split()
    if label in _PERSONISH and len(words) > 2 and words[-1] in _GENERATIONS:
        words = words[:-1]
    if len(words) > 1 and words[-1] in _COMPANY_SUFFIXES:
        words = words[:-1]
    if len(words) > 1 and words[-1] == "party":  # "Republican Party", "Labour Party"
        words = words[:-1]
    key = " ".join(words)
    key = _aliases().get(key, key)
    plural = " " not in key and len(key) > 3 and key.endswith("s") and not key.endswith("ss")
    if label in ("NORP", "") and plural:
        # "Republicans", "Democrats", "Americans": the group and its member name one thing.
        singular = key[:-1]
        key = _aliases().get(singular, singular)
    return key if any(c.isalpha() for c in key) else ""


def match_names(names_a: Iterable[Name], names_b: Iterable[Name]) -> dict[str, str]:
    """Each name of A that names something B names too -> that name of B.

    Names come bare or as (name, label) pairs (labels as the entity layer gives them; a bare
    name is judged without one). Joined: equal `name_key`s; a surname or the end of a full
    name ("Trump" / "Donald Trump") if one person of the two articles alone fits it; full
    names with the same first and last words whose words one contains ("Hillary Clinton" /
    "Hillary Rodham Clinton"); an acronym of a multi-word name ("NTIA"); a short plural
    ("Kurils" / "Kuril Islands").
    """
    a, b = [_parse(n) for n in names_a], [_parse(n) for n in names_b]
    everyone = a + b
    out: dict[str, str] = {}
    for name, label in a:
        key = name_key(name, label)
        if not key:
            continue
        best = None
        for other, other_label in b:
            other_key = name_key(other, other_label)
            if other_key == key:
                best = other
                break
            if best is None and other_key and _variants(
                (name, label, key), (other, other_label, other_key), everyone
            ):
                best = other
        if best is not None:
            out[name] = best
    return out


def split_names(
    entities_a: Iterable[tuple[int, int, str, str]], entities_b: Iterable[tuple[int, int, str, str]]
) -> tuple[list[str], list[str], list[str]]:
    """Names both articles mention, names only A mentions, names only B mentions, from entity
    spans (start, end, label, canonical name), each in order of first mention. A name both
    mention is shown in its fuller form ("Donald Trump" over "Trump", "Soviet Union" over
    "USSR")."""
    a, b = _distinct(entities_a), _distinct(entities_b)
    joined = match_names(a, b)
    joined_b = match_names(b, a)  # both ways: B's "Trump" beside its "Donald Trump"
    groups: dict[str, set[str]] = {}  # B's name -> every form of the thing, both sides
    for name, _ in a:
        if name in joined:
            forms = groups.setdefault(joined[name], set())
            forms |= {name, joined[name]} | {n for n, m in joined_b.items() if m == name}
    shared = [max(sorted(f), key=lambda n: (len(n.split()), len(n))) for f in groups.values()]
    only_a = [n for n, _ in a if n not in joined]
    only_b = [n for n, _ in b if n not in joined_b]
    return list(dict.fromkeys(shared)), list(dict.fromkeys(only_a)), list(dict.fromkeys(only_b))


def _distinct(entities: Iterable[tuple[int, int, str, str]]) -> list[tuple[str, str]]:
    return list(dict.fromkeys((canonical, label) for _, _, label, canonical in sorted(entities)))


def _parse(name: Name) -> tuple[str, str]:
    return (name, "") if isinstance(name, str) else (name[0], name[1] or "")


def _variants(x: tuple[str, str, str], y: tuple[str, str, str], everyone) -> bool:
    (xn, xl, xk), (yn, yl, yk) = x, y
    xw, yw = xk.split(), yk.split()
    if xl in _PERSONISH and yl in _PERSONISH:
        if _middle_names(xw, yw):
            return True
        if _nickname(xw, yw):
            return _unambiguous(xw[-1:], everyone)
        short, long = (xw, yw) if len(xw) < len(yw) else (yw, xw)
        if long[-len(short) :] == short and len(short) < len(long):
            return _unambiguous(short, everyone)
        if len(short) == 1 and len(long) >= 3 and long[0] == short[0]:
            return _family_name_first(short[0], everyone)  # "Kim" / "Kim Jong Un"
        return False
    acronym = is_acronym_of(xn, yn) or is_acronym_of(yn, xn)
    if acronym and {xl, yl} & {"ORG", "EVENT", "FAC", ""}:
        return True
    if xl in ("GPE", "LOC", "FAC", "") or yl in ("GPE", "LOC", "FAC", ""):
        return is_short_plural(xn, yn) or is_short_plural(yn, xn)
    return False


def _middle_names(x: Sequence[str], y: Sequence[str]) -> bool:
    """Same first and last word, and the words of one are all in the other, in order."""
    if len(x) < 2 or len(y) < 2 or x[0] != y[0] or x[-1] != y[-1] or len(x) == len(y):
        return False
    short, long = (x, y) if len(x) < len(y) else (y, x)
    rest = iter(long)
    return all(w in rest for w in short)


def _nickname(x: Sequence[str], y: Sequence[str]) -> bool:
    """ "Rudy Giuliani" / "Rudolph W. Giuliani", "Mike Pompeo" / "Michael R. Pompeo": one
    surname, given names with one initial (joined only when no other person has the surname)."""
    return len(x) > 1 and len(y) > 1 and x[-1] == y[-1] and x[0][0] == y[0][0] and x[0] != y[0]


def _unambiguous(short: Sequence[str], everyone: Iterable[tuple[str, str]]) -> bool:
    """Only one person of the two articles is named in full with `short` as the end of it
    (variants with middle names or initials count as one person)."""
    n = len(short)
    fulls: list[list[str]] = []
    for name, label in everyone:
        if label not in _PERSONISH:
            continue
        words = name_key(name, label).split()
        if len(words) > n and words[-n:] == list(short):
            fulls.append(words)
    people: list[list[str]] = []
    for words in fulls:
        if not any(words == p or _middle_names(words, p) or _initialled(words, p)
                   or (_nickname(words, p) and _lone_initial(words[-1], fulls))
                   for p in people):
            people.append(words)
    return len(people) == 1


def _lone_initial(surname: str, fulls: list[list[str]]) -> bool:
    """All the people named in full with this surname have given names of one initial."""
    return len({w[0][0] for w in fulls if w[-1] == surname}) == 1


def _family_name_first(word: str, everyone: Iterable[tuple[str, str]]) -> bool:
    """ "Kim" for "Kim Jong Un", "Moon" for "Moon Jae-in": the family name first, as Korean
    and Chinese names put it. Only when one person of the two articles has a name of three
    words or more opening with it and nobody a two-word one ("Kim Jong Un", not "Kim Davis")."""
    openings = set()
    for name, label in everyone:
        words = name_key(name, label).split() if label in _PERSONISH else []
        if len(words) > 1 and words[0] == word:
            if len(words) == 2:
                return False
            openings.add(tuple(words))
    return len(openings) == 1


def _initialled(x: Sequence[str], y: Sequence[str]) -> bool:
    """ "George W Bush" / "George Bush": one person whose middle initial is sometimes given."""
    if len(x) < 2 or len(y) < 2 or x[0] != y[0] or x[-1] != y[-1]:
        return False
    return all(len(w) == 1 for w in list(x[1:-1]) + list(y[1:-1]))


_DAY_TIME = re.compile(r"^(\d{4}-\d\d-\d\d)T")


def date_key(value: str) -> str:
    """A TIMEX3 value at day level at most: the time of day ("2025-10-24TAF", "…T14:30")
    drops, so "Tuesday" and "Tuesday afternoon" are one day; other values stay."""
    m = _DAY_TIME.match(value)
    return m.group(1) if m else value


def split_dates(values_a: Iterable[str], values_b: Iterable[str]) -> tuple[list[str], list[str]]:
    """TIMEX3 values only A gives and only B gives, compared and listed at day level (sorted)."""
    a, b = {date_key(v) for v in values_a}, {date_key(v) for v in values_b}
    return sorted(a - b), sorted(b - a)
