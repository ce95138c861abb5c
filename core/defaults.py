"""API-server defaulting: the fields the server fills in when a manifest leaves them out.

Follows ``pkg/apis/core/v1/defaults.go``, ``pkg/apis/apps/v1/defaults.go`` and
``pkg/apis/storage/v1/defaults.go`` (current feature gates):

* PersistentVolume: ``persistentVolumeReclaimPolicy: Retain``, ``volumeMode: Filesystem``,
  ``status.phase: Pending``; a hostPath gets ``type: ""``. NFS ``readOnly`` stays unset.
* PersistentVolumeClaim (also each StatefulSet ``volumeClaimTemplates`` entry):
  ``volumeMode: Filesystem``, ``status.phase: Pending``.
* StorageClass: ``reclaimPolicy: Delete``, ``volumeBindingMode: Immediate``.
* Pod (also a StatefulSet's pod template): ``restartPolicy: Always``, ``dnsPolicy:
  ClusterFirst``, ``schedulerName: default-scheduler``, ``terminationGracePeriodSeconds:
  30``, ``securityContext: {}``; per container ``imagePullPolicy`` (``Always`` for
  ``:latest`` or no tag, else ``IfNotPresent``), ``terminationMessagePath:
  /dev/termination-log``, ``terminationMessagePolicy: File``, ``resources: {}``, port
  ``protocol: TCP``. Pods only, not templates (SetDefaults_Pod): ``enableServiceLinks:
  true`` and container requests copied from limits; a volume
  with no source becomes ``emptyDir: {}``.
* StatefulSet: ``replicas: 1``, ``podManagementPolicy: OrderedReady``, ``updateStrategy:
  {type: RollingUpdate, rollingUpdate: {partition: 0}}``, ``revisionHistoryLimit: 10``,
  ``persistentVolumeClaimRetentionPolicy: {whenDeleted: Retain, whenScaled: Retain}``
  (``minReadySeconds`` is 0 by being absent, as the server prints it).
* Service: ``type: ClusterIP``, ``sessionAffinity: None``, ``internalTrafficPolicy:
  Cluster``, port ``protocol: TCP`` and ``targetPort`` = ``port``.
* Namespace ``status.phase: Active``; Node ``status.allocatable`` = ``capacity``.
* Secret: ``type: Opaque``; ``stringData`` is merged into ``data`` (base64, overwriting a
  key in both) and dropped, as the v1 → internal conversion does, so it is never stored.
* NFSServer (the simulator's kind): an export written as a bare path becomes
  ``{path: ...}``; each export gets ``clients: "*"`` and ``options: [rw, sync]``
  (options written as ``"rw,sync"`` become a list).

Status supplied by a client on create is dropped by the server (its registry
strategies reset it); that happens in :func:`core.admission.admit_create`, because
defaulting also runs on updates, where the stored status must survive.

Decoding comes first, as in the server: a manifest with wrong types raises
:class:`core.validation.DecodeError` here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .gobase64 import encode as base64_encode
from .objects import deep_copy
from .validation_decode import decode_check, mark_decoded

Obj = dict[str, Any]


def apply_defaults(obj: Mapping[str, Any], *, typed: bool = False) -> dict[str, Any]:
    """A copy of ``obj`` with the API server's defaults filled in (``obj`` is untouched).

    ``typed``: ``obj`` was built by the simulator's own controllers from objects that
    already decoded (a pod from its StatefulSet's template, say), so the decode check,
    which guards against what users type, cannot fail and is skipped.
    """
    if not typed:
        decode_check(obj)
    out: Obj = deep_copy(dict(obj))
    handler = _BY_KIND.get(str(out.get("kind")))
    if handler is not None:
        handler(out)
    mark_decoded(out)
    return out


def _dict(parent: Obj, key: str) -> Obj:
    """``parent[key]`` as a dict, created when absent or null."""
    value = parent.get(key)
    if not isinstance(value, dict):
        value = {}
        parent[key] = value
    return value


def _setdefault(parent: Obj, key: str, value: Any) -> None:
    """Fill ``key`` when absent, null or empty (Go's zero value)."""
    if parent.get(key) in (None, ""):
        parent[key] = value


# ---- storage -------------------------------------------------------------------------------------
def default_pv(pv: Obj) -> None:
    spec = _dict(pv, "spec")
    _setdefault(spec, "persistentVolumeReclaimPolicy", "Retain")
    _setdefault(spec, "volumeMode", "Filesystem")
    if isinstance(spec.get("hostPath"), dict):
        spec["hostPath"].setdefault("type", "")
    _setdefault(_dict(pv, "status"), "phase", "Pending")


def default_pvc(pvc: Obj) -> None:
    _setdefault(_dict(pvc, "spec"), "volumeMode", "Filesystem")
    _setdefault(_dict(pvc, "status"), "phase", "Pending")


def default_storage_class(sc: Obj) -> None:
    _setdefault(sc, "reclaimPolicy", "Delete")
    _setdefault(sc, "volumeBindingMode", "Immediate")


def default_nfs_server(server: Obj) -> None:
    exports = _dict(server, "spec").get("exports")
    if isinstance(exports, list):
        exports[:] = [{"path": e} if isinstance(e, str) else e for e in exports]
    for export in exports or []:
        if isinstance(export, dict):
            _setdefault(export, "clients", "*")
            options = export.get("options")
            if isinstance(options, str):
                options = [o.strip() for o in options.split(",") if o.strip()]
                export["options"] = options
            if not options:
                export["options"] = ["rw", "sync"]


# ---- pods ------------------------------------------------------------------------------------------
def image_pull_policy(image: str) -> str:
    """``Always`` for an image tagged ``latest`` or not tagged at all, else ``IfNotPresent``."""
    name, _, digest = image.partition("@")
    last = name.rsplit("/", 1)[-1]
    tag = last.rsplit(":", 1)[1] if ":" in last else ""
    if not tag and not digest:
        tag = "latest"
    return "Always" if tag == "latest" else "IfNotPresent"


def default_container(ctr: Obj) -> None:
    _setdefault(ctr, "imagePullPolicy", image_pull_policy(str(ctr.get("image") or "")))
    _setdefault(ctr, "terminationMessagePath", "/dev/termination-log")
    _setdefault(ctr, "terminationMessagePolicy", "File")
    _dict(ctr, "resources")
    for port in ctr.get("ports") or []:
        if isinstance(port, dict):
            _setdefault(port, "protocol", "TCP")


_POD_SOURCES = ("hostPath", "emptyDir", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo",
                "secret", "nfs", "iscsi", "glusterfs", "persistentVolumeClaim", "rbd",
                "flexVolume", "cinder", "cephfs", "flocker", "downwardAPI", "fc", "azureFile",
                "configMap", "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk",
                "projected", "portworxVolume", "scaleIO", "storageos", "csi", "ephemeral", "image")


def default_pod_spec(spec: Obj) -> None:
    _setdefault(spec, "dnsPolicy", "ClusterFirst")
    _setdefault(spec, "restartPolicy", "Always")
    _setdefault(spec, "terminationGracePeriodSeconds", 30)
    if spec.get("securityContext") is None:
        spec["securityContext"] = {}
    _setdefault(spec, "schedulerName", "default-scheduler")
    for field in ("initContainers", "containers"):
        for ctr in spec.get(field) or []:
            if isinstance(ctr, dict):
                default_container(ctr)
    for volume in spec.get("volumes") or []:
        if not isinstance(volume, dict):
            continue
        if all(volume.get(source) is None for source in _POD_SOURCES):
            volume["emptyDir"] = {}
        if isinstance(volume.get("hostPath"), dict):
            volume["hostPath"].setdefault("type", "")
        for source in ("secret", "configMap"):
            if isinstance(volume.get(source), dict):
                _setdefault(volume[source], "defaultMode", 420)


def default_pod(pod: Obj) -> None:
    spec = _dict(pod, "spec")
    default_pod_spec(spec)
    # SetDefaults_Pod, which a PodTemplate does not get: "we only want this defaulting
    # semantic to take place on a v1.Pod and not a v1.PodTemplate".
    for field in ("initContainers", "containers"):
        for ctr in spec.get(field) or []:
            resources = ctr.get("resources") if isinstance(ctr, dict) else None
            limits = resources.get("limits") if isinstance(resources, dict) else None
            if isinstance(limits, dict) and limits:
                requests = _dict(resources, "requests")
                for name, value in limits.items():
                    requests.setdefault(name, value)
    if spec.get("enableServiceLinks") is None:
        spec["enableServiceLinks"] = True


# ---- workloads ----------------------------------------------------------------------------------------
def default_statefulset(sts: Obj) -> None:
    spec = _dict(sts, "spec")
    _setdefault(spec, "podManagementPolicy", "OrderedReady")
    strategy = _dict(spec, "updateStrategy")
    if not strategy.get("type"):
        strategy["type"] = "RollingUpdate"
        if strategy.get("rollingUpdate") is None:
            strategy["rollingUpdate"] = {}
    if strategy.get("type") == "RollingUpdate" and isinstance(strategy.get("rollingUpdate"), dict):
        if strategy["rollingUpdate"].get("partition") is None:
            strategy["rollingUpdate"]["partition"] = 0
    retention = _dict(spec, "persistentVolumeClaimRetentionPolicy")
    _setdefault(retention, "whenDeleted", "Retain")
    _setdefault(retention, "whenScaled", "Retain")
    if spec.get("replicas") is None:
        spec["replicas"] = 1
    if spec.get("revisionHistoryLimit") is None:
        spec["revisionHistoryLimit"] = 10
    default_pod_spec(_dict(_dict(spec, "template"), "spec"))
    for claim in spec.get("volumeClaimTemplates") or []:
        if isinstance(claim, dict):
            default_pvc(claim)


def default_service(svc: Obj) -> None:
    spec = _dict(svc, "spec")
    _setdefault(spec, "sessionAffinity", "None")
    _setdefault(spec, "type", "ClusterIP")
    for port in spec.get("ports") or []:
        if isinstance(port, dict):
            _setdefault(port, "protocol", "TCP")
            if port.get("targetPort") in (None, "", 0):
                port["targetPort"] = port.get("port")
    if spec["type"] != "ExternalName":
        _setdefault(spec, "internalTrafficPolicy", "Cluster")
    if spec["type"] in ("NodePort", "LoadBalancer"):
        _setdefault(spec, "externalTrafficPolicy", "Cluster")
    if spec.get("sessionAffinity") == "ClientIP" and spec.get("sessionAffinityConfig") is None:
        spec["sessionAffinityConfig"] = {"clientIP": {"timeoutSeconds": 10800}}


def default_namespace(ns: Obj) -> None:
    _setdefault(_dict(ns, "status"), "phase", "Active")


def default_node(node: Obj) -> None:
    status = node.get("status")
    if isinstance(status, dict) and status.get("capacity") and status.get("allocatable") is None:
        status["allocatable"] = dict(status["capacity"])


def default_endpoints(ep: Obj) -> None:
    for subset in ep.get("subsets") or []:
        for port in (subset.get("ports") or []) if isinstance(subset, dict) else []:
            if isinstance(port, dict):
                _setdefault(port, "protocol", "TCP")


def default_secret(secret: Obj) -> None:
    _setdefault(secret, "type", "Opaque")
    string_data = secret.pop("stringData", None)
    if isinstance(string_data, dict) and string_data:
        data = _dict(secret, "data")
        for key, value in string_data.items():
            data[key] = base64_encode("" if value is None else str(value))


_BY_KIND: dict[str, Callable[[Obj], None]] = {
    "PersistentVolume": default_pv,
    "PersistentVolumeClaim": default_pvc,
    "StorageClass": default_storage_class,
    "Pod": default_pod,
    "StatefulSet": default_statefulset,
    "Service": default_service,
    "Namespace": default_namespace,
    "Node": default_node,
    "Endpoints": default_endpoints,
    "NFSServer": default_nfs_server,
    "Secret": default_secret,
}
