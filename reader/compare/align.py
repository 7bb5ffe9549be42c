"""Sentence alignment between two articles: one-to-one and one-to-two, order-free.

Candidate pairs come from shared content words (TF-IDF cosine); the paraphrase classifier
scores them, and a greedy global assignment by score keeps each sentence in at most one pair.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial

import numpy as np
from rapidfuzz.distance import Indel

from reader.compare.features import (
    FEATURE_NAMES,
    Profile,
    longest_common_run,
    normalize,
    pair_features,
    profile,
    tokenize,
)
from reader.compare.paraphrase import ParaphraseModel
from reader.compare.quotes import find_quotes
from reader.compare.relate import (
    ANCHOR_FEATURES,
    RELATE_FEATURES,
    PairScores,
    RelatednessModel,
    load_relatedness,
    score_pairs,
)
from reader.compare.vectors import load_vectors

# The classifier learnt on MSRP, whose pairs all share much of their content words (none
# under 0.26 content-word F1, 99.5% of paraphrases above 0.33) and are of like length (99.5%
# of paraphrases within a word-count ratio of 1.6). Pairs outside that are outside what it
# knows, where it is confidently wrong, and are not aligned (a long sentence against a short
# one still has the one-to-two merge). Under the cosine floor (shared rare words) MSRP's
# paraphrases are too few for the classifier to be right about (3 of the 5 it would add are not).
MIN_CONTENT_F1 = 0.3
MAX_LENGTH_LOGRATIO = 0.7  # about twice the words
_LENGTH_LOGRATIO = FEATURE_NAMES.index("len_logratio")
MIN_COSINE = 0.1
_CONTENT_F1 = FEATURE_NAMES.index("content_f1")
_ANCHOR_CONTENT_F1 = ANCHOR_FEATURES.index("content_f1")
_ANCHOR_LENGTH_LOGRATIO = ANCHOR_FEATURES.index("len_logratio")
# "same": near-identical wording (copied wire text), always aligned; or an aligned pair that
# shares a verbatim run this long (a quotation both report). A shared run alone does not
# align: on MSRP it overrode the classifier wrongly three times in four.
SAME_WORDING = 0.85
SHARED_RUN = 8
# A quotation (in quote marks, this many words or more) that the other sentence repeats
# verbatim lowers the bar by QUOTE_MARGIN: on MSRP 78% of such pairs are paraphrases against
# 67.5% overall, and the margin costs one of its 4,075 decisions.
QUOTE_WORDS = 6
QUOTE_MARGIN = 0.1
# A quotation cut with an ellipsis is matched run by run; shorter runs ("and", "the war")
# are left out of the test, as they would match anywhere.
MIN_QUOTE_RUN = 3
_ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\.)\s*")
# A merged pair must beat the best pair of its parts by this much to be preferred, and each
# part must have this share of its content words in the sentence it is merged against.
MERGE_GAIN = 0.02
MERGE_PART_COVERED = 0.4
# Related links: each sentence's best counterparts that pass the threshold, this many at most
# (on ECB+ dev, cross-validated: a second adds 2.6 points of recall and 0.3 of precision).
MOST_LINKS = 2


@dataclass(frozen=True)
class Match:
    """Sentences (indices) of each side that say the same thing, with the classifier's view."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float
    kind: str  # "same" | "similar" | "related"


@dataclass(frozen=True)
class Closest:
    """The nearest sentence on the other side of a sentence linked to nothing."""

    index: int
    score: float  # the relatedness probability (0: only the nearest in meaning)


@dataclass
class Alignment:
    matches: list[Match]
    repeats_a: dict[int, int]  # sentence index -> index of the earlier identical sentence
    repeats_b: dict[int, int]
    closest_a: dict[int, Closest] = field(default_factory=dict)  # unlinked sentence -> nearest
    closest_b: dict[int, Closest] = field(default_factory=dict)


