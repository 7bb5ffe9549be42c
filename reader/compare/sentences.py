"""Sentence splitting with offsets, tuned for news prose: quotes, abbreviations, initials.

Spans are Python str indices into the text as given, trimmed of surrounding white space, so
`text[start:end]` is exactly the sentence the user sees.
"""

from __future__ import annotations

import re

# A sentence ends at . ! ? (possibly inside closing quotes or brackets) followed by white space
# and something that can start a sentence; a blank line or line break always ends one.
_END = re.compile(r"""[.!?…]+["'”’»)\]]*(?=\s+["'“‘«(\[]?[A-Z0-9])""")
_LINE = re.compile(r"[^\n]+")
_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")
_OPEN = "(\"“'‘"
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen col lt sgt capt cmdr adm gov sen rep rev st jr sr inc ltd co corp
    vs etc no nos fig jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e
    a.m p.m mt ft approx dept est univ""".split()  # noqa: SIM905
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, in text order; empty lines give nothing."""
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        start = line.start()
        for m in _END.finditer(text, line.start(), line.end()):
            if _is_abbreviation(text, start, m.start()):
                continue
            _add(text, start, m.end(), spans)
            start = m.end()
        _add(text, start, line.end(), spans)
    return spans


def _is_abbreviation(text: str, start: int, dot: int) -> bool:
    """True when the full stop at `dot` closes an abbreviation or an initial, not a sentence."""
    if text[dot] != ".":
        return False
    word_start = dot
    while word_start > start:
        ch = text[word_start - 1]
        if ch.isspace() or ch in _OPEN:
            break
        word_start -= 1
    word = text[word_start:dot].lower()
    # "J. Smith", "U.S.", "L.A." and listed titles; a lone capital initial is rarely a
    # sentence end, nor are dotted initials ("L.A. Times", "D.C.'s").
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or bool(
        _DOTTED.fullmatch(word)
    )


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and any(ch.isalnum() for ch in text[start:end]):
        spans.append((start, end))
