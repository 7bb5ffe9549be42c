"""Do two sentences report the same event, figure or quote, whatever their wording?

The paraphrase classifier (paraphrase.py) knows MSRP's strict "same meaning"; two outlets
mostly share facts in their own words, inside longer sentences, with other detail. This module
scores that looser relation for every promising pair of sentences of two articles from:
- shared content words weighted by rarity (TF-IDF cosine),
- meaning: news-trained word vectors, as sentence means and as word-by-word soft matches,
- how the pair stands in its articles: is this the best counterpart either sentence has,
- shared anchors: capitalised names and figures, and the paraphrase probability itself.
Two logistic models over those, multiplied (`RelatednessModel`: is this the counterpart, and
do the two speak of the same thing at all), trained by bench/train_relatedness.py on ECB+ dev
and NewsWCL50 and shipped as resources/relatedness_model.json, give a probability.
"""

from __future__ import annotations

import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from reader.compare.features import (
    FEATURE_NAMES,
    STOPWORDS,
    Profile,
    anchor_features,
    english_idf,
    pair_features,
)
from reader.compare.vectors import WordVectors, load_vectors
from reader.resources import resource_path

if TYPE_CHECKING:
    from reader.compare.paraphrase import ParaphraseModel

log = logging.getLogger(__name__)

MODEL_FILE = "relatedness_model.json"
# Each sentence's best few counterparts by each signal are scored; the rest of the pairs
# (most of them, in long articles) never are.
TOP_K = 3
# Relative ranks are capped: beyond third best, how far beyond does not matter.
MAX_RANK = 3

RELATE_FEATURES = (
    "cosine", "vector", "cos_row", "cos_col", "vec_row", "vec_col",
    "cos_rank_row", "cos_rank_col", "vec_rank_row", "vec_rank_col",
    "cos_margin_row", "cos_margin_col", "vec_margin_row", "vec_margin_col",
    "soft_min", "soft_max", "paraphrase",
    "content_f1", "len_logratio", "len_min_log", "caps_f1", "caps_shared", "num_f1",
    "num_shared", "num_unmatched",
)
_PF = {name: k for k, name in enumerate(FEATURE_NAMES)}
_PARAPHRASE = RELATE_FEATURES.index("paraphrase")
# The paraphrase features that cost little (set sizes, lengths), kept apart from the fuzzy
# string ratios that make up most of `pair_features`' time.
ANCHOR_FEATURES = (
    "content_f1", "len_logratio", "len_min_log", "caps_f1", "num_f1", "num_unmatched",
)


@dataclass
class Side:
    """One article's sentences as the matrices the pair scores need."""

    profiles: list[Profile]
    tfidf: np.ndarray  # sentences x shared vocabulary, unit rows
    means: np.ndarray  # sentences x dims, unit rows (zeros without vectors)
    words: list[np.ndarray]  # per sentence: unit vectors of its known content words
    weights: list[np.ndarray]  # per sentence: their idf weights


def _content(p: Profile) -> list[str]:
    return [w for w in p.words if w not in STOPWORDS and not w[:1].isdigit()]


def build_sides(
    pa: list[Profile], pb: list[Profile], vectors: WordVectors | None,
) -> tuple[Side, Side]:
    vocab: dict[str, int] = {}
    for p in (*pa, *pb):
        for s in p.weights:
            vocab.setdefault(s, len(vocab))

    def side(profiles: list[Profile]) -> Side:
        tfidf = np.zeros((len(profiles), max(len(vocab), 1)), dtype=np.float32)
        for i, p in enumerate(profiles):
            for s, w in p.weights.items():
                tfidf[i, vocab[s]] = w
            tfidf[i] /= p.norm
        means, words, weights = _meanings(profiles, vectors)
        return Side(profiles, tfidf, means, words, weights)

    return side(pa), side(pb)


# The word vectors of the last few articles' sentences (by the identity of their profile list,
# kept alive here so the identity stays theirs): a story view aligns each article with every
# other, and these do not depend on the other side.
_MEANINGS: OrderedDict[int, tuple[list[Profile], WordVectors | None, tuple]] = OrderedDict()
_MEANINGS_KEPT = 16
_MEANINGS_LOCK = threading.Lock()  # a story view and a comparison may run at once


