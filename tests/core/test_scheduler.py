"""default-scheduler: FitError messages, storage checks, WaitForFirstConsumer, node choice."""

from __future__ import annotations

import pytest

from core import workloads
from core.controllers.scheduler import NO_VICTIMS, PREEMPTION_NOT_HELPFUL, UNRESOLVABLE, fit_error

from .test_pods_support import (
    add,
    bound_pair,
    claim,
    condition,
    events_for,
    get,
    new_cluster,
    pod,
    pv,
)

TAIL2 = " preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling."


def scheduled_message(cluster, name: str = "p") -> str:
    cond = condition(get(cluster, "Pod", name), "PodScheduled")
    assert cond["status"] == "False"
    return cond["message"]


def wffc_class(name: str = "local", provisioner: str = "kubernetes.io/no-provisioner"):
    return {"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass", "metadata": {"name": name},
            "provisioner": provisioner, "volumeBindingMode": "WaitForFirstConsumer",
            "reclaimPolicy": "Delete"}


# ---- the message format -------------------------------------------------------------------
@pytest.mark.parametrize(("total", "prefilter", "verdicts", "text"), [
    (2, "pod has unbound immediate PersistentVolumeClaims",
     {"a": (UNRESOLVABLE, ["x"]), "b": (UNRESOLVABLE, ["x"])},
     "0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims." + TAIL2),
    (3, "", {"a": (UNRESOLVABLE, ["node(s) were unschedulable"]),
             "b": (UNRESOLVABLE, ["node(s) had volume node affinity conflict"]),
             "c": (UNRESOLVABLE, ["node(s) had volume node affinity conflict"])},
     "0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) had volume node affinity "
     "conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."),
    (3, "", {"a": (UNRESOLVABLE, ["node(s) were unschedulable"]),
             "b": ("Unschedulable", ["Insufficient cpu"]),
             "c": ("Unschedulable", ["Insufficient cpu", "Insufficient memory"])},
     "0/3 nodes are available: 1 Insufficient memory, 1 node(s) were unschedulable, 2 "
     "Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, "
     f"2 {NO_VICTIMS}."),
])
def test_fit_error_format(total, prefilter, verdicts, text):
    # Reasons sorted as "count reason" strings, like FitError.Error's histogram.
    assert fit_error(total, prefilter, verdicts) == text
    assert PREEMPTION_NOT_HELPFUL in text


# ---- PreFilter ------------------------------------------------------------------------------
def test_unbound_immediate_claim_keeps_the_pod_pending_with_the_real_message():
    cluster = new_cluster()
    add(cluster, claim("www-web-1", class_name="nfs"))
    add(cluster, pod("web-1", claims=("www-web-1",)))
    cluster.settle()
    p = get(cluster, "Pod", "web-1")
    cond = condition(p, "PodScheduled")
    assert (cond["status"], cond["reason"]) == ("False", "Unschedulable")
    assert cond["message"] == ("0/2 nodes are available: pod has unbound immediate "
                               "PersistentVolumeClaims." + TAIL2)
    assert events_for(cluster, "web-1", "FailedScheduling") == [
        ("Warning", "FailedScheduling", cond["message"])]
    assert p["status"]["phase"] == "Pending" and "nodeName" not in p["spec"]


@pytest.mark.parametrize(("setup", "text"), [
    ("missing", 'persistentvolumeclaim "data" not found'),
    ("deleting", 'persistentvolumeclaim "data" is being deleted'),
    ("lost", 'persistentvolumeclaim "data" bound to non-existent persistentvolume "pv-gone"'),
])
def test_prefilter_claim_errors(setup, text):
    cluster = new_cluster()
    if setup != "missing":
        c = claim("data")
        if setup == "deleting":
            c["metadata"]["deletionTimestamp"] = "2025-01-01T00:00:00Z"
            c["metadata"]["finalizers"] = ["example.com/hold"]
        else:
            c["spec"]["volumeName"] = "pv-gone"
            c["metadata"]["annotations"] = {"pv.kubernetes.io/bind-completed": "yes"}
            c["status"] = {"phase": "Lost"}
        add(cluster, c)
    add(cluster, pod("p", claims=("data",)))
    cluster.drain()
    assert scheduled_message(cluster) == f"0/2 nodes are available: {text}." + TAIL2


def test_pod_is_scheduled_as_soon_as_its_claim_binds():
    cluster = new_cluster()
    add(cluster, pod("p", claims=("data",)))
    cluster.drain()
    assert "not found" in scheduled_message(cluster)
    bound_pair(cluster, "pv1", "data")
    cluster.drain()
    assert get(cluster, "Pod", "p")["spec"]["nodeName"] == "node-1"
    assert condition(get(cluster, "Pod", "p"), "PodScheduled")["status"] == "True"
    assert cluster.now_ms == 0


# ---- Filter ----------------------------------------------------------------------------------
def test_cordoned_nodes():
    cluster = new_cluster()
    workloads.cordon(cluster, "node-1", True)
    workloads.cordon(cluster, "node-2", True)
    add(cluster, pod("p"))
    cluster.drain()
    assert scheduled_message(cluster) == "0/2 nodes are available: 2 node(s) were unschedulable." + TAIL2


