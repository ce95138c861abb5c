"""``kubectl get`` tables: the server-side printers' columns, cell by cell.

Column sets follow ``pkg/printers/internalversion/printers.go`` (current releases:
PVs and claims show VOLUMEATTRIBUTESCLASS, ``-o wide`` adds VOLUMEMODE; pods add IP,
NODE, NOMINATED NODE, READINESS GATES). Headers are the column names upper-cased;
cells are joined by tabs and aligned by :data:`TABLE_WRITER`, like kubectl's
tabwriter (3 spaces of padding, 6 columns minimum, last column unpadded).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..kinds import KINDS
from .duration import since
from .fields import (
    access_modes,
    as_list,
    format_labels,
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
from .podstatus import pod_columns
from .tabwriter import TABLE_WRITER

if TYPE_CHECKING:
    from ..cluster import Cluster

Obj = Mapping[str, Any]
Row = Callable[[Obj, int], list[str]]


@dataclass(frozen=True)
class Printer:
    #: (column name, priority); priority 1 columns only appear with ``-o wide``.
    columns: tuple[tuple[str, int], ...]
    row: Row


def _age(obj: Obj, now_ms: int) -> str:
    return since(meta(obj).get("creationTimestamp"), now_ms)


def _pv_row(pv: Obj, now: int) -> list[str]:
    pv_spec = spec(pv)
    claim_ref = pv_spec.get("claimRef")
    claim = ""
    if claim_ref is not None:
        ref = claim_ref if isinstance(claim_ref, Mapping) else {}
        claim = f"{ref.get('namespace') or ''}/{ref.get('name') or ''}"
    phase = "Terminating" if meta(pv).get("deletionTimestamp") else str(
        status(pv).get("phase") or "")
    vac = pv_spec.get("volumeAttributesClassName")
    mode = pv_spec.get("volumeMode")
    return [str(meta(pv).get("name") or ""), qty(section(pv_spec, "capacity").get("storage")),
            access_modes(pv_spec.get("accessModes")),
            str(pv_spec.get("persistentVolumeReclaimPolicy") or ""), phase, claim, pv_class(pv),
            "<unset>" if vac is None else str(vac), str(status(pv).get("reason") or ""),
            _age(pv, now), "<unset>" if mode is None else str(mode)]


def _pvc_row(pvc: Obj, now: int) -> list[str]:
    pvc_spec = spec(pvc)
    phase = "Terminating" if meta(pvc).get("deletionTimestamp") else str(
        status(pvc).get("phase") or "")
    volume = str(pvc_spec.get("volumeName") or "")
    capacity = modes = ""
    if volume:
        modes = access_modes(status(pvc).get("accessModes"))
        capacity = qty(section(status(pvc), "capacity").get("storage"))
    vac = pvc_spec.get("volumeAttributesClassName")
    mode = pvc_spec.get("volumeMode")
    return [str(meta(pvc).get("name") or ""), phase, volume, capacity, modes, pvc_class(pvc),
            "<unset>" if vac is None else str(vac), _age(pvc, now),
            "<unset>" if mode is None else str(mode)]


def _sc_row(sc: Obj, now: int) -> list[str]:
    name = str(meta(sc).get("name") or "")
    if is_default_class(sc):
        name += " (default)"
    expansion = sc.get("allowVolumeExpansion")
    return [name, str(sc.get("provisioner") or ""), str(sc.get("reclaimPolicy") or "Delete"),
            str(sc.get("volumeBindingMode") or "Immediate"),
            "true" if expansion is True else "false", _age(sc, now)]


def _pod_row(pod: Obj, now: int) -> list[str]:
    ready, reason, restarts = pod_columns(pod, now)
    pod_status = status(pod)
    ips = [ip.get("ip") for ip in as_list(pod_status.get("podIPs")) if isinstance(ip, Mapping)]
    pod_ip = str(ips[0] if ips and ips[0] else pod_status.get("podIP") or "") or "<none>"
    node = str(spec(pod).get("nodeName") or "") or "<none>"
    nominated = str(pod_status.get("nominatedNodeName") or "") or "<none>"
    gates = as_list(spec(pod).get("readinessGates"))
    readiness = "<none>"
    if gates:
        conditions = {c.get("type"): c.get("status") for c in as_list(pod_status.get("conditions"))
                      if isinstance(c, Mapping)}
        true = sum(1 for g in gates if isinstance(g, Mapping)
                   and conditions.get(g.get("conditionType")) == "True")
        readiness = f"{true}/{len(gates)}"
    return [str(meta(pod).get("name") or ""), ready, reason, restarts, _age(pod, now), pod_ip,
            node, nominated, readiness]


def _containers(template_spec: Obj) -> tuple[str, str]:
    """``layoutContainerCells``: container names and images, comma-joined."""
    containers = [c for c in as_list(template_spec.get("containers")) if isinstance(c, Mapping)]
    return (",".join(str(c.get("name") or "") for c in containers),
            ",".join(str(c.get("image") or "") for c in containers))


def _sts_row(sts: Obj, now: int) -> list[str]:
    sts_spec = spec(sts)
    replicas = sts_spec.get("replicas")
    desired = 1 if replicas is None else int(replicas)
    ready = int(status(sts).get("readyReplicas") or 0)
    names, images = _containers(spec(section(sts_spec, "template")))
    return [str(meta(sts).get("name") or ""), f"{ready}/{desired}", _age(sts, now), names,
            images]


def _ports(ports: Any) -> str:
    """``makePortString``: ``80/TCP`` or ``80:30080/TCP``, comma-joined."""
    pieces = []
    for port in as_list(ports):
        if not isinstance(port, Mapping):
            continue
        protocol = port.get("protocol") or "TCP"
        node_port = int(port.get("nodePort") or 0)
        pieces.append(f"{port.get('port')}:{node_port}/{protocol}" if node_port > 0
                      else f"{port.get('port')}/{protocol}")
    return ",".join(pieces)


def _svc_row(svc: Obj, now: int) -> list[str]:
    svc_spec = spec(svc)
    svc_type = str(svc_spec.get("type") or "ClusterIP")
    cluster_ips = as_list(svc_spec.get("clusterIPs"))
    internal = str(cluster_ips[0] if cluster_ips else svc_spec.get("clusterIP") or "") or "<none>"
    external_ips = [str(ip) for ip in as_list(svc_spec.get("externalIPs"))]
    if svc_type in ("ClusterIP", "NodePort"):
        external = ",".join(external_ips) or "<none>"
    elif svc_type == "LoadBalancer":
        ingress = sorted({str(i.get("ip") or i.get("hostname") or "")
                          for i in as_list(section(status(svc), "loadBalancer").get("ingress"))
                          if isinstance(i, Mapping)} - {""})
        external = ",".join(ingress + external_ips) or "<pending>"
    elif svc_type == "ExternalName":
        external = str(svc_spec.get("externalName") or "")
    else:
        external = "<unknown>"
    return [str(meta(svc).get("name") or ""), svc_type, internal, external,
            _ports(svc_spec.get("ports")) or "<none>", _age(svc, now),
            format_labels(svc_spec.get("selector"))]


def node_status_text(node: Obj) -> str:
    """``Ready``, ``NotReady``, ``Unknown``, plus ``,SchedulingDisabled`` when cordoned."""
    parts = []
    for condition in as_list(status(node).get("conditions")):
        if isinstance(condition, Mapping) and condition.get("type") == "Ready":
            parts = ["Ready" if condition.get("status") == "True" else "NotReady"]
    if not parts:
        parts = ["Unknown"]
    if spec(node).get("unschedulable") is True:
        parts.append("SchedulingDisabled")
    return ",".join(parts)


def node_roles(node: Obj) -> list[str]:
    """``findNodeRoles``: ``node-role.kubernetes.io/<role>`` and ``kubernetes.io/role``."""
    roles = set()
    for key, value in str_map(meta(node).get("labels")).items():
        if key.startswith("node-role.kubernetes.io/") and key[len("node-role.kubernetes.io/"):]:
            roles.add(key[len("node-role.kubernetes.io/"):])
        elif key == "kubernetes.io/role" and value:
            roles.add(value)
    return sorted(roles)


def _node_address(node: Obj, kind: str) -> str:
    for address in as_list(status(node).get("addresses")):
        if isinstance(address, Mapping) and address.get("type") == kind:
            return str(address.get("address") or "")
    return "<none>"


def _node_row(node: Obj, now: int) -> list[str]:
    info = section(status(node), "nodeInfo")
    return [str(meta(node).get("name") or ""), node_status_text(node),
            ",".join(node_roles(node)) or "<none>", _age(node, now),
            str(info.get("kubeletVersion") or ""), _node_address(node, "InternalIP"),
            _node_address(node, "ExternalIP"), str(info.get("osImage") or "") or "<unknown>",
            str(info.get("kernelVersion") or "") or "<unknown>",
            str(info.get("containerRuntimeVersion") or "") or "<unknown>"]


def event_source(event: Obj) -> str:
    """``formatEventSource``: ``component`` or ``component, host``."""
    source = section(event, "source")
    component = str(source.get("component") or event.get("reportingComponent") or "")
    host = str(source.get("host") or event.get("reportingInstance") or "")
    return f"{component}, {host}" if host else component


def _event_row(event: Obj, now: int) -> list[str]:
    first = since(event.get("firstTimestamp"), now)
    if not event.get("firstTimestamp"):
        first = since(event.get("eventTime"), now)
    last = since(event.get("lastTimestamp"), now) if event.get("lastTimestamp") else first
    count = int(event.get("count") or 0) or 1
    involved = section(event, "involvedObject")
    kind = str(involved.get("kind") or "").lower()
    target = f"{kind}/{involved.get('name')}" if involved.get("name") else kind
    return [last, str(event.get("type") or ""), str(event.get("reason") or ""), target,
            str(involved.get("fieldPath") or ""), event_source(event),
            str(event.get("message") or "").strip(), first, str(count),
            str(meta(event).get("name") or "")]


def endpoints_text(endpoints: Obj) -> str:
    """``formatEndpoints``: up to three ``ip:port``, then `` + N more...``."""
    subsets = [s for s in as_list(endpoints.get("subsets")) if isinstance(s, Mapping)]
    if not subsets:
        return "<none>"
    shown: list[str] = []
    count = 0
    more = False
    for subset in subsets:
        addresses = [a for a in as_list(subset.get("addresses")) if isinstance(a, Mapping)]
        ports = [p for p in as_list(subset.get("ports")) if isinstance(p, Mapping)] or [None]
        for port in ports:
            count += len(addresses)
            for address in addresses:
                if len(shown) == 3:
                    more = True
                    break
                ip = str(address.get("ip") or "")
                shown.append(ip if port is None else
                             (f"[{ip}]:{port.get('port')}" if ":" in ip
                              else f"{ip}:{port.get('port')}"))
    text = ",".join(shown)
    return f"{text} + {count - 3} more..." if more else text


def _endpoints_row(endpoints: Obj, now: int) -> list[str]:
    return [str(meta(endpoints).get("name") or ""), endpoints_text(endpoints),
            _age(endpoints, now)]


def _controller_revision_row(revision: Obj, now: int) -> list[str]:
    """printControllerRevision: CONTROLLER is the controller's kind.group/name."""
    owner = "<none>"
    for ref in meta(revision).get("ownerReferences") or ():
        if isinstance(ref, Mapping) and ref.get("controller") is True:
            api_version = str(ref.get("apiVersion") or "")
            group = api_version.rpartition("/")[0]
            kind = str(ref.get("kind") or "").lower()
            owner = f"{kind}.{group}/{ref.get('name')}" if group else f"{kind}/{ref.get('name')}"
            break
    return [str(meta(revision).get("name") or ""), owner, str(revision.get("revision") or 0),
            _age(revision, now)]


