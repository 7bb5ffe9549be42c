"""`compare_texts`: two articles in, a `Comparison` out (aligned pairs, one-sided sentences,
framing terms, quotations), with offsets into the texts as given.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from reader.compare.canonical import split_names
from reader.compare.framing import TermStats, framing_terms
from reader.compare.quotes import Quote, find_quotes
from reader.compare.sentences import split_sentences

if TYPE_CHECKING:  # the aligner brings numpy and the models: loaded on the first comparison
    from reader.compare.align import Closest as Nearest
    from reader.compare.paraphrase import ParaphraseModel

log = logging.getLogger(__name__)

Span = tuple[int, int]
# (start, end, label, canonical name), as the entity layer will provide them.
EntitySpan = tuple[int, int, str, str]


Kind = Literal["same", "similar", "related"]
# Strongest first: where a sentence has several links, the strongest stands for it.
KINDS: tuple[Kind, ...] = ("same", "similar", "related")
# How the window, the export and the command line name each kind.
KIND_LABELS: dict[str, str] = {
    "same": "same wording",
    "similar": "similar: the same fact in other words",
    "related": "related: the same event, figure or quote with other detail",
}


@dataclass(frozen=True)
class AlignedPair:
    """Sentences of A and of B that report the same thing; a span covers one or two sentences.

    `same`: the same wording (copied wire text, a shared quote); `similar`: the same fact or
    claim in other words; `related`: the same event, figure or quote with other detail or
    framing. A sentence may be in several pairs when it carries several facts.
    """

    a: Span
    b: Span
    score: float  # the paraphrase probability (same, similar) or the relatedness (related)
    kind: Kind
    a_sentences: tuple[int, ...] = ()  # indices into Comparison.sentences_a
    b_sentences: tuple[int, ...] = ()

    def to_json(self) -> dict:
        return {"a": list(self.a), "b": list(self.b), "score": self.score, "kind": self.kind}


@dataclass(frozen=True)
class Closest:
    """For a sentence only one side reports: the nearest sentence the other side has."""

    sentence: Span
    other: Span | None  # None when the other side has no sentence at all
    score: float  # how likely the two report the same thing (0: nearest in meaning only)

    def to_json(self) -> dict:
        return {
            "sentence": list(self.sentence),
            "other": list(self.other) if self.other else None,
            "score": self.score,
        }


@dataclass
class Comparison:
    a_text: str
    b_text: str
    sentences_a: list[Span]
    sentences_b: list[Span]
    pairs: list[AlignedPair]
    only_a: list[Span]
    only_b: list[Span]
    # Sentences that repeat an earlier one of the same article (a pasted-twice paragraph):
    # neither aligned again nor "only" on their side.
    repeated_a: list[Span] = field(default_factory=list)
    repeated_b: list[Span] = field(default_factory=list)
    # {"a": [terms], "b": [terms], "contrasts": [[term of A, term of B], ...]}
    framing: dict[str, list] = field(
        default_factory=lambda: {"a": [], "b": [], "contrasts": []}
    )
    quotes_a: list[Quote] = field(default_factory=list)
    quotes_b: list[Quote] = field(default_factory=list)
    entities_a: list[EntitySpan] = field(default_factory=list)
    entities_b: list[EntitySpan] = field(default_factory=list)
    shared_entities: list[str] = field(default_factory=list)
    # TIMEX3 values of dates only one side mentions (filled by Library.compare_articles, which
    # has the analysed dates; texts compared as given have none).
    dates_only_a: list[str] = field(default_factory=list)
    dates_only_b: list[str] = field(default_factory=list)
    # For each span of only_a / only_b, in the same order: the nearest sentence of the other
    # side, so a user can judge "only this side says it" for themselves.
    closest_a: list[Closest] = field(default_factory=list)
    closest_b: list[Closest] = field(default_factory=list)

    @property
    def coverage_a(self) -> float:
        """Share of A's characters (in sentences, repeats left out) that B covers."""
        return _coverage(self.sentences_a, self.repeated_a, [p.a_sentences for p in self.pairs])

    @property
    def coverage_b(self) -> float:
        return _coverage(self.sentences_b, self.repeated_b, [p.b_sentences for p in self.pairs])

    @property
    def entities_only_a(self) -> list[str]:
        """Canonical names only A mentions, under no name of B's either ("Trump" is not only A's
        when B says "Donald Trump"); empty until the entity layer passes entities."""
        return split_names(self.entities_a, self.entities_b)[1]

    @property
    def entities_only_b(self) -> list[str]:
        return split_names(self.entities_a, self.entities_b)[2]

    def counterpart(self, side: Literal["a", "b"], offset: int) -> AlignedPair | None:
        """The strongest pair whose span on `side` holds `offset` (click one side, scroll the
        other)."""
        found = [
            pair for pair in self.pairs
            if (span := pair.a if side == "a" else pair.b)[0] <= offset < span[1]
        ]
        return min(found, key=strength) if found else None

    def sentence_pairs(self, side: Literal["a", "b"]) -> list[int | None]:
        """For each sentence of `side`, the index in `pairs` of its strongest pair, or None
        (the view colours a sentence by it)."""
        return [links[0] if links else None for links in self.sentence_links(side)]

    def sentence_links(self, side: Literal["a", "b"]) -> list[list[int]]:
        """For each sentence of `side`, the indices in `pairs` of all its pairs, strongest
        first (the view draws one connector per pair)."""
        spans = self.sentences_a if side == "a" else self.sentences_b
        out: list[list[int]] = [[] for _ in spans]
        for k, pair in enumerate(self.pairs):
            for i in pair.a_sentences if side == "a" else pair.b_sentences:
                out[i].append(k)
        for links in out:
            links.sort(key=lambda k: strength(self.pairs[k]))
        return out

    def closest_to(self, side: Literal["a", "b"], offset: int) -> Closest | None:
        """The nearest sentence on the other side of the one-sided sentence holding `offset`."""
        for c in self.closest_a if side == "a" else self.closest_b:
            if c.sentence[0] <= offset < c.sentence[1]:
                return c
        return None

    def counts(self) -> dict[str, int]:
        """What the summary bar shows: pairs by kind and one-sided sentences."""
        return {
            **{kind: sum(p.kind == kind for p in self.pairs) for kind in KINDS},
            "only_a": len(self.only_a),
            "only_b": len(self.only_b),
        }

    def to_json(self) -> dict:
        """The `reader compare --json` / `--batch` shape (issue 6), plus quotes and repeats."""
        return {
            "pairs": [p.to_json() for p in self.pairs],
            "only_a": [list(s) for s in self.only_a],
            "only_b": [list(s) for s in self.only_b],
            "shared_entities": list(self.shared_entities),
            "framing": {
                "a": list(self.framing["a"]),
                "b": list(self.framing["b"]),
                "contrasts": [list(pair) for pair in self.framing.get("contrasts", [])],
            },
            "a_text": self.a_text,
            "b_text": self.b_text,
            "quotes_a": [q.to_json() for q in self.quotes_a],
            "quotes_b": [q.to_json() for q in self.quotes_b],
            "entities_only_a": self.entities_only_a,
            "entities_only_b": self.entities_only_b,
            "repeated_a": [list(s) for s in self.repeated_a],
            "repeated_b": [list(s) for s in self.repeated_b],
            "coverage_a": round(self.coverage_a, 4),
            "coverage_b": round(self.coverage_b, 4),
            "dates_only_a": list(self.dates_only_a),
            "dates_only_b": list(self.dates_only_b),
            "closest": {
                "a": [c.to_json() for c in self.closest_a],
                "b": [c.to_json() for c in self.closest_b],
            },
        }


