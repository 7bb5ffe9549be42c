"""The exported comparison: one HTML file a browser opens as it is, with article text shown as
text (never as markup), both columns, the summary and the colours inline."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from reader.compare import compare_texts
from reader.compare_export import band_colour, comparison_html, write_html
from reader.models import Article, PubDate

A_TEXT = (
    "Ministers met in Geneva on Monday to discuss the <b>trade</b> deal & its tariffs. "
    "The talks lasted six hours, officials said. "
    'A spokesman called the plan "a <script>alert(1)</script> disaster" for farmers.'
)
B_TEXT = (
    "On Monday ministers met in Geneva to discuss the trade deal and its tariffs. "
    "Protesters gathered outside the building. "
    "The talks lasted six hours, according to officials."
)


class _Checker(HTMLParser):
    """Collects what a browser would run or fetch, and the text it would show."""

    VOID = frozenset({"meta", "br", "hr", "img", "link", "input"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.fetches: list[str] = []
        self.handlers: list[str] = []
        self.text: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in self.VOID:
            self.open.append(tag)
        for name, value in attrs:
            if name in ("src", "href") or (name == "rel" and value == "stylesheet"):
                self.fetches.append(f"{tag} {name}={value}")
            if name.startswith("on"):
                self.handlers.append(name)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1:]}>"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.fixture(scope="module")
def page() -> str:
    a = Article(1, 'Geneva talks: "progress" <maybe>', A_TEXT, outlet="Wire & Co",
                published=PubDate(2024, 3, 4))
    b = Article(2, "Trade deal talks in Geneva", B_TEXT, outlet="The Daily",
                published=None)
    return comparison_html(compare_texts(A_TEXT, B_TEXT), a, b)


def test_page_is_well_formed_and_self_contained(page: str) -> None:
    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert page.startswith("<!DOCTYPE html>")
    assert checker.open == []
    assert "script" not in checker.tags
    assert "style" not in checker.tags and "link" not in checker.tags  # all CSS inline
    assert checker.fetches == [] and checker.handlers == []
    assert 'charset="utf-8"' in page


def test_article_text_is_shown_as_text(page: str) -> None:
    checker = _Checker()
    checker.feed(page)
    shown = "".join(checker.text)
    assert "the <b>trade</b> deal & its tariffs" in shown
    assert '"a <script>alert(1)</script> disaster"' in shown
    assert "&lt;script&gt;" in page and "<script>" not in page
    assert 'Geneva talks: "progress" <maybe>' in shown  # the title, escaped in the source
    assert "Trade deal talks in Geneva" in shown


def test_columns_headers_summary_and_colours(page: str) -> None:
    checker = _Checker()
    checker.feed(page)
    shown = " ".join("".join(checker.text).split())
    assert "Wire & Co · 2024-03-04" in shown
    assert "The Daily · no date" in shown
    assert "Protesters gathered outside the building." in shown
    assert "only The Daily" in shown  # the one-sided sentence is labelled
    assert "covers" in shown and "%" in shown
    assert page.count('style="') > 20
    comparison = compare_texts(A_TEXT, B_TEXT)
    assert comparison.pairs, "the shared sentences should align"
    first = comparison.pairs[0]
    assert band_colour(0, first.kind) in page


def test_write_html(tmp_path: Path) -> None:
    a = Article(1, "A", A_TEXT, outlet="Wire")
    b = Article(2, "B", B_TEXT, outlet="Wire")  # one outlet on both sides: told apart
    path = write_html(tmp_path / "c.html", compare_texts(A_TEXT, B_TEXT), a, b)
    text = path.read_text(encoding="utf-8")
    assert "Wire (A)" in text and "Wire (B)" in text
