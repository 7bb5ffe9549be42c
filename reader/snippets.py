"""Search-hit spans in clean text, and the short highlighted snippet shown for each result.

Whoosh's own highlighter re-analyses every stored body and costs most of a query's time, so
hits are found here: a regex picks candidate words by prefix and only those are stemmed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from whoosh.lang.porter import stem

_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")


@lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    return stem(word.lower())


@dataclass(frozen=True)
class Snippet:
    """A short excerpt of a text with the matched words as (start, end) offsets into `text`."""

    text: str
    highlights: tuple[tuple[int, int], ...]

    def marked(self, before: str = "[", after: str = "]") -> str:
        out, last = [], 0
        for start, end in self.highlights:
            out += [self.text[last:start], before, self.text[start:end], after]
            last = end
        out.append(self.text[last:])
        return "".join(out)


class HitFinder:
    """Finds the words of a text that match a set of index terms (stems)."""

    def __init__(self, terms: set[str]) -> None:
        self.terms = {t.lower() for t in terms if t}
        # Stems can change a word's ending (treaty -> treati), so match on a short prefix and
        # confirm by stemming only the candidates.
        prefixes = sorted({t[: max(1, min(len(t) - 1, 4))] for t in self.terms}, key=len)
        self._candidates = (
            re.compile(r"\b(?:" + "|".join(map(re.escape, prefixes)) + r")\w*", re.IGNORECASE)
            if prefixes
            else None
        )
        # The words starting with a prefix are found faster with str.find in the lower-cased
        # text than by the regex trying every position (a fifth of a search's time): the same
        # words, when every prefix is made of word characters only.
        self._prefixes = prefixes if all(_WORD.fullmatch(p) for p in prefixes) else None

    def spans(self, text: str) -> list[tuple[int, int]]:
        if self._candidates is None:
            return []
        terms = self.terms
        return [
            (start, end)
            for start, end in self._candidate_words(text)
            if (word := text[start:end]) and (_stem(word) in terms or word.lower() in terms)
        ]

    def _candidate_words(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each whole word that starts with one of the prefixes (any case)."""
        low = text.lower()
        if self._prefixes is None or len(low) != len(text):  # lower() changed a length
            assert self._candidates is not None
            return [m.span() for m in self._candidates.finditer(text)]
        starts = set()
        for prefix in self._prefixes:
            at = low.find(prefix)
            while at >= 0:
                if at == 0 or not _WORD_CHAR.match(text, at - 1):
                    starts.add(at)
                at = low.find(prefix, at + 1)
        return [(start, _word_end(text, start)) for start in sorted(starts)]

    def snippet(self, text: str, width: int = 220) -> Snippet:
        """The window of about `width` characters with the most distinct matched words."""
        spans = self.spans(text)
        if not spans:
            return _plain_start(text, width)
        stems = [_stem(text[s:e]) for s, e in spans]
        best, best_key = 0, (-1, -1)
        for i, (start, _end) in enumerate(spans):
            last = i  # the spans i..last-1 end within `width` of this one's start
            while last < len(spans) and spans[last][1] - start <= width:
                last += 1
            key = (len(set(stems[i:last])), last - i)
            if key > best_key:
                best, best_key = i, key
        anchor = spans[best][0]
        begin = _window_start(text, anchor, width)
        end = min(len(text), begin + width)
        if end < len(text):
            space = text.rfind(" ", begin, end)
            end = space if space > anchor else end
        prefix = "… " if begin > 0 else ""
        suffix = " …" if end < len(text) else ""
        return _compact(text, begin, end, [sp for sp in spans if sp[0] >= begin and sp[1] <= end],
                        prefix, suffix)


def _word_end(text: str, start: int) -> int:
    found = _WORD.match(text, start)  # a prefix starts with a word character: never None
    return found.end() if found else start


def _compact(
    text: str, begin: int, end: int, spans: list[tuple[int, int]], prefix: str, suffix: str
) -> Snippet:
    """text[begin:end] on one line (paragraph breaks and runs of space folded), spans kept."""
    out = [prefix]
    length = len(prefix)
    highlights = []
    last = begin
    for start, stop in [*spans, (end, end)]:
        gap = _SPACES.sub(" ", text[last:start])
        out.append(gap)
        length += len(gap)
        if start < end:
            highlights.append((length, length + stop - start))
            out.append(text[start:stop])
            length += stop - start
        last = stop
    out.append(suffix)
    return Snippet("".join(out), tuple(highlights))


def _window_start(text: str, anchor: int, width: int) -> int:
    """Start at the sentence holding the first hit when it is near, else a word boundary."""
    lead = max(0, anchor - width // 3)
    sentence = max(text.rfind(". ", lead, anchor), text.rfind("\n", lead, anchor))
    if sentence >= 0:
        return sentence + 1 + (text[sentence + 1 : sentence + 2] == " ")
    if lead == 0:
        return 0
    space = text.find(" ", lead, anchor)
    return space + 1 if space >= 0 else lead


def _plain_start(text: str, width: int) -> Snippet:
    end = len(text) if len(text) <= width else max(text.rfind(" ", 0, width), width // 2)
    return _compact(text, 0, end, [], "", " …" if end < len(text) else "")
