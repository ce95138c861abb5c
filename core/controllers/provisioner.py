"""A simulated external provisioner: nfs-subdir-external-provisioner.

It serves StorageClasses whose ``provisioner`` is one of its names: any name whose last
``/``-separated segment is ``nfs-subdir-external-provisioner`` or
``nfs-client-provisioner`` (``nfs-subdir-external-provisioner``,
``k8s-sigs.io/nfs-subdir-external-provisioner``,
``cluster.local/nfs-subdir-external-provisioner``, ...), and the legacy
``fuseim.pri/ifs``.

Like every external provisioner (sig-storage-lib-external-provisioner) it acts on
claims that the PV controller annotated with ``volume.kubernetes.io/storage-provisioner``;
for a WaitForFirstConsumer class only once the scheduler set
``volume.kubernetes.io/selected-node``. After ``settings.provision_ms`` it creates PV
``pvc-<claim uid>`` pre-bound to the claim (the PV controller then binds it):

* NFS server and base path: the real provisioner takes them from its Deployment
  (``NFS_SERVER``/``NFS_PATH``); the simulator reads the class parameters ``server`` and
  ``path`` instead, defaulting to ``nfs-server.default.svc`` and ``/exports``;
* directory ``<path>/<namespace>-<claim>-<pv name>``, capacity = the request, the claim's
  access modes and volumeMode, the class's reclaim policy (default Delete) and mount
  options;
* as deleter of its own Released PVs with policy Delete: after ``settings.delete_ms``
  the directory is archived as ``archived-<dir>`` (class parameter ``archiveOnDelete``
  false → removed; ``onDelete: delete|retain`` wins over it) and the PV is deleted.

Claims with a label selector or asking for Block mode are refused with the real
provisioner's ``ProvisioningFailed`` messages.
"""

from __future__ import annotations

import importlib
import posixpath
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .. import binding
from ..binding import (
    ANN_BETA_STORAGE_PROVISIONER,
    ANN_BOUND_BY_CONTROLLER,
    ANN_DYNAMICALLY_PROVISIONED,
    ANN_SELECTED_NODE,
    ANN_STORAGE_PROVISIONER,
)
from ..clock import TaskHandle
from ..events import NORMAL, WARNING
from ..objects import Key, Manifest, annotations_of, name_of, namespace_of, uid_of
from ..store import Change
from .base import Controller

if TYPE_CHECKING:
    from ..cluster import Cluster

PV = "PersistentVolume"
PVC = "PersistentVolumeClaim"

SERVED_SUFFIXES = ("nfs-subdir-external-provisioner", "nfs-client-provisioner")
LEGACY_NAMES = ("fuseim.pri/ifs",)
DEFAULT_SERVER = "nfs-server.default.svc"
DEFAULT_PATH = "/exports"


def serves(provisioner: str) -> bool:
    """Whether the simulated NFS provisioner answers to this provisioner name."""
    return provisioner in LEGACY_NAMES or provisioner.rsplit("/", 1)[-1] in SERVED_SUFFIXES


def class_server_and_path(storage_class: Mapping[str, Any] | None) -> tuple[str, str]:
    parameters = (storage_class or {}).get("parameters") or {}
    server = str(parameters.get("server") or DEFAULT_SERVER)
    path = str(parameters.get("path") or DEFAULT_PATH)
    return server, path


def directory_for(namespace: str, claim: str, pv_name: str) -> str:
    """The sub-directory nfs-subdir-external-provisioner creates for a claim."""
    return f"{namespace}-{claim}-{pv_name}"


def _parse_bool(text: str) -> bool | None:
    """Go's ``strconv.ParseBool``."""
    if text in ("1", "t", "T", "TRUE", "true", "True"):
        return True
    if text in ("0", "f", "F", "FALSE", "false", "False"):
        return False
    return None


