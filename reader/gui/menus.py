"""The window's actions and menus (File, Edit, View, Help) with the shortcuts desktop users
expect. Actions call the window's public methods; the window decides what they do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from reader.gui.library_switch import choose_library

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow

Keys = QKeySequence.StandardKey


class WindowActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = w = window
        act = self._action
        self.import_files = act("&Import files…", w.choose_files_to_import, "Ctrl+O",
                                tip="Import articles from text, HTML or JSON files")
        self.import_folder = act(
            "Import &folder…", w.choose_folder_to_import, "Ctrl+Shift+O",
            tip="Import every article file in a folder and the folders inside it")
        self.add_from_web = act(
            "Add from the &web…", w.add_from_web, "Ctrl+L",
            tip="Download web pages or feeds by their addresses and import them")
        self.open_library = act("&Open library…", lambda: choose_library(w),
                                tip="Open another library, or start a new one in an empty folder")
        self.quit = act("&Quit", w.close, Keys.Quit,
                        tip="Close Reader (your layout and settings are kept)")
        self.find = act("&Find", w.focus_search, Keys.Find, tip="Go to the search box")
        self.clear_search = act("&Clear search", w.clear_search, "Esc",
                                tip="Empty the search box and show every article")
        self.edit = act("&Edit article details…", w.edit_article, "Ctrl+E",
                        tip="Correct the title, outlet, date or author of the article on show")
        self.edit.setEnabled(False)
        self.delete = act("&Delete article…", w.removal.delete_current, Keys.Delete,
                          tip="Remove the article on show from the library (Undo brings it back)")
        self.delete.setEnabled(False)
        # Delete means "this article" only where articles are (the results, the reading view):
        # in a panel it deletes what that panel shows (an entity, say).
        w.removeAction(self.delete)
        self.delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        w.results.addAction(self.delete)
        w.reading.addAction(self.delete)
        self.undo_delete = act("&Undo delete", w.removal.undo, Keys.Undo,
                               tip="Bring back the article deleted last")
        self.undo_delete.setEnabled(False)
        self.reextract = act(
            "Extract &again from the saved page", w.removal.reextract_current,
            tip="Clean the article again from the web page saved when it was imported")
        self.reextract.setEnabled(False)
        self.preferences = act("&Preferences…", w.show_preferences, Keys.Preferences,
                               tip="Reading font, line width, theme, analysis and library folder")
        self.preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.next_hit = act("&Next hit", w.reading.next_hit, ["F3", "Ctrl+G"],
                            tip="Go to the next place the search words occur in the article")
        self.prev_hit = act("&Previous hit", w.reading.previous_hit, ["Shift+F3", "Ctrl+Shift+G"],
                            tip="Go to the previous place the search words occur in the article")
        self.zoom_in = act("Zoom &in", lambda: w.zoom(+1), [Keys.ZoomIn, "Ctrl+="],
                           tip="Make the article text larger")
        self.zoom_out = act("Zoom &out", lambda: w.zoom(-1), Keys.ZoomOut,
                            tip="Make the article text smaller")
        self.zoom_reset = act("&Reset zoom", lambda: w.zoom(0), "Ctrl+0",
                              tip="Show the article text at the usual size (12 pt)")
        self.show_removed = act("Show &removed noise", None, "Ctrl+R",
                                tip="Show, greyed out, the text the import took out as noise")
        self.show_removed.setCheckable(True)
        self.show_removed.toggled.connect(w.reading.set_show_removed)
        w.reading.removed_box.toggled.connect(self.show_removed.setChecked)
        self.reset_layout = act("Reset &layout", w.reset_layout,
                                tip="Put every panel back in its default place and size")
        self.query_help = act("&Query syntax", w.show_query_help, Keys.HelpContents,
                              tip="How to write searches: phrases, OR, NOT, fields and dates")
        self.about = act("&About Reader", w.show_about, tip="Version and licence of Reader")

        bar = w.menuBar()
        self.file_menu = file_menu = bar.addMenu("&File")
        file_menu.addActions([self.import_files, self.import_folder, self.add_from_web])
        file_menu.addSeparator()
        file_menu.addAction(self.open_library)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.find, self.clear_search])
        edit_menu.addSeparator()
        edit_menu.addActions([self.edit, self.reextract])
        edit_menu.addSeparator()
        edit_menu.addActions([self.delete, self.undo_delete])
        edit_menu.addSeparator()
        edit_menu.addAction(self.preferences)
        self.view_menu = bar.addMenu("&View")
        self.panels_menu = self.view_menu.addMenu("&Panels")
        self.highlights_menu = self.view_menu.addMenu("&Highlights")
        self.highlights_menu.aboutToShow.connect(self._fill_highlights)
        self.view_menu.addAction(self.show_removed)
        self.view_menu.addSeparator()
        self.view_menu.addActions([self.next_hit, self.prev_hit])
        self.view_menu.addSeparator()
        self.view_menu.addActions([self.zoom_in, self.zoom_out, self.zoom_reset])
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.reset_layout)
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.query_help, self.about])

    def _action(self, text: str, slot: Callable[[], object] | None,
                keys: Keys | str | list[Keys | str] | None = None, *, tip: str) -> QAction:
        """An action of the window; `tip` shows in the status bar as the menu item is hovered."""
        action = QAction(text, self.window)
        action.setStatusTip(tip)
        if keys is not None:
            seqs = keys if isinstance(keys, list) else [keys]
            action.setShortcuts([QKeySequence(k) for k in seqs])
        if slot is not None:
            action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)  # shortcuts work even when the menu bar is hidden
        return action

    def add_panel_toggle(self, action: QAction) -> None:
        self.panels_menu.addAction(action)

    def add_file_actions(self, actions: list[QAction]) -> None:
        """Into the File menu, in a group of their own just above Quit."""
        self.file_menu.insertActions(self.quit, actions)
        self.file_menu.insertSeparator(self.quit)

    def _fill_highlights(self) -> None:
        """One check box per highlight layer the reading view has now (search, entities, …)."""
        menu: QMenu = self.highlights_menu
        menu.clear()
        reading = self.window.reading
        for layer in reading.layers():
            action = menu.addAction(layer.title)
            action.setStatusTip(f"Show or hide the {layer.title.lower()} marked in the article")
            action.setCheckable(True)
            action.setChecked(layer.visible)
            action.toggled.connect(
                lambda on, name=layer.name: reading.set_layer_visible(name, on)
            )
        if menu.isEmpty():
            empty = menu.addAction("(no highlights)")
            empty.setEnabled(False)
            empty.setStatusTip("Nothing is marked in the article on show")
