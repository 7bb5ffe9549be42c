"""The `reader` command line: stable JSON shapes and plain error messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main


@pytest.fixture
def lib(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "lib"
    monkeypatch.setenv("READER_LIBRARY", str(folder))
    return folder


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_list_show_search_json(lib: Path, seeds_folder: Path, capsys) -> None:
    code, out, _ = run(capsys, "import", str(seeds_folder), "--json")
    assert code == 0
    report = json.loads(out)
    assert set(report) >= {"imported", "duplicates", "failed"}
    assert len(report["imported"]) == 5
    assert set(report["imported"][0]) == {"path", "id"}

    code, out, _ = run(capsys, "list", "--json")
    rows = json.loads(out)
    assert len(rows) == 5
    assert all(set(r) == {"id", "title", "outlet", "published"} for r in rows)
    ms = next(r for r in rows if r["outlet"] == "Morning Star")
    assert ms["published"] == "2026-02-20"

    code, out, _ = run(capsys, "show", str(ms["id"]), "--json")
    article = json.loads(out)
    assert set(article) >= {
        "id", "title", "outlet", "published", "precision", "author", "url", "body", "removed"
    }
    assert article["precision"] == "day"
    assert "Similar stories" not in article["body"]
    assert any("Similar stories" in r["text"] for r in article["removed"])
    assert all(set(r) == {"text", "reason"} for r in article["removed"])

    code, out, _ = run(capsys, "search", "peace treaty", "--limit", "2", "--json")
    result = json.loads(out)
    assert set(result) >= {"total", "hits", "facets", "suggestion"}
    assert result["total"] == 5 and len(result["hits"]) == 2
    assert set(result["hits"][0]) >= {"id", "title", "outlet", "published", "score", "snippet"}
    assert "outlet" in result["facets"]

    code, out, _ = run(capsys, "search", "treaty", "--outlet", "RT", "--since", "2026-01",
                       "--sort", "date", "--json")
    result = json.loads(out)
    assert result["hits"] and all(h["outlet"] == "RT" for h in result["hits"])

    code, out, _ = run(capsys, "import", str(seeds_folder), "--json")
    assert len(json.loads(out)["duplicates"]) == 5


def test_commands_never_add_articles_the_user_did_not_ask_for(lib: Path, capsys) -> None:
    code, out, _ = run(capsys, "list", "--json")
    assert code == 0 and json.loads(out) == []


def test_user_errors_are_one_line_without_traceback(lib: Path, tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "import", str(tmp_path / "missing.txt"))
    assert code == 1
    assert "no such file or folder" in err and "Traceback" not in err
    code, _, err = run(capsys, "search", '"unclosed')
    assert code == 1 and err.startswith("reader: error:") and "Traceback" not in err
    code, _, err = run(capsys, "show", "12345")
    assert code == 1 and "no article 12345" in err


def test_reindex(lib: Path, seeds_folder: Path, capsys) -> None:
    run(capsys, "import", str(seeds_folder))
    code, out, _ = run(capsys, "reindex")
    assert code == 0 and "5 articles" in out
    code, out, _ = run(capsys, "search", "Kuril", "--json")
    assert json.loads(out)["total"] >= 4


def test_entry_point_runs_as_a_program(lib: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "reader.cli", "search", "anything"],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "0 of 0 articles" in done.stdout


def test_search_sorted_by_date_puts_undated_articles_last(lib: Path, seeds_folder: Path,
                                                           capsys) -> None:
    run(capsys, "import", str(seeds_folder), "--json")
    for limit in ("2", "20"):  # the top of the list and the whole of it
        _code, out, _ = run(capsys, "search", "treaty OR blog OR Kuril", "--sort", "date",
                           "--limit", limit, "--json")
        dates = [h["published"] for h in json.loads(out)["hits"]]
        dated = [d for d in dates if d]
        assert dates[:len(dated)] == dated and dated == sorted(dated, reverse=True)
    assert None in dates  # the seeds' undated blog post comes last


@pytest.mark.parametrize(("query", "explained"), [
    ("date:2026-13", "no month 13"), ("treaty AND", "lone AND"),
    ("foo:bar", "no field 'foo:'"), ("date:[2026 to 2025]", "runs backwards"),
])
def test_a_wrong_query_is_explained_in_one_line(lib: Path, query: str, explained: str,
                                                capsys) -> None:
    code, out, err = run(capsys, "search", query)
    assert code == 1 and out == ""
    assert explained in err and err.count("\n") == 1
