"""Shared fixtures: the bundled seeds, the shared test data, offscreen Qt."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Set before any test imports Qt: GUI tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The key that signs search indexes (reader.trust): one per test session, not the user's.
os.environ.setdefault(
    "READER_KEY_FILE", str(Path(tempfile.mkdtemp(prefix="reader-test-key-")) / "index.key")
)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seeds_folder() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared (test corpora) is not beside the checkout")
    return SHARED


@pytest.fixture
def seeded_library(tmp_path: Path):
    """A fresh library holding the five bundled seed articles."""
    from reader.library import Library

    library = Library(tmp_path / "library")
    report = library.import_paths([SEEDS])
    assert len(report.imported) == 5
    yield library
    library.close()


@pytest.fixture
def site():
    """A web server on 127.0.0.1 serving the pages and feeds a test puts on it."""
    from webserver import Site

    server = Site().start()
    yield server
    server.stop()


@pytest.fixture
def library(tmp_path: Path):
    """A new, empty library (GUI tests have their own, on the seeds)."""
    from reader.library import Library

    lib = Library(tmp_path / "lib")
    yield lib
    lib.close()
