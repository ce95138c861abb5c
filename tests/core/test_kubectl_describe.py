"""``kubectl describe`` layouts (describe.go) on hand-built objects."""

from __future__ import annotations

from core import Cluster
from core.clock import timestamp
from core.kubectl import describe
from core.kubectl.describe import smart_label

T0 = timestamp(0)

PV = {"apiVersion": "v1", "kind": "PersistentVolume",
      "metadata": {"name": "pv0001", "uid": "pv-uid", "creationTimestamp": T0,
                   "labels": {"type": "nfs", "app": "web"},
                   "annotations": {"pv.kubernetes.io/bound-by-controller": "yes",
                                   "kubectl.kubernetes.io/last-applied-configuration": "{}\n"},
                   "finalizers": ["kubernetes.io/pv-protection"]},
      "spec": {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"],
               "persistentVolumeReclaimPolicy": "Retain", "storageClassName": "nfs",
               "volumeMode": "Filesystem",
               "claimRef": {"namespace": "default", "name": "www-web-0", "uid": "c1"},
               "nfs": {"server": "192.168.6.189", "path": "/nfs/pv1"}},
      "status": {"phase": "Bound"}}

CLAIM = {"apiVersion": "v1", "kind": "PersistentVolumeClaim",
         "metadata": {"name": "www-web-1", "namespace": "default", "uid": "c2",
                      "creationTimestamp": T0, "labels": {"app": "nginx"},
                      "finalizers": ["kubernetes.io/pvc-protection"]},
         "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": "nfs",
                  "volumeMode": "Filesystem", "resources": {"requests": {"storage": "1Gi"}}},
         "status": {"phase": "Pending"}}

POD = {"apiVersion": "v1", "kind": "Pod",
       "metadata": {"name": "web-1", "namespace": "default", "uid": "p1", "creationTimestamp": T0,
                    "labels": {"app": "nginx"},
                    "ownerReferences": [{"apiVersion": "apps/v1", "kind": "StatefulSet",
                                         "name": "web", "uid": "s1", "controller": True}]},
       "spec": {"containers": [{"name": "nginx", "image": "nginx:1",
                                "ports": [{"containerPort": 80, "name": "web"}],
                                "volumeMounts": [{"name": "www",
                                                  "mountPath": "/usr/share/nginx/html"}]}],
                "volumes": [{"name": "www", "persistentVolumeClaim": {"claimName": "www-web-1"}}],
                "tolerations": [{"key": "node.kubernetes.io/not-ready", "operator": "Exists",
                                 "effect": "NoExecute", "tolerationSeconds": 300}]},
       "status": {"phase": "Pending",
                  "conditions": [{"type": "PodScheduled", "status": "False",
                                  "reason": "Unschedulable"}]}}


def _event(name, involved, reason, message, *, type_="Warning", count=1, first=0, last=0,
           component="persistentvolume-controller"):
    return {"apiVersion": "v1", "kind": "Event",
            "metadata": {"name": name, "namespace": "default", "creationTimestamp": T0},
            "involvedObject": involved, "reason": reason, "message": message, "type": type_,
            "count": count, "firstTimestamp": timestamp(first), "lastTimestamp": timestamp(last),
            "source": {"component": component}}


CLAIM_REF = {"kind": "PersistentVolumeClaim", "namespace": "default", "name": "www-web-1",
             "uid": "c2"}
EVENTS = [
    _event("www-web-1.1", CLAIM_REF, "ProvisioningFailed",
           'storageclass.storage.k8s.io "nfs" not found', count=3, last=30_000),
    _event("www-web-1.2", CLAIM_REF, "ExternalProvisioning", "waiting", type_="Normal",
           first=40_000, last=40_000),
    # Another object's event, and one about an older claim with the same name: not shown.
    _event("www-web-0.1", dict(CLAIM_REF, name="www-web-0", uid="c1"), "X", "y"),
    _event("www-web-1.3", dict(CLAIM_REF, uid="old"), "Old", "from a deleted claim"),
]


def cluster_with(*objs, now_ms=45_000) -> Cluster:
    cluster = Cluster.from_manifests(list(objs))
    cluster.clock.advance_to(now_ms)
    return cluster


def test_describe_pv():
    """describePersistentVolume: last-applied hidden, empty Message keeps its tab."""
    cluster = cluster_with(PV)
    assert describe(cluster, PV) == (
        "Name:            pv0001\n"
        "Labels:          app=web\n"
        "                 type=nfs\n"
        "Annotations:     pv.kubernetes.io/bound-by-controller: yes\n"
        "Finalizers:      [kubernetes.io/pv-protection]\n"
        "StorageClass:    nfs\n"
        "Status:          Bound\n"
        "Claim:           default/www-web-0\n"
        "Reclaim Policy:  Retain\n"
        "Access Modes:    RWO\n"
        "VolumeMode:      Filesystem\n"
        "Capacity:        1Gi\n"
        "Node Affinity:   <none>\n"
        "Message:         \n"
        "Source:\n"
        "    Type:      NFS (an NFS mount that lasts the lifetime of a pod)\n"
        "    Server:    192.168.6.189\n"
        "    Path:      /nfs/pv1\n"
        "    ReadOnly:  false\n"
        "Events:        <none>\n")


