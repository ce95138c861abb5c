"""The main window: the graph in the middle, panels around it, time at the bottom.

It wires parts together and owns no Kubernetes logic: actions turn clicks into
script lines (gui.actions), the bridge runs them and reports the changes, and
each panel draws its part. Every slot connected here is guarded, so an
exception is shown in the error panel instead of escaping into Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QFont, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QSpinBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from gui.actions import Actions
from gui.bridge import EngineBridge, format_clock
from gui.lesson_player import LessonBar, LessonPlayer
from gui.panels.console import Console
from gui.panels.errors import ErrorPanel, ErrorReporter
from gui.panels.event_log import EventLog
from gui.panels.inspector import Inspector
from gui.panels.time_controls import Player, TimeBar
from gui.panels.yaml_editor import EDITOR_SOURCE, YamlEditor
from gui.settings import AppSettings
from gui.timeline import PastBanner, TimelineStrip

translate = QCoreApplication.translate

YAML_SUFFIXES = (".yaml", ".yml", ".json")
TITLE = "pvgraph — Kubernetes storage, live"


def counted() -> tuple[tuple[str, str, str], ...]:
    """Counted in the status bar, in this order: (kind, one, many)."""
    return (
        ("PersistentVolume", translate("MainWindow", "{n} PV"), translate("MainWindow", "{n} PVs")),
        ("PersistentVolumeClaim", translate("MainWindow", "{n} claim"),
         translate("MainWindow", "{n} claims")),
        ("Pod", translate("MainWindow", "{n} pod"), translate("MainWindow", "{n} pods")),
        ("StatefulSet", translate("MainWindow", "{n} StatefulSet"),
         translate("MainWindow", "{n} StatefulSets")),
        ("Node", translate("MainWindow", "{n} node"), translate("MainWindow", "{n} nodes")),
    )


def dropped_paths(mime) -> list[str]:
    """Local YAML files in a drag's data."""
    if mime is None or not mime.hasUrls():
        return []
    paths = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if p.lower().endswith(YAML_SUFFIXES)]


