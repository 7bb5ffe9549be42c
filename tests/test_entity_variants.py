"""General news, not only Reuters sports tables: junk spans the model makes on it are gone,
products keep their maker's name, and the many names of one entity end up as one entity."""

from __future__ import annotations

import pytest

from reader.entities import EntityResolver, group_entities, recognize


def _found(text: str) -> set[tuple[str, str]]:
    return {(m.text, m.label) for m in recognize(text)}


def _names(text: str) -> set[str]:
    return {m.text for m in recognize(text)}


def _canonical(text: str, written: str) -> str:
    return next(m.canonical for m in recognize(text) if m.text == written)


@pytest.mark.parametrize(
    ("text", "junk", "kept"),
    [
        ("Following Romney, the candidates spoke in Iowa.", "Following Romney", "Romney"),
        ("The vote is set for Wednedsay, Senator Chuck Grassley said.", "Wednedsay", None),
        ("Aides said Grassley's staff wrote it, Senator Chuck Grassley said.", "Grassley's",
         "Grassley"),
        ("Joe Arpaio, who calls himself America's Toughest Sheriff, was pardoned.",
         "Toughest Sheriff", "Joe Arpaio"),
        ("Trump mocked Lyin' Ted again at the rally in Texas.", "Lyin", "Texas"),
        ("West said the deal was off, and Russia agreed.", "West", "Russia"),
    ],
)  # fmt: skip
def test_junk_spans_from_general_news_are_dropped(text: str, junk: str, kept: str | None):
    names = _names(text)
    assert junk not in names
    assert not any(junk in n for n in names if n != kept)
    if kept:
        assert kept in names


def test_a_title_and_an_adjective_are_no_person():
    assert ("Toughest", "PERSON") not in _found("He was America's Toughest Sheriff for years.")
    assert ("John Major", "PERSON") in _found("Prime Minister John Major spoke in London.")


def test_a_maker_and_model_number_are_one_product():
    found = _found("China will buy 60 Boeing 787 Dreamliner aircraft and 20 Airbus A330-200 jets.")
    assert ("Boeing 787 Dreamliner", "PRODUCT") in found
    assert ("Airbus A330-200", "PRODUCT") in found
    assert not {("Boeing", "ORG"), ("Airbus", "ORG")} & found
    # Scores and phone numbers after a name are no model numbers.
    assert not any(label == "PRODUCT" for _, label in _found("Chelsea 2 Arsenal 1 on Sunday."))


def test_a_makers_name_before_its_machines_is_the_product():
    found = _found(
        "Aer Lingus buys twelve new long-haul Airbus jets. The plane has four Rolls-Royce "
        "Trent 900 engines. Airbus said so."
    )
    assert ("Airbus", "ORG") in found  # the company itself, where the text names it
    assert ("Airbus jets", "PRODUCT") in found
    assert ("Boeing 737s", "PRODUCT") in _found("Ryanair exercises options on five Boeing 737s")
    assert ("Rolls-Royce Trent 900", "PRODUCT") in found


def test_a_flight_number_is_not_part_of_the_airline():
    assert ("Air France", "ORG") in _found("Air France Flight 447 crashed into the Atlantic.")


def test_variants_within_an_article_take_the_full_name():
    text = (
        "Hillary Rodham Clinton spoke in Ohio. Hillary Clinton later met voters. "
        "Mexican President Enrique Peña Nieto arrived; Enrique Peña said little and Peña Nieto "
        "left. The tanker was built by Northrop Grumman. Singapore Airlines (SIA) bought it. "
        "Northrop said SIA paid in full. "
        "The U.S. Air Force chose the tanker, and the Air Force said so."
    )
    assert _canonical(text, "Hillary Clinton") == "Hillary Rodham Clinton"
    assert _canonical(text, "Enrique Peña") == "Enrique Peña Nieto"
    assert _canonical(text, "Peña Nieto") == "Enrique Peña Nieto"
    assert _canonical(text, "Northrop") == "Northrop Grumman"
    assert _canonical(text, "SIA") == "Singapore Airlines"
    assert _canonical(text, "Air Force") == "U.S. Air Force"


