"""The graph people see: objects and their storage relations, kept in step with changes.

:class:`GraphProjection` subscribes to a cluster's change records and keeps a
directed graph (plain dicts: nodes, edges, in/out adjacency) up to date
*incrementally*: a change re-derives only the node
it touches and the edges incident to it (plus the implied NFS/StorageClass nodes it
references), using small indexes, so one change costs the same at 50 objects or
5,000. Every change also yields a :class:`GraphDelta` (what appeared, changed and
went) so a view can animate history one record at a time.

Readers never get the live graph: :meth:`GraphProjection.snapshot` returns a
:class:`GraphSnapshot` of frozen dataclasses and tuples. networkx is not needed
for any of this (no graph algorithm runs here) and costs a fifth of a second to
import at every start, so it is imported only by :meth:`GraphSnapshot.to_networkx`,
for callers that want one of its algorithms on a copy.

Node ids are the object's uid; nodes that are implied rather than stored have
readable ids: ``nfs:<server>`` (an NFS server only named by PVs),
``nfs:<server>:<path>`` (an export), ``sc:<name>`` (a StorageClass that claims or
volumes name but that does not exist — Kubernetes then reports
``storageclass.storage.k8s.io "<name>" not found``).

Every edge depends only on its two endpoints, which is what makes the incremental
update exact; :func:`build_snapshot` derives the same graph from scratch, pair by
pair, and the tests hold the two to each other.
"""

from __future__ import annotations

import gc
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .objects import Key, get_path, is_deleting, key_of, labels_of, name_of, namespace_of, uid_of
from .quantity import try_parse
from .store import Change

if TYPE_CHECKING:
    import networkx as nx

    from .cluster import Cluster

# ---- vocabulary ------------------------------------------------------------------------

PV = "PersistentVolume"
PVC = "PersistentVolumeClaim"
SC = "StorageClass"
POD = "Pod"
STS = "StatefulSet"
SVC = "Service"
NODE = "Node"
NFS_SERVER = "NFSServer"
#: Not a stored kind: one exported directory of an NFS server.
NFS_EXPORT = "NFSExport"

#: Kinds whose objects become graph nodes (Events, Endpoints, Namespaces do not).
PROJECTED_KINDS = frozenset({PV, PVC, SC, POD, STS, SVC, NODE, NFS_SERVER})
#: The same kinds in a fixed order (a frozenset's order changes from run to run).
_LOAD_ORDER = (NODE, SC, NFS_SERVER, PV, PVC, STS, SVC, POD)

EXPORT = "export"        # NFS export → PV
CLASS = "class"          # StorageClass → PV / PVC
BINDING = "binding"      # PV → PVC
MOUNT = "mount"          # PVC → Pod
OWNS = "owns"            # StatefulSet → Pod
TEMPLATE = "template"    # StatefulSet → PVC made from its volumeClaimTemplates
SELECTS = "selects"      # Service → Pod
SCHEDULED = "scheduled"  # Pod → Node
SERVES = "serves"        # NFS server → its export
RELATIONS = (EXPORT, CLASS, BINDING, MOUNT, OWNS, TEMPLATE, SELECTS, SCHEDULED, SERVES)

#: Binding states: both sides agree / PV's claimRef only / claim's volumeName only.
BOUND = "bound"
RESERVED = "reserved"
REQUESTED = "requested"

_MODE_ABBREV = {"ReadWriteOnce": "RWO", "ReadOnlyMany": "ROX", "ReadWriteMany": "RWX",
                "ReadWriteOncePod": "RWOP"}
_BETA_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class"
_DEFAULT_CLASS_ANNOTATIONS = ("storageclass.kubernetes.io/is-default-class",
                              "storageclass.beta.kubernetes.io/is-default-class")
CLUSTER_DOMAIN = "cluster.local"
_ORDINAL = re.compile(r"^(.*)-([0-9]+)$")

FactValue = Any  # str | int | bool | tuple[str, ...]


# ---- the frozen picture ----------------------------------------------------------------

_MISSING = object()
_GONE = object()


# GraphNode and GraphEdge are frozen dataclasses with their own __init__: the generated
# one of a frozen class calls object.__setattr__ per field, which doubled the cost of
# the 20,000 records a 5,000-object graph is made of. Theirs store through the slots.

@dataclass(frozen=True, slots=True, init=False)
class GraphNode:
    """One box in the picture. ``status`` is the text shown for its state (phase)."""

    id: str
    kind: str
    name: str
    namespace: str
    uid: str
    status: str
    facts: tuple[tuple[str, FactValue], ...]

    def __init__(self, id: str, kind: str, name: str, namespace: str, uid: str,  # noqa: A002
                 status: str, facts: tuple[tuple[str, FactValue], ...]) -> None:
        _node_id(self, id)
        _node_kind(self, kind)
        _node_name(self, name)
        _node_namespace(self, namespace)
        _node_uid(self, uid)
        _node_status(self, status)
        _node_facts(self, facts)

    def fact(self, key: str, default: FactValue = None) -> FactValue:
        for k, v in self.facts:
            if k == key:
                return v
        return default

    @property
    def facts_dict(self) -> dict[str, FactValue]:
        return dict(self.facts)

    @property
    def implied(self) -> bool:
        """True for nodes derived from references rather than stored objects."""
        return not self.uid


@dataclass(frozen=True, slots=True, init=False)
class GraphEdge:
    """A relation ``source → target``; ``state`` is set for bindings only."""

    source: str
    target: str
    relation: str
    state: str = ""

    def __init__(self, source: str, target: str, relation: str, state: str = "") -> None:
        _edge_source(self, source)
        _edge_target(self, target)
        _edge_relation(self, relation)
        _edge_state(self, state)

    @property
    def key(self) -> tuple[str, str]:
        return (self.source, self.target)


(_node_id, _node_kind, _node_name, _node_namespace, _node_uid, _node_status,
 _node_facts) = (GraphNode.__dict__[f].__set__
                  for f in ("id", "kind", "name", "namespace", "uid", "status", "facts"))
_edge_source, _edge_target, _edge_relation, _edge_state = (
    GraphEdge.__dict__[f].__set__ for f in ("source", "target", "relation", "state"))


@dataclass(frozen=True, slots=True)
class GraphDelta:
    """What one change record did to the graph (for staged animation)."""

    seq: int
    time_ms: int
    action: str
    key: Key
    actor: str
    reason: str
    nodes_added: tuple[GraphNode, ...] = ()
    nodes_changed: tuple[GraphNode, ...] = ()
    nodes_removed: tuple[GraphNode, ...] = ()
    edges_added: tuple[GraphEdge, ...] = ()
    edges_changed: tuple[GraphEdge, ...] = ()
    edges_removed: tuple[GraphEdge, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.nodes_added or self.nodes_changed or self.nodes_removed
                    or self.edges_added or self.edges_changed or self.edges_removed)


class _Layers(Mapping):
    """A read-only map: a shared, never-mutated ``base`` dict under a small ``diff``
    (values, or ``_GONE`` for removed keys).

    Snapshots of a 5,000-object graph copy only the diff (the changes since the last
    compaction), so taking one after a change costs the same in a big cluster as in a
    small one.
    """

    __slots__ = ("_base", "_diff", "_len", "_flat")

    def __init__(self, base: dict, diff: dict, length: int) -> None:
        self._base = base
        self._diff = diff
        self._len = length
        self._flat: dict | None = base if not diff else None

    def flat(self) -> dict:
        if self._flat is None:
            merged = dict(self._base)
            for key, value in self._diff.items():
                if value is _GONE:
                    merged.pop(key, None)
                else:
                    merged[key] = value
            self._flat = merged
        return self._flat

    def get(self, key, default=None):
        value = self._diff.get(key, _MISSING)
        if value is _MISSING:
            return self._base.get(key, default)
        return default if value is _GONE else value

    def __getitem__(self, key):
        value = self.get(key, _MISSING)
        if value is _MISSING:
            raise KeyError(key)
        return value

    def __contains__(self, key) -> bool:
        return self.get(key, _MISSING) is not _MISSING

    def __iter__(self):
        return iter(self.flat())

    def __len__(self) -> int:
        return self._len

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _Layers):
            return self.flat() == other.flat()
        return self.flat() == other

    __hash__ = None  # type: ignore[assignment]


class _CowMap:
    """The projection's live node (or edge) map, handing out :class:`_Layers` views.

    Writes go to a diff over a base shared with earlier snapshots; the diff is folded
    into a fresh base once it grows past a fraction of the base (amortised O(1) per
    write), and never while a snapshot still needs the old base (it gets a new one).
    """

    def __init__(self, base: dict | None = None) -> None:
        self._base: dict = base if base is not None else {}
        self._diff: dict = {}
        self._len = len(self._base)

    def get(self, key, default=None):
        value = self._diff.get(key, _MISSING)
        if value is _MISSING:
            return self._base.get(key, default)
        return default if value is _GONE else value

    def __contains__(self, key) -> bool:
        return self.get(key, _MISSING) is not _MISSING

    def __setitem__(self, key, value) -> None:
        if key not in self:
            self._len += 1
        self._diff[key] = value
        self._maybe_compact()

    def pop(self, key, default=None):
        value = self.get(key, _MISSING)
        if value is _MISSING:
            return default
        self._len -= 1
        if key in self._base:
            self._diff[key] = _GONE
        else:
            del self._diff[key]
        self._maybe_compact()
        return value

    def _maybe_compact(self) -> None:
        if len(self._diff) > 256 + len(self._base) // 16:
            self.compact()

    def compact(self) -> None:
        if self._diff:
            self._base = _Layers(self._base, self._diff, self._len).flat()
            self._diff = {}

    def view(self) -> _Layers:
        return _Layers(self._base, dict(self._diff), self._len)


