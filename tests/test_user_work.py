"""The user's own work: tags, collections, saved searches, read state, and the search fields
`tag:`, `collection:` and `is:` that find it (answered from the store, not the index)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.errors import NotFound, QuerySyntaxError, UserError
from reader.library import Library
from reader.store import SCHEMA_VERSION


def _ids(library: Library, text: str) -> set[int]:
    return set(library.search(text, limit=None, all_ids=True, suggest=False).ids)


@pytest.fixture
def lib(seeded_library: Library) -> Library:
    return seeded_library


def _all(library: Library) -> list[int]:
    return [r.id for r in library.rows()]


def test_tags_many_at_once_case_insensitive_and_counted(lib: Library) -> None:
    a, b, c, *_ = _all(lib)
    assert lib.tag_articles([a, b], "Japan") == 2
    assert lib.tag_articles([b, c], "japan") == 1  # one tag, however it is typed
    assert lib.tags() == [("Japan", 3)]
    assert lib.untag_articles([a], "JAPAN") == 1
    assert lib.tags_of([a, b]) == {b: ["Japan"]}
    assert lib.untag_articles([a], "no such tag") == 0
    lib.untag_articles([b, c], "japan")
    assert lib.tags() == []
    assert lib.search("tag:japan").notes == ["No tag 'japan': no article has a tag yet."]


def test_bad_tags_and_articles_are_refused_plainly(lib: Library) -> None:
    a = _all(lib)[0]
    with pytest.raises(UserError, match="needs a name"):
        lib.tag_articles([a], "   ")
    with pytest.raises(NotFound, match="no article 99999"):
        lib.tag_articles([a, 99999], "x")
    assert lib.tags() == []  # nothing half done


def test_tagging_and_reading_never_touch_the_index(lib: Library) -> None:
    a = _all(lib)[0]
    before = lib.index.segment_count(), lib.store.pending_index()
    lib.tag_articles([a], "japan")
    lib.mark([a], "read")
    lib.mark([a], "starred")
    assert (lib.index.segment_count(), lib.store.pending_index()) == before
    assert _ids(lib, "tag:japan") == {a}


def test_user_fields_compose_with_the_rest_of_the_language(lib: Library) -> None:
    ids = _all(lib)
    everything = _ids(lib, "said")
    lib.tag_articles(ids[:2], "a")
    lib.tag_articles(ids[2:3], "b")
    lib.mark(ids[:1], "read")
    lib.mark(ids[1:3], "starred")
    assert _ids(lib, "tag:a") == set(ids[:2])
    assert _ids(lib, "said tag:a") == set(ids[:2]) & everything
    assert _ids(lib, "tag:a OR tag:b") == set(ids[:3])
    assert _ids(lib, "(tag:a OR tag:b) -is:starred") == set(ids[:3]) - set(ids[1:3])
    assert _ids(lib, "is:starred") == set(ids[1:3])
    assert _ids(lib, "is:unstarred") == set(ids) - set(ids[1:3])
    assert _ids(lib, "is:read") == set(ids[:1])
    assert _ids(lib, "is:unread") == set(ids[1:])
    assert _ids(lib, "said -is:read") == everything - set(ids[:1])
    assert _ids(lib, "said NOT tag:a") == everything - set(ids[:2])
    assert _ids(lib, "IS:Starred") == set(ids[1:3])  # fields and states in any case


def test_outlet_facets_and_date_sort_work_with_user_fields(lib: Library) -> None:
    ids = _all(lib)
    lib.tag_articles(ids, "all")
    by_date = lib.search("tag:all", limit=None, sort="date", all_ids=True)
    assert set(by_date.ids) == set(ids)
    assert by_date.outlet_counts == lib.search("russia OR japan").outlet_counts
    result = lib.search("tag:all", limit=2, tag_facet=True)
    assert result.total == len(ids) and len(result.hits) == 2
    assert result.tag_counts == {"all": len(ids)}
    assert result.to_json()["facets"]["tag"] == {"all": len(ids)}


def test_an_unknown_tag_or_collection_matches_nothing_and_says_why(lib: Library) -> None:
    lib.tag_articles(_all(lib)[:1], "japan")
    result = lib.search("tag:japn")
    assert result.total == 0
    assert result.notes == ["No tag 'japn'; tags are: japan."]
    assert result.to_json()["notes"] == result.notes
    result = lib.search('collection:"My project"')
    assert result.notes == ["No collection 'My project': the library has no collections yet."]


def test_bad_field_values_are_explained(lib: Library) -> None:
    with pytest.raises(QuerySyntaxError, match="is:unread, is:read"):
        lib.search("is:sleepy")
    with pytest.raises(QuerySyntaxError, match="value right after 'tag:'"):
        lib.search('tag:""')
    with pytest.raises(QuerySyntaxError, match=r"no field 'tagz:'.*tag:"):
        lib.search("tagz:x")


def test_collections_hold_articles_and_saved_searches_hold_a_query(lib: Library) -> None:
    ids = _all(lib)
    project = lib.create_collection("My project")
    assert lib.add_to_collection(project.id, ids[:2]) == 2
    assert lib.add_to_collection(project.id, ids[:3]) == 1
    assert lib.remove_from_collection(project.id, ids[2:3]) == 1
    assert _ids(lib, 'collection:"my project"') == set(ids[:2])
    saved = lib.create_collection("Starred", query="is:starred")
    lib.mark(ids[3:4], "starred")
    assert _ids(lib, "collection:Starred") == set(ids[3:4])
    rows = {c.name: c.to_json() for c in lib.collections()}
    assert rows["My project"] == {"id": project.id, "name": "My project", "kind": "collection",
                                  "query": None, "articles": 2}
    assert rows["Starred"]["kind"] == "saved search" and rows["Starred"]["articles"] is None
    with pytest.raises(UserError, match="saved search"):
        lib.add_to_collection(saved.id, ids[:1])
    with pytest.raises(UserError, match="already a collection"):
        lib.create_collection("my PROJECT")
    with pytest.raises(QuerySyntaxError):
        lib.create_collection("Broken", query="treaty AND (")


def test_a_saved_search_that_refers_to_itself_is_refused(lib: Library) -> None:
    lib.create_collection("Loop", query="collection:Loop")
    with pytest.raises(QuerySyntaxError, match="refers to itself"):
        lib.search("collection:Loop")


def test_deleting_a_collection_is_undone_with_its_articles(lib: Library) -> None:
    ids = _all(lib)
    project = lib.create_collection("Project")
    lib.add_to_collection(project.id, ids[:2])
    lib.rename_collection(project.id, "Renamed")
    copy = lib.delete_collection(project.id)
    assert lib.collections() == []
    assert {r.id for r in lib.rows()} == set(ids)  # the articles stay
    lib.restore_collection(copy)
    assert _ids(lib, "collection:Renamed") == set(ids[:2])


def test_deleting_an_article_takes_its_marks_and_undo_brings_them_back(lib: Library) -> None:
    a, b, *_ = _all(lib)
    lib.tag_articles([a, b], "japan")
    lib.mark([a], "starred")
    project = lib.create_collection("Project")
    lib.add_to_collection(project.id, [a])
    copy = lib.delete_articles([a])
    assert lib.tags() == [("japan", 1)]
    assert lib.collection(project.id).articles == 0
    lib.restore_articles(copy)
    assert lib.tags() == [("japan", 2)]
    assert lib.marks_of([a]) == {a: (False, True)}
    assert lib.collection(project.id).articles == 1


def test_read_state_and_counts(lib: Library) -> None:
    ids = _all(lib)
    assert lib.unread_count() == len(ids)
    lib.mark(ids[:2], "read")
    lib.mark(ids[1:2], "starred")
    assert lib.unread_count() == len(ids) - 2
    assert lib.marks_of(ids[:3]) == {ids[0]: (True, False), ids[1]: (True, True),
                                     ids[2]: (False, False)}
    lib.mark(ids[:1], "unread")
    lib.mark(ids[1:2], "unstarred")
    assert lib.marks_of(ids[:2]) == {ids[0]: (False, False), ids[1]: (True, False)}
    with pytest.raises(UserError, match="read, unread, starred"):
        lib.mark(ids, "sleepy")
    with pytest.raises(NotFound):
        lib.mark([99999], "read")


def test_an_older_library_is_upgraded_in_place(tmp_path: Path, seed_paths) -> None:
    with Library(tmp_path / "lib") as library:
        library.import_paths(seed_paths[:1])
    db = sqlite3.connect(tmp_path / "lib" / Library.STORE_FILE)
    for table in ("stars", "collection_articles", "collections", "article_tags", "tags"):
        db.execute(f"DROP TABLE {table}")
    db.execute("PRAGMA user_version = 5")
    db.commit()
    db.close()
    with Library(tmp_path / "lib") as library:
        ids = [r.id for r in library.rows()]
        library.tag_articles(ids, "kept")
        assert library.tags() == [("kept", 1)]
        assert library.store._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_user_fields_narrow_the_ranking_of_the_words(lib: Library) -> None:
    ids = _all(lib)
    lib.tag_articles(ids, "all")
    ranked = [h.id for h in lib.search("russia", limit=5).hits]
    assert [h.id for h in lib.search("russia tag:all", limit=5).hits] == ranked
    assert [h.id for h in lib.search("russia -is:starred", limit=5).hits] == ranked
    lib.mark(ranked[:1], "starred")
    assert [h.id for h in lib.search("russia -is:starred", limit=5).hits] == ranked[1:]
    # Only fields: nothing to rank by, newest first (as when browsing).
    newest = lib.browse()[0]
    assert [h.id for h in lib.search("tag:all", limit=5).hits] == newest[:5]
    assert lib.search("tag:all", limit=None, all_ids=True).ids == newest
    assert lib.search("tag:all -is:starred", limit=2).total == len(ids) - 1


def test_words_to_rank_drops_only_what_narrows() -> None:
    from whoosh import query

    from reader.user_fields import StoreSet, words_to_rank

    word, tag = query.Term("body", "treaty"), StoreSet("tag", "a")
    assert words_to_rank(tag) is None
    assert words_to_rank(query.And([word, tag])) == word
    assert words_to_rank(query.And([word, query.Not(tag)])) == word
    assert words_to_rank(query.And([tag, query.Not(word)])) is None
    either = query.Or([word, tag])
    assert words_to_rank(either) is either
