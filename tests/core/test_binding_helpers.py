"""Manifest builders shared by the storage tests, mirroring Kubernetes' test helpers.

``new_volume``/``new_claim`` follow ``newVolume``/``newClaim`` of
``pkg/controller/volume/persistentvolume/framework_test.go``: a GCE PD volume with modes
RWO+ROX and volumeMode Filesystem, a claim in namespace ``default`` asking RWO+ROX;
a Bound claim's status copies its own modes and request. (No tests in this module.)
"""

from __future__ import annotations

from typing import Any

from core import Cluster
from core.binding import ANN_DYNAMICALLY_PROVISIONED

NAMESPACE = "default"
MOCK_PLUGIN = "kubernetes.io/mock-volume"


def new_volume(name: str, capacity: str, uid: str = "", claim: str = "", phase: str = "Available",
               policy: str = "Retain", cls: str = "", *annotations: str,
               modes: tuple[str, ...] = ("ReadWriteOnce", "ReadOnlyMany"),
               volume_mode: str | None = "Filesystem", source: dict | None = None,
               labels: dict | None = None) -> dict[str, Any]:
    volume: dict[str, Any] = {
        "apiVersion": "v1",
        "kind": "PersistentVolume",
        "metadata": {"name": name, "resourceVersion": "1"},
        "spec": {
            "capacity": {"storage": capacity},
            **(source if source is not None else {"gcePersistentDisk": {}}),
            "accessModes": list(modes),
            "persistentVolumeReclaimPolicy": policy,
            "storageClassName": cls,
        },
        "status": {"phase": phase} if phase else {},
    }
    if volume_mode is not None:
        volume["spec"]["volumeMode"] = volume_mode
    if claim:
        volume["spec"]["claimRef"] = {"kind": "PersistentVolumeClaim", "apiVersion": "v1",
                                      "uid": uid, "namespace": NAMESPACE, "name": claim}
        if not uid:
            del volume["spec"]["claimRef"]["uid"]
    if annotations:
        volume["metadata"]["annotations"] = {
            a: (MOCK_PLUGIN if a == ANN_DYNAMICALLY_PROVISIONED else "yes") for a in annotations}
    if labels:
        volume["metadata"]["labels"] = dict(labels)
    return volume


def new_claim(name: str, uid: str, capacity: str, volume: str = "", phase: str = "Pending",
              cls: str | None = None, *annotations: str,
              modes: tuple[str, ...] = ("ReadWriteOnce", "ReadOnlyMany"),
              volume_mode: str | None = "Filesystem", selector: dict | None = None,
              status_capacity: str | None = None) -> dict[str, Any]:
    claim: dict[str, Any] = {
        "apiVersion": "v1",
        "kind": "PersistentVolumeClaim",
        "metadata": {"name": name, "namespace": NAMESPACE, "uid": uid, "resourceVersion": "1"},
        "spec": {
            "accessModes": list(modes),
            "resources": {"requests": {"storage": capacity}},
        },
        "status": {"phase": phase},
    }
    if volume:
        claim["spec"]["volumeName"] = volume
    if cls is not None:
        claim["spec"]["storageClassName"] = cls
    if volume_mode is not None:
        claim["spec"]["volumeMode"] = volume_mode
    if selector is not None:
        claim["spec"]["selector"] = selector
    if annotations:
        claim["metadata"]["annotations"] = {a: "yes" for a in annotations}
    if phase == "Bound":
        claim["status"]["accessModes"] = list(modes)
        claim["status"]["capacity"] = {"storage": status_capacity or capacity}
    return claim


def storage_class(name: str, provisioner: str = "kubernetes.io/no-provisioner",
                  mode: str | None = "Immediate", policy: str | None = "Delete",
                  default: bool = False, parameters: dict | None = None,
                  created: str | None = None) -> dict[str, Any]:
    sc: dict[str, Any] = {"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
                          "metadata": {"name": name}, "provisioner": provisioner}
    if mode is not None:
        sc["volumeBindingMode"] = mode
    if policy is not None:
        sc["reclaimPolicy"] = policy
    if default:
        sc["metadata"]["annotations"] = {"storageclass.kubernetes.io/is-default-class": "true"}
    if parameters:
        sc["parameters"] = dict(parameters)
    if created:
        sc["metadata"]["creationTimestamp"] = created
    return sc


def namespace(name: str = NAMESPACE) -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}}


def pod(name: str, claims: tuple[str, ...], node: str = "", phase: str = "Pending",
        ns: str = NAMESPACE) -> dict[str, Any]:
    manifest: dict[str, Any] = {
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name, "namespace": ns},
        # Filled in as API defaulting would, so the pod is valid with or without it.
        "spec": {"containers": [{"name": "c", "image": "nginx", "imagePullPolicy": "IfNotPresent",
                                 "terminationMessagePath": "/dev/termination-log",
                                 "terminationMessagePolicy": "File"}],
                 "restartPolicy": "Always", "dnsPolicy": "ClusterFirst",
                 "terminationGracePeriodSeconds": 30, "schedulerName": "default-scheduler",
                 "volumes": [{"name": f"v{i}", "persistentVolumeClaim": {"claimName": c}}
                             for i, c in enumerate(claims)]},
        "status": {"phase": phase},
    }
    if node:
        manifest["spec"]["nodeName"] = node
    return manifest


PROTECTION = {"PersistentVolume": "kubernetes.io/pv-protection",
              "PersistentVolumeClaim": "kubernetes.io/pvc-protection"}


def admitted(obj: dict[str, Any]) -> dict[str, Any]:
    """``obj`` with the protection finalizer the StorageObjectInUseProtection admission adds."""
    finalizer = PROTECTION.get(obj.get("kind", ""))
    if finalizer is None:
        return obj
    obj = {**obj, "metadata": dict(obj["metadata"])}
    finalizers = list(obj["metadata"].get("finalizers") or [])
    if finalizer not in finalizers:
        obj["metadata"]["finalizers"] = [*finalizers, finalizer]
    return obj


def live_cluster(*objects: dict[str, Any]) -> Cluster:
    """A running cluster (controllers on) with the default namespace and these objects.

    Objects go through ``api.create`` with the protection finalizers admission would add,
    so the tests do not depend on whether admission is in place yet.
    """
    cluster = Cluster()
    if cluster.store.get("Namespace", "", NAMESPACE) is None:
        cluster.api.create(namespace())
    for obj in objects:
        cluster.api.create(admitted(obj))
    return cluster


def get(cluster: Cluster, kind: str, name: str, ns: str = NAMESPACE) -> dict[str, Any] | None:
    return cluster.store.get(kind, ns if kind not in ("PersistentVolume", "StorageClass") else "",
                             name)


def event_pairs(cluster: Cluster) -> list[str]:
    """Events as upstream's fake recorder shows them: ``"<type> <reason>"``."""
    return [f"{e['type']} {e['reason']}" for e in cluster.events()]
