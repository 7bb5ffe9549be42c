"""Who is quoted: the speaker of each quotation, read from the sentence around it.

The speaker is the named person or body the sentence gives, after the quotation (`“…,” X
said`, `“…,” said X`, `said the spokesman, X`, `X, the spokesman, said`, `…“…”, spokesman X
has said`) or before it (`X said the government aimed “…”`, `according to X`, `X disagreed,
tweeting that “…”`). "He said" and "she said" resolve to the nearest person named before the
quotation (not a possessive, not someone inside another's apposition, not a Ms for "he");
"the spokesman said" to the person introduced as spokesman; a quotation standing alone after
another continues its speaker. Names are given in the fullest form the article uses first
("Peskov" -> "Dmitry Peskov"). Quotations themselves are blanked out before any of this: the
words inside are the speaker's, not the attribution.
"""

from __future__ import annotations

import bisect
import re
from functools import cache, cached_property

from reader.compare.sentences import split_sentences
from reader.entities.lexicon import lexicon
from reader.entities.names import clean_name

Person = tuple[int, int, str]  # start, end, name (the entity layer's PERSON mentions)

_VERB = (
    r"(?:said|says|say|told|tells|added|adds|stressed|noted|stated|warned|acknowledged|"
    r"insisted|claimed|wrote|writes|asked|explained|argued|responded|replied|declared|"
    r"announced|continued|emphasi[sz]ed|remarked|tweeted|posted|recalled|complained|"
    r"admitted|conceded|suggested|urged|called|described|described it as|labell?ed|reported|"
    r"repeated|recounts|recounted|accused|dismissed|denounced|branded|hailed|praised|slammed|critici[sz]ed|"
    r"weighed in|went on to (?:say|add|note|stress)|"
    r"(?:was|were) quoted(?: by [^,.;_]{1,40}?)? as (?:saying|telling))"
)
_AUX = r"(?:(?:has|have|had|was|were|would|will|also|later|then|once|previously|reportedly)\s+)*"
# A name: up to five capitalised words ("Kremlin spokesman" breaks at the lower-case word).
# A word of a name keeps a full stop only as an initial or a title ("J.", "Mr."): "Moon Jae-in.
# Kim said" is two names.
_WORD = r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|St|Jr|Sr|Prof|Rev)\.|[A-Z]\.|[A-Z][\w’'-]*)"
_NAME = rf"(?:{_WORD}\s+){{0,4}}[A-Z][\w’'-]*[\w’']"
_PRONOUN = r"(?:he|she|He|She)"
_ROLE = r"(?:[Tt]he|[Aa]n?|[Aa]nother)\s+(?:[\w’'-]+\s+){0,3}?(?P<role>[a-z][\w-]+)"
# The subject of a speech verb: a name (with its apposition, "X, the spokesman,"), a pronoun or
# a role ("the Kremlin spokesman").
_SUBJECT = (
    rf"(?:(?P<pronoun>{_PRONOUN})\b"
    # the spokesman, X, / Iran's deputy foreign minister, X,
    rf"|(?:[Tt]he\s+|[Aa]n?\s+|[A-Z][\w-]*['’]s\s+)[^,;_]{{1,60}}?,\s+(?![RDI]-[A-Z])(?P<appos>{_NAME}),"
    rf"|(?:the\s+)?(?P<name>{_NAME})(?:(?:,\s+[^,;_]{{1,100}}?){{1,2}},)?"  # X, an adviser …,
    rf"|{_ROLE})"
)

# After the quotation: “…,” Peskov said / “…,” the spokesman, Peskov, added
# (… Los Angeles lawyer Nora Phillips told: words before the name that a name follows)
_AFTER_SUBJECT = re.compile(
    rf"^[\s,]*(?:[—–-]\s*)?(?:(?:[A-Z][\w’'-]*|[a-z]+(?=\s+[A-Z]))\s+){{0,3}}?"
    rf"{_SUBJECT}\s+{_AUX}{_VERB}\b"
)
# “…,” said Peskov / “…,” said the spokesman, Dmitry Peskov / “…,” said Kremlin spokesman Peskov
_AFTER_VERB = re.compile(
    rf"^[\s,]*(?:[—–-]\s*)?{_VERB}\s+(?:(?:the|a|an)\s+[^,;_]{{1,60}}?,\s+(?P<named>{_NAME})"
    rf"|(?:(?:the\s+)?[a-z0-9][\w-]*\s+){{0,2}}{_SUBJECT})"
)
# …“…” due to Tokyo's stance, spokesman Dmitry Peskov has said.
_AFTER_CLOSING = re.compile(
    rf",\s+(?:[\w’'-]+\s+){{0,3}}?{_SUBJECT}\s+{_AUX}{_VERB}"
    r"(?:\s+(?:on|in|at|to)\s+[\w’'-]+){0,2}\s*[.!]?\s*$"
)
_ACCORDING_AFTER = re.compile(rf"^[\s,]*(?:[—–-]\s*)?according to\s+{_SUBJECT}")
# Before the quotation, in its sentence: Peskov said the government aimed “…” (the last one).
_BEFORE = re.compile(rf"(?<![\w’']){_SUBJECT}\s+{_AUX}{_VERB}\b")
# … Pelosi, D-Calif., disagreed, tweeting that the memos “…”: the sentence's subject speaks.
_PARTICIPLE = re.compile(
    r",\s+(?:saying|adding|noting|tweeting|writing|arguing|insisting|warning|stressing|"
    r"explaining|declaring|calling|describing|dubbing|labell?ing|branding|accusing|"
    r"telling\s+[\w’'-]+)\b"
)
# A name's apposition that may name someone else: "Rick Tyler, a consultant who worked for".
_APPOSITION = re.compile(r",\s+(?:an?|the|who|whose|former|[\w-]+['’]s)\b[^.;]*$")
_ACCORDING_BEFORE = re.compile(rf"[Aa]ccording to\s+{_SUBJECT}\s*,?\s*$")

# Where people are named outside the entity layer: a run of capitalised words with a title in
# it or before it ("Prime Minister Sanae Takaichi", "spokesman Dmitry Peskov"), or the subject
# of a speech verb.
_RUN = re.compile(rf"(?<![\w’'.-]){_WORD}(?:[ \t]+{_WORD})*")
_SPEECH_VERB = re.compile(rf"\b(?:{_VERB}|responded)\b")
_SPEAKER_BEFORE = re.compile(rf"(?<![\w’'])(?P<name>{_NAME})(?:,\s+[^,;_]{{1,100}}?,)?\s+{_AUX}$")
_TITLE_OF = re.compile(r"\b[A-Z][a-z]+\s+of\s+$")
_SPOKEN = re.compile(rf"\b{_VERB}\s+(?P<name>{_NAME})(?=,\s+(?:an?|the|who|former)\b|\.)")
# Words of bodies and places that speak through people ("the White House said").
_BODY_WORDS = frozenset(
    """House Kremlin Ministry Department Office Council Committee Party Union Government
    Agency Court Senate Congress Administration Media News Times Post Bureau Service Commission
    Parliament Embassy Army Police Church University Institute Foundation Bank Group Company
    Corporation Inc Association Organization Organisation Network Journal Press Television
    Radio Agency Islands Street Road Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    January February March April May June July August September October November December
    """.split()  # noqa: SIM905
)
# Roles that stand for a person ("the spokesman added"); "the ministry said" names no one.
_PERSON_ROLES = frozenset(
    """spokesman spokeswoman spokesperson official minister president premier ambassador envoy
    diplomat senator lawmaker congressman congresswoman governor mayor secretary director
    chairman chairwoman leader chief prosecutor lawyer attorney judge commissioner aide adviser
    advisor analyst expert professor economist general commander officer""".split()  # noqa: SIM905
)
_FEMALE_TITLES = frozenset({"ms", "mrs", "miss", "madam", "madame", "dame", "lady"})


class Speakers:
    """What an article says around its quotations (`masked`: the text with them blanked out,
    same offsets): its sentences, the people it names, their genders."""

    def __init__(self, text: str, masked: str, people: list[Person]) -> None:
        self.text, self.masked = text, masked
        self.sentences = split_sentences(text)
        self.starts = [s for s, _ in self.sentences]
        self._given = sorted(people)

    @cached_property
    def people(self) -> list[Person]:
        """The entity layer's people and those the text shows, in text order (found when a
        quotation first needs them)."""
        taken = {i for s, e, _ in self._given for i in range(s, e)}
        found = [p for p in self._people_in_text() if not taken.intersection((p[0], p[1] - 1))]
        return sorted(self._given + found)

    @cached_property
    def gender(self) -> dict[str, str]:
        return self._genders()

    # -- where a quotation sits
    def _sentence(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i < 0:
            return 0, len(self.text)
        return self.sentences[i]

    def stands_alone(self, open_at: int, close_end: int, previous_end: int) -> bool:
        """The quotation is its sentence (nothing but marks and punctuation around it) and
        follows the last one within its paragraph or the next."""
        start, _ = self._sentence(open_at)
        _, end = self._sentence(max(open_at, close_end - 1))
        rest = self.masked[start:open_at] + self.masked[close_end:end]
        between = self.text[previous_end:open_at]
        return not re.search(r"\w", rest) and between.count("\n") <= 2

    # -- who speaks
    def speaker(self, open_at: int, close_end: int) -> str | None:
        s_start, _ = self._sentence(open_at)
        _, s_end = self._sentence(max(open_at, close_end - 1))
        after = self.masked[close_end:s_end]
        if not after.strip():  # “… continue?” Trump tweeted. (the sentence broke at the mark)
            _, next_end = self._sentence(s_end + 1)
            after = self.masked[close_end:next_end] if next_end - s_end < 60 else after
        before = self.masked[s_start:open_at]
        for pattern in (_AFTER_SUBJECT, _ACCORDING_AFTER):
            if m := pattern.match(after):
                return self._resolve(m, open_at)
        if m := _AFTER_VERB.match(after):
            if m.group("named"):
                return self._full(m.group("named"), close_end)
            return self._resolve(m, open_at)
        if m := _ACCORDING_BEFORE.search(before):
            return self._resolve(m, open_at)
        found = list(_BEFORE.finditer(before))
        participles = list(_PARTICIPLE.finditer(before))
        if participles and (not found or participles[-1].start() > found[-1].start()):
            return self._subject(s_start, s_start + participles[-1].start())
        if found:
            return self._resolve(found[-1], open_at)
        if m := _AFTER_CLOSING.search(after):
            return self._resolve(m, open_at)
        return None

    def _subject(self, start: int, end: int) -> str | None:
        """Who does what a sentence's participle says ("Pelosi, D-Calif., disagreed, tweeting
        that …"): the first person it names, or the person its opening pronoun stands for."""
        for s, e, name in self.people:
            if start <= s < end and not self._possessive(e):
                return self._full(name, end)
        if m := re.match(rf"\s*(?:[A-Z][\w’'-]*,\s+)?({_PRONOUN})\b", self.masked[start:end]):
            return self._antecedent(start, m.group(1).lower())
        return None

    def _resolve(self, m: re.Match, pos: int) -> str | None:
        groups = m.groupdict()
        if groups.get("name") or groups.get("appos"):
            return self._full(groups.get("name") or groups["appos"], pos)
        if groups.get("pronoun"):
            return self._antecedent(pos, groups["pronoun"].lower())
        if groups.get("role"):
            return self._role_holder(pos, groups["role"])
        return None

    def _full(self, raw: str, pos: int | None = None) -> str | None:
        """The fullest form of a name the article gives before `pos` ("Peskov" -> "Dmitry
        Peskov"); a surname two full names end with, or used before the full name, stays."""
        name = _trim_name(raw)
        if not name:
            return None
        known = [n for s, _, n in self.people if " " in n and (pos is None or s < pos)]
        if " " in name:  # "State Mike Pompeo" (of "Secretary of State") is "Mike Pompeo"
            return next((n for n in known if name.endswith(" " + n)), name)
        fuller = {n for n in known if n.split()[-1] == name}
        if len(fuller) != 1:
            return name
        full = fuller.pop()
        # News names a person in full first: a bare "Trump" before "Melania Trump" is another.
        first_full = min(s for s, _, n in self.people if n == full)
        alone = [s for s, _, n in self.people if n == name]
        return name if alone and min(alone) < first_full else full

    def _antecedent(self, pos: int, pronoun: str) -> str | None:
        """The person named last before `pos` that `pronoun` can stand for."""
        before = [p for p in self.people if p[0] < pos]
        for start, end, name in reversed(before):
            sentence = self._sentence(start)
            earlier = [(s, e) for s, e, _ in before if s < start and self._sentence(s) == sentence]
            if self._possessive(end) and any(not self._possessive(e) for _, e in earlier):
                continue  # "Mr. Trump alluded to Mr. Pompeo's mission when he said": Trump
            if any(_APPOSITION.match(self.masked, e, start) for _, e in earlier):
                continue  # "said Rick Tyler, a consultant who worked for Cruz": Tyler
            full = self._full(name, pos) or name
            if self.gender.get(full, pronoun) == pronoun:
                return full
        return None

    def _possessive(self, end: int) -> bool:
        return self.text[end - 2 : end] in ("'s", "’s") or self.text[end : end + 2] in ("'s", "’s")

    def _role_holder(self, pos: int, role: str) -> str | None:
        """The person named with this role before `pos` ("spokesman Dmitry Peskov",
        "Dmitry Peskov, the Kremlin spokesman"); the nearest if several."""
        role = role.lower()
        if role not in _PERSON_ROLES:
            return None
        titled = re.compile(rf"\b{re.escape(role)}\s+(?:[A-Z][\w’'.-]*\s+){{0,2}}$", re.I)
        apposed = re.compile(
            rf",\s+(?:the\s+|an?\s+)?(?:[\w’'-]+\s+){{0,4}}?{re.escape(role)}\b", re.I
        )
        for start, end, name in reversed(self.people):
            if start >= pos:
                continue
            if titled.search(self.masked, max(0, start - 40), start) or apposed.match(
                self.masked, end, end + 60
            ):
                return self._full(name, pos)
        return None

    # -- people named in the text
    def _people_in_text(self) -> list[Person]:
        """People the text names, when the entity layer gave none: capitalised words with a
        title in or before them, subjects and objects of speech verbs (not bodies such as
        "the White House"), and later mentions of their surnames."""
        found: dict[int, Person] = {}
        for m in _RUN.finditer(self.masked):
            start, end = m.start(), m.start() + len(m.group().rstrip("."))
            run = self.masked[start:end]
            if title_of := _TITLE_OF.search(self.masked[max(0, start - 30) : start]):
                run = title_of.group() + run  # "Secretary of State Mike Pompeo"
            if _titled(self.masked[max(0, start - 40) : start].split()[-2:], run):
                _add_person(found, start, end, run)
        speaking = (  # the subject of a speech verb, found from the verb (a cheap search)
            s for v in _SPEECH_VERB.finditer(self.masked)
            if (s := _SPEAKER_BEFORE.search(self.masked, max(0, v.start() - 160), v.start()))
        )
        for said in (*speaking, *_SPOKEN.finditer(self.masked)):
            if said.start("name") not in found:
                _add_person(found, said.start("name"), said.end("name"), said.group("name"))
        surnames = {name.split()[-1]: name for _, _, name in found.values() if " " in name}
        for m in _RUN.finditer(self.masked):
            word = m.group().rstrip(".")
            if word in surnames and m.start() not in found:
                found[m.start()] = (m.start(), m.start() + len(word), word)
        return sorted(found.values())

    def _genders(self) -> dict[str, str]:
        """ "he" or "she" for people the text calls Mr or Ms."""
        out: dict[str, str] = {}
        for m in re.finditer(rf"\b(Mr|Mrs|Ms|Miss|Sir|Dame|Lady|Lord|Madam)\.?\s+({_NAME})",
                             self.masked):
            name = self._full(m.group(2), m.start())
            if name:
                out[name] = "she" if m.group(1).lower() in _FEMALE_TITLES else "he"
        return out


def _titled(before: list[str], run: str) -> bool:
    """A title just before the words ("spokesman Dmitry Peskov") or among them ("Prime
    Minister Sanae Takaichi", "Japan's Foreign Minister Yoko Kamikawa")."""
    lex, starts = lexicon(), _title_starts()
    if any(lex.match(lex.titles, before[i:]) == len(before) - i
           for i in range(len(before)) if before[i].lower().rstrip(".") in starts):
        return True
    words = re.split(r"\S+['’]s\s+", run)[-1].split()
    return any(lex.match(lex.titles, words[i:]) and i + 1 < len(words)
               for i in range(len(words)) if words[i].lower().rstrip(".") in starts)


@cache
def _title_starts() -> frozenset[str]:
    """First words of the titles (a quick test before matching whole titles)."""
    return frozenset(phrase[0] for phrase in lexicon().titles)


def _add_person(found: dict[int, Person], start: int, end: int, run: str) -> None:
    name = _trim_name(run)
    lex = lexicon()
    if (
        name
        and name not in lex.countries
        and name not in lex.cities
        and name.split()[0] != "The"
        and not _BODY_WORDS.intersection(name.split())
    ):
        found[start] = (start, end, name)


def _trim_name(name: str) -> str | None:
    """A speaker's name without titles, a leading "The", a possessive owner ("Japan's Foreign
    Ministry" -> "Foreign Ministry") or a country before a name ("Japan Nikolay Nozdrev")."""
    name = re.split(r"\S+['’]s\s+", name)[-1]
    name = re.sub(r"['’]s?$", "", name)
    name = clean_name(name, "PERSON").strip()
    words = name.split()
    lex = lexicon()
    while len(words) > 2 and (words[0] in lex.countries or words[0] in lex.demonyms):
        words = words[1:]
    if not words or words[0].lower() in ("he", "she", "it", "they", "this", "that"):
        return None
    return " ".join(words)
