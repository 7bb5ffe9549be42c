"""The cleaner on the five seeds, on ordinary clean articles, and on the shapes text comes in."""

from __future__ import annotations

import gzip
import itertools
import json
import random
from collections import Counter
from pathlib import Path

import pytest

from reader.cleaning import clean_article
from reader.models import CleanedArticle, Precision, PubDate

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
BODY = (
    "The council approved the new budget on Tuesday after a long debate, the mayor said.\n\n"
    "Spending on roads will rise by a tenth next year, according to the plan."
)


def _seed(number: str) -> tuple[str, CleanedArticle]:
    (path,) = SEEDS.glob(f"{number}_*.txt")
    raw = path.read_text(encoding="utf-8")
    return raw, clean_article(raw)


def _reasons(cleaned: CleanedArticle) -> dict[str, str]:
    """Removed text -> reason (the last one wins for repeated pieces)."""
    return {r.text: r.reason for r in cleaned.removed}


def assert_nothing_lost(raw: str, cleaned: CleanedArticle) -> None:
    """Every word of the raw text is in the body or in the removed list, as often as it was."""
    kept = cleaned.body.split() + [w for r in cleaned.removed for w in r.text.split()]
    # Invisible characters (zero-width space, soft hyphen, BOM) are dropped on purpose.
    visible = raw.translate({0x200B: None, 0x2060: None, 0xFEFF: None, 0xAD: None})
    assert Counter(kept) == Counter(visible.split())


def assert_paragraphs_clean(body: str) -> None:
    assert "\u00a0" not in body
    for paragraph in body.split("\n\n"):
        assert paragraph and paragraph == paragraph.strip()
        assert "\n" not in paragraph


# -- the seeds ----------------------------------------------------------------------------


def test_seed_000_rt_with_read_more_box_and_footer() -> None:
    raw, c = _seed("000")
    assert c.title == "Russia welcomes Japan’s intent to sign peace treaty – Kremlin"
    assert c.outlet == "RT"
    assert c.published == PubDate(2025, 10, 25)
    assert c.published.precision is Precision.DAY
    # The standfirst is article text, kept once, and the repeated headline is gone.
    assert c.body.startswith(
        "Dialogue between the two nations has been “virtually reduced to zero”"
    )
    assert c.body.count("Dialogue between the two nations has been “virtually") == 1
    assert c.title not in c.body
    assert c.body.endswith("relations between the two countries are “in a difficult situation.”")
    assert "restrictions against our country” imposed by the West.\n\nDialogue" in c.body
    reasons = _reasons(c)
    assert reasons["Read more"] == "navigation"
    assert reasons["Protesters gather outside Japan embassy in Moscow."] == "related stories"
    assert reasons["Demonstration held outside Japanese embassy in Moscow (VIDEO)"] == (
        "related stories"
    )
    for line in ("Category Asia", "Published Oct 25, 2025", "Last Updated 7 hours ago"):
        assert reasons[line] == "publication line"
        assert line not in c.body
    assert_nothing_lost(raw, c)
    assert_paragraphs_clean(c.body)


def test_seed_001_menafn_error_page_and_repeated_block() -> None:
    raw, c = _seed("001")
    assert c.title == "Kremlin voices remarks on Japan’s request to finalize peace agreement"
    assert c.outlet == "MENAFN"
    assert c.published == PubDate(2025, 5, 5)
    assert c.body.startswith("(MENAFN) Kremlin spokesperson Dmitry Peskov stated")
    assert c.body.endswith(
        "labeled Japan’s peace overtures as unrealistic under current geopolitical conditions."
    )
    # The block of four paragraphs the page repeats appears once; the repeats are listed.
    for opening in (
        "Peskov criticized Japan",
        "In its 2025 Diplomatic Blue Book",
        "Despite the 1951 San Francisco",
        "Japanese Prime Minister Shigeru Ishiba",
    ):
        assert c.body.count(opening) == 1
    assert [r.reason for r in c.removed].count("repeated paragraph") == 4
    for noise in (
        "Sorry!!",
        "Error!",
        "403",
        "doesn't exist",
        "Legal Disclaimer",
        "warranty",
        "CommentsNo comment",
        "date 2025",
    ):
        assert noise not in c.body
    reasons = _reasons(c)
    assert reasons["403"] == "error page"  # the HTTP status left over from it
    assert reasons["Sorry!!"] == "error page"
    assert reasons["Legal Disclaimer:"] == "legal disclaimer"
    assert reasons["CommentsNo comment"] == "commenting policy"
    assert_nothing_lost(raw, c)
    assert_paragraphs_clean(c.body)


