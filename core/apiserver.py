"""The simulated API server: create, update, patch and delete with Kubernetes' rules.

Everything that writes an object from outside the controllers goes through here:
validation, defaulting, admission (default StorageClass, protection finalizers),
metadata (uid, timestamps, resourceVersion), immutable fields, finalizers and
graceful deletion. Controllers use :meth:`write` for their own status and spec
changes, which skips validation as the real controllers' updates effectively do.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping
from typing import Any

from . import admission, defaults, validation
from .clock import Clock, timestamp
from .errors import ApiError
from .kinds import BUILTIN_NAMESPACES, KINDS
from .objects import DELETE, Key, Manifest, evolve, finalizers_of, is_deleting, key_of, meta
from .store import Store

KUBECTL = "kubectl"


class ApiServer:
    def __init__(self, store: Store, clock: Clock, *, uid_seed: str = "pvgraph") -> None:
        self.store = store
        self.clock = clock
        self._uid_seed = uid_seed
        self._uid_counter = 0

    # ---- identity ------------------------------------------------------------------
    def new_uid(self) -> str:
        """A deterministic, UUID-shaped uid (same inputs → same uids)."""
        self._uid_counter += 1
        digest = hashlib.sha1(f"{self._uid_seed}/{self._uid_counter}".encode()).digest()
        return str(uuid.UUID(bytes=digest[:16], version=4))

    def now(self) -> str:
        return timestamp(self.clock.now_ms)

    # ---- reading -------------------------------------------------------------------
    def namespace_exists(self, namespace: str) -> bool:
        return (namespace in BUILTIN_NAMESPACES
                or self.store.get("Namespace", "", namespace) is not None)

    def get(self, kind: str, namespace: str, name: str) -> Manifest:
        obj = self.store.get(kind, namespace if KINDS[kind].namespaced else "", name)
        if obj is None:
            raise not_found(kind, name)
        return obj

    # ---- creating ------------------------------------------------------------------
    def create(self, obj: Mapping[str, Any], *, actor: str = KUBECTL, reason: str = "created",
               dry_run: bool = False, typed: bool = False) -> Manifest:
        """Validate, default, admit and store a new object (raises ApiError).

        ``typed``: a controller built ``obj`` from objects that already passed the API
        server (see :func:`core.defaults.apply_defaults`); it is still defaulted,
        validated and admitted like any other object.
        """
        kind = str(obj.get("kind") or "")
        info = KINDS.get(kind)
        if info is None:
            raise ApiError("BadRequest", f'no matches for kind "{kind}" in version '
                           f'"{obj.get("apiVersion", "")}"')
        obj = dict(obj)
        metadata = dict(obj.get("metadata") or {})
        if info.namespaced:
            metadata.setdefault("namespace", "default")
            if not metadata.get("namespace"):
                metadata["namespace"] = "default"
            if kind != "Event" and not self.namespace_exists(metadata["namespace"]):
                raise ApiError("NotFound", f'namespaces "{metadata["namespace"]}" not found')
        else:
            metadata.pop("namespace", None)
        if not metadata.get("name") and metadata.get("generateName"):
            metadata["name"] = f"{metadata['generateName']}{self.new_uid()[:5]}"
        obj["metadata"] = metadata
        obj = defaults.apply_defaults(obj, typed=typed)
        obj = _drop_disabled_fields(obj, None)
        errors = validation.validate(obj, None)
        if errors:
            raise invalid(obj, errors)
        key = key_of(obj)
        if self.store.get_key(key) is not None:
            raise ApiError("AlreadyExists", f'{info.qualified} "{key[2]}" already exists',
                           kind=kind, name=key[2])
        obj = admission.admit_create(obj, self.store, in_place=True)
        metadata = dict(obj["metadata"])
        for transient in ("resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds"):
            metadata.pop(transient, None)
        metadata["uid"] = self.new_uid()
        metadata["creationTimestamp"] = self.now()
        if kind in ("StatefulSet",):
            metadata["generation"] = 1
        obj["metadata"] = metadata
        if kind == "PersistentVolume":
            obj = self._stamp_phase_transition(None, obj)
        if dry_run:
            return obj
        return self.store.put(obj, actor=actor, reason=reason)

    def restore(self, obj: Mapping[str, Any], *, actor: str = "loader",
                reason: str = "loaded") -> Manifest:
        """Store an object exactly as given (``from_manifests``): no defaulting, no admission."""
        obj = dict(obj)
        metadata = dict(obj.get("metadata") or {})
        kind = str(obj.get("kind") or "")
        if KINDS.get(kind) and KINDS[kind].namespaced and not metadata.get("namespace"):
            metadata["namespace"] = "default"
        if not metadata.get("uid"):
            metadata["uid"] = self.new_uid()
        metadata.setdefault("creationTimestamp", self.now())
        obj["metadata"] = metadata
        given_rv = str(metadata.get("resourceVersion") or "")
        if given_rv.isdigit():
            # Keep the version given, and never hand out a lower one later.
            self.store.ensure_version_at_least(int(given_rv))
        return self.store.put(obj, actor=actor, reason=reason, bump_version=not given_rv)

    # ---- updating ------------------------------------------------------------------
    def update(self, obj: Mapping[str, Any], *, actor: str = KUBECTL,
               reason: str = "updated") -> Manifest:
        """Replace an object the way a user's PUT does: validated, immutables checked."""
        key = key_of(obj)
        old = self.store.get_key(key)
        if old is None:
            raise not_found(key[0], key[2])
        obj = dict(obj)
        metadata = dict(obj.get("metadata") or {})
        # Server-owned metadata cannot be changed by a client.
        for owned in ("uid", "creationTimestamp", "deletionTimestamp",
                      "deletionGracePeriodSeconds", "generation"):
            if owned in meta(old):
                metadata[owned] = meta(old)[owned]
            else:
                metadata.pop(owned, None)
        obj["metadata"] = metadata
        # Kinds with a status subresource ignore status in a write to the main resource.
        if kind_has_status_subresource(key[0]):
            if "status" in old:
                obj["status"] = old["status"]
            else:
                obj.pop("status", None)
        obj = defaults.apply_defaults(obj)
        obj = _drop_disabled_fields(obj, old)
        errors = validation.validate(obj, old)
        if errors:
            raise invalid(obj, errors)
        if obj.get("spec") != old.get("spec") and "generation" in metadata:
            obj = evolve(obj, {"metadata": {"generation": int(metadata["generation"]) + 1}})
        if _same_content(old, obj):
            return old
        stored = self.store.put(obj, actor=actor, reason=reason)
        return self._maybe_finish_deletion(stored, actor)

    def write(self, obj: Mapping[str, Any], changes: Mapping[str, Any], *, actor: str,
              reason: str) -> Manifest:
        """A controller's write: ``changes`` merged into the current object (see evolve)."""
        key = key_of(obj)
        current = self.store.get_key(key)
        if current is None:
            raise not_found(str(obj.get("kind")), key[2])
        new = evolve(current, changes)
        # evolve leaves resourceVersion alone, so plain equality spots a write of nothing.
        if new == current:
            return current
        if key[0] == "PersistentVolume":
            new = self._stamp_phase_transition(current, new)
        # The stored object has the key it was found under: no need to compute it again.
        stored = self.store.put(new, actor=actor, reason=reason, key=key, owned=True)
        metadata = stored["metadata"]
        if metadata.get("deletionTimestamp"):
            return self._maybe_finish_deletion(stored, actor)
        return stored

    def _stamp_phase_transition(self, old: Manifest | None, new: Manifest) -> Manifest:
        """The PV registry records when the phase last changed (GA in Kubernetes 1.31)."""
        old_phase = ((old or {}).get("status") or {}).get("phase")
        new_phase = (new.get("status") or {}).get("phase")
        if new_phase and new_phase != old_phase:
            status = new.get("status")
            if type(status) is dict:
                # What evolve would build, without a second walk: ``new`` is already a copy.
                new = dict(new)
                new["status"] = {**status, "lastPhaseTransitionTime": self.now()}
                return new
            return evolve(new, {"status": {"lastPhaseTransitionTime": self.now()}})
        return new

    # ---- deleting ------------------------------------------------------------------
    def delete(self, kind: str, namespace: str, name: str, *, actor: str = KUBECTL,
               reason: str = "deleted", grace_seconds: int | None = None,
               force: bool = False) -> Manifest | None:
        """Delete as the API server does: finalizers and pod grace periods delay removal.

        Returns the object as it now is (with deletionTimestamp), or None once removed.
        """
        obj = self.get(kind, namespace, name)
        key = key_of(obj)
        # podStrategy.CheckGracefulDelete: a pod not yet scheduled, or already Succeeded or
        # Failed, goes at once; otherwise after the grace asked for, else the pod's own
        # terminationGracePeriodSeconds.
        graceful_pod = kind == "Pod" and bool((obj.get("spec") or {}).get("nodeName")) and \
            (obj.get("status") or {}).get("phase") not in ("Succeeded", "Failed")
        if kind == "Pod" and grace_seconds is None:
            own = (obj.get("spec") or {}).get("terminationGracePeriodSeconds")
            grace_seconds = int(own) if isinstance(own, int) and not isinstance(own, bool) \
                else 30
        if force or (grace_seconds == 0):
            graceful_pod = False
        if is_deleting(obj):
            if kind == "Pod" and not graceful_pod:
                if not finalizers_of(obj):
                    return self.remove(key, actor=actor, reason=reason)
                if meta(obj).get("deletionGracePeriodSeconds") != 0:
                    # A forced delete of a terminating pod shortens its grace to 0; its
                    # finalizers still hold it until they are removed.
                    return self.store.put(evolve(obj, {"metadata": {
                        "deletionGracePeriodSeconds": 0}}), actor=actor, reason=reason)
            return obj
        if graceful_pod or finalizers_of(obj):
            grace = 30 if grace_seconds is None else grace_seconds
            if not graceful_pod:
                grace = 0
            stamp_ms = self.clock.now_ms + (grace * 1000 if graceful_pod else 0)
            changes: dict[str, Any] = {"metadata": {"deletionTimestamp": timestamp(stamp_ms)}}
            if graceful_pod:
                changes["metadata"]["deletionGracePeriodSeconds"] = grace
            else:
                changes["metadata"]["deletionGracePeriodSeconds"] = 0
            return self.store.put(evolve(obj, changes), actor=actor, reason=reason)
        return self.remove(key, actor=actor, reason=reason)

    def remove(self, key: Key, *, actor: str, reason: str) -> None:
        """Take the object out of the store now (after grace and finalizers)."""
        self.store.remove(key, actor=actor, reason=reason)
        return None

    def remove_finalizer(self, obj: Mapping[str, Any], finalizer: str, *, actor: str,
                         reason: str) -> Manifest | None:
        current = self.store.get_key(key_of(obj))
        if current is None or finalizer not in finalizers_of(current):
            return current
        remaining = [f for f in finalizers_of(current) if f != finalizer]
        new = evolve(current, {"metadata": {"finalizers": remaining or DELETE}})
        stored = self.store.put(new, actor=actor, reason=reason)
        return self._maybe_finish_deletion(stored, actor)

    def add_finalizer(self, obj: Mapping[str, Any], finalizer: str, *, actor: str,
                      reason: str) -> Manifest:
        current = self.store.get_key(key_of(obj))
        if current is None:
            raise not_found(str(obj.get("kind")), key_of(obj)[2])
        if finalizer in finalizers_of(current):
            return current
        new = evolve(current, {"metadata": {"finalizers": [*finalizers_of(current), finalizer]}})
        return self.store.put(new, actor=actor, reason=reason)

    def finish_pod(self, key: Key, *, actor: str, reason: str) -> Manifest | None:
        """The kubelet's last delete of a pod whose containers stopped (grace period 0): the
        pod goes now, unless finalizers hold it; then it stays, terminal and deleting, until
        the last one is removed (the "Force Delete StatefulSet Pods" page's stuck pod)."""
        pod = self.store.get_key(key)
        if pod is None:
            return None
        if not finalizers_of(pod):
            return self.remove(key, actor=actor, reason=reason)
        if meta(pod).get("deletionGracePeriodSeconds") == 0:
            return pod
        return self.store.put(evolve(pod, {"metadata": {"deletionGracePeriodSeconds": 0}}),
                              actor=actor, reason=f"{reason}: finalizers "
                                                  f"{', '.join(finalizers_of(pod))} hold it")

    def _maybe_finish_deletion(self, obj: Manifest, actor: str) -> Manifest | None:
        """An object being deleted goes away once it has no finalizers; a pod only once its
        grace period is over too (0: forced, or the kubelet has finished with it)."""
        if is_deleting(obj) and not finalizers_of(obj) and (
                obj.get("kind") != "Pod" or meta(obj).get("deletionGracePeriodSeconds") == 0):
            return self.remove(key_of(obj), actor=actor, reason="finalizers removed")
        return obj


