"""The text analyser of the search index: words, lower case, no stop words, Porter stems.

It gives the same tokens as Whoosh's StemmingAnalyzer, fused into one loop instead of four
chained generators, which halves the cost of indexing (measured on the BBC corpus).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from whoosh.analysis import Composable, Token
from whoosh.analysis.filters import STOP_WORDS
from whoosh.lang.porter import stem

_WORD = re.compile(r"\w+(?:\.?\w+)*")


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return stem(word)



class NewsAnalyzer(Composable):
    """Tokenise on words (keeping "U.S." together), lower-case, drop stop words, stem."""

    def __init__(self, stoplist: frozenset[str] = STOP_WORDS, minsize: int = 2) -> None:
        self.stoplist = frozenset(stoplist)
        self.minsize = minsize

    def has_morph(self) -> bool:
        return True

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, NewsAnalyzer)
            and other.stoplist == self.stoplist
            and other.minsize == self.minsize
        )

    def __hash__(self) -> int:
        return hash((self.stoplist, self.minsize))

    def word_positions(self, text: str) -> tuple[dict[str, list[int]], list[str]]:
        """What indexing `text` with positions gives, without token objects: each stem with
        its positions (as `__call__(text, positions=True)` numbers them), and the distinct
        unstemmed words kept (the spelling words, as with `no_morph=True`)."""
        if text.isascii():  # lower-casing ASCII moves no word boundary
            words = _WORD.findall(text.lower())
        else:
            words = [word.lower() for word in _WORD.findall(text)]
        stoplist, minsize = self.stoplist, self.minsize
        kept = {word: _stem(word) for word in set(words)
                if len(word) >= minsize and word not in stoplist}
        positions: dict[str, list[int]] = {}
        pos = -1
        for raw_pos, word in enumerate(words):
            found = kept.get(word)
            if found is None:
                continue
            # As __call__: kept words are numbered without gaps from the first one's raw
            # position.
            pos = raw_pos if pos < 0 else pos + 1
            where = positions.get(found)
            if where is None:
                positions[found] = [pos]
            else:
                where.append(pos)
        return positions, list(kept)

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        no_morph: bool = False,
        **kwargs: object,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        token.boost = 1.0
        token.stopped = False
        stoplist, minsize = self.stoplist, self.minsize
        matches: Iterable[tuple[str, int, int]]
        if not tokenize:
            matches = [(value, 0, len(value))]
        else:
            matches = ((m.group(), m.start(), m.end()) for m in _WORD.finditer(value))
        # As Whoosh's StopFilter: kept words are numbered without gaps from the first kept
        # word's raw position; a stop word that is kept (removestops=False) has its raw one.
        pos = -1
        for raw_pos, (text, start, end) in enumerate(matches, start=start_pos):
            lowered = text.lower()
            stopped = len(lowered) < minsize or lowered in stoplist
            if stopped and removestops:
                continue
            token.stopped = stopped
            if keeporiginal:
                token.original = text
            token.text = lowered if no_morph or stopped else _stem(lowered)
            if not stopped:
                pos = raw_pos if pos < 0 else pos + 1
            if positions:
                token.pos = raw_pos if stopped else pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token
