"""The kubelet's mounts: claims that block a pod, NFS mount failures, retries, subPath."""

from __future__ import annotations

import copy

import pytest

from core import nfs

from .test_pods_support import (
    NFS,
    add,
    bound_pair,
    claim,
    declared_server,
    events_for,
    get,
    new_cluster,
    phase,
    pod,
    pv,
)


def creating(cluster, name: str) -> bool:
    p = get(cluster, "Pod", name)
    waiting = p["status"]["containerStatuses"][0]["state"].get("waiting") or {}
    return phase(p) == "Pending" and waiting.get("reason") == "ContainerCreating" and \
        "podIP" not in p["status"]


def mount_errors(cluster, name: str) -> list[str]:
    return [m for _t, _r, m in events_for(cluster, name, "FailedMount")]


def mount_message(uid: str, volume: str, target: str, output: str) -> str:
    return (f'MountVolume.SetUp failed for volume "{volume}" : mount failed: exit status 32\n'
            f"Mounting command: mount\n"
            f"Mounting arguments: -t nfs {target} /var/lib/kubelet/pods/{uid}/volumes/"
            f"kubernetes.io~nfs/{volume}\n"
            f"Output: {output}")


@pytest.mark.parametrize(("state", "error"), [
    ("pending", "PVC is not bound"),
    ("deleting", "PVC is being deleted"),
    ("lost", "PVC is not bound"),
    ("missing", 'failed to fetch PVC from API server: persistentvolumeclaims "data" not found'),
])
def test_claim_problems_block_a_pod_placed_directly_on_a_node(state, error):
    cluster = new_cluster()
    if state != "missing":
        c = claim("data")
        if state == "deleting":
            c["metadata"]["deletionTimestamp"] = "2025-01-01T00:00:00Z"
            c["metadata"]["finalizers"] = ["example.com/hold"]
        if state == "lost":
            c["status"] = {"phase": "Lost"}
            c["spec"]["volumeName"] = "gone"
        add(cluster, c)
    add(cluster, pod("p", claims=("data",), node="node-1"))
    cluster.settle()
    assert creating(cluster, "p")
    assert mount_errors(cluster, "p") == [
        "Unable to attach or mount volumes: unmounted volumes=[v0], unattached volumes=[], failed "
        f"to process volumes=[v0]: error processing PVC default/data: {error}"]


def test_pod_starts_as_soon_as_its_claim_is_bound():
    cluster = new_cluster()
    add(cluster, claim("data"))
    add(cluster, pod("p", claims=("data",), node="node-1"))
    cluster.settle()
    assert creating(cluster, "p")
    add(cluster, pv("pv1", nfs=(NFS, "/nfs/pv1")))
    cluster.advance(cluster.settings.pv_resync_ms)      # the PV controller's resync binds it
    assert get(cluster, "PersistentVolumeClaim", "data")["status"]["phase"] == "Bound"
    cluster.settle()
    assert phase(get(cluster, "Pod", "p")) == "Running"


def test_declared_server_without_the_path_fails_the_mount_until_it_exports_it():
    cluster = new_cluster()
    add(cluster, declared_server())            # exports only /nfsdata, like the seed post
    bound_pair(cluster, "pv0001", "www-web-0", nfs=(NFS, "/nfs/pv1"))
    add(cluster, pod("web-0", claims=("www-web-0",)))
    cluster.settle()
    p = get(cluster, "Pod", "web-0")
    assert creating(cluster, "web-0")
    assert mount_errors(cluster, "web-0") == [mount_message(
        p["metadata"]["uid"], "pv0001", f"{NFS}:/nfs/pv1",
        f"mount.nfs: access denied by server while mounting {NFS}:/nfs/pv1")]
    check = nfs.check_mount(cluster, NFS, "/nfs/pv1", get(cluster, "Node", "node-1"))
    assert check.explanation == (f"{NFS} exports /nfsdata; /nfs/pv1 is not inside any export, so "
                                 f"the server refuses the mount.")
    server = copy.deepcopy(get(cluster, "NFSServer", "nfs-seed"))
    server["spec"]["exports"].append({"path": "/nfs", "clients": "*", "options": ["rw"]})
    server["spec"]["directories"].append("/nfs/pv1")
    cluster.api.update(server)
    start = cluster.now_ms
    cluster.settle()
    p = get(cluster, "Pod", "web-0")
    assert phase(p) == "Running" and p["status"]["podIP"]
    # Pull 2 s + start 1 s (Ready with it: no readiness probe), from the server's change.
    assert cluster.now_ms - start == 3000, "retried on the server change, not on a timer"


