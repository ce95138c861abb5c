"""Clusters for the graph and GUI tests: the seed, settled by hand, and large ones.

The seed's settled state is written out (statuses included) so these tests do not
depend on the controllers: it is what real Kubernetes shows after `kubectl apply`
of seed-pvs.yaml and seed-web.yaml — only www-web-0 binds (pv0001); www-web-1 finds
no RWO volume of class nfs, so it and web-1 stay Pending.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from core.cluster import Cluster

SEED_DIR = Path("/work/shared/seed")
if not SEED_DIR.exists():  # the seed is also bundled with the app
    SEED_DIR = Path(__file__).resolve().parents[2] / "assets" / "demo"

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def seed_documents() -> list[dict[str, Any]]:
    """The seed's manifests as ``yaml.safe_load`` returns them (no status)."""
    docs: list[dict[str, Any]] = []
    for name in ("seed-pvs.yaml", "seed-web.yaml"):
        path = SEED_DIR / name
        docs.extend(d for d in yaml.load_all(path.read_text(), Loader=_Loader) if d)
    return docs


def node(name: str, ready: bool = True, unschedulable: bool = False) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "apiVersion": "v1", "kind": "Node",
        "metadata": {"name": name, "labels": {"kubernetes.io/hostname": name}},
        "spec": {"unschedulable": True} if unschedulable else {},
        "status": {"conditions": [{"type": "Ready", "status": "True" if ready else "False"}]},
    }
    return obj


def settled_seed() -> list[dict[str, Any]]:
    """The seed after settling, as `kubectl get -o yaml` would show every object."""
    docs = seed_documents()
    by_name = {(d["kind"], d["metadata"]["name"]): d for d in docs}
    sts = by_name[("StatefulSet", "web")]
    sts["metadata"].update(namespace="default", uid="uid-sts-web")
    sts["status"] = {"replicas": 2, "readyReplicas": 1, "currentReplicas": 2}
    by_name[("Service", "nginx")]["metadata"].update(namespace="default", uid="uid-svc-nginx")
    for i in range(1, 5):
        pv = by_name[("PersistentVolume", f"pv000{i}")]
        pv["metadata"]["uid"] = f"uid-pv000{i}"
        pv["status"] = {"phase": "Available"}
    pv1 = by_name[("PersistentVolume", "pv0001")]
    pv1["spec"]["claimRef"] = {"kind": "PersistentVolumeClaim", "namespace": "default",
                               "name": "www-web-0", "uid": "uid-www-web-0"}
    pv1["status"] = {"phase": "Bound"}
    claims = []
    for i in range(2):
        claim = {
            "apiVersion": "v1", "kind": "PersistentVolumeClaim",
            "metadata": {"name": f"www-web-{i}", "namespace": "default",
                         "uid": f"uid-www-web-{i}", "labels": {"app": "nginx"}},
            "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": "nfs",
                     "resources": {"requests": {"storage": "1Gi"}},
                     "volumeMode": "Filesystem"},
            "status": {"phase": "Pending"},
        }
        claims.append(claim)
    claims[0]["spec"]["volumeName"] = "pv0001"
    claims[0]["status"] = {"phase": "Bound", "accessModes": ["ReadWriteOnce"],
                           "capacity": {"storage": "1Gi"}}
    pods = [pod("web-0", "www-web-0", node_name="node-1", ip="10.244.1.2"),
            pod("web-1", "www-web-1")]
    return [node("node-1"), node("node-2"), *docs, *claims, *pods]


def pod(name: str, claim: str | None, *, set_name: str = "web", service: str = "nginx",
        node_name: str = "", ip: str = "", namespace: str = "default",
        labels: dict[str, str] | None = None) -> dict[str, Any]:
    """A StatefulSet-style pod: Running when it has a node, else Pending (unbound claim)."""
    obj: dict[str, Any] = {
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name, "namespace": namespace, "uid": f"uid-{namespace}-{name}",
                     "labels": dict(labels or {"app": "nginx"}),
                     "ownerReferences": [{"apiVersion": "apps/v1", "kind": "StatefulSet",
                                          "name": set_name, "uid": f"uid-sts-{set_name}",
                                          "controller": True}]},
        "spec": {"hostname": name, "subdomain": service,
                 "containers": [{"name": "nginx", "image": "nginx"}],
                 "volumes": [{"name": "www", "persistentVolumeClaim": {"claimName": claim}}]
                 if claim else []},
    }
    if node_name:
        obj["spec"]["nodeName"] = node_name
        obj["status"] = {
            "phase": "Running", "podIP": ip,
            "conditions": [{"type": "Ready", "status": "True"}],
            "containerStatuses": [{"name": "nginx", "ready": True,
                                   "state": {"running": {"startedAt": "2025-01-01T00:00:05Z"}}}],
        }
    else:
        obj["status"] = {"phase": "Pending", "conditions": [{
            "type": "PodScheduled", "status": "False", "reason": "Unschedulable",
            "message": "0/2 nodes are available: pod has unbound immediate "
                       "PersistentVolumeClaims. preemption: 0/2 nodes are available: "
                       "2 Preemption is not helpful for scheduling."}]}
    return obj