def test_seed_002_blog_leaves_unknowns_unknown() -> None:
    raw, c = _seed("002")
    assert c.title is None  # the text starts straight with the story
    assert c.outlet is None
    assert c.published is None  # "On April 8th" is the event, not the publication
    assert c.body.startswith("On April 8th, the Kremlin spokesman stated")
    assert c.body.endswith("even if it would lead to a peace treaty with Japan.")
    reasons = _reasons(c)
    assert reasons["Map of the Kuril Islands via Vajiram & Ravi."] == "photo caption"
    assert reasons["Featured image courtesy of Kirill Kudaryavtsev, Reuters (2025)."] == (
        "image credit"
    )
    assert "Vajiram" not in c.body and "Featured image" not in c.body
    # A paragraph the scraper cut before its full stop is still article text.
    assert "reclaiming the disputed islands\n\n" in c.body
    assert_nothing_lost(raw, c)


def test_seed_003_rt_icon_run_dateline_and_player() -> None:
    raw, c = _seed("003")
    assert (
        c.title == "Kremlin explains why peace treaty talks with Japan are currently ‘impossible’"
    )
    assert c.outlet == "RT"
    assert c.published == PubDate(2026, 2, 20)
    assert c.body.startswith("Relations between Moscow and Tokyo have been “reduced to zero”")
    assert c.body.count("Relations between Moscow and Tokyo") == 1
    assert c.title not in c.body
    assert c.body.endswith("something Moscow has consistently denounced.")
    assert "“a tough spot,” “the Japanese government’s" in c.body  # NBSP became a space
    for noise in ("icon", "commenting policy", "rttv.ru", "Podcasts", "0:00", "28:35", "12:53"):
        assert noise not in c.body
    reasons = [r.reason for r in c.removed]
    assert reasons[0] == "UI icon names"
    assert "repeated headline" in reasons
    assert reasons.count("media player residue") == 5
    assert "commenting policy" in reasons
    assert_nothing_lost(raw, c)
    assert_paragraphs_clean(c.body)


def test_seed_004_morning_star_ends_before_appeal_and_similar_stories() -> None:
    raw, c = _seed("004")
    assert c.title == "Japan’s far-right PM says she wants to sign a peace treaty with Russia"
    assert c.outlet == "Morning Star"
    # No publication line: the dated caption under the headline gives the day.
    assert c.published == PubDate(2026, 2, 20)
    assert c.body.startswith("JAPAN’S far-right Prime Minister said today")
    assert c.body.endswith("joint ventures in the southern Kuril Islands.")
    for noise in (
        "Skip to main content",
        "Anniversary Appeal",
        "Support the Morning Star",
        "free limit",
        "Subscribe",
        "Similar stories",
        "Zelenskyy",
        "August 2025",
        "MEDEA BENJAMIN",
        "Martyniuk",
        "policy speech during the special Diet",
    ):
        assert noise not in c.body
    reasons = _reasons(c)
    assert reasons["Skip to main content"] == "navigation"
    assert reasons["Support the Morning Star"] == "donation appeal"
    assert reasons["The 95th Anniversary Appeal"] == "donation appeal"
    assert reasons["Subscribe to continue reading."] == "paywall notice"
    assert reasons["Similar stories"] == "related stories"
    assert reasons["War / 29 May 2025"] == "related stories"
    caption = next(r for r in c.removed if r.text.startswith("Japan’s Prime Minister Sanae"))
    assert caption.reason == "photo caption"
    assert_nothing_lost(raw, c)
    assert_paragraphs_clean(c.body)


def test_removed_positions_point_into_the_clean_body() -> None:
    _, c = _seed("000")
    by_text = {r.text: r for r in c.removed}
    assert by_text["Russia welcomes Japan’s intent to sign peace treaty – Kremlin"].position == 0
    read_more = by_text["Read more"].position
    assert c.body[:read_more].endswith("imposed by the West.\n\n")
    assert c.body[read_more:].startswith("Dialogue between the two nations has also been")
    assert by_text["Published Oct 25, 2025"].position == len(c.body)


