"""The search index's upkeep: updates seen at once, segments kept few, writes beside searches."""

from __future__ import annotations

import threading
from pathlib import Path

from reader.index import IndexDoc, SearchIndex


def _doc(i: int, body: str) -> IndexDoc:
    return IndexDoc(i, f"title {i}", "Outlet", None, body)


def _ids(index: SearchIndex, text: str) -> set[int]:
    return set(index.search(index.language.parse(text), limit=None).ids)


def test_updated_articles_are_found_by_their_new_text_only(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "ix")
    index.create("lib")
    index.write([_doc(i, "harbour storm") for i in range(5)], bulk=True)
    assert _ids(index, "harbour") == set(range(5))
    index.write([_doc(i, "mountain pass") for i in range(3)])
    assert _ids(index, "harbour") == {3, 4}
    assert _ids(index, "mountain") == {0, 1, 2}
    assert index.doc_count() == 5


def test_many_small_writes_stay_in_few_segments(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "ix")
    index.create("lib")
    index.write([_doc(i, "word") for i in range(400)], bulk=True)
    for start in range(400, 440, 2):
        index.write([_doc(start, "word"), _doc(start + 1, "word")])
    assert index.segment_count() <= 5
    assert index.doc_count() == 440


def test_a_search_does_not_wait_for_a_write_in_progress(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "ix")
    index.create("lib")
    index.write([_doc(i, "harbour") for i in range(10)], bulk=True)
    index.searcher()
    writing, release = threading.Event(), threading.Event()

    def held_docs():
        yield _doc(10, "harbour")
        writing.set()
        release.wait(timeout=10)  # the writer is stuck mid-write until the search is done
        yield _doc(11, "harbour")

    writer = threading.Thread(target=lambda: index.write(held_docs()))
    writer.start()
    writing.wait(timeout=10)
    found: list[set[int]] = []
    searcher = threading.Thread(target=lambda: found.append(_ids(index, "harbour")))
    searcher.start()
    searcher.join(timeout=5)
    answered = not searcher.is_alive()
    release.set()
    writer.join()
    searcher.join()
    assert answered, "the search waited for the writer"
    assert found == [set(range(10))]  # the state before the write, not a half-written one
    assert _ids(index, "harbour") == set(range(12))


def test_facets_survive_a_segment_of_articles_without_outlet(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "ix")
    index.create("lib")
    index.write([IndexDoc(i, "t", "RT", None, "harbour") for i in range(20)], bulk=True)
    index.write([IndexDoc(i, "t", None, None, "harbour") for i in range(20, 22)])
    hits = index.search(index.language.parse("harbour"), limit=None)
    assert hits.total == 22
    assert dict(hits.outlet_counts) == {"RT": 20}


def test_all_results_survive_a_segment_of_articles_without_date(tmp_path: Path) -> None:
    from reader.models import PubDate

    index = SearchIndex(tmp_path / "ix")
    index.create("lib")
    dated = PubDate(2025, 3, 1)
    index.write([IndexDoc(i, "t", "RT", dated, "harbour") for i in range(600)], bulk=True)
    index.write([IndexDoc(i, "t", "RT", None, "harbour") for i in range(600, 602)])
    hits = index.search(index.language.parse("harbour"), limit=None)  # ranked + rest by date
    assert hits.total == 602 and len(hits.ids) == 602


def test_counting_matches_agrees_with_whoosh(seeded_library) -> None:
    from reader.docsets import matching_docs
    from reader.index import _expand_prefixes

    searcher = seeded_library.index.searcher()
    for text in ["treaty", "peace treaty", "Japan OR Kuril", "treaty NOT Takaichi",
                 '"peace treaty"', "negotiat*", "Takaichy~", "date:2026 treaty",
                 "outlet:rt Peskov", "(Japan OR Russia) sanctions"]:
        q = _expand_prefixes(seeded_library.parse(text).query, searcher)
        assert matching_docs(searcher, q) == set(searcher.docs_for_query(q)), text


def test_counting_skips_deleted_versions_in_a_segment_that_stays(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "ix")
    index.create("lib")
    index.write([_doc(i, "harbour") for i in range(30)], bulk=True)
    index.write([_doc(0, "mountain")])  # one deletion: the big segment is not merged away
    hits = index.search(index.language.parse("harbour"), limit=5)
    assert hits.total == 29
    assert index.search(index.language.parse("mountain"), limit=5).total == 1


def test_every_match_comes_back_when_asked_for_all(tmp_path: Path) -> None:
    from reader import index as index_module

    index = SearchIndex(tmp_path / "ix")
    index.create("lib")
    index.write([_doc(i, "harbour " * (1 + i % 3)) for i in range(40)], bulk=True)
    depth, index_module.RANKED_DEPTH = index_module.RANKED_DEPTH, 10
    try:
        hits = index.search(index.language.parse("harbour"), limit=None)
    finally:
        index_module.RANKED_DEPTH = depth
    assert sorted(hits.ids) == list(range(40)) and hits.total == 40
    assert hits.scores[0] >= hits.scores[9] > 0  # the first ten ranked, the rest follow


def test_body_words_are_the_bodys_postings_without_positions(tmp_path: Path) -> None:
    """`body_words` (read to count and rank) holds exactly `body`'s documents, weights and
    field lengths; phrases still read `body`'s positions."""
    from reader.body_words import BODY_WORDS

    ix = SearchIndex(tmp_path / "ix")
    ix.create("lib")
    texts = ["Storm storms the harbour; the storm passed.", "A ferry, a river and a storm.",
             "Harbour river harbour.", ""]
    ix.write([IndexDoc(i, "t", "o", None, texts[i % len(texts)]) for i in range(12)], bulk=True)
    searcher = ix.searcher()
    reader = searcher.reader()
    words = {t for f, t in reader.all_terms() if f == "body"}
    assert words == {t for f, t in reader.all_terms() if f == BODY_WORDS}
    for word in words:
        assert list(reader.postings("body", word).items_as("weight")) == list(
            reader.postings(BODY_WORDS, word).items_as("weight"))
        assert not reader.postings(BODY_WORDS, word).supports("positions")
    for docnum in range(12):
        assert searcher.doc_field_length(docnum, "body") == searcher.doc_field_length(
            docnum, BODY_WORDS)
    assert ix.search(ix.language.parse('"the storm passed"')).total == 3
    ix.close()


def test_a_write_by_several_processes_finds_what_one_writes(tmp_path: Path, monkeypatch) -> None:
    """Without an import's worker pool, a large write starts writer processes of its own
    (each writing a segment with the fast writer), in segments of SEGMENT_DOCS at most."""
    import multiprocessing

    from reader import index as index_module

    monkeypatch.setattr(index_module, "SEGMENT_DOCS", 20)
    words = ["harbour", "storm", "council", "budget", "river"]
    docs = [_doc(i, " ".join(words[(i + k) % 5] for k in range(i % 4 + 1))) for i in range(90)]
    one = SearchIndex(tmp_path / "one")
    one.create("lib")
    one.write(docs, bulk=True)
    two = SearchIndex(tmp_path / "two")
    two.create("lib")
    assert two.write(docs, bulk=True, procs=2) == 90
    assert two.segment_count() >= 3  # 90 articles, at most 20 per process and commit
    for word in [*words, "harbour storm", '"storm council"']:
        assert _ids(two, word) == _ids(one, word), word
    two.write([_doc(3, "zeppelin")], procs=2)  # an update: the old version is gone
    assert _ids(two, "zeppelin") == {3} and 3 not in _ids(two, "harbour")
    assert two.doc_count() == 90
    assert multiprocessing.active_children() == []