def _namespace_row(namespace: Obj, now: int) -> list[str]:
    return [str(meta(namespace).get("name") or ""), str(status(namespace).get("phase") or
                                                        "Active"), _age(namespace, now)]


def nfs_exports(server: Obj) -> list[str]:
    """The export paths of an NFSServer (entries may be paths or ``{path: ...}``)."""
    paths = []
    for export in as_list(spec(server).get("exports")):
        path = export.get("path") if isinstance(export, Mapping) else export
        if path:
            paths.append(str(path))
    return paths


def nfs_address(server: Obj) -> str:
    server_spec = spec(server)
    for key in ("address", "server", "host", "ip"):
        if server_spec.get(key):
            return str(server_spec[key])
    return str(meta(server).get("name") or "")


def _nfs_row(server: Obj, now: int) -> list[str]:
    return [str(meta(server).get("name") or ""), nfs_address(server),
            ",".join(nfs_exports(server)) or "<none>", _age(server, now)]


def _config_map_row(cm: Obj, now: int) -> list[str]:
    """printConfigMap: DATA counts data and binaryData keys."""
    count = len(section(cm, "data")) + len(section(cm, "binaryData"))
    return [str(meta(cm).get("name") or ""), str(count), _age(cm, now)]


def _secret_row(secret: Obj, now: int) -> list[str]:
    return [str(meta(secret).get("name") or ""), str(secret.get("type") or ""),
            str(len(section(secret, "data"))), _age(secret, now)]


