"""Metadata a scraped text states about itself: publication dates, bylines, outlet signatures.

The cleaner decides *which* lines are publication lines; this module only reads them.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reader.models import PubDate
from reader.resources import resource_path

log = logging.getLogger(__name__)

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_WEEKDAY = r"(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
_TIME = (
    r"(?:\s*(?:[,|•·–—-]|at)?\s*[0-2]?\d[:.][0-5]\d(?::[0-5]\d)?\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*(?:GMT|UTC|[A-Z]{2,4}T?|[+-]\d\d:?\d\d))?)?"
)
# One date as publication lines write it; the named groups say which parts are known.
DATE = (
    rf"(?:{_WEEKDAY}(?:"
    rf"(?P<iy>{_YEAR})[-/.](?P<im>[01]?\d)[-/.](?P<id>[0-3]?\d)"
    rf"|(?P<am>{MONTH})\s+(?P<ad>{_DAY}),?\s+(?P<ay>{_YEAR})"
    rf"|(?P<bd>{_DAY})\s+(?P<bm>{MONTH}),?\s+(?P<by>{_YEAR})"
    rf"|(?P<cm>{MONTH}),?\s+(?P<cy>{_YEAR})"
    rf"){_TIME})"
)
_DATE_RE = re.compile(DATE, re.IGNORECASE)
# A line that is nothing but a date (and perhaps a time): a dateline under or over a headline.
BARE_DATE_LINE = re.compile(rf"^{DATE}\s*$", re.IGNORECASE)

_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:(?:de|van|von|der|da|al|bin|la|le)\s+)?[A-Z][\w'’.-]*){0,3}"
# "By Jane Doe", "By Jane Doe and John Roe, Reuters", "Written by Jane Doe | 3 March 2024".
BYLINE = re.compile(
    rf"^(?:by|written by|words by|author:?|reporting by)\s+(?P<name>{_NAME}"
    rf"(?:\s*(?:,|and|&)\s*{_NAME})*?)\s*(?:$|[,|•·–—-]\s*(?P<rest>.{{0,80}})$)",
    re.IGNORECASE,
)
_CAPITALISED = re.compile(r"^[A-Z]")


def find_date(text: str) -> PubDate | None:
    """The first well-formed date in `text`, to the precision the text gives."""
    for m in _DATE_RE.finditer(text):
        date = _to_pubdate(m)
        if date is not None:
            return date
    return None


def _to_pubdate(m: re.Match[str]) -> PubDate | None:
    g = m.groupdict()
    try:
        if g["iy"]:
            return PubDate(int(g["iy"]), int(g["im"]), int(g["id"]))
        if g["ay"]:
            return PubDate(int(g["ay"]), _month(g["am"]), int(re.sub(r"\D", "", g["ad"])))
        if g["by"]:
            return PubDate(int(g["by"]), _month(g["bm"]), int(re.sub(r"\D", "", g["bd"])))
        if g["cy"]:
            return PubDate(int(g["cy"]), _month(g["cm"]))
    except ValueError:  # 2025-02-30 and the like: not a date after all
        return None
    return None


def _month(name: str) -> int:
    return _MONTHS[name[:3].lower()]


def read_byline(line: str) -> tuple[str, PubDate | None] | None:
    """(author, date or None) when `line` is a byline, else None."""
    m = BYLINE.match(line)
    if not m:
        return None
    name = m.group("name").strip(" ,")
    # Every word of a name is capitalised; "By the end of the year" is a sentence, not a byline.
    words = [w for w in re.split(r"\s+|,", name) if w and w.lower() not in {"and", "&"}]
    if not words or not all(_CAPITALISED.match(w) or w in {"de", "van", "von"} for w in words):
        return None
    rest = m.group("rest") or ""
    return name, find_date(rest) if rest else None


# --- outlet signatures -------------------------------------------------------------------


@dataclass(frozen=True)
class OutletTable:
    """Signatures (e-mail/site domains, wire tags, phrases) that name the outlet of a text."""

    # (casefolded signature, outlet, the regex that checks it stands as a whole name)
    literals: tuple[tuple[str, str, re.Pattern[str]], ...] = ()
    templates: tuple[tuple[re.Pattern[str], str], ...] = ()

    def outlet_in(self, texts: Iterable[str]) -> str | None:
        """The outlet whose signatures occur most often in `texts` (first found on a tie)."""
        counts: dict[str, int] = {}
        for text in texts:
            folded = text.casefold()
            for signature, outlet, check in self.literals:
                # A plain substring test first: it is cheap, and almost always false.
                if signature in folded and (n := len(check.findall(text))):
                    counts[outlet] = counts.get(outlet, 0) + n
            for template, outlet in self.templates:
                if template.search(text):
                    counts[outlet] = counts.get(outlet, 0) + 1
        if not counts:
            return None
        return max(counts, key=counts.__getitem__)  # dicts keep order: ties go to the first


KINDS = ("domain", "tag", "phrase", "template")


def _read_table(path: Path) -> dict[str, tuple[str, str]]:
    """signature (casefolded) -> (outlet, kind) from a tab-separated outlet table."""
    rows: dict[str, tuple[str, str]] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) != 3 or parts[1] not in KINDS or not parts[0] or not parts[2]:
            log.warning("%s:%d: expected 'outlet<TAB>domain|tag|phrase<TAB>signature'", path, n)
            continue
        outlet, kind, signature = parts
        if kind == "template":
            try:
                re.compile(signature)
            except re.error as err:
                log.warning("%s:%d: template is not a regular expression: %s", path, n, err)
                continue
        rows[signature if kind == "template" else signature.casefold()] = (outlet, kind)
    return rows


def _signature_regex(signature: str, kind: str) -> str:
    body = re.escape(signature)
    if kind == "domain":  # feedback@rttv.ru, www.rt.com, https://rt.com/...
        return rf"(?<![\w-]){body}(?![\w-])"
    if kind == "phrase":
        return rf"(?<!\w){body}(?!\w)"
    return body  # a tag such as "(MENAFN)" carries its own delimiters


@functools.lru_cache(maxsize=8)
def _load(
    shipped: Path, shipped_mtime: float, extra: Path | None, extra_mtime: float
) -> OutletTable:
    rows = _read_table(shipped) if shipped.is_file() else {}
    if extra is not None and not extra.is_file():
        log.warning("outlet table %s not found; using the shipped one only", extra)
    elif extra is not None:
        rows.update(_read_table(extra))  # the user's rows win over the shipped ones
    literals = tuple(
        (sig, outlet, re.compile(_signature_regex(sig, kind), re.IGNORECASE))
        for sig, (outlet, kind) in rows.items()
        if kind != "template"
    )
    templates = tuple(
        (re.compile(sig, re.MULTILINE), outlet)
        for sig, (outlet, kind) in rows.items()
        if kind == "template"
    )
    return OutletTable(literals, templates)


def outlet_table(extra: Path | None = None) -> OutletTable:
    """The shipped outlet table merged with the user's `extra` one; cached until a file changes."""
    shipped = resource_path("outlets.tsv")
    return _load(shipped, _mtime(shipped), extra, _mtime(extra) if extra else 0.0)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
