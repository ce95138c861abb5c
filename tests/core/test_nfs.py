"""NFS servers (implied and declared), server-side verbs, and kubectl exec through mounts."""

from __future__ import annotations

import pytest

from core import nfs
from core.errors import ApiError, CommandError

from .test_pods_support import (
    NFS,
    add,
    bound_pair,
    declared_server,
    get,
    new_cluster,
    pod,
    pv,
)

HTML = "/usr/share/nginx/html"


def seed_pvs(cluster) -> None:
    for i, mode in enumerate(("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany"), start=1):
        add(cluster, pv(f"pv000{i}", modes=(mode,), class_name="nfs", nfs=(NFS, f"/nfs/pv{i}")))


def running_web(cluster, name: str = "web-0", claim_name: str = "www-web-0", **kw):
    add(cluster, pod(name, claims=(claim_name,), **kw))
    cluster.settle()
    return get(cluster, "Pod", name)


def server_changes(cluster):
    return [(c.action, c.actor, c.reason) for c in cluster.store.log if c.kind == "NFSServer"]


# ---- servers ----------------------------------------------------------------------------------
def test_pvs_imply_a_server_that_exports_what_they_name():
    cluster = new_cluster()
    seed_pvs(cluster)
    cluster.settle()
    obj = get(cluster, "NFSServer", NFS)
    assert obj["metadata"]["annotations"] == {"simulator.pvgraph.dev/implied": "true"}
    assert obj["spec"]["address"] == NFS
    assert [e["path"] for e in obj["spec"]["exports"]] == ["/nfs/pv1", "/nfs/pv2", "/nfs/pv3"]
    assert obj["status"]["directories"] == ["/nfs", "/nfs/pv1", "/nfs/pv2", "/nfs/pv3"]
    assert server_changes(cluster) == [
        ("ADDED", "nfs-server", "implied by PersistentVolumes: export /nfs/pv1, /nfs/pv2, /nfs/pv3")]
    add(cluster, pv("pv0004", class_name="nfs-nginx", nfs=(NFS, "/nfs/pv4")))
    cluster.settle()
    assert server_changes(cluster)[-1] == (
        "MODIFIED", "nfs-server", "implied by PersistentVolumes: export /nfs/pv4")
    (view,) = nfs.servers(cluster)
    assert (view.name, view.address, view.implied) == (NFS, NFS, True)
    assert view.volumes == ("pv0001", "pv0002", "pv0003", "pv0004")
    assert view.exports[0].line() == "/nfs/pv1 *(rw,sync,no_subtree_check,no_root_squash)"


def test_exports_stay_after_the_pv_is_deleted():
    cluster = new_cluster()
    seed_pvs(cluster)
    cluster.settle()
    nfs.nfs_write(cluster, NFS, "/nfs/pv1/index.html", "kept")
    cluster.api.delete("PersistentVolume", "", "pv0001")
    cluster.settle()
    assert nfs.nfs_cat(cluster, NFS, "/nfs/pv1/index.html") == "kept"
    check = nfs.check_mount(cluster, NFS, "/nfs/pv1", None)
    assert check.ok


def test_declared_server_replaces_the_implied_one_and_gets_its_disk():
    cluster = new_cluster()
    seed_pvs(cluster)
    cluster.settle()
    add(cluster, declared_server())
    cluster.settle()
    assert get(cluster, "NFSServer", NFS) is None
    declared = get(cluster, "NFSServer", "nfs-seed")
    assert declared["status"]["directories"] == ["/nfsdata"]
    (view,) = nfs.servers(cluster)
    assert (view.name, view.implied, [e.path for e in view.exports]) == ("nfs-seed", False, ["/nfsdata"])
    assert not nfs.check_mount(cluster, NFS, "/nfs/pv1", None).ok
    assert nfs.check_mount(cluster, NFS, "/nfsdata", None).ok


