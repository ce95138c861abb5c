"""Validation of PersistentVolumes, claims, StorageClasses and the simulator's NFSServer.

PV/PVC rules follow ``ValidatePersistentVolumeSpec``, ``ValidatePersistentVolumeUpdate``,
``ValidatePersistentVolumeClaimSpec`` and ``ValidatePersistentVolumeClaimUpdate`` in
``pkg/apis/core/validation/validation.go``; StorageClass rules follow
``pkg/apis/storage/validation``. Errors come in the order the Go code appends them.
Feature gates are those of a current cluster (1.34+): ReadWriteOncePod,
VolumeAttributesClass and RecoverVolumeExpansionFailure on.

The NFSServer kind (``simulator.pvgraph.dev/v1alpha1``) is the simulator's own way to
declare an NFS server instead of letting PVs imply one::

    apiVersion: simulator.pvgraph.dev/v1alpha1
    kind: NFSServer
    metadata:
      name: nfs-main            # a DNS-1123 subdomain; cluster-scoped
    spec:
      address: 192.168.6.189    # required: the hostname or IP PVs name in spec.nfs.server
      exports:                  # what it serves; optional
        - path: /nfs            # required, absolute, no '..', unique
          clients: "*"          # who may mount it (host, wildcard, IP or CIDR); default "*"
          options: [rw, sync]   # /etc/exports options, a list or "rw,sync"; default [rw, sync]
        - /nfs/other            # an export may also be just its path
      directories:              # directories that exist on the server; optional
        - /nfs/pv1              # absolute, no '..', unique
"""

from __future__ import annotations

import ipaddress
import posixpath
import re
from collections.abc import Mapping
from typing import Any

from .quantity import QuantityError
from .validation_common import (
    ErrorList,
    child,
    duplicate,
    forbidden,
    immutable,
    index,
    invalid,
    is_dns1123_subdomain,
    key,
    lst,
    m,
    name_is_dns_subdomain,
    not_supported,
    quantity_text,
    required,
    s,
    spec_diff,
    too_long,
    validate_basic_resource,
    validate_class_name,
    validate_label_selector,
    validate_node_selector,
    validate_object_meta,
    validate_object_meta_update,
    validate_positive_quantity,
    validate_qualified_name,
)
from .validation_decode import parse_quantity

ACCESS_MODES = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"]
RECLAIM_POLICIES = ["Delete", "Recycle", "Retain"]
VOLUME_MODES = ["Block", "Filesystem"]
HOST_PATH_TYPES = ["", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File",
                   "FileOrCreate", "Socket"]

# PersistentVolumeSource fields in the order ValidatePersistentVolumeSpec checks them,
# with the name its "more than 1 volume type" error uses.
PV_SOURCES: tuple[tuple[str, str], ...] = (
    ("hostPath", "hostPath"), ("gcePersistentDisk", "gcePersistentDisk"),
    ("awsElasticBlockStore", "awsElasticBlockStore"), ("glusterfs", "glusterfs"),
    ("flocker", "flocker"), ("nfs", "nfs"), ("rbd", "rbd"), ("quobyte", "quobyte"),
    ("cephfs", "cephFS"), ("iscsi", "iscsi"), ("cinder", "cinder"), ("fc", "fc"),
    ("flexVolume", ""), ("azureFile", "azureFile"), ("vsphereVolume", "vsphereVolume"),
    ("photonPersistentDisk", "photonPersistentDisk"), ("portworxVolume", "portworxVolume"),
    ("azureDisk", "azureDisk"), ("scaleIO", "scaleIO"), ("local", "local"),
    ("storageos", "storageos"), ("csi", "csi"),
)
PV_SOURCE_KEYS = frozenset(name for name, _ in PV_SOURCES)
_PV_SOURCE_ORDER = {name: i for i, (name, _) in enumerate(PV_SOURCES)}
_PV_SOURCE_ERROR_NAME = dict(PV_SOURCES)

BETA_STORAGE_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class"


