"""The Mention record: one name found in a text, with its type and its canonical name.

Offsets are Python string indices into the text that was analysed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

# The OntoNotes labels kept; numbers, dates and times belong to other parts of the program.
LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT"}
)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    label: str
    canonical: str

    def to_json(self) -> dict:
        return asdict(self)
