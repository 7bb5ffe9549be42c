"""Story grouping quality: B-cubed F1 against the events of NewsWCL50 and ECB+ dev.

NewsWCL50 (../shared/eval-dev/newswcl50.jsonl): 10 events, 5 outlets each, mostly dated.
ECB+ dev (../shared/eval-dev/ecbplus/ecbplus-dev.jsonl): each sub-topic is one event (the
`ecb` and `ecbplus` halves of a topic are neighbouring events of one kind); an article is its
document's sentences joined (the address some open with left out); no titles, no dates.

Beside `reader.stories.group`, the baseline: TF-IDF of the whole text (same shipped weights),
single-link at a fixed cosine threshold. Both are tuned on each set as a whole, nothing else.

A check of neighbouring events beside them (not tuned on): MEANTIME's Airbus topic
(../shared/eval-dev/meantime-airbus/), 30 Wikinews articles on Airbus and Boeing, each its own
event (orders, maiden flights, tanker bids, delays, years apart): its title, then its text with
its date line, no publication date. Every article is its own story there, so recall is 1 and
the F1 says how few events were merged.

Run: .venv/bin/python bench/stories_eval.py
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import SHARED
from reader.compare.features import STOPWORDS, english_idf, normalize, stem, tokenize
from reader.stories import group, profile

BASELINE_AT = 0.35


def newswcl() -> list[tuple[str, str | None, str, _dt.date | None]]:
    """(gold event, title, body, date) of each NewsWCL50 article."""
    out = []
    with open(SHARED / "eval-dev" / "newswcl50.jsonl", encoding="utf-8") as fh:
        for line in fh:
            a = json.loads(line)
            day = _dt.date.fromisoformat(a["date"]) if a.get("date") else None
            out.append((a["cluster_id"], a.get("title"), a["body"], day))
    return out


def ecbplus() -> list[tuple[str, str | None, str, _dt.date | None]]:
    """(sub-topic, None, text, None) of each ECB+ dev document, once.

    The file lists some documents under two sub-topics (those of topic 12 under `2ecb` too:
    a prefix match when it was built), so a document's sub-topic is read from its own name,
    `12_10ecb` -> `12ecb`, and each document counted once.
    """
    docs: dict[str, list[str]] = {}
    with open(SHARED / "eval-dev" / "ecbplus" / "ecbplus-dev.jsonl", encoding="utf-8") as fh:
        for line in fh:
            docs.update(json.loads(line)["docs"])
    out = []
    for name, sentences in sorted(docs.items()):
        topic, _, rest = name.partition("_")
        subtopic = topic + ("ecbplus" if rest.endswith("ecbplus") else "ecb")
        # ECB+ documents open with their address, split into words: metadata, not text.
        text = [s for s in sentences if not s.startswith("http")]
        out.append((subtopic, None, " ".join(text), None))
    return out


def meantime_airbus() -> list[tuple[str, str | None, str, _dt.date | None]]:
    """(article, title, text, None) of each MEANTIME Airbus article: its own event each."""
    import xml.etree.ElementTree as ET

    out = []
    for path in sorted((SHARED / "eval-dev" / "meantime-airbus").glob("*.xml")):
        root = ET.parse(path).getroot()
        sentences: dict[int, list[str]] = {}
        for token in root.iter("token"):
            sentences.setdefault(int(token.get("sentence", 0)), []).append(token.text or "")
        lines = [" ".join(words) for _, words in sorted(sentences.items())]
        out.append((path.stem, lines[0], " ".join(lines[1:]), None))
    return out


def bcubed(found: list[list[int]], gold: list[str]) -> tuple[float, float, float]:
    cluster_of = {i: n for n, members in enumerate(found) for i in members}
    size = Counter(cluster_of.values())
    gold_size = Counter(gold)
    pair = Counter((cluster_of[i], gold[i]) for i in range(len(gold)))
    p = sum(pair[cluster_of[i], gold[i]] / size[cluster_of[i]] for i in range(len(gold)))
    r = sum(pair[cluster_of[i], gold[i]] / gold_size[gold[i]] for i in range(len(gold)))
    p, r = p / len(gold), r / len(gold)
    return p, r, 2 * p * r / (p + r)


def baseline(items, threshold: float = BASELINE_AT) -> list[list[int]]:
    """Whole-text TF-IDF, single link: any pair above the threshold joins two groups."""
    idf = english_idf()
    vectors = []
    for _, title, body, _ in items:
        counts = Counter(
            stem(w) for w in (normalize(t) for t in tokenize(f"{title or ''} {body}"))
            if w not in STOPWORDS
        )
        v = {t: (1 + math.log(c)) * idf(t) for t, c in counts.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors.append({t: x / norm for t, x in v.items()})
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(items)):
        for j in range(i):
            small, big = sorted((vectors[i], vectors[j]), key=len)
            if sum(x * big.get(t, 0.0) for t, x in small.items()) >= threshold:
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def ours(items) -> list[list[int]]:
    return group((i, profile(title, body, day)) for i, (_, title, body, day) in enumerate(items))


def main() -> None:
    print(f"{'set':<12} {'articles':>8} {'events':>6}  {'method':<28} {'P':>5} {'R':>5} {'F1':>5}")
    for name, items in (
        ("NewsWCL50", newswcl()), ("ECB+ dev", ecbplus()), ("Airbus", meantime_airbus()),
    ):
        gold = [g for g, *_ in items]
        for label, method in (
            (f"baseline single-link @{BASELINE_AT}", baseline),
            ("reader.stories", ours),
        ):
            start = time.perf_counter()
            found = method(items)
            took = time.perf_counter() - start
            p, r, f = bcubed(found, gold)
            print(
                f"{name:<12} {len(items):>8} {len(set(gold)):>6}  {label:<28} "
                f"{p:5.3f} {r:5.3f} {f:5.3f}  ({len(found)} groups, {took:.1f} s)"
            )


if __name__ == "__main__":
    main()
