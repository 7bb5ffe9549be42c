"""Comparing two articles: aligned sentences, what only one side says, each side's wording.

The public API is `compare_texts` and the `Comparison` it returns; everything is Qt-free.
"""

from reader.compare.comparison import AlignedPair, Comparison, EntitySpan, Span, compare_texts
from reader.compare.framing import EnglishStats, TermStats
from reader.compare.quotes import Quote

__all__ = [
    "AlignedPair",
    "Comparison",
    "EnglishStats",
    "EntitySpan",
    "Quote",
    "Span",
    "TermStats",
    "compare_texts",
]
