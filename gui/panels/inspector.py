"""The inspector: everything about the selected object, in tabs.

Summary (facts and the actions that apply), YAML (``kubectl get -o yaml``),
Describe (``kubectl describe``), Events, and Why. Tabs are filled when shown, so a
big cluster pays only for what is on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.kinds import KINDS
from core.objects import get_path, name_of, namespace_of
from gui.panels.summary import facts_for, status_word
from gui.panels.why import WhyPanel

translate = QCoreApplication.translate

TABS = ("Summary", "YAML", "Describe", "Events", "Why")


def object_yaml(obj: Mapping[str, Any]) -> str:
    from core.kubectl import to_yaml

    return to_yaml(obj)


def object_describe(cluster, obj: Mapping[str, Any]) -> str:
    from core.kubectl import describe

    return describe(cluster, obj)


def title_for(obj: Mapping[str, Any]) -> str:
    kind = str(obj.get("kind") or "")
    info = KINDS.get(kind)
    word = info.singular if info else kind.lower()
    ns = namespace_of(obj)
    return f"{word}/{name_of(obj)}" + (f"  (namespace {ns})" if ns and ns != "default" else "")


def implied_note(node: Any) -> str:
    """Why the graph shows something the API server does not hold."""
    facts = dict(node.facts)
    if node.kind == "StorageClass":
        return translate("Inspector", 'No StorageClass "{name}" exists: the graph shows it because '
                                'claims or PVs name it. Binding to existing PVs compares the '
                                'class names only; provisioning for it fails '
                                '(storageclass.storage.k8s.io "{name}" not found).').format(
            name=node.name)
    if node.kind == "NFSExport":
        return translate("Inspector", "{name} is a directory exported by the NFS server {server}; "
                                "it is not an API object: the graph shows it because PVs name "
                                "it. (Simulator assumption: an NFS server implied by PVs "
                                "exports every path they name.)").format(
            name=node.name, server=facts.get("server", ""))
    return translate("Inspector", "{kind} {name} is not an API object: the graph shows it because "
                            "other objects name it.").format(kind=node.kind, name=node.name)


class Inspector(QWidget):
    """Shows one object; asks the window to run commands (``command_requested``)."""

    command_requested = Signal(str)

    def __init__(self, bridge, *, actions_for: Callable[[Mapping[str, Any]], list[QAction]]
                 | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._actions_for = actions_for
        self.uid = ""
        self._dirty: set[int] = set()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.header = QLabel(translate("Inspector", "Nothing selected"), self)
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.header.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.header.setFont(font)
        layout.addWidget(self.header)
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs, 1)
        # Summary
        self.summary = QWidget()
        summary_layout = QVBoxLayout(self.summary)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        summary_layout.addLayout(self.form)
        self.scale_row = QWidget(self.summary)
        scale_layout = QHBoxLayout(self.scale_row)
        scale_layout.setContentsMargins(0, 0, 0, 0)
        self.replicas_label = QLabel(self.scale_row)
        scale_layout.addWidget(self.replicas_label)
        self.replicas = QSpinBox(self.scale_row)
        self.replicas.setRange(0, 500)
        self.replicas.setAccessibleName("replicas")
        scale_layout.addWidget(self.replicas)
        self.scale_button = QPushButton(self.scale_row)
        scale_layout.addWidget(self.scale_button)
        scale_layout.addStretch(1)
        self.scale_button.clicked.connect(self._scale)
        self.replicas.lineEdit().returnPressed.connect(self._scale)
        summary_layout.addWidget(self.scale_row)
        self.buttons = QWidget(self.summary)
        self.buttons_layout = QVBoxLayout(self.buttons)
        self.buttons_layout.setContentsMargins(0, 6, 0, 0)
        summary_layout.addWidget(self.buttons)
        summary_layout.addStretch(1)
        summary_scroll = QScrollArea()
        summary_scroll.setWidgetResizable(True)
        summary_scroll.setWidget(self.summary)
        self.tabs.addTab(summary_scroll, "")
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.yaml_view = QPlainTextEdit()
        self.describe_view = QPlainTextEdit()
        for view in (self.yaml_view, self.describe_view):
            view.setReadOnly(True)
            view.setFont(mono)
            view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.tabs.addTab(self.yaml_view, "YAML")
        self.tabs.addTab(self.describe_view, "")
        self.events_table = QTableWidget(0, 5)
        self.events_table.setHorizontalHeaderLabels(["TYPE", "REASON", "AGE", "FROM", "MESSAGE"])
        self.events_table.verticalHeader().setVisible(False)
        self.events_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.events_table.horizontalHeader().setStretchLastSection(True)
        self.events_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.tabs.addTab(self.events_table, "")
        self.why = WhyPanel(self.command_requested.emit)
        self.tabs.addTab(self.why, "")
        self.tabs.currentChanged.connect(self._render_current)
        self.scale_row.setVisible(False)
        self._tab_texts()

    def _tab_texts(self) -> None:
        self.replicas_label.setText(translate("Inspector", "Replicas:"))
        self.scale_button.setText(translate("Inspector", "Scale"))
        names = {"Summary": translate("Inspector", "Summary"), "YAML": "YAML",
                 "Describe": translate("Inspector", "Describe"),
                 "Events": translate("Inspector", "Events"), "Why": translate("Inspector", "Why")}
        for index, key in enumerate(TABS):
            self.tabs.setTabText(index, names[key])

    def retranslate(self) -> None:
        """Texts in the current language; the object's tabs are drawn again."""
        self._tab_texts()
        self.refresh()

    # ---- selection -----------------------------------------------------------------
    def object(self) -> Mapping[str, Any] | None:
        if not self.uid:
            return None
        return self._bridge.cluster.store.by_uid(self.uid)

    def graph_node(self) -> Any:
        """The graph's node for the selection (implied NFS servers and exports have no object)."""
        if not self.uid:
            return None
        try:
            return self._bridge.snapshot().node(self.uid)
        except Exception:  # no projection yet (nothing loaded)
            return None

    def show_uid(self, uid: str) -> None:
        self.uid = uid or ""
        self.refresh()

    def show_tab(self, name: str) -> None:
        self.tabs.setCurrentIndex(TABS.index(name))

    def current_tab(self) -> str:
        return TABS[self.tabs.currentIndex()]

    def refresh(self) -> None:
        """Re-read the object; the visible tab is redrawn now, the others when shown."""
        obj = self.object()
        self._dirty = set(range(len(TABS)))
        node = self.graph_node() if obj is None else None
        if obj is None and node is not None:
            status = f" — {node.status}" if node.status else ""
            self.header.setText(f"{node.kind} {node.name}{status}")
        elif obj is None:
            self.header.setText(translate("Inspector", "Nothing selected") if not self.uid else
                                translate("Inspector", "The selected object no longer exists"))
        else:
            state = status_word(obj)
            self.header.setText(title_for(obj) + (f" — {state}" if state else ""))
        self._render_current(self.tabs.currentIndex())

    def affected_by(self, changes) -> bool:
        """Whether these changes could change what the inspector shows."""
        if not self.uid:
            return False
        if self.current_tab() == "Why":
            return any(c.kind != "Event" for c in changes) or any(
                (c.obj.get("involvedObject") or {}).get("uid") == self.uid for c in changes)
        return any(c.uid == self.uid or (c.obj.get("involvedObject") or {}).get("uid")
                   == self.uid for c in changes)

    # ---- rendering -----------------------------------------------------------------
    def _render_current(self, index: int) -> None:
        if index not in self._dirty:
            return
        self._dirty.discard(index)
        obj = self.object()
        cluster = self._bridge.cluster
        name = TABS[index]
        if obj is None and self.graph_node() is not None:
            self._render_implied(name, self.graph_node())
        elif name == "Summary":
            self._render_summary(cluster, obj)
        elif name == "YAML":
            self._set_text(self.yaml_view, object_yaml(obj) if obj else "")
        elif name == "Describe":
            self._set_text(self.describe_view, object_describe(cluster, obj) if obj else "")
        elif name == "Events":
            self._render_events(cluster, obj)
        elif name == "Why":
            self.why.show_object(cluster, obj)

    @staticmethod
    def _set_text(view: QPlainTextEdit, text: str) -> None:
        if view.toPlainText() != text:
            bar = view.verticalScrollBar().value()
            view.setPlainText(text)
            view.verticalScrollBar().setValue(bar)

    def _render_summary(self, cluster, obj: Mapping[str, Any] | None) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        while self.buttons_layout.count():
            item = self.buttons_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        is_sts = bool(obj) and obj.get("kind") == "StatefulSet"
        self.scale_row.setVisible(is_sts)
        if obj is None:
            return
        for label, value in facts_for(cluster, obj):
            text = QLabel(value)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.form.addRow(translate("Inspector", "{label}:").format(label=label), text)
        if is_sts and not self.replicas.hasFocus():
            self.replicas.setValue(int(get_path(obj, "spec", "replicas", default=1)))
        for action in (self._actions_for(obj) if self._actions_for else []):
            button = QToolButton(self.buttons)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.buttons_layout.addWidget(button)

    def _render_implied(self, tab: str, node: Any) -> None:
        """An object the graph shows but the API does not hold (an implied NFS server)."""
        note = implied_note(node)
        if tab == "Summary":
            self._render_summary(self._bridge.cluster, None)
            for key, value in node.facts:
                text = QLabel(", ".join(map(str, value)) if isinstance(value, (tuple, list))
                              else str(value))
                text.setWordWrap(True)
                self.form.addRow(f"{key}:", text)
            note_label = QLabel(note)
            note_label.setWordWrap(True)
            self.form.addRow(note_label)
        elif tab in ("YAML", "Describe"):
            view = self.yaml_view if tab == "YAML" else self.describe_view
            self._set_text(view, f"# {note}\n")
        elif tab == "Events":
            self.events_table.setRowCount(0)
        elif tab == "Why":
            self.why.clear()
            self.why._label(note)

    def _render_events(self, cluster, obj: Mapping[str, Any] | None) -> None:
        from gui.panels.event_log import human_age, row_for

        events = cluster.recorder.for_object(obj) if obj else []
        self.events_table.setRowCount(len(events))
        for row, event in enumerate(events):
            info = row_for(event)
            source = str(get_path(event, "source", "component") or "")
            count = f" (x{info.count})" if info.count > 1 else ""
            values = (info.type, info.reason, human_age(cluster.clock.now_ms - info.last_ms),
                      source, info.message + count)
            for column, value in enumerate(values):
                self.events_table.setItem(row, column, QTableWidgetItem(value))

    def _scale(self) -> None:
        obj = self.object()
        if obj is None or obj.get("kind") != "StatefulSet":
            return
        from gui.actions import scale_line

        self.command_requested.emit(scale_line(obj, self.replicas.value()))
