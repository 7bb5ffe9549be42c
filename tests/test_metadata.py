"""Publication dates, bylines and outlets read from the lines a page states them in."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.cleaning import clean_article
from reader.metadata import find_date, outlet_table, read_byline
from reader.models import Precision, PubDate

BODY = (
    "The council approved the new budget on Tuesday after a long debate, the mayor said.\n\n"
    "Spending on roads will rise by a tenth next year, according to the plan."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Published Oct 25, 2025", PubDate(2025, 10, 25)),
        ("20 Feb, 2026 12:53", PubDate(2026, 2, 20)),
        ("date 2025-05-05", PubDate(2025, 5, 5)),
        ("Friday, 3rd March 2024 at 14:02 GMT", PubDate(2024, 3, 3)),
        ("September 2019", PubDate(2019, 9)),
        ("2025-02-30", None),  # not a day that exists
        ("no date here", None),
    ],
)
def test_find_date(text: str, expected: PubDate | None) -> None:
    assert find_date(text) == expected


def test_month_only_date_keeps_month_precision() -> None:
    c = clean_article(f"Council passes budget\n\nPublished: March 2024\n\n{BODY}")
    assert c.published == PubDate(2024, 3)
    assert c.published.precision is Precision.MONTH


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Published Oct 25, 2025", PubDate(2025, 10, 25)),
        ("Posted on: 1 June 2023", PubDate(2023, 6, 1)),
        ("date 2025-05-05", PubDate(2025, 5, 5)),
        ("20 Feb, 2026 12:53", PubDate(2026, 2, 20)),
        ("By Jane Doe | March 3, 2024", PubDate(2024, 3, 3)),
    ],
)
def test_publication_lines_at_the_top(header: str, expected: PubDate) -> None:
    c = clean_article(f"Council passes budget\n{header}\n\n{BODY}")
    assert c.published == expected
    assert c.title == "Council passes budget"
    assert c.body == BODY


def test_published_beats_updated_wherever_they_stand() -> None:
    c = clean_article(
        f"Council passes budget\nUpdated 4 May 2024\n\n{BODY}\n\nPublished 2 May 2024"
    )
    assert c.published == PubDate(2024, 5, 2)


def test_dates_in_the_story_are_events_not_publication() -> None:
    text = (
        "On April 8th, 2024, the council met. It approved the budget on 9 April 2024, and the "
        "mayor said on May 1, 2024 that roads come first."
    )
    assert clean_article(f"Council passes budget\n\n{text}\n\n{BODY}").published is None


def test_dates_in_related_story_teasers_are_ignored() -> None:
    tail = "Similar stories\nMayor resigns over roads\nPolitics / 22 August 2025\n22 August 2025"
    c = clean_article(f"Council passes budget\n\n{BODY}\n\n{tail}")
    assert c.published is None
    assert c.body == BODY


def test_byline_gives_the_author() -> None:
    c = clean_article(f"Council passes budget\nBy Jane Doe and John Roe\n\n{BODY}")
    assert c.author == "Jane Doe and John Roe"
    assert c.body == BODY
    assert ("By Jane Doe and John Roe", "byline") in [(r.text, r.reason) for r in c.removed]


def test_a_headline_starting_with_by_is_not_a_byline() -> None:
    c = clean_article(f"By Royal Appointment\n\n{BODY}")
    assert (c.title, c.author) == ("By Royal Appointment", None)


def test_missing_user_outlet_table_is_ignored(tmp_path: Path) -> None:
    page = f"Council passes budget\n\n{BODY}\n\nWrite to feedback@rttv.ru"
    assert clean_article(page, outlets_extra=tmp_path / "none.tsv").outlet == "RT"


def test_a_sentence_starting_with_by_is_not_a_byline() -> None:
    assert read_byline("By the end of the year the council had spent it all.") is None
    assert read_byline("By Jane Doe, Reuters") == ("Jane Doe", None)


@pytest.mark.parametrize(
    ("signature", "outlet"),
    [
        ("If you have questions, write to feedback@rttv.ru.", "RT"),
        ("Support the Morning Star", "Morning Star"),
        ("Legal Disclaimer:\nMENAFN provides the information “as is” without warranty.", "MENAFN"),
    ],
)
def test_outlet_from_signatures_in_the_noise(signature: str, outlet: str) -> None:
    # A commenting policy, an appeal and a disclaimer are noise; their wording signs the page.
    page = f"Council passes budget\n\n{BODY}\n\nPlease check our commenting policy. {signature}"
    assert clean_article(page).outlet == outlet


def test_wire_tag_at_the_start_names_the_outlet() -> None:
    assert clean_article(f"Council passes budget\n\n(MENAFN) {BODY}").outlet == "MENAFN"


def test_outlet_only_quoted_in_the_story_does_not_count() -> None:
    middle = (
        "The mayor told RT and (Reuters) reporters, by e-mail to rttv.ru, that roads come first."
    )
    text = f"Council passes budget\n\n{BODY}\n\n{middle}\n\n{BODY.replace('council', 'board')}"
    assert clean_article(text).outlet is None


def test_users_outlet_table_extends_the_shipped_one(tmp_path: Path) -> None:
    extra = tmp_path / "my_outlets.tsv"
    extra.write_text("# mine\nCouncil Gazette\tphrase\tRead the Gazette every week\n", "utf-8")
    page = f"Council passes budget\n\n{BODY}\n\nDonate now\nRead the Gazette every week"
    assert clean_article(page).outlet is None
    assert clean_article(page, outlets_extra=extra).outlet == "Council Gazette"
    # The table is cached, but an edited file is read again.
    extra.write_text("Gazette Online\tphrase\tRead the Gazette every week\n", "utf-8")
    stat = extra.stat()
    os.utime(extra, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert clean_article(page, outlets_extra=extra).outlet == "Gazette Online"


def test_users_rows_win_and_bad_rows_are_skipped(tmp_path: Path) -> None:
    extra = tmp_path / "my_outlets.tsv"
    extra.write_text("RT (Russia Today)\tdomain\trttv.ru\nthis row is broken\n", "utf-8")
    table = outlet_table(extra)
    assert table.outlet_in(["feedback@rttv.ru"]) == "RT (Russia Today)"
    assert outlet_table().outlet_in(["feedback@rttv.ru"]) == "RT"


def test_domains_match_whole_names_only() -> None:
    table = outlet_table()
    assert table.outlet_in(["see www.rt.com for more"]) == "RT"
    assert table.outlet_in(["see sport.com or art.com.au for more"]) is None
