"""`reader analyze` and `reader compare`: the NLP core on files and batches, without importing.

Batches are JSON Lines in and out, one object per line, so thousands of texts cost one model
load. Offsets are Python string indices into the text analysed (see README).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from reader.errors import UserError
from reader.models import PubDate


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "analyze", help="find entities and dates in files or a JSON Lines batch (no import)"
    )
    p.add_argument("files", nargs="*", type=Path, metavar="FILE")
    p.add_argument("--batch", type=Path, metavar="IN.jsonl",
                   help='lines {"id", "text", "published"?}; "-" reads standard input')
    p.add_argument("--raw", action="store_true",
                   help="analyse the text as given (no cleaning); offsets index into it")
    p.add_argument("--published", type=_iso_day, metavar="YYYY-MM-DD",
                   help="publication date that relative dates are resolved against")
    p.add_argument("--processes", type=int, default=1, metavar="N",
                   help="worker processes for --batch (each loads the model once)")
    p.add_argument("--json", action="store_true", help="JSON output (one object per line)")

    p = sub.add_parser(
        "entities", help="list the library's people, organisations, places... with counts"
    )
    p.add_argument("--type", dest="label", metavar="T",
                   help="only this type: PERSON, ORG, GPE, LOC, FAC, NORP, EVENT, LAW, ...")
    p.add_argument("--limit", type=int, default=50, metavar="N")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("timeline", help="the chronology of dated events the articles mention")
    p.add_argument("--query", metavar="Q", help="only articles matching this search")
    p.add_argument("--entity", metavar="NAME", help="only articles naming this entity")
    p.add_argument("--article", type=int, metavar="ID", help="only this article")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("compare", help="compare two articles (ids or files) sentence by sentence")
    p.add_argument("sides", nargs="*", metavar="A B", help="two article ids or files")
    p.add_argument("--batch", type=Path, metavar="PAIRS.jsonl",
                   help='lines {"id", "a", "b"}: texts compared as given; "-" reads stdin')
    p.add_argument("--json", action="store_true")


def _iso_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a day: {text!r} (use YYYY-MM-DD)") from None


def _open_batch(path: Path) -> TextIO:
    if str(path) == "-":
        return sys.stdin
    try:
        # A byte that is not UTF-8 becomes U+FFFD: that line is still read, not the whole
        # file refused with a traceback.
        return open(path, encoding="utf-8-sig", errors="replace")
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror or exc}.") from None


def _batch_lines(stream: TextIO, what: str) -> Iterator[tuple[int, dict]]:
    for number, obj in _batch_objects(stream, what):
        if isinstance(obj, UserError):
            raise obj
        yield number, obj


def _batch_objects(stream: TextIO, what: str) -> Iterator[tuple[int, dict | UserError]]:
    """Each line's object, or the error that says what is wrong with the line."""
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, UserError(f"Line {number} of the {what} batch is not JSON: {exc.msg}.")
            continue
        if not isinstance(obj, dict):
            yield number, UserError(f"Line {number} of the {what} batch is not a JSON object.")
            continue
        yield number, obj


def _emit(obj: dict) -> None:
    # A lone surrogate ("\\ud800" in the input JSON) cannot be written as UTF-8: it becomes
    # "?", one character for one, so every offset still holds.
    line = json.dumps(obj, ensure_ascii=False)
    sys.stdout.write(line.encode("utf-8", "replace").decode("utf-8") + "\n")


def _clean_for_analysis(text: str, published: dt.date | None) -> tuple[str, dt.date | None]:
    """The clean body, and the publication day the text itself gives when none was given."""
    from reader.cleaning import clean_article

    cleaned = clean_article(text)
    if published is None and cleaned.published is not None:
        published = cleaned.published.as_date()
    return cleaned.body, published


def cmd_analyze(args: argparse.Namespace) -> int:
    from reader.analysis import analyze_many

    if bool(args.files) == bool(args.batch):
        raise UserError("Give either FILE... or --batch IN.jsonl to analyze.")
    if args.batch:
        stream = _open_batch(args.batch)
        items = _batch_items(stream, args.raw)
    else:
        items = _file_items(args.files, args.raw, args.published)
    bodies: dict[object, str] = {}

    def remember(key: object, text: str, published: dt.date | None):
        if not args.raw:
            bodies[key] = text
        return key, text, published

    stream_items = (remember(*item) for item in items)
    for key, result in analyze_many(stream_items, n_process=max(1, args.processes)):
        out = {"id": key, **result}
        if not args.raw:
            out["body"] = bodies.pop(key)
        if args.json or args.batch:
            _emit(out)
        else:
            _print_analysis(out)
    return 0


