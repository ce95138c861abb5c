"""Node verbs: the default worker nodes, cordon/uncordon, drain, and node failure.

Default nodes: ``Cluster()`` creates ``node-1`` and ``node-2`` (Ready, labelled like a
kubelet labels them, pod CIDRs ``10.244.1.0/24`` and ``10.244.2.0/24``), marked with
the annotation ``simulator.pvgraph.dev/default-node``. The default cluster has them
*unless Node manifests are applied*: when a user creates a Node, the node controller
removes the default nodes that no pod has been scheduled to (ones with pods stay, so
nothing running is lost). ``Cluster(default_nodes=False)`` starts without them
(``Cluster.from_manifests`` never adds any). A Node applied without status is
registered by its kubelet on the next sync.

Outputs follow kubectl: ``node/node-1 cordoned``, ``already cordoned``, drain's
``evicting pod default/web-0`` / ``pod/web-0 evicted`` / ``node/node-1 drained``.
Commands take no simulated time, so drain reports the evictions at once; the pods go
away as the kubelet stops them (``settle`` is the wait). ``node fail`` stops a node's
kubelet; the node controller notices after ``node_monitor_grace_ms``. ``node recover``
starts it again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import nodes as nodemod
from . import pods as podmod
from .errors import CommandError
from .objects import DELETE, Manifest, evolve, get_path, is_deleting, name_of, namespace_of

if TYPE_CHECKING:
    from .cluster import Cluster

DEFAULT_NODES = ("node-1", "node-2")
#: Marks the nodes the simulator made up, so user-defined nodes can replace them.
DEFAULT_NODE_ANNOTATION = "simulator.pvgraph.dev/default-node"
SIMULATOR = "simulator"


def create_default_nodes(cluster: Cluster) -> None:
    """Register the default worker nodes, Ready at once (their kubelets are up)."""
    for index, name in enumerate(DEFAULT_NODES, start=1):
        cidr = nodemod.pod_cidr(index, cluster.settings.node_cidr_mask_size)
        node = cluster.api.create({
            "apiVersion": "v1",
            "kind": "Node",
            "metadata": {"name": name, "labels": nodemod.default_labels(name),
                         "annotations": {DEFAULT_NODE_ANNOTATION: "true",
                                         "node.alpha.kubernetes.io/ttl": "0",
                                         "volumes.kubernetes.io/controller-managed-attach-detach":
                                             "true"}},
            "spec": {"podCIDR": cidr, "podCIDRs": [cidr]},
        }, actor="kubelet", reason="register node")
        cluster.api.write(node, {"status": nodemod.node_status(
            name, index, now=cluster.api.now(), max_pods=cluster.settings.node_max_pods)},
            actor="kubelet", reason="node status: Ready")


def _node(cluster: Cluster, name: str) -> Manifest:
    return cluster.api.get("Node", "", name)


def cordon(cluster: Cluster, node: str, unschedulable: bool = True) -> str:
    """``kubectl cordon`` (``unschedulable=True``) or ``kubectl uncordon``."""
    obj = _node(cluster, node)
    verb = "cordoned" if unschedulable else "uncordoned"
    if bool((obj.get("spec") or {}).get("unschedulable")) == unschedulable:
        return f"node/{node} already {verb}"
    spec_change: dict[str, Any] = {"unschedulable": True if unschedulable else DELETE}
    cluster.api.update(evolve(obj, {"spec": spec_change}), reason=f"{verb[:-2]}")
    return f"node/{node} {verb}"


def uncordon(cluster: Cluster, node: str) -> str:
    return cordon(cluster, node, False)


def _is_mirror(pod: Manifest) -> bool:
    return "kubernetes.io/config.mirror" in ((pod.get("metadata") or {}).get("annotations") or {})


def _owner_kind(pod: Manifest) -> str:
    ref = podmod.controller_ref(pod)
    return str(ref.get("kind") or "") if ref else ""


#: kubectl's pkg/drain/filters.go messages. Since kubectl 1.30 (kubernetes#120159) the
#: unmanaged one starts with "cannot delete" itself while ``PodDeleteList.errors()`` still
#: prefixes every message with it, so kubectl v1.32 prints "cannot delete cannot delete
#: Pods that declare no controller" (kubernetes/kubectl#1808).
DAEMONSET_FATAL = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)"
LOCAL_STORAGE_FATAL = "Pods with local storage (use --delete-emptydir-data to override)"
UNMANAGED_FATAL = "cannot delete Pods that declare no controller (use --force to override)"


def _cannot_delete(message: str, pods: list[str]) -> str:
    return f"cannot delete {message}: {', '.join(pods)}"


def drain(cluster: Cluster, node: str, *, force: bool = False, ignore_daemonsets: bool = False,
          delete_emptydir_data: bool = False, grace_period: int | None = None) -> str:
    """``kubectl drain NODE``: cordon, then evict every pod on it (kubectl's filters)."""
    lines = [cordon(cluster, node, True)]
    pods = [p for p in cluster.store.list("Pod") if podmod.node_name(p) == node]
    daemons, unmanaged, local, deletable = [], [], [], []
    for pod in pods:
        ident = f"{namespace_of(pod)}/{name_of(pod)}"
        if _is_mirror(pod):
            continue
        terminal = podmod.is_terminal(pod)
        if _owner_kind(pod) == "DaemonSet" and not terminal:
            daemons.append(ident)
            continue
        if any("emptyDir" in v for v in podmod.volumes(pod)) and not terminal:
            if not delete_emptydir_data:
                local.append(ident)
                continue
        if podmod.controller_ref(pod) is None and not terminal and not force:
            unmanaged.append(ident)
            continue
        deletable.append(pod)
    fatal = []
    if daemons and not ignore_daemonsets:
        fatal.append(_cannot_delete(DAEMONSET_FATAL, daemons))
    if local:
        fatal.append(_cannot_delete(LOCAL_STORAGE_FATAL, local))
    if unmanaged:
        fatal.append(_cannot_delete(UNMANAGED_FATAL, unmanaged))
    if fatal:
        # The node's errors are an aggregate: one line says "[a, b]"; the final report
        # (checkErr's MultipleErrors) puts each on its own line, without "error: ".
        joined = fatal[0] if len(fatal) == 1 else "[" + ", ".join(fatal) + "]"
        raise CommandError("\n".join([
            *lines,
            f'error: unable to drain node "{node}" due to error: {joined}, continuing command...',
            "There are pending nodes to be drained:",
            f" {node}",
            *fatal,
        ]))
    warnings = []
    forced = [f"{namespace_of(p)}/{name_of(p)}" for p in deletable
              if podmod.controller_ref(p) is None and not podmod.is_terminal(p)]
    if forced:
        warnings.append("deleting Pods that declare no controller: " + ", ".join(forced))
    if daemons:
        warnings.append("ignoring DaemonSet-managed Pods: " + ", ".join(daemons))
    if warnings:
        lines.append("Warning: " + "; ".join(warnings))
    for pod in deletable:
        lines.append(f"evicting pod {namespace_of(pod)}/{name_of(pod)}")
        evict(cluster, pod, grace_period=grace_period)
    lines.extend(f"pod/{name_of(pod)} evicted" for pod in deletable)
    lines.append(f"node/{node} drained")
    return "\n".join(lines)


def evict(cluster: Cluster, pod: Manifest, *, grace_period: int | None = None) -> None:
    """The Eviction API: mark the pod as a disruption target, then delete it gracefully."""
    current = cluster.store.get("Pod", namespace_of(pod), name_of(pod))
    if current is None:
        return
    if not is_deleting(current):
        conditions = podmod.with_conditions(
            get_path(current, "status", "conditions", default=()) or (),
            {"DisruptionTarget": ("True", "EvictionByEvictionAPI", "Eviction API: evicting")},
            cluster.api.now())
        cluster.api.write(current, {"status": {"conditions": conditions}}, actor="kubectl",
                          reason="drain: eviction")
    cluster.api.delete("Pod", namespace_of(pod), name_of(pod), grace_seconds=grace_period,
                       reason="drain: evicted")


def fail_node(cluster: Cluster, node: str) -> str:
    """``node fail NODE``: the node's kubelet stops (crash or network partition)."""
    obj = _node(cluster, node)
    if nodemod.kubelet_stopped(obj):
        return f"node/{node} already failed"
    cluster.api.write(obj, {"metadata": {"annotations": {
        nodemod.ANN_KUBELET_STOPPED: cluster.api.now()}}},
        actor=SIMULATOR, reason="node fail: kubelet stopped posting status")
    return f"node/{node} failed"


def recover_node(cluster: Cluster, node: str) -> str:
    """``node recover NODE``: the kubelet is back; it posts Ready and finishes pending work."""
    obj = _node(cluster, node)
    if not nodemod.kubelet_stopped(obj):
        return f"node/{node} is not failed"
    cluster.api.write(obj, {"metadata": {"annotations": {nodemod.ANN_KUBELET_STOPPED: DELETE}}},
                      actor=SIMULATOR, reason="node recover: kubelet running again")
    return f"node/{node} recovered"
