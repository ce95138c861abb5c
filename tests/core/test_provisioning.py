"""Dynamic provisioning through the simulated nfs-subdir-external-provisioner."""

from __future__ import annotations

import pytest

from core.binding import (
    ANN_BOUND_BY_CONTROLLER,
    ANN_DYNAMICALLY_PROVISIONED,
    ANN_SELECTED_NODE,
    ANN_STORAGE_PROVISIONER,
)
from core.controllers.provisioner import serves
from tests.core.test_binding_helpers import event_pairs, get, live_cluster, new_claim, storage_class

PROVISIONER = "k8s-sigs.io/nfs-subdir-external-provisioner"


def nfs_class(**kw: object) -> dict:
    return storage_class("nfs-client", provisioner=PROVISIONER, **kw)  # type: ignore[arg-type]


def claim(name: str = "data", cls: str = "nfs-client", **kw: object) -> dict:
    return new_claim(name, "", "2Gi", "", "Pending", cls, modes=("ReadWriteMany",),  # type: ignore[arg-type]
                     **kw)


@pytest.mark.parametrize("name,served", [
    ("nfs-subdir-external-provisioner", True),
    ("k8s-sigs.io/nfs-subdir-external-provisioner", True),
    ("cluster.local/nfs-subdir-external-provisioner", True),
    ("example.com/nfs-client-provisioner", True),
    ("fuseim.pri/ifs", True),
    ("example.com/nfs", False),
    ("kubernetes.io/no-provisioner", False),
])
def test_served_provisioner_names(name: str, served: bool) -> None:
    assert serves(name) is served


def test_immediate_class_provisions_and_binds() -> None:
    cluster = live_cluster(nfs_class(parameters={"server": "10.0.0.5", "path": "/srv/nfs"}),
                           claim())
    result = cluster.settle()
    assert result.settled and result.elapsed_ms == cluster.settings.provision_ms
    pvc = get(cluster, "PersistentVolumeClaim", "data")
    uid = pvc["metadata"]["uid"]
    pv_name = f"pvc-{uid}"
    assert pvc["status"]["phase"] == "Bound" and pvc["spec"]["volumeName"] == pv_name
    assert pvc["metadata"]["annotations"][ANN_STORAGE_PROVISIONER] == PROVISIONER
    pv = get(cluster, "PersistentVolume", pv_name)
    assert pv["status"]["phase"] == "Bound"
    assert pv["metadata"]["annotations"] == {ANN_BOUND_BY_CONTROLLER: "yes",
                                             ANN_DYNAMICALLY_PROVISIONED: PROVISIONER}
    spec = pv["spec"]
    assert spec["nfs"] == {"server": "10.0.0.5", "path": f"/srv/nfs/default-data-{pv_name}"}
    assert spec["capacity"] == {"storage": "2Gi"}
    assert spec["accessModes"] == ["ReadWriteMany"]
    assert spec["persistentVolumeReclaimPolicy"] == "Delete"
    assert spec["storageClassName"] == "nfs-client"
    assert spec["claimRef"]["uid"] == uid and spec["claimRef"]["name"] == "data"
    assert event_pairs(cluster) == ["Normal ExternalProvisioning", "Normal Provisioning",
                                    "Normal ProvisioningSucceeded"]
    messages = [e["message"] for e in cluster.events()]
    assert messages[1] == 'External provisioner is provisioning volume for claim "default/data"'
    assert messages[2] == f"Successfully provisioned volume {pv_name}"
    assert cluster.events()[2]["source"]["component"] == PROVISIONER


def test_default_server_and_path() -> None:
    cluster = live_cluster(nfs_class(policy="Retain"), claim())
    cluster.settle()
    pv_name = get(cluster, "PersistentVolumeClaim", "data")["spec"]["volumeName"]
    pv = get(cluster, "PersistentVolume", pv_name)
    assert pv["spec"]["nfs"] == {"server": "nfs-server.default.svc",
                                 "path": f"/exports/default-data-{pv_name}"}
    assert pv["spec"]["persistentVolumeReclaimPolicy"] == "Retain"


