"""Entity spans and name joins on MEANTIME (Wikinews), raw spaCy model against model + rules.

Usage: .venv/bin/python bench/meantime_eval.py [--folder DIR] [--errors N]

MEANTIME annotates the title and the first sentences of each article (sentences 0 and 2-5;
1 is the date line): only predictions that start there are scored.
Gold: every MEANTIME mention written as a name (syntactic_type NAM or PRE.NAM) that REFERS_TO
an entity of type PER, ORG or LOC. Reader's labels map to them as PERSON -> PER, ORG -> ORG,
GPE/LOC/FAC/NORP -> LOC (MEANTIME marks "European", "Irish" as LOC pre-modifiers).
- exact: a prediction counts when its start, end and type equal a gold mention's;
- head: when it has the gold type and covers the gold mention's head, the last word before a
  comma, bracket, "of", "and" or "in" ("United States airframer Boeing" -> "Boeing", "Bank of
  England" -> "Bank"); each gold mention is matched once.
Joins: for every pair of differently written names (gold names whose head a prediction
matched, written as the prediction writes the name, without a descriptor before it), the two
predictions should end up in one library entity exactly when MEANTIME links them to one
instance (`reader.entities.group_entities` over the canonical names).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench._common import SHARED  # noqa: E402

DATA = SHARED / "eval-dev" / "meantime-airbus"
TYPES = ("PER", "ORG", "LOC")
LABEL_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "LOC"}
_NO_SPACE_BEFORE = {",", ".", ":", ";", "'s", "'", "n't", ")", "''", "%", "?", "!"}
_NO_SPACE_AFTER = {"(", "``", "$", "#"}
_HEAD_STOP = {",", "(", "of", "and", "in", "'s"}


@dataclass
class Gold:
    start: int
    end: int
    type: str
    head: tuple[int, int]  # character span of the head word
    instance: str


ANNOTATED = {"0", "2", "3", "4", "5"}


def read_doc(path: Path) -> tuple[str, list[Gold], list[tuple[int, int]]]:
    """The article's text rebuilt from its tokens (title and date line on lines of their
    own), its gold name mentions and the character ranges of its annotated sentences."""
    root = ET.parse(path).getroot()
    offsets: dict[str, tuple[int, int]] = {}
    parts: list[str] = []
    pos, prev, prev_sent = 0, None, None
    annotated: dict[str, list[int]] = {}
    for tok in root.iter("token"):
        word = (tok.text or "").replace("``", '"').replace("''", '"')
        sent = tok.get("sentence")
        if prev is not None:
            if sent != prev_sent and prev_sent in ("0", "1"):
                sep = "\n"
            elif tok.text in _NO_SPACE_BEFORE or prev in _NO_SPACE_AFTER:
                sep = ""
            else:
                sep = " "
            parts.append(sep)
            pos += len(sep)
        offsets[tok.get("t_id", "")] = (pos, pos + len(word))
        if sent in ANNOTATED:
            annotated.setdefault(sent, [pos, pos])[1] = pos + len(word)
        parts.append(word)
        pos += len(word)
        prev, prev_sent = tok.text, sent
    text = "".join(parts)
    markables = root.find("Markables")
    mentions = {m.get("m_id"): m for m in markables if m.tag == "ENTITY_MENTION"}
    entities = {m.get("m_id"): m for m in markables if m.tag == "ENTITY"}
    gold = []
    for rel in root.find("Relations") or []:
        target = rel.find("target")
        if rel.tag != "REFERS_TO" or target is None or target.get("m_id") not in entities:
            continue
        ent = entities[target.get("m_id")]
        if ent.get("ent_type") not in TYPES:
            continue
        for source in rel.findall("source"):
            m = mentions.get(source.get("m_id"))
            if m is None or m.get("syntactic_type") not in ("NAM", "PRE.NAM"):
                continue
            toks = [a.get("t_id", "") for a in m.findall("token_anchor")]
            words = [text[slice(*offsets[t])] for t in toks]
            head = len(words) - 1
            for i, w in enumerate(words[1:], start=1):
                if w in _HEAD_STOP:
                    head = i - 1
                    break
            instance = ent.get("instance_id") or f"{path.name}:{target.get('m_id')}"
            gold.append(
                Gold(offsets[toks[0]][0], offsets[toks[-1]][1], ent.get("ent_type", ""),
                     offsets[toks[head]], instance)
            )  # fmt: skip
    return text, gold, [(a, b) for a, b in annotated.values()]


def scored(ents: list[dict], ranges: list[tuple[int, int]]) -> list[dict]:
    """The predictions MEANTIME can judge: a scored label, in an annotated sentence."""
    return [
        e for e in ents
        if e["label"] in LABEL_MAP and any(a <= e["start"] < b for a, b in ranges)
    ]  # fmt: skip


def predict(texts: list[str], use_rules: bool) -> list[list[dict]]:
    from reader.analysis import analyze_many

    os.environ["READER_ENTITY_RULES"] = "1" if use_rules else "0"
    items = ((i, text, None) for i, text in enumerate(texts))
    return [res["entities"] for _, res in analyze_many(items)]


def f1(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return 100 * p, 100 * r, (200 * p * r / (p + r) if p + r else 0.0)


def head_matches(golds: list[Gold], ents: list[dict]) -> dict[int, int]:
    """Gold index -> prediction index, one to one, by type and head."""
    out: dict[int, int] = {}
    used: set[int] = set()
    for gi, g in enumerate(golds):
        for pi, e in enumerate(ents):
            typ = LABEL_MAP.get(e["label"])
            inside = e["start"] <= g.head[0] and g.head[1] <= e["end"]
            if pi not in used and typ == g.type and inside:
                out[gi] = pi
                used.add(pi)
                break
    return out


def score(docs, preds, errors: Counter | None = None) -> dict[str, tuple[float, float, float]]:
    exact = [0, 0, 0]
    head = [0, 0, 0]
    for (text, golds, ranges), ents in zip(docs, preds, strict=True):
        ents = scored(ents, ranges)
        gold_set = {(g.start, g.end, g.type) for g in golds}
        pred_set = {(e["start"], e["end"], LABEL_MAP[e["label"]]) for e in ents}
        exact[0] += len(gold_set & pred_set)
        exact[1] += len(pred_set)
        exact[2] += len(gold_set)
        matched = head_matches(golds, ents)
        head[0] += len(matched)
        head[1] += len(ents)
        head[2] += len(golds)
        if errors is not None:
            for s, e, t in pred_set - gold_set:
                errors[f"FP {t} {text[s:e]!r}"] += 1
            for s, e, t in gold_set - pred_set:
                errors[f"FN {t} {text[s:e]!r}"] += 1
    return {"exact": f1(*exact), "head": f1(*head)}


def joins(docs, preds) -> tuple[int, int, int, int]:
    """(same-instance pairs, of them joined, different-instance pairs, of them joined)."""
    from reader.entities import group_entities

    found = []  # (instance, (canonical, label)) per matched gold mention, with its text
    for (text, golds, ranges), ents in zip(docs, preds, strict=True):
        ents = scored(ents, ranges)
        for gi, pi in head_matches(golds, ents).items():
            e = ents[pi]
            written = text[e["start"] : e["end"]]
            if written.endswith(" " + e["canonical"]):
                written = e["canonical"]  # "aircraft manufacturer Boeing" writes "Boeing"
            found.append((golds[gi].instance, written, (e["canonical"], e["label"])))
    grouped = group_entities(pair for _, _, pair in found)
    key = {pair: grouped[pair].key for pair in grouped}
    same = same_joined = diff = diff_joined = 0
    names = {(inst, written, pair) for inst, written, pair in found}
    names_list = sorted(names)
    for i, (inst_a, text_a, pair_a) in enumerate(names_list):
        for inst_b, text_b, pair_b in names_list[i + 1 :]:
            if text_a == text_b:
                continue
            joined = key[pair_a] == key[pair_b]
            if inst_a == inst_b:
                same += 1
                same_joined += joined
            else:
                diff += 1
                diff_joined += joined
    return same, same_joined, diff, diff_joined


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folder", type=Path, default=DATA)
    ap.add_argument("--errors", type=int, default=0, help="list the N commonest errors (rules)")
    args = ap.parse_args()
    docs = [read_doc(p) for p in sorted(args.folder.glob("*.xml"))]
    texts = [t for t, _, _ in docs]
    n_gold = sum(len(g) for _, g, _ in docs)
    print(f"{args.folder.name}: {len(docs)} articles, {n_gold} gold PER/ORG/LOC name mentions")
    results = {}
    for use_rules in (False, True):
        t0 = time.perf_counter()
        preds = predict(texts, use_rules)
        name = "model + rules" if use_rules else "raw model"
        errors: Counter = Counter()
        results[name] = score(docs, preds, errors)
        print(f"{name} ({time.perf_counter() - t0:.1f} s)")
        for kind, (p, r, f) in results[name].items():
            print(f"  {kind:6} P {p:5.1f}  R {r:5.1f}  F1 {f:5.1f}")
    same, same_joined, diff, diff_joined = joins(docs, preds)
    print("name joins (model + rules, canonical names grouped across the library):")
    for what, n, k in (("same-instance", same, same_joined), ("other-instance", diff, diff_joined)):
        print(f"  {what + ' pairs joined':28} {k}/{n} = {100 * k / max(n, 1):.1f}%")
    if args.errors:
        for err, k in errors.most_common(args.errors):
            print(f"{k:4d}  {err}")


if __name__ == "__main__":
    main()
