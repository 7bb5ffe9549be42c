"""Faithful extraction of web pages: nothing of the story lost silently, honest metadata."""

from __future__ import annotations

from webserver import PARAGRAPHS, article_page

from reader.htmltext import extract


def test_the_story_is_kept_and_navigation_is_not() -> None:
    page = extract(article_page())
    for paragraph in PARAGRAPHS:
        assert paragraph in page.text
    assert "Privacy policy" not in page.text
    assert "Ten things to do this weekend" not in page.text


def test_a_generator_or_site_name_is_never_the_title() -> None:
    page = extract(article_page(title="Council closes harbour bridge", generator="escenic"))
    assert page.title == "Council closes harbour bridge"
    # Without og:title, the <title> is the generator: the headline comes from the page.
    html = article_page(title="Talks resume in Geneva").replace(
        '<meta property="og:title" content="Talks resume in Geneva">', "")
    assert extract(html).title == "Talks resume in Geneva"
    html = article_page(title="Talks resume in Geneva", site="Time 4 talks",
                        generator="Time 4 talks").replace(
        '<meta property="og:title" content="Talks resume in Geneva">', "")
    page = extract(html)
    assert page.title == "Talks resume in Geneva" and page.outlet == "Time 4 talks"


def test_a_tagline_is_not_the_outlet_and_junk_authors_are_dropped() -> None:
    page = extract(article_page(site="Harbour Gazette | News you can trust since 1901",
                                author="No Author"))
    assert page.outlet == "Harbour Gazette"
    assert page.author is None
    assert extract(article_page(author="CBS News February")).author == "CBS News"


def test_prose_the_extractor_leaves_out_is_kept_aside_with_its_reason() -> None:
    hidden = ("The committee will publish its full findings in the autumn, together with the "
              "engineers' recommendations for the other bridges of the city.")
    html = article_page().replace(
        "<footer>", f'<div class="sidebar-widget"><p>{hidden}</p></div><footer>')
    page = extract(html)
    everything = page.text + " ".join(r.text for r in page.removed)
    assert hidden in everything
    for piece in page.removed:
        assert piece.reason  # every piece says why it was set aside
    placed = page.removed_in(page.text)
    assert all(0 <= r.position <= len(page.text) for r in placed)


def test_related_articles_and_credit_lines_are_set_aside() -> None:
    extra = ("<p>Photo: Lena Holm</p><h2>Related stories</h2>"
             "<p>Ferry timetable changes for the summer season announced by the port.</p>")
    page = extract(article_page().replace("</article>", extra + "</article>"))
    assert "Photo: Lena Holm" not in page.text
    assert "Ferry timetable" not in page.text
    reasons = {r.reason for r in page.removed}
    assert reasons & {"teaser or credit line", "related articles",
                      "prose the extractor left out", "short line outside the article"}


def test_the_site_name_is_cut_from_the_end_of_a_title() -> None:
    html = article_page(title="Enterprise 2.0 | HR Innovation", site="HR Innovation")
    assert extract(html).title == "Enterprise 2.0"


def test_a_saved_html_file_keeps_what_extraction_set_aside(tmp_path) -> None:
    from reader.library import Library

    hidden = ("The committee will publish its full findings in the autumn, together with the "
              "engineers' recommendations for the other bridges of the city.")
    page = tmp_path / "saved.html"
    page.write_text(article_page().replace(
        "<footer>", f'<div class="sidebar-widget"><p>{hidden}</p></div><footer>'))
    with Library(tmp_path / "lib") as library:
        article = library.get(library.import_paths([page]).imported[0][1])
    assert hidden in article.body + " ".join(r.text for r in article.removed)
    assert all(0 <= r.position <= len(article.body) for r in article.removed)


def test_a_leading_date_is_not_part_of_the_title() -> None:
    html = article_page(title="08.11.2021 | Online meeting on the harbour plan")
    assert extract(html).title == "Online meeting on the harbour plan"


def test_authors_that_are_the_site_or_a_web_address_are_dropped() -> None:
    assert extract(article_page(site="Eat What Tonight", author="Eat What Tonight")).author is None
    assert extract(article_page(author="Www Proplanta De")).author is None
    page = extract(article_page(site="PhillyVoice", author="Adam Aaronson PhillyVoice"))
    assert page.author == "Adam Aaronson"
    assert extract(article_page(site="02.11.2021")).outlet is None
    assert extract(article_page(site="PhillyVoice", author="Ann Lee PhillyVoice Staff")).author \
        == "Ann Lee"
    page = extract(article_page(site="The Haitian Times", author="The Haitian Times; J O Lee"))
    assert page.author == "J O Lee"
