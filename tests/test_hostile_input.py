"""Hostile and broken input: every input gets an outcome, one bad item never stops the rest,
nothing good is lost, memory stays bounded. All files are generated here, none stored."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader import sources
from reader.library import Library
from reader.sources import SourceFailure, SourceItem, expand_paths, read_source

GOOD = "The harbour reopened on Monday after three days of storms closed it to ferries."


def _line(**fields) -> str:
    return json.dumps({"title": "T", "body": GOOD, **fields})


def _import(tmp_path: Path, *paths: Path):
    with Library(tmp_path / "lib") as library:
        report = library.import_paths(list(paths))
        found = library.search("harbour", limit=100).total
        return report, found


def test_lone_surrogate_line_is_imported_with_a_note_and_the_batch_survives(tmp_path: Path):
    path = tmp_path / "a.jsonl"
    lines = [
        json.dumps({"title": "Good one", "body": GOOD + " one"}),
        '{"title": "Broken \\ud800 title", "body": "' + GOOD + ' two \\udc00"}',
        json.dumps({"title": "Good three", "body": GOOD + " three"}),
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    report, found = _import(tmp_path, path)
    assert len(report.imported) == 3 and found == 3
    assert any("surrogate" in m for _, m in report.warnings)


def test_non_utf8_file_name_is_imported_and_shown_readably(tmp_path: Path):
    src = tmp_path / "src"
    src.mkdir()
    name = os.fsdecode(b"caf\xe9-report.txt")  # Latin-1 bytes in a file name
    (src / name).write_text(GOOD, "utf-8")
    (src / "later.txt").write_text(GOOD + " Later words.", "utf-8")
    report, found = _import(tmp_path, src)
    assert len(report.imported) == 2 and found == 2
    labels = [p for p, _ in report.imported]
    assert any("caf\ufffd-report.txt" in p for p in labels)
    for label in labels:
        label.encode("utf-8")  # printable and storable


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads folders without permission")
def test_unreadable_folder_and_file_get_outcomes_and_later_paths_go_on(tmp_path: Path):
    src = tmp_path / "src"
    (src / "locked").mkdir(parents=True)
    (src / "locked" / "inside.txt").write_text(GOOD)
    (src / "secret.txt").write_text(GOOD + " Secret.")
    (src / "ok.txt").write_text(GOOD + " Fine.")
    later = tmp_path / "later.txt"
    later.write_text(GOOD + " Later.")
    os.chmod(src / "locked", 0)
    os.chmod(src / "secret.txt", 0)
    try:
        report, found = _import(tmp_path, src, later)
    finally:
        os.chmod(src / "locked", 0o755)
        os.chmod(src / "secret.txt", 0o644)
    failed = dict(report.failed)
    assert "cannot read the folder" in failed[str(src / "locked")]
    assert "cannot read the file" in failed[str(src / "secret.txt")]
    assert len(report.imported) == 2 and found == 2


def test_unreadable_folder_is_reported_even_as_root(tmp_path: Path, monkeypatch):
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "ok.txt").write_text(GOOD)
    real_scandir = os.scandir

    def scandir(path="."):
        if str(path).endswith("sub"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    entries = list(expand_paths([src]))
    failures = [e for e in entries if isinstance(e, SourceFailure)]
    assert [Path(f.label).name for f in failures] == ["sub"]
    assert "Permission denied" in failures[0].reason
    assert src / "ok.txt" in entries


def test_links_out_of_the_folder_and_special_files_are_refused(tmp_path: Path):
    src = tmp_path / "src"
    src.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text("Private notes that must not be imported by a link.")
    (src / "ok.txt").write_text(GOOD)
    (src / "passwd.txt").symlink_to("/etc/passwd")
    (src / "notes.txt").symlink_to(outside)
    (src / "zero.jsonl").symlink_to(tmp_path / "inner" / ".." / "zero.jsonl")
    (tmp_path / "inner").mkdir()
    (tmp_path / "zero.jsonl").symlink_to("/dev/zero")
    (src / "etc").symlink_to("/etc")
    (src / "ok-link.txt").symlink_to(src / "ok.txt")  # inside the tree: fine (a duplicate)
    report, found = _import(tmp_path, src, Path("/dev/zero"))
    failed = dict(report.failed)
    for name in ("passwd.txt", "notes.txt", "zero.jsonl", "etc"):
        assert "outside the imported folder" in failed[str(src / name)], name
    assert "not a regular file" in failed["/dev/zero"]
    assert [Path(p).name for p, _ in report.imported] == ["ok-link.txt"]
    assert found == 1 and len(report.duplicates) == 1


def test_a_special_file_inside_the_tree_is_refused(tmp_path: Path):
    src = tmp_path / "src"
    src.mkdir()
    os.mkfifo(src / "pipe.jsonl")  # opening it would wait for ever
    [entry] = list(read_source(src / "pipe.jsonl"))
    assert isinstance(entry, SourceFailure) and "not a regular file" in entry.reason


def test_non_string_fields_and_unreadable_dates(tmp_path: Path):
    path = tmp_path / "a.jsonl"
    rows = [
        {"title": "Bool body", "body": True},
        {"title": "List body", "body": ["a", "b"]},
        {"title": True, "body": GOOD + " one", "date": "yesterday", "outlet": False},
        {"body": GOOD + " two", "date": "2024-02-30", "author": {"x": 1}},
        {"body": GOOD + " three", "date": "99999-01-01"},
        {"body": GOOD + " four", "date": 2024},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", "utf-8")
    report, found = _import(tmp_path, path)
    failed = dict(report.failed)
    assert '"body" must be text, not true' in failed[f"{path}:1"]
    assert '"body" must be text' in failed[f"{path}:2"]
    assert len(report.imported) == 4 and found == 4
    warnings = [m for _, m in report.warnings]
    for date in ("yesterday", "2024-02-30", "99999-01-01"):
        assert any(date in m and "date ignored" in m for m in warnings), date
    with Library(tmp_path / "lib") as library:
        titles = {r.title for r in library.rows()}
        outlets = {r.outlet for r in library.rows()}
    assert "True" not in titles and "False" not in outlets


def test_utf8_mixed_with_cp1252_is_read_right_and_warned(tmp_path: Path):
    data = "Café owners said “no”.".encode() + b" Prices rose to \x805 \x96 again.\n"
    (tmp_path / "mixed.txt").write_bytes(data + GOOD.encode())
    [item] = list(read_source(tmp_path / "mixed.txt"))
    assert isinstance(item, SourceItem)
    assert item.raw.startswith("Café owners said “no”. Prices rose to €5 – again.")
    assert any("mixed encodings" in n for n in item.notes)
    line = json.dumps({"body": "x"}).encode()[:-2] + b' caf\xe9 ' + GOOD.encode() + b'"}\n'
    (tmp_path / "mixed.jsonl").write_bytes(line)
    [item] = list(read_source(tmp_path / "mixed.jsonl"))
    assert isinstance(item, SourceItem) and "café" in item.raw and item.notes


def test_overlong_jsonl_line_fails_alone(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_FILE_BYTES", 10_000)
    path = tmp_path / "a.jsonl"
    huge = json.dumps({"body": "word " * 5000})
    path.write_text("\n".join([_line(), huge, _line(title="After")]) + "\n", "utf-8")
    entries = list(read_source(path))
    assert [type(e).__name__ for e in entries] == ["SourceItem", "SourceFailure", "SourceItem"]
    assert "longer than 20 MB" in entries[1].reason


def test_gzip_bomb_is_stopped(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(sources, "MIN_EXPANDED_BYTES", 1_000_000)
    monkeypatch.setattr(sources, "MAX_FILE_BYTES", 100_000)
    path = tmp_path / "bomb.jsonl.gz"
    with gzip.open(path, "wb") as out:
        out.write((_line() + "\n").encode())
        for _ in range(50):
            out.write(b"\0" * 100_000)
    entries = list(read_source(path))
    assert isinstance(entries[0], SourceItem)
    assert "expands to more than" in entries[-1].reason


def test_damaged_gzip_keeps_the_lines_before_the_damage(tmp_path: Path):
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(gzip.compress(("\n".join(_line(title=str(i)) for i in range(50))).encode()))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    entries = list(read_source(path))
    assert isinstance(entries[-1], SourceFailure) and "damaged" in entries[-1].reason


def test_deeply_nested_json_line_fails_alone(tmp_path: Path):
    path = tmp_path / "a.jsonl"
    path.write_text("[" * 100_000 + "\n" + _line() + "\n")
    entries = list(read_source(path))
    assert isinstance(entries[0], SourceFailure) and isinstance(entries[1], SourceItem)


def test_a_reader_bug_fails_one_file_and_the_rest_go_on(tmp_path: Path, monkeypatch):
    from reader import importer

    src = tmp_path / "src"
    src.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (src / name).write_text(f"{GOOD} File {name}.")
    real = importer.read_source

    def broken(path):
        if path.name == "b.txt":
            raise RuntimeError("boom")
        return real(path)

    monkeypatch.setattr(importer, "read_source", broken)
    report, _ = _import(tmp_path, src)
    assert [Path(p).name for p, _ in report.imported] == ["a.txt", "c.txt"]
    assert "internal error" in dict(report.failed)[str(src / "b.txt")]


def test_an_article_the_store_refuses_fails_alone_in_its_batch(tmp_path: Path, monkeypatch):
    from reader.store import ArticleStore

    src = tmp_path / "src"
    src.mkdir()
    for i in range(6):
        (src / f"{i}.txt").write_text(f"{GOOD} Number {i}.")
    real_add = ArticleStore.add

    def add(self, raw, cleaned, **kw):
        if "Number 3" in raw:
            raise UnicodeEncodeError("utf-8", "x", 0, 1, "surrogates not allowed")
        return real_add(self, raw, cleaned, **kw)

    monkeypatch.setattr(ArticleStore, "add", add)
    with Library(tmp_path / "lib") as library:
        report = library.import_paths([src], store_batch=4)
        assert len(report.imported) == 5 and library.store.count() == 5
        assert "could not store" in dict(report.failed)[str(src / "3.txt")]


def test_cli_gives_every_input_an_outcome_line(tmp_path: Path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "ok.txt").write_text(GOOD)
    (src / "link.txt").symlink_to("/etc/hostname")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"body": true}\n{"body": "' + GOOD + ' x", "date": "yesterday"}\n')
    out = subprocess.run(
        [sys.executable, "-m", "reader.cli", "--library", str(tmp_path / "lib"), "import",
         "--json", str(src), str(tmp_path / "missing"), str(bad)],
        capture_output=True, text=True, timeout=120,
    )
    assert "Traceback" not in out.stderr
    data = json.loads(out.stdout)
    assert len(data["imported"]) == 2
    assert {Path(f["path"]).name for f in data["failed"]} == {"link.txt", "missing", "bad.jsonl:1"}
    assert [Path(w["path"]).name for w in data["warnings"]] == ["bad.jsonl:2"]


def test_memory_peak_for_the_worst_inputs_stays_bounded(tmp_path: Path):
    """A 20 MB article (the largest allowed), a 50 MB JSON line and a gzip bomb, each imported
    in a fresh process: each one's peak resident memory stays under 600 MB. The peak is the
    process's own (VmHWM): ru_maxrss would count the forked copy of the test runner before
    exec, which after the whole suite is itself 600 MB."""
    src = tmp_path / "src"
    src.mkdir()
    words = ("harbour storm ferry council vote " * 700_000)[: 20 * 1024 * 1024 - 100]
    (src / "big.txt").write_text(words)
    (src / "line.jsonl").write_text(json.dumps({"body": "x" * 50_000_000}) + "\n" + _line() + "\n")
    with gzip.open(src / "bomb.jsonl.gz", "wb", compresslevel=1) as out:
        chunk = b"\0" * (1 << 20)
        for _ in range(1100):
            out.write(chunk)
    script = (
        "import sys; from reader.library import Library\n"
        "with Library(sys.argv[1]) as lib: r = lib.import_paths([sys.argv[2]])\n"
        "print(len(r.imported), len(r.failed), "
        "int(next(line.split()[1] for line in open('/proc/self/status') "
        "if line.startswith('VmHWM:'))) // 1024)\n"
    )
    outcomes = {}
    for name in ("big.txt", "line.jsonl", "bomb.jsonl.gz"):
        out = subprocess.run(
            [sys.executable, "-c", script, str(tmp_path / f"lib-{name}"), str(src / name)],
            capture_output=True, text=True, timeout=300,
        )
        assert out.returncode == 0, out.stderr
        outcomes[name] = tuple(map(int, out.stdout.split()))
        print(f"peak memory importing {name}: {outcomes[name][2]} MB")
    assert {name: o[:2] for name, o in outcomes.items()} == {
        "big.txt": (1, 0), "line.jsonl": (1, 1), "bomb.jsonl.gz": (0, 1)}
    assert all(o[2] < 600 for o in outcomes.values())
