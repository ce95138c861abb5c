"""Decoding a manifest into the API's Go types: wrong types, bad quantities, unknown fields.

Before defaulting and validation, the API server decodes the request body into its
Go structs. A value of the wrong JSON type fails there, with ``encoding/json``'s
wording, wrapped as a BadRequest::

    PersistentVolume in version "v1" cannot be handled as a PersistentVolume: json:
    cannot unmarshal string into Go struct field PersistentVolumeSpec.spec.accessModes
    of type []v1.PersistentVolumeAccessMode

A quantity that does not parse fails the same way (``quantities must match the
regular expression ...``), and, because ``kubectl`` asks for strict field validation
by default, so does a field the type does not have (``strict decoding error: unknown
field "spec.accesModes"``).

The schema below covers the fields of the kinds the simulator knows. Structs whose
every field is listed are *closed* (unknown fields are reported); the few left
*open* are ones where listing every field would risk refusing valid manifests
(statuses, rarely used volume plugins) — their known fields are still type-checked.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from .errors import ApiError
from .gobase64 import Base64Error
from .gobase64 import decode as _decode_base64
from .quantity import Quantity, QuantityError
from .quantity import parse as _parse_quantity


class DecodeError(ApiError):
    """The body could not be decoded into the kind's type (HTTP 400, reason BadRequest).

    ``path`` is the precise field path (``spec.containers[0].image``) so callers can
    point at the line.
    """

    def __init__(self, kind: str, version: str, detail: str, path: str, name: str = "") -> None:
        message = f'{kind} in version "{version}" cannot be handled as a {kind}: {detail}'
        super().__init__("BadRequest", message, kind=kind, name=name)
        self.detail = detail
        self.path = path


class T:
    """A field's type: what JSON it accepts and how Go names it in errors."""

    __slots__ = ("kind", "go", "elem", "fields", "open", "bits", "or_string")

    def __init__(self, kind: str, go: str, elem: T | None = None,
                 fields: dict[str, Any] | None = None, open: bool = False, bits: int = 0,
                 or_string: bool = False) -> None:
        self.kind = kind
        self.go = go
        self.elem = elem
        self.fields = fields or {}
        self.open = open
        self.bits = bits
        # Also accepts a plain string (the simulator's shorthands, like intstr for ports).
        self.or_string = or_string

    @property
    def struct_name(self) -> str:
        return self.go.rsplit(".", 1)[-1]


def S(go: str = "string") -> T:
    return T("string", go)


STR = S()
BOOL = T("bool", "bool")
INT32 = T("int", "int32", bits=32)
INT64 = T("int", "int64", bits=64)
QTY = T("quantity", "resource.Quantity")
INT_OR_STRING = T("intorstring", "intstr.IntOrString")
TIME = S("v1.Time")
ANY = T("any", "interface {}")
# []byte: JSON carries it as a base64 string.
BYTES = T("bytes", "[]uint8")


def OBJ(go: str) -> T:
    """A struct we do not look inside (only that it is an object)."""
    return T("struct", go, open=True)


def LIST(elem: T, go: str | None = None) -> T:
    return T("list", go or "[]" + elem.go, elem=elem)


def MAP(elem: T, go: str | None = None) -> T:
    return T("map", go or f"map[string]{elem.go}", elem=elem)


def STRUCT(go: str, fields: dict[str, Any], open: bool = False) -> T:
    return T("struct", go, fields=fields, open=open)


STRINGS = LIST(STR)
STRING_MAP = MAP(STR)
RESOURCE_LIST = MAP(QTY, "v1.ResourceList")

