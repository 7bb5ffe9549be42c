"""Framing terms: the words and phrases one side uses where the other names things differently,
ranked by how much more this side uses them, weighted by their rarity in the library.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from reader.compare.contrasts import contrasts
from reader.compare.features import (
    STOPWORDS,
    TOKEN_RE,
    english_idf,
    normalize,
    stem,
    tokenize,
)
from reader.compare.phrases import english_share, tag, well_formed
from reader.compare.quotes import mask_quotes

log = logging.getLogger(__name__)

# Punctuation ends a phrase: "Ukraine, Japan" is not a bigram.
_POSSESSIVE = re.compile(r"['’]s$")
_BREAK = re.compile(r"[,;:()\[\]“”\"«»—–!?]|\.(?=\s|$)|['‘’](?=\s|$)|(?:^|(?<=\s))['‘’]")
MAX_N = 3
TOP = 12
# Words rarer than the shipped list records (its floor is 166 articles in 58,822).
UNLISTED_DF = 50
ALIGNED_BONUS = 0.5  # in an aligned sentence, absent from its counterpart
ANCHOR_BONUS = 0.5  # a phrase joining a word of the other side to words of its own
# Never used by the other side, next to a name both use: how this side qualifies a shared
# subject ("invasion of Ukraine" where the other says "Ukraine conflict").
QUALIFIER_BONUS = 1.0


# Below this share of known English words a text is taken to be in another language.
ENGLISH_SHARE = 0.75
# An adverb alone frames only if news seldom uses it ("gleefully", "allegedly"); common ones
# ("initially", "recently") say how any story is told.
COMMON_SHARE = 0.02

_COMMON = frozenset({"of"})
# Function words the classifier's stopword list keeps (they carry negation or direction
# there) but that frame nothing.
_STOP = STOPWORDS | frozenset(
    """toward towards among amid upon within via per since despite however also already yet
    still even though although whether another many much several including
    due able former latter last next first second third latest recent current previous new
    certain various particular additionally meanwhile moreover furthermore nevertheless
    instead indeed likewise notably previously currently recently eventually finally initially
    ultimately""".split()  # noqa: SIM905
)


@runtime_checkable
class TermStats(Protocol):
    """Document frequencies of the whole library, which the search index can provide.

    `df` takes a lower-case word (or a space-joined phrase) and answers the number of
    documents containing it; 0 means unknown, and phrases are then judged by their words.
    (`SearchIndex` already has `doc_count()`; a `df` over its body field completes it.)
    """

    def doc_count(self) -> int: ...

    def df(self, term: str) -> int: ...


class EnglishStats:
    """The fallback background: the shipped general news word list (resources/english_df.tsv)."""

    def __init__(self) -> None:
        self._idf = english_idf()

    def doc_count(self) -> int:
        return self._idf.doc_count

    def df(self, term: str) -> int:
        return self._idf.df(term)


@dataclass
class _Term:
    surface: Counter[str] = field(default_factory=Counter)
    count: int = 0
    sentences: set[int] = field(default_factory=set)
    near_names: set[str] = field(default_factory=set)  # names within three words
    tags: str = ""  # parts of speech of its words, where first seen ("AN": adjective, noun)


def _terms(text: str, sentences: list[tuple[int, int]]) -> dict[tuple[str, ...], _Term]:
    """Stemmed terms -> how and where used; phrases look like names for things.

    Words inside quotation marks are the speaker's, not the outlet's, and are left out. A term
    is a well-formed phrase (`phrases.well_formed`: a noun phrase such as "unfriendly stance"
    or "invasion of Ukraine", an adjective, adverb or verb alone, a phrasal verb), holds at
    most one name (a name alone is the entity layer's business, and so is "Kuril Islands"),
    does not cut a name in two and does not run past punctuation or a possessive.
    """
    visible = mask_quotes(text, ";")  # ";" breaks a phrase
    chunks = [
        (si, TOKEN_RE.findall(chunk))
        for si, (start, end) in enumerate(sentences)
        for chunk in _BREAK.split(visible[start:end])
    ]
    # A capitalised sentence opener is a name when the text capitalises it elsewhere too.
    midsentence = {
        t.lower() for k, (si, raw) in enumerate(chunks) for i, t in enumerate(raw)
        if t[:1].isupper() and (i > 0 or (k > 0 and chunks[k - 1][0] == si))
    }
    out: dict[tuple[str, ...], _Term] = {}
    previous = -1
    for si, raw in chunks:
        if not raw:
            continue
        opener, previous = si != previous, si
        bare = [_POSSESSIVE.sub("", t) for t in raw]
        words = [normalize(t) for t in bare]
        name = [
            t[:1].isupper() and (i > 0 or not opener or _shouted(t) or t.lower() in midsentence)
            for i, t in enumerate(raw)
        ]
        tags = tag(bare, name)
        for i in range(len(words)):
            if _bad_word(words[i]) or words[i] in _STOP:
                continue
            near = {
                stem(words[k]) for k in range(max(0, i - 3), min(len(words), i + 4)) if name[k]
            }
            for n in range(1, min(MAX_N, len(words) - i) + 1):
                last = words[i + n - 1]
                if _bad_word(last) or (last in _STOP and last != "of"):
                    break
                if last == "of":
                    continue
                cuts_name = (name[i] and i > 0 and name[i - 1]) or (
                    name[i + n - 1] and i + n < len(raw) and name[i + n]
                )
                names = sum(name[i : i + n])
                one_name = names < n and names <= 1 and not cuts_name
                if one_name and well_formed(bare[i : i + n], tags[i : i + n]):
                    term = out.setdefault(tuple(stem(w) for w in words[i : i + n]), _Term())
                    surface = bare[i : i + n]
                    if i == 0 and opener and not name[0]:  # "Invitations were sent": a noun
                        surface = [surface[0][:1].lower() + surface[0][1:], *surface[1:]]
                    term.surface[" ".join(surface)] += 1
                    term.count += 1
                    term.sentences.add(si)
                    term.near_names |= near
                    term.tags = term.tags or "".join(tags[i : i + n])
                if _POSSESSIVE.search(raw[i + n - 1]):
                    break  # "Japan's unilateral" is not a term
    return out


def _shouted(token: str) -> bool:
    """All capitals (USSR, or JAPAN'S opening a Morning Star story): a name or a label."""
    letters = [c for c in token if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters[:-1])


def _bad_word(word: str) -> bool:
    # Figures are the date and number layers' business; contractions ("hasn't") are grammar.
    return len(word) < 2 or "'" in word or any(ch.isdigit() for ch in word)


def vocabulary(text: str) -> set[str]:
    """Every stemmed word of a text, names included (for the anchor test)."""
    return {stem(normalize(t)) for t in tokenize(text)}


def _idf(surface: str, background: TermStats) -> float:
    n = background.doc_count()
    return math.log((n + 1) / (_df(surface.lower(), background) + 1))


def _share(term: str, background: TermStats) -> float:
    """The part of the background's documents that use `term`."""
    return _df(term.lower(), background) / max(1, background.doc_count())


def _df(term: str, background: TermStats) -> int:
    """Documents using `term`; a phrase or hyphenated compound the background does not know is
    taken to be as rare as its rarest word ("four-year-old" is no rarer than "four")."""
    df = background.df(term)
    if df > 0:
        return df
    parts = [w for w in re.split(r"[\s-]+", term) if w and w not in _STOP]
    if len(parts) < 2:
        return UNLISTED_DF
    return min(_df(w, background) for w in parts)


def framing_terms(
    a_text: str, a_sentences: list[tuple[int, int]],
    b_text: str, b_sentences: list[tuple[int, int]],
    aligned: Sequence[tuple[tuple[int, ...], tuple[int, ...]]] = (),
    background: TermStats | None = None, top: int = TOP,
) -> dict[str, list]:
    """Top framing terms of each side, most distinctive first, and the contrasts between them
    ({"a": [...], "b": [...], "contrasts": [[a_term, b_term], ...]}, see `contrasts`).

    A term (1–3 words) scores by (its count here - its count there)² / (sum of both), times
    its IDF in `background`, with bonuses when it names differently something both sides talk
    about: it sits in an aligned sentence whose counterpart lacks it; it stands next to a name
    both sides use ("invasion of Ukraine" against "Ukraine conflict"); a phrase joins a word of
    the other side to words of its own. `aligned` lists the aligned sentence index groups.
    """
    background = background or EnglishStats()
    english = [english_share(text) >= ENGLISH_SHARE for text in (a_text, b_text)]
    # Another language's words make no phrases here: nothing is better than noise.
    ta = _terms(a_text, a_sentences) if english[0] else {}
    tb = _terms(b_text, b_sentences) if english[1] else {}
    partner_a: dict[int, set[int]] = {}
    partner_b: dict[int, set[int]] = {}
    for ia, ib in aligned:  # a sentence may be in several pairs
        for i in ia:
            partner_a.setdefault(i, set()).update(ib)
        for j in ib:
            partner_b.setdefault(j, set()).update(ia)
    terms_a = _rank(ta, tb, vocabulary(b_text), partner_a, background, top)
    terms_b = _rank(tb, ta, vocabulary(a_text), partner_b, background, top)
    pairs = contrasts(
        a_text, a_sentences, b_text, b_sentences, aligned, (ta, tb), (terms_a, terms_b)
    ) if all(english) else []
    return {"a": terms_a, "b": terms_b, "contrasts": pairs}


def _rank(
    mine: dict[tuple[str, ...], _Term], other: dict[tuple[str, ...], _Term],
    other_words: set[str], partners: dict[int, set[int]], background: TermStats, top: int,
) -> list[str]:
    scored: list[tuple[float, str, tuple[str, ...]]] = []
    for gram, term in mine.items():
        theirs = other.get(gram)
        their_count = theirs.count if theirs else 0
        if term.count <= their_count:
            continue
        # Like a chi-square cell: used 3 times against none beats 5 against 3.
        excess = (term.count - their_count) ** 2 / (term.count + their_count)
        surface = term.surface.most_common(1)[0][0]
        if term.tags == "R" and _share(surface, background) > COMMON_SHARE:
            continue  # "initially", "recently": how any story is told
        bonus = 1.0
        their_sentences = theirs.sentences if theirs else set()
        aligned = any(partners[s] - their_sentences for s in term.sentences if s in partners)
        if aligned:
            bonus += ALIGNED_BONUS
        if not theirs and term.near_names & other_words:
            bonus += QUALIFIER_BONUS
        partly_theirs = any(w in other_words for w in gram) and not all(
            w in other_words for w in gram
        )
        if len(gram) > 1 and partly_theirs:
            bonus += ANCHOR_BONUS
        score = excess * _idf(surface, background) * bonus
        scored.append((round(score, 6), surface, gram))
    # Equal scores: the longer phrase, which says more ("special military operation").
    scored.sort(key=lambda s: (-s[0], -len(s[2]), s[1]))
    if log.isEnabledFor(logging.DEBUG):
        log.debug("framing candidates: %s", [(round(s, 2), t) for s, t, _ in scored[:40]])
    chosen: list[tuple[str, ...]] = []
    out: list[str] = []
    for _, surface, gram in scored:
        # One entry per idea: "invasion of Ukraine" makes "invasion" redundant, and two
        # phrases sharing a word are two cuts of one stretch of text.
        if any(set(c) & set(gram) - _COMMON for c in chosen):
            continue
        chosen.append(gram)
        out.append(surface)
        if len(out) == top:
            break
    return out


def _contains(big: tuple[str, ...], small: tuple[str, ...]) -> bool:
    n = len(small)
    return any(big[i : i + n] == small for i in range(len(big) - n + 1))
