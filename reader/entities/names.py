"""How two spellings of a name compare: cleaning, folding, surnames, acronyms, short plurals.

Pure string functions shared by the per-article canonical names and the library-wide aliases.
"""

from __future__ import annotations

import re
import unicodedata

from reader.entities.lexicon import lexicon

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_EDGE_PUNCT = "\"'“”‘’«»()[]{}.,;:!?-–—"
_ROMAN = re.compile(r"^[IVX]{2,}$")
_CONNECTORS = frozenset({"of", "and", "for", "the", "on", "in", "&", "de", "du", "des"})


def family(label: str) -> str:
    """Labels that name the same kind of thing: GPE, LOC and FAC are all places."""
    return "PLACE" if label in PLACE_LABELS else label


def clean_name(text: str, label: str = "PERSON") -> str:
    """The name without what surrounds it in running text: spacing, quotes, a leading article
    or lower-case modifier ("the southern Kuril Islands") and titles ("Kremlin spokesman
    Dmitry Peskov")."""
    text = unicodedata.normalize("NFKC", text)
    words = text.split()
    while words and words[-1].strip(_EDGE_PUNCT) == "":
        words.pop()
    if words:  # a possessive was already judged by the recogniser ("Standard & Poor's")
        words[-1] = words[-1].rstrip(",;:")
    lex = lexicon()
    # In a person's name the last title followed by a capitalised word ends whatever came
    # before it; other names may contain title words ("General Motors").
    for i in range(len(words) - 1, -1, -1) if label == "PERSON" else ():
        n = lex.match(lex.titles, words[i:])
        if n and i + n < len(words) and words[i + n][:1].isupper():
            words = words[i + n :]
            break
    # Lower-case words before a capitalised one are modifiers ("southern"); in "declaration
    # in 1956" nothing capitalised follows, so nothing is dropped.
    while len(words) > 1 and (
        words[0].lower() == "the"
        or (words[0].islower() and any(w[:1].isupper() for w in words[1:]))
    ):
        words = words[1:]
    name = " ".join(words).strip(_EDGE_PUNCT.replace(".", "") + " ")
    if name.endswith(".") and name.count(".") == 1:  # "Corp." keeps its dot only with "U.S."
        name = name[:-1]
    return name or " ".join(text.split())


def fold(name: str) -> str:
    """Spelling-insensitive form: no accents, case, dots or hyphens ("U.S." = "US")."""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c))
    name = name.casefold().replace(".", "").replace("-", " ")
    return " ".join(name.split())


def initials(name: str) -> set[str]:
    """Acronyms a multi-word name may go by, with and without its connector words."""
    words = [w for w in re.split(r"[\s-]+", name) if w[:1].isalnum()]
    if len(words) < 2:
        return set()

    def letter(w: str) -> str:  # numbers stay whole: "World War II" is "WWII"
        return w if _ROMAN.match(w) or w.isdigit() else w[0]

    full = "".join(letter(w) for w in words).upper()
    content = "".join(letter(w) for w in words if w.lower() not in _CONNECTORS).upper()
    return {full, content}


def is_acronym_of(short: str, long: str, min_letters: int = 2) -> bool:
    """ "NTIA" for "Northern Territories Issue Association" (connector words may be skipped).
    A long form with a word in capitals ("IRB Rugby Aid") has no acronym of its own."""
    letters = short.replace(".", "")
    if not (short.isupper() and min_letters <= len(letters) <= 8 and " " in long):
        return False
    if any(w.isupper() and len(w) > 1 and not _ROMAN.match(w) for w in long.split()):
        return False
    return letters in initials(long)


def is_short_plural(short: str, long: str) -> bool:
    """ "Kurils" for "Kuril Islands", "Falklands" for "Falkland Islands"."""
    words = long.split()
    return " " not in short and len(words) >= 2 and short in (words[0] + "s", words[0] + "es")


def is_surname_of(short: str, long: str) -> bool:
    """ "Peskov" (or "Dmitry S. Peskov"'s "Peskov") ends "Dmitry Peskov"."""
    s, lw = fold(short).split(), fold(long).split()
    return 0 < len(s) < len(lw) and lw[-len(s) :] == s


def same_person(a: str, b: str) -> bool:
    """Full names that differ only by middle initials: "George W. Bush" = "George Bush" (but
    "Jerry Lee Lewis" is not "Jerry Lewis")."""
    x, y = fold(a).split(), fold(b).split()
    if len(x) < 2 or len(y) < 2 or x[0] != y[0] or x[-1] != y[-1]:
        return False
    return all(len(w) == 1 for w in x[1:-1] + y[1:-1])
