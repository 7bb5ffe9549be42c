"""Named entities in news text: people, organisations, places, groups, events and laws.

`recognize` finds the mentions of one text; `EntityResolver` links them into library-wide
entities (`entity_key` names a spelling, `group_entities` groups a batch of names at once).
"""

from reader.entities.aliases import EntityResolver, LibraryEntity, entity_key, group_entities
from reader.entities.mention import LABELS, Mention
from reader.entities.recognize import recognize

__all__ = [
    "LABELS",
    "EntityResolver",
    "LibraryEntity",
    "Mention",
    "entity_key",
    "group_entities",
    "recognize",
]