def test_describe_pv_terminating_and_unclaimed():
    pv = dict(PV, metadata=dict(PV["metadata"], deletionTimestamp=timestamp(15_000)),
              spec={k: v for k, v in PV["spec"].items() if k != "claimRef"})
    text = describe(cluster_with(pv), pv)
    assert "Status:          Terminating (lasts 30s)\n" in text
    assert "Claim:           \n" in text


def test_describe_pv_node_affinity():
    pv = dict(PV, spec=dict(PV["spec"], nodeAffinity={"required": {"nodeSelectorTerms": [
        {"matchExpressions": [{"key": "kubernetes.io/hostname", "operator": "In",
                               "values": ["node-1", "node-2"]},
                              {"key": "disk", "operator": "Exists"}]}]}}))
    text = describe(cluster_with(pv), pv)
    # The nested terms widen the whole first block, as in the docs' local PV example.
    assert text.startswith("Name:              pv0001\n")
    assert ("Node Affinity:     \n"
            "  Required Terms:  \n"
            "    Term 0:        kubernetes.io/hostname in [node-1, node-2]\n"
            "                   disk exists\n") in text


def test_describe_pvc_with_events_aggregated_and_used_by():
    """describePersistentVolumeClaim: Used By lists pods; Events oldest first, (xN over M)."""
    cluster = cluster_with(CLAIM, POD, *EVENTS)
    assert describe(cluster, CLAIM) == (
        "Name:          www-web-1\n"
        "Namespace:     default\n"
        "StorageClass:  nfs\n"
        "Status:        Pending\n"
        "Volume:        \n"
        "Labels:        app=nginx\n"
        "Annotations:   <none>\n"
        "Finalizers:    [kubernetes.io/pvc-protection]\n"
        "Capacity:      \n"
        "Access Modes:  \n"
        "VolumeMode:    Filesystem\n"
        "Used By:       web-1\n"
        "Events:\n"
        "  Type     Reason                Age                From                         "
        "Message\n"
        "  ----     ------                ----               ----                         "
        "-------\n"
        "  Warning  ProvisioningFailed    15s (x3 over 45s)  persistentvolume-controller  "
        'storageclass.storage.k8s.io "nfs" not found\n'
        "  Normal   ExternalProvisioning  5s                 persistentvolume-controller  "
        "waiting\n")


def test_describe_bound_pvc_shows_capacity_and_modes():
    claim = dict(CLAIM, spec=dict(CLAIM["spec"], volumeName="pv0001"),
                 status={"phase": "Bound", "capacity": {"storage": "10Gi"},
                         "accessModes": ["ReadWriteOnce"]})
    text = describe(cluster_with(claim), claim)
    assert "Volume:        pv0001\n" in text
    assert "Capacity:      10Gi\nAccess Modes:  RWO\n" in text
    assert "Used By:       <none>\nEvents:        <none>\n" in text


def test_describe_storage_class():
    sc = {"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
          "metadata": {"name": "nfs", "creationTimestamp": T0,
                       "annotations": {"storageclass.kubernetes.io/is-default-class": "true"}},
          "provisioner": "example.com/nfs", "parameters": {"server": "1.2.3.4", "path": "/x"},
          "reclaimPolicy": "Delete", "volumeBindingMode": "Immediate",
          "mountOptions": ["nfsvers=4.1"]}
    assert describe(cluster_with(sc), sc) == (
        "Name:                  nfs\n"
        "IsDefaultClass:        Yes\n"
        "Annotations:           storageclass.kubernetes.io/is-default-class=true\n"
        "Provisioner:           example.com/nfs\n"
        "Parameters:            path=/x,server=1.2.3.4\n"
        "AllowVolumeExpansion:  <unset>\n"
        "MountOptions:\n"
        "  nfsvers=4.1\n"
        "ReclaimPolicy:      Delete\n"
        "VolumeBindingMode:  Immediate\n"
        "Events:             <none>\n")


