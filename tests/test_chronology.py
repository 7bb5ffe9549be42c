"""The chronology on the seeds: precisions, relative dates, merged events, conflicts."""

from __future__ import annotations

import pytest

from reader.analysis_jobs import analyze_pending
from reader.chronology import Event, calendar_span, events_for
from reader.library import Library


@pytest.fixture(scope="module")
def events(tmp_path_factory, seeds_folder) -> list[Event]:
    library = Library(tmp_path_factory.mktemp("chrono") / "lib")
    library.import_paths([seeds_folder])
    analyze_pending(library, n_process=1)
    found = events_for(library.store, [r.id for r in library.rows()])
    library.close()
    return found


def _mentions(events: list[Event], value: str) -> list[Event]:
    return [e for e in events if e.value == value and e.kind == "mention"]


def test_history_dates_keep_their_precision(events: list[Event]) -> None:
    for value in ("1945", "1951", "1956"):
        [event] = _mentions(events, value)
        assert event.span is not None and event.span.precision == "year"
        assert event.span.label() == value  # a year is not shown as 1 January
    [march] = _mentions(events, "2022-03")
    assert march.span.precision == "month" and march.span.label() == "March 2022"
    assert march.outlets == ["Morning Star", "RT"]


def test_friday_resolves_against_the_publication_date(events: list[Event]) -> None:
    fridays = _mentions(events, "2025-10-24")
    assert fridays and all(e.outlets == ["RT"] for e in fridays)
    assert any("Friday" in en.text for e in fridays for en in e.entries)


def test_the_speech_is_one_event_reported_by_two_outlets(events: list[Event]) -> None:
    [speech] = _mentions(events, "2026-02-20")
    assert speech.outlets == ["Morning Star", "RT"]
    assert any("Takaichi" in en.sentence for en in speech.entries)


def test_publications_are_entries_too(events: list[Event]) -> None:
    published = {(e.value, e.outlets[0]) for e in events if e.kind == "published"}
    expected = {("2025-10-25", "RT"), ("2026-02-20", "Morning Star"), ("2025-05-05", "MENAFN")}
    assert expected <= published


def test_nothing_from_removed_noise(events: list[Event]) -> None:
    values = {e.value for e in events}
    assert not values & {"2025-08-22", "2025-05-28", "2025-05-29", "2025-08-18"}


def test_undated_blog_keeps_relative_dates_unresolved(events: list[Event]) -> None:
    unresolved = [e for e in events if e.span is None]
    assert unresolved and all("X" in e.value for e in unresolved)
    assert all(e.outlets == ["unknown outlet"] for e in unresolved)


def test_outlets_disagreeing_on_a_date_are_flagged(events: list[Event]) -> None:
    [treaty_1951] = _mentions(events, "1951")
    [treaty_1952] = _mentions(events, "1952")
    assert "1952" in treaty_1951.conflicts and "1951" in treaty_1952.conflicts


@pytest.mark.parametrize(
    ("value", "precision", "start", "end"),
    [
        ("2013-W11", "week", "2013-03-11", "2013-03-17"),
        ("2012-Q4", "quarter", "2012-10-01", "2012-12-31"),
        ("2012-SU", "season", "2012-06-01", "2012-08-31"),
        ("199", "decade", "1990-01-01", "1999-12-31"),
        ("2025-10-24T15:00", "day", "2025-10-24", "2025-10-24"),
    ],
)
def test_calendar_spans(value: str, precision: str, start: str, end: str) -> None:
    span = calendar_span(value)
    assert span is not None and span.precision == precision
    assert (span.start.isoformat(), span.end.isoformat()) == (start, end)


@pytest.mark.parametrize("value", ["P70Y", "PRESENT_REF", "XXXX-WXX-5", "2025-02-30"])
def test_values_without_a_place_on_the_calendar(value: str) -> None:
    assert calendar_span(value) is None
