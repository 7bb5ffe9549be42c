"""`reader stories` and `reader story ID`: each event the library covers, across outlets.

Both first place the articles imported since the last time (all of them after a change of the
grouping method, with a note on stderr when that takes a while).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from reader.compare import KIND_LABELS
from reader.errors import UserError


def add_commands(sub) -> None:
    p = sub.add_parser("stories", help="the stories: articles on one event, across outlets")
    p.add_argument("--query", metavar="Q", help="only stories with an article Q finds")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("story", help="one story's facts: who reports what, who leaves it out")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--json", action="store_true")
    p.add_argument("--html", type=Path, metavar="FILE.html",
                   help="also write the story view as a self-contained HTML file")


def _update(library) -> None:
    started = time.monotonic()
    noted = [False]

    def progress(done: int, total: int) -> None:
        if time.monotonic() - started > 2 and (not noted[0] or done == total):
            print(f"Grouping articles into stories: {done:,} of {total:,}", file=sys.stderr)
            noted[0] = True

    library.update_stories(progress)


def _dump(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def cmd_stories(args: argparse.Namespace, open_library: Callable) -> int:
    with open_library() as library:
        _update(library)
        found = library.stories(args.query)
        if args.json:
            _dump([s.to_json() for s in found])
            return 0
        for s in found:
            first = s.first.iso() if s.first else "undated"
            span = first if s.last in (None, s.first) else f"{first} – {s.last.iso()}"
            print(f"{s.id:>6}  {span:<23}  {len(s.articles):>3} articles  {s.title}")
            print(f"{'':>8}{', '.join(s.outlets) or '(no outlet)'}")
        print(f"{len(found):,} stories with two or more articles")
        return 0


def cmd_story(args: argparse.Namespace, open_library: Callable) -> int:
    with open_library() as library:
        _update(library)
        facts = library.story_facts(args.id)
        if args.html:
            from reader.story_export import write_html

            try:
                write_html(args.html, facts)
            except OSError as exc:
                raise UserError(f"Cannot write {args.html}: {exc.strerror or exc}.") from exc
            print(f"Story written to {args.html}", file=sys.stderr)
        if args.json:
            _dump(facts.to_json())
            return 0
        story = facts.story
        print(f"Story {story.id}: {story.title}")
        names = {r.id: f"{r.outlet or '(no outlet)'} #{r.id}" for r in facts.articles}
        print("Articles: " + "; ".join(names[r.id] for r in facts.articles))
        for fact in facts.facts:
            label = (
                KIND_LABELS.get(fact.kind, fact.kind) if fact.kind
                else "only one outlet reports this"
            )
            print(f"\n[{fact.outlets} outlet{'s' * (fact.outlets != 1)}: {label}]")
            for article_id, (start, end) in fact.sentences.items():
                text = " ".join(facts.texts[article_id][start:end].split())
                print(f"  {names.get(article_id, article_id)}: {text}")
        return 0