def test_server_side_verbs():
    cluster = new_cluster()
    seed_pvs(cluster)
    cluster.settle()
    assert nfs.nfs_write(cluster, NFS, "/nfs/pv1/index.html", "hello") == ""
    assert nfs.nfs_cat(cluster, NFS, "/nfs/pv1/index.html") == "hello"
    nfs.nfs_write(cluster, NFS, "/nfs/pv1/index.html", "again", append=True)
    assert nfs.nfs_cat(cluster, NFS, "/nfs/pv1/index.html") == "hello\nagain"
    assert nfs.nfs_ls(cluster, NFS, "/nfs") == "pv1\npv2\npv3"
    assert nfs.nfs_ls(cluster, NFS, "/nfs/pv1") == "index.html"
    assert nfs.nfs_ls(cluster, NFS, "/nfs/pv1/index.html") == "/nfs/pv1/index.html"
    assert get(cluster, "NFSServer", NFS)["status"]["files"] == {
        "/nfs/pv1/index.html": "hello\nagain\n"}
    assert server_changes(cluster)[-2:] == [
        ("MODIFIED", "nfs-server", "write /nfs/pv1/index.html"),
        ("MODIFIED", "nfs-server", "append to /nfs/pv1/index.html")]


@pytest.mark.parametrize(("call", "text"), [
    (lambda c: nfs.nfs_write(c, NFS, "/nfs/pv9/x", "t"), "bash: /nfs/pv9/x: No such file or directory"),
    (lambda c: nfs.nfs_write(c, NFS, "/nfs/pv1", "t"), "bash: /nfs/pv1: Is a directory"),
    (lambda c: nfs.nfs_cat(c, NFS, "/nfs/pv1/none"), "cat: /nfs/pv1/none: No such file or directory"),
    (lambda c: nfs.nfs_cat(c, NFS, "/nfs"), "cat: /nfs: Is a directory"),
    (lambda c: nfs.nfs_ls(c, NFS, "/nope"), "ls: cannot access '/nope': No such file or directory"),
    (lambda c: nfs.nfs_ls(c, "10.1.1.1", "/"),
     'error: NFS server "10.1.1.1" not found: no PersistentVolume names it and no NFSServer '
     "declares it (known servers: 192.168.6.189)"),
])
def test_server_side_errors(call, text):
    cluster = new_cluster()
    seed_pvs(cluster)
    cluster.settle()
    before = cluster.store.last_seq
    with pytest.raises(CommandError) as info:
        call(cluster)
    assert str(info.value) == text
    assert cluster.store.last_seq == before


def test_provisioner_and_recycler_helpers():
    cluster = new_cluster()
    nfs.make_dir(cluster, "nfs.example.com", "/exports/default-data-pvc-1")
    assert nfs.nfs_ls(cluster, "nfs.example.com", "/exports") == "default-data-pvc-1"
    nfs.nfs_write(cluster, "nfs.example.com", "/exports/default-data-pvc-1/f", "x")
    assert nfs.scrub(cluster, "nfs.example.com", "/exports/default-data-pvc-1")
    assert nfs.nfs_ls(cluster, "nfs.example.com", "/exports/default-data-pvc-1") == ""
    nfs.nfs_write(cluster, "nfs.example.com", "/exports/default-data-pvc-1/f", "y")
    assert nfs.archive(cluster, "nfs.example.com", "/exports/default-data-pvc-1") == \
        "/exports/archived-default-data-pvc-1"
    assert nfs.nfs_cat(cluster, "nfs.example.com", "/exports/archived-default-data-pvc-1/f") == "y"
    assert nfs.remove(cluster, "nfs.example.com", "/exports/archived-default-data-pvc-1")
    assert nfs.nfs_ls(cluster, "nfs.example.com", "/exports") == ""
    assert not nfs.scrub(cluster, "10.1.1.1", "/x"), "nothing to scrub is not an error"


