"""``kubectl describe`` for every kind, in kubectl's layout (``describe.go``).

Where kubectl reads something the simulator does not keep (node leases, endpoint
slices), it is derived from what the simulator has: a node's lease is held by the
node and renewed now; a Service's endpoints come from its Endpoints object.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..gobase64 import decoded_len, decoded_text
from ..quantity import QuantityError, parse
from .describe_parts import (
    PrefixWriter,
    annotations_multiline,
    containers,
    events_for,
    events_section,
    go_value,
    labels_multiline,
    names_multiline,
    pod_template,
    print_bool_ptr,
    pv_source,
    taints_multiline,
    tolerations_multiline,
    volumes,
)
from .duration import rfc1123z, since
from .fields import (
    access_modes,
    as_list,
    controller_of,
    format_labels,
    go_list,
    is_default_class,
    meta,
    pv_class,
    pvc_class,
    qty,
    section,
    selector_string,
    spec,
    status,
    str_map,
)
from .tables import node_roles

if TYPE_CHECKING:
    from ..cluster import Cluster

Obj = Mapping[str, Any]


def _name_ns(w: PrefixWriter, obj: Obj) -> None:
    w.write(0, f"Name:\t{meta(obj).get('name') or ''}\n")
    w.write(0, f"Namespace:\t{meta(obj).get('namespace') or ''}\n")



def _name_ns_labels(w: PrefixWriter, obj: Obj) -> None:
    """Name, Namespace, Labels and Annotations: how most describers begin."""
    _name_ns(w, obj)
    labels_multiline(w, "Labels", meta(obj).get("labels"))
    annotations_multiline(w, "Annotations", meta(obj).get("annotations"))

def _terminating_or(w: PrefixWriter, obj: Obj, phase: str, now: int) -> None:
    stamp = meta(obj).get("deletionTimestamp")
    if stamp:
        w.write(0, f"Status:\tTerminating (lasts {since(stamp, now)})\n")
    else:
        w.write(0, f"Status:\t{phase}\n")


def _node_affinity(w: PrefixWriter, affinity: Any) -> None:
    w.write(0, "Node Affinity:\t")
    required = section(affinity if isinstance(affinity, Mapping) else {}, "required")
    if not isinstance(affinity, Mapping) or affinity.get("required") is None:
        w.write_line("<none>")
        return
    w.write_line("")
    w.write(1, "Required Terms:\t")
    terms = as_list(required.get("nodeSelectorTerms"))
    if not terms:
        w.write_line("<none>")
        return
    w.write_line("")
    for index, term in enumerate(terms):
        reqs = as_list(section({"t": term}, "t").get("matchExpressions"))
        w.write(2, f"Term {index}:\t")
        if not reqs:
            w.write_line("<none>")
            continue
        for i, req in enumerate(reqs):
            if i:
                w.write(2, "\t")
            text = f"{req.get('key')} {str(req.get('operator') or '').lower()}"
            values = [str(v) for v in as_list(req.get("values"))]
            if values:
                text += f" [{', '.join(values)}]"
            w.write(0, text + "\n")


def describe_pv(cluster: Cluster, pv: Obj) -> str:
    w = PrefixWriter()
    pv_spec = spec(pv)
    w.write(0, f"Name:\t{meta(pv).get('name') or ''}\n")
    labels_multiline(w, "Labels", meta(pv).get("labels"))
    annotations_multiline(w, "Annotations", meta(pv).get("annotations"))
    w.write(0, f"Finalizers:\t{go_list(meta(pv).get('finalizers'))}\n")
    w.write(0, f"StorageClass:\t{pv_class(pv)}\n")
    _terminating_or(w, pv, str(status(pv).get("phase") or ""), cluster.clock.now_ms)
    ref = pv_spec.get("claimRef")
    if ref is not None:
        ref = ref if isinstance(ref, Mapping) else {}
        w.write(0, f"Claim:\t{ref.get('namespace') or ''}/{ref.get('name') or ''}\n")
    else:
        w.write(0, "Claim:\t\n")
    w.write(0, f"Reclaim Policy:\t{pv_spec.get('persistentVolumeReclaimPolicy') or ''}\n")
    w.write(0, f"Access Modes:\t{access_modes(pv_spec.get('accessModes'))}\n")
    if pv_spec.get("volumeMode") is not None:
        w.write(0, f"VolumeMode:\t{pv_spec['volumeMode']}\n")
    w.write(0, f"Capacity:\t{qty(section(pv_spec, 'capacity').get('storage'))}\n")
    _node_affinity(w, pv_spec.get("nodeAffinity"))
    w.write(0, f"Message:\t{status(pv).get('message') or ''}\n")
    w.write(0, "Source:\n")
    pv_source(pv_spec, w)
    events_section(w, cluster, events_for(cluster, pv))
    return w.text()


def _pods_using(cluster: Cluster, pvc: Obj) -> list[str]:
    """``getPodsForPVC``: pods mounting the claim, plus a pod owning it."""
    namespace = str(meta(pvc).get("namespace") or "")
    name = str(meta(pvc).get("name") or "")
    pods = cluster.store.list("Pod", namespace)
    users = []
    for pod in pods:
        for volume in as_list(spec(pod).get("volumes")):
            if section({"v": volume}, "v").get("persistentVolumeClaim") and str(
                    section(volume, "persistentVolumeClaim").get("claimName")) == name:
                users.append(str(meta(pod).get("name")))
    for owner in as_list(meta(pvc).get("ownerReferences")):
        if isinstance(owner, Mapping) and owner.get("kind") == "Pod":
            for pod in pods:
                pod_name = str(meta(pod).get("name"))
                if meta(pod).get("uid") == owner.get("uid") and pod_name not in users:
                    users.append(pod_name)
    return users


def describe_pvc(cluster: Cluster, pvc: Obj) -> str:
    w = PrefixWriter()
    pvc_spec = spec(pvc)
    _name_ns(w, pvc)
    w.write(0, f"StorageClass:\t{pvc_class(pvc)}\n")
    _terminating_or(w, pvc, str(status(pvc).get("phase") or ""), cluster.clock.now_ms)
    w.write(0, f"Volume:\t{pvc_spec.get('volumeName') or ''}\n")
    labels_multiline(w, "Labels", meta(pvc).get("labels"))
    annotations_multiline(w, "Annotations", meta(pvc).get("annotations"))
    w.write(0, f"Finalizers:\t{go_list(meta(pvc).get('finalizers'))}\n")
    capacity = modes = ""
    if pvc_spec.get("volumeName"):
        modes = access_modes(status(pvc).get("accessModes"))
        capacity = qty(section(status(pvc), "capacity").get("storage"))
    w.write(0, f"Capacity:\t{capacity}\n")
    w.write(0, f"Access Modes:\t{modes}\n")
    if pvc_spec.get("volumeMode") is not None:
        w.write(0, f"VolumeMode:\t{pvc_spec['volumeMode']}\n")
    source = pvc_spec.get("dataSource")
    if isinstance(source, Mapping):
        w.write(0, "DataSource:\n")
        if source.get("apiGroup") is not None:
            w.write(1, f"APIGroup:\t{source['apiGroup']}\n")
        w.write(1, f"Kind:\t{source.get('kind') or ''}\n")
        w.write(1, f"Name:\t{source.get('name') or ''}\n")
    names_multiline(w, "Used By", _pods_using(cluster, pvc))
    conditions = [c for c in as_list(status(pvc).get("conditions")) if isinstance(c, Mapping)]
    if conditions:
        w.write(0, "Conditions:\n")
        w.write(1, "Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n")
        w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n")
        for c in conditions:
            w.write(1, f"{c.get('type') or ''} \t{c.get('status') or ''} \t"
                       f"{rfc1123z(c.get('lastProbeTime'))} \t"
                       f"{rfc1123z(c.get('lastTransitionTime'))} \t{c.get('reason') or ''} \t"
                       f"{c.get('message') or ''}\n")
    events_section(w, cluster, events_for(cluster, pvc))
    return w.text()


def describe_sc(cluster: Cluster, sc: Obj) -> str:
    w = PrefixWriter()
    w.write(0, f"Name:\t{meta(sc).get('name') or ''}\n")
    w.write(0, f"IsDefaultClass:\t{'Yes' if is_default_class(sc) else 'No'}\n")
    w.write(0, f"Annotations:\t{format_labels(meta(sc).get('annotations'))}\n")
    w.write(0, f"Provisioner:\t{sc.get('provisioner') or ''}\n")
    w.write(0, f"Parameters:\t{format_labels(sc.get('parameters'))}\n")
    w.write(0, f"AllowVolumeExpansion:\t{print_bool_ptr(sc.get('allowVolumeExpansion'))}\n")
    options = as_list(sc.get("mountOptions"))
    if not options:
        w.write(0, "MountOptions:\t<none>\n")
    else:
        w.write(0, "MountOptions:\n")
        for option in options:
            w.write(1, f"{option}\n")
    if sc.get("reclaimPolicy") is not None:
        w.write(0, f"ReclaimPolicy:\t{sc['reclaimPolicy']}\n")
    if sc.get("volumeBindingMode") is not None:
        w.write(0, f"VolumeBindingMode:\t{sc['volumeBindingMode']}\n")
    topologies = sc.get("allowedTopologies")
    if topologies is not None:
        w.write(0, "AllowedTopologies:\t")
        terms = as_list(topologies)
        if not terms:
            w.write_line("<none>")
        else:
            w.write_line("")
            for index, term in enumerate(terms):
                reqs = as_list(section({"t": term}, "t").get("matchLabelExpressions"))
                w.write(1, f"Term {index}:\t")
                if not reqs:
                    w.write_line("<none>")
                for i, req in enumerate(reqs):
                    if i:
                        w.write(1, "\t")
                    values = [str(v) for v in as_list(req.get("values"))]
                    text = f"{req.get('key')} in"
                    if values:
                        text += f" [{', '.join(values)}]"
                    w.write(0, text + "\n")
    events_section(w, cluster, events_for(cluster, sc))
    return w.text()


def _qos(pod: Obj) -> str:
    if status(pod).get("qosClass"):
        return str(status(pod)["qosClass"])
    requests: dict[str, bool] = {}
    limits: dict[str, bool] = {}
    guaranteed = True
    any_set = False
    for container in as_list(spec(pod).get("containers")):
        resources = section(container, "resources") if isinstance(container, Mapping) else {}
        req = str_map(resources.get("requests"))
        lim = str_map(resources.get("limits"))
        for name in ("cpu", "memory"):
            if name in req or name in lim:
                any_set = True
            if name not in lim or (name in req and req[name] != lim[name]):
                guaranteed = False
        requests.update(dict.fromkeys(req, True))
        limits.update(dict.fromkeys(lim, True))
    if not any_set:
        return "BestEffort"
    return "Guaranteed" if guaranteed else "Burstable"


def describe_pod(cluster: Cluster, pod: Obj) -> str:
    w = PrefixWriter()
    pod_spec = spec(pod)
    pod_status = status(pod)
    now = cluster.clock.now_ms
    _name_ns(w, pod)
    if pod_spec.get("priority") is not None:
        w.write(0, f"Priority:\t{int(pod_spec['priority'])}\n")
    if pod_spec.get("priorityClassName"):
        w.write(0, f"Priority Class Name:\t{pod_spec['priorityClassName']}\n")
    if pod_spec.get("runtimeClassName"):
        w.write(0, f"Runtime Class Name:\t{pod_spec['runtimeClassName']}\n")
    if pod_spec.get("serviceAccountName"):
        w.write(0, f"Service Account:\t{pod_spec['serviceAccountName']}\n")
    if not pod_spec.get("nodeName"):
        w.write(0, "Node:\t<none>\n")
    else:
        w.write(0, f"Node:\t{pod_spec['nodeName']}/{pod_status.get('hostIP') or ''}\n")
    if pod_status.get("startTime"):
        w.write(0, f"Start Time:\t{rfc1123z(pod_status['startTime'])}\n")
    labels_multiline(w, "Labels", meta(pod).get("labels"))
    annotations_multiline(w, "Annotations", meta(pod).get("annotations"))
    phase = str(pod_status.get("phase") or "")
    if meta(pod).get("deletionTimestamp") and phase not in ("Failed", "Succeeded"):
        w.write(0, f"Status:\tTerminating (lasts {since(meta(pod)['deletionTimestamp'], now)})\n")
        grace = int(meta(pod).get("deletionGracePeriodSeconds") or 0)
        w.write(0, f"Termination Grace Period:\t{grace}s\n")
    else:
        w.write(0, f"Status:\t{phase}\n")
    if pod_status.get("reason"):
        w.write(0, f"Reason:\t{pod_status['reason']}\n")
    if pod_status.get("message"):
        w.write(0, f"Message:\t{pod_status['message']}\n")
    w.write(0, f"IP:\t{pod_status.get('podIP') or ''}\n")
    ips = [i for i in as_list(pod_status.get("podIPs")) if isinstance(i, Mapping)]
    if not ips:
        w.write(0, "IPs:\t<none>\n")
    else:
        w.write(0, "IPs:\n")
        for ip in ips:
            w.write(1, f"IP:\t{ip.get('ip') or ''}\n")
    owner = controller_of(pod)
    if owner is not None:
        w.write(0, f"Controlled By:\t{owner.get('kind')}/{owner.get('name')}\n")
    if pod_status.get("nominatedNodeName"):
        w.write(0, f"NominatedNodeName:\t{pod_status['nominatedNodeName']}\n")
    if as_list(pod_spec.get("initContainers")):
        containers(w, "Init Containers", pod_spec.get("initContainers"),
                   pod_status.get("initContainerStatuses"), "", pod)
    containers(w, "Containers", pod_spec.get("containers"), pod_status.get("containerStatuses"),
               "", pod)
    gates = [g for g in as_list(pod_spec.get("readinessGates")) if isinstance(g, Mapping)]
    conditions = [c for c in as_list(pod_status.get("conditions")) if isinstance(c, Mapping)]
    if gates:
        w.write(0, "Readiness Gates:\n  Type\tStatus\n")
        for gate in gates:
            found = next((c.get("status") for c in conditions
                          if c.get("type") == gate.get("conditionType")), "<none>")
            w.write(1, f"{gate.get('conditionType')} \t{found} \n")
    if conditions:
        w.write(0, "Conditions:\n  Type\tStatus\n")
        for condition in conditions:
            w.write(1, f"{condition.get('type') or ''} \t{condition.get('status') or ''} \n")
    volumes(w, pod_spec.get("volumes"), "")
    w.write(0, f"QoS Class:\t{_qos(pod)}\n")
    labels_multiline(w, "Node-Selectors", pod_spec.get("nodeSelector"))
    tolerations_multiline(w, "Tolerations", pod_spec.get("tolerations"))
    events_section(w, cluster, events_for(cluster, pod, match_kind=False))
    return w.text()


def describe_sts(cluster: Cluster, sts: Obj) -> str:
    w = PrefixWriter()
    sts_spec = spec(sts)
    _name_ns(w, sts)
    w.write(0, f"CreationTimestamp:\t{rfc1123z(meta(sts).get('creationTimestamp'))}\n")
    w.write(0, f"Selector:\t{selector_string(sts_spec.get('selector'))}\n")
    labels_multiline(w, "Labels", meta(sts).get("labels"))
    annotations_multiline(w, "Annotations", meta(sts).get("annotations"))
    replicas = sts_spec.get("replicas")
    w.write(0, f"Replicas:\t{1 if replicas is None else int(replicas)} desired | "
               f"{int(status(sts).get('replicas') or 0)} total\n")
    # The API server defaults the strategy; show what a real cluster would hold.
    strategy = section(sts_spec, "updateStrategy")
    kind = str(strategy.get("type") or "RollingUpdate")
    w.write(0, f"Update Strategy:\t{kind}\n")
    if kind == "RollingUpdate":
        rolling = section(strategy, "rollingUpdate")
        w.write(1, f"Partition:\t{int(rolling.get('partition') or 0)}\n")
        if rolling.get("maxUnavailable") is not None:
            w.write(1, f"MaxUnavailable:\t{rolling['maxUnavailable']}\n")
    counts = {"Running": 0, "Pending": 0, "Succeeded": 0, "Failed": 0}
    uid = meta(sts).get("uid")
    for pod in cluster.store.list("Pod", str(meta(sts).get("namespace") or "")):
        owner = controller_of(pod)
        if owner is not None and owner.get("uid") == uid:
            phase = str(status(pod).get("phase") or "")
            if phase in counts:
                counts[phase] += 1
    w.write(0, f"Pods Status:\t{counts['Running']} Running / {counts['Pending']} Waiting / "
               f"{counts['Succeeded']} Succeeded / {counts['Failed']} Failed\n")
    pod_template(w, sts_spec.get("template"))
    templates = [t for t in as_list(sts_spec.get("volumeClaimTemplates"))
                 if isinstance(t, Mapping)]
    if not templates:
        w.write(0, "Volume Claims:\t<none>\n")
    else:
        w.write(0, "Volume Claims:\n")
        for template in templates:
            w.write(1, f"Name:\t{meta(template).get('name') or ''}\n")
            w.write(1, f"StorageClass:\t{pvc_class(template)}\n")
            labels_multiline(w, "Labels", meta(template).get("labels"), initial_indent="  ")
            labels_multiline(w, "Annotations", meta(template).get("annotations"),
                             initial_indent="  ")
            storage = section(section(spec(template), "resources"), "requests").get("storage")
            w.write(1, f"Capacity:\t{qty(storage) if storage is not None else '<default>'}\n")
            w.write(1, f"Access Modes:\t{go_list(spec(template).get('accessModes'))}\n")
    events_section(w, cluster, events_for(cluster, sts))
    return w.text()


def _service_endpoints(cluster: Cluster, svc: Obj, port_name: str) -> str:
    """``formatEndpointSlices`` over the Service's Endpoints: ready addresses only."""
    endpoints = cluster.store.get("Endpoints", str(meta(svc).get("namespace") or ""),
                                  str(meta(svc).get("name") or ""))
    if endpoints is None:
        return "<none>"
    shown: list[str] = []
    count = 0
    more = False
    for subset in as_list(endpoints.get("subsets")):
        if not isinstance(subset, Mapping):
            continue
        addresses = [str(a.get("ip") or "") for a in as_list(subset.get("addresses"))
                     if isinstance(a, Mapping)]
        ports = [p for p in as_list(subset.get("ports")) if isinstance(p, Mapping)]
        if not ports:
            for ip in addresses:
                if len(shown) == 3:
                    more = True
                if not more:
                    shown.append(ip)
                count += 1
            continue
        for port in ports:
            if str(port.get("name") or "") != port_name:
                continue
            for ip in addresses:
                if len(shown) == 3:
                    more = True
                if not more:
                    shown.append(f"[{ip}]:{port.get('port')}" if ":" in ip
                                 else f"{ip}:{port.get('port')}")
                count += 1
    text = ",".join(shown)
    return f"{text} + {count - 3} more..." if more else text


