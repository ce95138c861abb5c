"""Builders shared by the node, pod, kubelet, scheduler and NFS tests (no tests here).

Objects are stored with ``api.restore`` (as ``Cluster.from_manifests`` does), so these
tests do not depend on API defaulting, validation or admission, and claims can be
stored already Bound, the way ``kubectl get -o yaml`` shows them.
"""

from __future__ import annotations

from typing import Any

from core import Cluster
from core.objects import Manifest
from core.settings import SimSettings

NFS = "192.168.6.189"


def new_cluster(default_nodes: bool = True, **settings: Any) -> Cluster:
    cluster = Cluster(SimSettings(**settings), default_nodes=default_nodes)
    cluster.api.restore({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "default"}})
    return cluster


def pod(name: str, *, claims: tuple[str, ...] = (), image: str = "nginx", node: str = "",
        mount: str = "/usr/share/nginx/html", owner: Manifest | None = None,
        namespace: str = "default",
        containers: list[dict[str, Any]] | None = None, **spec: Any) -> Manifest:
    volumes = [{"name": f"v{i}", "persistentVolumeClaim": {"claimName": c}}
               for i, c in enumerate(claims)]
    mounts = [{"name": f"v{i}", "mountPath": mount if i == 0 else f"{mount}{i}"}
              for i in range(len(claims))]
    body: dict[str, Any] = {
        "containers": containers or [{"name": "nginx", "image": image, "volumeMounts": mounts}],
        **spec,
    }
    if volumes:
        body["volumes"] = volumes + list(spec.get("volumes") or ())
    if node:
        body["nodeName"] = node
    meta: dict[str, Any] = {"name": name, "namespace": namespace, "labels": {"app": "web"}}
    if owner is not None:
        meta["ownerReferences"] = [{"apiVersion": owner["apiVersion"], "kind": owner["kind"],
                                    "name": owner["metadata"]["name"],
                                    "uid": owner["metadata"]["uid"], "controller": True}]
    return {"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": body}


def controller_owner(cluster: Cluster, name: str = "web") -> Manifest:
    """An object to stand as pods' controller (a Service, so no controller acts on the pods)."""
    return add(cluster, {"apiVersion": "v1", "kind": "Service", "metadata": {
        "name": name, "namespace": "default"}, "spec": {"clusterIP": "None", "selector": {"x": "y"},
        "ports": [{"port": 80}]}})


def add(cluster: Cluster, obj: Manifest) -> Manifest:
    return cluster.api.restore(obj, actor="kubectl", reason="test")


def pv(name: str, *, size: str = "1Gi", modes: tuple[str, ...] = ("ReadWriteOnce",),
       class_name: str = "", nfs: tuple[str, str] | None = None, node: str = "",
       phase: str = "Available", **spec: Any) -> Manifest:
    body: dict[str, Any] = {
        "capacity": {"storage": size},
        "accessModes": list(modes),
        "persistentVolumeReclaimPolicy": "Retain",
        "storageClassName": class_name,
        "volumeMode": "Filesystem",
        **spec,
    }
    if nfs is not None:
        body["nfs"] = {"server": nfs[0], "path": nfs[1]}
    elif "local" not in body and "hostPath" not in body:
        body["hostPath"] = {"path": f"/mnt/{name}"}
    if node:
        body["nodeAffinity"] = {"required": {"nodeSelectorTerms": [{"matchExpressions": [
            {"key": "kubernetes.io/hostname", "operator": "In", "values": [node]}]}]}}
    return {"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": name},
            "spec": body, "status": {"phase": phase}}


def claim(name: str, *, size: str = "1Gi", modes: tuple[str, ...] = ("ReadWriteOnce",),
          class_name: str | None = "", namespace: str = "default") -> Manifest:
    spec: dict[str, Any] = {"accessModes": list(modes), "resources": {"requests": {"storage": size}},
                            "volumeMode": "Filesystem"}
    if class_name is not None:
        spec["storageClassName"] = class_name
    return {"apiVersion": "v1", "kind": "PersistentVolumeClaim",
            "metadata": {"name": name, "namespace": namespace}, "spec": spec,
            "status": {"phase": "Pending"}}


def bound_pair(cluster: Cluster, pv_name: str, claim_name: str, *,
               nfs: tuple[str, str] | None = (NFS, "/nfs/pv1"), node: str = "",
               modes: tuple[str, ...] = ("ReadWriteOnce",), class_name: str = "",
               size: str = "1Gi") -> tuple[Manifest, Manifest]:
    """A PV and a claim already fully bound to each other."""
    c = claim(claim_name, modes=modes, class_name=class_name, size=size)
    c["metadata"]["annotations"] = {"pv.kubernetes.io/bind-completed": "yes",
                                    "pv.kubernetes.io/bound-by-controller": "yes"}
    c["spec"]["volumeName"] = pv_name
    c["status"] = {"phase": "Bound", "accessModes": list(modes), "capacity": {"storage": size}}
    stored_claim = add(cluster, c)
    v = pv(pv_name, modes=modes, class_name=class_name, nfs=nfs, node=node, phase="Bound", size=size)
    v["metadata"]["annotations"] = {"pv.kubernetes.io/bound-by-controller": "yes"}
    v["spec"]["claimRef"] = {"kind": "PersistentVolumeClaim", "namespace": "default",
                             "name": claim_name, "uid": stored_claim["metadata"]["uid"],
                             "apiVersion": "v1"}
    stored_pv = add(cluster, v)
    return stored_pv, stored_claim


def declared_server(name: str = "nfs-seed", *, address: str = NFS,
                    exports: tuple[tuple[str, str, str], ...] = (
                        ("/nfsdata", "*", "rw,no_root_squash,no_all_squash,sync"),),
                    directories: tuple[str, ...] = ("/nfsdata",)) -> Manifest:
    return {
        "apiVersion": "simulator.pvgraph.dev/v1alpha1",
        "kind": "NFSServer",
        "metadata": {"name": name},
        "spec": {"address": address,
                 "exports": [{"path": p, "clients": c, "options": o.split(",")}
                             for p, c, o in exports],
                 "directories": list(directories)},
    }


def get(cluster: Cluster, kind: str, name: str, namespace: str = "default") -> Manifest | None:
    ns = namespace if kind in ("Pod", "PersistentVolumeClaim", "Event") else ""
    return cluster.store.get(kind, ns, name)


def events_for(cluster: Cluster, name: str, reason: str | None = None) -> list[tuple[str, str, str]]:
    return [(e["type"], e["reason"], e["message"]) for e in cluster.events()
            if e["involvedObject"]["name"] == name and (reason is None or e["reason"] == reason)]


def condition(obj: Manifest | None, kind: str) -> dict[str, Any]:
    for cond in ((obj or {}).get("status") or {}).get("conditions") or ():
        if cond.get("type") == kind:
            return cond
    return {}


def phase(obj: Manifest | None) -> str:
    return str(((obj or {}).get("status") or {}).get("phase") or "")
