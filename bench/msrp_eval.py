"""10-fold cross-validated accuracy and F1 of the paraphrase classifier on MSRP (training part).

Each fold trains on nine tenths (as bench/train_paraphrase.py does) and tests on the rest twice:
the classifier alone, and end to end, a pair counting as a paraphrase when the comparison
aligns it (kind "same" or "similar"): by default through the library, with --via-cli through
`reader compare --batch` (the fold's model passed in READER_PARAPHRASE_MODEL).

Run: .venv/bin/python bench/msrp_eval.py [--via-cli] [--folds 10] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing
sys.path.insert(0, str(ROOT / "bench"))

from train_paraphrase import C, featurize, fit, load_msrp  # noqa: E402

from reader.compare import compare_texts  # noqa: E402
from reader.compare.batch import is_paraphrase  # noqa: E402
from reader.compare.paraphrase import MODEL_ENV, ParaphraseModel  # noqa: E402


def scores(y: np.ndarray, pred: np.ndarray) -> tuple[float, float]:
    tp = int(((pred == 1) & (y == 1)).sum())
    fp = int(((pred == 1) & (y == 0)).sum())
    fn = int(((pred == 0) & (y == 1)).sum())
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return float((pred == y).mean()), f1


def via_library(pairs, model: ParaphraseModel) -> list[int]:
    return [int(is_paraphrase(compare_texts(a, b, model=model).to_json())) for a, b in pairs]


def via_cli(pairs, model: ParaphraseModel, reader: str) -> list[int]:
    with tempfile.TemporaryDirectory() as tmp:
        model_path = Path(tmp, "model.json")
        model_path.write_text(json.dumps(model.to_json()), encoding="utf-8")
        batch = Path(tmp, "pairs.jsonl")
        with open(batch, "w", encoding="utf-8") as fh:
            for k, (a, b) in enumerate(pairs):
                fh.write(json.dumps({"id": k, "a": a, "b": b}, ensure_ascii=False) + "\n")
        env = {**os.environ, MODEL_ENV: str(model_path)}
        out = subprocess.run(
            [reader, "compare", "--batch", str(batch)], env=env, check=True,
            capture_output=True, text=True, encoding="utf-8",
        ).stdout
    decided = {}
    for line in out.splitlines():
        result = json.loads(line)
        decided[result["id"]] = int(is_paraphrase(result))
    return [decided[k] for k in range(len(pairs))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--folds", type=int, default=10)
    ap.add_argument("--limit", type=int, help="only the first N pairs (quick runs)")
    ap.add_argument("--via-cli", action="store_true", help="end to end through reader compare")
    ap.add_argument("--C", type=float, default=C)
    args = ap.parse_args()
    from sklearn.model_selection import StratifiedKFold

    reader = shutil.which("reader", path=str(ROOT / ".venv" / "bin")) if args.via_cli else None
    if args.via_cli and not reader:
        sys.exit("no .venv/bin/reader: install the package (pip install -e .) or drop --via-cli")

    pairs, y = load_msrp()
    if args.limit:
        pairs, y = pairs[: args.limit], y[: args.limit]
    x = featurize(pairs)
    classifier = np.zeros(len(y), dtype=int)
    end_to_end = np.zeros(len(y), dtype=int)
    started = time.perf_counter()
    folds = StratifiedKFold(args.folds, shuffle=True, random_state=0)
    for train, test in folds.split(x, y):
        model = fit(x[train], y[train], args.C)
        classifier[test] = [model.probability_of(list(row)) >= model.threshold for row in x[test]]
        held_out = [pairs[i] for i in test]
        decided = via_cli(held_out, model, reader) if reader else via_library(held_out, model)
        end_to_end[test] = decided
    elapsed = time.perf_counter() - started

    print(f"MSRP training part, {len(y)} pairs ({y.mean():.1%} paraphrases), "
          f"{args.folds}-fold cross-validation, C={args.C}")
    acc, f1 = scores(y, classifier)
    print(f"  classifier alone:          accuracy {acc:.1%}  F1 {f1:.1%}")
    acc, f1 = scores(y, end_to_end)
    route = "reader compare --batch" if reader else "compare_texts"
    print(f"  end to end ({route}): accuracy {acc:.1%}  F1 {f1:.1%}")
    agree = float((classifier == end_to_end).mean())
    print(f"  decisions agreeing: {agree:.1%}; {elapsed:.1f} s")


if __name__ == "__main__":
    main()
