"""Contrasts: where the two sides name one thing differently ("Ukraine conflict" against
"invasion of Ukraine", "outpost" against "compound").

Two sources, both in the outlets' own words (quotations left out):
- aligned sentences: the two sentences are diffed word by word, and where a stretch of one
  stands where a different stretch of the other stands, between words both share, the noun
  phrases filling that slot are a contrast;
- the framing terms: a term of each side built around the same name and otherwise different
  ("Ukraine conflict" / "invasion of Ukraine").
A pair is kept only when each term is its side's: the other side never uses it, or uses it
less than half as often.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from reader.compare.features import STOPWORDS, TOKEN_RE, normalize, stem
from reader.compare.phrases import pos_lexicon, tag, well_formed
from reader.compare.quotes import mask_quotes

MAX_CONTRASTS = 8
MAX_SLOT = 6  # words in a differing stretch: longer ones are different content, not names
MIN_SHARED = 0.25  # of the shorter sentence's content words, in the same order on both sides
_BREAK = re.compile(r"[,;:()\[\]“”\"«»—–!?]|\.(?=\s|$)")
_POSSESSIVE = re.compile(r"['’]s$")
_BREAK_STEM = "|"

Span = tuple[int, int]
Terms = Mapping[tuple[str, ...], object]


@dataclass(frozen=True)
class _Token:
    word: str  # as written, possessive dropped
    stem: str
    tag: str
    stop: bool  # a stopword or a phrase break
    name: bool  # capitalised, not as a sentence's first word


def contrasts(
    a_text: str, a_sentences: Sequence[Span], b_text: str, b_sentences: Sequence[Span],
    aligned: Sequence[tuple[tuple[int, ...], tuple[int, ...]]],
    terms: tuple[Terms, Terms], ranked: tuple[Sequence[str], Sequence[str]] = ((), ()),
) -> list[list[str]]:
    """[[term of A, term of B], ...], aligned slots first. `terms` are each side's stemmed
    terms (anything a side uses is not a contrast to it), `ranked` each side's framing terms."""
    terms_a, terms_b = terms
    out: dict[tuple[tuple[str, ...], tuple[str, ...]], list[str]] = {}
    visible_a, visible_b = mask_quotes(a_text, ";"), mask_quotes(b_text, ";")
    for ia, ib in aligned:
        tokens_a = _tokens(visible_a, [a_sentences[i] for i in ia if i < len(a_sentences)])
        tokens_b = _tokens(visible_b, [b_sentences[j] for j in ib if j < len(b_sentences)])
        for x, y in _slots(tokens_a, tokens_b):
            if _own(x[1], terms_a, terms_b) and _own(y[1], terms_b, terms_a):
                out.setdefault((x[1], y[1]), [x[0], y[0]])
    for x, y in _around_one_name(*ranked):
        key = (_stems(x), _stems(y))
        out.setdefault(key, [x, y])
    # "North Korean leader" / "North Korean dictator" says no more than "leader" / "dictator".
    keys = [(set(x), set(y)) for x, y in out]
    kept = [
        pair for (x, y), pair in zip(keys, out.values(), strict=True)
        if not any((sx, sy) != (x, y) and sx <= x and sy <= y for sx, sy in keys)
    ]
    return kept[:MAX_CONTRASTS]


def _proper(word: str) -> bool:
    """A name rather than a capitalised adjective ("Ukraine", not "Japanese")."""
    return word[:1].isupper() and pos_lexicon().get(word.lower(), "P")[:1] == "P"


def _stems(term: str) -> tuple[str, ...]:
    return tuple(stem(normalize(w)) for w in TOKEN_RE.findall(term))


def _own(term: tuple[str, ...], mine: Terms, theirs: Terms) -> bool:
    """This side's word for the thing: the other side never uses it, or less often."""
    other = theirs.get(term)
    return other is None or _count(mine.get(term)) > 2 * _count(other)


def _count(term: object) -> int:
    return getattr(term, "count", 0)