def _flat(mapping):
    return mapping.flat() if isinstance(mapping, _Layers) else mapping


class GraphSnapshot:
    """The whole graph at change ``seq``: immutable; ``nodes`` sorted by id, ``edges`` by
    (source, target).

    Built from private copies of the projection's maps (a dict copy, not a rebuild, so
    a snapshot per change stays cheap at 5,000 objects); the sorted tuples are made on
    first use. ``recent`` holds the deltas of the latest changes (oldest first) so a
    view given a batch of change records can replay them one by one; it is not part
    of equality.
    """

    __slots__ = ("_nodes", "_edges", "_node_tuple", "_edge_tuple", "_by_seq", "seq", "recent")

    def __init__(self, nodes: Iterable[GraphNode] | Mapping[str, GraphNode] = (),
                 edges: Iterable[GraphEdge] | Mapping[tuple[str, str], GraphEdge] = (),
                 seq: int = 0, recent: Iterable[GraphDelta] = ()) -> None:
        # _Layers are already private (the projection never writes to them).
        node_map = nodes if isinstance(nodes, _Layers) else \
            dict(nodes) if isinstance(nodes, Mapping) else {n.id: n for n in nodes}
        edge_map = edges if isinstance(edges, _Layers) else \
            dict(edges) if isinstance(edges, Mapping) else {e.key: e for e in edges}
        init = object.__setattr__
        init(self, "_nodes", node_map)
        init(self, "_edges", edge_map)
        init(self, "_node_tuple", None)
        init(self, "_edge_tuple", None)
        init(self, "_by_seq", None)
        init(self, "seq", seq)
        init(self, "recent", tuple(recent))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("GraphSnapshot is immutable")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, GraphSnapshot):
            return NotImplemented
        return _flat(self._nodes) == _flat(other._nodes) and \
            _flat(self._edges) == _flat(other._edges)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"GraphSnapshot(seq={self.seq}, nodes={len(self._nodes)}, edges={len(self._edges)})"

    def __len__(self) -> int:
        return len(self._nodes)

    @property
    def nodes(self) -> tuple[GraphNode, ...]:
        if self._node_tuple is None:
            nodes = _flat(self._nodes)
            # Sorting the keys alone: ids are unique, so the order is that of the items.
            object.__setattr__(self, "_node_tuple", tuple(map(nodes.__getitem__, sorted(nodes))))
        return self._node_tuple  # type: ignore[return-value]

    @property
    def edges(self) -> tuple[GraphEdge, ...]:
        if self._edge_tuple is None:
            edges = _flat(self._edges)
            object.__setattr__(self, "_edge_tuple", tuple(map(edges.__getitem__, sorted(edges))))
        return self._edge_tuple  # type: ignore[return-value]

    def node(self, node_id: str) -> GraphNode | None:
        return self._nodes.get(node_id)

    def edge(self, source: str, target: str) -> GraphEdge | None:
        return self._edges.get((source, target))

    def has_node(self, node_id: str) -> bool:
        return node_id in self._nodes

    def node_ids(self) -> frozenset[str]:
        return frozenset(_flat(self._nodes))

    def delta_for(self, seq: int) -> GraphDelta | None:
        """The delta of change ``seq`` if it is among the recent ones (it may be empty)."""
        if self._by_seq is None:
            object.__setattr__(self, "_by_seq", {d.seq: d for d in self.recent})
        return self._by_seq.get(seq)  # type: ignore[union-attr]

    def by_kind(self, kind: str) -> list[GraphNode]:
        return [n for n in self.nodes if n.kind == kind]

    def edges_of(self, node_id: str) -> list[GraphEdge]:
        return [e for e in self.edges if node_id in (e.source, e.target)]

    def to_networkx(self) -> nx.DiGraph:
        """A fresh DiGraph copy (node attribute ``node``, edge attribute ``edge``)."""
        import networkx as nx

        g = nx.DiGraph()
        for n in self.nodes:
            g.add_node(n.id, node=n)
        for e in self.edges:
            g.add_edge(e.source, e.target, edge=e)
        return g


# ---- facts: what a label needs, from one object alone ----------------------------------

def abbreviate_modes(modes: Iterable[str] | None) -> tuple[str, ...]:
    return tuple(_MODE_ABBREV.get(str(m), str(m)) for m in (modes or ()))


