"""Following feeds: RSS, Atom and JSON Feed served from 127.0.0.1, each entry imported once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from webserver import Response, Site, article_page, rss_feed, unique_paragraphs

from reader.cli import main
from reader.errors import UserError
from reader.library import Library


def serve_articles(site: Site, n: int, start: int = 0) -> list[tuple[str, str, str]]:
    items = []
    for i in range(start, start + n):
        page = article_page(f"Market square plan {i}", unique_paragraphs(i))
        link = site.add(f"/story/{i}", page)
        items.append((f"guid-{i}", link, f"Market square plan {i}"))
    return items


def test_rss_entries_are_fetched_and_never_imported_twice(site: Site, library) -> None:
    items = serve_articles(site, 3)
    feed_url = site.add("/feed.xml", Response(rss_feed(items).encode(),
                                              content_type="application/rss+xml"))
    feed = library.add_feed(feed_url)
    assert feed.title == "Harbour Gazette"
    report = library.update_feeds()
    outcome = report.feeds[0]
    assert outcome.error is None and len(outcome.report.imported) == 3
    article = library.get(outcome.report.imported[0][1])
    assert article.title == "Market square plan 0"
    assert library.feeds()[0].unread == 3

    # The same entries again, plus one new: only the new one comes in.
    items += serve_articles(site, 1, start=3)
    site.add("/feed.xml", Response(rss_feed(items).encode(), content_type="application/rss+xml"))
    site.requests.clear()
    again = library.update_feeds().feeds[0]
    assert [label for label, _ in again.report.imported] == [items[3][1]]
    assert again.report.duplicates == [] and again.report.failed == []
    assert sorted(p for p, _ in site.requests) == ["/feed.xml", "/story/3"]

    # Deleting an article does not bring its entry back.
    library.store.delete([outcome.report.imported[0][1]])
    assert library.update_feeds().feeds[0].report.imported == []

    library.mark_read([again.report.imported[0][1]])
    assert library.feeds()[0].unread == 2


def test_conditional_requests_with_etag(site: Site, library) -> None:
    items = serve_articles(site, 2)
    feed_url = site.add("/etag.xml", Response(rss_feed(items).encode(), headers={"ETag": '"v1"'},
                                              content_type="text/xml"))
    library.add_feed(feed_url)
    library.update_feeds()
    site.requests.clear()
    second = library.update_feeds().feeds[0]
    assert second.not_modified
    assert site.requests[0][1].get("If-None-Match") == '"v1"'
    assert [p for p, _ in site.requests] == ["/etag.xml"]


def test_full_text_in_the_feed_is_used_without_fetching(site: Site, library) -> None:
    long_text = " ".join(unique_paragraphs(7) * 4)
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Times</title><id>urn:x</id>
<updated>2025-03-04T00:00:00Z</updated>
<entry><id>urn:1</id><title>Square plan in full</title><link href="{site.url('/never')}"/>
<updated>2025-03-04T08:00:00Z</updated><author><name>Ola Berg</name></author>
<content type="html">&lt;p&gt;{long_text}&lt;/p&gt;&lt;p&gt;Second paragraph of the story
that continues here.&lt;/p&gt;</content></entry></feed>"""
    library.add_feed(site.add("/atom.xml", Response(atom.encode(),
                                                    content_type="application/atom+xml")))
    outcome = library.update_feeds().feeds[0]
    assert len(outcome.report.imported) == 1
    article = library.get(outcome.report.imported[0][1])
    assert article.title == "Square plan in full"
    assert article.published is not None and article.published.iso() == "2025-03-04"
    assert "Second paragraph of the story" in article.body
    assert "/never" not in [p for p, _ in site.requests]


def test_json_feed(site: Site, library) -> None:
    link = site.add("/story/json", article_page("A JSON story", unique_paragraphs(11)))
    doc = {"version": "https://jsonfeed.org/version/1.1", "title": "JSON Daily",
           "items": [{"id": "1", "url": link, "title": "A JSON story",
                      "content_text": "Short teaser.", "date_published": "2025-03-01T10:00:00Z"},
                     {"id": "2", "title": "Long one",
                      "content_text": "\n\n".join(unique_paragraphs(12) * 5)}]}
    library.add_feed(site.add("/feed.json", Response(json.dumps(doc).encode(),
                                                     content_type="application/feed+json")))
    outcome = library.update_feeds().feeds[0]
    assert outcome.error is None
    titles = sorted(library.get(i).title for _, i in outcome.report.imported)
    assert titles == ["A JSON story", "Long one"]