def _tokens(text: str, spans: Sequence[Span]) -> list[_Token]:
    out: list[_Token] = []
    for start, end in spans:
        opener = True
        for chunk in _BREAK.split(text[start:end]):
            raw = [_POSSESSIVE.sub("", t) for t in TOKEN_RE.findall(chunk)]
            capitalised = [t[:1].isupper() and not (opener and i == 0) for i, t in enumerate(raw)]
            codes = tag(raw, capitalised)
            for word, code, cap in zip(raw, codes, capitalised, strict=True):
                low = normalize(word)
                out.append(_Token(word, stem(low), code, low in STOPWORDS and low != "of", cap))
            opener = opener and not raw
            out.append(_Token("", _BREAK_STEM, "X", True, False))
    return out


def _slots(a: list[_Token], b: list[_Token]):
    """Pairs of ((surface, stems), (surface, stems)) standing in the same place."""
    ops = SequenceMatcher(None, [t.stem for t in a], [t.stem for t in b], autojunk=False)
    codes = ops.get_opcodes()
    shared = sum(not t.stop for op, i1, i2, _, _ in codes if op == "equal" for t in a[i1:i2])
    if shared < MIN_SHARED * min(sum(not t.stop for t in a), sum(not t.stop for t in b)):
        return  # sentences telling different things: their slots are not one slot
    for k, (op, i1, i2, j1, j2) in enumerate(codes):
        if op != "replace" or i2 - i1 > MAX_SLOT or j2 - j1 > MAX_SLOT:
            continue
        # The slot sits between words both sides share, content words on one side at least.
        if not (0 < k < len(codes) - 1 and codes[k - 1][0] == codes[k + 1][0] == "equal"):
            continue
        if not (_shared_content(codes, k - 1, a) or _shared_content(codes, k + 1, a)):
            continue
        x, y = _slot_term(a[i1:i2]), _slot_term(b[j1:j2])
        if x and y and _fills(x, a[i1:i2]) and _fills(y, b[j1:j2]) and not _related(x, y):
            yield x, y


def _related(x: tuple[str, tuple[str, ...]], y: tuple[str, tuple[str, ...]]) -> bool:
    """Terms sharing a word, its start or its end ("chair" / "chairman", "suit" / "lawsuit")
    name things alike."""
    return any(
        u.startswith(v) or v.startswith(u) or u.endswith(v) or v.endswith(u)
        for u in x[1] for v in y[1]
    )


def _fills(term: tuple[str, tuple[str, ...]], tokens: list[_Token]) -> bool:
    """The term is the stretch's every content word: "leader" for "the leader", not "final
    stretch" for "the migrants in the final stretch"."""
    return len(term[1]) >= sum(not t.stop for t in tokens)


def _shared_content(codes, k: int, a: list[_Token]) -> bool:
    """The diff block `k` is words both sides share, one of them a content word."""
    if not 0 <= k < len(codes) or codes[k][0] != "equal":
        return False
    return any(not t.stop for t in a[codes[k][1] : codes[k][2]])


def _slot_term(tokens: list[_Token]) -> tuple[str, tuple[str, ...]] | None:
    """The noun phrase filling a slot (no name in it): the last well-formed one."""
    runs: list[list[_Token]] = [[]]
    for t in tokens:
        if t.stop:
            runs.append([])
        else:
            runs[-1].append(t)
    for run in reversed([r for r in runs if r]):
        for n in range(min(3, len(run)), 0, -1):
            for i in range(len(run) - n, -1, -1):
                words = run[i : i + n]
                tags = [t.tag for t in words]
                if any(t.name for t in words) or tags[-1] != "N":
                    continue  # names (even "Central Intelligence Agency") are the entity layer's
                if well_formed([t.word for t in words], tags):
                    return " ".join(t.word for t in words), tuple(t.stem for t in words)
    return None


def _around_one_name(a: Sequence[str], b: Sequence[str]):
    """Terms of each side that share a name and nothing else ("Ukraine conflict" / "invasion
    of Ukraine")."""
    for x in a:
        for y in b:
            names = {w for w in x.split() if _proper(w)} & set(y.split())
            if not names:
                continue
            rest_x = {stem(normalize(w)) for w in x.split() if w not in names and w != "of"}
            rest_y = {stem(normalize(w)) for w in y.split() if w not in names and w != "of"}
            if rest_x and rest_y and not rest_x & rest_y:
                yield x, y
