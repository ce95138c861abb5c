"""Validation of pods, StatefulSets, Services, nodes and namespaces.

Follows ``ValidatePodSpec`` / ``ValidatePodUpdate``, ``ValidateService`` and
``ValidateNode`` in ``pkg/apis/core/validation`` and ``ValidateStatefulSetSpec`` /
``ValidateStatefulSetUpdate`` in ``pkg/apis/apps/validation``, for the fields the
simulator uses. As upstream, a StatefulSet's pod template spec and its
volumeClaimTemplates are *not* validated when the set is created: a broken template
only shows when the controller's pod or claim creation fails (``FailedCreate``).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from typing import Any

from .validation_common import (
    ErrorList,
    FieldError,
    GoValue,
    child,
    duplicate,
    forbidden,
    go_string_map,
    index,
    invalid,
    is_label_value,
    lst,
    m,
    name_is_dns1035_label,
    name_is_dns_label,
    name_is_dns_subdomain,
    not_found,
    not_supported,
    required,
    s,
    selector_matches,
    spec_diff,
    validate_annotations,
    validate_dns1123_label,
    validate_dns1123_subdomain,
    validate_label_selector,
    validate_labels,
    validate_nonnegative,
    validate_object_meta,
    validate_object_meta_update,
    validate_qualified_name,
)
from .validation_storage import validate_host_path, validate_nfs

# Pod volume sources in validateVolumeSource's order, with the name its "more than 1
# volume type" error uses (upstream really spells downwardAPI's that way).
POD_VOLUME_SOURCES: tuple[tuple[str, str], ...] = (
    ("emptyDir", ""), ("hostPath", "hostPath"), ("gitRepo", "gitRepo"),
    ("gcePersistentDisk", "gcePersistentDisk"), ("awsElasticBlockStore", "awsElasticBlockStore"),
    ("secret", "secret"), ("nfs", "nfs"), ("iscsi", "iscsi"), ("glusterfs", "glusterfs"),
    ("flocker", "flocker"), ("persistentVolumeClaim", "persistentVolumeClaim"), ("rbd", "rbd"),
    ("cinder", "cinder"), ("cephfs", "cephFS"), ("quobyte", "quobyte"),
    ("downwardAPI", "downwarAPI"), ("fc", "fc"), ("flexVolume", "flexVolume"),
    ("configMap", "configMap"), ("azureFile", "azureFile"), ("vsphereVolume", "vsphereVolume"),
    ("photonPersistentDisk", "photonPersistentDisk"), ("portworxVolume", "portworxVolume"),
    ("azureDisk", "azureDisk"), ("storageos", "storageos"), ("projected", "projected"),
    ("scaleIO", "scaleIO"), ("csi", "csi"), ("ephemeral", "ephemeral"), ("image", "image"),
)

PULL_POLICIES = ["Always", "IfNotPresent", "Never"]
RESTART_POLICIES = ["Always", "OnFailure", "Never"]
DNS_POLICIES = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"]
PROTOCOLS = ["SCTP", "TCP", "UDP"]
SERVICE_TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]
SESSION_AFFINITIES = ["ClientIP", "None"]
TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"]
RETENTION_POLICIES = ["Retain", "Delete"]

POD_UPDATABLE = ",".join((
    "`spec.containers[*].image`", "`spec.initContainers[*].image`",
    "`spec.activeDeadlineSeconds`",
    "`spec.tolerations` (only additions to existing tolerations)",
    "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
))
STATEFULSET_UPDATABLE = (
    "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', "
    "'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden")


# ---- small format checks ----------------------------------------------------------------------
def is_valid_port_num(port: int) -> list[str]:
    return [] if 1 <= port <= 65535 else ["must be between 1 and 65535, inclusive"]


def is_valid_port_name(name: str) -> list[str]:
    errs = []
    if len(name) > 15:
        errs.append("must be no more than 15 characters")
    if not name or any(c not in "abcdefghijklmnopqrstuvwxyz0123456789-" for c in name):
        errs.append("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
    if not any("a" <= c <= "z" for c in name):
        errs.append("must contain at least one letter (a-z)")
    if "--" in name:
        errs.append("must not contain consecutive hyphens")
    if name and (name[0] == "-" or name[-1] == "-"):
        errs.append("must not begin or end with a hyphen")
    return errs


def _int(value: Any) -> int:
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0


# ---- pod spec ---------------------------------------------------------------------------------
def validate_volumes(volumes: Any, path: str) -> tuple[set[str], ErrorList]:
    errs: ErrorList = []
    names: set[str] = set()
    for i, volume in enumerate(lst(volumes)):
        vol = m(volume)
        vp = index(path, i)
        el = _volume_source(vol, vp)
        name = s(vol.get("name"))
        if not name:
            el.append(required(child(vp, "name")))
        else:
            el.extend(validate_dns1123_label(name, child(vp, "name")))
        if name in names:
            el.append(duplicate(child(vp, "name"), name))
        if el:
            errs.extend(el)
        else:
            names.add(name)
    return names, errs


def _volume_source(vol: Mapping[str, Any], path: str) -> ErrorList:
    errs: ErrorList = []
    count = 0
    for name, error_name in POD_VOLUME_SOURCES:
        source = vol.get(name)
        if source is None:
            continue
        if count > 0 and error_name:
            errs.append(forbidden(child(path, error_name), "may not specify more than 1 volume type"))
            continue
        count += 1
        src_path = child(path, name)
        if name == "hostPath":
            errs.extend(validate_host_path(source, src_path))
        elif name == "nfs":
            errs.extend(validate_nfs(source, src_path))
        elif name == "persistentVolumeClaim":
            if not s(m(source).get("claimName")):
                errs.append(required(child(src_path, "claimName")))
        elif name == "emptyDir":
            limit = m(source).get("sizeLimit")
            if isinstance(limit, (int, float)) and limit < 0 or s(limit).startswith("-"):
                errs.append(forbidden(child(src_path, "sizeLimit"),
                                      "SizeLimit field must be a valid resource quantity"))
    if count == 0:
        errs.append(required(path, "must specify a volume type"))
    return errs


def _validate_container(ctr: Mapping[str, Any], volumes: set[str], path: str) -> ErrorList:
    errs: ErrorList = []
    name = s(ctr.get("name"))
    if not name:
        errs.append(required(child(path, "name")))
    else:
        errs.extend(validate_dns1123_label(name, child(path, "name")))
    image = s(ctr.get("image"))
    if image != image.strip():
        errs.append(invalid(child(path, "image"), image,
                            "must not have leading or trailing whitespace"))
    policy = s(ctr.get("imagePullPolicy"))
    if not policy:
        errs.append(required(child(path, "imagePullPolicy")))
    elif policy not in PULL_POLICIES:
        errs.append(not_supported(child(path, "imagePullPolicy"), policy, PULL_POLICIES))
    errs.extend(_container_ports(ctr.get("ports"), child(path, "ports")))
    for i, env in enumerate(lst(ctr.get("env"))):
        if not s(m(env).get("name")):
            errs.append(required(child(index(child(path, "env"), i), "name")))
    mounts_path = child(path, "volumeMounts")
    mount_points: set[str] = set()
    for i, mount in enumerate(lst(ctr.get("volumeMounts"))):
        mp = index(mounts_path, i)
        mount = m(mount)
        mount_name = s(mount.get("name"))
        if not mount_name:
            errs.append(required(child(mp, "name")))
        if mount_name not in volumes:
            errs.append(not_found(child(mp, "name"), mount_name))
        mount_path = s(mount.get("mountPath"))
        if not mount_path:
            errs.append(required(child(mp, "mountPath")))
        if mount_path in mount_points:
            errs.append(invalid(child(mp, "mountPath"), mount_path, "must be unique"))
        mount_points.add(mount_path)
        sub_path = s(mount.get("subPath"))
        if sub_path.startswith("/"):
            errs.append(invalid(child(mounts_path, "subPath"), sub_path, "must be a relative path"))
        elif ".." in sub_path.split("/"):
            errs.append(invalid(child(mounts_path, "subPath"), sub_path, "must not contain '..'"))
    return errs


def _container_ports(ports: Any, path: str) -> ErrorList:
    errs: ErrorList = []
    names: set[str] = set()
    for i, port in enumerate(lst(ports)):
        pp = index(path, i)
        port = m(port)
        name = s(port.get("name"))
        if name:
            msgs = is_valid_port_name(name)
            if msgs:
                errs.extend(invalid(child(pp, "name"), name, msg) for msg in msgs)
            elif name in names:
                errs.append(duplicate(child(pp, "name"), name))
            else:
                names.add(name)
        container_port = _int(port.get("containerPort"))
        if container_port == 0:
            errs.append(required(child(pp, "containerPort")))
        else:
            errs.extend(invalid(child(pp, "containerPort"), container_port, msg)
                        for msg in is_valid_port_num(container_port))
        host_port = _int(port.get("hostPort"))
        if host_port:
            errs.extend(invalid(child(pp, "hostPort"), host_port, msg)
                        for msg in is_valid_port_num(host_port))
        protocol = s(port.get("protocol"))
        if not protocol:
            errs.append(required(child(pp, "protocol")))
        elif protocol not in PROTOCOLS:
            errs.append(not_supported(child(pp, "protocol"), protocol, PROTOCOLS))
    return errs


def validate_pod_spec(spec: Any, path: str = "spec") -> ErrorList:
    sp = m(spec)
    volumes, errs = validate_volumes(sp.get("volumes"), child(path, "volumes"))
    containers_path = child(path, "containers")
    containers = lst(sp.get("containers"))
    if not containers:
        errs.append(required(containers_path))
    names: set[str] = set()
    for i, ctr in enumerate(containers):
        cp = index(containers_path, i)
        ctr = m(ctr)
        errs.extend(_validate_container(ctr, volumes, cp))
        name = s(ctr.get("name"))
        if name in names:
            errs.append(duplicate(child(cp, "name"), name))
        else:
            names.add(name)
        if not s(ctr.get("image")):
            errs.append(required(child(cp, "image")))
    init_path = child(path, "initContainers")
    for i, ctr in enumerate(lst(sp.get("initContainers"))):
        cp = index(init_path, i)
        ctr = m(ctr)
        errs.extend(_validate_container(ctr, volumes, cp))
        name = s(ctr.get("name"))
        if name in names:
            errs.append(duplicate(child(cp, "name"), name))
        elif name:
            names.add(name)
    restart = s(sp.get("restartPolicy"))
    if not restart:
        errs.append(required(child(path, "restartPolicy")))
    elif restart not in RESTART_POLICIES:
        errs.append(not_supported(child(path, "restartPolicy"), restart, RESTART_POLICIES))
    dns = s(sp.get("dnsPolicy"))
    if not dns:
        errs.append(required(child(path, "dnsPolicy")))
    elif dns not in DNS_POLICIES:
        errs.append(not_supported(child(path, "dnsPolicy"), dns, DNS_POLICIES))
    errs.extend(validate_labels(sp.get("nodeSelector"), child(path, "nodeSelector")))
    account = s(sp.get("serviceAccountName"))
    if account:
        errs.extend(invalid(child(path, "serviceAccountName"), account, msg)
                    for msg in name_is_dns_subdomain(account))
    node = s(sp.get("nodeName"))
    if node:
        errs.extend(invalid(child(path, "nodeName"), node, msg)
                    for msg in name_is_dns_subdomain(node))
    deadline = sp.get("activeDeadlineSeconds")
    if deadline is not None and not 1 <= _int(deadline) <= 2**31 - 1:
        errs.append(invalid(child(path, "activeDeadlineSeconds"), _int(deadline),
                            "must be between 1 and 2147483647, inclusive"))
    for field in ("hostname", "subdomain"):
        if s(sp.get(field)):
            errs.extend(validate_dns1123_label(s(sp.get(field)), child(path, field)))
    errs.extend(_tolerations(sp.get("tolerations"), child(path, "tolerations")))
    return errs


def _tolerations(tolerations: Any, path: str) -> ErrorList:
    errs: ErrorList = []
    for i, tol in enumerate(lst(tolerations)):
        tp = index(path, i)
        tol = m(tol)
        key = s(tol.get("key"))
        if key:
            errs.extend(validate_qualified_name(key, child(tp, "key")))
        operator = s(tol.get("operator"))
        if not key and operator != "Exists":
            errs.append(invalid(child(tp, "operator"), operator,
                                "operator must be Exists when `key` is empty, which means "
                                "\"match all values and all keys\""))
        if operator == "Exists" and s(tol.get("value")):
            errs.append(invalid(child(tp, "operator"), s(tol.get("value")),
                                "value must be empty when `operator` is 'Exists'"))
        elif operator not in ("", "Equal", "Exists"):
            errs.append(not_supported(child(tp, "operator"), operator, ["Equal", "Exists"]))
        effect = s(tol.get("effect"))
        if effect and effect not in TAINT_EFFECTS:
            errs.append(not_supported(child(tp, "effect"), effect, TAINT_EFFECTS))
    return errs


def validate_pod(obj: Mapping[str, Any]) -> ErrorList:
    errs = validate_object_meta(obj.get("metadata"), True, name_is_dns_subdomain)
    errs.extend(validate_pod_spec(obj.get("spec")))
    return errs


def validate_pod_update(new: Mapping[str, Any], old: Mapping[str, Any]) -> ErrorList:
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"))
    errs.extend(validate_pod(new))
    new_spec, old_spec = m(new.get("spec")), m(old.get("spec"))
    new_ctrs, old_ctrs = lst(new_spec.get("containers")), lst(old_spec.get("containers"))
    if len(new_ctrs) != len(old_ctrs):
        errs.append(forbidden("spec.containers", "pod updates may not add or remove containers"))
        return errs
    if new_spec == old_spec:
        return errs
    munged = dict(new_spec)
    for field in ("containers", "initContainers"):
        old_list = lst(old_spec.get(field))
        new_list = lst(new_spec.get(field))
        if new_list and len(new_list) == len(old_list):
            munged[field] = [
                {**m(c), "image": m(o).get("image")} if "image" in m(o) or "image" in m(c)
                else m(c) for c, o in zip(new_list, old_list)
            ]
    for field in ("activeDeadlineSeconds", "tolerations", "schedulingGates"):
        if field in old_spec:
            munged[field] = old_spec[field]
        else:
            munged.pop(field, None)
    old_tolerations = lst(old_spec.get("tolerations"))
    new_tolerations = lst(new_spec.get("tolerations"))
    for i, tol in enumerate(old_tolerations):
        if tol not in new_tolerations:
            errs.append(forbidden(index("spec.tolerations", i),
                                  "existing toleration can not be modified except its "
                                  "tolerationSeconds"))
    old_grace = old_spec.get("terminationGracePeriodSeconds")
    if isinstance(old_grace, int) and old_grace < 0 and munged.get(
            "terminationGracePeriodSeconds") == 1:
        munged["terminationGracePeriodSeconds"] = old_grace
    if munged != dict(old_spec):
        errs.append(forbidden("spec", "pod updates may not change fields other than "
                              + POD_UPDATABLE + "\n" + spec_diff("core.PodSpec", old_spec, munged)))
    return errs


# ---- StatefulSet -------------------------------------------------------------------------------------
def validate_statefulset_spec(spec: Any, path: str = "spec") -> ErrorList:
    sp = m(spec)
    errs: ErrorList = []
    policy = s(sp.get("podManagementPolicy"))
    if not policy:
        errs.append(required(child(path, "podManagementPolicy")))
    elif policy not in ("OrderedReady", "Parallel"):
        errs.append(invalid(child(path, "podManagementPolicy"), policy,
                            "must be 'OrderedReady' or 'Parallel'"))

    strategy = m(sp.get("updateStrategy"))
    strategy_type = s(strategy.get("type"))
    rolling = strategy.get("rollingUpdate")
    if not strategy_type:
        errs.append(required(child(path, "updateStrategy")))
    elif strategy_type == "OnDelete":
        if rolling is not None:
            errs.append(invalid(child(path, "updateStrategy", "rollingUpdate"),
                                _rolling_update_go(rolling),
                                "only allowed for updateStrategy 'RollingUpdate'"))
    elif strategy_type == "RollingUpdate":
        if rolling is not None:
            ru_path = child(path, "updateStrategy", "rollingUpdate")
            errs.extend(validate_nonnegative(m(rolling).get("partition"),
                                             child(ru_path, "partition")))
            errs.extend(_max_unavailable(m(rolling).get("maxUnavailable"),
                                         child(ru_path, "maxUnavailable")))
    else:
        errs.append(invalid(child(path, "updateStrategy"), dict(strategy),
                            "must be 'RollingUpdate' or 'OnDelete'"))

    retention = sp.get("persistentVolumeClaimRetentionPolicy")
    if retention is not None:
        for field in ("whenDeleted", "whenScaled"):
            value = s(m(retention).get(field))
            if value not in RETENTION_POLICIES:
                errs.append(not_supported(child(path, "persistentVolumeClaimRetentionPolicy",
                                                field), value, RETENTION_POLICIES))

    errs.extend(validate_nonnegative(sp.get("replicas"), child(path, "replicas")))
    errs.extend(validate_nonnegative(sp.get("minReadySeconds"), child(path, "minReadySeconds")))
    if sp.get("ordinals") is not None:
        errs.extend(validate_nonnegative(m(sp.get("ordinals")).get("start"),
                                         child(path, "ordinals.start")))

    selector = sp.get("selector")
    selector_errs: ErrorList = []
    if selector is None:
        errs.append(required(child(path, "selector")))
    else:
        selector_errs = validate_label_selector(selector, child(path, "selector"))
        errs.extend(selector_errs)
        if not m(selector).get("matchLabels") and not m(selector).get("matchExpressions"):
            errs.append(invalid(child(path, "selector"), dict(m(selector)),
                                "empty selector is invalid for statefulset"))
    template = m(sp.get("template"))
    template_meta = m(template.get("metadata"))
    template_path = child(path, "template")
    if selector_errs:
        errs.append(invalid(child(path, "selector"), dict(m(selector)), ""))
    else:
        labels = m(template_meta.get("labels"))
        empty = selector is not None and not m(selector).get("matchLabels") and \
            not m(selector).get("matchExpressions")
        if not empty and not selector_matches(selector, labels):
            errs.append(invalid(child(template_path, "metadata", "labels"), go_string_map(labels),
                                "`selector` does not match template `labels`"))
        errs.extend(validate_labels(template_meta.get("labels"), child(template_path, "labels")))
        errs.extend(validate_annotations(template_meta.get("annotations"),
                                         child(template_path, "annotations")))
    template_spec = m(template.get("spec"))
    restart = s(template_spec.get("restartPolicy"))
    if restart != "Always":
        errs.append(not_supported(child(template_path, "spec", "restartPolicy"), restart,
                                  ["Always"]))
    if template_spec.get("activeDeadlineSeconds") is not None:
        errs.append(forbidden(child(template_path, "spec", "activeDeadlineSeconds"),
                              "activeDeadlineSeconds in StatefulSet is not Supported"))
    service = s(sp.get("serviceName"))
    if service:
        errs.extend(validate_dns1123_label(service, child(path, "serviceName")))
    return errs


def _max_unavailable(value: Any, path: str) -> ErrorList:
    if value is None:
        return []
    if isinstance(value, str):
        if not (value.endswith("%") and value[:-1].isdigit()):
            return [invalid(path, value, "a valid percent string must be a numeric string "
                            "followed by an ending '%' (e.g. '1%',  or '93%', regex used for "
                            "validation is '[0-9]+%')")]
        number = int(value[:-1])
        if number > 100:
            return [invalid(path, value, "must not be greater than 100%")]
    else:
        number = _int(value)
        if number < 0:
            return [invalid(path, number, "must be greater than or equal to 0")]
    if number == 0:
        return [invalid(path, value, "must be greater than 0")]
    return []


def validate_statefulset(obj: Mapping[str, Any]) -> ErrorList:
    errs = validate_object_meta(obj.get("metadata"), True, name_is_dns_label)
    errs.extend(validate_statefulset_spec(obj.get("spec")))
    return errs


_STS_MUTABLE = ("replicas", "template", "updateStrategy", "minReadySeconds", "ordinals",
                "persistentVolumeClaimRetentionPolicy")


def validate_statefulset_update(new: Mapping[str, Any], old: Mapping[str, Any]) -> ErrorList:
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"))
    errs.extend(validate_statefulset_spec(new.get("spec")))
    new_spec = {k: v for k, v in m(new.get("spec")).items() if k not in _STS_MUTABLE}
    old_spec = {k: v for k, v in m(old.get("spec")).items() if k not in _STS_MUTABLE}
    if _drop_nulls(new_spec) != _drop_nulls(old_spec):
        errs.append(forbidden("spec", STATEFULSET_UPDATABLE))
    return errs


def _drop_nulls(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_nulls(v) for v in value]
    return value


# ---- Service ----------------------------------------------------------------------------------------
def validate_service(obj: Mapping[str, Any]) -> ErrorList:
    errs = validate_object_meta(obj.get("metadata"), True, name_is_dns1035_label)
    spec = m(obj.get("spec"))
    ports = lst(spec.get("ports"))
    service_type = s(spec.get("type"))
    cluster_ip = s(spec.get("clusterIP"))
    headless = cluster_ip == "None"
    if not ports and not headless and service_type != "ExternalName":
        errs.append(required("spec.ports"))
    if service_type == "ExternalName":
        cname = s(spec.get("externalName")).rstrip(".")
        if cname:
            errs.extend(validate_dns1123_subdomain(cname, "spec.externalName"))
        else:
            errs.append(required("spec.externalName"))
    names: set[str] = set()
    for i, port in enumerate(ports):
        pp = index("spec.ports", i)
        port = m(port)
        name = s(port.get("name"))
        if len(ports) > 1 and not name:
            errs.append(required(child(pp, "name")))
        elif name:
            errs.extend(validate_dns1123_label(name, child(pp, "name")))
            if name in names:
                errs.append(duplicate(child(pp, "name"), name))
            names.add(name)
        number = _int(port.get("port"))
        errs.extend(invalid(child(pp, "port"), number, msg) for msg in is_valid_port_num(number))
        protocol = s(port.get("protocol"))
        if not protocol:
            errs.append(required(child(pp, "protocol")))
        elif protocol not in PROTOCOLS:
            errs.append(not_supported(child(pp, "protocol"), protocol, PROTOCOLS))
        target = port.get("targetPort")
        if isinstance(target, str):
            errs.extend(invalid(child(pp, "targetPort"), target, msg)
                        for msg in is_valid_port_name(target))
        elif target is not None:
            errs.extend(invalid(child(pp, "targetPort"), _int(target), msg)
                        for msg in is_valid_port_num(_int(target)))
    if spec.get("selector") is not None:
        errs.extend(validate_labels(spec.get("selector"), "spec.selector"))
    affinity = s(spec.get("sessionAffinity"))
    if not affinity:
        errs.append(required("spec.sessionAffinity"))
    elif affinity not in SESSION_AFFINITIES:
        errs.append(not_supported("spec.sessionAffinity", affinity, SESSION_AFFINITIES))
    if cluster_ip and not headless:
        try:
            ipaddress.ip_address(cluster_ip)
        except ValueError:
            errs.append(invalid("spec.clusterIPs[0]", cluster_ip,
                                "must be empty, 'None', or a valid IP address", locate="spec.clusterIP"))
    if not service_type:
        errs.append(required("spec.type"))
    elif service_type not in SERVICE_TYPES:
        errs.append(not_supported("spec.type", service_type, SERVICE_TYPES))
    return errs


def validate_service_update(new: Mapping[str, Any], old: Mapping[str, Any]) -> ErrorList:
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"))
    errs.extend(validate_service(new))
    new_ip = s(m(new.get("spec")).get("clusterIP"))
    old_ip = s(m(old.get("spec")).get("clusterIP"))
    if old_ip and new_ip and new_ip != old_ip:
        errs.append(invalid("spec.clusterIPs[0]", new_ip, "may not change once set",
                            locate="spec.clusterIP"))
    return errs


# ---- Node, Namespace, everything else ------------------------------------------------------------------
def validate_node(obj: Mapping[str, Any]) -> ErrorList:
    errs = validate_object_meta(obj.get("metadata"), False, name_is_dns_subdomain)
    seen: set[tuple[str, str]] = set()
    for i, taint in enumerate(lst(m(obj.get("spec")).get("taints"))):
        tp = index("spec.taints", i)
        taint = m(taint)
        key = s(taint.get("key"))
        errs.extend(validate_qualified_name(key, child(tp, "key")))
        value_errs = is_label_value(s(taint.get("value")))
        if value_errs:
            errs.append(invalid(child(tp, "value"), s(taint.get("value")), ";".join(value_errs)))
        effect = s(taint.get("effect"))
        if not effect:
            errs.append(required(child(tp, "effect")))
        if effect not in TAINT_EFFECTS:
            errs.append(not_supported(child(tp, "effect"), effect, TAINT_EFFECTS))
        if (key, effect) in seen:
            errs.append(FieldError(tp, "Duplicate value", dict(taint),
                                   "taints must be unique by key and effect pair"))
        seen.add((key, effect))
    return errs


def validate_node_update(new: Mapping[str, Any], old: Mapping[str, Any]) -> ErrorList:
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"))
    errs.extend(validate_node(new))
    return errs


def validate_namespace(obj: Mapping[str, Any]) -> ErrorList:
    errs = validate_object_meta(obj.get("metadata"), False, name_is_dns_label)
    for i, name in enumerate(lst(m(obj.get("spec")).get("finalizers"))):
        name = s(name)
        fp = index("spec.finalizers", i)
        errs.extend(validate_qualified_name(name, fp))
        if "/" not in name and name != "kubernetes":
            errs.append(invalid(fp, name, "name is neither a standard finalizer name nor is it "
                                "fully qualified"))
    return errs


def validate_namespace_update(new: Mapping[str, Any], old: Mapping[str, Any]) -> ErrorList:
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"))
    errs.extend(validate_namespace(new))
    return errs


def validate_generic(obj: Mapping[str, Any], namespaced: bool) -> ErrorList:
    """Endpoints, Events: metadata only."""
    return validate_object_meta(obj.get("metadata"), namespaced, name_is_dns_subdomain)


def validate_generic_update(new: Mapping[str, Any], old: Mapping[str, Any],
                            namespaced: bool) -> ErrorList:
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"))
    errs.extend(validate_generic(new, namespaced))
    return errs



def _rolling_update_go(rolling: Any) -> GoValue:
    """``%#v`` of the internal apps.RollingUpdateStatefulSetStrategy (as kubernetes/website
    #47038 quotes it). maxUnavailable is always nil here: its feature gate is off in 1.32 and
    the field is dropped before validation."""
    partition = rolling.get("partition") if isinstance(rolling, Mapping) else None
    partition = partition if isinstance(partition, int) and not isinstance(partition, bool) else 0
    return GoValue(f"apps.RollingUpdateStatefulSetStrategy{{Partition:{partition}, "
                   "MaxUnavailable:(*intstr.IntOrString)(nil)}")


# ---- ControllerRevision (apps/validation.ValidateControllerRevision*) -------------------------
def validate_controller_revision(obj: Mapping[str, Any]) -> ErrorList:
    errs = validate_object_meta(obj.get("metadata"), True, name_is_dns_subdomain)
    if obj.get("data") is None:
        errs.append(required("data", "data is mandatory"))
    errs.extend(validate_nonnegative(obj.get("revision"), "revision"))
    return errs


def validate_controller_revision_update(new: Mapping[str, Any],
                                        old: Mapping[str, Any]) -> ErrorList:
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"))
    errs.extend(validate_controller_revision(new))
    if new.get("data") != old.get("data"):
        errs.append(invalid("data", "<value omitted>", "field is immutable"))
    return errs
