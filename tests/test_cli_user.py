"""`reader tag|tags|collection|mark` and the user fields of `reader search`: stable JSON,
plain messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main


@pytest.fixture
def lib(tmp_path: Path, monkeypatch, seeds_folder: Path, capsys) -> list[int]:
    monkeypatch.setenv("READER_LIBRARY", str(tmp_path / "lib"))
    assert main(["import", str(seeds_folder), "--json"]) == 0
    ids = sorted(r["id"] for r in json.loads(capsys.readouterr().out)["imported"])
    return ids


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _search(capsys, query: str) -> dict:
    code, out, err = run(capsys, "search", query, "--limit", "20", "--json")
    assert code == 0, err
    return json.loads(out)


def test_tag_many_then_find_them_by_tag(lib: list[int], capsys) -> None:
    a, b, c, *_ = lib
    code, out, _ = run(capsys, "tag", str(a), str(b), "--add", "japan", "--json")
    assert code == 0
    assert json.loads(out) == {"tag": "japan", "action": "add", "ids": [a, b], "changed": 2}
    code, out, _ = run(capsys, "tag", str(b), str(c), "--add", "Japan")
    assert out.strip() == "Tagged 1 article 'Japan' (1 had it already)."
    code, out, _ = run(capsys, "tags", "--json")
    assert json.loads(out) == [{"name": "japan", "articles": 3}]
    result = _search(capsys, "tag:japan")
    assert {h["id"] for h in result["hits"]} == {a, b, c}
    assert result["facets"]["tag"] == {"japan": 3}
    assert result["notes"] == []
    assert all(h["tags"] == ["japan"] for h in result["hits"])
    code, out, _ = run(capsys, "tag", str(a), "--remove", "japan")
    assert out.strip() == "Took 'japan' off 1 article."
    assert _search(capsys, "tag:japan")["total"] == 2


def test_mark_read_and_starred_then_filter(lib: list[int], capsys) -> None:
    a, b, *_ = lib
    assert run(capsys, "mark", str(a), str(b), "read")[0] == 0
    code, out, _ = run(capsys, "mark", str(b), "starred")
    assert out.strip() == "Marked 1 article starred."
    assert {h["id"] for h in _search(capsys, "is:unread")["hits"]} == set(lib) - {a, b}
    starred = _search(capsys, "is:starred")
    assert [(h["id"], h["read"], h["starred"]) for h in starred["hits"]] == [(b, True, True)]
    with pytest.raises(SystemExit):
        main(["mark", str(a), "sleepy"])
    assert "invalid choice: 'sleepy'" in capsys.readouterr().err
    code, _, err = run(capsys, "mark", "99999", "read")
    assert code == 1 and err.startswith("reader: error:") and "99999" in err


def test_collections_and_saved_searches(lib: list[int], capsys) -> None:
    a, b, *_ = lib
    code, out, _ = run(capsys, "collection", "create", "My project")
    assert out.strip() == ("Collection 'My project' created. Its articles: "
                           "reader search 'collection:\"My project\"'")
    run(capsys, "collection", "add", "my project", str(a), str(b))
    run(capsys, "collection", "remove", "My project", str(b))
    run(capsys, "collection", "create", "Starred", "--query", "is:starred")
    run(capsys, "mark", str(b), "starred")
    code, out, _ = run(capsys, "collection", "list", "--json")
    listed = json.loads(out)
    assert [(c["name"], c["kind"], c["query"], c["articles"]) for c in listed] == [
        ("My project", "collection", None, 1), ("Starred", "saved search", "is:starred", None)]
    assert [h["id"] for h in _search(capsys, 'collection:"My project"')["hits"]] == [a]
    assert [h["id"] for h in _search(capsys, "collection:starred")["hits"]] == [b]
    run(capsys, "collection", "rename", "My project", "Treaty")
    code, out, _ = run(capsys, "collection", "delete", "Treaty")
    assert out.strip() == "Deleted 'Treaty'; its articles stay in the library."
    code, _, err = run(capsys, "collection", "add", "Treaty", str(a))
    assert code == 1 and "no collection 'Treaty'" in err


def test_unknown_tag_says_which_tags_there_are(lib: list[int], capsys) -> None:
    run(capsys, "tag", str(lib[0]), "--add", "japan")
    result = _search(capsys, "treaty tag:japn")
    assert result["total"] == 0 and result["notes"] == ["No tag 'japn'; tags are: japan."]
    code, _, err = run(capsys, "search", "tag:japn")
    assert code == 0 and "No tag 'japn'; tags are: japan." in err
