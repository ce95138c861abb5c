"""Kubernetes' reclaim tables (Recycle and Delete), ported to the public engine API.

Sources (kubernetes/kubernetes, ``pkg/controller/volume/persistentvolume/``):
``recycle_test.go`` (``TestRecycleSync`` 6-x, ``TestRecycleMultiSync`` 7-x) and
``delete_test.go`` (``TestDeleteSync`` 8-x, ``TestDeleteMultiSync`` 9-x).

Upstream injects a mock recycler/deleter plugin into the controller; the public API
has no way to do that. Rows whose outcome does not depend on the plugin (no plugin
found, unknown policy, volume in use, external deleter) are ported as they are. The
successful-recycle rows are also run in an adapted form, marked ``[NFS recycler]``:
the volume is an NFS volume — recycled by the real in-tree NFS recycler, which the
simulator models — and, as upstream's ``waitTest`` waits for the controller's running
operations, the cluster is settled after the sync; only the volumes are compared
(settling also runs other syncs, which upstream's single-sync test does not), and
the ``kubernetes.io/pv-protection`` finalizer the pv-protection controller adds while
settling is disregarded.
"""

from __future__ import annotations

import copy

import pytest

from tests.core.upstream_fixtures import (
    ANN_BOUND_BY_CONTROLLER,
    ANN_DYNAMICALLY_PROVISIONED,
    ANN_MIGRATED_TO,
    CLASS_EMPTY,
    ControllerTest,
    new_claim_array,
    new_external_provisioned_volume,
    new_volume,
    new_volume_array,
    params,
    pod,
    run_sync_test,
    volume_with_annotation,
    with_message,
)

V, C = new_volume_array, new_claim_array
AVAILABLE, PENDING, BOUND, RELEASED, FAILED = "Available", "Pending", "Bound", "Released", "Failed"
RECYCLE, DELETE = "Recycle", "Delete"
BBC = ANN_BOUND_BY_CONTROLLER
NO_EVENTS: list[str] = []
GCE_DRIVER = "pd.csi.storage.gke.io"

#: TestRecycleSync's pods.
RECYCLE_PODS = [
    pod("runningPod", "runningClaim", "Running"),
    pod("pendingPod", "pendingClaim", "Pending"),
    pod("completedPod", "completedClaim", "Succeeded"),
]
MOCK_RECYCLER = "needs recycle_test.go's mock recycler plugin (its scripted results)"
MOCK_DELETER = "needs delete_test.go's mock deleter plugin (its scripted results)"
INJECT = "needs an operation injected while the controller waits (wrapTestWithInjectedOperation)"


def _nfs(volumes: list[dict]) -> list[dict]:
    """The same volumes, backed by NFS: a source the in-tree recycler handles."""
    out = copy.deepcopy(volumes)
    for volume in out:
        volume["spec"].pop("gcePersistentDisk", None)
        volume["spec"]["nfs"] = {"server": "nfs.example.com",
                                 "path": f"/exports/{volume['metadata']['name']}"}
    return out


def _recycle(name, iv, ev, ic, ec, events, *, skip="") -> ControllerTest:
    return ControllerTest(name, iv, ev, ic, ec, list(events), "volume", skip=skip,
                          pods=RECYCLE_PODS)


def _adapted(name, iv, ev, ic, ec) -> ControllerTest:
    return ControllerTest(f"{name} [NFS recycler]", _nfs(iv), _nfs(ev), ic, ec, [], "volume",
                          pods=RECYCLE_PODS, settle_after=True, compare=("PersistentVolume",),
                          ignored_finalizers=("kubernetes.io/pv-protection",))


