"""Saved web pages to article text, with trafilatura, never touching the network.

The page's own metadata (title, site name, date, author, canonical URL) comes along so the
cleaner does not have to guess what the HTML already says.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.models import PubDate


@dataclass
class ExtractedPage:
    text: str
    title: str | None
    outlet: str | None
    published: PubDate | None
    author: str | None
    url: str | None


def extract(html: str) -> ExtractedPage:
    """The main text of a saved page; ValueError (with a user-facing reason) if there is none."""
    import trafilatura  # imported here: it pulls in lxml and friends, not needed at start-up

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
        # A saved page carries its date in metadata; don't let htmldate guess from the text.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    assert not isinstance(doc, dict)  # only with as_dict=True
    text = (doc.text if doc is not None else "") or ""
    if doc is None or not text.strip():
        raise ValueError("no article text found in the page (is it an article page?)")
    published = None
    if doc.date:
        try:
            published = PubDate.parse(doc.date)
        except ValueError:
            published = None
    # trafilatura separates paragraphs with single newlines; the cleaner expects blank lines.
    text = "\n\n".join(p.strip() for p in text.split("\n") if p.strip())
    return ExtractedPage(
        text=text,
        title=doc.title or None,
        outlet=doc.sitename or None,
        published=published,
        author=doc.author or None,
        url=doc.url or None,
    )
