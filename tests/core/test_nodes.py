"""Nodes: the default workers, cordon/drain, failure and recovery, deletion, registration."""

from __future__ import annotations

import pytest

from core import Cluster, workloads
from core import nodes as nodemod
from core.errors import ApiError, CommandError

from .test_pods_support import (
    add,
    condition,
    controller_owner,
    events_for,
    get,
    new_cluster,
    phase,
    pod,
)

ON_NODE_1 = {"kubernetes.io/hostname": "node-1"}


def test_default_cluster_has_two_ready_worker_nodes():
    cluster = new_cluster()
    nodes = cluster.store.list("Node")
    assert [n["metadata"]["name"] for n in nodes] == ["node-1", "node-2"]
    node = nodes[0]
    assert {k: v for k, v in node["metadata"]["labels"].items() if k.startswith("kubernetes.io")} == {
        "kubernetes.io/arch": "amd64", "kubernetes.io/hostname": "node-1", "kubernetes.io/os": "linux"}
    assert node["spec"]["podCIDR"] == "10.244.1.0/24"
    assert nodes[1]["spec"]["podCIDRs"] == ["10.244.2.0/24"]
    status = node["status"]
    assert [(c["type"], c["status"], c["reason"]) for c in status["conditions"]] == [
        ("MemoryPressure", "False", "KubeletHasSufficientMemory"),
        ("DiskPressure", "False", "KubeletHasNoDiskPressure"),
        ("PIDPressure", "False", "KubeletHasSufficientPID"),
        ("Ready", "True", "KubeletReady")]
    assert status["addresses"] == [{"type": "InternalIP", "address": "10.0.0.11"},
                                   {"type": "Hostname", "address": "node-1"}]
    assert status["nodeInfo"]["kubeletVersion"] == nodemod.KUBELET_VERSION
    assert status["allocatable"]["pods"] == "110"
    assert "taints" not in node["spec"]


def test_default_nodes_can_be_left_out():
    cluster = new_cluster(default_nodes=False)
    assert cluster.store.list("Node") == []


def test_cordon_and_uncordon():
    cluster = new_cluster()
    assert workloads.cordon(cluster, "node-1", True) == "node/node-1 cordoned"
    cluster.drain()
    node = get(cluster, "Node", "node-1")
    assert node["spec"]["unschedulable"] is True
    assert [(t["key"], t["effect"]) for t in node["spec"]["taints"]] == [
        ("node.kubernetes.io/unschedulable", "NoSchedule")]
    assert workloads.cordon(cluster, "node-1", True) == "node/node-1 already cordoned"
    assert workloads.cordon(cluster, "node-1", False) == "node/node-1 uncordoned"
    cluster.drain()
    node = get(cluster, "Node", "node-1")
    assert "unschedulable" not in node["spec"] and "taints" not in node["spec"]
    assert workloads.uncordon(cluster, "node-1") == "node/node-1 already uncordoned"
    assert [m for _t, _r, m in events_for(cluster, "node-1")] == [
        "Node node-1 status is now: NodeNotSchedulable", "Node node-1 status is now: NodeSchedulable"]


@pytest.mark.parametrize("verb", [
    lambda c: workloads.cordon(c, "node-9", True),
    lambda c: workloads.drain(c, "node-9"),
    lambda c: workloads.fail_node(c, "node-9"),
    lambda c: workloads.recover_node(c, "node-9"),
])
def test_unknown_node_is_kubectls_not_found(verb):
    cluster = new_cluster()
    with pytest.raises(ApiError) as info:
        verb(cluster)
    assert str(info.value) == 'Error from server (NotFound): nodes "node-9" not found'


def test_cordoned_node_gets_no_new_pods():
    cluster = new_cluster()
    workloads.cordon(cluster, "node-1", True)
    for name in ("a", "b", "c"):
        add(cluster, pod(name))
    cluster.settle()
    assert {get(cluster, "Pod", n)["spec"]["nodeName"] for n in "abc"} == {"node-2"}


