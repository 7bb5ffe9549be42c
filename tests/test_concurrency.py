"""Many processes on one library: imports, searches and reindexing at once, nothing lost,
nothing crashed, no lock error."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from reader.library import Library

WORDS = [
    "harbour", "council", "ferry", "storm", "minister", "budget", "election", "court",
    "strike", "river", "bridge", "school", "hospital", "tariff", "treaty", "summit", "police",
    "market", "rail", "airport", "energy",
]


def make_corpus(path: Path, n: int, tag: str, start: int = 0) -> Path:
    """`n` distinct short articles in JSON Lines, each with the word `tag`."""
    with open(path, "w", encoding="utf-8") as out:
        for i in range(start, start + n):
            words = " ".join(WORDS[(i * 7 + k) % len(WORDS)] for k in range(40))
            body = f"{tag} report {i}. {words}. Article number {i} of the {tag} set ends here."
            out.write(json.dumps({"title": f"{tag} {i}", "body": body, "date": "2025-03-01"}))
            out.write("\n")
    return path


def reader_cmd(library: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "reader.cli", "--library", str(library), *args]


def test_two_imports_and_a_search_loop_at_once(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    with Library(lib):
        pass
    a = make_corpus(tmp_path / "a.jsonl", 700, "alpha")
    b = make_corpus(tmp_path / "b.jsonl", 700, "bravo")
    # Output to files: a pipe nobody reads until the end would fill and stop the import.
    outs = {path: (path.with_suffix(".out").open("w+"), path.with_suffix(".err").open("w+"))
            for path in (a, b)}
    imports = [
        subprocess.Popen(reader_cmd(lib, "import", "--json", str(path)),
                         stdout=outs[path][0], stderr=outs[path][1])
        for path in (a, b)
    ]
    searches = 0
    while any(p.poll() is None for p in imports):
        with Library(lib) as library:  # a new "process view" each time, as the CLI has
            library.search("report", limit=5)
            library.rows()
        searches += 1
        time.sleep(0.05)
    for path, p in zip((a, b), imports, strict=True):
        p.wait()
        out, err = (f.seek(0) or f.read() for f in outs[path])
        for f in outs[path]:
            f.close()
        assert p.returncode == 0, err
        assert "Traceback" not in err and "LockError" not in err
        assert len(json.loads(out)["imported"]) == 700
    assert searches > 0
    with Library(lib) as library:
        assert library.store.count() == 1400
        assert library.search("alpha", limit=1).total == 700
        assert library.search("bravo", limit=1).total == 700


def test_a_reader_does_not_catch_up_while_a_writer_holds_the_lock(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    with Library(lib) as library:
        library.import_paths([make_corpus(tmp_path / "a.jsonl", 20, "alpha")])
        library.store.queue_all_for_index()  # as if an import had stored but not indexed yet
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from reader.locking import WriterLock\n"
         "lock = WriterLock(sys.argv[1]); lock.acquire(); print('held', flush=True)\n"
         "time.sleep(30)", str(lib / Library.LOCK_FILE)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        with Library(lib) as library:
            assert time.monotonic() - started < 5  # did not wait for the writer
            assert library.index_note and "Another Reader process" in library.index_note
            assert library.search("alpha").total == 20  # what is there
            assert library.store.pending_index()  # left to the writer
        out = subprocess.run(
            reader_cmd(lib, "search", "alpha"), capture_output=True, text=True, timeout=60
        )
        assert out.returncode == 0 and "Another Reader process" in out.stderr
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    with Library(lib) as library:  # the lock died with its holder: caught up now
        assert not library.store.pending_index()


def test_a_writer_waits_for_another_with_a_message(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    with Library(lib):
        pass
    # The holder keeps the lock until told to let go, which the test does only once the
    # importer has said that it waits (no race with how fast either process starts).
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from reader.locking import WriterLock\n"
         "lock = WriterLock(sys.argv[1]); lock.acquire(); print('held', flush=True)\n"
         "sys.stdin.readline()", str(lib / Library.LOCK_FILE)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        importer = subprocess.Popen(
            reader_cmd(lib, "import", str(make_corpus(tmp_path / "a.jsonl", 5, "alpha"))),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        said = ""
        while "waiting" not in said:
            line = importer.stderr.readline()
            if not line:
                break
            said += line
        holder.stdin.write("\n")
        holder.stdin.flush()
        out, err = importer.communicate(timeout=120)
    finally:
        holder.wait(timeout=30)
        holder.stdout.close()
        holder.stdin.close()
    assert importer.returncode == 0, said + err
    assert "waiting" in said and "Traceback" not in said + err
    assert "5 imported" in out