def _meanings(
    profiles: list[Profile], vectors: WordVectors | None,
) -> tuple[np.ndarray, list[np.ndarray], list[np.ndarray]]:
    """Per sentence: the mean vector of its content words (unit, the common direction taken
    out), and its words' vectors with their idf weights."""
    with _MEANINGS_LOCK:
        kept = _MEANINGS.get(id(profiles))
        if kept is not None and kept[0] is profiles and kept[1] is vectors:
            _MEANINGS.move_to_end(id(profiles))
            return kept[2]
    idf = english_idf()
    dims = vectors.dims if vectors else 1
    means = np.zeros((len(profiles), dims), dtype=np.float32)
    words, weights = [], []
    for i, p in enumerate(profiles):
        content = _content(p)
        if vectors is not None:
            rows = [vectors.index.get(w) for w in content]
            known = [(r, idf(w)) for r, w in zip(rows, content, strict=True) if r is not None]
            if known:
                m = vectors.matrix[[r for r, _ in known]]
                wt = np.asarray([x for _, x in known], dtype=np.float32)
                v = wt @ m
                if vectors.common is not None:  # what every news sentence shares
                    v = v - (v @ vectors.common) * vectors.common
                means[i] = v / (np.linalg.norm(v) or 1.0)
                words.append(m)
                weights.append(wt)
                continue
        words.append(np.zeros((0, dims), dtype=np.float32))
        weights.append(np.zeros(0, dtype=np.float32))
    with _MEANINGS_LOCK:
        _MEANINGS[id(profiles)] = (profiles, vectors, (means, words, weights))
        while len(_MEANINGS) > _MEANINGS_KEPT:
            _MEANINGS.popitem(last=False)
    return means, words, weights


def _ranks(m: np.ndarray, axis: int) -> np.ndarray:
    """Rank of each cell within its row (axis=1) or column (axis=0): 0 for the best."""
    order = np.argsort(-m, axis=axis, kind="stable")
    ranks = np.empty_like(order)
    if axis == 1:
        np.put_along_axis(ranks, order, np.arange(m.shape[1])[None, :], axis=1)
    else:
        np.put_along_axis(ranks, order, np.arange(m.shape[0])[:, None], axis=0)
    return ranks


def _margins(m: np.ndarray, axis: int) -> np.ndarray:
    """How far each cell stands above the runner-up of its row/column (below the best: < 0)."""
    if m.shape[axis] < 2:  # a lone candidate: the runner-up is nothing at all
        return m.copy()
    part = -np.partition(-m, 1, axis=axis)
    first = np.take(part, [0], axis=axis)
    second = np.take(part, [1], axis=axis)
    return np.where(m >= first, m - second, m - first)


def _soft(words_x: np.ndarray, wt_x: np.ndarray, words_y: np.ndarray) -> float:
    """Idf-weighted mean, over x's words, of each word's closest word in y (cosine)."""
    if not len(words_x) or not len(words_y):
        return 0.0
    best = (words_x @ words_y.T).max(axis=1)
    return float((best * wt_x).sum() / (wt_x.sum() or 1.0))


def _soft_pairs(a: Side, b: Side, pairs: list[tuple[int, int]]) -> np.ndarray:
    """`_soft` both ways for every pair, (pairs x 2): one product of each A sentence's words
    with the words of all its candidate B sentences, instead of two per pair."""
    out = np.zeros((len(pairs), 2))
    by_row: dict[int, list[int]] = {}
    for k, (i, _) in enumerate(pairs):
        by_row.setdefault(i, []).append(k)
    for i, ks in by_row.items():
        words_x, wt_x = a.words[i], a.weights[i]
        ks = [k for k in ks if len(b.words[pairs[k][1]])]
        if not len(words_x) or not ks:
            continue
        ys = [pairs[k][1] for k in ks]
        sizes = [len(b.words[j]) for j in ys]
        starts = np.cumsum([0, *sizes[:-1]])
        sims = words_x @ np.concatenate([b.words[j] for j in ys]).T  # x's words x their words
        best_x = np.maximum.reduceat(sims, starts, axis=1)  # x's words x candidates
        out[ks, 0] = (best_x * wt_x[:, None]).sum(axis=0) / (wt_x.sum() or 1.0)
        weights_y = np.concatenate([b.weights[j] for j in ys])
        best_y = sims.max(axis=0) * weights_y
        sums_y = np.add.reduceat(weights_y, starts)
        out[ks, 1] = np.add.reduceat(best_y, starts) / np.where(sums_y, sums_y, 1.0)
    return out


