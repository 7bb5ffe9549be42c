"""Reading import sources: text, Markdown and HTML files, JSON Lines, and folders of them.

Each source becomes one `SourceItem` (raw text plus any metadata the file gave) or one
`SourceFailure` with a reason a person understands; a bad file never stops the others.

Input is hostile until read: every read is bounded (20 MB for one article, a cap on what a
.gz may expand to), only regular files are opened, links inside a folder are not followed out
of it, and file names that are not valid UTF-8 are shown (and stored) with U+FFFD in place of
the bad bytes.
"""

from __future__ import annotations

import codecs
import gzip
import json
import logging
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from zlib import error as zlib_error

from reader.models import PubDate

if TYPE_CHECKING:
    from reader.htmltext import ExtractedPage

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 20 * 1024 * 1024  # one article: a text file, or one line of JSON Lines
# A .jsonl.gz may expand to this many times its size (and at least MIN_EXPANDED_BYTES): news
# text compresses 3-6 times; a "gzip bomb" of zeros 1000 times.
MAX_EXPANSION = 50
MIN_EXPANDED_BYTES = 1024 * 1024 * 1024
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
    notes: list[str] = field(default_factory=list)  # warnings: imported, but look at this
    page: ExtractedPage | None = None  # for HTML: what extraction set aside, placed after cleaning


@dataclass
class SourceFailure:
    label: str
    reason: str


def display_path(path: Path | str) -> str:
    """A path as text that can be printed and stored: bytes of a file name that are not UTF-8
    (kept by Python as lone surrogates) become U+FFFD."""
    return os.fsencode(path).decode("utf-8", errors="replace")


_NOT_REGULAR = (
    "not a regular file (a device, pipe or socket); Reader imports only files and folders"
)


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    return ".jsonl.gz" if name.endswith(".jsonl.gz") else path.suffix.lower()


def expand_paths(paths: Iterable[Path]) -> Iterator[Path | SourceFailure]:
    """Files to import: given files as they are, folders walked recursively in name order.

    Inside folders only supported files are taken (hidden files and others are passed over
    quietly, as a file manager would). A missing path, a device, an unreadable sub-folder and
    a link leading out of the folder are failures with a reason: every input gets an outcome.
    """
    for path in paths:
        path = Path(path)
        label = display_path(path)
        try:
            mode = path.stat().st_mode  # a link named on purpose is followed
        except FileNotFoundError:
            yield SourceFailure(label, "no such file or folder; check the path")
            continue
        except OSError as exc:
            yield SourceFailure(label, f"cannot read it: {exc.strerror or exc}")
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(path)
        elif stat.S_ISREG(mode):
            yield path
        else:
            yield SourceFailure(label, _NOT_REGULAR)


def _walk(root: Path) -> Iterator[Path | SourceFailure]:
    real_root = root.resolve()
    errors: list[OSError] = []

    def outside(link: Path) -> bool:
        try:
            return not link.resolve().is_relative_to(real_root)
        except (OSError, RuntimeError):  # a loop of links
            return True

    def link_failure(link: Path) -> SourceFailure:
        return SourceFailure(
            display_path(link),
            "a link to a place outside the imported folder; not followed "
            "(import its target by name if you mean it)",
        )

    for folder, dirs, files in os.walk(root, onerror=errors.append):
        while errors:
            exc = errors.pop(0)
            yield SourceFailure(
                display_path(exc.filename or folder),
                f"cannot read the folder: {exc.strerror or exc}; its files were not imported",
            )
        kept = []
        for name in sorted(dirs):
            child = Path(folder, name)
            if name.startswith("."):
                continue
            if child.is_symlink():  # os.walk does not descend into it; say why when it matters
                if outside(child):
                    yield link_failure(child)
                continue
            kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            child = Path(folder, name)
            if name.startswith(".") or suffix_of(child) not in SUPPORTED:
                continue
            if child.is_symlink() and outside(child):
                yield link_failure(child)
                continue
            yield child
    for exc in errors:
        yield SourceFailure(
            display_path(exc.filename or root),
            f"cannot read the folder: {exc.strerror or exc}; its files were not imported",
        )