def test_describe_pod():
    event = _event("web-1.1", {"kind": "Pod", "namespace": "default", "name": "web-1",
                               "uid": "p1"}, "FailedScheduling",
                   "0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims.",
                   component="default-scheduler")
    cluster = cluster_with(POD, event)
    text = describe(cluster, POD)
    assert text.startswith("Name:           web-1\nNamespace:      default\n"
                           "Node:           <none>\nLabels:         app=nginx\n")
    assert "Status:         Pending\nIP:             \nIPs:            <none>\n" in text
    assert "Controlled By:  StatefulSet/web\n" in text
    assert ("Containers:\n  nginx:\n    Image:        nginx:1\n    Port:         80/TCP\n"
            "    Host Port:    0/TCP\n    Environment:  <none>\n    Mounts:\n"
            "      /usr/share/nginx/html from www (rw)\n") in text
    assert "Conditions:\n  Type           Status\n  PodScheduled   False \n" in text
    assert ("Volumes:\n  www:\n    Type:        PersistentVolumeClaim (a reference to a "
            "PersistentVolumeClaim in the same namespace)\n    ClaimName:   www-web-1\n"
            "    ReadOnly:    false\n") in text
    assert "QoS Class:       BestEffort\n" in text
    assert "Tolerations:     node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n" in text
    assert text.endswith("  Warning  FailedScheduling  45s   default-scheduler  0/2 nodes are "
                         "available: pod has unbound immediate PersistentVolumeClaims.\n")


def test_describe_terminating_pod_with_running_container():
    pod = dict(POD, metadata=dict(POD["metadata"], deletionTimestamp=timestamp(75_000),
                                  deletionGracePeriodSeconds=30),
               spec=dict(POD["spec"], nodeName="node-1"),
               status={"phase": "Running", "podIP": "10.244.1.5", "hostIP": "10.0.0.11",
                       "startTime": T0, "podIPs": [{"ip": "10.244.1.5"}],
                       "containerStatuses": [{"name": "nginx", "ready": True, "restartCount": 0,
                                              "containerID": "containerd://abc",
                                              "image": "nginx:1", "imageID": "nginx@sha256:1",
                                              "state": {"running": {"startedAt": T0}}}]})
    text = describe(cluster_with(pod), pod)
    assert "Node:                      node-1/10.0.0.11\n" in text
    assert "Start Time:                Wed, 01 Jan 2025 00:00:00 +0000\n" in text
    # The deletion timestamp is the end of the grace period, in the future: Go prints <invalid>.
    assert "Status:                    Terminating (lasts <invalid>)\n" in text
    assert "Termination Grace Period:  30s\n" in text
    assert "    State:          Running\n      Started:      Wed, 01 Jan 2025" in text
    assert "    Ready:          True\n    Restart Count:  0\n" in text


def test_describe_statefulset():
    sts = {"apiVersion": "apps/v1", "kind": "StatefulSet",
           "metadata": {"name": "web", "namespace": "default", "uid": "s1",
                        "creationTimestamp": T0},
           "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "nginx"}},
                    "serviceName": "nginx",
                    "template": {"metadata": {"labels": {"app": "nginx"}},
                                 "spec": {"containers": POD["spec"]["containers"]}},
                    "volumeClaimTemplates": [{"metadata": {"name": "www"}, "spec": {
                        "accessModes": ["ReadWriteOnce"], "storageClassName": "nfs",
                        "resources": {"requests": {"storage": "1Gi"}}}}]},
           "status": {"replicas": 1}}
    text = describe(cluster_with(sts, POD), sts)
    assert text == (
        "Name:               web\n"
        "Namespace:          default\n"
        "CreationTimestamp:  Wed, 01 Jan 2025 00:00:00 +0000\n"
        "Selector:           app=nginx\n"
        "Labels:             <none>\n"
        "Annotations:        <none>\n"
        "Replicas:           2 desired | 1 total\n"
        "Update Strategy:    RollingUpdate\n"
        "  Partition:        0\n"
        "Pods Status:        0 Running / 1 Waiting / 0 Succeeded / 0 Failed\n"
        "Pod Template:\n"
        "  Labels:  app=nginx\n"
        "  Containers:\n"
        "   nginx:\n"
        "    Image:        nginx:1\n"
        "    Port:         80/TCP\n"
        "    Host Port:    0/TCP\n"
        "    Environment:  <none>\n"
        "    Mounts:\n"
        "      /usr/share/nginx/html from www (rw)\n"
        "  Volumes:         <none>\n"
        "  Node-Selectors:  <none>\n"
        "  Tolerations:     <none>\n"
        "Volume Claims:\n"
        "  Name:          www\n"
        "  StorageClass:  nfs\n"
        "  Labels:        <none>\n"
        "  Annotations:   <none>\n"
        "  Capacity:      1Gi\n"
        "  Access Modes:  [ReadWriteOnce]\n"
        "Events:          <none>\n")


