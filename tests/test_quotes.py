"""Quotations and their speakers (issue 10, item 6): the seeds' quotes, the attribution
patterns of news prose, quotations over several paragraphs, mixed quote marks."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cleaning import clean_article
from reader.compare import compare_texts
from reader.compare.quotes import find_quotes, quote_spans, quoted_spans

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# Every quotation of three words or more in the bundled seeds, with who says it (read by hand).
SEED_QUOTES = {
    "000": [  # RT, 2025-10-25
        ("virtually reduced to zero", "Dmitry Peskov"),
        ("The Japanese government’s policy is to resolve", "Sanae Takaichi"),
        ("rather to be welcomed", "Kremlin"),
        ("also supports signing a peace treaty", "Dmitry Peskov"),
        ("rather unfriendly stance", "Dmitry Peskov"),  # "he noted what he called"
        ("all the unlawful sanctions", "Dmitry Peskov"),  # "…, adding that"
        ("reduced virtually to zero", "Dmitry Peskov"),  # "the spokesman went on to say"
        ("in a difficult situation", "Sanae Takaichi"),
    ],
    "001": [],  # MENAFN reports without quoting
    "002": [  # blog
        ("there are no contacts with the Japanese authorities", "Dmitry Peskov"),
        ("You know that Tokyo has rushed", "Dmitry Peskov"),
        ("hardly possible to talk about", "Dmitry Peskov"),  # "according to Peskov"
        ("renounce all right, title, and claim", None),  # the treaty's words
    ],
    "003": [  # RT, 2026-02-20
        ("reduced to zero", "Dmitry Peskov"),  # "…, spokesman Dmitry Peskov has said"
        ("a tough spot", "Sanae Takaichi"),  # "She acknowledged", after Peskov is named
        ("the Japanese government’s position remains unchanged", "Sanae Takaichi"),
        ("reduced to zero.", "Dmitry Peskov"),
        ("There is no dialogue", "Dmitry Peskov"),  # "he said"
        ("under these circumstances", "Dmitry Peskov"),  # "The spokesman added that"
    ],
    "004": [  # Morning Star
        ("to resolve the territorial issue and conclude a peace treaty", "Sanae Takaichi"),
    ],
}


def _seed_body(prefix: str) -> str:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return clean_article(path.read_text(encoding="utf-8")).body


@pytest.mark.parametrize("prefix", sorted(SEED_QUOTES))
def test_seed_quotes_carry_the_right_speakers(prefix: str) -> None:
    quotes = find_quotes(_seed_body(prefix))
    got = [(q.text, q.speaker) for q in quotes]
    assert len(got) == len(SEED_QUOTES[prefix]), got
    for (text, speaker), (start, expected) in zip(got, SEED_QUOTES[prefix], strict=True):
        assert text.startswith(start), (text, start)
        assert speaker == expected, (text, speaker, expected)


def test_seed_quotes_keep_their_speakers_with_the_entity_layers_people() -> None:
    text = _seed_body("003")
    start = text.index("Sanae Takaichi")
    c = compare_texts(
        text, _seed_body("004"), entities_a=[(start, start + 14, "PERSON", "Sanae Takaichi")]
    )
    speakers = [q.speaker for q in c.quotes_a]
    assert speakers == [s for _, s in SEED_QUOTES["003"]]
    assert c.to_json()["quotes_b"][0]["speaker"] == "Sanae Takaichi"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We will not back down from this,” said the spokesman, Maria Zakharova.",
         "Maria Zakharova"),
        ("“We will not back down from this,” Maria Zakharova, the spokeswoman, said.",
         "Maria Zakharova"),
        ("“We will not back down from this,” Maria Zakharova said.", "Maria Zakharova"),
        ("Maria Zakharova said: “We will not back down from this.”", "Maria Zakharova"),
        ("Maria Zakharova told reporters that the ministry “will not back down from this.”",
         "Maria Zakharova"),
        ("“We will not back down from this,” according to Maria Zakharova.", "Maria Zakharova"),
        ("According to Maria Zakharova, “we will not back down from this.”", "Maria Zakharova"),
        ("The talks failed. “We will not back down from this,” said Foreign Minister Sergei "
         "Lavrov.", "Sergei Lavrov"),
        ("“We are the bearers of horrible news,” Los Angeles lawyer Nora Phillips told the AP.",
         "Nora Phillips"),
        ("Iran's deputy foreign minister, Abbas Araghchi, reportedly said: “The deal is no "
         "longer sustainable.”", "Abbas Araghchi"),
        ("“Russia found a willing partner,” said DNC Chairman Tom Perez in a statement, calling "
         "the alleged collusion “an act of unprecedented treachery.”", "Tom Perez"),
        ("“I am going to have a discussion,” Abe said before their meeting.", "Abe"),
        ("The ministry has “no intention of backing down,” officials said.", None),
        ("The ministry has “no intention of backing down at all.”", None),
    ],
)
def test_attribution_patterns(text: str, speaker: str | None) -> None:
    quotes = find_quotes(text)
    assert quotes and all(q.speaker == speaker for q in quotes), quotes


def test_he_said_is_the_nearest_person_named_before_the_quote() -> None:
    text = (
        "Foreign Minister Sergei Lavrov met Secretary of State Antony Blinken on Tuesday. "
        "Mr. Blinken's aides said little.\n\n"
        "Later, Mr. Lavrov spoke to reporters. “The meeting was useful but short,” he said."
    )
    [quote] = find_quotes(text)
    assert quote.speaker == "Sergei Lavrov"


def test_he_said_skips_a_person_named_inside_the_speakers_apposition() -> None:
    text = (
        "Nothing changed, said Rick Tyler, a consultant who once worked for Ted Cruz.\n\n"
        "“They would have kept the deal in place,” he said."
    )
    [quote] = find_quotes(text)
    assert quote.speaker == "Rick Tyler"


def test_a_surname_used_before_a_full_name_is_not_that_person() -> None:
    text = (
        "Trump and first lady Melania Trump welcomed Macron. “We will restart the talks soon,” "
        "Trump said."
    )
    [quote] = find_quotes(text)
    assert quote.speaker == "Trump"


def test_she_and_he_follow_mr_and_ms() -> None:
    text = (
        "Ms Takaichi spoke after Mr Ishiba had left. “We remain committed to a treaty with "
        "Russia,” she said."
    )
    [quote] = find_quotes(text)
    assert quote.speaker == "Takaichi"


def test_the_spokesman_is_the_person_introduced_as_spokesman() -> None:
    text = (
        "Kremlin spokesman Dmitry Peskov spoke on Friday, after Prime Minister Sanae Takaichi "
        "addressed parliament. The spokesman added that “there is no dialogue at all.”"
    )
    [quote] = find_quotes(text)
    assert quote.speaker == "Dmitry Peskov"


def test_a_quotation_over_several_paragraphs_is_one_quotation() -> None:
    text = (
        "The senator spoke at length. “The first part of what I want to say is this.\n\n"
        "“And the second part follows in the next paragraph,” Senator Jane Doe said.\n\n"
        "Nobody answered."
    )
    [quote] = find_quotes(text)
    assert quote.text.startswith("The first part") and quote.text.endswith("next paragraph")
    assert quote.speaker == "Jane Doe"
    assert text[quote.start : quote.end] == quote.text


def test_a_quotation_standing_alone_continues_the_last_speaker() -> None:
    text = (
        "“We have certain disagreements on trade,” Larry Kudlow, the chief economic adviser, "
        "told reporters. “We’ll iron those out, hopefully.”\n\nThe talks went on."
    )
    quotes = find_quotes(text)
    assert [q.speaker for q in quotes] == ["Larry Kudlow", "Larry Kudlow"]


@pytest.mark.parametrize(
    "text",
    [
        "“We will not back down from this,\" Maria Zakharova said.",
        "\"We will not back down from this,” Maria Zakharova said.",
        "\"We will not back down from this,\" Maria Zakharova said.",
        "«We will not back down from this», Maria Zakharova said.",
    ],
)
def test_straight_and_curly_marks_mixed(text: str) -> None:
    [quote] = find_quotes(text)
    assert quote.text == "We will not back down from this"
    assert quote.speaker == "Maria Zakharova"


def test_crlf_paragraphs_and_an_unclosed_mark() -> None:
    text = "He said it was \"a deal for the ages.\r\n\r\nThen the talks ended without a deal."
    [(start, end)] = quote_spans(text)
    assert text[start:end].endswith("ages.")  # ends with its paragraph
    [(s, e)] = quoted_spans(text)
    assert text[s:e] == "a deal for the ages."


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "No quotation here at all.",
        "A lone “ mark and a lone ” mark.",
        "\"",
        "Der Sprecher sagte: „Wir werden nicht nachgeben, niemals.“",
        "Le porte-parole a déclaré : « Nous ne céderons pas, jamais. »",
        "Пресс-секретарь сказал: «Мы не отступим, никогда и ни за что».",
    ],
)
def test_bad_or_foreign_input_gives_quotes_or_nothing_never_an_error(text: str) -> None:
    for quote in find_quotes(text):
        assert text[quote.start : quote.end] == quote.text
        assert quote.to_json()["speaker"] is None or isinstance(quote.speaker, str)
