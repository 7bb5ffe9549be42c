"""'Did you mean': the closest words the library holds, in the case the user typed them.

Whoosh works a suggestion out from scratch, walking the whole spelling field through an edit
automaton for every word (about 850 ms a word at 21,000 articles). Here each index segment's
words starting with a letter are read once into a list (segments never change; a new one is
read when a write makes it) and compared with rapidfuzz at C speed: the words starting with
the typed word's first or second letter, so a misspelt first letter is not found.

Ranking: fewest edits; a changed first letter counts half an edit more (typists rarely miss
it); for a capitalised word, a name the library knows counts half an edit less; then the word
in more articles. In a library of 1,000 articles or more, a word found in a single article is
not suggested ('qurantine' was).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping

from rapidfuzz import process
from rapidfuzz.distance import OSA
from whoosh.searching import Searcher

FIELD = "spell_body"  # Whoosh's unstemmed words of the body (`spelling=True`)
_CANDIDATES = 30  # nearest words taken from each segment before ranking
_LARGE = 1000  # articles from which a word must be in two of them to be suggested


class Vocabulary:
    """Per-segment word lists by first letter, read when first asked for, dropped with their
    segment. Only the letters typed are read: a whole 58,822-article lexicon took 0.6 s."""

    def __init__(self) -> None:
        self._lists: dict[tuple[str, str], list[str]] = {}
        self._lock = threading.Lock()

    def word_lists(self, searcher: Searcher, letters: Iterable[str]) -> list[list[str]]:
        """The words of each segment starting with any of `letters` (lower case)."""
        wanted = sorted(set(letters))
        with self._lock:
            current = {}
            for leaf, _offset in searcher.reader().leaf_readers():
                segment = leaf.segment()
                key = segment.segment_id() if segment is not None else str(id(leaf))
                for letter in wanted:
                    words = self._lists.get((key, letter))
                    if words is None:
                        words = _segment_words(leaf, letter)
                    current[(key, letter)] = words
            # Lists of segments gone are dropped; those of other letters are kept.
            live = {k for k, _ in current}
            self._lists = {k: v for k, v in self._lists.items() if k[0] in live} | current
            return list(current.values())

    def size(self) -> int:
        """Words held (all segments and letters), for the benchmarks."""
        return sum(len(words) for words in self._lists.values())


def _segment_words(leaf, letter: str) -> list[str]:
    """The segment's words starting with `letter`, less numbers and one-letter words."""
    if FIELD not in leaf.indexed_field_names():
        return []
    out = []
    for term in leaf.expand_prefix(FIELD, letter):
        word = term.decode("utf-8") if isinstance(term, bytes) else str(term)
        if len(word) > 1 and word.isalpha():
            out.append(word)
    return out


def closest(
    typed: str,
    searcher: Searcher,
    vocabulary: Vocabulary,
    names: Mapping[str, str],
) -> str | None:
    """The library's word nearest `typed`, in `typed`'s case, or None when none is near.

    `names` maps lower-case words of names the library knows to their written form
    ("ishiba" -> "Ishiba")."""
    lowered = typed.lower()
    if len(lowered) < 3:
        return None
    most = 1 if len(lowered) <= 4 else 2
    reader = searcher.reader()
    capitalised = typed[:1].isupper()
    found: dict[str, float] = {}
    # Words starting as typed, or with the typed second letter: a first letter left out,
    # doubled or swapped ("ishiba" for "kishida", "obama" for "bomaa").
    for words in vocabulary.word_lists(searcher, lowered[:2]):
        for word, edits, _index in process.extract(
            lowered, words, scorer=OSA.distance, score_cutoff=most, limit=_CANDIDATES
        ):
            cost = edits + (0.5 if word[0] != lowered[0] else 0.0)
            if capitalised and word in names:
                cost -= 0.5
            if cost <= most and word != lowered:
                found[word] = min(cost, found.get(word, cost))
    df = {word: reader.doc_frequency(FIELD, word) for word in found}
    if reader.doc_count() >= _LARGE:  # there, a word of one article is as often a typo
        found = {word: cost for word, cost in found.items() if df[word] > 1}
    if not found:
        return None
    best = min(found, key=lambda w: (found[w], -df[w], w))
    return in_case_of(typed, best, names)


def in_case_of(typed: str, word: str, names: Mapping[str, str]) -> str:
    """`word` written as the user wrote `typed`: all capitals, a capital first, or as is."""
    if len(typed) > 1 and typed.isupper():
        return word.upper()
    if typed[:1].isupper():
        return names.get(word) or word[:1].upper() + word[1:]
    return word


def name_forms(names: Iterable[str]) -> dict[str, str]:
    """Lower-case word -> written form, for the single-word parts of names ("Fumio Kishida"
    gives "fumio" and "kishida"); words written lower-case in a name are left out."""
    forms: dict[str, str] = {}
    for name in names:
        for part in name.split():
            if part[:1].isupper() and part.isalpha():
                forms.setdefault(part.lower(), part)
    return forms