def test_describe_headless_service_with_endpoints():
    svc = {"apiVersion": "v1", "kind": "Service",
           "metadata": {"name": "nginx", "namespace": "default", "creationTimestamp": T0,
                        "labels": {"app": "nginx"}},
           "spec": {"clusterIP": "None", "clusterIPs": ["None"], "selector": {"app": "nginx"},
                    "type": "ClusterIP", "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack",
                    "ports": [{"port": 80, "name": "web", "protocol": "TCP", "targetPort": 80}],
                    "sessionAffinity": "None"}}
    endpoints = {"apiVersion": "v1", "kind": "Endpoints",
                 "metadata": {"name": "nginx", "namespace": "default", "creationTimestamp": T0},
                 "subsets": [{"addresses": [{"ip": "10.244.1.2"}, {"ip": "10.244.2.3"}],
                              "notReadyAddresses": [{"ip": "10.244.1.9"}],
                              "ports": [{"name": "web", "port": 80, "protocol": "TCP"}]}]}
    assert describe(cluster_with(svc, endpoints), svc) == (
        "Name:              nginx\n"
        "Namespace:         default\n"
        "Labels:            app=nginx\n"
        "Annotations:       <none>\n"
        "Selector:          app=nginx\n"
        "Type:              ClusterIP\n"
        "IP Family Policy:  SingleStack\n"
        "IP Families:       IPv4\n"
        "IP:                None\n"
        "IPs:               None\n"
        "Port:              web  80/TCP\n"
        "TargetPort:        80/TCP\n"
        "Endpoints:         10.244.1.2:80,10.244.2.3:80\n"
        "Session Affinity:  None\n"
        "Events:            <none>\n")
    assert "Endpoints:         <none>\n" in describe(cluster_with(svc), svc)


def test_describe_node_lists_pods_and_conditions():
    node = {"apiVersion": "v1", "kind": "Node",
            "metadata": {"name": "node-1", "uid": "n1", "creationTimestamp": T0,
                         "labels": {"kubernetes.io/hostname": "node-1"}},
            "spec": {"unschedulable": True,
                     "taints": [{"key": "node.kubernetes.io/unschedulable",
                                 "effect": "NoSchedule"}]},
            "status": {"conditions": [{"type": "Ready", "status": "True",
                                       "reason": "KubeletReady",
                                       "message": "kubelet is posting ready status",
                                       "lastHeartbeatTime": T0, "lastTransitionTime": T0}],
                       "addresses": [{"type": "InternalIP", "address": "10.0.0.11"}],
                       "allocatable": {"cpu": "2", "memory": "4Gi", "pods": "110"},
                       "nodeInfo": {"kubeletVersion": "v1.31.0"}}}
    pod = dict(POD, spec=dict(POD["spec"], nodeName="node-1"), status={"phase": "Running"})
    text = describe(cluster_with(node, pod), node)
    assert "Taints:             node.kubernetes.io/unschedulable:NoSchedule\n" in text
    assert "Unschedulable:      true\n" in text
    assert ("  Ready   True    Wed, 01 Jan 2025 00:00:00 +0000   Wed, 01 Jan 2025 00:00:00 +0000"
            "   KubeletReady   kubelet is posting ready status\n") in text
    assert "Addresses:\n  InternalIP:  10.0.0.11\n" in text
    assert "  Kubelet Version:            v1.31.0\n" in text
    assert "Non-terminated Pods:          (1 in total)\n" in text
    assert "  default                     web-1    0 (0%)        0 (0%)" in text
    assert "  cpu                0 (0%)    0 (0%)\n" in text


def test_generic_describer_for_the_simulators_nfs_server():
    server = {"apiVersion": "simulator.pvgraph.dev/v1alpha1", "kind": "NFSServer",
              "metadata": {"name": "nfs1", "creationTimestamp": T0, "uid": "u"},
              "spec": {"address": "192.168.6.189", "exports": [{"path": "/nfsdata"}]}}
    text = describe(cluster_with(server), server)
    assert text.startswith("Name:         nfs1\nNamespace:    \nLabels:       <none>\n"
                           "Annotations:  <none>\nAPI Version:  simulator.pvgraph.dev/v1alpha1\n"
                           "Kind:         NFSServer\nMetadata:\n")
    assert "  Creation Timestamp:  2025-01-01T00:00:00Z\n" in text
    assert "Spec:\n  Address:  192.168.6.189\n  Exports:\n    Path:  /nfsdata\n" in text
    assert text.endswith("Events:          <none>\n") or text.endswith("<none>\n")


def test_smart_label():
    assert smart_label("apiVersion") == "API Version"
    assert smart_label("creationTimestamp") == "Creation Timestamp"
    assert smart_label("uid") == "UID"
    assert smart_label("HTTPServer") == "HTTP Server"
    assert smart_label("a.b") == "a.b"