# ---- kubectl exec ----------------------------------------------------------------------------
def test_exec_reads_and_writes_through_the_mount_and_data_outlives_the_pod():
    cluster = new_cluster()
    bound_pair(cluster, "pv0001", "www-web-0", nfs=(NFS, "/nfs/pv1"))
    running_web(cluster)
    nfs.nfs_write(cluster, NFS, "/nfs/pv1/index.html", "written on the server")
    assert nfs.pod_exec(cluster, "default", "web-0", ["cat", f"{HTML}/index.html"]) == \
        "written on the server"
    assert nfs.pod_exec(cluster, "default", "web-0",
                        ["sh", "-c", f"echo from the pod > {HTML}/pod.txt"]) == ""
    assert nfs.pod_exec(cluster, "default", "web-0",
                        ["sh", "-c", f"echo more >> {HTML}/pod.txt && cat {HTML}/pod.txt"]) == \
        "from the pod\nmore"
    assert nfs.nfs_cat(cluster, NFS, "/nfs/pv1/pod.txt") == "from the pod\nmore"
    assert nfs.pod_exec(cluster, "default", "web-0", ["ls", HTML]) == "index.html\npod.txt"
    writes = [c for c in cluster.store.log if c.kind == "NFSServer" and c.actor == "kubectl"]
    assert [c.reason for c in writes] == [
        f"exec default/web-0: write {NFS}:/nfs/pv1/pod.txt",
        f"exec default/web-0: append to {NFS}:/nfs/pv1/pod.txt"]
    cluster.api.delete("Pod", "default", "web-0")
    cluster.settle()
    assert get(cluster, "Pod", "web-0") is None
    running_web(cluster)
    assert nfs.pod_exec(cluster, "default", "web-0", ["cat", f"{HTML}/pod.txt"]) == "from the pod\nmore"


def test_two_pods_sharing_a_volume_see_each_others_files():
    cluster = new_cluster()
    bound_pair(cluster, "pv0003", "shared", nfs=(NFS, "/nfs/pv3"), modes=("ReadWriteMany",))
    running_web(cluster, "a", "shared")
    running_web(cluster, "b", "shared")
    assert get(cluster, "Pod", "a")["spec"]["nodeName"] != get(cluster, "Pod", "b")["spec"]["nodeName"]
    nfs.pod_exec(cluster, "default", "a", ["sh", "-c", f"echo hi > {HTML}/x"])
    assert nfs.pod_exec(cluster, "default", "b", ["cat", f"{HTML}/x"]) == "hi"


@pytest.mark.parametrize(("argv", "text"), [
    (["sh", "-c", "echo x > /etc/x"],
     "sh: 1: cannot create /etc/x: Read-only file system\ncommand terminated with exit code 2"),
    (["sh", "-c", f"echo x > {HTML}/nodir/x"],
     f"sh: 1: cannot create {HTML}/nodir/x: Directory nonexistent\n"
     "command terminated with exit code 2"),
    (["cat", f"{HTML}/missing"],
     f"cat: {HTML}/missing: No such file or directory\ncommand terminated with exit code 1"),
    (["ls", "/nope"],
     "ls: cannot access '/nope': No such file or directory\ncommand terminated with exit code 2"),
    (["mkdir", "/data"],
     "mkdir: cannot create directory '/data': Read-only file system\n"
     "command terminated with exit code 1"),
    (["nslookup", "web-0"],
     'OCI runtime exec failed: exec failed: unable to start container process: exec: "nslookup": '
     "executable file not found in $PATH: unknown\ncommand terminated with exit code 127"),
    (["sh", "-c", "nslookup web-0"],
     "sh: 1: nslookup: not found\ncommand terminated with exit code 127"),
])
def test_exec_errors_are_a_real_containers(argv, text):
    cluster = new_cluster()
    bound_pair(cluster, "pv0001", "www-web-0", nfs=(NFS, "/nfs/pv1"))
    running_web(cluster)
    before = [c for c in cluster.store.log if c.kind == "NFSServer"]
    with pytest.raises(CommandError) as info:
        nfs.pod_exec(cluster, "default", "web-0", argv)
    assert str(info.value) == text
    assert [c for c in cluster.store.log if c.kind == "NFSServer"] == before


