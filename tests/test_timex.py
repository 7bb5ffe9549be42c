"""The date tagger: what a reader of the chronology would see for typical news sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from reader.timex import Timex, find_timexes

RT_PUBLISHED = dt.date(2025, 10, 25)  # a Saturday


@pytest.fixture(scope="module")
def nlp():
    from reader.nlp import get_nlp

    return get_nlp()


def tag(nlp, text: str, anchor: dt.date | None = RT_PUBLISHED) -> list[Timex]:
    found = find_timexes(text, anchor, nlp(text))
    for t in found:
        assert text[t.start:t.end] == t.text  # offsets are Python str offsets into the text
    return found


def values(nlp, text: str, anchor: dt.date | None = RT_PUBLISHED) -> dict[str, str]:
    return {t.text: t.value for t in tag(nlp, text, anchor)}


def test_seed_years_and_months(nlp):
    text = ("Japan surrendered in 1945 and signed the San Francisco treaty in 1951; "
            "the 1956 declaration restored ties. Talks were frozen in March 2022.")
    assert values(nlp, text) == {"1945": "1945", "1951": "1951", "1956": "1956",
                                 "March 2022": "2022-03"}


def test_friday_is_the_day_before_a_saturday_article(nlp):
    found = tag(nlp, "Spokesman Dmitry Peskov said on Friday that talks were frozen.")
    assert [(t.text, t.type, t.value, t.resolved) for t in found] == [
        ("Friday", "DATE", "2025-10-24", True)]


def test_weekday_is_the_articles_own_day(nlp):
    friday = dt.date(2025, 10, 24)
    assert values(nlp, "The minister resigned on Friday.", friday) == {"Friday": "2025-10-24"}


def test_future_tense_picks_the_next_weekday(nlp):
    assert values(nlp, "The delegation will arrive in Tokyo on Tuesday.") == {
        "Tuesday": "2025-10-28"}


def test_relative_dates(nlp):
    got = values(nlp, "Sales fell last year and the plant closed two weeks ago. "
                      "Earlier this month the board met; it will meet again next month.")
    assert got["last year"] == "2024"
    assert got["two weeks ago"] == "2025-W41"
    assert got["Earlier this month"] == "2025-10"
    assert got["next month"] == "2025-11"


def test_month_without_year_follows_tense(nlp):
    assert values(nlp, "The treaty was signed in December.") == {"December": "2024-12"}
    assert values(nlp, "The treaty will be signed in December.") == {"December": "2025-12"}


def test_durations_are_not_dates(nlp):
    found = tag(nlp, "The ceasefire lasted 90 days. Peace has eluded them for a decade, "
                     "and the talks took five hours.")
    assert {t.text: (t.type, t.value) for t in found} == {
        "90 days": ("DURATION", "P90D"), "a decade": ("DURATION", "P10Y"),
        "five hours": ("DURATION", "PT5H")}


def test_timeml_reference_and_calendar_values(nlp):
    got = values(nlp, "Prices are high now, and rose recently. Growth slowed in the third "
                      "quarter of 2012 and in the summer of 2012; the 1990s were calmer.")
    assert got["now"] == "PRESENT_REF"
    assert got["recently"] == "PAST_REF"
    assert got["the third quarter of 2012"] == "2012-Q3"
    assert got["the summer of 2012"] == "2012-SU"
    assert got["the 1990s"] == "199"


def test_times_of_day(nlp):
    got = {t.text: (t.type, t.value) for t in tag(nlp, "Troops moved in on Friday morning.")}
    assert got == {"Friday morning": ("TIME", "2025-10-24TMO")}


def test_sets(nlp):
    assert {t.value for t in tag(nlp, "The paper is published daily.")} == {"P1D"}


def test_ages_money_and_percentages_are_not_dates(nlp):
    text = ("The 44-year-old minister, 52, won a 74 percent majority and a $5 million "
            "grant; Kopp, 44, was charged.")
    assert tag(nlp, text) == []


def test_without_anchor_relative_dates_stay_unresolved(nlp):
    found = {t.text: t for t in tag(nlp, "He said on Friday that 1951 mattered more than "
                                         "last year.", anchor=None)}
    assert (found["Friday"].value, found["Friday"].resolved) == ("XXXX-WXX-5", False)
    assert found["last year"].resolved is False
    assert (found["1951"].value, found["1951"].resolved) == ("1951", True)


def test_to_json_shape(nlp):
    (t,) = tag(nlp, "It happened in 1951.")
    assert t.to_json() == {"start": 15, "end": 19, "text": "1951", "type": "DATE",
                           "value": "1951", "resolved": True}


def test_runs_its_own_pipeline_without_a_doc():
    assert [t.value for t in find_timexes("It happened in 1951.")] == ["1951"]


def test_seed_article_friday(nlp, seed_paths):
    rt = next(p for p in seed_paths if "Peskov said on Friday" in p.read_text(encoding="utf-8"))
    text = rt.read_text(encoding="utf-8")
    fridays = [t for t in tag(nlp, text) if t.text == "Friday"]
    assert fridays and {t.value for t in fridays} == {"2025-10-24"}


def test_financial_quarters_and_year_ago(nlp):
    anchor = dt.date(1989, 10, 26)
    found = tag(nlp, "Third-quarter profit rose 5% from $1.2 million a year earlier. "
                     "In the fourth quarter, sales should rise.", anchor)
    got = {t.text: t.value for t in found}
    assert got["Third-quarter"] == "1989-Q3"
    assert got["a year earlier"] == "1988-Q3"
    assert got["the fourth quarter"] == "1989-Q4"


def test_fourth_quarter_reported_early_next_year(nlp):
    found = tag(nlp, "The company said fourth-quarter profit fell.", dt.date(2005, 1, 20))
    assert [t.value for t in found] == ["2004-Q4"]


def test_later_counts_from_the_story_date(nlp):
    text = "The company was founded in 1902. Twenty years later it went public."
    assert values(nlp, text)["Twenty years later"] == "1922"
    # the story itself dates it, so no publication date is needed
    later = tag(nlp, text, anchor=None)[-1]
    assert (later.value, later.resolved) == ("1922", True)


def test_ranges_are_tagged_part_by_part(nlp):
    found = tag(nlp, "Murders declined between 1994 and 1997.")
    assert [(t.text, t.value) for t in found] == [("1994", "1994"), ("1997", "1997")]


def test_article_and_possessive_are_outside_the_span(nlp):
    found = tag(nlp, "Since the Aug. 7, 1998 bombings, its fourth quarter has been weak.",
                dt.date(1998, 10, 1))
    assert [t.text for t in found] == ["Aug. 7, 1998", "fourth quarter"]


def test_weekday_with_date_is_one_expression(nlp):
    found = tag(nlp, "The vote is set for Tuesday, March 26, officials said.",
                dt.date(2013, 3, 22))
    assert [(t.text, t.value) for t in found] == [("Tuesday, March 26", "2013-03-26")]


def test_decades_centuries_and_seasons(nlp):
    got = values(nlp, "Prices fell in the late 1980s, the worst since the 19th century; "
                      "last summer they rose.")
    assert got["the late 1980s"] == "198"
    assert got["the 19th century"] == "18"
    assert got["last summer"] == "2024-SU"


def test_frequencies_and_vague_durations(nlp):
    found = tag(nlp, "Exports earn $1 billion a year. Talks dragged on for several weeks.")
    assert {t.text: (t.type, t.value) for t in found} == {
        "a year": ("SET", "P1Y"), "several weeks": ("DURATION", "PXW")}


def test_ages_in_decades_are_not_dates(nlp):
    assert values(nlp, "She moved to Paris in her 30s.") == {}


def test_a_doc_without_tags_or_sentences_still_works():
    import spacy

    text = "He said on Friday that sales fell last year."
    found = find_timexes(text, RT_PUBLISHED, spacy.blank("en")(text))
    assert [(t.text, t.value) for t in found] == [("Friday", "2025-10-24"), ("last year", "2024")]


def test_numbered_things_and_marches_are_not_dates(nlp):
    text = "Windows 2000 crashed in room 1905 before the March for Our Lives."
    assert tag(nlp, text) == []


def test_day_month_year_order(nlp):
    got = values(nlp, "The armistice of 11 November 1918 ended the war.")
    assert got == {"11 November 1918": "1918-11-11"}


def test_day_ranges_share_the_month(nlp):
    found = tag(nlp, "NATO leaders will meet in Washington on April 24 and 25.",
                dt.date(1999, 3, 12))
    assert [(t.text, t.value) for t in found] == [("April 24", "1999-04-24"),
                                                  ("25", "1999-04-25")]


def test_weekday_and_date_agree_on_the_year(nlp):
    got = values(nlp, "Rubio announced his bid on Monday, April 13, a day after Clinton.",
                 dt.date(2014, 2, 5))
    assert got["Monday, April 13"] == "2015-04-13"  # 13 April is a Monday in 2015, not 2014


def test_as_early_as_looks_ahead(nlp):
    assert values(nlp, "A vote could come as early as Tuesday, aides said.") == {
        "Tuesday": "2025-10-28"}


def test_a_following_clause_does_not_set_the_tense(nlp):
    got = values(nlp, "A spokesman said on Thursday that Islamabad would not cut ties.")
    assert got == {"Thursday": "2025-10-23"}


def test_deadlines_look_ahead(nlp):
    assert values(nlp, "Manchin has until Tuesday to reach a compromise.") == {
        "Tuesday": "2025-10-28"}
