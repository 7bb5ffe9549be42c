"""Damaged, foreign and hostile library folders: the store is the truth, derived files are
verified or rebuilt from it, a damaged store is refused with what to do, and no pickle from a
folder someone else prepared is ever loaded."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader import index as index_module
from reader.errors import LibraryError
from reader.library import Library

MARKER = "pwned-marker"


@pytest.fixture
def lib(tmp_path: Path, seeds_folder: Path) -> Path:
    folder = tmp_path / "lib"
    with Library(folder) as library:
        library.import_paths([seeds_folder])
    return folder


def _segment(folder: Path) -> Path:
    [seg] = sorted((folder / "index").glob("*.seg"))
    return seg


def _searchable(folder: Path) -> int:
    with Library(folder) as library:
        return library.search("Kuril").total


@pytest.mark.parametrize("damage", ["truncate", "empty", "delete", "garbage-toc", "no-record"])
def test_damaged_index_is_rebuilt_on_open(lib: Path, damage: str) -> None:
    seg = _segment(lib)
    if damage == "truncate":
        seg.write_bytes(seg.read_bytes()[: seg.stat().st_size // 2])
    elif damage == "empty":
        seg.write_bytes(b"")
    elif damage == "delete":
        seg.unlink()
    elif damage == "garbage-toc":
        [toc] = (lib / "index").glob("*.toc")
        toc.write_bytes(os.urandom(200))
    else:
        (lib / "index" / "reader-index.json").unlink()
    assert _searchable(lib) >= 4


def test_index_damaged_while_open_is_rebuilt_at_the_next_search(lib: Path) -> None:
    with Library(lib) as library:
        assert library.search("Kuril").total >= 4
        seg = _segment(lib)
        seg.write_bytes(b"\0" * seg.stat().st_size)  # same size, garbage inside
        library.reload_index()
        assert library.search("Kuril").total >= 4


def test_read_error_from_a_verified_index_rebuilds_once(lib: Path, monkeypatch) -> None:
    with Library(lib) as library:
        real = library.index.search
        calls = {"n": 0}

        def flaky(*args, **kwargs):
            calls["n"] += 1
            if calls["n"] == 1:
                raise EOFError("segment cut short")
            return real(*args, **kwargs)

        monkeypatch.setattr(library.index, "search", flaky)
        assert library.search("Kuril").total >= 4


def test_reindex_when_index_is_a_file_or_a_link(lib: Path, tmp_path: Path) -> None:
    import shutil

    shutil.rmtree(lib / "index")
    (lib / "index").write_text("not a folder")
    out = subprocess.run(
        [sys.executable, "-m", "reader.cli", "--library", str(lib), "reindex"],
        capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    assert _searchable(lib) >= 4
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("not the index's to delete")
    shutil.rmtree(lib / "index")
    (lib / "index").symlink_to(elsewhere)
    assert _searchable(lib) >= 4
    assert (elsewhere / "keep.txt").exists()


def test_reindex_killed_midway_leaves_the_old_index_searchable(lib: Path, monkeypatch) -> None:
    real = index_module._write_docs

    def dies(ix, docs, deletes, **kw):
        for n, _ in enumerate(docs):
            if n == 2:
                raise KeyboardInterrupt  # as a kill would, mid-way through the rebuild
        return real(ix, docs, deletes, **kw)

    with Library(lib) as library:
        monkeypatch.setattr(index_module, "_write_docs", dies)
        with pytest.raises(KeyboardInterrupt):
            library.reindex()
        monkeypatch.undo()
        assert library.search("Kuril").total >= 4
    assert _searchable(lib) >= 4
    assert not (lib / "index.new").exists()
    (lib / "index.new").mkdir()  # a real kill leaves it: the next rebuild clears it
    with Library(lib) as library:
        library.reindex()
    assert not (lib / "index.new").exists() and not (lib / "index.old").exists()


def test_killed_between_the_swap_renames_is_rebuilt(lib: Path) -> None:
    (lib / "index").rename(lib / "index.old")  # the moment between the two renames
    assert _searchable(lib) >= 4


def test_zero_byte_store_is_refused_and_the_index_kept(lib: Path) -> None:
    before = sorted(p.name for p in (lib / "index").iterdir())
    (lib / "library.sqlite3").write_bytes(b"")
    for name in ("library.sqlite3-wal", "library.sqlite3-shm"):
        (lib / name).unlink(missing_ok=True)
    with pytest.raises(LibraryError, match="empty"):
        Library(lib)
    assert sorted(p.name for p in (lib / "index").iterdir()) == before
    assert (lib / "library.sqlite3").stat().st_size == 0


def test_garbage_store_gets_a_clear_message_without_traceback(lib: Path) -> None:
    (lib / "library.sqlite3").write_bytes(b"this is not a database " * 100)
    for name in ("library.sqlite3-wal", "library.sqlite3-shm"):
        (lib / name).unlink(missing_ok=True)
    with pytest.raises(LibraryError, match=r"damaged.*backup"):
        Library(lib)
    out = subprocess.run(
        [sys.executable, "-m", "reader.cli", "--library", str(lib), "search", "Kuril"],
        capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "damaged" in out.stderr


def test_import_refuses_to_write_into_a_malformed_store(lib: Path, tmp_path: Path) -> None:
    db = lib / "library.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    assert pages > 4
    data = bytearray(db.read_bytes())
    for page in range(2, pages):  # leave the header page; scramble the b-tree pages
        start = page * page_size
        data[start : start + 64] = os.urandom(64)
    db.write_bytes(bytes(data))
    new = tmp_path / "new.txt"
    new.write_text("A new article about the harbour that must not go into a damaged store.")
    size = db.stat().st_size
    out = subprocess.run(
        [sys.executable, "-m", "reader.cli", "--library", str(lib), "import", str(new)],
        capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    assert "damaged" in out.stderr
    assert db.stat().st_size == size


class _Payload:
    """What a hostile folder could put in an index: unpickling it creates a file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def _plant_pickle(index_dir: Path, marker: Path) -> None:
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import TOC

    latest = TOC._latest_generation(FileStorage(str(index_dir)), "MAIN")
    TOC(index_module.make_schema(), _Payload(marker), latest + 1).write(
        FileStorage(str(index_dir)), "MAIN"
    )


