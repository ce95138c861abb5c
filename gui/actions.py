"""Every user action, as the script line it stands for.

Toolbar buttons, menu entries, the context menu on graph items and keyboard
shortcuts all come from here. An action that changes the cluster builds one script
line (``kubectl delete pvc www-web-0``) and runs it through the bridge, so it is
echoed in the console, recorded for undo and replayable like a script.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Callable, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from core.objects import get_path, name_of, namespace_of, phase_of
from gui import dialogs, i18n

if TYPE_CHECKING:
    from gui.main_window import MainWindow

#: The word people type for each kind (as in the seed: ``kubectl delete pvc --all``).
KIND_WORDS = {
    "PersistentVolume": "pv",
    "PersistentVolumeClaim": "pvc",
    "Pod": "pod",
    "StatefulSet": "statefulset",
    "Service": "svc",
    "StorageClass": "storageclass",
    "Node": "node",
    "Namespace": "namespace",
    "NFSServer": "nfsserver",
    "Endpoints": "endpoints",
}

translate = QCoreApplication.translate

#: Lesson keys; Space is the play key outside lessons.
LESSON_KEYS = {"lesson_next": ("Space", "Right"), "lesson_back": ("Left",),
               "lesson_restart": ("Home",)}
SESSION_FILTER = "pvgraph sessions (*.pvgraph.json);;All files (*)"

DELETABLE = ("PersistentVolume", "PersistentVolumeClaim", "Pod", "StatefulSet", "Service",
             "StorageClass", "NFSServer")


# ---- script lines ----------------------------------------------------------------------
def _ns(obj: Mapping[str, Any]) -> str:
    ns = namespace_of(obj)
    return f" -n {ns}" if ns and ns != "default" else ""


def delete_line(obj: Mapping[str, Any]) -> str:
    kind = str(obj.get("kind"))
    return f"kubectl delete {KIND_WORDS.get(kind, kind.lower())} {name_of(obj)}{_ns(obj)}"


def scale_line(obj: Mapping[str, Any], replicas: int) -> str:
    return f"kubectl scale statefulset {name_of(obj)} --replicas={int(replicas)}{_ns(obj)}"


def clear_claimref_line(pv_name: str) -> str:
    patch = json.dumps({"spec": {"claimRef": None}}, separators=(",", ":"))
    return f"kubectl patch pv {pv_name} -p '{patch}'"


def node_line(verb: str, node: str) -> str:
    if verb == "drain":
        return f"kubectl drain {node}"
    if verb in ("cordon", "uncordon"):
        return f"kubectl {verb} {node}"
    return f"node {verb} {node}"


def nfs_write_line(server: str, path: str, text: str) -> str:
    return f"nfs write {server}:{path} {shlex.quote(text)}"


def nfs_defaults(cluster, obj: Mapping[str, Any] | None) -> tuple[list[str], str, str]:
    """Servers to offer, and a server and path to start from (the selected PV's export)."""
    servers: list[str] = []
    for pv in cluster.store.list("PersistentVolume"):
        server = get_path(pv, "spec", "nfs", "server")
        if server and str(server) not in servers:
            servers.append(str(server))
    for server in cluster.store.list("NFSServer"):
        if name_of(server) not in servers:
            servers.append(name_of(server))
    path = "/nfs/pv1/index.html"
    server = servers[0] if servers else "192.168.6.189"
    pv = obj
    if obj is not None and obj.get("kind") == "PersistentVolumeClaim":
        volume = get_path(obj, "spec", "volumeName")
        pv = cluster.store.get("PersistentVolume", "", volume) if volume else None
    if pv is not None and pv.get("kind") == "PersistentVolume" and get_path(pv, "spec", "nfs"):
        server = str(get_path(pv, "spec", "nfs", "server"))
        path = str(get_path(pv, "spec", "nfs", "path")).rstrip("/") + "/index.html"
    return servers, server, path


# ---- texts ---------------------------------------------------------------------------
def action_texts() -> dict[str, tuple[str, str]]:
    """Each action's (text, tip) in the current language.

    A function, not constants: a language switch calls it again. Each text is a
    literal ``translate`` call so that lupdate finds it.
    """
    return {
        "open": (translate("Actions", "&Open YAML…"),
                 translate("Actions", "Apply YAML files (kubectl apply -f FILE); you can also drop "
                                      "files on the window")),
        "new_pv": (translate("Actions", "New &PV…"),
                   translate("Actions", "Create a PersistentVolume from a short form")),
        "new_claim": (translate("Actions", "New &claim…"),
                      translate("Actions", "Create a PersistentVolumeClaim from a short form")),
        "open_session": (translate("Actions", "Open &session…"),
                         translate("Actions", "Open a saved session: its files, actions and clock, "
                                              "replayed")),
        "save_session": (translate("Actions", "Sa&ve session…"),
                         translate("Actions", "Save the loaded files, every action and the clock to "
                                              "one file")),
        "export_png": (translate("Actions", "Export &PNG…"),
                       translate("Actions", "The whole graph with legend and title, as a PNG picture")),
        "export_svg": (translate("Actions", "Export &SVG…"),
                       translate("Actions", "The whole graph with legend and title, as an SVG drawing")),
        "quit": (translate("Actions", "&Quit"), ""),
        "undo": (translate("Actions", "&Undo"),
                 translate("Actions", "Back to the moment before the last command (pauses time)")),
        "redo": (translate("Actions", "&Redo"), translate("Actions", "Replay the command undone last")),
        "reset": (translate("Actions", "Reset to &loaded files"),
                  translate("Actions", "Back to the files loaded at start (redo brings the session "
                                       "back)")),
        "back_to_now": (translate("Actions", "Back to &now"),
                        translate("Actions", "Leave the past: show the cluster as it is now")),
        "branch_here": (translate("Actions", "&Branch from here"),
                        translate("Actions", "Continue from the past moment on screen (what came after "
                                             "it is dropped; Redo brings it back)")),
        "delete": (translate("Actions", "&Delete"), translate("Actions", "kubectl delete the selected object")),
        "clear_claimref": (translate("Actions", "Clear claim&Ref (reclaim)"),
                           translate("Actions", "The admin's reclaim step: remove the PV's claimRef so "
                                                "it becomes Available")),
        "scale": (translate("Actions", "&Scale…"),
                  translate("Actions", "kubectl scale statefulset NAME --replicas=N (the number in the "
                                       "spin box)")),
        "node_fail": (translate("Actions", "&Fail node"),
                      translate("Actions", "The node stops answering (node fail NODE)")),
        "node_recover": (translate("Actions", "&Recover node"),
                         translate("Actions", "The node comes back (node recover NODE)")),
        "node_drain": (translate("Actions", "&Drain node"),
                       translate("Actions", "kubectl drain NODE: cordon it and evict its pods")),
        "nfs_write": (translate("Actions", "&Write a file on the NFS server…"),
                      translate("Actions", "nfs write SERVER:PATH TEXT: pods that mount that export "
                                           "see the file")),
        "play": (translate("Actions", "▶ Play"), translate("Actions", "Play / pause the simulation (Space)")),
        "step": (translate("Actions", "▶| Step"), translate("Actions", "Run until the next change (N)")),
        "settle": (translate("Actions", "▶▶ Settle"),
                   translate("Actions", "Skip ahead until nothing changes (the settle command)")),
        "faster": (translate("Actions", "Faster"), ""),
        "slower": (translate("Actions", "Slower"), ""),
        "lesson_gallery": (translate("Actions", "Lesson &gallery…"),
                           translate("Actions", "The bundled lessons: run one step by step")),
        "lesson_open": (translate("Actions", "Open lesson &file…"),
                        translate("Actions", "Run a lesson script of your own step by step")),
        "lesson_next": (translate("Actions", "Next ▶"),
                        translate("Actions", "Run the next step of the lesson (Space or →)")),
        "lesson_back": (translate("Actions", "◀ Back"),
                        translate("Actions", "Back to the end of the previous step (←)")),
        "lesson_restart": (translate("Actions", "⟲ Restart"),
                           translate("Actions", "Back to the start of the lesson (Home)")),
        "lesson_leave": (translate("Actions", "Leave the lesson"),
                         translate("Actions", "Close the caption bar; the cluster stays as it is")),
        "fit": (translate("Actions", "&Fit view"), translate("Actions", "Show the whole graph")),
        "relayout": (translate("Actions", "Re-&layout"),
                     translate("Actions", "Lay the graph out again, forgetting dragged positions")),
        "collapse_group": (translate("Actions", "Collapse / expand &group"),
                           translate("Actions", "Fold the selected object's innermost group into one "
                                                "card, or unfold the selected card (C)")),
        "expand_all": (translate("Actions", "E&xpand all groups"),
                       translate("Actions", "Unfold every collapsed group (Shift+C)")),
        "theme": (translate("Actions", "&Dark theme"), ""),
        "presentation": (translate("Actions", "&Presentation mode"),
                         translate("Actions", "Large type and thick lines for projectors; hides the "
                                              "panels (F5 / Esc)")),
        "motion": (translate("Actions", "&Animations"),
                   translate("Actions", "Off = reduced motion: state changes appear at once")),
        "console": (translate("Actions", "Focus &console"), ""),
        "about": (translate("Actions", "&About pvgraph"), ""),
        "escape": (translate("Actions", "Leave presentation mode"), ""),
    }


# ---- the actions -----------------------------------------------------------------------
class Actions(QObject):
    """Builds the QActions of the window and runs them (each one guarded)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.bridge = window.bridge
        self.by_name: dict[str, QAction] = {}
        w = window
        add = self._add

        # File
        add("open", self.open_files, "Ctrl+O")
        add("new_pv", self.new_pv, "Ctrl+Shift+P")
        add("new_claim", self.new_claim, "Ctrl+Shift+C")
        add("open_session", self.open_session, "Ctrl+Shift+O")
        add("save_session", self.save_session, "Ctrl+S")
        add("export_png", lambda: self.export("png"), "Ctrl+Shift+E")
        add("export_svg", lambda: self.export("svg"))
        add("quit", w.close, QKeySequence.StandardKey.Quit)
        # Edit / history
        add("undo", self.undo, QKeySequence.StandardKey.Undo)
        add("redo", self.redo, QKeySequence.StandardKey.Redo)
        self.by_name["redo"].setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        add("reset", self.reset, "Ctrl+R")
        add("back_to_now", self.back_to_now, "Ctrl+End")
        add("branch_here", self.branch_here)
        # Objects
        add("delete", self.delete_selected, QKeySequence.StandardKey.Delete)
        add("clear_claimref", self.clear_claimref)
        add("scale", self.scale_selected)
        add("node_fail", lambda: self.node("fail"))
        add("node_recover", lambda: self.node("recover"))
        add("node_drain", lambda: self.node("drain"))
        add("nfs_write", self.nfs_write)
        # Time
        add("play", self.play_pause, "Space")
        add("step", self.step, "N")
        add("settle", self.settle, "Ctrl+Return")
        w.player.playing_changed.connect(self._show_playing)
        add("faster", w.player.faster, "]")
        add("slower", w.player.slower, "[")
        # Lessons
        add("lesson_gallery", w.lesson.gallery, "Ctrl+G")
        add("lesson_open", w.lesson.open_file)
        add("lesson_next", w.lesson.next)
        add("lesson_back", w.lesson.back)
        add("lesson_restart", w.lesson.restart)
        add("lesson_leave", w.lesson.leave)
        # View
        add("fit", w.fit_view, "F")
        add("relayout", w.relayout, "Ctrl+L")
        # The action owns C and Shift+C: while it is enabled the shortcut wins over the
        # graph view's own key handling, so a key press is handled once; while it is
        # disabled the key reaches the view, which has nothing to fold either.
        add("collapse_group", self.toggle_group, "C")
        add("expand_all", self.expand_all, "Shift+C")
        add("theme", w.toggle_theme, "Ctrl+T")
        self.by_name["theme"].setCheckable(True)
        add("presentation", w.toggle_presentation, "F5")
        self.by_name["presentation"].setCheckable(True)
        add("motion", w.toggle_motion)
        self.by_name["motion"].setCheckable(True)
        add("console", w.focus_console, "Ctrl+`")
        add("about", self.about)
        add("escape", w.leave_presentation, "Esc")
        self.language_group = QActionGroup(self)
        self.language_actions: list[QAction] = []
        for code, _label in (("", ""), *i18n.LANGUAGES):
            action = QAction(self.window)
            action.setObjectName(f"action_language_{code or 'system'}")
            action.setCheckable(True)
            action.setChecked(code == w.settings.language)
            action.setData(code)
            action.triggered.connect(w.reporter.guard(
                lambda _checked=False, c=code: self.set_language(c), where="language"))
            self.language_group.addAction(action)
            self.language_actions.append(action)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language (at start, and after a language switch)."""
        for name, (text, tip) in action_texts().items():
            action = self.by_name[name]
            action.setText(text)
            action.setToolTip(tip or text.replace("&", ""))
            action.setStatusTip(tip)
        names = dict(i18n.LANGUAGES)
        names[""] = translate("Actions", "System language")
        for action in self.language_actions:
            action.setText(names[action.data()])
            action.setToolTip(translate("Actions", "The interface language"))
        self._show_playing(self.window.player.playing)
        self.update_enabled(self.window.selected_object())
        self.update_lesson(self.window.lesson.runner)

    def _add(self, name: str, handler: Callable[[], Any], shortcut: Any = None) -> QAction:
        action = QAction(self.window)
        action.setObjectName(f"action_{name}")
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(self.window.reporter.guard(handler, where=f"action {name}",
                                                            pass_args=False))
        self.window.addAction(action)
        self.by_name[name] = action
        return action

    def _show_playing(self, playing: bool) -> None:
        self.by_name["play"].setText(translate("Actions", "❚❚ Pause") if playing
                                     else translate("Actions", "▶ Play"))

    def __getitem__(self, name: str) -> QAction:
        return self.by_name[name]

    # ---- enabling ------------------------------------------------------------------
    def update_enabled(self, obj: Mapping[str, Any] | None) -> None:
        kind = obj.get("kind") if obj else None
        # Loading or looking at the past: nothing may change the cluster.
        busy = self.bridge.read_only
        self.by_name["delete"].setEnabled(kind in DELETABLE and not busy)
        self.by_name["clear_claimref"].setEnabled(
            kind == "PersistentVolume" and bool(get_path(obj, "spec", "claimRef")) and not busy)
        self.by_name["scale"].setEnabled(kind == "StatefulSet" and not busy)
        for verb in ("node_fail", "node_recover", "node_drain"):
            self.by_name[verb].setEnabled(kind == "Node" and not busy)
        self.by_name["undo"].setEnabled(self.bridge.can_undo())
        self.by_name["redo"].setEnabled(self.bridge.can_redo())
        for name in ("open", "new_pv", "new_claim", "reset", "settle", "step", "nfs_write",
                     "play", "open_session"):
            self.by_name[name].setEnabled(not busy)
        past = self.bridge.viewing_past
        self.by_name["back_to_now"].setEnabled(past)
        self.by_name["branch_here"].setEnabled(past and not self.bridge.busy)
        self.by_name["save_session"].setEnabled(not self.bridge.busy)
        if obj is not None:
            self.by_name["delete"].setText(translate("Actions", "&Delete {kind} {name}").format(
                kind=KIND_WORDS.get(str(kind), kind), name=name_of(obj)))
        else:
            self.by_name["delete"].setText(translate("Actions", "&Delete"))
        self.update_groups()

    def update_groups(self) -> None:
        """Collapse / expand follow the focused or selected object and the folded groups."""
        group, collapsed = self.group_target()
        toggle = self.by_name["collapse_group"]
        toggle.setEnabled(group is not None)
        if group is None:
            toggle.setText(translate("Actions", "Collapse / expand &group"))
        else:
            title = _group_title(group)
            toggle.setText(translate("Actions", "Expand {group}").format(group=title)
                           if collapsed else
                           translate("Actions", "Collapse {group}").format(group=title))
        self.by_name["expand_all"].setEnabled(bool(self.window.scene.collapsed_groups()))

    def group_target(self) -> tuple[Any, bool]:
        """(group, is it collapsed) that C acts on: the focused card, else the focused or
        selected object's innermost expanded group; (None, False) when there is none."""
        from gui.items.collapsed import CollapsedGroupItem

        scene = self.window.scene
        focused = self.window.view.focused_item()
        if isinstance(focused, CollapsedGroupItem):
            return scene.group(focused.group_id), True
        node_id = focused.node_id if focused is not None else self.window.selected_id
        if not node_id:
            return None, False
        groups = [g for g in scene.groups_of(node_id) if not scene.is_collapsed(g.id)]
        return (groups[0], False) if groups else (None, False)

    def update_lesson(self, runner: Any) -> None:
        """Lesson buttons follow where the lesson is (and are off outside lessons)."""
        on = runner is not None and not self.bridge.busy
        self.by_name["lesson_next"].setEnabled(on and not runner.at_end)
        self.by_name["lesson_back"].setEnabled(on and not runner.at_start)
        self.by_name["lesson_restart"].setEnabled(on and not runner.at_start)
        self.by_name["lesson_leave"].setEnabled(runner is not None)

    def set_lesson_keys(self, on: bool) -> None:
        """In a lesson Space/→/←/Home move the lesson (also with the graph focused)."""
        for name, keys in LESSON_KEYS.items():
            self.by_name[name].setShortcuts([QKeySequence(k) for k in keys] if on else [])
        self.by_name["play"].setShortcut(QKeySequence() if on else QKeySequence("Space"))

    def for_object(self, obj: Mapping[str, Any]) -> list[QAction]:
        """The actions that apply to this object, for the inspector and context menu."""
        kind = obj.get("kind")
        names: list[str] = []
        if kind == "StatefulSet":
            names.append("scale")
        if kind == "PersistentVolume" and get_path(obj, "spec", "claimRef"):
            names.append("clear_claimref")
        if kind == "Node":
            names += ["node_fail", "node_recover", "node_drain"]
        if kind in ("PersistentVolume", "PersistentVolumeClaim", "NFSServer"):
            names.append("nfs_write")
        if kind in DELETABLE:
            names.append("delete")
        return [self.by_name[n] for n in names if n != "scale"]

    def context_menu(self, obj: Mapping[str, Any] | None, scene_pos: Any = None) -> QMenu:
        """The menu for ``obj`` (None: the background, a group frame or a card at
        ``scene_pos``, or where the view last saw a right click)."""
        menu = QMenu(self.window)
        if obj is not None:
            title = menu.addAction(f"{obj.get('kind')} {name_of(obj)}")
            title.setEnabled(False)
            phase = phase_of(obj)
            why = menu.addAction(translate("Actions", "Why is it {phase}?").format(phase=phase)
                                 if phase else translate("Actions", "Why is it like this?"))
            why.triggered.connect(self.window.reporter.guard(
                lambda: self.window.inspect(obj, "Why"), where="context menu", pass_args=False))
            menu.addSeparator()
            if obj.get("kind") == "StatefulSet":
                menu.addAction(self.by_name["scale"])
            for action in self.for_object(obj):
                menu.addAction(action)
            menu.addSeparator()
            self._group_entries(menu, obj, scene_pos)
        else:
            node = self.window.selected_node()
            if node is not None and node.kind == "NFSExport":
                title = menu.addAction(translate("Actions", "NFS export {name}").format(
                    name=node.name))
                title.setEnabled(False)
                menu.addAction(self.by_name["nfs_write"])
                menu.addSeparator()
            self._group_entries(menu, None, scene_pos)
            for name in ("new_pv", "new_claim", "open", "fit", "relayout"):
                menu.addAction(self.by_name[name])
        return menu

    def _group_entries(self, menu: QMenu, obj: Mapping[str, Any] | None,
                       scene_pos: Any = None) -> None:
        """Collapse the groups around an object, or the group / card under the pointer.

        (The keys are the View menu's: C folds / unfolds, Shift+C expands all.)
        """
        scene = self.window.scene
        if obj is not None:
            uid = get_path(obj, "metadata", "uid") or ""
            groups = [g for g in scene.groups_of(uid) if not scene.is_collapsed(g.id)]
        else:
            group = scene.group_at(scene_pos) if scene_pos is not None \
                else self.window.view.context_group()
            groups = [group] if group is not None else []
        added = False
        for group in groups:
            title = _group_title(group)
            if scene.is_collapsed(group.id):
                text = translate("Actions", "Expand {group}").format(group=title)
                handler = partial(scene.expand_group, group.id)
            else:
                text = translate("Actions", "Collapse {group}").format(group=title)
                handler = partial(scene.collapse_group, group.id)
            entry = menu.addAction(text)
            entry.triggered.connect(self.window.reporter.guard(handler, where="context menu",
                                                               pass_args=False))
            added = True
        if scene.collapsed_groups():
            expand = menu.addAction(translate("Actions", "Expand all groups"))
            expand.triggered.connect(self.window.reporter.guard(
                scene.expand_all, where="context menu", pass_args=False))
            added = True
        if added:
            menu.addSeparator()

    # ---- handlers ------------------------------------------------------------------
    def _selected(self) -> Mapping[str, Any] | None:
        return self.window.selected_object()

    def open_files(self) -> None:
        paths = dialogs.ask_open_files(self.window)
        if paths:
            self.open_paths(paths)

    def open_paths(self, paths: list[str]) -> None:
        self.bridge.apply_paths(paths)

    def new_pv(self) -> None:
        text = dialogs.ask_new_pv(self.window, self.bridge.cluster)
        if text:
            self.bridge.apply_text(text, "new-pv.yaml", line="kubectl apply -f -")

    def new_claim(self) -> None:
        text = dialogs.ask_new_claim(self.window, self.bridge.cluster)
        if text:
            self.bridge.apply_text(text, "new-claim.yaml", line="kubectl apply -f -")

    def delete_selected(self) -> None:
        obj = self._selected()
        if obj is not None and obj.get("kind") in DELETABLE:
            self.bridge.run_command(delete_line(obj))

    def clear_claimref(self) -> None:
        obj = self._selected()
        if obj is not None and obj.get("kind") == "PersistentVolume":
            self.bridge.run_command(clear_claimref_line(name_of(obj)))

    def scale_selected(self, replicas: int | None = None) -> None:
        obj = self._selected()
        if obj is None or obj.get("kind") != "StatefulSet":
            return
        if replicas is None:
            replicas = self.window.scale_box.value()
        self.bridge.run_command(scale_line(obj, replicas))

    def node(self, verb: str) -> None:
        obj = self._selected()
        if obj is not None and obj.get("kind") == "Node":
            self.bridge.run_command(node_line(verb, name_of(obj)))

    def nfs_write(self) -> None:
        servers, server, path = nfs_defaults(self.bridge.cluster, self._selected())
        node = self.window.selected_node()
        if node is not None and node.kind == "NFSExport":
            facts = dict(node.facts)
            server = str(facts.get("server") or server)
            path = str(facts.get("path") or node.name).rstrip("/") + "/index.html"
        answer = dialogs.ask_nfs_write(self.window, servers, server, path)
        if answer:
            server, path, text = answer
            self.bridge.run_command(nfs_write_line(server, path, text))

    def undo(self) -> None:
        # Paused, so the moment before the command stays on screen and redo is exact.
        self.window.player.pause()
        self.bridge.undo()

    def redo(self) -> None:
        self.window.player.pause()
        self.bridge.redo()

    def back_to_now(self) -> None:
        self.bridge.back_to_now()

    def branch_here(self) -> None:
        self.window.player.pause()
        self.bridge.branch_here()

    def save_session(self) -> None:
        from core.session import SessionError

        path = ask_session_path(self.window, save=True)
        if not path:
            return
        meta = {}
        lesson = self.window.lesson.session_meta()
        if lesson is not None:
            meta["lesson"] = lesson
        try:
            saved = self.bridge.save_session(path, meta)
        except SessionError as exc:
            self.window.errors.add_error(str(exc))
            return
        self.window.statusBar().showMessage(
            translate("Actions", "Session saved to {name}").format(name=saved.name), 5000)

    def open_session(self) -> None:
        from core.session import SessionError

        path = ask_session_path(self.window, save=False)
        if not path:
            return
        self.window.player.pause()
        try:
            meta = self.bridge.open_session(path)
        except SessionError as exc:
            # Nothing was replaced: the session on screen stays as it was.
            self.window.errors.add_error(
                translate("Actions", "Could not open the session: {error}").format(error=exc))
            return
        self.window.lesson.leave()
        # A session saved during a lesson reopens it at the same step (older files
        # have no "lesson": they open as before).
        self.window.lesson.resume(meta.get("lesson"))
        self.window.statusBar().showMessage(
            translate("Actions", "Session {name} opened").format(name=path), 5000)

    def toggle_group(self) -> None:
        """C: fold the focused / selected object's innermost group, or unfold a card."""
        view = self.window.view
        if view.focused_item() is not None:
            # The view also moves the keyboard cursor onto the card / back to a member.
            view.toggle_focused_group()
        else:
            group, _collapsed = self.group_target()
            if group is not None:
                self.window.scene.toggle_group(group.id)
        self.update_groups()

    def expand_all(self) -> None:
        self.window.scene.expand_all()
        self.update_groups()

    def set_language(self, code: str) -> None:
        """Switch the interface language now (and remember it for the next start)."""
        self.window.settings.language = code
        self.window.settings.sync()
        self.window.switch_language(i18n.resolve(code))

    def reset(self) -> None:
        self.window.player.pause()
        self.bridge.reset_to_loaded()

    def play_pause(self) -> None:
        self.window.player.toggle()

    def step(self) -> None:
        self.window.player.step()

    def settle(self) -> None:
        self.bridge.run_command("settle")



    def export(self, fmt: str) -> None:
        path = dialogs.ask_save_path(self.window, fmt)
        if path:
            self.window.export(path, fmt)

    def about(self) -> None:
        self.window.about_dialog = dialogs.show_about(self.window)


def _group_title(group: Any) -> str:
    """A group's name in menus (an implied NFS server's group has no title of its own)."""
    return group.title or translate("Actions", "NFS server {name}").format(
        name=group.id.partition(":")[2])


def ask_session_path(parent, *, save: bool) -> str | None:
    """Where to save a session / which one to open, or None when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    from core.session import SUFFIX

    filters = translate("Actions", "pvgraph sessions (*.pvgraph.json);;All files (*)")
    if save:
        path, _ = QFileDialog.getSaveFileName(parent, translate("Actions", "Save session"),
                                              f"session{SUFFIX}", filters)
        if path and not path.endswith(SUFFIX):
            path += SUFFIX
    else:
        path, _ = QFileDialog.getOpenFileName(parent, translate("Actions", "Open session"), "",
                                              filters)
    return path or None
