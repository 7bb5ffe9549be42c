"""The query language users type: words, "phrases", OR, NOT, fields, date ranges, prefix~fuzzy.

Whoosh's parser is lenient to a fault (it silently reads `foo:bar` or an unclosed quote as
something else), so queries are checked first and refused with a plain-language message.
Queries are also bounded in cost before they run: length, nesting, word length, fuzzy
distance and prefix length (`word~99`, a 10,000-letter word or a lone `*` would otherwise take
minutes on a large library); the index adds a time limit for what is left.
"""

from __future__ import annotations

import calendar
import difflib
import logging
import re
from dataclasses import dataclass

from whoosh import fields, qparser, query

from reader import user_fields
from reader.errors import QuerySyntaxError

log = logging.getLogger(__name__)

FIELDS = ("title", "body", "outlet", "date", "entity", "lang")
# Fields of the user's own work (tags, collections, read state, notes): the search reads them
# outside Whoosh (reader/user_fields.py); here they are names a query may use.
USER_FIELDS = ("tag", "collection", "is", "note")
MAX_QUERY_CHARS = 1000
MAX_WORD_CHARS = 100
MAX_DEPTH = 10  # brackets inside brackets
MAX_FUZZY = 2  # letters away
MIN_PREFIX = 2  # letters before *

SYNTAX_HELP = """\
Words            peace treaty        articles with all the words (any form: treaty, treaties)
Phrase           "peace treaty"      the words together, in this order
Either           Japan OR Russia     at least one of them
Leave out        treaty NOT Japan    (also: -Japan)
Group            (Japan OR Russia) treaty
In the title     title:treaty        also  title:"peace treaty"
Outlet           outlet:rt           also  outlet:"morning star"
Entity           entity:"dmitry peskov"
Language         lang:de             also  lang:german
Date             date:2025   date:2025-10   date:[2025-01 to 2026-03]   date:[2026 to]
Prefix           negotiat*           negotiate, negotiations, ...
Fuzzy            treety~             words one or two letters away (treety~2)
""" + user_fields.help_lines()


@dataclass
class ParsedQuery:
    text: str
    query: query.Query
    words: list[str]  # plain words the user typed, for "did you mean"


_FIELD_REF = re.compile(r'(?<![\w"])([A-Za-z_]\w*):(?=\S)')
_PLAIN_WORD = re.compile(r"(?<![\w:*~-])([A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z])(?![\w:*~])")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}


class QueryLanguage:
    """Parses user queries against the index schema."""

    def __init__(self, schema: fields.Schema) -> None:
        parser = qparser.MultifieldParser(["title", "body"], schema, group=qparser.AndGroup)
        parser.add_plugin(qparser.FuzzyTermPlugin())
        # tag:, collection:, is: (the user's work, answered from the store at search time)
        parser.add_plugin(user_fields.FieldPlugin())
        # + and - mark a word only at its start: inside one they are a hyphen ("far-right",
        # "Russia-Japan") or a date's ("date:2025-10"), never "and not".
        parser.add_plugin(qparser.PlusMinusPlugin(plusexpr=r"(?<![^\s(])\+",
                                                  minusexpr=r"(?<![^\s(])-"))
        self._parser = parser

    def parse(self, text: str) -> ParsedQuery:
        text = text.strip()
        if not text:
            raise QuerySyntaxError("Type some words to search for.")
        _check(text)
        try:
            parsed = self._parser.parse(text)
        except RecursionError:
            raise QuerySyntaxError(
                "The query has too many parts inside one another; make it simpler."
            ) from None
        except Exception as exc:  # whoosh raises bare Exceptions for bad dates and ranges
            log.info("query %r not parsed: %r", text, exc)
            raise QuerySyntaxError(_explain(exc)) from None
        if parsed is query.NullQuery:
            raise QuerySyntaxError(
                "The query has only operators or common words (like 'the'); add a word to find."
            )
        _bound(parsed)
        return ParsedQuery(text, parsed, _plain_words(text))


