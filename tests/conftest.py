"""Shared fixtures: the bundled seeds, the shared test data, offscreen Qt."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Set before any test imports Qt: GUI tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared (test corpora) is not beside the checkout")
    return SHARED
