"""Cheap lexical features of a sentence pair, for the paraphrase classifier and the aligner.

Each sentence is turned once into a `Profile` (tokens, stems, n-grams, numbers, capitalised
words, a TF-IDF vector), so scoring thousands of pairs is set arithmetic, not re-tokenising.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from reader.resources import resource_path

TOKEN_RE = re.compile(r"\d+(?:[.,:]\d+)*%?|\w+(?:[-'’]\w+)*")
_POSSESSIVE = re.compile(r"['’]s$")

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves said says say told mr mrs ms dr n't 's us""".split()  # noqa: SIM905
)
_NEGATIONS = frozenset({"not", "no", "never", "n't", "nor", "none", "neither", "without"})


def tokenize(text: str) -> list[str]:
    """Surface tokens (case kept), possessive 's removed: `Japan’s` -> `Japan`."""
    return [_POSSESSIVE.sub("", t) for t in TOKEN_RE.findall(text)]


def normalize(token: str) -> str:
    """Lower case, typographic apostrophe folded, thousands separators dropped."""
    t = token.lower().replace("’", "'")
    if t[:1].isdigit():
        t = t.replace(",", "")
    return t


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude suffix stripper: enough to match plurals and tenses (`talks`/`talk`)."""
    if len(word) <= 3 or word[0].isdigit():
        return word
    for suffix, repl, min_len in (
        ("ies", "y", 5), ("sses", "ss", 5), ("ing", "", 6), ("ed", "", 5), ("es", "", 5),
        ("ly", "", 6), ("s", "", 4),
    ):
        if word.endswith(suffix) and len(word) >= min_len:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            return word[: len(word) - len(suffix)] + repl
    return word


class Idf:
    """Inverse document frequency from the shipped news word list (resources/english_df.tsv)."""

    def __init__(self, doc_count: int, df: dict[str, int]) -> None:
        self.doc_count = doc_count
        self._df = df
        self.unknown = math.log((doc_count + 1) / 1.5)

    def __call__(self, word: str) -> float:
        df = self._df.get(word)
        return self.unknown if df is None else math.log((self.doc_count + 1) / (df + 0.5))

    def df(self, word: str) -> int:
        return self._df.get(word, 0)


@lru_cache(maxsize=1)
def english_idf() -> Idf:
    """The general-English document frequencies, loaded once (first line: `#docs<TAB>N`)."""
    df: dict[str, int] = {}
    doc_count = 1
    with open(resource_path("english_df.tsv"), encoding="utf-8") as fh:
        for line in fh:
            word, _, count = line.rstrip("\n").partition("\t")
            if word == "#docs":
                doc_count = int(count)
            else:
                df[word] = int(count)
    return Idf(doc_count, df)


@dataclass(slots=True)
class Profile:
    """What the pair features need from one sentence, computed once."""

    words: list[str]  # normalised tokens
    stems: list[str]
    stem_set: frozenset[str]
    content_seq: list[str]  # stems of non-stopwords, in order
    content: frozenset[str]
    content_bigrams: frozenset[tuple[str, str]]
    prefixes: frozenset[str]  # first five letters of content words: "negotiat(ions)"
    bigrams: frozenset[tuple[str, str]]
    trigrams: frozenset[tuple[str, str, str]]
    numbers: frozenset[str]
    caps: frozenset[str]  # capitalised non-stopwords: a cheap named-entity proxy
    weights: dict[str, float]  # content stem -> idf (its TF-IDF vector, tf folded in)
    norm: float
    text: str  # normalised tokens joined, for the fuzzy ratios
    negated: bool


def profile(text: str, idf: Idf | None = None) -> Profile:
    idf = idf or english_idf()
    raw = tokenize(text)
    words = [normalize(t) for t in raw]
    stems = [stem(w) for w in words]
    content = [s for w, s in zip(words, stems, strict=True) if w not in STOPWORDS]
    weights: dict[str, float] = {}
    for w, s in zip(words, stems, strict=True):
        if w not in STOPWORDS:
            weights[s] = weights.get(s, 0.0) + idf(w)
    caps = frozenset(
        w for t, w in zip(raw, words, strict=True)
        if t[:1].isupper() and w not in STOPWORDS
    )
    return Profile(
        words=words,
        stems=stems,
        stem_set=frozenset(stems),
        content_seq=content,
        content=frozenset(content),
        content_bigrams=frozenset(pairwise(content)),
        prefixes=frozenset(c[:5] for c in content),
        bigrams=frozenset(pairwise(stems)),
        trigrams=frozenset(zip(stems, stems[1:], stems[2:], strict=False)),
        numbers=frozenset(w for w in words if w[:1].isdigit()),
        caps=caps,
        weights=weights,
        norm=math.sqrt(sum(v * v for v in weights.values())) or 1.0,
        text=" ".join(words),
        negated=any(w in _NEGATIONS for w in words),
    )


def longest_common_run(x: list[str], y: list[str]) -> int:
    """Length of the longest run of words both sequences contain verbatim (a shared quote)."""
    best = 0
    prev = [0] * (len(y) + 1)
    for xi in x:
        cur = [0] * (len(y) + 1)
        for j, yj in enumerate(y, 1):
            if xi == yj:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best:
                    best = cur[j]
        prev = cur
    return best


def _soft_f1(p: Profile, q: Profile, shared: int) -> float:
    """Content-word F1 where near spellings also match ("Kiev"/"Kyiv", "organise"/"organize")."""
    total = len(p.content) + len(q.content)
    if not total:
        return 1.0
    theirs = list(q.content - p.content)
    soft = 0
    if theirs:
        for word in p.content - q.content:
            if process.extractOne(word, theirs, scorer=fuzz.ratio, score_cutoff=80):
                soft += 1
    return 2 * (shared + soft) / total


def _pr(x: frozenset, y: frozenset) -> tuple[float, float, float]:
    """Overlap as (lower, higher of the two containments, F1); empty sets count as agreeing."""
    if not x and not y:
        return 1.0, 1.0, 1.0
    if not x or not y:
        return 0.0, 0.0, 0.0
    common = len(x & y)
    p, r = common / len(x), common / len(y)
    return min(p, r), max(p, r), (2 * common / (len(x) + len(y)))


FEATURE_NAMES = (
    "uni_min", "uni_max", "uni_f1",
    "content_min", "content_max", "content_f1",
    "bi_min", "bi_max", "bi_f1",
    "tri_f1", "content_bi_f1", "order", "content_order",
    "idf_min", "idf_max", "cosine",
    "unmatched_idf_max", "unmatched_idf_sum",
    "unmatched_max", "unmatched_min", "unmatched_sum",
    "len_logratio", "len_min_log",
    "num_f1", "num_unmatched",
    "caps_f1", "caps_unmatched", "caps_unmatched_max", "caps_unmatched_min",
    "soft_content_f1", "prefix_f1", "num_value_f1",
    "fuzz_ratio", "fuzz_partial", "fuzz_sort", "fuzz_set",
    "negation_mismatch",
)


def pair_features(p: Profile, q: Profile) -> list[float]:
    """The feature vector of a pair, symmetric in p and q, in `FEATURE_NAMES` order."""
    uni = _pr(p.stem_set, q.stem_set)
    con = _pr(p.content, q.content)
    bi = _pr(p.bigrams, q.bigrams)
    tri = _pr(p.trigrams, q.trigrams)[2]

    shared = p.content & q.content
    pw, qw = p.weights, q.weights
    mass_p = sum(pw.values()) or 1.0
    mass_q = sum(qw.values()) or 1.0
    shared_p = sum(pw[s] for s in shared)
    shared_q = sum(qw[s] for s in shared)
    idf_a, idf_b = shared_p / mass_p, shared_q / mass_q
    cosine = sum(pw[s] * qw[s] for s in shared) / (p.norm * q.norm)
    # Information one side adds that the other lacks: a new name or figure sinks a paraphrase.
    miss_p, miss_q = mass_p - shared_p, mass_q - shared_q
    extra_p, extra_q = len(p.content) - len(shared), len(q.content) - len(shared)

    lp, lq = len(p.words) or 1, len(q.words) or 1
    num = _pr(p.numbers, q.numbers)[2]
    caps = _pr(p.caps, q.caps)[2]
    caps_p, caps_q = len(p.caps - q.caps), len(q.caps - p.caps)
    # "10%" and "10 percent" state the same figure.
    values = _pr(
        frozenset(n.rstrip("%") for n in p.numbers), frozenset(n.rstrip("%") for n in q.numbers)
    )[2]
    return [
        *uni, *con, *bi, tri,
        _pr(p.content_bigrams, q.content_bigrams)[2],
        # Word order kept: shared words in the same sequence, all words and content words.
        Indel.normalized_similarity(p.stems, q.stems),
        Indel.normalized_similarity(p.content_seq, q.content_seq),
        min(idf_a, idf_b), max(idf_a, idf_b), cosine,
        max(miss_p, miss_q) / 10.0, (miss_p + miss_q) / 10.0,
        float(max(extra_p, extra_q)), float(min(extra_p, extra_q)), float(extra_p + extra_q),
        abs(math.log(lp / lq)), math.log(min(lp, lq)),
        num, float(len(p.numbers ^ q.numbers)),
        caps, float(len(p.caps ^ q.caps)), float(max(caps_p, caps_q)), float(min(caps_p, caps_q)),
        _soft_f1(p, q, len(shared)), _pr(p.prefixes, q.prefixes)[2], values,
        fuzz.ratio(p.text, q.text) / 100.0,
        fuzz.partial_ratio(p.text, q.text) / 100.0,
        fuzz.token_sort_ratio(p.text, q.text) / 100.0,
        fuzz.token_set_ratio(p.text, q.text) / 100.0,
        float(p.negated != q.negated),
    ]


def anchor_features(p: Profile, q: Profile) -> list[float]:
    """The cheap few of `pair_features` (same values), in `relate.ANCHOR_FEATURES` order:
    content-word F1, the lengths, names and figures. No string ratios."""
    lp, lq = len(p.words) or 1, len(q.words) or 1
    return [
        _pr(p.content, q.content)[2], abs(math.log(lp / lq)), math.log(min(lp, lq)),
        _pr(p.caps, q.caps)[2], _pr(p.numbers, q.numbers)[2],
        float(len(p.numbers ^ q.numbers)),
    ]