class _DropFilter(QObject):
    """The graph view's viewport takes drag events first; hand file drops to the window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and \
                dropped_paths(event.mimeData()):
            event.acceptProposedAction()
            return True
        if kind == QEvent.Type.Drop and dropped_paths(event.mimeData()):
            self._window.drop_files(dropped_paths(event.mimeData()))
            event.acceptProposedAction()
            return True
        return False


class MainWindow(QMainWindow):
    #: The selected object's id (uid, or an implied node's id); "" when nothing.
    selection_changed = Signal(str)

    def __init__(self, bridge: EngineBridge, settings: AppSettings, *,
                 motion: bool | None = None, reporter: ErrorReporter | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from gui.scene import GraphScene
        from gui.view import GraphView

        self.setObjectName("mainWindow")
        self.bridge = bridge
        self.settings = settings
        self.reporter = reporter or ErrorReporter(self)
        self.theme_name = settings.theme
        self.presenting = False
        self.motion = settings.motion if motion is None else motion
        self.about_dialog: Any = None
        # Collapsed groups come back from the settings once the scene first shows a
        # cluster; while they are being put back, the change is not stored again.
        self._collapsed_restored = False
        self._restoring_collapsed = False
        self._saved_state: Any = None
        self._fitted = False
        self.selected_id = ""
        guard = self.reporter.guard

        self.scene = GraphScene(self.theme(), self)
        self.view = GraphView(self.scene, self)
        self.view.setObjectName("graphView")
        self.player = Player(bridge, self, speed=settings.speed, guard=guard)

        # Central area: messages, the graph, the time bar.
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.errors = ErrorPanel(central)
        column.addWidget(self.errors)
        self.lesson_bar = LessonBar(central)
        column.addWidget(self.lesson_bar)
        self.past_banner = PastBanner(bridge, central)
        column.addWidget(self.past_banner)
        column.addWidget(self.view, 1)
        self.timeline = TimelineStrip(bridge, central)
        column.addWidget(self.timeline)
        self.time_bar = TimeBar(self.player, bridge, central)
        column.addWidget(self.time_bar)
        self.setCentralWidget(central)
        self.lesson = LessonPlayer(self)

        self.actions_ = Actions(self)
        a = self.actions_
        self.time_bar.bind_actions(a["play"], a["step"], a["settle"])
        self.lesson_bar.bind_actions(a["lesson_next"], a["lesson_back"], a["lesson_restart"],
                                     a["lesson_leave"])
        self.past_banner.now_button.clicked.connect(a["back_to_now"].trigger)
        self.past_banner.branch_button.clicked.connect(a["branch_here"].trigger)

        # Docks.
        self.inspector = Inspector(bridge, actions_for=a.for_object)
        self.inspector_dock = self._dock("inspector", self.inspector,
                                         Qt.DockWidgetArea.RightDockWidgetArea)
        self.event_log = EventLog()
        self.events_dock = self._dock("events", self.event_log,
                                      Qt.DockWidgetArea.BottomDockWidgetArea)
        self.console = Console(bridge)
        self.console_dock = self._dock("console", self.console,
                                       Qt.DockWidgetArea.BottomDockWidgetArea)
        self.yaml_editor = YamlEditor()
        self.yaml_dock = self._dock("yaml", self.yaml_editor,
                                    Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tabifyDockWidget(self.events_dock, self.console_dock)
        self.tabifyDockWidget(self.console_dock, self.yaml_dock)
        self.events_dock.raise_()
        # The inspector takes the full height on the right (the WHY table needs it); the
        # watch, console and editor share the space under the graph.
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.setCorner(Qt.Corner.TopRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.resizeDocks([self.inspector_dock], [500], Qt.Orientation.Horizontal)
        self.resizeDocks([self.events_dock], [210], Qt.Orientation.Vertical)

        self._build_menus()
        self._build_toolbar()
        self._build_status()
        self._window_texts()

        # Wiring: everything guarded.
        bridge.reset.connect(guard(self._on_reset, where="loading the graph"))
        bridge.changes_applied.connect(guard(self._on_changes, where="showing changes"))
        bridge.clock_changed.connect(guard(self._on_clock, where="the clock"))
        bridge.error.connect(guard(self.errors.add_error, where="the error panel"))
        bridge.history_changed.connect(guard(self._update_actions, where="history"))
        bridge.busy_changed.connect(guard(lambda _b: self._update_actions(), where="loading"))
        bridge.progress.connect(guard(self._on_progress, where="progress"))
        bridge.past_changed.connect(guard(self._on_past, where="the timeline"))
        self.reporter.reported.connect(self._on_reported)
        self.scene.selection_changed_uid.connect(guard(self._on_scene_selection,
                                                       where="selection"))
        self.scene.collapsed_changed.connect(guard(self._on_collapsed, where="collapsing groups"))
        self.event_log.object_selected.connect(guard(self.select_id, where="the event log"))
        self.view.activated_uid.connect(guard(self._activated, where="the graph"))
        self.inspector.command_requested.connect(guard(self.run_command, where="the inspector"))
        self.yaml_editor.apply_requested.connect(guard(self.apply_editor, where="the editor"))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(guard(self._context_menu,
                                                           where="the context menu"))
        self.setAcceptDrops(True)
        self._drop_filter = _DropFilter(self)
        self.view.viewport().installEventFilter(self._drop_filter)

        self.actions_["escape"].setEnabled(False)
        self._apply_look()
        self.scene.set_motion(self.motion, self.player.speed)
        self.player.speed_changed.connect(
            guard(lambda s: self.scene.set_motion(self.motion, s), where="speed"))
        self._restore_layout()
        self._update_actions()
        if bridge.cluster.store.last_seq:
            self._on_reset(bridge.snapshot())

    # ---- construction --------------------------------------------------------------
    def _dock(self, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_menus(self) -> None:
        a = self.actions_
        bar = self.menuBar()
        self.menus: dict[str, QMenu] = {}

        def menu(key: str, names: tuple[str | None, ...]) -> QMenu:
            m = bar.addMenu("")
            m.setObjectName(f"menu_{key}")
            self.menus[key] = m
            for name in names:
                m.addSeparator() if name is None else m.addAction(a[name])
            return m

        menu("file", ("open", "new_pv", "new_claim", None, "open_session", "save_session", None,
                      "export_png", "export_svg", None, "reset", None, "quit"))
        menu("edit", ("undo", "redo", None, "back_to_now", "branch_here", None, "delete"))
        menu("cluster", ("scale", "clear_claimref", None, "node_fail", "node_recover",
                         "node_drain", None, "nfs_write"))
        menu("time", ("play", "step", "settle", None, "faster", "slower"))
        menu("lessons", ("lesson_gallery", "lesson_open", None, "lesson_next", "lesson_back",
                         "lesson_restart", None, "lesson_leave"))
        view = menu("view", ("fit", "relayout", None, "collapse_group", "expand_all", None,
                             "theme", "presentation", "motion", None, "console"))
        view.addSeparator()
        for dock in (self.inspector_dock, self.events_dock, self.console_dock, self.yaml_dock):
            view.addAction(dock.toggleViewAction())
        view.addSeparator()
        self.language_menu = view.addMenu("")
        self.language_menu.setObjectName("menu_language")
        self.menus["language"] = self.language_menu
        for action in a.language_actions:
            self.language_menu.addAction(action)
        menu("help", ("about",))

    def _build_toolbar(self) -> None:
        a = self.actions_
        tools = QToolBar(self)
        tools.setObjectName("toolbar_main")
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for name in ("open", "undo", "redo", "reset", None, "new_pv", "new_claim", "delete",
                     "clear_claimref", None):
            tools.addSeparator() if name is None else tools.addAction(a[name])
        self.replicas_label = QLabel(tools)
        tools.addWidget(self.replicas_label)
        self.scale_box = QSpinBox(tools)
        self.scale_box.setRange(0, 500)
        self.scale_box.setEnabled(False)
        self.scale_box.lineEdit().returnPressed.connect(a["scale"].trigger)
        tools.addWidget(self.scale_box)
        tools.addAction(a["scale"])
        tools.addSeparator()
        for name in ("fit", "theme", "presentation", "export_png"):
            tools.addAction(a[name])
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, tools)
        self.toolbar = tools

    def _window_texts(self) -> None:
        """The window's own words in the current language (menus, docks, toolbar)."""
        self.setWindowTitle(translate("MainWindow", "pvgraph — Kubernetes storage, live"))
        titles = {
            "file": translate("MainWindow", "&File"), "edit": translate("MainWindow", "&Edit"),
            "cluster": translate("MainWindow", "&Cluster"),
            "time": translate("MainWindow", "&Time"),
            "lessons": translate("MainWindow", "&Lessons"),
            "view": translate("MainWindow", "&View"),
            "language": translate("MainWindow", "&Language"),
            "help": translate("MainWindow", "&Help"),
        }
        for key, menu in self.menus.items():
            menu.setTitle(titles[key])
        docks = {
            self.inspector_dock: translate("MainWindow", "Inspector"),
            self.events_dock: translate("MainWindow", "Events"),
            self.console_dock: translate("MainWindow", "Console"),
            self.yaml_dock: translate("MainWindow", "YAML editor"),
        }
        for dock, title in docks.items():
            dock.setWindowTitle(title)
        self.toolbar.setWindowTitle(translate("MainWindow", "Main"))
        self.replicas_label.setText(translate("MainWindow", " Replicas: "))
        self.scale_box.setToolTip(translate("MainWindow", "Replicas for the selected StatefulSet"))
        # In the toolbar, next to its spin box, "Scale" says enough.
        self.actions_["scale"].setText(translate("MainWindow", "Scale"))

    def switch_language(self, language: str) -> None:
        """Install ``language``'s catalogue and show every text in it, now.

        Only texts change: the cluster, the graph (positions, folds, selection), time,
        the lesson and the panels' contents stay as they are."""
        from gui import i18n

        i18n.install(language)
        self.retranslate()

    def retranslate(self) -> None:
        """Every visible text again, in the language installed now."""
        self.actions_.retranslate()
        self._window_texts()
        for part in (self.inspector, self.event_log, self.console, self.yaml_editor,
                     self.errors, self.time_bar, self.timeline, self.past_banner, self.lesson):
            part.retranslate()
        # The graph's parts are another module's; they join in once they can.
        for part in (self.view, self.scene):
            hook = getattr(part, "retranslate", None)
            if hook is not None:
                hook()
        if self.about_dialog is not None and self.about_dialog.isVisible():
            self.about_dialog.retranslate()
        self._update_status()
        self._update_actions()
        self._update_caption()
        self.update_lesson_actions()

    def _build_status(self) -> None:
        status = self.statusBar()
        self.counts_label = QLabel(self)
        self.progress_label = QLabel(self)
        self.clock_label = QLabel(self)
        status.addWidget(self.counts_label, 1)
        status.addPermanentWidget(self.progress_label)
        status.addPermanentWidget(self.clock_label)

    # ---- engine → views ------------------------------------------------------------
    def _on_reset(self, snapshot: Any) -> None:
        self.scene.reset(snapshot)
        if not self._collapsed_restored:
            self._restore_collapsed()
        self.event_log.reset_from(self.bridge.cluster)
        self.inspector.refresh()
        if self.selected_id:
            self.select_id(self.selected_id, center=False)
        self._update_status()
        self._update_actions()
        if not self.bridge.viewing_past and (not self._fitted or self.bridge.ops == []):
            self.fit_view()
            self._fitted = self.isVisible()

    def _on_changes(self, changes: list) -> None:
        self.scene.apply(changes, self.bridge.snapshot())
        self.event_log.add_changes(changes, self.bridge.cluster.clock.now_ms)
        if self.inspector.affected_by(changes):
            self.inspector.refresh()
        if self.presenting:
            self._update_caption()
        self._update_status()
        self._update_actions()

    def _restore_collapsed(self) -> None:
        """Fold the groups folded last time (ids not drawn yet fold when they appear)."""
        self._collapsed_restored = True
        self._restoring_collapsed = True
        try:
            self.scene.set_collapsed_groups(self.settings.collapsed_groups)
        finally:
            self._restoring_collapsed = False

    def _on_collapsed(self, group_ids: list) -> None:
        if not self._restoring_collapsed:
            self.settings.collapsed_groups = list(group_ids)
        self.actions_.update_groups()

    def _on_clock(self, now_ms: int) -> None:
        self.event_log.set_now(now_ms)
        self.clock_label.setText(format_clock(now_ms))

    def _on_progress(self, text: str) -> None:
        self.progress_label.setText(text)

    def _on_reported(self, severity: str, title: str, detail: str) -> None:
        self.errors.add(severity, title, detail)

    def _update_status(self) -> None:
        store = self.bridge.cluster.store
        parts = []
        for kind, one, many in counted():
            n = store.count(kind)
            parts.append((one if n == 1 else many).format(n=n))
        self.counts_label.setText(" · ".join(parts))
        self.clock_label.setText(format_clock(self.bridge.cluster.clock.now_ms))

    def _update_actions(self) -> None:
        obj = self.selected_object()
        self.actions_.update_enabled(obj)
        is_sts = obj is not None and obj.get("kind") == "StatefulSet"
        self.scale_box.setEnabled(is_sts and not self.bridge.read_only)
        if is_sts and not self.scale_box.hasFocus():
            self.scale_box.setValue(int((obj.get("spec") or {}).get("replicas", 1)))

    # ---- selection -----------------------------------------------------------------
    def selected_object(self) -> Mapping[str, Any] | None:
        if not self.selected_id:
            return None
        return self.bridge.cluster.store.by_uid(self.selected_id)

    def selected_node(self) -> Any:
        """The graph node of the selection (also for implied NFS exports), or None."""
        return self.inspector.graph_node()

    def _on_scene_selection(self, node_id: str) -> None:
        self._set_selected(node_id or "")

    def _set_selected(self, node_id: str) -> None:
        self.selected_id = node_id
        self.inspector.show_uid(node_id)
        self._update_actions()
        self._update_caption()
        self.selection_changed.emit(node_id)

    # ---- lessons and the past ------------------------------------------------------
    def lesson_mode_changed(self, on: bool) -> None:
        """Show or hide the lesson's caption bar; Space moves the lesson, not the clock."""
        self.lesson_bar.set_colours(self.theme_name == "dark")
        self.lesson_bar.set_large(self.presenting)
        self.lesson_bar.setVisible(on)
        self.actions_.set_lesson_keys(on)
        self.update_lesson_actions()
        self._update_caption()
        if on:
            self.view.setFocus()

    def update_lesson_actions(self) -> None:
        self.actions_.update_lesson(self.lesson.runner)

    def _on_past(self, seq: Any) -> None:
        if seq is not None:
            self.player.pause()
        self.past_banner.refresh()
        self._update_status()
        self._update_actions()
        self.update_lesson_actions()

    def caption_text(self) -> str:
        """Presentation mode's one line: the selected object and why it is stuck."""
        from gui.panels.inspector import title_for
        from gui.panels.summary import status_word
        from gui.panels.why import why_line

        obj = self.selected_object()
        if obj is None:
            return " · ".join(Path(s.name).name for s in self.bridge.sources)
        state = status_word(obj)
        text = title_for(obj) + (f" — {state}" if state else "")
        reason = why_line(self.bridge.cluster, obj)
        return f"{text}: {reason}" if reason else text

    def _update_caption(self) -> None:
        # In a lesson the lesson's own caption bar speaks; no second line.
        shown = self.presenting and not self.lesson.active
        self.time_bar.set_caption(self.caption_text() if shown else "")

    def select_id(self, node_id: str, *, center: bool = True) -> None:
        """Select an object in the graph (and the inspector) by uid or node id."""
        item = self.scene.select_uid(node_id)
        if item is not None and center:
            self.view.ensureVisible(item)
        self._set_selected(node_id)

    def select_object(self, kind: str, namespace: str, name: str) -> None:
        obj = self.bridge.cluster.store.get(kind, namespace, name)
        if obj is None:
            raise KeyError(f"{kind} {namespace}/{name} does not exist")
        self.select_id(obj["metadata"]["uid"])

    def inspect(self, obj: Mapping[str, Any], tab: str = "Summary") -> None:
        self.select_id(obj["metadata"]["uid"])
        self.inspector_dock.show()
        self.inspector_dock.raise_()
        self.inspector.show_tab(tab)

    def _activated(self, node_id: str) -> None:
        """Enter on an object: select it and show the inspector (Why for claims and pods)."""
        self.select_id(node_id, center=False)
        obj = self.selected_object()
        self.inspector_dock.show()
        self.inspector_dock.raise_()
        if obj is not None and obj.get("kind") in ("PersistentVolumeClaim", "Pod"):
            self.inspector.show_tab("Why")

    def _context_menu(self, pos) -> None:
        item = self.view.itemAt(pos)
        node_id = _item_id(item)
        if node_id:
            self.select_id(node_id, center=False)
        obj = self.bridge.cluster.store.by_uid(node_id) if node_id else None
        # The point itself, not the view's note of it: that is only taken when the
        # view's signal fires (a call from a test or a key press has none).
        menu = self.actions_.context_menu(obj, self.view.mapToScene(pos))
        self.context_menu_shown = menu
        self.popup_menu(menu, self.view.viewport().mapToGlobal(pos))

    def popup_menu(self, menu, global_pos) -> None:
        menu.popup(global_pos)

    # ---- commands ------------------------------------------------------------------
    def run_command(self, line: str) -> str:
        return self.bridge.run_command(line)

    def apply_editor(self, text: str) -> None:
        output = self.bridge.apply_text(text, EDITOR_SOURCE, line="kubectl apply -f -")
        self.yaml_editor.show_result(output, self.bridge.last_ok)

    def drop_files(self, paths: list[str]) -> None:
        self.reporter.guard(self.actions_.open_paths, where="dropping files")(paths)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.drop_files(paths)

    # ---- view ----------------------------------------------------------------------
    def fit_view(self) -> None:
        self.view.fit_all()

    def relayout(self) -> None:
        self.scene.relayout(animate=self.motion)
        self.fit_view()

    def theme(self) -> Any:
        from gui import theme as themes

        base = themes.DARK if self.theme_name == "dark" else themes.LIGHT
        return themes.presentation(base) if self.presenting else base

    def toggle_theme(self) -> None:
        self.set_theme("light" if self.theme_name == "dark" else "dark")

    def set_theme(self, name: str) -> None:
        self.theme_name = name
        self.settings.theme = name
        self._apply_look()

    def toggle_motion(self) -> None:
        self.motion = not self.motion
        self.settings.motion = self.motion
        self.scene.set_motion(self.motion, self.player.speed)
        self.actions_["motion"].setChecked(self.motion)

    def toggle_presentation(self) -> None:
        self.set_presentation(not self.presenting)

    def leave_presentation(self) -> None:
        if self.presenting:
            self.set_presentation(False)

    def set_presentation(self, on: bool) -> None:
        """Projector mode: large type, thick lines, high contrast, no chrome."""
        if on == self.presenting:
            return
        if on:
            self._saved_state = self.saveState()
            for dock in (self.inspector_dock, self.events_dock, self.console_dock,
                         self.yaml_dock):
                dock.hide()
            self.toolbar.hide()
            self.menuBar().hide()
            self.statusBar().hide()
        self.presenting = on
        self.view.set_presentation(on)
        self._apply_look()
        self._update_caption()
        if not on:
            self.menuBar().show()
            self.statusBar().show()
            self.toolbar.show()
            if self._saved_state is not None:
                self.restoreState(self._saved_state)
            else:
                self.inspector_dock.show()
                self.events_dock.show()
        self.actions_["presentation"].setChecked(on)
        # Esc belongs to the graph (clear the selection) unless it leaves presentation.
        self.actions_["escape"].setEnabled(on)
        QTimer.singleShot(0, self.reporter.guard(self.fit_view, where="fit"))

    def _apply_look(self) -> None:
        theme = self.theme()
        self.scene.set_theme(theme)
        view_theme = getattr(self.view, "set_theme", None)
        if view_theme is not None:
            view_theme(theme)
        # The window's own palette (not the application's): docks, menus and dialogs
        # opened from it follow; other windows in the process are left alone.
        self.setPalette(_palette(self.theme_name == "dark"))
        for widget in (self.time_bar, self.errors):
            font = QFont(self.font())
            if self.presenting:
                font.setPointSizeF(font.pointSizeF() * 1.6)
                font.setBold(True)
            widget.setFont(font)
        self.time_bar.set_large(self.presenting)
        self.lesson_bar.set_large(self.presenting)
        self.lesson_bar.set_colours(self.theme_name == "dark")
        self.actions_["theme"].setChecked(self.theme_name == "dark")
        self.actions_["motion"].setChecked(self.motion)

    def export(self, path: str, fmt: str) -> None:
        from gui.export import export_scene

        title = self.export_title()
        export_scene(self.scene, path, fmt, title, self.theme())
        self.statusBar().showMessage(
            translate("MainWindow", "Exported {name}").format(name=Path(path).name), 5000)

    def export_title(self) -> str:
        if self.lesson.active:
            return f"{self.lesson.title()} — {format_clock(self.bridge.cluster.clock.now_ms)}"
        names = [Path(s.name).name for s in self.bridge.sources] or [
            translate("MainWindow", "empty cluster")]
        return f"{', '.join(names)} — {format_clock(self.bridge.cluster.clock.now_ms)}"

    def focus_console(self) -> None:
        self.console_dock.show()
        self.console_dock.raise_()
        self.console.input.setFocus()

    # ---- layout memory -------------------------------------------------------------
    def _restore_layout(self) -> None:
        geometry = self.settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1600, 1000)
        state = self.settings.window_state()
        self._layout_restored = state is not None and self.restoreState(state)

    def save_layout(self) -> None:
        state = self._saved_state if self.presenting and self._saved_state is not None \
            else self.saveState()
        self.settings.set_geometry(self.saveGeometry())
        self.settings.set_window_state(state)
        self.settings.speed = self.player.speed
        self.settings.sync()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._layout_restored:
            self._layout_restored = True
            # First run: the inspector gets about a third of the width (the WHY table
            # needs room), the graph the rest.
            self.resizeDocks([self.inspector_dock], [max(480, int(self.width() * 0.3))],
                             Qt.Orientation.Horizontal)
        if not self._fitted:
            self._fitted = True
            QTimer.singleShot(0, self.reporter.guard(self.fit_view, where="fit"))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.player.pause()
        self.save_layout()
        super().closeEvent(event)


