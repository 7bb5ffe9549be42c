"""Comparing two articles: aligned sentences, what only one side says, each side's wording.

The public API is `compare_texts` and the `Comparison` it returns; everything is Qt-free.
"""

from reader.compare.comparison import (
    KIND_LABELS,
    KINDS,
    AlignedPair,
    Closest,
    Comparison,
    EntitySpan,
    Span,
    compare_texts,
    strength,
)
from reader.compare.framing import EnglishStats, TermStats
from reader.compare.quotes import Quote

__all__ = [
    "KINDS",
    "KIND_LABELS",
    "AlignedPair",
    "Closest",
    "Comparison",
    "EnglishStats",
    "EntitySpan",
    "Quote",
    "Span",
    "TermStats",
    "compare_texts",
    "strength",
]
