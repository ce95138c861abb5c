"""``kubectl get`` tables on hand-built objects: columns, cells and alignment as kubectl's
server-side printers (printers.go) and tabwriter produce them."""

from __future__ import annotations

import pytest

from core import Cluster
from core.clock import timestamp
from core.kubectl import get_table
from core.kubectl.podstatus import pod_columns
from core.kubectl.tables import table_rows

T0 = timestamp(0)


def cluster_of(objs: list[dict], now_ms: int) -> Cluster:
    cluster = Cluster.from_manifests(objs)
    cluster.clock.advance_to(now_ms)
    return cluster


def pv(name, storage, modes, policy, phase, *, claim=None, cls=None, mode=None, created=0,
       deleted=None, annotations=None):
    spec = {"capacity": {"storage": storage}, "accessModes": modes,
            "persistentVolumeReclaimPolicy": policy, "nfs": {"server": "s", "path": "/p"}}
    if claim is not None:
        spec["claimRef"] = claim
    if cls is not None:
        spec["storageClassName"] = cls
    if mode is not None:
        spec["volumeMode"] = mode
    meta = {"name": name, "creationTimestamp": timestamp(created)}
    if deleted is not None:
        meta["deletionTimestamp"] = timestamp(deleted)
        meta["finalizers"] = ["kubernetes.io/pv-protection"]
    if annotations:
        meta["annotations"] = annotations
    return {"apiVersion": "v1", "kind": "PersistentVolume", "metadata": meta, "spec": spec,
            "status": {"phase": phase}}


PVS = [
    pv("pv0001", "1Gi", ["ReadWriteOnce"], "Retain", "Available", cls="nfs", mode="Filesystem"),
    pv("pv0002", "2048Mi", ["ReadOnlyMany", "ReadWriteOnce"], "Retain", "Bound",
       claim={"namespace": "default", "name": "data", "uid": "u"}),
    pv("pv0003", "10Gi", ["ReadWriteMany"], "Delete", "Released",
       claim={"namespace": "ns1", "name": "old"}, mode="Block", created=30_000, deleted=60_000),
]


def test_pv_table_columns_terminating_claim_and_canonical_capacity():
    cluster = cluster_of(PVS, 90_000)
    assert get_table(cluster, "PersistentVolume", cluster.store.list("PersistentVolume")) == (
        "NAME     CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS        CLAIM          "
        "STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE\n"
        "pv0001   1Gi        RWO            Retain           Available                    "
        "nfs            <unset>                          90s\n"
        "pv0002   2Gi        RWO,ROX        Retain           Bound         default/data   "
        "               <unset>                          90s\n"
        "pv0003   10Gi       RWX            Delete           Terminating   ns1/old        "
        "               <unset>                          60s\n")


def test_pv_wide_adds_volume_mode():
    cluster = cluster_of(PVS, 90_000)
    table = get_table(cluster, "PersistentVolume", cluster.store.list("PersistentVolume"), True)
    lines = table.splitlines()
    assert lines[0].endswith("AGE   VOLUMEMODE")
    assert [line.split()[-1] for line in lines[1:]] == ["Filesystem", "<unset>", "Block"]


def test_pv_class_from_the_beta_annotation_wins():
    volume = pv("old", "1Gi", ["ReadWriteOnce"], "Retain", "Available", cls="new",
                annotations={"volume.beta.kubernetes.io/storage-class": "beta"})
    rows = table_rows("PersistentVolume", [volume], 0)
    assert rows[1][6] == "beta"


def pvc(name, phase, *, volume="", capacity=None, modes=None, cls="nfs", deleted=False):
    obj = {"apiVersion": "v1", "kind": "PersistentVolumeClaim",
           "metadata": {"name": name, "namespace": "default", "creationTimestamp": T0},
           "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": cls,
                    "resources": {"requests": {"storage": "1Gi"}}},
           "status": {"phase": phase}}
    if volume:
        obj["spec"]["volumeName"] = volume
    if capacity:
        obj["status"]["capacity"] = {"storage": capacity}
        obj["status"]["accessModes"] = modes
    if deleted:
        obj["metadata"]["deletionTimestamp"] = T0
    return obj


