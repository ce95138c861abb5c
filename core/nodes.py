"""Nodes as the simulator models them: status, taints, tolerations, selectors, addresses.

Every Node object stands for a worker whose kubelet the simulator runs. The default
cluster's nodes are built here (``default_node``); a Node a user applies gets the same
status from its kubelet when it registers. Addresses are deterministic: the n-th node
gets InternalIP ``10.0.0.(10+n)`` and pod CIDR ``10.244.n.0/24`` (``node-1`` →
``10.244.1.0/24``), the way kube-controller-manager's node-ipam controller carves
``--cluster-cidr=10.244.0.0/16`` by ``--node-cidr-mask-size``.
"""

from __future__ import annotations

import hashlib
import ipaddress
from collections.abc import Iterable, Mapping
from fnmatch import fnmatch
from typing import Any

from .objects import Manifest, annotations_of, get_path, is_map, labels_of, name_of

KUBELET_VERSION = "v1.32.0"
CONTAINER_RUNTIME = "containerd://1.7.24"
OS_IMAGE = "Ubuntu 24.04.1 LTS"
KERNEL = "6.8.0-51-generic"
CLUSTER_CIDR = "10.244.0.0/16"
NODE_SUBNET = "10.0.0.0/24"

LABEL_HOSTNAME = "kubernetes.io/hostname"
LABEL_OS = "kubernetes.io/os"
LABEL_ARCH = "kubernetes.io/arch"

TAINT_UNSCHEDULABLE = "node.kubernetes.io/unschedulable"
TAINT_UNREACHABLE = "node.kubernetes.io/unreachable"
TAINT_NOT_READY = "node.kubernetes.io/not-ready"
NO_SCHEDULE = "NoSchedule"
NO_EXECUTE = "NoExecute"

#: The simulator's own mark on a Node whose kubelet has stopped (``node fail``): the
#: value is when it stopped. Nothing in Kubernetes sets it; it is how the store records
#: that the machine went silent, so the change shows on the timeline.
ANN_KUBELET_STOPPED = "simulator.pvgraph.dev/kubelet-stopped"

