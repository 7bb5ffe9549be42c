"""A comparison as one self-contained HTML file: the two articles in columns with their aligned
sentences banded and numbered alike, one-sided sentences labelled, and the summary on top.

Also the colours of the bands, which the comparison view paints with too. No Qt here.
"""

from __future__ import annotations

import colorsys
import html
import logging
from dataclasses import dataclass
from pathlib import Path

from reader.compare import KIND_LABELS, AlignedPair, Closest, Comparison, strength
from reader.models import Article

log = logging.getLogger(__name__)

GOLDEN_ANGLE = 137.508  # degrees: consecutive pairs get hues far apart
FIRST_HUE = 205.0
TOP_TERMS = 8
CLOSEST_CHARS = 240  # of the closest sentence quoted in a one-sided sentence's tooltip


def pair_order(comparison: Comparison) -> list[int]:
    """Indices into `comparison.pairs` in the order their A side appears (numbering, colours)."""
    return sorted(range(len(comparison.pairs)), key=lambda k: comparison.pairs[k].a)


def _rgb(hue: float, lightness: float, saturation: float) -> str:
    r, g, b = colorsys.hls_to_rgb((hue % 360) / 360, lightness, saturation)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


# (lightness, saturation) of a band by kind, light and dark palettes: strongest for the same
# wording, lighter for the same fact in other words, a mere tint for a related sentence (which
# is also underlined dotted in the pair's ink). Body text stays legible on each.
_BANDS = {
    False: {"same": (0.80, 0.80), "similar": (0.91, 0.75), "related": (0.955, 0.60)},
    True: {"same": (0.31, 0.42), "similar": (0.23, 0.30), "related": (0.17, 0.22)},
}


def band_colour(number: int, kind: str, dark: bool = False) -> str:
    """Background of the `number`-th pair's sentences, by the pair's kind."""
    lightness, saturation = _BANDS[dark].get(kind, _BANDS[dark]["similar"])
    return _rgb(FIRST_HUE + number * GOLDEN_ANGLE, lightness, saturation)


def line_colour(number: int, dark: bool = False) -> str:
    """Connector and number ink of the `number`-th pair."""
    hue = FIRST_HUE + number * GOLDEN_ANGLE
    return _rgb(hue, 0.68, 0.60) if dark else _rgb(hue, 0.38, 0.70)


ONLY_LIGHT, ONLY_DARK = "#b5542a", "#f0a070"  # one-sided sentences: a warm stripe and label


def side_label(article: Article) -> str:
    return article.outlet or "Unknown outlet"


@dataclass(frozen=True)
class _Mark:
    """How one sentence of a side is drawn."""

    start: int
    end: int
    style: str
    tip: str
    label: str = ""
    label_style: str = ""


_BODY = ("margin:0;padding:24px 32px;background:#ffffff;color:#1c1c1e;"
         "font-family:Georgia,'Times New Roman',serif;font-size:16px;line-height:1.5")
_SANS = "font-family:system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif"
_PILL = (f"{_SANS};font-size:11px;font-weight:600;border-radius:3px;padding:0 4px;"
         "margin-right:4px;vertical-align:1px;white-space:nowrap")


def comparison_html(comparison: Comparison, a: Article, b: Article) -> str:
    """The whole page; every piece of article text is escaped, every style is inline."""
    order = pair_order(comparison)
    number_of = {k: n for n, k in enumerate(order)}
    name_a, name_b = side_label(a), side_label(b)
    if name_a == name_b:
        name_a, name_b = f"{name_a} (A)", f"{name_b} (B)"
    title = f"Comparison: {a.title or name_a} / {b.title or name_b}"
    columns = "".join(
        f'<td style="width:50%;vertical-align:top;padding:0 14px">'
        f"{_header(article)}{_body(comparison, side, number_of, name, other)}</td>"
        for side, article, name, other in (("a", a, name_a, name_b), ("b", b, name_b, name_a))
    )
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>{_esc(title)}</title></head>\n"
        f'<body style="{_BODY}">\n'
        f"{_summary(comparison, name_a, name_b)}\n"
        '<table style="width:100%;border-collapse:collapse;table-layout:fixed;'
        f'margin-top:18px"><tr>{columns}</tr></table>\n'
        f'<p style="{_SANS};font-size:12px;color:#6b6b70;margin-top:28px">'
        "Exported from Reader.</p>\n</body></html>\n"
    )


