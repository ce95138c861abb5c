"""The resource kinds the simulator knows, with kubectl's names for them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KindInfo:
    kind: str
    api_version: str
    plural: str
    singular: str
    short_names: tuple[str, ...]
    namespaced: bool
    # kubectl prints `<resource>.<group>` in some messages (`storageclass.storage.k8s.io "x" not found`).
    group: str = ""

    @property
    def qualified(self) -> str:
        """``persistentvolumeclaims`` or ``statefulsets.apps`` as kubectl names it in errors."""
        return f"{self.plural}.{self.group}" if self.group else self.plural

    @property
    def qualified_singular(self) -> str:
        return f"{self.singular}.{self.group}" if self.group else self.singular


#: Namespaces every cluster has, whether or not Namespace objects were loaded.
BUILTIN_NAMESPACES = ("default", "kube-system", "kube-public", "kube-node-lease")

# The simulator's own kind for an NFS server; clearly outside Kubernetes' API groups.
SIM_API_GROUP = "simulator.pvgraph.dev"

KINDS: dict[str, KindInfo] = {
    info.kind: info
    for info in (
        KindInfo("Namespace", "v1", "namespaces", "namespace", ("ns",), False),
        KindInfo("Node", "v1", "nodes", "node", ("no",), False),
        KindInfo("PersistentVolume", "v1", "persistentvolumes", "persistentvolume", ("pv",), False),
        KindInfo(
            "PersistentVolumeClaim", "v1", "persistentvolumeclaims", "persistentvolumeclaim",
            ("pvc",), True,
        ),
        KindInfo(
            "StorageClass", "storage.k8s.io/v1", "storageclasses", "storageclass", ("sc",), False,
            group="storage.k8s.io",
        ),
        KindInfo("Pod", "v1", "pods", "pod", ("po",), True),
        KindInfo(
            "StatefulSet", "apps/v1", "statefulsets", "statefulset", ("sts",), True, group="apps",
        ),
        KindInfo(
            "ControllerRevision", "apps/v1", "controllerrevisions", "controllerrevision", (),
            True, group="apps",
        ),
        KindInfo("Service", "v1", "services", "service", ("svc",), True),
        KindInfo("Endpoints", "v1", "endpoints", "endpoints", ("ep",), True),
        KindInfo("Event", "v1", "events", "event", ("ev",), True),
        KindInfo("ConfigMap", "v1", "configmaps", "configmap", ("cm",), True),
        KindInfo("Secret", "v1", "secrets", "secret", (), True),
        KindInfo(
            "NFSServer", f"{SIM_API_GROUP}/v1alpha1", "nfsservers", "nfsserver", ("nfs",), False,
            group=SIM_API_GROUP,
        ),
    )
}

_BY_NAME: dict[str, KindInfo] = {}
for _info in KINDS.values():
    for _alias in (_info.kind.lower(), _info.plural, _info.singular, *_info.short_names,
                   _info.qualified, _info.qualified_singular):
        _BY_NAME[_alias.lower()] = _info


def lookup(name: str) -> KindInfo | None:
    """Resolve what a user typed (``pv``, ``pvc``, ``statefulsets.apps``, ``Pod``) to a kind."""
    return _BY_NAME.get(name.lower())


def info(kind: str) -> KindInfo:
    return KINDS[kind]


def is_namespaced(kind: str) -> bool:
    return KINDS[kind].namespaced


def api_versions(kind: str) -> tuple[str, ...]:
    """apiVersions accepted in manifests for ``kind`` (``storage.k8s.io/v1`` and its beta)."""
    version = KINDS[kind].api_version
    if kind == "StorageClass":
        return (version, "storage.k8s.io/v1beta1")
    return (version,)
