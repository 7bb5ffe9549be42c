"""Bringing pages in from the web (`reader fetch`): outcomes a user sees for each address.

Everything is served from 127.0.0.1 by tests/webserver.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from webserver import PARAGRAPHS, Response, Site, article_page, unique_paragraphs

from reader.cli import main
from reader.library import Library
from reader.web.fetch import USER_AGENT, Fetcher


def test_a_page_is_imported_with_its_metadata_and_kept_html(site: Site, library) -> None:
    url = site.add("/news/bridge", article_page())
    report = library.fetch_urls([url])
    assert report.failed == [] and len(report.imported) == 1
    label, article_id = report.imported[0]
    assert label == url
    article = library.get(article_id)
    assert article.title == "Council closes harbour bridge to cars"  # og:title, not "escenic"
    assert article.published is not None and article.published.iso() == "2025-03-04"
    assert article.url == url
    for paragraph in PARAGRAPHS:
        assert paragraph[:60] in article.body
    assert "Privacy policy" not in article.body
    kept = library.store.kept_page(article_id)
    assert kept is not None and "Most read" in kept.html
    # Only the page was asked for, and Reader said who it is.
    assert [path for path, _ in site.requests] == ["/news/bridge"]
    assert site.requests[0][1]["User-Agent"] == USER_AGENT
    assert library.search("corroded").total == 1


def test_same_address_or_same_text_is_a_duplicate(site: Site, library) -> None:
    first = site.add("/a", article_page())
    copy = site.add("/copy-of-a", article_page())
    report = library.fetch_urls([first])
    article_id = report.imported[0][1]
    site.requests.clear()
    again = library.fetch_urls([first, copy])
    assert again.duplicates == [(first, article_id), (copy, article_id)]
    assert [p for p, _ in site.requests] == ["/copy-of-a"]  # a known address is not fetched


def test_redirects_are_followed_but_not_forever(site: Site, library) -> None:
    target = site.add("/final", article_page())
    start = site.redirect("/old", site.url("/older"))
    site.redirect("/older", target, status=302)
    loop = site.redirect("/loop", site.url("/loop"))
    report = library.fetch_urls([start, loop])
    assert [label for label, _ in report.imported] == [start]
    assert library.get(report.imported[0][1]).url == target
    assert report.failed == [(loop, "too many redirects (more than 5)")]
    # The final address counts as known too.
    assert library.fetch_urls([target]).duplicates == [(target, report.imported[0][1])]


def test_failures_say_why_and_never_stop_the_others(site: Site, library) -> None:
    good = site.add("/good", article_page())
    missing = site.url("/missing")
    broken = site.add("/broken", Response(b"oops", status=500))
    pdf = site.add("/paper.pdf", Response(b"%PDF-1.7 ...", content_type="application/pdf"))
    image = site.add("/photo.jpg", Response(b"\xff\xd8\xff\xe0", content_type="image/jpeg"))
    empty = site.add("/menu", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    report = library.fetch_urls(
        [missing, broken, pdf, good, image, empty, "ftp://example.org/x", "http://"]
    )
    assert [label for label, _ in report.imported] == [good]
    reasons = dict(report.failed)
    assert reasons[missing] == "the server answered HTTP 404 Not Found"
    assert reasons[broken] == "the server answered HTTP 500 Internal Server Error"
    assert reasons[pdf] == "not a web page (the server sent application/pdf)"
    assert reasons[image] == "not a web page (the server sent image/jpeg)"
    assert "no article text" in reasons[empty]
    assert reasons["ftp://example.org/x"].startswith("not a web address")
    assert reasons["http://"].startswith("not a web address")


def test_a_slow_server_times_out(site: Site, library) -> None:
    slow = site.add("/slow", Response(article_page().encode(), delay=2.0))
    with Fetcher(timeout=0.3) as fetcher:
        report = library.fetch_urls([slow], fetcher=fetcher)
    assert report.failed == [(slow, "timed out: the server did not answer within 0.3 s")]


def test_a_huge_body_is_cut_off_at_the_cap(site: Site, library) -> None:
    huge = site.add("/huge", Response(stream_bytes=50 * 1024 * 1024))
    declared = site.add("/declared", Response(b"x" * 2_000_000))
    with Fetcher(max_bytes=1_000_000) as fetcher:
        report = library.fetch_urls([huge, declared], fetcher=fetcher)
    reasons = dict(report.failed)
    assert reasons[huge].startswith("too large: more than 1 MB")
    assert reasons[declared] == "too large: 2 MB (the limit is 1 MB for one page)"


def test_the_page_charset_is_respected(site: Site, library) -> None:
    page = article_page("Café owners welcome the plan", unique_paragraphs(1))
    url = site.add("/latin", Response(page.replace("utf-8", "iso-8859-1").encode("latin-1"),
                                      content_type="text/html"))
    report = library.fetch_urls([url])
    assert library.get(report.imported[0][1]).title == "Café owners welcome the plan"


def test_cli_fetch_json_has_the_import_shape(site: Site, tmp_path: Path, capsys,
                                             monkeypatch) -> None:
    monkeypatch.setenv("READER_LIBRARY", str(tmp_path / "cli-lib"))
    good = site.add("/good", article_page())
    code = main(["fetch", good, site.url("/missing"), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    assert set(report) == {"imported", "duplicates", "failed", "warnings", "cancelled"}
    assert report["imported"] == [{"path": good, "id": 1}]
    assert report["failed"][0]["reason"].startswith("the server answered HTTP 404")


def test_import_of_a_url_points_at_fetch(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("READER_LIBRARY", str(tmp_path / "cli-lib"))
    code = main(["import", "https://www.bbc.com/news/world-52241221"])
    err = capsys.readouterr().err
    assert code == 1
    assert "https://www.bbc.com/news/world-52241221 is a web address" in err
    assert "reader fetch https://www.bbc.com/news/world-52241221" in err


def test_python_dash_m_reader_works_like_reader() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "reader", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.startswith("Reader ")


def test_a_library_from_before_web_pages_opens_and_keeps_its_articles(tmp_path: Path) -> None:
    import sqlite3

    from reader import store

    folder = tmp_path / "old"
    folder.mkdir()
    db = sqlite3.connect(folder / Library.STORE_FILE)
    db.executescript(store._SCHEMA_V1 + store._SCHEMA_V2 + "PRAGMA user_version = 2;")
    db.execute(
        "INSERT INTO articles(title, raw, body, body_hash, added_at, modified_at)"
        " VALUES ('Old', x'00', 'An old article body.', 'h', '2024', '2024')"
    )
    db.commit()
    db.close()
    with Library(folder) as lib:
        assert lib.get(1).body == "An old article body."
        assert lib.store.kept_page(1) is None
        assert lib.store.feeds() == []


def test_the_outlet_table_names_the_outlet(site: Site, tmp_path: Path) -> None:
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "outlets.tsv").write_text("Harbour Gazette\tdomain\t127.0.0.1\n")
    with Library(tmp_path / "lib") as lib:
        url = site.add("/x", article_page(site="HG Online | All the news of the harbour"))
        article = lib.get(lib.fetch_urls([url]).imported[0][1])
        assert article.outlet == "Harbour Gazette"


def test_downloads_run_only_a_little_ahead_of_the_store() -> None:
    from concurrent.futures import ThreadPoolExecutor

    from reader.web.importing import in_order

    asked: list[str] = []

    def download(url: str):
        asked.append(url)
        return url

    jobs = [(i, f"http://127.0.0.1/{i}" if i % 2 == 0 else None) for i in range(1000)]
    with ThreadPoolExecutor(4) as pool:
        seen = []
        for item, future in in_order(pool, jobs, download, ahead=10):
            seen.append((item, future.result() if future else None))
            if item == 20:
                break
    assert seen[2] == (2, "http://127.0.0.1/2") and seen[1] == (1, None)
    assert len(asked) <= 16  # items 0..29 at most were started, half of them with an address


def test_an_address_that_cannot_be_read_fails_alone() -> None:
    from reader.web.fetch import check_url

    assert "not a web address that can be read" in check_url("http://[::1")
    assert check_url("http://127.0.0.1:9/a") is None
