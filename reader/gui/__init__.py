"""Reader's desktop window (PySide6) over the Qt-free core; `reader.gui.app.run` starts it."""

from reader.gui.compat import keep_none_alive

keep_none_alive()
