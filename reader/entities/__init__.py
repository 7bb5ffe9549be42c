"""Named entities in news text: people, organisations, places, groups, events and laws.

`recognize` finds the mentions of one text; `aliases` links them into library-wide entities.
"""

from reader.entities.aliases import EntityResolver, entity_key, group_entities
from reader.entities.mention import LABELS, Mention
from reader.entities.recognize import recognize

__all__ = ["LABELS", "EntityResolver", "Mention", "entity_key", "group_entities", "recognize"]
