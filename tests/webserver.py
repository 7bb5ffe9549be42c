"""A small web server on 127.0.0.1 for the tests: pages and feeds made in the test, plus the
awkward cases (redirects, errors, a slow server, a huge body, PDFs and images).

No test reaches beyond localhost: every address handed to Reader comes from `Site.url`.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Response:
    body: bytes | Callable[[], bytes] = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (a slow server)
    stream_bytes: int = 0  # send this many bytes in chunks without a Content-Length


class Site:
    """Routes by path; `requests` records (path, request headers) of every request."""

    def __init__(self) -> None:
        self.routes: dict[str, Response] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.requests.append((self.path, dict(self.headers)))
                response = site.routes.get(self.path)
                if response is None:
                    response = Response(b"<html><body>Not here</body></html>", status=404)
                if response.delay:
                    time.sleep(response.delay)
                etag = response.headers.get("ETag")
                if etag and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                # The client may stop reading (the size cap): that is the point.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self._answer(response)

            def _answer(self, response: Response) -> None:
                self.send_response(response.status)
                self.send_header("Content-Type", response.content_type)
                for name, value in response.headers.items():
                    self.send_header(name, value)
                if response.stream_bytes:
                    self.send_header("Connection", "close")
                    self.end_headers()
                    chunk = b"<p>" + b"x" * 65530 + b"</p>\n"
                    sent = 0
                    while sent < response.stream_bytes:
                        self.wfile.write(chunk)
                        sent += len(chunk)
                    return
                body = response.body() if callable(response.body) else response.body
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def add(self, path: str, response: Response | str) -> str:
        if isinstance(response, str):
            response = Response(response.encode("utf-8"))
        self.routes[path] = response
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 301) -> str:
        return self.add(path, Response(status=status, headers={"Location": to}))

    def start(self) -> Site:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


PARAGRAPHS = [
    "The city council voted on Tuesday to close the old harbour bridge to cars from next "
    "spring, after engineers warned that its steel supports had corroded faster than expected.",
    "Mayor Anna Berg said the decision had not been easy. \"People cross this bridge every day "
    "to get to work, and we know the detour will cost them time,\" she told reporters.",
    "A report presented to the council found that two of the six supports had lost almost a "
    "third of their thickness since the last inspection in 2019.",
    "Cyclists and pedestrians will still be allowed to use the bridge while a replacement is "
    "designed. The council expects construction to take at least three years.",
    "Local shop owners on the north bank said they feared a drop in customers, and asked the "
    "council to put up signs pointing drivers to the remaining crossings.",
]


def article_page(
    title: str = "Council closes harbour bridge to cars",
    paragraphs: list[str] | None = None,
    *,
    site: str = "Harbour Gazette",
    published: str = "2025-03-04",
    author: str = "Lena Holm",
    generator: str = "escenic",
) -> str:
    """A news page as sites make them: navigation, the article, related links and a footer."""
    paras = "\n".join(f"<p>{escape(p)}</p>" for p in (paragraphs or PARAGRAPHS))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{escape(generator)}</title>
<meta name="generator" content="{escape(generator)}">
<meta property="og:title" content="{escape(title)}">
<meta property="og:site_name" content="{escape(site)}">
<meta property="article:published_time" content="{published}T08:30:00Z">
<meta name="author" content="{escape(author)}">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<main><article>
<h1>{escape(title)}</h1>
<p class="byline">By {escape(author)}</p>
{paras}
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Ten things to do this weekend</a></li>
<li><a href="/b">Weather warning for the coast</a></li></ul></aside></main>
<footer><p>© 2025 {escape(site)}. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> · <a href="/terms">Terms of use</a></p></footer>
</body></html>"""


def unique_paragraphs(n: int) -> list[str]:
    """Paragraphs that differ from article to article (so the duplicate check lets them in)."""
    return [
        f"Report {n}: the committee heard from {n + 3} witnesses about the plan for district "
        f"{n}, which would move the market square {n * 10} metres to the east of the church.",
        f"Residents of district {n} said the move would change the character of the old town, "
        f"while traders argued that the new square could hold {n + 20} more stalls on market "
        "days.",
        "A final decision is expected after the summer, once the heritage office has given its "
        f"opinion on the plan for district {n}.",
    ]


def rss_feed(items: list[tuple[str, str, str]], *, title: str = "Harbour Gazette") -> str:
    """RSS 2.0 with (guid, link, title) items, each with a one-line description."""
    entries = "\n".join(
        f"<item><guid>{escape(guid)}</guid><link>{escape(link)}</link>"
        f"<title>{escape(t)}</title><description>A short summary.</description>"
        f"<pubDate>Tue, 04 Mar 2025 08:30:00 GMT</pubDate></item>"
        for guid, link, t in items
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>{escape(title)}</title><link>http://127.0.0.1/</link>
<description>News</description>
{entries}
</channel></rss>"""