def test_pvc_table_shows_capacity_and_modes_only_once_a_volume_is_named():
    claims = [pvc("www-web-0", "Bound", volume="pv0001", capacity="10Gi",
                  modes=["ReadWriteOnce", "ReadWriteMany"]),
              pvc("www-web-1", "Pending"),
              pvc("gone", "Bound", volume="pv9", capacity="1Gi", modes=["ReadWriteOnce"],
                  deleted=True)]
    cluster = cluster_of(claims, 5_000)
    assert get_table(cluster, "PersistentVolumeClaim", cluster.store.list(
        "PersistentVolumeClaim"), wide=True) == (
        "NAME        STATUS        VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   "
        "VOLUMEATTRIBUTESCLASS   AGE   VOLUMEMODE\n"
        "gone        Terminating   pv9      1Gi        RWO            nfs            "
        "<unset>                 5s    <unset>\n"
        "www-web-0   Bound         pv0001   10Gi       RWO,RWX        nfs            "
        "<unset>                 5s    <unset>\n"
        "www-web-1   Pending                                          nfs            "
        "<unset>                 5s    <unset>\n")


def test_storage_class_table_marks_the_default():
    classes = [
        {"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
         "metadata": {"name": "fast", "creationTimestamp": T0,
                      "annotations": {"storageclass.kubernetes.io/is-default-class": "true"}},
         "provisioner": "example.com/nfs", "reclaimPolicy": "Retain",
         "volumeBindingMode": "WaitForFirstConsumer", "allowVolumeExpansion": True},
        {"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
         "metadata": {"name": "nfs", "creationTimestamp": T0},
         "provisioner": "kubernetes.io/no-provisioner"},
    ]
    cluster = cluster_of(classes, 3 * 60_000)
    assert get_table(cluster, "StorageClass", cluster.store.list("StorageClass")) == (
        "NAME             PROVISIONER                    RECLAIMPOLICY   VOLUMEBINDINGMODE      "
        "ALLOWVOLUMEEXPANSION   AGE\n"
        "fast (default)   example.com/nfs                Retain          WaitForFirstConsumer   "
        "true                   3m\n"
        "nfs              kubernetes.io/no-provisioner   Delete          Immediate              "
        "false                  3m\n")


def test_multi_kind_names_and_namespace_column():
    cluster = cluster_of([pvc("data", "Pending")], 0)
    rows = table_rows("PersistentVolumeClaim", cluster.store.list("PersistentVolumeClaim"), 0,
                      with_kind=True, with_namespace=True, show_labels=True)
    assert rows[0][:2] == ["NAMESPACE", "NAME"] and rows[0][-1] == "LABELS"
    assert rows[1][:2] == ["default", "persistentvolumeclaim/data"] and rows[1][-1] == "<none>"


# ---- pods: printers_test.go TestPrintPod ----------------------------------------------------------
def _pod(containers=1, init=0, **status):
    return {"kind": "Pod", "metadata": {"name": "p"},
            "spec": {"containers": [{"name": f"c{i}"} for i in range(containers)],
                     "initContainers": [{"name": f"i{i}"} for i in range(init)]},
            "status": status}


RUNNING = {"running": {}}
NOW = 30 * 24 * 3_600_000


def _ago(ms):
    return {"terminated": {"finishedAt": timestamp(NOW - ms)}}


