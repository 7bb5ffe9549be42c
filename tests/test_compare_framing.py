"""Framing terms that mean something (issue 10, item 5): the outlet's own words only,
well-formed phrases, and contrasts where the two sides name one thing differently."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from reader.cleaning import clean_article
from reader.compare import compare_texts
from reader.compare.framing import framing_terms
from reader.compare.phrases import TIME_WORDS, tag, well_formed
from reader.compare.sentences import split_sentences

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _seed_body(prefix: str) -> str:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return clean_article(path.read_text(encoding="utf-8")).body


def _framing(a: str, b: str, aligned=()) -> dict:
    return framing_terms(a, split_sentences(a), b, split_sentences(b), aligned)


def _tags(sentence: str) -> tuple[list[str], list[str]]:
    words = sentence.split()
    return words, tag(words, [w[:1].isupper() and i > 0 for i, w in enumerate(words)])


@pytest.mark.parametrize(
    ("sentence", "phrase", "expected"),
    [
        ("The committee subpoenaed two aides", "subpoenaed two", False),
        ("Migrants reached Mexico today", "Mexico today", False),
        ("The treaty stems from a dispute", "treaty stems", False),
        ("Japan contests sovereignty over the islands", "Japan contests sovereignty", False),
        ("He said WikiLeaks released thousands of emails", "WikiLeaks released thousands", False),
        ("The ministry was citing Japanese aggression", "citing Japanese aggression", False),
        ("They feared Iran was gathering nuclear knowledge", "gathering nuclear knowledge", False),
        ("Democrats allege a conspiracy", "Democrats allege", False),
        ("It continued its special military operation", "special military operation", True),
        ("It condemned the invasion of Ukraine", "invasion of Ukraine", True),
        ("Tokyo's unfriendly stance angered Moscow", "unfriendly stance", True),
        ("Relations hit rock bottom", "rock bottom", True),
        ("The spokesman weighed in on the remarks", "weighed in", True),
        ("The plan was bogus", "bogus", True),
        ("The agency allegedly leaked it", "allegedly", True),
        ("The agency confirmed it", "confirmed", False),  # a verb alone tells, not frames
        ("Vladimir Putin spoke", "Vladimir Putin", False),  # a name is the entity layer's
    ],
)
def test_phrases_are_well_formed(sentence: str, phrase: str, expected: bool) -> None:
    words, tags = _tags(sentence)
    n = len(phrase.split())
    i = next(k for k in range(len(words)) if " ".join(words[k : k + n]) == phrase)
    assert well_formed(words[i : i + n], tags[i : i + n]) is expected


def test_words_inside_quotations_belong_to_the_speaker() -> None:
    quoted = (
        "The opposition leader called the budget “a shameful betrayal of pensioners” on "
        "Monday. The budget passed. The budget passed the second reading."
    )
    plain = "The budget passed. The budget passed the second reading on Monday."
    framing = _framing(quoted, plain)
    assert not any("betrayal" in t or "shameful" in t for t in framing["a"])
    own = quoted.replace("“", "").replace("”", "")
    assert any("betrayal" in t for t in _framing(own, plain)["a"])


@pytest.mark.parametrize(
    ("a", "b", "pair"),
    [
        ("Russian forces pressed on with the special military operation in the east, the "
         "ministry said.",
         "Russian forces pressed on with the invasion in the east, the ministry said.",
         ["special military operation", "invasion"]),
        ("Soldiers raided the outpost near the border before dawn.",
         "Soldiers raided the compound near the border before dawn.",
         ["outpost", "compound"]),
        ("North Korean leader Kim Jong Un said he would suspend nuclear tests.",
         "North Korean dictator Kim Jong Un's announcement that he would suspend tests came "
         "on Friday.",
         ["leader", "dictator"]),
        ("Moscow suspended the talks in retaliation for the sanctions.",
         "Moscow suspended the talks in response to the sanctions.",
         ["retaliation", "response"]),
    ],
)
def test_aligned_sentences_give_contrasts(a: str, b: str, pair: list[str]) -> None:
    framing = _framing(a, b, aligned=[((0,), (0,))])
    assert pair in framing["contrasts"]
    # Not aligned: nothing says the two fill one slot.
    assert pair not in _framing(a, b)["contrasts"]


def test_no_contrast_from_a_stretch_that_says_more_than_the_term() -> None:
    a = "Volunteers traveled to Tijuana to support the migrants in the final stretch."
    b = "Volunteers traveled to Tijuana to support racial-justice issues."
    assert _framing(a, b, aligned=[((0,), (0,))])["contrasts"] == []


def test_no_contrast_when_the_other_side_uses_the_term_too() -> None:
    a = "Soldiers raided the outpost near the border before dawn."
    b = "Soldiers raided the compound near the border before dawn. The outpost was empty."
    framing = _framing(a, b, aligned=[((0,), (0,))])
    assert ["outpost", "compound"] not in framing["contrasts"]


def test_seeds_contrast_the_names_of_the_war() -> None:
    c = compare_texts(_seed_body("003"), _seed_body("004"))  # RT and Morning Star
    data = c.to_json()["framing"]
    assert set(data) == {"a", "b", "contrasts"}
    assert ["Ukraine conflict", "invasion of Ukraine"] in data["contrasts"]
    assert all(isinstance(p, list) and len(p) == 2 for p in data["contrasts"])
    # RT reports Takaichi's words in quotation marks: they are not RT's framing.
    assert not any("tough spot" in t for t in data["a"])


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("", ""),
        ("One sentence only.", ""),
        ("The same text, word for word.", "The same text, word for word."),
        ("Der Bundestag hat das Gesetz am Dienstag verabschiedet. Die Opposition kritisierte "
         "die Regierung scharf und sprach von einem schwarzen Tag für die Demokratie.",
         "Le Parlement a adopté la loi mardi. L'opposition a vivement critiqué le gouvernement "
         "et a parlé d'un jour noir pour la démocratie."),
        ("“", "” «"),
    ],
)
def test_bad_input_gives_empty_or_sane_framing(a: str, b: str) -> None:
    framing = compare_texts(a, b).to_json()["framing"]
    assert isinstance(framing["a"], list) and isinstance(framing["b"], list)
    assert isinstance(framing["contrasts"], list)
    if a == b or "Bundestag" in a:  # identical, or not English: nothing to show
        assert framing == {"a": [], "b": [], "contrasts": []}


def test_newswcl50_terms_are_phrases_of_the_outlets_own(shared_dir: Path) -> None:
    """Across the ten events (first two outlets of each), every term reads as a phrase."""
    events: dict[str, list[dict]] = defaultdict(list)
    with open(shared_dir / "eval-dev" / "newswcl50.jsonl", encoding="utf-8") as fh:
        for line in fh:
            article = json.loads(line)
            events[article["cluster_id"]].append(article)
    bad = []
    for articles in events.values():
        c = compare_texts(articles[0]["body"], articles[3]["body"])
        for side in ("a", "b"):
            for term in c.framing[side]:
                words = term.lower().split()
                if (
                    re.search(r"\d", term)
                    or TIME_WORDS.intersection(words)
                    or words[-1] in {"of", "the", "a", "and", "to"}
                    or all(w[:1].isupper() for w in term.split())
                ):
                    bad.append(term)
    assert not bad


def test_cli_names_the_contrasts(tmp_path: Path, monkeypatch, capsys) -> None:
    from reader.cli import main

    monkeypatch.setenv("READER_LIBRARY", str(tmp_path / "lib"))
    a, b = tmp_path / "rt.txt", tmp_path / "ms.txt"
    a.write_text(_seed_body("003"), encoding="utf-8")
    b.write_text(_seed_body("004"), encoding="utf-8")
    assert main(["compare", str(a), str(b)]) == 0
    out = capsys.readouterr().out
    assert "Named differently (A / B): " in out
    assert "Ukraine conflict / invasion of Ukraine" in out