def _check(text: str) -> None:
    if len(text) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(
            f"The query is too long ({len(text):,} characters; the limit is "
            f"{MAX_QUERY_CHARS:,}). Search for the words that matter most."
        )
    long_word = re.search(rf"[^\s()\[\]\"]{{{MAX_WORD_CHARS + 1},}}", text)
    if long_word:
        raise QuerySyntaxError(
            f"'{long_word.group(0)[:20]}…' is too long to be a word (the limit is "
            f"{MAX_WORD_CHARS} letters)."
        )
    if text.count('"') % 2:
        raise QuerySyntaxError('A quotation mark is not closed: phrases need "two quotes".')
    outside = re.sub(r'"[^"]*"', " ", text)
    depth = deepest = 0
    for ch in outside:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        deepest = max(deepest, depth)
        if depth < 0:
            break
    if depth != 0:
        raise QuerySyntaxError("The brackets ( ) do not match: close each one you open.")
    if deepest > MAX_DEPTH:
        raise QuerySyntaxError(
            f"Brackets go {deepest} deep; Reader reads up to {MAX_DEPTH}. Make the query simpler."
        )
    if outside.count("[") != outside.count("]"):
        raise QuerySyntaxError("A date range needs both brackets, like date:[2025-01 to 2026-03].")
    for match in _FIELD_REF.finditer(outside):
        _check_field(match.group(1))
    if re.search(r"(?i)\bdate:\s*$|\bdate:\s+", outside):
        raise QuerySyntaxError("Put the date right after 'date:', like date:2025 or date:2025-10.")
    _check_dates(outside)
    _check_operators(outside)


def _check_field(name: str) -> None:
    """An unknown field is refused with the fields there are (and the one meant, if close)."""
    known = FIELDS + USER_FIELDS
    if name.lower() in FIELDS or name.lower() in user_fields.FIELDS:
        return
    if name.lower() in USER_FIELDS:
        # Read before parsing by the search of the user's own fields; one reaching the parser
        # means this Reader does not offer it yet, and Whoosh would search its name instead.
        raise QuerySyntaxError(f"The field '{name}:' is not available in this Reader yet.")
    close = difflib.get_close_matches(name.lower(), known, n=1, cutoff=0.6)
    meant = f" Did you mean {close[0]}:?" if close else ""
    listed = ", ".join(f"{f}:" for f in known)
    raise QuerySyntaxError(
        f"There is no field '{name}:'.{meant} Fields: {listed}; or leave the field out to "
        "search everywhere."
    )


# A date the user typed: a year, a year and month, or a day (2025, 2025-10, 2025-10-25).
_DATE_VALUE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_DATE_SINGLE = re.compile(r"(?i)\bdate:([^\s()\[]+)")
_DATE_RANGE = re.compile(r"(?i)\bdate:\[([^\]]*)\]")


def _check_dates(outside: str) -> None:
    """Impossible dates (2026-13, 2026-02-30) and backwards ranges are refused, not searched as
    something else (Whoosh reads 2026-13 as nothing and a backwards range as no articles)."""
    for match in _DATE_SINGLE.finditer(outside):
        _date_bounds(match.group(1))
    for match in _DATE_RANGE.finditer(outside):
        ends = re.split(r"(?i)\s+to\s+|^\s*to\s+|\s+to\s*$", match.group(1).strip(), maxsplit=1)
        if len(ends) != 2 or not ends[0].strip() or not ends[1].strip():
            continue  # an open range (date:[2026 to]) or a form Whoosh explains itself
        start, end = _date_bounds(ends[0].strip()), _date_bounds(ends[1].strip())
        if start and end and start[0] > end[1]:
            raise QuerySyntaxError(
                f"The date range date:[{ends[0].strip()} to {ends[1].strip()}] runs backwards: "
                f"put the earlier date first, like date:[{ends[1].strip()} to "
                f"{ends[0].strip()}]."
            )


def _date_bounds(value: str) -> tuple[tuple[int, int, int], tuple[int, int, int]] | None:
    """The first and last day a typed date covers; None for forms checked elsewhere."""
    match = _DATE_VALUE.fullmatch(value)
    if match is None:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if month is not None and not 1 <= month <= 12:
        raise QuerySyntaxError(
            f"'{value}' is not a date: there is no month {month} (months go from 01 to 12)."
        )
    if month is None:
        return (year, 1, 1), (year, 12, 31)
    last = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if day is not None and not 1 <= day <= last:
        raise QuerySyntaxError(
            f"'{value}' is not a date: {calendar.month_name[month]} {year} has days 1 to {last}."
        )
    return (year, month, day or 1), (year, month, day or last)