# ---- volume sources ---------------------------------------------------------------------------
def validate_nfs(nfs: Any, path: str) -> ErrorList:
    src = m(nfs)
    errs: ErrorList = []
    server, nfs_path = s(src.get("server")), s(src.get("path"))
    if not server:
        errs.append(required(child(path, "server")))
    if not nfs_path:
        errs.append(required(child(path, "path")))
    if not nfs_path.startswith("/"):
        errs.append(invalid(child(path, "path"), nfs_path, "must be an absolute path"))
    return errs


def validate_no_backsteps(value: str, path: str) -> ErrorList:
    if ".." in value.split("/"):
        return [invalid(path, value, "must not contain '..'")]
    return []


def validate_host_path(source: Any, path: str) -> ErrorList:
    src = m(source)
    host_path = s(src.get("path"))
    if not host_path:
        return [required(child(path, "path"))]
    errs = validate_no_backsteps(host_path, child(path, "path"))
    kind = src.get("type")
    if kind is not None and s(kind) not in HOST_PATH_TYPES:
        errs.append(not_supported(child(path, "type"), s(kind), HOST_PATH_TYPES))
    return errs


def validate_local(source: Any, path: str) -> ErrorList:
    local_path = s(m(source).get("path"))
    if not local_path:
        return [required(child(path, "path"))]
    return validate_no_backsteps(local_path, child(path, "path"))


def validate_csi_driver_name(driver: str, path: str) -> ErrorList:
    errs: ErrorList = []
    if not driver:
        errs.append(required(path))
    if len(driver) > 63:
        errs.append(too_long(path, 63))
    errs.extend(invalid(path, driver, msg) for msg in is_dns1123_subdomain(driver.lower()))
    return errs


def validate_csi(source: Any, path: str) -> ErrorList:
    src = m(source)
    errs = validate_csi_driver_name(s(src.get("driver")), child(path, "driver"))
    if not s(src.get("volumeHandle")):
        errs.append(required(child(path, "volumeHandle")))
    return errs


# ---- PersistentVolume -----------------------------------------------------------------------------
def validate_access_modes(modes: Any, path: str, required_detail: str | None) -> ErrorList:
    errs: ErrorList = []
    modes = lst(modes)
    if not modes and required_detail is not None:
        errs.append(required(path, required_detail))
    found_rwop = found_other = False
    for i, mode in enumerate(modes):
        mode = s(mode)
        if mode not in ACCESS_MODES:
            errs.append(not_supported(path, mode, ACCESS_MODES, locate=index(path, i)))
        if mode == "ReadWriteOncePod":
            found_rwop = True
        elif mode in ACCESS_MODES:
            found_other = True
    if found_rwop and found_other:
        errs.append(forbidden(path, "may not use ReadWriteOncePod with other access modes"))
    return errs