# -- metadata the source gave -------------------------------------------------------------


def test_given_metadata_wins_and_the_repeated_headline_still_goes() -> None:
    raw, _ = _seed("000")
    c = clean_article(
        raw,
        title="Russia welcomes Japan’s intent to sign peace treaty – Kremlin",
        outlet="RT International",
        published=PubDate(2025, 10),
        author="Staff",
    )
    assert (c.title, c.outlet, c.published, c.author) == (
        "Russia welcomes Japan’s intent to sign peace treaty – Kremlin",
        "RT International",
        PubDate(2025, 10),
        "Staff",
    )
    assert c.body.startswith("Dialogue between the two nations")
    assert [r.reason for r in c.removed[:2]] == ["repeated headline", "repeated headline"]
    assert_nothing_lost(raw, c)


def test_headline_with_site_name_counts_as_repeated() -> None:
    raw = "Storm hits the coast | Daily Example\n\nA storm hit the coast on Monday, officials said."
    c = clean_article(raw, title="Storm hits the coast")
    assert c.body == "A storm hit the coast on Monday, officials said."
    assert c.removed[0].reason == "repeated headline"


# -- the shapes text comes in -------------------------------------------------------------


def test_hard_wrapped_lines_join_into_paragraphs() -> None:
    raw = (
        "Showers continued throughout the week in\n"
        "the Bahia cocoa zone, alleviating the drought since early\n"
        "January and improving prospects for the coming temporao.\n"
        "    The dry period means the temporao will be late this year,\n"
        "and arrivals for the week ended February 22 were 155,221 bags\n"
        "of 60 kilos.\n"
        "    Shr 34 cts vs 1.19 dlrs\n"
        "    Net 807,000 vs 2,858,000\n"
    )
    c = clean_article(raw, title="BAHIA COCOA REVIEW")
    assert c.body.split("\n\n") == [
        "Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought "
        "since early January and improving prospects for the coming temporao.",
        "The dry period means the temporao will be late this year, and arrivals for the week "
        "ended February 22 were 155,221 bags of 60 kilos.",
        "Shr 34 cts vs 1.19 dlrs",
        "Net 807,000 vs 2,858,000",
    ]


def test_one_paragraph_per_line_when_lines_are_long() -> None:
    _, c = _seed("002")
    assert len(c.body.split("\n\n")) == 7


def test_whitespace_is_normalised_but_words_are_not() -> None:
    c = clean_article("Headline here\r\n\r\nOne\u00a0two  three\u2009four.   \r\nFive\u200b six.")
    assert c.title == "Headline here"
    assert c.body == "One two three four.\n\nFive six."


def test_wire_tag_and_signature() -> None:
    raw = "Standard Oil Co said it plans a venture with BP North America.\n\n Reuter\n"
    c = clean_article(raw, title="STANDARD OIL TO FORM FINANCIAL UNIT")
    assert c.body == "Standard Oil Co said it plans a venture with BP North America."
    assert c.removed[0].reason == "wire signature"


def test_related_marker_introducing_a_quote_is_not_a_tail() -> None:
    body = [
        "Trump said Ryan screwed him by not securing funding for the wall, a director told the "
        "Washington Post in an interview published on Sunday evening.",
        "More from the Post:",
        "Ryan had warned the president against a shutdown and told him it would be disastrous.",
        "Many viewed the deal as a severe political blow to the agenda.",
    ]
    c = clean_article("\n\n".join(body), title="Is Paul Ryan to blame?")
    assert c.body == "\n\n".join(body)
    assert c.removed == []


def test_empty_and_noise_only_texts() -> None:
    assert clean_article("").body == ""
    c = clean_article(
        "Sorry!!\nError! We're sorry, but the page you were looking for doesn't exist."
    )
    assert c.body == ""
    assert {r.reason for r in c.removed} == {"error page"}


def test_a_single_sentence_is_a_body_not_a_title() -> None:
    c = clean_article("Markets rose on Monday after the central bank held rates")
    assert c.title is None
    assert c.body == "Markets rose on Monday after the central bank held rates"


