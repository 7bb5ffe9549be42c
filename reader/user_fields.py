"""Search fields answered from the user's own work in the store: `tag:`, `collection:`, `is:`,
`note:`.

The user's work (tags, collections, read marks, stars, highlights and notes) lives in the
store, which is the truth; the search index is derived from article text and never holds it,
so tagging or opening an article does not rewrite the index. These fields still compose with
everything a query can say (`treaty tag:japan`, `-is:read`, `(tag:a OR tag:b) outlet:rt`, a
query of only `is:starred`):

1. the query parser turns `field:value` into a `StoreSet` node (`FieldPlugin`);
2. before the search runs, `resolve` asks each node's resolver for the article ids it stands
   for (or the ids it leaves out, for `is:unread`), from the store;
3. in the index, a `StoreSet` matches the documents of those ids (a `ListMatcher` per segment,
   ids mapped to document numbers once per segment reader).

Another field is one more entry in the registry: `register("note", resolver, help)`.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from whoosh import query
from whoosh.matching import ListMatcher, NullMatcher
from whoosh.qparser import syntax
from whoosh.qparser.plugins import TaggingPlugin

from reader.errors import QuerySyntaxError

if TYPE_CHECKING:
    from reader.library import Library


@dataclass
class Resolution:
    """The articles a field value stands for: `ids`, or with `exclude` every article but them.
    `note` tells the user why it matched nothing (an unknown tag), or is None."""

    ids: set[int]
    exclude: bool = False
    note: str | None = None


Resolver = Callable[["Library", str], Resolution]


@dataclass(frozen=True)
class UserField:
    name: str
    resolve: Resolver
    help: str  # one line of the query syntax help


FIELDS: dict[str, UserField] = {}


def register(name: str, resolve: Resolver, help: str) -> None:
    """Add a search field answered from the store (build the parser after registering)."""
    FIELDS[name.lower()] = UserField(name.lower(), resolve, help)


def help_lines() -> str:
    return "".join(f"{f.help}\n" for f in FIELDS.values())


# -- the query node ------------------------------------------------------------------------------


class StoreSet(query.Query):
    """Matches the articles a user field stands for; resolved from the store before a search."""

    boost = 1.0
    fieldname = None  # not a field of the index

    def __init__(self, field: str, value: str) -> None:
        self.user_field = field
        self.text = value
        self.resolution: Resolution | None = None
        self._per_leaf: dict[int, list[int]] = {}  # segment reader's id() -> its docnums

    def __repr__(self) -> str:
        return f"StoreSet({self.user_field!r}, {self.text!r})"

    def __str__(self) -> str:
        return f'{self.user_field}:"{self.text}"'

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, StoreSet)
            and (other.user_field, other.text, other.boost)
            == (self.user_field, self.text, self.boost)
        )

    def __hash__(self) -> int:
        return hash((StoreSet, self.user_field, self.text, self.boost))

    def _resolved(self) -> Resolution:
        if self.resolution is None:
            raise RuntimeError(f"{self!r} was searched before it was resolved")
        return self.resolution

    def estimate_size(self, ixreader) -> int:
        found = self._resolved()
        return ixreader.doc_count_all() if found.exclude else len(found.ids)

    def docnums(self, reader) -> list[int]:
        """Document numbers (in `reader`, a segment's or the whole index's) this matches."""
        out: list[int] = []
        for leaf, offset in _leaves(reader):
            out.extend(d + offset for d in self._leaf_docnums(leaf))
        return out

    def _leaf_docnums(self, leaf) -> list[int]:
        # Asked twice per search (every match, then the ranking): worked out once per segment.
        cache = self._per_leaf
        if id(leaf) not in cache:
            found = self._resolved()
            doc_of = _doc_numbers(leaf)
            # Set operations run at C speed; only this segment's articles are looked up.
            ids = doc_of.keys() - found.ids if found.exclude else doc_of.keys() & found.ids
            cache[id(leaf)] = sorted(map(doc_of.__getitem__, ids))
        return cache[id(leaf)]

    def matcher(self, searcher, context=None):
        docs = self.docnums(searcher.reader())
        return ListMatcher(docs, all_weights=self.boost) if docs else NullMatcher()


def _leaves(reader) -> list[tuple[object, int]]:
    if reader.is_atomic():
        return [(reader, 0)]
    return list(reader.leaf_readers())


# One map per segment reader: article id -> live document number. Readers are replaced (not
# changed) when the index changes, so a map never goes stale; it goes with its reader.
_DOC_NUMBERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_DOC_NUMBERS_LOCK = threading.Lock()


def _doc_numbers(leaf) -> dict[int, int]:
    with _DOC_NUMBERS_LOCK:
        found = _DOC_NUMBERS.get(leaf)
        if found is None:
            column = leaf.column_reader("id")
            deleted = leaf.deleted_docs_set if leaf.has_deletions() else frozenset()
            found = {
                int(i): d for d, i in enumerate(column)
                if d not in deleted
            }
            _DOC_NUMBERS[leaf] = found
        return found


# -- parsing -------------------------------------------------------------------------------------


class _FieldNode(syntax.SyntaxNode):
    has_text = False

    def __init__(self, field: str, value: str) -> None:
        self.field = field
        self.value = value

    def r(self) -> str:
        return f"{self.field}:{self.value!r}"

    def query(self, parser) -> query.Query:
        return StoreSet(self.field, self.value)


class FieldPlugin(TaggingPlugin):
    """Reads `field:value` and `field:"two words"` for every registered field, before
    Whoosh's own field syntax (these fields are not in the index schema)."""

    priority = -10

    def __init__(self) -> None:
        names = "|".join(sorted(map(re.escape, FIELDS), key=len, reverse=True)) or "(?!)"
        super().__init__(
            rf'(?i)(?<![\w:])(?P<field>{names}):(?:"(?P<quoted>[^"]*)"|(?P<plain>[^\s()"]+))'
        )

    def create(self, parser, match) -> _FieldNode:
        value = match.group("quoted") if match.group("quoted") is not None else match.group(
            "plain")
        return _FieldNode(match.group("field").lower(), " ".join(value.split()))