def validate_pv_spec(spec: Any, path: str = "spec") -> ErrorList:
    sp = m(spec)
    errs = validate_access_modes(sp.get("accessModes"), child(path, "accessModes"), "")

    cap_path = child(path, "capacity")
    capacity = sp.get("capacity")
    if not m(capacity):
        errs.append(required(cap_path))
    if "storage" not in m(capacity) or len(m(capacity)) > 1:
        shown = None if capacity is None else {k: quantity_text(v) for k, v in m(capacity).items()}
        errs.append(not_supported(cap_path, shown, ["storage"]))
    for resource in sorted(m(capacity)):
        qty = m(capacity)[resource]
        errs.extend(validate_basic_resource(qty, key(cap_path, resource)))
        errs.extend(validate_positive_quantity(qty, key(cap_path, resource)))

    policy = s(sp.get("persistentVolumeReclaimPolicy"))
    if policy and policy not in RECLAIM_POLICIES:
        errs.append(not_supported(child(path, "persistentVolumeReclaimPolicy"), policy,
                                  RECLAIM_POLICIES))

    affinity_set = False
    if sp.get("nodeAffinity") is not None:
        affinity_set = True
        na_path = child(path, "nodeAffinity")
        required_terms = m(sp.get("nodeAffinity")).get("required")
        if required_terms is not None:
            errs.extend(validate_node_selector(required_terms, child(na_path, "required")))
        else:
            errs.append(required(child(na_path, "required"),
                                 "must specify required node constraints"))

    count = 0
    present = sorted((k for k in sp if k in PV_SOURCE_KEYS and sp[k] is not None),
                     key=_PV_SOURCE_ORDER.__getitem__)
    for name in present:
        source, error_name = sp[name], _PV_SOURCE_ERROR_NAME[name]
        if count > 0 and error_name:
            errs.append(forbidden(child(path, error_name), "may not specify more than 1 volume type"))
            continue
        count += 1
        src_path = child(path, name)
        if name == "hostPath":
            errs.extend(validate_host_path(source, src_path))
        elif name == "nfs":
            errs.extend(validate_nfs(source, src_path))
        elif name == "local":
            errs.extend(validate_local(source, src_path))
            if not affinity_set:
                errs.append(required(child(path, "nodeAffinity"),
                                     "Local volume requires node affinity"))
        elif name == "csi":
            errs.extend(validate_csi(source, src_path))
    if count == 0:
        errs.append(required(path, "must specify a volume type"))

    host_path = s(m(sp.get("hostPath")).get("path")) if sp.get("hostPath") is not None else ""
    if host_path and posixpath.normpath(host_path) == "/" and policy == "Recycle":
        errs.append(forbidden(child(path, "persistentVolumeReclaimPolicy"),
                              "may not be 'recycle' for a hostPath mount of '/'"))

    class_name = s(sp.get("storageClassName"))
    if class_name:
        errs.extend(validate_class_name(class_name, child(path, "storageClassName")))

    mode = sp.get("volumeMode")
    if mode is not None and s(mode) not in VOLUME_MODES:
        errs.append(not_supported(child(path, "volumeMode"), s(mode), VOLUME_MODES))

    vac = sp.get("volumeAttributesClassName")
    if vac is not None:
        vac_path = child(path, "volumeAttributesClassName")
        if not s(vac):
            errs.append(required(vac_path, "an empty string is disallowed"))
        else:
            errs.extend(validate_class_name(s(vac), vac_path))
        if sp.get("csi") is None:
            errs.append(required(child(path, "csi"),
                                 "has to be specified when using volumeAttributesClassName"))
    return errs


def validate_pv(obj: Mapping[str, Any]) -> ErrorList:
    errs = validate_object_meta(obj.get("metadata"), False, name_is_dns_subdomain)
    errs.extend(validate_pv_spec(obj.get("spec")))
    return errs


def validate_pv_update(new: Mapping[str, Any], old: Mapping[str, Any]) -> ErrorList:
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"))
    errs.extend(validate_pv(new))
    new_spec, old_spec = m(new.get("spec")), m(old.get("spec"))
    new_source = {k: v for k, v in new_spec.items() if k in PV_SOURCE_KEYS and v is not None}
    old_source = {k: v for k, v in old_spec.items() if k in PV_SOURCE_KEYS and v is not None}
    # A CSI PV may gain a controllerExpandSecretRef it did not have.
    if "csi" in new_source and "csi" in old_source and \
            m(old_source["csi"]).get("controllerExpandSecretRef") is None:
        new_source["csi"] = {k: v for k, v in m(new_source["csi"]).items()
                             if k != "controllerExpandSecretRef"}
    if new_source != old_source:
        errs.append(forbidden("spec.persistentvolumesource",
                              "spec.persistentvolumesource is immutable after creation\n"
                              + spec_diff("core.PersistentVolumeSource", old_source, new_source),
                              locate="spec"))
    # Upstream really names these paths without "spec." (field.NewPath("volumeMode")).
    errs.extend(immutable(new_spec.get("volumeMode"), old_spec.get("volumeMode"), "volumeMode",
                          locate="spec.volumeMode"))
    if old_spec.get("nodeAffinity") is not None:
        errs.extend(immutable(new_spec.get("nodeAffinity"), old_spec.get("nodeAffinity"),
                              "nodeAffinity", locate="spec.nodeAffinity"))
    if old_spec.get("volumeAttributesClassName") is not None and \
            new_spec.get("volumeAttributesClassName") is None:
        errs.append(forbidden("spec.volumeAttributesClassName",
                              "update from non-nil value to nil is forbidden"))
    return errs