TEST_RECYCLE_SYNC = [
    _recycle("6-1 - successful recycle",
             V("volume6-1", "1Gi", "uid6-1", "claim6-1", BOUND, RECYCLE, CLASS_EMPTY, BBC),
             V("volume6-1", "1Gi", "", "", AVAILABLE, RECYCLE, CLASS_EMPTY), [], [], NO_EVENTS,
             skip=MOCK_RECYCLER),
    _adapted("6-1 - successful recycle",
             V("volume6-1", "1Gi", "uid6-1", "claim6-1", BOUND, RECYCLE, CLASS_EMPTY, BBC),
             V("volume6-1", "1Gi", "", "", AVAILABLE, RECYCLE, CLASS_EMPTY), [], []),
    _recycle("6-2 - successful recycle with prebound volume",
             V("volume6-2", "1Gi", "uid6-2", "claim6-2", BOUND, RECYCLE, CLASS_EMPTY),
             V("volume6-2", "1Gi", "", "claim6-2", AVAILABLE, RECYCLE, CLASS_EMPTY), [], [],
             NO_EVENTS, skip=MOCK_RECYCLER),
    _adapted("6-2 - successful recycle with prebound volume",
             V("volume6-2", "1Gi", "uid6-2", "claim6-2", BOUND, RECYCLE, CLASS_EMPTY),
             V("volume6-2", "1Gi", "", "claim6-2", AVAILABLE, RECYCLE, CLASS_EMPTY), [], []),
    _recycle("6-3 - plugin not found",
             V("volume6-3", "1Gi", "uid6-3", "claim6-3", BOUND, RECYCLE, CLASS_EMPTY),
             with_message("No recycler plugin found for the volume!",
                          V("volume6-3", "1Gi", "uid6-3", "claim6-3", FAILED, RECYCLE,
                            CLASS_EMPTY)),
             [], [], ["Warning VolumeFailedRecycle"]),
    _recycle("6-4 - newRecycler returns error",
             V("volume6-4", "1Gi", "uid6-4", "claim6-4", BOUND, RECYCLE, CLASS_EMPTY), [], [], [],
             [], skip=MOCK_RECYCLER),
    _recycle("6-5 - recycle returns error",
             V("volume6-5", "1Gi", "uid6-5", "claim6-5", BOUND, RECYCLE, CLASS_EMPTY), [], [], [],
             [], skip=MOCK_RECYCLER),
    _recycle("6-6 - volume is deleted before recycling",
             V("volume6-6", "1Gi", "uid6-6", "claim6-6", BOUND, RECYCLE, CLASS_EMPTY), [], [], [],
             [], skip=INJECT),
    _recycle("6-7 - volume is deleted before recycling",
             V("volume6-7", "1Gi", "uid6-7", "claim6-7", BOUND, RECYCLE, CLASS_EMPTY, BBC), [],
             [], [], [], skip=INJECT),
    _recycle("6-8 - prebound volume is deleted before recycling",
             V("volume6-8", "1Gi", "uid6-8", "claim6-8", BOUND, RECYCLE, CLASS_EMPTY), [], [], [],
             [], skip=INJECT),
    _recycle("6-9 - prebound volume is recycled while the claim exists",
             V("volume6-9", "1Gi", "uid6-9", "claim6-9", BOUND, RECYCLE, CLASS_EMPTY),
             V("volume6-9", "1Gi", "", "claim6-9", AVAILABLE, RECYCLE, CLASS_EMPTY),
             C("claim6-9", "uid6-9-x", "10Gi", "", PENDING, None),
             C("claim6-9", "uid6-9-x", "10Gi", "", PENDING, None), NO_EVENTS,
             skip=MOCK_RECYCLER),
    _adapted("6-9 - prebound volume is recycled while the claim exists",
             V("volume6-9", "1Gi", "uid6-9", "claim6-9", BOUND, RECYCLE, CLASS_EMPTY),
             V("volume6-9", "1Gi", "", "claim6-9", AVAILABLE, RECYCLE, CLASS_EMPTY),
             C("claim6-9", "uid6-9-x", "10Gi", "", PENDING, None),
             C("claim6-9", "uid6-9-x", "10Gi", "", PENDING, None)),
    _recycle("6-10 - unknown reclaim policy",
             V("volume6-10", "1Gi", "uid6-10", "claim6-10", BOUND, "Unknown", CLASS_EMPTY),
             with_message("Volume has unrecognized PersistentVolumeReclaimPolicy",
                          V("volume6-10", "1Gi", "uid6-10", "claim6-10", FAILED, "Unknown",
                            CLASS_EMPTY)),
             [], [], ["Warning VolumeUnknownReclaimPolicy"]),
    _recycle("6-11 - used by running pod",
             V("volume6-11", "1Gi", "uid6-11", "runningClaim", BOUND, RECYCLE, CLASS_EMPTY, BBC),
             V("volume6-11", "1Gi", "uid6-11", "runningClaim", RELEASED, RECYCLE, CLASS_EMPTY,
               BBC),
             [], [], ["Normal VolumeFailedRecycle"]),
    _recycle("6-12 - used by pending pod",
             V("volume6-12", "1Gi", "uid6-12", "pendingClaim", BOUND, RECYCLE, CLASS_EMPTY, BBC),
             V("volume6-12", "1Gi", "uid6-12", "pendingClaim", RELEASED, RECYCLE, CLASS_EMPTY,
               BBC),
             [], [], ["Normal VolumeFailedRecycle"]),
    _recycle("6-13 - used by completed pod",
             V("volume6-13", "1Gi", "uid6-13", "completedClaim", BOUND, RECYCLE, CLASS_EMPTY,
               BBC),
             V("volume6-13", "1Gi", "", "", AVAILABLE, RECYCLE, CLASS_EMPTY), [], [], NO_EVENTS,
             skip=MOCK_RECYCLER),
    _adapted("6-13 - used by completed pod",
             V("volume6-13", "1Gi", "uid6-13", "completedClaim", BOUND, RECYCLE, CLASS_EMPTY,
               BBC),
             V("volume6-13", "1Gi", "", "", AVAILABLE, RECYCLE, CLASS_EMPTY), [], []),
    _recycle("6-14 - seemingly used by running pod",
             V("volume6-14", "1Gi", "uid6-14", "completedClaim", BOUND, RECYCLE, CLASS_EMPTY,
               BBC),
             V("volume6-14", "1Gi", "", "", AVAILABLE, RECYCLE, CLASS_EMPTY),
             C("completedClaim", "uid6-14-x", "10Gi", "", BOUND, None),
             C("completedClaim", "uid6-14-x", "10Gi", "", BOUND, None), NO_EVENTS,
             skip=MOCK_RECYCLER),
    _adapted("6-14 - seemingly used by running pod",
             V("volume6-14", "1Gi", "uid6-14", "completedClaim", BOUND, RECYCLE, CLASS_EMPTY,
               BBC),
             V("volume6-14", "1Gi", "", "", AVAILABLE, RECYCLE, CLASS_EMPTY),
             C("completedClaim", "uid6-14-x", "10Gi", "", BOUND, None),
             C("completedClaim", "uid6-14-x", "10Gi", "", BOUND, None)),
]