def _quantity_text(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return _quantity_text_cached(value)
    q = try_parse(value)
    return str(q) if q is not None else str(value)


@lru_cache(maxsize=1024)
def _quantity_text_cached(value: str) -> str:
    q = try_parse(value)
    return str(q) if q is not None else value


def volume_class(pv: Mapping[str, Any]) -> str:
    """GetPersistentVolumeClass: the beta annotation wins over spec.storageClassName."""
    annotations = get_path(pv, "metadata", "annotations", default={}) or {}
    if _BETA_CLASS_ANNOTATION in annotations:
        return str(annotations[_BETA_CLASS_ANNOTATION] or "")
    return str(get_path(pv, "spec", "storageClassName", default="") or "")


def claim_class(claim: Mapping[str, Any]) -> str | None:
    """GetPersistentVolumeClaimClass; None when the claim names no class at all (unset)."""
    annotations = get_path(claim, "metadata", "annotations", default={}) or {}
    if _BETA_CLASS_ANNOTATION in annotations:
        return str(annotations[_BETA_CLASS_ANNOTATION] or "")
    spec = claim.get("spec") or {}
    if "storageClassName" not in spec or spec.get("storageClassName") is None:
        return None
    return str(spec.get("storageClassName"))


def _norm_path(path: str) -> str:
    """``/nfs/pv1/`` → ``/nfs/pv1``; a relative path gets a leading ``/`` (ids rely on it)."""
    path = "/" + str(path or "").lstrip("/")
    return path.rstrip("/") or "/"


def nfs_ref(pv: Mapping[str, Any]) -> tuple[str, str] | None:
    """``(server, path)`` of an NFS volume, or None."""
    nfs = get_path(pv, "spec", "nfs")
    if not (type(nfs) is dict or isinstance(nfs, Mapping)) or not nfs.get("server"):
        return None
    return (str(nfs["server"]), _norm_path(str(nfs.get("path") or "/")))


def server_address(server: Mapping[str, Any]) -> str:
    """The address PVs use to name a declared NFSServer (``spec.address``, else its name)."""
    spec = server.get("spec") or {}
    for field_name in ("address", "server", "host"):
        if spec.get(field_name):
            return str(spec[field_name])
    return name_of(server)


#: Annotation the engine puts on NFSServer objects it keeps for servers only PVs name.
IMPLIED_ANNOTATION = "simulator.pvgraph.dev/implied"


def server_is_implied(server: Mapping[str, Any]) -> bool:
    annotations = get_path(server, "metadata", "annotations", default={}) or {}
    return str(annotations.get(IMPLIED_ANNOTATION) or "") == "true"


def server_exports(server: Mapping[str, Any]) -> tuple[str, ...]:
    """The directories a declared NFSServer exports (``spec.exports``: paths or {path})."""
    out = []
    for entry in (server.get("spec") or {}).get("exports") or ():
        path = entry.get("path") if isinstance(entry, Mapping) else entry
        if path:
            out.append(_norm_path(str(path)))
    return tuple(sorted(set(out)))


def export_id(server: str, path: str) -> str:
    return f"nfs:{server}:{path}"


def implied_server_id(server: str) -> str:
    return f"nfs:{server}"


def implied_class_id(name: str) -> str:
    return f"sc:{name}"


def pod_claims(pod: Mapping[str, Any]) -> tuple[str, ...]:
    """Names of the claims a pod mounts, in volume order, without repeats."""
    names: list[str] = []
    for volume in get_path(pod, "spec", "volumes", default=()) or ():
        claim = get_path(volume, "persistentVolumeClaim", "claimName")
        if claim and claim not in names:
            names.append(str(claim))
    return tuple(names)


def pod_owner_sets(pod: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """``(name, uid)`` of every StatefulSet ownerReference."""
    refs = get_path(pod, "metadata", "ownerReferences", default=()) or ()
    return tuple((str(r.get("name") or ""), str(r.get("uid") or ""))
                 for r in refs if (type(r) is dict or isinstance(r, Mapping))
                 and r.get("kind") == STS)


def pod_status_text(pod: Mapping[str, Any]) -> str:
    """The STATUS column of ``kubectl get pods``, from kubectl's own printer (so the graph
    and the terminal never disagree); "Pending" for a pod with no status at all."""
    from .kubectl.podstatus import pod_columns

    return pod_columns(pod, 0)[1] or "Pending"


def _condition(obj: Mapping[str, Any], type_: str) -> str:
    for c in get_path(obj, "status", "conditions", default=()) or ():
        if (type(c) is dict or isinstance(c, Mapping)) and c.get("type") == type_:
            return str(c.get("status") or "")
    return ""


def _condition_message(obj: Mapping[str, Any], type_: str) -> str:
    for c in get_path(obj, "status", "conditions", default=()) or ():
        if (type(c) is dict or isinstance(c, Mapping)) and c.get("type") == type_ \
                and c.get("status") != "True":
            return str(c.get("message") or "")
    return ""


def node_status_text(node: Mapping[str, Any]) -> str:
    """The STATUS column of ``kubectl get nodes``."""
    ready = _condition(node, "Ready")
    parts = ["Ready" if ready == "True" else "NotReady"] if ready else ["Unknown"]
    if get_path(node, "spec", "unschedulable"):
        parts.append("SchedulingDisabled")
    return ",".join(parts)


def _ready_containers(pod: Mapping[str, Any]) -> str:
    statuses = get_path(pod, "status", "containerStatuses", default=()) or ()
    total = len(get_path(pod, "spec", "containers", default=()) or ()) or len(statuses)
    ready = sum(1 for cs in statuses if cs.get("ready"))
    return f"{ready}/{total}"


def _mapping(value: Any) -> Mapping[str, Any]:
    """``value`` if it is a mapping, else an empty one (what ``get_path`` walks through)."""
    if type(value) is dict or isinstance(value, Mapping):
        return value
    return _NO_FIELDS


_NO_FIELDS: Mapping[str, Any] = {}


def _facts_pv(pv: Mapping[str, Any]) -> tuple[str, dict[str, FactValue]]:
    spec = pv.get("spec") or {}
    status = _mapping(pv.get("status"))
    phase = str(status.get("phase") or "Pending")
    deleting = is_deleting(pv)
    ref = spec.get("claimRef") or {}
    claim = f"{ref.get('namespace') or 'default'}/{ref.get('name')}" if ref.get("name") else ""
    nfs = nfs_ref(pv)
    facts: dict[str, FactValue] = {
        "capacity": _quantity_text(get_path(spec, "capacity", "storage")),
        "modes": abbreviate_modes(spec.get("accessModes")),
        "class": volume_class(pv),
        "reclaim": str(spec.get("persistentVolumeReclaimPolicy") or "Retain"),
        "phase": phase,
        "claim": claim,
        "volume_mode": str(spec.get("volumeMode") or "Filesystem"),
        "source": f"nfs {nfs[0]}:{nfs[1]}" if nfs else _volume_source(spec),
        "message": str(status.get("message") or ""),
        "deleting": deleting,
    }
    return ("Terminating" if deleting else phase), facts


def _volume_source(spec: Mapping[str, Any]) -> str:
    for key in ("hostPath", "local", "csi"):
        if key in spec:
            detail = get_path(spec, key, "path") or get_path(spec, key, "driver") or ""
            return f"{key} {detail}".strip()
    return ""


def _facts_pvc(claim: Mapping[str, Any]) -> tuple[str, dict[str, FactValue]]:
    spec = claim.get("spec") or {}
    status = _mapping(claim.get("status"))
    phase = str(status.get("phase") or "Pending")
    cls = claim_class(claim)
    deleting = is_deleting(claim)
    facts: dict[str, FactValue] = {
        "request": _quantity_text(get_path(spec, "resources", "requests", "storage")),
        "capacity": _quantity_text(get_path(status, "capacity", "storage")),
        "modes": abbreviate_modes(spec.get("accessModes")),
        "class": cls or "",
        "class_set": cls is not None,
        "phase": phase,
        "volume": str(spec.get("volumeName") or ""),
        "volume_mode": str(spec.get("volumeMode") or "Filesystem"),
        "deleting": deleting,
    }
    return ("Terminating" if deleting else phase), facts


def _facts_pod(pod: Mapping[str, Any]) -> tuple[str, dict[str, FactValue]]:
    spec = pod.get("spec") or {}
    ns = namespace_of(pod)
    hostname = spec.get("hostname") or ""
    subdomain = spec.get("subdomain") or ""
    dns = f"{hostname}.{subdomain}.{ns}.svc.{CLUSTER_DOMAIN}" if hostname and subdomain else ""
    status = pod_status_text(pod)
    pod_status = _mapping(pod.get("status"))
    deleting = is_deleting(pod)
    facts: dict[str, FactValue] = {
        "phase": str(pod_status.get("phase") or "Pending"),
        "node": str(spec.get("nodeName") or ""),
        "ip": str(pod_status.get("podIP") or ""),
        "dns": dns,
        # Cluster DNS answers for the name only while the pod is a ready address of
        # its headless Service's Endpoints; the endpoints controller publishes ready,
        # not terminating pods, so a Pending pod's name does not resolve yet.
        "dns_ready": bool(dns) and _condition(pod, "Ready") == "True" and not deleting,
        "ready": _ready_containers(pod),
        "claims": pod_claims(pod),
        "message": _condition_message(pod, "PodScheduled"),
        "deleting": deleting,
    }
    return status, facts


def _facts_sts(sts: Mapping[str, Any]) -> tuple[str, dict[str, FactValue]]:
    replicas = get_path(sts, "spec", "replicas")
    replicas = 1 if replicas is None else int(replicas)
    ready = int(get_path(sts, "status", "readyReplicas", default=0) or 0)
    templates = tuple(str(get_path(t, "metadata", "name", default="") or "")
                      for t in get_path(sts, "spec", "volumeClaimTemplates", default=()) or ())
    facts: dict[str, FactValue] = {
        "replicas": replicas,
        "ready_replicas": ready,
        "ready": f"{ready}/{replicas}",
        "service": str(get_path(sts, "spec", "serviceName", default="") or ""),
        "templates": templates,
        "policy": str(get_path(sts, "spec", "podManagementPolicy", default="") or "OrderedReady"),
        "deleting": is_deleting(sts),
    }
    if is_deleting(sts):
        status = "Terminating"
    else:
        status = "Ready" if ready >= replicas else "Progressing"
    return status, facts


def _facts_svc(svc: Mapping[str, Any]) -> tuple[str, dict[str, FactValue]]:
    spec = svc.get("spec") or {}
    selector = spec.get("selector") or {}
    ports = tuple(f"{p.get('port')}/{p.get('protocol') or 'TCP'}"
                  for p in spec.get("ports") or () if isinstance(p, Mapping))
    cluster_ip = str(spec.get("clusterIP") or "")
    facts: dict[str, FactValue] = {
        "type": str(spec.get("type") or "ClusterIP"),
        "cluster_ip": cluster_ip,
        "headless": cluster_ip == "None",
        "selector": tuple(f"{k}={v}" for k, v in sorted(selector.items())),
        "ports": ports,
        "dns": f"{name_of(svc)}.{namespace_of(svc)}.svc.{CLUSTER_DOMAIN}",
        "deleting": is_deleting(svc),
    }
    return ("Terminating" if is_deleting(svc) else ""), facts


def _facts_node(node: Mapping[str, Any]) -> tuple[str, dict[str, FactValue]]:
    status = node_status_text(node)
    facts: dict[str, FactValue] = {
        "ready": _condition(node, "Ready") == "True",
        "unschedulable": bool(get_path(node, "spec", "unschedulable")),
        "hostname": str(labels_of(node).get("kubernetes.io/hostname") or name_of(node)),
        "deleting": is_deleting(node),
    }
    return status, facts


def _facts_sc(sc: Mapping[str, Any]) -> tuple[str, dict[str, FactValue]]:
    annotations = get_path(sc, "metadata", "annotations", default={}) or {}
    facts: dict[str, FactValue] = {
        "provisioner": str(sc.get("provisioner") or ""),
        "binding_mode": str(sc.get("volumeBindingMode") or "Immediate"),
        "reclaim": str(sc.get("reclaimPolicy") or "Delete"),
        "default": any(annotations.get(a) == "true" for a in _DEFAULT_CLASS_ANNOTATIONS),
        "expansion": bool(sc.get("allowVolumeExpansion")),
        "missing": False,
    }
    return ("Terminating" if is_deleting(sc) else ""), facts


def _facts_server(server: Mapping[str, Any]) -> tuple[str, dict[str, FactValue]]:
    facts: dict[str, FactValue] = {
        "address": server_address(server),
        "declared": not server_is_implied(server),
        "exports": server_exports(server),
        "export_count": len(server_exports(server)),
    }
    return ("Terminating" if is_deleting(server) else ""), facts


_FACTS: dict[str, Callable[[Mapping[str, Any]], tuple[str, dict[str, FactValue]]]] = {
    PV: _facts_pv, PVC: _facts_pvc, POD: _facts_pod, STS: _facts_sts, SVC: _facts_svc,
    NODE: _facts_node, SC: _facts_sc, NFS_SERVER: _facts_server,
}


def object_id(obj: Mapping[str, Any]) -> str:
    uid = uid_of(obj)
    if uid:
        return uid
    kind, ns, name = key_of(obj)
    return f"{kind}:{ns}/{name}"


def plain_node_of(obj: Mapping[str, Any]) -> GraphNode:
    """:func:`node_of` read the plain way, through the ``_facts_*`` functions (the
    reference the fast readers below are tested against)."""
    kind = str(obj.get("kind") or "")
    status, facts = _FACTS[kind](obj)
    uid = uid_of(obj)
    return GraphNode(uid or object_id(obj), kind, name_of(obj), namespace_of(obj), uid,
                     status, tuple(sorted(facts.items())))


def node_of(obj: Mapping[str, Any]) -> GraphNode:
    """The graph node for a stored object (its facts come from the object alone)."""
    kind = obj.get("kind")
    if kind == PV:
        return _pv_parts(obj)[0]
    if kind == PVC:
        return _pvc_parts(obj)[0]
    if kind == POD:
        return _pod_parts(obj)[0]
    return plain_node_of(obj)


# ---- the common kinds read once --------------------------------------------------------
# A 5,000-object start reads every PV, claim and pod for its facts, its index entries,
# the implied nodes it names and its edges. These readers take what all of those need
# in one go, for plain manifests (dicts, string names); anything else goes the plain
# way. The facts tuples are written in sorted key order (what plain_node_of sorts into).

def _meta_strings(meta: dict) -> tuple[str, str, str]:
    """(name, namespace, uid) as name_of, namespace_of and uid_of read them."""
    name, ns, uid = meta.get("name"), meta.get("namespace"), meta.get("uid")
    if type(name) is not str:
        name = str(name or "")
    if type(ns) is not str:
        ns = str(ns or "")
    if type(uid) is not str:
        uid = str(uid or "")
    return name, ns, uid


_modes_seen: dict[tuple, tuple[str, ...]] = {}


def _modes(modes: Any) -> tuple[str, ...]:
    """abbreviate_modes, remembered for the few lists clusters use."""
    if type(modes) is list:
        try:
            key = tuple(modes)
            found = _modes_seen.get(key)
        except TypeError:  # an unhashable entry
            return abbreviate_modes(modes)
        if found is None:
            found = abbreviate_modes(key)
            if len(_modes_seen) < 256:
                _modes_seen[key] = found
        return found
    return abbreviate_modes(modes)


def _storage(holder: Any) -> Any:
    """``get_path(holder, "storage")`` for a dict or None holder."""
    return None if holder is None else holder.get("storage")


def _plain_claimref_key(pv: Mapping[str, Any]) -> tuple[str, str] | None:
    ref = get_path(pv, "spec", "claimRef") or {}
    return (ref.get("namespace") or "default", ref["name"]) if ref.get("name") else None


def _pv_parts(pv: Mapping[str, Any]) -> tuple[GraphNode, str, tuple[str, str] | None,
                                               tuple[str, str] | None]:
    """A PV's node, class, NFS ``(server, path)`` and claimRef ``(namespace, name)``."""
    meta, spec, status = pv.get("metadata"), pv.get("spec"), pv.get("status")
    if type(meta) is dict and type(spec) is dict and (status is None or type(status) is dict):
        annotations = meta.get("annotations")
        ref, nfs, capacity = spec.get("claimRef"), spec.get("nfs"), spec.get("capacity")
        if (annotations is None or type(annotations) is dict) and \
                (ref is None or type(ref) is dict) and (nfs is None or type(nfs) is dict) and \
                (capacity is None or type(capacity) is dict):
            name, ns, uid = _meta_strings(meta)
            if annotations and _BETA_CLASS_ANNOTATION in annotations:
                cls = str(annotations[_BETA_CLASS_ANNOTATION] or "")
            else:
                cls = str(spec.get("storageClassName") or "")
            export = None
            if nfs and nfs.get("server"):
                export = (str(nfs["server"]), _norm_path(str(nfs.get("path") or "/")))
            ref_key = None
            claim = ""
            if ref:
                ref_name = ref.get("name")
                if ref_name:
                    ref_key = (ref.get("namespace") or "default", ref_name)
                    claim = f"{ref_key[0]}/{ref_name}"
            if status is None:
                status = _NO_FIELDS
            phase = str(status.get("phase") or "Pending")
            deleting = bool(meta.get("deletionTimestamp"))
            facts = (
                ("capacity", _quantity_text(_storage(capacity))),
                ("claim", claim),
                ("class", cls),
                ("deleting", deleting),
                ("message", str(status.get("message") or "")),
                ("modes", _modes(spec.get("accessModes"))),
                ("phase", phase),
                ("reclaim", str(spec.get("persistentVolumeReclaimPolicy") or "Retain")),
                ("source", f"nfs {export[0]}:{export[1]}" if export else _volume_source(spec)),
                ("volume_mode", str(spec.get("volumeMode") or "Filesystem")),
            )
            node = GraphNode(uid or f"{PV}:{ns}/{name}", PV, name, ns, uid,
                             "Terminating" if deleting else phase, facts)
            return node, cls, export, ref_key
    return plain_node_of(pv), volume_class(pv), nfs_ref(pv), _plain_claimref_key(pv)


def _pvc_parts(claim: Mapping[str, Any]) -> tuple[GraphNode, str | None, Any]:
    """A claim's node, class (claim_class) and raw ``spec.volumeName``."""
    meta, spec, status = claim.get("metadata"), claim.get("spec"), claim.get("status")
    if type(meta) is dict and type(spec) is dict and (status is None or type(status) is dict):
        annotations = meta.get("annotations")
        resources = spec.get("resources")
        requests = resources.get("requests") if type(resources) is dict else None
        capacity = status.get("capacity") if status is not None else None
        if (annotations is None or type(annotations) is dict) and \
                (resources is None or type(resources) is dict) and \
                (requests is None or type(requests) is dict) and \
                (capacity is None or type(capacity) is dict):
            name, ns, uid = _meta_strings(meta)
            if annotations and _BETA_CLASS_ANNOTATION in annotations:
                cls: str | None = str(annotations[_BETA_CLASS_ANNOTATION] or "")
            else:
                value = spec.get("storageClassName")
                cls = None if value is None else str(value)
            if status is None:
                status = _NO_FIELDS
            phase = str(status.get("phase") or "Pending")
            deleting = bool(meta.get("deletionTimestamp"))
            volume = spec.get("volumeName")
            facts = (
                ("capacity", _quantity_text(_storage(capacity))),
                ("class", cls or ""),
                ("class_set", cls is not None),
                ("deleting", deleting),
                ("modes", _modes(spec.get("accessModes"))),
                ("phase", phase),
                ("request", _quantity_text(_storage(requests))),
                ("volume", str(volume or "")),
                ("volume_mode", str(spec.get("volumeMode") or "Filesystem")),
            )
            node = GraphNode(uid or f"{PVC}:{ns}/{name}", PVC, name, ns, uid,
                             "Terminating" if deleting else phase, facts)
            return node, cls, volume
    return plain_node_of(claim), claim_class(claim), get_path(claim, "spec", "volumeName")


def _pod_parts(pod: Mapping[str, Any]) -> tuple[GraphNode, tuple[str, ...]]:
    """A pod's node and the claims it mounts (pod_claims)."""
    meta, spec, status = pod.get("metadata"), pod.get("spec"), pod.get("status")
    if type(meta) is dict and type(spec) is dict and (status is None or type(status) is dict):
        name, ns, uid = _meta_strings(meta)
        hostname = spec.get("hostname") or ""
        subdomain = spec.get("subdomain") or ""
        dns = f"{hostname}.{subdomain}.{ns}.svc.{CLUSTER_DOMAIN}" if hostname and subdomain else ""
        deleting = bool(meta.get("deletionTimestamp"))
        pod_status = _NO_FIELDS if status is None else status
        claims = pod_claims(pod)
        facts = (
            ("claims", claims),
            ("deleting", deleting),
            ("dns", dns),
            ("dns_ready", bool(dns) and _condition(pod, "Ready") == "True" and not deleting),
            ("ip", str(pod_status.get("podIP") or "")),
            ("message", _condition_message(pod, "PodScheduled")),
            ("node", str(spec.get("nodeName") or "")),
            ("phase", str(pod_status.get("phase") or "Pending")),
            ("ready", _ready_containers(pod)),
        )
        node = GraphNode(uid or f"{POD}:{ns}/{name}", POD, name, ns, uid,
                         pod_status_text(pod), facts)
        return node, claims
    return plain_node_of(pod), pod_claims(pod)


def implied_class_node(name: str) -> GraphNode:
    facts = {"provisioner": "", "binding_mode": "", "reclaim": "", "default": False,
             "expansion": False, "missing": True}
    return GraphNode(implied_class_id(name), SC, name, "", "", "Not found",
                     tuple(sorted(facts.items())))


def implied_server_node(address: str, export_count: int) -> GraphNode:
    facts = {"address": address, "declared": False, "export_count": export_count}
    return GraphNode(implied_server_id(address), NFS_SERVER, address, "", "", "",
                     tuple(sorted(facts.items())))


def export_node(server: str, path: str, *, declared_server: bool,
                declared_exports: tuple[str, ...]) -> GraphNode:
    # An implied server exports every path its PVs name (the simulator's assumption);
    # a declared one exports only what it lists, and directories below those.
    if declared_server:
        exported = any(path == e or path.startswith(e.rstrip("/") + "/") for e in declared_exports)
    else:
        exported = True
    facts = (("declared", path in declared_exports), ("exported", exported), ("path", path),
             ("server", server))  # in key order
    return GraphNode(export_id(server, path), NFS_EXPORT, path, "", "",
                     "Exported" if exported else "Not exported", facts)


# ---- the relations, each a function of its two endpoints ------------------------------

def binding_state(pv: Mapping[str, Any], claim: Mapping[str, Any]) -> str | None:
    """``bound`` / ``reserved`` (claimRef only) / ``requested`` (volumeName only) / None."""
    ref = get_path(pv, "spec", "claimRef") or {}
    ref_match = bool(ref.get("name")) and ref.get("name") == name_of(claim) and (
        (ref.get("namespace") or "default") == namespace_of(claim)) and (
        not ref.get("uid") or ref.get("uid") == uid_of(claim))
    vol_match = bool(name_of(pv)) and get_path(claim, "spec", "volumeName") == name_of(pv)
    if ref_match and vol_match:
        return BOUND
    if ref_match:
        return RESERVED
    if vol_match:
        return REQUESTED
    return None


def template_matches(sts: Mapping[str, Any], claim: Mapping[str, Any]) -> bool:
    """Is ``claim`` one a StatefulSet makes from a template: ``<template>-<set>-<ordinal>``?"""
    if namespace_of(sts) != namespace_of(claim):
        return False
    match = _ORDINAL.match(name_of(claim))
    if not match:
        return False
    prefix = match.group(1)
    set_name = name_of(sts)
    for template in get_path(sts, "spec", "volumeClaimTemplates", default=()) or ():
        tname = get_path(template, "metadata", "name")
        if tname and prefix == f"{tname}-{set_name}":
            return True
    return False


def owns(sts: Mapping[str, Any], pod: Mapping[str, Any]) -> bool:
    if namespace_of(sts) != namespace_of(pod):
        return False
    set_name, set_uid = name_of(sts), uid_of(sts)
    return any(name == set_name and (not uid or uid == set_uid)
               for name, uid in pod_owner_sets(pod))


def selects(svc: Mapping[str, Any], pod: Mapping[str, Any]) -> bool:
    """A Service selects a pod when its (non-empty) selector is a subset of the pod's labels."""
    if namespace_of(svc) != namespace_of(pod):
        return False
    selector = get_path(svc, "spec", "selector") or {}
    if not selector:
        return False
    labels = labels_of(pod)
    return all(labels.get(k) == v for k, v in selector.items())


# ---- from scratch ----------------------------------------------------------------------

def build_snapshot(objects: Iterable[Mapping[str, Any]], seq: int = 0) -> GraphSnapshot:
    """The graph of ``objects`` derived from scratch, pair by pair (the reference answer)."""
    by_kind: dict[str, list[Mapping[str, Any]]] = {k: [] for k in PROJECTED_KINDS}
    for obj in objects:
        kind = str(obj.get("kind") or "")
        if kind in by_kind:
            by_kind[kind].append(obj)
    nodes: dict[str, GraphNode] = {}
    edges: dict[tuple[str, str], GraphEdge] = {}
    for objs in by_kind.values():
        for obj in objs:
            node = node_of(obj)
            nodes[node.id] = node

    declared: dict[str, Mapping[str, Any]] = {}
    for server in sorted(by_kind[NFS_SERVER], key=lambda o: (server_is_implied(o), key_of(o))):
        declared.setdefault(server_address(server), server)
    exports: dict[tuple[str, str], None] = {}
    for address, server in declared.items():
        for path in server_exports(server):
            exports[(address, path)] = None
    for pv in by_kind[PV]:
        ref = nfs_ref(pv)
        if ref:
            exports[ref] = None
    for server in by_kind[NFS_SERVER]:
        if declared.get(server_address(server)) is not server:
            nodes.pop(object_id(server), None)  # a second server object for one address
    server_ids: dict[str, str] = {}
    for address in sorted({a for a, _ in exports} | set(declared)):
        if address in declared:
            server_ids[address] = object_id(declared[address])
        else:
            node = implied_server_node(address, sum(1 for a, _ in exports if a == address))
            nodes[node.id] = node
            server_ids[address] = node.id
    for address, path in exports:
        server = declared.get(address)
        node = export_node(address, path, declared_server=server is not None
                           and not server_is_implied(server),
                           declared_exports=server_exports(server) if server else ())
        nodes[node.id] = node
        edges[(server_ids[address], node.id)] = GraphEdge(server_ids[address], node.id, SERVES)
    for pv in by_kind[PV]:
        ref = nfs_ref(pv)
        if ref:
            edges[(export_id(*ref), object_id(pv))] = GraphEdge(export_id(*ref), object_id(pv), EXPORT)

    classes = {name_of(sc): object_id(sc) for sc in by_kind[SC]}
    users = [(volume_class(pv), pv) for pv in by_kind[PV]]
    users += [(claim_class(c) or "", c) for c in by_kind[PVC]]
    for cls, user in users:
        if not cls:
            continue
        if cls not in classes:
            node = implied_class_node(cls)
            nodes[node.id] = node
            classes[cls] = node.id
        edges[(classes[cls], object_id(user))] = GraphEdge(classes[cls], object_id(user), CLASS)

    def add(a: Mapping[str, Any], b: Mapping[str, Any], relation: str, state: str = "") -> None:
        edges[(object_id(a), object_id(b))] = GraphEdge(object_id(a), object_id(b), relation, state)

    for pv in by_kind[PV]:
        for claim in by_kind[PVC]:
            state = binding_state(pv, claim)
            if state:
                add(pv, claim, BINDING, state)
    claims = {(namespace_of(c), name_of(c)): c for c in by_kind[PVC]}
    nodes_by_name = {name_of(n): n for n in by_kind[NODE]}
    for pod in by_kind[POD]:
        for claim_name in pod_claims(pod):
            claim = claims.get((namespace_of(pod), claim_name))
            if claim is not None:
                add(claim, pod, MOUNT)
        node = nodes_by_name.get(str(get_path(pod, "spec", "nodeName", default="") or ""))
        if node is not None:
            add(pod, node, SCHEDULED)
        for sts in by_kind[STS]:
            if owns(sts, pod):
                add(sts, pod, OWNS)
        for svc in by_kind[SVC]:
            if selects(svc, pod):
                add(svc, pod, SELECTS)
    for sts in by_kind[STS]:
        for claim in by_kind[PVC]:
            if template_matches(sts, claim):
                add(sts, claim, TEMPLATE)
    return GraphSnapshot(nodes, edges, seq)


# ---- incrementally ---------------------------------------------------------------------

def _index_add(index: dict, key: Any, value: Any) -> None:
    bucket = index.get(key)
    if bucket is None:
        index[key] = {value}
    else:
        bucket.add(value)


def _index_discard(index: dict, key: Any, value: Any) -> None:
    bucket = index.get(key)
    if bucket is not None:
        bucket.discard(value)
        if not bucket:
            del index[key]


class GraphProjection:
    """The cluster's storage picture as a directed graph, updated change by change.

    Construct it on a :class:`~core.cluster.Cluster` (it subscribes itself; call
    :meth:`close` to stop) or with ``cluster=None`` and feed :meth:`apply` yourself.
    """

    #: How many recent deltas snapshots carry for replay.
    RECENT = 512

    def __init__(self, cluster: Cluster | None = None, *, objects: Iterable[Mapping[str, Any]] = (),
                 subscribe: bool = True) -> None:
        # The live graph: nodes by id, edges by (source, target), and adjacency both ways.
        self._nodes: dict[str, GraphNode] = {}
        self._edges: dict[tuple[str, str], GraphEdge] = {}
        self._out: dict[str, set[str]] = {}
        self._in: dict[str, set[str]] = {}
        self._objects: dict[Key, Mapping[str, Any]] = {}
        self._id_of: dict[Key, str] = {}
        self._key_of: dict[str, Key] = {}
        # Indexes from a referenced name to the keys of the objects referring to it.
        self._claims_by_volume: dict[str, set[Key]] = {}
        self._pvs_by_claimref: dict[tuple[str, str], set[Key]] = {}
        self._pods_by_claim: dict[tuple[str, str], set[Key]] = {}
        self._pods_by_owner: dict[tuple[str, str], set[Key]] = {}
        self._pods_by_node: dict[str, set[Key]] = {}
        self._by_ns: dict[tuple[str, str], set[Key]] = {}  # (kind, ns) → keys
        self._users_by_class: dict[str, set[Key]] = {}
        self._pvs_by_export: dict[tuple[str, str], set[Key]] = {}
        self._servers_by_address: dict[str, set[Key]] = {}
        self._claims_by_prefix: dict[tuple[str, str], set[Key]] = {}  # (ns, "www-web")
        self._pods_by_label: dict[tuple[str, str, str], set[Key]] = {}  # (ns, label, value)
        self._sets_by_prefix: dict[tuple[str, str], set[Key]] = {}  # (ns, "<template>-<set>")
        self._services_by_label: dict[tuple[str, str, str], set[Key]] = {}  # first selector item
        self._exports_by_address: dict[str, set[str]] = {}  # address → paths (existing nodes)
        # Mirrors of the live node and edge maps, for cheap snapshots.
        self._node_map = _CowMap()
        self._edge_map = _CowMap()
        self._recent: deque[GraphDelta] = deque(maxlen=self.RECENT)
        self._seq = 0
        self._snapshot: GraphSnapshot | None = None
        self._listeners: list[Callable[[GraphDelta], None]] = []
        self._cluster = cluster
        if cluster is not None:
            # Only the projected kinds, unsorted (all_objects sorts every kind, Events too).
            self._load(obj for kind in _LOAD_ORDER for obj in cluster.store.iter_kind(kind))
        else:
            self._load(obj for obj in list(objects) if obj.get("kind") in PROJECTED_KINDS)
        if cluster is not None:
            self._seq = cluster.store.last_seq
            if subscribe:
                cluster.subscribe(self.apply)

    # ---- public --------------------------------------------------------------------
    def close(self) -> None:
        """Stop following the cluster."""
        if self._cluster is not None:
            self._cluster.unsubscribe(self.apply)
            self._cluster = None

    def add_listener(self, callback: Callable[[GraphDelta], None]) -> None:
        """Call ``callback`` with every non-empty delta, in order (exceptions propagate)."""
        self._listeners.append(callback)

    def remove_listener(self, callback: Callable[[GraphDelta], None]) -> None:
        if callback in self._listeners:
            self._listeners.remove(callback)

    @property
    def seq(self) -> int:
        """The seq of the last change record applied."""
        return self._seq

    def __len__(self) -> int:
        return len(self._nodes)

    def apply(self, change: Change) -> GraphDelta | None:
        """Bring the graph up to date with one change record; return what it did."""
        self._seq = change.seq
        if change.kind not in PROJECTED_KINDS:
            return None
        delta = self._apply_object(change.key, change.old, change.new, change)
        if delta is not None:
            # Empty ones too: a view then knows it saw every change of a batch.
            self._recent.append(delta)
            if not delta.empty:
                for callback in list(self._listeners):
                    callback(delta)
        return delta

    def snapshot(self) -> GraphSnapshot:
        """An immutable copy of the current graph (cached until the next change)."""
        snap = self._snapshot
        if snap is not None and snap.seq == self._seq:
            return snap
        snap = GraphSnapshot(self._node_map.view(), self._edge_map.view(), self._seq,
                             self._recent)
        self._snapshot = snap
        return snap

    def to_networkx(self) -> nx.DiGraph:
        """A copy of the live graph (safe to modify)."""
        return self.snapshot().to_networkx()

    # ---- the live graph ------------------------------------------------------------
    def _add_edge(self, edge_key: tuple[str, str], edge: GraphEdge) -> None:
        source, target = edge_key
        self._edges[edge_key] = edge
        self._out.setdefault(source, set()).add(target)
        self._in.setdefault(target, set()).add(source)
        self._edge_map[edge_key] = edge

    def _remove_edge(self, edge_key: tuple[str, str]) -> None:
        source, target = edge_key
        del self._edges[edge_key]
        _index_discard(self._out, source, target)
        _index_discard(self._in, target, source)
        self._edge_map.pop(edge_key, None)

    def _edge_keys_of(self, nid: str) -> list[tuple[str, str]]:
        """The keys of every edge touching ``nid``: outgoing, then incoming."""
        return [(nid, t) for t in self._out.get(nid, ())] + \
            [(s, nid) for s in self._in.get(nid, ())]

    def _load(self, objects: Iterable[Mapping[str, Any]]) -> None:
        """The initial objects in one pass: index them all, then derive every node and
        edge once. Object by object, each PV re-derived the hubs it touches (its class,
        its NFS server), which made a 5,000-object start quadratic in places."""
        # Thousands of small acyclic objects (nodes, edges, index sets) in a row: the
        # cyclic collector would walk the whole young heap again and again for nothing
        # (a third of the time at 5,000 objects). It is back on before we return.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._load_objects(list(objects))
        finally:
            if collecting:
                gc.enable()

    def _load_objects(self, objects: list[Mapping[str, Any]]) -> None:
        keys = [key_of(obj) for obj in objects]
        if len(set(keys)) != len(keys):
            # The same object twice: the later one replaces the earlier, as a change would.
            for key, obj in zip(keys, objects):
                self._apply_object(key, None, obj)
            return
        if self._bulk_load(keys, objects):
            return
        ids: set[str] = set()
        for key, obj in zip(keys, objects):
            self._objects[key] = obj
            self._index(key, obj)
        for key, obj in zip(keys, objects):
            ids |= self._affected_ids(obj)
            nid = object_id(obj)
            ids.add(nid)
            self._id_of[key] = nid
            self._key_of[nid] = key
        if ids:
            self._derive_all(ids)

    def _bulk_load(self, keys: list[Key], objects: list[Mapping[str, Any]]) -> bool:
        """:meth:`_load_objects` in one pass over the objects: each PV, claim and pod is
        read once for its node, its index entries, the implied nodes it names and its
        edges (the generic route reads each up to four times). Returns False, having
        changed nothing, when ids collide or look like implied ones; the generic route
        then sorts that out."""
        ids = [uid_of(obj) or f"{kind}:{ns}/{name}"
               for (kind, ns, name), obj in zip(keys, objects)]
        if len(set(ids)) != len(ids) or any(i.startswith(("nfs:", "sc:")) for i in ids):
            return False
        stored, id_of, key_of_id = self._objects, self._id_of, self._key_of
        by_ns, users_by_class = self._by_ns, self._users_by_class
        pvs_by_export = self._pvs_by_export
        nodes: dict[str, GraphNode] = {}
        pvs: list[tuple] = []
        claims: list[tuple[str, str | None]] = []
        pods: list[tuple] = []
        sets: list[str] = []
        servers: list[str] = []
        class_names: dict[str, None] = {}
        exports: dict[tuple[str, str], None] = {}
        for key, obj, nid in zip(keys, objects, ids):
            kind, ns, name = key
            stored[key] = obj
            id_of[key] = nid
            key_of_id[nid] = key
            if kind == PV:
                node, cls, export, ref_key = _pv_parts(obj)
                _index_add(by_ns, (kind, ns), key)
                if ref_key:
                    _index_add(self._pvs_by_claimref, ref_key, key)
                if cls:
                    _index_add(users_by_class, cls, key)
                    class_names[cls] = None
                if export:
                    _index_add(pvs_by_export, export, key)
                    exports[export] = None
                nodes[nid] = node
                pvs.append((nid, name, obj, export, cls, ref_key))
            elif kind == PVC:
                node, claim_cls, volume = _pvc_parts(obj)
                _index_add(by_ns, (kind, ns), key)
                if volume:
                    _index_add(self._claims_by_volume, str(volume), key)
                if claim_cls:
                    _index_add(users_by_class, claim_cls, key)
                    class_names[claim_cls] = None
                match = _ORDINAL.match(name)
                if match:
                    _index_add(self._claims_by_prefix, (ns, match.group(1)), key)
                nodes[nid] = node
                claims.append((nid, claim_cls))
            elif kind == POD:
                node, claim_names = _pod_parts(obj)
                _index_add(by_ns, (kind, ns), key)
                labels = labels_of(obj)
                for label in labels.items():
                    _index_add(self._pods_by_label, (ns, *label), key)
                for claim in claim_names:
                    _index_add(self._pods_by_claim, (ns, claim), key)
                owners = pod_owner_sets(obj)
                for owner, _uid in owners:
                    _index_add(self._pods_by_owner, (ns, owner), key)
                node_name = get_path(obj, "spec", "nodeName")
                if node_name:
                    _index_add(self._pods_by_node, str(node_name), key)
                nodes[nid] = node
                pods.append((nid, ns, obj, claim_names, owners, labels, node_name))
            else:
                self._index(key, obj)
                if kind == NFS_SERVER:
                    servers.append(nid)  # which one stands for an address needs them all
                    continue
                nodes[nid] = plain_node_of(obj)
                if kind == STS:
                    sets.append(nid)
                elif kind == SC:
                    class_names[name_of(obj)] = None

        # The implied nodes, as _derive_all finds them: exports first (implied servers
        # exist because of them, and count them).
        export_ids = {export_id(*ref) for ref in exports}
        others: set[str] = {implied_class_id(name) for name in class_names}
        others.update(servers)
        for nid in servers:
            for affected in self._affected_ids(stored[key_of_id[nid]]):
                (export_ids if _is_export_id(affected) else others).add(affected)
        exports_by_address, servers_by_address = self._exports_by_address, self._servers_by_address
        server_ids: dict[str, str] = {}
        for eid in export_ids:
            address, _, rest = eid[4:].partition(":/")
            path = "/" + rest
            if address not in server_ids:
                server_ids[address] = self._server_id(address)
                others.add(server_ids[address])
                others.add(implied_server_id(address))
            if address not in servers_by_address and pvs_by_export.get((address, path)):
                wanted = export_node(address, path, declared_server=False, declared_exports=())
            else:
                wanted = self._wanted_node(eid)
            if wanted is None:
                _index_discard(exports_by_address, address, path)
            else:
                _index_add(exports_by_address, address, path)
                nodes[eid] = wanted
        for nid in others:
            wanted = self._wanted_node(nid)
            if wanted is not None:
                nodes[nid] = wanted
        self._nodes = nodes

        # Every edge once, from its spoke's end, as _incident(both_ends=False) finds it.
        edges: dict[tuple[str, str], GraphEdge] = {}

        def link(source: str, target: str, relation: str, state: str = "") -> None:
            if source in nodes and target in nodes:
                edges[(source, target)] = GraphEdge(source, target, relation, state)

        for eid in export_ids:
            if eid in nodes:
                link(server_ids[str(nodes[eid].fact("server"))], eid, SERVES)
        class_ids: dict[str, str] = {}

        def class_id(name: str) -> str:
            found = class_ids.get(name)
            if found is None:
                found = class_ids[name] = self._class_id(name)
            return found

        claims_by_volume = self._claims_by_volume
        for nid, name, obj, export, cls, ref_key in pvs:
            if export:
                link(export_id(*export), nid, EXPORT)
            if cls:
                link(class_id(cls), nid, CLASS)
            candidates = set(claims_by_volume.get(name, ()))
            if ref_key:
                candidates.add((PVC, *ref_key))
            for ckey in candidates:
                claim = stored.get(ckey)
                if claim is not None:
                    state = binding_state(obj, claim)
                    if state:
                        link(nid, id_of[ckey], BINDING, state)
        for nid, claim_cls in claims:
            if claim_cls:
                link(class_id(claim_cls), nid, CLASS)
        services_by_label = self._services_by_label
        for nid, ns, obj, claim_names, owners, labels, node_name in pods:
            for claim in claim_names:
                ckey = (PVC, ns, claim)
                if ckey in stored:
                    link(id_of[ckey], nid, MOUNT)
            for owner, _uid in owners:
                skey = (STS, ns, owner)
                sts = stored.get(skey)
                if sts is not None:
                    set_uid = uid_of(sts)
                    if any(n == owner and (not u or u == set_uid) for n, u in owners):
                        link(id_of[skey], nid, OWNS)
            if services_by_label:
                for label in labels.items():
                    for skey in services_by_label.get((ns, *label), ()):
                        if selects(stored[skey], obj):
                            link(id_of[skey], nid, SELECTS)
            if node_name:
                nkey = (NODE, "", str(node_name))
                if nkey in stored:
                    link(nid, id_of[nkey], SCHEDULED)
        for nid in sets:
            edges.update(self._incident(nid, both_ends=False))
        self._install_bulk(nodes, edges)
        return True

    def _derive_all(self, ids: set[str]) -> None:
        """What :meth:`_refresh` does for an empty graph, with the graph built in bulk."""
        for nid in list(ids):
            if _is_export_id(nid):
                address = nid[4:].partition(":/")[0]
                ids.add(self._server_id(address))
                ids.add(implied_server_id(address))
        # Exports first: implied servers exist because of them (and count them).
        exports = sorted(i for i in ids if _is_export_id(i))
        export_set = set(exports)
        others = sorted(i for i in ids if i not in export_set)
        nodes: dict[str, GraphNode] = {}
        exports_by_address = self._exports_by_address
        for nid in exports:
            wanted = self._wanted_node(nid)
            address, _, path = nid[4:].partition(":/")
            if wanted is None:
                _index_discard(exports_by_address, address, "/" + path)
            else:
                _index_add(exports_by_address, address, "/" + path)
                nodes[nid] = wanted
        key_of, objects = self._key_of, self._objects
        for nid in others:
            key = key_of.get(nid)
            obj = objects.get(key) if key is not None else None
            # A stored object is its own node (uids are unique here: each id was filed
            # under the one object it came from), except a second NFSServer for an address.
            if obj is not None and obj.get("kind") != NFS_SERVER:
                wanted = node_of(obj)
            else:
                wanted = self._wanted_node(nid)
            if wanted is not None:
                nodes[nid] = wanted
        self._nodes = nodes
        edges: dict[tuple[str, str], GraphEdge] = {}
        for nid in nodes:
            # Every edge is found from both of its ends; in bulk, from one end is enough.
            edges.update(self._incident(nid, both_ends=False))
        self._install_bulk(nodes, edges)

    def _install_bulk(self, nodes: dict[str, GraphNode],
                      edges: dict[tuple[str, str], GraphEdge]) -> None:
        """Make a bulk-built graph the live one: edges, adjacency, snapshot mirrors."""
        self._nodes = nodes
        self._edges = edges
        out, into = self._out, self._in
        for source, target in edges:
            if source in out:
                out[source].add(target)
            else:
                out[source] = {target}
            if target in into:
                into[target].add(source)
            else:
                into[target] = {source}
        # The snapshot mirrors share nothing with the live maps (those keep changing).
        self._node_map = _CowMap(dict(nodes))
        self._edge_map = _CowMap(dict(edges))

    # ---- bookkeeping of one object -------------------------------------------------
    def _apply_object(self, key: Key, old: Mapping[str, Any] | None,
                      new: Mapping[str, Any] | None, change: Change | None = None
                      ) -> GraphDelta | None:
        current = self._objects.get(key)
        if old is None:
            old = current
        elif current is not None and current is not old:
            old = current  # trust what we indexed, not what the record says
        ids: set[str] = set()
        if old is not None:
            ids |= self._affected_ids(old)
            self._unindex(key, old)
        if new is not None:
            self._objects[key] = new
            self._index(key, new)
            ids |= self._affected_ids(new)
        else:
            self._objects.pop(key, None)
        if old is not None:
            ids.add(self._id_of.get(key, object_id(old)))
        if new is not None:
            ids.add(object_id(new))
        if old is not None and new is None:
            self._id_of.pop(key, None)
        elif new is not None:
            old_id = self._id_of.get(key)
            if old_id is not None and old_id != object_id(new):
                self._key_of.pop(old_id, None)
            self._id_of[key] = object_id(new)
            self._key_of[object_id(new)] = key
        delta = self._refresh(ids, change)
        if new is None and old is not None:
            self._key_of.pop(object_id(old), None)
        return delta

    def _affected_ids(self, obj: Mapping[str, Any]) -> set[str]:
        """Implied nodes whose existence or facts depend on ``obj``."""
        kind = obj.get("kind")
        out: set[str] = set()
        if kind == PV:
            ref = nfs_ref(obj)
            if ref:
                out.add(export_id(*ref))
                out.add(implied_server_id(ref[0]))
            cls = volume_class(obj)
            if cls:
                out.add(implied_class_id(cls))
        elif kind == PVC:
            cls = claim_class(obj)
            if cls:
                out.add(implied_class_id(cls))
        elif kind == SC:
            out.add(implied_class_id(name_of(obj)))
        elif kind == NFS_SERVER:
            address = server_address(obj)
            out.add(implied_server_id(address))
            for path in server_exports(obj):
                out.add(export_id(address, path))
            for path in self._exports_by_address.get(address, ()):
                out.add(export_id(address, path))
            # Another server object for the address may take over (and its exports).
            for other in self._servers_by_address.get(address, ()):
                out.add(object_id(self._objects[other]))
                for path in server_exports(self._objects[other]):
                    out.add(export_id(address, path))
        return out

    def _index_entries(self, key: Key, obj: Mapping[str, Any]) -> Iterator[tuple[dict, Any]]:
        """Every (index, index key) under which ``obj`` is filed; adding and removing share it."""
        kind, ns, name = key
        yield self._by_ns, (kind, ns)
        if kind == PV:
            ref = get_path(obj, "spec", "claimRef") or {}
            if ref.get("name"):
                yield self._pvs_by_claimref, (ref.get("namespace") or "default", ref["name"])
            cls = volume_class(obj)
            if cls:
                yield self._users_by_class, cls
            nfs = nfs_ref(obj)
            if nfs:
                yield self._pvs_by_export, nfs
        elif kind == PVC:
            volume = get_path(obj, "spec", "volumeName")
            if volume:
                yield self._claims_by_volume, str(volume)
            cls = claim_class(obj)
            if cls:
                yield self._users_by_class, cls
            match = _ORDINAL.match(name)
            if match:
                yield self._claims_by_prefix, (ns, match.group(1))
        elif kind == POD:
            for label in labels_of(obj).items():
                yield self._pods_by_label, (ns, *label)
            for claim in pod_claims(obj):
                yield self._pods_by_claim, (ns, claim)
            for owner, _uid in pod_owner_sets(obj):
                yield self._pods_by_owner, (ns, owner)
            node = get_path(obj, "spec", "nodeName")
            if node:
                yield self._pods_by_node, str(node)
        elif kind == STS:
            for prefix in _template_prefixes(obj):
                yield self._sets_by_prefix, (ns, prefix)
        elif kind == SVC:
            item = _first_selector_item(obj)
            if item:
                yield self._services_by_label, (ns, *item)
        elif kind == NFS_SERVER:
            yield self._servers_by_address, server_address(obj)

    def _index(self, key: Key, obj: Mapping[str, Any]) -> None:
        for index, index_key in self._index_entries(key, obj):
            _index_add(index, index_key, key)

    def _unindex(self, key: Key, obj: Mapping[str, Any]) -> None:
        for index, index_key in self._index_entries(key, obj):
            _index_discard(index, index_key, key)

    # ---- what should exist ---------------------------------------------------------
    def _declared_server(self, address: str) -> Mapping[str, Any] | None:
        """The stored NFSServer for ``address``: a declared one before an implied one."""
        keys = self._servers_by_address.get(address)
        if not keys:
            return None
        return self._objects[min(keys, key=lambda k: (server_is_implied(self._objects[k]), k))]

    def _server_id(self, address: str) -> str:
        server = self._declared_server(address)
        return object_id(server) if server is not None else implied_server_id(address)

    def _class_id(self, name: str) -> str:
        sc = self._objects.get((SC, "", name))
        return object_id(sc) if sc is not None else implied_class_id(name)

    def _wanted_node(self, nid: str) -> GraphNode | None:
        """The node ``nid`` should be now, or None if it should not exist."""
        key = self._key_of.get(nid)
        if key is not None:
            obj = self._objects.get(key)
            if obj is not None and object_id(obj) == nid:
                if obj.get("kind") == NFS_SERVER:
                    declared = self._declared_server(server_address(obj))
                    if declared is not obj:
                        return None  # a second server object with the same address
                return node_of(obj)
            return None
        if nid.startswith("sc:"):
            name = nid[3:]
            if self._users_by_class.get(name) and (SC, "", name) not in self._objects:
                return implied_class_node(name)
            return None
        if nid.startswith("nfs:"):
            rest = nid[4:]
            address, sep, path = rest.partition(":/")
            if sep:
                path = "/" + path
                server = self._declared_server(address)
                declared_exports = server_exports(server) if server is not None else ()
                if self._pvs_by_export.get((address, path)) or path in declared_exports:
                    return export_node(address, path, declared_server=server is not None
                                       and not server_is_implied(server),
                                       declared_exports=declared_exports)
                return None
            if self._declared_server(rest) is None and self._exports_by_address.get(rest):
                return implied_server_node(rest, len(self._exports_by_address[rest]))
            return None
        return None

    def _incident(self, nid: str, *, both_ends: bool = True) -> dict[tuple[str, str], GraphEdge]:
        """Every edge that should touch node ``nid`` (which exists).

        Each relation is found from either end. With ``both_ends=False`` only the edges
        this node is the designated finder of come back — the spoke's side (PV, claim,
        pod, export), never a hub walking its thousands of spokes — which, over all
        nodes, is every edge exactly once (a bulk build)."""
        nodes = self._nodes
        node = nodes[nid]
        out: dict[tuple[str, str], GraphEdge] = {}

        def add(source: str, target: str, relation: str, state: str = "") -> None:
            if source in nodes and target in nodes:
                out[(source, target)] = GraphEdge(source, target, relation, state)

        kind = node.kind
        if kind == NFS_EXPORT:
            address, path = str(node.fact("server")), str(node.fact("path"))
            add(self._server_id(address), nid, SERVES)
            if both_ends:
                for key in self._pvs_by_export.get((address, path), ()):
                    add(nid, self._id_of[key], EXPORT)
            return out
        if kind == NFS_SERVER:
            if both_ends:
                address = str(node.fact("address"))
                for path in self._exports_by_address.get(address, ()):
                    add(nid, export_id(address, path), SERVES)
            return out
        if kind == SC:
            if both_ends:
                for key in self._users_by_class.get(node.name, ()):
                    add(nid, self._id_of[key], CLASS)
            return out
        key = self._key_of[nid]
        objects, id_of = self._objects, self._id_of
        obj = objects[key]
        _, ns, name = key
        if kind == PV:
            ref = nfs_ref(obj)
            if ref:
                add(export_id(*ref), nid, EXPORT)
            cls = volume_class(obj)
            if cls:
                add(self._class_id(cls), nid, CLASS)
            candidates = set(self._claims_by_volume.get(name, ()))
            claim_ref = get_path(obj, "spec", "claimRef") or {}
            if claim_ref.get("name"):
                candidates.add((PVC, claim_ref.get("namespace") or "default", claim_ref["name"]))
            for ckey in candidates:
                claim = objects.get(ckey)
                if claim is not None:
                    state = binding_state(obj, claim)
                    if state:
                        add(nid, id_of[ckey], BINDING, state)
        elif kind == PVC:
            cls = claim_class(obj)
            if cls:
                add(self._class_id(cls), nid, CLASS)
            if not both_ends:
                return out  # bindings from the PV, mounts from the pod, templates from the set
            candidates = set(self._pvs_by_claimref.get((ns, name), ()))
            volume = get_path(obj, "spec", "volumeName")
            if volume:
                candidates.add((PV, "", str(volume)))
            for vkey in candidates:
                pv = self._objects.get(vkey)
                if pv is not None:
                    state = binding_state(pv, obj)
                    if state:
                        add(self._id_of[vkey], nid, BINDING, state)
            for pkey in self._pods_by_claim.get((ns, name), ()):
                add(nid, self._id_of[pkey], MOUNT)
            match = _ORDINAL.match(name)
            for skey in self._sets_by_prefix.get((ns, match.group(1)), ()) if match else ():
                if template_matches(self._objects[skey], obj):
                    add(self._id_of[skey], nid, TEMPLATE)
        elif kind == POD:
            for claim in pod_claims(obj):
                ckey = (PVC, ns, claim)
                if ckey in objects:
                    add(id_of[ckey], nid, MOUNT)
            refs = pod_owner_sets(obj)
            for owner, _uid in refs:
                skey = (STS, ns, owner)
                sts = objects.get(skey)
                # owns(sts, obj), with what is known here: the set is stored under this
                # namespace and owner name, and the references were just read.
                if sts is not None:
                    set_uid = uid_of(sts)
                    if any(n == owner and (not u or u == set_uid) for n, u in refs):
                        add(id_of[skey], nid, OWNS)
            services_by_label = self._services_by_label
            if services_by_label:
                for label in labels_of(obj).items():
                    for skey in services_by_label.get((ns, *label), ()):
                        if selects(objects[skey], obj):
                            add(id_of[skey], nid, SELECTS)
            node_name = get_path(obj, "spec", "nodeName")
            if node_name:
                nkey = (NODE, "", str(node_name))
                if nkey in objects:
                    add(nid, id_of[nkey], SCHEDULED)
        elif kind == STS:
            for pkey in self._pods_by_owner.get((ns, name), ()) if both_ends else ():
                if owns(obj, self._objects[pkey]):
                    add(nid, self._id_of[pkey], OWNS)
            for template in get_path(obj, "spec", "volumeClaimTemplates", default=()) or ():
                tname = get_path(template, "metadata", "name")
                for ckey in self._claims_by_prefix.get((ns, f"{tname}-{name}"), ()):
                    # Filed under "<tname>-<set>" in this namespace: a claim of this very
                    # template whenever it has a name (template_matches says so too).
                    if tname or template_matches(obj, objects[ckey]):
                        add(nid, id_of[ckey], TEMPLATE)
        elif kind == SVC:
            selector = get_path(obj, "spec", "selector") or {}
            if selector and both_ends:
                # Only pods carrying the rarest selected label can match.
                buckets = [self._pods_by_label.get((ns, str(k), str(v)), set())
                           for k, v in selector.items()]
                for pkey in min(buckets, key=len):
                    if selects(obj, self._objects[pkey]):
                        add(nid, self._id_of[pkey], SELECTS)
        elif kind == NODE and both_ends:
            for pkey in self._pods_by_node.get(name, ()):
                add(self._id_of[pkey], nid, SCHEDULED)
        return out

    def _refresh(self, ids: set[str], change: Change | None) -> GraphDelta | None:
        """Re-derive nodes ``ids``; re-derive the edges of changed objects and new nodes.

        Edges depend only on their two endpoints, so a change to one object can only
        change edges touching it — or touching implied nodes that just appeared or
        went. Hubs (a StorageClass with 5,000 volumes) are never walked for a spoke.
        """
        nodes, edges = self._nodes, self._edges
        ids = set(ids)
        for nid in list(ids):
            if _is_export_id(nid):
                address = nid[4:].partition(":/")[0]
                ids.add(self._server_id(address))
                ids.add(implied_server_id(address))
        record = change is not None
        nodes_before: dict[str, GraphNode | None] = {}
        edges_before: dict[tuple[str, str], GraphEdge | None] = {}

        def touch_node(nid: str) -> None:
            if record and nid not in nodes_before:
                nodes_before[nid] = nodes.get(nid)

        def touch_edge(edge_key: tuple[str, str]) -> None:
            if record and edge_key not in edges_before:
                edges_before[edge_key] = edges.get(edge_key)

        node_map = self._node_map

        def set_node(nid: str, node: GraphNode) -> None:
            touch_node(nid)
            nodes[nid] = node
            node_map[nid] = node

        def drop_node(nid: str) -> None:
            for edge_key in self._edge_keys_of(nid):
                touch_edge(edge_key)
                self._remove_edge(edge_key)
            touch_node(nid)
            del nodes[nid]
            node_map.pop(nid, None)

        # Exports first: implied servers exist because of them.
        ordered = sorted(ids, key=lambda i: (0 if _is_export_id(i) else 1, i))
        recompute: list[str] = []
        for nid in ordered:
            wanted = self._wanted_node(nid)
            if _is_export_id(nid):
                address, _, path = nid[4:].partition(":/")
                if wanted is None:
                    _index_discard(self._exports_by_address, address, "/" + path)
                else:
                    _index_add(self._exports_by_address, address, "/" + path)
            if wanted is None:
                if nid in nodes:
                    drop_node(nid)
                continue
            current = nodes.get(nid)
            if current is None:
                set_node(nid, wanted)
                recompute.append(nid)
                continue
            if current != wanted:
                set_node(nid, wanted)
            if nid in self._key_of:
                recompute.append(nid)
        # An implied server counts its exports: settle it once they are known.
        for nid in ordered:
            if nid.startswith("nfs:") and not _is_export_id(nid) and nid in nodes:
                wanted = self._wanted_node(nid)
                if wanted is None:
                    drop_node(nid)
                elif nodes[nid] != wanted:
                    set_node(nid, wanted)
        for nid in recompute:
            if nid not in nodes:
                continue
            wanted_edges = self._incident(nid)
            for edge_key in self._edge_keys_of(nid):
                if edge_key not in wanted_edges:
                    touch_edge(edge_key)
                    self._remove_edge(edge_key)
            for edge_key, edge in wanted_edges.items():
                current_edge = edges.get(edge_key)
                if current_edge is None or current_edge != edge:
                    touch_edge(edge_key)
                    self._add_edge(edge_key, edge)
        if not record:
            return None
        assert change is not None
        nodes_after = {nid: nodes.get(nid) for nid in nodes_before}
        edges_after = {k: edges.get(k) for k in edges_before}
        return GraphDelta(
            seq=change.seq, time_ms=change.time_ms, action=change.action, key=change.key,
            actor=change.actor, reason=change.reason,
            nodes_added=tuple(n for i in sorted(nodes_after) if nodes_before[i] is None
                              and (n := nodes_after[i]) is not None),
            nodes_changed=tuple(n for i in sorted(nodes_after) if nodes_before[i] is not None
                                and (n := nodes_after[i]) is not None and n != nodes_before[i]),
            nodes_removed=tuple(b for i in sorted(nodes_after) if nodes_after[i] is None
                                and (b := nodes_before[i]) is not None),
            edges_added=tuple(e for k in sorted(edges_after) if edges_before[k] is None
                              and (e := edges_after[k]) is not None),
            edges_changed=tuple(e for k in sorted(edges_after) if edges_before[k] is not None
                                and (e := edges_after[k]) is not None and e != edges_before[k]),
            edges_removed=tuple(b for k in sorted(edges_after) if edges_after[k] is None
                                and (b := edges_before[k]) is not None),
        )


def _template_prefixes(sts: Mapping[str, Any]) -> set[str]:
    """``<template>-<set>``: the name of every claim the set makes, minus the ordinal."""
    return {f"{get_path(t, 'metadata', 'name')}-{name_of(sts)}"
            for t in get_path(sts, "spec", "volumeClaimTemplates", default=()) or ()
            if get_path(t, "metadata", "name")}


def _first_selector_item(svc: Mapping[str, Any]) -> tuple[str, str] | None:
    selector = get_path(svc, "spec", "selector") or {}
    if not selector:
        return None
    k = min(selector)
    return (str(k), str(selector[k]))


def _is_export_id(nid: str) -> bool:
    return nid.startswith("nfs:") and ":/" in nid[4:]
