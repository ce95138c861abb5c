"""Admission on create: DefaultStorageClass, StorageObjectInUseProtection, status reset.

Default-class cases mirror ``plugin/pkg/admission/storage/storageclass/setdefault``'s
TestAdmission and ``pkg/volume/util``'s TestGetDefaultClass.
"""

from __future__ import annotations

import pytest

from core.admission import admit_create, default_class, qos_class
from core.clock import timestamp
from core.cluster import Cluster
from core.store import Store

DEFAULT = "storageclass.kubernetes.io/is-default-class"
BETA_DEFAULT = "storageclass.beta.kubernetes.io/is-default-class"
BETA_CLASS = "volume.beta.kubernetes.io/storage-class"


def store_with(*classes: tuple[str, dict, int]) -> Store:
    store = Store(lambda: 0)
    for name, notes, created_ms in classes:
        store.put({"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
                   "metadata": {"name": name, "annotations": notes,
                                "creationTimestamp": timestamp(created_ms)},
                   "provisioner": "example.com/p"}, actor="test", reason="setup")
    return store


def claim(spec: dict | None = None, annotations: dict | None = None) -> dict:
    return {"apiVersion": "v1", "kind": "PersistentVolumeClaim",
            "metadata": {"name": "c", "namespace": "d", "annotations": annotations or {}},
            "spec": {"accessModes": ["ReadWriteOnce"],
                     "resources": {"requests": {"storage": "1Gi"}}, **(spec or {})}}


@pytest.mark.parametrize(("name", "classes", "spec", "annotations", "expected"), [
    ("no default, no modification", [("a", {}, 0)], {}, {}, None),
    ("one default", [("a", {}, 0), ("gold", {DEFAULT: "true"}, 0)], {}, {}, "gold"),
    ("beta default key", [("silver", {BETA_DEFAULT: "true"}, 0)], {}, {}, "silver"),
    ("only exact true counts", [("a", {DEFAULT: "True"}, 0), ("b", {DEFAULT: "yes"}, 0)], {}, {},
     None),
    ("explicit class kept", [("gold", {DEFAULT: "true"}, 0)], {"storageClassName": "bronze"}, {},
     "bronze"),
    ("empty class never defaulted", [("gold", {DEFAULT: "true"}, 0)], {"storageClassName": ""},
     {}, ""),
    ("null class is defaulted", [("gold", {DEFAULT: "true"}, 0)], {"storageClassName": None}, {},
     "gold"),
    ("beta annotation counts as a class", [("gold", {DEFAULT: "true"}, 0)], {},
     {BETA_CLASS: "bronze"}, None),
    ("newest default wins", [("old", {DEFAULT: "true"}, 1000), ("new", {DEFAULT: "true"}, 5000),
                             ("mid", {DEFAULT: "true"}, 3000)], {}, {}, "new"),
    ("ties broken alphabetically", [("zeta", {DEFAULT: "true"}, 1000),
                                    ("alpha", {DEFAULT: "true"}, 1000)], {}, {}, "alpha"),
])
def test_admission_default_storage_class(name, classes, spec, annotations, expected):
    admitted = admit_create(claim(spec, annotations), store_with(*classes))
    assert admitted["spec"].get("storageClassName") == expected


def test_get_default_class_none():
    assert default_class(store_with(("a", {}, 0))) is None


def test_protection_finalizers():
    store = Store(lambda: 0)
    admitted = admit_create(claim(), store)
    assert admitted["metadata"]["finalizers"] == ["kubernetes.io/pvc-protection"]
    pv = admit_create({"apiVersion": "v1", "kind": "PersistentVolume",
                       "metadata": {"name": "p", "finalizers": ["example.com/keep"]},
                       "spec": {}}, store)
    assert pv["metadata"]["finalizers"] == ["example.com/keep", "kubernetes.io/pv-protection"]
    again = admit_create(pv, store)
    assert again["metadata"]["finalizers"] == ["example.com/keep", "kubernetes.io/pv-protection"]


def test_status_from_the_manifest_is_dropped_on_create():
    store = Store(lambda: 0)
    bound = claim()
    bound["status"] = {"phase": "Bound", "capacity": {"storage": "5Gi"}}
    assert admit_create(bound, store)["status"] == {"phase": "Pending"}
    pv = {"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": "p"},
          "spec": {}, "status": {"phase": "Released"}}
    assert admit_create(pv, store)["status"] == {"phase": "Pending"}
    node = {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n"},
            "status": {"conditions": [{"type": "Ready", "status": "True"}]}}
    assert admit_create(node, store)["status"] == node["status"]


def test_pod_admission():
    pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "d"},
           "spec": {"containers": [{"name": "c", "image": "i"}]}, "status": {"phase": "Running"}}
    admitted = admit_create(pod, Store(lambda: 0))
    assert admitted["status"] == {"phase": "Pending", "qosClass": "BestEffort"}
    assert [t["key"] for t in admitted["spec"]["tolerations"]] == [
        "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]
    assert all(t["tolerationSeconds"] == 300 for t in admitted["spec"]["tolerations"])
    assert admitted["spec"]["priority"] == 0


@pytest.mark.parametrize(("resources", "qos"), [
    ([{}], "BestEffort"),
    ([{"requests": {"cpu": "1"}}], "Burstable"),
    ([{"limits": {"cpu": "1", "memory": "1Gi"}, "requests": {"cpu": "1", "memory": "1Gi"}}],
     "Guaranteed"),
    ([{"limits": {"cpu": "1", "memory": "1Gi"}}, {}], "Burstable"),
])
def test_qos_class(resources, qos):
    pod = {"spec": {"containers": [{"name": f"c{i}", "resources": r}
                                   for i, r in enumerate(resources)]}}
    assert qos_class(pod) == qos


def test_admission_never_modifies_its_input():
    original = claim()
    snapshot = repr(original)
    admit_create(original, store_with(("gold", {DEFAULT: "true"}, 0)))
    assert repr(original) == snapshot


def test_through_the_api_server():
    cluster = Cluster()
    cluster.api.create({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "d"}})
    cluster.api.create({"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
                        "metadata": {"name": "standard", "annotations": {DEFAULT: "true"}},
                        "provisioner": "example.com/nfs"})
    created = cluster.api.create(claim())
    assert created["spec"]["storageClassName"] == "standard"
    assert created["spec"]["volumeMode"] == "Filesystem"
    assert created["metadata"]["finalizers"] == ["kubernetes.io/pvc-protection"]
    assert created["status"] == {"phase": "Pending"}
    assert created["metadata"]["uid"]