OWNER_REFERENCE = STRUCT("v1.OwnerReference", {
    "apiVersion": STR, "kind": STR, "name": STR, "uid": S("types.UID"),
    "controller": BOOL, "blockOwnerDeletion": BOOL,
})
OBJECT_META = STRUCT("v1.ObjectMeta", {
    "name": STR, "generateName": STR, "namespace": STR, "selfLink": STR, "uid": S("types.UID"),
    "resourceVersion": STR, "generation": INT64, "creationTimestamp": TIME,
    "deletionTimestamp": TIME, "deletionGracePeriodSeconds": INT64, "labels": STRING_MAP,
    "annotations": STRING_MAP, "ownerReferences": LIST(OWNER_REFERENCE), "finalizers": STRINGS,
    "managedFields": LIST(OBJ("v1.ManagedFieldsEntry")),
})
LABEL_SELECTOR = STRUCT("v1.LabelSelector", {
    "matchLabels": STRING_MAP,
    "matchExpressions": LIST(STRUCT("v1.LabelSelectorRequirement", {
        "key": STR, "operator": S("v1.LabelSelectorOperator"), "values": STRINGS})),
})
NODE_SELECTOR_REQUIREMENT = STRUCT("v1.NodeSelectorRequirement", {
    "key": STR, "operator": S("v1.NodeSelectorOperator"), "values": STRINGS,
})
NODE_SELECTOR = STRUCT("v1.NodeSelector", {
    "nodeSelectorTerms": LIST(STRUCT("v1.NodeSelectorTerm", {
        "matchExpressions": LIST(NODE_SELECTOR_REQUIREMENT),
        "matchFields": LIST(NODE_SELECTOR_REQUIREMENT),
    })),
})
OBJECT_REFERENCE = STRUCT("v1.ObjectReference", {
    "kind": STR, "namespace": STR, "name": STR, "uid": S("types.UID"), "apiVersion": STR,
    "resourceVersion": STR, "fieldPath": STR,
})
ACCESS_MODES = LIST(S("v1.PersistentVolumeAccessMode"))

# Volume sources shared by PVs and pod volumes.
NFS = STRUCT("v1.NFSVolumeSource", {"server": STR, "path": STR, "readOnly": BOOL})
HOST_PATH = STRUCT("v1.HostPathVolumeSource", {"path": STR, "type": S("v1.HostPathType")})
LOCAL = STRUCT("v1.LocalVolumeSource", {"path": STR, "fsType": STR})
CSI_PV = STRUCT("v1.CSIPersistentVolumeSource", {
    "driver": STR, "volumeHandle": STR, "readOnly": BOOL, "fsType": STR,
    "volumeAttributes": STRING_MAP,
}, open=True)

_PV_PLUGINS = ("gcePersistentDisk", "awsElasticBlockStore", "glusterfs", "rbd", "iscsi", "cinder",
               "cephfs", "fc", "flocker", "flexVolume", "azureFile", "vsphereVolume", "quobyte",
               "azureDisk", "photonPersistentDisk", "portworxVolume", "scaleIO", "storageos")
PV_SOURCE_FIELDS: dict[str, Any] = {
    "hostPath": HOST_PATH, "nfs": NFS, "local": LOCAL, "csi": CSI_PV,
    **{name: OBJ("v1." + name[:1].upper() + name[1:] + "VolumeSource") for name in _PV_PLUGINS},
}
PV_SPEC = STRUCT("v1.PersistentVolumeSpec", {
    "capacity": RESOURCE_LIST, "accessModes": ACCESS_MODES, "claimRef": OBJECT_REFERENCE,
    "persistentVolumeReclaimPolicy": S("v1.PersistentVolumeReclaimPolicy"),
    "storageClassName": STR, "mountOptions": STRINGS, "volumeMode": S("v1.PersistentVolumeMode"),
    "nodeAffinity": STRUCT("v1.VolumeNodeAffinity", {"required": NODE_SELECTOR}),
    "volumeAttributesClassName": STR,
    # Go embeds PersistentVolumeSource; its fields name that struct in errors.
    **{name: (t, "PersistentVolumeSource") for name, t in PV_SOURCE_FIELDS.items()},
})
PV_STATUS = STRUCT("v1.PersistentVolumeStatus", {
    "phase": S("v1.PersistentVolumePhase"), "message": STR, "reason": STR,
    "lastPhaseTransitionTime": TIME,
})

PVC_SPEC = STRUCT("v1.PersistentVolumeClaimSpec", {
    "accessModes": ACCESS_MODES, "selector": LABEL_SELECTOR,
    "resources": STRUCT("v1.VolumeResourceRequirements", {
        "limits": RESOURCE_LIST, "requests": RESOURCE_LIST}),
    "volumeName": STR, "storageClassName": STR, "volumeMode": S("v1.PersistentVolumeMode"),
    "dataSource": STRUCT("v1.TypedLocalObjectReference", {
        "apiGroup": STR, "kind": STR, "name": STR}),
    "dataSourceRef": STRUCT("v1.TypedObjectReference", {
        "apiGroup": STR, "kind": STR, "name": STR, "namespace": STR}),
    "volumeAttributesClassName": STR,
})
PVC_STATUS = STRUCT("v1.PersistentVolumeClaimStatus", {
    "phase": S("v1.PersistentVolumeClaimPhase"), "accessModes": ACCESS_MODES,
    "capacity": RESOURCE_LIST, "allocatedResources": RESOURCE_LIST,
}, open=True)