def describe_svc(cluster: Cluster, svc: Obj) -> str:
    w = PrefixWriter()
    svc_spec = spec(svc)
    _name_ns_labels(w, svc)
    w.write(0, f"Selector:\t{format_labels(svc_spec.get('selector'))}\n")
    w.write(0, f"Type:\t{svc_spec.get('type') or 'ClusterIP'}\n")
    if svc_spec.get("ipFamilyPolicy") is not None:
        w.write(0, f"IP Family Policy:\t{svc_spec['ipFamilyPolicy']}\n")
    families = [str(f) for f in as_list(svc_spec.get("ipFamilies"))]
    w.write(0, f"IP Families:\t{','.join(families) or '<none>'}\n")
    w.write(0, f"IP:\t{svc_spec.get('clusterIP') or ''}\n")
    cluster_ips = [str(i) for i in as_list(svc_spec.get("clusterIPs"))]
    w.write(0, f"IPs:\t{','.join(cluster_ips) or '<none>'}\n")
    external = [str(i) for i in as_list(svc_spec.get("externalIPs"))]
    if external:
        w.write(0, f"External IPs:\t{','.join(external)}\n")
    if svc_spec.get("externalName"):
        w.write(0, f"External Name:\t{svc_spec['externalName']}\n")
    for port in as_list(svc_spec.get("ports")):
        if not isinstance(port, Mapping):
            continue
        name = str(port.get("name") or "") or "<unset>"
        protocol = port.get("protocol") or "TCP"
        w.write(0, f"Port:\t{name}\t{port.get('port')}/{protocol}\n")
        target = port.get("targetPort", port.get("port"))
        w.write(0, f"TargetPort:\t{target}/{protocol}\n")
        if port.get("nodePort"):
            w.write(0, f"NodePort:\t{name}\t{port['nodePort']}/{protocol}\n")
        w.write(0, f"Endpoints:\t{_service_endpoints(cluster, svc, str(port.get('name') or ''))}\n")
    w.write(0, f"Session Affinity:\t{svc_spec.get('sessionAffinity') or 'None'}\n")
    if svc_spec.get("externalTrafficPolicy"):
        w.write(0, f"External Traffic Policy:\t{svc_spec['externalTrafficPolicy']}\n")
    if svc_spec.get("internalTrafficPolicy") is not None:
        w.write(0, f"Internal Traffic Policy:\t{svc_spec['internalTrafficPolicy']}\n")
    events_section(w, cluster, events_for(cluster, svc))
    return w.text()


