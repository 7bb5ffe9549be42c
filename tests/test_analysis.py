"""The analysis API the command line and the background workers call."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

from reader.analysis import analyze_many, analyze_text

TEXTS = [
    "Kremlin spokesman Dmitry Peskov said on Friday that Moscow welcomes the talks.",
    "Japanese Prime Minister Sanae Takaichi told parliament in Tokyo that Takaichi's aim holds.",
    "",
    "Nothing named here at all.",
    "The 1951 San Francisco Peace Treaty did not settle the Kuril Islands dispute.",
]


def test_analyze_text_gives_entities_and_dates():
    result = analyze_text(TEXTS[0], dt.date(2025, 10, 24))
    assert set(result) == {"entities", "dates"}
    assert isinstance(result["dates"], list)
    names = {(e["text"], e["label"], e["canonical"]) for e in result["entities"]}
    assert ("Dmitry Peskov", "PERSON", "Dmitry Peskov") in names
    for e in result["entities"]:
        assert TEXTS[0][e["start"] : e["end"]] == e["text"]


def test_analyze_many_keeps_order_and_matches_analyze_text():
    items = [(f"id{i}", text, None) for i, text in enumerate(TEXTS)]
    results = list(analyze_many(items, batch_size=2))
    assert [key for key, _ in results] == [key for key, _, _ in items]
    for (_, text, _), (_, result) in zip(items, results, strict=True):
        assert result["entities"] == analyze_text(text)["entities"]
    assert results[2][1]["entities"] == []


def test_two_processes_give_the_same_results():
    items = [(i, text, dt.date(2025, 1, 1)) for i, text in enumerate(TEXTS)]
    one = list(analyze_many(items, n_process=1, batch_size=2))
    two = list(analyze_many(items, n_process=2, batch_size=2))
    assert one == two


def test_importing_the_api_does_not_load_spacy():
    code = "import sys, reader.analysis, reader.entities; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_country_ending_the_text_stays_inside_it():
    # A three-word look-ahead at the last word once made a span past the end of the text, and
    # the analysis of a whole library stopped at that article.
    import spacy

    from reader.entities.document import _countries

    doc = spacy.blank("en")("liners for outlets in the Southeastern U.S.")
    words = [t.text for t in doc]
    found = _countries(doc, words, [])
    assert [(c.start, c.end) for c in found] == [(len(doc) - 1, len(doc))]


def test_one_article_the_rules_fail_on_does_not_stop_the_rest(monkeypatch):
    import reader.analysis as analysis

    real = analysis._result

    def fails_on_bad(text, published, doc):
        if "BAD" in text:
            raise IndexError("a rule went past the end")
        return real(text, published, doc)

    monkeypatch.setattr(analysis, "_result", fails_on_bad)
    items = [(1, "Peskov spoke in Moscow.", None), (2, "BAD article.", None),
             (3, "Takaichi spoke in Tokyo.", None)]
    results = dict(analyze_many(items))
    assert results[2] == {"entities": [], "dates": [], "failed": True}
    assert any(e["text"] == "Tokyo" for e in results[3]["entities"])
