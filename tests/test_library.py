"""The library as a user meets it: import, duplicates, interruptions, search, editing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader import import_prep
from reader.errors import QuerySyntaxError, UserError
from reader.library import Library
from reader.models import PubDate


def _article(tmp_path: Path, name: str, title: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return path


def test_import_reports_every_file_and_keeps_going(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    _article(src, "a.txt", "Harbour reopens", "The harbour reopened on Monday after storms.")
    _article(src, "b.txt", "Mayor resigns", "The mayor resigned after a vote of no confidence.")
    (src / "broken.txt").write_bytes(b"\x00\x01\x02" * 100)
    (src / "empty.txt").write_bytes(b"")
    with Library(tmp_path / "lib") as library:
        report = library.import_paths([src])
        assert [Path(p).name for p, _ in report.imported] == ["a.txt", "b.txt"]
        assert {Path(p).name: r for p, r in report.failed} == {
            "broken.txt": "binary file, not text (save it as .txt, .html, .md or .jsonl)",
            "empty.txt": "empty file",
        }
        again = library.import_paths([src / "a.txt"])
        assert again.duplicates == [(str(src / "a.txt"), report.imported[0][1])]
        assert library.search("harbour").total == 1


def test_duplicates_inside_one_import_are_caught(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    _article(src, "a.txt", "Same story", "Exactly the same words.")
    _article(src, "b.txt", "Same story", "Exactly  the same\nwords.")
    with Library(tmp_path / "lib") as library:
        report = library.import_paths([src])
        assert len(report.imported) == 1 and len(report.duplicates) == 1


def test_interrupted_import_keeps_what_was_imported(tmp_path: Path, monkeypatch) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for i in range(12):
        _article(src, f"{i:02d}.txt", f"Story {i}", f"Report number {i} about the harbour.")
    calls = {"n": 0}
    real_clean = import_prep.clean_article

    def clean_then_interrupt(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 9:
            raise KeyboardInterrupt
        return real_clean(*args, **kwargs)

    monkeypatch.setattr(import_prep, "clean_article", clean_then_interrupt)
    library = Library(tmp_path / "lib")
    with pytest.raises(KeyboardInterrupt):
        library.import_paths([src], store_batch=5)
    library.close()
    monkeypatch.undo()
    # Next start: the eight articles read before the interruption are all there and searchable.
    with Library(tmp_path / "lib") as reopened:
        assert reopened.store.count() == 8
        assert reopened.search("harbour", limit=50).total == 8


def test_index_queue_is_caught_up_on_next_start(tmp_path: Path, seeds_folder: Path) -> None:
    with Library(tmp_path / "lib") as library:
        library.import_paths([seeds_folder])
        # Simulate a crash between the store commit and the index commit.
        library.store.queue_all_for_index()
        library.index.create(library.library_id)
    with Library(tmp_path / "lib") as reopened:
        assert reopened.search("Peskov").total >= 4


def test_missing_or_outdated_index_is_rebuilt(tmp_path: Path, seeds_folder: Path) -> None:
    with Library(tmp_path / "lib") as library:
        library.import_paths([seeds_folder])
    shutil.rmtree(tmp_path / "lib" / "index")
    with Library(tmp_path / "lib") as reopened:
        assert reopened.search("Kuril").total >= 4
    info_file = tmp_path / "lib" / "index" / "reader-index.json"
    info = json.loads(info_file.read_text())
    body = json.loads(info["body"])
    body["schema"] = 0
    info["body"] = json.dumps(body)  # (the signature no longer matches either)
    info_file.write_text(json.dumps(info))
    with Library(tmp_path / "lib") as reopened:
        assert reopened.search("Kuril").total >= 4
        assert json.loads(json.loads(info_file.read_text())["body"])["schema"] != 0


def test_query_language(seeded_library: Library) -> None:
    def ids(q: str, **kw) -> set[int]:
        return {h.id for h in seeded_library.search(q, limit=50, **kw).hits}

    everything = ids("treaty")
    assert len(everything) == 5
    book = ids('"Diplomatic Blue Book"')
    assert book == ids("Diplomatic Blue Book") and len(book) == 1
    assert ids("Takaichi OR Ishiba") == ids("Takaichi") | ids("Ishiba")
    assert ids("treaty NOT Takaichi") == everything - ids("Takaichi")
    assert ids("treaty -Takaichi") == ids("treaty NOT Takaichi")
    assert len(ids('outlet:"morning star"')) == 1
    assert ids("outlet:rt") == ids("outlet:RT") and len(ids("outlet:rt")) >= 1
    assert ids("date:2026") == ids("date:2026-02")
    assert ids("date:[2025-01 to 2025-12]") | ids("date:2026") == ids("date:[2025 to 2026]")
    assert ids("negotiat*") == ids("negotiations OR negotiating OR negotiate OR negotiation")
    assert ids("Takaichy~") == ids("Takaichi")
    assert ids("title:Kremlin") < everything


def test_unreadable_queries_get_friendly_messages(seeded_library: Library) -> None:
    for bad, words in [
        ('"peace treaty', "quotation mark"),
        ("(Japan OR Russia", "brackets"),
        ("author:smith", "no field 'author:'"),
        ("date:[foo to bar]", "'foo' is not a date"),
        ("", "Type some words"),
        ("the AND", "lone AND"),
        ("the", "common words"),
    ]:
        with pytest.raises(QuerySyntaxError, match=words):
            seeded_library.search(bad)


def test_results_have_snippets_facets_and_sorting(seeded_library: Library) -> None:
    result = seeded_library.search("peace treaty", limit=10)
    assert result.total == 5
    top = result.hits[0]
    marked = top.snippet.marked()
    assert "[peace]" in marked and "[treaty]" in marked
    assert sum(result.outlet_counts.values()) <= result.total
    assert result.outlet_counts.get("Morning Star") == 1
    by_date = seeded_library.search("treaty", sort="date", limit=10).hits
    dates = [h.published.first_day() for h in by_date if h.published]
    assert dates == sorted(dates, reverse=True)


def test_outlet_and_date_filters(seeded_library: Library) -> None:
    only_ms = seeded_library.search("treaty", outlets=["morning star"])
    assert {h.outlet for h in only_ms.hits} == {"Morning Star"}
    assert only_ms.total == 1
    # Facets still show the other outlets so the user can switch.
    assert len(only_ms.outlet_counts) > 1
    spring = seeded_library.search(
        "treaty", since=PubDate(2026, 2), until=PubDate(2026, 2)
    )
    assert spring.total >= 2
    assert all(h.published and h.published.iso().startswith("2026-02") for h in spring.hits)


def test_did_you_mean(seeded_library: Library) -> None:
    result = seeded_library.search("Peskof")
    assert result.total == 0
    assert result.suggestion == "Peskov"  # in the case it was typed


def test_editing_metadata_updates_store_and_index(seeded_library: Library) -> None:
    blog = next(r for r in seeded_library.rows() if r.outlet is None and r.title is None)
    seeded_library.update_metadata(blog.id, outlet="Kuril Blog", published="2025-04-10")
    article = seeded_library.get(blog.id)
    assert article.outlet == "Kuril Blog"
    assert article.published == PubDate(2025, 4, 10)
    assert [h.id for h in seeded_library.search("outlet:kuril").hits] == [blog.id]
    assert "outlet" in seeded_library.store.edited_fields(blog.id)
    with pytest.raises(UserError, match="not a date"):
        seeded_library.update_metadata(blog.id, published="April")


def test_first_start_imports_the_bundled_seeds_once(tmp_path: Path) -> None:
    with Library(tmp_path / "lib") as library:
        assert library.import_seeds_if_empty() is True
        assert library.store.count() == 5
        assert library.import_seeds_if_empty() is False
        assert library.store.count() == 5


def test_searcher_is_kept_open_between_queries(seeded_library: Library) -> None:
    first = seeded_library.index.searcher()
    seeded_library.search("treaty")
    assert seeded_library.index.searcher() is first


def test_similar_articles_come_from_other_outlets(seeded_library: Library, tmp_path: Path) -> None:
    rt = next(r for r in seeded_library.rows() if r.outlet == "RT")
    unrelated = _article(tmp_path, "cake.txt", "Village bake-off",
                         "The village fete crowned a lemon drizzle cake after a tense final.")
    seeded_library.import_paths([unrelated])
    found = seeded_library.similar_articles(rt.id)
    outlets = {r.id: r.outlet for r in seeded_library.rows()}
    assert found and all(outlets[i] != "RT" for i, _ in found)
    assert rt.id not in {i for i, _ in found}
    cake = next(r.id for r in seeded_library.rows() if r.title == "Village bake-off")
    ranked = [i for i, _ in found]
    assert cake not in ranked or ranked.index(cake) == len(ranked) - 1


def test_body_words_after_a_title_word_are_highlighted(seeded_library: Library) -> None:
    result = seeded_library.search("title:Kremlin Peskov", limit=5)
    assert result.hits
    assert any("[Peskov]" in h.snippet.marked() for h in result.hits)


def test_negated_words_are_not_highlighted(seeded_library: Library) -> None:
    result = seeded_library.search("treaty NOT Takaichi", limit=5)
    assert result.hits and all("[Takaichi]" not in h.snippet.marked() for h in result.hits)
    assert result.finder is not None and "takaichi" not in result.finder.terms


def test_suggestion_on_its_own(seeded_library: Library) -> None:
    assert seeded_library.search("Peskof", suggest=False).suggestion is None
    assert seeded_library.suggest("Peskof") == "Peskov"
    assert seeded_library.suggest('"unclosed') is None


def test_browsing_without_a_query(seeded_library: Library) -> None:
    ids, counts = seeded_library.store.browse()
    dates = [seeded_library.get(i).published for i in ids]
    known = [d.first_day() for d in dates if d]
    assert known == sorted(known, reverse=True) and dates[-1] is None  # undated last
    assert counts == {"RT": 2, "MENAFN": 1, "Morning Star": 1}
    feb, _ = seeded_library.store.browse(since=PubDate(2026, 2), until=PubDate(2026, 2))
    assert len(feb) == 2
    rt, counts_rt = seeded_library.store.browse(outlet="RT", until=PubDate(2025))
    assert len(rt) == 1 and counts_rt["MENAFN"] == 1


def test_the_window_pages_through_library_search(seeded_library: Library) -> None:
    """One search path: the window's pages come from Library.search, so its outlet names match
    without regard to case and a bad sort order is told, as on the command line."""
    from reader.search_pages import SearchRequest

    found = seeded_library.search("peace", outlets=["RT"], limit=None, all_ids=True)
    page = seeded_library.search_page(SearchRequest("peace", outlet="rt"))
    assert page.error is None and page.ids == found.ids and page.total == 2
    assert all(page.entries[i].row.outlet == "RT" for i in page.ids)
    assert page.outlet_counts == found.outlet_counts and page.library_total == 5
    wrong = seeded_library.search_page(SearchRequest("peace", sort="newest"))
    assert wrong.error == "Sort by 'relevance' or 'date'."
    browsing = seeded_library.search_page(SearchRequest(""))
    assert browsing.total == 5 and len(browsing.entries) == 5
    untitled = [e for e in browsing.entries.values() if e.untitled]
    assert untitled and all(e.title for e in untitled)  # a stand-in from the first words


def test_a_month_or_day_in_date_means_that_month_or_day(seeded_library: Library) -> None:
    def ids(query: str) -> set[int]:
        return {h.id for h in seeded_library.search(query, limit=50).hits}

    published = {r.id: r.published.iso() for r in seeded_library.rows() if r.published}
    october, may = ids("date:2025-10"), ids("date:2025-05")
    assert october and all(published[i].startswith("2025-10") for i in october)
    assert may and all(published[i].startswith("2025-05") for i in may)
    day = ids("date:2025-10-25")
    assert day and all(published[i] == "2025-10-25" for i in day)
    assert ids("date:2025") >= october | may


def test_a_hyphen_inside_a_word_is_not_a_minus(seeded_library: Library) -> None:
    def ids(query: str) -> set[int]:
        return {h.id for h in seeded_library.search(query, limit=50).hits}

    far_right = ids("far-right")
    assert far_right and far_right <= ids("far right")  # both words, not "far NOT right"
    assert ids("treaty -Japan") == ids("treaty") - ids("Japan")  # a leading minus still is


def test_no_spelling_fix_is_offered_inside_a_date_range(seeded_library: Library) -> None:
    result = seeded_library.search("date:[1990 to 1991]")
    assert result.total == 0 and result.suggestion is None
    with pytest.raises(QuerySyntaxError, match="runs backwards"):
        seeded_library.search("date:[2026 to 2025]")