class NFSProvisioner(Controller):
    name = "nfs-subdir-external-provisioner"
    watches = (PVC, PV)
    interests = (PVC, PV)

    def __init__(self, cluster: Cluster) -> None:
        super().__init__(cluster)
        self._pending: dict[str, TaskHandle] = {}

    def on_change(self, change: Change) -> None:
        kind = change.key[0]
        if (kind == PVC or kind == PV) and change.new is not None:
            annotations = (change.new.get("metadata") or {}).get("annotations") or {}
            wanted = (annotations.get(ANN_STORAGE_PROVISIONER)
                      or annotations.get(ANN_BETA_STORAGE_PROVISIONER)) if kind == PVC else (
                annotations.get(ANN_DYNAMICALLY_PROVISIONED))
            # Like any external provisioner, it only looks at objects meant for it.
            if wanted and serves(str(wanted)):
                self.enqueue(change.key)

    def sync(self, key: Key) -> None:
        kind, namespace, name = key
        if kind == PVC:
            claim = self.store.get(PVC, namespace, name)
            if claim is not None:
                self._sync_claim(claim)
        elif kind == PV:
            volume = self.store.get(PV, "", name)
            if volume is not None:
                self._sync_volume(volume)

    def _emit(self, obj: Manifest, type_: str, reason: str, message: str,
              provisioner: str) -> None:
        self.recorder.emit(obj, type_, reason, message, component=provisioner or self.name)

    # ---- provisioning ---------------------------------------------------------------------
    def _wanted_provisioner(self, claim: Manifest) -> str:
        annotations = annotations_of(claim)
        return str(annotations.get(ANN_STORAGE_PROVISIONER)
                   or annotations.get(ANN_BETA_STORAGE_PROVISIONER) or "")

    def _should_provision(self, claim: Manifest) -> Manifest | None:
        """The claim's StorageClass when this provisioner should act on the claim now."""
        if (claim.get("spec") or {}).get("volumeName") or binding.is_deleting(claim):
            return None
        provisioner = self._wanted_provisioner(claim)
        if not serves(provisioner):
            return None
        storage_class = self.store.get("StorageClass", "", binding.claim_class(claim))
        if storage_class is None or storage_class.get("provisioner") != provisioner:
            return None
        if (storage_class.get("volumeBindingMode") == binding.WAIT_FOR_FIRST_CONSUMER
                and ANN_SELECTED_NODE not in annotations_of(claim)):
            return None
        if self.store.get(PV, "", f"pvc-{uid_of(claim)}") is not None:
            return None
        return storage_class

    def _sync_claim(self, claim: Manifest) -> None:
        storage_class = self._should_provision(claim)
        if storage_class is None or uid_of(claim) in self._pending:
            return
        provisioner = str(storage_class.get("provisioner"))
        if binding.volume_mode_of(claim) == binding.BLOCK:
            self._emit(claim, WARNING, "ProvisioningFailed",
                       f"{provisioner} does not support block volume provisioning", provisioner)
            return
        self._emit(claim, NORMAL, "Provisioning",
                   f'External provisioner is provisioning volume for claim '
                   f'"{namespace_of(claim)}/{name_of(claim)}"', provisioner)
        if (claim.get("spec") or {}).get("selector") is not None:
            self._emit(claim, WARNING, "ProvisioningFailed",
                       f'failed to provision volume with StorageClass "{name_of(storage_class)}": '
                       f"claim Selector is not supported", provisioner)
            return
        uid = uid_of(claim)
        key = (namespace_of(claim), name_of(claim))
        self._pending[uid] = self.clock.schedule(
            self.settings.provision_ms, lambda: self._provision(uid, key),
            label=f"provision pvc-{uid}")

    def _provision(self, uid: str, key: tuple[str, str]) -> None:
        self._pending.pop(uid, None)
        claim = self.store.get(PVC, *key)
        if claim is None or uid_of(claim) != uid:
            return
        storage_class = self._should_provision(claim)
        if storage_class is None:
            return
        provisioner = str(storage_class.get("provisioner"))
        pv_name = f"pvc-{uid}"
        server, base = class_server_and_path(storage_class)
        path = posixpath.join(base, directory_for(key[0], key[1], pv_name))
        spec = claim.get("spec") or {}
        requested = ((spec.get("resources") or {}).get("requests") or {}).get("storage")
        pv_spec: dict[str, Any] = {
            "capacity": {"storage": requested},
            "accessModes": list(spec.get("accessModes") or []),
            "persistentVolumeReclaimPolicy": storage_class.get("reclaimPolicy") or "Delete",
            "storageClassName": name_of(storage_class),
            "nfs": {"server": server, "path": path},
            "claimRef": binding.claim_reference(claim),
        }
        if spec.get("volumeMode") is not None:
            pv_spec["volumeMode"] = spec["volumeMode"]
        if storage_class.get("mountOptions"):
            pv_spec["mountOptions"] = list(storage_class["mountOptions"])
        volume = {
            "apiVersion": "v1",
            "kind": PV,
            "metadata": {"name": pv_name, "annotations": {
                ANN_BOUND_BY_CONTROLLER: "yes",
                ANN_DYNAMICALLY_PROVISIONED: provisioner,
            }},
            "spec": pv_spec,
        }
        mkdir = _nfs_function("mkdir")
        if mkdir is not None:
            mkdir(self.cluster, server, path, actor=provisioner)
        self.api.create(volume, actor=provisioner,
                        reason=f"provision: volume for {key[0]}/{key[1]}")
        self._emit(claim, NORMAL, "ProvisioningSucceeded",
                   f"Successfully provisioned volume {pv_name}", provisioner)

    # ---- deleting ------------------------------------------------------------------------------
    def _sync_volume(self, volume: Manifest) -> None:
        provisioner = str(annotations_of(volume).get(ANN_DYNAMICALLY_PROVISIONED) or "")
        if not serves(provisioner) or name_of(volume) in self._pending:
            return
        spec = volume.get("spec") or {}
        if (binding.phase(volume) != "Released" or spec.get("persistentVolumeReclaimPolicy")
                != "Delete" or binding.is_deleting(volume)):
            return
        name = name_of(volume)
        self._pending[name] = self.clock.schedule(
            self.settings.delete_ms, lambda: self._delete(name), label=f"delete {name}")

    def _delete(self, name: str) -> None:
        self._pending.pop(name, None)
        volume = self.store.get(PV, "", name)
        if volume is None or binding.phase(volume) != "Released" or binding.is_deleting(volume):
            return
        provisioner = str(annotations_of(volume).get(ANN_DYNAMICALLY_PROVISIONED) or "")
        nfs = (volume.get("spec") or {}).get("nfs") or {}
        server, path = str(nfs.get("server") or ""), str(nfs.get("path") or "")
        storage_class = self.store.get("StorageClass", "", binding.volume_class(volume))
        parameters = (storage_class or {}).get("parameters") or {}
        on_delete = str(parameters.get("onDelete") or "")
        archive = True
        if on_delete == "delete":
            archive = False
        elif on_delete == "retain":
            archive = None
        elif "archiveOnDelete" in parameters:
            flag = _parse_bool(str(parameters["archiveOnDelete"]))
            if flag is None:
                self._emit(volume, WARNING, "VolumeFailedDelete",
                           f'strconv.ParseBool: parsing "{parameters["archiveOnDelete"]}": '
                           f"invalid syntax", provisioner)
                return
            archive = flag
        if server and path and archive is not None:
            if archive:
                rename = _nfs_function("rename")
                if rename is not None:
                    parent, base = posixpath.split(path)
                    rename(self.cluster, server, path, posixpath.join(parent, f"archived-{base}"),
                           actor=provisioner)
            else:
                remove = _nfs_function("remove")
                if remove is not None:
                    remove(self.cluster, server, path, actor=provisioner)
        self.api.delete(PV, "", name, actor=provisioner or self.name,
                        reason="reclaim: deleted by its provisioner")


def _nfs_function(name: str) -> Any:
    """A function of ``core.nfs`` if that module (written separately) provides it."""
    try:
        module = importlib.import_module(".nfs", __package__.rpartition(".")[0])
    except Exception:  # noqa: BLE001 - absent, or mid-edit by its owner: just skip the step
        return None
    return getattr(module, name, None)