def test_a_feed_of_a_thousand_entries(site: Site, library) -> None:
    long = "\n".join(unique_paragraphs(0))
    entries = "".join(
        f"<item><guid>e{i}</guid><title>Entry {i}</title>"
        f"<content:encoded><![CDATA[<p>Entry {i}. {long} {' '.join(['word'] * 130)}</p>]]>"
        "</content:encoded></item>"
        for i in range(1000)
    )
    feed = ('<?xml version="1.0"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Big</title>'
            f"{entries}</channel></rss>")
    library.add_feed(site.add("/big.xml", Response(feed.encode(), content_type="text/xml")))
    outcome = library.update_feeds().feeds[0]
    assert len(outcome.report.imported) == 1000
    assert library.feeds()[0].unread == 1000


def test_malformed_and_missing_feeds_are_reported(site: Site, library) -> None:
    with pytest.raises(UserError, match="not a feed"):
        library.add_feed(site.add("/junk", Response(b"this is { not a feed",
                                                    content_type="text/plain")))
    with pytest.raises(UserError, match="HTTP 404"):
        library.add_feed(site.url("/gone.xml"))
    good = site.add("/ok.xml", Response(rss_feed(serve_articles(site, 1)).encode(),
                                        content_type="text/xml"))
    library.add_feed(good)
    site.add("/ok.xml", Response(b"<rss><channel><item><title>broken", content_type="text/xml"))
    report = library.update_feeds()
    assert report.feeds[0].error.startswith("the feed is damaged and has no readable entries")
    with pytest.raises(UserError, match="not a feed Reader can read"):
        library.add_feed(site.add("/page", article_page()))
    site.add("/ok.xml", Response(b"gone", status=500))
    report = library.update_feeds()
    assert report.feeds[0].error == "the server answered HTTP 500 Internal Server Error"
    assert library.feeds()[0].last_error == report.feeds[0].error


def test_a_page_announcing_its_feed_can_be_followed(site: Site, library) -> None:
    feed_url = site.add("/rss", Response(rss_feed([]).encode(), content_type="text/xml"))
    page = article_page().replace(
        "</head>", '<link rel="alternate" type="application/rss+xml" href="/rss"></head>'
    )
    feed = library.add_feed(site.add("/home", page))
    assert feed.url == feed_url


def test_cli_feeds(site: Site, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("READER_LIBRARY", str(tmp_path / "cli-lib"))
    feed_url = site.add("/f.xml", Response(rss_feed(serve_articles(site, 2)).encode(),
                                           content_type="text/xml"))
    assert main(["feeds", "add", feed_url]) == 0
    assert main(["feeds", "update", "--json"]) == 0
    out = capsys.readouterr().out
    report = json.loads(out[out.index("{"):])
    assert set(report) == {"feeds", "cancelled"}
    assert set(report["feeds"][0]) == {"id", "url", "title", "not_modified", "error",
                                       "imported", "duplicates", "failed", "warnings"}
    assert len(report["feeds"][0]["imported"]) == 2
    assert main(["feeds", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0]["unread"] == 2 and listed[0]["articles"] == 2


def test_a_cancelled_update_keeps_what_came_in_and_the_next_one_finishes(site: Site,
                                                                         library) -> None:
    import threading

    items = serve_articles(site, 4)
    library.add_feed(site.add("/c.xml", Response(rss_feed(items).encode(), headers={"ETag": "x"},
                                                 content_type="text/xml")))
    cancel = threading.Event()
    report = library.update_feeds(progress=lambda state: cancel.set(), cancel=cancel)
    assert report.cancelled
    first = len(report.feeds[0].report.imported)
    assert 1 <= first < 4
    again = library.update_feeds()  # no ETag was saved: the feed is read again
    assert not again.feeds[0].not_modified
    assert len(again.feeds[0].report.imported) == 4 - first


def test_an_entry_link_that_cannot_be_read_does_not_sink_the_feed() -> None:
    from reader.web.feeds import _absolute

    assert _absolute("http://127.0.0.1/feed.xml", "http://[::1") == "http://[::1"
    assert _absolute("http://127.0.0.1/feed.xml", "/a") == "http://127.0.0.1/a"
    assert _absolute("http://127.0.0.1/feed.xml", None) is None


def test_updating_a_feed_that_does_not_exist_says_so(tmp_path) -> None:
    import pytest

    from reader.errors import UserError

    with Library(tmp_path / "lib") as library, pytest.raises(UserError, match="no feed 99"):
        library.update_feeds([99])