@pytest.mark.parametrize(("pod", "want"), [
    (_pod(2, phase="podPhase", containerStatuses=[
        {"ready": True, "restartCount": 3, "state": RUNNING}, {"restartCount": 3}]),
     ("1/2", "podPhase", "6")),
    (_pod(2, phase="podPhase", containerStatuses=[
        {"ready": True, "restartCount": 3, "state": RUNNING},
        {"restartCount": 3, "state": {"waiting": {"reason": "ContainerWaitingReason"}}}]),
     ("1/2", "ContainerWaitingReason", "6")),
    (_pod(2, phase="podPhase", containerStatuses=[
        {"restartCount": 3, "state": {"waiting": {"reason": "ContainerWaitingReason"}}},
        {"restartCount": 3, "state": {"terminated": {"reason": "ContainerTerminatedReason"}}}]),
     ("0/2", "ContainerWaitingReason", "6")),
    (_pod(2, phase="podPhase", reason="podReason", containerStatuses=[
        {"ready": True, "restartCount": 3, "state": RUNNING}, {"ready": True, "restartCount": 3}]),
     ("1/2", "podReason", "6")),
    (_pod(2, phase="Running", containerStatuses=[
        {"ready": True, "restartCount": 3,
         "state": {"terminated": {"reason": "Completed", "exitCode": 0}}},
        {"ready": True, "restartCount": 3, "state": RUNNING}]),
     ("1/2", "NotReady", "6")),
    (_pod(2, phase="Running", conditions=[{"type": "Ready", "status": "True"}],
          containerStatuses=[
              {"ready": True, "restartCount": 3,
               "state": {"terminated": {"reason": "Completed", "exitCode": 0}}},
              {"ready": True, "restartCount": 3, "state": RUNNING}]),
     ("1/2", "Running", "6")),
    (_pod(1, 1, phase="podPhase",
          initContainerStatuses=[{"restartCount": 3, "state": RUNNING,
                                  "lastState": _ago(10_000)}],
          containerStatuses=[{"state": {"waiting": {}}}]),
     ("0/1", "Init:0/1", "3 (10s ago)")),
    (_pod(1, 2, phase="podPhase",
          initContainerStatuses=[{"restartCount": 2, "state": {"terminated": {}},
                                  "lastState": _ago(120_000)},
                                 {"restartCount": 3, "state": RUNNING,
                                  "lastState": _ago(10_000)}],
          containerStatuses=[{"state": {"waiting": {}}}]),
     ("0/1", "Init:1/2", "5 (10s ago)")),
    (_pod(1, 1, phase="Running",
          initContainerStatuses=[{"restartCount": 2, "state": {"terminated": {}},
                                  "lastState": _ago(120_000)}],
          containerStatuses=[{"restartCount": 4, "state": RUNNING, "lastState": _ago(20_000)}]),
     ("0/1", "Running", "4 (20s ago)")),
    (_pod(1, phase="Running", containerStatuses=[
        {"ready": True, "restartCount": 3, "state": RUNNING,
         "lastState": _ago(5 * 24 * 3_600_000)}]),
     ("1/1", "Running", "3 (5d ago)")),
    (_pod(2, phase="podPhase", conditions=[
        {"type": "PodScheduled", "status": "False", "reason": "SchedulingGated"}]),
     ("0/2", "SchedulingGated", "0")),
    (_pod(1, phase="Succeeded", containerStatuses=[
        {"restartCount": 0, "state": {"terminated": {"reason": "Completed", "exitCode": 0}}}]),
     ("0/1", "Completed", "0")),
    (_pod(1, phase="Failed", containerStatuses=[
        {"restartCount": 0, "state": {"terminated": {"reason": "Error", "exitCode": 1}}}]),
     ("0/1", "Error", "0")),
    (_pod(1, phase="Pending", containerStatuses=[
        {"state": {"waiting": {"reason": "ContainerCreating"}}}]),
     ("0/1", "ContainerCreating", "0")),
])
def test_print_pod_ready_status_restarts(pod, want):
    """Mirrors printers_test.go TestPrintPod."""
    assert pod_columns(pod, NOW) == want


def test_deleted_pods_are_terminating_or_unknown_unless_finished():
    running = _pod(1, phase="Running", containerStatuses=[{"ready": True, "state": RUNNING}])
    running["metadata"]["deletionTimestamp"] = T0
    assert pod_columns(running, NOW)[1] == "Terminating"
    lost = dict(running, status=dict(running["status"], reason="NodeLost"))
    assert pod_columns(lost, NOW)[1] == "Unknown"
    done = _pod(1, phase="Succeeded", containerStatuses=[
        {"state": {"terminated": {"reason": "Completed", "exitCode": 0}}}])
    done["metadata"]["deletionTimestamp"] = T0
    assert pod_columns(done, NOW)[1] == "Completed"


def test_pod_wide_columns():
    pod = {"apiVersion": "v1", "kind": "Pod",
           "metadata": {"name": "web-0", "namespace": "default", "creationTimestamp": T0},
           "spec": {"nodeName": "node-1", "containers": [{"name": "nginx"}]},
           "status": {"phase": "Running", "podIP": "10.244.1.2",
                      "podIPs": [{"ip": "10.244.1.2"}],
                      "containerStatuses": [{"name": "nginx", "ready": True, "state": RUNNING}]}}
    pending = {"apiVersion": "v1", "kind": "Pod",
               "metadata": {"name": "web-1", "namespace": "default", "creationTimestamp": T0},
               "spec": {"containers": [{"name": "nginx"}]}, "status": {"phase": "Pending"}}
    cluster = cluster_of([pod, pending], 62_000)
    assert get_table(cluster, "Pod", cluster.store.list("Pod"), wide=True) == (
        "NAME    READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   "
        "READINESS GATES\n"
        "web-0   1/1     Running   0          62s   10.244.1.2   node-1   <none>           <none>\n"
        "web-1   0/1     Pending   0          62s   <none>       <none>   <none>           <none>\n")


