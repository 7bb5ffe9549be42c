"""Hit words found with str.find in the lower-cased text: the very words the regex finds."""

from __future__ import annotations

import pytest

from reader.snippets import HitFinder

TEXTS = [
    "Oil prices rose; OIL-prices fell. Soil and toil are not oil, but oily and oils are.",
    "Prices_up: prices\nPRICED pricier Price",
    "The treaty, the treaties, the peace-treaty and Treatise.",
    "İstanbul oil: lower() makes İ two characters long, so the regex answers here.",
    "",
    "oil",
    "Éire's oil; ÉIRE oil; naïve oil",
    "U.S. trade with the U.S.; us and US",
]


@pytest.mark.parametrize("terms", [
    {"oil", "price"}, {"treati", "peac"}, {"u.s", "trade"}, {"a"}, {"éire", "naïv"}, set(),
])
@pytest.mark.parametrize("text", TEXTS)
def test_candidate_words_are_the_regexs(terms: set[str], text: str) -> None:
    finder = HitFinder(terms)
    regex = finder._candidates
    expected = [m.span() for m in regex.finditer(text)] if regex is not None else []
    assert (finder._candidate_words(text) if regex is not None else []) == expected


def test_spans_and_snippet_of_hit_words() -> None:
    finder = HitFinder({"oil", "price"})
    text = TEXTS[0]
    assert [text[s:e] for s, e in finder.spans(text)] == ["Oil", "prices", "OIL", "prices",
                                                         "oil", "oils"]
    assert finder.snippet(text).marked().startswith("[Oil] [prices] rose")
