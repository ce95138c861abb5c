"""The event log, like ``kubectl get events -w``: a line per event as it happens.

Columns LAST SEEN, TYPE, REASON, OBJECT, MESSAGE. Clicking a line selects the
event's object in the graph.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.clock import parse_timestamp
from core.kinds import KINDS

translate = QCoreApplication.translate

HEADERS = ("LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE")
#: Lines kept; a watch scrolls, it does not grow forever.
MAX_ROWS = 5000


@dataclass(frozen=True)
class EventRow:
    last_ms: int
    type: str
    reason: str
    object: str
    message: str
    uid: str
    count: int


def human_age(ms: int) -> str:
    """kubectl's short duration (``45s``, ``3m2s``, ``2m``, ``5h``)."""
    seconds = max(0, int(ms) // 1000)
    if seconds < 120:
        return f"{seconds}s"
    minutes = seconds // 60
    if minutes < 10:
        rest = seconds % 60
        return f"{minutes}m{rest}s" if rest else f"{minutes}m"
    if minutes < 180:
        return f"{minutes}m"
    hours = minutes // 60
    if hours < 48:
        return f"{hours}h"
    return f"{hours // 24}d"


def row_for(event: Mapping[str, Any]) -> EventRow:
    ref = event.get("involvedObject") or {}
    kind = str(ref.get("kind") or "")
    info = KINDS.get(kind)
    label = (info.singular if info else kind.lower()) + "/" + str(ref.get("name") or "")
    last = parse_timestamp(str(event.get("lastTimestamp") or "")) or 0
    return EventRow(last, str(event.get("type") or ""), str(event.get("reason") or ""), label,
                    str(event.get("message") or ""), str(ref.get("uid") or ""),
                    int(event.get("count") or 1))


class EventModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[EventRow] = []
        self.now_ms = 0
        self.warnings_only = False
        self._visible: list[EventRow] = []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._visible)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row = self._visible[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return human_age(self.now_ms - row.last_ms)
            if column == 4 and row.count > 1:
                return f"{row.message} (x{row.count})"
            return (None, row.type, row.reason, row.object, row.message)[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == 4:
            return row.message
        if role == Qt.ItemDataRole.FontRole and column == 1 and row.type == "Warning":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return row.uid
        return None

    def row(self, index: int) -> EventRow:
        return self._visible[index]

    def reset_rows(self, rows: Sequence[EventRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)[-MAX_ROWS:]
        self._visible = self._filtered(self.rows)
        self.endResetModel()

    def append(self, rows: Sequence[EventRow]) -> None:
        if not rows:
            return
        overflow = len(self.rows) + len(rows) - MAX_ROWS
        if overflow > 0:
            self.reset_rows(self.rows + list(rows))
            return
        self.rows.extend(rows)
        shown = self._filtered(rows)
        if shown:
            start = len(self._visible)
            self.beginInsertRows(QModelIndex(), start, start + len(shown) - 1)
            self._visible.extend(shown)
            self.endInsertRows()

    def set_now(self, now_ms: int) -> None:
        self.now_ms = now_ms
        if self._visible:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._visible) - 1, 0))

    def set_warnings_only(self, on: bool) -> None:
        self.warnings_only = on
        self.reset_rows(self.rows)

    def _filtered(self, rows: Sequence[EventRow]) -> list[EventRow]:
        if not self.warnings_only:
            return list(rows)
        return [r for r in rows if r.type == "Warning"]


class EventLog(QWidget):
    """The watch panel; emits ``object_selected(uid)`` when a line is clicked."""

    object_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 0)
        self.title = QLabel("kubectl get events -w", self)
        bar.addWidget(self.title, 1)
        self.warnings = QCheckBox(self)
        bar.addWidget(self.warnings)
        layout.addLayout(bar)
        self.model = EventModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        layout.addWidget(self.table)
        self.table.clicked.connect(self._clicked)
        self.table.activated.connect(self._clicked)
        self.warnings.toggled.connect(self.model.set_warnings_only)
        self.retranslate()

    def retranslate(self) -> None:
        # The watch's own lines are kubectl's: they stay as a cluster prints them.
        self.warnings.setText(translate("EventLog", "Warnings only"))

    def reset_from(self, cluster) -> None:
        """Show the cluster's current events, oldest first (as the watch's first page)."""
        events = cluster.store.list("Event")
        rows = sorted((row_for(e) for e in events), key=lambda r: r.last_ms)
        self.model.now_ms = cluster.clock.now_ms
        self.model.reset_rows(rows)
        self.table.scrollToBottom()

    def add_changes(self, changes, now_ms: int) -> None:
        rows = [row_for(c.new) for c in changes if c.kind == "Event" and c.new is not None]
        self.model.now_ms = now_ms
        if rows:
            at_bottom = self._at_bottom()
            self.model.append(rows)
            if at_bottom:
                self.table.scrollToBottom()

    def set_now(self, now_ms: int) -> None:
        self.model.set_now(now_ms)

    def _at_bottom(self) -> bool:
        bar = self.table.verticalScrollBar()
        return bar.value() >= bar.maximum() - 4

    def _clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            uid = self.model.row(index.row()).uid
            if uid:
                self.object_selected.emit(uid)
