"""The endpoint-controller: one Endpoints object per Service with a selector.

Modelled on Kubernetes' ``pkg/controller/endpoint``: the pods the selector matches
that have an IP (and are not terminating, unless the Service publishes not-ready
addresses) become addresses — ready pods under ``addresses``, the others under
``notReadyAddresses`` — with ``hostname`` set when the pod's ``spec.subdomain`` names
the Service (how StatefulSet pods get DNS names such as
``web-0.nginx.default.svc.cluster.local``). Addresses that share a port list share a
subset. Services without a selector, and ExternalName ones, are left alone.

Kubernetes' API server gives a new non-headless Service its ClusterIP from the service
CIDR; :func:`allocate_cluster_ip` makes that choice deterministically, and the
controller fills it in for any Service that was stored without one.
"""

from __future__ import annotations

import bisect
import ipaddress
from collections.abc import Mapping
from typing import Any

from ..clock import timestamp
from ..errors import ApiError
from ..objects import (
    DELETE,
    Key,
    Manifest,
    get_path,
    is_deleting,
    is_map,
    labels_of,
    name_of,
    namespace_of,
    phase_of,
)
from ..statefulsets import is_ready
from ..store import Change, Store
from .base import Controller

#: The default service CIDR (kube-apiserver --service-cluster-ip-range).
SERVICE_CIDR = ipaddress.ip_network("10.96.0.0/12")
#: Real clusters pick at random; the simulator takes the lowest free address from here, so
#: runs repeat. The ``kubernetes`` Service's 10.96.0.1 and cluster DNS's 10.96.0.10
#: (``core.dns``, which pods' nslookup names as their server) are kept clear.
FIRST_USER_IP = ipaddress.ip_address("10.96.0.11")
HEADLESS_LABEL = "service.kubernetes.io/headless"
TRIGGER_TIME = "endpoints.kubernetes.io/last-change-trigger-time"
ALLOCATOR = "kube-apiserver"


def needs_cluster_ip(service: Mapping[str, Any]) -> bool:
    spec = service.get("spec") or {}
    return spec.get("type") != "ExternalName" and not spec.get("clusterIP")


def allocate_cluster_ip(store: Store) -> str:
    """The lowest free address from FIRST_USER_IP in the service CIDR (deterministic)."""
    used = {str(get_path(s, "spec", "clusterIP", default="")) for s in store.iter_kind("Service")}
    address = FIRST_USER_IP
    while str(address) in used:
        address += 1
        if address not in SERVICE_CIDR:
            raise ApiError("InternalError", "Internal error occurred: failed to allocate a "
                           "serviceIP: range is full")
    return str(address)


def _selects(selector: Mapping[str, str], labels: Mapping[str, str]) -> bool:
    return all(labels.get(k) == v for k, v in selector.items())


def _find_port(pod: Mapping[str, Any], service_port: Mapping[str, Any]) -> int | None:
    """podutil.FindPort: a named targetPort is looked up in the pod's container ports."""
    target = service_port.get("targetPort", service_port.get("port"))
    protocol = service_port.get("protocol") or "TCP"
    if isinstance(target, int):
        return target
    if isinstance(target, str) and target.isdigit():
        return int(target)
    for container in get_path(pod, "spec", "containers", default=[]) or []:
        for port in container.get("ports") or []:
            if port.get("name") == target and (port.get("protocol") or "TCP") == protocol:
                return int(port["containerPort"])
    return None


def _in_endpoints(pod: Mapping[str, Any], include_terminating: bool) -> bool:
    """ShouldPodBeInEndpoints: an IP, not finished, not terminating (unless published)."""
    if not get_path(pod, "status", "podIP") and not get_path(pod, "status", "podIPs"):
        return False
    if is_deleting(pod) and not include_terminating:
        return False
    return phase_of(pod) not in ("Failed", "Succeeded")


