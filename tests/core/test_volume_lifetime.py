"""What only a pod holds (emptyDir data, its ServiceAccount and config files) goes with the
pod, so a long session that recreates pods does not keep every old pod's files."""

from __future__ import annotations

from core.cluster import Cluster
from core.podexec import _mem_trees
from tests.core.web_fixtures import web_cluster

POD = """apiVersion: v1
kind: Pod
metadata:
  name: scratch
spec:
  containers:
  - name: c
    image: busybox:1.36
    command: ["sleep", "3600"]
    volumeMounts:
    - name: tmp
      mountPath: /scratch
  volumes:
  - name: tmp
    emptyDir: {}
"""


def pod_trees(cluster: Cluster) -> int:
    return sum(1 for kind, _ in _mem_trees(cluster) if kind in ("emptyDir", "volume"))


def test_empty_dir_data_goes_with_its_pod():
    cluster = Cluster()
    cluster.apply_manifests(POD)
    cluster.settle()
    cluster.run("kubectl exec scratch -- sh -c 'echo hi > /scratch/note'")
    assert cluster.run("kubectl exec scratch -- cat /scratch/note") == "hi"
    cluster.run("kubectl delete pod scratch")
    cluster.settle()
    assert pod_trees(cluster) == 0
    cluster.apply_manifests(POD)
    cluster.settle()
    # A new pod of the same name starts with an empty emptyDir, as in Kubernetes.
    assert cluster.run("kubectl exec scratch -- ls /scratch") == ""


def test_scaling_up_and_down_leaves_no_pod_files_behind():
    cluster = web_cluster()
    running = pod_trees(cluster)
    assert running == 2  # each pod's ServiceAccount files
    for _ in range(3):
        cluster.run("kubectl scale sts web --replicas=4")
        cluster.settle()
        cluster.run("kubectl scale sts web --replicas=2")
        cluster.settle()
    assert pod_trees(cluster) == running
