"""API-server defaulting, after Kubernetes' TestSetDefault* tests (core/v1, apps/v1, storage/v1)."""

from __future__ import annotations

import pytest

from core.defaults import apply_defaults, image_pull_policy
from core.validation import DecodeError


def test_set_default_persistent_volume():
    pv = apply_defaults({"apiVersion": "v1", "kind": "PersistentVolume",
                         "metadata": {"name": "p"},
                         "spec": {"nfs": {"server": "s", "path": "/x"}}})
    assert pv["spec"]["persistentVolumeReclaimPolicy"] == "Retain"
    assert pv["spec"]["volumeMode"] == "Filesystem"
    assert pv["status"] == {"phase": "Pending"}
    assert "readOnly" not in pv["spec"]["nfs"]


def test_set_default_persistent_volume_keeps_what_is_set():
    pv = apply_defaults({"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": "p"},
                         "spec": {"persistentVolumeReclaimPolicy": "Delete", "volumeMode": "Block",
                                  "hostPath": {"path": "/d"}},
                         "status": {"phase": "Bound"}})
    assert pv["spec"]["persistentVolumeReclaimPolicy"] == "Delete"
    assert pv["spec"]["volumeMode"] == "Block"
    assert pv["spec"]["hostPath"] == {"path": "/d", "type": ""}
    assert pv["status"] == {"phase": "Bound"}


def test_set_default_persistent_volume_claim():
    claim = apply_defaults({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
                            "metadata": {"name": "c", "namespace": "d"}, "spec": {}})
    assert claim["spec"] == {"volumeMode": "Filesystem"}
    assert claim["status"] == {"phase": "Pending"}
    assert "storageClassName" not in claim["spec"]  # nil stays nil: admission decides


def test_set_default_storage_class():
    sc = apply_defaults({"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
                         "metadata": {"name": "s"}, "provisioner": "p"})
    assert (sc["reclaimPolicy"], sc["volumeBindingMode"]) == ("Delete", "Immediate")
    kept = apply_defaults({**sc, "reclaimPolicy": "Retain",
                           "volumeBindingMode": "WaitForFirstConsumer"})
    assert (kept["reclaimPolicy"], kept["volumeBindingMode"]) == ("Retain", "WaitForFirstConsumer")


def test_set_default_service():
    svc = apply_defaults({"apiVersion": "v1", "kind": "Service",
                          "metadata": {"name": "s", "namespace": "d"},
                          "spec": {"ports": [{"port": 80}, {"port": 443, "targetPort": "https",
                                                            "protocol": "UDP"}]}})
    spec = svc["spec"]
    assert spec["type"] == "ClusterIP" and spec["sessionAffinity"] == "None"
    assert spec["internalTrafficPolicy"] == "Cluster"
    assert spec["ports"] == [{"port": 80, "protocol": "TCP", "targetPort": 80},
                             {"port": 443, "targetPort": "https", "protocol": "UDP"}]


def test_set_default_statefulset():
    sts = apply_defaults({
        "apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "w", "namespace": "d"},
        "spec": {"selector": {"matchLabels": {"a": "b"}},
                 "template": {"metadata": {"labels": {"a": "b"}},
                              "spec": {"containers": [{"name": "c", "image": "nginx:1.25"}]}},
                 "volumeClaimTemplates": [{"metadata": {"name": "www"}, "spec": {}}]}})
    spec = sts["spec"]
    assert spec["replicas"] == 1
    assert spec["podManagementPolicy"] == "OrderedReady"
    assert spec["updateStrategy"] == {"type": "RollingUpdate", "rollingUpdate": {"partition": 0}}
    assert spec["revisionHistoryLimit"] == 10
    assert spec["persistentVolumeClaimRetentionPolicy"] == {"whenDeleted": "Retain",
                                                            "whenScaled": "Retain"}
    assert "minReadySeconds" not in spec
    template = spec["template"]["spec"]
    assert template["restartPolicy"] == "Always" and template["dnsPolicy"] == "ClusterFirst"
    assert template["containers"][0]["imagePullPolicy"] == "IfNotPresent"
    claim = spec["volumeClaimTemplates"][0]
    assert claim["spec"]["volumeMode"] == "Filesystem" and claim["status"] == {"phase": "Pending"}