# ---- PersistentVolumeClaim -------------------------------------------------------------------------
def validate_pvc_spec(spec: Any, path: str = "spec") -> ErrorList:
    sp = m(spec)
    errs: ErrorList = []
    modes_path = child(path, "accessModes")
    if not lst(sp.get("accessModes")):
        errs.append(required(modes_path, "at least 1 access mode is required"))
    if sp.get("selector") is not None:
        errs.extend(validate_label_selector(sp.get("selector"), child(path, "selector")))
    errs.extend(validate_access_modes(sp.get("accessModes"), modes_path, None))

    storage_path = key(child(path, "resources"), "storage")
    requests = m(m(sp.get("resources")).get("requests"))
    locate = child(path, "resources", "requests", "storage")
    if "storage" not in requests:
        errs.append(required(storage_path, locate=child(path, "resources")))
    else:
        errs.extend(validate_positive_quantity(requests["storage"], storage_path, locate=locate))

    class_name = s(sp.get("storageClassName"))
    if class_name:
        errs.extend(validate_class_name(class_name, child(path, "storageClassName")))
    mode = sp.get("volumeMode")
    if mode is not None and s(mode) not in VOLUME_MODES:
        errs.append(not_supported(child(path, "volumeMode"), s(mode), VOLUME_MODES))

    for field in ("dataSource", "dataSourceRef"):
        if sp.get(field) is not None:
            errs.extend(_data_source(m(sp.get(field)), child(path, field)))
    ref_ns = s(m(sp.get("dataSourceRef")).get("namespace"))
    if sp.get("dataSourceRef") is not None and ref_ns:
        if sp.get("dataSource") is not None:
            errs.append(invalid(path, child(path, "dataSource"),
                                "may not be specified when dataSourceRef.namespace is specified"))
    elif sp.get("dataSource") is not None and sp.get("dataSourceRef") is not None:
        a, b = m(sp.get("dataSource")), m(sp.get("dataSourceRef"))
        if any(a.get(f) != b.get(f) for f in ("apiGroup", "kind", "name")):
            errs.append(invalid(path, child(path, "dataSource"), "must match dataSourceRef"))

    vac = s(sp.get("volumeAttributesClassName"))
    if vac:
        errs.extend(validate_class_name(vac, child(path, "volumeAttributesClassName")))
    return errs


def _data_source(ref: Mapping[str, Any], path: str) -> ErrorList:
    errs: ErrorList = []
    if not s(ref.get("name")):
        errs.append(required(child(path, "name")))
    if not s(ref.get("kind")):
        errs.append(required(child(path, "kind")))
    group = s(ref.get("apiGroup"))
    if not group and s(ref.get("kind")) != "PersistentVolumeClaim":
        errs.append(invalid(path, s(ref.get("kind")),
                            "must be 'PersistentVolumeClaim' when referencing the default apiGroup"))
    if group:
        errs.extend(invalid(child(path, "apiGroup"), group, msg)
                    for msg in is_dns1123_subdomain(group))
    return errs


def validate_pvc(obj: Mapping[str, Any]) -> ErrorList:
    errs = validate_object_meta(obj.get("metadata"), True, name_is_dns_subdomain)
    errs.extend(validate_pvc_spec(obj.get("spec")))
    return errs


PVC_IMMUTABLE = ("spec is immutable after creation except resources.requests and "
                 "volumeAttributesClassName for bound claims")


