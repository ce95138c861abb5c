"""Finalizers hold pods as they hold other objects ("Force Delete StatefulSet Pods"):
the kubelet's last delete, or a forced one, leaves a pod with finalizers in the store,
deleting, until the last finalizer goes; the StatefulSet waits for it (at most one pod
per ordinal)."""

from __future__ import annotations

import pytest

from core.cluster import Cluster
from tests.core.web_fixtures import web_cluster

ADD = """kubectl patch pod {pod} -p '{{"metadata":{{"finalizers":["example.com/keep"]}}}}'"""
CLEAR = """kubectl patch pod {pod} -p '{{"metadata":{{"finalizers":null}}}}'"""


@pytest.fixture
def web() -> Cluster:
    return web_cluster(volumes="tutorial-pvs.yaml")


def uid(cluster: Cluster, pod: str) -> str | None:
    obj = cluster.get("Pod", "default", pod)
    return obj["metadata"]["uid"] if obj else None


def status_of(cluster: Cluster, pod: str) -> str:
    for line in cluster.run("kubectl get pods").splitlines()[1:]:
        cells = line.split()
        if cells[0] == pod:
            return f"{cells[1]} {cells[2]}"
    return "gone"


@pytest.mark.parametrize("delete", ["kubectl delete pod web-0",
                                    "kubectl delete pod web-0 --grace-period=0 --force"])
def test_a_pod_with_a_finalizer_stays_until_it_is_removed(web, delete):
    first = uid(web, "web-0")
    web.run(ADD.format(pod="web-0"))
    web.run(delete)
    web.settle()
    pod = web.get("Pod", "default", "web-0")
    assert pod["metadata"]["uid"] == first and pod["metadata"]["deletionTimestamp"]
    assert pod["metadata"]["deletionGracePeriodSeconds"] == 0
    assert status_of(web, "web-0") == "0/1 Completed"  # the kubelet stopped its containers
    # The StatefulSet does not make a second web-0 while the old one exists.
    assert [p["metadata"]["name"] for p in web.store.list("Pod", "default")] == ["web-0", "web-1"]
    web.run(CLEAR.format(pod="web-0"))
    assert web.get("Pod", "default", "web-0") is None  # grace over, no finalizers: gone
    web.settle()
    assert uid(web, "web-0") not in (None, first)
    assert status_of(web, "web-0") == "1/1 Running"


def test_removing_the_finalizer_of_a_terminating_pod_leaves_it_to_the_kubelet(web):
    web.run(ADD.format(pod="web-1"))
    web.run("kubectl delete pod web-1")
    web.run(CLEAR.format(pod="web-1"))
    # Still within its grace period: the kubelet finishes it, then it goes.
    assert status_of(web, "web-1") == "1/1 Terminating"
    web.settle()
    assert status_of(web, "web-1") == "1/1 Running"


def test_force_deleting_a_terminating_pod_with_a_finalizer_shortens_its_grace(web):
    web.run(ADD.format(pod="web-1"))
    web.run("kubectl delete pod web-1")
    assert web.get("Pod", "default", "web-1")["metadata"]["deletionGracePeriodSeconds"] == 30
    web.run("kubectl delete pod web-1 --grace-period=0 --force")
    pod = web.get("Pod", "default", "web-1")
    assert pod is not None and pod["metadata"]["deletionGracePeriodSeconds"] == 0
    web.run(CLEAR.format(pod="web-1"))
    assert web.get("Pod", "default", "web-1") is None


def test_a_pods_own_termination_grace_period_is_the_default():
    """podStrategy.CheckGracefulDelete: no --grace-period means the pod's own period."""
    cluster = Cluster()
    cluster.apply_manifests("""apiVersion: v1
kind: Pod
metadata: {name: quick}
spec:
  terminationGracePeriodSeconds: 5
  containers: [{name: c, image: busybox:1.36, command: [sleep, "3600"]}]
""")
    cluster.settle()
    cluster.run("kubectl delete pod quick")
    assert cluster.get("Pod", "default", "quick")["metadata"]["deletionGracePeriodSeconds"] == 5
    cluster.settle()
    assert cluster.get("Pod", "default", "quick") is None