@pytest.mark.parametrize("test", params(TEST_RECYCLE_SYNC))
def test_recycle_sync(test: ControllerTest) -> None:
    """recycle_test.go TestRecycleSync."""
    run_sync_test(test)


@pytest.mark.parametrize("test", params([
    _recycle("7-1 - recycle returns error",
             V("volume7-1", "1Gi", "uid7-1", "claim7-1", BOUND, RECYCLE, CLASS_EMPTY), [], [], [],
             [], skip=MOCK_RECYCLER),
]))
def test_recycle_multi_sync(test: ControllerTest) -> None:
    """recycle_test.go TestRecycleMultiSync."""
    run_sync_test(test)  # pragma: no cover - every row needs the mock plugin


def _delete(name, iv, ev, ic, ec, events, *, skip="") -> ControllerTest:
    return ControllerTest(name, iv, ev, ic, ec, list(events), "volume", skip=skip)


def _migrated(phase: str) -> dict:
    volume = new_volume("volume8-10-3", "1Gi", "uid10-1-3", "claim10-1-3", phase, DELETE,
                        CLASS_EMPTY, ANN_DYNAMICALLY_PROVISIONED)
    volume = volume_with_annotation(ANN_DYNAMICALLY_PROVISIONED, "kubernetes.io/gce-pd", volume)
    return volume_with_annotation(ANN_MIGRATED_TO, GCE_DRIVER, volume)


def _external(name, uid, claim, phase, *annotations, provisioner="") -> dict:
    volume = new_external_provisioned_volume(name, "1Gi", uid, claim, phase, DELETE, CLASS_EMPTY,
                                             GCE_DRIVER, None, *annotations)
    if provisioner:
        volume["metadata"]["annotations"][ANN_DYNAMICALLY_PROVISIONED] = provisioner
    return volume