def test_statefulset_service_and_node_tables():
    sts = {"apiVersion": "apps/v1", "kind": "StatefulSet",
           "metadata": {"name": "web", "namespace": "default", "creationTimestamp": T0},
           "spec": {"replicas": 2, "template": {"spec": {"containers": [
               {"name": "nginx", "image": "nginx:1"}, {"name": "side", "image": "busybox"}]}}},
           "status": {"readyReplicas": 1}}
    svc = {"apiVersion": "v1", "kind": "Service",
           "metadata": {"name": "nginx", "namespace": "default", "creationTimestamp": T0},
           "spec": {"clusterIP": "None", "clusterIPs": ["None"], "selector": {"app": "nginx"},
                    "ports": [{"port": 80, "name": "web"}]}}
    nodes = [{"apiVersion": "v1", "kind": "Node",
              "metadata": {"name": name, "creationTimestamp": T0,
                           "labels": {"node-role.kubernetes.io/control-plane": ""} if i == 0
                           else {}},
              "spec": spec, "status": {"conditions": conditions,
                                       "nodeInfo": {"kubeletVersion": "v1.31.0"}}}
             for i, (name, spec, conditions) in enumerate([
                 ("n1", {}, [{"type": "Ready", "status": "True"}]),
                 ("n2", {"unschedulable": True}, [{"type": "Ready", "status": "True"}]),
                 ("n3", {}, [{"type": "Ready", "status": "Unknown"}]),
                 ("n4", {"unschedulable": True}, [])])]
    cluster = cluster_of([sts, svc, *nodes], 10 * 60_000)
    assert get_table(cluster, "StatefulSet", [sts], wide=True) == (
        "NAME   READY   AGE   CONTAINERS   IMAGES\n"
        "web    1/2     10m   nginx,side   nginx:1,busybox\n")
    assert get_table(cluster, "Service", [svc], wide=True) == (
        "NAME    TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE   SELECTOR\n"
        "nginx   ClusterIP   None         <none>        80/TCP    10m   app=nginx\n")
    assert get_table(cluster, "Node", cluster.store.list("Node")) == (
        "NAME   STATUS                       ROLES           AGE   VERSION\n"
        "n1     Ready                        control-plane   10m   v1.31.0\n"
        "n2     Ready,SchedulingDisabled     <none>          10m   v1.31.0\n"
        "n3     NotReady                     <none>          10m   v1.31.0\n"
        "n4     Unknown,SchedulingDisabled   <none>          10m   v1.31.0\n")


def test_event_table():
    event = {"apiVersion": "v1", "kind": "Event",
             "metadata": {"name": "www-web-1.1", "namespace": "default"},
             "involvedObject": {"kind": "PersistentVolumeClaim", "name": "www-web-1",
                                "namespace": "default"},
             "reason": "ProvisioningFailed", "type": "Warning", "count": 3,
             "message": 'storageclass.storage.k8s.io "nfs" not found ',
             "firstTimestamp": timestamp(0), "lastTimestamp": timestamp(33_000),
             "source": {"component": "persistentvolume-controller"}}
    cluster = cluster_of([event], 45_000)
    assert get_table(cluster, "Event", [event]) == (
        "LAST SEEN   TYPE      REASON               OBJECT                            MESSAGE\n"
        "12s         Warning   ProvisioningFailed   persistentvolumeclaim/www-web-1   "
        'storageclass.storage.k8s.io "nfs" not found\n')
    wide = table_rows("Event", [event], 45_000, wide=True)
    assert wide[0] == ["LAST SEEN", "TYPE", "REASON", "OBJECT", "SUBOBJECT", "SOURCE", "MESSAGE",
                       "FIRST SEEN", "COUNT", "NAME"]
    assert wide[1][5:] == ["persistentvolume-controller",
                           'storageclass.storage.k8s.io "nfs" not found', "45s", "3",
                           "www-web-1.1"]


def test_nfs_server_table():
    server = {"apiVersion": "simulator.pvgraph.dev/v1alpha1", "kind": "NFSServer",
              "metadata": {"name": "nfs1", "creationTimestamp": T0},
              "spec": {"address": "192.168.6.189",
                       "exports": [{"path": "/nfsdata", "clients": "*"}, {"path": "/srv"}]}}
    cluster = cluster_of([server], 0)
    assert get_table(cluster, "NFSServer", [server]) == (
        "NAME   ADDRESS         EXPORTS         AGE\n"
        "nfs1   192.168.6.189   /nfsdata,/srv   0s\n")


def test_empty_table_prints_nothing():
    assert get_table(Cluster.from_manifests([]), "PersistentVolume", []) == ""