def test_drain_evicts_managed_pods_and_they_are_stopped():
    cluster = new_cluster()
    owner = controller_owner(cluster)
    add(cluster, pod("web-0", owner=owner, nodeSelector=ON_NODE_1))
    add(cluster, pod("web-1", owner=owner, nodeSelector=ON_NODE_1))
    cluster.settle()
    out = workloads.drain(cluster, "node-1")
    assert out == "\n".join([
        "node/node-1 cordoned",
        "evicting pod default/web-0",
        "evicting pod default/web-1",
        "pod/web-0 evicted",
        "pod/web-1 evicted",
        "node/node-1 drained",
    ])
    p = get(cluster, "Pod", "web-0")
    assert p["metadata"]["deletionTimestamp"]
    assert condition(p, "DisruptionTarget")["reason"] == "EvictionByEvictionAPI"
    cluster.settle()
    assert get(cluster, "Pod", "web-0") is None and get(cluster, "Pod", "web-1") is None


def test_drain_refuses_pods_without_a_controller_but_cordons_first():
    cluster = new_cluster()
    add(cluster, pod("solo", nodeSelector=ON_NODE_1))
    cluster.settle()
    with pytest.raises(CommandError) as info:
        workloads.drain(cluster, "node-1")
    assert str(info.value) == "\n".join([
        "node/node-1 cordoned",
        # kubectl >= 1.30 doubles "cannot delete" (kubernetes/kubectl#1808).
        'error: unable to drain node "node-1" due to error: cannot delete cannot delete Pods '
        "that declare no controller (use --force to override): default/solo, continuing "
        "command...",
        "There are pending nodes to be drained:",
        " node-1",
        "cannot delete cannot delete Pods that declare no controller (use --force to override): "
        "default/solo",
    ])
    assert get(cluster, "Node", "node-1")["spec"]["unschedulable"] is True
    assert not get(cluster, "Pod", "solo")["metadata"].get("deletionTimestamp")
    out = workloads.drain(cluster, "node-1", force=True)
    assert out.splitlines()[:3] == [
        "node/node-1 already cordoned",
        "Warning: deleting Pods that declare no controller: default/solo",
        "evicting pod default/solo"]


def test_drain_refuses_emptydir_pods_without_the_flag():
    cluster = new_cluster()
    owner = controller_owner(cluster)
    add(cluster, pod("cache", owner=owner, nodeSelector=ON_NODE_1,
                     volumes=[{"name": "tmp", "emptyDir": {}}]))
    cluster.settle()
    with pytest.raises(CommandError) as info:
        workloads.drain(cluster, "node-1")
    assert ("cannot delete Pods with local storage (use --delete-emptydir-data to override): "
            "default/cache") in str(info.value)
    assert "evicting pod default/cache" in workloads.drain(cluster, "node-1",
                                                            delete_emptydir_data=True)


def test_failed_node_goes_not_ready_then_its_pods_are_marked_for_deletion_but_stay():
    cluster = new_cluster()
    add(cluster, pod("web-0", nodeSelector=ON_NODE_1))
    cluster.settle()
    start = cluster.now_ms
    assert workloads.fail_node(cluster, "node-1") == "node/node-1 failed"
    assert workloads.fail_node(cluster, "node-1") == "node/node-1 already failed"
    cluster.advance(cluster.settings.node_monitor_grace_ms - 1)
    assert nodemod.is_ready(get(cluster, "Node", "node-1"))
    cluster.advance(1)
    node = get(cluster, "Node", "node-1")
    ready = nodemod.condition(node, "Ready")
    assert (ready["status"], ready["reason"], ready["message"]) == (
        "Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status.")
    assert sorted((t["key"], t["effect"]) for t in node["spec"]["taints"]) == [
        ("node.kubernetes.io/unreachable", "NoExecute"),
        ("node.kubernetes.io/unreachable", "NoSchedule")]
    p = get(cluster, "Pod", "web-0")
    assert condition(p, "Ready")["status"] == "False"
    assert phase(p) == "Running"
    assert ("Warning", "NodeNotReady", "Node is not ready") in events_for(cluster, "web-0")
    assert ("Normal", "NodeNotReady", "Node node-1 status is now: NodeNotReady") in \
        events_for(cluster, "node-1")

    cluster.advance(cluster.settings.default_toleration_seconds * 1000 - 1)
    assert not get(cluster, "Pod", "web-0")["metadata"].get("deletionTimestamp")
    cluster.advance(1)
    p = get(cluster, "Pod", "web-0")
    assert p["metadata"]["deletionTimestamp"]
    assert events_for(cluster, "web-0", "TaintManagerEviction") == [
        ("Normal", "TaintManagerEviction", "Marking for deletion Pod default/web-0")]
    assert cluster.now_ms - start == 350_000  # 50 s grace (1.32+) + 300 s toleration
    result = cluster.settle()
    assert result.settled
    cluster.advance(3_600_000)
    assert get(cluster, "Pod", "web-0") is not None, "nobody can confirm the pod stopped"


