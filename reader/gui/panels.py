"""The panels other parts of Reader dock into the main window (entities, chronology, comparison).

Each feature package has one `attach(window)` in its `__init__`; it docks and wires itself
through the window's contract (`add_panel`, `add_to_reading_bar`, `add_file_actions`,
`highlights_menu`, `use_analysis`, `current_article`, `entityChosen`) and its public parts
(`reading`, `search`, `results`, `imports`, `settings`). A panel that is missing or fails to
attach is logged and skipped: the window always starts.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow

log = logging.getLogger(__name__)

# Feature packages, attached in this order after the results panel (the entities set up the
# background analysis the chronology listens to). They are imported here, at start-up, so they
# must import spaCy and other heavy modules lazily.
FEATURES: tuple[str, ...] = (
    "reader.gui.entities", "reader.gui.chronology", "reader.gui.compare", "reader.gui.feeds",
    "reader.gui.stories", "reader.gui.notes", "reader.gui.tags", "reader.gui.collections",
)


def attach_panels(window: MainWindow) -> dict[str, object]:
    """Attach every available panel; returns what each attacher returned, by module."""
    attached: dict[str, object] = {}
    for module_name in FEATURES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                log.exception("panel %s cannot be imported", module_name)
            continue
        except Exception:
            log.exception("panel %s cannot be imported", module_name)
            continue
        try:
            attached[module_name] = module.attach(window)
        except Exception:
            log.exception("panel %s failed to attach", module_name)
    return attached