def _quantity_value(text: Any) -> Any:
    try:
        return parse(text).value
    except (QuantityError, TypeError):
        return 0


def describe_node(cluster: Cluster, node: Obj) -> str:
    w = PrefixWriter()
    node_spec = spec(node)
    node_status = status(node)
    name = str(meta(node).get("name") or "")
    w.write(0, f"Name:\t{name}\n")
    w.write(0, f"Roles:\t{','.join(node_roles(node)) or '<none>'}\n")
    labels_multiline(w, "Labels", meta(node).get("labels"))
    annotations_multiline(w, "Annotations", meta(node).get("annotations"))
    w.write(0, f"CreationTimestamp:\t{rfc1123z(meta(node).get('creationTimestamp'))}\n")
    taints_multiline(w, "Taints", node_spec.get("taints"))
    w.write(0, f"Unschedulable:\t{go_value(node_spec.get('unschedulable') is True)}\n")
    # The simulator keeps no Lease objects; the kubelet of a node holds its own lease.
    ready = any(isinstance(c, Mapping) and c.get("type") == "Ready" and c.get("status") == "True"
                for c in as_list(node_status.get("conditions")))
    heartbeat = next((c.get("lastHeartbeatTime") for c in as_list(node_status.get("conditions"))
                      if isinstance(c, Mapping) and c.get("type") == "Ready"), None)
    from ..clock import timestamp

    renew = timestamp(cluster.clock.now_ms) if ready else heartbeat
    w.write(0, "Lease:\n")
    w.write(1, f"HolderIdentity:\t{name}\n")
    w.write(1, "AcquireTime:\t<unset>\n")
    w.write(1, f"RenewTime:\t{rfc1123z(renew) if renew else '<unset>'}\n")
    conditions = [c for c in as_list(node_status.get("conditions")) if isinstance(c, Mapping)]
    if conditions:
        w.write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\t"
                   "Message\n")
        w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n")
        for c in conditions:
            w.write(1, f"{c.get('type') or ''} \t{c.get('status') or ''} \t"
                       f"{rfc1123z(c.get('lastHeartbeatTime'))} \t"
                       f"{rfc1123z(c.get('lastTransitionTime'))} \t{c.get('reason') or ''} \t"
                       f"{c.get('message') or ''}\n")
    w.write(0, "Addresses:\n")
    for address in as_list(node_status.get("addresses")):
        if isinstance(address, Mapping):
            w.write(1, f"{address.get('type')}:\t{address.get('address')}\n")
    for title, key in (("Capacity", "capacity"), ("Allocatable", "allocatable")):
        values = str_map(node_status.get(key))
        if values:
            w.write(0, f"{title}:\n")
            for resource in sorted(values):
                w.write(0, f"  {resource}:\t{qty(values[resource])}\n")
    info = section(node_status, "nodeInfo")
    w.write(0, "System Info:\n")
    for title, key in (("Machine ID", "machineID"), ("System UUID", "systemUUID"),
                       ("Boot ID", "bootID"), ("Kernel Version", "kernelVersion"),
                       ("OS Image", "osImage"), ("Operating System", "operatingSystem"),
                       ("Architecture", "architecture"),
                       ("Container Runtime Version", "containerRuntimeVersion"),
                       ("Kubelet Version", "kubeletVersion"),
                       ("Kube-Proxy Version", "kubeProxyVersion")):
        w.write(0, f"  {title}:\t{info.get(key) or ''}\n")
    if node_spec.get("podCIDR"):
        w.write(0, f"PodCIDR:\t{node_spec['podCIDR']}\n")
    if as_list(node_spec.get("podCIDRs")):
        w.write(0, f"PodCIDRs:\t{','.join(str(c) for c in node_spec['podCIDRs'])}\n")
    if node_spec.get("providerID"):
        w.write(0, f"ProviderID:\t{node_spec['providerID']}\n")
    _node_pods(w, cluster, node)
    events_section(w, cluster, events_for(cluster, node))
    return w.text()