def _item_id(item: Any) -> str:
    """The graph node id of an item (or of its parent item, for labels and badges)."""
    while item is not None:
        for attr in ("uid", "node_id"):
            value = getattr(item, attr, None)
            if isinstance(value, str) and value:
                return value
        item = item.parentItem()
    return ""


def _palette(dark: bool) -> QPalette:
    """Widget colours for the chosen theme (the graph has its own, from gui.theme)."""
    app = QApplication.instance()
    palette = QPalette(app.palette() if app else QPalette())
    if not dark:
        return app.style().standardPalette() if app else palette
    role = QPalette.ColorRole
    colours = {
        role.Window: "#1f2328", role.WindowText: "#e6edf3", role.Base: "#161b22",
        role.AlternateBase: "#22272e", role.ToolTipBase: "#2d333b", role.ToolTipText: "#e6edf3",
        role.Text: "#e6edf3", role.Button: "#2d333b", role.ButtonText: "#e6edf3",
        role.BrightText: "#ffffff", role.Highlight: "#2f81f7", role.HighlightedText: "#ffffff",
        role.PlaceholderText: "#8b949e", role.Link: "#58a6ff",
    }
    from PySide6.QtGui import QColor

    for r, colour in colours.items():
        palette.setColor(r, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, role.Text, QColor("#6e7681"))
    palette.setColor(QPalette.ColorGroup.Disabled, role.ButtonText, QColor("#6e7681"))
    palette.setColor(QPalette.ColorGroup.Disabled, role.WindowText, QColor("#6e7681"))
    return palette
