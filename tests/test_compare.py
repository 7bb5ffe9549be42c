"""The comparison core on the seeds: what a user sees in the side-by-side view and in
`reader compare --json`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.compare import Comparison, compare_texts
from reader.compare.batch import compare_batch_line, is_paraphrase
from reader.compare.paraphrase import load_model
from reader.compare.sentences import split_sentences

try:
    from reader.cleaning import clean_article
except ImportError:  # the cleaner is optional here: fall back to the known article paragraphs
    clean_article = None

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
QUOTED_AIM = "to resolve the territorial issue and conclude a peace treaty"


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _between(text: str, first: str, stop: str) -> str:
    return text[text.index(first) : text.index(stop)].strip()


def _body(prefix: str, first: str, stop: str) -> str:
    raw = _seed(prefix)
    return clean_article(raw).body if clean_article else _between(raw, first, stop)


@pytest.fixture(scope="module")
def rt_vs_morning_star() -> Comparison:
    rt = _body("003", "Russia and Japan are not holding", "Please check our")
    ms = _body("004", "JAPAN’S far-right", "The 95th")
    return compare_texts(rt, ms)


def _pairs_with(c: Comparison, needle: str) -> list:
    return [p for p in c.pairs if needle in c.a_text[p.a[0] : p.a[1]]
            and needle in c.b_text[p.b[0] : p.b[1]]]


def test_the_quoted_aim_is_aligned(rt_vs_morning_star: Comparison) -> None:
    assert _pairs_with(rt_vs_morning_star, QUOTED_AIM)


def test_the_march_2022_suspension_is_aligned(rt_vs_morning_star: Comparison) -> None:
    [pair] = _pairs_with(rt_vs_morning_star, "March 2022")
    b_sentence = rt_vs_morning_star.b_text[pair.b[0] : pair.b[1]]
    assert "suspending the peace treaty negotiations" in b_sentence


def test_framing_terms_name_the_war_each_sides_way(rt_vs_morning_star: Comparison) -> None:
    framing = rt_vs_morning_star.framing
    assert "Ukraine conflict" in framing["a"]
    assert any("invasion" in term.lower() for term in framing["b"])
    assert not any("invasion" in term.lower() for term in framing["a"])


def test_unrelated_sentences_stay_one_sided(rt_vs_morning_star: Comparison) -> None:
    c = rt_vs_morning_star
    only_a = [c.a_text[s:e] for s, e in c.only_a]
    only_b = [c.b_text[s:e] for s, e in c.only_b]
    assert any("Tokyo has also provided Kiev" in s for s in only_a)
    assert any("went on to slam Russia" in s for s in only_b)
    assert 0 < c.coverage_a < 1 and 0 < c.coverage_b < 1


def test_offsets_slice_back_to_whole_sentences(rt_vs_morning_star: Comparison) -> None:
    c = rt_vs_morning_star
    for text, sentences, spans in (
        (c.a_text, c.sentences_a, [p.a for p in c.pairs] + c.only_a + c.repeated_a),
        (c.b_text, c.sentences_b, [p.b for p in c.pairs] + c.only_b + c.repeated_b),
    ):
        starts = {s for s, _ in sentences}
        ends = {e for _, e in sentences}
        for start, end in spans:
            # A span runs from a sentence's first character to a sentence's last.
            assert start in starts and end in ends
            assert text[start:end] == text[start:end].strip()
        # Every sentence is accounted for: in one or more pairs, or else exactly once as
        # one-sided or a repeat.
        paired = {i for i, (s, e) in enumerate(sentences)
                  for start, end in spans[: len(c.pairs)] if start <= s and e <= end}
        alone = sorted(i for i, (s, e) in enumerate(sentences)
                       for start, end in spans[len(c.pairs):] if start <= s and e <= end)
        assert not paired & set(alone)
        assert sorted(paired | set(alone)) == list(range(len(sentences)))
        assert len(alone) == len(set(alone))


def test_a_pasted_twice_paragraph_is_aligned_once() -> None:
    raw = _between(_seed("001"), "(MENAFN)", "Legal Disclaimer")
    once = _body("001", "(MENAFN)", "Legal Disclaimer")
    c = compare_texts(raw, once)
    used_a = [i for p in c.pairs for i in p.a_sentences]
    used_b = [j for p in c.pairs for j in p.b_sentences]
    assert len(used_a) == len(set(used_a)) and len(used_b) == len(set(used_b))
    peskov = "Peskov criticized Japan for supporting Western sanctions"
    assert len([p for p in c.pairs if peskov in c.a_text[p.a[0] : p.a[1]]]) == 1
    assert any(peskov in c.a_text[s:e] for s, e in c.repeated_a)
    assert all(p.kind == "same" for p in c.pairs)


def test_against_another_outlet_each_sentence_paraphrases_at_most_once() -> None:
    menafn = _between(_seed("001"), "(MENAFN)", "Legal Disclaimer")
    rt = _body("000", "The Kremlin welcomes", "Category Asia")
    c = compare_texts(menafn, rt)
    strict = [p for p in c.pairs if p.kind != "related"]
    used_a = [i for p in strict for i in p.a_sentences]
    used_b = [j for p in strict for j in p.b_sentences]
    assert len(used_a) == len(set(used_a)) and len(used_b) == len(set(used_b))
    # Related links come on top, each a sentence's best (or close second) counterpart.
    assert {p.kind for p in c.pairs} <= {"same", "similar", "related"}


def test_a_long_sentence_matches_two_short_ones() -> None:
    a = ("The finance minister resigned on Tuesday after a corruption inquiry, and the prime "
         "minister named her deputy, Ana Ruiz, as her successor.")
    b = ("The finance minister resigned on Tuesday after a corruption inquiry. "
         "The prime minister named her deputy, Ana Ruiz, as her successor.")
    c = compare_texts(a, b)
    [pair] = c.pairs
    assert pair.b == (0, len(b)) and len(pair.b_sentences) == 2


def test_order_does_not_matter() -> None:
    a = ("Floods closed the main road into the city on Monday. "
         "The mayor said schools would stay shut until Thursday.")
    b = ("Schools will stay shut until Thursday, the mayor said. "
         "Floods closed the main road into the city on Monday.")
    c = compare_texts(a, b)
    assert len(c.pairs) == 2 and not c.only_a and not c.only_b


def test_batch_line_answers_in_the_documented_shape() -> None:
    same = compare_batch_line({"id": "p1", "a": "Shares of Acme rose 5% on Monday.",
                               "b": "Shares of Acme rose 5% on Monday."})
    assert same["id"] == "p1"
    assert {"pairs", "only_a", "only_b", "shared_entities", "framing", "a_text", "b_text"} <= set(
        same
    )
    assert same["pairs"][0]["kind"] == "same" and same["pairs"][0]["a"] == [0, 33]
    assert is_paraphrase(same)
    other = compare_batch_line({"id": 2, "a": "Shares of Acme rose 5% on Monday.",
                                "b": "The storm left 30,000 homes without power."})
    assert not is_paraphrase(other) and other["only_a"] == [[0, 33]]


def test_the_shipped_classifier_tells_paraphrases_from_different_facts() -> None:
    model = load_model()
    assert model.is_paraphrase(
        "The company said profits rose 10 percent in the third quarter.",
        "Profits rose 10 percent in the third quarter, the company said.",
    )
    assert not model.is_paraphrase(
        "The company said profits rose 10 percent in the third quarter.",
        "The company said it would cut 2,000 jobs in Europe next year.",
    )


def test_quotes_carry_offsets_and_speakers(rt_vs_morning_star: Comparison) -> None:
    c = rt_vs_morning_star
    for quotes, text in ((c.quotes_a, c.a_text), (c.quotes_b, c.b_text)):
        for q in quotes:
            assert text[q.start : q.end] == q.text
    assert any(q.speaker == "Dmitry Peskov" and q.text.startswith("There is no dialogue")
               for q in c.quotes_a)
    assert any(QUOTED_AIM in q.text for q in c.quotes_b)


def test_sentences_keep_abbreviations_and_quotes_together() -> None:
    text = "Mr. Smith met U.S. officials. “It went well,” he said. Then he left.\n\nNext one"
    pieces = [text[s:e] for s, e in split_sentences(text)]
    assert pieces == [
        "Mr. Smith met U.S. officials.", "“It went well,” he said.", "Then he left.", "Next one"
    ]
    assert re.fullmatch(r"\S.*\S", pieces[0])


def test_framing_is_judged_against_the_library() -> None:
    class WarLibrary:
        """A library where every article says "invasion": it frames nothing there."""

        def doc_count(self) -> int:
            return 1000

        def df(self, term: str) -> int:
            return 1000 if term == "invasion" else 5

    rt = _body("003", "Russia and Japan are not holding", "Please check our")
    ms = _body("004", "JAPAN’S far-right", "The 95th")
    framing = compare_texts(rt, ms, background=WarLibrary()).framing
    assert not any(term.lower() == "invasion" for term in framing["b"])


def test_entities_from_the_entity_layer_are_split_into_shared_and_one_sided() -> None:
    a, b = "Peskov spoke in Moscow.", "Takaichi spoke to Peskov."
    c = compare_texts(
        a, b,
        entities_a=[(0, 6, "PERSON", "Dmitry Peskov"), (16, 22, "GPE", "Moscow")],
        entities_b=[(0, 8, "PERSON", "Sanae Takaichi"), (18, 24, "PERSON", "Dmitry Peskov")],
    )
    data = c.to_json()
    assert data["shared_entities"] == ["Dmitry Peskov"]
    assert data["entities_only_a"] == ["Moscow"] and data["entities_only_b"] == ["Sanae Takaichi"]


def test_clicking_a_sentence_finds_its_counterpart(rt_vs_morning_star: Comparison) -> None:
    c = rt_vs_morning_star
    offset = c.a_text.index(QUOTED_AIM)
    pair = c.counterpart("a", offset)
    assert pair is not None and QUOTED_AIM in c.b_text[pair.b[0] : pair.b[1]]
    assert c.counterpart("b", c.b_text.index("went on to slam Russia")) is None


def test_every_sentence_knows_its_pair(rt_vs_morning_star: Comparison) -> None:
    c = rt_vs_morning_star
    links = c.sentence_links("b")
    assert len(links) == len(c.sentences_b)
    assert sorted(k for ks in links for k in ks) == sorted(
        k for k, p in enumerate(c.pairs) for _ in p.b_sentences
    )
    # A sentence stands for its strongest pair: same before similar before related.
    order = ("same", "similar", "related")
    for ks, mark in zip(links, c.sentence_pairs("b"), strict=True):
        assert mark == (ks[0] if ks else None)
        assert [order.index(c.pairs[k].kind) for k in ks] == sorted(
            order.index(c.pairs[k].kind) for k in ks)
    counts = c.counts()
    assert counts["same"] + counts["similar"] + counts["related"] == len(c.pairs)
