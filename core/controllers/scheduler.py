"""default-scheduler: places pods on nodes, with the VolumeBinding plugin's storage rules.

One sync tries to schedule one pod, in the default profile's plugin order:

* PreFilter — VolumeRestrictions and VolumeBinding look at the pod's claims: a missing
  claim, a Lost claim (``bound to non-existent persistentvolume``), a claim being
  deleted, or an unbound claim of an Immediate class (``pod has unbound immediate
  PersistentVolumeClaims``) stop the attempt for every node.
* Filter, per node, first failure wins — NodeUnschedulable (cordoned), TaintToleration
  (not-ready / unreachable taints), NodeAffinity (``nodeSelector``, required affinity),
  NodeResourcesFit (pods, cpu, memory), VolumeRestrictions (ReadWriteOncePod in use),
  VolumeBinding (bound PVs' node affinity; WaitForFirstConsumer claims matched per node
  with ``core.binding.find_matching_volume``, smallest request first, or provisioned).
* The failure message is ``FitError.Error()`` followed by the DefaultPreemption
  post-filter's text (no pod has a lower priority, so preemption never helps).

Node choice among feasible nodes (a simulator rule; real scoring differs): fewest pods
already there (pods whose volumes are being bound for them count), then node name. So
replicas spread ``node-1``, ``node-2``, ``node-1``...

For WaitForFirstConsumer claims the chosen node is reserved: each matched PV gets its
claimRef (``pv.kubernetes.io/bound-by-controller: "yes"``), each claim to provision gets
``volume.kubernetes.io/selected-node``; the pod is bound (``spec.nodeName``) only once
the PV controller has fully bound every claim (volumeName and bind-completed).

Unschedulable pods are retried when something they depend on changes (their claims,
PVs, nodes, storage classes, other pods) and, like the real queue's flush, 5 minutes
after their last attempt (a background task). A FailedScheduling event is recorded when
the message changes and on every flush retry; kubectl shows those aggregated.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .. import binding
from .. import nodes as nodemod
from .. import pods as podmod
from ..clock import TaskHandle
from ..objects import (
    Key,
    Manifest,
    annotations_of,
    get_path,
    is_deleting,
    name_of,
    namespace_of,
    uid_of,
)
from ..store import Change
from .base import Controller

ANN_SELECTED_NODE = binding.ANN_SELECTED_NODE
ANN_BIND_COMPLETED = binding.ANN_BIND_COMPLETED
ANN_BOUND_BY_CONTROLLER = binding.ANN_BOUND_BY_CONTROLLER

UNRESOLVABLE = "UnschedulableAndUnresolvable"
UNSCHEDULABLE = "Unschedulable"

REASON_UNSCHEDULABLE_NODE = "node(s) were unschedulable"
REASON_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector"
REASON_TOO_MANY_PODS = "Too many pods"
REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind"
REASON_NODE_CONFLICT = "node(s) had volume node affinity conflict"
REASON_PV_NOT_EXIST = "node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)"
REASON_RWOP = ("node has pod using PersistentVolumeClaim with the same name and "
               "ReadWriteOncePod access mode")
UNBOUND_IMMEDIATE = "pod has unbound immediate PersistentVolumeClaims"
NO_NODES = "no nodes available to schedule pods"
PREEMPTION_NOT_HELPFUL = "Preemption is not helpful for scheduling"
NO_VICTIMS = "No preemption victims found for incoming pod"
#: After a failed volume binding the pod waits in the backoff queue (max backoff 10 s).
BIND_ERROR_BACKOFF_MS = 10_000


@dataclass
class Failure:
    message: str
    reason: str = "Unschedulable"        # the PodScheduled condition's reason
    interests: set[str] = field(default_factory=set)


@dataclass
class Plan:
    node: str
    bindings: list[tuple[Manifest, Manifest]] = field(default_factory=list)   # (PV, claim)
    provisions: list[Manifest] = field(default_factory=list)                 # claims


@dataclass
class _Wait:
    uid: str
    node: str
    bindings: list[tuple[str, str]]        # (PV name, claim name)
    provisions: list[str]                  # claim names
    timeout: TaskHandle | None = None
    expired: bool = False


class _FilterError(Exception):
    """A plugin error (not a rejection): the attempt ends with this text."""


def fit_error(total: int, prefilter: str, verdicts: Mapping[str, tuple[str, list[str]]]) -> str:
    """``FitError.Error()`` plus the DefaultPreemption post-filter message."""
    text = f"0/{total} nodes are available:"
    if prefilter:
        text += f" {prefilter}."
    else:
        counts: dict[str, int] = {}
        for _code, reasons in verdicts.values():
            for reason in reasons:
                counts[reason] = counts.get(reason, 0) + 1
        histogram = sorted(f"{n} {r}" for r, n in counts.items())
        if histogram:
            text += f" {', '.join(histogram)}."
    post: dict[str, int] = {}
    for code, _reasons in verdicts.values():
        label = PREEMPTION_NOT_HELPFUL if code == UNRESOLVABLE else NO_VICTIMS
        post[label] = post.get(label, 0) + 1
    summary = ", ".join(sorted(f"{n} {r}" for r, n in post.items()))
    return f"{text} preemption: 0/{total} nodes are available: {summary}."


class Scheduler(Controller):
    name = podmod.DEFAULT_SCHEDULER
    watches = ("Pod",)
    interests = ("Pod", "PersistentVolumeClaim", "PersistentVolume", "Node", "StorageClass")

    def __init__(self, cluster) -> None:
        super().__init__(cluster)
        self._pod_node: dict[Key, str] = {}
        self._node_pods: dict[str, set[Key]] = {}
        self._claim_users: dict[tuple[str, str], set[Key]] = {}
        self._pod_claims: dict[Key, list[str]] = {}
        self._requests: dict[Key, dict[str, Fraction]] = {}
        self._interests: dict[Key, set[str]] = {}
        self._by_interest: dict[str, set[Key]] = {}
        self._waits: dict[Key, _Wait] = {}
        self._flush: dict[Key, TaskHandle] = {}
        self._flushing: set[Key] = set()
        self._last_message: dict[Key, str] = {}
        self._backoff_until: dict[Key, int] = {}
        self._backoff_timers: dict[Key, TaskHandle] = {}

    # ---- watching ------------------------------------------------------------------------
    def _ours(self, pod: Mapping[str, Any]) -> bool:
        return (not podmod.node_name(pod) and not is_deleting(pod) and not podmod.is_terminal(pod)
                and podmod.scheduler_name(pod) == podmod.DEFAULT_SCHEDULER)

    def on_change(self, change: Change) -> None:
        kind = change.key[0]  # not the .kind property: this runs on every write
        if kind == "Pod":
            was_assigned = self._index_pod(change)
            new = change.new
            if new is not None and self._ours(new):
                if change.actor != self.name or change.action == "ADDED":
                    self.enqueue(change.key)
            elif change.key in self._interests or change.key in self._waits:
                self.enqueue(change.key)  # to forget it
            if was_assigned:
                self._wake("pod")
        elif not self._by_interest:
            return  # no pod waits on anything: no tag below can wake one
        elif kind == "PersistentVolumeClaim":
            ns, name = change.key[1], change.key[2]
            self._wake(f"pvc:{ns}/{name}")
        elif kind == "PersistentVolume":
            self._wake("pv")
        elif kind == "Node":
            self._wake("node")
        elif kind == "StorageClass":
            self._wake("sc")

    def _wake(self, tag: str) -> None:
        for key in sorted(self._by_interest.get(tag, ())):
            self.enqueue(key)

    def _index_pod(self, change: Change) -> bool:
        """Track assigned, non-terminal pods per node and per claim; True if one went away."""
        key = change.key
        old, new = change.old, change.new
        if old is not None and new is not None and old.get("spec") is new.get("spec") and \
                podmod.is_terminal(old) == podmod.is_terminal(new):
            return False  # a status write: node, claims and requests are all as they were
        old_node = self._pod_node.pop(key, None)
        if old_node is not None:
            self._node_pods.get(old_node, set()).discard(key)
            for claim in self._pod_claims.pop(key, ()):
                self._claim_users.get((key[1], claim), set()).discard(key)
            self._requests.pop(key, None)
        node = podmod.node_name(new) if new is not None else ""
        if new is not None and node and not podmod.is_terminal(new):
            self._pod_node[key] = node
            self._node_pods.setdefault(node, set()).add(key)
            self._pod_claims[key] = podmod.claim_names(new)
            for claim in self._pod_claims[key]:
                self._claim_users.setdefault((key[1], claim), set()).add(key)
            self._requests[key] = podmod.requests(new)
            return False
        return old_node is not None

    def resync(self) -> None:
        for key in sorted(self._interests):
            self.enqueue(key)

    # ---- interests and timers ----------------------------------------------------------
    def _set_interests(self, key: Key, tags: set[str]) -> None:
        self._clear_interests(key)
        self._interests[key] = set(tags)
        for tag in tags:
            self._by_interest.setdefault(tag, set()).add(key)

    def _clear_interests(self, key: Key) -> None:
        for tag in self._interests.pop(key, ()):
            self._by_interest.get(tag, set()).discard(key)

    def _arm_flush(self, key: Key) -> None:
        handle = self._flush.pop(key, None)
        if handle:
            handle.cancel()

        def fire() -> None:
            self._flush.pop(key, None)
            self._flushing.add(key)
            self.enqueue(key)

        self._flush[key] = self.clock.schedule(self.settings.scheduler_flush_ms, fire,
                                               background=True, label=f"retry {key[1]}/{key[2]}")

    def _retry_at(self, key: Key, at_ms: int) -> None:
        if key in self._backoff_timers:
            return

        def fire() -> None:
            self._backoff_timers.pop(key, None)
            self.enqueue(key)

        self._backoff_timers[key] = self.clock.schedule(
            at_ms - self.clock.now_ms, fire, background=True, label=f"backoff {key[2]}")

    def _forget(self, key: Key) -> None:
        self._clear_interests(key)
        handle = self._flush.pop(key, None)
        if handle:
            handle.cancel()
        self._flushing.discard(key)
        self._last_message.pop(key, None)
        self._backoff_until.pop(key, None)
        backoff = self._backoff_timers.pop(key, None)
        if backoff:
            backoff.cancel()
        wait = self._waits.pop(key, None)
        if wait and wait.timeout:
            wait.timeout.cancel()

    # ---- the scheduling cycle ----------------------------------------------------------
    def sync(self, key: Key) -> None:
        pod = self.store.get_key(key)
        if pod is None or not self._ours(pod):
            self._forget(key)
            return
        wait = self._waits.get(key)
        if wait is not None:
            if wait.uid == uid_of(pod):
                outcome = self._check_bindings(pod, wait)
                if outcome is None:
                    return
                self._end_wait(key)
                if outcome == "":
                    self._bind(pod, wait.node)
                    return
                self._fail(key, pod, Failure(
                    f'running PreBind plugin "VolumeBinding": binding volumes: {outcome}',
                    "SchedulerError", self._all_interests(pod)))
                # The pod goes to the backoff queue: no retry before the backoff ends.
                self._backoff_until[key] = self.clock.now_ms + BIND_ERROR_BACKOFF_MS
                self._retry_at(key, self._backoff_until[key])
                return
            self._end_wait(key)
        until = self._backoff_until.get(key)
        if until is not None:
            if self.clock.now_ms < until:
                self._retry_at(key, until)
                return
            del self._backoff_until[key]
        result = self._schedule(pod)
        if isinstance(result, Failure):
            self._fail(key, pod, result)
            return
        self._clear_interests(key)
        handle = self._flush.pop(key, None)
        if handle:
            handle.cancel()
        self._flushing.discard(key)
        if result.bindings or result.provisions:
            self._prebind(pod, result)
            claims = podmod.claim_names(pod)
            wait = _Wait(uid_of(pod), result.node,
                         [(name_of(pv), name_of(c)) for pv, c in result.bindings],
                         [name_of(c) for c in result.provisions])
            self._waits[key] = wait

            def expire() -> None:
                wait.expired = True
                self.enqueue(key)

            wait.timeout = self.clock.schedule(self.settings.volume_bind_timeout_ms, expire,
                                               background=True, label=f"bind timeout {key[2]}")
            self._set_interests(key, {"pv"} | {f"pvc:{key[1]}/{c}" for c in claims})
            outcome = self._check_bindings(pod, wait)
            if outcome == "":
                self._end_wait(key)
                self._bind(pod, result.node)
            return
        self._bind(pod, result.node)

    def _end_wait(self, key: Key) -> None:
        wait = self._waits.pop(key, None)
        if wait and wait.timeout:
            wait.timeout.cancel()
        self._clear_interests(key)

    def _all_interests(self, pod: Manifest) -> set[str]:
        ns = namespace_of(pod)
        return {"node", "pod", "pv", "sc"} | {f"pvc:{ns}/{c}" for c in podmod.claim_names(pod)}

    def _schedule(self, pod: Manifest) -> Plan | Failure:
        nodes = self.store.list("Node")
        if not nodes:
            return Failure(NO_NODES, "SchedulerError", {"node"})
        ns = namespace_of(pod)
        claim_tags = {f"pvc:{ns}/{c}" for c in podmod.claim_names(pod)} | {"sc"}
        # ---- PreFilter
        claims: list[Manifest] = []
        for name in podmod.claim_names(pod):
            claim = self.store.get("PersistentVolumeClaim", ns, name)
            if claim is None:
                return self._prefilter_failure(nodes, f'persistentvolumeclaim "{name}" not found',
                                               claim_tags)
            if binding.phase(claim) == "Lost":
                volume = get_path(claim, "spec", "volumeName", default="") or ""
                return self._prefilter_failure(
                    nodes, f'persistentvolumeclaim "{name}" bound to non-existent persistentvolume '
                           f'"{volume}"', claim_tags | {"pv"})
            if is_deleting(claim):
                return self._prefilter_failure(
                    nodes, f'persistentvolumeclaim "{name}" is being deleted', claim_tags)
            claims.append(claim)
        bound, delayed = [], []
        for claim in claims:
            if _fully_bound(claim):
                bound.append(claim)
                continue
            try:
                delay = binding.is_delay_binding_mode(
                    claim, lambda n: self.store.get("StorageClass", "", n))
            except ValueError as exc:
                return Failure(f'running PreFilter plugin "VolumeBinding": {exc}', "SchedulerError",
                               claim_tags)
            if delay and not get_path(claim, "spec", "volumeName"):
                delayed.append(claim)
            else:
                return self._prefilter_failure(nodes, UNBOUND_IMMEDIATE, claim_tags)
        rwop_conflict = any(
            binding.RWOP in binding.access_modes_of(claim)
            and self._claim_users.get((ns, name_of(claim)), set()) - {("Pod", ns, name_of(pod))}
            for claim in claims)
        # ---- Filter
        verdicts: dict[str, tuple[str, list[str]]] = {}
        plans: dict[str, Plan] = {}
        try:
            for node in nodes:
                verdict = self._filter(pod, node, bound, delayed, rwop_conflict)
                if isinstance(verdict, Plan):
                    plans[name_of(node)] = verdict
                else:
                    verdicts[name_of(node)] = verdict
        except _FilterError as exc:
            return Failure(str(exc), "SchedulerError", self._all_interests(pod))
        if not plans:
            return Failure(fit_error(len(nodes), "", verdicts), "Unschedulable",
                           self._all_interests(pod))
        assumed: dict[str, int] = {}
        for wait in self._waits.values():
            assumed[wait.node] = assumed.get(wait.node, 0) + 1
        best = min(plans, key=lambda n: (len(self._node_pods.get(n, ())) + assumed.get(n, 0), n))
        return plans[best]

    def _prefilter_failure(self, nodes: list[Manifest], message: str, tags: set[str]) -> Failure:
        verdicts = {name_of(n): (UNRESOLVABLE, [message]) for n in nodes}
        return Failure(fit_error(len(nodes), message, verdicts), "Unschedulable", tags)

    def _filter(self, pod: Manifest, node: Manifest, bound: list[Manifest], delayed: list[Manifest],
                rwop_conflict: bool) -> Plan | tuple[str, list[str]]:
        tolerations = podmod.tolerations(pod)
        spec = node.get("spec") or {}
        if spec.get("unschedulable") and nodemod.tolerated_by(
                tolerations, {"key": nodemod.TAINT_UNSCHEDULABLE, "effect": nodemod.NO_SCHEDULE}) is None:
            return UNRESOLVABLE, [REASON_UNSCHEDULABLE_NODE]
        taint = nodemod.untolerated_taint(nodemod.effective_taints(node), tolerations)
        if taint is not None:
            return UNRESOLVABLE, [f"node(s) had untolerated taint {nodemod.taint_text(taint)}"]
        if not nodemod.pod_matches_node(pod, node):
            return UNRESOLVABLE, [REASON_NODE_AFFINITY]
        reasons = self._resource_reasons(pod, node)
        if reasons:
            return UNSCHEDULABLE, reasons
        if rwop_conflict:
            return UNSCHEDULABLE, [REASON_RWOP]
        return self._volume_binding(node, bound, delayed)

    def _resource_reasons(self, pod: Manifest, node: Manifest) -> list[str]:
        allocatable = get_path(node, "status", "allocatable", default={}) or {}
        node_name = name_of(node)
        here = self._node_pods.get(node_name, set())
        reasons = []
        if "pods" in allocatable:
            assumed = sum(1 for w in self._waits.values() if w.node == node_name)
            if len(here) + assumed + 1 > int(podmod.amount(allocatable["pods"])):
                reasons.append(REASON_TOO_MANY_PODS)
        wanted = {r: v for r, v in podmod.requests(pod).items() if v > 0}
        for resource in sorted(wanted):
            if resource not in allocatable and resource not in ("cpu", "memory",
                                                                "ephemeral-storage"):
                reasons.append(f"Insufficient {resource}")
                continue
            if resource not in allocatable:
                continue
            used = sum((self._requests.get(k, {}).get(resource, Fraction(0)) for k in here),
                       Fraction(0))
            if used + wanted[resource] > podmod.amount(allocatable[resource]):
                reasons.append(f"Insufficient {resource}")
        return reasons

    def _volume_binding(self, node: Manifest, bound: list[Manifest],
                        delayed: list[Manifest]) -> Plan | tuple[str, list[str]]:
        node_name = name_of(node)
        bound_ok, pvs_found, unbound_ok = True, True, True
        for claim in bound:
            pv = self.store.get("PersistentVolume", "", str(get_path(claim, "spec", "volumeName")))
            if pv is None:
                pvs_found = False
                break
            if not binding.check_node_affinity(pv, node):
                bound_ok = False
                break
        plan = Plan(node_name)
        if delayed:
            to_match, to_provision = [], []
            for claim in delayed:
                selected = annotations_of(claim).get(ANN_SELECTED_NODE)
                if selected is not None:
                    if selected != node_name:
                        unbound_ok = False
                        break
                    to_provision.append(claim)
                else:
                    to_match.append(claim)
            if unbound_ok:
                chosen: set[str] = set()
                volumes = self.store.list("PersistentVolume")
                for claim in sorted(to_match, key=binding.requested_storage):
                    # The PV cache's list for the claim's class, in a fixed (name) order.
                    candidates = [pv for pv in volumes
                                  if binding.volume_class(pv) == binding.claim_class(claim)]
                    try:
                        pv = binding.find_matching_volume(claim, candidates, node=node,
                                                          excluded=chosen, delay_binding=True)
                    except ValueError as exc:
                        raise _FilterError(f'running "VolumeBinding" filter plugin: {exc}') from exc
                    if pv is None:
                        unbound_ok = False
                        to_provision.append(claim)
                        continue
                    chosen.add(name_of(pv))
                    plan.bindings.append((pv, claim))
                if to_provision:
                    unbound_ok = self._can_provision(to_provision, node)
                    if unbound_ok:
                        plan.provisions = to_provision
        reasons = []
        if not bound_ok:
            reasons.append(REASON_NODE_CONFLICT)
        if not unbound_ok:
            reasons.append(REASON_BIND_CONFLICT)
        if not pvs_found:
            reasons.append(REASON_PV_NOT_EXIST)
        if reasons:
            return UNRESOLVABLE, reasons
        return plan

    def _can_provision(self, claims: list[Manifest], node: Manifest) -> bool:
        for claim in claims:
            class_name = binding.claim_class(claim)
            claim_text = f"{namespace_of(claim)}/{name_of(claim)}"
            if not class_name:
                raise _FilterError(f'running "VolumeBinding" filter plugin: no class for claim '
                                   f'"{claim_text}"')
            storage_class = self.store.get("StorageClass", "", class_name)
            if storage_class is None:
                raise _FilterError(f'running "VolumeBinding" filter plugin: failed to find '
                                   f'storage class "{class_name}"')
            provisioner = str(storage_class.get("provisioner") or "")
            if not provisioner or provisioner == binding.NOT_SUPPORTED_PROVISIONER:
                return False
            if not _topology_matches(storage_class.get("allowedTopologies"), node):
                return False
        return True

    # ---- binding -----------------------------------------------------------------------
    def _prebind(self, pod: Manifest, plan: Plan) -> None:
        for pv, claim in plan.bindings:
            current = self.store.get("PersistentVolume", "", name_of(pv)) or pv
            ref = {
                "kind": "PersistentVolumeClaim",
                "namespace": namespace_of(claim),
                "name": name_of(claim),
                "uid": uid_of(claim),
                "apiVersion": "v1",
                "resourceVersion": str((claim.get("metadata") or {}).get("resourceVersion") or ""),
            }
            changes: dict[str, Any] = {"spec": {"claimRef": ref}}
            if not binding.is_volume_bound_to_claim(current, claim):
                changes["metadata"] = {"annotations": {ANN_BOUND_BY_CONTROLLER: "yes"}}
            self.api.write(current, changes, actor=self.name,
                           reason=f"pre-bind to {namespace_of(claim)}/{name_of(claim)} "
                                  f"for pod {name_of(pod)} on {plan.node}")
        for claim in plan.provisions:
            self.api.write(claim, {"metadata": {"annotations": {ANN_SELECTED_NODE: plan.node}}},
                           actor=self.name,
                           reason=f"select node {plan.node} to provision for pod {name_of(pod)}")

    def _check_bindings(self, pod: Manifest, wait: _Wait) -> str | None:
        """None while waiting, "" when every claim is fully bound, else why binding failed."""
        ns = namespace_of(pod)
        node = self.store.get("Node", "", wait.node)
        if node is None:
            return f'failed to get node "{wait.node}": nodes "{wait.node}" not found'
        pending = False
        for pv_name, claim_name in wait.bindings:
            pv = self.store.get("PersistentVolume", "", pv_name)
            claim = self.store.get("PersistentVolumeClaim", ns, claim_name)
            if pv is None:
                return (f'failed to check binding: PersistentVolume "{pv_name}" not found')
            if claim is None:
                return (f'failed to check binding: PersistentVolumeClaim "{ns}/{claim_name}" '
                        f"not found")
            if not binding.check_node_affinity(pv, node):
                return f'pv "{pv_name}" node affinity doesn\'t match node "{wait.node}"'
            ref = binding.claim_ref_of(pv)
            if ref is None or not ref.get("uid"):
                return f'ClaimRef got reset for pv "{pv_name}"'
            if not _fully_bound(claim):
                pending = True
        for claim_name in wait.provisions:
            claim = self.store.get("PersistentVolumeClaim", ns, claim_name)
            if claim is None:
                return (f'failed to check provisioning pvc: PersistentVolumeClaim '
                        f'"{ns}/{claim_name}" not found')
            if annotations_of(claim).get(ANN_SELECTED_NODE) != wait.node:
                return f'provisioning failed for PVC "{claim_name}"'
            volume = str(get_path(claim, "spec", "volumeName", default="") or "")
            if volume:
                pv = self.store.get("PersistentVolume", "", volume)
                if pv is None:
                    pending = True
                    continue
                if not binding.check_node_affinity(pv, node):
                    return f'pv "{volume}" node affinity doesn\'t match node "{wait.node}"'
            if not _fully_bound(claim):
                pending = True
        if pending:
            return "timed out waiting for the condition" if wait.expired else None
        return ""

    def _bind(self, pod: Manifest, node: str) -> None:
        key = ("Pod", namespace_of(pod), name_of(pod))
        now = self.api.now()
        conditions = podmod.with_conditions(get_path(pod, "status", "conditions", default=()) or (),
                                            {"PodScheduled": ("True", "", "")}, now)
        status: dict[str, Any] = {"conditions": conditions}
        status.update(_missing_status(pod))
        bound = self.api.write(pod, {"spec": {"nodeName": node}, "status": status},
                               actor=self.name, reason=f"bind to {node}")
        self._forget(key)
        self.event(bound, "Normal", "Scheduled",
                   f"Successfully assigned {podmod.key_text(pod)} to {node}")

    def _fail(self, key: Key, pod: Manifest, failure: Failure) -> None:
        now = self.api.now()
        conditions = podmod.with_conditions(
            get_path(pod, "status", "conditions", default=()) or (),
            {"PodScheduled": ("False", failure.reason, failure.message)}, now)
        status: dict[str, Any] = {"conditions": conditions}
        status.update(_missing_status(pod))
        stored = self.api.write(pod, {"status": status}, actor=self.name,
                                reason="unschedulable" if failure.reason == "Unschedulable"
                                else "scheduling error")
        flushing = key in self._flushing
        self._flushing.discard(key)
        if flushing or self._last_message.get(key) != failure.message:
            self.event(stored, "Warning", "FailedScheduling", failure.message)
        self._last_message[key] = failure.message
        self._set_interests(key, failure.interests)
        self._arm_flush(key)


def _fully_bound(claim: Mapping[str, Any]) -> bool:
    return bool(get_path(claim, "spec", "volumeName")) and ANN_BIND_COMPLETED in annotations_of(claim)


def _missing_status(pod: Mapping[str, Any]) -> dict[str, Any]:
    """Fields the API server sets on create, filled in when a pod lacks them."""
    out: dict[str, Any] = {}
    if not get_path(pod, "status", "phase"):
        out["phase"] = "Pending"
    if not get_path(pod, "status", "qosClass"):
        out["qosClass"] = podmod.qos_class(pod)
    return out


def _topology_matches(terms: Any, node: Mapping[str, Any]) -> bool:
    """``MatchTopologySelectorTerms``: no terms match everything; terms ORed, keys ANDed."""
    if not terms:
        return True
    labels = (node.get("metadata") or {}).get("labels") or {}
    for term in terms:
        expressions = (term or {}).get("matchLabelExpressions") or []
        if all(labels.get(e.get("key")) in [str(v) for v in e.get("values") or ()]
               for e in expressions):
            return True
    return False