def _top(go: str, spec: T | None = None, status: T | None = None,
         extra: dict[str, Any] | None = None, open: bool = False) -> T:
    fields: dict[str, Any] = {"apiVersion": STR, "kind": STR, "metadata": OBJECT_META}
    if spec is not None:
        fields["spec"] = spec
    if status is not None:
        fields["status"] = status
    fields.update(extra or {})
    return STRUCT(go, fields, open=open)


PVC = _top("v1.PersistentVolumeClaim", PVC_SPEC, PVC_STATUS)

# ---- pods -------------------------------------------------------------------------------------
RESOURCES = STRUCT("v1.ResourceRequirements", {
    "limits": RESOURCE_LIST, "requests": RESOURCE_LIST,
    "claims": LIST(OBJ("v1.ResourceClaim")),
})
CONTAINER = STRUCT("v1.Container", {
    "name": STR, "image": STR, "command": STRINGS, "args": STRINGS, "workingDir": STR,
    "ports": LIST(STRUCT("v1.ContainerPort", {
        "name": STR, "hostPort": INT32, "containerPort": INT32, "protocol": S("v1.Protocol"),
        "hostIP": STR})),
    "envFrom": LIST(OBJ("v1.EnvFromSource")),
    "env": LIST(STRUCT("v1.EnvVar", {"name": STR, "value": STR,
                                     "valueFrom": OBJ("v1.EnvVarSource")})),
    "resources": RESOURCES, "resizePolicy": LIST(OBJ("v1.ContainerResizePolicy")),
    "restartPolicy": S("v1.ContainerRestartPolicy"),
    "restartPolicyRules": LIST(OBJ("v1.ContainerRestartRule")),
    "volumeMounts": LIST(STRUCT("v1.VolumeMount", {
        "name": STR, "readOnly": BOOL, "recursiveReadOnly": S("v1.RecursiveReadOnlyMode"),
        "mountPath": STR, "subPath": STR, "mountPropagation": S("v1.MountPropagationMode"),
        "subPathExpr": STR})),
    "volumeDevices": LIST(STRUCT("v1.VolumeDevice", {"name": STR, "devicePath": STR})),
    "livenessProbe": OBJ("v1.Probe"), "readinessProbe": OBJ("v1.Probe"),
    "startupProbe": OBJ("v1.Probe"), "lifecycle": OBJ("v1.Lifecycle"),
    "terminationMessagePath": STR,
    "terminationMessagePolicy": S("v1.TerminationMessagePolicy"),
    "imagePullPolicy": S("v1.PullPolicy"), "securityContext": OBJ("v1.SecurityContext"),
    "stdin": BOOL, "stdinOnce": BOOL, "tty": BOOL,
})
_POD_PLUGINS = ("emptyDir", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "secret",
                "iscsi", "glusterfs", "rbd", "flexVolume", "cinder", "cephfs", "flocker",
                "downwardAPI", "fc", "azureFile", "configMap", "vsphereVolume", "quobyte",
                "azureDisk", "photonPersistentDisk", "projected", "portworxVolume", "scaleIO",
                "storageos", "csi", "ephemeral", "image")