def test_busybox_images_speak_busybox():
    cluster = new_cluster()
    bound_pair(cluster, "pv0001", "www-web-0", nfs=(NFS, "/nfs/pv1"))
    running_web(cluster, image="busybox:1.36")
    with pytest.raises(CommandError) as info:
        nfs.pod_exec(cluster, "default", "web-0", ["sh", "-c", "echo x > /x"])
    assert str(info.value) == ("sh: can't create /x: Read-only file system\n"
                               "command terminated with exit code 1")


def test_exec_into_a_pod_that_is_not_running():
    cluster = new_cluster()
    add(cluster, declared_server())
    bound_pair(cluster, "pv0001", "www-web-0", nfs=(NFS, "/nfs/pv1"))
    running_web(cluster)                       # stuck: the mount is refused
    with pytest.raises(CommandError) as info:
        nfs.pod_exec(cluster, "default", "web-0", ["ls", HTML])
    assert str(info.value) == 'error: unable to upgrade connection: container not found ("nginx")'


def test_exec_into_an_unscheduled_or_missing_pod():
    cluster = new_cluster()
    add(cluster, pod("web-1", claims=("www-web-1",)))
    cluster.settle()
    with pytest.raises(ApiError) as info:
        nfs.pod_exec(cluster, "default", "web-1", ["ls"])
    assert str(info.value) == "Error from server (BadRequest): pod web-1 does not have a host assigned"
    with pytest.raises(ApiError) as info:
        nfs.pod_exec(cluster, "default", "web-9", ["ls"])
    assert str(info.value) == 'Error from server (NotFound): pods "web-9" not found'


def test_read_only_export_refuses_writes():
    cluster = new_cluster()
    add(cluster, declared_server(exports=(("/nfs", "*", "ro,sync"),), directories=("/nfs/pv2",)))
    bound_pair(cluster, "pv0002", "ro", nfs=(NFS, "/nfs/pv2"), modes=("ReadOnlyMany",))
    running_web(cluster, "r", "ro")
    with pytest.raises(CommandError) as info:
        nfs.pod_exec(cluster, "default", "r", ["touch", f"{HTML}/x"])
    assert str(info.value) == (f"touch: cannot touch '{HTML}/x': Read-only file system\n"
                               "command terminated with exit code 1")


def test_hostname_and_hosts_file():
    cluster = new_cluster()
    add(cluster, pod("web-0", hostname="web-0", subdomain="nginx"))
    cluster.settle()
    assert nfs.pod_exec(cluster, "default", "web-0", ["hostname"]) == "web-0"
    hosts = nfs.pod_exec(cluster, "default", "web-0", ["cat", "/etc/hosts"])
    assert hosts.splitlines()[-1] == "10.244.1.2\tweb-0.nginx.default.svc.cluster.local\tweb-0"


def test_servers_lists_an_implied_server_before_any_controller_ran():
    from core import Cluster

    cluster = Cluster.from_manifests([pv("pv0001", nfs=(NFS, "/nfs/pv1"))])
    (view,) = nfs.servers(cluster)
    assert (view.address, view.implied, view.uid) == (NFS, True, "")
    assert [e.path for e in view.exports] == ["/nfs/pv1"]
    assert nfs.check_mount(cluster, NFS, "/nfs/pv1", None).ok


def test_exec_into_a_pod_on_a_failed_node():
    from core import workloads

    cluster = new_cluster()
    add(cluster, pod("web-0", nodeSelector={"kubernetes.io/hostname": "node-1"}))
    cluster.settle()
    workloads.fail_node(cluster, "node-1")
    with pytest.raises(CommandError) as info:
        nfs.pod_exec(cluster, "default", "web-0", ["ls"])
    assert str(info.value) == ("Error from server: error dialing backend: dial tcp 10.0.0.11:10250: "
                               "connect: no route to host")