def names() -> tuple[str, ...]:
    return tuple(FIELDS)


def words_to_rank(q: query.Query) -> query.Query | None:
    """The query without the user fields that merely narrow it, for ranking; `q` itself when
    they do more than narrow (`tag:a OR treaty`), None when nothing is left to rank by.

    A StoreSet has no relevance to give, and Whoosh's top-k ranking cannot skip through one
    (it has no block scores), so `treaty tag:japan` is ranked as `treaty` among the matches.
    """

    def narrows(node: query.Query) -> bool:
        inner = node.query if isinstance(node, query.Not) else node
        return isinstance(inner, StoreSet)

    if isinstance(q, StoreSet):
        return None
    if isinstance(q, query.And):
        rest = [sub for sub in q.subqueries if not narrows(sub)]
        if len(rest) == len(q.subqueries):
            return q
        positive = [sub for sub in rest if not isinstance(sub, query.Not)]
        if not positive:
            return None
        return rest[0] if len(rest) == 1 else query.And(rest)
    return q


# -- resolving -----------------------------------------------------------------------------------


def store_sets(q: query.Query) -> Iterable[StoreSet]:
    if isinstance(q, StoreSet):
        yield q
    for child in q.children():
        yield from store_sets(child)


def resolve(q: query.Query, library: Library) -> list[str]:
    """Fill in the articles of every user field in `q`; returns notes for the user (why a
    field matched nothing)."""
    notes: list[str] = []
    for node in store_sets(q):
        if not node.text:
            raise QuerySyntaxError(
                f"Put a value right after '{node.user_field}:', like "
                f"{node.user_field}:{_EXAMPLES.get(node.user_field, 'word')}."
            )
        node.resolution = FIELDS[node.user_field].resolve(library, node.text)
        node._per_leaf.clear()
        if node.resolution.note and node.resolution.note not in notes:
            notes.append(node.resolution.note)
    return notes


_EXAMPLES = {"tag": "japan", "collection": '"My project"', "is": "unread"}


# -- the fields of this module -------------------------------------------------------------------


def _names_list(names: list[str], limit: int = 12) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def _tag(library: Library, value: str) -> Resolution:
    store = library.store
    name = store.tag_name(value)
    if name is None:
        tags = [n for n, _ in store.tags()]
        note = (
            f"No tag '{value}'; tags are: {_names_list(tags)}." if tags
            else f"No tag '{value}': no article has a tag yet."
        )
        return Resolution(set(), note=note)
    return Resolution(store.tagged(name))


_RESOLVING = threading.local()


def _collection(library: Library, value: str) -> Resolution:
    from reader.errors import NotFound

    try:
        row = library.store.collection(value)
    except NotFound:
        names = [c.name for c in library.store.collections()]
        note = (
            f"No collection '{value}'; collections are: {_names_list(names)}." if names
            else f"No collection '{value}': the library has no collections yet."
        )
        return Resolution(set(), note=note)
    if row.query is None:
        return Resolution(library.store.collection_members(row.id))
    # A saved search: what its query finds now (and never itself, however indirectly).
    active: set[int] = getattr(_RESOLVING, "ids", set())
    if row.id in active:
        raise QuerySyntaxError(f"The saved search '{row.name}' refers to itself.")
    _RESOLVING.ids = active | {row.id}
    try:
        found = library.search(row.query, limit=0, all_ids=True, snippets=False, suggest=False)
    finally:
        _RESOLVING.ids = active
    return Resolution(set(found.ids))


_STATES = ("unread", "read", "starred", "unstarred")


def _is(library: Library, value: str) -> Resolution:
    state = value.lower()
    if state not in _STATES:
        raise QuerySyntaxError(
            f"'is:{value}' is not a state Reader keeps: use is:unread, is:read, is:starred "
            "or is:unstarred."
        )
    store = library.store
    if state in ("read", "unread"):
        return Resolution(store.read_ids(), exclude=state == "unread")
    return Resolution(store.starred(), exclude=state == "unstarred")


def _note(library: Library, value: str) -> Resolution:
    from reader.notes import articles_with_note

    found = articles_with_note(library, value)
    if not found and not library.store.note_texts():
        return Resolution(set(), note="No notes yet: highlight words in an article and add a "
                                      "note to search them with note:.")
    return Resolution(found)


register("tag", _tag,
         'Tag              tag:japan           also  tag:"peace talks"')
register("collection", _collection,
         'Collection       collection:"My project"   a collection or a saved search, by name')
register("is", _is,
         "Read state       is:unread   is:read   is:starred   is:unstarred")
register("note", _note,
         "Note             note:framing        articles whose notes or highlight notes say it")