def test_a_planted_pickle_is_live_but_never_loaded(lib: Path, tmp_path: Path) -> None:
    from whoosh import index as whoosh_index

    marker = tmp_path / MARKER
    _plant_pickle(lib / "index", marker)
    # The payload works against plain Whoosh...
    with contextlib.suppress(Exception):  # whatever Whoosh makes of the rest, the code ran
        whoosh_index.open_dir(str(lib / "index")).searcher().close()
    assert marker.exists()
    marker.unlink()
    # ...but Reader does not open an index its user's key did not sign.
    _plant_pickle(lib / "index", marker)
    assert _searchable(lib) >= 4
    out = subprocess.run(
        [sys.executable, "-m", "reader.cli", "--library", str(lib), "search", "Kuril"],
        capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert not marker.exists()


def test_a_library_folder_from_someone_else_is_reindexed_not_trusted(
    tmp_path: Path, seeds_folder: Path, monkeypatch
) -> None:
    folder = tmp_path / "colleague"
    monkeypatch.setenv("READER_KEY_FILE", str(tmp_path / "their.key"))
    with Library(folder) as library:
        library.import_paths([seeds_folder])
    marker = tmp_path / MARKER
    _plant_pickle(folder / "index", marker)
    # Signed with their key: the manifest and every file verify for them...
    from reader.index import _write_manifest
    from reader.trust import user_key

    with Library(folder, check_index=False) as library:
        _write_manifest(folder / "index", user_key(), library.library_id)
    monkeypatch.setenv("READER_KEY_FILE", str(tmp_path / "mine.key"))
    # ...but not for me.
    assert _searchable(folder) >= 4
    assert not marker.exists()


def test_the_key_file_is_private(tmp_path: Path, monkeypatch) -> None:
    from reader import trust

    monkeypatch.setenv("READER_KEY_FILE", str(tmp_path / "cfg" / "index.key"))
    key = trust.user_key()
    assert len(key) == 32 and trust.user_key() == key
    assert (tmp_path / "cfg" / "index.key").stat().st_mode & 0o777 == 0o600



def test_a_changed_file_is_found_even_with_its_modification_time_put_back(lib: Path) -> None:
    seg = _segment(lib)
    before = seg.stat()
    data = bytearray(seg.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one byte: same size, different content
    seg.write_bytes(bytes(data))
    os.utime(seg, ns=(before.st_atime_ns, before.st_mtime_ns))
    with Library(lib, check_index=False) as library:
        assert library.index.check(library.library_id) is not None
    assert _searchable(lib) >= 4
    with Library(lib, check_index=False) as library:  # rebuilt, signed, and trusted again
        assert library.index.check(library.library_id) is None
