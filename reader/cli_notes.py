"""`reader note`, `reader notes` and `reader export`: the user's highlights and notes from a
script, and one article with its highlights as PDF, HTML or Markdown.

`reader notes --json` prints a list of entries (see README): each highlight or article note
with its article's id, title, outlet and date, offsets in the clean text, the quoted words,
colour, note and whether it is anchored (found in the current text).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from reader.errors import UserError
from reader.notes import COLOURS, DEFAULT_COLOUR, Highlight


def add_commands(sub) -> None:
    p = sub.add_parser("note", help="write a note on an article, or highlight words with one")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("text", metavar="TEXT", help="the note (\"\" removes the article's note)")
    p.add_argument("--quote", metavar="WORDS", help="highlight these words of the article "
                   "(the first place it says them), with TEXT as the highlight's note")
    p.add_argument("--colour", "--color", choices=COLOURS, default=DEFAULT_COLOUR,
                   help="the highlight's colour (with --quote)")
    p = sub.add_parser("notes", help="list highlights and notes (all, or of the articles "
                       "a query finds)")
    p.add_argument("--query", metavar="Q", help="only the articles this search finds")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--json", action="store_true")
    group.add_argument("--markdown", action="store_true",
                       help="print them as Markdown, an article per section")
    p = sub.add_parser("export", help="write one article with its highlights and notes "
                       "as PDF, HTML or Markdown")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--format", choices=("pdf", "html", "md"), required=True)
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")


def cmd_note(args: argparse.Namespace, open_library: Callable) -> int:
    with open_library() as library:
        if args.quote is not None:
            h = library.highlight_quote(args.id, args.quote, args.colour, args.text)
            print(f"Highlight {h.id} on article {args.id}, characters {h.start}–{h.end} "
                  f"({h.colour}).")
        elif library.set_article_note(args.id, args.text) is None:
            print(f"Article {args.id} has no note now.")
        else:
            print(f"Note saved on article {args.id}.")
    return 0


def cmd_notes(args: argparse.Namespace, open_library: Callable) -> int:
    with open_library() as library:
        ids = None
        if args.query:
            ids = library.search(args.query, limit=0, all_ids=True, suggest=False).ids
        if args.markdown:
            sys.stdout.write(library.notes_markdown(ids))
            return 0
        entries = library.note_entries(ids)
        if args.json:
            json.dump([e.to_json() for e in entries], sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
            return 0
        for e in entries:
            item = e.item
            where = f"{item.start}–{item.end}" if isinstance(item, Highlight) else "note"
            lost = isinstance(item, Highlight) and not item.anchored
            flag = "  [not found in the current text]" if lost else ""
            print(f"{e.article_id:>6}  {where:<12} {(e.title or '(untitled)')[:60]}{flag}")
            if isinstance(item, Highlight):
                print(f"{'':>8}“{' '.join(item.quote.split())[:200]}” ({item.colour})")
            if item.note:
                print(f"{'':>8}{' '.join(item.note.split())}")
        highlights = sum(e.is_highlight for e in entries)
        notes = len(entries) - highlights
        print(f"{highlights:,} highlight{'s' * (highlights != 1)}, "
              f"{notes:,} article note{'s' * (notes != 1)}")
    return 0


def cmd_export(args: argparse.Namespace, open_library: Callable) -> int:
    with open_library() as library:
        html = library.export_article(args.id, "html" if args.format == "pdf" else args.format)
    try:
        if args.format == "pdf":
            from reader.gui.printing import write_pdf  # Qt only for PDF, and only here

            write_pdf(html, args.output)
        else:
            args.output.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"Cannot write {args.output}: {exc.strerror or exc}.") from None
    print(f"Article {args.id} written to {args.output}")
    return 0
