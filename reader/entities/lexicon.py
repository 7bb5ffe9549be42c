"""The small general word lists the entity rules use, read once from resources/entities/.

Titles and honorifics, web-page furniture words, non-name abbreviations, countries, demonyms
and capital cities.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reader.resources import resource_path

Phrase = tuple[str, ...]


def _lines(name: str) -> list[str]:
    text = resource_path("entities", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def phrase_key(words: list[str] | tuple[str, ...]) -> Phrase:
    """Lower-case words without a trailing full stop, so "Dr." matches "dr"."""
    return tuple(w.lower().rstrip(".") for w in words)


@dataclass(frozen=True)
class Lexicon:
    titles: frozenset[Phrase]  # every title, honorifics included
    honorifics: frozenset[Phrase]
    ui_words: frozenset[Phrase]
    not_names: frozenset[str]  # case-sensitive
    countries: frozenset[str]
    cities: frozenset[str]
    demonyms: frozenset[str]
    max_phrase: int

    def match(self, phrases: frozenset[Phrase], words: list[str]) -> int:
        """Length of the longest phrase of `phrases` at the start of `words` (0 if none)."""
        for n in range(min(self.max_phrase, len(words)), 0, -1):
            if phrase_key(words[:n]) in phrases:
                return n
        return 0


@cache
def lexicon() -> Lexicon:
    titles, honorifics = set(), set()
    for line in _lines("titles.txt"):
        is_honorific = line.startswith("@honorific ")
        key = phrase_key(line.removeprefix("@honorific ").split())
        titles.add(key)
        if is_honorific:
            honorifics.add(key)
    ui = {phrase_key(line.split()) for line in _lines("ui_words.txt")}
    countries: set[str] = set()
    demonyms: set[str] = set()
    for line in _lines("countries.tsv"):
        name, _, dems = line.partition("\t")
        countries.add(name.strip())
        demonyms.update(d.strip() for d in dems.split(",") if d.strip())
    longest = max(len(p) for p in titles | ui)
    return Lexicon(
        frozenset(titles),
        frozenset(honorifics),
        frozenset(ui),
        frozenset(_lines("not_names.txt")),
        frozenset(countries),
        frozenset(_lines("capitals.txt")),
        frozenset(demonyms),
        longest,
    )


@cache
def proper_nouns() -> frozenset[str]:
    """Lower-case words that news text only ever writes as names ("martin", "douglas"), by
    resources/pos_lexicon.tsv (tags P and nothing else; built by bench/build_pos_lexicon.py)."""
    out = set()
    for line in resource_path("pos_lexicon.tsv").read_text(encoding="utf-8").splitlines():
        word, _, codes = line.partition("\t")
        if codes == "P" and not line.startswith("#"):
            out.add(word)
    return frozenset(out)