def test_library_joins_acronyms_legal_forms_and_plural_groups():
    groups = group_entities([
        ("USSR", "GPE"), ("Soviet Union", "GPE"), ("U.S.", "GPE"), ("United States", "GPE"),
        ("Flynn Intel Group LLC", "ORG"), ("Flynn Intel Group", "ORG"),
        ("Republican", "NORP"), ("Republicans", "NORP"), ("Swiss", "NORP"),
        ("USAF", "ORG"), ("US Air Force", "ORG"), ("Donald Trump", "PERSON"), ("Trump", "PERSON"),
    ])  # fmt: skip
    key = {pair: ent.key for pair, ent in groups.items()}
    assert key[("USSR", "GPE")] == key[("Soviet Union", "GPE")]
    assert key[("U.S.", "GPE")] == key[("United States", "GPE")]
    assert key[("Flynn Intel Group LLC", "ORG")] == key[("Flynn Intel Group", "ORG")]
    assert key[("Republican", "NORP")] == key[("Republicans", "NORP")]
    assert key[("USAF", "ORG")] == key[("US Air Force", "ORG")]
    assert key[("Trump", "PERSON")] == key[("Donald Trump", "PERSON")]
    assert groups[("USSR", "GPE")].canonical == "Soviet Union"


def test_two_kennedys_are_not_joined():
    text = (
        "Senator Robert Kennedy spoke in Dallas. His brother, President Kennedy, had been "
        "shot there."
    )
    assert _canonical(text, "Kennedy") == "Kennedy"
    text = "Robert F. Kennedy Jr. spoke about his uncle, President Kennedy."
    assert _canonical(text, "Kennedy") == "Kennedy"
    # A title the full name never had elsewhere is no obstacle on its own.
    assert _canonical("Donald Trump spoke. President Trump left.", "Trump") == "Donald Trump"


def test_the_users_merges_and_names_still_win():
    resolver = EntityResolver([("PLACE:soviet union", "The Soviets", "GPE")],
                              pinned=["PLACE:soviet union"])  # fmt: skip
    assert resolver.resolve("USSR", "GPE") == "PLACE:soviet union"
    assert resolver.entity("PLACE:soviet union").canonical == "The Soviets"


def test_events_by_their_kind_and_countries_the_model_missed():
    found = _found("He won the Hong Kong Open before the Paris Air Show. Belarus beat Lithuania.")
    assert ("Hong Kong Open", "EVENT") in found and ("Paris Air Show", "EVENT") in found
    assert {("Belarus", "GPE"), ("Lithuania", "GPE")} <= found
    # A place that is also a name stays the person's.
    assert ("Jordan", "PERSON") in _found("Eddie Jordan said his team would win. Jordan smiled.")


def test_a_one_word_name_without_a_first_name_is_not_a_person_when_the_model_doubts():
    text = (
        "Irish airline Ryanair said it would buy jets. Ryanair's chief spoke. Ryanair is "
        "profitable. Douglas Aircraft built the plane in Long Beach."
    )
    found = _found(text)
    assert ("Ryanair", "PERSON") not in found
    assert ("Douglas Aircraft", "ORG") in found


def test_a_role_before_a_full_name_makes_a_person():
    found = _found("Spokeswoman Sandy Angers said the plant would reopen.")
    assert ("Sandy Angers", "PERSON") in found


def test_common_nouns_after_a_name_are_not_part_of_it():
    names = _names("The Interfax news agency quoted officials in Moscow.")
    assert "Interfax" in names and "Interfax news agency" not in names


def test_a_family_name_written_first_stays_a_person():
    text = (
        "The detention of dissident Wang Donghai showed China's resolve. Wang's arrest "
        "came on Friday. Wang was held in Beijing."
    )
    assert {label for name, label in _found(text) if name == "Wang"} <= {"PERSON"}