def test_exported_path_that_does_not_exist():
    cluster = new_cluster()
    add(cluster, declared_server(exports=(("/nfs", "*", "rw"),), directories=("/nfs",)))
    bound_pair(cluster, "pv0001", "data", nfs=(NFS, "/nfs/pv1"))
    add(cluster, pod("p", claims=("data",)))
    cluster.settle()
    assert mount_errors(cluster, "p")[0].endswith(
        f"Output: mount.nfs: mounting {NFS}:/nfs/pv1 failed, reason given by server: No such file "
        "or directory")


def test_export_limited_to_other_clients():
    cluster = new_cluster()
    add(cluster, declared_server(exports=(("/nfs", "192.168.6.0/24", "rw"),),
                                 directories=("/nfs/pv1",)))
    bound_pair(cluster, "pv0001", "data", nfs=(NFS, "/nfs/pv1"))
    add(cluster, pod("p", claims=("data",)))
    cluster.settle()
    assert "access denied by server" in mount_errors(cluster, "p")[0]
    check = nfs.check_mount(cluster, NFS, "/nfs/pv1", get(cluster, "Node", "node-1"))
    assert check.explanation == (f"{NFS} exports /nfs only to 192.168.6.0/24; node node-1 "
                                 "(10.0.0.11) is not one of those clients.")


@pytest.mark.parametrize(("server", "output"), [
    ("10.9.9.9", "mount.nfs: Connection timed out"),
    ("nfs.example.com", "mount.nfs: Failed to resolve server nfs.example.com: Name or service not known"),
])
def test_inline_nfs_volume_of_an_unknown_server(server, output):
    cluster = new_cluster()
    manifest = pod("p", volumes=[{"name": "data", "nfs": {"server": server, "path": "/x"}}],
                   containers=[{"name": "nginx", "image": "nginx",
                                "volumeMounts": [{"name": "data", "mountPath": "/data"}]}])
    add(cluster, manifest)
    cluster.settle()
    uid = get(cluster, "Pod", "p")["metadata"]["uid"]
    assert mount_errors(cluster, "p") == [mount_message(uid, "data", f"{server}:/x", output)]


def test_inline_nfs_volume_of_a_server_implied_by_a_pv():
    cluster = new_cluster()
    add(cluster, pv("pv1", nfs=(NFS, "/exports/a")))
    add(cluster, pod("p", volumes=[{"name": "data", "nfs": {"server": NFS, "path": "/exports/a"}}],
                     containers=[{"name": "nginx", "image": "nginx",
                                  "volumeMounts": [{"name": "data", "mountPath": "/data"}]}]))
    cluster.settle()
    assert phase(get(cluster, "Pod", "p")) == "Running"


def test_failed_mount_is_retried_with_backoff_in_the_background():
    cluster = new_cluster()
    add(cluster, declared_server())
    bound_pair(cluster, "pv0001", "data", nfs=(NFS, "/nfs/pv1"))
    add(cluster, pod("p", claims=("data",)))
    result = cluster.settle()
    assert result.settled and cluster.now_ms == 0, "retries do not hold settle up"
    cluster.advance(30_000)     # retries at 2s, 6s, 14s, 30s
    counts = [e["count"] for e in cluster.recorder.for_object(get(cluster, "Pod", "p"))
              if e["reason"] == "FailedMount"]
    assert counts == [5]


def test_kubelet_creates_a_missing_subpath_directory_on_the_volume():
    cluster = new_cluster()
    bound_pair(cluster, "pv0001", "data", nfs=(NFS, "/nfs/pv1"))
    add(cluster, pod("p", claims=("data",), containers=[{
        "name": "nginx", "image": "nginx",
        "volumeMounts": [{"name": "v0", "mountPath": "/html", "subPath": "site"}]}]))
    cluster.settle()
    assert phase(get(cluster, "Pod", "p")) == "Running"
    assert "/nfs/pv1/site" in get(cluster, "NFSServer", NFS)["status"]["directories"]
