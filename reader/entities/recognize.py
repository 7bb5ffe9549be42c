"""Entity recognition for one text: the spaCy model's spans, corrected by document-level rules.

spaCy is imported only when a text is analysed (through `reader.nlp.get_nlp`).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from reader.entities import document, rules
from reader.entities.aliases import document_canonicals
from reader.entities.descriptors import describe
from reader.entities.mention import LABELS, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc


def rules_enabled() -> bool:
    """Rules are on unless READER_ENTITY_RULES=0 (used by bench/conll_eval.py to score the raw
    model through the command line)."""
    return os.environ.get("READER_ENTITY_RULES", "1") != "0"


def recognize(text: str, doc: Doc | None = None, *, use_rules: bool | None = None) -> list[Mention]:
    """The named entities of `text` in reading order. `doc` is a spaCy Doc of `text` if one
    was already made (the date tagger shares it)."""
    if doc is None:
        from reader.nlp import get_nlp

        doc = get_nlp()(text)
    if use_rules is None:
        use_rules = rules_enabled()
    spans = [rules.Cand(e.start, e.end, e.label_) for e in doc.ents if e.label_ in LABELS]
    if use_rules:
        spans = document.apply(doc, spans, text)
    spans.sort(key=lambda c: c.start)
    starts = [c.start for c in spans]
    if use_rules:
        spans, starts = describe(doc, spans)
    names = [doc[c.start : c.end].text for c in spans]
    canon = document_canonicals(doc, spans) if use_rules else [" ".join(n.split()) for n in names]
    out = []
    for c, start, canonical in zip(spans, starts, canon, strict=True):
        # The mention may open with a descriptor ("aircraft manufacturer Boeing"); the
        # canonical name is the name's alone.
        first, last = doc[start], doc[c.end - 1]
        written = doc[start : c.end].text
        out.append(Mention(first.idx, last.idx + len(last.text), written, c.label, canonical))
    return out