def test_statefulset_defaults_respect_explicit_values():
    sts = apply_defaults({"apiVersion": "apps/v1", "kind": "StatefulSet",
                          "metadata": {"name": "w", "namespace": "d"},
                          "spec": {"replicas": 0, "updateStrategy": {"type": "OnDelete"},
                                   "persistentVolumeClaimRetentionPolicy": {"whenScaled": "Delete"}}})
    assert sts["spec"]["replicas"] == 0
    assert sts["spec"]["updateStrategy"] == {"type": "OnDelete"}
    assert sts["spec"]["persistentVolumeClaimRetentionPolicy"] == {"whenScaled": "Delete",
                                                                   "whenDeleted": "Retain"}


def test_set_default_pod():
    pod = apply_defaults({
        "apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "d"},
        "spec": {"containers": [{"name": "c", "image": "nginx",
                                 "ports": [{"containerPort": 80}],
                                 "resources": {"limits": {"cpu": "1"}}}],
                 "volumes": [{"name": "scratch"}, {"name": "cfg", "configMap": {"name": "x"}}]}})
    spec = pod["spec"]
    assert (spec["restartPolicy"], spec["dnsPolicy"], spec["schedulerName"],
            spec["terminationGracePeriodSeconds"], spec["securityContext"],
            spec["enableServiceLinks"]) == ("Always", "ClusterFirst", "default-scheduler", 30, {},
                                            True)
    ctr = spec["containers"][0]
    assert ctr["imagePullPolicy"] == "Always"
    assert ctr["terminationMessagePath"] == "/dev/termination-log"
    assert ctr["terminationMessagePolicy"] == "File"
    assert ctr["ports"] == [{"containerPort": 80, "protocol": "TCP"}]
    assert ctr["resources"] == {"limits": {"cpu": "1"}, "requests": {"cpu": "1"}}
    assert spec["volumes"][0] == {"name": "scratch", "emptyDir": {}}
    assert spec["volumes"][1]["configMap"]["defaultMode"] == 420


@pytest.mark.parametrize(("image", "policy"), [
    ("nginx", "Always"), ("nginx:latest", "Always"), ("nginx:1.25", "IfNotPresent"),
    ("registry:5000/nginx", "Always"), ("registry:5000/nginx:v1", "IfNotPresent"),
    ("hub.atshooter.com/k8s/nginx:v1.0", "IfNotPresent"),
    ("nginx@sha256:" + "a" * 64, "IfNotPresent"),
])
def test_image_pull_policy(image, policy):
    assert image_pull_policy(image) == policy


def test_set_default_namespace_and_nfs_server():
    ns = apply_defaults({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "n"}})
    assert ns["status"] == {"phase": "Active"}
    server = apply_defaults({"apiVersion": "simulator.pvgraph.dev/v1alpha1", "kind": "NFSServer",
                             "metadata": {"name": "nfs"},
                             "spec": {"address": "10.0.0.1", "exports": [{"path": "/a"}, {
                                 "path": "/b", "clients": "10.0.0.0/8", "options": ["ro"]}]}})
    assert server["spec"]["exports"] == [
        {"path": "/a", "clients": "*", "options": ["rw", "sync"]},
        {"path": "/b", "clients": "10.0.0.0/8", "options": ["ro"]}]


def test_defaults_never_modify_the_input():
    original = {"apiVersion": "v1", "kind": "PersistentVolumeClaim",
                "metadata": {"name": "c", "namespace": "d"}, "spec": {"accessModes": ["x"]}}
    snapshot = repr(original)
    out = apply_defaults(original)
    assert repr(original) == snapshot
    assert out is not original and out["spec"] is not original["spec"]


def test_defaulting_decodes_first():
    with pytest.raises(DecodeError):
        apply_defaults({"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": "p"},
                        "spec": ["not", "a", "map"]})


def test_unknown_kind_is_copied_untouched():
    obj = {"apiVersion": "v1", "kind": "ConfigMap", "data": {"a": "b"}}
    assert apply_defaults(obj) == obj