def validate_pvc_update(new: Mapping[str, Any], old: Mapping[str, Any]) -> ErrorList:
    """``ValidatePersistentVolumeClaimUpdate``.

    The claim's phase is read from ``old``: a user's update cannot change status (the
    server keeps the stored status), so "bound" means bound now.
    """
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"))
    errs.extend(validate_pvc(new))
    new_spec, old_spec = dict(m(new.get("spec"))), dict(m(old.get("spec")))
    new_clone, old_clone = dict(new_spec), dict(old_spec)
    new_ann = m(m(new.get("metadata")).get("annotations"))
    old_ann = m(m(old.get("metadata")).get("annotations"))

    if not s(old_spec.get("volumeName")):
        # The PV controller fills volumeName in once.
        old_clone["volumeName"] = new_clone.get("volumeName")
        if old_clone["volumeName"] is None:
            old_clone.pop("volumeName")
            new_clone.pop("volumeName", None)

    beta = BETA_STORAGE_CLASS_ANNOTATION
    if _class_upgrade_from_annotation(old_ann, new_ann, old_spec.get("storageClassName"),
                                      new_spec.get("storageClassName")):
        new_clone.pop("storageClassName", None)
    else:
        if s(new_ann.get(beta)) != s(old_ann.get(beta)):
            errs.append(invalid(f"metadata.annotations.{beta}", s(new_ann.get(beta)),
                                "field is immutable",
                                locate=f"metadata.annotations[{beta}]"))
        new_class = new_spec.get("storageClassName")
        if new_class is not None and old_spec.get("storageClassName") is None and \
                (beta not in old_ann or s(new_class) == s(old_ann.get(beta))):
            # A claim without a class may be given one (the default-class assignment).
            if "storageClassName" in old_clone:
                new_clone["storageClassName"] = old_clone["storageClassName"]
            else:
                new_clone.pop("storageClassName", None)

    bound = s(m(old.get("status")).get("phase")) == "Bound"
    new_requests = m(m(new_clone.get("resources")).get("requests"))
    if bound and new_clone.get("resources") is not None and m(new_clone["resources"]).get(
            "requests") is not None:
        requests = dict(new_requests)
        old_storage = m(m(old_spec.get("resources")).get("requests")).get("storage")
        if old_storage is None:
            requests.pop("storage", None)
        else:
            requests["storage"] = old_storage
        resources = dict(m(new_clone["resources"]))
        resources["requests"] = requests
        new_clone["resources"] = resources
    if "volumeAttributesClassName" in old_clone:
        new_clone["volumeAttributesClassName"] = old_clone["volumeAttributesClassName"]
    else:
        new_clone.pop("volumeAttributesClassName", None)

    if _normal(new_clone) != _normal(old_clone):
        errs.append(forbidden("spec", PVC_IMMUTABLE + "\n" + spec_diff(
            "core.PersistentVolumeClaimSpec", old_clone, new_clone)))

    old_size = _storage(old_spec)
    new_size = _storage(new_spec)
    status_size = _quantity(m(m(old.get("status")).get("capacity")).get("storage"))
    if new_size < old_size and new_size <= status_size:
        errs.append(forbidden("spec.resources.requests.storage",
                              "field can not be less than status.capacity"))
    errs.extend(immutable(new_spec.get("volumeMode"), old_spec.get("volumeMode"), "volumeMode",
                          locate="spec.volumeMode"))
    if old_spec.get("volumeAttributesClassName") is not None:
        new_vac = new_spec.get("volumeAttributesClassName")
        if new_vac is None:
            errs.append(forbidden("spec.volumeAttributesClassName",
                                  "update from non-nil value to nil is forbidden"))
        elif not s(new_vac):
            errs.append(forbidden("spec.volumeAttributesClassName",
                                  "update from non-nil value to an empty string is forbidden"))
    return errs


def _class_upgrade_from_annotation(old_ann: Mapping[str, Any], new_ann: Mapping[str, Any],
                                   old_class: Any, new_class: Any) -> bool:
    beta = BETA_STORAGE_CLASS_ANNOTATION
    return (beta in old_ann and old_class is None and new_class is not None
            and s(new_class) == s(old_ann[beta])
            and (beta not in new_ann or s(new_ann[beta]) == s(old_ann[beta])))


