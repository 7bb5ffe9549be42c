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
        self.import_files = self._action("&Import files…", w.choose_files_to_import, "Ctrl+O")
        self.import_folder = self._action("Import &folder…", w.choose_folder_to_import,
                                          "Ctrl+Shift+O")
        self.add_from_web = self._action("Add from the &web…", w.add_from_web, "Ctrl+L")
        self.open_library = self._action("&Open library…", lambda: choose_library(w))
        self.quit = self._action("&Quit", w.close, Keys.Quit)
        self.find = self._action("&Find", w.focus_search, Keys.Find)
        self.clear_search = self._action("&Clear search", w.clear_search, "Esc")
        self.edit = self._action("&Edit article details…", w.edit_article, "Ctrl+E")
        self.edit.setEnabled(False)
        self.delete = self._action("&Delete article…", w.removal.delete_current, Keys.Delete)
        self.delete.setEnabled(False)
        # Delete means "this article" only where articles are (the results, the reading view):
        # in a panel it deletes what that panel shows (an entity, say).
        w.removeAction(self.delete)
        self.delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        w.results.addAction(self.delete)
        w.reading.addAction(self.delete)
        self.undo_delete = self._action("&Undo delete", w.removal.undo, Keys.Undo)
        self.undo_delete.setEnabled(False)
        self.reextract = self._action("Extract &again from the saved page",
                                      w.removal.reextract_current)
        self.reextract.setEnabled(False)
        self.next_hit = self._action("&Next hit", w.reading.next_hit, ["F3", "Ctrl+G"])
        self.prev_hit = self._action("&Previous hit", w.reading.previous_hit,
                                     ["Shift+F3", "Ctrl+Shift+G"])
        self.zoom_in = self._action("Zoom &in", lambda: w.zoom(+1), [Keys.ZoomIn, "Ctrl+="])
        self.zoom_out = self._action("Zoom &out", lambda: w.zoom(-1), Keys.ZoomOut)
        self.zoom_reset = self._action("&Reset zoom", lambda: w.zoom(0), "Ctrl+0")
        self.show_removed = self._action("Show &removed noise", None, "Ctrl+R")
        self.show_removed.setCheckable(True)
        self.show_removed.toggled.connect(w.reading.set_show_removed)
        w.reading.removed_box.toggled.connect(self.show_removed.setChecked)
        self.reset_layout = self._action("Reset &layout", w.reset_layout)
        self.query_help = self._action("&Query syntax", w.show_query_help, Keys.HelpContents)
        self.about = self._action("&About Reader", w.show_about)

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
                keys: Keys | str | list[Keys | str] | None = None) -> QAction:
        action = QAction(text, self.window)
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
            action.setCheckable(True)
            action.setChecked(layer.visible)
            action.toggled.connect(
                lambda on, name=layer.name: reading.set_layer_visible(name, on)
            )
        if menu.isEmpty():
            menu.addAction("(no highlights)").setEnabled(False)