def test_node_selector_mismatch():
    cluster = new_cluster()
    add(cluster, pod("p", nodeSelector={"disktype": "ssd"}))
    cluster.drain()
    assert scheduled_message(cluster) == (
        "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector." + TAIL2)


def test_insufficient_cpu_is_not_helped_by_preemption_either():
    cluster = new_cluster()
    add(cluster, pod("p", containers=[{"name": "c", "image": "nginx",
                                       "resources": {"requests": {"cpu": "3"}}}]))
    cluster.drain()
    assert scheduled_message(cluster) == (
        "0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: "
        "2 No preemption victims found for incoming pod.")


def test_too_many_pods():
    cluster = new_cluster(node_max_pods=1)
    add(cluster, pod("a"))
    add(cluster, pod("b"))
    add(cluster, pod("c"))
    cluster.settle()
    assert get(cluster, "Pod", "a")["spec"]["nodeName"] == "node-1"
    assert get(cluster, "Pod", "b")["spec"]["nodeName"] == "node-2"
    assert scheduled_message(cluster, "c") == (
        "0/2 nodes are available: 2 Too many pods. preemption: 0/2 nodes are available: "
        "2 No preemption victims found for incoming pod.")
    cluster.api.delete("Pod", "default", "a")
    cluster.settle()
    assert get(cluster, "Pod", "c")["spec"]["nodeName"] == "node-1"


def test_read_write_once_pod_claim_in_use():
    cluster = new_cluster()
    bound_pair(cluster, "pv1", "solo", modes=("ReadWriteOncePod",))
    add(cluster, pod("first", claims=("solo",)))
    cluster.settle()
    add(cluster, pod("second", claims=("solo",)))
    cluster.drain()
    assert scheduled_message(cluster, "second") == (
        "0/2 nodes are available: 2 node has pod using PersistentVolumeClaim with the same name and "
        "ReadWriteOncePod access mode. preemption: 0/2 nodes are available: 2 No preemption "
        "victims found for incoming pod.")
    cluster.api.delete("Pod", "default", "first")
    cluster.settle()
    assert get(cluster, "Pod", "second")["spec"]["nodeName"]


def test_bound_volume_node_affinity_decides_the_node():
    cluster = new_cluster()
    bound_pair(cluster, "pv1", "data", nfs=None, node="node-2")
    add(cluster, pod("p", claims=("data",)))
    cluster.drain()
    assert get(cluster, "Pod", "p")["spec"]["nodeName"] == "node-2"


def test_bound_volume_node_affinity_conflict():
    cluster = new_cluster()
    bound_pair(cluster, "pv1", "data", nfs=None, node="node-9")
    add(cluster, pod("p", claims=("data",)))
    cluster.drain()
    assert scheduled_message(cluster) == (
        "0/2 nodes are available: 2 node(s) had volume node affinity conflict." + TAIL2)


def test_no_nodes():
    cluster = new_cluster(default_nodes=False)
    add(cluster, pod("p"))
    cluster.drain()
    cond = condition(get(cluster, "Pod", "p"), "PodScheduled")
    assert (cond["reason"], cond["message"]) == ("SchedulerError", "no nodes available to schedule pods")


# ---- node choice -----------------------------------------------------------------------------
def test_pods_spread_over_nodes_by_count_then_name():
    cluster = new_cluster()
    for name in ("a", "b", "c", "d"):
        add(cluster, pod(name))
        cluster.drain()
    assert [get(cluster, "Pod", n)["spec"]["nodeName"] for n in "abcd"] == [
        "node-1", "node-2", "node-1", "node-2"]


# ---- WaitForFirstConsumer --------------------------------------------------------------------
def test_wffc_binds_the_pv_that_fits_the_chosen_node_then_the_pod():
    cluster = new_cluster()
    add(cluster, wffc_class())
    add(cluster, pv("pv-n2", class_name="local", node="node-2", local={"path": "/mnt/disk"}))
    add(cluster, claim("data", class_name="local"))
    add(cluster, pod("p", claims=("data",)))
    cluster.drain()
    changes = [(c.key[2], c.actor, c.reason) for c in cluster.store.log if c.kind != "Event"]
    prebind = changes.index(("pv-n2", "default-scheduler", "pre-bind to default/data for pod p on node-2"))
    bind = changes.index(("p", "default-scheduler", "bind to node-2"))
    claim_bound = [i for i, c in enumerate(changes) if c[0] == "data" and c[1] ==
                   "persistentvolume-controller"]
    assert prebind < min(claim_bound) and max(claim_bound) < bind
    volume = get(cluster, "PersistentVolume", "pv-n2")
    assert volume["spec"]["claimRef"]["name"] == "data"
    assert volume["metadata"]["annotations"]["pv.kubernetes.io/bound-by-controller"] == "yes"
    assert get(cluster, "PersistentVolumeClaim", "data")["status"]["phase"] == "Bound"