def _same_endpoint_inputs(old: Mapping[str, Any], new: Mapping[str, Any]) -> bool:
    """Whether :func:`endpoint_entry` and the selection give the same for both versions of a
    pod: the same spec object (writes share untouched parts), the same labels, deletion
    mark and uid, and the same IP, phase and readiness."""
    if old.get("spec") is not new.get("spec"):
        return False
    old_meta, new_meta = old.get("metadata") or {}, new.get("metadata") or {}
    if old_meta is not new_meta and (
            old_meta.get("labels") != new_meta.get("labels")
            or old_meta.get("deletionTimestamp") != new_meta.get("deletionTimestamp")
            or old_meta.get("uid") != new_meta.get("uid")):
        return False
    old_status, new_status = old.get("status") or {}, new.get("status") or {}
    return (old_status.get("podIP") == new_status.get("podIP")
            and old_status.get("podIPs") == new_status.get("podIPs")
            and old_status.get("phase") == new_status.get("phase")
            and is_ready(old) == is_ready(new))


def _ip_key(address: Mapping[str, Any]) -> tuple:
    """Addresses sort by IP (numerically), then pod uid."""
    ip = str(address.get("ip") or "")
    uid = str((address.get("targetRef") or {}).get("uid") or "")
    parts = ip.split(".")
    if len(parts) == 4 and all(p.isdigit() for p in parts):
        return (4, tuple(int(p) for p in parts), uid)
    try:
        return (6, (int(ipaddress.ip_address(ip)),), uid)
    except ValueError:
        return (9, (), ip)


def endpoint_entry(service: Mapping[str, Any], pod: Mapping[str, Any]) -> tuple | None:
    """One pod's part of a Service's endpoints: ``(ports key, ports, ready, sort key, address)``,
    or None when the pod is not an endpoint of it (no IP, finished, terminating, no port)."""
    spec = service.get("spec") or {}
    publish = bool(spec.get("publishNotReadyAddresses"))
    if not _in_endpoints(pod, publish):
        return None
    pod_spec = pod.get("spec") or {}
    address: dict[str, Any] = {"ip": (pod.get("status") or {}).get("podIP")}
    hostname = pod_spec.get("hostname")
    if hostname and pod_spec.get("subdomain") == name_of(service):
        address["hostname"] = hostname
    if pod_spec.get("nodeName"):
        address["nodeName"] = pod_spec["nodeName"]
    meta = pod.get("metadata") or {}
    address["targetRef"] = {"kind": "Pod", "namespace": meta.get("namespace"),
                            "name": meta.get("name"), "uid": meta.get("uid")}
    endpoint_ports: list[dict[str, Any]] = []
    service_ports = spec.get("ports") or []
    for service_port in service_ports:
        number = _find_port(pod, service_port)
        if number is None:
            continue
        port: dict[str, Any] = {"port": number, "protocol": service_port.get("protocol") or "TCP"}
        if service_port.get("name"):
            port = {"name": service_port["name"], **port}
        if service_port.get("appProtocol"):
            port["appProtocol"] = service_port["appProtocol"]
        endpoint_ports.append(port)
    if service_ports and not endpoint_ports:
        return None
    if not service_ports and spec.get("clusterIP") != "None":
        # Only a headless Service may have endpoints without ports.
        return None
    ports_key = tuple(tuple(sorted(p.items())) for p in endpoint_ports)
    return (ports_key, endpoint_ports, publish or is_ready(pod), _ip_key(address), address)


def pack_subsets(entries: list[tuple]) -> list[dict[str, Any]]:
    """Addresses that share a port list share a subset (endpoints.RepackSubsets)."""
    groups: dict[tuple, tuple[list, list, list]] = {}
    for index, (ports_key, ports, ready, sort_key, address) in enumerate(entries):
        group = groups.get(ports_key)
        if group is None:
            group = groups[ports_key] = (ports, [], [])
        # The index breaks ties, so the address dicts themselves are never compared.
        (group[1] if ready else group[2]).append((sort_key, index, address))
    subsets = []
    for key in sorted(groups):
        ports, ready, not_ready = groups[key]
        subset: dict[str, Any] = {}
        if ready:
            ready.sort()
            subset["addresses"] = [address for _, _, address in ready]
        if not_ready:
            not_ready.sort()
            subset["notReadyAddresses"] = [address for _, _, address in not_ready]
        if ports:
            subset["ports"] = sorted(ports, key=lambda p: (p.get("name", ""), p["port"]))
        subsets.append(subset)
    return subsets


