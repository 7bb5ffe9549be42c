"""The `reader` command: the desktop window by default, and library commands over the same core.

`reader import|search|show|list|reindex` work on the library chosen by --library or
$READER_LIBRARY (else the user data folder); `--json` output is stable (see README).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from reader import __version__, cli_analysis, cli_stories
from reader.errors import UserError
from reader.models import PubDate

log = logging.getLogger("reader")


def _date_arg(text: str) -> PubDate:
    try:
        return PubDate.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Reader: an offline news library. Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"Reader {__version__}")
    parser.add_argument(
        "--library", metavar="DIR", type=Path, help="library folder (default: $READER_LIBRARY "
        "or the user data folder)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    parser.add_argument(
        "--screenshot", metavar="FILE.png", type=Path,
        help="render the main window offscreen to a PNG and exit",
    )
    parser.add_argument("--query", metavar="Q", help="with --screenshot: search for Q first")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("import", help="import files and folders into the library")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--json", action="store_true", help="print the outcome of every file as JSON")

    p = sub.add_parser("search", help="search the library")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--limit", type=int, default=10, metavar="N")
    p.add_argument("--outlet", action="append", default=[], metavar="NAME")
    p.add_argument("--since", type=_date_arg, metavar="DATE")
    p.add_argument("--until", type=_date_arg, metavar="DATE")
    p.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("show", help="print an article: clean text, metadata, removed noise")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("list", help="list the articles in the library")
    p.add_argument("--json", action="store_true")

    sub.add_parser("reindex", help="rebuild the search index from the article store")
    cli_analysis.add_commands(sub)
    cli_stories.add_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if args.command is None:
        from reader.gui.app import run

        return run(library=args.library, screenshot=args.screenshot, query=args.query)
    try:
        return _COMMANDS[args.command](args)
    except UserError as exc:
        print(f"reader: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("reader: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _open(args: argparse.Namespace):
    from reader.library import Library

    return Library(args.library)


def _print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def cmd_import(args: argparse.Namespace) -> int:
    from reader.cli_progress import ProgressBar

    with _open(args) as library:
        bar = ProgressBar(sys.stderr)
        try:
            report = library.import_paths(args.paths, progress=bar.update)
        finally:
            bar.finish()
        if args.json:
            _print_json(report.to_json())
        else:
            for path, reason in report.failed:
                print(f"failed: {path}: {reason}", file=sys.stderr)
            print(report.summary())
        nothing = not report.imported and not report.duplicates
        return 1 if nothing and report.failed else 0


def cmd_search(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise UserError("--limit must be 1 or more.")
    with _open(args) as library:
        result = library.search(
            args.query,
            limit=args.limit,
            outlets=args.outlet,
            since=args.since,
            until=args.until,
            sort=args.sort,
        )
        if args.json:
            _print_json(result.to_json())
            return 0
        bold = sys.stdout.isatty()
        print(f"{result.total:,} of {library.count():,} articles match")
        for hit in result.hits:
            date = hit.published.iso() if hit.published else "undated"
            print(f"\n[{hit.id}] {hit.title or '(untitled)'}")
            print(f"    {hit.outlet or 'unknown outlet'} · {date} · score {hit.score:.2f}")
            marked = hit.snippet.marked("\033[1m", "\033[0m") if bold else hit.snippet.marked()
            print(f"    {marked}")
        if result.outlet_counts:
            top = ", ".join(f"{o} {n}" for o, n in list(result.outlet_counts.items())[:8])
            print(f"\nBy outlet: {top}")
        if result.suggestion:
            print(f"\nDid you mean: {result.suggestion}")
        return 0


def cmd_show(args: argparse.Namespace) -> int:
    with _open(args) as library:
        article = library.get(args.id)
        if args.json:
            _print_json(article.to_json())
            return 0
        print(article.title or "(untitled)")
        meta = [
            article.outlet or "unknown outlet",
            article.published.iso() if article.published else "undated",
        ]
        if article.author:
            meta.append(f"by {article.author}")
        print(" · ".join(meta))
        print()
        print(article.body)
        if article.removed:
            print("\n--- removed at import ---")
            for item in article.removed:
                text = " ".join(item.text.split())
                print(f"[{item.reason}] {text[:200]}{'…' if len(text) > 200 else ''}")
        return 0


def cmd_list(args: argparse.Namespace) -> int:
    with _open(args) as library:
        rows = library.rows()
        if args.json:
            _print_json([r.to_json() for r in rows])
            return 0
        for r in rows:
            date = r.published.iso() if r.published else "undated"
            print(f"{r.id:>6}  {date:<10}  {(r.outlet or '-')[:20]:<20}  {r.title or '(untitled)'}")
        print(f"{len(rows):,} articles")
        return 0


def cmd_reindex(args: argparse.Namespace) -> int:
    from reader.library import Library

    with Library(args.library, check_index=False) as library:
        count = library.reindex()
        print(f"Index rebuilt: {count:,} articles")
        return 0


_COMMANDS = {
    "import": cmd_import,
    "search": cmd_search,
    "show": cmd_show,
    "list": cmd_list,
    "reindex": cmd_reindex,
    "analyze": cli_analysis.cmd_analyze,
    "compare": lambda args: cli_analysis.cmd_compare(args, lambda: _open(args)),
    "entities": lambda args: cli_analysis.cmd_entities(args, lambda: _open(args)),
    "timeline": lambda args: cli_analysis.cmd_timeline(args, lambda: _open(args)),
    "stories": lambda args: cli_stories.cmd_stories(args, lambda: _open(args)),
    "story": lambda args: cli_stories.cmd_story(args, lambda: _open(args)),
}


if __name__ == "__main__":
    sys.exit(main())
