"""Builds resources/pos_lexicon.tsv: the usual part of speech of each common news word.

The framing terms use it to cut well-formed phrases ("unfriendly stance", "invasion of
Ukraine", not "subpoenaed two" or "Mexico today") without running a tagger at comparison time.
Source: a sample of the AllSides, BBC and Reuters corpora in ../shared tagged by the shipped
spaCy model (tags only, no text is kept). Each word gets the tags it carries at least 20% of
the time, most frequent first, in a one-letter code:
N noun, P proper noun, A adjective, V verb, G verb -ing, D verb past participle, R adverb,
I preposition, T determiner, C number, O pronoun, M modal, & conjunction, X other.
Run: .venv/bin/python bench/build_pos_lexicon.py [--every 15] [--min-count 4]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

CORPORA = ROOT.parent / "shared" / "corpora"

_CODES = {
    "NN": "N", "NNS": "N", "NNP": "P", "NNPS": "P", "JJ": "A", "JJR": "A", "JJS": "A",
    "VB": "V", "VBP": "V", "VBZ": "V", "VBD": "V", "VBG": "G", "VBN": "D",
    "RB": "R", "RBR": "R", "RBS": "R", "WRB": "R", "RP": "R", "IN": "I", "TO": "I",
    "DT": "T", "PDT": "T", "WDT": "T", "CD": "C", "PRP": "O", "PRP$": "O", "WP": "O",
    "WP$": "O", "EX": "O", "MD": "M", "CC": "&",
}


def _bodies(every: int):
    n = 0
    for name in ("allsides2020.jsonl.gz", "reuters21578.jsonl.gz"):
        with gzip.open(CORPORA / name, "rt", encoding="utf-8") as fh:
            for line in fh:
                n += 1
                if n % every == 0:
                    yield (json.loads(line).get("body") or "")[:6000]
    for path in sorted((CORPORA / "bbc").rglob("*.txt")):
        n += 1
        if n % every == 0:
            yield path.read_text(encoding="utf-8", errors="replace")[:6000]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--every", type=int, default=15, help="tag one article in this many")
    ap.add_argument("--min-count", type=int, default=4)
    ap.add_argument("--out", type=Path, default=ROOT / "resources" / "pos_lexicon.tsv")
    args = ap.parse_args()
    import spacy

    from reader.nlp import MODEL

    nlp = spacy.load(MODEL, exclude=["parser", "lemmatizer", "attribute_ruler", "ner", "senter"])
    tags: dict[str, Counter] = defaultdict(Counter)
    start, docs, tokens = time.perf_counter(), 0, 0
    for doc in nlp.pipe(_bodies(args.every), batch_size=32):
        docs += 1
        for t in doc:
            word = t.text.lower()
            if word.isalpha() or "-" in word.strip("-"):
                tags[word][_CODES.get(t.tag_, "X")] += 1
                tokens += 1
    kept = 0
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write(f"# {docs} articles, {tokens} words tagged by {MODEL}; "
                 "see bench/build_pos_lexicon.py\n")
        for word in sorted(tags):
            counts = tags[word]
            total = sum(counts.values())
            if total < args.min_count:
                continue
            codes = "".join(c for c, k in counts.most_common() if k / total >= 0.2)
            fh.write(f"{word}\t{codes}\n")
            kept += 1
    print(f"{docs} articles, {tokens} words in {time.perf_counter() - start:.0f} s; "
          f"kept {kept} words (seen {args.min_count}+ times)")


if __name__ == "__main__":
    main()
