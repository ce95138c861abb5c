"""Short forms that write YAML: a new PV, a new claim, a file on the NFS server.

The forms only produce text; the window applies it through the bridge like any
other manifest, so the API server's validation and defaulting decide the rest.
"""

from __future__ import annotations

from collections.abc import Sequence

import yaml
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

ACCESS_MODES = ("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod")
UNSET = "(unset: use the default class)"
EMPTY = '"" (no class)'


def _dump(obj: dict) -> str:
    return yaml.safe_dump(obj, sort_keys=False, default_flow_style=False)


def pv_yaml(name: str, capacity: str, modes: Sequence[str], reclaim: str, storage_class: str,
            server: str, path: str, volume_mode: str = "Filesystem") -> str:
    spec: dict = {
        "capacity": {"storage": capacity},
        "volumeMode": volume_mode,
        "accessModes": list(modes),
        "persistentVolumeReclaimPolicy": reclaim,
    }
    if storage_class != UNSET:
        spec["storageClassName"] = "" if storage_class == EMPTY else storage_class
    spec["nfs"] = {"path": path, "server": server}
    return _dump({"apiVersion": "v1", "kind": "PersistentVolume",
                  "metadata": {"name": name}, "spec": spec})


def claim_yaml(name: str, namespace: str, size: str, modes: Sequence[str], storage_class: str,
               volume_name: str = "", volume_mode: str = "Filesystem") -> str:
    spec: dict = {"accessModes": list(modes)}
    if storage_class != UNSET:
        spec["storageClassName"] = "" if storage_class == EMPTY else storage_class
    if volume_mode != "Filesystem":
        spec["volumeMode"] = volume_mode
    if volume_name:
        spec["volumeName"] = volume_name
    spec["resources"] = {"requests": {"storage": size}}
    metadata = {"name": name}
    if namespace and namespace != "default":
        metadata["namespace"] = namespace
    return _dump({"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": metadata,
                  "spec": spec})


def _next_name(existing: set[str], stem: str, width: int = 4) -> str:
    for index in range(1, 10_000):
        candidate = f"{stem}{index:0{width}d}" if width else f"{stem}{index}"
        if candidate not in existing:
            return candidate
    return stem


