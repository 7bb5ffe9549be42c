"""Builds resources/english_df.tsv: how many news articles use each common word.

The classifier's IDF and the framing fallback read it. Source: the AllSides, BBC and Reuters
corpora in ../shared (word counts only, no text). Run: .venv/bin/python bench/build_english_df.py
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from reader.compare.features import normalize, tokenize  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"


def _bodies():
    for name in ("allsides2020.jsonl.gz", "reuters21578.jsonl.gz"):
        with gzip.open(CORPORA / name, "rt", encoding="utf-8") as fh:
            for line in fh:
                yield json.loads(line).get("body") or ""
    for path in sorted((CORPORA / "bbc").rglob("*.txt")):
        yield path.read_text(encoding="utf-8", errors="replace")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--size", type=int, default=10000, help="words kept (most frequent first)")
    ap.add_argument("--out", type=Path, default=ROOT / "resources" / "english_df.tsv")
    args = ap.parse_args()
    df: Counter[str] = Counter()
    docs = 0
    for body in _bodies():
        docs += 1
        words = map(normalize, tokenize(body))
        df.update({w for w in words if not w[:1].isdigit() and "_" not in w})
    kept = df.most_common(args.size)
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write(f"#docs\t{docs}\n")
        for word, count in kept:
            fh.write(f"{word}\t{count}\n")
    print(f"{docs} documents, {len(df)} words, kept {len(kept)} (df >= {kept[-1][1]})")


if __name__ == "__main__":
    main()
