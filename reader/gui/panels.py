"""The panels other parts of Reader dock into the main window (entities, chronology, comparison).

Each is attached by one function taking the window; it uses the window's public objects
(`add_panel`, `reading`, `search`, `search_bar`, `imports`, `settings`, `actions_`). A panel
that is missing or fails to attach is logged and skipped: the window always starts.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow

log = logging.getLogger(__name__)

# (module, function): attached in this order, after the results panel. Modules are imported
# here, at start-up, so they must import spaCy and other heavy modules lazily.
ATTACHERS: tuple[tuple[str, str], ...] = (
    ("reader.gui.entities", "attach_entities"),
    ("reader.gui.chronology.panel", "attach_chronology"),
    ("reader.gui.compare", "attach_comparison"),
)


def attach_panels(window: MainWindow) -> dict[str, object]:
    """Attach every available panel; returns what each attacher returned, by module."""
    attached: dict[str, object] = {}
    for module_name, function in ATTACHERS:
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
            attached[module_name] = getattr(module, function)(window)
        except Exception:
            log.exception("panel %s failed to attach", module_name)
    return attached
