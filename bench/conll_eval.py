"""Exact-span F1 for PER/ORG/LOC on CoNLL-2003 (IOB1), raw model versus model with rules.

Usage: .venv/bin/python bench/conll_eval.py [--file eng.testa] [--limit N] [--via-cli] [--errors N]
Each document's text is rebuilt from its tokens (spaces within a sentence, a newline between
sentences) and run through `reader.analysis.analyze_many` (or `reader analyze --batch --raw`).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "eval-dev" / "conll2003"
TYPES = ("PER", "ORG", "LOC")
LABEL_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


def read_conll(path: Path) -> list[tuple[str, set[tuple[int, int, str]]]]:
    """Documents as (text, gold spans (start, end, type)) with types PER/ORG/LOC/MISC."""
    docs: list[tuple[str, set]] = []
    lines: list[str] = []
    gold: set = set()
    sent: list[tuple[str, str]] = []
    pos = 0

    def end_sentence() -> None:
        nonlocal pos, sent
        if not sent:
            return
        if lines:
            pos += 1  # the newline before this sentence
        prev, start, end = "O", 0, 0
        offsets = []
        for tok, _ in sent:
            offsets.append((pos, pos + len(tok)))
            pos += len(tok) + 1
        pos -= 1
        for (tok_start, tok_end), (_, tag) in zip(offsets, sent, strict=True):
            kind = tag[2:] if tag != "O" else "O"
            if tag == "O" or tag.startswith("B-") or kind != prev:
                if prev != "O":
                    gold.add((start, end, prev))
                start = tok_start
            end, prev = tok_end, kind
        if prev != "O":
            gold.add((start, end, prev))
        lines.append(" ".join(tok for tok, _ in sent))
        sent = []

    def end_doc() -> None:
        nonlocal lines, gold, pos
        end_sentence()
        if lines:
            docs.append(("\n".join(lines), gold))
        lines, gold, pos = [], set(), 0

    for raw in path.read_text(encoding="utf-8").splitlines():
        parts = raw.split()
        if not parts:
            end_sentence()
        elif parts[0] == "-DOCSTART-":
            end_doc()
        else:
            sent.append((parts[0], parts[-1]))
    end_doc()
    return docs


def predict_direct(texts: list[str], use_rules: bool, n_process: int) -> list[list[dict]]:
    from reader.analysis import analyze_many

    os.environ["READER_ENTITY_RULES"] = "1" if use_rules else "0"  # also for spawned workers
    items = ((i, text, None) for i, text in enumerate(texts))
    return [res["entities"] for _, res in analyze_many(items, n_process=n_process)]


def predict_cli(texts: list[str], use_rules: bool, n_process: int) -> list[list[dict]]:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for i, text in enumerate(texts):
            f.write(json.dumps({"id": i, "text": text}) + "\n")
    env = dict(os.environ, READER_ENTITY_RULES="1" if use_rules else "0")
    cmd = [str(ROOT / ".venv" / "bin" / "reader"), "analyze", "--batch", f.name, "--raw"]
    cmd += ["--processes", str(n_process)]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    os.unlink(f.name)
    by_id = {row["id"]: row["entities"] for row in map(json.loads, out.splitlines())}
    return [by_id[i] for i in range(len(texts))]


def score(docs, predictions) -> dict[str, tuple[int, int, int]]:
    """Per type: (true positives, predicted, gold); gold MISC spans are not scored."""
    tp, npred, ngold = Counter(), Counter(), Counter()
    for (_, gold), ents in zip(docs, predictions, strict=True):
        gold = {g for g in gold if g[2] in TYPES}
        pred = {
            (e["start"], e["end"], LABEL_MAP[e["label"]]) for e in ents if e["label"] in LABEL_MAP
        }
        for t in TYPES:
            g = {x for x in gold if x[2] == t}
            p = {x for x in pred if x[2] == t}
            tp[t] += len(g & p)
            npred[t] += len(p)
            ngold[t] += len(g)
    return {t: (tp[t], npred[t], ngold[t]) for t in TYPES}


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return 100 * p, 100 * r, (200 * p * r / (p + r) if p + r else 0.0)


def report(name: str, counts: dict[str, tuple[int, int, int]]) -> float:
    print(f"{name}")
    total = [0, 0, 0]
    for t in TYPES:
        print("  {:8} P {:5.1f}  R {:5.1f}  F1 {:5.1f}".format(t, *prf(*counts[t])))
        total = [a + b for a, b in zip(total, counts[t], strict=True)]
    overall = prf(*total)
    print("  {:8} P {:5.1f}  R {:5.1f}  F1 {:5.1f}".format("overall", *overall))
    return overall[2]


def show_errors(docs, predictions, n: int) -> None:
    errors = Counter()
    for (text, gold), ents in zip(docs, predictions, strict=True):
        gold = {g for g in gold if g[2] != "MISC"}
        misc = {(g[0], g[1]) for g in gold if g[2] == "MISC"}
        pred = {
            (e["start"], e["end"], LABEL_MAP[e["label"]]) for e in ents if e["label"] in LABEL_MAP
        }
        for s, e, t in pred - gold:
            tag = "MISC" if (s, e) in misc else "-"
            errors[f"FP {t:3} gold={tag:4} {text[s:e]!r}"] += 1
        for s, e, t in gold - pred:
            errors[f"FN {t:3} {text[s:e]!r}"] += 1
    for err, k in errors.most_common(n):
        print(f"{k:4d}  {err}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", default="eng.testa", help="file under eval-dev/conll2003")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    ap.add_argument("--via-cli", action="store_true", help="run `reader analyze --batch --raw`")
    ap.add_argument("--n-process", type=int, default=1)
    ap.add_argument("--errors", type=int, default=0, help="list the N commonest errors (rules)")
    ap.add_argument("--rules-only", action="store_true", help="skip the raw model run")
    args = ap.parse_args()

    docs = read_conll(DATA / args.file)
    if args.limit:
        docs = docs[: args.limit]
    texts = [text for text, _ in docs]
    print(f"{args.file}: {len(docs)} documents, {sum(len(t.split()) for t in texts)} tokens")
    results = {}
    for use_rules in [True] if args.rules_only else [False, True]:
        t0 = time.perf_counter()
        if args.via_cli:
            preds = predict_cli(texts, use_rules, args.n_process)
        else:
            preds = predict_direct(texts, use_rules, args.n_process)
        name = "model + rules" if use_rules else "raw model"
        results[name] = report(f"{name} ({time.perf_counter() - t0:.1f} s)", score(docs, preds))
    if args.errors:
        show_errors(docs, preds, args.errors)
    if len(results) == 2:
        gain = results["model + rules"] - results["raw model"]
        print(f"overall F1 change from rules: {gain:+.1f}")


if __name__ == "__main__":
    main()
