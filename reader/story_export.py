"""A story view as one self-contained HTML file: outlets as columns, facts as rows, then who
names whom (an entity x outlet grid) and the story's dates, each with where each article gives
it.

Like the comparison's export (compare_export.py): inline styles, no scripts, every piece of
article text escaped. No Qt here.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

from reader.compare import KIND_LABELS
from reader.story_facts import StoryFacts

log = logging.getLogger(__name__)

_SANS = "font-family:system-ui,-apple-system,'Segoe UI',sans-serif"
_CELL = "border:1px solid #d8d8dc;padding:6px 8px;vertical-align:top;font-size:14px"
_EMPTY = "background:#f2f2f4"
_ONLY = "#b5542a"


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _header_cells(facts: StoryFacts, first: str) -> str:
    """The table's header row: a first column, then one per article (its outlet)."""
    return f'<tr><th style="{_CELL};width:{first}"></th>' + "".join(
        f'<th style="{_CELL};{_SANS};text-align:left;background:#fafafa">'
        f"{_esc(r.outlet or '(no outlet)')}</th>"
        for r in facts.articles
    ) + "</tr>"


def _names_section(facts: StoryFacts) -> str:
    """Who names whom: one row per entity, a mark where an outlet's article names it."""
    if not facts.entities:
        return (f'<p style="{_SANS};color:#6b6b70">No names yet: they appear once analysis has '
                "found them in these articles.</p>")
    rows = []
    for entity in facts.entities:
        cells = "".join(
            f'<td style="{_CELL};text-align:center" title="{_esc(r.outlet or "This article")} '
            f'names {_esc(entity.name)}">●</td>' if r.id in entity.articles
            else f'<td style="{_CELL};{_EMPTY}" title="{_esc(r.outlet or "This article")} does '
                 f'not name {_esc(entity.name)}"></td>'
            for r in facts.articles
        )
        rows.append(
            f'<tr><td style="{_CELL};{_SANS}">{_esc(entity.name)} '
            f'<span style="color:#6b6b70">{_esc(entity.label)}</span></td>{cells}</tr>'
        )
    return _table(facts, "14em", rows)


def _dates_section(facts: StoryFacts) -> str:
    """The story's dates in calendar order: where each article gives each one."""
    if not facts.dates:
        return f'<p style="{_SANS};color:#6b6b70">These articles give no dates.</p>'
    rows = []
    for date in facts.dates:
        cells = []
        for r in facts.articles:
            place = date.places.get(r.id)
            if place is None:
                cells.append(f'<td style="{_CELL};{_EMPTY}"></td>')
            else:
                sentence = " ".join(place[2].split())
                text = _esc(sentence) if sentence else '<i style="color:#6b6b70">published</i>'
                cells.append(f'<td style="{_CELL}">{text}</td>')
        rows.append(f'<tr><td style="{_CELL};{_SANS};white-space:nowrap">{_esc(date.label)}</td>'
                    f"{''.join(cells)}</tr>")
    return _table(facts, "10em", rows)


def _table(facts: StoryFacts, first: str, rows: list[str]) -> str:
    return (
        '<table style="border-collapse:collapse;width:100%;table-layout:fixed;'
        f'font-family:Georgia,serif">{_header_cells(facts, first)}\n' + "\n".join(rows)
        + "\n</table>"
    )


def story_html(facts: StoryFacts) -> str:
    story = facts.story
    first = story.first.iso() if story.first else "undated"
    last = story.last.iso() if story.last else first
    span = first if last == first else f"{first} – {last}"
    shared = sum(f.outlets > 1 for f in facts.facts)
    head = "".join(
        f'<th style="{_CELL};text-align:left;background:#fafafa">'
        f"{_esc(r.outlet or '(no outlet)')}<br><span style=\"font-weight:normal;color:#6b6b70\">"
        f"{_esc(r.published.iso() if r.published else 'undated')} · "
        f"{_esc(r.title or '(untitled)')}</span></th>"
        for r in facts.articles
    )
    rows = []
    for fact in facts.facts:
        alone = fact.outlets == 1
        label = (
            f'<span style="color:{_ONLY}">only here</span>' if alone
            else f"<b>{fact.outlets} outlets</b><br>"
                 f"<span style=\"color:#6b6b70\">{_esc(fact.kind or '')}</span>"
        )
        tip = "Only one outlet reports this" if alone else KIND_LABELS.get(fact.kind or "", "")
        cells = []
        for r in facts.articles:
            span_ = fact.sentences.get(r.id)
            if span_ is None:
                cells.append(f'<td style="{_CELL};{_EMPTY}"></td>')
            else:
                text = " ".join(facts.texts[r.id][span_[0]:span_[1]].split())
                cells.append(f'<td style="{_CELL}">{_esc(text)}</td>')
        rows.append(
            f'<tr><td style="{_CELL};{_SANS};white-space:nowrap" title="{_esc(tip)}">'
            f"{label}</td>{''.join(cells)}</tr>"
        )
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>{_esc('Story: ' + story.title)}</title></head>\n"
        f'<body style="margin:24px;color:#1a1a1a;background:#fff">\n'
        f'<h1 style="{_SANS};font-size:22px;margin:0 0 6px">{_esc(story.title)}</h1>\n'
        f'<p style="{_SANS};color:#6b6b70;margin:0 0 16px">{_esc(span)} · '
        f"{len(facts.articles)} articles from {len(story.outlets)} outlets · {shared} facts "
        f"reported by two or more outlets, {len(facts.facts) - shared} by one only</p>\n"
        '<table style="border-collapse:collapse;width:100%;table-layout:fixed;'
        f'font-family:Georgia,serif"><tr><th style="{_CELL};width:7em"></th>{head}</tr>\n'
        + "\n".join(rows)
        + "\n</table>\n"
        f'<h2 style="{_SANS};font-size:18px;margin:28px 0 8px">Who names whom</h2>\n'
        + _names_section(facts)
        + f'\n<h2 style="{_SANS};font-size:18px;margin:28px 0 8px">Dates</h2>\n'
        + _dates_section(facts)
        + f'\n<p style="{_SANS};font-size:12px;color:#6b6b70;margin-top:28px">'
        "Exported from Reader.</p>\n</body></html>\n"
    )


def write_html(path: Path, facts: StoryFacts) -> Path:
    path.write_text(story_html(facts), encoding="utf-8")
    log.info("story exported to %s", path)
    return path
