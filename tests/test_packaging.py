"""The installed package carries everything: every subpackage, the resources and the seeds."""

from __future__ import annotations

import tomllib
from pathlib import Path

from reader.resources import resource_path, seeds_dir

ROOT = Path(__file__).resolve().parent.parent


def test_every_subpackage_is_listed_for_installation() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts) for init in ROOT.glob("reader/**/__init__.py")
    }
    data = {
        "reader._resources." + ".".join(d.relative_to(ROOT / "resources").parts)
        for d in (ROOT / "resources").rglob("*")
        if d.is_dir() and any(p.is_file() for p in d.iterdir())
    }
    missing = (on_disk | data) - listed
    assert not missing, f"add to pyproject.toml packages: {sorted(missing)}"
    absent = {p for p in listed if p.startswith("reader._resources.") and p not in data}
    assert not absent, f"listed but not in resources/: {sorted(absent)}"


def test_seeds_ship_unchanged_with_the_package() -> None:
    names = sorted(p.name for p in seeds_dir().glob("*.txt"))
    assert len(names) == 5 and names[0].startswith("000_")
    assert resource_path("outlets.tsv").is_file()