VOLUME = STRUCT("v1.Volume", {
    "name": STR,
    **{name: (t, "VolumeSource") for name, t in {
        "hostPath": HOST_PATH, "nfs": NFS,
        "persistentVolumeClaim": STRUCT("v1.PersistentVolumeClaimVolumeSource", {
            "claimName": STR, "readOnly": BOOL}),
        **{name: OBJ("v1." + name[:1].upper() + name[1:] + "VolumeSource")
           for name in _POD_PLUGINS},
    }.items()},
})
TOLERATION = STRUCT("v1.Toleration", {
    "key": STR, "operator": S("v1.TolerationOperator"), "value": STR,
    "effect": S("v1.TaintEffect"), "tolerationSeconds": INT64,
})
POD_SPEC = STRUCT("v1.PodSpec", {
    "volumes": LIST(VOLUME), "initContainers": LIST(CONTAINER), "containers": LIST(CONTAINER),
    "ephemeralContainers": LIST(OBJ("v1.EphemeralContainer")),
    "restartPolicy": S("v1.RestartPolicy"), "terminationGracePeriodSeconds": INT64,
    "activeDeadlineSeconds": INT64, "dnsPolicy": S("v1.DNSPolicy"), "nodeSelector": STRING_MAP,
    "serviceAccountName": STR, "serviceAccount": STR, "automountServiceAccountToken": BOOL,
    "nodeName": STR, "hostNetwork": BOOL, "hostPID": BOOL, "hostIPC": BOOL,
    "shareProcessNamespace": BOOL, "securityContext": OBJ("v1.PodSecurityContext"),
    "imagePullSecrets": LIST(OBJ("v1.LocalObjectReference")), "hostname": STR,
    "subdomain": STR, "affinity": OBJ("v1.Affinity"), "schedulerName": STR,
    "tolerations": LIST(TOLERATION), "hostAliases": LIST(OBJ("v1.HostAlias")),
    "priorityClassName": STR, "priority": INT32, "dnsConfig": OBJ("v1.PodDNSConfig"),
    "readinessGates": LIST(OBJ("v1.PodReadinessGate")), "runtimeClassName": STR,
    "enableServiceLinks": BOOL, "preemptionPolicy": S("v1.PreemptionPolicy"),
    "overhead": RESOURCE_LIST,
    "topologySpreadConstraints": LIST(OBJ("v1.TopologySpreadConstraint")),
    "setHostnameAsFQDN": BOOL, "os": OBJ("v1.PodOS"), "hostUsers": BOOL,
    "schedulingGates": LIST(OBJ("v1.PodSchedulingGate")),
    "resourceClaims": LIST(OBJ("v1.PodResourceClaim")), "resources": RESOURCES,
    "hostnameOverride": STR,
})
POD_TEMPLATE = STRUCT("v1.PodTemplateSpec", {"metadata": OBJECT_META, "spec": POD_SPEC})
POD = _top("v1.Pod", POD_SPEC, OBJ("v1.PodStatus"))

STATEFULSET = _top("v1.StatefulSet", STRUCT("v1.StatefulSetSpec", {
    "replicas": INT32, "selector": LABEL_SELECTOR, "template": POD_TEMPLATE,
    "volumeClaimTemplates": LIST(PVC), "serviceName": STR,
    "podManagementPolicy": S("v1.PodManagementPolicyType"),
    "updateStrategy": STRUCT("v1.StatefulSetUpdateStrategy", {
        "type": S("v1.StatefulSetUpdateStrategyType"),
        "rollingUpdate": STRUCT("v1.RollingUpdateStatefulSetStrategy", {
            "partition": INT32, "maxUnavailable": INT_OR_STRING}),
    }),
    "revisionHistoryLimit": INT32, "minReadySeconds": INT32,
    "persistentVolumeClaimRetentionPolicy": STRUCT(
        "v1.StatefulSetPersistentVolumeClaimRetentionPolicy", {
            "whenDeleted": S("v1.PersistentVolumeClaimRetentionPolicyType"),
            "whenScaled": S("v1.PersistentVolumeClaimRetentionPolicyType")}),
    "ordinals": STRUCT("v1.StatefulSetOrdinals", {"start": INT32}),
}), STRUCT("v1.StatefulSetStatus", {
    # Typed where the controller and kubectl read numbers (a status patch is decoded too).
    "observedGeneration": INT64, "replicas": INT32, "readyReplicas": INT32,
    "currentReplicas": INT32, "updatedReplicas": INT32, "availableReplicas": INT32,
    "collisionCount": INT32, "currentRevision": STR, "updateRevision": STR,
}, open=True))

SERVICE = _top("v1.Service", STRUCT("v1.ServiceSpec", {
    "ports": LIST(STRUCT("v1.ServicePort", {
        "name": STR, "protocol": S("v1.Protocol"), "appProtocol": STR, "port": INT32,
        "targetPort": INT_OR_STRING, "nodePort": INT32})),
    "selector": STRING_MAP, "clusterIP": STR, "clusterIPs": STRINGS,
    "type": S("v1.ServiceType"), "externalIPs": STRINGS,
    "sessionAffinity": S("v1.ServiceAffinity"), "loadBalancerIP": STR,
    "externalName": STR, "publishNotReadyAddresses": BOOL,
}, open=True), OBJ("v1.ServiceStatus"))

