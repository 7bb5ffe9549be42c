"""Sentence alignment between two articles: one-to-one and one-to-two, order-free.

Candidate pairs come from shared content words (TF-IDF cosine); the paraphrase classifier
scores them, and a greedy global assignment by score keeps each sentence in at most one pair.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass

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

# The classifier learnt on MSRP, whose pairs all share much of their content words (none
# under 0.26 content-word F1, 99.5% of paraphrases above 0.33) and are of like length (99.5%
# of paraphrases within a word-count ratio of 1.6). Pairs outside that are outside what it
# knows, where it is confidently wrong, and are not aligned (a long sentence against a short
# one still has the one-to-two merge). The cosine floor only keeps long articles fast.
MIN_CONTENT_F1 = 0.3
MAX_LENGTH_LOGRATIO = 0.7  # about twice the words
_LENGTH_LOGRATIO = FEATURE_NAMES.index("len_logratio")
MIN_COSINE = 0.1
_CONTENT_F1 = FEATURE_NAMES.index("content_f1")
# Each sentence is scored against only its best few candidates on the other side.
TOP_K = 6
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
# A merged pair must beat the best pair of its parts by this much to be preferred, and each
# part must have this share of its content words in the sentence it is merged against.
MERGE_GAIN = 0.02
MERGE_PART_COVERED = 0.4


@dataclass(frozen=True)
class Match:
    """Sentences (indices) of each side that say the same thing, with the classifier's view."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float
    kind: str  # "same" | "similar"


@dataclass
class Alignment:
    matches: list[Match]
    repeats_a: dict[int, int]  # sentence index -> index of the earlier identical sentence
    repeats_b: dict[int, int]


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


def _cosines(pa: list[Profile], pb: list[Profile], skip_a, skip_b) -> dict[tuple[int, int], float]:
    """TF-IDF cosine of every pair that shares a content word, via an inverted index on B."""
    postings: dict[str, list[int]] = defaultdict(list)
    for j, q in enumerate(pb):
        if j not in skip_b:
            for s in q.weights:
                postings[s].append(j)
    out: dict[tuple[int, int], float] = {}
    for i, p in enumerate(pa):
        if i in skip_a:
            continue
        dots: dict[int, float] = defaultdict(float)
        for s, w in p.weights.items():
            for j in postings.get(s, ()):
                dots[j] += w * pb[j].weights[s]
        for j, dot in dots.items():
            cos = dot / (p.norm * pb[j].norm)
            if cos >= MIN_COSINE:
                out[i, j] = cos
    return out


def _shortlist(cos: dict[tuple[int, int], float]) -> set[tuple[int, int]]:
    by_a: dict[int, list[tuple[float, int]]] = defaultdict(list)
    by_b: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (i, j), c in cos.items():
        by_a[i].append((c, j))
        by_b[j].append((c, i))
    keep = set()
    for i, row in by_a.items():
        keep.update((i, j) for _, j in heapq.nlargest(TOP_K, row))
    for j, col in by_b.items():
        keep.update((i, j) for _, i in heapq.nlargest(TOP_K, col))
    return keep


def probability(model: ParaphraseModel, p: Profile, q: Profile) -> float:
    """The classifier's probability, or 0 for a pair too unlike anything it learnt from."""
    x = pair_features(p, q)
    if x[_CONTENT_F1] < MIN_CONTENT_F1 or x[_LENGTH_LOGRATIO] > MAX_LENGTH_LOGRATIO:
        return 0.0
    return model.probability_of(x)


def identical(p: Profile, q: Profile) -> float:
    """Word-sequence similarity when near-identical (aligned regardless), else 0."""
    similarity = Indel.normalized_similarity(p.words, q.words)
    return similarity if similarity >= SAME_WORDING else 0.0


def shares_quote(a: str, b: str, p: Profile, q: Profile) -> bool:
    """One sentence quotes words (QUOTE_WORDS or more) that the other repeats verbatim."""
    for text, other in ((a, q), (b, p)):
        for quote in find_quotes(text):
            words = [normalize(t) for t in tokenize(quote.text)]
            n = len(words)
            if n >= QUOTE_WORDS and any(
                other.words[k : k + n] == words for k in range(len(other.words) - n + 1)
            ):
                return True
    return False


def shares_run(p: Profile, q: Profile) -> bool:
    # A run of SHARED_RUN words leaves SHARED_RUN - 2 common trigrams; test that cheaply first.
    return len(p.trigrams & q.trigrams) >= SHARED_RUN - 2 and (
        longest_common_run(p.words, q.words) >= SHARED_RUN
    )


def _covered(part: Profile, whole: Profile) -> bool:
    return len(part.content & whole.content) >= MERGE_PART_COVERED * len(part.content)


def align(
    a_sentences: list[str], b_sentences: list[str], model: ParaphraseModel,
    threshold: float | None = None,
) -> Alignment:
    """Pairs of sentence groups (1-1, 1-2 or 2-1) whose probability passes the threshold."""
    threshold = model.threshold if threshold is None else threshold
    pa = [profile(s) for s in a_sentences]
    pb = [profile(s) for s in b_sentences]
    rep_a, rep_b = find_repeats(pa), find_repeats(pb)
    pairs = _shortlist(_cosines(pa, pb, rep_a, rep_b))

    prob = {(i, j): probability(model, pa[i], pb[j]) for i, j in pairs}
    # (near-identity, shares a quotation, probability, A sentences, B sentences)
    candidates: list[tuple[float, bool, float, tuple[int, ...], tuple[int, ...]]] = []
    for (i, j), pr in prob.items():
        same = identical(pa[i], pb[j])
        if same or pr >= threshold:
            quoted = shares_run(pa[i], pb[j]) or shares_quote(
                a_sentences[i], b_sentences[j], pa[i], pb[j]
            )
            candidates.append((same, quoted, pr, (i,), (j,)))
        elif pr >= threshold - QUOTE_MARGIN and shares_quote(
            a_sentences[i], b_sentences[j], pa[i], pb[j]
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
    matches.sort(key=lambda m: (m.a, m.b))
    return Alignment(matches, rep_a, rep_b)