def endpoint_subsets(service: Mapping[str, Any], pods: list[Manifest]) -> list[dict[str, Any]]:
    """The subsets the controller computes for ``service`` over the selected ``pods``."""
    entries = [e for e in (endpoint_entry(service, p) for p in pods) if e is not None]
    return pack_subsets(entries)


class _View:
    """One Service's selected pods and their endpoint entries, kept up to date by the watch.

    The entries are also kept packed: per port list, the ready and not-ready addresses in
    :func:`pack_subsets` order, so a sync costs a copy of the lists rather than a sort of
    every address (which made a 1,000-pod StatefulSet's start-up quadratic).
    ``pack_subsets`` breaks ties by position in ``entries``; ``_pos`` numbers the keys in
    that order, so the packed order is the same.
    """

    __slots__ = ("spec", "selector", "entries", "_pos", "_next", "_groups")

    def __init__(self, spec: Any, selector: Mapping[str, str] | None) -> None:
        self.spec = spec
        self.selector = dict(selector) if selector is not None else None
        self.entries: dict[str, tuple | None] = {}
        self._pos: dict[str, int] = {}
        self._next = 0
        # ports key -> (ports, ready keys, not-ready keys, ready addresses, not-ready
        # addresses); the key lists hold (sort key, position, address), sorted, and the
        # address lists the same addresses in the same order.
        self._groups: dict[tuple, tuple[list, list, list, list, list]] = {}

    def set(self, name: str, entry: tuple | None) -> None:
        if name in self.entries:
            self._unpack(name, self.entries[name])
        else:
            self._pos[name] = self._next
            self._next += 1
        self.entries[name] = entry
        if entry is not None:
            ports_key, ports, ready, sort_key, address = entry
            group = self._groups.get(ports_key)
            if group is None:
                group = self._groups[ports_key] = (ports, [], [], [], [])
            keys, addresses = (group[1], group[3]) if ready else (group[2], group[4])
            item = (sort_key, self._pos[name], address)
            index = bisect.bisect_left(keys, item)
            keys.insert(index, item)
            addresses.insert(index, address)

    def remove(self, name: str) -> None:
        self._unpack(name, self.entries.pop(name))
        del self._pos[name]

    def _unpack(self, name: str, entry: tuple | None) -> None:
        if entry is None:
            return
        ports_key, _, ready, sort_key, address = entry
        group = self._groups[ports_key]
        keys, addresses = (group[1], group[3]) if ready else (group[2], group[4])
        # Positions are unique, so the search never compares two addresses.
        index = bisect.bisect_left(keys, (sort_key, self._pos[name], address))
        del keys[index]
        del addresses[index]
        if not group[1] and not group[2]:
            del self._groups[ports_key]

    def subsets(self) -> list[dict[str, Any]]:
        """``pack_subsets`` of the entries."""
        subsets = []
        for key in sorted(self._groups):
            ports, _, _, ready, not_ready = self._groups[key]
            subset: dict[str, Any] = {}
            # Copies of the address lists kept in step with the keys: a C-level copy,
            # not a Python loop per address on every sync.
            if ready:
                subset["addresses"] = ready.copy()
            if not_ready:
                subset["notReadyAddresses"] = not_ready.copy()
            if ports:
                subset["ports"] = sorted(ports, key=lambda p: (p.get("name", ""), p["port"]))
            subsets.append(subset)
        return subsets


