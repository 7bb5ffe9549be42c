"""Analysis of the library: entities linked across articles, dates stored, corrections kept."""

from __future__ import annotations

import pytest

from reader.analysis_jobs import ANALYSIS_VERSION, analyze_pending
from reader.library import Library


@pytest.fixture(scope="module")
def analysed(tmp_path_factory, seeds_folder):
    library = Library(tmp_path_factory.mktemp("analysed") / "lib")
    library.import_paths([seeds_folder])
    progress = []
    done = analyze_pending(library, progress=lambda d, t: progress.append((d, t)), n_process=1)
    assert done == 5 and progress[-1] == (5, 5)
    yield library
    library.close()


def _entity(library: Library, name: str):
    [found] = library.store.find_entities(name)
    return found


def test_one_person_across_articles_under_the_full_name(analysed: Library) -> None:
    peskov = _entity(analysed, "Dmitry Peskov")
    assert peskov.label == "PERSON"
    assert peskov.articles >= 4 and peskov.outlets >= 2
    mentions = [
        m for i in analysed.store.articles_naming(peskov.id)
        for m in analysed.store.article_mentions(i) if m.entity_id == peskov.id
    ]
    assert {"Peskov", "Dmitry Peskov"} <= {m.text for m in mentions}


def test_entity_search_and_article_list(analysed: Library) -> None:
    peskov = _entity(analysed, "Dmitry Peskov")
    result = analysed.search('entity:"dmitry peskov"', limit=20)
    assert {h.id for h in result.hits} == set(analysed.store.articles_naming(peskov.id))


def test_dates_are_stored_with_their_sentence(analysed: Library) -> None:
    rt = next(r for r in analysed.rows() if r.published and r.published.iso() == "2025-10-25")
    body = analysed.get(rt.id).body
    timexes = analysed.store.article_timexes(rt.id)
    friday = [t for t in timexes if t.text.endswith("Friday")]
    assert friday and friday[0].value == "2025-10-24"
    for t in timexes:
        assert body[t.start : t.end] == t.text
        assert t.sent_start <= t.start and t.end <= t.sent_end
    assert "1945" in {t.value for t in timexes}


def test_corrections_survive_reanalysis(tmp_path, seeds_folder) -> None:
    with Library(tmp_path / "lib") as library:
        library.import_paths([seeds_folder])
        analyze_pending(library, n_process=1)
        store = library.store
        tokyo = _entity(library, "Tokyo")
        moscow = _entity(library, "Moscow")
        peskov = _entity(library, "Dmitry Peskov")
        store.rename_entity(peskov.id, "Dmitry S. Peskov")
        store.relabel_entity(moscow.id, "LOC")
        kremlin = _entity(library, "Kremlin")
        store.merge_entities([kremlin.id], moscow.id)
        store.delete_entity(tokyo.id)
        library.catch_up_index()
        # Re-analyse everything, as after an upgrade of the model.
        with store.transaction() as db:
            db.execute("DELETE FROM analysed")
        assert analyze_pending(library, n_process=1) == 5
        assert store.entity(peskov.id).name == "Dmitry S. Peskov"
        assert store.entity(moscow.id).label == "LOC"
        assert not store.find_entities("Kremlin")
        merged = store.entity(moscow.id)
        assert merged.mentions > moscow.mentions  # the Kremlin's mentions count for Moscow now
        assert not store.find_entities("Tokyo")
        assert all(m.name != "Tokyo" for i in range(1, 6) for m in store.article_mentions(i))
        assert library.search('entity:"dmitry s. peskov"').total >= 4
        assert library.search('entity:kremlin').total == 0
        assert store.unanalysed(ANALYSIS_VERSION) == []
