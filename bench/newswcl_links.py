"""How often the comparison links sentences of articles on the same event, and on different ones.

    python bench/newswcl_links.py [--pairs 20]

NewsWCL50 (../shared/eval-dev/newswcl50.jsonl): 10 events, 5 US outlets each. Same-event pairs
(two outlets, one event) should share many facts; pairs of two different events of the same
months share little beyond background, so every link there is most likely a false one. The
share of sentences linked in each, by kind, is a label-free check on the links' precision that
ECB+ (which scores only its annotated sentences) cannot give.
"""

from __future__ import annotations

import argparse
import random
from collections import defaultdict

from bench._common import newswcl_events
from reader.compare import compare_texts


def linked_share(c) -> dict[str, float]:
    """Share of all sentences (both sides) in at least one link, by the strongest kind."""
    total = len(c.sentences_a) + len(c.sentences_b)
    out = {}
    for kinds in (("same", "similar"), ("same", "similar", "related")):
        a = {i for p in c.pairs if p.kind in kinds for i in p.a_sentences}
        b = {j for p in c.pairs if p.kind in kinds for j in p.b_sentences}
        out["+".join(k[:3] for k in kinds)] = (len(a) + len(b)) / total if total else 0.0
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pairs", type=int, default=20, help="article pairs of each kind")
    args = ap.parse_args()
    events = newswcl_events()
    rng = random.Random(7)
    names = sorted(events)
    same, other = [], []
    while len(same) < args.pairs:
        a, b = rng.sample(events[rng.choice(names)], 2)
        same.append((a, b))
    while len(other) < args.pairs:
        e1, e2 = rng.sample(names, 2)
        other.append((rng.choice(events[e1]), rng.choice(events[e2])))
    for label, pairs in (("same event", same), ("different events", other)):
        shares: dict[str, list[float]] = defaultdict(list)
        for a, b in pairs:
            for k, v in linked_share(compare_texts(a["body"], b["body"])).items():
                shares[k].append(v)
        cells = "  ".join(f"{k}: {100 * sum(v) / len(v):5.1f}%" for k, v in shares.items())
        print(f"{label:<17} sentences linked, by kinds counted: {cells}")


if __name__ == "__main__":
    main()
