"""Shared helpers for the benchmark scripts: where the test data is, sizes, percentiles."""

from __future__ import annotations

import os
import statistics
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("READER_SHARED", ROOT.parent / "shared"))


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def newswcl_events() -> dict[str, list[dict]]:
    """NewsWCL50's articles (../shared/eval-dev/newswcl50.jsonl) grouped by event."""
    import json

    events: dict[str, list[dict]] = {}
    with open(SHARED / "eval-dev" / "newswcl50.jsonl", encoding="utf-8") as fh:
        for line in fh:
            article = json.loads(line)
            events.setdefault(article["cluster_id"], []).append(article)
    return events
