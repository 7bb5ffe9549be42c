"""The story view's links come out as the pairwise comparison would give them, only sooner."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import pytest

from reader.compare import align as align_module
from reader.compare.align import align
from reader.compare.features import profile
from reader.compare.paraphrase import load_model
from reader.compare.sentences import split_sentences
from reader.library import Library
from reader.story_facts import forget_pairs


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def _one_event(shared_dir: Path, size: int = 4) -> list[str]:
    bodies: dict[str, list[str]] = {}
    with open(shared_dir / "eval-dev" / "newswcl50.jsonl", encoding="utf-8") as fh:
        for line in fh:
            article = json.loads(line)
            bodies.setdefault(article["cluster_id"], []).append(article["body"])
    return next(iter(bodies.values()))[:size]


def test_links_only_alignment_keeps_every_link(shared_dir: Path) -> None:
    """`nearest=False` skips the classifier where it cannot change a link: same links."""
    model = load_model()
    for a, b in combinations(_one_event(shared_dir, 3), 2):
        sa, sb = _sentences(a), _sentences(b)
        full = align(sa, sb, model)
        quick = align(sa, sb, model, profiles=([profile(s) for s in sa],
                                               [profile(s) for s in sb]), nearest=False)
        assert quick.matches == full.matches
        assert any(m.kind == "related" for m in full.matches)  # the pruned path is exercised
        assert quick.closest_a == {} and full.closest_a


def test_story_facts_equal_the_pairwise_comparison(
    seeded_library: Library, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The story view shares each article's sentence profiles across its pairs and scores only
    the pairs that could link: its rows are those of comparing every pair in full."""
    seeded_library.update_stories()
    stories = seeded_library.stories()
    forget_pairs()
    quick = [seeded_library.story_facts(s.id).to_json() for s in stories]

    def pairwise(a, b, model, *, profiles=None, nearest=True, **kwargs):
        return align(a, b, model, **kwargs)

    forget_pairs()
    monkeypatch.setattr(align_module, "align", pairwise)
    assert [seeded_library.story_facts(s.id).to_json() for s in stories] == quick


def test_a_story_opened_again_aligns_no_pair_again(
    seeded_library: Library, monkeypatch: pytest.MonkeyPatch,
) -> None:
    seeded_library.update_stories()
    story = seeded_library.stories()[0]
    forget_pairs()
    first = seeded_library.story_facts(story.id).to_json()
    calls = []

    def counted(*args, **kwargs):
        calls.append(args)
        return align(*args, **kwargs)

    monkeypatch.setattr(align_module, "align", counted)
    assert seeded_library.story_facts(story.id).to_json() == first
    assert calls == []
    # An edited text is another text: its pairs are aligned afresh.
    bodies = seeded_library.bodies

    def edited(ids):
        texts = bodies(ids)
        texts[story.articles[0]] += " Tokyo declined to comment."
        return texts

    monkeypatch.setattr(seeded_library, "bodies", edited)
    seeded_library.story_facts(story.id)
    assert len(calls) == len(story.articles) - 1