def test_an_organisation_split_at_its_and_is_one_name_when_it_spells_its_acronym():
    text = (
        "Northrop Grumman and Airbus parent company European Aeronautic Defence and Space "
        "Company EADS N.V. (EADS) have won. Boeing and Lockheed Martin (LM) lost."
    )
    orgs = {m.text for m in recognize(text) if m.label == "ORG"}
    assert "European Aeronautic Defence and Space Company EADS N.V." in orgs
    assert "Boeing and Lockheed Martin" not in orgs  # "BLM" is no acronym the text uses


def test_a_company_written_with_its_acronym_and_legal_form_joins_its_short_forms():
    groups = group_entities([
        ("European Aeronautic Defence and Space Company EADS N.V.", "ORG"),
        ("European Aeronautic Defence & Space NV", "ORG"),
        ("Space Research Organisation", "ORG"),
        ("Space Research Organisation SRO", "ORG"),
        ("Bank of America", "ORG"),
        ("Bank of America BOX", "ORG"),  # not its acronym: kept apart
    ])  # fmt: skip
    keys = {name: g.key for (name, _), g in groups.items()}
    assert keys["European Aeronautic Defence and Space Company EADS N.V."] == keys[
        "European Aeronautic Defence & Space NV"
    ]
    assert keys["Space Research Organisation"] == keys["Space Research Organisation SRO"]
    assert keys["Bank of America"] != keys["Bank of America BOX"]


def test_a_name_after_a_model_designation_is_the_models():
    from reader.entities.products import named_models
    from reader.entities.rules import Cand
    from reader.nlp import get_nlp

    doc = get_nlp()("They ordered the new 787 Dreamliner and met Mr 5 Smith.")
    words = [t.text for t in doc]
    dream, smith = words.index("Dreamliner"), words.index("Smith")
    assert named_models(doc, words, Cand(dream, dream + 1, "PERSON")) == Cand(
        dream - 1, dream + 1, "PRODUCT"
    )
    assert named_models(doc, words, Cand(smith, smith + 1, "PERSON")).label == "PERSON"


def test_an_organisation_always_written_with_its_s_keeps_it():
    text = (
        "Boatmen's Bancshares Inc rose. Analysts said Boatmen's results were strong, and "
        "Boatmen's shares gained. Boeing's jets flew; Boeing said so."
    )
    orgs = {t for t, label in _found(text) if label == "ORG"}
    assert any(t.startswith("Boatmen's") for t in orgs)
    assert "Boeing's" not in orgs  # written bare too: the 's is a possessive


def test_the_first_word_of_an_organisations_name_is_that_organisation():
    text = (
        "Douglas & Lomason Co will be acquired by Magna International Inc for 150 million "
        "dollars. Magna was up 1/8 at the close. Analysts said Magna would gain."
    )
    labels = {t: label for t, label in _found(text)}
    assert labels.get("Magna") == "ORG"
    # A person's first name stays a person's, beside a company of that name.
    people = _found("Ford Motor Co said so. Henry Ford founded it; Ford was born in 1863.")
    assert ("Henry Ford", "PERSON") in people


def test_countries_and_groups_the_model_took_for_people():
    found = _found("Liechtenstein lost to Lithuania. A Briton and a Tajik were hurt.")
    labels = {t: label for t, label in found}
    assert labels.get("Liechtenstein") == "GPE"
    assert "PERSON" not in {labels.get("Briton"), labels.get("Tajik")}
    # Named after a country: a person, where the text gives the full name.
    assert ("Jordan", "PERSON") in _found("Michael Jordan scored 30. Jordan left.")


def test_an_acronym_defined_in_brackets_is_the_organisation_wherever_it_stands():
    text = (
        "Fighting broke out between the Kurdistan Democratic Party (KDP) and its rivals. "
        "KDP officials said the town had fallen. A U.N. official said the KDP held it."
    )
    found = _found(text)
    assert ("KDP", "ORG") in found
    assert not any(t == "KDP" and label != "ORG" for t, label in found)
