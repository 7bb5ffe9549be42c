"""Where the files Reader ships live: `resources/` (data tables, icons, styles) and `seeds/`.

In a checkout they are the top-level folders; in an installed copy they are the packages
`reader._resources` and `reader._seeds` (see pyproject.toml), found the same way.
"""

from __future__ import annotations

from importlib import resources as _res
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


def _folder(checkout_name: str, package: str) -> Path:
    local = _CHECKOUT / checkout_name
    if local.is_dir() and (_CHECKOUT / "pyproject.toml").is_file():
        return local
    return Path(str(_res.files(package)))


def resource_path(*parts: str) -> Path:
    """Path of a file under resources/, e.g. `resource_path("outlets.tsv")`."""
    return _folder("resources", "reader._resources").joinpath(*parts)


def seeds_dir() -> Path:
    """The folder of bundled sample articles imported on first start."""
    return _folder("seeds", "reader._seeds")
