"""Saved or fetched web pages to article text, with trafilatura, never touching the network.

Nothing of the main text disappears silently. trafilatura runs twice on one parsed page: a
careful pass (favor_precision) says which paragraphs surely belong to the article, a generous
pass (favor_recall) offers everything that might. Paragraphs only the generous pass found stay
when they read like prose; the rest, related-article sections, teaser and credit lines, and
prose the extractor left out altogether, go to the removed noise with their reason, so "Show
removed noise" can bring them back. The page's own metadata (og:, article:, JSON-LD, <time>,
htmldate) comes along; a generator's or site's name is never taken for the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.models import PubDate, Removed
from reader.page_names import clean_site_name, host_of, is_site_like, site_keys, split_title

# A paragraph only the generous pass found is kept when it is this long, or a sentence.
LONG_PARAGRAPH_WORDS = 12
SENTENCE_WORDS = 6
_SENTENCE_END = re.compile(r"[.!?…:\"”»)]$")
# "Read more: …", "Photo: …", "© …": a line pointing elsewhere or crediting a picture.
_LABELLED = re.compile(
    r"^\W*(lea también|vea también|lee también|read more|see also|related|lesen sie auch|"
    r"mehr zum thema|à lire aussi|lire aussi|leggi anche|ver también|crédits? photos?|"
    r"photo credits?|copyright|foto|bild|photo|fuente|quelle|©)\b", re.IGNORECASE)
_LABELLED_MAX_WORDS = 25
# The heading of a related-articles block: it and all after it are not the story.
_SECTION = re.compile(
    r"^\W*(notas relacionadas|noticias relacionadas|related (stories|articles|news)|"
    r"more (stories|news|from)|mehr themen|weitere artikel|weitere themen|top-themen|"
    r"das könnte sie auch interessieren|plus de sujets|à lire aussi|sur le même sujet|"
    r"you may also like|recommended|quellenangaben|most read|meistgelesen|lo más leído|"
    r"te puede interesar|también te puede interesar)\b", re.IGNORECASE)
_SECTION_MAX_WORDS = 8
_NOT_AUTHORS = {"no author", "unknown", "admin", "administrator", "staff", "redaktion"}
_MONTHS = re.compile(
    r"\s+(january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\b.*$", re.IGNORECASE)
LEFT_OUT_PROSE_WORDS = 12
# What follows a headline inside a longer title: " / Section", " -Author", " » Subtitle".
_TAIL_AFTER = re.compile(r"\s*[/|–—»•-]\s*\S")
# "08.11.2021 | Headline", "2021-11-08 – Headline": the date is metadata, not the headline.
_LEADING_DATE = re.compile(r"^\s*(\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}-\d{2}-\d{2})\s*[|–—:-]\s*")


@dataclass
class ExtractedPage:
    text: str
    title: str | None
    outlet: str | None
    published: PubDate | None
    author: str | None
    url: str | None
    # What extraction set aside, and why; `position` is the index of the kept paragraph it
    # stood before (-1: after the last). `removed_in` turns that into offsets in a body.
    removed: list[Removed] = field(default_factory=list)

    def removed_in(self, body: str) -> list[Removed]:
        """The set-aside pieces placed in `body` (the clean text), where they stood."""
        paragraphs = self.text.split("\n\n")
        placed = []
        for piece in self.removed:
            offset = len(body)
            if 0 <= piece.position < len(paragraphs):
                found = body.find(paragraphs[piece.position][:60])
                offset = found if found >= 0 else len(body)
            placed.append(Removed(piece.text, piece.reason, offset))
        return placed


def extract(html: str, url: str | None = None) -> ExtractedPage:
    """The main text of a page; ValueError (with a user-facing reason) if there is none.
    `url`, where the page came from, names its site when the page does not say."""
    import trafilatura  # imported here: it pulls in lxml and friends, not needed at start-up
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        raise ValueError("not a web page Reader can read (the HTML is empty or damaged)")
    careful = trafilatura.bare_extraction(
        tree, with_metadata=True, favor_precision=True, include_comments=False,
        include_tables=True, include_images=False, include_links=False,
        # A saved page carries its date in metadata; don't let htmldate guess from the text.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    generous = trafilatura.bare_extraction(
        tree, with_metadata=False, favor_recall=True, include_comments=False,
        include_tables=True, include_images=False, include_links=False,
    )
    assert not isinstance(careful, dict) and not isinstance(generous, dict)
    sure = _paragraphs((careful.text if careful is not None else "") or "")
    offered = _paragraphs((generous.text if generous is not None else "") or "") or sure
    if not offered:
        raise ValueError("no article text found in the page (is it an article page?)")
    kept, removed = _select(offered, set(sure))
    removed += _left_out(tree, kept + [r.text for r in removed])
    if not kept:
        raise ValueError("no article text found in the page (is it an article page?)")
    meta = careful
    published = None
    if meta is not None and meta.date:
        try:
            published = PubDate.parse(meta.date)
        except ValueError:
            published = None
    title, site = _title_and_site(tree, meta, url)
    return ExtractedPage(
        text="\n\n".join(kept),  # the cleaner expects blank lines between paragraphs
        title=title,
        outlet=site,
        published=published,
        author=_author(meta.author if meta is not None else None, site),
        url=(meta.url if meta is not None else None) or None,
        removed=removed,
    )


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def _reads_like_prose(paragraph: str) -> bool:
    words = len(paragraph.split())
    return words >= LONG_PARAGRAPH_WORDS or (
        words >= SENTENCE_WORDS and bool(_SENTENCE_END.search(paragraph)))


def _select(offered: list[str], sure: set[str]) -> tuple[list[str], list[Removed]]:
    """The paragraphs of the article, in page order, and those set aside with a reason."""
    kept: list[str] = []
    removed: list[Removed] = []
    for i, paragraph in enumerate(offered):
        words = len(paragraph.split())
        if (words <= _SECTION_MAX_WORDS and _SECTION.match(paragraph)
                and len(kept) >= max(1, len(offered) // 3)):
            removed.append(Removed("\n\n".join(offered[i:]), "related articles", -1))
            break
        if _LABELLED.match(paragraph) and words <= _LABELLED_MAX_WORDS:
            removed.append(Removed(paragraph, "teaser or credit line", len(kept)))
        elif paragraph.startswith("|") and paragraph.endswith("|") and words <= 12:
            removed.append(Removed(paragraph, "table heading", len(kept)))
        elif not sure or paragraph in sure or _reads_like_prose(paragraph):
            kept.append(paragraph)
        else:
            removed.append(Removed(paragraph, "short line outside the article", len(kept)))
    return kept, removed


def _left_out(tree, seen: list[str]) -> list[Removed]:
    """Prose in the page's paragraphs that neither pass took: kept aside, never lost."""
    known = " ".join(" ".join(seen).split()).casefold()
    found: list[Removed] = []
    for element in tree.iter("p"):
        text = " ".join(element.text_content().split())
        if (len(text.split()) >= LEFT_OUT_PROSE_WORDS and _SENTENCE_END.search(text)
                and text.casefold() not in known):
            found.append(Removed(text, "prose the extractor left out", -1))
            known += " " + text.casefold()
    return found[:50]