def seed_cluster() -> Cluster:
    return Cluster.from_manifests(settled_seed())


def large_manifests(n_sets: int = 20, replicas: int = 10, namespaces: int = 4,
                    free_pvs: int = 20, nodes: int = 6) -> list[dict[str, Any]]:
    """A settled cluster of StatefulSets with bound claims, spread over namespaces.

    Each set contributes 1 + 3×replicas objects (set, pods, claims, PVs); about
    ``n_sets*(3*replicas+1) + free_pvs + nodes + namespaces`` objects in all.
    """
    objs: list[dict[str, Any]] = [node(f"node-{i + 1}") for i in range(nodes)]
    objs.append({"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
                 "metadata": {"name": "nfs", "uid": "uid-sc-nfs"},
                 "provisioner": "example.com/nfs", "reclaimPolicy": "Retain",
                 "volumeBindingMode": "Immediate"})
    pv_index = 0
    for s in range(n_sets):
        ns = f"team-{s % namespaces}"
        set_name = f"db{s}"
        objs.append({"apiVersion": "apps/v1", "kind": "StatefulSet",
                     "metadata": {"name": set_name, "namespace": ns, "uid": f"uid-sts-{set_name}"},
                     "spec": {"replicas": replicas, "serviceName": set_name,
                              "selector": {"matchLabels": {"app": set_name}},
                              "volumeClaimTemplates": [{"metadata": {"name": "data"}}]},
                     "status": {"replicas": replicas, "readyReplicas": replicas}})
        objs.append({"apiVersion": "v1", "kind": "Service",
                     "metadata": {"name": set_name, "namespace": ns, "uid": f"uid-svc-{set_name}"},
                     "spec": {"clusterIP": "None", "selector": {"app": set_name},
                              "ports": [{"port": 5432}]}})
        for i in range(replicas):
            pv_index += 1
            claim_name = f"data-{set_name}-{i}"
            pv_name = f"pv{pv_index:05d}"
            objs.append(_pv(pv_name, claim=(ns, claim_name)))
            objs.append({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
                         "metadata": {"name": claim_name, "namespace": ns,
                                      "uid": f"uid-{ns}-{claim_name}"},
                         "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": "nfs",
                                  "volumeName": pv_name,
                                  "resources": {"requests": {"storage": "1Gi"}}},
                         "status": {"phase": "Bound", "capacity": {"storage": "1Gi"}}})
            objs.append(pod(f"{set_name}-{i}", claim_name, set_name=set_name, service=set_name,
                            node_name=f"node-{(pv_index % nodes) + 1}",
                            ip=f"10.244.{pv_index // 250}.{pv_index % 250 + 1}",
                            namespace=ns, labels={"app": set_name}))
    for _ in range(free_pvs):
        pv_index += 1
        objs.append(_pv(f"pv{pv_index:05d}"))
    return objs


def _pv(name: str, claim: tuple[str, str] | None = None) -> dict[str, Any]:
    index = int(name[2:])
    obj: dict[str, Any] = {
        "apiVersion": "v1", "kind": "PersistentVolume",
        "metadata": {"name": name, "uid": f"uid-{name}"},
        "spec": {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"],
                 "persistentVolumeReclaimPolicy": "Retain", "storageClassName": "nfs",
                 "nfs": {"server": f"10.0.0.{index // 400 + 1}", "path": f"/exports/{name}"}},
        "status": {"phase": "Available"},
    }
    if claim:
        ns, claim_name = claim
        obj["spec"]["claimRef"] = {"kind": "PersistentVolumeClaim", "namespace": ns,
                                   "name": claim_name, "uid": f"uid-{ns}-{claim_name}"}
        obj["status"] = {"phase": "Bound"}
    return obj
