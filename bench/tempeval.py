"""TempEval-3 benchmark for the date tagger: extraction F1, value F1, type accuracy, speed.

Runs reader.timex over TimeBank + AQUAINT (each document anchored on its creation time) and
scores with ../shared/tools/te3_score.py.  Usage:
  .venv/bin/python bench/tempeval.py [--gold DIR] [--limit N] [--errors N] [--via-cli]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "eval-dev" / "tempeval3" / "TBAQ-cleaned"
SCORER = SHARED / "tools" / "te3_score.py"


def load_scorer():
    spec = importlib.util.spec_from_file_location("te3_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def batch_input(docs: list[dict], path: Path) -> None:
    """The `reader analyze --batch` input: one {"id", "text", "published"} per line."""
    with path.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps({"id": d["doc"], "text": d["text"],
                                 "published": (d["dct"] or "")[:10] or None}) + "\n")


def run_library(batch: Path, preds: Path) -> float:
    """Tag every document in-process; returns the model load time (not counted per document)."""
    sys.path.insert(0, str(ROOT))
    from reader.nlp import get_nlp
    from reader.timex import find_timexes

    t0 = time.perf_counter()
    nlp = get_nlp()
    nlp("warm up")
    load = time.perf_counter() - t0
    with batch.open(encoding="utf-8") as src, preds.open("w", encoding="utf-8") as out:
        for line in src:
            item = json.loads(line)
            anchor = dt.date.fromisoformat(item["published"]) if item["published"] else None
            t = time.perf_counter()
            timexes = find_timexes(item["text"], anchor, nlp(item["text"]))
            secs = time.perf_counter() - t
            out.write(json.dumps({"doc": item["id"], "seconds": secs,
                                  "timexes": [x.to_json() for x in timexes]}) + "\n")
    return load


def run_cli(batch: Path, preds: Path) -> float:
    """Same through `reader analyze --batch IN --raw` (its "dates" list per document)."""
    exe = ROOT / ".venv" / "bin" / "reader"
    if not exe.exists() and not shutil.which("reader"):
        sys.exit("reader command not found; run without --via-cli")
    t0 = time.perf_counter()
    res = subprocess.run([str(exe), "analyze", "--batch", str(batch), "--raw"],
                         capture_output=True, text=True, check=True)
    total = time.perf_counter() - t0
    rows = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    with preds.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps({"doc": row["id"], "seconds": total / max(1, len(rows)),
                                  "timexes": row.get("dates", [])}) + "\n")
    return 0.0


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    ap.add_argument("--errors", type=int, default=0, help="list N examples per error kind")
    ap.add_argument("--via-cli", action="store_true", help="run `reader analyze --batch --raw`")
    ap.add_argument("--keep", type=Path, help="also write the predictions JSONL here")
    args = ap.parse_args(argv)
    if not SCORER.exists():
        sys.exit(f"scorer not found at {SCORER} (../shared missing?)")
    te3 = load_scorer()
    docs = te3.load_corpus(str(args.gold))
    if args.limit:
        docs = docs[: args.limit]
    with tempfile.TemporaryDirectory() as tmp:
        batch, preds = Path(tmp) / "in.jsonl", Path(tmp) / "pred.jsonl"
        batch_input(docs, batch)
        load = (run_cli if args.via_cli else run_library)(batch, preds)
        predictions, meta = te3.read_preds(str(preds))
        if args.keep:
            shutil.copy(preds, args.keep)
    metrics, details = te3.score(docs, predictions)
    secs = meta["seconds_docs"]
    print(f"documents {len(docs)}, gold timexes {metrics['gold']}, system {metrics['system']}")
    for key in ("strict_F1", "relaxed_F1", "value_F1", "value_acc", "type_acc"):
        print(f"{key:<12} {100 * metrics[key]:6.2f}")
    print("seconds/doc  {:.4f}  (spaCy included{}; model load {:.1f} s not counted)".format(
        secs / max(1, len(docs)), ", via CLI" if args.via_cli else "", load))
    if args.errors:
        te3._print_errors("reader.timex", details, args.errors)


if __name__ == "__main__":
    main()
