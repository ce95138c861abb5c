"""The PV controller against Kubernetes' binder tests.

``test_TestSync`` / ``test_TestSyncBlockVolume`` / ``test_TestMultiSync`` port
``pkg/controller/volume/persistentvolume/binder_test.go`` case by case (names are the
upstream ones): a cluster holding exactly the initial objects, one
``Cluster.sync_claim``/``sync_volume`` of the first claim/volume, then the objects and
events compared. Upstream only checks a prefix of the events; the lists here are the
complete ones real Kubernetes emits (e.g. 1-16 and 2-6 do emit a warning).
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from core import Cluster
from core.binding import (
    ANN_BETA_STORAGE_PROVISIONER,
    ANN_BIND_COMPLETED,
    ANN_BOUND_BY_CONTROLLER,
    ANN_DYNAMICALLY_PROVISIONED,
    ANN_SELECTED_NODE,
    ANN_STORAGE_PROVISIONER,
)
from tests.core.test_binding_helpers import (
    event_pairs,
    get,
    live_cluster,
    new_claim,
    new_volume,
    pod,
    storage_class,
)

BBC, BC = ANN_BOUND_BY_CONTROLLER, ANN_BIND_COMPLETED
SKIP = "pv-testing-skip-local-store"
LABELS = {"foo": "true", "bar": "false"}
SELECTOR = {"matchLabels": LABELS}
V, C = new_volume, new_claim
WAIT = "wait"
CLASS_WAIT = {"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
              "metadata": {"name": WAIT}, "volumeBindingMode": "WaitForFirstConsumer"}


def labelled(volume: dict) -> dict:
    volume["metadata"]["labels"] = dict(LABELS)
    return volume


def with_vac(obj: dict, vac: str = "gold") -> dict:
    obj["spec"]["volumeAttributesClassName"] = vac
    return obj


def with_ann(obj: dict, key: str, value: str) -> dict:
    obj["metadata"].setdefault("annotations", {})[key] = value
    return obj


def failed(volume: dict, message: str) -> dict:
    volume["status"]["message"] = message
    return volume


def normalize(obj: dict) -> dict:
    """What binder tests compare: spec, status, annotations (not versions or uids of PVs)."""
    obj = copy.deepcopy(obj)
    meta = obj["metadata"]
    keep = {k: meta[k] for k in ("name", "namespace", "annotations", "labels", "finalizers")
            if meta.get(k)}
    if obj["kind"] == "PersistentVolumeClaim":
        keep["uid"] = meta.get("uid")
    obj["metadata"] = keep
    ref = (obj.get("spec") or {}).get("claimRef")
    if ref is not None:
        ref.pop("resourceVersion", None)
        ref.setdefault("apiVersion", "v1")
        ref.setdefault("kind", "PersistentVolumeClaim")
    status = obj.get("status")
    if status is not None:
        # Written by the API server on phase changes; upstream's fake client has none.
        status.pop("lastPhaseTransitionTime", None)
    if status is not None and not status:
        del obj["status"]
    if obj["kind"] == "PersistentVolumeClaim" and not (obj["spec"].get("volumeName")):
        obj["spec"].pop("volumeName", None)
    return obj


def pv_status(volume: dict) -> dict:
    """A PV's status without the API server's lastPhaseTransitionTime stamp."""
    return {k: v for k, v in (volume.get("status") or {}).items()
            if k != "lastPhaseTransitionTime"}


def state(cluster: Cluster) -> list[dict]:
    return [normalize(o) for o in cluster.manifests()
            if o["kind"] in ("PersistentVolume", "PersistentVolumeClaim")]


def expected_state(volumes: list[dict], claims: list[dict]) -> list[dict]:
    by_key = {}
    for obj in volumes + claims:
        by_key[(obj["kind"], obj["metadata"]["name"])] = normalize(obj)
    return sorted(by_key.values(), key=lambda o: (o["kind"], o["metadata"].get("namespace", ""),
                                                  o["metadata"]["name"]))


def run_sync(test: str, volumes: list[dict], claims: list[dict], classes: list[dict],
             pods: list[dict] = ()) -> Cluster:
    cluster = Cluster.from_manifests([*classes, *pods, *volumes, *claims])
    if test == "claim":
        cluster.sync_claim(claims[0]["metadata"]["namespace"], claims[0]["metadata"]["name"])
    else:
        cluster.sync_volume(volumes[0]["metadata"]["name"])
    return cluster


Case = tuple[str, list, list, list, list, list, str]


def case(name: str, initial_volumes: Any, expected_volumes: Any, initial_claims: Any,
         expected_claims: Any, events: list[str], test: str) -> Case:
    def as_list(x: Any) -> list:
        return x if isinstance(x, list) else [x]

    return (name, as_list(initial_volumes), as_list(expected_volumes), as_list(initial_claims),
            as_list(expected_claims), events, test)


R = "Retain"
SYNC: list[Case] = [
    # [Unit test set 1] User did not care which PV they get.
    case("1-1 - successful bind",
         V("volume1-1", "1Gi"), V("volume1-1", "1Gi", "uid1-1", "claim1-1", "Bound", R, "", BBC),
         C("claim1-1", "uid1-1", "1Gi"), C("claim1-1", "uid1-1", "1Gi", "volume1-1", "Bound", None,
                                           BBC, BC), [], "claim"),
    case("1-2 - noop", V("volume1-2", "1Gi"), V("volume1-2", "1Gi"),
         C("claim1-2", "uid1-2", "10Gi"), C("claim1-2", "uid1-2", "10Gi"),
         ["Normal FailedBinding"], "claim"),
    case("1-3 - reset to Pending", V("volume1-3", "1Gi"), V("volume1-3", "1Gi"),
         C("claim1-3", "uid1-3", "10Gi", "", "Bound"), C("claim1-3", "uid1-3", "10Gi"),
         ["Normal FailedBinding"], "claim"),
    case("1-4 - smallest volume",
         [V("volume1-4_1", "10Gi"), V("volume1-4_2", "1Gi")],
         [V("volume1-4_1", "10Gi"), V("volume1-4_2", "1Gi", "uid1-4", "claim1-4", "Bound", R, "",
                                      BBC)],
         C("claim1-4", "uid1-4", "1Gi"),
         C("claim1-4", "uid1-4", "1Gi", "volume1-4_2", "Bound", None, BBC, BC), [], "claim"),
    case("1-5 - prebound volume by name - success",
         [V("volume1-5_1", "10Gi", "", "claim1-5"), V("volume1-5_2", "1Gi")],
         [V("volume1-5_1", "10Gi", "uid1-5", "claim1-5", "Bound"), V("volume1-5_2", "1Gi")],
         C("claim1-5", "uid1-5", "1Gi"),
         C("claim1-5", "uid1-5", "1Gi", "volume1-5_1", "Bound", None, BBC, BC,
           status_capacity="10Gi"), [], "claim"),
    case("1-6 - prebound volume by UID - success",
         [V("volume1-6_1", "10Gi", "uid1-6", "claim1-6"), V("volume1-6_2", "1Gi")],
         [V("volume1-6_1", "10Gi", "uid1-6", "claim1-6", "Bound"), V("volume1-6_2", "1Gi")],
         C("claim1-6", "uid1-6", "1Gi"),
         C("claim1-6", "uid1-6", "1Gi", "volume1-6_1", "Bound", None, BBC, BC,
           status_capacity="10Gi"), [], "claim"),
    case("1-7 - prebound volume to different claim",
         V("volume1-7", "10Gi", "uid1-777", "claim1-7"), V("volume1-7", "10Gi", "uid1-777",
                                                           "claim1-7"),
         C("claim1-7", "uid1-7", "1Gi"), C("claim1-7", "uid1-7", "1Gi"),
         ["Normal FailedBinding"], "claim"),
    case("1-8 - complete bind after crash - PV bound",
         V("volume1-8", "1Gi", "uid1-8", "claim1-8", "Available", R, "", BBC),
         V("volume1-8", "1Gi", "uid1-8", "claim1-8", "Bound", R, "", BBC),
         C("claim1-8", "uid1-8", "1Gi"),
         C("claim1-8", "uid1-8", "1Gi", "volume1-8", "Bound", None, BBC, BC), [], "claim"),
    case("1-9 - complete bind after crash - PV status saved",
         V("volume1-9", "1Gi", "uid1-9", "claim1-9", "Bound", R, "", BBC),
         V("volume1-9", "1Gi", "uid1-9", "claim1-9", "Bound", R, "", BBC),
         C("claim1-9", "uid1-9", "1Gi"),
         C("claim1-9", "uid1-9", "1Gi", "volume1-9", "Bound", None, BBC, BC), [], "claim"),
    case("1-10 - complete bind after crash - PVC bound",
         V("volume1-10", "1Gi", "uid1-10", "claim1-10", "Bound", R, "", BBC),
         V("volume1-10", "1Gi", "uid1-10", "claim1-10", "Bound", R, "", BBC),
         C("claim1-10", "uid1-10", "1Gi", "volume1-10", "Pending", None, BBC, BC),
         C("claim1-10", "uid1-10", "1Gi", "volume1-10", "Bound", None, BBC, BC), [], "claim"),
    case("1-11 - bind when selector matches",
         labelled(V("volume1-1", "1Gi")),
         labelled(V("volume1-1", "1Gi", "uid1-1", "claim1-1", "Bound", R, "", BBC)),
         C("claim1-1", "uid1-1", "1Gi", selector=SELECTOR),
         C("claim1-1", "uid1-1", "1Gi", "volume1-1", "Bound", None, BBC, BC, selector=SELECTOR),
         [], "claim"),
    case("1-12 - do not bind when selector does not match",
         V("volume1-1", "1Gi"), V("volume1-1", "1Gi"),
         C("claim1-1", "uid1-1", "1Gi", selector=SELECTOR),
         C("claim1-1", "uid1-1", "1Gi", selector=SELECTOR), ["Normal FailedBinding"], "claim"),
    case("1-13 - delayed binding",
         V("volume1-1", "1Gi", cls=WAIT), V("volume1-1", "1Gi", cls=WAIT),
         C("claim1-1", "uid1-1", "1Gi", cls=WAIT), C("claim1-1", "uid1-1", "1Gi", cls=WAIT),
         ["Normal WaitForFirstConsumer"], "claim"),
    case("1-14 - successful prebound PV",
         V("volume1-1", "1Gi", "", "claim1-1", cls=WAIT),
         V("volume1-1", "1Gi", "uid1-1", "claim1-1", "Bound", cls=WAIT),
         C("claim1-1", "uid1-1", "1Gi", cls=WAIT),
         C("claim1-1", "uid1-1", "1Gi", "volume1-1", "Bound", WAIT, BBC, BC), [], "claim"),
    case("1-15 - successful prebound PVC",
         [V("volume1-15_1", "10Gi"), V("volume1-15_2", "1Gi")],
         [V("volume1-15_1", "10Gi", "uid1-15", "claim1-15", "Bound", R, "", BBC),
          V("volume1-15_2", "1Gi")],
         C("claim1-15", "uid1-15", "1Gi", "volume1-15_1"),
         C("claim1-15", "uid1-15", "1Gi", "volume1-15_1", "Bound", None, BC,
           status_capacity="10Gi"), [], "claim"),
    case("1-16 - successful prebound PVC",
         V("volume1-16", "1Gi"), V("volume1-16", "1Gi"),
         C("claim1-16", "uid1-16", "1Gi", "volume1-16", modes=("ReadWriteMany",)),
         C("claim1-16", "uid1-16", "1Gi", "volume1-16", modes=("ReadWriteMany",)),
         ["Warning VolumeMismatch"], "claim"),
    case("1-17 - skip non-available PV if it's not pre-bind",
         [V("volume1-17-pending", "1Gi", phase="Pending"),
          V("volume1-17-failed", "1Gi", phase="Failed"),
          V("volume1-17-released", "1Gi", phase="Released"),
          V("volume1-17-empty", "1Gi", phase="")],
         [V("volume1-17-pending", "1Gi", phase="Pending"),
          V("volume1-17-failed", "1Gi", phase="Failed"),
          V("volume1-17-released", "1Gi", phase="Released"),
          V("volume1-17-empty", "1Gi", phase="")],
         C("claim1-17", "uid1-17", "1Gi"), C("claim1-17", "uid1-17", "1Gi"),
         ["Normal FailedBinding"], "claim"),
    case("1-18 - successful pre-bound PV to PVC provisioning",
         V("volume1-18", "1Gi", "uid1-18", "claim1-18", cls=WAIT),
         V("volume1-18", "1Gi", "uid1-18", "claim1-18", "Bound", cls=WAIT),
         with_ann(C("claim1-18", "uid1-18", "1Gi", cls=WAIT), ANN_SELECTED_NODE, "node1"),
         with_ann(C("claim1-18", "uid1-18", "1Gi", "volume1-18", "Bound", WAIT, BBC, BC),
                  ANN_SELECTED_NODE, "node1"), [], "claim"),
    # [Unit test set 2] User asked for a specific PV.
    case("2-1 - claim prebound to non-existing volume - noop", [], [],
         C("claim2-1", "uid2-1", "10Gi", "volume2-1"), C("claim2-1", "uid2-1", "10Gi", "volume2-1"),
         [], "claim"),
    case("2-2 - claim prebound to non-existing volume - reset status", [], [],
         C("claim2-2", "uid2-2", "10Gi", "volume2-2", "Bound"),
         C("claim2-2", "uid2-2", "10Gi", "volume2-2"), [], "claim"),
    case("2-3 - claim prebound to unbound volume",
         V("volume2-3", "1Gi"), V("volume2-3", "1Gi", "uid2-3", "claim2-3", "Bound", R, "", BBC),
         C("claim2-3", "uid2-3", "1Gi", "volume2-3"),
         C("claim2-3", "uid2-3", "1Gi", "volume2-3", "Bound", None, BC), [], "claim"),
    case("2-4 - claim prebound to prebound volume by name",
         V("volume2-4", "1Gi", "", "claim2-4"), V("volume2-4", "1Gi", "uid2-4", "claim2-4", "Bound"),
         C("claim2-4", "uid2-4", "1Gi", "volume2-4"),
         C("claim2-4", "uid2-4", "1Gi", "volume2-4", "Bound", None, BC), [], "claim"),
    case("2-5 - claim prebound to prebound volume by UID",
         V("volume2-5", "1Gi", "uid2-5", "claim2-5"),
         V("volume2-5", "1Gi", "uid2-5", "claim2-5", "Bound"),
         C("claim2-5", "uid2-5", "1Gi", "volume2-5"),
         C("claim2-5", "uid2-5", "1Gi", "volume2-5", "Bound", None, BC), [], "claim"),
    case("2-6 - claim prebound to already bound volume",
         V("volume2-6", "1Gi", "uid2-6_1", "claim2-6_1", "Bound"),
         V("volume2-6", "1Gi", "uid2-6_1", "claim2-6_1", "Bound"),
         C("claim2-6", "uid2-6", "1Gi", "volume2-6", "Bound"),
         C("claim2-6", "uid2-6", "1Gi", "volume2-6"), ["Warning FailedBinding"], "claim"),
    case("2-7 - claim bound by controller to already bound volume",
         V("volume2-7", "1Gi", "uid2-7_1", "claim2-7_1", "Bound"),
         V("volume2-7", "1Gi", "uid2-7_1", "claim2-7_1", "Bound"),
         C("claim2-7", "uid2-7", "1Gi", "volume2-7", "Bound", None, BBC),
         C("claim2-7", "uid2-7", "1Gi", "volume2-7", "Bound", None, BBC),
         ["Warning FailedBinding"], "claim"),
    case("2-8 - claim prebound to unbound volume that does not match the selector",
         V("volume2-8", "1Gi"), V("volume2-8", "1Gi", "uid2-8", "claim2-8", "Bound", R, "", BBC),
         C("claim2-8", "uid2-8", "1Gi", "volume2-8", selector=SELECTOR),
         C("claim2-8", "uid2-8", "1Gi", "volume2-8", "Bound", None, BC, selector=SELECTOR),
         [], "claim"),
    case("2-9 - claim prebound to unbound volume that size is smaller than requested",
         V("volume2-9", "1Gi"), V("volume2-9", "1Gi"),
         C("claim2-9", "uid2-9", "2Gi", "volume2-9", "Bound"),
         C("claim2-9", "uid2-9", "2Gi", "volume2-9"), ["Warning VolumeMismatch"], "claim"),
    case("2-10 - claim prebound to unbound volume that class is different",
         V("volume2-10", "1Gi", "1", "", cls="gold"), V("volume2-10", "1Gi", cls="gold"),
         C("claim2-10", "uid2-10", "1Gi", "volume2-10", "Bound"),
         C("claim2-10", "uid2-10", "1Gi", "volume2-10"), ["Warning VolumeMismatch"], "claim"),
    case("2-11 - claim prebound to unbound volume that volume attributes class is different",
         with_vac(V("volume2-11", "1Gi")), with_vac(V("volume2-11", "1Gi")),
         C("claim2-11", "uid2-11", "1Gi", "volume2-11", "Bound"),
         C("claim2-11", "uid2-11", "1Gi", "volume2-11"), ["Warning VolumeMismatch"], "claim"),
    # [Unit test set 3] Syncing bound claim
    case("3-1 - bound claim with missing VolumeName", [], [],
         C("claim3-1", "uid3-1", "10Gi", "", "Bound", None, BBC, BC),
         C("claim3-1", "uid3-1", "10Gi", "", "Lost", None, BBC, BC), ["Warning ClaimLost"],
         "claim"),
    case("3-2 - bound claim with missing volume", [], [],
         C("claim3-2", "uid3-2", "10Gi", "volume3-2", "Bound", None, BBC, BC),
         C("claim3-2", "uid3-2", "10Gi", "volume3-2", "Lost", None, BBC, BC),
         ["Warning ClaimLost"], "claim"),
    case("3-3 - bound claim with unbound volume",
         V("volume3-3", "10Gi"), V("volume3-3", "10Gi", "uid3-3", "claim3-3", "Bound", R, "", BBC),
         C("claim3-3", "uid3-3", "10Gi", "volume3-3", "Pending", None, BBC, BC),
         C("claim3-3", "uid3-3", "10Gi", "volume3-3", "Bound", None, BBC, BC), [], "claim"),
    case("3-4 - bound claim with prebound volume",
         V("volume3-4", "10Gi", "claim3-4-x", "claim3-4"),
         V("volume3-4", "10Gi", "claim3-4-x", "claim3-4"),
         C("claim3-4", "uid3-4", "10Gi", "volume3-4", "Pending", None, BBC, BC),
         C("claim3-4", "uid3-4", "10Gi", "volume3-4", "Lost", None, BBC, BC),
         ["Warning ClaimMisbound"], "claim"),
    case("3-5 - bound claim with bound volume",
         V("volume3-5", "10Gi", "uid3-5", "claim3-5"),
         V("volume3-5", "10Gi", "uid3-5", "claim3-5", "Bound"),
         C("claim3-5", "uid3-5", "10Gi", "volume3-5", "Pending", None, BC),
         C("claim3-5", "uid3-5", "10Gi", "volume3-5", "Bound", None, BC), [], "claim"),
    case("3-6 - bound claim with bound volume",
         V("volume3-6", "10Gi", "uid3-6-x", "claim3-6-x"),
         V("volume3-6", "10Gi", "uid3-6-x", "claim3-6-x"),
         C("claim3-6", "uid3-6", "10Gi", "volume3-6", "Pending", None, BC),
         C("claim3-6", "uid3-6", "10Gi", "volume3-6", "Lost", None, BC),
         ["Warning ClaimMisbound"], "claim"),
    case("3-7 - bound claim with unbound volume where selector doesn't match",
         V("volume3-3", "10Gi"), V("volume3-3", "10Gi", "uid3-3", "claim3-3", "Bound", R, "", BBC),
         C("claim3-3", "uid3-3", "10Gi", "volume3-3", "Pending", None, BBC, BC, selector=SELECTOR),
         C("claim3-3", "uid3-3", "10Gi", "volume3-3", "Bound", None, BBC, BC, selector=SELECTOR),
         [], "claim"),
    # [Unit test set 4] All syncVolume tests.
    case("4-1 - pending volume", V("volume4-1", "10Gi", phase="Pending"), V("volume4-1", "10Gi"),
         [], [], [], "volume"),
    case("4-2 - pending prebound volume", V("volume4-2", "10Gi", "", "claim4-2", "Pending"),
         V("volume4-2", "10Gi", "", "claim4-2"), [], [], [], "volume"),
    case("4-3 - bound volume with missing claim",
         V("volume4-3", "10Gi", "uid4-3", "claim4-3", "Bound"),
         V("volume4-3", "10Gi", "uid4-3", "claim4-3", "Released"), [], [], [], "volume"),
    case("4-4 - volume bound to claim with different UID",
         V("volume4-4", "10Gi", "uid4-4", "claim4-4", "Bound"),
         V("volume4-4", "10Gi", "uid4-4", "claim4-4", "Released"),
         C("claim4-4", "uid4-4-x", "10Gi", "volume4-4", "Bound", None, BC),
         C("claim4-4", "uid4-4-x", "10Gi", "volume4-4", "Bound", None, BC), [], "volume"),
    case("4-5 - volume bound by controller to unbound claim",
         V("volume4-5", "10Gi", "uid4-5", "claim4-5", "Bound", R, "", BBC),
         V("volume4-5", "10Gi", "uid4-5", "claim4-5", "Bound", R, "", BBC),
         C("claim4-5", "uid4-5", "10Gi"), C("claim4-5", "uid4-5", "10Gi"), [], "volume"),
    case("4-5 - volume bound by user to bound claim",
         V("volume4-5", "10Gi", "uid4-5", "claim4-5", "Bound"),
         V("volume4-5", "10Gi", "uid4-5", "claim4-5", "Bound"),
         C("claim4-5", "uid4-5", "10Gi"), C("claim4-5", "uid4-5", "10Gi"), [], "volume"),
    case("4-6 - volume bound by to bound claim",
         V("volume4-6", "10Gi", "uid4-6", "claim4-6"),
         V("volume4-6", "10Gi", "uid4-6", "claim4-6", "Bound"),
         C("claim4-6", "uid4-6", "10Gi", "volume4-6", "Bound"),
         C("claim4-6", "uid4-6", "10Gi", "volume4-6", "Bound"), [], "volume"),
    case("4-7 - volume bound by controller to claim bound somewhere else",
         V("volume4-7", "10Gi", "uid4-7", "claim4-7", "Bound", R, "", BBC), V("volume4-7", "10Gi"),
         C("claim4-7", "uid4-7", "10Gi", "volume4-7-x", "Bound"),
         C("claim4-7", "uid4-7", "10Gi", "volume4-7-x", "Bound"), [], "volume"),
    case("4-8 - volume bound by user to claim bound somewhere else",
         V("volume4-8", "10Gi", "uid4-8", "claim4-8", "Bound"),
         V("volume4-8", "10Gi", "", "claim4-8"),
         C("claim4-8", "uid4-8", "10Gi", "volume4-8-x", "Bound"),
         C("claim4-8", "uid4-8", "10Gi", "volume4-8-x", "Bound"), [], "volume"),
    case("4-9 - volume bound to bound claim, with PersistentVolumeReclaimDelete",
         V("volume4-9", "10Gi", "uid4-9", "claim4-9", "Available", "Delete"),
         V("volume4-9", "10Gi", "uid4-9", "claim4-9", "Bound", "Delete"),
         C("claim4-9", "uid4-9", "10Gi", "volume4-9", "Bound"),
         C("claim4-9", "uid4-9", "10Gi", "volume4-9", "Bound"), [], "volume"),
    case("4-10 - volume bound to missing claim",
         V("volume4-10", "10Gi", "uid4-10", "claim4-10", "Available", "Delete"),
         failed(V("volume4-10", "10Gi", "uid4-10", "claim4-10", "Failed", "Delete"),
                'error getting deleter volume plugin for volume "volume4-10": no volume plugin '
                "matched"), [], [], ["Warning VolumeFailedDelete"], "volume"),
    case("4-11 - volume bound to unknown claim",
         V("volume4-11", "10Gi", "uid4-11", "claim4-11", "Available", "Delete"),
         V("volume4-11", "10Gi", "uid4-11", "claim4-11", "Bound", "Delete"),
         C("claim4-11", "uid4-11", "10Gi", "volume4-11", "Bound", None, SKIP),
         C("claim4-11", "uid4-11", "10Gi", "volume4-11", "Bound", None, SKIP), [], "volume"),
    case("4-12 - volume bound to newest claim but not updated to local cache",
         V("volume4-12", "10Gi", "uid4-12-new", "claim4-12", "Available", "Delete"),
         V("volume4-12", "10Gi", "uid4-12-new", "claim4-12", "Bound", "Delete"),
         [C("claim4-12", "uid4-12", "10Gi", "volume4-12", "Bound"),
          C("claim4-12", "uid4-12-new", "10Gi", "volume4-12", "Bound", None, SKIP)],
         C("claim4-12", "uid4-12-new", "10Gi", "volume4-12", "Bound", None, SKIP), [], "volume"),
    # PVC with class
    case("13-1 - binding to class",
         [V("volume13-1-1", "1Gi"), V("volume13-1-2", "10Gi", cls="gold")],
         [V("volume13-1-1", "1Gi"),
          V("volume13-1-2", "10Gi", "uid13-1", "claim13-1", "Bound", R, "gold", BBC)],
         C("claim13-1", "uid13-1", "1Gi", cls="gold"),
         C("claim13-1", "uid13-1", "1Gi", "volume13-1-2", "Bound", "gold", BBC, BC,
           status_capacity="10Gi"), [], "claim"),
    case("13-2 - binding without a class",
         [V("volume13-2-1", "1Gi", cls="gold"), V("volume13-2-2", "10Gi")],
         [V("volume13-2-1", "1Gi", cls="gold"),
          V("volume13-2-2", "10Gi", "uid13-2", "claim13-2", "Bound", R, "", BBC)],
         C("claim13-2", "uid13-2", "1Gi"),
         C("claim13-2", "uid13-2", "1Gi", "volume13-2-2", "Bound", None, BBC, BC,
           status_capacity="10Gi"), [], "claim"),
    case("13-3 - binding to specific a class",
         [V("volume13-3-1", "1Gi", cls="silver"), V("volume13-3-2", "10Gi", cls="gold")],
         [V("volume13-3-1", "1Gi", cls="silver"),
          V("volume13-3-2", "10Gi", "uid13-3", "claim13-3", "Bound", R, "gold", BBC)],
         C("claim13-3", "uid13-3", "1Gi", cls="gold"),
         C("claim13-3", "uid13-3", "1Gi", "volume13-3-2", "Bound", "gold", BBC, BC,
           status_capacity="10Gi"), [], "claim"),
    case("13-4 - empty class",
         V("volume13-4", "1Gi"), V("volume13-4", "1Gi", "uid13-4", "claim13-4", "Bound", R, "", BBC),
         C("claim13-4", "uid13-4", "1Gi", cls=""),
         C("claim13-4", "uid13-4", "1Gi", "volume13-4", "Bound", "", BBC, BC), [], "claim"),
    case("13-5 - nil class",
         V("volume13-5", "1Gi"), V("volume13-5", "1Gi", "uid13-5", "claim13-5", "Bound", R, "", BBC),
         C("claim13-5", "uid13-5", "1Gi"),
         C("claim13-5", "uid13-5", "1Gi", "volume13-5", "Bound", None, BBC, BC), [], "claim"),
]


def _vac_bound_claim() -> dict:
    claim = with_vac(C("claim2-12", "uid2-12", "1Gi", "volume2-12", "Bound", None, BC))
    claim["status"]["currentVolumeAttributesClassName"] = "gold"
    return claim


SYNC.append(case(
    "2-12 - claim prebound to unbound volume that volume attributes class is same",
    with_vac(V("volume2-12", "1Gi")),
    with_vac(V("volume2-12", "1Gi", "uid2-12", "claim2-12", "Bound", R, "", BBC)),
    with_vac(C("claim2-12", "uid2-12", "1Gi", "volume2-12")), _vac_bound_claim(), [], "claim"))


def check(result: Cluster, expected_volumes: list, expected_claims: list) -> None:
    assert state(result) == expected_state(expected_volumes, expected_claims)


@pytest.mark.parametrize("name,iv,ev,ic,ec,events,test", SYNC, ids=[c[0] for c in SYNC])
def test_TestSync(name: str, iv: list, ev: list, ic: list, ec: list, events: list[str],
                  test: str) -> None:
    cluster = run_sync(test, copy.deepcopy(iv), copy.deepcopy(ic), [CLASS_WAIT])
    check(cluster, ev, ec)
    assert event_pairs(cluster) == events


BLOCK, FILE = "Block", "Filesystem"
SYNC_BLOCK: list[Case] = [
    case("14-1 - binding to volumeMode block",
         V("volume14-1", "10Gi", volume_mode=BLOCK),
         V("volume14-1", "10Gi", "uid14-1", "claim14-1", "Bound", R, "", BBC, volume_mode=BLOCK),
         C("claim14-1", "uid14-1", "10Gi", volume_mode=BLOCK),
         C("claim14-1", "uid14-1", "10Gi", "volume14-1", "Bound", None, BBC, BC,
           volume_mode=BLOCK), [], "claim"),
    case("14-2 - binding to volumeMode filesystem",
         V("volume14-2", "10Gi"), V("volume14-2", "10Gi", "uid14-2", "claim14-2", "Bound", R, "",
                                    BBC),
         C("claim14-2", "uid14-2", "10Gi"),
         C("claim14-2", "uid14-2", "10Gi", "volume14-2", "Bound", None, BBC, BC), [], "claim"),
    case("14-3 - do not bind pv volumeMode filesystem and pvc volumeMode block",
         V("volume14-3", "10Gi"), V("volume14-3", "10Gi"),
         C("claim14-3", "uid14-3", "10Gi", volume_mode=BLOCK),
         C("claim14-3", "uid14-3", "10Gi", volume_mode=BLOCK), ["Normal FailedBinding"], "claim"),
    case("14-4 - do not bind pv volumeMode block and pvc volumeMode filesystem",
         V("volume14-4", "10Gi", volume_mode=BLOCK), V("volume14-4", "10Gi", volume_mode=BLOCK),
         C("claim14-4", "uid14-4", "10Gi"), C("claim14-4", "uid14-4", "10Gi"),
         ["Normal FailedBinding"], "claim"),
    case("14-5 - do not bind when matching class but not volumeMode",
         V("volume14-5", "10Gi", cls="gold"), V("volume14-5", "10Gi", cls="gold"),
         C("claim14-5", "uid14-5", "10Gi", cls="gold", volume_mode=BLOCK),
         C("claim14-5", "uid14-5", "10Gi", cls="gold", volume_mode=BLOCK),
         ["Warning ProvisioningFailed"], "claim"),
    case("14-5-1 - do not bind when matching volumeModes but class does not match",
         V("volume14-5-1", "10Gi", cls="gold"), V("volume14-5-1", "10Gi", cls="gold"),
         C("claim14-5-1", "uid14-5-1", "10Gi", cls="silver"),
         C("claim14-5-1", "uid14-5-1", "10Gi", cls="silver"), ["Warning ProvisioningFailed"],
         "claim"),
    case("14-5-2 - do not bind when pvc is prebound to pv with matching volumeModes but class "
         "does not match",
         V("volume14-5-2", "10Gi", cls="gold"), V("volume14-5-2", "10Gi", cls="gold"),
         C("claim14-5-2", "uid14-5-2", "10Gi", "volume14-5-2", cls="silver"),
         C("claim14-5-2", "uid14-5-2", "10Gi", "volume14-5-2", cls="silver"),
         ["Warning VolumeMismatch"], "claim"),
    case("14-7 - bind when pv volume is prebound and volumeModes match",
         V("volume14-7", "10Gi", "", "claim14-7", volume_mode=BLOCK),
         V("volume14-7", "10Gi", "uid14-7", "claim14-7", "Bound", volume_mode=BLOCK),
         C("claim14-7", "uid14-7", "10Gi", volume_mode=BLOCK),
         C("claim14-7", "uid14-7", "10Gi", "volume14-7", "Bound", None, BBC, BC,
           volume_mode=BLOCK), [], "claim"),
    case("14-8 - do not bind when pvc is prebound to pv with mismatching volumeModes",
         V("volume14-8", "10Gi", volume_mode=BLOCK), V("volume14-8", "10Gi", volume_mode=BLOCK),
         C("claim14-8", "uid14-8", "10Gi", "volume14-8"),
         C("claim14-8", "uid14-8", "10Gi", "volume14-8"), ["Warning VolumeMismatch"], "claim"),
    case("14-8-1 - do not bind when pvc is prebound to pv with mismatching volumeModes",
         V("volume14-8-1", "10Gi", "", "claim14-8-1", volume_mode=BLOCK),
         V("volume14-8-1", "10Gi", "", "claim14-8-1", volume_mode=BLOCK),
         C("claim14-8-1", "uid14-8-1", "10Gi"), C("claim14-8-1", "uid14-8-1", "10Gi"),
         ["Normal FailedBinding"], "claim"),
    case("14-9 - bind when pvc is prebound to pv with matching volumeModes block",
         V("volume14-9", "10Gi", volume_mode=BLOCK),
         V("volume14-9", "10Gi", "uid14-9", "claim14-9", "Bound", R, "", BBC, volume_mode=BLOCK),
         C("claim14-9", "uid14-9", "10Gi", "volume14-9", volume_mode=BLOCK),
         C("claim14-9", "uid14-9", "10Gi", "volume14-9", "Bound", None, BC, volume_mode=BLOCK),
         [], "claim"),
    case("14-10 - bind when pv is prebound to pvc with matching volumeModes block",
         V("volume14-10", "10Gi", "", "claim14-10", volume_mode=BLOCK),
         V("volume14-10", "10Gi", "uid14-10", "claim14-10", "Bound", volume_mode=BLOCK),
         C("claim14-10", "uid14-10", "10Gi", volume_mode=BLOCK),
         C("claim14-10", "uid14-10", "10Gi", "volume14-10", "Bound", None, BBC, BC,
           volume_mode=BLOCK), [], "claim"),
    case("14-11 - bind when pvc is prebound to pv with matching volumeModes filesystem",
         V("volume14-11", "10Gi"),
         V("volume14-11", "10Gi", "uid14-11", "claim14-11", "Bound", R, "", BBC),
         C("claim14-11", "uid14-11", "10Gi", "volume14-11"),
         C("claim14-11", "uid14-11", "10Gi", "volume14-11", "Bound", None, BC), [], "claim"),
    case("14-12 - bind when pv is prebound to pvc with matching volumeModes filesystem",
         V("volume14-12", "10Gi", "", "claim14-12"),
         V("volume14-12", "10Gi", "uid14-12", "claim14-12", "Bound"),
         C("claim14-12", "uid14-12", "10Gi"),
         C("claim14-12", "uid14-12", "10Gi", "volume14-12", "Bound", None, BBC, BC), [], "claim"),
    case("14-13 - output warning when pv is prebound to pvc with different volumeModes",
         V("volume14-13", "10Gi", "uid14-13", "claim14-13", "Available", R, "", BBC),
         V("volume14-13", "10Gi", "uid14-13", "claim14-13", "Available", R, "", BBC),
         C("claim14-13", "uid14-13", "10Gi", volume_mode=BLOCK),
         C("claim14-13", "uid14-13", "10Gi", volume_mode=BLOCK),
         ["Warning VolumeMismatch", "Warning VolumeMismatch"], "volume"),
    case("14-13-1 - output warning when pv is prebound to pvc with different volumeModes",
         V("volume14-13-1", "10Gi", "uid14-13-1", "claim14-13-1", "Available", R, "", BBC,
           volume_mode=BLOCK),
         V("volume14-13-1", "10Gi", "uid14-13-1", "claim14-13-1", "Available", R, "", BBC,
           volume_mode=BLOCK),
         C("claim14-13-1", "uid14-13-1", "10Gi"), C("claim14-13-1", "uid14-13-1", "10Gi"),
         ["Warning VolumeMismatch", "Warning VolumeMismatch"], "volume"),
    case("14-14 - wait for synClaim without warning when pv is prebound to pvc with matching "
         "volumeModes block",
         V("volume14-14", "10Gi", "uid14-14", "claim14-14", "Available", R, "", BBC,
           volume_mode=BLOCK),
         V("volume14-14", "10Gi", "uid14-14", "claim14-14", "Available", R, "", BBC,
           volume_mode=BLOCK),
         C("claim14-14", "uid14-14", "10Gi", volume_mode=BLOCK),
         C("claim14-14", "uid14-14", "10Gi", volume_mode=BLOCK), [], "volume"),
    case("14-14-1 - wait for synClaim without warning when pv is prebound to pvc with matching "
         "volumeModes file",
         V("volume14-14-1", "10Gi", "uid14-14-1", "claim14-14-1", "Available", R, "", BBC),
         V("volume14-14-1", "10Gi", "uid14-14-1", "claim14-14-1", "Available", R, "", BBC),
         C("claim14-14-1", "uid14-14-1", "10Gi"), C("claim14-14-1", "uid14-14-1", "10Gi"), [],
         "volume"),
]


@pytest.mark.parametrize("name,iv,ev,ic,ec,events,test", SYNC_BLOCK,
                         ids=[c[0] for c in SYNC_BLOCK])
def test_TestSyncBlockVolume(name: str, iv: list, ev: list, ic: list, ec: list,
                             events: list[str], test: str) -> None:
    cluster = run_sync(test, copy.deepcopy(iv), copy.deepcopy(ic), [])
    check(cluster, ev, ec)
    assert event_pairs(cluster) == events


def test_event_messages_match_kubernetes() -> None:
    cases = [
        ("1-16", "Cannot bind to requested volume \"volume1-16\": incompatible accessMode"),
        ("2-6", 'volume "volume2-6" already bound to a different claim.'),
        ("2-9", 'Cannot bind to requested volume "volume2-9": requested PV is too small'),
        ("2-10", 'Cannot bind to requested volume "volume2-10": storageClassName does not match'),
        ("2-11", 'Cannot bind to requested volume "volume2-11": volumeAttributesClassName does '
                 "not match"),
        ("1-2", "no persistent volumes available for this claim and no storage class is set"),
        ("1-13", "waiting for first consumer to be created before binding"),
        ("3-1", "Bound claim has lost reference to PersistentVolume. Data on the volume is lost!"),
        ("3-2", "Bound claim has lost its PersistentVolume. Data on the volume is lost!"),
        ("3-4", "Two claims are bound to the same volume, this one is bound incorrectly"),
    ]
    by_prefix = {c[0].split(" ")[0]: c for c in SYNC}
    for prefix, message in cases:
        _, iv, _, ic, _, _, test = by_prefix[prefix]
        cluster = run_sync(test, copy.deepcopy(iv), copy.deepcopy(ic), [CLASS_WAIT])
        assert [e["message"] for e in cluster.events()] == [message], prefix
        assert all(e["source"]["component"] == "persistentvolume-controller"
                   for e in cluster.events())


def test_14_13_messages() -> None:
    _, iv, _, ic, _, _, _ = SYNC_BLOCK[-4]
    cluster = run_sync("volume", copy.deepcopy(iv), copy.deepcopy(ic), [])
    assert [(e["involvedObject"]["kind"], e["message"]) for e in cluster.events()] == [
        ("PersistentVolume", 'Cannot bind PersistentVolume to requested PersistentVolumeClaim '
                             '"claim14-13" due to incompatible volumeMode.'),
        ("PersistentVolumeClaim", 'Cannot bind PersistentVolume "volume14-13" to requested '
                                  "PersistentVolumeClaim due to incompatible volumeMode."),
    ]


def multisync(cluster: Cluster, first: str, name: str, limit: int = 50) -> None:
    """``runMultisyncTests``: the test call, then change-driven and periodic syncs until quiet."""
    controller = cluster.controller("PersistentVolumeController")

    def drain() -> None:
        while (key := controller.pop()) is not None:
            controller.sync(key)

    if first == "claim":
        cluster.sync_claim("default", name)
    else:
        cluster.sync_volume(name)
    for _ in range(limit):
        before = cluster.store.last_seq
        drain()
        controller.resync()
        drain()
        if cluster.store.last_seq == before:
            return
    raise AssertionError("multisync did not settle")


def test_TestMultiSync_10_1_successful_bind() -> None:
    cluster = Cluster.from_manifests([V("volume10-1", "1Gi", phase="Pending"),
                                      C("claim10-1", "uid10-1", "1Gi")])
    multisync(cluster, "claim", "claim10-1")
    check(cluster, [V("volume10-1", "1Gi", "uid10-1", "claim10-1", "Bound", R, "", BBC)],
          [C("claim10-1", "uid10-1", "1Gi", "volume10-1", "Bound", None, BBC, BC)])


def test_TestMultiSync_10_2_bind_PV_race() -> None:
    cluster = Cluster.from_manifests([
        V("volume10-2-1", "1Gi", "uid10-2", "claim10-2", "Bound", R, "", BBC),
        V("volume10-2-2", "1Gi", "uid10-2", "claim10-2", "Bound", R, "", BBC),
        C("claim10-2", "uid10-2", "1Gi", "volume10-2-1", "Bound", None, BBC, BC)])
    multisync(cluster, "claim", "claim10-2")
    check(cluster, [V("volume10-2-1", "1Gi", "uid10-2", "claim10-2", "Bound", R, "", BBC),
                    V("volume10-2-2", "1Gi")],
          [C("claim10-2", "uid10-2", "1Gi", "volume10-2-1", "Bound", None, BBC, BC)])


# ---- binding: four writes, in order, with reasons --------------------------------------------------
def test_bind_is_four_writes_in_order() -> None:
    cluster = Cluster.from_manifests([V("pv1", "1Gi"), C("c1", "u1", "1Gi")])
    start = cluster.store.last_seq
    cluster.sync_claim("default", "c1")
    writes = [(c.key[0], c.actor, c.reason) for c in cluster.store.changes_since(start)]
    assert writes == [
        ("PersistentVolume", "persistentvolume-controller", "bind: claimRef → default/c1"),
        ("PersistentVolume", "persistentvolume-controller", "bind: volume Bound"),
        ("PersistentVolumeClaim", "persistentvolume-controller", "bind: volumeName → pv1"),
        ("PersistentVolumeClaim", "persistentvolume-controller", "bind: claim Bound"),
    ]
    ref = get(cluster, "PersistentVolume", "pv1")["spec"]["claimRef"]
    assert ref == {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "name": "c1",
                   "namespace": "default", "resourceVersion": "1", "uid": "u1"}


def test_bound_claim_status_takes_the_volume_capacity_and_modes() -> None:
    cluster = Cluster.from_manifests([
        V("big", "10Gi", modes=("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany")),
        C("c1", "u1", "1Gi", modes=("ReadWriteOnce",))])
    cluster.sync_claim("default", "c1")
    status = get(cluster, "PersistentVolumeClaim", "c1")["status"]
    assert status == {"phase": "Bound", "capacity": {"storage": "10Gi"},
                      "accessModes": ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany"]}


# ---- reclaim policies ----------------------------------------------------------------------------------
NFS = {"nfs": {"server": "10.0.0.1", "path": "/exports/a"}}


def released(policy: str, source: dict | None = None, *annotations: str) -> dict:
    return V("pv1", "1Gi", "old-uid", "gone", "Bound", policy, "", BBC, *annotations,
             source=source)


def test_retain_stays_released() -> None:
    cluster = Cluster.from_manifests([released("Retain", NFS)])
    cluster.sync_volume("pv1")
    cluster.settle()
    volume = get(cluster, "PersistentVolume", "pv1")
    assert pv_status(volume) == {"phase": "Released"}
    assert volume["spec"]["claimRef"]["uid"] == "old-uid"
    assert cluster.events() == []


@pytest.mark.parametrize("source,message", [
    (NFS, 'error getting deleter volume plugin for volume "pv1": no deletable volume plugin '
          "matched"),
    ({"local": {"path": "/mnt/disk"}}, 'error getting deleter volume plugin for volume "pv1": '
                                       "no volume plugin matched"),
    ({"hostPath": {"path": "/data/x"}}, "host_path deleter only supports /tmp/.+ but received "
                                        "provided /data/x"),
])
def test_delete_without_a_deleter_fails(source: dict, message: str) -> None:
    cluster = Cluster.from_manifests([released("Delete", source)])
    cluster.sync_volume("pv1")
    volume = get(cluster, "PersistentVolume", "pv1")
    assert pv_status(volume) == {"phase": "Failed", "message": message}
    assert [(e["type"], e["reason"], e["message"]) for e in cluster.events()] == [
        ("Warning", "VolumeFailedDelete", message)]
    # retried on every sync, but the event is emitted only when the phase changes
    cluster.sync_volume("pv1")
    assert len(cluster.events()) == 1


def test_delete_hostpath_under_tmp_removes_the_volume() -> None:
    cluster = Cluster.from_manifests([released("Delete", {"hostPath": {"path": "/tmp/data"}})])
    cluster.sync_volume("pv1")
    assert get(cluster, "PersistentVolume", "pv1")["status"]["phase"] == "Released"
    cluster.settle()
    assert get(cluster, "PersistentVolume", "pv1") is None
    assert any(c.actor == "persistentvolume-controller" and c.reason == "reclaim: Delete policy"
               for c in cluster.store.log)


def test_delete_csi_is_left_to_the_external_deleter() -> None:
    cluster = Cluster.from_manifests([released("Delete", {"csi": {"driver": "x", "volumeHandle": "h"}})])
    cluster.sync_volume("pv1")
    cluster.settle()
    assert pv_status(get(cluster, "PersistentVolume", "pv1")) == {"phase": "Released"}


def test_recycle_nfs_scrubs_and_makes_available() -> None:
    cluster = Cluster.from_manifests([released("Recycle", NFS), {
        "apiVersion": "v1", "kind": "Node", "metadata": {"name": "node-1"}}])
    cluster.sync_volume("pv1")
    assert get(cluster, "PersistentVolume", "pv1")["status"]["phase"] == "Released"
    result = cluster.settle()
    assert result.settled and result.elapsed_ms == cluster.settings.recycle_ms
    volume = get(cluster, "PersistentVolume", "pv1")
    assert pv_status(volume) == {"phase": "Available"}
    assert "claimRef" not in volume["spec"] and "annotations" not in volume["metadata"]
    assert [(e["reason"], e["message"]) for e in cluster.events()] == [
        ("RecyclerPod", "Recycler pod: Successfully assigned default/recycler-for-pv1 to node-1"),
        ("RecyclerPod", "Recycler pod: Started container pv-recycler"),
        ("VolumeRecycled", "Volume recycled"),
    ]


def test_recycle_of_a_user_prebound_volume_keeps_the_reservation() -> None:
    volume = V("pv1", "1Gi", "old-uid", "gone", "Bound", "Recycle", source=NFS)
    cluster = Cluster.from_manifests([volume])
    cluster.sync_volume("pv1")
    cluster.settle()
    after = get(cluster, "PersistentVolume", "pv1")
    assert after["status"]["phase"] == "Available"
    assert after["spec"]["claimRef"] == {"kind": "PersistentVolumeClaim", "apiVersion": "v1",
                                         "namespace": "default", "name": "gone"}


def test_recycle_without_a_recycler_fails() -> None:
    cluster = Cluster.from_manifests([released("Recycle")])
    cluster.sync_volume("pv1")
    assert pv_status(get(cluster, "PersistentVolume", "pv1")) == {
        "phase": "Failed", "message": "No recycler plugin found for the volume!"}
    assert event_pairs(cluster) == ["Warning VolumeFailedRecycle"]


def test_recycle_waits_while_pods_use_the_volume() -> None:
    cluster = Cluster.from_manifests([released("Recycle", NFS), pod("p", ("gone",), node="n1",
                                                                    phase="Running")])
    cluster.sync_volume("pv1")
    assert get(cluster, "PersistentVolume", "pv1")["status"]["phase"] == "Released"
    assert [(e["type"], e["reason"], e["message"]) for e in cluster.events()] == [
        ("Normal", "VolumeFailedRecycle", "Volume is used by pods: default/p")]


def test_unknown_reclaim_policy_fails() -> None:
    cluster = Cluster.from_manifests([released("Shred", NFS)])
    cluster.sync_volume("pv1")
    assert pv_status(get(cluster, "PersistentVolume", "pv1")) == {
        "phase": "Failed", "message": "Volume has unrecognized PersistentVolumeReclaimPolicy"}
    assert event_pairs(cluster) == ["Warning VolumeUnknownReclaimPolicy"]


def test_provisioned_volume_of_a_claim_bound_elsewhere_is_released() -> None:
    volume = V("pvc-x", "1Gi", "u1", "c1", "Bound", "Delete", "gold", BBC,
               ANN_DYNAMICALLY_PROVISIONED)
    cluster = Cluster.from_manifests([volume, C("c1", "u1", "1Gi", "other", "Bound", "gold", BC)])
    cluster.sync_volume("pvc-x")
    # released; the mock plugin name is in-tree and unknown, so deletion fails
    assert pv_status(get(cluster, "PersistentVolume", "pvc-x")) == {
        "phase": "Failed", "message": "no volume plugin matched name: kubernetes.io/mock-volume"}


# ---- claims without a match ----------------------------------------------------------------------------
def test_WaitForPodScheduled_names_unscheduled_pods() -> None:
    objects = [CLASS_WAIT, C("c1", "u1", "1Gi", cls=WAIT), pod("web-0", ("c1",)),
               pod("web-1", ("c1",)), pod("done", ("c1",), phase="Succeeded"),
               pod("placed", ("c1",), node="node-1", phase="Running")]
    cluster = Cluster.from_manifests(objects)
    cluster.sync_claim("default", "c1")
    assert [(e["reason"], e["message"]) for e in cluster.events()] == [
        ("WaitForPodScheduled", "waiting for pods web-0,web-1 to be scheduled")]
    cluster = Cluster.from_manifests(objects[:3])
    cluster.sync_claim("default", "c1")
    assert [e["message"] for e in cluster.events()] == ["waiting for pod web-0 to be scheduled"]


def test_retroactive_default_class() -> None:
    cluster = Cluster.from_manifests([
        storage_class("standard", default=True), V("pv2", "1Gi", cls="standard"),
        C("c1", "u1", "1Gi"), C("c2", "u2", "1Gi", cls="")])
    cluster.sync_claim("default", "c1")
    assert get(cluster, "PersistentVolumeClaim", "c1")["spec"]["storageClassName"] == "standard"
    assert cluster.events() == []
    assert cluster.controller("PersistentVolumeController").queue  # the claim syncs again
    cluster.sync_claim("default", "c1")
    assert get(cluster, "PersistentVolumeClaim", "c1")["spec"]["volumeName"] == "pv2"
    # "" is never defaulted
    cluster.sync_claim("default", "c2")
    claim = get(cluster, "PersistentVolumeClaim", "c2")
    assert claim["spec"]["storageClassName"] == "" and "volumeName" not in claim["spec"]
    assert event_pairs(cluster) == ["Normal FailedBinding"]


def test_retroactive_default_class_runs_only_without_a_match() -> None:
    cluster = Cluster.from_manifests([storage_class("standard", default=True), V("pv1", "1Gi"),
                                      C("c1", "u1", "1Gi")])
    cluster.sync_claim("default", "c1")
    claim = get(cluster, "PersistentVolumeClaim", "c1")
    assert claim["spec"]["volumeName"] == "pv1" and "storageClassName" not in claim["spec"]


@pytest.mark.parametrize("classes,message", [
    ([], 'storageclass.storage.k8s.io "gold" not found'),
    ([storage_class("gold")], "no volume plugin matched name: kubernetes.io/no-provisioner"),
    ([storage_class("gold", provisioner="kubernetes.io/host-path")],
     "no volume plugin matched name: kubernetes.io/host-path"),
])
def test_provisioning_failures(classes: list, message: str) -> None:
    cluster = Cluster.from_manifests([*classes, C("c1", "u1", "1Gi", cls="gold")])
    cluster.sync_claim("default", "c1")
    assert [(e["type"], e["reason"], e["message"]) for e in cluster.events()] == [
        ("Warning", "ProvisioningFailed", message)]
    claim = get(cluster, "PersistentVolumeClaim", "c1")
    assert "annotations" not in claim["metadata"]


@pytest.mark.parametrize("provisioner,expected", [
    ("example.com/nfs", "example.com/nfs"),
    ("kubernetes.io/aws-ebs", "ebs.csi.aws.com"),
])
def test_external_provisioning_is_requested(provisioner: str, expected: str) -> None:
    cluster = Cluster.from_manifests([storage_class("gold", provisioner=provisioner),
                                      C("c1", "u1", "1Gi", cls="gold")])
    cluster.sync_claim("default", "c1")
    annotations = get(cluster, "PersistentVolumeClaim", "c1")["metadata"]["annotations"]
    assert annotations == {ANN_STORAGE_PROVISIONER: expected,
                           ANN_BETA_STORAGE_PROVISIONER: expected}
    assert [(e["type"], e["reason"], e["message"]) for e in cluster.events()] == [
        ("Normal", "ExternalProvisioning",
         f"Waiting for a volume to be created either by the external provisioner '{expected}' "
         "or manually by the system administrator. If volume creation is delayed, please verify "
         "that the provisioner is running and correctly registered.")]
    # every sync repeats the event (kubectl shows it aggregated) without another write
    seq = cluster.store.last_seq
    cluster.sync_claim("default", "c1")
    assert [c.key[0] for c in cluster.store.changes_since(seq)] == ["Event"]


def test_invalid_storage_class_binding_mode_is_an_error_without_writes() -> None:
    cluster = Cluster.from_manifests([{"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
                                       "metadata": {"name": "gold"}, "provisioner": "x"},
                                      V("pv1", "1Gi", cls="gold"), C("c1", "u1", "1Gi", cls="gold")])
    seq = cluster.store.last_seq
    cluster.sync_claim("default", "c1")
    assert cluster.store.last_seq == seq


# ---- the running controller ------------------------------------------------------------------------------
def test_claim_before_volume_binds_on_the_resync() -> None:
    cluster = live_cluster(C("c1", "", "1Gi", phase=""))
    cluster.settle()
    cluster.api.create(V("pv1", "1Gi", phase=""))
    cluster.settle()
    assert get(cluster, "PersistentVolumeClaim", "c1")["status"]["phase"] == "Pending"
    cluster.advance(cluster.settings.pv_resync_ms)
    assert get(cluster, "PersistentVolumeClaim", "c1")["status"]["phase"] == "Bound"


def test_lifecycle_bind_release_and_admin_reuse() -> None:
    cluster = live_cluster(V("pv1", "1Gi", phase="", source=NFS), C("c1", "", "1Gi", phase=""))
    cluster.settle()
    assert get(cluster, "PersistentVolume", "pv1")["status"]["phase"] == "Bound"
    cluster.api.delete("PersistentVolumeClaim", "default", "c1")
    cluster.settle()
    volume = get(cluster, "PersistentVolume", "pv1")
    assert volume["status"]["phase"] == "Released"
    # a new claim of the same name is a different claim: the PV stays Released
    cluster.api.create(C("c1", "", "1Gi", phase=""))
    cluster.settle()
    cluster.advance(cluster.settings.pv_resync_ms)
    assert get(cluster, "PersistentVolumeClaim", "c1")["status"]["phase"] == "Pending"
    # the admin clears the claimRef: the PV becomes Available and the claim binds on resync
    cluster.api.write(volume, {"spec": {"claimRef": None}}, actor="kubectl", reason="patch")
    cluster.settle()
    assert get(cluster, "PersistentVolume", "pv1")["status"]["phase"] == "Available"
    cluster.advance(cluster.settings.pv_resync_ms)
    assert get(cluster, "PersistentVolumeClaim", "c1")["spec"]["volumeName"] == "pv1"


def test_deleted_volume_makes_the_claim_lost_at_once() -> None:
    cluster = live_cluster(V("pv1", "1Gi", phase=""), C("c1", "", "1Gi", phase=""))
    cluster.settle()
    cluster.api.remove(("PersistentVolume", "", "pv1"), actor="kubectl", reason="force")
    cluster.settle()
    claim = get(cluster, "PersistentVolumeClaim", "c1")
    assert claim["status"] == {"phase": "Lost"}
    assert event_pairs(cluster)[-1] == "Warning ClaimLost"


def test_no_duplicate_events_from_own_writes() -> None:
    claim = C("c1", "", "10Gi", phase="Bound")
    claim["metadata"]["finalizers"] = ["kubernetes.io/pvc-protection"]  # as admission adds it
    cluster = live_cluster(claim)
    cluster.settle()
    assert event_pairs(cluster) == ["Normal FailedBinding"]


def test_resync_period_comes_from_settings() -> None:
    cluster = Cluster()
    assert cluster.controller("PersistentVolumeController").resync_ms == 15_000