def _meta(tree, *names: str) -> list[str]:
    values = []
    for name in names:
        for element in tree.xpath(f'//meta[@property="{name}" or @name="{name}"]/@content'):
            values.append(" ".join(str(element).split()))
    return [v for v in values if v]


def _title_and_site(tree, meta, url: str | None) -> tuple[str | None, str | None]:
    """The headline and the site's name. The site is, in this order: og:site_name, a piece
    of the page's title written like its address ("Headline - ARTE Radio" on arteradio.com),
    the name trafilatura found (JSON-LD publisher and the like), the address itself."""
    declared = (meta.url if meta is not None else None) or next(iter(_meta(tree, "og:url")), None)
    host = host_of(declared) or host_of(url)
    found = meta.sitename if meta is not None else None
    names = _meta(tree, "og:site_name")
    titles: list[str | None] = [meta.title if meta is not None else None]
    titles += _meta(tree, "og:title", "twitter:title")
    # The <title> element last: on some sites it is the same for every page.
    element: list[str | None] = [" ".join(t.text_content().split()) for t in tree.iter("title")]
    element = element[:1]
    headings: list[str | None] = [" ".join(h.text_content().split()) for h in tree.iter("h1")]
    by_address = site_keys(host, [])
    site = clean_site_name(next(iter(names), None), by_address, titles + element)
    if site is not None and host is not None and host_of(site) == host:
        site = None  # "tdg.ch/": an address, the last resort, not a name
    found = clean_site_name(found, by_address, titles + element, guessed=True)
    keys = site_keys(host, [site or "", found or ""])
    title, from_title = _title(tree, titles + headings + element, keys)
    return title, site or from_title or found or host


def _title(tree, titles: list[str | None], keys: list[str]) -> tuple[str | None, str | None]:
    """The headline, never the publishing system (meta generator) nor the site's name, and
    the site's name if a piece of a title gave it."""
    bad = {v.casefold() for v in _meta(tree, "generator")}
    site = None
    candidates = []
    for raw in titles:
        if not raw:
            continue
        head, piece = split_title(_LEADING_DATE.sub("", raw), keys)
        site = site or piece
        head = head.rstrip(" |/–—:-").strip()
        if head and not is_site_like(head, keys) and head.casefold() not in bad:
            candidates.append(head)
    # A one-word title is a site's or a section's name more often than a headline.
    title = next((c for c in candidates if len(re.split(r"[\s/:-]+", c)) >= 2), None)
    title = title or next(iter(candidates), None)
    if title is None:
        return None, site
    # "Headline / Section", "Headline -Author": another of the page's titles or headings that
    # opens this one before a separator is the headline alone.
    for shorter in candidates:
        rest = title[len(shorter):] if title.startswith(shorter) else ""
        if len(shorter.split()) >= 2 and _TAIL_AFTER.match(rest):
            return shorter, site
    return title, site



def _author(author: str | None, site: str | None = None) -> str | None:
    """The byline's names, without a month glued on ("CBS News February"), the site's name
    ("Adam Aaronson PhillyVoice Staff"), or placeholders ("No Author", "www.example.com")."""
    if not author:
        return None
    names = []
    for part in re.split(r"\s*;\s*", author.strip()):
        part = _MONTHS.sub("", part).strip(" ,;")
        if site:
            part = re.sub(rf"\s*\b{re.escape(site)}(\s+(staff|contributor|team))?$", "", part,
                          flags=re.IGNORECASE).strip(" ,;|-")
        folded = part.casefold()
        if part and folded not in _NOT_AUTHORS and not folded.startswith("www"):
            names.append(part)
    return "; ".join(names) or None