class EndpointsController(Controller):
    name = "endpoint-controller"
    watches = ("Service",)
    interests = ("Service", "Endpoints", "Pod")

    def __init__(self, cluster: Any) -> None:
        super().__init__(cluster)
        # (namespace, service) -> its view; built on the Service's first sync.
        self._views: dict[tuple[str, str], _View] = {}

    def on_change(self, change: Change) -> None:
        kind = change.kind
        if kind == "Service":
            self.enqueue(change.key)
            if change.new is None:
                self._views.pop(change.key[1:], None)
        elif kind == "Endpoints" and change.new is None:
            # Someone deleted the object: put it back (if its Service still selects pods).
            self.enqueue(("Service", change.key[1], change.key[2]))
        elif kind == "Pod":
            self._pod_changed(change)

    def _pod_changed(self, change: Change) -> None:
        """Like podEndpointsChanged: a Service is re-synced only if its endpoints would change."""
        namespace, pod_name = change.key[1], change.key[2]
        pod = change.new
        if pod is not None and change.old is not None and _same_endpoint_inputs(change.old, pod):
            return  # a status stage that moves no address: every view is still right
        labels = labels_of(pod) if pod is not None else None
        for (ns, service_name), view in self._views.items():
            if ns != namespace or view.selector is None:
                continue
            had = pod_name in view.entries
            old = view.entries.get(pod_name)
            if labels is not None and _selects(view.selector, labels):
                service = self.store.get("Service", ns, service_name)
                if service is None or service.get("spec") is not view.spec:
                    self.enqueue(("Service", ns, service_name))
                    continue
                new = endpoint_entry(service, pod)  # type: ignore[arg-type]
                view.set(pod_name, new)
                if new != old:
                    self.enqueue(("Service", ns, service_name))
            elif had:
                view.remove(pod_name)
                if old is not None:
                    self.enqueue(("Service", ns, service_name))

    def _view(self, service: Manifest, selector: Mapping[str, str]) -> _View:
        key = (namespace_of(service), name_of(service))
        view = self._views.get(key)
        if view is None or view.spec is not service.get("spec") or view.selector != selector:
            view = self._views[key] = _View(service.get("spec"), selector)
            for pod in self.store.iter_kind("Pod"):
                if (pod.get("metadata") or {}).get("namespace") == key[0] and \
                        _selects(selector, labels_of(pod)):
                    view.set(name_of(pod), endpoint_entry(service, pod))
        return view

    def sync(self, key: Key) -> None:
        _, namespace, name = key
        service = self.store.get("Service", namespace, name)
        current = self.store.get("Endpoints", namespace, name)
        if service is None:
            if current is not None:
                self.api.delete("Endpoints", namespace, name, actor=self.name,
                                reason=f"service {name} was deleted")
            return
        if needs_cluster_ip(service):
            ip = allocate_cluster_ip(self.store)
            service = self.api.write(service, {"spec": {"clusterIP": ip, "clusterIPs": [ip]}},
                                     actor=ALLOCATOR, reason=f"allocate ClusterIP {ip}")
        spec = service.get("spec") or {}
        selector = spec.get("selector")
        if spec.get("type") == "ExternalName" or not is_map(selector):
            self._views[(namespace, name)] = _View(service.get("spec"), None)
            return
        view = self._view(service, selector)
        subsets = view.subsets()
        labels = dict(labels_of(service))
        if spec.get("clusterIP") in ("None", "", None):
            labels[HEADLESS_LABEL] = ""
        if current is not None and (current.get("subsets") or []) == subsets and \
                dict(labels_of(current)) == labels:
            return
        ready = sum(len(s.get("addresses") or []) for s in subsets)
        not_ready = sum(len(s.get("notReadyAddresses") or []) for s in subsets)
        why = f"{ready} ready, {not_ready} not ready"
        stamp = timestamp(self.clock.now_ms)
        if current is None:
            endpoints: Manifest = {
                "apiVersion": "v1",
                "kind": "Endpoints",
                "metadata": {"name": name, "namespace": namespace,
                             "annotations": {TRIGGER_TIME: stamp}},
            }
            if labels:
                # Go drops an empty label map (omitempty).
                endpoints["metadata"]["labels"] = labels
            if subsets:
                endpoints["subsets"] = subsets
            self.api.create(endpoints, actor=self.name, reason=f"endpoints for service {name}: {why}")
            return
        label_changes = {**labels, **{k: DELETE for k in labels_of(current) if k not in labels}}
        self.api.write(current, {
            "metadata": {"labels": label_changes or DELETE, "annotations": {TRIGGER_TIME: stamp}},
            "subsets": subsets or DELETE,
        }, actor=self.name, reason=f"update endpoints: {why}")
