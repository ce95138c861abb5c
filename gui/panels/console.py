"""The console: type the script language, see ``$ line`` and its output.

Every command the app runs (typed here or from a button) is echoed here the way
the script runner prints it, so the GUI teaches the commands behind each click.
Up/Down walk the history; Tab completes verbs, kinds and object names.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from core.kinds import lookup

translate = QCoreApplication.translate

TOP_VERBS = ("kubectl", "settle", "sleep", "nfs", "node", "say", "snapshot", "explain")
KUBECTL_VERBS = ("apply", "create", "delete", "get", "describe", "scale", "patch", "exec",
                 "label", "annotate", "rollout", "run", "wait", "drain", "cordon", "uncordon",
                 "version")
#: What people type for each kind, in the order offered.
KIND_WORDS = ("pv", "pvc", "pod", "statefulset", "service", "storageclass", "node", "events",
              "namespace", "nfsserver", "endpoints", "persistentvolume",
              "persistentvolumeclaim", "sts", "svc", "sc", "po", "pods", "nodes",
              "controllerrevisions")
#: kubectl wait's conditions, offered before the object.
WAIT_CONDITIONS = ("--for=condition=Ready", "--for=delete", "--for=create",
                   "--for=jsonpath=")
OUTPUT_FORMATS = ("wide", "yaml", "json", "name")


def _names(cluster, kind: str, namespace: str | None = None) -> list[str]:
    return [o["metadata"]["name"] for o in cluster.store.list(kind, namespace)]


def _nfs_servers(cluster) -> list[str]:
    names: list[str] = []
    try:
        from core.nfs import servers

        for view in servers(cluster):
            name = getattr(view, "name", None) or getattr(view, "server", None)
            if name:
                names.append(str(name))
    except Exception:  # the NFS module is optional for completion: fall back to the PVs
        pass
    if not names:
        for pv in cluster.store.list("PersistentVolume"):
            server = ((pv.get("spec") or {}).get("nfs") or {}).get("server")
            if server and server not in names:
                names.append(str(server))
    return names


def candidates(cluster, words: list[str]) -> list[str]:
    """Completions for the last word of ``words`` (the words typed so far)."""
    if not words:
        return list(TOP_VERBS)
    previous, current = words[:-1], words[-1]
    pool: list[str] = []
    if not previous:
        pool = list(TOP_VERBS)
    elif previous[-1] == "-n":
        pool = ["default", "kube-system", "kube-public", "kube-node-lease",
                *_names(cluster, "Namespace")]
    elif previous[-1] == "-o":
        pool = list(OUTPUT_FORMATS)
    elif previous[0] == "kubectl":
        pool = _kubectl_candidates(cluster, previous[1:])
    elif previous[0] == "node":
        pool = ["fail", "recover"] if len(previous) == 1 else _names(cluster, "Node")
    elif previous[0] == "nfs":
        pool = ["write", "cat", "ls"] if len(previous) == 1 else \
            [f"{s}:" for s in _nfs_servers(cluster)]
    elif previous[0] == "explain":
        if len(previous) == 1:
            pool = ["pvc", "pv", "pod"]
        else:
            info = lookup(previous[1])
            pool = _names(cluster, info.kind) if info else []
    seen: set[str] = set()
    out = []
    for word in pool:
        if word.startswith(current) and word not in seen:
            seen.add(word)
            out.append(word)
    return out


def _kubectl_candidates(cluster, args: list[str]) -> list[str]:
    if not args:
        return list(KUBECTL_VERBS)
    verb, rest = args[0], [a for a in args[1:] if not a.startswith("-")]
    if verb in ("drain", "cordon", "uncordon"):
        return _names(cluster, "Node") if not rest else []
    if verb == "exec":
        return _names(cluster, "Pod") if not rest else ["--", "cat", "ls", "sh"]
    if verb == "scale":
        return ["statefulset"] if not rest else _names(cluster, "StatefulSet")
    if verb in ("apply", "create"):
        return ["-f"]
    if verb == "wait":
        if not any(a.startswith("--for") for a in args[1:]):
            return list(WAIT_CONDITIONS)
        if not rest:
            return list(KIND_WORDS)
        info = lookup(rest[0].split("/")[0])
        return _names(cluster, info.kind) if info and len(rest) == 1 else []
    if verb == "rollout":
        if not rest:
            return ["status", "restart", "history", "undo"]
        return ["statefulset"] if len(rest) == 1 else (
            _names(cluster, "StatefulSet") if len(rest) == 2 else [])
    if verb in ("get", "describe", "delete", "patch", "label", "annotate"):
        if not rest:
            return list(KIND_WORDS)
        if len(rest) == 1:
            info = lookup(rest[0].split(",")[0])
            if info is None:
                return []
            names = _names(cluster, info.kind)
            return names + (["--all"] if verb == "delete" else [])
        return ["-n", "-o", "-l", "-A"] if verb == "get" else []
    return []


def complete(cluster, text: str) -> tuple[str, list[str]]:
    """Complete ``text``; returns the new text and the candidates (for listing)."""
    ends_with_space = text.endswith(" ") or not text
    words = text.split()
    if ends_with_space:
        words.append("")
    found = candidates(cluster, words)
    if not found:
        return text, []
    current = words[-1]
    prefix = os.path.commonprefix(found)
    head = text[: len(text) - len(current)] if current else text
    if len(found) == 1:
        suffix = "" if found[0].endswith(":") else " "
        return head + found[0] + suffix, found
    return head + prefix, found


class ConsoleInput(QLineEdit):
    """A line edit with history (Up/Down) and completion (Tab)."""

    submitted = Signal(str)
    listed = Signal(list)

    def __init__(self, completer: Callable[[str], tuple[str, list[str]]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._completer = completer
        self.history: list[str] = []
        self._position = 0
        self._draft = ""
        self.returnPressed.connect(self._submit)

    def event(self, event: QEvent) -> bool:
        # Tab would move the focus; in a console it completes.
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Tab:
            self.complete_now()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Up:
            self.history_move(-1)
            return
        if event.key() == Qt.Key.Key_Down:
            self.history_move(1)
            return
        super().keyPressEvent(event)

    def complete_now(self) -> None:
        new, found = self._completer(self.text())
        if new != self.text():
            self.setText(new)
        elif len(found) > 1:
            self.listed.emit(found)

    def history_move(self, delta: int) -> None:
        if not self.history:
            return
        if self._position == len(self.history):
            self._draft = self.text()
        self._position = max(0, min(len(self.history), self._position + delta))
        self.setText(self.history[self._position] if self._position < len(self.history)
                     else self._draft)

    def _submit(self) -> None:
        line = self.text().strip()
        if not line:
            return
        if not self.history or self.history[-1] != line:
            self.history.append(line)
        self._position = len(self.history)
        self._draft = ""
        self.clear()
        self.submitted.emit(line)


class Console(QWidget):
    """Output like a terminal running the script, and an input line."""

    def __init__(self, bridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.output = QPlainTextEdit(self)
        self.output.setReadOnly(True)
        self.output.setFont(mono)
        self.output.setMaximumBlockCount(5000)
        self.output.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout.addWidget(self.output, 1)
        row = QHBoxLayout()
        row.setContentsMargins(4, 0, 4, 4)
        prompt = QLabel("$", self)
        prompt.setFont(mono)
        row.addWidget(prompt)
        self.input = ConsoleInput(lambda text: complete(self._bridge.cluster, text), self)
        self.input.setFont(mono)
        row.addWidget(self.input, 1)
        layout.addLayout(row)
        self.input.submitted.connect(self.run)
        self.input.listed.connect(self._list)
        bridge.command_ran.connect(self.echo)
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the current language (the output keeps what was printed)."""
        self.input.setPlaceholderText(translate(
            "Console", "kubectl get pv,pvc · kubectl scale statefulset web --replicas=3 · settle "
                   "(Tab completes, ↑/↓ history)"))

    def run(self, line: str) -> str:
        return self._bridge.run_command(line, report=False)

    def echo(self, line: str, output: str, ok: bool) -> None:
        self._append(f"$ {line}", bold=True)
        if output:
            self._append(output.rstrip("\n"), error=not ok)

    def _list(self, found: list[str]) -> None:
        self._append("  ".join(found), dim=True)

    def text(self) -> str:
        return self.output.toPlainText()

    def _append(self, text: str, *, bold: bool = False, error: bool = False,
                dim: bool = False) -> None:
        cursor = self.output.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        fmt = QTextCharFormat()
        if bold:
            fmt.setFontWeight(QFont.Weight.Bold)
        if error:
            fmt.setForeground(QColor("#d03030"))
        if dim:
            fmt.setForeground(self.palette().placeholderText())
        if not self.output.document().isEmpty():
            cursor.insertBlock()
        cursor.insertText(text, fmt)
        self.output.setTextCursor(cursor)
        self.output.ensureCursorVisible()
