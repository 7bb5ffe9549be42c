"""Comparison by meaning: what two outlets share in their own words is linked (`related`),
and what only one side says can be checked against the closest sentence the other side has."""

from __future__ import annotations

import json

import pytest

from reader.compare import Comparison, compare_texts
from reader.compare.relate import load_relatedness
from reader.compare.vectors import load_vectors
from tests.test_compare import _body

# RT, 2025-10-25, "Russia welcomes Japan's intent to sign peace treaty", against Morning Star,
# 2026-02-20, "Japan's far-right PM says she wants to sign a peace treaty": two speeches, one
# story. Each line: words of the RT sentence, words of the Morning Star sentence.
SHARED_FACTS = [
    ("resolve the territorial issue and finalize", "to resolve the territorial issue and conclude"),
    ("The absence of a treaty stems", "The main obstacle to an agreement"),
    ("never signed a peace treaty after the end", "Since the mid-20th century"),
    ("incorporated into the Soviet Union in 1945", "incorporated into the USSR"),
]


@pytest.fixture(scope="module")
def rt_vs_ms() -> Comparison:
    rt = _body("000", "The Kremlin welcomes", "Category Asia")
    ms = _body("004", "JAPAN’S far-right", "The 95th")
    return compare_texts(rt, ms)


def _linked(c: Comparison, a_words: str, b_words: str) -> list:
    return [p for p in c.pairs if a_words in c.a_text[p.a[0]:p.a[1]]
            and b_words in c.b_text[p.b[0]:p.b[1]]]


@pytest.mark.parametrize(("a_words", "b_words"), SHARED_FACTS)
def test_facts_both_outlets_report_in_their_own_words_are_linked(
    rt_vs_ms: Comparison, a_words: str, b_words: str
) -> None:
    assert rt_vs_ms.a_text.count(a_words) == 1 and rt_vs_ms.b_text.count(b_words) == 1
    assert _linked(rt_vs_ms, a_words, b_words)


def test_a_sentence_with_two_facts_links_to_both(rt_vs_ms: Comparison) -> None:
    # "The absence of a treaty stems from a dispute over the islands …, which were
    # incorporated into the Soviet Union": the dispute and the incorporation.
    assert _linked(rt_vs_ms, "The absence of a treaty", "The main obstacle")
    assert _linked(rt_vs_ms, "The absence of a treaty", "incorporated into the USSR")


def test_every_one_sided_sentence_knows_its_closest_counterpart(rt_vs_ms: Comparison) -> None:
    c = rt_vs_ms
    threshold = load_relatedness().threshold
    for only, closest, other in ((c.only_a, c.closest_a, c.sentences_b),
                                 (c.only_b, c.closest_b, c.sentences_a)):
        assert [n.sentence for n in closest] == only
        for near in closest:
            assert near.other in other
            assert 0.0 <= near.score < threshold  # else it would have been linked
    data = c.to_json()
    assert data["closest"]["a"][0] == {
        "sentence": list(c.closest_a[0].sentence), "other": list(c.closest_a[0].other),
        "score": c.closest_a[0].score}
    assert {p["kind"] for p in data["pairs"]} <= {"same", "similar", "related"}
    json.dumps(data)


def test_kinds_are_counted(rt_vs_ms: Comparison) -> None:
    n = rt_vs_ms.counts()
    assert n["related"] > 0
    assert n["same"] + n["similar"] + n["related"] == len(rt_vs_ms.pairs)


def test_a_quote_cut_with_an_ellipsis_is_the_same_wording() -> None:
    a = ("Peskov said: “There is no dialogue, and it is impossible to discuss the topic of a "
         "peace treaty without dialogue,” adding that Moscow was open to talks.")
    b = ("“There is no dialogue … it is impossible to discuss the topic of a peace treaty "
         "without dialogue,” the Kremlin spokesman told reporters in Moscow on Friday.")
    [pair] = compare_texts(a, b).pairs
    assert pair.kind == "same"


