"""Highlights and notes: what they are, how a highlight finds its words again, and Markdown.

A highlight is a stretch of an article's clean text (character offsets, as Python counts
them) with the words it covered, a colour from a small palette and an optional note. When the
clean text changes (the article is extracted again), each highlight looks for its words in the
new text: the occurrence whose surrounding words match what surrounded it, else the nearest to
where it was. When its words are gone it is kept, marked as not re-anchored, and never moved
onto other words. Nothing here touches the disk; `store_notes` keeps the rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# The palette, in the order menus offer it. Names are stored; the GUI picks the shades.
COLOURS = ("yellow", "green", "blue", "pink", "purple")
DEFAULT_COLOUR = "yellow"
CONTEXT = 32  # characters of context kept on each side of a highlight to tell repeats apart


def check_colour(colour: str) -> str:
    from reader.errors import UserError

    name = colour.strip().lower()
    if name not in COLOURS:
        raise UserError(f"Unknown colour '{colour}': choose one of {', '.join(COLOURS)}.")
    return name


# Records are plain slotted dataclasses, not frozen ones: the Notes list makes 10,000 of them
# and a frozen dataclass costs twenty times as much to make. Treat them as read-only.


@dataclass(slots=True)
class Highlight:
    id: int
    article_id: int
    start: int
    end: int
    quote: str  # the words highlighted, as they were
    colour: str
    note: str
    anchored: bool  # False: the words were not found after the article's text changed
    created: str
    modified: str

    def to_json(self) -> dict:
        return {
            "kind": "highlight", "id": self.id, "article": self.article_id,
            "start": self.start, "end": self.end, "quote": self.quote,
            "colour": self.colour, "note": self.note, "anchored": self.anchored,
            "created": self.created, "modified": self.modified,
        }


@dataclass(slots=True)
class ArticleNote:
    article_id: int
    note: str
    created: str
    modified: str

    def to_json(self) -> dict:
        return {
            "kind": "note", "id": None, "article": self.article_id, "start": None,
            "end": None, "quote": None, "colour": None, "note": self.note, "anchored": True,
            "created": self.created, "modified": self.modified,
        }


@dataclass(slots=True)
class NoteEntry:
    """One line of the Notes list: a highlight or an article note, with its article's details."""

    item: Highlight | ArticleNote
    title: str | None
    outlet: str | None
    published: str | None  # ISO date by precision

    @property
    def article_id(self) -> int:
        return self.item.article_id

    @property
    def is_highlight(self) -> bool:
        return isinstance(self.item, Highlight)

    @property
    def search_text(self) -> str:
        """What the Notes filter box looks in, folded."""
        quote = self.item.quote if isinstance(self.item, Highlight) else ""
        return " ".join((self.title or "", self.outlet or "", quote, self.item.note)).casefold()

    def to_json(self) -> dict:
        return {**self.item.to_json(), "title": self.title, "outlet": self.outlet,
                "published": self.published}


# -- anchoring ------------------------------------------------------------------------------


@dataclass(slots=True)
class Anchor:
    start: int
    end: int
    before: str
    after: str


def anchor_at(body: str, start: int, end: int) -> Anchor:
    return Anchor(start, end, body[max(0, start - CONTEXT):start], body[end:end + CONTEXT])


def find_quote(body: str, quote: str) -> tuple[int, int] | None:
    """The first place `quote` stands in `body` (spacing and case may differ), or None."""
    found = list(_occurrences(body, quote))
    return found[0] if found else None


def _occurrences(body: str, quote: str) -> list[tuple[int, int]]:
    words = quote.split()
    if not words:
        return []
    exact = [(m.start(), m.start() + len(quote))
             for m in re.finditer(re.escape(quote), body)]
    if exact:
        return exact
    # The same words with other spacing or line breaks, or another case.
    loose = r"\s+".join(re.escape(w) for w in words)
    return [(m.start(), m.end()) for m in re.finditer(loose, body, re.IGNORECASE)]


def _shared_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _shared_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def reanchor(body: str, quote: str, old: Anchor) -> Anchor | None:
    """Where the highlighted words stand in the (changed) text `body`, or None when they are
    not in it. Among repeats, the one whose context matches most wins, then the nearest."""
    found = _occurrences(body, quote)
    if not found:
        return None

    def score(span: tuple[int, int]) -> tuple[int, int]:
        s, e = span
        context = (_shared_suffix(body[max(0, s - CONTEXT):s], old.before)
                   + _shared_prefix(body[e:e + CONTEXT], old.after))
        return (-context, abs(s - old.start))

    start, end = min(found, key=score)
    return anchor_at(body, start, end)


# -- Markdown ---------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~=!])")
_MD_LINE_START = re.compile(r"^(\s*)([-+]|\d+[.)])(\s)", re.MULTILINE)


def md_escape(text: str) -> str:
    """Text shown as typed in Markdown: no emphasis, links, HTML or lists made of it."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}{m.group(3)}", text)


def md_quote(text: str) -> str:
    """Text as a Markdown block quote, line by line."""
    lines = md_escape(text.strip()).splitlines() or [""]
    return "\n".join(f"> {line}".rstrip() for line in lines)


def byline(title: str | None, outlet: str | None, published: str | None,
           article_id: int) -> str:
    parts = [outlet or "unknown outlet", published or "undated", f"article {article_id}"]
    return " · ".join(md_escape(p) for p in parts)


def notes_markdown(groups: list[tuple[int, str | None, str | None, str | None,
                                      ArticleNote | None, list[Highlight]]],
                   heading: str = "Highlights and notes") -> str:
    """(article id, title, outlet, date, its note, its highlights) per article, as Markdown:
    a section per article, each highlight as a block quote with its note below."""
    out = [f"# {md_escape(heading)}", ""]
    for article_id, title, outlet, published, note, highlights in groups:
        out += [f"## {md_escape(title or f'Article {article_id}')}", "",
                f"*{byline(title, outlet, published, article_id)}*", ""]
        if note is not None and note.note.strip():
            out += ["**Note:** " + md_escape(note.note.strip()), ""]
        for h in sorted(highlights, key=lambda h: h.start):
            out += [md_quote(h.quote), ""]
            flags = [h.colour] + ([] if h.anchored else ["not found in the current text"])
            line = f"({', '.join(flags)})"
            if h.note.strip():
                line += " " + md_escape(h.note.strip())
            out += [line, ""]
    return "\n".join(out).rstrip() + "\n"


# -- the `note:` search field -----------------------------------------------------------------


def articles_with_note(source: object, text: str) -> set[int]:
    """Ids of the articles whose notes (the article's own and its highlights') hold every word
    of `text`, case-insensitively; `source` is a Library or its store. For `note:` searches."""
    store: Any = getattr(source, "store", source)
    words = text.casefold().split()
    if not words:
        return set()
    notes: dict[int, list[str]] = {}
    for article_id, note in store.note_texts():
        notes.setdefault(article_id, []).append(note.casefold())
    return {article_id for article_id, texts in notes.items()
            if all(any(w in t for t in texts) for w in words)}
