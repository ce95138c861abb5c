"""The persistentvolume-controller: binds claims to volumes and reclaims released volumes.

Modelled on ``pkg/controller/volume/persistentvolume/pv_controller.go``
(``syncClaim``, ``syncUnboundClaim``, ``syncBoundClaim``, ``syncVolume``, ``bind``,
``unbindVolume``, ``reclaimVolume``, ``provisionClaim``); see
``kubernetes-semantics.md`` §1.9–§3. Level-triggered: every sync decides from the
current store. Each write is its own store write with a reason, in the real
controller's order (binding: PV claimRef, PV phase, claim volumeName, claim status).

Like the real controller, which keeps its own cache of what it wrote, the controller
does not re-sync an object because of its own write; other writers (kubectl, the
scheduler, the provisioner) do trigger a sync. Deletions always do: a deleted claim
queues its volume (→ Released) and a deleted volume queues its claim (→ Lost). A new
Available PV does not wake Pending claims: they retry on the 15 s resync, as in
Kubernetes.

Volume plugins the simulator knows (the ones kube-controller-manager still has):
hostPath (deleter for paths under ``/tmp/``, recycler) and NFS (recycler, no deleter).
CSI volumes are deleted externally. Any other in-tree source has no plugin.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .. import binding
from ..binding import (
    ANN_BETA_STORAGE_PROVISIONER,
    ANN_BIND_COMPLETED,
    ANN_BOUND_BY_CONTROLLER,
    ANN_DYNAMICALLY_PROVISIONED,
    ANN_MIGRATED_TO,
    ANN_PRE_RESIZE_CAPACITY,
    ANN_SELECTED_NODE,
    ANN_STORAGE_PROVISIONER,
)
from ..clock import TaskHandle
from ..events import NORMAL, WARNING
from ..objects import (
    DELETE,
    Key,
    Manifest,
    annotations_of,
    evolve,
    key_of,
    name_of,
    namespace_of,
    uid_of,
)
from ..store import DELETED, Change
from ..volume_index import VolumeIndex
from .base import Controller

if TYPE_CHECKING:
    from ..cluster import Cluster

PV = "PersistentVolume"
PVC = "PersistentVolumeClaim"

BOUND = "Bound"
AVAILABLE = "Available"
RELEASED = "Released"
FAILED = "Failed"
PENDING = "Pending"
LOST = "Lost"

#: In-tree provisioners whose CSI migration is complete: claims go to the CSI driver.
MIGRATED_PROVISIONERS = {
    "kubernetes.io/aws-ebs": "ebs.csi.aws.com",
    "kubernetes.io/gce-pd": "pd.csi.storage.gke.io",
    "kubernetes.io/azure-disk": "disk.csi.azure.com",
    "kubernetes.io/azure-file": "file.csi.azure.com",
    "kubernetes.io/cinder": "cinder.csi.openstack.org",
    "kubernetes.io/vsphere-volume": "csi.vsphere.vmware.com",
    "kubernetes.io/portworx-volume": "pxd.portworx.com",
}

#: Every PersistentVolumeSource key; only the first two have plugins in the controller.
VOLUME_SOURCES = (
    "hostPath", "nfs", "csi", "local", "iscsi", "fc", "awsElasticBlockStore",
    "gcePersistentDisk", "azureDisk", "azureFile", "cinder", "cephfs", "rbd", "glusterfs",
    "flexVolume", "flocker", "vsphereVolume", "quobyte", "portworxVolume", "photonPersistentDisk",
    "scaleIO", "storageos",
)

#: HonorPVReclaimPolicy (GA 1.33) finalizers on dynamically provisioned Delete volumes.
PV_DELETION_IN_TREE_FINALIZER = "kubernetes.io/pv-controller"
PV_DELETION_EXTERNAL_FINALIZER = "external-provisioner.volume.kubernetes.io/finalizer"

EXTERNAL_PROVISIONING_MESSAGE = (
    "Waiting for a volume to be created either by the external provisioner '{}' or manually "
    "by the system administrator. If volume creation is delayed, please verify that the "
    "provisioner is running and correctly registered.")


def volume_source(volume: Mapping[str, Any]) -> str:
    """The volume source key of a PV (``nfs``, ``hostPath``, ...), or ""."""
    spec = volume.get("spec") or {}
    for key in VOLUME_SOURCES:
        if spec.get(key) is not None:
            return key
    return ""


def migration_annotation_changes(annotations: Mapping[str, Any],
                                 keys: tuple[str, ...]) -> dict[str, Any]:
    """``updateMigrationAnnotations``: ``pv.kubernetes.io/migrated-to`` follows whether the
    provisioner named under the first present key of ``keys`` has migrated to CSI."""
    if not annotations:
        return {}  # the common case, without building a generator
    key = next((k for k in keys if k in annotations), None)
    if key is None:
        return {}
    driver = MIGRATED_PROVISIONERS.get(str(annotations[key] or ""))
    migrated = str(annotations.get(ANN_MIGRATED_TO) or "")
    if driver is not None:
        return {ANN_MIGRATED_TO: driver} if migrated != driver else {}
    return {ANN_MIGRATED_TO: DELETE} if migrated else {}


def deletion_finalizers(volume: Mapping[str, Any]) -> list[str] | None:
    """``modifyDeletionFinalizers``: the finalizers a provisioned PV should have, or None.

    Only in-tree (``kubernetes.io/``) provisioned volumes carry the in-tree protection
    finalizer, and only with policy Delete; a migrated plugin's volume loses it; the
    external provisioner's finalizer is dropped from in-tree volumes.
    """
    annotations = annotations_of(volume)
    if ANN_DYNAMICALLY_PROVISIONED not in annotations:
        return None
    finalizers = list((volume.get("metadata") or {}).get("finalizers") or [])
    provisioner = str(annotations[ANN_DYNAMICALLY_PROVISIONED] or "")
    if provisioner in MIGRATED_PROVISIONERS:
        if PV_DELETION_IN_TREE_FINALIZER in finalizers:
            return [f for f in finalizers if f != PV_DELETION_IN_TREE_FINALIZER]
        return None
    if not provisioner.startswith("kubernetes.io/"):
        return None
    out = list(finalizers)
    policy = (volume.get("spec") or {}).get("persistentVolumeReclaimPolicy")
    if policy == "Delete" and PV_DELETION_IN_TREE_FINALIZER not in out:
        out.append(PV_DELETION_IN_TREE_FINALIZER)
    elif policy in ("Retain", "Recycle") and PV_DELETION_IN_TREE_FINALIZER in out:
        out = [f for f in out if f != PV_DELETION_IN_TREE_FINALIZER]
    if PV_DELETION_EXTERNAL_FINALIZER in out:
        out = [f for f in out if f != PV_DELETION_EXTERNAL_FINALIZER]
    return out if out != finalizers else None


def replace_changes(old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> dict[str, Any]:
    """Changes for :func:`core.objects.evolve` that make a nested mapping equal ``new``.

    ``evolve`` merges mappings; Go's controller replaces whole structs (claimRef,
    capacity), so keys that are gone must be deleted explicitly.
    """
    changes: dict[str, Any] = {k: DELETE for k in (old or {}) if k not in new}
    changes.update(new)
    return changes


class _Effect(Exception):
    """A dry run reached something that would change the cluster."""


class PersistentVolumeController(Controller):
    name = "persistentvolume-controller"
    watches = (PVC, PV)
    interests = (PVC, PV)

    def __init__(self, cluster: Cluster) -> None:
        super().__init__(cluster)
        self.resync_ms = self.settings.pv_resync_ms
        self.index = VolumeIndex()
        for volume in self.store.iter_kind(PV):
            self.index.put(volume)
        self._operations: dict[str, TaskHandle] = {}
        # Syncs known to change nothing: key -> (object, partner key, partner) as they were
        # at a sync that wrote, queued and scheduled nothing and read only those two
        # objects; ``_dependents`` maps a partner key to the keys remembered with it.
        # Every change to either object forgets the entry (see ``_forget_quiet``).
        self._quiet: dict[Key, tuple[Manifest, Key | None, Manifest | None]] = {}
        self._dependents: dict[Key, set[Key]] = {}
        # Keys changed (or forgotten) since the last resync: the resync dry-runs them.
        self._unsure: set[Key] = set()
        # True while a dry run checks that a sync would change nothing (see ``_dry_run``).
        self._dry = False

    # ---- wiring ------------------------------------------------------------------------
    def on_change(self, change: Change) -> None:
        key = change.key
        kind = key[0]
        if kind != PV and kind != PVC:
            return
        if self._quiet:
            self._forget_quiet(key)
        deleted = change.action == DELETED
        if deleted:
            self._unsure.discard(key)
        else:
            self._unsure.add(key)
        if kind == PV:
            # VolumeIndex.apply, inlined: this runs on every PV write.
            if deleted:
                self.index.remove(key[2])
            else:
                self.index.put(change.new, key[2])  # type: ignore[arg-type]
            if deleted:
                ref = binding.claim_ref_of(change.old or {})
                if ref is not None and ref.get("name"):
                    # A deleted volume wakes its claim at once (it goes Lost).
                    self.enqueue((PVC, str(ref.get("namespace") or ""), str(ref.get("name"))))
                return
        elif deleted:
            volume_name = ((change.old or {}).get("spec") or {}).get("volumeName")
            if volume_name:
                # A deleted claim wakes its volume at once (it goes Released).
                self.enqueue((PV, "", str(volume_name)))
            return
        if change.actor != self.name:
            self.enqueue(key)

    def resync(self) -> None:
        """The periodic resync, minus the syncs known to change nothing.

        It runs when no controller has work. Until one sync writes something, the ones
        queued before it cannot interleave with anything, so remembered no-op syncs are
        skipped up to the first key that needs a real sync, and all of them when none
        does; from that key on everything is queued as before, which keeps the order of
        every write the same as a full resync's.
        """
        if self.cluster.has_work():
            super().resync()
            return
        if self._unsure:
            # Objects written since the last resync (a binding's four writes, say) were
            # never synced after their last change: find out whether a sync would do
            # anything now, without doing it.
            for key in sorted(self._unsure):
                if key not in self._quiet and self._dry_run(key):
                    self._remember_quiet(key)
            self._unsure.clear()
        quiet = self._quiet
        if len(quiet) == self.store.count(PVC) + self.store.count(PV):
            return
        live = False
        for kind in self.watches:
            for obj in self.store.iter_kind(kind):
                m = obj["metadata"]
                key = (kind, m.get("namespace") or "", m["name"])
                if live or key not in quiet:
                    live = True
                    self.enqueue(key)

    def _dry_run(self, key: Key) -> bool:
        """Whether a sync of ``key`` would change nothing now; it changes nothing itself.

        Every effect a sync can have goes through :meth:`_write`, :meth:`event`,
        :meth:`enqueue` or :meth:`_schedule`; in a dry run a write that would change the
        object, or any of the others, stops the sync.
        """
        self._dry = True
        try:
            if key[0] == PV:
                self.sync_volume_by_name(key[2])
            else:
                self.sync_claim_by_key(key[1], key[2])
        except _Effect:
            return False
        finally:
            self._dry = False
        return True

    def enqueue(self, key: Key) -> None:
        if self._dry:
            raise _Effect
        super().enqueue(key)

    def event(self, obj, type_: str, reason: str, message: str) -> None:
        if self._dry:
            raise _Effect
        super().event(obj, type_, reason, message)

    def _forget_quiet(self, key: Key) -> None:
        """``key``'s object changed: forget the no-op syncs that read it."""
        quiet, dependents = self._quiet, self._dependents
        memo = quiet.pop(key, None)
        if memo is not None and memo[1] is not None:
            keys = dependents.get(memo[1])
            if keys is not None:
                keys.discard(key)
                if not keys:
                    del dependents[memo[1]]
        for other in dependents.pop(key, ()):
            self._unsure.add(other)
            memo = quiet.pop(other, None)
            if memo is not None and memo[1] is not None and memo[1] != key:
                keys = dependents.get(memo[1])
                if keys is not None:
                    keys.discard(other)

    def sync(self, key: Key) -> None:
        quiet = self._quiet.get(key)
        if quiet is not None:
            get = self.store.get_key
            if get(key) is quiet[0] and (quiet[1] is None or get(quiet[1]) is quiet[2]):
                # Neither this object nor the one its sync reads changed since a sync that
                # changed nothing: this one would change nothing either.
                return
            self._forget_quiet(key)  # pragma: no cover - on_change forgets it first
        store, clock = self.store, self.clock
        seq, scheduled, queued = store.last_seq, clock.scheduled, len(self.queue)
        kind, namespace, name = key
        if kind == PV:
            self.sync_volume_by_name(name)
        elif kind == PVC:
            self.sync_claim_by_key(namespace, name)
        if store.last_seq == seq and clock.scheduled == scheduled and len(self.queue) == queued:
            self._remember_quiet(key)

    def _remember_quiet(self, key: Key) -> None:
        """Remember a sync that changed nothing, if its outcome depends only on the object
        and its partner (a claim's volume by ``volumeName``, a volume's claim by claimRef).

        Paths that read anything else (the volume index, classes, pods, running reclaim
        operations) are never remembered.
        """
        obj = self.store.get_key(key)
        if obj is None:
            return
        if key[0] == PVC:
            volume_name = (obj.get("spec") or {}).get("volumeName")
            if not volume_name:
                return  # an unbound claim searches the volume index
            partner_key: Key | None = (PV, "", str(volume_name))
        else:
            ref = binding.claim_ref_of(obj)
            if ref is None or not ref.get("uid"):
                partner_key = None
            else:
                partner_key = (PVC, str(ref.get("namespace") or ""), str(ref.get("name") or ""))
                claim = self.store.get_key(partner_key)
                if claim is None or uid_of(claim) != str(ref.get("uid")) or \
                        str((claim.get("spec") or {}).get("volumeName") or "") != key[2]:
                    return  # released, reclaimed, or waiting for the claim's half
        if partner_key is None:
            self._quiet[key] = (obj, None, None)
            return
        self._quiet[key] = (obj, partner_key, self.store.get_key(partner_key))
        self._dependents.setdefault(partner_key, set()).add(key)

    def sync_claim_by_key(self, namespace: str, name: str) -> None:
        """One ``syncClaim`` of that claim (nothing if it does not exist)."""
        claim = self.store.get(PVC, namespace, name)
        if claim is not None:
            self.sync_claim(claim)

    def sync_volume_by_name(self, name: str) -> None:
        """One ``syncVolume`` of that volume (nothing if it does not exist)."""
        volume = self.store.get(PV, "", name)
        if volume is not None:
            self.sync_volume(volume)

    # ---- helpers -------------------------------------------------------------------------
    def _write(self, obj: Manifest, changes: Mapping[str, Any], reason: str) -> Manifest | None:
        if self._dry:
            # ApiServer.write's own test for a write of nothing.
            current = self.store.get_key(key_of(obj))
            if current is None or evolve(current, changes) != current:
                raise _Effect
            return current
        return self.api.write(obj, changes, actor=self.name, reason=reason)

    def _class_lookup(self, name: str) -> Manifest | None:
        return self.store.get("StorageClass", "", name)

    def _claim_changed(self, claim: Manifest) -> Manifest:
        """The current version of ``claim`` (a write may have produced a newer one)."""
        m = claim.get("metadata")
        if type(m) is dict:
            # name_of / namespace_of, read once from the plain metadata dict.
            return self.store.get(PVC, str(m.get("namespace") or ""),
                                  str(m.get("name") or "")) or claim
        return self.store.get(PVC, namespace_of(claim), name_of(claim)) or claim

    # ---- syncClaim -------------------------------------------------------------------------
    def sync_claim(self, claim: Manifest) -> None:
        current = annotations_of(claim)
        annotations = migration_annotation_changes(
            current, (ANN_STORAGE_PROVISIONER, ANN_BETA_STORAGE_PROVISIONER))
        if annotations:
            claim = self._write(claim, {"metadata": {"annotations": annotations}},
                                "set CSI migration annotation") or claim
            current = annotations_of(claim)
        if ANN_BIND_COMPLETED not in current:
            self._sync_unbound_claim(claim)
        else:
            self._sync_bound_claim(claim)

    def _sync_unbound_claim(self, claim: Manifest) -> None:
        volume_name = str((claim.get("spec") or {}).get("volumeName") or "")
        if not volume_name:
            try:
                delay = binding.is_delay_binding_mode(claim, self._class_lookup)
                volume = self.index.find_best_match(claim, delay_binding=delay)
            except ValueError:
                # The real controller returns an error and retries later: no writes.
                return
            if volume is not None:
                self._bind(volume, claim)
                return
            if self._assign_default_class(claim):
                # The claim's own update event restarts its sync with the new class.
                self.enqueue((PVC, namespace_of(claim), name_of(claim)))
                return
            if delay and ANN_SELECTED_NODE not in annotations_of(claim):
                self._emit_wait_for_first_consumer(claim)
            elif binding.claim_class(claim):
                self._provision_claim(claim)
                return
            else:
                self.event(claim, NORMAL, "FailedBinding",
                           "no persistent volumes available for this claim and no storage "
                           "class is set")
            self._update_claim_status(claim, PENDING, None)
            return

        volume = self.store.get(PV, "", volume_name)
        if volume is None:
            self._update_claim_status(claim, PENDING, None)
            return
        if binding.claim_ref_of(volume) is None:
            reason = binding.check_volume_satisfy_claim(volume, claim)
            if reason is not None:
                self.event(claim, WARNING, "VolumeMismatch",
                           f'Cannot bind to requested volume "{volume_name}": {reason}')
                self._update_claim_status(claim, PENDING, None)
            else:
                self._bind(volume, claim)
            return
        if binding.is_volume_bound_to_claim(volume, claim):
            self._bind(volume, claim)
            return
        self.event(claim, WARNING, "FailedBinding",
                   f'volume "{volume_name}" already bound to a different claim.')
        if ANN_BOUND_BY_CONTROLLER not in annotations_of(claim):
            self._update_claim_status(claim, PENDING, None)
        # Otherwise the real controller returns an error ("should never happen"): no write.

    def _sync_bound_claim(self, claim: Manifest) -> None:
        volume_name = str((claim.get("spec") or {}).get("volumeName") or "")
        if not volume_name:
            self._update_claim_status_with_event(
                claim, LOST, "ClaimLost",
                "Bound claim has lost reference to PersistentVolume. Data on the volume is lost!")
            return
        volume = self.store.get(PV, "", volume_name)
        if volume is None:
            self._update_claim_status_with_event(
                claim, LOST, "ClaimLost",
                "Bound claim has lost its PersistentVolume. Data on the volume is lost!")
            return
        ref = binding.claim_ref_of(volume)
        if ref is None or str(ref.get("uid") or "") == uid_of(claim):
            # Unbound volume (re-bind it) or all is well (bind() then writes nothing).
            self._bind(volume, claim)
            return
        self._update_claim_status_with_event(
            claim, LOST, "ClaimMisbound",
            "Two claims are bound to the same volume, this one is bound incorrectly")

    def _emit_wait_for_first_consumer(self, claim: Manifest) -> None:
        pods = binding.pods_using_claim(self.store.list("Pod", namespace_of(claim)),
                                        name_of(claim))
        waiting = [name_of(p) for p in pods
                   if not binding.is_pod_terminated(p) and not (p.get("spec") or {}).get("nodeName")]
        if not waiting:
            self.event(claim, NORMAL, "WaitForFirstConsumer",
                       "waiting for first consumer to be created before binding")
        elif len(waiting) == 1:
            self.event(claim, NORMAL, "WaitForPodScheduled",
                       f"waiting for pod {waiting[0]} to be scheduled")
        else:
            self.event(claim, NORMAL, "WaitForPodScheduled",
                       f"waiting for pods {','.join(waiting)} to be scheduled")

    def _assign_default_class(self, claim: Manifest) -> bool:
        """Retroactive default StorageClass (GA 1.28) for claims with no class at all."""
        if binding.claim_has_class(claim):
            return False
        default = binding.default_storage_class(self.store.list("StorageClass"))
        if default is None:
            return False
        self._write(claim, {"spec": {"storageClassName": name_of(default)}},
                    f"assign default StorageClass {name_of(default)}")
        return True

    # ---- provisioning ------------------------------------------------------------------------
    def _provision_claim(self, claim: Manifest) -> None:
        class_name = binding.claim_class(claim)
        storage_class = self._class_lookup(class_name)
        if storage_class is None:
            self.event(claim, WARNING, "ProvisioningFailed",
                       f'storageclass.storage.k8s.io "{class_name}" not found')
            return
        provisioner = str(storage_class.get("provisioner") or "")
        csi_name = MIGRATED_PROVISIONERS.get(provisioner)
        if csi_name is None and provisioner.startswith("kubernetes.io/"):
            # No in-tree provisioner is left in the simulator (or in current Kubernetes).
            self.event(claim, WARNING, "ProvisioningFailed",
                       f"no volume plugin matched name: {provisioner}")
            return
        name = csi_name or provisioner
        claim = self._set_claim_provisioner(claim, name)
        self.event(claim, NORMAL, "ExternalProvisioning",
                   EXTERNAL_PROVISIONING_MESSAGE.format(name))

    def _set_claim_provisioner(self, claim: Manifest, provisioner: str) -> Manifest:
        if annotations_of(claim).get(ANN_STORAGE_PROVISIONER) == provisioner:
            return claim
        written = self._write(claim, {"metadata": {"annotations": {
            ANN_BETA_STORAGE_PROVISIONER: provisioner,
            ANN_STORAGE_PROVISIONER: provisioner,
        }}}, f"provision: ask external provisioner {provisioner}")
        return written or claim

    # ---- binding --------------------------------------------------------------------------------
    def _bind(self, volume: Manifest, claim: Manifest) -> None:
        """``bind``: PV claimRef, PV phase, claim volumeName, claim status — in that order."""
        volume = self._bind_volume_to_claim(volume, claim)
        volume = self._update_volume_phase(volume, BOUND, "", "bind: volume Bound")
        claim = self._bind_claim_to_volume(claim, volume)
        self._update_claim_status(claim, BOUND, volume)

    def _bind_volume_to_claim(self, volume: Manifest, claim: Manifest) -> Manifest:
        ref = binding.claim_ref_of(volume)
        claim_name, claim_namespace = name_of(claim), namespace_of(claim)
        changes: dict[str, Any] = {}
        if ref is None:
            # binding.is_volume_bound_to_claim is False without a claimRef.
            set_by_controller = True
            changes["spec"] = {"claimRef": replace_changes(ref, binding.claim_reference(claim))}
        else:
            set_by_controller = not binding.is_volume_bound_to_claim(volume, claim)
            if (str(ref.get("name") or "") != claim_name
                    or str(ref.get("namespace") or "") != claim_namespace
                    or str(ref.get("uid") or "") != uid_of(claim)):
                changes["spec"] = {"claimRef": replace_changes(ref,
                                                               binding.claim_reference(claim))}
        if set_by_controller and ANN_BOUND_BY_CONTROLLER not in annotations_of(volume):
            changes["metadata"] = {"annotations": {ANN_BOUND_BY_CONTROLLER: "yes"}}
        if not changes:
            return volume
        reason = f"bind: claimRef → {claim_namespace}/{claim_name}"
        return self._write(volume, changes, reason) or volume

    def _bind_claim_to_volume(self, claim: Manifest, volume: Manifest) -> Manifest:
        claim = self._claim_changed(claim)
        volume_name = name_of(volume)
        claim_annotations = annotations_of(claim)
        annotations: dict[str, str] = {}
        changes: dict[str, Any] = {}
        if str((claim.get("spec") or {}).get("volumeName") or "") != volume_name:
            changes["spec"] = {"volumeName": volume_name}
            if ANN_BOUND_BY_CONTROLLER not in claim_annotations:
                annotations[ANN_BOUND_BY_CONTROLLER] = "yes"
        if ANN_BIND_COMPLETED not in claim_annotations:
            annotations[ANN_BIND_COMPLETED] = "yes"
        if annotations:
            changes["metadata"] = {"annotations": annotations}
        if not changes:
            return claim
        return self._write(claim, changes, f"bind: volumeName → {volume_name}") or claim

    def _update_claim_status(self, claim: Manifest, phase: str,
                             volume: Manifest | None) -> Manifest:
        """``updateClaimStatus``: phase, and access modes / capacity from the volume."""
        claim = self._claim_changed(claim)
        status = claim.get("status") or {}
        changes: dict[str, Any] = {}
        if status.get("phase") != phase:
            changes["phase"] = phase
        if volume is None:
            if status.get("accessModes") is not None:
                changes["accessModes"] = DELETE
            if status.get("capacity") is not None:
                changes["capacity"] = DELETE
        else:
            spec = volume.get("spec") or {}
            modes = spec.get("accessModes")
            if status.get("accessModes") != modes:
                changes["accessModes"] = list(modes) if modes is not None else DELETE
            if status.get("phase") != phase:
                capacity = spec.get("capacity") or {}
                if capacity.get("storage") is None:
                    return claim  # "PersistentVolume is without a storage capacity"
                claim_capacity = status.get("capacity") or {}
                pre_resize = annotations_of(volume).get(ANN_PRE_RESIZE_CAPACITY)
                if pre_resize is not None:
                    changes["capacity"] = {"storage": pre_resize}
                elif claim_capacity.get("storage") is None or binding.quantity_value(
                        capacity["storage"]) != binding.quantity_value(claim_capacity["storage"]):
                    changes["capacity"] = replace_changes(status.get("capacity"), capacity)
            volume_vac = binding.vac_of(volume)
            if volume_vac and status.get("currentVolumeAttributesClassName") != volume_vac:
                changes["currentVolumeAttributesClassName"] = volume_vac
        if not changes:
            return claim
        reason = f"claim {phase}" if volume is None else f"bind: claim {phase}"
        return self._write(claim, {"status": changes}, reason) or claim

    def _update_claim_status_with_event(self, claim: Manifest, phase: str, reason: str,
                                        message: str) -> None:
        if (claim.get("status") or {}).get("phase") == phase:
            return
        claim = self._update_claim_status(claim, phase, None)
        self.event(claim, WARNING, reason, message)

    def _update_volume_phase(self, volume: Manifest, phase: str, message: str,
                             reason: str) -> Manifest:
        if binding.phase(volume) == phase:
            return volume
        status: dict[str, Any] = {"phase": phase, "message": message or DELETE}
        return self._write(volume, {"status": status}, reason) or volume

    def _update_volume_phase_with_event(self, volume: Manifest, phase: str, type_: str,
                                        reason: str, message: str) -> Manifest:
        if binding.phase(volume) == phase:
            return volume
        volume = self._update_volume_phase(volume, phase, message, f"volume {phase}: {reason}")
        self.event(volume, type_, reason, message)
        return volume

    # ---- syncVolume -------------------------------------------------------------------------------
    def sync_volume(self, volume: Manifest) -> None:
        volume = self._anneal_volume(volume)
        ref = binding.claim_ref_of(volume)
        if ref is None:
            self._update_volume_phase(volume, AVAILABLE, "", "volume is unused: Available")
            return
        if not ref.get("uid"):
            self._update_volume_phase(volume, AVAILABLE, "",
                                      "volume reserved for a claim: Available")
            return
        claim = self.store.get(PVC, str(ref.get("namespace") or ""), str(ref.get("name") or ""))
        if claim is not None and uid_of(claim) != str(ref.get("uid")):
            # The claim was deleted and another one with the same name created.
            claim = None
        if claim is None:
            if binding.phase(volume) not in (RELEASED, FAILED):
                volume = self._update_volume_phase(volume, RELEASED, "",
                                                   "claim is gone: Released")
            self._reclaim_volume(volume)
            return
        claim_volume = str((claim.get("spec") or {}).get("volumeName") or "")
        if not claim_volume:
            if binding.volume_mode_mismatch(claim, volume):
                self.event(volume, WARNING, "VolumeMismatch",
                           f'Cannot bind PersistentVolume to requested PersistentVolumeClaim '
                           f'"{name_of(claim)}" due to incompatible volumeMode.')
                self.event(claim, WARNING, "VolumeMismatch",
                           f'Cannot bind PersistentVolume "{name_of(volume)}" to requested '
                           f'PersistentVolumeClaim due to incompatible volumeMode.')
                return
            # The claim's sync finishes the binding.
            self.enqueue((PVC, namespace_of(claim), name_of(claim)))
            return
        if claim_volume == name_of(volume):
            self._update_volume_phase(volume, BOUND, "", "volume Bound")
            return
        # Bound to a claim that is bound elsewhere.
        policy = (volume.get("spec") or {}).get("persistentVolumeReclaimPolicy")
        if ANN_DYNAMICALLY_PROVISIONED in annotations_of(volume) and policy == "Delete":
            if binding.phase(volume) not in (RELEASED, FAILED):
                volume = self._update_volume_phase(volume, RELEASED, "",
                                                   "claim bound elsewhere: Released")
            self._reclaim_volume(volume)
            return
        self._unbind_volume(volume)

    def _anneal_volume(self, volume: Manifest) -> Manifest:
        """``updateVolumeMigrationAnnotationsAndFinalizers``, the first step of every sync."""
        annotations = migration_annotation_changes(annotations_of(volume),
                                                   (ANN_DYNAMICALLY_PROVISIONED,))
        changes: dict[str, Any] = {}
        if annotations:
            changes["metadata"] = {"annotations": annotations}
        finalizers = deletion_finalizers(
            evolve(volume, changes) if changes else volume)
        if finalizers is not None:
            changes.setdefault("metadata", {})["finalizers"] = finalizers or DELETE
        if not changes:
            return volume
        return self._write(volume, changes, "set CSI migration annotation and finalizers") or volume

    def _unbind_volume(self, volume: Manifest) -> None:
        """Roll back a binding: the controller's own claimRef goes, a user's keeps its name."""
        if ANN_BOUND_BY_CONTROLLER in annotations_of(volume):
            annotations = annotations_of(volume)
            changes: dict[str, Any] = {"spec": {"claimRef": DELETE}}
            if len(annotations) == 1:
                changes["metadata"] = {"annotations": DELETE}
            else:
                changes["metadata"] = {"annotations": {ANN_BOUND_BY_CONTROLLER: DELETE}}
            reason = "unbind: remove claimRef"
        else:
            changes = {"spec": {"claimRef": {"uid": DELETE}}}
            reason = "unbind: clear claimRef uid (pre-bound by user)"
        volume = self._write(volume, changes, reason) or volume
        self._update_volume_phase(volume, AVAILABLE, "", "unbind: Available")

    # ---- reclaiming ----------------------------------------------------------------------------------
    def _reclaim_volume(self, volume: Manifest) -> None:
        if annotations_of(volume).get(ANN_MIGRATED_TO):
            return
        policy = (volume.get("spec") or {}).get("persistentVolumeReclaimPolicy")
        if policy == "Retain":
            return
        if policy == "Recycle":
            self._schedule(f"recycle-{name_of(volume)}[{uid_of(volume)}]",
                           lambda op: self._recycle_volume(op, name_of(volume)))
            return
        if policy == "Delete":
            self._schedule(f"delete-{name_of(volume)}[{uid_of(volume)}]",
                           lambda op: self._delete_volume(op, name_of(volume)))
            return
        self._update_volume_phase_with_event(
            volume, FAILED, WARNING, "VolumeUnknownReclaimPolicy",
            "Volume has unrecognized PersistentVolumeReclaimPolicy")

    def _schedule(self, operation: str, start: Any) -> None:
        """``scheduleOperation``: at most one operation of a name runs at a time."""
        if self._dry:
            raise _Effect
        if operation in self._operations:
            return
        start(operation)

    def _finish(self, operation: str) -> None:
        self._operations.pop(operation, None)

    def _is_volume_released(self, volume: Manifest) -> bool:
        ref = binding.claim_ref_of(volume)
        if ref is None or not ref.get("uid"):
            return False
        claim = self.store.get(PVC, str(ref.get("namespace") or ""), str(ref.get("name") or ""))
        if claim is not None and uid_of(claim) == str(ref.get("uid")):
            claim_volume = str((claim.get("spec") or {}).get("volumeName") or "")
            return bool(claim_volume) and claim_volume != name_of(volume)
        return True

    def _pods_using(self, volume: Manifest) -> list[str]:
        ref = binding.claim_ref_of(volume) or {}
        namespace = str(ref.get("namespace") or "")
        pods = binding.pods_using_claim(self.store.list("Pod", namespace),
                                        str(ref.get("name") or ""))
        return sorted(f"{namespace_of(p)}/{name_of(p)}" for p in pods
                      if not binding.is_pod_terminated(p))

    def _recycle_volume(self, operation: str, name: str) -> None:
        volume = self.store.get(PV, "", name)
        if volume is None or not self._is_volume_released(volume):
            return
        ref = binding.claim_ref_of(volume) or {}
        used = self._pods_using(volume)
        claim_cached = self.store.get(PVC, str(ref.get("namespace") or ""),
                                      str(ref.get("name") or "")) is not None
        if used and not claim_cached:
            self.event(volume, NORMAL, "VolumeFailedRecycle",
                       f"Volume is used by pods: {','.join(used)}")
            return
        source = volume_source(volume)
        if source not in ("nfs", "hostPath"):
            self._update_volume_phase_with_event(volume, FAILED, WARNING, "VolumeFailedRecycle",
                                                 "No recycler plugin found for the volume!")
            return
        node = self._recycler_node()
        self.event(volume, NORMAL, "RecyclerPod",
                   f"Recycler pod: Successfully assigned default/recycler-for-{name} to {node}")
        self.event(volume, NORMAL, "RecyclerPod", "Recycler pod: Started container pv-recycler")
        self._operations[operation] = self.clock.schedule(
            self.settings.recycle_ms, lambda: self._recycle_done(operation, name),
            label=f"recycle {name}")

    def _recycler_node(self) -> str:
        nodes = self.store.list("Node")
        return name_of(nodes[0]) if nodes else "node-1"

    def _recycle_done(self, operation: str, name: str) -> None:
        self._finish(operation)
        volume = self.store.get(PV, "", name)
        if volume is None or not self._is_volume_released(volume):
            return
        spec = volume.get("spec") or {}
        if spec.get("nfs"):
            scrub = _nfs_function("scrub")
            if scrub is not None:
                scrub(self.cluster, str(spec["nfs"].get("server") or ""),
                      str(spec["nfs"].get("path") or ""), actor=self.name)
        self.event(volume, NORMAL, "VolumeRecycled", "Volume recycled")
        self._unbind_volume(self.store.get(PV, "", name) or volume)

    def _deleter_error(self, volume: Manifest) -> tuple[str | None, bool]:
        """``findDeletablePlugin``: (error, external). No error and not external = hostPath."""
        provisioned_by = annotations_of(volume).get(ANN_DYNAMICALLY_PROVISIONED)
        if provisioned_by:
            if not provisioned_by.startswith("kubernetes.io/"):
                return None, True
            if provisioned_by != "kubernetes.io/host-path":
                return f"no volume plugin matched name: {provisioned_by}", False
        if ANN_MIGRATED_TO in annotations_of(volume):
            return None, True
        source = volume_source(volume)
        if source == "csi":
            return None, True
        if source == "hostPath":
            return None, False
        cause = "no deletable volume plugin matched" if source == "nfs" else (
            "no volume plugin matched")
        return f'error getting deleter volume plugin for volume "{name_of(volume)}": {cause}', False

    def _delete_volume(self, operation: str, name: str) -> None:
        volume = self.store.get(PV, "", name)
        if volume is None or not self._is_volume_released(volume):
            return
        error, external = self._deleter_error(volume)
        if external:
            return  # An external deleter (a provisioner) does it.
        if error is None:
            path = str(((volume.get("spec") or {}).get("hostPath") or {}).get("path") or "")
            if not binding.hostpath_deletable(path):
                error = f"host_path deleter only supports /tmp/.+ but received provided {path}"
        if error is not None:
            self._update_volume_phase_with_event(volume, FAILED, WARNING, "VolumeFailedDelete",
                                                 error)
            return
        self._operations[operation] = self.clock.schedule(
            self.settings.delete_ms, lambda: self._delete_done(operation, name),
            label=f"delete {name}")

    def _delete_done(self, operation: str, name: str) -> None:
        self._finish(operation)
        volume = self.store.get(PV, "", name)
        if volume is None or not self._is_volume_released(volume):
            return
        # The storage is gone: the in-tree protection finalizer goes, then the object.
        volume = self.api.remove_finalizer(volume, PV_DELETION_IN_TREE_FINALIZER,
                                           actor=self.name, reason="reclaim: volume deleted")
        if volume is not None and not binding.is_deleting(volume):
            self.api.delete(PV, "", name, actor=self.name, reason="reclaim: Delete policy")


def _nfs_function(name: str) -> Any:
    """A function of ``core.nfs`` if that module (written separately) provides it."""
    try:
        module = importlib.import_module(".nfs", __package__.rpartition(".")[0])
    except Exception:  # noqa: BLE001 - absent, or mid-edit by its owner: just skip the step
        return None
    return getattr(module, name, None)