def write_html(path: Path, comparison: Comparison, a: Article, b: Article) -> Path:
    path.write_text(comparison_html(comparison, a, b), encoding="utf-8")
    log.info("comparison exported to %s", path)
    return path


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _header(article: Article) -> str:
    meta = " · ".join([side_label(article),
                       article.published.iso() if article.published else "no date"]
                      + ([f"by {article.author}"] if article.author else []))
    title = article.title.strip() if article.title and article.title.strip() else "(untitled)"
    return (f'<div style="{_SANS};font-size:13px;color:#6b6b70;text-transform:none">'
            f"{_esc(meta)}</div>"
            f'<h2 style="font-size:21px;line-height:1.25;margin:4px 0 14px">{_esc(title)}</h2>')


def _summary(c: Comparison, name_a: str, name_b: str) -> str:
    counts = c.counts()
    chip = (f"{_SANS};display:inline-block;padding:2px 8px;margin:0 6px 4px 0;"
            "border-radius:10px;font-size:13px")
    chips = (
        f'<span style="{chip};background:{band_colour(0, "same")}">{counts["same"]} same '
        "wording</span>"
        f'<span style="{chip};background:{band_colour(0, "similar")}">{counts["similar"]} '
        "similar</span>"
        f'<span style="{chip};background:{band_colour(0, "related")};border-bottom:2px dotted '
        f'{line_colour(0)}">{counts["related"]} related</span>'
        f'<span style="{chip};border:1px solid {ONLY_LIGHT};color:{ONLY_LIGHT}">'
        f'{counts["only_a"]} only in {_esc(name_a)}</span>'
        f'<span style="{chip};border:1px solid {ONLY_LIGHT};color:{ONLY_LIGHT}">'
        f'{counts["only_b"]} only in {_esc(name_b)}</span>'
    )
    cell = f"{_SANS};font-size:14px;vertical-align:top;padding:4px 14px;width:50%"
    rows = [
        (f"{_esc(name_b)} covers <b>{c.coverage_a:.0%}</b> of {_esc(name_a)}",
         f"{_esc(name_a)} covers <b>{c.coverage_b:.0%}</b> of {_esc(name_b)}"),
        (_terms("Words of " + name_a, c.framing.get("a", [])),
         _terms("Words of " + name_b, c.framing.get("b", []))),
        (_terms("Names only " + name_a + " mentions", c.entities_only_a),
         _terms("Names only " + name_b + " mentions", c.entities_only_b)),
        (_terms(name_a + " quotes", _speakers(c.quotes_a)),
         _terms(name_b + " quotes", _speakers(c.quotes_b))),
    ]
    body = "".join(f'<tr><td style="{cell}">{left}</td><td style="{cell}">{right}</td></tr>'
                   for left, right in rows)
    shared = _terms("Names both mention", c.shared_entities, limit=20)
    contrasts = c.framing.get("contrasts", [])
    if contrasts:
        shared += "<br>" + _terms(f"Named differently ({name_a} ↔ {name_b})",
                                  [f"{x} ↔ {y}" for x, y in contrasts])
    return (
        f'<h1 style="{_SANS};font-size:22px;margin:0 0 10px">Comparison</h1>'
        f'<div style="padding:0 14px">{chips}</div>'
        f'<div style="{_SANS};font-size:14px;padding:4px 14px">{shared}</div>'
        '<table style="width:100%;border-collapse:collapse;table-layout:fixed;'
        f'border-bottom:1px solid #d0d0d6">{body}</table>'
    )


def _terms(heading: str, terms: list[str], limit: int = TOP_TERMS) -> str:
    shown = ", ".join(_esc(str(t)) for t in terms[:limit]) if terms else "—"
    more = f" (+{len(terms) - limit})" if len(terms) > limit else ""
    return f'<span style="color:#6b6b70">{_esc(heading)}:</span> {shown}{more}'