def _normal(spec: Mapping[str, Any]) -> dict[str, Any]:
    """Spec for comparison: quantities by value, nulls as absent (Semantic.DeepEqual)."""
    out: dict[str, Any] = {}
    for k, v in spec.items():
        if v is None:
            continue
        if k == "resources":
            v = {rk: {q: _quantity(qv) for q, qv in m(rv).items()} for rk, rv in m(v).items()
                 if rv is not None}
        out[k] = v
    return out


def _quantity(value: Any) -> Any:
    try:
        return parse_quantity(value).value if value is not None else 0
    except QuantityError:
        return value


def _storage(spec: Mapping[str, Any]) -> Any:
    value = _quantity(m(m(spec.get("resources")).get("requests")).get("storage"))
    return value if not isinstance(value, str) else 0


# ---- StorageClass ------------------------------------------------------------------------------------
SC_RECLAIM_POLICIES = ["Delete", "Retain"]
BINDING_MODES = ["Immediate", "WaitForFirstConsumer"]


def validate_storage_class(obj: Mapping[str, Any]) -> ErrorList:
    errs = validate_object_meta(obj.get("metadata"), False, name_is_dns_subdomain)
    provisioner = s(obj.get("provisioner"))
    if not provisioner:
        errs.append(required("provisioner"))
    else:
        errs.extend(validate_qualified_name(provisioner.lower(), "provisioner"))
    params = m(obj.get("parameters"))
    if len(params) > 512:
        errs.append(too_long("parameters", 512))
    else:
        total = 0
        for k, v in params.items():
            if not k:
                errs.append(invalid("parameters", k, "field can not be empty."))
            total += len(k.encode()) + len(s(v).encode())
        if total > 256 * 1024:
            errs.append(too_long("parameters", 256 * 1024))
    policy = obj.get("reclaimPolicy")
    if policy is not None and s(policy) and s(policy) not in SC_RECLAIM_POLICIES:
        errs.append(not_supported("reclaimPolicy", s(policy), SC_RECLAIM_POLICIES))
    mode = obj.get("volumeBindingMode")
    if mode is None:
        errs.append(required("volumeBindingMode"))
    elif s(mode) not in BINDING_MODES:
        errs.append(not_supported("volumeBindingMode", s(mode), BINDING_MODES))
    seen: list[dict[str, list[str]]] = []
    for i, term in enumerate(lst(obj.get("allowedTopologies"))):
        term_path = index("allowedTopologies", i)
        exprs: dict[str, list[str]] = {}
        for j, req in enumerate(lst(m(term).get("matchLabelExpressions"))):
            req_path = index(child(term_path, "matchLabelExpressions"), j)
            k = s(m(req).get("key"))
            errs.extend(validate_qualified_name(k, child(req_path, "key")))
            values = [s(v) for v in lst(m(req).get("values"))]
            if not values:
                errs.append(required(child(req_path, "values"), "must specify as least one value"))
            if k in exprs:
                errs.append(duplicate(child(req_path, "key"), k))
            exprs[k] = sorted(set(values))
        if exprs in seen:
            errs.append(duplicate(child(term_path, "matchLabelExpressions"), ""))
        seen.append(exprs)
    return errs


def validate_storage_class_update(new: Mapping[str, Any], old: Mapping[str, Any]) -> ErrorList:
    errs = validate_storage_class(new)
    errs.extend(validate_object_meta_update(new.get("metadata"), old.get("metadata")))
    if (new.get("parameters") or {}) != (old.get("parameters") or {}):
        errs.append(forbidden("parameters", "updates to parameters are forbidden."))
    if s(new.get("provisioner")) != s(old.get("provisioner")):
        errs.append(forbidden("provisioner", "updates to provisioner are forbidden."))
    if s(new.get("reclaimPolicy")) != s(old.get("reclaimPolicy")):
        errs.append(forbidden("reclaimPolicy", "updates to reclaimPolicy are forbidden."))
    errs.extend(immutable(new.get("volumeBindingMode"), old.get("volumeBindingMode"),
                          "volumeBindingMode"))
    return errs


