"""Names and dates of two articles compared after canonicalisation (issue 10, item 4)."""

from __future__ import annotations

import pytest

from reader.compare import compare_texts
from reader.compare.canonical import date_key, match_names, name_key, split_dates, split_names
from reader.store_analysis import StoredMention, TimexRecord


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("Hillary Clinton", "PERSON"), ("Hillary Rodham Clinton", "PERSON")),
        (("Trump", "PERSON"), ("Donald Trump", "PERSON")),
        (("Mr. Trump", "PERSON"), ("President Donald J. Trump", "PERSON")),
        (("Soviet Union", "GPE"), ("USSR", "GPE")),
        (("Republican", "NORP"), ("Republicans", "NORP")),
        (("Republicans", "NORP"), ("Republican Party", "ORG")),
        (("Flynn Intel Group LLC", "ORG"), ("Flynn Intel Group", "ORG")),
        (("Kurils", "LOC"), ("Kuril Islands", "LOC")),
        (("NTIA", "ORG"), ("Northern Territories Issue Association", "ORG")),
        (("the Kremlin", "ORG"), ("Kremlin", "ORG")),
        (("Kim Jong-un", "PERSON"), ("Kim Jong Un", "PERSON")),
        (("Trump's", "PERSON"), ("Trump", "PERSON")),
        (("Robert S. Mueller III", "PERSON"), ("Robert Mueller", "PERSON")),
        (("Rudolph W. Giuliani", "PERSON"), ("Rudy Giuliani", "PERSON")),
        (("Michael D. Cohen", "PERSON"), ("Michael Cohen", "PERSON")),
        (("Kim", "PERSON"), ("Kim Jong Un", "PERSON")),
        (("Moon", "PERSON"), ("Moon Jae-in", "PERSON")),
        ("U.S.", "United States"),  # bare names, no label
    ],
)
def test_variants_of_one_name_match_across_articles(a, b) -> None:
    name_a = a if isinstance(a, str) else a[0]
    name_b = b if isinstance(b, str) else b[0]
    assert match_names([a], [b]) == {name_a: name_b}
    assert match_names([b], [a]) == {name_b: name_a}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("Robert Kennedy", "PERSON"), ("Ted Kennedy", "PERSON")),
        (("Russia", "GPE"), ("Russian", "NORP")),
        (("Japan", "GPE"), ("Japanese", "NORP")),
        (("Dmitry Peskov", "PERSON"), ("Peskov Group", "ORG")),
        (("Donald Trump", "PERSON"), ("Donald Trump Jr.", "PERSON")),  # father and son
        (("Donald", "PERSON"), ("Donald Trump", "PERSON")),  # a given name alone
        (("Москва", "GPE"), ("Moscow", "GPE")),  # no transliteration here
        (("Trump", "PERSON"), ("Donald Trump Jr.", "PERSON")),
        (("General Motors", ""), ("Motors", "")),  # a title word inside a name stays
    ],
)
def test_different_things_stay_apart(a, b) -> None:
    assert match_names([a], [b]) == {}


def test_a_surname_two_people_share_is_not_joined() -> None:
    a = [("Robert Kennedy", "PERSON"), ("Ted Kennedy", "PERSON"), ("Kennedy", "PERSON")]
    b = [("Ted Kennedy", "PERSON")]
    assert match_names(a, b) == {"Ted Kennedy": "Ted Kennedy"}
    # One Kennedy in each article, and the other names him in full: joined.
    assert match_names([("Kennedy", "PERSON")], [("Ted Kennedy", "PERSON")]) == {
        "Kennedy": "Ted Kennedy"
    }
    # The two Kennedys may sit on different sides: "Kennedy" still could be either.
    assert match_names(
        [("Kennedy", "PERSON"), ("Robert Kennedy", "PERSON")], [("Ted Kennedy", "PERSON")]
    ) == {}


def test_given_names_with_one_initial_join_only_when_the_surname_is_one_persons() -> None:
    a = [("Rudolph W. Giuliani", "PERSON")]
    assert match_names(a, [("Rudy Giuliani", "PERSON")]) == {"Rudolph W. Giuliani": "Rudy Giuliani"}
    assert match_names(a, [("Rudy Giuliani", "PERSON"), ("Andrew Giuliani", "PERSON")]) == {}


def test_one_person_with_and_without_a_middle_initial_is_not_ambiguous() -> None:
    a = [("Bush", "PERSON"), ("George Bush", "PERSON")]
    b = [("George W. Bush", "PERSON")]
    assert match_names(a, b) == {"Bush": "George W. Bush", "George Bush": "George W. Bush"}


def test_name_key_folds_spelling_only() -> None:
    assert name_key("Flynn Intel Group LLC", "ORG") == name_key("flynn intel group", "ORG")
    assert name_key("U.S.S.R.", "GPE") == name_key("Soviet Union", "GPE")
    assert name_key("Peskov", "PERSON") != name_key("Dmitry Peskov", "PERSON")
    assert name_key("", "PERSON") == "" and name_key("—", "ORG") == ""