def find_repeats(profiles: list[Profile]) -> dict[int, int]:
    """Sentences whose words repeat an earlier sentence of the same article."""
    first: dict[str, int] = {}
    repeats: dict[int, int] = {}
    for i, p in enumerate(profiles):
        if len(p.words) < 3:  # "Read more" twice is not a repeated paragraph worth noting
            continue
        if p.text in first:
            repeats[i] = first[p.text]
        else:
            first[p.text] = i
    return repeats


def probability(model: ParaphraseModel, p: Profile, q: Profile) -> float:
    """The classifier's probability, or 0 for a pair too unlike anything it learnt from."""
    return _gated(model, pair_features(p, q))


def _gated(model: ParaphraseModel, x: list[float]) -> float:
    if x[_CONTENT_F1] < MIN_CONTENT_F1 or x[_LENGTH_LOGRATIO] > MAX_LENGTH_LOGRATIO:
        return 0.0
    return model.probability_of(x)


def identical(p: Profile, q: Profile) -> float:
    """Word-sequence similarity when near-identical (aligned regardless), else 0."""
    similarity = Indel.normalized_similarity(p.words, q.words)
    return similarity if similarity >= SAME_WORDING else 0.0


def quoted_fragments(sentence: str) -> list[list[list[str]]]:
    """The quotations of a sentence, each as its runs of words between ellipses: a quote cut
    with "…" or "[...]" is still the speaker's words where each run is."""
    out = []
    for quote in find_quotes(sentence):
        runs = [[normalize(t) for t in tokenize(part)] for part in _ELLIPSIS.split(quote.text)]
        runs = [r for r in runs if len(r) >= MIN_QUOTE_RUN]
        if sum(map(len, runs)) >= QUOTE_WORDS:
            out.append(runs)
    return out


def _contains(words: list[str], run: list[str]) -> bool:
    n = len(run)
    return any(words[k : k + n] == run for k in range(len(words) - n + 1))


def shares_quote(
    quotes_p: list[list[list[str]]], quotes_q: list[list[list[str]]], p: Profile, q: Profile,
) -> bool:
    """One sentence quotes words (QUOTE_WORDS or more, across "…") the other repeats."""
    return any(
        all(_contains(other.words, run) for run in runs)
        for quotes, other in ((quotes_p, q), (quotes_q, p))
        for runs in quotes
    )


def shares_run(p: Profile, q: Profile) -> bool:
    # A run of SHARED_RUN words leaves SHARED_RUN - 2 common trigrams; test that cheaply first.
    return len(p.trigrams & q.trigrams) >= SHARED_RUN - 2 and (
        longest_common_run(p.words, q.words) >= SHARED_RUN
    )


def _covered(part: Profile, whole: Profile) -> bool:
    return len(part.content & whole.content) >= MERGE_PART_COVERED * len(part.content)


def align(
    a_sentences: list[str], b_sentences: list[str], model: ParaphraseModel,
    threshold: float | None = None, *, relatedness: RelatednessModel | None = None,
    related_threshold: float | None = None, use_vectors: bool = True, related: bool = True,
    profiles: tuple[list[Profile], list[Profile]] | None = None, nearest: bool = True,
) -> Alignment:
    """Paraphrase pairs (1-1, 1-2 or 2-1, one-to-one) and, beside them, related links.

    `relatedness` defaults to the shipped model; `related=False` links paraphrases only and
    `use_vectors=False` leaves the word vectors out (evaluations, the speed baseline).
    `profiles` are the sentences' `features.profile`s when the caller has them already.
    `nearest=False` leaves out the closest counterparts of unlinked sentences: then only the
    pairs that could become links are given to the paraphrase classifier (the links are the
    same, in a fraction of the time).
    """
    threshold = model.threshold if threshold is None else threshold
    pa, pb = profiles or ([profile(s) for s in a_sentences], [profile(s) for s in b_sentences])
    rep_a, rep_b = find_repeats(pa), find_repeats(pb)
    relatedness = load_relatedness() if relatedness is None else relatedness
    if not related or not use_vectors or load_vectors() is None:
        relatedness = None  # it learnt with the vectors: without them it would only guess
    cut = 0.0
    if relatedness is not None:
        cut = relatedness.threshold if related_threshold is None else related_threshold
    scores = score_pairs(
        pa, pb, model, rep_a, rep_b, use_vectors=use_vectors,
        needs_paraphrase=None if nearest else partial(_may_link, relatedness, cut),
    )
    matches = _paraphrases(a_sentences, b_sentences, pa, pb, scores, model, threshold, rep_a,
                           rep_b)
    related_probs = (
        relatedness.probabilities(scores.features) if relatedness is not None
        else np.zeros(len(scores.pairs))
    )
    if relatedness is not None:
        # Sentences both in a paraphrase pair already say what a related link would add.
        paired_a = {i for m in matches for i in m.a}
        paired_b = {j for m in matches for j in m.b}
        prob_of = dict(zip(scores.pairs, related_probs, strict=True))
        for i, j in select_links(scores.pairs, related_probs, cut):
            if i not in paired_a or j not in paired_b:
                matches.append(Match((i,), (j,), round(float(prob_of[i, j]), 4), "related"))
    matches.sort(key=lambda m: (m.a, m.b))
    if not nearest:
        return Alignment(matches, rep_a, rep_b)
    linked_a = {i for m in matches for i in m.a}
    linked_b = {j for m in matches for j in m.b}
    closest_a, closest_b = _closest(scores, related_probs, linked_a, linked_b, rep_a, rep_b)
    return Alignment(matches, rep_a, rep_b, closest_a, closest_b)