NODE = _top("v1.Node", STRUCT("v1.NodeSpec", {
    "podCIDR": STR, "podCIDRs": STRINGS, "providerID": STR, "unschedulable": BOOL,
    "taints": LIST(STRUCT("v1.Taint", {
        "key": STR, "value": STR, "effect": S("v1.TaintEffect"), "timeAdded": TIME})),
    "configSource": OBJ("v1.NodeConfigSource"), "externalID": STR,
}), OBJ("v1.NodeStatus"))

NAMESPACE = _top("v1.Namespace", STRUCT("v1.NamespaceSpec", {
    "finalizers": LIST(S("v1.FinalizerName"))}), OBJ("v1.NamespaceStatus"))

STORAGE_CLASS = _top("v1.StorageClass", extra={
    "provisioner": STR, "parameters": STRING_MAP,
    "reclaimPolicy": S("v1.PersistentVolumeReclaimPolicy"), "mountOptions": STRINGS,
    "allowVolumeExpansion": BOOL, "volumeBindingMode": S("v1.VolumeBindingMode"),
    "allowedTopologies": LIST(STRUCT("v1.TopologySelectorTerm", {
        "matchLabelExpressions": LIST(STRUCT("v1.TopologySelectorLabelRequirement", {
            "key": STR, "values": STRINGS}))})),
})

# An export may be written as just its path, and its options as /etc/exports text
# ("rw,sync") as well as a list.
NFS_EXPORT = STRUCT("v1alpha1.NFSExport", {
    "path": STR, "clients": STR, "options": T("list", "[]string", elem=STR, or_string=True)})
NFS_EXPORT.or_string = True
NFS_SERVER = _top("v1alpha1.NFSServer", STRUCT("v1alpha1.NFSServerSpec", {
    "address": STR, "exports": LIST(NFS_EXPORT), "directories": STRINGS,
}), OBJ("v1alpha1.NFSServerStatus"))

CONFIG_MAP = _top("v1.ConfigMap", extra={
    "immutable": BOOL, "data": STRING_MAP, "binaryData": MAP(BYTES)})
SECRET = _top("v1.Secret", extra={
    "immutable": BOOL, "data": MAP(BYTES), "stringData": STRING_MAP, "type": S("v1.SecretType")})

SCHEMAS: dict[str, T] = {
    "PersistentVolume": _top("v1.PersistentVolume", PV_SPEC, PV_STATUS),
    "PersistentVolumeClaim": PVC,
    "StorageClass": STORAGE_CLASS,
    "Pod": POD,
    "StatefulSet": STATEFULSET,
    "Service": SERVICE,
    "Node": NODE,
    "Namespace": NAMESPACE,
    "NFSServer": NFS_SERVER,
    "Endpoints": _top("v1.Endpoints", open=True),
    "Event": _top("v1.Event", open=True),
    "ControllerRevision": _top("v1.ControllerRevision",
                               extra={"data": ANY, "revision": INT64}),
    "ConfigMap": CONFIG_MAP,
    "Secret": SECRET,
}


@lru_cache(maxsize=4096)
def _parse_text(text: str) -> Quantity:
    return _parse_quantity(text)


def parse_quantity(value: Any) -> Quantity:
    """``quantity.parse`` with the handful of strings real manifests repeat cached."""
    if isinstance(value, str):
        return _parse_text(value)
    return _parse_quantity(value)


# ---- the walk ----------------------------------------------------------------------------------
class _TypeError(Exception):
    def __init__(self, detail: str, path: str) -> None:
        super().__init__(detail)
        self.detail = detail
        self.path = path


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


_last_decoded: Any = None


def mark_decoded(obj: Mapping[str, Any]) -> None:
    """Remember that ``obj`` (defaulting's output) decodes, so validating it next is cheaper.

    Objects are never modified in place, so the same object still decodes.
    """
    global _last_decoded
    _last_decoded = obj


