"""A web page's headline and its site's name, from what the page declares about itself.

Pages name their site in several places: og:site_name, the end or start of <title> and
og:title ("Headline | Site", "Site - Headline"), and their own address. A piece of a title
is the site's name when it is written like the address or the declared site name
("ARTE Radio" on arteradio.com, "Rosa-Luxemburg-Stiftung" on rosalux.de); such pieces are
cut from the headline and can name the outlet when og:site_name does not.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# What separates a title's pieces: "Headline | Site", "Site - Headline", "Headline » Site".
_SEPARATOR = re.compile(r"(\s+[|–—»«•·/-]\s+|\s*\|\s*|:\s+)")
# Pieces that name a section, not the story ("Time 4 talks » Blog Archiv » Headline").
_SECTION_WORDS = frozenset(
    {"blog archiv", "blog archive", "news", "home", "startseite", "aktuelles", "nachrichten",
     "actualités", "noticias"}
)  # fmt: skip
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "or", "ne", "go"})
_NOT_SITE_LABELS = frozenset({"www", "m", "blog", "ext", "wiki", "web", "de", "en", "uk"})
_TRANSLITERATE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def host_of(url: str | None) -> str | None:
    """The site's host of a page address, without "www."; for a page kept by the Internet
    Archive, the host of the page it kept."""
    if not url:
        return None
    kept = re.match(r"https?://web\.archive\.org/web/[^/]+/(.+)$", url)
    if kept:
        url = kept.group(1)
    try:
        host = urlsplit(url if "://" in url else "http://" + url).hostname or ""
    except ValueError:
        return None
    host = host.removeprefix("www.")
    return host if "." in host else None


def _key(text: str) -> str:
    """Letters and digits only, case and umlauts folded ("Bächli-Bergsport" ->
    "baechlibergsport")."""
    return "".join(ch for ch in text.casefold().translate(_TRANSLITERATE) if ch.isalnum())


def site_keys(host: str | None, names: list[str]) -> list[str]:
    """How the site writes its name: the address's own labels ("rosalux" of rosalux.de,
    "piratenpartei" of wiki.piratenpartei.de) and the names it declares."""
    keys = [_key(n) for n in names if n]
    if host:
        labels = host.split(".")[:-1]  # no top-level domain
        if len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
            labels = labels[:-1]  # co.uk, com.pa
        labels = [label for label in labels if label not in _NOT_SITE_LABELS]
        keys += [_key(label) for label in labels]
        if len(labels) > 1:
            keys.append(_key("".join(labels)))
    return [k for k in keys if len(k) >= 2]


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def is_site_like(piece: str, keys: list[str]) -> bool:
    """Whether `piece` of a title is the site's name, as the address or the declared name
    writes it: the same letters, one inside the other (not a headline that merely names the
    site), or an abbreviation of the other with the same first letter ("Parco Nazionale
    d'Abruzzo" for parcoabruzzo.it)."""
    k = _key(piece)
    if not k or len(piece.split()) > 6:
        return False
    for site in keys:
        if k == site:
            return True
        short, long = sorted((k, site), key=len)
        if len(short) < 4:
            continue
        if short in long and len(long) <= 2 * len(short):
            return True  # "St.Galler Tagblatt" on tagblatt.ch
        if short[0] == long[0] and len(long) <= 3 * len(short) and _subsequence(short, long):
            return True  # "Rosa-Luxemburg-Stiftung" on rosalux.de
    return False


def split_title(title: str, keys: list[str]) -> tuple[str, str | None]:
    """(the headline, the site's name if a piece of the title gave it): site and section
    pieces are cut from either end of `title` ("Headline - Site", "Site | Headline")."""
    parts = _SEPARATOR.split(title.strip())
    pieces, seps = parts[::2], parts[1::2]
    site = None

    def droppable(piece: str) -> bool:
        nonlocal site
        if not piece.strip():
            return True
        if is_site_like(piece, keys):
            site = site or piece.strip().removeprefix("www.")
            return True
        return piece.strip().casefold() in _SECTION_WORDS

    while len(pieces) > 1 and droppable(pieces[-1]):
        pieces.pop()
        seps.pop()
    while len(pieces) > 1 and droppable(pieces[0]):
        pieces.pop(0)
        seps.pop(0)
    head = "".join(p + s for p, s in zip(pieces, [*seps, ""], strict=True))
    return head.strip(), site


def clean_site_name(
    name: str | None, keys: list[str], titles: list[str | None], *, guessed: bool = False
) -> str | None:
    """A declared site name without a tagline ("BUND - BUND für Naturschutz" -> "BUND"); None
    for a web address of another site, a date, or the page's own title. A `guessed` name
    (not the page's og:site_name) is not one either when it merely opens a title."""
    if not name or not name.strip():
        return None
    name = " ".join(name.split())
    if "://" in name or "@" in name:
        return None  # "https://www.facebook.com/DERFARANG/"
    name = name.removeprefix("www.")
    pieces = [p.strip() for p in _SEPARATOR.split(name)[::2] if p.strip()]
    for piece in pieces:
        if is_site_like(piece, keys):
            return piece
    folded = _key(name)
    long = guessed or len(name.split()) >= 4
    if folded and long and any(_key(t).startswith(folded) for t in titles if t):
        return None  # the headline in the site name's place
    head = pieces[0] if pieces else ""
    if not head or len(head.split()) > 6 or sum(c.isdigit() for c in head) * 2 >= len(head):
        return None  # a tagline, or a date where a name should be
    return head