def test_wait_for_first_consumer_waits_for_the_selected_node() -> None:
    cluster = live_cluster(nfs_class(mode="WaitForFirstConsumer"), claim())
    cluster.settle()
    pvc = get(cluster, "PersistentVolumeClaim", "data")
    assert pvc["status"]["phase"] == "Pending"
    assert event_pairs(cluster) == ["Normal WaitForFirstConsumer"]
    # the scheduler picks a node for the claim
    cluster.api.write(pvc, {"metadata": {"annotations": {ANN_SELECTED_NODE: "node-1"}}},
                      actor="default-scheduler", reason="select node")
    cluster.settle()
    pvc = get(cluster, "PersistentVolumeClaim", "data")
    assert pvc["status"]["phase"] == "Bound"
    assert event_pairs(cluster)[1:] == ["Normal ExternalProvisioning", "Normal Provisioning",
                                        "Normal ProvisioningSucceeded"]


def test_selector_claims_are_refused() -> None:
    cluster = live_cluster(nfs_class(), claim(selector={"matchLabels": {"a": "b"}}))
    cluster.settle()
    assert get(cluster, "PersistentVolumeClaim", "data")["status"]["phase"] == "Pending"
    failures = [e for e in cluster.events() if e["reason"] == "ProvisioningFailed"]
    assert [e["message"] for e in failures] == [
        'failed to provision volume with StorageClass "nfs-client": claim Selector is not '
        "supported"]
    assert cluster.store.list("PersistentVolume") == []


def test_block_claims_are_refused() -> None:
    cluster = live_cluster(nfs_class(), claim(volume_mode="Block"))
    cluster.settle()
    assert [e["message"] for e in cluster.events() if e["reason"] == "ProvisioningFailed"] == [
        f"{PROVISIONER} does not support block volume provisioning"]


def test_unserved_external_provisioner_only_gets_the_request() -> None:
    cluster = live_cluster(storage_class("other", provisioner="example.com/other"),
                           claim(cls="other"))
    cluster.settle()
    assert get(cluster, "PersistentVolumeClaim", "data")["status"]["phase"] == "Pending"
    assert event_pairs(cluster) == ["Normal ExternalProvisioning"]


@pytest.mark.parametrize("parameters,archived", [({}, True), ({"archiveOnDelete": "false"}, False),
                                                 ({"onDelete": "retain"}, None)])
def test_delete_policy_removes_the_provisioned_volume(parameters: dict, archived: bool | None,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple] = []

    class FakeNfs:
        @staticmethod
        def mkdir(cluster: object, server: str, path: str, **kw: object) -> None:
            calls.append(("mkdir", path))

        @staticmethod
        def rename(cluster: object, server: str, old: str, new: str, **kw: object) -> None:
            calls.append(("rename", old, new))

        @staticmethod
        def remove(cluster: object, server: str, path: str, **kw: object) -> None:
            calls.append(("remove", path))

    import core.controllers.provisioner as module

    monkeypatch.setattr(module, "_nfs_function", lambda name: getattr(FakeNfs, name, None))
    cluster = live_cluster(nfs_class(parameters=parameters), claim())
    cluster.settle()
    pv_name = get(cluster, "PersistentVolumeClaim", "data")["spec"]["volumeName"]
    directory = f"/exports/default-data-{pv_name}"
    assert calls == [("mkdir", directory)]
    cluster.api.delete("PersistentVolumeClaim", "default", "data")
    result = cluster.settle()
    assert result.settled
    assert get(cluster, "PersistentVolume", pv_name) is None
    expected = {True: [("rename", directory, f"/exports/archived-default-data-{pv_name}")],
                False: [("remove", directory)], None: []}[archived]
    assert calls[1:] == expected
    deletion = [c for c in cluster.store.log if c.key == ("PersistentVolume", "", pv_name)
                and c.reason == "reclaim: deleted by its provisioner"]
    assert deletion and deletion[0].actor == PROVISIONER


def test_provisioned_volume_is_not_recreated_for_a_bound_claim() -> None:
    cluster = live_cluster(nfs_class(), claim())
    cluster.settle()
    count = len(cluster.store.list("PersistentVolume"))
    cluster.advance(60_000)
    assert len(cluster.store.list("PersistentVolume")) == count == 1