def test_force_delete_removes_a_pod_of_a_failed_node():
    cluster = new_cluster()
    add(cluster, pod("web-0", nodeSelector=ON_NODE_1))
    cluster.settle()
    workloads.fail_node(cluster, "node-1")
    cluster.settle()
    cluster.api.delete("Pod", "default", "web-0", force=True, grace_seconds=0)
    assert get(cluster, "Pod", "web-0") is None


def test_recovered_node_is_ready_and_its_kubelet_finishes_pending_deletions():
    cluster = new_cluster()
    add(cluster, pod("gone", nodeSelector=ON_NODE_1))
    cluster.settle()
    workloads.fail_node(cluster, "node-1")
    cluster.settle()
    add(cluster, pod("stays", nodeSelector=ON_NODE_1, tolerations=[
        {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute"},
        {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoSchedule"}]))
    cluster.settle()
    assert "podIP" not in get(cluster, "Pod", "stays")["status"], "the kubelet is down"
    assert workloads.recover_node(cluster, "node-1") == "node/node-1 recovered"
    assert workloads.recover_node(cluster, "node-1") == "node/node-1 is not failed"
    cluster.drain()
    node = get(cluster, "Node", "node-1")
    assert nodemod.is_ready(node) and "taints" not in node["spec"]
    assert ("Normal", "NodeReady", "Node node-1 status is now: NodeReady") in \
        events_for(cluster, "node-1")
    assert events_for(cluster, "gone", "Killing") == [
        ("Normal", "Killing", "Stopping container nginx")]
    cluster.settle()
    assert get(cluster, "Pod", "gone") is None
    assert condition(get(cluster, "Pod", "stays"), "Ready")["status"] == "True"


def test_pods_keep_ready_status_back_after_a_short_failure():
    cluster = new_cluster()
    add(cluster, pod("web-0", nodeSelector=ON_NODE_1))
    cluster.settle()
    workloads.fail_node(cluster, "node-1")
    cluster.advance(60_000)
    assert condition(get(cluster, "Pod", "web-0"), "Ready")["status"] == "False"
    workloads.recover_node(cluster, "node-1")
    cluster.settle()
    p = get(cluster, "Pod", "web-0")
    assert condition(p, "Ready")["status"] == "True" and not p["metadata"].get("deletionTimestamp")


def test_unreachable_node_is_filtered_by_its_taint():
    cluster = new_cluster()
    workloads.fail_node(cluster, "node-1")
    cluster.advance(cluster.settings.node_monitor_grace_ms)
    workloads.cordon(cluster, "node-2", True)
    add(cluster, pod("p"))
    cluster.drain()
    assert condition(get(cluster, "Pod", "p"), "PodScheduled")["message"] == (
        "0/2 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: "
        "}, 1 node(s) were unschedulable. preemption: 0/2 nodes are available: 2 Preemption is not "
        "helpful for scheduling.")


def test_deleting_a_node_garbage_collects_its_pods():
    cluster = new_cluster()
    add(cluster, pod("web-0", nodeSelector=ON_NODE_1))
    cluster.settle()
    workloads.fail_node(cluster, "node-1")
    cluster.api.delete("Node", "", "node-1")
    cluster.advance(cluster.settings.orphan_pod_gc_ms - 1)
    assert get(cluster, "Pod", "web-0") is not None
    cluster.advance(1)
    assert get(cluster, "Pod", "web-0") is None
    removal = [c for c in cluster.store.log if c.key == ("Pod", "default", "web-0")]
    assert removal[-2].new["status"]["conditions"][-1]["reason"] == "DeletionByPodGC"
    assert (removal[-1].action, removal[-1].actor) == ("DELETED", "pod-garbage-collector")


def test_applied_node_is_registered_by_its_kubelet():
    cluster = new_cluster()
    add(cluster, {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "worker-a"}})
    cluster.drain()
    node = get(cluster, "Node", "worker-a")
    assert nodemod.is_ready(node)
    assert node["metadata"]["labels"]["kubernetes.io/hostname"] == "worker-a"
    assert node["spec"]["podCIDR"] == "10.244.3.0/24"
    assert nodemod.internal_ip(node) == "10.0.0.13"
    add(cluster, pod("p", nodeSelector={"kubernetes.io/hostname": "worker-a"}))
    cluster.settle()
    assert get(cluster, "Pod", "p")["status"]["podIP"] == "10.244.3.2"


def test_only_applied_nodes_without_defaults():
    cluster = new_cluster(default_nodes=False)
    add(cluster, {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "node-7"}})
    add(cluster, pod("p"))
    cluster.settle()
    p = get(cluster, "Pod", "p")
    assert p["spec"]["nodeName"] == "node-7"
    assert p["status"]["podIP"] == "10.244.7.2"


@pytest.mark.parametrize(("toleration", "taint", "expected"), [
    ({"key": "k", "operator": "Exists"}, {"key": "k", "effect": "NoSchedule"}, True),
    ({"operator": "Exists"}, {"key": "any", "value": "v", "effect": "NoExecute"}, True),
    ({"key": "k", "value": "v"}, {"key": "k", "value": "v", "effect": "NoSchedule"}, True),
    ({"key": "k", "value": "w"}, {"key": "k", "value": "v", "effect": "NoSchedule"}, False),
    ({"key": "k", "operator": "Exists", "effect": "NoExecute"},
     {"key": "k", "effect": "NoSchedule"}, False),
])
def test_toleration_matching(toleration, taint, expected):
    assert nodemod.tolerates(toleration, taint) is expected


@pytest.mark.parametrize(("operator", "values", "labels", "expected"), [
    ("In", ["a", "b"], {"zone": "b"}, True),
    ("In", ["a"], {}, False),
    ("NotIn", ["a"], {}, True),
    ("Exists", [], {"zone": "x"}, True),
    ("DoesNotExist", [], {"zone": "x"}, False),
    ("Gt", ["3"], {"zone": "5"}, True),
    ("Lt", ["3"], {"zone": "5"}, False),
])
def test_node_selector_requirements(operator, values, labels, expected):
    node = {"metadata": {"name": "n", "labels": labels}}
    term = {"matchExpressions": [{"key": "zone", "operator": operator, "values": values}]}
    assert nodemod.selector_terms_match([term], node) is expected


def test_empty_node_selector_term_matches_nothing():
    assert not nodemod.selector_terms_match([{}], {"metadata": {"name": "n", "labels": {}}})


def test_applied_nodes_never_share_addresses():
    cluster = new_cluster()
    # A pod on node-1 keeps that default node when user-defined nodes arrive.
    cluster.api.restore({"apiVersion": "v1", "kind": "Pod",
                         "metadata": {"name": "p", "namespace": "default"},
                         "spec": {"nodeName": "node-1", "containers": [
                             {"name": "c", "image": "nginx"}]}})
    for name in ("worker-a", "worker-b", "node-3"):
        add(cluster, {"apiVersion": "v1", "kind": "Node", "metadata": {"name": name}})
        cluster.drain()
    nodes = cluster.store.list("Node")
    ips = [nodemod.internal_ip(n) for n in nodes]
    cidrs = [n["spec"]["podCIDR"] for n in nodes]
    assert len(set(ips)) == len(ips) == 4 and len(set(cidrs)) == 4


def test_user_defined_nodes_replace_the_unused_default_nodes():
    cluster = Cluster()
    cluster.run("kubectl get nodes")
    out = cluster.apply_manifests(
        "apiVersion: v1\nkind: Node\nmetadata:\n  name: worker-a\n", "nodes.yaml")
    assert out == "node/worker-a created"
    cluster.settle()
    assert [n["metadata"]["name"] for n in cluster.store.list("Node")] == ["worker-a"]
    removed = [c for c in cluster.store.log if c.action == "DELETED" and c.kind == "Node"]
    assert {c.key[2] for c in removed} == {"node-1", "node-2"}
    assert all(c.actor == "simulator" for c in removed)
