"""The pvc-protection and pv-protection controllers (``kubernetes-semantics.md`` §5).

Admission adds the finalizers to new objects; these controllers also add them to
objects that lack them, and remove them once deletion is safe:

* ``kubernetes.io/pvc-protection`` goes when no *scheduled* pod (``spec.nodeName`` set)
  lists the claim in ``spec.volumes[].persistentVolumeClaim.claimName`` — whatever the
  pod's phase, so a finished pod that still exists keeps the claim Terminating
  (kubernetes/kubernetes#120756);
* ``kubernetes.io/pv-protection`` goes once the PV is not ``Bound``.
"""

from __future__ import annotations

from typing import Any

from .. import binding
from ..objects import Key, finalizers_of, is_deleting, namespace_of, phase_of
from ..store import Change
from .base import Controller

PVC_PROTECTION = "kubernetes.io/pvc-protection"
PV_PROTECTION = "kubernetes.io/pv-protection"


def _claims_of_pod(pod: Any) -> set[str]:
    names = set()
    for volume in (pod.get("spec") or {}).get("volumes") or []:
        source = volume.get("persistentVolumeClaim") if isinstance(volume, dict) else None
        if isinstance(source, dict) and source.get("claimName"):
            names.add(str(source["claimName"]))
    return names


def _needs_attention(obj: Any, finalizer: str) -> bool:
    """Only objects missing the finalizer or being deleted need a sync."""
    metadata = obj.get("metadata") or {}
    return bool(metadata.get("deletionTimestamp")) or finalizer not in (
        metadata.get("finalizers") or ())


class PVCProtectionController(Controller):
    name = "pvc-protection-controller"
    watches = ("PersistentVolumeClaim",)
    interests = ("PersistentVolumeClaim", "Pod")

    def on_change(self, change: Change) -> None:
        kind = change.key[0]
        if kind == "PersistentVolumeClaim":
            new = change.new
            if new is not None:
                # _needs_attention, inlined for plain dicts: this runs on every claim write.
                metadata = new.get("metadata")
                if type(metadata) is dict and not metadata.get("deletionTimestamp") and \
                        PVC_PROTECTION in (metadata.get("finalizers") or ()):
                    return
                if _needs_attention(new, PVC_PROTECTION):
                    self.enqueue(change.key)
        elif kind == "Pod":
            # A pod that appears, is scheduled or goes away may unblock a claim.
            namespace = change.key[1]
            old, new = change.old, change.new
            if old is not None and new is not None and old.get("spec") is new.get("spec") and \
                    phase_of(old) == phase_of(new) and is_deleting(old) == is_deleting(new):
                return  # a status stage: the same claims, used the same way
            names = set()
            for pod in (change.old, change.new):
                if pod is not None:
                    names |= _claims_of_pod(pod)
            for name in sorted(names):
                self.enqueue(("PersistentVolumeClaim", namespace, name))

    def sync(self, key: Key) -> None:
        _, namespace, name = key
        claim = self.store.get("PersistentVolumeClaim", namespace, name)
        if claim is None:
            return
        finalizers = finalizers_of(claim)
        if not is_deleting(claim):
            if PVC_PROTECTION not in finalizers:
                self.api.add_finalizer(claim, PVC_PROTECTION, actor=self.name,
                                       reason="protect claim while in use")
            return
        if PVC_PROTECTION not in finalizers:
            return
        users = [p for p in binding.pods_using_claim(self.store.list("Pod", namespace_of(claim)),
                                                     name)
                 if (p.get("spec") or {}).get("nodeName")]
        if users:
            return
        self.api.remove_finalizer(claim, PVC_PROTECTION, actor=self.name,
                                  reason="no scheduled pod uses the claim")

    def blocking_pods(self, namespace: str, name: str) -> list[str]:
        """Names of the scheduled pods that keep a Terminating claim from going away."""
        pods = binding.pods_using_claim(self.store.list("Pod", namespace), name)
        return [str(p["metadata"]["name"]) for p in pods if (p.get("spec") or {}).get("nodeName")]


class PVProtectionController(Controller):
    name = "pv-protection-controller"
    watches = ("PersistentVolume",)
    interests = ("PersistentVolume",)

    def on_change(self, change: Change) -> None:
        new = change.new
        if change.key[0] != "PersistentVolume" or new is None:
            return
        # _needs_attention, inlined for plain dicts: this runs on every volume write.
        metadata = new.get("metadata")
        if type(metadata) is dict and not metadata.get("deletionTimestamp") and \
                PV_PROTECTION in (metadata.get("finalizers") or ()):
            return
        if _needs_attention(new, PV_PROTECTION):
            self.enqueue(change.key)

    def sync(self, key: Key) -> None:
        volume = self.store.get("PersistentVolume", "", key[2])
        if volume is None:
            return
        finalizers = finalizers_of(volume)
        if not is_deleting(volume):
            if PV_PROTECTION not in finalizers:
                self.api.add_finalizer(volume, PV_PROTECTION, actor=self.name,
                                       reason="protect volume while bound")
            return
        if PV_PROTECTION in finalizers and binding.phase(volume) != "Bound":
            # A deleted volume is re-checked on each of its changes (its phase moves on).
            self.api.remove_finalizer(volume, PV_PROTECTION, actor=self.name,
                                      reason="volume is not Bound")