def _check_operators(outside: str) -> None:
    """AND/OR need words on both sides and NOT a word after it; Whoosh drops a dangling one and
    searches the rest, which looks like a different answer to the same question."""
    bare = re.sub(r"\b\w+:\[[^\]]*\]|\[[^\]]*\]", " x ", outside)
    tokens = re.findall(r"[()]|[^\s()]+", bare)
    for i, token in enumerate(tokens):
        if token not in ("AND", "OR", "NOT"):
            continue
        before = tokens[i - 1] if i > 0 else None
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        word_after = after is not None and after not in ("AND", "OR", ")")
        if token == "NOT":
            if not word_after or after == "NOT":
                raise QuerySyntaxError(
                    "NOT needs a word after it, like treaty NOT Japan (or treaty -Japan)."
                )
            continue
        word_before = before is not None and before not in ("AND", "OR", "NOT", "(")
        if not word_before or not word_after:
            example = "treaty AND peace" if token == "AND" else "Japan OR Russia"
            where = "ends with" if after is None else "has"
            raise QuerySyntaxError(
                f"The query {where} a lone {token}: it needs words on both sides, like {example}."
            )


def _explain(exc: Exception) -> str:
    message = str(exc)
    found = re.search(r"'([^']*)' is not a parseable date", message)
    if found:
        return (
            f"'{found.group(1)}' is not a date Reader can read. Use a year, a month or a day: "
            "date:2025, date:2025-10, date:2025-10-25, or a range date:[2025-01 to 2026-03]."
        )
    # Whoosh's own messages name its internals ("(Minus)", "invalid literal for int()"):
    # they are logged above, not shown.
    return (
        "Reader cannot read this query. Check its quotes, brackets, fields and operators; "
        "see Help > Query syntax."
    )


def _bound(q: query.Query) -> None:
    """Refuse (or clamp) the parts of a parsed query whose cost has no bound."""
    if isinstance(q, query.Every):
        raise QuerySyntaxError(
            "A lone * would match every article: type some words, or clear the search box to "
            "browse all articles."
        )
    if isinstance(q, query.FuzzyTerm):
        if q.maxdist > MAX_FUZZY:
            raise QuerySyntaxError(
                f"Fuzzy words reach at most {MAX_FUZZY} letters away: write {q.text}~ "
                f"or {q.text}~2."
            )
        # A fuzzy word keeps its first letter (else every word in the library is compared),
        # and cannot keep more letters than it has (`y~2/7` made Whoosh fail).
        q.prefixlength = max(1, min(q.prefixlength, len(q.text)))
    elif isinstance(q, query.Prefix):
        if len(q.text) < MIN_PREFIX:
            raise QuerySyntaxError(
                f"'{q.text}*' is too short a beginning: give at least {MIN_PREFIX} letters "
                "before *, like negotiat*."
            )
    elif isinstance(q, query.Wildcard):
        literal = re.sub(r"[*?]", "", q.text)
        if q.text[:1] in ("*", "?") or len(literal) < MIN_PREFIX:
            raise QuerySyntaxError(
                f"'{q.text}': start a word with at least {MIN_PREFIX} letters before * or ?, "
                "like negotiat* or wom?n."
            )
    for child in q.children():
        _bound(child)


def _plain_words(text: str) -> list[str]:
    """Words outside phrases and fields that the user typed, for spelling suggestions."""
    # A field's range goes whole ("date:[2026 to 2025]"), before single field words.
    outside = re.sub(r'"[^"]*"|\b\w+:\[[^\]]*\]|\[[^\]]*\]|\b\w+:\S+', " ", text)
    return [w for w in _PLAIN_WORD.findall(outside) if w not in _OPERATORS]


def apply_suggestions(text: str, fixes: dict[str, str]) -> str:
    """The query with misspelt words replaced, for "Did you mean ...?"."""
    for wrong, right in fixes.items():
        text = re.sub(rf"(?<![\w:]){re.escape(wrong)}(?!\w)", right, text)
    return text
