"""The `reader` command: the desktop window by default, and library commands over the same core.

`reader import|search|show|list|reindex` work on the library chosen by --library or
$READER_LIBRARY (else the user data folder); `--json` output is stable (see README).
"""

from __future__ import annotations

import argparse
import json
import logging
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader import __version__, cli_analysis, cli_notes, cli_stories, cli_user
from reader.errors import UserError
from reader.language import language_name
from reader.models import PubDate

if TYPE_CHECKING:
    from reader.importer import ImportReport

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
    # Read as text, not Path: Path("https://x") would fold the "//" before we can say it's a URL.
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--json", action="store_true", help="print the outcome of every file as JSON")

    p = sub.add_parser("fetch", help="download web pages and import them")
    p.add_argument("urls", nargs="+", metavar="URL")
    p.add_argument("--json", action="store_true", help="print the outcome of every page as JSON")

    p = sub.add_parser("feeds", help="follow feeds (RSS, Atom, JSON Feed) and import new entries")
    feeds = p.add_subparsers(dest="feeds_command", metavar="ACTION", required=True)
    f = feeds.add_parser("add", help="follow a feed (or the feed a web page announces)")
    f.add_argument("url", metavar="URL")
    f = feeds.add_parser("list", help="the feeds followed, with unread counts")
    f.add_argument("--json", action="store_true")
    f = feeds.add_parser("update", help="import the new entries of every feed (or those given)")
    f.add_argument("ids", nargs="*", type=int, metavar="ID")
    f.add_argument("--json", action="store_true")
    f = feeds.add_parser("remove", help="stop following a feed (its articles stay)")
    f.add_argument("id", type=int, metavar="ID")

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

    p = sub.add_parser("delete", help="delete articles (text, entities, dates, index entry)")
    p.add_argument("ids", nargs="+", type=int, metavar="ID")

    p = sub.add_parser("reextract", help="extract a fetched article again from its kept page")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("list", help="list the articles in the library")
    p.add_argument("--json", action="store_true")

    sub.add_parser("reindex", help="rebuild the search index from the article store")
    cli_analysis.add_commands(sub)
    cli_stories.add_commands(sub)
    cli_notes.add_commands(sub)
    cli_user.add_commands(sub)
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
    except sqlite3.DatabaseError as exc:  # damage found after opening (a page read later)
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
            print(
                "reader: error: the library is busy (another process has held it for 30 "
                "seconds); try again in a moment.",
                file=sys.stderr,
            )
        else:
            print(
                f"reader: error: the library database is damaged or unreadable ({exc}). "
                "Restore library.sqlite3 from a backup, or recover it with "
                "`sqlite3 library.sqlite3 .recover`.",
                file=sys.stderr,
            )
        return 1


def _notify(message: str) -> None:
    print(f"reader: {message}", file=sys.stderr, flush=True)


def _open(args: argparse.Namespace):
    from reader.library import Library

    return Library(args.library, notify=_notify)


def _print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def cmd_import(args: argparse.Namespace) -> int:
    from reader.cli_progress import ProgressBar
    from reader.web.fetch import looks_like_url

    urls = [p for p in args.paths if looks_like_url(p)]
    if urls:
        raise UserError(
            f"{urls[0]} is a web address; `reader import` reads files and folders. "
            f"Use `reader fetch {' '.join(urls)}` to download and import web pages."
        )
    with _open(args) as library:
        bar = ProgressBar(sys.stderr)
        try:
            report = library.import_paths([Path(p) for p in args.paths], progress=bar.update)
        finally:
            bar.finish()
        return _report(args, report)


def cmd_fetch(args: argparse.Namespace) -> int:
    from reader.cli_progress import ProgressBar

    with _open(args) as library:
        bar = ProgressBar(sys.stderr)
        try:
            report = library.fetch_urls(args.urls, progress=bar.update)
        finally:
            bar.finish()
        return _report(args, report)


def cmd_feeds(args: argparse.Namespace) -> int:
    from reader.cli_progress import ProgressBar

    with _open(args) as library:
        if args.feeds_command == "add":
            feed = library.add_feed(args.url)
            print(f"Following feed {feed.id}: {feed.name}")
            return 0
        if args.feeds_command == "remove":
            library.remove_feed(args.id)
            print(f"Feed {args.id} removed; its articles stay in the library.")
            return 0
        if args.feeds_command == "list":
            feeds = library.feeds()
            if args.json:
                _print_json([f.to_json() for f in feeds])
                return 0
            for f in feeds:
                problem = f"  (last update failed: {f.last_error})" if f.last_error else ""
                print(f"{f.id:>4}  {f.unread:>5} unread of {f.articles:<5}  {f.name}{problem}")
            print(f"{len(feeds)} feeds")
            return 0
        bar = ProgressBar(sys.stderr)
        try:
            report = library.update_feeds(args.ids or None, progress=bar.update)
        finally:
            bar.finish()
        if args.json:
            _print_json(report.to_json())
        else:
            for outcome in report.feeds:
                if outcome.error:
                    print(f"failed: {outcome.feed.name}: {outcome.error}", file=sys.stderr)
                for label, reason in outcome.report.failed:
                    print(f"failed: {label}: {reason}", file=sys.stderr)
            print(report.summary())
        return 1 if report.feeds and all(f.error for f in report.feeds) else 0