def _percent(used: Any, total: Any) -> int:
    if not total:
        return 0
    return int(used * 100 / total)


def _node_pods(w: PrefixWriter, cluster: Cluster, node: Obj) -> None:
    name = meta(node).get("name")
    pods = [p for p in cluster.store.list("Pod") if spec(p).get("nodeName") == name
            and status(p).get("phase") not in ("Succeeded", "Failed")]
    allocatable = str_map(status(node).get("allocatable")) or str_map(status(node).get("capacity"))
    totals = {r: _quantity_value(allocatable.get(r, 0))
              for r in ("cpu", "memory", "ephemeral-storage")}
    now = cluster.clock.now_ms
    w.write(0, f"Non-terminated Pods:\t({len(pods)} in total)\n")
    w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\t"
               "Age\n")
    w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t"
               "---\n")
    sums: dict[tuple[str, str], Any] = {}
    for pod in pods:
        amounts: dict[tuple[str, str], Any] = {}
        for container in as_list(spec(pod).get("containers")):
            resources = section(container, "resources") if isinstance(container,
                                                                       Mapping) else {}
            for kind in ("requests", "limits"):
                for resource, value in str_map(resources.get(kind)).items():
                    amounts[(kind, resource)] = amounts.get((kind, resource), 0) + _quantity_value(
                        value)
        for key, value in amounts.items():
            sums[key] = sums.get(key, 0) + value

        def cell(kind: str, resource: str, amounts: dict = amounts) -> str:
            value = amounts.get((kind, resource), 0)
            return f"{_format_amount(value, resource)} ({_percent(value, totals[resource])}%)"

        w.write(1, f"{meta(pod).get('namespace')}\t{meta(pod).get('name')}\t\t"
                   f"{cell('requests', 'cpu')}\t{cell('limits', 'cpu')}\t"
                   f"{cell('requests', 'memory')}\t{cell('limits', 'memory')}\t"
                   f"{since(meta(pod).get('creationTimestamp'), now)}\n")
    w.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., "
               "overcommitted.)\n")
    w.write(1, "Resource\tRequests\tLimits\n")
    w.write(1, "--------\t--------\t------\n")
    for resource in ("cpu", "memory", "ephemeral-storage"):
        req = sums.get(("requests", resource), 0)
        lim = sums.get(("limits", resource), 0)
        w.write(1, f"{resource}\t{_format_amount(req, resource)} "
                   f"({_percent(req, totals[resource])}%)\t{_format_amount(lim, resource)} "
                   f"({_percent(lim, totals[resource])}%)\n")


