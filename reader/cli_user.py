"""`reader tag`, `reader tags`, `reader collection` and `reader mark`: the user's own work.

Find what was tagged, collected or starred with `reader search` (`tag:japan`,
`collection:"My project"`, `is:unread`, `is:starred`); JSON shapes are in the README.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from reader.errors import UserError
from reader.models import MARKS


def add_commands(sub) -> None:
    p = sub.add_parser("tag", help="add a tag to articles, or take it off")
    p.add_argument("ids", nargs="+", type=int, metavar="ID")
    action = p.add_mutually_exclusive_group(required=True)
    action.add_argument("--add", metavar="TAG", help="give the articles this tag")
    action.add_argument("--remove", metavar="TAG", help="take this tag off the articles")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("tags", help="every tag in use, with its number of articles")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser(
        "collection", help="collections (named sets of articles) and saved searches"
    )
    do = p.add_subparsers(dest="collection_command", metavar="ACTION", required=True)
    c = do.add_parser("list", help="every collection and saved search")
    c.add_argument("--json", action="store_true")
    c = do.add_parser("create", help="start an empty collection, or save a search with --query")
    c.add_argument("name", metavar="NAME")
    c.add_argument("--query", metavar="Q", help="make it a saved search for Q")
    c = do.add_parser("add", help="put articles in a collection")
    c.add_argument("name", metavar="NAME")
    c.add_argument("ids", nargs="+", type=int, metavar="ID")
    c = do.add_parser("remove", help="take articles out of a collection (they stay in the library)")
    c.add_argument("name", metavar="NAME")
    c.add_argument("ids", nargs="+", type=int, metavar="ID")
    c = do.add_parser("rename", help="give a collection or saved search another name")
    c.add_argument("name", metavar="NAME")
    c.add_argument("new_name", metavar="NEW")
    c = do.add_parser("delete", help="delete a collection or saved search (articles stay)")
    c.add_argument("name", metavar="NAME")

    p = sub.add_parser("mark", help="mark articles read, unread, starred or unstarred")
    p.add_argument("ids", nargs="+", type=int, metavar="ID")
    p.add_argument("state", choices=MARKS, metavar="read|unread|starred|unstarred")


def _dump(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _articles(n: int) -> str:
    return f"{n} article{'' if n == 1 else 's'}"


def cmd_tag(args: argparse.Namespace, open_library: Callable) -> int:
    with open_library() as library:
        ids = sorted(set(args.ids))
        if args.add is not None:
            changed = library.tag_articles(ids, args.add)
            name = args.add
        else:
            changed = library.untag_articles(ids, args.remove)
            name = args.remove
        if args.json:
            _dump({"tag": " ".join(name.split()), "action": "add" if args.add else "remove",
                   "ids": ids, "changed": changed})
        elif args.add is not None:
            print(f"Tagged {_articles(changed)} '{name}' ({len(ids) - changed} had it already).")
        else:
            print(f"Took '{name}' off {_articles(changed)}.")
        return 0


def cmd_tags(args: argparse.Namespace, open_library: Callable) -> int:
    with open_library() as library:
        tags = library.tags()
        if args.json:
            _dump([{"name": name, "articles": n} for name, n in tags])
            return 0
        for name, n in tags:
            print(f"{n:>6}  {name}")
        print(f"{len(tags)} tag{'' if len(tags) == 1 else 's'}")
        return 0


def cmd_collection(args: argparse.Namespace, open_library: Callable) -> int:
    with open_library() as library:
        action = args.collection_command
        if action == "list":
            rows = library.collections()
            if args.json:
                _dump([r.to_json() for r in rows])
                return 0
            for r in rows:
                what = f"saved search: {r.query}" if r.is_saved_search else _articles(r.articles)
                print(f"{r.id:>4}  {r.name}  ({what})")
            print(f"{len(rows)} collection{'' if len(rows) == 1 else 's'} and saved searches")
            return 0
        if action == "create":
            row = library.create_collection(args.name, args.query)
            kind = "Saved search" if row.is_saved_search else "Collection"
            print(f"{kind} '{row.name}' created. Its articles: "
                  f"reader search '{row.search_text()}'")
            return 0
        row = library.collection(args.name)
        if action == "add":
            n = library.add_to_collection(row.id, args.ids)
            print(f"Added {_articles(n)} to '{row.name}'.")
        elif action == "remove":
            n = library.remove_from_collection(row.id, args.ids)
            print(f"Took {_articles(n)} out of '{row.name}'.")
        elif action == "rename":
            library.rename_collection(row.id, args.new_name)
            print(f"'{row.name}' is now '{' '.join(args.new_name.split())}'.")
        elif action == "delete":
            library.delete_collection(row.id)
            print(f"Deleted '{row.name}'; its articles stay in the library.")
        else:  # pragma: no cover - argparse allows only the actions above
            raise UserError(f"Unknown action {action}.")
        return 0


def cmd_mark(args: argparse.Namespace, open_library: Callable) -> int:
    with open_library() as library:
        ids = sorted(set(args.ids))
        library.mark(ids, args.state)
        print(f"Marked {_articles(len(ids))} {args.state}.")
        return 0
