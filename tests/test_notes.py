"""Highlights and notes: stored, listed, searched, exported, and kept on their words when the
article's text changes (re-extraction, metadata edits, any other path)."""

from __future__ import annotations

import json
import zlib
from pathlib import Path

import pytest
from webserver import Site, article_page

from reader.cli import main
from reader.errors import NotFound, UserError
from reader.library import Library
from reader.notes import Anchor, anchor_at, articles_with_note, md_escape, reanchor


def _first(library: Library):
    return library.get(library.rows()[0].id)


def test_highlights_and_notes_are_stored_and_listed(seeded_library: Library) -> None:
    article = _first(seeded_library)
    start = article.body.index("peace treaty")
    h = seeded_library.add_highlight(article.id, start, start + 12, "green", " the aim ")
    assert (h.quote, h.colour, h.note, h.anchored) == ("peace treaty", "green", "the aim", True)
    quoted = seeded_library.highlight_quote(article.id, "PEACE   treaty", note="")
    assert quoted.start == start  # spacing and case may differ; the first place wins
    seeded_library.set_article_note(article.id, "Compare with the TASS version.")

    entries = seeded_library.note_entries()
    assert [e.is_highlight for e in entries] == [False, True, True]
    assert entries[0].item.note == "Compare with the TASS version."
    assert entries[1].title == article.title and entries[1].outlet == article.outlet

    changed = seeded_library.update_highlight(h.id, colour="Blue", note="new note")
    assert (changed.colour, changed.note) == ("blue", "new note")
    seeded_library.delete_highlight(quoted.id)
    assert [x.id for x in seeded_library.highlights(article.id)] == [h.id]
    assert seeded_library.set_article_note(article.id, "  ") is None
    assert seeded_library.article_note(article.id) is None


def test_bad_highlights_get_a_clear_message(seeded_library: Library) -> None:
    article = _first(seeded_library)
    with pytest.raises(UserError, match="choose one of yellow"):
        seeded_library.add_highlight(article.id, 0, 5, "red")
    with pytest.raises(UserError, match="characters"):
        seeded_library.add_highlight(article.id, 5, 10**6)
    with pytest.raises(UserError, match="does not contain"):
        seeded_library.highlight_quote(article.id, "words it never says")
    with pytest.raises(NotFound):
        seeded_library.add_highlight(9999, 0, 5)
    with pytest.raises(NotFound):
        seeded_library.update_highlight(9999, note="x")


def test_reanchor_prefers_the_occurrence_with_the_same_context() -> None:
    old = "The minister said no. Later the minister said yes, firmly."
    start = old.index("the minister said yes") + 4
    anchor = anchor_at(old, start, start + len("minister said"))
    new = "Breaking. The minister said no. Later the minister said yes, firmly."
    found = reanchor(new, "minister said", anchor)
    assert found is not None and new[found.end:].startswith(" yes")
    assert reanchor("Nothing alike.", "minister said", anchor) is None
    # The same words broken over lines still count; other words never do.
    assert reanchor("the minister\nsaid yes", "minister said", Anchor(0, 0, "", "")) is not None


def test_highlights_follow_their_words_through_reextraction(tmp_path: Path) -> None:
    paragraphs = [
        "The council voted on Tuesday to close the harbour bridge to cars for a year.",
        "Engineers found the steel had corroded faster than expected, the council said.",
        "Cyclists and walkers may still cross, the council said, while repairs go on.",
        "A ferry will carry cars across the harbour from next month at no charge.",
    ]
    heard: list[str] = []
    site = Site().start()
    try:
        with Library(tmp_path / "lib", notify=heard.append) as library:
            url = site.add("/p", article_page(paragraphs=paragraphs))
            article_id = library.fetch_urls([url]).imported[0][1]
            body = library.get(article_id).body
            second = body.index("the council said, while")  # the repeat in paragraph three
            kept = library.add_highlight(article_id, second, second + len("the council said"),
                                         note="who says so?")
            word = body.index("corroded")
            moved = library.add_highlight(article_id, word, word + len("corroded"), "pink")
            ferry = body.index("A ferry will carry cars")
            lost = library.add_highlight(article_id, ferry, ferry + len("A ferry will carry cars"))

            # The page is extracted again, now with a paragraph more and the ferry gone.
            new = ["Update: the bridge reopens to buses in May.", *paragraphs[:3]]
            with library.store.transaction() as db:
                db.execute("UPDATE pages SET html = ? WHERE article_id = ?",
                           (zlib.compress(article_page(paragraphs=new).encode()), article_id))
            library.update_metadata(article_id, title="Harbour bridge closed")  # edited too
            new_body = library.reextract(article_id).body

            by_id = {h.id: h for h in library.highlights(article_id)}
            for h in (by_id[kept.id], by_id[moved.id]):
                assert h.anchored and new_body[h.start:h.end] == h.quote
            assert by_id[moved.id].start > moved.start  # it moved with its word
            assert new_body[by_id[kept.id].end:].startswith(", while")  # not the first repeat
            assert by_id[kept.id].note == "who says so?"
            gone = by_id[lost.id]
            assert not gone.anchored and gone.quote == "A ferry will carry cars"
            assert any("could not be found" in m and "A ferry" in m for m in heard)
            markdown = library.notes_markdown([article_id])
            assert "not found in the current text" in markdown
    finally:
        site.stop()