PRINTERS: dict[str, Printer] = {
    "PersistentVolume": Printer(
        (("Name", 0), ("Capacity", 0), ("Access Modes", 0), ("Reclaim Policy", 0),
         ("Status", 0), ("Claim", 0), ("StorageClass", 0), ("VolumeAttributesClass", 0),
         ("Reason", 0), ("Age", 0), ("VolumeMode", 1)), _pv_row),
    "PersistentVolumeClaim": Printer(
        (("Name", 0), ("Status", 0), ("Volume", 0), ("Capacity", 0), ("Access Modes", 0),
         ("StorageClass", 0), ("VolumeAttributesClass", 0), ("Age", 0), ("VolumeMode", 1)),
        _pvc_row),
    "StorageClass": Printer(
        (("Name", 0), ("Provisioner", 0), ("ReclaimPolicy", 0), ("VolumeBindingMode", 0),
         ("AllowVolumeExpansion", 0), ("Age", 0)), _sc_row),
    "Pod": Printer(
        (("Name", 0), ("Ready", 0), ("Status", 0), ("Restarts", 0), ("Age", 0), ("IP", 1),
         ("Node", 1), ("Nominated Node", 1), ("Readiness Gates", 1)), _pod_row),
    "StatefulSet": Printer(
        (("Name", 0), ("Ready", 0), ("Age", 0), ("Containers", 1), ("Images", 1)), _sts_row),
    "Service": Printer(
        (("Name", 0), ("Type", 0), ("Cluster-IP", 0), ("External-IP", 0), ("Port(s)", 0),
         ("Age", 0), ("Selector", 1)), _svc_row),
    "Node": Printer(
        (("Name", 0), ("Status", 0), ("Roles", 0), ("Age", 0), ("Version", 0),
         ("Internal-IP", 1), ("External-IP", 1), ("OS-Image", 1), ("Kernel-Version", 1),
         ("Container-Runtime", 1)), _node_row),
    "Event": Printer(
        (("Last Seen", 0), ("Type", 0), ("Reason", 0), ("Object", 0), ("Subobject", 1),
         ("Source", 1), ("Message", 0), ("First Seen", 1), ("Count", 1), ("Name", 1)),
        _event_row),
    "Endpoints": Printer((("Name", 0), ("Endpoints", 0), ("Age", 0)), _endpoints_row),
    "ControllerRevision": Printer((("Name", 0), ("Controller", 0), ("Revision", 0), ("Age", 0)),
                                  _controller_revision_row),
    "Namespace": Printer((("Name", 0), ("Status", 0), ("Age", 0)), _namespace_row),
    "NFSServer": Printer((("Name", 0), ("Address", 0), ("Exports", 0), ("Age", 0)), _nfs_row),
    "ConfigMap": Printer((("Name", 0), ("Data", 0), ("Age", 0)), _config_map_row),
    "Secret": Printer((("Name", 0), ("Type", 0), ("Data", 0), ("Age", 0)), _secret_row),
}