CONDITION_TYPES = ("MemoryPressure", "DiskPressure", "PIDPressure", "Ready")
_HEALTHY = {
    "MemoryPressure": ("False", "KubeletHasSufficientMemory",
                       "kubelet has sufficient memory available"),
    "DiskPressure": ("False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
    "PIDPressure": ("False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
    "Ready": ("True", "KubeletReady", "kubelet is posting ready status"),
}


# ---- building ---------------------------------------------------------------------------
def default_labels(name: str) -> dict[str, str]:
    """What a kubelet puts on its Node when it registers."""
    return {
        "beta.kubernetes.io/arch": "amd64",
        "beta.kubernetes.io/os": "linux",
        LABEL_ARCH: "amd64",
        LABEL_HOSTNAME: name,
        LABEL_OS: "linux",
    }


def node_ip(index: int) -> str:
    """InternalIP of the ``index``-th node (1-based)."""
    network = ipaddress.ip_network(NODE_SUBNET)
    return str(network.network_address + 10 + index)


def pod_cidr(index: int, mask: int = 24) -> str:
    """The ``index``-th (1-based) ``/mask`` block of the cluster CIDR."""
    network = ipaddress.ip_network(CLUSTER_CIDR)
    size = 1 << (32 - mask)
    first = int(network.network_address) + index * size
    return f"{ipaddress.ip_address(first)}/{mask}"


def _digest(*parts: str) -> str:
    return hashlib.sha256("/".join(parts).encode()).hexdigest()


def healthy_conditions(now: str, previous: Iterable[Mapping[str, Any]] = ()) -> list[dict[str, Any]]:
    """The four conditions a healthy kubelet posts; transition times kept where unchanged."""
    old = {c.get("type"): c for c in previous if is_map(c)}
    out = []
    for kind in CONDITION_TYPES:
        status, reason, message = _HEALTHY[kind]
        before = old.get(kind) or {}
        since = before.get("lastTransitionTime") if before.get("status") == status else None
        out.append({
            "type": kind,
            "status": status,
            "lastHeartbeatTime": now,
            "lastTransitionTime": since or now,
            "reason": reason,
            "message": message,
        })
    return out


def unknown_conditions(now: str, previous: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """What the node controller writes when a kubelet stops posting status."""
    out = []
    for cond in previous:
        cond = dict(cond)
        if cond.get("type") in CONDITION_TYPES and cond.get("status") != "Unknown":
            cond.update({
                "status": "Unknown",
                "lastTransitionTime": now,
                "reason": "NodeStatusUnknown",
                "message": "Kubelet stopped posting node status.",
            })
        out.append(cond)
    return out


def node_status(name: str, index: int, *, now: str, max_pods: int = 110,
                previous: Iterable[Mapping[str, Any]] = ()) -> dict[str, Any]:
    """A realistic status for a small worker VM (2 CPUs, ~4 GiB), as its kubelet posts it."""
    machine = _digest("machine", name)
    return {
        "addresses": [
            {"type": "InternalIP", "address": node_ip(index)},
            {"type": "Hostname", "address": name},
        ],
        "allocatable": {
            "cpu": "2",
            "ephemeral-storage": "37297826550",
            "hugepages-1Gi": "0",
            "hugepages-2Mi": "0",
            "memory": "3923108Ki",
            "pods": str(max_pods),
        },
        "capacity": {
            "cpu": "2",
            "ephemeral-storage": "40470732Ki",
            "hugepages-1Gi": "0",
            "hugepages-2Mi": "0",
            "memory": "4025508Ki",
            "pods": str(max_pods),
        },
        "conditions": healthy_conditions(now, previous),
        "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}},
        "nodeInfo": {
            "architecture": "amd64",
            "bootID": _uuid(_digest("boot", name)),
            "containerRuntimeVersion": CONTAINER_RUNTIME,
            "kernelVersion": KERNEL,
            "kubeProxyVersion": KUBELET_VERSION,
            "kubeletVersion": KUBELET_VERSION,
            "machineID": machine[:32],
            "operatingSystem": "linux",
            "osImage": OS_IMAGE,
            "systemUUID": _uuid(_digest("system", name)),
        },
    }


def _uuid(hex_digest: str) -> str:
    h = hex_digest
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


# ---- reading ----------------------------------------------------------------------------
def condition(node: Mapping[str, Any], kind: str) -> Mapping[str, Any] | None:
    for cond in get_path(node, "status", "conditions", default=()) or ():
        if is_map(cond) and cond.get("type") == kind:
            return cond
    return None


def is_ready(node: Mapping[str, Any]) -> bool:
    cond = condition(node, "Ready")
    return bool(cond) and cond.get("status") == "True"


def has_registered(node: Mapping[str, Any]) -> bool:
    """Whether a kubelet has ever posted this node's status."""
    return condition(node, "Ready") is not None


def kubelet_stopped(node: Mapping[str, Any]) -> bool:
    return ANN_KUBELET_STOPPED in annotations_of(node)


def internal_ip(node: Mapping[str, Any]) -> str:
    for address in get_path(node, "status", "addresses", default=()) or ():
        if is_map(address) and address.get("type") == "InternalIP":
            return str(address.get("address") or "")
    return ""


def taints_of(node: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    taints = get_path(node, "spec", "taints", default=()) or ()
    return [t for t in taints if is_map(t)]


def effective_taints(node: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The node's taints, plus the not-ready taint a kubelet registers a node with.

    A Node that no kubelet has registered yet has no conditions; the real kubelet creates
    its Node with ``node.kubernetes.io/not-ready:NoSchedule`` until it is Ready, so the
    scheduler avoids it. The simulator applies that taint implicitly to such nodes.
    """
    taints = taints_of(node)
    if not has_registered(node) and not any(t.get("key") == TAINT_NOT_READY for t in taints):
        taints = [*taints, {"key": TAINT_NOT_READY, "effect": NO_SCHEDULE}]
    return taints


def tolerates(toleration: Mapping[str, Any], taint: Mapping[str, Any]) -> bool:
    """``Toleration.ToleratesTaint``."""
    effect = toleration.get("effect") or ""
    if effect and effect != taint.get("effect"):
        return False
    key = toleration.get("key") or ""
    operator = toleration.get("operator") or "Equal"
    if key and key != taint.get("key"):
        return False
    if operator == "Exists":
        return True
    if operator == "Equal":
        return (toleration.get("value") or "") == (taint.get("value") or "")
    return False


def tolerated_by(tolerations: Iterable[Mapping[str, Any]], taint: Mapping[str, Any]) -> \
        Mapping[str, Any] | None:
    for toleration in tolerations:
        if is_map(toleration) and tolerates(toleration, taint):
            return toleration
    return None


def untolerated_taint(taints: Iterable[Mapping[str, Any]], tolerations: list[Mapping[str, Any]],
                      effects: tuple[str, ...] = (NO_SCHEDULE, NO_EXECUTE)) -> Mapping[str, Any] | None:
    """The first taint with one of ``effects`` that no toleration covers."""
    for taint in taints:
        if taint.get("effect") in effects and tolerated_by(tolerations, taint) is None:
            return taint
    return None


def taint_text(taint: Mapping[str, Any]) -> str:
    """``{key: value}`` as the TaintToleration plugin prints it."""
    return f"{{{taint.get('key') or ''}: {taint.get('value') or ''}}}"


# ---- selectors --------------------------------------------------------------------------
def _requirement_matches(req: Mapping[str, Any], values: Mapping[str, str]) -> bool:
    key = str(req.get("key") or "")
    operator = req.get("operator")
    wanted = [str(v) for v in req.get("values") or ()]
    present = key in values
    value = values.get(key)
    if operator == "In":
        return present and value in wanted
    if operator == "NotIn":
        return not present or value not in wanted
    if operator == "Exists":
        return present
    if operator == "DoesNotExist":
        return not present
    if operator in ("Gt", "Lt"):
        if not present or len(wanted) != 1:
            return False
        try:
            have, bound = int(str(value)), int(wanted[0])
        except ValueError:
            return False
        return have > bound if operator == "Gt" else have < bound
    return False


def term_matches(term: Mapping[str, Any], node: Mapping[str, Any]) -> bool:
    """One NodeSelectorTerm: requirements ANDed; a term with none matches nothing."""
    expressions = term.get("matchExpressions") or ()
    fields = term.get("matchFields") or ()
    if not expressions and not fields:
        return False
    labels = labels_of(node)
    if not all(is_map(r) and _requirement_matches(r, labels) for r in expressions):
        return False
    field_values = {"metadata.name": name_of(node)}
    return all(is_map(r) and _requirement_matches(r, field_values) for r in fields)


def selector_terms_match(terms: Iterable[Mapping[str, Any]] | None, node: Mapping[str, Any]) -> bool:
    """NodeSelector: terms ORed."""
    return any(is_map(t) and term_matches(t, node) for t in terms or ())


def pod_matches_node(pod: Mapping[str, Any], node: Mapping[str, Any]) -> bool:
    """The NodeAffinity filter: ``nodeSelector`` and required node affinity."""
    selector = get_path(pod, "spec", "nodeSelector", default={}) or {}
    labels = labels_of(node)
    if any(labels.get(k) != str(v) for k, v in selector.items()):
        return False
    required = get_path(pod, "spec", "affinity", "nodeAffinity",
                        "requiredDuringSchedulingIgnoredDuringExecution", default=None)
    if is_map(required):
        return selector_terms_match(required.get("nodeSelectorTerms"), node)
    return True


def volume_node_affinity_matches(volume: Mapping[str, Any], node: Mapping[str, Any]) -> bool:
    """``CheckNodeAffinity`` for a PV: no required affinity matches every node."""
    required = get_path(volume, "spec", "nodeAffinity", "required", default=None)
    if not is_map(required):
        return True
    return selector_terms_match(required.get("nodeSelectorTerms"), node)


# ---- clients ----------------------------------------------------------------------------
def client_matches(pattern: str, node: Mapping[str, Any]) -> bool:
    """Whether an /etc/exports client pattern admits this node (by IP, CIDR or host name)."""
    pattern = pattern.strip()
    if pattern in ("", "*"):
        return True
    address = internal_ip(node)
    try:
        if "/" in pattern:
            return bool(address) and ipaddress.ip_address(address) in ipaddress.ip_network(
                pattern, strict=False)
        if ipaddress.ip_address(pattern):
            return pattern == address
    except ValueError:
        pass
    if pattern.startswith("@"):
        return False
    return fnmatch(name_of(node), pattern)


def index_of(nodes: Iterable[Manifest], name: str) -> int:
    """A stable 1-based number for a node: from its name (``node-3`` → 3) when free.

    Numbers already used by other nodes' addresses (InternalIP ``10.0.0.(10+n)``) or
    names are skipped, so two nodes never share an IP or a pod CIDR.
    """
    taken: set[int] = set()
    for other in nodes:
        if name_of(other) == name:
            continue
        taken.add(_number(name_of(other)))
        address = internal_ip(other)
        try:
            offset = int(ipaddress.ip_address(address)) - int(
                ipaddress.ip_network(NODE_SUBNET).network_address) - 10
        except ValueError:
            offset = 0
        if address and 0 < offset < 240:
            taken.add(offset)
        cidr = str(get_path(other, "spec", "podCIDR", default="") or "")
        try:
            block = ipaddress.ip_network(cidr, strict=False) if cidr else None
        except ValueError:
            block = None
        if block is not None:
            base = int(ipaddress.ip_network(CLUSTER_CIDR).network_address)
            taken.add((int(block.network_address) - base) // block.num_addresses)
    number = _number(name)
    if number and number not in taken:
        return number
    candidate = 1
    while candidate in taken:
        candidate += 1
    return candidate


def _number(name: str) -> int:
    tail = name.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() and 0 < int(tail) < 240 else 0