def test_any_change_of_the_text_reanchors_and_metadata_edits_change_nothing(
    seeded_library: Library,
) -> None:
    article = _first(seeded_library)
    start = article.body.index("Kuril Islands")
    h = seeded_library.add_highlight(article.id, start, start + len("Kuril Islands"))
    seeded_library.update_metadata(article.id, title="Another title", outlet="Another outlet")
    assert seeded_library.highlights(article.id) == [h]
    with seeded_library.store.transaction() as db:  # any path that rewrites the clean text
        db.execute("UPDATE articles SET body = 'Preface.\n\n' || body WHERE id = ?",
                   (article.id,))
    (again,) = seeded_library.highlights(article.id)
    assert (again.start, again.anchored) == (start + len("Preface.\n\n"), True)


def test_deleting_an_article_takes_its_notes_and_undo_brings_them_back(
    seeded_library: Library,
) -> None:
    article = _first(seeded_library)
    seeded_library.add_highlight(article.id, 0, 7, note="first words")
    seeded_library.set_article_note(article.id, "keep")
    copy = seeded_library.delete_articles([article.id])
    assert seeded_library.note_entries() == []
    seeded_library.restore_articles(copy)
    assert len(seeded_library.note_entries()) == 2


def test_articles_with_note_finds_every_word_in_any_note(seeded_library: Library) -> None:
    a, b = (r.id for r in seeded_library.rows()[:2])
    seeded_library.add_highlight(a, 0, 5, note="Ask the Embassy")
    seeded_library.set_article_note(a, "follow up in March")
    seeded_library.set_article_note(b, "embassy statement")
    assert articles_with_note(seeded_library, "EMBASSY") == {a, b}
    assert articles_with_note(seeded_library, "embassy march") == {a}
    assert articles_with_note(seeded_library.store, "nothing") == set()
    assert articles_with_note(seeded_library, "  ") == set()


def test_exports_show_text_as_typed(seeded_library: Library) -> None:
    article = _first(seeded_library)
    start = article.body.index("peace treaty")
    seeded_library.add_highlight(article.id, start, start + 12, note="<script>x</script> *y*")
    html = seeded_library.export_article(article.id, "html")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "background-color" in html and "<sup>[1]</sup>" in html
    md = seeded_library.export_article(article.id, "md")
    assert "**peace treaty**[^1]" in md and r"\*y\*" in md
    assert md_escape("# not a heading [link](x)") == r"\# not a heading \[link\](x)"
    with pytest.raises(UserError, match="choose pdf, html or md"):
        seeded_library.export_article(article.id, "docx")


def test_cli_note_notes_and_export(seeded_library: Library, capsys, tmp_path: Path) -> None:
    folder = str(seeded_library.folder)
    article = _first(seeded_library)
    seeded_library.close()
    assert main(["--library", folder, "note", str(article.id), "Worth a follow-up"]) == 0
    assert main(["--library", folder, "note", str(article.id), "their aim",
                 "--quote", "peace treaty", "--colour", "green"]) == 0
    assert main(["--library", folder, "note", str(article.id), "x", "--quote", "zzz qqq"]) == 1
    assert "does not contain" in capsys.readouterr().err

    assert main(["--library", folder, "notes", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [e["kind"] for e in listed] == ["note", "highlight"]
    h = listed[1]
    assert (h["quote"], h["colour"], h["note"], h["anchored"]) == (
        "peace treaty", "green", "their aim", True)
    assert article.body[h["start"]:h["end"]] == "peace treaty"

    assert main(["--library", folder, "notes", "--json", "--query", "nosuchwordanywhere"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["--library", folder, "notes", "--markdown"]) == 0
    assert "> peace treaty" in capsys.readouterr().out
    assert main(["--library", folder, "notes"]) == 0
    assert "peace treaty" in capsys.readouterr().out

    for fmt in ("html", "md"):
        out = tmp_path / f"a.{fmt}"
        assert main(["--library", folder, "export", str(article.id), "--format", fmt,
                     "-o", str(out)]) == 0
        assert "peace treaty" in out.read_text("utf-8")


def found(lib: Library, text: str) -> list[int]:
    return [hit.id for hit in lib.search(text, limit=None, snippets=False).hits]


def test_note_field_searches_notes_and_composes_with_words(seeded_library: Library) -> None:
    lib = seeded_library
    first, second = (r.id for r in lib.rows()[:2])
    lib.set_article_note(first, "Framing: Tokyo gets the blame")
    lib.highlight_quote(second, "peace treaty", note="check the framing later")
    assert set(found(lib, "note:framing")) == {first, second}
    assert found(lib, 'note:"tokyo blame"') == [first]
    with_word = set(found(lib, "Takaichi"))
    assert set(found(lib, "Takaichi note:framing")) == {first, second} & with_word
    assert found(lib, "note:framing -note:later") == [first]
    assert found(lib, "note:nowhere") == []


def test_note_field_in_a_library_without_notes_says_why(seeded_library: Library) -> None:
    result = seeded_library.search("note:framing")
    assert result.hits == []
    assert any("No notes yet" in note for note in result.notes)
