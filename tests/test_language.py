"""Each article's language: detected at import, kept in the store, searchable with `lang:`, and
no entities or dates guessed for languages without a model."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.analysis import analyze_text
from reader.language import detect_language, is_analysed, not_analysed_message
from reader.library import Library

FOREIGN = {
    "de": "Die Bundesregierung in Berlin hat am Mittwoch beschlossen, die Steuern zu senken. "
    "Bundeskanzler Friedrich Merz sagte, damit Sie mehr Geld haben, werde Deutschland handeln.",
    "es": "El presidente del Gobierno, Pedro Sánchez, anunció ayer en Madrid nuevas medidas "
    "económicas para las familias. La oposición del Partido Popular las criticó.",
    "ru": "Президент России Владимир Путин заявил в среду в Москве, что переговоры с "
    "Украиной продолжатся. Министр иностранных дел Сергей Лавров поддержал его.",
    "ja": "東京都の小池百合子知事は水曜日、新しい防災政策を発表した。岸田文雄首相も"
    "記者会見で支持を表明し、政府は来年度予算に関連費用を盛り込む方針だ。",
}
ENGLISH = (
    "Prime Minister Keir Starmer met President Emmanuel Macron in Paris on Wednesday. "
    "Starmer said Britain and France would work together on migration."
)


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_languages_are_told_apart(code: str) -> None:
    assert detect_language(FOREIGN[code]) == code
    assert not is_analysed(code)


def test_english_is_analysed_and_short_text_is_unknown() -> None:
    assert detect_language(ENGLISH) == "en"
    assert detect_language("OK") == ""
    assert is_analysed("en") and is_analysed("")


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_no_entity_or_date_is_guessed_in_other_languages(code: str) -> None:
    assert analyze_text(FOREIGN[code]) == {"entities": [], "dates": []}


def test_english_text_still_gets_entities() -> None:
    names = {e["text"] for e in analyze_text(ENGLISH)["entities"]}
    assert {"Keir Starmer", "Paris"} <= names


def test_panel_message_names_the_language() -> None:
    assert not_analysed_message("de") == (
        "Entities are not analysed for German articles: no German model is installed."
    )


def _library_with_articles(tmp_path: Path) -> Library:
    src = tmp_path / "src"
    src.mkdir()
    (src / "de.txt").write_text(f"Steuern sinken\n\n{FOREIGN['de']}\n", encoding="utf-8")
    (src / "en.txt").write_text(f"Leaders meet\n\n{ENGLISH}\n", encoding="utf-8")
    library = Library(tmp_path / "lib")
    report = library.import_paths([src])
    assert len(report.imported) == 2
    return library


def _found(library: Library, query: str) -> list[int]:
    return [hit.id for hit in library.search(query).hits]


def test_language_is_stored_shown_and_searchable(tmp_path: Path) -> None:
    with _library_with_articles(tmp_path) as library:
        ids = {row.title: row.id for row in library.rows()}
        german = ids["Steuern sinken"]
        assert library.get(german).lang == "de"
        assert library.get(german).to_json()["lang"] == "de"
        assert not library.entities_analysed(german)
        assert library.entities_analysed(ids["Leaders meet"])
        assert _found(library, "lang:de") == [german]
        assert _found(library, "lang:german") == [german]
        assert _found(library, "lang:en") == [ids["Leaders meet"]]


def test_analysis_leaves_other_languages_out_of_entity_lists(tmp_path: Path) -> None:
    with _library_with_articles(tmp_path) as library:
        library.analyze_pending()
        names = {e.name for e in library.entity_summaries(limit=None)}
        assert "Keir Starmer" in names
        assert not names & {"Friedrich Merz", "Damit Sie", "Berlin", "Deutschland"}


def test_a_library_from_before_languages_gets_them_on_open(tmp_path: Path) -> None:
    _library_with_articles(tmp_path).close()
    db = sqlite3.connect(tmp_path / "lib" / Library.STORE_FILE)
    db.execute("UPDATE articles SET lang = NULL")  # as the version 3 migration leaves them
    db.execute("DELETE FROM meta WHERE key = 'languages_filled'")
    db.commit()
    db.close()
    with Library(tmp_path / "lib") as library:
        langs = sorted(library.get(row.id).lang or "" for row in library.rows())
        assert langs == ["de", "en"]
        assert len(_found(library, "lang:de")) == 1


def test_a_comparison_with_an_article_in_another_language_has_no_entity_contrast(tmp_path):
    with _library_with_articles(tmp_path) as library:
        library.analyze_pending()
        ids = {row.title: row.id for row in library.rows()}
        comparison = library.compare_articles(ids["Leaders meet"], ids["Steuern sinken"])
        assert comparison.entities_only_a == [] and comparison.entities_only_b == []
        assert comparison.shared_entities == []
