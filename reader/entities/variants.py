"""Spellings of one name that always mean the same thing: shipped aliases ("USSR" = "Soviet
Union"), legal forms ("Flynn Intel Group LLC" = "Flynn Intel Group"), a country written short
inside a name ("U.S. Air Force" = "United States Air Force") and plural groups ("Republicans"
= "Republican"). `variant_key` folds them all to one key.
"""

from __future__ import annotations

from functools import cache

from reader.entities.names import family, fold, initials
from reader.resources import resource_path

# Legal forms and corporate heads that a company's name may carry or drop.
LEGAL_FORMS = frozenset(
    [
        "ag",
        "corp",
        "corporation",
        "inc",
        "incorporated",
        "ltd",
        "limited",
        "plc",
        "sa",
        "nv",
        "bv",
        "gmbh",
        "co",
        "llc",
        "lp",
        "llp",
        "spa",
        "oyj",
        "asa",
        "ab",
        "kk",
        "holdings",
        "group",
        "company",
    ]
)


@cache
def _aliases() -> dict[tuple[str, str], str]:
    """(kind, folded name) -> folded canonical name, from resources/entities/aliases.tsv."""
    table: dict[tuple[str, str], str] = {}
    text = resource_path("entities", "aliases.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, canonical, others = line.split("\t")
        for name in [canonical, *others.split(",")]:
            if kind == "ORG":
                table[(kind, without_legal_form(fold(name)))] = without_legal_form(fold(canonical))
            else:
                table[(kind, fold(name))] = fold(canonical)
    return table


def alias_of(name: str, label: str) -> str | None:
    """The folded canonical name the table gives this name, or None."""
    folded = fold(name)
    if family(label) == "ORG":
        folded = without_legal_form(folded)
    return _aliases().get((family(label), folded))


def without_legal_form(folded: str) -> str:
    """ "aer lingus group plc" -> "aer lingus"; a name that is only a legal form stays. The
    company's acronym written before its legal form goes too ("european aeronautic defence
    and space company eads nv" -> "european aeronautic defence and space")."""
    words = folded.replace(",", " ").replace("&", " and ").split()
    while len(words) > 1 and (words[-1] in LEGAL_FORMS or _spelt_by_the_rest(words)):
        words.pop()
    return " ".join(words)


def _spelt_by_the_rest(words: list[str]) -> bool:
    """The last word is an acronym (three letters or more) that the words before it open."""
    last = words[-1].upper()
    if len(last) < 3 or not last.isalpha():
        return False
    return any(spelt.startswith(last) for spelt in initials(" ".join(words[:-1])))


def _singular(folded: str) -> str:
    """ "republicans" -> "republican", "saudis" -> "saudi"; "swiss" stays."""
    if len(folded) > 4 and folded.endswith("s") and not folded.endswith("ss"):
        return folded[:-1]
    return folded


def variant_key(name: str, label: str) -> str:
    """The folded form all safe variants of `name` share."""
    kind = family(label)
    folded = fold(name)
    if kind == "PLACE" and (whole := alias_of(name, label)) is not None:
        return whole
    if kind == "ORG":
        folded = without_legal_form(folded)
        # "us air force": a place written short opens the name.
        words = folded.split()
        for n in (3, 2, 1):
            place = _aliases().get(("PLACE", " ".join(words[:n])))
            if place is not None and len(words) > n:
                folded = " ".join([place, *words[n:]])
                break
        return _aliases().get(("ORG", folded), folded)
    if kind == "NORP":
        return _singular(folded)
    return folded