def _format_amount(value: Any, resource: str) -> str:
    from ..quantity import format_quantity

    if not value:
        return "0"
    if resource == "cpu":
        return format_quantity(value)
    return format_quantity(value, "BinarySI")


def describe_namespace(cluster: Cluster, namespace: Obj) -> str:
    w = PrefixWriter()
    w.write(0, f"Name:\t{meta(namespace).get('name') or ''}\n")
    labels_multiline(w, "Labels", meta(namespace).get("labels"))
    annotations_multiline(w, "Annotations", meta(namespace).get("annotations"))
    w.write(0, f"Status:\t{status(namespace).get('phase') or 'Active'}\n")
    w.write(0, "\n")
    w.write(0, "No resource quota.\n")
    w.write(0, "\n")
    w.write(0, "No LimitRange resource.\n")
    return w.text()


def describe_endpoints(cluster: Cluster, endpoints: Obj) -> str:
    w = PrefixWriter()
    _name_ns_labels(w, endpoints)
    w.write(0, "Subsets:\n")
    for subset in as_list(endpoints.get("subsets")):
        if not isinstance(subset, Mapping):
            continue
        ready = ",".join(str(a.get("ip")) for a in as_list(subset.get("addresses"))
                         if isinstance(a, Mapping))
        not_ready = ",".join(str(a.get("ip")) for a in as_list(subset.get("notReadyAddresses"))
                             if isinstance(a, Mapping))
        w.write(1, f"Addresses:\t{ready or '<none>'}\n")
        w.write(1, f"NotReadyAddresses:\t{not_ready or '<none>'}\n")
        ports = [p for p in as_list(subset.get("ports")) if isinstance(p, Mapping)]
        if ports:
            w.write(1, "Ports:\n")
            w.write(2, "Name\tPort\tProtocol\n")
            w.write(2, "----\t----\t--------\n")
            for port in ports:
                w.write(2, f"{port.get('name') or '<unset>'}\t{port.get('port')}\t"
                           f"{port.get('protocol') or 'TCP'}\n")
        w.write(0, "\n")
    events_section(w, cluster, events_for(cluster, endpoints))
    return w.text()