TEST_DELETE_SYNC = [
    _delete("8-1 - successful delete",
            V("volume8-1", "1Gi", "uid8-1", "claim8-1", BOUND, DELETE, CLASS_EMPTY, BBC), [], [],
            [], NO_EVENTS, skip=MOCK_DELETER),
    _delete("8-2 - successful delete with prebound volume",
            V("volume8-2", "1Gi", "uid8-2", "claim8-2", BOUND, DELETE, CLASS_EMPTY), [], [], [],
            NO_EVENTS, skip=MOCK_DELETER),
    _delete("8-3 - plugin not found",
            V("volume8-3", "1Gi", "uid8-3", "claim8-3", BOUND, DELETE, CLASS_EMPTY),
            with_message('error getting deleter volume plugin for volume "volume8-3": '
                         "no volume plugin matched",
                         V("volume8-3", "1Gi", "uid8-3", "claim8-3", FAILED, DELETE,
                           CLASS_EMPTY)),
            [], [], ["Warning VolumeFailedDelete"]),
    _delete("8-4 - newDeleter returns error",
            V("volume8-4", "1Gi", "uid8-4", "claim8-4", BOUND, DELETE, CLASS_EMPTY), [], [], [],
            [], skip=MOCK_DELETER),
    _delete("8-5 - delete returns error",
            V("volume8-5", "1Gi", "uid8-5", "claim8-5", BOUND, DELETE, CLASS_EMPTY), [], [], [],
            [], skip=MOCK_DELETER),
    _delete("8-6 - volume is deleted before deleting",
            V("volume8-6", "1Gi", "uid8-6", "claim8-6", BOUND, DELETE, CLASS_EMPTY), [], [], [],
            [], skip=INJECT),
    _delete("8-7 - volume is bound before deleting",
            V("volume8-7", "1Gi", "uid8-7", "claim8-7", BOUND, DELETE, CLASS_EMPTY, BBC), [], [],
            [], [], skip=INJECT),
    _delete("8-9 - prebound volume is deleted while the claim exists",
            V("volume8-9", "1Gi", "uid8-9", "claim8-9", BOUND, DELETE, CLASS_EMPTY), [],
            C("claim8-9", "uid8-9-x", "10Gi", "", PENDING, None), [], [], skip=MOCK_DELETER),
    _delete("8-10-1 - external deleter when volume is dynamic provisioning",
            [_external("volume8-10-1", "uid10-1-1", "claim10-1-1", BOUND, BBC,
                       provisioner="external.io/test")],
            [_external("volume8-10-1", "uid10-1-1", "claim10-1-1", RELEASED, BBC,
                       provisioner="external.io/test")],
            [], [], NO_EVENTS),
    _delete("8-10-2 - external deleter when volume is static provisioning",
            [_external("volume8-10-2", "uid10-1-2", "claim10-1-2", BOUND, BBC)],
            [_external("volume8-10-2", "uid10-1-2", "claim10-1-2", RELEASED, BBC)],
            [], [], NO_EVENTS),
    _delete("8-10-3 - external deleter when volume is migrated",
            [_migrated(BOUND)], [_migrated(RELEASED)], [], [], NO_EVENTS),
    _delete("8-11 - two PVs provisioned for a single claim",
            [new_volume("volume8-11-1", "1Gi", "uid8-11", "claim8-11", BOUND, DELETE, CLASS_EMPTY,
                        ANN_DYNAMICALLY_PROVISIONED),
             new_volume("volume8-11-2", "1Gi", "uid8-11", "claim8-11", BOUND, DELETE, CLASS_EMPTY,
                        ANN_DYNAMICALLY_PROVISIONED)],
            [], C("claim8-11", "uid8-11", "10Gi", "volume8-11-2", BOUND, None), [], [],
            skip=MOCK_DELETER),
    _delete("8-12 - two PVs externally provisioned for a single claim",
            [_external("volume8-12-1", "uid8-12", "claim8-12", BOUND, ANN_DYNAMICALLY_PROVISIONED,
                       provisioner="external.io/test"),
             _external("volume8-12-2", "uid8-12", "claim8-12", BOUND,
                       ANN_DYNAMICALLY_PROVISIONED)],
            [_external("volume8-12-1", "uid8-12", "claim8-12", RELEASED,
                       ANN_DYNAMICALLY_PROVISIONED, provisioner="external.io/test"),
             _external("volume8-12-2", "uid8-12", "claim8-12", BOUND,
                       ANN_DYNAMICALLY_PROVISIONED)],
            C("claim8-12", "uid8-12", "10Gi", "volume8-12-2", BOUND, None),
            C("claim8-12", "uid8-12", "10Gi", "volume8-12-2", BOUND, None), NO_EVENTS),
    _delete("8-13 - volume has deletion timestamp and processed",
            V("volume8-13", "1Gi", "uid8-13", "claim8-13", BOUND, DELETE, CLASS_EMPTY, BBC), [],
            [], [], [], skip=MOCK_DELETER),
]


@pytest.mark.parametrize("test", params(TEST_DELETE_SYNC))
def test_delete_sync(test: ControllerTest) -> None:
    """delete_test.go TestDeleteSync."""
    run_sync_test(test)


@pytest.mark.parametrize("test", params([
    _delete("9-1 - delete returns error",
            V("volume9-1", "1Gi", "uid9-1", "claim9-1", BOUND, DELETE, CLASS_EMPTY), [], [], [],
            [], skip=MOCK_DELETER),
]))
def test_delete_multi_sync(test: ControllerTest) -> None:
    """delete_test.go TestDeleteMultiSync."""
    run_sync_test(test)  # pragma: no cover - every row needs the mock plugin


@pytest.mark.parametrize("case, message", [
    ("6-11 - used by running pod", "Volume is used by pods: default/runningPod"),
    ("6-12 - used by pending pod", "Volume is used by pods: default/pendingPod"),
])
def test_recycle_in_use_event_message(case: str, message: str) -> None:
    """recycleVolumeOperation's text when pods still use the claim (pv_controller.go)."""
    test = next(t for t in TEST_RECYCLE_SYNC if t.name == case)
    cluster = run_sync_test(test)
    texts = [f"{e['type']} {e['reason']} {e['message']}" for e in cluster.events()]
    assert f"Normal VolumeFailedRecycle {message}" in texts
