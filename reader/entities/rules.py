"""Span-level corrections of the model's entities: what belongs to a name and what does not.

Titles, articles, possessives and web-page words are trimmed; junk spans are dropped; a span
that swallowed a neighbouring place or organisation ("Japan Nikolay Nozdrev") is split.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from reader.entities.lexicon import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


class Cand(NamedTuple):
    """A candidate entity: token offsets [start, end) into the Doc and a label."""

    start: int
    end: int
    label: str


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_ARTICLES = frozenset({"the", "a", "an"})
# Lower-case words a leading modifier can be ("the southern Kuril Islands", "former ...").
_MODIFIER_TAGS = frozenset({"DT", "JJ", "JJR", "JJS", "RB", "PRP$", "VBN", "PDT"})
_INITIALS = re.compile(r"^[A-Z]\.(?:[A-Z]\.)?$")
_SCORE = re.compile(r"^(?:\d{3,}|\d+[-/]\d+|\d{1,3}(?:,\d{3})+)$")
_NO_NUMBERS = frozenset({"PERSON", "GPE", "LOC", "NORP"})
_FUNCTION_TAGS = frozenset({"DT", "IN", "CC", "TO", "PRP$", "WDT"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
# Tags a single capitalised word has when the model took an ordinary word for a name.
_COMMON_TAGS = frozenset(
    "VB VBD VBG VBP VBZ NN NNS RB RBR IN DT PRP PRP$ MD CC WDT WP WRB UH".split()  # noqa: SIM905
)


def is_namelike(tok: Token) -> bool:
    """A word that can start or end a name: capitalised, an acronym, or a number."""
    t = tok.text
    return bool(t) and (t[0].isupper() or t[0].isdigit())


def is_place(text: str, doc_places: set[str]) -> bool:
    lex = lexicon()
    return text in lex.countries or text in doc_places


def place_label(text: str) -> str:
    return "NORP" if text in lexicon().demonyms else "GPE"


def trim(doc: Doc, c: Cand) -> list[Cand]:
    """The span without its edges that are not name (articles, titles, punctuation, page
    furniture); an honorific makes it a person; a title inside splits it. Empty if junk."""
    lex = lexicon()
    s, e, label = c
    while s < e and (doc[s].is_space or doc[s].is_punct):
        s += 1
    # A name never runs over a line break, and people and places do not end in numbers
    # ("D. Robinson 72"); scores and counts end organisations' names too ("Durham 326").
    named = False  # a number only ends a name after some of it ("the 2006 FA Cup" is whole)
    for i in range(s + 1, e):
        word = doc[i].text
        named = named or doc[i - 1].is_title or doc[i - 1].is_upper
        digits = any(ch.isdigit() for ch in word)
        if "\n" in word or (
            named and digits and (label in _NO_NUMBERS or (label == "ORG" and _SCORE.match(word)))
        ):
            e = i
            break
    # Trailing punctuation, function words and spaces go; a full stop glued to the word stays.
    while e > s and (
        doc[e - 1].is_space
        or (doc[e - 1].is_lower and doc[e - 1].tag_ in _FUNCTION_TAGS)
        or (doc[e - 1].is_lower and doc[e - 1].tag_ in ("NN", "NNS") and _named_before(doc, s, e))
        or (doc[e - 1].text in _POSSESSIVE and _possessive(doc, e))
        or (
            doc[e - 1].is_punct
            and not (doc[e - 1].text == "." and e - 1 > s and not doc[e - 2].whitespace_)
        )
    ):
        e -= 1
    if e - s > 1 and phrase_key_of(doc, e - 1, 1) in lex.honorifics:
        e -= 1  # "Describing Mr" + "Jackson": an honorific never ends a name
    if label == "ORG" and e - s > 1 and doc[e - 1].text == "Flight" and _number_at(doc, e):
        e -= 1  # "Air France Flight 447": the airline, then a flight number
    if e - s > 1 and _not_a_name_word(doc, s):
        s += 1  # "Following Romney", "Lyin' Ted"
    if (
        label == "PERSON"
        and e - s > 1
        and _adjective(doc[e - 2])
        and lex.match(lex.titles, [doc[e - 1].text])
    ):
        e -= 1  # "Toughest Sheriff": an adjective and a title ("John Major" stays)
    out: list[Cand] = []
    while s < e:
        tok = doc[s]
        words = [t.text for t in doc[s:e]]
        modifier = tok.is_lower and tok.tag_ in _MODIFIER_TAGS and tok.whitespace_  # not "non-"
        if tok.lower_ in _ARTICLES or modifier:
            s += 1
            continue
        if lex.match(lex.ui_words, words) and _whole_line(doc, s, e):
            return []  # "Category Asia", "Read more": page furniture, not a mention
        n = lex.match(lex.titles, words)
        if n and s + n < e and is_namelike(doc[s + n]):
            key = phrase_key_of(doc, s, n)
            if key in lex.honorifics and doc[s].is_title:
                label = "PERSON"
            elif key in _ROLES and e - (s + n) >= 2 and all(t.is_title for t in doc[s + n : e]):
                label = "PERSON"  # "Spokeswoman Sandy Angers", whatever the model said
            if label == "PERSON":
                s += n
                continue
        break
    # A title inside a span ends whatever named the title's organisation or country
    # ("Kremlin spokesman Dmitry Peskov"): the words after it are the person.
    for i in range(s + 1, e - 1):
        n = lex.match(lex.titles, [t.text for t in doc[i:e]])
        if n and i + n < e and is_namelike(doc[i + n]) and (label == "PERSON" or doc[i].is_lower):
            head = doc[s:i].text
            if head in lex.countries or head in lex.demonyms:
                out.append(Cand(s, i, place_label(head)))
            elif all(t.tag_ in ("NNP", "NNPS") for t in doc[s:i]):  # not "Describing Mr X"
                out.append(Cand(s, i, "ORG"))
            s, label = i + n, "PERSON"
            break
    if s >= e or is_junk(doc, s, e, label):
        return out
    # "G. Thorpe", "D.A. Weibring": initials before a capitalised word make a person's name.
    first = doc[s].text
    rest_title = all(t.is_title for t in doc[s + 1 : e])
    if _INITIALS.match(first) and first not in lex.countries and e - s >= 2 and rest_title:
        label = "PERSON"
    out.append(Cand(s, e, label))
    return out


# Verb and preposition forms that open a sentence before a name ("Following Romney, ...").
_OPENING_TAGS = frozenset({"VBG", "VBN", "VBD", "IN", "RB", "CC", "WRB"})


def _not_a_name_word(doc: Doc, i: int) -> bool:
    """A sentence's first word that is a verb or preposition ("Following"), or a word with
    its final g dropped ("Lyin'"): never the first word of a name."""
    tok = doc[i]
    if tok.is_sent_start and tok.tag_ in _OPENING_TAGS and tok.is_title:
        return True
    return _g_dropped(doc, i)


def _g_dropped(doc: Doc, i: int) -> bool:
    """ "Lyin'" (lying): a word in -in with the apostrophe glued to it."""
    tok = doc[i]
    glued = i + 1 < len(doc) and not tok.whitespace_ and doc[i + 1].text in ("'", "’")
    return glued and tok.text.endswith("in") and not (i + 2 < len(doc) and doc[i + 2].lower_ == "s")


# Titles that only ever introduce a person (not "General Motors", "Chief Justice").
_ROLES = frozenset(
    (w,) for w in ("spokesman", "spokeswoman", "spokesperson", "senator", "president",
                   "minister", "ceo", "coach", "congressman", "congresswoman", "governor",
                   "mayor", "ambassador", "chairman", "chairwoman")
)  # fmt: skip


def _named_before(doc: Doc, s: int, e: int) -> bool:
    """ "Interfax news agency": common nouns trail a name only after a capitalised word."""
    return any(t.is_title or t.is_upper for t in doc[s : e - 1]) and not any(
        t.is_lower and t.tag_ not in ("NN", "NNS") for t in doc[s : e - 1]
    )


def _adjective(tok: Token) -> bool:
    """An adjective, or a superlative the tagger took for a name ("Toughest")."""
    return tok.tag_ in ("JJ", "JJS", "JJR") or (len(tok) > 5 and tok.lower_.endswith("est"))


def _number_at(doc: Doc, i: int) -> bool:
    return i < len(doc) and doc[i].text[:1].isdigit()


def _possessive(doc: Doc, e: int) -> bool:
    """Whether the "'s" ending a span is a possessive ("Japan's Foreign Ministry") rather than
    part of the name ("Standard & Poor's said", "McDonald's")."""
    return e < len(doc) and doc[e].tag_[:2] in ("NN", "JJ", "CD", "VB") and doc[e].tag_ != "VBD"


def _whole_line(doc: Doc, s: int, e: int) -> bool:
    """The span is all there is on its line (a menu entry, a tag, a button), as opposed to
    a page word opening a name in a sentence ("the Home Office said")."""
    before = s == 0 or "\n" in doc[s - 1].text or doc[s - 1].is_space
    after = e == len(doc) or "\n" in doc[e].text_with_ws or doc[e - 1].text_with_ws.endswith("\n")
    return before and after


def phrase_key_of(doc: Doc, start: int, n: int) -> tuple[str, ...]:
    return tuple(t.lower_.rstrip(".") for t in doc[start : start + n])


_CALENDAR = [
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
_COMPASS = frozenset({"West", "East", "North", "South"})


def _misspelt_calendar_word(word: str) -> bool:
    """ "Wednedsay", "Thrusday": a day or month name with a typo (one edit in short words,
    two in long ones), which the model takes for a name."""
    from rapidfuzz.distance import Levenshtein

    if len(word) < 5 or not word.istitle() or word in _CALENDAR:
        return False
    allowed = 2 if len(word) >= 7 else 1
    return any(
        w[0] == word[0] and Levenshtein.distance(w, word, score_cutoff=allowed) <= allowed
        for w in _CALENDAR
    )


def is_junk(doc: Doc, s: int, e: int, label: str) -> bool:
    """Spans that are no name: all lower case, page furniture, unit abbreviations, ordinary
    words capitalised at the start of a sentence."""
    toks = doc[s:e]
    text = toks.text
    if not any(is_namelike(t) for t in toks):
        return True
    lex = lexicon()
    if text in lex.not_names or lex.match(lex.ui_words, [t.text for t in toks]) == len(toks):
        return True
    if e - s == 1:
        tok = doc[s]
        if len(tok.text) == 2 and tok.text[1] == "." and tok.text[0].isupper():
            return True  # a lone initial ("U.S." is a name)
        if tok.is_title and tok.is_sent_start and tok.tag_ in _COMMON_TAGS:
            return True
        if _misspelt_calendar_word(text) or _g_dropped(doc, s):
            return True  # "Wednedsay", "Lyin'"
        if label == "PERSON" and _adjective(tok) and e < len(doc) and doc[e].is_title:
            return True  # "Toughest" (Sheriff)
        if label in ("GPE", "LOC") and text in _COMPASS and (s == 0 or doc[s - 1].lower_ != "the"):
            return True  # "West" alone is a direction or a surname; "the West" stays a region
        if label == "NORP" and tok.tag_ in ("NN", "NNS") and text not in lex.demonyms:
            return True
    return False


def split_swallowed(doc: Doc, c: Cand, doc_places: set[str], persons: set[str]) -> list[Cand]:
    """Split "Japan Nikolay Nozdrev" into GPE + PERSON when a place or demonym opens a span and
    what follows is a person: named so elsewhere in the text, tagged PERSON, or after a title."""
    s, e, label = c
    if e - s < 2:
        return [c]
    lex = lexicon()
    before = [t.text for t in doc[max(0, s - 4) : s]]
    after_title = any(lex.match(lex.titles, before[i:]) for i in range(len(before)))
    for k in range(1, min(3, e - s - 1) + 1):
        head, rest = doc[s : s + k].text, doc[s + k : e]
        if not (is_place(head, doc_places) or head in lex.demonyms):
            continue
        if not all(t.is_title and t.is_alpha for t in rest):
            continue
        known = rest.text in persons or rest[-1].text in persons
        if known or (len(rest) >= 2 and (after_title or label == "PERSON")):
            return [Cand(s, s + k, place_label(head)), Cand(s + k, e, "PERSON")]
    return [c]