def describe_config_map(cluster: Cluster, cm: Obj) -> str:
    """ConfigMapDescriber: each value in full, binary values as a byte count."""
    w = PrefixWriter()
    _name_ns_labels(w, cm)
    w.write(0, "\nData\n====\n")
    data = section(cm, "data")
    for k in sorted(data):
        w.write(0, f"{k}:\n----\n")
        w.write(0, f"{'' if data[k] is None else data[k]}\n")
        w.write(0, "\n")
    w.write(0, "\nBinaryData\n====\n")
    binary = section(cm, "binaryData")
    for k in sorted(binary):
        w.write(0, f"{k}: {decoded_len(str(binary[k] or ''))} bytes\n")
    w.write(0, "\n")
    events_section(w, cluster, events_for(cluster, cm))
    return w.text()


def describe_secret(cluster: Cluster, secret: Obj) -> str:
    """SecretDescriber: sizes only, never values (but a service account token's), no Events."""
    w = PrefixWriter()
    _name_ns_labels(w, secret)
    secret_type = str(secret.get("type") or "")
    w.write(0, f"\nType:\t{secret_type}\n")
    w.write(0, "\nData\n====\n")
    data = section(secret, "data")
    for k in sorted(data):
        value = str(data[k] or "")
        if k == "token" and secret_type == "kubernetes.io/service-account-token":
            w.write(0, f"{k}:\t{decoded_text(value)}\n")
        else:
            w.write(0, f"{k}:\t{decoded_len(value)} bytes\n")
    return w.text()