def _may_link(
    relatedness: RelatednessModel | None, cut: float,
    pairs: list[tuple[int, int]], features: np.ndarray, anchors: np.ndarray,
) -> np.ndarray:
    """The pairs whose paraphrase probability can change the links (`align(nearest=False)`):
    those the paraphrase gates let through (for the others `_paraphrases` takes it as 0),
    and those whose related link it could lift over the cut, whatever it is from 0 to 1. The
    others may count as probability 0: the links come out the same."""
    gates_open = (
        (anchors[:, _ANCHOR_CONTENT_F1] >= MIN_CONTENT_F1)
        & (features[:, RELATE_FEATURES.index("cosine")] >= MIN_COSINE)
        & (anchors[:, _ANCHOR_LENGTH_LOGRATIO] <= MAX_LENGTH_LOGRATIO)
    )
    if relatedness is None:
        return gates_open
    # A hair under the cut: rounding must not drop a pair that just makes it.
    return gates_open | (relatedness.most_with(features, "paraphrase", 0.0, 1.0) >= cut - 1e-6)


def _paraphrases(
    a_sentences: list[str], b_sentences: list[str], pa: list[Profile], pb: list[Profile],
    scores: PairScores, model: ParaphraseModel, threshold: float,
    rep_a: dict[int, int], rep_b: dict[int, int],
) -> list[Match]:
    """Same and similar pairs: the paraphrase classifier, near-identity and shared quotes."""
    quotes_a = [quoted_fragments(s) for s in a_sentences]
    quotes_b = [quoted_fragments(s) for s in b_sentences]
    probs = scores.paraphrase.copy()
    if len(probs):  # outside what the classifier learnt from: not a paraphrase
        cosine = np.asarray([scores.cosine[i, j] for i, j in scores.pairs])
        x = scores.anchors
        probs[(x[:, _ANCHOR_CONTENT_F1] < MIN_CONTENT_F1) | (cosine < MIN_COSINE)
              | (x[:, _ANCHOR_LENGTH_LOGRATIO] > MAX_LENGTH_LOGRATIO)] = 0.0
    prob = {pair: float(p) for pair, p in zip(scores.pairs, probs, strict=True)}
    # (near-identity, shares a quotation, probability, A sentences, B sentences)
    candidates: list[tuple[float, bool, float, tuple[int, ...], tuple[int, ...]]] = []
    for (i, j), pr in prob.items():
        same = identical(pa[i], pb[j])
        if same or pr >= threshold:
            quoted = shares_run(pa[i], pb[j]) or shares_quote(
                quotes_a[i], quotes_b[j], pa[i], pb[j]
            )
            candidates.append((same, quoted, pr, (i,), (j,)))
        elif pr >= threshold - QUOTE_MARGIN and shares_quote(
            quotes_a[i], quotes_b[j], pa[i], pb[j]
        ):
            candidates.append((same, True, pr, (i,), (j,)))
    # One long sentence against two consecutive short ones, each mostly inside the long one.
    for (i, j), pr in prob.items():
        if (i, j + 1) in prob and j + 1 not in rep_b and _covered(pb[j], pa[i]) and _covered(
            pb[j + 1], pa[i]
        ):
            merged = profile(f"{b_sentences[j]} {b_sentences[j + 1]}")
            m = probability(model, pa[i], merged)
            if m >= threshold and m >= max(pr, prob[i, j + 1]) + MERGE_GAIN:
                candidates.append((0.0, False, m, (i,), (j, j + 1)))
        if (i + 1, j) in prob and i + 1 not in rep_a and _covered(pa[i], pb[j]) and _covered(
            pa[i + 1], pb[j]
        ):
            merged = profile(f"{a_sentences[i]} {a_sentences[i + 1]}")
            m = probability(model, merged, pb[j])
            if m >= threshold and m >= max(pr, prob[i + 1, j]) + MERGE_GAIN:
                candidates.append((0.0, False, m, (i, i + 1), (j,)))

    # Greedy: identical wording first, then a shared quotation, then by probability. The
    # surest pairs claim their sentences first, so a sentence said twice on one side pairs
    # with only one on the other.
    candidates.sort(key=lambda c: (-c[0], not c[1], -c[2], c[3], c[4]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    matches: list[Match] = []
    for same, quoted, score, ia, ib in candidates:
        if used_a.intersection(ia) or used_b.intersection(ib):
            continue
        used_a.update(ia)
        used_b.update(ib)
        if quoted:
            same = score
        matches.append(Match(ia, ib, round(max(score, same), 4), "same" if same else "similar"))
    return matches


def _closest(
    scores: PairScores, probs, linked_a: set[int], linked_b: set[int],
    rep_a: dict[int, int], rep_b: dict[int, int],
) -> tuple[dict[int, Closest], dict[int, Closest]]:
    """For each sentence linked to nothing, its nearest sentence on the other side, so "only
    one side says this" can be checked: the likeliest scored counterpart, else the nearest in
    meaning (score 0: nothing the model would weigh)."""
    best_a: dict[int, Closest] = {}
    best_b: dict[int, Closest] = {}
    for (i, j), p in zip(scores.pairs, probs, strict=True):
        p = round(float(p), 4)
        if i not in linked_a and p >= best_a.get(i, Closest(-1, -1.0)).score:
            best_a[i] = Closest(j, p)
        if j not in linked_b and p >= best_b.get(j, Closest(-1, -1.0)).score:
            best_b[j] = Closest(i, p)
    n_a, n_b = scores.vector.shape
    if n_a and n_b:
        for i in range(n_a):
            if i not in linked_a and i not in rep_a and i not in best_a:
                best_a[i] = Closest(int(np.argmax(scores.vector[i])), 0.0)
        for j in range(n_b):
            if j not in linked_b and j not in rep_b and j not in best_b:
                best_b[j] = Closest(int(np.argmax(scores.vector[:, j])), 0.0)
    return best_a, best_b


def select_links(
    pairs: list[tuple[int, int]], probs, threshold: float, most: int = MOST_LINKS,
) -> list[tuple[int, int]]:
    """Each sentence's `most` likeliest counterparts on the other side that pass the threshold:
    a sentence carrying two facts has two counterparts."""
    rows: dict[int, list[tuple[float, int]]] = {}
    cols: dict[int, list[tuple[float, int]]] = {}
    for k, ((i, j), p) in enumerate(zip(pairs, probs, strict=True)):
        if p >= threshold:
            rows.setdefault(i, []).append((float(p), k))
            cols.setdefault(j, []).append((float(p), k))
    chosen: set[int] = set()
    for ranked in (*rows.values(), *cols.values()):
        chosen.update(k for _, k in sorted(ranked, reverse=True)[:most])
    return [pairs[k] for k in sorted(chosen)]
