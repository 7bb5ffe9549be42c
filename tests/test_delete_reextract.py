"""Deleting articles everywhere at once (with undo) and extracting fetched ones again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from webserver import Site, article_page

from reader.cli import main
from reader.errors import NotFound, UserError
from reader.library import Library


def test_delete_takes_the_article_out_everywhere_and_undo_brings_it_back(
    seeded_library: Library,
) -> None:
    library = seeded_library
    library.analyze_pending(n_process=1)
    victim = library.search("treaty", limit=1).hits[0].id
    mentions = library.article_mentions(victim)
    dates = library.article_timexes(victim)
    assert mentions and dates
    before = library.search("treaty").total

    copy = library.delete_articles([victim])
    assert library.count() == 4
    assert library.search("treaty").total == before - 1
    with pytest.raises(NotFound):
        library.get(victim)
    assert library.article_mentions(victim) == [] and library.article_timexes(victim) == []
    assert all(victim not in library.articles_naming(m.entity_id) for m in mentions)
    assert library.events([victim]) == []

    library.restore_articles(copy)
    assert library.count() == 5
    assert library.search("treaty").total == before
    assert library.article_mentions(victim) == mentions
    assert library.article_timexes(victim) == dates
    assert library.is_analysed(victim)


def test_deleting_an_unknown_id_deletes_nothing(seeded_library: Library) -> None:
    with pytest.raises(NotFound):
        seeded_library.delete_articles([1, 999])
    assert seeded_library.count() == 5


def test_reextract_from_the_kept_page(tmp_path: Path) -> None:
    site = Site().start()
    try:
        with Library(tmp_path / "lib") as library:
            url = site.add("/p", article_page())
            article_id = library.fetch_urls([url]).imported[0][1]
            library.update_metadata(article_id, title="My own title")
            # Simulate an older, poorer extraction of the same page.
            with library.store.transaction() as db:
                db.execute("UPDATE articles SET body = 'Only a fragment was kept.', title = "
                           "'My own title', author = NULL WHERE id = ?", (article_id,))
            article = library.reextract(article_id)
            assert "corroded faster than expected" in article.body
            assert article.title == "My own title"  # edited by hand: kept
            assert article.author == "Lena Holm"
            assert library.search("corroded").total == 1

            with pytest.raises(UserError, match="not fetched from the web"):
                library.reextract(library.import_paths([_text_file(tmp_path)]).imported[0][1])
    finally:
        site.stop()


def _text_file(tmp_path: Path) -> Path:
    path = tmp_path / "note.txt"
    path.write_text("A plain text article about the harbour and its bridge, written by hand.")
    return path


def test_cli_delete(seeded_library: Library, capsys, monkeypatch) -> None:
    folder = seeded_library.folder
    seeded_library.close()
    monkeypatch.setenv("READER_LIBRARY", str(folder))
    assert main(["delete", "1", "2"]) == 0
    assert "Deleted 2 articles." in capsys.readouterr().out
    assert main(["delete", "1"]) == 1
    assert "no article 1" in capsys.readouterr().err
    db = sqlite3.connect(folder / Library.STORE_FILE)
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