class _ModesBox(QWidget):
    def __init__(self, checked: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes = {}
        for mode in ACCESS_MODES:
            box = QCheckBox(mode, self)
            box.setChecked(mode in checked)
            layout.addWidget(box)
            self.boxes[mode] = box

    def modes(self) -> list[str]:
        return [m for m, box in self.boxes.items() if box.isChecked()]


class _Form(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        self.preview.setMinimumHeight(160)
        self.layout_.addWidget(QLabel(QCoreApplication.translate("Dialogs", "YAML that will be applied:"), self))
        self.layout_.addWidget(self.preview)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(QCoreApplication.translate("Dialogs", "Apply"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.layout_.addWidget(self.buttons)

    def _watch(self, *widgets: QWidget) -> None:
        for widget in widgets:
            for signal in ("textChanged", "currentTextChanged", "toggled"):
                if hasattr(widget, signal):
                    getattr(widget, signal).connect(self._update)
            if isinstance(widget, _ModesBox):
                for box in widget.boxes.values():
                    box.toggled.connect(self._update)
        self._update()

    def _update(self, *_args) -> None:
        self.preview.setPlainText(self.yaml_text())

    def yaml_text(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError


class NewPVDialog(_Form):
    def __init__(self, cluster, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("Dialogs", "New PersistentVolume"), parent)
        existing = {o["metadata"]["name"] for o in cluster.store.list("PersistentVolume")}
        servers = sorted({str(((pv.get("spec") or {}).get("nfs") or {}).get("server"))
                          for pv in cluster.store.list("PersistentVolume")
                          if ((pv.get("spec") or {}).get("nfs") or {}).get("server")})
        self.name = QLineEdit(_next_name(existing, "pv"), self)
        self.capacity = QLineEdit("1Gi", self)
        self.modes = _ModesBox(["ReadWriteOnce"], self)
        self.reclaim = QComboBox(self)
        self.reclaim.addItems(["Retain", "Delete", "Recycle"])
        self.storage_class = QComboBox(self)
        self.storage_class.setEditable(True)
        classes = sorted({str((pv.get("spec") or {}).get("storageClassName") or "")
                          for pv in cluster.store.list("PersistentVolume")} |
                         {o["metadata"]["name"] for o in cluster.store.list("StorageClass")})
        self.storage_class.addItems([c for c in classes if c] + [EMPTY, UNSET])
        self.server = QLineEdit(servers[0] if servers else "192.168.6.189", self)
        number = "".join(ch for ch in self.name.text() if ch.isdigit()).lstrip("0") or "1"
        self.path = QLineEdit(f"/nfs/pv{number}", self)
        self.form.addRow(QCoreApplication.translate("Dialogs", "Name:"), self.name)
        self.form.addRow(QCoreApplication.translate("Dialogs", "Capacity:"), self.capacity)
        self.form.addRow(QCoreApplication.translate("Dialogs", "Access modes:"), self.modes)
        self.form.addRow(QCoreApplication.translate("Dialogs", "Reclaim policy:"), self.reclaim)
        self.form.addRow(QCoreApplication.translate("Dialogs", "Storage class:"), self.storage_class)
        self.form.addRow("NFS server:", self.server)
        self.form.addRow("NFS path:", self.path)
        self._watch(self.name, self.capacity, self.modes, self.reclaim, self.storage_class,
                    self.server, self.path)

    def yaml_text(self) -> str:
        return pv_yaml(self.name.text().strip(), self.capacity.text().strip(), self.modes.modes(),
                       self.reclaim.currentText(), self.storage_class.currentText(),
                       self.server.text().strip(), self.path.text().strip())


class NewClaimDialog(_Form):
    def __init__(self, cluster, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("Dialogs", "New PersistentVolumeClaim"), parent)
        existing = {o["metadata"]["name"] for o in cluster.store.list("PersistentVolumeClaim")}
        self.name = QLineEdit(_next_name(existing, "claim-", 0), self)
        self.namespace = QLineEdit("default", self)
        self.size = QLineEdit("1Gi", self)
        self.modes = _ModesBox(["ReadWriteOnce"], self)
        self.storage_class = QComboBox(self)
        self.storage_class.setEditable(True)
        classes = sorted({str((pv.get("spec") or {}).get("storageClassName") or "")
                          for pv in cluster.store.list("PersistentVolume")} |
                         {o["metadata"]["name"] for o in cluster.store.list("StorageClass")})
        self.storage_class.addItems([c for c in classes if c] + [EMPTY, UNSET])
        self.volume_name = QLineEdit(self)
        self.volume_name.setPlaceholderText("(optional) bind to this PV only")
        self.form.addRow(QCoreApplication.translate("Dialogs", "Name:"), self.name)
        self.form.addRow(QCoreApplication.translate("Dialogs", "Namespace:"), self.namespace)
        self.form.addRow(QCoreApplication.translate("Dialogs", "Request:"), self.size)
        self.form.addRow(QCoreApplication.translate("Dialogs", "Access modes:"), self.modes)
        self.form.addRow(QCoreApplication.translate("Dialogs", "Storage class:"), self.storage_class)
        self.form.addRow(QCoreApplication.translate("Dialogs", "Volume name:"), self.volume_name)
        self._watch(self.name, self.namespace, self.size, self.modes, self.storage_class,
                    self.volume_name)

    def yaml_text(self) -> str:
        return claim_yaml(self.name.text().strip(), self.namespace.text().strip(),
                          self.size.text().strip(), self.modes.modes(),
                          self.storage_class.currentText(), self.volume_name.text().strip())


class NfsWriteDialog(QDialog):
    """``nfs write SERVER:PATH TEXT``: a file on the NFS server, seen by pods that mount it."""

    def __init__(self, servers: Sequence[str], server: str, path: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("Dialogs", "Write a file on the NFS server"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.server = QComboBox(self)
        self.server.setEditable(True)
        self.server.addItems(list(servers) or [server])
        self.server.setCurrentText(server)
        self.path = QLineEdit(path, self)
        self.text = QLineEdit("hello from the NFS server", self)
        form.addRow(QCoreApplication.translate("Dialogs", "Server:"), self.server)
        form.addRow(QCoreApplication.translate("Dialogs", "Path:"), self.path)
        form.addRow(QCoreApplication.translate("Dialogs", "Text:"), self.text)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(QCoreApplication.translate("Dialogs", "Write"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def values(self) -> tuple[str, str, str]:
        return self.server.currentText().strip(), self.path.text().strip(), self.text.text()
