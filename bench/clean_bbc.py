"""How much the cleaner takes out of ordinary clean articles, and how fast it runs.

Over all BBC articles in ../shared/corpora/bbc (title on line 1) it prints the share of words
removed (target under 0.5%), the time per article, and the commonest removal reasons with
examples so false positives are visible. `--jsonl N` also samples N articles of each JSON
Lines corpus. Run: .venv/bin/python bench/clean_bbc.py [--jsonl 2000] [--examples 5]
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import time
from collections import Counter, defaultdict
from pathlib import Path

from reader.cleaning import clean_article
from reader.models import CleanedArticle

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def _bbc() -> list[tuple[str, dict]]:
    files = sorted((SHARED / "corpora" / "bbc").glob("*/*.txt"))
    # One BBC file carries a raw Latin-1 pound sign; the importer's fallback does the same.
    return [(str(p), {"raw": p.read_bytes().decode("utf-8", errors="replace")}) for p in files]


def _jsonl(name: str, n: int) -> list[tuple[str, dict]]:
    out = []
    with gzip.open(SHARED / "corpora" / name, "rt", encoding="utf-8") as f:
        for line in itertools.islice(f, n):
            rec = json.loads(line)
            given = {
                "raw": rec.get("body") or "",
                "title": rec.get("title") or None,
                "outlet": rec.get("outlet") or None,
            }
            out.append((f"{name}:{rec.get('id')}", given))
    return out


def _report(label: str, items: list[tuple[str, dict]], examples: int) -> None:
    total_words = removed_words = 0
    reasons: Counter[str] = Counter()
    reason_words: Counter[str] = Counter()
    samples: dict[str, list[str]] = defaultdict(list)
    untitled = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    results: list[tuple[str, dict, CleanedArticle]] = []
    for name, given in items:
        results.append((name, given, clean_article(**given)))
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    for name, given, cleaned in results:
        words = len(given["raw"].split())
        for r in cleaned.removed:
            n = len(r.text.split())
            if r.reason == "headline":  # line 1 of a BBC file is its title, not lost text
                words -= n
                continue
            removed_words += n
            reasons[r.reason] += 1
            reason_words[r.reason] += n
            if len(samples[r.reason]) < examples:
                samples[r.reason].append(f"{Path(name).name}: {r.text[:90]!r}")
        total_words += words
        untitled += cleaned.title is None
    print(f"== {label}: {len(items)} articles, {total_words:,} words")
    print(f"words removed: {removed_words:,} ({100 * removed_words / max(total_words, 1):.3f}%)")
    n = max(len(items), 1)
    # CPU time too: on a shared machine the wall clock also counts other people's work.
    print(f"time: {1000 * elapsed / n:.3f} ms per article ({1000 * cpu / n:.3f} ms CPU)")
    print(f"articles without a title: {untitled}")
    for reason, count in reasons.most_common():
        print(f"  {count:6d} x {reason} ({reason_words[reason]} words)")
        for s in samples[reason]:
            print(f"           {s}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jsonl", type=int, default=0, help="also sample N of each JSONL corpus")
    parser.add_argument("--examples", type=int, default=5, help="examples shown per reason")
    args = parser.parse_args()
    if not SHARED.is_dir():
        raise SystemExit(f"{SHARED} is missing: the test corpora are not beside the checkout")
    _report("BBC", _bbc(), args.examples)
    if args.jsonl:
        for name in ("reuters21578.jsonl.gz", "allsides2020.jsonl.gz"):
            _report(name, _jsonl(name, args.jsonl), args.examples)


if __name__ == "__main__":
    main()