def _max_unavailable(sts: Mapping[str, Any] | None) -> Any:
    rolling = (((sts or {}).get("spec") or {}).get("updateStrategy") or {}).get("rollingUpdate")
    return rolling.get("maxUnavailable") if isinstance(rolling, Mapping) else None


def _drop_disabled_fields(obj: Manifest, old: Mapping[str, Any] | None) -> Manifest:
    """dropStatefulSetDisabledFields: the simulated cluster is 1.32, where the
    MaxUnavailableStatefulSet gate is alpha and off, so ``maxUnavailable`` is dropped
    before validation unless the stored set already uses it."""
    if obj.get("kind") != "StatefulSet" or _max_unavailable(obj) is None or \
            _max_unavailable(old) is not None:
        return obj
    return evolve(obj, {"spec": {"updateStrategy": {"rollingUpdate": {
        "maxUnavailable": DELETE}}}})


_STATUS_SUBRESOURCE = frozenset({
    "PersistentVolume", "PersistentVolumeClaim", "Pod", "StatefulSet", "Service", "Node",
    "Namespace", "NFSServer",
})


def kind_has_status_subresource(kind: str) -> bool:
    return kind in _STATUS_SUBRESOURCE


def _same_content(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Equal but for resourceVersion (an update that changes nothing is not a write)."""
    if a is b:
        return True
    ma, mb = dict(a.get("metadata") or {}), dict(b.get("metadata") or {})
    ma.pop("resourceVersion", None)
    mb.pop("resourceVersion", None)
    return ma == mb and {k: v for k, v in a.items() if k != "metadata"} == {
        k: v for k, v in b.items() if k != "metadata"}


def not_found(kind: str, name: str) -> ApiError:
    info = KINDS.get(kind)
    plural = info.qualified if info else kind.lower()
    return ApiError("NotFound", f'{plural} "{name}" not found', kind=kind, name=name)


def invalid(obj: Mapping[str, Any], errors: list[validation.FieldError]) -> ApiError:
    kind = str(obj.get("kind") or "")
    name = str((obj.get("metadata") or {}).get("name") or "")
    causes = [str(e) for e in errors]
    info = KINDS.get(kind)
    err = ApiError("Invalid", f'{kind} "{name}" is invalid: ' + "; ".join(causes), kind=kind,
                   name=name, causes=causes)
    err.field_errors = errors  # type: ignore[attr-defined]
    err.qualified = info.qualified if info else kind  # type: ignore[attr-defined]
    return err