def _batch_items(stream: TextIO, raw: bool) -> Iterator[tuple[object, str, dt.date | None]]:
    with stream:
        for number, obj in _batch_lines(stream, "analyze"):
            text = obj.get("text")
            if not isinstance(text, str):
                raise UserError(f'Line {number} of the batch has no "text" string.')
            published = None
            if obj.get("published"):
                try:
                    published = PubDate.parse(str(obj["published"])).as_date()
                except ValueError:
                    raise UserError(
                        f'Line {number}: "published" must be YYYY-MM-DD, not {obj["published"]!r}.'
                    ) from None
            if not raw:
                text, published = _clean_for_analysis(text, published)
            yield obj.get("id", number), text, published


def _file_items(
    files: list[Path], raw: bool, published: dt.date | None
) -> Iterator[tuple[object, str, dt.date | None]]:
    from reader.sources import SourceFailure, read_source

    for path in files:
        for entry in read_source(path):
            if isinstance(entry, SourceFailure):
                raise UserError(f"Cannot analyse {entry.label}: {entry.reason}.")
            day = published or (entry.published.as_date() if entry.published else None)
            text = entry.raw
            if not raw:
                text, day = _clean_for_analysis(text, day)
            yield entry.label, text, day


def _print_analysis(out: dict) -> None:
    print(f"== {out['id']}")
    for ent in out["entities"]:
        print(f"  {ent['label']:<12} {ent['text']!r:<40} -> {ent['canonical']}")
    for date in out["dates"]:
        print(f"  {date['type']:<12} {date['text']!r:<40} -> {date['value']}")