@dataclass
class PairScores:
    """Every candidate pair of sentences with its relatedness features."""

    pairs: list[tuple[int, int]]
    features: np.ndarray  # len(pairs) x len(RELATE_FEATURES)
    paraphrase_features: list[list[float]]  # features.pair_features of each pair scored
    cosine: np.ndarray  # full sentence x sentence matrices, for "closest on the other side"
    vector: np.ndarray
    # The paraphrase probability of each pair (0 for pairs `score_pairs` was told to skip).
    paraphrase: np.ndarray = field(default_factory=lambda: np.zeros(0))
    # Per pair, the `ANCHOR_FEATURES` in full precision (what the paraphrase gates test).
    anchors: np.ndarray = field(default_factory=lambda: np.zeros((0, len(ANCHOR_FEATURES))))


def score_pairs(
    pa: list[Profile], pb: list[Profile], paraphrase: ParaphraseModel,
    skip_a: Iterable[int] = (), skip_b: Iterable[int] = (),
    vectors: WordVectors | None = None, use_vectors: bool = True,
    needs_paraphrase: Callable[[list[tuple[int, int]], np.ndarray, np.ndarray], np.ndarray]
    | None = None,
) -> PairScores:
    """Features of each sentence's best few counterparts (by words and by meaning).

    `needs_paraphrase(pairs, features, anchors)`, given every pair's features (the paraphrase
    probability still 0) and anchors, says which pairs need the paraphrase classifier; the
    others keep probability 0 and no row in `paraphrase_features`. By default all do."""
    if use_vectors and vectors is None:
        vectors = load_vectors()
    if not use_vectors:
        vectors = None
    a, b = build_sides(pa, pb, vectors)
    cos = a.tfidf @ b.tfidf.T
    vec = a.means @ b.means.T if vectors is not None else cos.copy()
    for i in skip_a:
        cos[i, :] = vec[i, :] = -1.0
    for j in skip_b:
        cos[:, j] = vec[:, j] = -1.0
    n_a, n_b = cos.shape
    if not n_a or not n_b:
        empty = np.zeros((0, len(RELATE_FEATURES)), dtype=np.float32)
        return PairScores([], empty, [], cos, vec)
    k_row, k_col = min(TOP_K, n_b), min(TOP_K, n_a)
    cand: set[tuple[int, int]] = set()
    for m in (cos, vec):
        top_row = np.argpartition(-m, k_row - 1, axis=1)[:, :k_row]
        top_col = np.argpartition(-m, k_col - 1, axis=0)[:k_col, :]
        cand.update((i, int(j)) for i in range(n_a) for j in top_row[i])
        cand.update((int(i), j) for j in range(n_b) for i in top_col[:, j])
    pairs = sorted(
        (i, j) for i, j in cand
        if i not in skip_a and j not in skip_b and (cos[i, j] > 0 or vec[i, j] > 0.3)
    )
    if not pairs:
        empty = np.zeros((0, len(RELATE_FEATURES)), dtype=np.float32)
        return PairScores([], empty, [], cos, vec)
    rank = {
        "cos_row": _ranks(cos, 1), "cos_col": _ranks(cos, 0),
        "vec_row": _ranks(vec, 1), "vec_col": _ranks(vec, 0),
    }
    margin = {
        "cos_row": _margins(cos, 1), "cos_col": _margins(cos, 0),
        "vec_row": _margins(vec, 1), "vec_col": _margins(vec, 0),
    }
    row_max_c, col_max_c = cos.max(axis=1), cos.max(axis=0)
    row_max_v, col_max_v = vec.max(axis=1), vec.max(axis=0)
    anchors = np.asarray([anchor_features(pa[i], pb[j]) for i, j in pairs], dtype=float)
    ii = np.asarray([i for i, _ in pairs])
    jj = np.asarray([j for _, j in pairs])
    c, v = cos[ii, jj].astype(float), vec[ii, jj].astype(float)

    def share(x: np.ndarray, best: np.ndarray) -> np.ndarray:
        """Each pair's score as a share of the best of its row or column (0 if none > 0)."""
        best = best.astype(float)
        return np.where(best > 0, x / np.where(best > 0, best, 1.0), 0.0)

    soft = _soft_pairs(a, b, pairs)
    columns = [
        c, v,
        share(c, row_max_c[ii]), share(c, col_max_c[jj]),
        share(v, row_max_v[ii]), share(v, col_max_v[jj]),
        *(np.minimum(rank[k][ii, jj], MAX_RANK) for k in ("cos_row", "cos_col", "vec_row",
                                                           "vec_col")),
        *(margin[k][ii, jj] for k in ("cos_row", "cos_col", "vec_row", "vec_col")),
        soft.min(axis=1), soft.max(axis=1),
        np.zeros(len(pairs)),  # the paraphrase probability, filled in below
        anchors[:, 0], anchors[:, 1], anchors[:, 2], anchors[:, 3],
        np.asarray([len(pa[i].caps & pb[j].caps) for i, j in pairs], dtype=float),
        anchors[:, 4],
        np.asarray([len(pa[i].numbers & pb[j].numbers) for i, j in pairs], dtype=float),
        anchors[:, 5],
    ]
    features = np.stack(columns, axis=1).astype(np.float32)
    # The paraphrase classifier needs every feature, the fuzzy ratios dearest of all: score
    # only the pairs the caller needs it for (all of them unless told otherwise).
    scored = np.ones(len(pairs), dtype=bool) if needs_paraphrase is None else (
        needs_paraphrase(pairs, features, anchors)
    )
    pfs = [pair_features(pa[i], pb[j]) for (i, j), k in zip(pairs, scored, strict=True) if k]
    para = np.zeros(len(pairs))
    if pfs:
        para[scored] = paraphrase.probabilities(np.asarray(pfs, dtype=float))
    features[:, _PARAPHRASE] = para
    return PairScores(pairs, features, pfs, cos, vec, para, anchors)