def _body(c: Comparison, side: str, number_of: dict[int, int], name: str, other: str) -> str:
    text = c.a_text if side == "a" else c.b_text
    marks = sorted(_marks(c, side, number_of, name, other), key=lambda m: m.start)
    out, pos = [], 0
    for m in marks:
        if m.start < pos:  # overlapping spans: the first one wins
            continue
        out.append(_esc(text[pos:m.start]))
        label = f'<span style="{_PILL};{m.label_style}">{_esc(m.label)}</span>' if m.label else ""
        out.append(f'<span style="{m.style}" title="{_esc(m.tip)}">{label}'
                   f"{_esc(text[m.start:m.end])}</span>")
        pos = m.end
    out.append(_esc(text[pos:]))
    return f'<div style="white-space:pre-wrap;word-wrap:break-word">{"".join(out)}</div>'


def _marks(c: Comparison, side: str, number_of: dict[int, int], name: str,
           other: str) -> list[_Mark]:
    """A sentence in several pairs is drawn as its strongest and numbered with all of them."""
    marks = []
    by_span: dict[tuple[int, int], list[int]] = {}
    for k in sorted(range(len(c.pairs)), key=lambda k: strength(c.pairs[k])):
        by_span.setdefault(c.pairs[k].a if side == "a" else c.pairs[k].b, []).append(k)
    for (start, end), ks in by_span.items():
        pair, n = c.pairs[ks[0]], number_of[ks[0]]
        style = f"background:{band_colour(n, pair.kind)};border-radius:2px;padding:1px 0"
        if pair.kind == "related":
            style += f";border-bottom:2px dotted {line_colour(n)}"
        marks.append(_Mark(
            start, end, style,
            " · ".join(_pair_tip(c.pairs[k], number_of[k], other) for k in ks),
            ", ".join(str(number_of[k] + 1) for k in sorted(ks, key=number_of.__getitem__)),
            f"background:{line_colour(n)};color:#ffffff",
        ))
    nearest = {c.sentence: c for c in (c.closest_a if side == "a" else c.closest_b)}
    for start, end in c.only_a if side == "a" else c.only_b:
        marks.append(_Mark(start, end, f"border-bottom:1px dashed {ONLY_LIGHT}",
                           only_tip(c, side, nearest.get((start, end)), name, other),
                           f"only {name}", f"color:{ONLY_LIGHT};border:1px solid {ONLY_LIGHT}"))
    for start, end in c.repeated_a if side == "a" else c.repeated_b:
        marks.append(_Mark(start, end, "color:#8a8a90", "Repeats an earlier sentence",
                           "repeat", "color:#8a8a90;border:1px solid #b0b0b6"))
    return marks


def _speakers(quotes) -> list[str]:
    """Who is quoted, most often first, with how many quotations ("not attributed" last)."""
    counts: dict[str, int] = {}
    for q in quotes:
        counts[q.speaker or ""] = counts.get(q.speaker or "", 0) + 1
    return [f"{s or 'not attributed'} ×{counts[s]}"
            for s in sorted(counts, key=lambda s: (not s, -counts[s], s))]


def _pair_tip(pair: AlignedPair, n: int, other: str) -> str:
    return f"{n + 1}: {KIND_LABELS[pair.kind]}, as {other} says it (score {pair.score:.2f})"


def only_tip(c: Comparison, side: str, near: Closest | None, name: str, other: str) -> str:
    """What a one-sided sentence's tooltip says: that only this side says it, and the closest
    sentence the other side has, so the reader can judge for themselves."""
    text = f"Only {name} says this."
    if near is not None and near.other is not None:
        theirs = c.b_text if side == "a" else c.a_text
        sentence = " ".join(theirs[near.other[0]:near.other[1]].split())
        if len(sentence) > CLOSEST_CHARS:
            sentence = sentence[: CLOSEST_CHARS - 1] + "…"
        text += f" Closest in {other} (score {near.score:.2f}): “{sentence}”"
    return text