def _report(args: argparse.Namespace, report: ImportReport) -> int:
    """Print an import's outcome (files or pages); exit 1 when nothing at all came in."""
    if args.json:
        _print_json(report.to_json())
    else:
        for path, reason in report.failed:
            print(f"failed: {path}: {reason}", file=sys.stderr)
        for path, message in report.warnings:
            print(f"warning: {path}: {message}", file=sys.stderr)
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
            tag_facet=True,
        )
        if args.json:
            _print_json(result.to_json())
            return 0
        if library.index_note:
            print(f"reader: {library.index_note}", file=sys.stderr)
        for note in result.notes:
            print(f"reader: {note}", file=sys.stderr)
        bold = sys.stdout.isatty()
        print(f"{result.total:,} of {library.count():,} articles match")
        for hit in result.hits:
            date = hit.published.iso() if hit.published else "undated"
            star = "★ " if hit.starred else ""
            print(f"\n[{hit.id}] {star}{hit.title or '(untitled)'}")
            marks = [hit.outlet or "unknown outlet", date, f"score {hit.score:.2f}"]
            if not hit.read:
                marks.append("unread")
            if hit.tags:
                marks.append("tags: " + ", ".join(hit.tags))
            print(f"    {' · '.join(marks)}")
            marked = hit.snippet.marked("\033[1m", "\033[0m") if bold else hit.snippet.marked()
            print(f"    {marked}")
        if result.outlet_counts:
            top = ", ".join(f"{o} {n}" for o, n in list(result.outlet_counts.items())[:8])
            print(f"\nBy outlet: {top}")
        if result.tag_counts:
            top = ", ".join(f"{t} {n}" for t, n in list(result.tag_counts.items())[:8])
            print(f"By tag: {top}")
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
        if article.lang:
            meta.append(language_name(article.lang))
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


def cmd_delete(args: argparse.Namespace) -> int:
    with _open(args) as library:
        copy = library.delete_articles(args.ids)
        print(f"Deleted {len(copy.ids)} article{'s' if len(copy.ids) != 1 else ''}.")
        return 0


def cmd_reextract(args: argparse.Namespace) -> int:
    with _open(args) as library:
        article = library.reextract(args.id)
        if args.json:
            _print_json(article.to_json())
        else:
            words = len(article.body.split())
            print(f"Article {article.id} extracted again: {article.title or '(untitled)'}, "
                  f"{words:,} words, {len(article.removed)} pieces of noise removed.")
        return 0


def cmd_reindex(args: argparse.Namespace) -> int:
    from reader.library import Library

    with Library(args.library, check_index=False, notify=_notify) as library:
        count = library.reindex()
        print(f"Index rebuilt: {count:,} articles")
        return 0


_COMMANDS = {
    "import": cmd_import,
    "fetch": cmd_fetch,
    "feeds": cmd_feeds,
    "search": cmd_search,
    "show": cmd_show,
    "list": cmd_list,
    "reindex": cmd_reindex,
    "delete": cmd_delete,
    "reextract": cmd_reextract,
    "analyze": cli_analysis.cmd_analyze,
    "compare": lambda args: cli_analysis.cmd_compare(args, lambda: _open(args)),
    "entities": lambda args: cli_analysis.cmd_entities(args, lambda: _open(args)),
    "timeline": lambda args: cli_analysis.cmd_timeline(args, lambda: _open(args)),
    "stories": lambda args: cli_stories.cmd_stories(args, lambda: _open(args)),
    "story": lambda args: cli_stories.cmd_story(args, lambda: _open(args)),
    "note": lambda args: cli_notes.cmd_note(args, lambda: _open(args)),
    "notes": lambda args: cli_notes.cmd_notes(args, lambda: _open(args)),
    "export": lambda args: cli_notes.cmd_export(args, lambda: _open(args)),
    "tag": lambda args: cli_user.cmd_tag(args, lambda: _open(args)),
    "tags": lambda args: cli_user.cmd_tags(args, lambda: _open(args)),
    "collection": lambda args: cli_user.cmd_collection(args, lambda: _open(args)),
    "mark": lambda args: cli_user.cmd_mark(args, lambda: _open(args)),
}


if __name__ == "__main__":
    sys.exit(main())
