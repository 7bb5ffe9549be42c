"""The types the normaliser and its helpers (dates, periods, relative) share: the `Context`
around one expression and the `Value` they give back. Kept apart so none imports another's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reader.timex.anchoring import Tense

Value = tuple[str, str, bool]  # (type, value, resolved)


@dataclass
class Context:
    """What the normaliser knows around one expression: anchor, tense and earlier mentions."""

    anchor: dt.date | None = None
    tense: Tense | None = None
    prev_word: str = ""
    before: str = ""  # a few words before the expression, lower case
    next_word: str = ""
    # the story's last mentions: "year": int, "quarter": (y, q), "month": (y, m), "day": date
    memory: dict = field(default_factory=dict)