def test_split_names_lists_the_fuller_form_once() -> None:
    a = [(0, 5, "PERSON", "Trump"), (10, 22, "GPE", "Soviet Union"), (30, 36, "GPE", "Moscow")]
    b = [(0, 12, "PERSON", "Donald Trump"), (20, 24, "GPE", "USSR"),
         (30, 35, "PERSON", "Trump"), (40, 45, "GPE", "Tokyo")]
    shared, only_a, only_b = split_names(a, b)
    assert shared == ["Donald Trump", "Soviet Union"]
    assert only_a == ["Moscow"] and only_b == ["Tokyo"]


def test_comparison_json_uses_canonical_matching() -> None:
    a, b = "Trump met the USSR envoy.", "Donald Trump met a Soviet Union envoy in Paris."
    c = compare_texts(
        a, b,
        entities_a=[(0, 5, "PERSON", "Trump"), (14, 18, "GPE", "USSR")],
        entities_b=[(0, 12, "PERSON", "Donald Trump"), (19, 31, "GPE", "Soviet Union"),
                    (41, 46, "GPE", "Paris")],
    )
    data = c.to_json()
    assert data["shared_entities"] == ["Donald Trump", "Soviet Union"]
    assert data["entities_only_a"] == [] and data["entities_only_b"] == ["Paris"]


def test_a_family_name_first_joins_only_one_person() -> None:
    kim, un, sister = ("Kim", "PERSON"), ("Kim Jong Un", "PERSON"), ("Kim Yo Jong", "PERSON")
    assert match_names([kim], [un]) == {"Kim": "Kim Jong Un"}
    assert match_names([kim], [un, sister]) == {}
    assert match_names([kim, ("Kim Davis", "PERSON")], [un]) == {}


def test_names_in_other_scripts_match_themselves() -> None:
    assert match_names([("Дмитрий Песков", "PERSON")], [("Дмитрий Песков", "PERSON")])
    assert match_names([("Песков", "PERSON")], [("Дмитрий Песков", "PERSON")]) == {
        "Песков": "Дмитрий Песков"
    }
    assert match_names([("高市早苗", "PERSON")], [("高市早苗", "PERSON")])


def test_no_entities_no_names() -> None:
    assert split_names([], []) == ([], [], [])
    assert match_names([], ["Trump"]) == {}
    c = compare_texts("", "")
    assert c.shared_entities == [] and c.entities_only_a == [] and c.entities_only_b == []


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("2025-10-24TAF", "2025-10-24"),
        ("2018-04-17TEV", "2018-04-17"),
        ("2018-04-17T14:30", "2018-04-17"),
        ("2025-10-24", "2025-10-24"),
        ("2025-10", "2025-10"),
        ("2025-W43", "2025-W43"),
        ("1956", "1956"),
        ("PRESENT_REF", "PRESENT_REF"),
    ],
)
def test_dates_at_day_level(value: str, key: str) -> None:
    assert date_key(value) == key


def test_tuesday_and_tuesday_afternoon_are_one_day() -> None:
    only_a, only_b = split_dates(
        ["2018-04-17", "2018-04", "1956"], ["2018-04-17TAF", "2018-04-18TMO", "2018-04-18"]
    )
    assert only_a == ["1956", "2018-04"]
    assert only_b == ["2018-04-18"]


def test_library_compares_names_and_dates_canonically(seeded_library, monkeypatch) -> None:
    rows = [r.id for r in seeded_library.rows()][:2]
    mentions = {
        rows[0]: [StoredMention(0, 5, "Trump", 1, "Trump", "PERSON"),
                  StoredMention(9, 21, "Soviet Union", 2, "Soviet Union", "GPE")],
        rows[1]: [StoredMention(0, 12, "Donald Trump", 3, "Donald Trump", "PERSON"),
                  StoredMention(20, 24, "USSR", 4, "USSR", "GPE")],
    }
    timexes = {
        rows[0]: [TimexRecord(0, 7, "Tuesday", "DATE", "2018-04-17", True, 0, 9),
                  TimexRecord(0, 4, "1956", "DATE", "1956", True, 0, 9),
                  TimexRecord(0, 12, "this century", "DATE", "20", True, 0, 9),
                  TimexRecord(0, 11, "20th century", "DATE", "19", True, 0, 9),
                  TimexRecord(0, 9, "the 1950s", "DATE", "195", True, 0, 9)],
        rows[1]: [TimexRecord(0, 17, "Tuesday afternoon", "TIME", "2018-04-17TAF", True, 0, 9),
                  TimexRecord(0, 7, "two years", "DURATION", "P2Y", True, 0, 9)],
    }
    monkeypatch.setattr(seeded_library.store, "article_mentions", mentions.__getitem__)
    monkeypatch.setattr(seeded_library.store, "article_timexes", timexes.__getitem__)
    c = seeded_library.compare_articles(*rows)
    assert c.shared_entities == ["Donald Trump", "Soviet Union"]
    assert c.entities_only_a == [] and c.entities_only_b == []
    # Centuries and decades are background, not dates: no bare "19" or "195" in the lists.
    assert c.dates_only_a == ["1956"] and c.dates_only_b == []
