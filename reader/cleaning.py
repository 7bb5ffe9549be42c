"""Turn scraped article text into clean paragraphs plus the metadata and noise found in it.

`clean_article` is the one entry point; noise.py knows what noise looks like, metadata.py reads
dates, bylines and outlet signatures, paragraphs.py splits the text.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from reader import noise
from reader.metadata import find_date, outlet_table, read_byline
from reader.models import CleanedArticle, PubDate, Removed
from reader.paragraphs import Paragraph, paragraphs

log = logging.getLogger(__name__)

# A headline ends without a full stop ("..." and "…" are fine), comma or semicolon.
_NOT_HEADLINE_END = re.compile(r"(?<!\.\.)[.,;]$")
_SENTENCE_END = (".", "!", "?", '"', "”", ".)")
_KEY_DROP = re.compile(r"[^\w]+")

# How much a publication date is worth by where the text gives it (lower wins).
_LABELLED, _DATELINE, _BYLINE, _TAIL_DATE, _UPDATED, _CAPTION = range(6)
_UPDATE_LABELS = ("updated", "last updated", "modified", "last modified")


def clean_article(
    raw: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    published: PubDate | None = None,
    author: str | None = None,
    outlets_extra: Path | None = None,
) -> CleanedArticle:
    """Clean `raw`; metadata given by the source wins over what the text itself says."""
    title = title.strip() or None if title else None
    units = paragraphs(raw)
    run = _Run(units, title)
    start = run.header()
    end = run.tail(start)
    run.middle(start, end)
    run.repeats()
    body, removed = _assemble(units)
    if outlet is None:
        outlet = outlet_table(outlets_extra).outlet_in(_outlet_evidence(units))
    return CleanedArticle(
        body=body,
        title=title or run.title,
        outlet=outlet,
        published=published or run.best_date(),
        author=author or run.author,
        removed=removed,
    )


class _Run:
    """The decisions of one cleaning: which units are noise, and what metadata they gave."""

    def __init__(self, units: list[Paragraph], given_title: str | None) -> None:
        self.units = units
        self.given_title = given_title
        self.title: str | None = None
        self.author: str | None = None
        self.dates: list[tuple[int, PubDate]] = []
        self.headline = given_title  # the headline repeats are compared with
        # Whether blank lines separate paragraphs (so lines within one block belong together).
        self.in_blocks = any(u.block_start for u in units[1:])

    # -- top of the page ------------------------------------------------------------------
    def header(self) -> int:
        """Mark noise, headline and publication lines above the story; return where it starts."""
        units, i = self.units, 0
        after_headline = False
        while i < len(units):
            unit = units[i]
            # "By Royal Appointment" on the first line is a headline: bylines follow headlines.
            if self._publication_line(i, top=True) or (self.headline and self._byline(unit)):
                pass
            elif (reason := noise.at_edge(unit.text)) is not None:
                unit.reason = reason
            elif self.headline is not None and _same_headline(unit.text, self.headline):
                unit.reason = "repeated headline"
                after_headline = True
                i += 1
                continue
            elif self.headline is None and self._headline(i):
                unit.reason = "headline"
                self.title = self.headline = unit.text
                after_headline = True
                i += 1
                continue
            elif after_headline and (m := noise.DATED_CAPTION.match(unit.text)):
                # A dated photo caption right under the headline shows the event the story
                # reports, photographed the day it was published; it is the weakest evidence
                # and is used only when no publication line or dateline says otherwise.
                unit.reason = "photo caption"
                self._add_date(_CAPTION, find_date(m.group("date")))
            else:
                break
            after_headline = False
            i += 1
        return i

    def _headline(self, i: int) -> bool:
        # A headline is short, starts like a title, has no closing full stop, and is followed
        # by more text: a single line of text is a body, not a title with nothing under it.
        text = self.units[i].text
        words = text.split()
        return (
            2 <= len(words) <= 30
            and len(text) <= 220
            and not _NOT_HEADLINE_END.search(text)
            # "iTunes now selling..." and "$1m payoff..." are headlines; "and then..." is not.
            and not (text[0].islower() and words[0].islower())
            and any(u.reason is None for u in self.units[i + 1 :])
        )

    def _publication_line(self, i: int, *, top: bool) -> bool:
        unit = self.units[i]
        m = noise.PUBLICATION_LINE.match(unit.text)
        if m is None:
            return False
        label = (m.group("label") or "").lower()
        rest = m.group("rest").strip(" ,|•·–—-")
        if rest and noise.at_edge(rest) is None and (not label or len(rest) > 40):
            # A date followed by words is a sentence ("May 2024 was wet", "Updated March 2024
            # figures show..."), unless the words are short ("Published 3 May 2024 by AP").
            return False
        date = find_date(m.group("date"))
        if label.startswith(_UPDATE_LABELS):
            rank = _UPDATED
        elif label:
            rank = _LABELLED
        else:
            rank = _DATELINE if top else _TAIL_DATE
        self._add_date(rank, date)
        if rest and (reason := noise.at_edge(rest)) is not None:
            # " date 2025-05-05 403": the date, then what is left of an error page.
            cut = unit.text.rfind(rest)
            self.units[i : i + 1] = [
                Paragraph(unit.text[:cut].rstrip(), unit.block_start, "publication line"),
                Paragraph(rest, False, reason),
            ]
        else:
            unit.reason = "publication line"
        return True

    def _byline(self, unit: Paragraph) -> bool:
        if len(unit.text) > 120 or (found := read_byline(unit.text)) is None:
            return False
        name, date = found
        self.author = self.author or name
        self._add_date(_BYLINE, date)
        unit.reason = "byline"
        return True

    def _add_date(self, rank: int, date: PubDate | None) -> None:
        if date is not None:
            self.dates.append((rank, date))

    def best_date(self) -> PubDate | None:
        if not self.dates:
            return None
        return min(self.dates, key=lambda rd: rd[0])[1]  # min keeps the first of equal ranks

    # -- bottom of the page ---------------------------------------------------------------
    def tail(self, start: int) -> int:
        """Mark the page furniture below the story; return the index just past the story."""
        units = self.units
        end = len(units)
        seen = 0
        for i in range(start, len(units)):
            marker = noise.tail_marker(units[i].text)
            if marker is not None and seen >= 80:
                if self._page_after(i, marker):
                    end = i
                    self._mark_tail(i, marker)
                    break
                # A box of links inside the story ("You might also like:"): it and its teasers.
                units[i].reason = marker
                self._teasers(i + 1, len(units), most=8)
            seen += len(units[i].text)
        while end > start + 1:
            i = end - 1
            if not (self._publication_line(i, top=False) or self._byline(units[i])):
                reason = noise.at_edge(units[i].text)
                if reason is None:
                    break
                units[i].reason = reason
            end = i
        return end

    def _page_after(self, marker: int, reason: str) -> bool:
        after = [u.text for u in self.units[marker + 1 :] if noise.at_edge(u.text) is None]
        if reason == "legal disclaimer":  # its text is sentences, but not a story's length
            return sum(len(text) for text in after) <= 1500
        # After a "related stories" marker come teasers: headlines, captions, dates, perhaps a
        # standfirst. Mostly sentences, or a long paragraph, mean the story goes on after a box.
        if any(len(text) > 320 for text in after):
            return False
        sentences = sum(1 for text in after if _is_sentence(text))
        return sentences <= 1 or sentences < 0.34 * len(after)

    def _mark_tail(self, first: int, reason: str) -> None:
        # Teasers, captions and dates after the marker belong to other stories: no dates here.
        for unit in self.units[first:]:
            reason = noise.tail_marker(unit.text) or reason
            unit.reason = noise.at_edge(unit.text) or reason

    # -- inside the story -----------------------------------------------------------------
    def middle(self, start: int, end: int) -> None:
        units = self.units
        i = start
        while i < end:
            unit = units[i]
            if unit.reason is None:
                text = unit.text
                if noise.READ_MORE.match(text):
                    unit.reason = "navigation"
                    i = self._teasers(i + 1, end, most=2)
                    continue
                if noise.READ_MORE_INLINE.match(text):
                    unit.reason = "navigation"
                elif (reason := noise.anywhere(text)) is not None:
                    unit.reason = reason
                elif noise.PLACED_CAPTION.match(text):
                    unit.reason = "photo caption"
            i += 1

    def _teasers(self, i: int, end: int, *, most: int) -> int:
        """Mark the teasers of other stories after a "Read more" line; return the index after."""
        units = self.units
        if self.in_blocks and i < end and not units[i].block_start:
            # The box is one block of lines: link text and image alt text, all short.
            while i < end and not units[i].block_start and len(units[i].text) <= 200:
                if units[i].reason is None:
                    units[i].reason = noise.anywhere(units[i].text) or "related stories"
                i += 1
            return i
        # One paragraph per line: the teasers are the short, title-like lines that follow.
        for _ in range(most):
            if i >= end or units[i].reason is not None or not _is_title_like(units[i].text):
                break
            units[i].reason = noise.anywhere(units[i].text) or "related stories"
            i += 1
        return i

    def repeats(self) -> None:
        """Mark paragraphs that repeat an earlier one (or the headline); the first is kept."""
        seen: set[str] = set()
        kept: list[str] = []
        for unit in self.units:
            if unit.reason is not None:
                continue
            key = unit.text.casefold()
            if self.headline and _same_headline(unit.text, self.headline):
                unit.reason = "repeated headline"
            elif key in seen or _truncated_copy(key, kept):
                unit.reason = "repeated paragraph"
            elif len(key) >= 30 and key.count(" ") >= 5:
                # Short lines (table rows, "Nine mths") legitimately recur.
                seen.add(key)
                kept.append(key)


def _truncated_copy(key: str, earlier: list[str]) -> bool:
    """A teaser copy of an earlier paragraph, cut off with an ellipsis ("The Kremlin said…")."""
    if not key.endswith(("…", "...")) or len(key) < 60:
        return False
    stem = key.rstrip(".… ")
    return any(k.startswith(stem) for k in earlier)


def _is_sentence(text: str) -> bool:
    return text.endswith(_SENTENCE_END) and text.count(" ") >= 11


def _is_title_like(text: str) -> bool:
    return len(text) <= 160 and text.count(" ") < 25 and not text.endswith(_SENTENCE_END)


def _key(text: str) -> str:
    return _KEY_DROP.sub(" ", text.casefold()).strip()


def _same_headline(text: str, headline: str) -> bool:
    """`text` is the headline again, perhaps with the site's name after a separator."""
    if abs(len(text) - len(headline)) > 45:
        return False
    if _key(text) == _key(headline):
        return True
    short, long_ = sorted((text.casefold(), headline.casefold()), key=len)
    rest = long_[len(short) :].lstrip()
    # "Headline | Site name" against "Headline", either way round.
    return (
        len(short) >= 20
        and long_.startswith(short)
        and rest[:1] in ("|", "–", "—", "-", ":", "·", "•")
    )


def _assemble(units: list[Paragraph]) -> tuple[str, list[Removed]]:
    parts: list[str] = []
    removed: list[Removed] = []
    pending: list[Removed] = []
    offset = 0
    for unit in units:
        if unit.reason is not None:
            pending.append(Removed(unit.text, unit.reason))
            continue
        if parts:
            offset += 2
        for r in pending:
            r.position = offset
        removed += pending
        pending = []
        parts.append(unit.text)
        offset += len(unit.text)
    for r in pending:
        r.position = offset
    removed += pending
    return "\n\n".join(parts), removed


def _outlet_evidence(units: list[Paragraph]) -> list[str]:
    """Where an outlet signs its text: the noise around it, its first lines, its last paragraph."""
    # One text, a line per piece, so a table "template" can match a run of footer lines.
    noise_text = "\n".join(
        u.text for u in units if u.reason not in (None, "related stories", "headline")
    )
    kept = [u.text for u in units if u.reason is None]
    edges = [kept[0][:300], kept[-1][-300:]] if kept else []
    return [noise_text, *edges]
