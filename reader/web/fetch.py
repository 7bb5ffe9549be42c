"""Downloading one web page (or feed) the way an offline reader should: only that document.

httpx does the HTTP: a timeout on every step, a limit on redirects, a size cap checked while
the body streams in, and a User-Agent that says who is asking. Images, scripts and styles are
never requested. Every failure comes back as a `FetchFailure` with a reason a person reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from reader import __version__

USER_AGENT = f"Reader/{__version__} (+offline news reader)"
TIMEOUT_SECONDS = 20.0
MAX_REDIRECTS = 5
MAX_PAGE_BYTES = 10 * 1024 * 1024

HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (
    "application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
    "application/rdf+xml", "application/feed+json", "application/json",
)
_CHARSET_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


@dataclass
class Fetched:
    """A document as the server sent it, decoded to text."""

    url: str  # as asked for
    final_url: str  # after redirects
    text: str
    content_type: str
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False  # a conditional request answered 304: `text` is empty


@dataclass
class FetchFailure:
    url: str
    reason: str


@dataclass
class Fetcher:
    """One HTTP client (its connections reused) for a run of downloads; close it when done."""

    timeout: float = TIMEOUT_SECONDS
    max_bytes: int = MAX_PAGE_BYTES
    max_redirects: int = MAX_REDIRECTS
    _client: httpx.Client | None = field(default=None, init=False, repr=False)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                timeout=httpx.Timeout(self.timeout),
                follow_redirects=True,
                max_redirects=self.max_redirects,
                headers={"User-Agent": USER_AGENT},
            )
        return self._client

    def page(self, url: str) -> Fetched | FetchFailure:
        """An HTML page; anything else (PDF, image, feed) fails with what it was."""
        return self.get(url, accept=HTML_TYPES, kind="web page")

    def get(
        self,
        url: str,
        *,
        accept: tuple[str, ...] = HTML_TYPES,
        kind: str = "web page",
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Fetched | FetchFailure:
        """Download `url` if its content type is one of `accept`; conditional with etag or
        last_modified (a 304 answer gives `not_modified`)."""
        problem = check_url(url)
        if problem:
            return FetchFailure(url, problem)
        headers = {"Accept": ", ".join((*accept, "*/*;q=0.1"))}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                return self._read(url, response, accept, kind)
        except httpx.TooManyRedirects:
            return FetchFailure(url, f"too many redirects (more than {self.max_redirects})")
        except httpx.TimeoutException:
            return FetchFailure(
                url, f"timed out: the server did not answer within {self.timeout:g} s"
            )
        except httpx.InvalidURL as exc:
            return FetchFailure(url, f"not a valid web address ({exc})")
        except httpx.UnsupportedProtocol:
            return FetchFailure(url, "a redirect led to an address that is not http or https")
        except httpx.HTTPError as exc:
            return FetchFailure(url, f"could not connect: {_plain(exc)}")

    def _read(
        self, url: str, response: httpx.Response, accept: tuple[str, ...], kind: str
    ) -> Fetched | FetchFailure:
        final = str(response.url)
        etag = response.headers.get("ETag")
        modified = response.headers.get("Last-Modified")
        if response.status_code == 304:
            return Fetched(url, final, "", "", etag, modified, not_modified=True)
        if response.status_code >= 400:
            phrase = response.reason_phrase or "error"
            return FetchFailure(url, f"the server answered HTTP {response.status_code} {phrase}")
        content_type = response.headers.get("Content-Type", "")
        mime = content_type.split(";")[0].strip().lower()
        if mime and mime not in accept and not mime.endswith(("+xml", "+json")):
            return FetchFailure(url, f"not a {kind} (the server sent {mime})")
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            return FetchFailure(url, _too_large(int(declared), self.max_bytes))
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                return FetchFailure(url, _too_large(size, self.max_bytes, more=True))
            chunks.append(chunk)
        data = b"".join(chunks)
        if not data.strip():
            return FetchFailure(url, "the server sent an empty page")
        text = decode(data, response.charset_encoding)
        return Fetched(url, final, text, mime, etag, modified)


def check_url(url: str) -> str | None:
    """Why `url` cannot be fetched (not http/https, no host), or None if it looks fine."""
    try:
        parts = urlsplit(url.strip())
        hostname = parts.hostname
    except ValueError:  # "http://[::1": the address itself cannot be read
        return "not a web address that can be read (check the brackets and the port)"
    if parts.scheme.lower() not in ("http", "https"):
        return "not a web address: Reader fetches http:// and https:// addresses"
    if not hostname:
        return "not a web address: there is no site name after http://"
    return None


def looks_like_url(text: str) -> bool:
    return text.strip().lower().startswith(("http://", "https://"))


def decode(data: bytes, declared: str | None) -> str:
    """Bytes to text: the charset the server declared, else the page's <meta>, else UTF-8,
    else Windows-1252 (the usual mislabelled case)."""
    candidates = [declared] if declared else []
    meta = _CHARSET_META.search(data[:4096])
    if meta:
        candidates.append(meta.group(1).decode("ascii", "replace"))
    for name in (*candidates, "utf-8"):
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", errors="replace")


def _too_large(size: int, cap: int, *, more: bool = False) -> str:
    return (
        f"too large: {'more than ' if more else ''}{size / 1e6:.0f} MB "
        f"(the limit is {cap / 1e6:.0f} MB for one page)"
    )


def _plain(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    if "Name or service not known" in text or "getaddrinfo" in text:
        return "the site's name could not be found (check the address, or your connection)"
    if "Connection refused" in text:
        return "the server refused the connection"
    return text
