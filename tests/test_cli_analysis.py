"""`reader analyze` and `reader compare` on files and JSON Lines batches."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.models import PubDate


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_analyze_batch_raw_offsets_index_the_given_text(tmp_path: Path, capsys) -> None:
    text = "Kremlin spokesman Dmitry Peskov said on Friday that talks had stopped."
    batch = tmp_path / "in.jsonl"
    batch.write_text(
        json.dumps({"id": "a", "text": text, "published": "2025-10-25"}) + "\n"
        + json.dumps({"id": "b", "text": "No names here at all."}) + "\n"
    )
    code, out, _ = run(capsys, "analyze", "--batch", str(batch), "--raw")
    assert code == 0
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["id"] == "a" and second["id"] == "b"
    assert "body" not in first
    for ent in first["entities"]:
        assert text[ent["start"] : ent["end"]] == ent["text"]
        assert set(ent) >= {"start", "end", "text", "label", "canonical"}
    assert {"Dmitry Peskov": "PERSON"}.items() <= {
        e["text"]: e["label"] for e in first["entities"]
    }.items()
    friday = [d for d in first["dates"] if d["text"].endswith("Friday")]
    assert friday and friday[0]["value"] == "2025-10-24"
    assert second["entities"] == []


def test_analyze_file_cleans_and_returns_the_body(seeds_folder: Path, capsys) -> None:
    seed = next(seeds_folder.glob("003_*.txt"))
    code, out, _ = run(capsys, "analyze", str(seed), "--json")
    assert code == 0
    result = json.loads(out)
    body = result["body"]
    assert "icon bookmark" not in body
    for ent in result["entities"]:
        assert body[ent["start"] : ent["end"]] == ent["text"]


def test_analyze_reports_bad_input_plainly(tmp_path: Path, capsys) -> None:
    batch = tmp_path / "bad.jsonl"
    batch.write_text('{"id": 1, "text": "ok"}\nnot json\n')
    code, _, err = run(capsys, "analyze", "--batch", str(batch), "--raw")
    assert code == 1 and "Line 2" in err and "Traceback" not in err
    code, _, err = run(capsys, "analyze")
    assert code == 1 and "--batch" in err


def test_compare_batch_shape(tmp_path: Path, capsys) -> None:
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(
        json.dumps({
            "id": 7,
            "a": "The minister resigned on Tuesday after the vote.",
            "b": "After the vote, the minister resigned on Tuesday.",
        }) + "\n"
    )
    code, out, _ = run(capsys, "compare", "--batch", str(pairs))
    assert code == 0
    result = json.loads(out)
    assert result["id"] == 7
    assert set(result) >= {
        "pairs", "only_a", "only_b", "shared_entities", "framing", "a_text", "b_text"
    }
    assert len(result["pairs"]) == 1
    pair = result["pairs"][0]
    assert pair["kind"] in ("same", "similar") and 0 <= pair["score"] <= 1


def test_compare_two_library_articles(seeded_library, monkeypatch, capsys) -> None:
    monkeypatch.setenv("READER_LIBRARY", str(seeded_library.folder))
    # Both on Takaichi's speech of 2026-02-20.
    rows = {r.outlet: r.id for r in seeded_library.rows() if r.published == PubDate(2026, 2, 20)}
    code, out, _ = run(capsys, "compare", str(rows["RT"]), str(rows["Morning Star"]), "--json")
    assert code == 0
    result = json.loads(out)
    assert result["pairs"]
    assert "Takaichi" in result["a_text"] and "Takaichi" in result["b_text"]
    # Library articles are compared with their analysed entities and dates.
    assert "Sanae Takaichi" in result["shared_entities"]
    assert "Dmitry Peskov" in result["entities_only_a"]
    assert "1956" in result["dates_only_a"]


@pytest.mark.parametrize("argv", [["compare", "1"], ["compare", "nope.txt", "2"]])
def test_compare_user_errors(argv: list[str], tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("READER_LIBRARY", str(tmp_path / "lib"))
    code, _, err = run(capsys, *argv)
    assert code == 1 and err.startswith("reader: error:")


def test_entities_and_timeline_commands(seeded_library, monkeypatch, capsys) -> None:
    monkeypatch.setenv("READER_LIBRARY", str(seeded_library.folder))
    seeded_library.close()
    code, out, _ = run(capsys, "entities", "--type", "person", "--json")
    assert code == 0
    people = {e["name"]: e for e in json.loads(out)}
    assert people["Dmitry Peskov"]["articles"] >= 4
    keys = {"id", "name", "label", "mentions", "articles", "outlets"}
    assert set(people["Dmitry Peskov"]) == keys
    code, out, _ = run(capsys, "timeline", "--entity", "Sanae Takaichi", "--json")
    assert code == 0
    events = json.loads(out)
    speech = [e for e in events if e["value"] == "2026-02-20" and e["kind"] == "mention"]
    assert speech and speech[0]["outlets"] == ["Morning Star", "RT"]
    assert {"value", "precision", "label", "outlets", "conflicts", "entries"} <= set(events[0])
    code, _, err = run(capsys, "timeline", "--entity", "Nobody Atall")
    assert code == 1 and "No entity" in err
    code, out, _ = run(capsys, "timeline", "--query", "Kuril")
    assert code == 0 and "March 2022" in out
    # Scopes given together narrow each other: Takaichi's articles in one outlet.
    _, takaichi, _ = run(capsys, "timeline", "--entity", "Sanae Takaichi")
    _, rt, _ = run(capsys, "timeline", "--query", "outlet:rt")
    _, both, _ = run(capsys, "timeline", "--entity", "Sanae Takaichi", "--query", "outlet:rt")

    def articles(text: str) -> int:
        return int(text.strip().splitlines()[-1].split(" from ")[1].split()[0])

    assert 0 < articles(both) < articles(takaichi) and articles(both) <= articles(rt)


def test_a_bad_compare_batch_line_is_its_own_outcome(tmp_path: Path, capsys) -> None:
    batch = tmp_path / "pairs.jsonl"
    batch.write_text(
        '{"id": "ok1", "a": "Japan and Russia never signed a peace treaty.", '
        '"b": "Japan and Russia never signed a peace treaty after the war."}\n'
        '{"id": "no-b", "a": "x"}\nnot json\n[1, 2]\n'
        '{"id": "ok2", "a": "", "b": "One sentence."}\n', encoding="utf-8")
    code, out, err = run(capsys, "compare", "--batch", str(batch))
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert [line.get("id") for line in lines] == ["ok1", "no-b", None, None, "ok2"]
    assert [line.get("line") for line in lines if "error" in line] == [2, 3, 4]
    assert lines[0]["pairs"] and lines[4]["pairs"] == []
    assert err.count("reader: Line") == 3


def test_a_compare_batch_with_bad_bytes_and_lone_surrogates_compares_every_line(
    tmp_path: Path, capsys
) -> None:
    batch = tmp_path / "odd.jsonl"
    batch.write_bytes(
        b'{"id": 1, "a": "caf\xe9 opens here.", "b": "cafe opens here."}\n'
        b'{"id": 2, "a": "Bad \\ud800 text here.", "b": "Bad text here."}\n'
        b'{"id": 3, "a": "Fine.", "b": "Fine."}\n')
    code, out, _ = run(capsys, "compare", "--batch", str(batch))
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [line["id"] for line in lines] == [1, 2, 3]
    assert lines[1]["a_text"] == "Bad ? text here."  # one character for one: offsets hold
