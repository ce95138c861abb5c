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
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from core.objects import get_path, name_of, namespace_of, phase_of
from gui import dialogs

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
        add("open", "&Open YAML…", self.open_files, "Ctrl+O",
            "Apply YAML files (kubectl apply -f FILE); you can also drop files on the window")
        add("new_pv", "New &PV…", self.new_pv, "Ctrl+Shift+P", "Create a PersistentVolume "
            "from a short form")
        add("new_claim", "New &claim…", self.new_claim, "Ctrl+Shift+C",
            "Create a PersistentVolumeClaim from a short form")
        add("export_png", "Export &PNG…", lambda: self.export("png"), "Ctrl+Shift+E",
            "The whole graph with legend and title, as a PNG picture")
        add("export_svg", "Export &SVG…", lambda: self.export("svg"), None,
            "The whole graph with legend and title, as an SVG drawing")
        add("quit", "&Quit", w.close, QKeySequence.StandardKey.Quit)
        # Edit / history
        add("undo", "&Undo", self.undo, QKeySequence.StandardKey.Undo,
            "Back to the moment before the last command (pauses time)")
        add("redo", "&Redo", self.bridge.redo, QKeySequence.StandardKey.Redo,
            "Replay the command undone last")
        self.by_name["redo"].setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        add("reset", "Reset to &loaded files", self.reset, "Ctrl+R",
            "Back to the files loaded at start (redo brings the session back)")
        # Objects
        add("delete", "&Delete", self.delete_selected, QKeySequence.StandardKey.Delete,
            "kubectl delete the selected object")
        add("clear_claimref", "Clear claim&Ref (reclaim)", self.clear_claimref, None,
            "The admin's reclaim step: remove the PV's claimRef so it becomes Available")
        add("scale", "&Scale…", self.scale_selected, None,
            "kubectl scale statefulset NAME --replicas=N (the number in the spin box)")
        add("node_fail", "&Fail node", lambda: self.node("fail"), None,
            "The node stops answering (node fail NODE)")
        add("node_recover", "&Recover node", lambda: self.node("recover"), None,
            "The node comes back (node recover NODE)")
        add("node_drain", "&Drain node", lambda: self.node("drain"), None,
            "kubectl drain NODE: cordon it and evict its pods")
        add("nfs_write", "&Write a file on the NFS server…", self.nfs_write, None,
            "nfs write SERVER:PATH TEXT: pods that mount that export see the file")
        # Time
        add("play", "▶ Play", self.play_pause, "Space", "Play / pause the simulation (Space)")
        add("step", "▶| Step", self.step, "N", "Run until the next change (N)")
        add("settle", "▶▶ Settle", self.settle, "Ctrl+Return",
            "Skip ahead until nothing changes (the settle command)")
        w.player.playing_changed.connect(self._show_playing)
        add("faster", "Faster", w.player.faster, "]")
        add("slower", "Slower", w.player.slower, "[")
        # View
        add("fit", "&Fit view", w.fit_view, "F", "Show the whole graph")
        add("relayout", "Re-&layout", w.relayout, "Ctrl+L",
            "Lay the graph out again, forgetting dragged positions")
        add("theme", "&Dark theme", w.toggle_theme, "Ctrl+T")
        self.by_name["theme"].setCheckable(True)
        add("presentation", "&Presentation mode", w.toggle_presentation, "F5",
            "Large type and thick lines for projectors; hides the panels (F5 / Esc)")
        self.by_name["presentation"].setCheckable(True)
        add("motion", "&Animations", w.toggle_motion, None,
            "Off = reduced motion: state changes appear at once")
        self.by_name["motion"].setCheckable(True)
        add("console", "Focus &console", w.focus_console, "Ctrl+`")
        add("about", "&About pvgraph", self.about)
        add("escape", "Leave presentation mode", w.leave_presentation, "Esc")
        self.update_enabled(None)

    def _add(self, name: str, text: str, handler: Callable[[], Any],
             shortcut: Any = None, tip: str = "") -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(f"action_{name}")
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.triggered.connect(self.window.reporter.guard(handler, where=f"action {name}",
                                                            pass_args=False))
        self.window.addAction(action)
        self.by_name[name] = action
        return action

    def _show_playing(self, playing: bool) -> None:
        self.by_name["play"].setText("❚❚ Pause" if playing else "▶ Play")

    def __getitem__(self, name: str) -> QAction:
        return self.by_name[name]

    # ---- enabling ------------------------------------------------------------------
    def update_enabled(self, obj: Mapping[str, Any] | None) -> None:
        kind = obj.get("kind") if obj else None
        busy = self.bridge.busy
        self.by_name["delete"].setEnabled(kind in DELETABLE and not busy)
        self.by_name["clear_claimref"].setEnabled(
            kind == "PersistentVolume" and bool(get_path(obj, "spec", "claimRef")) and not busy)
        self.by_name["scale"].setEnabled(kind == "StatefulSet" and not busy)
        for verb in ("node_fail", "node_recover", "node_drain"):
            self.by_name[verb].setEnabled(kind == "Node" and not busy)
        self.by_name["undo"].setEnabled(self.bridge.can_undo())
        self.by_name["redo"].setEnabled(self.bridge.can_redo())
        for name in ("open", "new_pv", "new_claim", "reset", "settle", "step", "nfs_write"):
            self.by_name[name].setEnabled(not busy)
        if obj is not None:
            self.by_name["delete"].setText(f"&Delete {KIND_WORDS.get(str(kind), kind)} "
                                           f"{name_of(obj)}")
        else:
            self.by_name["delete"].setText("&Delete")

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

    def context_menu(self, obj: Mapping[str, Any] | None) -> QMenu:
        menu = QMenu(self.window)
        if obj is not None:
            title = menu.addAction(f"{obj.get('kind')} {name_of(obj)}")
            title.setEnabled(False)
            why = menu.addAction("Why is it " + (phase_of(obj) or "like this") + "?")
            why.triggered.connect(self.window.reporter.guard(
                lambda: self.window.inspect(obj, "Why"), where="context menu", pass_args=False))
            menu.addSeparator()
            if obj.get("kind") == "StatefulSet":
                menu.addAction(self.by_name["scale"])
            for action in self.for_object(obj):
                menu.addAction(action)
        else:
            node = self.window.selected_node()
            if node is not None and node.kind == "NFSExport":
                title = menu.addAction(f"NFS export {node.name}")
                title.setEnabled(False)
                menu.addAction(self.by_name["nfs_write"])
                menu.addSeparator()
            for name in ("new_pv", "new_claim", "open", "fit", "relayout"):
                menu.addAction(self.by_name[name])
        return menu

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