def test_wffc_two_claims_of_one_pod_get_two_pvs_smallest_request_first():
    cluster = new_cluster()
    add(cluster, wffc_class())
    add(cluster, pv("small", size="1Gi", class_name="local", node="node-1", local={"path": "/a"}))
    add(cluster, pv("big", size="10Gi", class_name="local", node="node-1", local={"path": "/b"}))
    add(cluster, claim("large", size="5Gi", class_name="local"))
    add(cluster, claim("tiny", size="1Gi", class_name="local"))
    add(cluster, pod("p", claims=("large", "tiny")))
    cluster.settle()
    assert get(cluster, "PersistentVolumeClaim", "tiny")["spec"]["volumeName"] == "small"
    assert get(cluster, "PersistentVolumeClaim", "large")["spec"]["volumeName"] == "big"
    assert get(cluster, "Pod", "p")["spec"]["nodeName"] == "node-1"


def test_wffc_without_a_pv_or_provisioner():
    cluster = new_cluster()
    add(cluster, wffc_class())
    add(cluster, claim("data", class_name="local"))
    add(cluster, pod("p", claims=("data",)))
    cluster.drain()
    assert scheduled_message(cluster) == (
        "0/2 nodes are available: 2 node(s) didn't find available persistent volumes to bind."
        + TAIL2)
    add(cluster, pv("late", class_name="local", node="node-1", local={"path": "/x"}))
    cluster.drain()
    assert get(cluster, "Pod", "p")["spec"]["nodeName"] == "node-1"


def test_wffc_provisioning_annotates_the_claim_with_the_selected_node():
    cluster = new_cluster()
    add(cluster, wffc_class("csi", provisioner="example.com/csi"))
    add(cluster, claim("data", class_name="csi"))
    add(cluster, pod("p", claims=("data",)))
    cluster.drain()
    c = get(cluster, "PersistentVolumeClaim", "data")
    assert c["metadata"]["annotations"]["volume.kubernetes.io/selected-node"] == "node-1"
    assert "nodeName" not in get(cluster, "Pod", "p")["spec"], "waits for the claim to be bound"


def test_unschedulable_pod_event_is_not_repeated_until_the_queue_flush():
    cluster = new_cluster()
    add(cluster, claim("data", class_name="nfs"))
    add(cluster, pod("p", claims=("data",)))
    cluster.settle()
    cluster.advance(60_000)
    events = [e for e in cluster.recorder.for_object(get(cluster, "Pod", "p"))
              if e["reason"] == "FailedScheduling"]
    assert [e["count"] for e in events] == [1]
    cluster.advance(cluster.settings.scheduler_flush_ms)
    events = [e for e in cluster.recorder.for_object(get(cluster, "Pod", "p"))
              if e["reason"] == "FailedScheduling"]
    assert [e["count"] for e in events] == [2]


def test_wffc_dynamic_provisioning_end_to_end():
    cluster = new_cluster()
    add(cluster, {"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
                  "metadata": {"name": "nfs-client"},
                  "provisioner": "k8s-sigs.io/nfs-subdir-external-provisioner",
                  "parameters": {"server": "10.0.0.50", "path": "/exports"},
                  "volumeBindingMode": "WaitForFirstConsumer", "reclaimPolicy": "Delete"})
    add(cluster, claim("data", class_name="nfs-client"))
    add(cluster, pod("p", claims=("data",)))
    cluster.settle()
    p = get(cluster, "Pod", "p")
    assert p["spec"]["nodeName"] == "node-1" and p["status"]["phase"] == "Running"
    c = get(cluster, "PersistentVolumeClaim", "data")
    assert c["metadata"]["annotations"]["volume.kubernetes.io/selected-node"] == "node-1"
    assert c["status"]["phase"] == "Bound"


def test_failed_provisioning_sends_the_pod_back_to_scheduling_after_a_backoff():
    from core.objects import DELETE

    cluster = new_cluster()
    add(cluster, wffc_class("csi", provisioner="example.com/csi"))
    add(cluster, claim("data", class_name="csi"))
    add(cluster, pod("p", claims=("data",)))
    cluster.drain()
    # The provisioner gives up: it removes the selected-node annotation (as external-provisioner does).
    cluster.api.write(get(cluster, "PersistentVolumeClaim", "data"),
                      {"metadata": {"annotations": {"volume.kubernetes.io/selected-node": DELETE}}},
                      actor="example.com/csi", reason="provisioning failed")
    cluster.drain()
    cond = condition(get(cluster, "Pod", "p"), "PodScheduled")
    assert (cond["reason"], cond["message"]) == (
        "SchedulerError",
        'running PreBind plugin "VolumeBinding": binding volumes: provisioning failed for PVC "data"')
    annotations = get(cluster, "PersistentVolumeClaim", "data")["metadata"].get("annotations") or {}
    assert "volume.kubernetes.io/selected-node" not in annotations, "backing off, no retry yet"
    cluster.advance(10_000)
    annotations = get(cluster, "PersistentVolumeClaim", "data")["metadata"]["annotations"]
    assert annotations["volume.kubernetes.io/selected-node"] == "node-1"
