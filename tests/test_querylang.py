"""The query language says what is wrong with a query instead of searching something else."""

from __future__ import annotations

import pytest

from reader.errors import QuerySyntaxError
from reader.index import make_schema
from reader.querylang import QueryLanguage


@pytest.fixture(scope="module")
def language() -> QueryLanguage:
    return QueryLanguage(make_schema())


@pytest.mark.parametrize(("text", "explained"), [
    ("date:2026-13", "no month 13"),
    ("date:2026-00", "no month 0"),
    ("date:2026-02-30", "February 2026 has days 1 to 28"),
    ("date:2024-02-30", "February 2024 has days 1 to 29"),
    ("treaty date:[2026-13 to 2027]", "no month 13"),
    ("treaty AND", "ends with a lone AND"),
    ("OR treaty", "lone OR"),
    ("treaty AND OR peace", "lone AND"),
    ("(treaty OR) peace", "lone OR"),
    ("treaty NOT", "NOT needs a word after it"),
    ("date:[2026 to 2025]", r"runs backwards.*date:\[2025 to 2026\]"),
    ("date:[2026-03 to 2026-02-28]", "runs backwards"),
    ("foo:bar", r"no field 'foo:'.*title:.*outlet:.*date:.*entity:.*lang:.*tag:.*note:"),
    ("titel:treaty", "Did you mean title:"),
])
def test_each_mistake_gets_a_one_line_explanation(language: QueryLanguage, text: str,
                                                   explained: str) -> None:
    with pytest.raises(QuerySyntaxError, match=explained) as caught:
        language.parse(text)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("text", [
    "date:2024-02-29", "date:2026-1", "date:[2025 to 2026]", "date:[2026 to]",
    "date:[2026-02 to 2026-02]", "date:[2026-01 to 2026]", "treaty AND NOT Japan",
    "NOT Japan", "(Japan OR Russia) treaty", "treaty -Japan", "Japan OR Russia AND treaty",
    'title:"peace treaty" OR outlet:rt', "far-right", "date:2025-10",
])
def test_correct_queries_still_parse(language: QueryLanguage, text: str) -> None:
    language.parse(text)


def test_a_field_of_the_users_own_work_is_not_searched_as_a_word(
        language: QueryLanguage) -> None:
    # tag:, collection:, is: and note: belong to the user's own fields: never read as text.
    from reader.user_fields import StoreSet

    for text in ("tag:x", "is:unread", "note:framing", 'collection:"My project"'):
        parsed = language.parse(text).query
        assert isinstance(parsed, StoreSet), (text, parsed)