def strength(pair: AlignedPair) -> tuple[int, float]:
    """Sort key, strongest pair first: by kind, then by score."""
    return KINDS.index(pair.kind), -pair.score


def _coverage(sentences: list[Span], repeated: list[Span], covered: list[tuple[int, ...]]) -> float:
    skip = set(repeated)
    hit = {i for group in covered for i in group}
    total = sum(e - s for s, e in sentences if (s, e) not in skip)
    done = sum(e - s for i, (s, e) in enumerate(sentences) if i in hit)
    return done / total if total else 0.0


def compare_texts(
    a: str, b: str, *,
    background: TermStats | None = None,
    entities_a: list[EntitySpan] | None = None,
    entities_b: list[EntitySpan] | None = None,
    model: ParaphraseModel | None = None,
    threshold: float | None = None,
    related: bool = True,
    use_vectors: bool = True,
) -> Comparison:
    """Align the sentences of two articles and find what each says alone and how it words it.

    `background` gives library-wide document frequencies for the framing terms (else a
    shipped news word list); `model`/`threshold` override the shipped classifier, and
    `related`/`use_vectors` turn the relatedness links and the word vectors off (evaluation).
    """
    from reader.compare.align import align
    from reader.compare.paraphrase import load_model

    model = model or load_model()
    spans_a, spans_b = split_sentences(a), split_sentences(b)
    result = align([a[s:e] for s, e in spans_a], [b[s:e] for s, e in spans_b], model, threshold,
                   related=related, use_vectors=use_vectors)
    pairs = [
        AlignedPair(
            a=(spans_a[m.a[0]][0], spans_a[m.a[-1]][1]),
            b=(spans_b[m.b[0]][0], spans_b[m.b[-1]][1]),
            score=m.score,
            kind=m.kind,  # type: ignore[arg-type]
            a_sentences=m.a,
            b_sentences=m.b,
        )
        for m in result.matches
    ]
    used_a = {i for m in result.matches for i in m.a}
    used_b = {j for m in result.matches for j in m.b}
    only_a, repeated_a = _leftovers(spans_a, used_a, result.repeats_a)
    only_b, repeated_b = _leftovers(spans_b, used_b, result.repeats_b)
    closest_a = _closest(spans_a, spans_b, used_a, result.repeats_a, result.closest_a)
    closest_b = _closest(spans_b, spans_a, used_b, result.repeats_b, result.closest_b)
    # Paraphrase pairs tell framing where the two sides name the same thing differently
    # (tuned so; related sentences differ by detail as much as by wording).
    framing = framing_terms(
        a, spans_a, b, spans_b, [(m.a, m.b) for m in result.matches if m.kind != "related"],
        background,
    )
    log.debug("compared %d and %d sentences: %d pairs", len(spans_a), len(spans_b), len(pairs))
    return Comparison(
        a_text=a, b_text=b, sentences_a=spans_a, sentences_b=spans_b, pairs=pairs,
        only_a=only_a, only_b=only_b, repeated_a=repeated_a, repeated_b=repeated_b,
        framing=framing, quotes_a=find_quotes(a, _people(entities_a)),
        quotes_b=find_quotes(b, _people(entities_b)),
        entities_a=list(entities_a or []), entities_b=list(entities_b or []),
        shared_entities=split_names(entities_a or [], entities_b or [])[0],
        closest_a=closest_a, closest_b=closest_b,
    )


def _people(entities: list[EntitySpan] | None) -> list[tuple[int, int, str]]:
    """The PERSON mentions, for the quotations' speakers."""
    return [(s, e, name) for s, e, label, name in entities or [] if label == "PERSON"]


def _closest(
    spans: list[Span], other: list[Span], used: set[int], repeats: dict[int, int],
    nearest: dict[int, Nearest],
) -> list[Closest]:
    """One `Closest` per one-sided sentence (the order of `only_a`/`only_b`)."""
    out = []
    for i, span in enumerate(spans):
        if i in used or i in repeats:
            continue
        near = nearest.get(i)
        if near is None or not other:
            out.append(Closest(span, None, 0.0))
        else:
            out.append(Closest(span, other[near.index], near.score))
    return out


def _leftovers(spans: list[Span], used: set[int], repeats: dict[int, int]) -> tuple[list, list]:
    """Unaligned sentences, split into one-sided ones and repeats of an earlier sentence.

    A repeat is listed once, as a repeat, whatever became of its original: the view marks the
    original's status and greys the copy.
    """
    only, repeated = [], []
    for i, span in enumerate(spans):
        if i in repeats:
            repeated.append(span)
        elif i not in used:
            only.append(span)
    return only, repeated
