"""What canonical names and dates, quote speakers and framing contrasts give on NewsWCL50
(10 events x 5 outlets, every same-event pair), each beside its baseline in the same run.

- Names: names both articles mention, by exact canonical string (the old comparison, the
  baseline) and after `match_names` (variants, surnames, aliases).
- Dates: TIMEX3 values both mention, exact (baseline) and at day level (`date_key`).
- Quotes: quotations of three words or more and the share given a speaker, from the text
  alone and with the entity layer's PERSON mentions; time per article.
- Framing: terms and contrasts per pair with the shipped aligner; time of `framing_terms`.
The spaCy model runs once per article (entities and dates) before anything is timed.
Run: .venv/bin/python bench/compare_text_signals.py
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import sys
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from reader.compare import compare_texts  # noqa: E402
from reader.compare.canonical import date_key, match_names, split_names  # noqa: E402
from reader.compare.framing import framing_terms  # noqa: E402
from reader.compare.quotes import find_quotes  # noqa: E402
from reader.compare.sentences import split_sentences  # noqa: E402

DATA = ROOT.parent / "shared" / "eval-dev" / "newswcl50.jsonl"


def _analyse(articles: list[dict]) -> None:
    from reader.entities import recognize
    from reader.nlp import get_nlp
    from reader.timex import find_timexes

    nlp = get_nlp()
    for article in articles:
        doc = nlp(article["body"])
        article["entities"] = [
            (m.start, m.end, m.label, m.canonical) for m in recognize(article["body"], doc)
        ]
        day = dt.date.fromisoformat(article["date"]) if article.get("date") else None
        article["dates"] = [
            t.value for t in find_timexes(article["body"], day, doc)
            if t.type in ("DATE", "TIME") and t.value[:1].isdigit()
        ]


def main() -> None:
    events: dict[str, list[dict]] = defaultdict(list)
    with open(DATA, encoding="utf-8") as fh:
        for line in fh:
            article = json.loads(line)
            events[article["cluster_id"]].append(article)
    articles = [a for group in events.values() for a in group]
    start = time.perf_counter()
    _analyse(articles)
    print(f"{len(articles)} articles analysed (entities, dates) in "
          f"{time.perf_counter() - start:.0f} s\n")
    pairs = [p for group in events.values() for p in combinations(group, 2)]

    exact, canonical, joined_pairs, examples = 0, 0, 0, []
    dates_exact, dates_day = 0, 0
    for a, b in pairs:
        names_a = {n for *_, n in a["entities"]}
        names_b = {n for *_, n in b["entities"]}
        exact += len(names_a & names_b)
        shared, _, _ = split_names(a["entities"], b["entities"])
        canonical += len(shared)
        joins = {x: y for x, y in match_names(
            sorted({(n, lab) for _, _, lab, n in a["entities"]}),
            sorted({(n, lab) for _, _, lab, n in b["entities"]}),
        ).items() if x != y}
        joined_pairs += bool(joins)
        examples += [f"{x} = {y}" for x, y in joins.items()]
        dates_exact += len(set(a["dates"]) & set(b["dates"]))
        dates_day += len({date_key(v) for v in a["dates"]} & {date_key(v) for v in b["dates"]})
    n = len(pairs)
    print(f"Names both articles mention, mean per pair over {n} same-event pairs:")
    print(f"  exact canonical string (baseline) {exact / n:5.1f}")
    print(f"  after match_names                 {canonical / n:5.1f}   "
          f"({joined_pairs} pairs gain a join)")
    print(f"  joins, e.g.: {'; '.join(sorted(set(examples))[:12])}")
    print("Dates both mention, mean per pair:")
    print(f"  exact TIMEX3 value (baseline) {dates_exact / n:5.2f}")
    print(f"  at day level                  {dates_day / n:5.2f}\n")

    for label, people in (("text alone", False), ("with PERSON mentions", True)):
        total = named = 0
        times = []
        for article in articles:
            persons = [(s, e, c) for s, e, lab, c in article["entities"] if lab == "PERSON"]
            t0 = time.perf_counter()
            quotes = find_quotes(article["body"] + " ", persons if people else ())
            times.append((time.perf_counter() - t0) * 1000)
            total += len(quotes)
            named += sum(q.speaker is not None for q in quotes)
        print(f"Quotes, {label}: {total}, {named / max(1, total):.0%} with a speaker; "
              f"median {statistics.median(times):.1f} ms per article")

    contrasts, framing_ms = [], []
    for a, b in pairs:
        c = compare_texts(a["body"], b["body"])
        contrasts.append(len(c.framing["contrasts"]))
        sa, sb = split_sentences(a["body"]), split_sentences(b["body"])
        t0 = time.perf_counter()
        framing_terms(a["body"], sa, b["body"], sb, [(p.a_sentences, p.b_sentences)
                                                      for p in c.pairs])
        framing_ms.append((time.perf_counter() - t0) * 1000)
    print(f"\nFraming: {sum(contrasts)} contrasts over {n} pairs "
          f"({sum(x > 0 for x in contrasts)} pairs with one); framing_terms median "
          f"{statistics.median(framing_ms):.1f} ms, slowest {max(framing_ms):.1f} ms per pair")


if __name__ == "__main__":
    main()
