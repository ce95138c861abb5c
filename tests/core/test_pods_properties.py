"""Properties of the workload engine under random operations (hypothesis).

After any sequence of pods, claims, PVs, deletions, node failures, cordons, sleeps and
settles: the clock never goes backwards; a pod is bound to a node only once all its
claims are fully bound, and starts running only with every claim Bound to an existing
PV; no two live pods share an IP.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import workloads
from core.objects import get_path

from .test_pods_support import NFS, add, bound_pair, claim, get, new_cluster, pod, pv

CLAIMS = ("c0", "c1", "c2")
PODS = ("p0", "p1", "p2", "p3")
NODES = ("node-1", "node-2")

operation = st.one_of(
    st.tuples(st.just("pod"), st.sampled_from(PODS), st.sampled_from((None, *CLAIMS))),
    st.tuples(st.just("pinned"), st.sampled_from(PODS), st.sampled_from(CLAIMS),
              st.sampled_from(NODES)),
    st.tuples(st.just("claim"), st.sampled_from(CLAIMS), st.booleans()),
    st.tuples(st.just("pv"), st.integers(0, 5)),
    st.tuples(st.just("delete"), st.sampled_from(PODS), st.booleans()),
    st.tuples(st.just("delete-claim"), st.sampled_from(CLAIMS)),
    st.tuples(st.just("fail"), st.sampled_from(NODES)),
    st.tuples(st.just("recover"), st.sampled_from(NODES)),
    st.tuples(st.just("cordon"), st.sampled_from(NODES), st.booleans()),
    st.tuples(st.just("sleep"), st.sampled_from((0, 500, 2_000, 45_000, 400_000))),
    st.tuples(st.just("settle")),
)


def _claims_bound(cluster, p) -> bool:
    for volume in get_path(p, "spec", "volumes", default=()) or ():
        name = get_path(volume, "persistentVolumeClaim", "claimName")
        if not name:
            continue
        c = get(cluster, "PersistentVolumeClaim", name)
        if c is None or get_path(c, "status", "phase") != "Bound":
            return False
        volume_name = get_path(c, "spec", "volumeName")
        if not volume_name or get(cluster, "PersistentVolume", volume_name) is None:
            return False
    return True


def _apply(cluster, op) -> None:
    kind = op[0]
    if kind == "pod":
        if get(cluster, "Pod", op[1]) is None:
            add(cluster, pod(op[1], claims=(op[2],) if op[2] else ()))
    elif kind == "pinned":
        if get(cluster, "Pod", op[1]) is None:   # placed by hand: no scheduler checks
            add(cluster, pod(op[1], claims=(op[2],), node=op[3]))
    elif kind == "claim":
        if get(cluster, "PersistentVolumeClaim", op[1]) is None:
            if op[2]:
                bound_pair(cluster, f"pv-{op[1]}-{cluster.store.last_seq}", op[1],
                           nfs=(NFS, f"/nfs/{op[1]}"))
            else:
                add(cluster, claim(op[1]))
    elif kind == "pv":
        add(cluster, pv(f"extra-{op[1]}-{cluster.store.last_seq}", nfs=(NFS, f"/nfs/x{op[1]}")))
    elif kind == "delete":
        if get(cluster, "Pod", op[1]) is not None:
            cluster.api.delete("Pod", "default", op[1], force=op[2], grace_seconds=0 if op[2] else None)
    elif kind == "delete-claim":
        if get(cluster, "PersistentVolumeClaim", op[1]) is not None:
            cluster.api.delete("PersistentVolumeClaim", "default", op[1])
    elif kind == "fail":
        workloads.fail_node(cluster, op[1])
    elif kind == "recover":
        workloads.recover_node(cluster, op[1])
    elif kind == "cordon":
        workloads.cordon(cluster, op[1], op[2])
    elif kind == "sleep":
        cluster.advance(op[1])
    else:
        cluster.settle()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(operation, min_size=1, max_size=25))
def test_random_operations_keep_the_invariants(ops):
    cluster = new_cluster()
    violations: list[str] = []
    last_time = [cluster.now_ms]

    def watch(change) -> None:
        if change.time_ms < last_time[0]:
            violations.append(f"clock went back at change {change.seq}")
        last_time[0] = change.time_ms
        if change.kind != "Pod" or change.new is None:
            return
        old, new = change.old or {}, change.new
        if get_path(new, "spec", "nodeName") and not get_path(old, "spec", "nodeName") \
                and change.actor == "default-scheduler" and not _claims_bound(cluster, new):
            violations.append(f"{change.key[2]} bound to a node with an unbound claim")
        if get_path(new, "status", "phase") == "Running" and \
                get_path(old, "status", "phase") != "Running" and not _claims_bound(cluster, new):
            violations.append(f"{change.key[2]} running with an unbound claim")

    cluster.subscribe(watch)
    for op in ops:
        before = cluster.now_ms
        _apply(cluster, op)
        assert cluster.now_ms >= before
        ips = [get_path(p, "status", "podIP") for p in cluster.store.list("Pod")
               if get_path(p, "status", "podIP")]
        assert len(ips) == len(set(ips)), f"duplicate pod IPs after {op}"
    assert violations == []
