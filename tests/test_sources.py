"""Reading import sources: encodings, formats, and reasons for files that cannot be read."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from reader.sources import SourceFailure, SourceItem, decode_text, expand_paths, read_source


def _one(path: Path) -> SourceItem | SourceFailure:
    items = list(read_source(path))
    assert len(items) == 1
    return items[0]


def test_encodings_are_read(tmp_path: Path) -> None:
    text = "Café prices rose to £5 — “quoted”."
    cases = {
        "utf8.txt": text.encode("utf-8"),
        "bom.txt": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "utf16.txt": text.encode("utf-16"),  # with BOM
        "cp1252.txt": text.encode("cp1252"),
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        item = _one(tmp_path / name)
        assert isinstance(item, SourceItem), name
        assert item.raw == text, name


def test_raw_latin1_pound_byte_like_the_bbc_file() -> None:
    assert decode_text(b"costs \xa3600m a year") == "costs £600m a year"


def test_bad_files_get_reasons(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n ")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    reasons = {
        name: _one(tmp_path / name).reason
        for name in ("empty.txt", "blank.txt", "binary.txt", "photo.jpg")
    }
    assert reasons["empty.txt"] == "empty file"
    assert "white space" in reasons["blank.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "unsupported file type .jpg" in reasons["photo.jpg"]


def test_missing_path_is_a_failure(tmp_path: Path) -> None:
    [entry] = list(expand_paths([tmp_path / "nope.txt"]))
    assert isinstance(entry, SourceFailure)
    assert "no such file" in entry.reason


def test_folders_are_walked_recursively_skipping_hidden_and_other_files(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text("One.")
    (tmp_path / "a" / "b" / "two.md").write_text("# Two\n\nText.")
    (tmp_path / "a" / ".hidden.txt").write_text("x")
    (tmp_path / "a" / "notes.docx").write_bytes(b"PK")
    found = [p.name for p in expand_paths([tmp_path / "a"])]
    assert found == ["one.txt", "two.md"]


def test_jsonl_lines_become_articles_and_bad_lines_fail_alone(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {"title": "T1", "body": "Body one.", "outlet": "Reuters",
             "date": "1987-02-26T15:01:01", "url": "http://x",
             "authors": ["A. Writer", "B. Writer"]}
        ),
        "{not json",
        json.dumps({"title": "no body"}),
        "",
        json.dumps({"title": "T2", "body": "Body two.", "date": "someday"}),
    ]
    path = tmp_path / "feed.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    items = list(read_source(path))
    assert [type(i).__name__ for i in items] == [
        "SourceItem", "SourceFailure", "SourceFailure", "SourceItem"
    ]
    first, bad_json, no_body, last = items
    assert first.outlet == "Reuters" and first.published.iso() == "1987-02-26"
    assert first.author == "A. Writer, B. Writer" and first.url == "http://x"
    assert bad_json.label.endswith("feed.jsonl.gz:2")
    assert "malformed JSON on line 2" in bad_json.reason
    assert 'line 3 has no "body"' in no_body.reason
    assert last.published is None  # an unreadable date is left unknown, not guessed


def test_markdown_heading_is_the_title(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text("# Big *news* today\n\nThe [council](http://x) met on **Monday**.\n")
    item = _one(path)
    assert item.title == "Big news today"
    assert "The council met on Monday." in item.raw


def test_html_page_text_and_metadata_without_network(tmp_path: Path) -> None:
    page = """<html><head><title>Talks stall - Daily Planet</title>
    <meta property="og:site_name" content="Daily Planet">
    <meta name="author" content="Lois Lane">
    <meta property="article:published_time" content="2024-03-05T10:00:00Z">
    <link rel="stylesheet" href="https://example.com/x.css"></head>
    <body><nav>Home | World | Sport</nav><article><h1>Talks stall</h1>
    <p>Negotiators left the capital on Tuesday without an agreement on the treaty.</p>
    <p>Both sides said they would return to the table after the holiday season.</p>
    </article><footer>Copyright 2024</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page)
    item = _one(path)
    assert isinstance(item, SourceItem)
    assert "Negotiators left the capital" in item.raw
    assert "Home | World" not in item.raw
    assert item.outlet == "Daily Planet"
    assert item.author == "Lois Lane"
    assert item.published is not None and item.published.iso() == "2024-03-05"
