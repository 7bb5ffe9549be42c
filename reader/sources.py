"""Reading import sources: text, Markdown and HTML files, JSON Lines, and folders of them.

Each source becomes one `SourceItem` (raw text plus any metadata the file gave) or one
`SourceFailure` with a reason a person understands; a bad file never stops the others.
"""

from __future__ import annotations

import codecs
import gzip
import json
import logging
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.models import PubDate

if TYPE_CHECKING:
    from reader.htmltext import ExtractedPage

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".jsonl.gz"}
SUPPORTED = sorted(TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES)


@dataclass
class SourceItem:
    """One article's raw text and the metadata its source gave, if any."""

    label: str  # the file, or "file:line N" for JSON Lines
    raw: str
    title: str | None = None
    outlet: str | None = None
    published: PubDate | None = None
    author: str | None = None
    url: str | None = None
    page: ExtractedPage | None = None  # for HTML: what extraction set aside, placed after cleaning


@dataclass
class SourceFailure:
    label: str
    reason: str


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    return ".jsonl.gz" if name.endswith(".jsonl.gz") else path.suffix.lower()


def expand_paths(paths: Iterable[Path]) -> Iterator[Path | SourceFailure]:
    """Files to import: given files as they are, folders walked recursively in name order.

    Inside folders only supported files are taken (hidden files and others are passed over
    quietly, as a file manager would); a missing path is a failure.
    """
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    child = Path(root, name)
                    if not name.startswith(".") and suffix_of(child) in SUPPORTED:
                        yield child
        elif path.is_file():
            yield path
        elif path.exists():
            yield SourceFailure(str(path), "not a regular file")
        else:
            yield SourceFailure(str(path), "no such file or folder; check the path")


def decode_text(data: bytes) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252/Latin-1.

    Raises ValueError with a user-facing reason for binary or undecodable content.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ValueError("damaged UTF-16 text (an odd number of bytes)") from None
    if b"\x00" in data[:8192]:
        raise ValueError("binary file, not text (save it as .txt, .html, .md or .jsonl)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Not UTF-8: old Windows and Latin-1 files are the common case in saved news text.
    text = data.decode("cp1252", errors="replace")
    if text.count("\ufffd") > max(3, len(text) // 1000):
        text = data.decode("latin-1")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(3, len(text) // 100):
        raise ValueError("unknown text encoding or binary content; save the file as UTF-8")
    return text


def read_source(path: Path) -> Iterator[SourceItem | SourceFailure]:
    """The items of one file (JSON Lines files give many)."""
    label = str(path)
    suffix = suffix_of(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield SourceFailure(label, f"cannot read the file: {exc.strerror or exc}")
        return
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path)
        return
    if suffix not in SUPPORTED:
        kinds = ", ".join(SUPPORTED)
        kind = suffix or "(none)"
        yield SourceFailure(label, f"unsupported file type {kind}; Reader imports {kinds}")
        return
    if size == 0:
        yield SourceFailure(label, "empty file")
        return
    if size > MAX_FILE_BYTES:
        yield SourceFailure(
            label, f"too large for one article ({size / 1e6:.0f} MB; the limit is 20 MB)"
        )
        return
    try:
        data = path.read_bytes()
        text = decode_text(data)
    except OSError as exc:
        yield SourceFailure(label, f"cannot read the file: {exc.strerror or exc}")
        return
    except ValueError as exc:
        yield SourceFailure(label, str(exc))
        return
    if not text.strip():
        yield SourceFailure(label, "the file holds only white space")
        return
    if suffix in HTML_SUFFIXES:
        yield _from_html(label, text)
    elif suffix in MARKDOWN_SUFFIXES:
        yield _from_markdown(label, text)
    else:
        yield SourceItem(label, text)


def _from_html(label: str, html: str) -> SourceItem | SourceFailure:
    from reader import htmltext

    try:
        extracted = htmltext.extract(html)
    except ValueError as exc:
        return SourceFailure(label, str(exc))
    return SourceItem(
        label,
        extracted.text,
        title=extracted.title,
        outlet=extracted.outlet,
        published=extracted.published,
        author=extracted.author,
        url=extracted.url,
        page=extracted,
    )


_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")


def _from_markdown(label: str, text: str) -> SourceItem:
    """Markdown to plain paragraphs; the first heading, if it leads, is the title."""
    title = None
    lines = []
    for line in text.splitlines():
        heading = _MD_HEADING.match(line)
        if heading:
            line = heading.group(1)
            if title is None and not any(s.strip() for s in lines):
                title = _strip_inline(line)
                continue
        if _MD_RULE.match(line):
            continue
        line = re.sub(r"^\s{0,3}(>\s?|[-*+]\s+|\d+[.)]\s+)", "", line)
        lines.append(_strip_inline(line))
    return SourceItem(label, "\n".join(lines), title=title)


def _strip_inline(line: str) -> str:
    line = _MD_IMAGE.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    return _MD_EMPHASIS.sub(r"\2", line)


def _text_field(obj: dict, *names: str) -> str | None:
    for name in names:
        value = obj.get(name)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if v)
        if isinstance(value, (str, int, float)) and str(value).strip():
            return str(value).strip()
    return None


def _read_jsonl(path: Path) -> Iterator[SourceItem | SourceFailure]:
    label = str(path)
    try:
        if path.name.lower().endswith(".gz"):
            stream = gzip.open(path, "rt", encoding="utf-8-sig", errors="replace")  # noqa: SIM115
        else:
            stream = open(path, encoding="utf-8-sig", errors="replace")  # noqa: SIM115
    except OSError as exc:
        yield SourceFailure(label, f"cannot read the file: {exc.strerror or exc}")
        return
    seen_any = False
    try:
        with stream:
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                seen_any = True
                yield _jsonl_item(f"{label}:{number}", number, line)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield SourceFailure(label, f"the file is damaged or not gzip-compressed ({exc})")
        return
    if not seen_any:
        yield SourceFailure(label, "empty file")


def _jsonl_item(label: str, number: int, line: str) -> SourceItem | SourceFailure:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return SourceFailure(label, f"malformed JSON on line {number}: {exc.msg}")
    if not isinstance(obj, dict):
        return SourceFailure(label, f"line {number} is not a JSON object")
    body = _text_field(obj, "body", "text", "content")
    if not body:
        return SourceFailure(label, f"line {number} has no \"body\" text")
    published = None
    date_text = _text_field(obj, "date", "published")
    if date_text:
        try:
            published = PubDate.parse(date_text)
        except ValueError:
            log.info("%s: ignoring unreadable date %r", label, date_text)
    return SourceItem(
        label,
        body,
        title=_text_field(obj, "title"),
        outlet=_text_field(obj, "outlet", "source", "site"),
        published=published,
        author=_text_field(obj, "authors", "author"),
        url=_text_field(obj, "url", "link"),
    )
