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
import os
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


def run_library(batch: Path, preds: Path) -> dict:
    """Tag every document in-process: one batched spaCy pass (as `analyze --batch` does), then
    the tagger; returns the timings (model load is not counted per document)."""
    sys.path.insert(0, str(ROOT))
    from reader.nlp import get_nlp
    from reader.timex import find_timexes

    t0 = time.perf_counter()
    nlp = get_nlp()
    nlp("warm up")
    load = time.perf_counter() - t0
    items = [json.loads(line) for line in batch.open(encoding="utf-8")]
    t0, c0 = time.perf_counter(), time.process_time()
    docs = list(nlp.pipe((item["text"] for item in items), batch_size=32))
    spacy_secs = time.perf_counter() - t0
    tagger_secs = 0.0
    with preds.open("w", encoding="utf-8") as out:
        for item, doc in zip(items, docs, strict=True):
            anchor = dt.date.fromisoformat(item["published"]) if item["published"] else None
            t = time.perf_counter()
            timexes = find_timexes(item["text"], anchor, doc)
            secs = time.perf_counter() - t
            tagger_secs += secs
            out.write(json.dumps({"doc": item["id"],
                                  "seconds": secs + spacy_secs / len(items),
                                  "timexes": [x.to_json() for x in timexes]}) + "\n")
    n = max(1, len(items))
    # CPU time of this process: what the work costs when the machine is shared
    cpu = time.process_time() - c0
    return {"load": load, "spacy": spacy_secs / n, "tagger": tagger_secs / n, "cpu": cpu / n}


def run_cli(batch: Path, preds: Path) -> dict:
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
    return {"load": 0.0, "spacy": 0.0, "tagger": 0.0, "cpu": 0.0}


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
        timing = (run_cli if args.via_cli else run_library)(batch, preds)
        predictions, meta = te3.read_preds(str(preds))
        if args.keep:
            shutil.copy(preds, args.keep)
    metrics, details = te3.score(docs, predictions)
    secs = meta["seconds_docs"]
    print(f"documents {len(docs)}, gold timexes {metrics['gold']}, system {metrics['system']}")
    for key in ("strict_F1", "relaxed_F1", "value_F1", "value_acc", "type_acc"):
        print(f"{key:<12} {100 * metrics[key]:6.2f}")
    per_doc = secs / max(1, len(docs))
    if args.via_cli:
        print(f"seconds/doc  {per_doc:.4f}  (whole `reader analyze --batch` run incl. start-up)")
    else:
        print(f"seconds/doc  {per_doc:.4f}  (spaCy pass {timing['spacy']:.4f} + tagger "
              f"{timing['tagger']:.4f}; model load {timing['load']:.1f} s not counted)")
        print(f"cpu s/doc    {timing['cpu']:.4f}  (process CPU time for the same work)")
    load_avg, cores = os.getloadavg()[0], os.cpu_count() or 1
    print(f"load average {load_avg:.1f} on {cores} cores (busy machines inflate the timings)")
    if args.errors:
        te3._print_errors("reader.timex", details, args.errors)


if __name__ == "__main__":
    main()