# ---- the generic describer (unstructured objects, the simulator's own kinds) ----------------
_ACRONYMS = {"API", "URL", "UID", "OSB", "GUID"}


def _camel_split(text: str) -> list[str]:
    """fatih/camelcase ``Split``."""
    runs: list[list[str]] = []
    last = 0
    for ch in text:
        cls = 1 if ch.islower() else 2 if ch.isupper() else 3 if ch.isdigit() else 4
        if cls == last:
            runs[-1].append(ch)
        else:
            runs.append([ch])
        last = cls
    for i in range(len(runs) - 1):
        if runs[i][0].isupper() and runs[i + 1][0].islower():
            runs[i + 1].insert(0, runs[i].pop())
    return ["".join(r) for r in runs if r]


def smart_label(field: str) -> str:
    """``smartLabelFor``: ``apiVersion`` → ``API Version``."""
    if re.search(r"[^A-Za-z-]", field) or not field:
        return field
    parts = []
    for part in _camel_split(field):
        if part == "_":
            continue
        parts.append(part.upper() if part.upper() in _ACRONYMS else part[:1].upper() + part[1:])
    return " ".join(parts)


_GENERIC_SKIP = {".metadata.managedFields", ".metadata.name", ".metadata.namespace",
                 ".metadata.labels", ".metadata.annotations"}