def cmd_compare(args: argparse.Namespace, open_library) -> int:
    from reader.compare import compare_texts

    if args.batch:
        if args.sides:
            raise UserError("Give either A B or --batch PAIRS.jsonl to compare, not both.")
        # A bad line is that line's outcome (an "error" line out, a note on stderr); the rest
        # are still compared, and the exit status says something was wrong.
        failed = 0
        with _open_batch(args.batch) as stream:
            for number, obj in _batch_objects(stream, "compare"):
                given = obj.get("id") if isinstance(obj, dict) else None
                if isinstance(obj, dict):
                    a, b = obj.get("a"), obj.get("b")
                    if isinstance(a, str) and isinstance(b, str):
                        _emit({"id": obj.get("id", number), **compare_texts(a, b).to_json()})
                        continue
                    obj = UserError(f'Line {number} of the batch needs "a" and "b" strings.')
                failed += 1
                print(f"reader: {obj}", file=sys.stderr)
                _emit({"id": given, "line": number, "error": str(obj)})
        return 1 if failed else 0
    if len(args.sides) != 2:
        raise UserError("Compare takes two articles: reader compare A B (ids or files).")
    if all(_is_article_id(side) for side in args.sides):
        # Library articles: their entities and dates, and the library's wording as background.
        with open_library() as library:
            ensure_analysed(library)
            comparison = library.compare_articles(int(args.sides[0]), int(args.sides[1]))
    else:
        texts = [_side_text(side, open_library) for side in args.sides]
        comparison = compare_texts(texts[0], texts[1])
    if args.json:
        json.dump(comparison.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print_comparison(comparison)
    return 0


def _is_article_id(side: str) -> bool:
    return side.isdigit() and not Path(side).exists()


def _side_text(side: str, open_library) -> str:
    if _is_article_id(side):
        with open_library() as library:
            return library.get(int(side)).body
    from reader.sources import SourceFailure, read_source

    path = Path(side)
    if not path.exists():
        raise UserError(f"{side} is neither an article id nor a file.")
    entries = list(read_source(path))
    if len(entries) != 1:
        raise UserError(f"{side} holds {len(entries)} articles; compare takes one per side.")
    entry = entries[0]
    if isinstance(entry, SourceFailure):
        raise UserError(f"Cannot read {entry.label}: {entry.reason}.")
    body, _ = _clean_for_analysis(entry.raw, None)
    return body


def _print_comparison(c) -> None:
    data = c.to_json()
    a_text, b_text = data["a_text"], data["b_text"]
    for pair in data["pairs"]:
        (a0, a1), (b0, b1) = pair["a"], pair["b"]
        print(f"[{pair['kind']} {pair['score']:.2f}]")
        print(f"  A: {' '.join(a_text[a0:a1].split())}")
        print(f"  B: {' '.join(b_text[b0:b1].split())}")
    for side, key, text, other in (("A", "only_a", a_text, b_text),
                                   ("B", "only_b", b_text, a_text)):
        nearest = data["closest"][side.lower()]
        for (start, end), near in zip(data[key], nearest, strict=True):
            print(f"[only in {side}] {' '.join(text[start:end].split())}")
            if near["other"]:
                o0, o1 = near["other"]
                print(f"  closest ({near['score']:.2f}): {' '.join(other[o0:o1].split())}")
    for side in ("a", "b"):
        terms = ", ".join(str(t) for t in data["framing"].get(side, [])[:10])
        print(f"Framing {side.upper()}: {terms}")
    contrasts = "; ".join(f"{a} / {b}" for a, b in data["framing"].get("contrasts", []))
    if contrasts:
        print(f"Named differently (A / B): {contrasts}")


def ensure_analysed(library) -> None:
    """Analyse what the library has not analysed yet, with a progress line on a terminal."""
    todo = library.pending_analysis()
    if not todo:
        return
    tty = sys.stderr.isatty()
    if tty or todo > 50:
        print(f"Analysing {todo:,} articles for entities and dates (Ctrl+C keeps what is done)…",
              file=sys.stderr)

    def progress(done: int, total: int) -> None:
        if tty:
            sys.stderr.write(f"\r  {done:,} of {total:,} analysed")
            sys.stderr.flush()

    library.analyze_pending(progress=progress)
    if tty:
        sys.stderr.write("\n")


def cmd_entities(args: argparse.Namespace, open_library) -> int:
    from reader.models import LABELS

    label = args.label.upper() if args.label else None
    if label and label not in LABELS:
        raise UserError(f"Unknown type {args.label!r}; use one of {', '.join(LABELS)}.")
    with open_library() as library:
        ensure_analysed(library)
        found = library.entity_summaries(label=label, limit=max(1, args.limit))
        if args.json:
            json.dump([e.to_json() for e in found], sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
            return 0
        print(f"{'entity':<36} {'type':<8} {'articles':>8} {'outlets':>8} {'mentions':>9}")
        for e in found:
            print(f"{e.name[:36]:<36} {e.label:<8} {e.articles:>8} {e.outlets:>8} {e.mentions:>9}")
        return 0


def timeline_scope(library, query: str | None, entity: str | None,
                   article: int | None) -> list[int]:
    """Article ids of a chronology scope: one article, a search, an entity, or everything; the
    scopes given are combined (an entity within a search). The window's scopes, one at a time."""
    from reader.chronology_scope import ARTICLE, ENTITY, LIBRARY, RESULTS, ScopeRequest, scope_ids

    scopes: list[list[int]] = []
    if article is not None:
        library.get(article)  # NotFound: told plainly
        scopes.append(scope_ids(library, ScopeRequest(ARTICLE, article_id=article)))
    if query:
        found = library.search(query, limit=0, snippets=False, all_ids=True, suggest=False).ids
        scopes.append(scope_ids(library, ScopeRequest(RESULTS, result_ids=tuple(found))))
    if entity:
        matches = library.find_entities(entity)
        if not matches:
            raise UserError(f"No entity is named {entity!r}; see `reader entities` for names.")
        naming = {i for e in matches
                  for i in scope_ids(library, ScopeRequest(ENTITY, entity_id=e.id))}
        scopes.append(sorted(naming))
    if not scopes:
        return scope_ids(library, ScopeRequest(LIBRARY))
    ids, *others = scopes
    for other in map(set, others):
        ids = [i for i in ids if i in other]
    return ids


def cmd_timeline(args: argparse.Namespace, open_library) -> int:
    with open_library() as library:
        ensure_analysed(library)
        ids = timeline_scope(library, args.query, args.entity, args.article)
        events = library.events(ids)
        if args.json:
            json.dump([e.to_json() for e in events], sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
            return 0
        for event in events:
            label = event.span.label() if event.span else f"unresolved ({event.value})"
            first = event.entries[0]
            what = "published: " + (first.title or "(untitled)") if event.kind == "published" \
                else " ".join(first.sentence.split())
            print(f"{label:<22} {', '.join(event.outlets)}")
            print(f"    {what[:160]}")
            if event.conflicts:
                print(f"    ! other articles date this {', '.join(event.conflicts)}")
        print(f"{len(events):,} events from {len(ids):,} articles")
        return 0