def _escape(cell: str) -> str:
    # A tab or newline inside a cell would break the tabwriter's columns.
    return cell.replace("\t", " ").replace("\n", " ")


def label_column_header(key: str) -> str:
    """``-L app.kubernetes.io/name`` heads its column ``NAME``: the part after the last
    slash, upper-cased (cli-runtime's formatLabelHeaders)."""
    return key.rsplit("/", 1)[-1].upper()


def table_rows(kind: str, objs: Sequence[Obj], now_ms: int, *, wide: bool = False,
               with_kind: bool = False, with_namespace: bool = False,
               show_labels: bool = False, headers: bool = True,
               label_columns: Sequence[str] = ()) -> list[list[str]]:
    """Header and rows of the ``kubectl get`` table for ``objs`` of one kind.

    Like cli-runtime's decorateTable: NAMESPACE first, then the printer's columns, one
    column per ``-L`` key (empty where the object lacks the label), LABELS last.
    """
    printer = PRINTERS[kind]
    keep = [i for i, (_, priority) in enumerate(printer.columns) if priority == 0 or wide]
    name_index = next((i for i, (name, _) in enumerate(printer.columns) if name == "Name"), None)
    rows: list[list[str]] = []
    if headers:
        header = [printer.columns[i][0].upper() for i in keep]
        if with_namespace:
            header.insert(0, "NAMESPACE")
        header.extend(label_column_header(key) for key in label_columns)
        if show_labels:
            header.append("LABELS")
        rows.append(header)
    info = KINDS.get(kind)
    prefix = f"{info.qualified_singular}/" if info else f"{kind.lower()}/"
    for obj in objs:
        cells = printer.row(obj, now_ms)
        if with_kind and name_index is not None and kind != "Event":
            cells[name_index] = prefix + cells[name_index]
        row = [_escape(cells[i]) for i in keep]
        if with_namespace:
            row.insert(0, str(meta(obj).get("namespace") or ""))
        if label_columns:
            labels = str_map(meta(obj).get("labels"))
            row.extend(_escape(labels.get(key, "")) for key in label_columns)
        if show_labels:
            row.append(format_labels(meta(obj).get("labels")))
        rows.append(row)
    return rows


def render(rows: Sequence[Sequence[str]]) -> str:
    """Rows through kubectl's tabwriter (each row ends with a newline)."""
    if not rows:
        return ""
    return TABLE_WRITER.format("".join("\t".join(row) + "\n" for row in rows))


def get_table(cluster: Cluster, kind: str, objs: Sequence[Obj], wide: bool = False, *,
              with_kind: bool = False, with_namespace: bool = False,
              show_labels: bool = False, headers: bool = True,
              label_columns: Sequence[str] = ()) -> str:
    """The ``kubectl get`` table for ``objs`` (all of ``kind``); "" when there are none."""
    if not objs:
        return ""
    return render(table_rows(kind, objs, cluster.clock.now_ms, wide=wide, with_kind=with_kind,
                             with_namespace=with_namespace, show_labels=show_labels,
                             headers=headers, label_columns=label_columns))


__all__ = ["PRINTERS", "get_table", "label_column_header", "node_roles", "node_status_text", "render",
           "selector_string", "table_rows"]
