"""Word queries ranked block by block: the same scores and order as Whoosh scoring every match."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader import ranking
from reader.docsets import matching_docs
from reader.index import IndexDoc, SearchIndex

WORDS = [
    "storm", "harbour", "ferry", "council", "budget", "vote", "river", "flood", "bridge", "mayor",
]


@pytest.fixture
def index(tmp_path: Path) -> SearchIndex:
    """Three segments, some documents replaced (deleted in their old segment)."""
    ix = SearchIndex(tmp_path / "ix")
    ix.create("lib")

    def doc(i: int, shift: int = 0) -> IndexDoc:
        body = " ".join(WORDS[(i * k + shift) % len(WORDS)] for k in range(1, 4 + i % 7))
        return IndexDoc(i, WORDS[(i + shift) % len(WORDS)], "Outlet", None, body)

    ix.write([doc(i) for i in range(60)], bulk=True)
    ix.write([doc(i) for i in range(60, 90)])
    ix.write([doc(i, shift=3) for i in range(0, 90, 7)])
    yield ix
    ix.close()


@pytest.mark.parametrize("text", [
    "storm", "storm harbour", "storm OR ferry", "flood -bridge", "council vote mayor",
    "title:river", "(storm OR flood) bridge",
])
def test_scores_and_order_equal_whooshs_full_ranking(index: SearchIndex, text: str) -> None:
    searcher = index.searcher()
    q = index.language.parse(text).query
    matched = matching_docs(searcher, q)
    top = ranking.top_docs(searcher, q, matched, 10)
    assert top is not None
    # Whoosh scoring every match, less what its NOT wrongly lets through beside deletions
    # (here a 'bridge' article for 'flood -bridge').
    every = [h for h in searcher.search(q, limit=None, optimize=False) if h.docnum in matched]
    every = every[:10]
    assert top[0] == [hit.docnum for hit in every]
    assert top[1] == pytest.approx([hit.score for hit in every])


@pytest.mark.parametrize("text", ['"storm harbour"', "stor*", "date:2026"])
def test_other_queries_are_left_to_whoosh(index: SearchIndex, text: str) -> None:
    searcher = index.searcher()
    q = index.language.parse(text).query
    assert ranking.top_docs(searcher, q, set(), 10) is None


@pytest.mark.parametrize("text", [
    "storm", "storm harbour", "storm OR ferry", "flood -bridge", "council vote mayor",
    "title:river", "(storm OR flood) bridge", '"storm harbour" ferry', "stor* OR vote",
])
@pytest.mark.parametrize("limit", [1, 5, 10, 200])
def test_posting_arrays_give_the_same_matches_scores_and_order(
    index: SearchIndex, text: str, limit: int
) -> None:
    """Whole posting lists as numpy arrays (reader.postings): the very same answer as the
    block-by-block walk, ties at the edge of the page included, deletions left out."""
    from reader import postings
    from reader.docsets import matching_array
    from reader.index import _expand_prefixes

    searcher = index.searcher()
    q = _expand_prefixes(index.language.parse(text).query, searcher)
    for _ in range(2):  # read from the index, then from the cache
        found = matching_array(searcher, q)
        assert found.tolist() == sorted(matching_docs(searcher, q))
        assert ranking.top_docs(searcher, q, found, limit) == ranking.top_docs(
            searcher, q, set(found.tolist()), limit)
    postings.clear_cache()


def test_a_page_of_no_hits_is_empty(index: SearchIndex) -> None:
    from reader.docsets import matching_array

    searcher = index.searcher()
    q = index.language.parse("storm").query
    assert ranking.top_docs(searcher, q, matching_array(searcher, q), 0) == ([], [])
