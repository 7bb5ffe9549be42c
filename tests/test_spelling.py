"""'Did you mean': the nearest word the library holds, in the case the user typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader import spelling
from reader.index import IndexDoc, SearchIndex

TEXTS = [
    "Prime Minister Ishiba met reporters in Tokyo.",
    "Chancellor Merkel spoke about the merle, a blackbird.",
    "The merle sings at dawn; a merle nests in the hedge.",
    "Another merle was seen near the harbour.",
    "Kremlin spokesman Peskov said talks would go on.",
]
NAMES = spelling.name_forms(["Shigeru Ishiba", "Angela Merkel", "Dmitry Peskov"])


@pytest.fixture
def index(tmp_path: Path) -> SearchIndex:
    ix = SearchIndex(tmp_path / "ix")
    ix.create("lib")
    ix.write([IndexDoc(i, None, "Outlet", None, t) for i, t in enumerate(TEXTS)], bulk=True)
    yield ix
    ix.close()


def test_the_users_case_is_kept(index: SearchIndex) -> None:
    assert index.suggest(["peskof"], NAMES) == {"peskof": "peskov"}
    assert index.suggest(["Peskof"], NAMES) == {"Peskof": "Peskov"}
    assert index.suggest(["PESKOF"], NAMES) == {"PESKOF": "PESKOV"}


def test_a_changed_first_letter_needs_a_known_name_to_be_suggested(index: SearchIndex) -> None:
    # "ishiba" is two edits and a first letter away from "kishida": not close enough for a
    # word typed in lower case, nor for an unknown one; "Ishiba", a name the library knows, is.
    assert index.suggest(["kishida"], NAMES) == {}
    assert index.suggest(["Kishida"], {}) == {}
    assert index.suggest(["Kishida"], NAMES) == {"Kishida": "Ishiba"}


def test_a_capitalised_word_prefers_a_name(index: SearchIndex) -> None:
    # "merle" (in three articles) and "merkel" (one) are both an edit from "merkle".
    assert index.suggest(["merkle"], NAMES) == {"merkle": "merle"}
    assert index.suggest(["Merkle"], NAMES) == {"Merkle": "Merkel"}


def test_words_found_or_far_from_everything_get_no_suggestion(index: SearchIndex) -> None:
    assert index.suggest(["harbour", "zzyzx", "qq"], NAMES) == {}


def test_each_segment_is_read_once_per_letter(index: SearchIndex, monkeypatch) -> None:
    reads = []
    original = spelling._segment_words
    monkeypatch.setattr(spelling, "_segment_words",
                        lambda leaf, letter: reads.append(letter) or original(leaf, letter))
    index.suggest(["peskof"], NAMES)  # the words under "p" and "e"
    index.suggest(["pesko"], NAMES)
    assert sorted(reads) == ["e", "p"]
    index.write([IndexDoc(99, None, "Outlet", None, "A heron by the harbour.")])
    index.suggest(["peskof"], NAMES)  # only the new segment is read
    assert sorted(reads) == ["e", "e", "p", "p"]


def test_a_large_library_does_not_suggest_a_word_of_one_article(
    index: SearchIndex, monkeypatch
) -> None:
    monkeypatch.setattr(spelling, "_LARGE", 3)  # this library counts as large
    # "merkel" is in one article only: "merle" (three) is suggested instead.
    assert index.suggest(["Merkle"], NAMES) == {"Merkle": "Merle"}
