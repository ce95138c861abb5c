"""Admission on create: what the API server changes between validation and storage.

``admit_create(obj, store)`` returns the object as the default admission chain (and
the registry's create strategy) lets it through:

* **Registry strategy (PrepareForCreate)** — client-supplied status is dropped: a
  PV or claim starts ``Pending``, a pod ``Pending``, a StatefulSet with zero
  replicas counted, a Service with an empty load-balancer status. So applying the
  output of ``kubectl get -o yaml`` does not resurrect a ``Bound`` phase; the
  controllers work it out again. Nodes keep theirs (a node's status is its kubelet's
  report), and so do the simulator's NFSServers.
* **DefaultStorageClass** — a claim with no class at all (``storageClassName`` absent
  or null, and no ``volume.beta.kubernetes.io/storage-class`` annotation) gets the
  default class: a StorageClass annotated ``storageclass.kubernetes.io/is-default-class``
  (or the beta key) with exactly ``"true"``; with several, the newest by
  creationTimestamp, ties broken by name (Kubernetes ≥ 1.26). ``""`` is never defaulted.
* **StorageObjectInUseProtection** — finalizer ``kubernetes.io/pvc-protection`` on
  claims and ``kubernetes.io/pv-protection`` on PVs.
* **DefaultTolerationSeconds** and **Priority** — a pod tolerates ``not-ready`` and
  ``unreachable`` nodes for 300 s and gets ``priority: 0``.
* **ServiceAccount** — ``serviceAccountName`` defaults to ``default`` (the deprecated
  ``serviceAccount`` mirrors it, as the v1 conversion does) and, unless the pod says
  ``automountServiceAccountToken: false``, the projected ``kube-api-access-xxxxx`` volume
  (token, ``kube-root-ca.crt``, namespace) is added and mounted read-only at
  ``/var/run/secrets/kubernetes.io/serviceaccount`` in every container that does not
  already mount that path. ServiceAccount objects are not simulated: every name is taken
  to exist (each namespace's ``default`` account is made by its controller in a real
  cluster) and none carries its own ``automountServiceAccountToken``.

Not simulated: PersistentVolumeClaimResize (claims may grow whatever their class says).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from .clock import parse_timestamp
from .objects import deep_copy
from .store import Store

DEFAULT_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class"
BETA_DEFAULT_CLASS_ANNOTATION = "storageclass.beta.kubernetes.io/is-default-class"
BETA_STORAGE_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class"
PVC_PROTECTION = "kubernetes.io/pvc-protection"
PV_PROTECTION = "kubernetes.io/pv-protection"

_TOLERATIONS = (
    {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute",
     "tolerationSeconds": 300},
    {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute",
     "tolerationSeconds": 300},
)


def admit_create(obj: Mapping[str, Any], store: Store, *, in_place: bool = False
                 ) -> dict[str, Any]:
    """``obj`` as the admission chain lets it through on create (``obj`` is untouched
    unless ``in_place``: the API server passes its own private copy, already made by
    defaulting, and a second deep copy of every created object would be waste)."""
    out: dict[str, Any] = obj if in_place and type(obj) is dict else deep_copy(dict(obj))
    kind = out.get("kind")
    _reset_status(out)
    if kind == "PersistentVolumeClaim":
        _default_storage_class(out, store)
        _add_finalizer(out, PVC_PROTECTION)
    elif kind == "PersistentVolume":
        _add_finalizer(out, PV_PROTECTION)
    elif kind == "Pod":
        _service_account(out, store)
        _pod_admission(out)
    elif kind == "Service":
        _allocate_service_ips(out, store)
    return out


def _allocate_service_ips(svc: dict[str, Any], store: Store) -> None:
    """The service IP allocator runs in the API server, so a Service has its IP at once."""
    from .controllers.endpoints import allocate_cluster_ip, needs_cluster_ip

    spec = svc.setdefault("spec", {})
    if spec.get("type") == "ExternalName":
        return
    if needs_cluster_ip(svc):
        spec["clusterIP"] = allocate_cluster_ip(store)
    spec.setdefault("clusterIPs", [spec["clusterIP"]])
    spec.setdefault("ipFamilies", ["IPv4"])
    spec.setdefault("ipFamilyPolicy", "SingleStack")


# ---- status on create ---------------------------------------------------------------------------
_INITIAL_STATUS: dict[str, dict[str, Any]] = {
    "PersistentVolume": {"phase": "Pending"},
    "PersistentVolumeClaim": {"phase": "Pending"},
    "Pod": {"phase": "Pending"},
    "StatefulSet": {"replicas": 0, "availableReplicas": 0},
    "Service": {"loadBalancer": {}},
    "Namespace": {"phase": "Active"},
}


def _reset_status(obj: dict[str, Any]) -> None:
    initial = _INITIAL_STATUS.get(str(obj.get("kind")))
    if initial is None:
        return
    status = deep_copy(initial)
    if obj.get("kind") == "Pod":
        status["qosClass"] = qos_class(obj)
    obj["status"] = status


def qos_class(pod: Mapping[str, Any]) -> str:
    """``Guaranteed`` (every container's requests = limits for cpu and memory),
    ``Burstable`` (some request or limit), else ``BestEffort``."""
    spec = pod.get("spec") if isinstance(pod.get("spec"), Mapping) else {}
    containers = [c for field in ("initContainers", "containers")
                  for c in (spec.get(field) or []) if isinstance(c, Mapping)]  # type: ignore[union-attr]
    any_set = False
    guaranteed = bool(containers)
    for ctr in containers:
        resources = ctr.get("resources") if isinstance(ctr.get("resources"), Mapping) else {}
        requests = resources.get("requests") or {}  # type: ignore[union-attr]
        limits = resources.get("limits") or {}  # type: ignore[union-attr]
        for name in ("cpu", "memory"):
            if requests.get(name) is not None or limits.get(name) is not None:
                any_set = True
            if limits.get(name) is None or str(requests.get(name, limits.get(name))) != str(
                    limits.get(name)):
                guaranteed = False
    if not any_set:
        return "BestEffort"
    return "Guaranteed" if guaranteed else "Burstable"


# ---- DefaultStorageClass --------------------------------------------------------------------------
def is_default_class(storage_class: Mapping[str, Any]) -> bool:
    annotations = (storage_class.get("metadata") or {}).get("annotations") or {}
    return (annotations.get(DEFAULT_CLASS_ANNOTATION) == "true"
            or annotations.get(BETA_DEFAULT_CLASS_ANNOTATION) == "true")


def default_class(store: Store) -> Mapping[str, Any] | None:
    """The default StorageClass: newest by creationTimestamp, ties alphabetical; or None."""
    best: Mapping[str, Any] | None = None
    best_key: tuple[int, str] | None = None
    for sc in store.list("StorageClass"):
        if not is_default_class(sc):
            continue
        meta = sc.get("metadata") or {}
        created = _created_ms(meta.get("creationTimestamp"))
        key = (-created, str(meta.get("name") or ""))
        if best_key is None or key < best_key:
            best, best_key = sc, key
    return best


def _created_ms(stamp: Any) -> int:
    try:
        return int(parse_timestamp(str(stamp))) if stamp else 0
    except (ValueError, TypeError):
        return 0


def _default_storage_class(claim: dict[str, Any], store: Store) -> None:
    spec = claim.get("spec")
    if not isinstance(spec, dict):
        spec = {}
        claim["spec"] = spec
    annotations = (claim.get("metadata") or {}).get("annotations") or {}
    if spec.get("storageClassName") is not None or BETA_STORAGE_CLASS_ANNOTATION in annotations:
        return
    sc = default_class(store)
    if sc is not None:
        spec["storageClassName"] = (sc.get("metadata") or {}).get("name")


# ---- protection finalizers and pods ---------------------------------------------------------------
def _add_finalizer(obj: dict[str, Any], finalizer: str) -> None:
    meta = obj.get("metadata")
    if not isinstance(meta, dict):
        meta = {}
        obj["metadata"] = meta
    finalizers = list(meta.get("finalizers") or [])
    if finalizer not in finalizers:
        finalizers.append(finalizer)
    meta["finalizers"] = finalizers


def _pod_admission(pod: dict[str, Any]) -> None:
    spec = pod.get("spec")
    if not isinstance(spec, dict):
        return
    tolerations = list(spec.get("tolerations") or [])
    for toleration in _TOLERATIONS:
        if not any(isinstance(t, Mapping) and t.get("key") == toleration["key"]
                   and t.get("effect") in (None, "", "NoExecute") for t in tolerations):
            tolerations.append(dict(toleration))
    spec["tolerations"] = tolerations
    if not spec.get("priorityClassName") and spec.get("priority") is None:
        spec["priority"] = 0
    if spec.get("preemptionPolicy") is None:
        spec["preemptionPolicy"] = "PreemptLowerPriority"


# ---- ServiceAccount -------------------------------------------------------------------------------
DEFAULT_SERVICE_ACCOUNT = "default"
TOKEN_VOLUME_PREFIX = "kube-api-access-"
TOKEN_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount"
#: serviceaccount.WarnOnlyBoundTokenExpirationSeconds: one hour and seven seconds, the
#: extra seconds marking tokens the API server only warns about when they are stale.
TOKEN_EXPIRATION_SECONDS = 3607
#: ``utilrand.String``'s alphabet (no vowels, no look-alike digits), used by generateName.
NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"
MIRROR_POD_ANNOTATION = "kubernetes.io/config.mirror"


def _service_account(pod: dict[str, Any], store: Store) -> None:
    spec = pod.get("spec")
    if not isinstance(spec, dict):
        return
    meta = pod.get("metadata") if isinstance(pod.get("metadata"), dict) else {}
    if MIRROR_POD_ANNOTATION in (meta.get("annotations") or {}):  # type: ignore[union-attr]
        return
    # The v1 conversion reads the deprecated alias when the real field is empty and
    # always writes the alias back from it, so both read the same after a create.
    account = spec.get("serviceAccountName") or spec.get("serviceAccount") \
        or DEFAULT_SERVICE_ACCOUNT
    spec["serviceAccountName"] = account
    spec["serviceAccount"] = account
    if spec.get("automountServiceAccountToken") is False:
        return
    _mount_token(pod, spec, store)


def _mount_token(pod: dict[str, Any], spec: dict[str, Any], store: Store) -> None:
    """``mountServiceAccountToken``: reuse a ``kube-api-access-`` volume the pod already
    has, mount it into every init and app container lacking the path, add it if needed."""
    volumes = spec.get("volumes")
    volumes = list(volumes) if isinstance(volumes, list) else []
    volume_name = next((str(v["name"]) for v in volumes if isinstance(v, Mapping)
                        and str(v.get("name") or "").startswith(TOKEN_VOLUME_PREFIX)), "")
    has_volume = bool(volume_name)
    needs_volume = False
    for field in ("initContainers", "containers"):
        containers = spec.get(field)
        if not isinstance(containers, list) or not containers:
            continue
        updated = []
        for container in containers:
            if isinstance(container, Mapping) and not _mounts_token_path(container):
                volume_name = volume_name or _token_volume_name(pod, store)
                mounts = container.get("volumeMounts")
                container = {**container, "volumeMounts": [
                    *(mounts if isinstance(mounts, list) else ()),
                    {"mountPath": TOKEN_MOUNT_PATH, "name": volume_name, "readOnly": True}]}
                needs_volume = True
            updated.append(container)
        spec[field] = updated
    if needs_volume and not has_volume:
        spec["volumes"] = [*volumes, _token_volume(volume_name)]


def _mounts_token_path(container: Mapping[str, Any]) -> bool:
    mounts = container.get("volumeMounts")
    return isinstance(mounts, list) and any(
        isinstance(m, Mapping) and m.get("mountPath") == TOKEN_MOUNT_PATH for m in mounts)


def _token_volume_name(pod: Mapping[str, Any], store: Store) -> str:
    """``kube-api-access-`` and five characters: random in Kubernetes; here a digest of
    the pod's key and the store's sequence number, so a run replays identically while a
    pod re-created under the same name still gets a new volume name."""
    meta = pod.get("metadata") or {}
    seed = f"{meta.get('namespace') or ''}/{meta.get('name') or ''}/{store.last_seq}"
    number = int.from_bytes(hashlib.blake2b(seed.encode(), digest_size=8).digest(), "big")
    chars = []
    for _ in range(5):
        number, digit = divmod(number, len(NAME_ALPHABET))
        chars.append(NAME_ALPHABET[digit])
    return TOKEN_VOLUME_PREFIX + "".join(chars)


def _token_volume(name: str) -> dict[str, Any]:
    """``TokenVolumeSource()``: defaultMode set explicitly (kubernetes#104464)."""
    return {"name": name, "projected": {
        "defaultMode": 420,
        "sources": [
            {"serviceAccountToken": {"expirationSeconds": TOKEN_EXPIRATION_SECONDS,
                                     "path": "token"}},
            {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}],
                           "name": "kube-root-ca.crt"}},
            {"downwardAPI": {"items": [{"fieldRef": {"apiVersion": "v1",
                                                     "fieldPath": "metadata.namespace"},
                                        "path": "namespace"}]}},
        ]}}
