"""Well-formed phrases without a tagger at run time: each word's usual part of speech comes
from resources/pos_lexicon.tsv (built by bench/build_pos_lexicon.py from tagged news), with a
few context rules for words that are nouns and verbs both ("the attack" / "they attack").

Codes: N noun, P proper noun, A adjective, V verb, G verb -ing, D past participle, R adverb,
I preposition, T determiner, C number, O pronoun, M modal, & conjunction, X other.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from itertools import pairwise

from reader.resources import resource_path

# Nouns of time and of vague quantity head no framing term ("Mexico today", "last week").
TIME_WORDS = frozenset(
    """today yesterday tomorrow tonight now morning afternoon evening night week weekend month
    year day days weeks months years time times decade decades century hour hours minute
    minutes moment monday tuesday wednesday thursday friday saturday sunday january february
    march april may june july august september october november december spring summer autumn
    fall winter lot lots number kind sort part way thing things percent cent
    thousands hundreds dozens millions billions""".split()  # noqa: SIM905
)
# Particles that make a phrasal verb ("weighed in", "tear apart", "doubled down").
PARTICLES = frozenset("in out up down off over back apart away on".split())  # noqa: SIM905
_MODIFIERS = frozenset("ANPDG")


@cache
def pos_lexicon() -> dict[str, str]:
    """Lower-case word -> its tags (one letter each, most frequent first)."""
    out: dict[str, str] = {}
    path = resource_path("pos_lexicon.tsv")
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, _, codes = line.partition("\t")
            out[word] = codes or "X"
    return out


def _guess(word: str, capitalised: bool) -> str:
    if capitalised:
        return "P"
    lex = pos_lexicon()
    for suffix, base in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", "")):
        if word.endswith(suffix) and "V" in lex.get(word[: -len(suffix)] + base, ""):
            return "D" if suffix.endswith("d") else "V"  # "reciprocates", "treasured"
    if any(set(lex.get(word + end, "")) & set("VD") for end in ("d", "ed", "s")):
        return "V"  # "allege" (the list knows "alleged"), "disseminate"
    if word.endswith(("ate", "ize", "ise", "ify")):
        return "V"
    if any(c.isdigit() for c in word):
        return "C"
    if word.endswith("ly"):  # "quickly" an adverb, "unfriendly" or "costly" an adjective
        if "A" in lex.get(word[:-2], "") or "A" in lex.get(word[:-3] + "e", ""):
            return "R"
        if "N" in lex.get(word[:-2], "") or lex.get(word[2:], "")[:1] == "A":
            return "A"
        return "R"
    if word.endswith("ing"):
        return "G"
    if word.endswith("ed"):
        return "D"
    if "-" in word:
        return "A"
    return "N"


def tag(words: Sequence[str], capitalised: Sequence[bool]) -> list[str]:
    """One code per word. `capitalised` marks words written with a capital that are not just
    opening a sentence (names, unless the lexicon knows the word as something else)."""
    lex = pos_lexicon()
    codes = [lex.get(w.lower()) or _guess(w.lower(), cap) for w, cap in zip(words, capitalised,
                                                                               strict=True)]
    out: list[str] = []
    for i, options in enumerate(codes):
        best = options[0]
        if capitalised[i] and "P" in options:
            best = "P"
        elif "N" in options and "V" in options:
            before = out[i - 1] if i else ""
            after = codes[i + 1][0] if i + 1 < len(codes) else ""
            if before in ("T", "A", "C") or (before in ("N", "P") and after not in ("I", "T", "O")):
                best = "N"  # "the attack", "peace deal"
            elif before in ("M", "O") or (i and words[i - 1].lower() == "to"):
                best = "V"  # "will attack", "they attack", "to attack"
            elif before in ("N", "P") and after in ("I", "T", "O"):
                best = "V"  # "the treaty stems from"

        after = codes[i + 1][0] if i + 1 < len(codes) else ""
        follows = words[i + 1].lower() if i + 1 < len(words) else ""
        if best == "N" and i and out[i - 1] in ("N", "P") and _third_person(words[i]) and (
            after in ("N", "P", "T", "O") or follows == "that"
        ):
            best = "V"  # "Japan contests sovereignty", "the suit states that": subject, verb
        unknown = words[i].lower() not in lex and not capitalised[i]
        if unknown and best == "N" and i and out[i - 1] == "P" and after in ("N", "T", "O"):
            best = "V"  # a word we do not know between a name and a noun: "Comey disprove it"
        out.append(best)
    return out


def _third_person(word: str) -> bool:
    w = word.lower()
    return w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3


def well_formed(words: Sequence[str], tags: Sequence[str]) -> bool:
    """Whether the words make a phrase that names or qualifies something on its own:
    a noun phrase ("unfriendly stance", "special military operation", "invasion of Ukraine"),
    a noun, adjective or -ly adverb alone ("regime", "bogus", "allegedly") or a phrasal verb
    ("weighed in", "tear apart"). Never a name alone, two names, a number or a time ("Mexico
    today")."""
    n = len(words)
    lowered = [w.lower() for w in words]
    if not n or any(w in TIME_WORDS for w in lowered) or "C" in tags:
        return False
    if tags.count("P") > 1 or (n == 1 and tags[0] == "P"):
        return False
    if n == 1:  # a verb alone ("alluded", "conveyed") is how the story is told, not framing
        return tags[0] in "NA" or (tags[0] == "R" and lowered[0].endswith("ly"))
    if n == 2 and tags[0] in "VGD" and lowered[1] in PARTICLES:
        return True
    lex = pos_lexicon()
    if tags[0] in "GD" and "A" not in lex.get(lowered[0], ""):
        return False  # "citing Japanese aggression", "suspended peace treaty": a verb's object
    if any(t in "GD" and p in "NP" for p, t in pairwise(tags)):
        return False  # "WikiLeaks released thousands", "UK waving banners": subject and verb
    if any(len(w) < 5 and w not in lex and "-" not in w for w in lowered):
        return False  # fragments and typos ("wth", "com" of ".com")
    if "of" in lowered:
        k = lowered.index("of")
        return 0 < k < n - 1 and _noun_phrase(tags[:k]) and _noun_phrase(tags[k + 1 :], True)
    return _noun_phrase(tags)


def _noun_phrase(tags: Sequence[str], name_head: bool = False) -> bool:
    """Modifiers then a noun: A/N/P/D/G words ending in N (or in a name after "of")."""
    if not tags or tags[-1] not in ("NP" if name_head else "N"):
        return False
    # "gathering nuclear knowledge": an adjective after a noun starts another phrase
    return all(t in _MODIFIERS for t in tags[:-1]) and ("N", "A") not in pairwise(tags)


def english_share(text: str) -> float:
    """The part of the text's lower-case words the word list knows (about 0.95 for English
    news; far less for other languages, whose words would make no phrases here)."""
    words = _LOWER_WORD.findall(text)
    if not words:
        return 0.0
    lex = pos_lexicon()
    return sum(w in lex for w in words) / len(words)


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")
