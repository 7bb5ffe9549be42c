"""A page's headline and its site's name, from what the page declares (issue 12)."""

from __future__ import annotations

from reader.htmltext import extract
from reader.page_names import clean_site_name, host_of, is_site_like, site_keys, split_title

PARAGRAPH = (
    "<p>The city council voted on Tuesday to close the old harbour bridge to cars from May, "
    "after engineers found cracks in two of its piers during a routine inspection.</p>"
)


def test_the_host_of_an_address_and_of_a_page_the_archive_kept() -> None:
    assert host_of("https://www.arteradio.com/son/1/x") == "arteradio.com"
    assert host_of("https://web.archive.org/web/2014/http://www.time4talks.com/a") == (
        "time4talks.com")
    assert host_of("Time 4 talks") is None and host_of(None) is None


def test_a_title_piece_written_like_the_address_is_the_site() -> None:
    keys = site_keys("rosalux.de", [])
    assert is_site_like("Rosa-Luxemburg-Stiftung", keys)
    parco = site_keys("parcoabruzzo.it", [])
    assert is_site_like("Parco Nazionale d'Abruzzo, Lazio e Molise", parco)
    assert is_site_like("Bächli-Bergsport", site_keys("baechli-bergsport.ch", []))
    assert is_site_like("St.Galler Tagblatt", site_keys("tagblatt.ch", []))
    # A headline that names the site, or a word that shares a few letters, is not the site.
    keys = site_keys("bunterepublik.wordpress.com", ["Spiel-Talstraße"])
    assert not is_site_like("Keine Spiel-Talstraße zur Bunten Republik Neustadt", keys)
    assert not is_site_like("Emden", site_keys("reisen-mit-dem-internet.de", []))


def test_site_and_section_pieces_are_cut_from_either_end_of_a_title() -> None:
    assert split_title("La voix des nuls | ARTE Radio", site_keys("arteradio.com", [])) == (
        "La voix des nuls", "ARTE Radio")
    keys = site_keys("time4talks.com", [])
    assert split_title("Time 4 talks » Blog Archiv » Weitere Digitalisierung der Kinos", keys) == (
        "Weitere Digitalisierung der Kinos", "Time 4 talks")
    # A dash inside the headline stays.
    keys = site_keys("slf.ch", [])
    assert split_title("Wochenbericht 14. - 20. Januar 2022 - SLF", keys)[0] == (
        "Wochenbericht 14. - 20. Januar 2022")


def test_a_declared_site_name_without_its_tagline_or_a_headline_in_its_place() -> None:
    keys = site_keys("mluk.brandenburg.de", [])
    assert clean_site_name("Land zahlte 1,4 Millionen Euro | MLUK", keys, []) == "MLUK"
    assert clean_site_name("BUND - BUND für Naturschutz und Umwelt", [], []) == "BUND"
    assert clean_site_name("https://www.facebook.com/DERFARANG/", [], []) is None
    headline = "Crocs: Wie die Schuhbrand mit mutigen Releases Rekordumsätze macht"
    assert clean_site_name(headline, site_keys("omr.com", []), [headline]) is None


def test_a_page_without_og_tags_is_named_from_its_title_and_address() -> None:
    html = (
        "<html><head><title>Time 4 talks » Blog Archiv » Weitere Digitalisierung der Kinos"
        "</title></head><body><h1>Time 4 talks</h1><article><h2>Weitere Digitalisierung der "
        f"Kinos</h2>{PARAGRAPH * 3}</article></body></html>"
    )
    page = extract(html, "https://web.archive.org/web/2014/http://www.time4talks.com/2014/02/x")
    assert page.title == "Weitere Digitalisierung der Kinos"
    assert page.outlet == "Time 4 talks"
    # With nothing but the address, the address names the site.
    html = html.replace("Time 4 talks » Blog Archiv » ", "").replace("<h1>Time 4 talks</h1>", "")
    assert extract(html, "https://www.example-news.org/a").outlet == "example-news.org"


def test_a_heading_that_opens_a_longer_title_is_the_headline() -> None:
    html = (
        '<html><head><meta property="og:title" content="Winda w chmurach / Obyczaje / '
        'dwutygodnik.com"></head><body><h1>Dwutygodnik - strona kultury</h1><article>'
        f"<h1>Winda w chmurach</h1>{PARAGRAPH * 3}</article></body></html>"
    )
    page = extract(html, "https://www.dwutygodnik.com/artykul/9491.html")
    assert page.title == "Winda w chmurach"
