"""The read-only text browser the reading view and the comparison panes share: an article's
clean text drawn with span layers that can be set, removed and hidden one at a time.

It never follows a link or loads a resource an article names. A subclass fills the document in
`redraw` and sets `_offsets` (body offsets to Qt positions) so `cursor_for` can find spans.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QPoint, QUrl
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextBrowser, QWidget

from reader.gui.span_layers import OffsetMap, SpanLayer

log = logging.getLogger(__name__)


class LayeredBrowser(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        self._layers: dict[str, SpanLayer] = {}
        self._offsets: OffsetMap | None = None

    def loadResource(self, type: int, name: QUrl | str) -> object:
        log.debug("refused to load resource %s",
                  name.toString() if isinstance(name, QUrl) else name)
        return None  # never fetch anything an article names

    # -- layers --------------------------------------------------------------------------------

    def layers(self) -> list[SpanLayer]:
        """Every layer, bottom to top."""
        return sorted(self._layers.values(), key=lambda lay: lay.z)

    def layer(self, name: str) -> SpanLayer | None:
        return self._layers.get(name)

    def set_layer(self, layer: SpanLayer, redraw: bool = True) -> None:
        """Add or replace the layer of that name and draw the text again (`redraw=False` when
        the caller redraws once more changes are in)."""
        self._layers[layer.name] = layer
        if redraw:
            self.redraw(keep_scroll=True)

    def remove_layer(self, name: str) -> None:
        if self._layers.pop(name, None) is not None:
            self.redraw(keep_scroll=True)

    def set_layer_visible(self, name: str, visible: bool) -> None:
        layer = self._layers.get(name)
        if layer is not None and layer.visible != visible:
            layer.visible = visible
            self.redraw(keep_scroll=True)

    # -- drawing -------------------------------------------------------------------------------

    def redraw(self, keep_scroll: bool = False) -> None:
        """Fill the document from the text and the layers (the subclass knows the text)."""
        raise NotImplementedError

    def cursor_for(self, start: int, end: int) -> QTextCursor:
        """A cursor selecting body offsets [start, end)."""
        cursor = QTextCursor(self.document())
        if self._offsets is not None:
            cursor.setPosition(self._offsets.to_doc(start))
            cursor.setPosition(self._offsets.to_doc(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def selected_body_span(self) -> tuple[int, int] | None:
        """The selection as body offsets [start, end), None without one (or outside the body)."""
        cursor = self.textCursor()
        if self._offsets is None or not cursor.hasSelection():
            return None
        start = self._offsets.to_body(cursor.selectionStart())
        end = self._offsets.to_body(cursor.selectionEnd())
        if start is None or end is None or end <= start:
            return None
        return start, end

    def body_offset_at(self, point: QPoint) -> int | None:
        """The body offset under a point of the viewport, None over the header or margins."""
        if self._offsets is None:
            return None
        return self._offsets.to_body(self.cursorForPosition(point).position())