def _unstructured(w: PrefixWriter, level: int, content: Mapping[str, Any], prefix: str) -> None:
    for field in sorted(content):
        value = content[field]
        path = f"{prefix}.{field}"
        if path in _GENERIC_SKIP:
            continue
        if isinstance(value, Mapping):
            w.write(level, f"{smart_label(field)}:\n")
            _unstructured(w, level + 1, value, path)
        elif isinstance(value, list):
            w.write(level, f"{smart_label(field)}:\n")
            for child in value:
                if isinstance(child, Mapping):
                    _unstructured(w, level + 1, child, path)
                else:
                    w.write(level + 1, f"{go_value(child)}\n")
        else:
            w.write(level, f"{smart_label(field)}:\t{go_value(value)}\n")


def describe_generic(cluster: Cluster, obj: Obj) -> str:
    w = PrefixWriter()
    _name_ns_labels(w, obj)
    _unstructured(w, 0, obj, "")
    events_section(w, cluster, events_for(cluster, obj))
    return w.text()


DESCRIBERS = {
    "PersistentVolume": describe_pv,
    "PersistentVolumeClaim": describe_pvc,
    "StorageClass": describe_sc,
    "Pod": describe_pod,
    "StatefulSet": describe_sts,
    "Service": describe_svc,
    "Node": describe_node,
    "Namespace": describe_namespace,
    "Endpoints": describe_endpoints,
    "ConfigMap": describe_config_map,
    "Secret": describe_secret,
}


def describe(cluster: Cluster, obj: Obj) -> str:
    """``kubectl describe`` of one object, ending with its Events section."""
    describer = DESCRIBERS.get(str(obj.get("kind") or ""), describe_generic)
    return describer(cluster, obj)