# What the absolute half of the model looks at: evidence in the two sentences alone.
ABSOLUTE_FEATURES = (
    "cosine", "vector", "soft_min", "soft_max", "paraphrase", "caps_shared", "num_shared",
    "content_f1",
)


@dataclass(frozen=True)
class Logistic:
    """A logistic regression over named columns of the feature matrix, standardised."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        if not len(x):
            return np.zeros(0)
        cols = [RELATE_FEATURES.index(f) for f in self.features]
        z = (x[:, cols] - self.mean) / self.scale
        return 1.0 / (1.0 + np.exp(-np.clip(z @ self.coef + self.intercept, -30, 30)))

    def to_json(self) -> dict:
        return {"features": list(self.features), "mean": self.mean.tolist(),
                "scale": self.scale.tolist(), "coef": self.coef.tolist(),
                "intercept": self.intercept}

    @classmethod
    def from_json(cls, data: dict) -> Logistic:
        features = tuple(data["features"])
        unknown = set(features) - set(RELATE_FEATURES)
        if unknown:
            raise ValueError(f"relatedness model uses unknown features {sorted(unknown)}")
        mean, scale, coef = (np.asarray(data[k], dtype=np.float32)
                             for k in ("mean", "scale", "coef"))
        if any(a.shape != (len(features),) for a in (mean, scale, coef)):
            raise ValueError("relatedness model is malformed")
        return cls(features, mean, scale, coef, float(data["intercept"]))


@dataclass(frozen=True)
class RelatednessModel:
    """Two questions, each a logistic regression, multiplied:
    - relative: is this the counterpart, among all the sentences the other side has? (ECB+:
      annotated sentence pairs of articles on one event, gold or not)
    - absolute: do the two sentences speak of the same thing at all? (ECB+ gold pairs against
      every candidate pair of articles on two different NewsWCL50 events)
    The first alone links every sentence of two unrelated articles to its nearest; the second
    alone cannot tell which of a story's sentences report the same fact."""

    relative: Logistic
    absolute: Logistic
    threshold: float

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        return self.relative.probabilities(x) * self.absolute.probabilities(x)

    def most_with(self, x: np.ndarray, feature: str, low: float, high: float) -> np.ndarray:
        """The highest probability each row could have, whatever `feature` is in [low, high]:
        each half is monotone in one feature, so its best is at one end."""
        col = RELATE_FEATURES.index(feature)
        ends = []
        for value in (low, high):
            x = x.copy()
            x[:, col] = value
            ends.append((self.relative.probabilities(x), self.absolute.probabilities(x)))
        (rel_low, abs_low), (rel_high, abs_high) = ends
        return np.maximum(rel_low, rel_high) * np.maximum(abs_low, abs_high)

    def to_json(self) -> dict:
        return {"relative": self.relative.to_json(), "absolute": self.absolute.to_json(),
                "threshold": self.threshold}

    @classmethod
    def from_json(cls, data: dict) -> RelatednessModel:
        return cls(Logistic.from_json(data["relative"]), Logistic.from_json(data["absolute"]),
                   float(data["threshold"]))


@lru_cache(maxsize=1)
def load_relatedness() -> RelatednessModel | None:
    """The shipped model, loaded once; None if missing (then only paraphrases are linked)."""
    try:
        with open(resource_path(MODEL_FILE), encoding="utf-8") as fh:
            return RelatednessModel.from_json(json.load(fh))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("relatedness model not loaded (%s): linking paraphrases only", exc)
        return None
