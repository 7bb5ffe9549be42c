"""Tags, stars and read state in the window: `attach(window)` gives the result list a context
menu and shortcuts (tag many at once, star, mark read or unread, put in a collection), a star
beside the article, and a tag facet beside the outlets. `controller.py` does the work,
`panel.py` holds the facet and the tag dialog, `model.py` the facet's items.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.gui.tags.controller import TagsController

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow

__all__ = ["TagsController", "attach"]


def attach(window: MainWindow) -> TagsController:
    return TagsController(window)