# -- ordinary clean articles lose nothing -------------------------------------------------


def test_bbc_sample_keeps_every_word(shared_dir: Path) -> None:
    files = sorted((shared_dir / "corpora" / "bbc").glob("*/*.txt"))
    sample = random.Random(7).sample(files, 100)
    assert len({p.parent.name for p in sample}) == 5
    for path in sample:
        raw = path.read_bytes().decode("utf-8", errors="replace")
        c = clean_article(raw)
        headline = raw.split("\n", 1)[0].strip()
        assert c.title == headline.replace("&#163;", "£"), path
        noise = [r for r in c.removed if r.reason != "headline"]
        assert noise == [], (path, noise)
        assert len(c.body.split()) == len(raw.split()) - len(headline.split()), path


@pytest.mark.parametrize("corpus", ["reuters21578.jsonl.gz", "allsides2020.jsonl.gz"])
def test_jsonl_sample_keeps_almost_every_word(shared_dir: Path, corpus: str) -> None:
    with gzip.open(shared_dir / "corpora" / corpus, "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in itertools.islice(f, 300)]
    total = removed = 0
    for rec in records:
        raw = rec["body"]
        c = clean_article(raw, title=rec["title"], outlet=rec.get("outlet"))
        assert c.title == rec["title"].strip() and c.outlet == rec.get("outlet")
        assert_nothing_lost(raw, c)
        total += len(raw.split())
        # The "Reuter" sign-off and advertisement slots are noise; count the rest.
        removed += sum(
            len(r.text.split())
            for r in c.removed
            if r.reason not in {"wire signature", "advertisement", "repeated headline"}
        )
    assert removed / total < 0.01


def test_box_of_links_inside_the_story_goes_but_the_story_goes_on() -> None:
    paragraphs = [
        "Some of the latest research shows that a few influential minorities drive polarisation, "
        "the study's authors said on Tuesday.",
        "You might also like:",
        "• The hidden ways that faces shape politics",
        "• Why we need to reinvent democracy for the long-term",
        "Social scientists have historically explained polarisation as the result of irrational "
        "thinking. Surely, any reasonable person will accept when they are mistaken.",
        "But a recently published study challenges that common-sense theory, its authors say.",
        "One issue with studying beliefs is that no human can be said to be completely rational.",
    ]
    c = clean_article("\n\n".join(paragraphs), title="How the views of a few decide")
    assert c.body == "\n\n".join(paragraphs[:1] + paragraphs[4:])
    assert {r.reason for r in c.removed} == {"related stories"}


def test_read_more_teaser_in_text_without_blank_lines() -> None:
    raw = (
        "Lawmakers passed the bill late on Tuesday after a long debate in the chamber.\n"
        "Read more:\n"
        "Senate vote delayed again as talks stall\n"
        "The measure now goes to the president, who is expected to sign it this week.\n"
    )
    c = clean_article(raw, title="Bill passes")
    assert c.body.split("\n\n") == [
        "Lawmakers passed the bill late on Tuesday after a long debate in the chamber.",
        "The measure now goes to the president, who is expected to sign it this week.",
    ]
    assert [r.reason for r in c.removed] == ["navigation", "related stories"]


def test_disclaimer_heading_takes_its_text_with_it() -> None:
    disclaimer = (
        "The views and opinions expressed in this article are the author's own and do not "
        "necessarily reflect the editorial position of this site. " * 3
    ).strip()
    raw = f"Council passes budget\n\n{BODY}\n\nDisclaimer\n\n{disclaimer}"
    c = clean_article(raw)
    assert c.body == BODY
    assert [r.reason for r in c.removed[1:]] == ["legal disclaimer", "legal disclaimer"]


def test_a_truncated_copy_of_a_paragraph_is_a_repeat() -> None:
    first = "The council approved the new budget on Tuesday after a long debate, the mayor said."
    raw = f"Council passes budget\n\n{first}\n\nMore text follows here, at length.\n\n{first[:70]}…"
    c = clean_article(raw)
    assert c.body == f"{first}\n\nMore text follows here, at length."
    assert c.removed[-1].reason == "repeated paragraph"
