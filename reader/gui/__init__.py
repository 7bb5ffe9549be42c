"""Reader's desktop window (PySide6) over the Qt-free core; `reader.gui.app.run` starts it.

The shell lives here (app, main window, menus, settings, theme, errors, reading view, worker);
each feature has its own package (search, entities, chronology, compare, importing).
"""