# ---- NFSServer (the simulator's own kind) --------------------------------------------------------------
EXPORT_OPTIONS = frozenset((
    "rw", "ro", "sync", "async", "root_squash", "no_root_squash", "all_squash", "no_all_squash",
    "subtree_check", "no_subtree_check", "secure", "insecure", "wdelay", "no_wdelay", "hide",
    "nohide", "crossmnt", "no_acl", "mp", "insecure_locks", "no_auth_nlm", "secure_locks",
))
EXPORT_OPTIONS_WITH_VALUE = ("fsid=", "anonuid=", "anongid=", "sec=", "refer=", "replicas=",
                             "mountpoint=", "mp=")
_CLIENTS = re.compile(r"[A-Za-z0-9.*?:/_\-\[\]@]+")


def validate_nfs_address(address: str, path: str) -> ErrorList:
    if not address:
        return [required(path)]
    try:
        ipaddress.ip_address(address)
        return []
    except ValueError:
        pass
    if is_dns1123_subdomain(address.lower()):
        return [invalid(path, address, "must be a valid IP address or a DNS hostname "
                        "(e.g. '192.168.1.10' or 'nfs.example.com')")]
    return []


def validate_absolute_path(value: str, path: str) -> ErrorList:
    if not value:
        return [required(path)]
    if not value.startswith("/"):
        return [invalid(path, value, "must be an absolute path")]
    return validate_no_backsteps(value, path)


def validate_nfs_server(obj: Mapping[str, Any]) -> ErrorList:
    errs = validate_object_meta(obj.get("metadata"), False, name_is_dns_subdomain)
    spec = m(obj.get("spec"))
    errs.extend(validate_nfs_address(s(spec.get("address")), "spec.address"))
    export_paths: set[str] = set()
    for i, export in enumerate(lst(spec.get("exports"))):
        ep = index("spec.exports", i)
        if isinstance(export, str):
            export = {"path": export}
        export = m(export)
        export_path = s(export.get("path"))
        errs.extend(validate_absolute_path(export_path, child(ep, "path")))
        if export_path and posixpath.normpath(export_path) in export_paths:
            errs.append(duplicate(child(ep, "path"), export_path))
        export_paths.add(posixpath.normpath(export_path))
        clients = export.get("clients")
        if clients is not None and not _CLIENTS.fullmatch(s(clients)):
            errs.append(invalid(child(ep, "clients"), s(clients),
                                "must be a host name, wildcard, IP address or CIDR "
                                "(e.g. '*', '*.example.com', '10.0.0.0/8')"))
        raw_options = export.get("options")
        if isinstance(raw_options, str):
            options = [o.strip() for o in raw_options.split(",") if o.strip()]
        else:
            options = [s(o) for o in lst(raw_options)]
        for j, option in enumerate(options):
            if option not in EXPORT_OPTIONS and not option.startswith(EXPORT_OPTIONS_WITH_VALUE):
                errs.append(invalid(index(child(ep, "options"), j), option,
                                    "unknown NFS export option"))
        if "rw" in options and "ro" in options:
            errs.append(forbidden(child(ep, "options"), "may not specify both 'rw' and 'ro'"))
    seen_dirs: set[str] = set()
    for i, directory in enumerate(lst(spec.get("directories"))):
        dp = index("spec.directories", i)
        directory = s(directory)
        errs.extend(validate_absolute_path(directory, dp))
        if directory and posixpath.normpath(directory) in seen_dirs:
            errs.append(duplicate(dp, directory))
        seen_dirs.add(posixpath.normpath(directory))
    return errs


def validate_nfs_server_update(new: Mapping[str, Any], old: Mapping[str, Any]) -> ErrorList:
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"))
    errs.extend(validate_nfs_server(new))
    return errs
