"""kube-controller-manager's node-side loops: node lifecycle, taint eviction, pod GC, IPAM.

* **node-controller** — a node whose kubelet has been silent for
  ``node_monitor_grace_ms`` (50 s since Kubernetes 1.32) gets its conditions set to Unknown
  (``NodeStatusUnknown``, ``Kubelet stopped posting node status.``), then the taints
  ``node.kubernetes.io/unreachable`` NoSchedule and NoExecute; each of its pods gets
  Ready=False and a ``NodeNotReady`` warning. A cordoned node (``spec.unschedulable``)
  gets the ``node.kubernetes.io/unschedulable:NoSchedule`` taint. Taints are removed
  when the node is Ready / schedulable again.
* **taint-eviction-controller** — a pod on a node with a NoExecute taint it does not
  tolerate is deleted (``TaintManagerEviction``: ``Marking for deletion Pod ns/name``)
  once its toleration runs out: ``tolerationSeconds`` of a matching toleration, else
  ``default_toleration_seconds`` (300 s, what the DefaultTolerationSeconds admission
  plugin gives every pod). The deletion is graceful; on an unreachable node nobody
  confirms it, so the pod stays Terminating until the node recovers, the pod is
  force-deleted, or the Node object is deleted.
* **pod-garbage-collector** — pods bound to a Node that no longer exists are
  force-deleted after ``orphan_pod_gc_ms``.
* **node-ipam-controller** — a Node without ``spec.podCIDR`` gets the next free block.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import nodes as nodemod
from .. import pods as podmod
from ..clock import TaskHandle
from ..events import NORMAL, WARNING
from ..objects import (
    DELETE,
    Key,
    Manifest,
    get_path,
    is_deleting,
    key_of,
    name_of,
    namespace_of,
    uid_of,
)
from ..store import Change
from .base import Controller

#: A queue key that is no object: "retire the default nodes now".
_RETIRE_DEFAULT_NODES: Key = ("Node", "", "")


def _is_default_node(node: Mapping[str, Any]) -> bool:
    from ..workloads import DEFAULT_NODE_ANNOTATION

    annotations = get_path(node, "metadata", "annotations", default={}) or {}
    return annotations.get(DEFAULT_NODE_ANNOTATION) == "true"

TAINT_EVICTION = "taint-eviction-controller"
POD_GC = "pod-garbage-collector"
NODE_IPAM = "node-ipam-controller"


class NodeLifecycleController(Controller):
    name = "node-controller"
    watches = ("Node", "Pod")
    interests = ("Node", "Pod")

    def __init__(self, cluster) -> None:
        super().__init__(cluster)
        self._silent_since: dict[str, int] = {}
        self._timers: dict[tuple[str, Key], TaskHandle] = {}
        self._orphans: dict[Key, tuple[str, int]] = {}
        self._seen: dict[Key, tuple[str, int]] = {}

    def on_change(self, change: Change) -> None:
        if change.kind == "Node":
            self.enqueue(change.key)
            if change.action == "ADDED" and change.actor == "kubectl" and not _is_default_node(
                    change.new or {}):
                self.enqueue(_RETIRE_DEFAULT_NODES)
            if change.new is None or _noexecute(change.old) != _noexecute(change.new):
                self._enqueue_pods_on(change.key[2])
        elif change.kind == "Pod" and change.new is not None and podmod.node_name(change.new):
            if change.old is None or podmod.node_name(change.old) != podmod.node_name(change.new):
                self.enqueue(change.key)

    def _enqueue_pods_on(self, node: str) -> None:
        for pod in self.store.iter_kind("Pod"):
            if podmod.node_name(pod) == node:
                self.enqueue(("Pod", namespace_of(pod), name_of(pod)))

    def _at(self, due_ms: int, tag: str, key: Key) -> None:
        """Sync ``key`` again at ``due_ms`` (once per tag and key)."""
        if (tag, key) in self._timers:
            return

        def fire() -> None:
            self._timers.pop((tag, key), None)
            self.enqueue(key)

        self._timers[(tag, key)] = self.clock.schedule(max(0, due_ms - self.clock.now_ms), fire,
                                                       label=f"{tag} {key[2]}")

    def _cancel(self, tag: str, key: Key) -> None:
        handle = self._timers.pop((tag, key), None)
        if handle:
            handle.cancel()

    def sync(self, key: Key) -> None:
        if key == _RETIRE_DEFAULT_NODES:
            self._retire_default_nodes()
        elif key[0] == "Node":
            self._sync_node(key)
        elif key[0] == "Pod":
            self._sync_pod(key)

    # ---- nodes ---------------------------------------------------------------------------
    def _retire_default_nodes(self) -> None:
        """User-defined nodes replace the made-up ones, except those pods were scheduled to."""
        busy = {podmod.node_name(pod) for pod in self.store.iter_kind("Pod")}
        for node in self.store.list("Node"):
            if _is_default_node(node) and name_of(node) not in busy:
                self.api.delete("Node", "", name_of(node), actor="simulator",
                                reason="user-defined nodes replace the default worker nodes")

    def _sync_node(self, key: Key) -> None:
        name = key[2]
        node = self.store.get_key(key)
        if node is None:
            self._silent_since.pop(name, None)
            self._cancel("not-ready", key)
            return
        if not (node.get("spec") or {}).get("podCIDR"):
            index = nodemod.index_of(self.store.list("Node"), name)
            cidr = nodemod.pod_cidr(index, self.settings.node_cidr_mask_size)
            node = self.api.write(node, {"spec": {"podCIDR": cidr, "podCIDRs": [cidr]}},
                                  actor=NODE_IPAM, reason=f"assign pod CIDR {cidr}")
        now = self.clock.now_ms
        if nodemod.kubelet_stopped(node):
            since = self._silent_since.setdefault(name, now)
            ready = nodemod.condition(node, "Ready")
            if ready is not None and ready.get("status") != "Unknown":
                due = since + self.settings.node_monitor_grace_ms
                if now < due:
                    self._at(due, "not-ready", key)
                else:
                    node = self._mark_unknown(node)
        else:
            self._silent_since.pop(name, None)
        self._reconcile_taints(node)

    def _mark_unknown(self, node: Manifest) -> Manifest:
        name = name_of(node)
        now = self.api.now()
        conditions = nodemod.unknown_conditions(now, get_path(node, "status", "conditions",
                                                              default=()) or ())
        node = self.api.write(node, {"status": {"conditions": conditions}}, actor=self.name,
                              reason="kubelet stopped posting status: NotReady")
        self.recorder.emit(node, NORMAL, "NodeNotReady", f"Node {name} status is now: NodeNotReady",
                           component=self.name)
        for pod in self.store.list("Pod"):
            if podmod.node_name(pod) != name or podmod.is_terminal(pod):
                continue
            ready = podmod.condition(pod, "Ready")
            if ready is not None and ready.get("status") != "False":
                conds = []
                for cond in get_path(pod, "status", "conditions", default=()) or ():
                    cond = dict(cond)
                    if cond.get("type") == "Ready":
                        cond["status"] = "False"
                        cond["lastTransitionTime"] = now
                    conds.append(cond)
                pod = self.api.write(pod, {"status": {"conditions": conds}}, actor=self.name,
                                     reason=f"node {name} not ready")
            self.recorder.emit(pod, WARNING, "NodeNotReady", "Node is not ready", component=self.name)
        return node

    def _reconcile_taints(self, node: Manifest) -> None:
        taints = [dict(t) for t in nodemod.taints_of(node)]
        keys = {(t.get("key"), t.get("effect")) for t in taints}
        now = self.api.now()
        wanted: list[dict[str, Any]] = []
        unwanted: set[tuple[str, str]] = set()
        if (node.get("spec") or {}).get("unschedulable"):
            wanted.append({"key": nodemod.TAINT_UNSCHEDULABLE, "effect": nodemod.NO_SCHEDULE,
                           "timeAdded": now})
        else:
            unwanted.add((nodemod.TAINT_UNSCHEDULABLE, nodemod.NO_SCHEDULE))
        ready = nodemod.condition(node, "Ready")
        state = (ready or {}).get("status")
        condition_taint = {"Unknown": nodemod.TAINT_UNREACHABLE,
                           "False": nodemod.TAINT_NOT_READY}.get(str(state))
        for key in (nodemod.TAINT_UNREACHABLE, nodemod.TAINT_NOT_READY):
            if key == condition_taint:
                wanted.append({"key": key, "effect": nodemod.NO_SCHEDULE, "timeAdded": now})
                wanted.append({"key": key, "effect": nodemod.NO_EXECUTE, "timeAdded": now})
            elif ready is not None:
                unwanted |= {(key, nodemod.NO_SCHEDULE), (key, nodemod.NO_EXECUTE)}
        added = [t for t in wanted if (t["key"], t["effect"]) not in keys]
        kept = [t for t in taints if (t.get("key"), t.get("effect")) not in unwanted]
        if not added and len(kept) == len(taints):
            return
        result = kept + added
        what = ", ".join(f"+{t['key']}:{t['effect']}" for t in added)
        gone = ", ".join(f"-{t.get('key')}:{t.get('effect')}" for t in taints if t not in kept)
        self.api.write(node, {"spec": {"taints": result or DELETE}}, actor=self.name,
                       reason=f"taints {', '.join(x for x in (what, gone) if x)}")

    # ---- pods ----------------------------------------------------------------------------
    def _sync_pod(self, key: Key) -> None:
        pod = self.store.get_key(key)
        if pod is None or not podmod.node_name(pod):
            self._cancel("evict", key)
            self._cancel("orphan", key)
            self._orphans.pop(key, None)
            return
        node = self.store.get("Node", "", podmod.node_name(pod))
        if node is None:
            self._collect_orphan(key, pod)
            return
        self._cancel("orphan", key)
        self._orphans.pop(key, None)
        if is_deleting(pod) or podmod.is_terminal(pod):
            self._cancel("evict", key)
            return
        due = self._eviction_due(pod, node)
        if due is None:
            self._cancel("evict", key)
            self._seen.pop(key, None)
        elif self.clock.now_ms < due:
            self._at(due, "evict", key)
        else:
            self._evict(pod)

    def _eviction_due(self, pod: Manifest, node: Manifest) -> int | None:
        """When the pod's tolerance of the node's NoExecute taints runs out (None: never)."""
        due = None
        for taint in nodemod.taints_of(node):
            if taint.get("effect") != nodemod.NO_EXECUTE:
                continue
            toleration = nodemod.tolerated_by(podmod.tolerations(pod), taint)
            if toleration is None and taint.get("key") in (nodemod.TAINT_UNREACHABLE,
                                                           nodemod.TAINT_NOT_READY):
                seconds: Any = self.settings.default_toleration_seconds
            elif toleration is None:
                seconds = 0
            else:
                seconds = toleration.get("tolerationSeconds")
                if seconds is None:
                    continue
            # The taint manager counts from when it first saw the pod under the taint.
            seen = self._seen.get(key_of(pod))
            if seen is None or seen[0] != uid_of(pod):
                seen = (uid_of(pod), self.clock.now_ms)
                self._seen[key_of(pod)] = seen
            candidate = seen[1] + max(0, int(seconds)) * 1000
            due = candidate if due is None else min(due, candidate)
        return due

    def _evict(self, pod: Manifest) -> None:
        now = self.api.now()
        conditions = podmod.with_conditions(
            get_path(pod, "status", "conditions", default=()) or (),
            {"DisruptionTarget": ("True", "DeletionByTaintManager",
                                  "Taint manager: deleting due to NoExecute taint")}, now)
        pod = self.api.write(pod, {"status": {"conditions": conditions}}, actor=TAINT_EVICTION,
                             reason="NoExecute taint: eviction")
        self.recorder.emit(pod, NORMAL, "TaintManagerEviction",
                           f"Marking for deletion Pod {podmod.key_text(pod)}",
                           component=TAINT_EVICTION)
        self.api.delete("Pod", namespace_of(pod), name_of(pod), actor=TAINT_EVICTION,
                        reason="evicted: node unreachable")

    def _collect_orphan(self, key: Key, pod: Manifest) -> None:
        uid = uid_of(pod)
        seen = self._orphans.get(key)
        if seen is None or seen[0] != uid:
            due = self.clock.now_ms + self.settings.orphan_pod_gc_ms
            self._orphans[key] = (uid, due)
            self._at(due, "orphan", key)
            return
        if self.clock.now_ms < seen[1]:
            self._at(seen[1], "orphan", key)
            return
        del self._orphans[key]
        conditions = podmod.with_conditions(
            get_path(pod, "status", "conditions", default=()) or (),
            {"DisruptionTarget": ("True", "DeletionByPodGC", "PodGC: node no longer exists")},
            self.api.now())
        self.api.write(pod, {"status": {"conditions": conditions}}, actor=POD_GC,
                       reason="node no longer exists")
        self.api.delete("Pod", key[1], key[2], actor=POD_GC, force=True,
                        reason="orphaned: node deleted")


def _noexecute(node: Mapping[str, Any] | None) -> tuple[tuple[str, str], ...]:
    if node is None:
        return ()
    return tuple(sorted((str(t.get("key")), str(t.get("timeAdded") or ""))
                        for t in nodemod.taints_of(node) if t.get("effect") == nodemod.NO_EXECUTE))
