"""One article with its highlights and notes, as a self-contained HTML page or as Markdown.

Every piece of the article is escaped: its text is shown as typed, never read as markup. The
HTML is also what File > Print and `reader export --format pdf` lay out (through Qt's rich
text, which understands this plain subset: paragraphs, `<mark>` spans, footnote numbers).
"""

from __future__ import annotations

import html
import re

from reader.models import Article
from reader.notes import ArticleNote, Highlight, md_escape, md_quote

# Light shades that print well and keep black text readable.
PRINT_SHADES = {
    "yellow": "#ffe680", "green": "#c8f0c0", "blue": "#c6e2ff", "pink": "#ffd0e4",
    "purple": "#e3d3ff",
}

_PARAGRAPHS = re.compile(r"\n\s*\n")


def _drawn(highlights: list[Highlight], length: int) -> list[Highlight]:
    """Anchored highlights in text order, overlaps trimmed (the earlier one wins)."""
    out: list[Highlight] = []
    last = 0
    for h in sorted((h for h in highlights if h.anchored), key=lambda h: (h.start, h.end)):
        start = max(h.start, last)
        if start < h.end <= length:
            out.append(h if start == h.start else Highlight(
                h.id, h.article_id, start, h.end, h.quote, h.colour, h.note, h.anchored,
                h.created, h.modified))
            last = h.end
    return out


Piece = tuple[str, Highlight | None, bool]


def _paragraphs(body: str, drawn: list[Highlight]) -> list[list[Piece]]:
    """The body's paragraphs, each as (text, its highlight or None, whether the highlight ends
    here) pieces: a highlight across a paragraph break is marked in each paragraph."""
    out = []
    last = 0
    bounds = [(m.start(), m.end()) for m in _PARAGRAPHS.finditer(body)] + [(len(body),) * 2]
    for gap_start, gap_end in bounds:
        p_start, p_end = last, gap_start
        last = gap_end
        pieces: list[Piece] = []
        at = p_start
        for h in drawn:
            s, e = max(h.start, p_start), min(h.end, p_end)
            if s >= e:
                continue
            if s > at:
                pieces.append((body[at:s], None, False))
            pieces.append((body[s:e], h, h.end <= p_end))
            at = e
        if at < p_end:
            pieces.append((body[at:p_end], None, False))
        if "".join(t for t, _, _ in pieces).strip():
            out.append(pieces)
    return out


def _meta(article: Article) -> list[str]:
    parts = [article.outlet or "Unknown outlet",
             article.published.iso() if article.published else "undated"]
    if article.author:
        parts.append(article.author)
    return parts


def article_html(article: Article, highlights: list[Highlight],
                 note: ArticleNote | None) -> str:
    """A printable page: title, byline, the article's note, the text with highlights marked
    and numbered, then the numbered highlight notes (and any highlight no longer found)."""
    body = article.body
    drawn = _drawn(highlights, len(body))
    numbered = {h.id: n for n, h in enumerate((h for h in drawn if h.note), 1)}
    paragraphs = []
    for paragraph in _paragraphs(body, drawn):
        text = ""
        for piece, h, ends in paragraph:
            piece = html.escape(piece).replace("\n", "<br>")
            if h is not None:
                shade = PRINT_SHADES.get(h.colour, PRINT_SHADES["yellow"])
                piece = f'<span style="background-color:{shade}">{piece}</span>'
                if ends and h.id in numbered:
                    piece += f"<sup>[{numbered[h.id]}]</sup>"
            text += piece
        paragraphs.append(f"<p>{text}</p>")
    title = html.escape(article.title or f"Article {article.id}")
    out = [
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">",
        f"<title>{title}</title>",
        "<style>body{font-family:Georgia,serif;max-width:40em;margin:2em auto;"
        "line-height:1.5;color:#111}h1{font-size:20pt;line-height:1.2}p.meta{color:#555}"
        "blockquote{border-left:3px solid #bbb;margin-left:0;padding-left:1em;color:#333}"
        "</style></head><body>",
        f"<h1>{title}</h1>",
        f'<p class="meta">{html.escape(" · ".join(_meta(article)))}</p>',
    ]
    if article.url:
        out.append(f'<p class="meta">{html.escape(article.url)}</p>')
    if note is not None and note.note.strip():
        out.append(f"<blockquote><b>Note:</b> {html.escape(note.note)}</blockquote>")
    out.extend(paragraphs)
    notes = [h for h in drawn if h.id in numbered]
    lost = [h for h in highlights if not h.anchored]
    lines = [f"[{numbered[h.id]}] “{html.escape(h.quote)}” — {html.escape(h.note)}"
             for h in notes]
    lines += [f"Not found in the current text: “{html.escape(h.quote)}”"
              + (f" — {html.escape(h.note)}" if h.note else "") for h in lost]
    if lines:
        # The heading starts the first note's line: a page never ends on it alone.
        out.append("<hr>")
        out.append(f"<p><b>Notes.</b> {lines[0]}</p>")
        out.extend(f"<p>{line}</p>" for line in lines[1:])
    out.append("</body></html>\n")
    return "\n".join(out)


def article_markdown(article: Article, highlights: list[Highlight],
                     note: ArticleNote | None) -> str:
    """The article as Markdown: highlighted words in bold with a footnote for their note."""
    body = article.body
    drawn = _drawn(highlights, len(body))
    numbered = {h.id: n for n, h in enumerate((h for h in drawn if h.note), 1)}
    paragraphs = []
    for paragraph in _paragraphs(body, drawn):
        text = ""
        for piece, h, ends in paragraph:
            if h is None or not piece.strip():
                text += md_escape(piece)
                continue
            # Bold cannot start or end on a space, so spaces stay outside the stars.
            lead = piece[:len(piece) - len(piece.lstrip())]
            trail = piece[len(piece.rstrip()):]
            text += f"{lead}**{md_escape(piece.strip())}**"
            if ends and h.id in numbered:
                text += f"[^{numbered[h.id]}]"
            text += trail
        paragraphs.append(text.strip() + "\n")
    out = [f"# {md_escape(article.title or f'Article {article.id}')}", "",
           f"*{md_escape(' · '.join(_meta(article)))}*", ""]
    if article.url:
        out += [f"<{article.url}>" if "://" in article.url and ">" not in article.url
                else md_escape(article.url), ""]
    if note is not None and note.note.strip():
        out += [md_quote("Note: " + note.note), ""]
    out += paragraphs
    for h in drawn:
        if h.id in numbered:
            out.append(f"[^{numbered[h.id]}]: {md_escape(' '.join(h.note.split()))}")
    lost = [h for h in highlights if not h.anchored]
    if lost:
        out += ["", "Highlights not found in the current text:", ""]
        out += [md_quote(h.quote) + ("\n\n" + md_escape(h.note) if h.note else "") + "\n"
                for h in lost]
    return "\n".join(out).rstrip() + "\n"
