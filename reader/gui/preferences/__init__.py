"""Edit > Preferences…: reading font and size, line width, theme, background analysis and
where the library lives; kept in the window's Settings and applied at once."""

from reader.gui.preferences.dialog import PreferencesDialog

__all__ = ["PreferencesDialog"]