def _cp1252_for_bad_bytes(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 are read as Windows-1252 (Latin-1 for the
    five bytes cp1252 leaves undefined), so a UTF-8 file with pasted Windows text reads right."""
    assert isinstance(exc, UnicodeDecodeError)
    bad = exc.object[exc.start : exc.end]
    out = []
    for byte in bad:
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out), exc.end


codecs.register_error("reader-cp1252", _cp1252_for_bad_bytes)

MIXED_ENCODING_NOTE = (
    "mixed encodings: most of the text is UTF-8 but some bytes are not; they were read as "
    "Windows-1252 (check accented letters and quotes)"
)


def decode_text(data: bytes) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252/Latin-1.

    Raises ValueError with a user-facing reason for binary or undecodable content.
    """
    return decode_text_noted(data)[0]


def decode_text_noted(data: bytes) -> tuple[str, str | None]:
    """`decode_text`, plus a warning when the text mixes UTF-8 with another encoding."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            raise ValueError("damaged UTF-16 text (an odd number of bytes)") from None
    if b"\x00" in data[:8192]:
        raise ValueError("binary file, not text (save it as .txt, .html, .md or .jsonl)")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    note = None
    if any(ord(ch) > 0x7F for ch in data.decode("utf-8", errors="ignore")):
        # Valid multi-byte UTF-8 beside bytes that are not: decode each part as what it is.
        text = data.decode("utf-8", errors="reader-cp1252")
        note = MIXED_ENCODING_NOTE
    else:
        # Not UTF-8: old Windows and Latin-1 files are the common case in saved news text.
        text = data.decode("cp1252", errors="replace")
        if text.count("\ufffd") > max(3, len(text) // 1000):
            text = data.decode("latin-1")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(3, len(text) // 100):
        raise ValueError("unknown text encoding or binary content; save the file as UTF-8")
    return text, note


def read_source(path: Path) -> Iterator[SourceItem | SourceFailure]:
    """The items of one file (JSON Lines files give many)."""
    label = display_path(path)
    suffix = suffix_of(path)
    try:
        info = path.stat()
    except OSError as exc:
        yield SourceFailure(label, f"cannot read the file: {exc.strerror or exc}")
        return
    if not stat.S_ISREG(info.st_mode):  # /dev/zero, a pipe: reading would never end
        yield SourceFailure(label, _NOT_REGULAR)
        return
    size = info.st_size
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, label, size)
        return
    if suffix not in SUPPORTED:
        kinds = ", ".join(SUPPORTED)
        kind = suffix or "(none)"
        yield SourceFailure(label, f"unsupported file type {kind}; Reader imports {kinds}")
        return
    if size == 0:
        yield SourceFailure(label, "empty file")
        return
    too_large = f"too large for one article ({size / 1e6:.0f} MB; the limit is 20 MB)"
    if size > MAX_FILE_BYTES:
        yield SourceFailure(label, too_large)
        return
    try:
        with open(path, "rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)  # bounded even if the file grows meanwhile
        if len(data) > MAX_FILE_BYTES:
            yield SourceFailure(label, too_large)
            return
        text, note = decode_text_noted(data)
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
        item = _from_html(label, text)
    elif suffix in MARKDOWN_SUFFIXES:
        item = _from_markdown(label, text)
    else:
        item = SourceItem(label, text)
    if note and isinstance(item, SourceItem):
        item.notes.append(note)
    yield item


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


_SURROGATE = re.compile("[\ud800-\udfff]")


def _text_field(obj: dict, *names: str) -> str | None:
    for name in names:
        value = obj.get(name)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if isinstance(v, (str, int, float)) and v)
        if isinstance(value, bool):  # JSON true/false is not text
            continue
        if isinstance(value, (str, int, float)) and str(value).strip():
            return str(value).strip()
    return None


def _read_jsonl(path: Path, label: str, size: int) -> Iterator[SourceItem | SourceFailure]:
    """One item per line. Lines are read in bytes, each at most MAX_FILE_BYTES, so neither a
    huge line nor a .gz that expands without end can fill memory."""
    compressed = path.name.lower().endswith(".gz")
    budget = max(MIN_EXPANDED_BYTES, MAX_EXPANSION * size) if compressed else None
    try:
        stream = gzip.open(path, "rb") if compressed else open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        yield SourceFailure(label, f"cannot read the file: {exc.strerror or exc}")
        return
    seen_any = False
    total = 0
    number = 0
    try:
        with stream:
            while True:
                line = stream.readline(MAX_FILE_BYTES + 1)
                if not line:
                    break
                number += 1
                total += len(line)
                too_long = len(line) > MAX_FILE_BYTES and not line.endswith(b"\n")
                while too_long and not line.endswith(b"\n"):  # skip the rest, unread
                    line = stream.readline(1024 * 1024)
                    total += len(line)
                    if not line or (budget is not None and total > budget):
                        break
                if budget is not None and total > budget:
                    yield SourceFailure(
                        label,
                        f"stopped after line {number}: the file expands to more than "
                        f"{budget // 1_000_000:,} MB (a damaged or hostile .gz file?)",
                    )
                    return
                if too_long:
                    seen_any = True
                    yield SourceFailure(
                        f"{label}:{number}", f"line {number} is longer than 20 MB; not imported"
                    )
                    continue
                if number == 1 and line.startswith(codecs.BOM_UTF8):
                    line = line[len(codecs.BOM_UTF8) :]
                if not line.strip():
                    continue
                seen_any = True
                yield _jsonl_item(f"{label}:{number}", number, line)
    except (OSError, EOFError, gzip.BadGzipFile, zlib_error) as exc:
        yield SourceFailure(label, f"the file is damaged or not gzip-compressed ({exc})")
        return
    if not seen_any:
        yield SourceFailure(label, "empty file")


def _jsonl_item(label: str, number: int, data: bytes) -> SourceItem | SourceFailure:
    notes = []
    try:
        line = data.decode("utf-8")
    except UnicodeDecodeError:
        line = data.decode("utf-8", errors="reader-cp1252")
        notes.append(f"line {number}: " + MIXED_ENCODING_NOTE)
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return SourceFailure(label, f"malformed JSON on line {number}: {exc.msg}")
    except RecursionError:
        return SourceFailure(label, f"line {number} is nested too deeply to be an article")
    if not isinstance(obj, dict):
        return SourceFailure(label, f"line {number} is not a JSON object")
    if "\\u" in line and _has_surrogate(obj):  # only an escape can make one
        obj = _without_surrogates(obj)
        notes.append(
            f"line {number}: broken characters (lone UTF-16 surrogates) were replaced by \ufffd"
        )
    for name in ("body", "text", "content"):
        value = obj.get(name)
        if value is not None and not isinstance(value, str):
            shown = json.dumps(value)[:40]
            return SourceFailure(label, f'line {number}: "{name}" must be text, not {shown}')
    body = _text_field(obj, "body", "text", "content")
    if not body:
        return SourceFailure(label, f"line {number} has no \"body\" text")
    published = None
    date_text = _text_field(obj, "date", "published")
    if date_text:
        try:
            published = PubDate.parse(date_text)
        except ValueError as exc:
            notes.append(f"line {number}: date ignored: {exc}")
    return SourceItem(
        label,
        body,
        title=_text_field(obj, "title"),
        outlet=_text_field(obj, "outlet", "source", "site"),
        published=published,
        author=_text_field(obj, "authors", "author"),
        url=_text_field(obj, "url", "link"),
        notes=notes,
    )


def _has_surrogate(value: object) -> bool:
    if isinstance(value, str):
        return bool(_SURROGATE.search(value))
    if isinstance(value, dict):
        return any(_has_surrogate(k) or _has_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_surrogate(v) for v in value)
    return False


def _without_surrogates(value: object) -> object:
    """JSON may escape half a UTF-16 pair ("\\ud800"); such text cannot be stored as UTF-8."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_surrogates(v) for v in value]
    return value