def decode_check(obj: Mapping[str, Any]) -> None:
    """Raise :class:`DecodeError` if ``obj`` would not decode into its kind's Go type."""
    if obj is _last_decoded:
        return
    kind = obj.get("kind")
    schema = SCHEMAS.get(kind) if isinstance(kind, str) else None
    if schema is None:
        return
    unknown: list[str] = []
    try:
        _walk(obj, schema, schema.struct_name, "", "", unknown)
    except _TypeError as exc:
        raise _error(obj, exc.detail, exc.path) from None
    if unknown:
        detail = "strict decoding error: " + ", ".join(f'unknown field "{p}"' for p in unknown)
        raise _error(obj, detail, unknown[0])


def _error(obj: Mapping[str, Any], detail: str, path: str) -> DecodeError:
    kind = str(obj.get("kind"))
    version = str(obj.get("apiVersion") or "").rsplit("/", 1)[-1]
    meta = obj.get("metadata")
    name = str(meta.get("name") or "") if isinstance(meta, Mapping) else ""
    return DecodeError(kind, version, detail, path, name)


def _walk(value: Any, t: T, struct: str, gopath: str, path: str, unknown: list[str]) -> None:
    if value is None:
        return  # null decodes to the zero value
    if t.or_string and value.__class__ is str:
        return
    kind = t.kind
    if kind == "string":
        if value.__class__ is not str and not isinstance(value, str):
            _mismatch(value, t, struct, gopath, path)
    elif kind == "struct":
        if value.__class__ is not dict and not isinstance(value, Mapping):
            _mismatch(value, t, struct, gopath, path)
        fields = t.fields
        inner = t.struct_name
        for name, item in value.items():
            ft = fields.get(name)
            if ft is None:
                if not t.open:
                    unknown.append(f"{path}.{name}" if path else name)
                continue
            owner = inner
            if isinstance(ft, tuple):
                ft, owner = ft
            _walk(item, ft, owner, f"{gopath}.{name}" if gopath else name,
                  f"{path}.{name}" if path else name, unknown)
    elif kind == "list":
        if value.__class__ is not list and not isinstance(value, list):
            _mismatch(value, t, struct, gopath, path)
        elem = t.elem
        assert elem is not None
        for i, item in enumerate(value):
            _walk(item, elem, struct, gopath, f"{path}[{i}]", unknown)
    elif kind == "map":
        if value.__class__ is not dict and not isinstance(value, Mapping):
            _mismatch(value, t, struct, gopath, path)
        elem = t.elem
        assert elem is not None
        for k, item in value.items():
            _walk(item, elem, struct, gopath, f"{path}[{k}]", unknown)
    elif kind == "bool":
        if not isinstance(value, bool):
            _mismatch(value, t, struct, gopath, path)
    elif kind == "int":
        _check_int(value, t, struct, gopath, path)
    elif kind == "quantity":
        if isinstance(value, (bool, Mapping, list)):
            raise _TypeError(_quantity_problem("true"), path)
        try:
            parse_quantity(value)
        except QuantityError as exc:
            raise _TypeError(str(exc), path) from None
    elif kind == "bytes":
        if value.__class__ is not str and not isinstance(value, str):
            _mismatch(value, t, struct, gopath, path)
        try:
            _decode_base64(value)
        except Base64Error as exc:
            raise _TypeError(str(exc), path) from None
    elif kind == "intorstring":
        if isinstance(value, str):
            return
        _check_int(value, t, struct, gopath, path)


def _quantity_problem(text: str) -> str:
    try:
        parse_quantity(text)
    except QuantityError as exc:
        return str(exc)
    return ""


def _check_int(value: Any, t: T, struct: str, gopath: str, path: str) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        _mismatch(value, t, struct, gopath, path)
    bits = t.bits or 32
    if isinstance(value, float) and not value.is_integer():
        _mismatch(value, t, struct, gopath, path, f"number {value!r}")
    number = int(value)
    if not -(2 ** (bits - 1)) <= number < 2 ** (bits - 1):
        _mismatch(value, t, struct, gopath, path, f"number {number}")


def _mismatch(value: Any, t: T, struct: str, gopath: str, path: str, what: str = "") -> None:
    what = what or _json_kind(value)
    go = "int32" if t.kind == "intorstring" else t.go
    target = f"Go struct field {struct}.{gopath}" if gopath else "Go value"
    raise _TypeError(f"json: cannot unmarshal {what} into {target} of type {go}", path)
