"""The entity panel's article mode: the open article's entities grouped by type, as a tree.

Type → entity (mention count) → each mention with a line of context; selecting a mention
jumps to it in the text. Rebuilt whole when the article or a correction changes it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon

from reader.gui.entities.groups import GROUPS, TypeGroup, group_of, swatch, type_name
from reader.gui.theme import current_theme
from reader.models import StoredMention

_Index = QModelIndex | QPersistentModelIndex
CONTEXT_BEFORE, CONTEXT_AFTER = 24, 60  # characters around a mention in its row: the name
# comes early so it stays in sight in a narrow panel
_SPACE = re.compile(r"\s+")


@dataclass
class _Node:
    kind: str  # "group" | "entity" | "mention"
    row: int
    parent: int  # node id of the parent; -1 for a top-level group
    group: TypeGroup
    text: str
    count: int = 0
    entity_id: int | None = None
    label: str = ""
    span: tuple[int, int] | None = None
    tooltip: str | None = None
    context: tuple[str, str, str] | None = None
    children: list[int] = field(default_factory=list)


class ArticleEntitiesModel(QAbstractItemModel):
    KindRole = Qt.ItemDataRole.UserRole + 1
    EntityIdRole = Qt.ItemDataRole.UserRole + 2
    SpanRole = Qt.ItemDataRole.UserRole + 3  # (start, end) in the clean body, mention rows
    LabelRole = Qt.ItemDataRole.UserRole + 4
    GroupRole = Qt.ItemDataRole.UserRole + 5  # the type group's key
    ContextRole = Qt.ItemDataRole.UserRole + 6  # (before, mention, after), mention rows
    HEADERS = ("Name", "Mentions")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._nodes: list[_Node] = []
        self._top: list[int] = []
        self._icons: dict[str, QIcon] = {}
        self.article_id: int | None = None

    # -- filling -----------------------------------------------------------------------------

    def set_mentions(
        self, article_id: int | None, body: str, mentions: list[StoredMention]
    ) -> None:
        self.beginResetModel()
        self.article_id = article_id
        self._nodes, self._top = [], []
        self._icons = {g.key: swatch(g.key, current_theme()) for g in GROUPS}
        by_entity: dict[int, list[StoredMention]] = defaultdict(list)
        for m in mentions:
            by_entity[m.entity_id].append(m)
        for g in GROUPS:
            entities = [ms for ms in by_entity.values() if group_of(ms[0].label) is g]
            if not entities:
                continue
            entities.sort(key=lambda ms: (-len(ms), ms[0].name.casefold()))
            gid = self._add(_Node("group", len(self._top), -1, g, g.title,
                                  sum(len(ms) for ms in entities)))
            self._top.append(gid)
            for ms in entities:
                first = ms[0]
                forms = sorted({m.text for m in ms}, key=str.casefold)
                tip = f"{first.name} · {type_name(first.label)}"
                if forms != [first.name]:
                    tip += "\nwritten as: " + ", ".join(f"“{f}”" for f in forms)
                tip += "\nClick to list every article naming it; right-click to correct it."
                eid = self._add(_Node("entity", len(self._nodes[gid].children), gid, g,
                                      first.name, len(ms), first.entity_id, first.label,
                                      tooltip=tip))
                self._nodes[gid].children.append(eid)
                for m in ms:
                    parts = context(body, m.start, m.end)
                    mid = self._add(_Node("mention", len(self._nodes[eid].children), eid, g,
                                          "".join(parts), 0, m.entity_id, m.label,
                                          (m.start, m.end), "Show this mention in the text",
                                          parts))
                    self._nodes[eid].children.append(mid)
        self.endResetModel()

    def _add(self, node: _Node) -> int:
        self._nodes.append(node)
        return len(self._nodes) - 1

    def refresh_theme(self) -> None:
        self._icons = {g.key: swatch(g.key, current_theme()) for g in GROUPS}
        if self._top:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._top) - 1, 0))

    def entity_count(self) -> int:
        return sum(len(self._nodes[g].children) for g in self._top)

    def entity_index(self, entity_id: int) -> QModelIndex:
        for node_id, node in enumerate(self._nodes):
            if node.kind == "entity" and node.entity_id == entity_id:
                return self.createIndex(node.row, 0, node_id)
        return QModelIndex()

    # -- Qt model interface ------------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        children = self._nodes[parent.internalId()].children if parent.isValid() else self._top
        return self.createIndex(row, column, children[row])

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent_id = self._nodes[index.internalId()].parent
        if parent_id < 0:
            return QModelIndex()
        return self.createIndex(self._nodes[parent_id].row, 0, parent_id)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._top)
        if parent.column() != 0:
            return 0
        return len(self._nodes[parent.internalId()].children)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.HEADERS)):
            return self.HEADERS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._nodes[index.internalId()].kind == "mention":
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._nodes[index.internalId()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return node.text
            return f"{node.count:,}" if node.kind != "mention" else None
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and node.kind != "mention":
            return self._icons.get(node.group.key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return node.tooltip
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.KindRole:
            return node.kind
        if role == self.EntityIdRole:
            return node.entity_id
        if role == self.SpanRole:
            return node.span
        if role == self.LabelRole:
            return node.label or None
        if role == self.GroupRole:
            return node.group.key
        if role == self.ContextRole:
            return node.context
        return None


def context(body: str, start: int, end: int) -> tuple[str, str, str]:
    """The words around [start, end) on one line, cut at word boundaries:
    ("…said Kremlin spokesman ", "Dmitry Peskov", " on Friday…")."""
    left = max(0, start - CONTEXT_BEFORE)
    if left > 0:
        space = body.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    right = min(len(body), end + CONTEXT_AFTER)
    if right < len(body):
        space = body.rfind(" ", end, right)
        right = space if space >= 0 else right
    before = _SPACE.sub(" ", body[left:start]).lstrip()
    after = _SPACE.sub(" ", body[end:right]).rstrip()
    return (("…" if left > 0 else "") + before, _SPACE.sub(" ", body[start:end]),
            after + ("…" if right < len(body) else ""))
