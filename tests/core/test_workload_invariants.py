"""Property tests: workload invariants hold after any sequence of user actions.

Random sequences of scales, pod and claim deletions (graceful and forced), StatefulSet
deletion and re-creation, node failures and recoveries, settles and sleeps run on the
seed's cluster (its PVs plus a fifth that fits, and the StatefulSet ``web``). Every
store write is watched, so an invariant broken in the middle of a settle is caught too.
These need the whole engine (scheduler, kubelet, PV controller, GC, node lifecycle).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import Cluster, CommandError
from core import statefulsets as rules
from core.objects import get_path, is_deleting, name_of, phase_of, uid_of
from core.store import ADDED, Change

SCRIPTS = Path(__file__).resolve().parents[2] / "assets" / "scripts"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _docs(name: str) -> list[dict]:
    return [d for d in yaml.load_all((SCRIPTS / name).read_text(), Loader=_Loader) if d]


class Watcher:
    """Checks every change as it happens; collects violations."""

    def __init__(self, cluster: Cluster, ordered: bool) -> None:
        self.cluster = cluster
        self.ordered = ordered
        self.last_time = cluster.clock.now_ms
        self.violations: list[str] = []
        cluster.subscribe(self)

    def __call__(self, change: Change) -> None:
        if change.time_ms < self.last_time:
            self.violations.append(f"clock went back: {change.time_ms} < {self.last_time}")
        self.last_time = change.time_ms
        if self.ordered and change.kind == "Pod" and change.action == ADDED and \
                change.actor == "statefulset-controller":
            self._check_ordered_creation(change.new)

    def _check_ordered_creation(self, pod) -> None:
        sts = self.cluster.get("StatefulSet", "default", "web")
        ordinal = rules.ordinal_of(pod)
        for lower in range(rules.start_ordinal(sts), ordinal):
            other = self.cluster.get("Pod", "default", rules.pod_name("web", lower))
            if other is None or is_deleting(other) or not rules.is_running_and_ready(other):
                self.violations.append(f"{name_of(pod)} created while web-{lower} was not "
                                       f"Running and Ready")


def check_state(cluster: Cluster) -> list[str]:
    problems = []
    store = cluster.store
    sts = store.get("StatefulSet", "default", "web")
    ordinals: dict[int, str] = {}
    for pod in store.list("Pod", "default"):
        ref = rules.controller_of(pod)
        if sts is not None and ref is not None and ref.get("uid") == uid_of(sts):
            ordinal = rules.ordinal_of(pod)
            if ordinal in ordinals:
                problems.append(f"two pods for ordinal {ordinal}")
            ordinals[ordinal] = name_of(pod)
            if pod["metadata"]["labels"].get(rules.POD_INDEX_LABEL) != str(ordinal):
                problems.append(f"{name_of(pod)} has the wrong pod-index label")
        if phase_of(pod) == "Running":
            for claim_name in rules.claim_names_of_pod(pod):
                claim = store.get("PersistentVolumeClaim", "default", claim_name)
                if claim is None or phase_of(claim) != "Bound":
                    problems.append(f"{name_of(pod)} Running with unbound claim {claim_name}")
    bound_to: dict[str, str] = {}
    for claim in store.list("PersistentVolumeClaim", "default"):
        volume = get_path(claim, "spec", "volumeName")
        if phase_of(claim) == "Bound" and volume:
            if volume in bound_to:
                problems.append(f"{volume} bound by {bound_to[volume]} and {name_of(claim)}")
            bound_to[volume] = name_of(claim)
    claimed: dict[str, str] = {}
    for volume in store.list("PersistentVolume"):
        uid = get_path(volume, "spec", "claimRef", "uid")
        if uid and phase_of(volume) == "Bound":
            if uid in claimed:
                problems.append(f"claim {uid} bound to {claimed[uid]} and {name_of(volume)}")
            claimed[uid] = name_of(volume)
    return problems


def new_cluster(policy: str) -> Cluster:
    cluster = Cluster()
    for doc in _docs("seed-pvs.yaml") + _docs("pv0005.yaml"):
        cluster.api.create(doc)
    for doc in _docs("seed-web.yaml"):
        if doc["kind"] == "StatefulSet":
            doc["spec"]["podManagementPolicy"] = policy
        cluster.api.create(doc)
    return cluster


def apply_action(cluster: Cluster, action: tuple) -> None:
    from core import workloads

    verb = action[0]
    try:
        if verb == "scale":
            rules.scale(cluster, "default", "web", action[1])
        elif verb == "delete_pod":
            cluster.api.delete("Pod", "default", f"web-{action[1]}", force=action[2],
                               grace_seconds=0 if action[2] else None)
        elif verb == "delete_claim":
            cluster.api.delete("PersistentVolumeClaim", "default", f"www-web-{action[1]}")
        elif verb == "delete_sts":
            cluster.api.delete("StatefulSet", "default", "web")
        elif verb == "recreate_sts":
            if cluster.get("StatefulSet", "default", "web") is None:
                for doc in _docs("seed-web.yaml"):
                    if doc["kind"] == "StatefulSet":
                        cluster.api.create(doc)
        elif verb == "fail_node":
            workloads.fail_node(cluster, action[1])
        elif verb == "recover_node":
            workloads.recover_node(cluster, action[1])
        elif verb == "settle":
            cluster.settle()
        elif verb == "sleep":
            cluster.advance(action[1] * 1000)
    except CommandError:
        # Deleting what is gone, scaling what was deleted: refused, nothing changes.
        pass


ACTIONS = st.one_of(
    st.tuples(st.just("scale"), st.integers(0, 4)),
    st.tuples(st.just("delete_pod"), st.integers(0, 3), st.booleans()),
    st.tuples(st.just("delete_claim"), st.integers(0, 3)),
    st.tuples(st.just("delete_sts")),
    st.tuples(st.just("recreate_sts")),
    st.tuples(st.just("fail_node"), st.sampled_from(["node-1", "node-2"])),
    st.tuples(st.just("recover_node"), st.sampled_from(["node-1", "node-2"])),
    st.tuples(st.just("settle")),
    st.tuples(st.just("sleep"), st.integers(1, 120)),
)


@pytest.mark.parametrize("policy", ["OrderedReady", "Parallel"])
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(actions=st.lists(ACTIONS, min_size=1, max_size=15))
def test_workload_invariants_hold(policy, actions):
    cluster = new_cluster(policy)
    watcher = Watcher(cluster, ordered=policy == "OrderedReady")
    # Start from the seed's running state: web-0 and web-1 up, bound to pv0001 and pv0005.
    cluster.settle()
    assert not check_state(cluster) + watcher.violations
    for action in actions:
        apply_action(cluster, action)
        problems = check_state(cluster) + watcher.violations
        assert not problems, (action, problems)
    cluster.settle()
    assert not check_state(cluster) + watcher.violations