def test_articles_on_different_events_share_next_to_nothing() -> None:
    a = ("A magnitude 6.1 earthquake struck Qeshm island on Sunday, killing ten people. "
         "Rescue teams reached the villages by nightfall. The island is home to 120,000 "
         "people.")
    b = ("The central bank raised interest rates by half a point on Thursday. Markets fell "
         "sharply after the announcement. Analysts expect a further rise before the summer.")
    c = compare_texts(a, b)
    assert not c.pairs and len(c.only_a) == 3 and len(c.only_b) == 3


@pytest.mark.parametrize(("a", "b"), [
    ("", ""),
    ("", "One sentence on one side only."),
    ("   \n\n  ", "Japan and Russia never signed a peace treaty."),
    ("Japan and Russia never signed a peace treaty.", "Moscow and Tokyo have no peace deal."),
    ("!!! ??? …", "— • —"),
])
def test_empty_and_tiny_articles_give_a_plain_result(a: str, b: str) -> None:
    c = compare_texts(a, b)
    assert len(c.only_a) + sum(1 for p in c.pairs) >= len(c.sentences_a) > -1
    assert len(c.closest_a) == len(c.only_a) and len(c.closest_b) == len(c.only_b)
    for near in c.closest_a + c.closest_b:
        assert near.other is None or near.score >= 0.0
    json.dumps(c.to_json())


def test_an_article_compared_with_itself_is_the_same_wording_throughout(
    rt_vs_ms: Comparison,
) -> None:
    text = rt_vs_ms.a_text
    c = compare_texts(text, text)
    assert c.pairs and all(p.kind == "same" for p in c.pairs)
    assert not c.only_a and not c.only_b
    assert c.coverage_a == pytest.approx(1.0) and c.coverage_b == pytest.approx(1.0)


def test_a_non_english_article_compares_without_error(rt_vs_ms: Comparison) -> None:
    german = ("Russland begrüßt die Absicht Japans, einen Friedensvertrag zu unterzeichnen. "
              "Der Kreml-Sprecher Dmitri Peskow sagte, der Dialog sei praktisch auf null "
              "gesunken. Japan und Russland haben nach dem Zweiten Weltkrieg nie einen "
              "Friedensvertrag unterzeichnet.")
    c = compare_texts(rt_vs_ms.a_text, german)
    assert len(c.sentences_b) == 3
    assert not [p for p in c.pairs if p.kind != "related"]
    assert c.framing["b"] == []
    json.dumps(c.to_json())


def test_without_vectors_or_model_the_comparison_still_works(monkeypatch, rt_vs_ms) -> None:
    import reader.compare.align as align
    import reader.compare.relate as relate

    # A model without its vectors would guess: paraphrases only, and still the closest.
    monkeypatch.setattr(relate, "load_vectors", lambda: None)
    monkeypatch.setattr(align, "load_vectors", lambda: None)
    lexical = compare_texts(rt_vs_ms.a_text, rt_vs_ms.b_text)
    assert {p.kind for p in lexical.pairs} <= {"same", "similar"}
    assert len(lexical.closest_a) == len(lexical.only_a) > 0
    monkeypatch.undo()
    monkeypatch.setattr(align, "load_relatedness", lambda: None)
    strict = compare_texts(rt_vs_ms.a_text, rt_vs_ms.b_text)
    assert {p.kind for p in strict.pairs} <= {"same", "similar"}
    assert len(strict.closest_a) == len(strict.only_a)


def test_vectors_load_lazily_and_know_news_words() -> None:
    vectors = load_vectors()
    assert vectors is not None and vectors.dims == 100
    import numpy as np

    def cos(x: str, y: str) -> float:
        return float(np.dot(vectors.matrix[vectors.index[x]], vectors.matrix[vectors.index[y]]))

    assert cos("treaty", "agreement") > cos("treaty", "football")
    assert cos("quake", "earthquake") > 0.5
