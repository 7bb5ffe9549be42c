"""Reader's desktop window (PySide6) over the Qt-free core; `reader.gui.app.run` starts it."""
