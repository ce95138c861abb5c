"""Kubernetes' PV-controller sync tables, ported to the public engine API.

Sources (kubernetes/kubernetes, ``pkg/controller/volume/persistentvolume/``):

* ``binder_test.go`` — ``TestSync`` (sets 1–4 and 13, plus the VolumeAttributesClass
  rows 2-11/2-12/2-13), ``TestSyncBlockVolume`` (set 14), ``TestMultiSync`` (set 10);
* ``provision_test.go`` — the ``TestProvisionSync`` / ``TestProvisionMultiSync`` rows
  that need no mock volume plugin (set 11/12);
* ``pv_controller_test.go`` — ``TestRetroactiveStorageClassAssignment`` (set 15).

Each row is one sync (``cluster.sync_claim`` / ``cluster.sync_volume``) on a cluster
holding exactly the row's objects, then the comparison of ``upstream_fixtures``.
"""

from __future__ import annotations

import pytest

from tests.core.upstream_fixtures import (
    ANN_BETA_STORAGE_CLASS,
    ANN_BETA_STORAGE_PROVISIONER,
    ANN_BIND_COMPLETED,
    ANN_BOUND_BY_CONTROLLER,
    ANN_DYNAMICALLY_PROVISIONED,
    ANN_MIGRATED_TO,
    ANN_SELECTED_NODE,
    ANN_SKIP_LOCAL_STORE,
    ANN_STORAGE_PROVISIONER,
    BLOCK,
    CLASS_COPPER,
    CLASS_CSI,
    CLASS_EMPTY,
    CLASS_EXTERNAL,
    CLASS_EXTERNAL_WAIT,
    CLASS_GOLD,
    CLASS_NON_EXISTING,
    CLASS_SILVER,
    CLASS_UNKNOWN_INTERNAL,
    CLASS_UNSUPPORTED_MOUNT_OPTIONS,
    CLASS_WAIT,
    FILESYSTEM,
    MOCK_PLUGIN_NAME,
    RWX,
    ControllerTest,
    claim_with_access_mode,
    claim_with_annotation,
    claim_with_data_source,
    claim_with_vac,
    diff_events,
    new_claim,
    new_claim_array,
    new_volume,
    new_volume_array,
    params,
    run_multisync_test,
    run_sync_test,
    storage_class,
    volumes_with_vac,
    with_claim_volume_mode,
    with_expected_capacity,
    with_expected_vac,
    with_label_selector,
    with_labels,
    with_message,
    with_volume_volume_mode,
)

V, C = new_volume_array, new_claim_array
AVAILABLE, PENDING, BOUND, RELEASED, FAILED, LOST = (
    "Available", "Pending", "Bound", "Released", "Failed", "Lost")
RETAIN, DELETE = "Retain", "Delete"
BBC, BC = ANN_BOUND_BY_CONTROLLER, ANN_BIND_COMPLETED
LABELS = {"foo": "true", "bar": "false"}
NO_EVENTS: list[str] = []

#: TestSync hands the controller exactly one class.
SYNC_CLASSES = [storage_class(CLASS_WAIT, binding_mode="WaitForFirstConsumer")]


def _sync(name, iv, ev, ic, ec, events, test, **kw) -> ControllerTest:
    kw.setdefault("classes", SYNC_CLASSES)
    return ControllerTest(name, iv, ev, ic, ec, list(events), test, **kw)


# ---- TestSync ------------------------------------------------------------------------------
TEST_SYNC = [
    # [Unit test set 1] User did not care which PV they get.
    _sync("1-1 - successful bind",
          V("volume1-1", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY),
          V("volume1-1", "1Gi", "uid1-1", "claim1-1", BOUND, RETAIN, CLASS_EMPTY, BBC),
          C("claim1-1", "uid1-1", "1Gi", "", PENDING, None),
          C("claim1-1", "uid1-1", "1Gi", "volume1-1", BOUND, None, BBC, BC),
          NO_EVENTS, "claim"),
    _sync("1-2 - noop",
          V("volume1-2", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY),
          V("volume1-2", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY),
          C("claim1-2", "uid1-2", "10Gi", "", PENDING, None),
          C("claim1-2", "uid1-2", "10Gi", "", PENDING, None),
          ["Normal FailedBinding"], "claim"),
    _sync("1-3 - reset to Pending",
          V("volume1-3", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY),
          V("volume1-3", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY),
          C("claim1-3", "uid1-3", "10Gi", "", BOUND, None),
          C("claim1-3", "uid1-3", "10Gi", "", PENDING, None),
          ["Normal FailedBinding"], "claim"),
    _sync("1-4 - smallest volume",
          [new_volume("volume1-4_1", "10Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY),
           new_volume("volume1-4_2", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY)],
          [new_volume("volume1-4_1", "10Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY),
           new_volume("volume1-4_2", "1Gi", "uid1-4", "claim1-4", BOUND, RETAIN, CLASS_EMPTY, BBC)],
          C("claim1-4", "uid1-4", "1Gi", "", PENDING, None),
          C("claim1-4", "uid1-4", "1Gi", "volume1-4_2", BOUND, None, BBC, BC),
          NO_EVENTS, "claim"),
    _sync("1-5 - prebound volume by name - success",
          [new_volume("volume1-5_1", "10Gi", "", "claim1-5", AVAILABLE, RETAIN, CLASS_EMPTY),
           new_volume("volume1-5_2", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY)],
          [new_volume("volume1-5_1", "10Gi", "uid1-5", "claim1-5", BOUND, RETAIN, CLASS_EMPTY),
           new_volume("volume1-5_2", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY)],
          C("claim1-5", "uid1-5", "1Gi", "", PENDING, None),
          with_expected_capacity("10Gi", C("claim1-5", "uid1-5", "1Gi", "volume1-5_1", BOUND, None,
                                           BBC, BC)),
          NO_EVENTS, "claim"),
    _sync("1-6 - prebound volume by UID - success",
          [new_volume("volume1-6_1", "10Gi", "uid1-6", "claim1-6", AVAILABLE, RETAIN, CLASS_EMPTY),
           new_volume("volume1-6_2", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY)],
          [new_volume("volume1-6_1", "10Gi", "uid1-6", "claim1-6", BOUND, RETAIN, CLASS_EMPTY),
           new_volume("volume1-6_2", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY)],
          C("claim1-6", "uid1-6", "1Gi", "", PENDING, None),
          with_expected_capacity("10Gi", C("claim1-6", "uid1-6", "1Gi", "volume1-6_1", BOUND, None,
                                           BBC, BC)),
          NO_EVENTS, "claim"),
    _sync("1-7 - prebound volume to different claim",
          V("volume1-7", "10Gi", "uid1-777", "claim1-7", AVAILABLE, RETAIN, CLASS_EMPTY),
          V("volume1-7", "10Gi", "uid1-777", "claim1-7", AVAILABLE, RETAIN, CLASS_EMPTY),
          C("claim1-7", "uid1-7", "1Gi", "", PENDING, None),
          C("claim1-7", "uid1-7", "1Gi", "", PENDING, None),
          ["Normal FailedBinding"], "claim"),
    _sync("1-8 - complete bind after crash - PV bound",
          V("volume1-8", "1Gi", "uid1-8", "claim1-8", AVAILABLE, RETAIN, CLASS_EMPTY, BBC),
          V("volume1-8", "1Gi", "uid1-8", "claim1-8", BOUND, RETAIN, CLASS_EMPTY, BBC),
          C("claim1-8", "uid1-8", "1Gi", "", PENDING, None),
          C("claim1-8", "uid1-8", "1Gi", "volume1-8", BOUND, None, BBC, BC),
          NO_EVENTS, "claim"),
    _sync("1-9 - complete bind after crash - PV status saved",
          V("volume1-9", "1Gi", "uid1-9", "claim1-9", BOUND, RETAIN, CLASS_EMPTY, BBC),
          V("volume1-9", "1Gi", "uid1-9", "claim1-9", BOUND, RETAIN, CLASS_EMPTY, BBC),
          C("claim1-9", "uid1-9", "1Gi", "", PENDING, None),
          C("claim1-9", "uid1-9", "1Gi", "volume1-9", BOUND, None, BBC, BC),
          NO_EVENTS, "claim"),
    _sync("1-10 - complete bind after crash - PVC bound",
          V("volume1-10", "1Gi", "uid1-10", "claim1-10", BOUND, RETAIN, CLASS_EMPTY, BBC),
          V("volume1-10", "1Gi", "uid1-10", "claim1-10", BOUND, RETAIN, CLASS_EMPTY, BBC),
          C("claim1-10", "uid1-10", "1Gi", "volume1-10", PENDING, None, BBC, BC),
          C("claim1-10", "uid1-10", "1Gi", "volume1-10", BOUND, None, BBC, BC),
          NO_EVENTS, "claim"),
    _sync("1-11 - bind when selector matches",
          with_labels(LABELS, V("volume1-1", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY)),
          with_labels(LABELS, V("volume1-1", "1Gi", "uid1-1", "claim1-1", BOUND, RETAIN,
                                CLASS_EMPTY, BBC)),
          with_label_selector(LABELS, C("claim1-1", "uid1-1", "1Gi", "", PENDING, None)),
          with_label_selector(LABELS, C("claim1-1", "uid1-1", "1Gi", "volume1-1", BOUND, None,
                                        BBC, BC)),
          NO_EVENTS, "claim"),
    _sync("1-12 - do not bind when selector does not match",
          V("volume1-1", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY),
          V("volume1-1", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY),
          with_label_selector(LABELS, C("claim1-1", "uid1-1", "1Gi", "", PENDING, None)),
          with_label_selector(LABELS, C("claim1-1", "uid1-1", "1Gi", "", PENDING, None)),
          ["Normal FailedBinding"], "claim"),
    _sync("1-13 - delayed binding",
          V("volume1-1", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_WAIT),
          V("volume1-1", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_WAIT),
          C("claim1-1", "uid1-1", "1Gi", "", PENDING, CLASS_WAIT),
          C("claim1-1", "uid1-1", "1Gi", "", PENDING, CLASS_WAIT),
          ["Normal WaitForFirstConsumer"], "claim"),
    _sync("1-14 - successful prebound PV",
          V("volume1-1", "1Gi", "", "claim1-1", AVAILABLE, RETAIN, CLASS_WAIT),
          V("volume1-1", "1Gi", "uid1-1", "claim1-1", BOUND, RETAIN, CLASS_WAIT),
          C("claim1-1", "uid1-1", "1Gi", "", PENDING, CLASS_WAIT),
          C("claim1-1", "uid1-1", "1Gi", "volume1-1", BOUND, CLASS_WAIT, BBC, BC),
          NO_EVENTS, "claim"),
    _sync("1-15 - successful prebound PVC",
          [new_volume("volume1-15_1", "10Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY),
           new_volume("volume1-15_2", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY)],
          [new_volume("volume1-15_1", "10Gi", "uid1-15", "claim1-15", BOUND, RETAIN, CLASS_EMPTY,
                      BBC),
           new_volume("volume1-15_2", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY)],
          C("claim1-15", "uid1-15", "1Gi", "volume1-15_1", PENDING, None),
          with_expected_capacity("10Gi", C("claim1-15", "uid1-15", "1Gi", "volume1-15_1", BOUND,
                                           None, BC)),
          NO_EVENTS, "claim"),
    _sync("1-16 - successful prebound PVC",
          V("volume1-16", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY),
          V("volume1-16", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY),
          claim_with_access_mode([RWX], C("claim1-16", "uid1-16", "1Gi", "volume1-16", PENDING,
                                          None)),
          claim_with_access_mode([RWX], C("claim1-16", "uid1-16", "1Gi", "volume1-16", PENDING,
                                          None)),
          NO_EVENTS, "claim"),
    _sync("1-17 - skip non-available PV if it's not pre-bind",
          [new_volume("volume1-17-pending", "1Gi", "", "", PENDING, RETAIN, CLASS_EMPTY),
           new_volume("volume1-17-failed", "1Gi", "", "", FAILED, RETAIN, CLASS_EMPTY),
           new_volume("volume1-17-released", "1Gi", "", "", RELEASED, RETAIN, CLASS_EMPTY),
           new_volume("volume1-17-empty", "1Gi", "", "", "", RETAIN, CLASS_EMPTY)],
          [new_volume("volume1-17-pending", "1Gi", "", "", PENDING, RETAIN, CLASS_EMPTY),
           new_volume("volume1-17-failed", "1Gi", "", "", FAILED, RETAIN, CLASS_EMPTY),
           new_volume("volume1-17-released", "1Gi", "", "", RELEASED, RETAIN, CLASS_EMPTY),
           new_volume("volume1-17-empty", "1Gi", "", "", "", RETAIN, CLASS_EMPTY)],
          [new_claim("claim1-17", "uid1-17", "1Gi", "", PENDING, None)],
          [new_claim("claim1-17", "uid1-17", "1Gi", "", PENDING, None)],
          NO_EVENTS, "claim"),
    _sync("1-18 - successful pre-bound PV to PVC provisioning",
          V("volume1-18", "1Gi", "uid1-18", "claim1-18", AVAILABLE, RETAIN, CLASS_WAIT),
          V("volume1-18", "1Gi", "uid1-18", "claim1-18", BOUND, RETAIN, CLASS_WAIT),
          claim_with_annotation(ANN_SELECTED_NODE, "node1",
                                C("claim1-18", "uid1-18", "1Gi", "", PENDING, CLASS_WAIT)),
          claim_with_annotation(ANN_SELECTED_NODE, "node1",
                                C("claim1-18", "uid1-18", "1Gi", "volume1-18", BOUND, CLASS_WAIT,
                                  BBC, BC)),
          NO_EVENTS, "claim"),

    # [Unit test set 2] User asked for a specific PV.
    _sync("2-1 - claim prebound to non-existing volume - noop",
          [], [],
          C("claim2-1", "uid2-1", "10Gi", "volume2-1", PENDING, None),
          C("claim2-1", "uid2-1", "10Gi", "volume2-1", PENDING, None),
          NO_EVENTS, "claim"),
    _sync("2-2 - claim prebound to non-existing volume - reset status",
          [], [],
          C("claim2-2", "uid2-2", "10Gi", "volume2-2", BOUND, None),
          C("claim2-2", "uid2-2", "10Gi", "volume2-2", PENDING, None),
          NO_EVENTS, "claim"),
    _sync("2-3 - claim prebound to unbound volume",
          V("volume2-3", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY),
          V("volume2-3", "1Gi", "uid2-3", "claim2-3", BOUND, RETAIN, CLASS_EMPTY, BBC),
          C("claim2-3", "uid2-3", "1Gi", "volume2-3", PENDING, None),
          C("claim2-3", "uid2-3", "1Gi", "volume2-3", BOUND, None, BC),
          NO_EVENTS, "claim"),
    _sync("2-4 - claim prebound to prebound volume by name",
          V("volume2-4", "1Gi", "", "claim2-4", AVAILABLE, RETAIN, CLASS_EMPTY),
          V("volume2-4", "1Gi", "uid2-4", "claim2-4", BOUND, RETAIN, CLASS_EMPTY),
          C("claim2-4", "uid2-4", "1Gi", "volume2-4", PENDING, None),
          C("claim2-4", "uid2-4", "1Gi", "volume2-4", BOUND, None, BC),
          NO_EVENTS, "claim"),
    _sync("2-5 - claim prebound to prebound volume by UID",
          V("volume2-5", "1Gi", "uid2-5", "claim2-5", AVAILABLE, RETAIN, CLASS_EMPTY),
          V("volume2-5", "1Gi", "uid2-5", "claim2-5", BOUND, RETAIN, CLASS_EMPTY),
          C("claim2-5", "uid2-5", "1Gi", "volume2-5", PENDING, None),
          C("claim2-5", "uid2-5", "1Gi", "volume2-5", BOUND, None, BC),
          NO_EVENTS, "claim"),
    _sync("2-6 - claim prebound to already bound volume",
          V("volume2-6", "1Gi", "uid2-6_1", "claim2-6_1", BOUND, RETAIN, CLASS_EMPTY),
          V("volume2-6", "1Gi", "uid2-6_1", "claim2-6_1", BOUND, RETAIN, CLASS_EMPTY),
          C("claim2-6", "uid2-6", "1Gi", "volume2-6", BOUND, None),
          C("claim2-6", "uid2-6", "1Gi", "volume2-6", PENDING, None),
          NO_EVENTS, "claim"),
    # testSyncClaimError: upstream also asserts that syncClaim returned an error; the
    # public API returns nothing, so only the (unchanged) objects are compared.
    _sync("2-7 - claim bound by controller to already bound volume",
          V("volume2-7", "1Gi", "uid2-7_1", "claim2-7_1", BOUND, RETAIN, CLASS_EMPTY),
          V("volume2-7", "1Gi", "uid2-7_1", "claim2-7_1", BOUND, RETAIN, CLASS_EMPTY),
          C("claim2-7", "uid2-7", "1Gi", "volume2-7", BOUND, None, BBC),
          C("claim2-7", "uid2-7", "1Gi", "volume2-7", BOUND, None, BBC),
          NO_EVENTS, "claim_error"),
    _sync("2-8 - claim prebound to unbound volume that does not match the selector",
          V("volume2-8", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY),
          V("volume2-8", "1Gi", "uid2-8", "claim2-8", BOUND, RETAIN, CLASS_EMPTY, BBC),
          with_label_selector(LABELS, C("claim2-8", "uid2-8", "1Gi", "volume2-8", PENDING, None)),
          with_label_selector(LABELS, C("claim2-8", "uid2-8", "1Gi", "volume2-8", BOUND, None,
                                        BC)),
          NO_EVENTS, "claim"),
    _sync("2-9 - claim prebound to unbound volume that size is smaller than requested",
          V("volume2-9", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY),
          V("volume2-9", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY),
          C("claim2-9", "uid2-9", "2Gi", "volume2-9", BOUND, None),
          C("claim2-9", "uid2-9", "2Gi", "volume2-9", PENDING, None),
          ["Warning VolumeMismatch"], "claim"),
    # newVolume only writes a claimRef when a claim name is given, so uid "1" is dropped.
    _sync("2-10 - claim prebound to unbound volume that class is different",
          V("volume2-10", "1Gi", "1", "", AVAILABLE, RETAIN, CLASS_GOLD),
          V("volume2-10", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_GOLD),
          C("claim2-10", "uid2-10", "1Gi", "volume2-10", BOUND, None),
          C("claim2-10", "uid2-10", "1Gi", "volume2-10", PENDING, None),
          ["Warning VolumeMismatch"], "claim"),

    # [Unit test set 3] Syncing bound claim
    _sync("3-1 - bound claim with missing VolumeName",
          [], [],
          C("claim3-1", "uid3-1", "10Gi", "", BOUND, None, BBC, BC),
          C("claim3-1", "uid3-1", "10Gi", "", LOST, None, BBC, BC),
          ["Warning ClaimLost"], "claim"),
    _sync("3-2 - bound claim with missing volume",
          [], [],
          C("claim3-2", "uid3-2", "10Gi", "volume3-2", BOUND, None, BBC, BC),
          C("claim3-2", "uid3-2", "10Gi", "volume3-2", LOST, None, BBC, BC),
          ["Warning ClaimLost"], "claim"),
    _sync("3-3 - bound claim with unbound volume",
          V("volume3-3", "10Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY),
          V("volume3-3", "10Gi", "uid3-3", "claim3-3", BOUND, RETAIN, CLASS_EMPTY, BBC),
          C("claim3-3", "uid3-3", "10Gi", "volume3-3", PENDING, None, BBC, BC),
          C("claim3-3", "uid3-3", "10Gi", "volume3-3", BOUND, None, BBC, BC),
          NO_EVENTS, "claim"),
    _sync("3-4 - bound claim with prebound volume",
          V("volume3-4", "10Gi", "claim3-4-x", "claim3-4", AVAILABLE, RETAIN, CLASS_EMPTY),
          V("volume3-4", "10Gi", "claim3-4-x", "claim3-4", AVAILABLE, RETAIN, CLASS_EMPTY),
          C("claim3-4", "uid3-4", "10Gi", "volume3-4", PENDING, None, BBC, BC),
          C("claim3-4", "uid3-4", "10Gi", "volume3-4", LOST, None, BBC, BC),
          ["Warning ClaimMisbound"], "claim"),
    _sync("3-5 - bound claim with bound volume",
          V("volume3-5", "10Gi", "uid3-5", "claim3-5", AVAILABLE, RETAIN, CLASS_EMPTY),
          V("volume3-5", "10Gi", "uid3-5", "claim3-5", BOUND, RETAIN, CLASS_EMPTY),
          C("claim3-5", "uid3-5", "10Gi", "volume3-5", PENDING, None, BC),
          C("claim3-5", "uid3-5", "10Gi", "volume3-5", BOUND, None, BC),
          NO_EVENTS, "claim"),
    _sync("3-6 - bound claim with bound volume",
          V("volume3-6", "10Gi", "uid3-6-x", "claim3-6-x", AVAILABLE, RETAIN, CLASS_EMPTY),
          V("volume3-6", "10Gi", "uid3-6-x", "claim3-6-x", AVAILABLE, RETAIN, CLASS_EMPTY),
          C("claim3-6", "uid3-6", "10Gi", "volume3-6", PENDING, None, BC),
          C("claim3-6", "uid3-6", "10Gi", "volume3-6", LOST, None, BC),
          ["Warning ClaimMisbound"], "claim"),
    _sync("3-7 - bound claim with unbound volume where selector doesn't match",
          V("volume3-3", "10Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY),
          V("volume3-3", "10Gi", "uid3-3", "claim3-3", BOUND, RETAIN, CLASS_EMPTY, BBC),
          with_label_selector(LABELS, C("claim3-3", "uid3-3", "10Gi", "volume3-3", PENDING, None,
                                        BBC, BC)),
          with_label_selector(LABELS, C("claim3-3", "uid3-3", "10Gi", "volume3-3", BOUND, None,
                                        BBC, BC)),
          NO_EVENTS, "claim"),

    # [Unit test set 4] All syncVolume tests.
    _sync("4-1 - pending volume",
          V("volume4-1", "10Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY),
          V("volume4-1", "10Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY),
          [], [], NO_EVENTS, "volume"),
    _sync("4-2 - pending prebound volume",
          V("volume4-2", "10Gi", "", "claim4-2", AVAILABLE, RETAIN, CLASS_EMPTY),
          V("volume4-2", "10Gi", "", "claim4-2", AVAILABLE, RETAIN, CLASS_EMPTY),
          [], [], NO_EVENTS, "volume"),
    _sync("4-3 - bound volume with missing claim",
          V("volume4-3", "10Gi", "uid4-3", "claim4-3", BOUND, RETAIN, CLASS_EMPTY),
          V("volume4-3", "10Gi", "uid4-3", "claim4-3", RELEASED, RETAIN, CLASS_EMPTY),
          [], [], NO_EVENTS, "volume"),
    _sync("4-4 - volume bound to claim with different UID",
          V("volume4-4", "10Gi", "uid4-4", "claim4-4", BOUND, RETAIN, CLASS_EMPTY),
          V("volume4-4", "10Gi", "uid4-4", "claim4-4", RELEASED, RETAIN, CLASS_EMPTY),
          C("claim4-4", "uid4-4-x", "10Gi", "volume4-4", BOUND, None, BC),
          C("claim4-4", "uid4-4-x", "10Gi", "volume4-4", BOUND, None, BC),
          NO_EVENTS, "volume"),
    _sync("4-5 - volume bound by controller to unbound claim",
          V("volume4-5", "10Gi", "uid4-5", "claim4-5", BOUND, RETAIN, CLASS_EMPTY, BBC),
          V("volume4-5", "10Gi", "uid4-5", "claim4-5", BOUND, RETAIN, CLASS_EMPTY, BBC),
          C("claim4-5", "uid4-5", "10Gi", "", PENDING, None),
          C("claim4-5", "uid4-5", "10Gi", "", PENDING, None),
          NO_EVENTS, "volume"),
    _sync("4-5 - volume bound by user to bound claim",
          V("volume4-5", "10Gi", "uid4-5", "claim4-5", BOUND, RETAIN, CLASS_EMPTY),
          V("volume4-5", "10Gi", "uid4-5", "claim4-5", BOUND, RETAIN, CLASS_EMPTY),
          C("claim4-5", "uid4-5", "10Gi", "", PENDING, None),
          C("claim4-5", "uid4-5", "10Gi", "", PENDING, None),
          NO_EVENTS, "volume"),
    _sync("4-6 - volume bound by to bound claim",
          V("volume4-6", "10Gi", "uid4-6", "claim4-6", AVAILABLE, RETAIN, CLASS_EMPTY),
          V("volume4-6", "10Gi", "uid4-6", "claim4-6", BOUND, RETAIN, CLASS_EMPTY),
          C("claim4-6", "uid4-6", "10Gi", "volume4-6", BOUND, None),
          C("claim4-6", "uid4-6", "10Gi", "volume4-6", BOUND, None),
          NO_EVENTS, "volume"),
    _sync("4-7 - volume bound by controller to claim bound somewhere else",
          V("volume4-7", "10Gi", "uid4-7", "claim4-7", BOUND, RETAIN, CLASS_EMPTY, BBC),
          V("volume4-7", "10Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY),
          C("claim4-7", "uid4-7", "10Gi", "volume4-7-x", BOUND, None),
          C("claim4-7", "uid4-7", "10Gi", "volume4-7-x", BOUND, None),
          NO_EVENTS, "volume"),
    _sync("4-8 - volume bound by user to claim bound somewhere else",
          V("volume4-8", "10Gi", "uid4-8", "claim4-8", BOUND, RETAIN, CLASS_EMPTY),
          V("volume4-8", "10Gi", "", "claim4-8", AVAILABLE, RETAIN, CLASS_EMPTY),
          C("claim4-8", "uid4-8", "10Gi", "volume4-8-x", BOUND, None),
          C("claim4-8", "uid4-8", "10Gi", "volume4-8-x", BOUND, None),
          NO_EVENTS, "volume"),
    _sync("4-9 - volume bound to bound claim, with PersistentVolumeReclaimDelete",
          V("volume4-9", "10Gi", "uid4-9", "claim4-9", AVAILABLE, DELETE, CLASS_EMPTY),
          V("volume4-9", "10Gi", "uid4-9", "claim4-9", BOUND, DELETE, CLASS_EMPTY),
          C("claim4-9", "uid4-9", "10Gi", "volume4-9", BOUND, None),
          C("claim4-9", "uid4-9", "10Gi", "volume4-9", BOUND, None),
          NO_EVENTS, "volume"),
    _sync("4-10 - volume bound to missing claim",
          V("volume4-10", "10Gi", "uid4-10", "claim4-10", AVAILABLE, DELETE, CLASS_EMPTY),
          with_message('error getting deleter volume plugin for volume "volume4-10": '
                       "no volume plugin matched",
                       V("volume4-10", "10Gi", "uid4-10", "claim4-10", FAILED, DELETE,
                         CLASS_EMPTY)),
          [], [], NO_EVENTS, "volume"),
    # The claim lives only in the API server upstream (annSkipLocalStore); the simulator
    # has one store, which is what the controller's double check against the API finds.
    _sync("4-11 - volume bound to unknown claim",
          V("volume4-11", "10Gi", "uid4-11", "claim4-11", AVAILABLE, DELETE, CLASS_EMPTY),
          V("volume4-11", "10Gi", "uid4-11", "claim4-11", BOUND, DELETE, CLASS_EMPTY),
          C("claim4-11", "uid4-11", "10Gi", "volume4-11", BOUND, None, ANN_SKIP_LOCAL_STORE),
          C("claim4-11", "uid4-11", "10Gi", "volume4-11", BOUND, None, ANN_SKIP_LOCAL_STORE),
          NO_EVENTS, "volume"),
    # Two claims of one name: the stale cached one, then the API server's newer one, which
    # replaces it (from_manifests keeps the last object of a name, as the reactor does).
    _sync("4-12 - volume bound to newest claim but not updated to local cache",
          V("volume4-12", "10Gi", "uid4-12-new", "claim4-12", AVAILABLE, DELETE, CLASS_EMPTY),
          V("volume4-12", "10Gi", "uid4-12-new", "claim4-12", BOUND, DELETE, CLASS_EMPTY),
          C("claim4-12", "uid4-12", "10Gi", "volume4-12", BOUND, None, "")
          + C("claim4-12", "uid4-12-new", "10Gi", "volume4-12", BOUND, None,
              ANN_SKIP_LOCAL_STORE),
          C("claim4-12", "uid4-12-new", "10Gi", "volume4-12", BOUND, None, ANN_SKIP_LOCAL_STORE),
          NO_EVENTS, "volume"),

    # PVC with class
    _sync("13-1 - binding to class",
          [new_volume("volume13-1-1", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY),
           new_volume("volume13-1-2", "10Gi", "", "", AVAILABLE, RETAIN, CLASS_GOLD)],
          [new_volume("volume13-1-1", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY),
           new_volume("volume13-1-2", "10Gi", "uid13-1", "claim13-1", BOUND, RETAIN, CLASS_GOLD,
                      BBC)],
          C("claim13-1", "uid13-1", "1Gi", "", PENDING, CLASS_GOLD),
          with_expected_capacity("10Gi", C("claim13-1", "uid13-1", "1Gi", "volume13-1-2", BOUND,
                                           CLASS_GOLD, BBC, BC)),
          NO_EVENTS, "claim"),
    _sync("13-2 - binding without a class",
          [new_volume("volume13-2-1", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_GOLD),
           new_volume("volume13-2-2", "10Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY)],
          [new_volume("volume13-2-1", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_GOLD),
           new_volume("volume13-2-2", "10Gi", "uid13-2", "claim13-2", BOUND, RETAIN, CLASS_EMPTY,
                      BBC)],
          C("claim13-2", "uid13-2", "1Gi", "", PENDING, None),
          with_expected_capacity("10Gi", C("claim13-2", "uid13-2", "1Gi", "volume13-2-2", BOUND,
                                           None, BBC, BC)),
          NO_EVENTS, "claim"),
    _sync("13-3 - binding to specific a class",
          [new_volume("volume13-3-1", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_SILVER),
           new_volume("volume13-3-2", "10Gi", "", "", AVAILABLE, RETAIN, CLASS_GOLD)],
          [new_volume("volume13-3-1", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_SILVER),
           new_volume("volume13-3-2", "10Gi", "uid13-3", "claim13-3", BOUND, RETAIN, CLASS_GOLD,
                      BBC)],
          C("claim13-3", "uid13-3", "1Gi", "", PENDING, CLASS_GOLD),
          with_expected_capacity("10Gi", C("claim13-3", "uid13-3", "1Gi", "volume13-3-2", BOUND,
                                           CLASS_GOLD, BBC, BC)),
          NO_EVENTS, "claim"),
    _sync("13-4 - empty class",
          V("volume13-4", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY),
          V("volume13-4", "1Gi", "uid13-4", "claim13-4", BOUND, RETAIN, CLASS_EMPTY, BBC),
          C("claim13-4", "uid13-4", "1Gi", "", PENDING, CLASS_EMPTY),
          C("claim13-4", "uid13-4", "1Gi", "volume13-4", BOUND, CLASS_EMPTY, BBC, BC),
          NO_EVENTS, "claim"),
    _sync("13-5 - nil class",
          V("volume13-5", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY),
          V("volume13-5", "1Gi", "uid13-5", "claim13-5", BOUND, RETAIN, CLASS_EMPTY, BBC),
          C("claim13-5", "uid13-5", "1Gi", "", PENDING, None),
          C("claim13-5", "uid13-5", "1Gi", "volume13-5", BOUND, None, BBC, BC),
          NO_EVENTS, "claim"),

    # whenFeatureGateEnabled (VolumeAttributesClass is GA and on by default since 1.34)
    _sync("2-11 - claim prebound to unbound volume that volume attributes class is different",
          volumes_with_vac(CLASS_GOLD, V("volume2-11", "1Gi", "", "", AVAILABLE, RETAIN,
                                         CLASS_EMPTY)),
          volumes_with_vac(CLASS_GOLD, V("volume2-11", "1Gi", "", "", AVAILABLE, RETAIN,
                                         CLASS_EMPTY)),
          C("claim2-11", "uid2-11", "1Gi", "volume2-11", BOUND, None),
          C("claim2-11", "uid2-11", "1Gi", "volume2-11", PENDING, None),
          ["Warning VolumeMismatch"], "claim"),
    _sync("2-12 - claim prebound to unbound volume that volume attributes class is same",
          volumes_with_vac(CLASS_GOLD, V("volume2-12", "1Gi", "", "", AVAILABLE, RETAIN,
                                         CLASS_EMPTY)),
          volumes_with_vac(CLASS_GOLD, V("volume2-12", "1Gi", "uid2-12", "claim2-12", BOUND,
                                         RETAIN, CLASS_EMPTY, BBC)),
          claim_with_vac(CLASS_GOLD, C("claim2-12", "uid2-12", "1Gi", "volume2-12", PENDING,
                                       None)),
          with_expected_vac(CLASS_GOLD, claim_with_vac(CLASS_GOLD, C(
              "claim2-12", "uid2-12", "1Gi", "volume2-12", BOUND, None, BC))),
          NO_EVENTS, "claim"),
    # whenFeatureGateDisabled
    _sync("2-13 - claim prebound to unbound volume that volume attributes class is same",
          volumes_with_vac(CLASS_GOLD, V("volume2-13", "1Gi", "", "", AVAILABLE, RETAIN,
                                         CLASS_EMPTY)),
          volumes_with_vac(CLASS_GOLD, V("volume2-13", "1Gi", "", "", AVAILABLE, RETAIN,
                                         CLASS_EMPTY)),
          with_expected_vac(CLASS_GOLD, claim_with_vac(CLASS_GOLD, C(
              "claim2-13", "uid2-13", "1Gi", "volume2-13", BOUND, None))),
          claim_with_vac(CLASS_GOLD, C("claim2-13", "uid2-13", "1Gi", "volume2-13", PENDING,
                                       None)),
          ["Warning VolumeMismatch"], "claim",
          skip="needs the VolumeAttributesClass feature gate off (emulated 1.35); "
               "Cluster has no feature-gate switch"),
]


@pytest.mark.parametrize("test", params(TEST_SYNC))
def test_sync(test: ControllerTest) -> None:
    """binder_test.go TestSync."""
    run_sync_test(test)


# ---- TestSyncBlockVolume -----------------------------------------------------------------------
def _block(name, iv, ev, ic, ec, events, test) -> ControllerTest:
    return ControllerTest(name, iv, ev, ic, ec, list(events), test, classes=[])


TEST_SYNC_BLOCK_VOLUME = [
    _block("14-1 - binding to volumeMode block",
           with_volume_volume_mode(BLOCK, V("volume14-1", "10Gi", "", "", AVAILABLE, RETAIN,
                                            CLASS_EMPTY)),
           with_volume_volume_mode(BLOCK, V("volume14-1", "10Gi", "uid14-1", "claim14-1", BOUND,
                                            RETAIN, CLASS_EMPTY, BBC)),
           with_claim_volume_mode(BLOCK, C("claim14-1", "uid14-1", "10Gi", "", PENDING, None)),
           with_claim_volume_mode(BLOCK, C("claim14-1", "uid14-1", "10Gi", "volume14-1", BOUND,
                                           None, BBC, BC)),
           NO_EVENTS, "claim"),
    _block("14-2 - binding to volumeMode filesystem",
           with_volume_volume_mode(FILESYSTEM, V("volume14-2", "10Gi", "", "", AVAILABLE, RETAIN,
                                                 CLASS_EMPTY)),
           with_volume_volume_mode(FILESYSTEM, V("volume14-2", "10Gi", "uid14-2", "claim14-2",
                                                 BOUND, RETAIN, CLASS_EMPTY, BBC)),
           with_claim_volume_mode(FILESYSTEM, C("claim14-2", "uid14-2", "10Gi", "", PENDING,
                                                None)),
           with_claim_volume_mode(FILESYSTEM, C("claim14-2", "uid14-2", "10Gi", "volume14-2",
                                                BOUND, None, BBC, BC)),
           NO_EVENTS, "claim"),
    _block("14-3 - do not bind pv volumeMode filesystem and pvc volumeMode block",
           with_volume_volume_mode(FILESYSTEM, V("volume14-3", "10Gi", "", "", AVAILABLE, RETAIN,
                                                 CLASS_EMPTY)),
           with_volume_volume_mode(FILESYSTEM, V("volume14-3", "10Gi", "", "", AVAILABLE, RETAIN,
                                                 CLASS_EMPTY)),
           with_claim_volume_mode(BLOCK, C("claim14-3", "uid14-3", "10Gi", "", PENDING, None)),
           with_claim_volume_mode(BLOCK, C("claim14-3", "uid14-3", "10Gi", "", PENDING, None)),
           ["Normal FailedBinding"], "claim"),
    _block("14-4 - do not bind pv volumeMode block and pvc volumeMode filesystem",
           with_volume_volume_mode(BLOCK, V("volume14-4", "10Gi", "", "", AVAILABLE, RETAIN,
                                            CLASS_EMPTY)),
           with_volume_volume_mode(BLOCK, V("volume14-4", "10Gi", "", "", AVAILABLE, RETAIN,
                                            CLASS_EMPTY)),
           with_claim_volume_mode(FILESYSTEM, C("claim14-4", "uid14-4", "10Gi", "", PENDING,
                                                None)),
           with_claim_volume_mode(FILESYSTEM, C("claim14-4", "uid14-4", "10Gi", "", PENDING,
                                                None)),
           ["Normal FailedBinding"], "claim"),
    _block("14-5 - do not bind when matching class but not volumeMode",
           with_volume_volume_mode(FILESYSTEM, V("volume14-5", "10Gi", "", "", AVAILABLE, RETAIN,
                                                 CLASS_GOLD)),
           with_volume_volume_mode(FILESYSTEM, V("volume14-5", "10Gi", "", "", AVAILABLE, RETAIN,
                                                 CLASS_GOLD)),
           with_claim_volume_mode(BLOCK, C("claim14-5", "uid14-5", "10Gi", "", PENDING,
                                           CLASS_GOLD)),
           with_claim_volume_mode(BLOCK, C("claim14-5", "uid14-5", "10Gi", "", PENDING,
                                           CLASS_GOLD)),
           ["Warning ProvisioningFailed"], "claim"),
    _block("14-5-1 - do not bind when matching volumeModes but class does not match",
           with_volume_volume_mode(FILESYSTEM, V("volume14-5-1", "10Gi", "", "", AVAILABLE,
                                                 RETAIN, CLASS_GOLD)),
           with_volume_volume_mode(FILESYSTEM, V("volume14-5-1", "10Gi", "", "", AVAILABLE,
                                                 RETAIN, CLASS_GOLD)),
           with_claim_volume_mode(FILESYSTEM, C("claim14-5-1", "uid14-5-1", "10Gi", "", PENDING,
                                                CLASS_SILVER)),
           with_claim_volume_mode(FILESYSTEM, C("claim14-5-1", "uid14-5-1", "10Gi", "", PENDING,
                                                CLASS_SILVER)),
           ["Warning ProvisioningFailed"], "claim"),
    _block("14-5-2 - do not bind when pvc is prebound to pv with matching volumeModes but "
           "class does not match",
           with_volume_volume_mode(FILESYSTEM, V("volume14-5-2", "10Gi", "", "", AVAILABLE,
                                                 RETAIN, CLASS_GOLD)),
           with_volume_volume_mode(FILESYSTEM, V("volume14-5-2", "10Gi", "", "", AVAILABLE,
                                                 RETAIN, CLASS_GOLD)),
           with_claim_volume_mode(FILESYSTEM, C("claim14-5-2", "uid14-5-2", "10Gi",
                                                "volume14-5-2", PENDING, CLASS_SILVER)),
           with_claim_volume_mode(FILESYSTEM, C("claim14-5-2", "uid14-5-2", "10Gi",
                                                "volume14-5-2", PENDING, CLASS_SILVER)),
           ["Warning VolumeMismatch"], "claim"),
    _block("14-7 - bind when pv volume is prebound and volumeModes match",
           with_volume_volume_mode(BLOCK, V("volume14-7", "10Gi", "", "claim14-7", AVAILABLE,
                                            RETAIN, CLASS_EMPTY)),
           with_volume_volume_mode(BLOCK, V("volume14-7", "10Gi", "uid14-7", "claim14-7", BOUND,
                                            RETAIN, CLASS_EMPTY)),
           with_claim_volume_mode(BLOCK, C("claim14-7", "uid14-7", "10Gi", "", PENDING, None)),
           with_claim_volume_mode(BLOCK, C("claim14-7", "uid14-7", "10Gi", "volume14-7", BOUND,
                                           None, BBC, BC)),
           NO_EVENTS, "claim"),
    _block("14-8 - do not bind when pvc is prebound to pv with mismatching volumeModes",
           with_volume_volume_mode(BLOCK, V("volume14-8", "10Gi", "", "", AVAILABLE, RETAIN,
                                            CLASS_EMPTY)),
           with_volume_volume_mode(BLOCK, V("volume14-8", "10Gi", "", "", AVAILABLE, RETAIN,
                                            CLASS_EMPTY)),
           with_claim_volume_mode(FILESYSTEM, C("claim14-8", "uid14-8", "10Gi", "volume14-8",
                                                PENDING, None)),
           with_claim_volume_mode(FILESYSTEM, C("claim14-8", "uid14-8", "10Gi", "volume14-8",
                                                PENDING, None)),
           ["Warning VolumeMismatch"], "claim"),
    _block("14-8-1 - do not bind when pvc is prebound to pv with mismatching volumeModes",
           with_volume_volume_mode(BLOCK, V("volume14-8-1", "10Gi", "", "claim14-8-1", AVAILABLE,
                                            RETAIN, CLASS_EMPTY)),
           with_volume_volume_mode(BLOCK, V("volume14-8-1", "10Gi", "", "claim14-8-1", AVAILABLE,
                                            RETAIN, CLASS_EMPTY)),
           with_claim_volume_mode(FILESYSTEM, C("claim14-8-1", "uid14-8-1", "10Gi", "", PENDING,
                                                None)),
           with_claim_volume_mode(FILESYSTEM, C("claim14-8-1", "uid14-8-1", "10Gi", "", PENDING,
                                                None)),
           ["Normal FailedBinding"], "claim"),
    _block("14-9 - bind when pvc is prebound to pv with matching volumeModes block",
           with_volume_volume_mode(BLOCK, V("volume14-9", "10Gi", "", "", AVAILABLE, RETAIN,
                                            CLASS_EMPTY)),
           with_volume_volume_mode(BLOCK, V("volume14-9", "10Gi", "uid14-9", "claim14-9", BOUND,
                                            RETAIN, CLASS_EMPTY, BBC)),
           with_claim_volume_mode(BLOCK, C("claim14-9", "uid14-9", "10Gi", "volume14-9", PENDING,
                                           None)),
           with_claim_volume_mode(BLOCK, C("claim14-9", "uid14-9", "10Gi", "volume14-9", BOUND,
                                           None, BC)),
           NO_EVENTS, "claim"),
    _block("14-10 - bind when pv is prebound to pvc with matching volumeModes block",
           with_volume_volume_mode(BLOCK, V("volume14-10", "10Gi", "", "claim14-10", AVAILABLE,
                                            RETAIN, CLASS_EMPTY)),
           with_volume_volume_mode(BLOCK, V("volume14-10", "10Gi", "uid14-10", "claim14-10",
                                            BOUND, RETAIN, CLASS_EMPTY)),
           with_claim_volume_mode(BLOCK, C("claim14-10", "uid14-10", "10Gi", "", PENDING, None)),
           with_claim_volume_mode(BLOCK, C("claim14-10", "uid14-10", "10Gi", "volume14-10",
                                           BOUND, None, BBC, BC)),
           NO_EVENTS, "claim"),
    _block("14-11 - bind when pvc is prebound to pv with matching volumeModes filesystem",
           with_volume_volume_mode(FILESYSTEM, V("volume14-11", "10Gi", "", "", AVAILABLE,
                                                 RETAIN, CLASS_EMPTY)),
           with_volume_volume_mode(FILESYSTEM, V("volume14-11", "10Gi", "uid14-11", "claim14-11",
                                                 BOUND, RETAIN, CLASS_EMPTY, BBC)),
           with_claim_volume_mode(FILESYSTEM, C("claim14-11", "uid14-11", "10Gi", "volume14-11",
                                                PENDING, None)),
           with_claim_volume_mode(FILESYSTEM, C("claim14-11", "uid14-11", "10Gi", "volume14-11",
                                                BOUND, None, BC)),
           NO_EVENTS, "claim"),
    _block("14-12 - bind when pv is prebound to pvc with matching volumeModes filesystem",
           with_volume_volume_mode(FILESYSTEM, V("volume14-12", "10Gi", "", "claim14-12",
                                                 AVAILABLE, RETAIN, CLASS_EMPTY)),
           with_volume_volume_mode(FILESYSTEM, V("volume14-12", "10Gi", "uid14-12", "claim14-12",
                                                 BOUND, RETAIN, CLASS_EMPTY)),
           with_claim_volume_mode(FILESYSTEM, C("claim14-12", "uid14-12", "10Gi", "", PENDING,
                                                None)),
           with_claim_volume_mode(FILESYSTEM, C("claim14-12", "uid14-12", "10Gi", "volume14-12",
                                                BOUND, None, BBC, BC)),
           NO_EVENTS, "claim"),
    _block("14-13 - output warning when pv is prebound to pvc with different volumeModes",
           with_volume_volume_mode(FILESYSTEM, V("volume14-13", "10Gi", "uid14-13", "claim14-13",
                                                 AVAILABLE, RETAIN, CLASS_EMPTY, BBC)),
           with_volume_volume_mode(FILESYSTEM, V("volume14-13", "10Gi", "uid14-13", "claim14-13",
                                                 AVAILABLE, RETAIN, CLASS_EMPTY, BBC)),
           with_claim_volume_mode(BLOCK, C("claim14-13", "uid14-13", "10Gi", "", PENDING, None)),
           with_claim_volume_mode(BLOCK, C("claim14-13", "uid14-13", "10Gi", "", PENDING, None)),
           ["Warning VolumeMismatch"], "volume"),
    _block("14-13-1 - output warning when pv is prebound to pvc with different volumeModes",
           with_volume_volume_mode(BLOCK, V("volume14-13-1", "10Gi", "uid14-13-1", "claim14-13-1",
                                            AVAILABLE, RETAIN, CLASS_EMPTY, BBC)),
           with_volume_volume_mode(BLOCK, V("volume14-13-1", "10Gi", "uid14-13-1", "claim14-13-1",
                                            AVAILABLE, RETAIN, CLASS_EMPTY, BBC)),
           with_claim_volume_mode(FILESYSTEM, C("claim14-13-1", "uid14-13-1", "10Gi", "",
                                                PENDING, None)),
           with_claim_volume_mode(FILESYSTEM, C("claim14-13-1", "uid14-13-1", "10Gi", "",
                                                PENDING, None)),
           ["Warning VolumeMismatch"], "volume"),
    _block("14-14 - wait for synClaim without warning when pv is prebound to pvc with matching "
           "volumeModes block",
           with_volume_volume_mode(BLOCK, V("volume14-14", "10Gi", "uid14-14", "claim14-14",
                                            AVAILABLE, RETAIN, CLASS_EMPTY, BBC)),
           with_volume_volume_mode(BLOCK, V("volume14-14", "10Gi", "uid14-14", "claim14-14",
                                            AVAILABLE, RETAIN, CLASS_EMPTY, BBC)),
           with_claim_volume_mode(BLOCK, C("claim14-14", "uid14-14", "10Gi", "", PENDING, None)),
           with_claim_volume_mode(BLOCK, C("claim14-14", "uid14-14", "10Gi", "", PENDING, None)),
           NO_EVENTS, "volume"),
    _block("14-14-1 - wait for synClaim without warning when pv is prebound to pvc with "
           "matching volumeModes file",
           with_volume_volume_mode(FILESYSTEM, V("volume14-14-1", "10Gi", "uid14-14-1",
                                                 "claim14-14-1", AVAILABLE, RETAIN, CLASS_EMPTY,
                                                 BBC)),
           with_volume_volume_mode(FILESYSTEM, V("volume14-14-1", "10Gi", "uid14-14-1",
                                                 "claim14-14-1", AVAILABLE, RETAIN, CLASS_EMPTY,
                                                 BBC)),
           with_claim_volume_mode(FILESYSTEM, C("claim14-14-1", "uid14-14-1", "10Gi", "",
                                                PENDING, None)),
           with_claim_volume_mode(FILESYSTEM, C("claim14-14-1", "uid14-14-1", "10Gi", "",
                                                PENDING, None)),
           NO_EVENTS, "volume"),
]


@pytest.mark.parametrize("test", params(TEST_SYNC_BLOCK_VOLUME))
def test_sync_block_volume(test: ControllerTest) -> None:
    """binder_test.go TestSyncBlockVolume."""
    run_sync_test(test)


# ---- TestMultiSync -------------------------------------------------------------------------------
TEST_MULTI_SYNC = [
    ControllerTest(
        "10-1 - successful bind",
        V("volume10-1", "1Gi", "", "", PENDING, RETAIN, CLASS_EMPTY),
        V("volume10-1", "1Gi", "uid10-1", "claim10-1", BOUND, RETAIN, CLASS_EMPTY, BBC),
        C("claim10-1", "uid10-1", "1Gi", "", PENDING, None),
        C("claim10-1", "uid10-1", "1Gi", "volume10-1", BOUND, None, BBC, BC),
        NO_EVENTS, "claim"),
    ControllerTest(
        "10-2 - bind PV race",
        [new_volume("volume10-2-1", "1Gi", "uid10-2", "claim10-2", BOUND, RETAIN, CLASS_EMPTY,
                    BBC),
         new_volume("volume10-2-2", "1Gi", "uid10-2", "claim10-2", BOUND, RETAIN, CLASS_EMPTY,
                    BBC)],
        [new_volume("volume10-2-1", "1Gi", "uid10-2", "claim10-2", BOUND, RETAIN, CLASS_EMPTY,
                    BBC),
         new_volume("volume10-2-2", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY)],
        C("claim10-2", "uid10-2", "1Gi", "volume10-2-1", BOUND, None, BBC, BC),
        C("claim10-2", "uid10-2", "1Gi", "volume10-2-1", BOUND, None, BBC, BC),
        NO_EVENTS, "claim"),
]


@pytest.mark.parametrize("test", params(TEST_MULTI_SYNC))
def test_multi_sync(test: ControllerTest) -> None:
    """binder_test.go TestMultiSync (sync everything until nothing changes)."""
    run_multisync_test(test)


# ---- provision_test.go ---------------------------------------------------------------------------
CLASS1_PARAMETERS = {"param1": "value1"}
CLASS2_PARAMETERS = {"param2": "value2"}
PROVISION_CLASSES = [
    storage_class(CLASS_GOLD, provisioner=MOCK_PLUGIN_NAME, parameters=CLASS1_PARAMETERS,
                  reclaim_policy=DELETE, binding_mode="Immediate"),
    storage_class(CLASS_SILVER, provisioner=MOCK_PLUGIN_NAME, parameters=CLASS2_PARAMETERS,
                  reclaim_policy=DELETE, binding_mode="Immediate"),
    storage_class(CLASS_COPPER, provisioner=MOCK_PLUGIN_NAME, parameters=CLASS1_PARAMETERS,
                  reclaim_policy=DELETE, binding_mode="WaitForFirstConsumer"),
    storage_class(CLASS_EXTERNAL, provisioner="vendor.com/my-volume",
                  parameters=CLASS1_PARAMETERS, reclaim_policy=DELETE, binding_mode="Immediate"),
    storage_class(CLASS_EXTERNAL_WAIT, provisioner="vendor.com/my-volume-wait",
                  parameters=CLASS1_PARAMETERS, reclaim_policy=DELETE,
                  binding_mode="WaitForFirstConsumer"),
    storage_class(CLASS_UNKNOWN_INTERNAL, provisioner="kubernetes.io/unknown",
                  parameters=CLASS1_PARAMETERS, reclaim_policy=DELETE, binding_mode="Immediate"),
    storage_class(CLASS_UNSUPPORTED_MOUNT_OPTIONS, provisioner=MOCK_PLUGIN_NAME,
                  parameters=CLASS1_PARAMETERS, reclaim_policy=DELETE, mount_options=["foo"],
                  binding_mode="Immediate"),
    storage_class(CLASS_CSI, provisioner="mydriver.csi.k8s.io", parameters=CLASS1_PARAMETERS,
                  reclaim_policy=DELETE, binding_mode="Immediate"),
]
MOCK = "needs provision_test.go's mock in-tree provisioner plugin (kubernetes.io/mock-volume)"
INJECT = "needs API error injection / an operation injected mid-sync (wrapTestWithInjectedOperation)"
PSP, PSB = ANN_STORAGE_PROVISIONER, ANN_BETA_STORAGE_PROVISIONER


def _prov(name, iv, ev, ic, ec, events, test="claim", skip="") -> ControllerTest:
    return ControllerTest(name, iv, ev, ic, ec, list(events), test, skip=skip,
                          classes=PROVISION_CLASSES)


TEST_PROVISION_SYNC = [
    _prov("11-1 - successful provision with storage class 1", [], [],
          C("claim11-1", "uid11-1", "1Gi", "", PENDING, CLASS_GOLD), [], [], skip=MOCK),
    # Without the mock plugin kubernetes.io/mock-volume is an in-tree name no plugin
    # serves, which is exactly this row's situation.
    _prov("11-2 - plugin not found", [], [],
          C("claim11-2", "uid11-2", "1Gi", "", PENDING, CLASS_GOLD),
          C("claim11-2", "uid11-2", "1Gi", "", PENDING, CLASS_GOLD),
          ["Warning ProvisioningFailed"]),
    _prov("11-3 - newProvisioner failure", [], [],
          C("claim11-3", "uid11-3", "1Gi", "", PENDING, CLASS_GOLD), [], [], skip=MOCK),
    _prov("11-4 - provision failure", [], [],
          C("claim11-4", "uid11-4", "1Gi", "", PENDING, CLASS_GOLD), [], [], skip=MOCK),
    _prov("11-6 - provisioning when there is a volume available",
          V("volume11-6", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_GOLD),
          V("volume11-6", "1Gi", "uid11-6", "claim11-6", BOUND, RETAIN, CLASS_GOLD, BBC),
          C("claim11-6", "uid11-6", "1Gi", "", PENDING, CLASS_GOLD),
          C("claim11-6", "uid11-6", "1Gi", "volume11-6", BOUND, CLASS_GOLD, BBC, BC),
          NO_EVENTS),
    _prov("11-7 - claim is bound before provisioning", [], [],
          C("claim11-7", "uid11-7", "1Gi", "", PENDING, CLASS_GOLD), [], [], skip=INJECT),
    _prov("11-8 - cannot save provisioned volume", [], [],
          C("claim11-8", "uid11-8", "1Gi", "", PENDING, CLASS_GOLD), [], [], skip=INJECT),
    _prov("11-9 - cannot save provisioned volume, delete succeeds", [], [],
          C("claim11-9", "uid11-9", "1Gi", "", PENDING, CLASS_GOLD), [], [], skip=INJECT),
    _prov("11-10 - cannot save provisioned volume, no delete plugin found", [], [],
          C("claim11-10", "uid11-10", "1Gi", "", PENDING, CLASS_GOLD), [], [], skip=INJECT),
    _prov("11-11 - cannot save provisioned volume, deleter fails", [], [],
          C("claim11-11", "uid11-11", "1Gi", "", PENDING, CLASS_GOLD), [], [], skip=INJECT),
    _prov("11-12 - cannot save provisioned volume, delete succeeds 2nd time", [], [],
          C("claim11-12", "uid11-12", "1Gi", "", PENDING, CLASS_GOLD), [], [], skip=INJECT),
    _prov("11-13 - successful provision with storage class 2", [], [],
          C("claim11-13", "uid11-13", "1Gi", "", PENDING, CLASS_SILVER), [], [], skip=MOCK),
    _prov("11-14 - fail due to non-existing class", [], [],
          C("claim11-14", "uid11-14", "1Gi", "", PENDING, CLASS_NON_EXISTING),
          C("claim11-14", "uid11-14", "1Gi", "", PENDING, CLASS_NON_EXISTING),
          NO_EVENTS),
    _prov("11-15 - no provisioning with class=''", [], [],
          C("claim11-15", "uid11-15", "1Gi", "", PENDING, CLASS_EMPTY),
          C("claim11-15", "uid11-15", "1Gi", "", PENDING, CLASS_EMPTY),
          NO_EVENTS),
    _prov("11-16 - no provisioning with class=nil", [], [],
          C("claim11-15", "uid11-15", "1Gi", "", PENDING, None),
          C("claim11-15", "uid11-15", "1Gi", "", PENDING, None),
          NO_EVENTS),
    _prov("11-17 - external provisioner", [], [],
          C("claim11-17", "uid11-17", "1Gi", "", PENDING, CLASS_EXTERNAL),
          claim_with_annotation(PSB, "vendor.com/my-volume", claim_with_annotation(
              PSP, "vendor.com/my-volume",
              C("claim11-17", "uid11-17", "1Gi", "", PENDING, CLASS_EXTERNAL))),
          ["Normal ExternalProvisioning"]),
    _prov("11-18 - unknown internal provisioner", [], [],
          C("claim11-18", "uid11-18", "1Gi", "", PENDING, CLASS_UNKNOWN_INTERNAL),
          C("claim11-18", "uid11-18", "1Gi", "", PENDING, CLASS_UNKNOWN_INTERNAL),
          ["Warning ProvisioningFailed"]),
    _prov("11-19 - provisioned volume saved but API server crashed", [], [],
          C("claim11-19", "uid11-19", "1Gi", "", PENDING, CLASS_GOLD), [], [], skip=INJECT),
    _prov("11-20 - unsupported storageClass.mountOptions", [], [],
          C("claim11-20", "uid11-20", "1Gi", "", PENDING, CLASS_UNSUPPORTED_MOUNT_OPTIONS),
          [], [], skip=MOCK + " (the mount-option check is the plugin's)"),
    _prov("11-21 - external provisioner for CSI migration", [], [],
          C("claim11-21", "uid11-21", "1Gi", "", PENDING, CLASS_GOLD), [], [],
          skip="needs a fake CSI-migration translator for the mock plugin"),
    _prov("11-22 - external provisioner with volume available",
          V("volume11-22", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_EXTERNAL),
          V("volume11-22", "1Gi", "uid11-22", "claim11-22", BOUND, RETAIN, CLASS_EXTERNAL, BBC),
          C("claim11-22", "uid11-22", "1Gi", "", PENDING, CLASS_EXTERNAL),
          C("claim11-22", "uid11-22", "1Gi", "volume11-22", BOUND, CLASS_EXTERNAL, BBC, BC),
          NO_EVENTS),
    _prov("11-23 - skip finding PV and provision for PVC annotated with AnnSelectedNode",
          V("volume11-23", "1Gi", "", "", AVAILABLE, DELETE, CLASS_COPPER), [],
          claim_with_annotation(ANN_SELECTED_NODE, "node1",
                                C("claim11-23", "uid11-23", "1Gi", "", PENDING, CLASS_COPPER)),
          [], [], skip=MOCK),
    _prov("11-24 - skip finding PV and wait external provisioner for PVC annotated with "
          "AnnSelectedNode",
          V("volume11-24", "1Gi", "", "", AVAILABLE, DELETE, CLASS_EXTERNAL_WAIT),
          V("volume11-24", "1Gi", "", "", AVAILABLE, DELETE, CLASS_EXTERNAL_WAIT),
          claim_with_annotation(ANN_SELECTED_NODE, "node1",
                                C("claim11-24", "uid11-24", "1Gi", "", PENDING,
                                  CLASS_EXTERNAL_WAIT)),
          claim_with_annotation(PSB, "vendor.com/my-volume-wait", claim_with_annotation(
              PSP, "vendor.com/my-volume-wait", claim_with_annotation(
                  ANN_SELECTED_NODE, "node1",
                  C("claim11-24", "uid11-24", "1Gi", "", PENDING, CLASS_EXTERNAL_WAIT)))),
          ["Normal ExternalProvisioning"]),
    _prov("11-25 - failed in-tree provision with data source", [], [],
          claim_with_data_source("test-snap", "VolumeSnapshot", "snapshot.storage.k8s.io",
                                 C("claim11-25", "uid11-25", "1Gi", "", PENDING, CLASS_GOLD)),
          claim_with_data_source("test-snap", "VolumeSnapshot", "snapshot.storage.k8s.io",
                                 C("claim11-25", "uid11-25", "1Gi", "", PENDING, CLASS_GOLD)),
          ["Warning ProvisioningFailed"]),
    _prov("11-26 - csi with data source", [], [],
          claim_with_annotation(PSP, "mydriver.csi.k8s.io", claim_with_data_source(
              "test-snap", "VolumeSnapshot", "snapshot.storage.k8s.io",
              C("claim11-26", "uid11-26", "1Gi", "", PENDING, CLASS_CSI))),
          claim_with_annotation(PSP, "mydriver.csi.k8s.io", claim_with_data_source(
              "test-snap", "VolumeSnapshot", "snapshot.storage.k8s.io",
              C("claim11-26", "uid11-26", "1Gi", "", PENDING, CLASS_CSI))),
          ["Normal ExternalProvisioning"]),
]


@pytest.mark.parametrize("test", params(TEST_PROVISION_SYNC))
def test_provision_sync(test: ControllerTest) -> None:
    """provision_test.go TestProvisionSync."""
    run_sync_test(test)


TEST_PROVISION_MULTI_SYNC = [
    _prov("12-1 - successful provision", [], [],
          C("claim12-1", "uid12-1", "1Gi", "", PENDING, CLASS_GOLD), [], [], skip=MOCK),
    _prov("12-2 - external provisioner with volume provisioned success", [], [],
          C("claim12-2", "uid12-2", "1Gi", "", PENDING, CLASS_EXTERNAL), [], [], skip=INJECT),
    _prov("12-3 - external provisioner with volume to be provisioned", [], [],
          C("claim12-3", "uid12-3", "1Gi", "", PENDING, CLASS_EXTERNAL),
          claim_with_annotation(PSB, "vendor.com/my-volume", claim_with_annotation(
              PSP, "vendor.com/my-volume",
              C("claim12-3", "uid12-3", "1Gi", "", PENDING, CLASS_EXTERNAL))),
          ["Normal ExternalProvisioning"]),
    _prov("12-4 - external provisioner with volume provisioned/bound success", [], [],
          C("claim12-4", "uid12-4", "1Gi", "", PENDING, CLASS_EXTERNAL), [], [], skip=INJECT),
]


@pytest.mark.parametrize("test", params(TEST_PROVISION_MULTI_SYNC))
def test_provision_multi_sync(test: ControllerTest) -> None:
    """provision_test.go TestProvisionMultiSync (runMultisyncTests, default class gold)."""
    # runMultisyncTests gets defaultStorageClass "gold" but only uses it for claims
    # without a class; 12-3's claim names its class, so the classes stay as they are.
    run_multisync_test(test)


# ---- pv_controller_test.go TestRetroactiveStorageClassAssignment ----------------------------------
def _default_class(name: str) -> dict:
    return storage_class(name, provisioner="kubernetes.io/no-provisioner",
                         binding_mode="Immediate", default=True)


def _plain_class(name: str) -> dict:
    return storage_class(name, provisioner="kubernetes.io/no-provisioner",
                         binding_mode="Immediate")


def _retro(name, classes, ic, ec) -> ControllerTest:
    return ControllerTest(name, [], [], ic, ec, [], "claim", classes=classes)


TEST_RETROACTIVE = [
    _retro("15-1 - pvc storage class is not assigned retroactively if there are no default "
           "storage classes", [],
           C("claim15-1", "uid15-1", "1Gi", "", PENDING, None),
           C("claim15-1", "uid15-1", "1Gi", "", PENDING, None)),
    _retro("15-3 - pvc storage class is not assigned retroactively if claim is already bound",
           [_default_class(CLASS_GOLD), _plain_class(CLASS_SILVER)],
           C("claim15-3", "uid15-3", "1Gi", "test", BOUND, CLASS_COPPER, BBC, BC),
           C("claim15-3", "uid15-3", "1Gi", "test", LOST, CLASS_COPPER, BBC, BC)),
    _retro("15-4 - pvc storage class is not assigned retroactively if claim is already bound but "
           "annotations are missing",
           [_default_class(CLASS_GOLD), _plain_class(CLASS_SILVER)],
           C("claim15-4", "uid15-4", "1Gi", "test", BOUND, CLASS_COPPER),
           C("claim15-4", "uid15-4", "1Gi", "test", PENDING, CLASS_COPPER)),
    _retro("15-5 - pvc storage class is assigned retroactively if there is a default",
           [_default_class(CLASS_GOLD), _plain_class(CLASS_SILVER)],
           C("claim15-5", "uid15-5", "1Gi", "", PENDING, None),
           C("claim15-5", "uid15-5", "1Gi", "", PENDING, CLASS_GOLD)),
    _retro("15-2 - pvc storage class is assigned retroactively if there are multiple default "
           "storage classes",
           [_default_class(CLASS_GOLD), _default_class(CLASS_SILVER)],
           C("claim15-2", "uid15-2", "1Gi", "", PENDING, None),
           C("claim15-2", "uid15-2", "1Gi", "", PENDING, CLASS_GOLD)),
    _retro("15-6 - pvc storage class is not changed if claim is not bound but already has a "
           "storage class",
           [_default_class(CLASS_GOLD), _plain_class(CLASS_COPPER)],
           C("claim15-6", "uid15-6", "1Gi", "", PENDING, CLASS_COPPER),
           C("claim15-6", "uid15-6", "1Gi", "", PENDING, CLASS_COPPER)),
    _retro("15-7 - pvc storage class is not changed if claim is not bound but already set "
           'annotation "volume.beta.kubernetes.io/storage-class"',
           [_default_class(CLASS_GOLD), _plain_class(CLASS_COPPER)],
           C("claim15-7", "uid15-7", "1Gi", "", PENDING, None, ANN_BETA_STORAGE_CLASS),
           C("claim15-7", "uid15-7", "1Gi", "", PENDING, None, ANN_BETA_STORAGE_CLASS)),
]


@pytest.mark.parametrize("test", params(TEST_RETROACTIVE))
def test_retroactive_storage_class_assignment(test: ControllerTest) -> None:
    """pv_controller_test.go TestRetroactiveStorageClassAssignment."""
    run_sync_test(test)


# ---- event messages of the VolumeMismatch rows ------------------------------------------------------
@pytest.mark.parametrize("case, message", [
    ("2-9 - claim prebound to unbound volume that size is smaller than requested",
     'Cannot bind to requested volume "volume2-9": requested PV is too small'),
    ("2-10 - claim prebound to unbound volume that class is different",
     'Cannot bind to requested volume "volume2-10": storageClassName does not match'),
    ("2-11 - claim prebound to unbound volume that volume attributes class is different",
     'Cannot bind to requested volume "volume2-11": volumeAttributesClassName does not match'),
])
def test_volume_mismatch_event_message(case: str, message: str) -> None:
    """syncUnboundClaim's VolumeMismatch text (pv_controller.go), on TestSync's rows."""
    test = next(t for t in TEST_SYNC if t.name == case)
    cluster = run_sync_test(test)
    assert not diff_events([f"Warning VolumeMismatch {message}"], cluster.events())


@pytest.mark.parametrize("case, message", [
    ("14-8 - do not bind when pvc is prebound to pv with mismatching volumeModes",
     'Cannot bind to requested volume "volume14-8": incompatible volumeMode'),
    ("14-5-2 - do not bind when pvc is prebound to pv with matching volumeModes but class does "
     "not match",
     'Cannot bind to requested volume "volume14-5-2": storageClassName does not match'),
])
def test_volume_mismatch_event_message_block(case: str, message: str) -> None:
    test = next(t for t in TEST_SYNC_BLOCK_VOLUME if t.name == case)
    cluster = run_sync_test(test)
    assert not diff_events([f"Warning VolumeMismatch {message}"], cluster.events())



# ---- pv_controller_test.go TestControllerSync ------------------------------------------------------
# Upstream runs the real controller against a fake API server and feeds it add/delete
# events. Here the objects are loaded, the PV controller alone is run until it settles
# (every claim, then every volume, until nothing changes — no other controller), each
# event is made with kubectl through ``cluster.run``, and the controller settles again.
# The fake API server's "delete" ignores finalizers; ``_remove`` clears them first.
CONTROLLER_SYNC_CLASSES = [storage_class(CLASS_EXTERNAL, provisioner="gcr.io/vendor-csi",
                                         binding_mode="Immediate")]
PV_DELETION_PROTECTION_FINALIZER = "external-provisioner.volume.kubernetes.io/finalizer"
PV_DELETION_IN_TREE_PROTECTION_FINALIZER = "kubernetes.io/pv-controller"
VENDOR_CSI = "gcr.io/vendor-csi"


def _remove(kind: str, name: str):
    def step(cluster) -> None:
        cluster.run(f"kubectl patch {kind} {name} --type merge "
                    "-p '{\"metadata\":{\"finalizers\":null}}'")
        cluster.run(f"kubectl delete {kind} {name}")
    return step


def _with_annotation(name: str, value: str, objects: list[dict]) -> list[dict]:
    for obj in objects:
        obj["metadata"].setdefault("annotations", {})[name] = value
    return objects


def _with_finalizers(objects: list[dict], finalizers: list[str]) -> list[dict]:
    for obj in objects:
        obj["metadata"]["finalizers"] = list(finalizers)
    return objects


def _ctrl(name, iv, ev, ic, ec, events, steps=(), skip="") -> pytest.param:
    test = ControllerTest(name, iv, ev, ic, ec, list(events), "controller", skip=skip,
                          classes=CONTROLLER_SYNC_CLASSES)
    marks = [pytest.mark.skip(reason=skip)] if skip else []
    return pytest.param(test, list(steps), id=name, marks=marks)


def _external_volume(name, capacity, uid, claim, phase, *annotations) -> dict:
    from tests.core.upstream_fixtures import new_external_provisioned_volume
    return new_external_provisioned_volume(name, capacity, uid, claim, phase, DELETE,
                                           CLASS_EXTERNAL, "fake.driver.csi", None, *annotations)


TEST_CONTROLLER_SYNC = [
    _ctrl("5-2 - complete bind", [], [], [], [], [],
          skip="the add-claim event needs a claim with a chosen uid created after start; "
               "the same end state is 5-2-2"),
    _ctrl("5-2-2 - complete bind when PV and PVC both exist",
          V("volume5-2", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY),
          V("volume5-2", "1Gi", "uid5-2", "claim5-2", BOUND, RETAIN, CLASS_EMPTY, BBC),
          C("claim5-2", "uid5-2", "1Gi", "", PENDING, None),
          C("claim5-2", "uid5-2", "1Gi", "volume5-2", BOUND, None, BBC, BC),
          NO_EVENTS),
    _ctrl("5-2-3 - complete bind when PV and PVC both exist and PV has AnnPreResizeCapacity "
          "annotation",
          _with_annotation("volume.alpha.kubernetes.io/pre-resize-capacity", "1Gi",
                           V("volume5-2", "2Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY, BBC)),
          _with_annotation("volume.alpha.kubernetes.io/pre-resize-capacity", "1Gi",
                           V("volume5-2", "2Gi", "uid5-2", "claim5-2", BOUND, RETAIN,
                             CLASS_EMPTY, BBC)),
          with_expected_capacity("2Gi", C("claim5-2", "uid5-2", "2Gi", "", PENDING, None)),
          with_expected_capacity("1Gi", C("claim5-2", "uid5-2", "2Gi", "volume5-2", BOUND, None,
                                          BBC, BC)),
          NO_EVENTS),
    _ctrl("5-3 - delete claim",
          V("volume5-3", "10Gi", "uid5-3", "claim5-3", BOUND, RETAIN, CLASS_EMPTY, BBC),
          V("volume5-3", "10Gi", "uid5-3", "claim5-3", RELEASED, RETAIN, CLASS_EMPTY, BBC),
          C("claim5-3", "uid5-3", "1Gi", "volume5-3", BOUND, None, BBC, BC), [],
          NO_EVENTS, [_remove("pvc", "claim5-3")]),
    _ctrl("5-4 - delete volume",
          V("volume5-4", "1Gi", "uid5-4", "claim5-4", BOUND, RETAIN, CLASS_EMPTY), [],
          C("claim5-4", "uid5-4", "1Gi", "volume5-4", BOUND, None, BBC, BC),
          C("claim5-4", "uid5-4", "1Gi", "volume5-4", LOST, None, BBC, BC),
          ["Warning ClaimLost"], [_remove("pv", "volume5-4")]),
    _ctrl("5-5 - delete claim and delete volume report metric",
          _with_annotation(ANN_DYNAMICALLY_PROVISIONED, VENDOR_CSI,
                           V("volume5-5", "10Gi", "uid5-5", "claim5-5", BOUND, DELETE,
                             CLASS_EXTERNAL, BBC)), [],
          claim_with_annotation(PSP, VENDOR_CSI, C("claim5-5", "uid5-5", "1Gi", "volume5-5",
                                                   BOUND, CLASS_EXTERNAL, BBC, BC)), [],
          NO_EVENTS, [_remove("pvc", "claim5-5"), _remove("pv", "volume5-5")]),
    _ctrl("5-6 - delete claim and waiting for external volume deletion",
          _with_annotation(ANN_DYNAMICALLY_PROVISIONED, VENDOR_CSI, [_external_volume(
              "volume5-6", "10Gi", "uid5-6", "claim5-6", BOUND, BBC)]),
          _with_annotation(ANN_DYNAMICALLY_PROVISIONED, VENDOR_CSI, [_external_volume(
              "volume5-6", "10Gi", "uid5-6", "claim5-6", RELEASED, BBC)]),
          claim_with_annotation(PSP, VENDOR_CSI, C("claim5-6", "uid5-6", "1Gi", "volume5-6",
                                                   BOUND, CLASS_EXTERNAL, BBC, BC)), [],
          NO_EVENTS, [_remove("pvc", "claim5-6")]),
    _ctrl("5-7 - delete volume event makes claim lost, delete claim event will not report "
          "metric",
          V("volume5-7", "10Gi", "uid5-7", "claim5-7", BOUND, DELETE, CLASS_EXTERNAL, BBC,
            ANN_DYNAMICALLY_PROVISIONED), [],
          claim_with_annotation(PSP, VENDOR_CSI, C("claim5-7", "uid5-7", "1Gi", "volume5-7",
                                                   BOUND, CLASS_EXTERNAL, BBC, BC)), [],
          ["Warning ClaimLost"], [_remove("pv", "volume5-7"), _remove("pvc", "claim5-7")]),
    _ctrl("5-8 - delete claim cleans up operation timestamp cache for provision", [], [],
          claim_with_annotation(PSP, VENDOR_CSI, C("claim5-8", "uid5-8", "1Gi", "", PENDING,
                                                   CLASS_EXTERNAL)), [],
          ["Normal ExternalProvisioning"], [_remove("pvc", "claim5-8")]),
    _ctrl("5-9 - volume has its external PV deletion protection finalizer removed as CSI "
          "migration is disabled",
          _with_finalizers(_with_annotation(ANN_MIGRATED_TO, "pd.csi.storage.gke.io", V(
              "volume-5-9", "1Gi", "", "", AVAILABLE, DELETE, CLASS_EMPTY,
              ANN_DYNAMICALLY_PROVISIONED)), [PV_DELETION_PROTECTION_FINALIZER]),
          _with_finalizers(V("volume-5-9", "1Gi", "", "", AVAILABLE, DELETE, CLASS_EMPTY,
                             ANN_DYNAMICALLY_PROVISIONED),
                           [PV_DELETION_IN_TREE_PROTECTION_FINALIZER]),
          [], [], NO_EVENTS),
]


@pytest.mark.parametrize("test, steps", TEST_CONTROLLER_SYNC)
def test_controller_sync(test: ControllerTest, steps: list) -> None:
    """pv_controller_test.go TestControllerSync (set 5)."""
    from tests.core.upstream_fixtures import build_cluster, evaluate, settle_pv_controller

    cluster = build_cluster(test)
    settle_pv_controller(cluster, test.name)
    for step in steps:
        step(cluster)
        settle_pv_controller(cluster, test.name)
    evaluate(cluster, test)


# ---- pv_controller_test.go TestAnnealMigrationAnnotations, through syncVolume / syncClaim ----------
# updateMigrationAnnotations is what syncVolume and syncClaim call first; the rows run
# through one sync of a volume (Available, no claim) and of a claim (Pending, no class),
# and only the annotations are compared.
GCE_PD, GCE_DRIVER = "kubernetes.io/gce-pd", "pd.csi.storage.gke.io"
RBD, RBD_DRIVER = "kubernetes.io/rbd", "rbd.csi.ceph.com"
OTHER_PLUGIN = "non-migrated-plugin"
ANNEAL = [
    ("migration on", {ANN_DYNAMICALLY_PROVISIONED: GCE_PD},
     {ANN_DYNAMICALLY_PROVISIONED: GCE_PD, ANN_MIGRATED_TO: GCE_DRIVER},
     {PSP: GCE_PD}, {PSP: GCE_PD, ANN_MIGRATED_TO: GCE_DRIVER}),
    ("migration on with Beta storage provisioner annotation",
     {ANN_DYNAMICALLY_PROVISIONED: GCE_PD},
     {ANN_DYNAMICALLY_PROVISIONED: GCE_PD, ANN_MIGRATED_TO: GCE_DRIVER},
     {PSB: GCE_PD}, {PSB: GCE_PD, ANN_MIGRATED_TO: GCE_DRIVER}),
    ("migration off", {ANN_DYNAMICALLY_PROVISIONED: RBD}, {ANN_DYNAMICALLY_PROVISIONED: RBD},
     {PSP: RBD}, {PSP: RBD}),
    ("migration off removes migrated to (rollback)",
     {ANN_DYNAMICALLY_PROVISIONED: RBD, ANN_MIGRATED_TO: RBD_DRIVER},
     {ANN_DYNAMICALLY_PROVISIONED: RBD},
     {PSP: RBD, ANN_MIGRATED_TO: RBD_DRIVER}, {PSP: RBD}),
    ("migration off removes migrated to (rollback) with Beta storage provisioner annotation",
     {ANN_DYNAMICALLY_PROVISIONED: RBD, ANN_MIGRATED_TO: RBD_DRIVER},
     {ANN_DYNAMICALLY_PROVISIONED: RBD},
     {PSB: RBD, ANN_MIGRATED_TO: RBD_DRIVER}, {PSB: RBD}),
    ("migration on, other plugin not affected", {ANN_DYNAMICALLY_PROVISIONED: OTHER_PLUGIN},
     {ANN_DYNAMICALLY_PROVISIONED: OTHER_PLUGIN}, {PSP: OTHER_PLUGIN}, {PSP: OTHER_PLUGIN}),
    ("not dynamically provisioned", {}, {}, {}, {}),
    ("nil annotations", None, None, None, None),
]


@pytest.mark.parametrize("annotations, expected", [
    pytest.param(v, ev, id=n) for n, v, ev, _c, _ec in ANNEAL])
def test_anneal_migration_annotations_volume(annotations: dict | None,
                                             expected: dict | None) -> None:
    """TestAnnealMigrationAnnotations, volume side (syncVolume)."""
    from core import Cluster

    volume = new_volume("volume", "1Gi", "", "", AVAILABLE, RETAIN, CLASS_EMPTY)
    if annotations is not None:
        volume["metadata"]["annotations"] = dict(annotations)
    cluster = Cluster.from_manifests([volume])
    cluster.sync_volume("volume")
    got = next(o for o in cluster.manifests() if o["kind"] == "PersistentVolume")
    assert (got["metadata"].get("annotations") or {}) == (expected or {})


@pytest.mark.parametrize("annotations, expected", [
    pytest.param(c, ec, id=n) for n, _v, _ev, c, ec in ANNEAL])
def test_anneal_migration_annotations_claim(annotations: dict | None,
                                            expected: dict | None) -> None:
    """TestAnnealMigrationAnnotations, claim side (syncClaim)."""
    from core import Cluster

    claim = new_claim("claim", "uid", "1Gi", "", PENDING, None)
    if annotations is not None:
        claim["metadata"]["annotations"] = dict(annotations)
    cluster = Cluster.from_manifests([claim])
    cluster.sync_claim("default", "claim")
    got = next(o for o in cluster.manifests() if o["kind"] == "PersistentVolumeClaim")
    assert (got["metadata"].get("annotations") or {}) == (expected or {})


# ---- pv_controller_test.go TestModifyDeletionFinalizers, through syncVolume -----------------------
# modifyDeletionFinalizers runs at the start of every syncVolume (HonorPVReclaimPolicy is
# GA); each row is one sync of its volume and only the finalizers are compared. The
# volume's claim does not exist, so the rest of the sync releases/reclaims it, which
# leaves the finalizers alone.
CUSTOM_FINALIZER = "test.volume.kubernetes.io/finalizer"
EXT, INTREE = PV_DELETION_PROTECTION_FINALIZER, PV_DELETION_IN_TREE_PROTECTION_FINALIZER
RECYCLE = "Recycle"


def _fin_volume(name, phase, policy, finalizers, *annotations, uid="uid11-23",
                claim="claim11-23") -> dict:
    from tests.core.upstream_fixtures import new_volume_with_finalizers
    return new_volume_with_finalizers(name, "1Gi", uid, claim, phase, policy, CLASS_COPPER,
                                      finalizers, *annotations)


def _fin_external(name, finalizers) -> dict:
    from tests.core.upstream_fixtures import new_external_provisioned_volume
    return new_external_provisioned_volume(name, "1Gi", "uid11-23", "claim11-23", BOUND, DELETE,
                                           CLASS_COPPER, RBD_DRIVER, finalizers,
                                           ANN_DYNAMICALLY_PROVISIONED, BBC)


DP = ANN_DYNAMICALLY_PROVISIONED
MODIFY_DELETION_FINALIZERS = [
    ("13-1 migration was never enabled, volume has the finalizer",
     _fin_external("volume-13-1", [EXT]), None, [EXT]),
    ("13-2 migration was never enabled, volume does not have the finalizer",
     _fin_external("volume-13-2", None), None, []),
    ("13-3 migration was disabled, volume has existing custom finalizer, does not have in-tree "
     "pv deletion protection finalizer",
     _fin_volume("volume-13-3", BOUND, DELETE, [CUSTOM_FINALIZER], DP, BBC), None,
     [CUSTOM_FINALIZER, INTREE]),
    ("13-4 migration was disabled, volume has no finalizers",
     _fin_volume("volume-13-4", BOUND, DELETE, None, DP, BBC), None, [INTREE]),
    ("13-5 migration was disabled, volume has external PV deletion finalizer",
     _fin_volume("volume-13-5", BOUND, DELETE, [EXT], DP, BBC), None, [INTREE]),
    ("13-6 migration was disabled, volume has multiple finalizers",
     _fin_volume("volume-13-6", BOUND, DELETE, [EXT, CUSTOM_FINALIZER], DP, BBC), None,
     [CUSTOM_FINALIZER, INTREE]),
    ("13-7 migration is enabled, volume has both the in-tree and external PV deletion "
     "protection finalizer",
     _fin_volume("volume-13-7", BOUND, DELETE, [EXT, INTREE], DP, BBC),
     {DP: GCE_PD, ANN_MIGRATED_TO: GCE_DRIVER}, [EXT]),
    ("13-8 migration is enabled but plugin migration feature is disabled, volume has the "
     "external PV deletion protection finalizer",
     _fin_volume("volume-13-8", BOUND, DELETE, [EXT], DP, BBC), None, [INTREE]),
    ("13-9 migration is enabled but plugin migration feature is disabled, volume has multiple "
     "finalizers including external PV deletion protection finalizer",
     _fin_volume("volume-13-9", BOUND, DELETE, [EXT, CUSTOM_FINALIZER], DP, BBC), None,
     [CUSTOM_FINALIZER, INTREE]),
    ("13-10 missing annotations but finalizers exist",
     _fin_volume("volume-13-10", BOUND, DELETE, [EXT]), None, [EXT]),
    ("13-11 missing annotations and finalizers",
     _fin_volume("volume-13-11", BOUND, DELETE, None), None, []),
    ("13-12 migration is disabled, volume has no finalizers, reclaimPolicy is Retain",
     _fin_volume("volume-13-12", BOUND, RETAIN, None, DP, BBC), None, []),
    ("13-13 migration is disabled, volume has no finalizers, reclaimPolicy is Recycle",
     _fin_volume("volume-13-13", BOUND, RECYCLE, None, DP, BBC), None, []),
    ("13-14 migration is disabled, volume has in-tree pv deletion finalizers, reclaimPolicy is "
     "Retain",
     _fin_volume("volume-13-14", BOUND, RETAIN, [INTREE], DP, BBC), None, []),
    ("13-15 migration is disabled, statically provisioned PV",
     _fin_volume("volume-13-14", AVAILABLE, DELETE, None, uid="", claim=""), None, []),
]


@pytest.mark.parametrize("volume, annotations, expected", [
    pytest.param(v, a, e, id=n) for n, v, a, e in MODIFY_DELETION_FINALIZERS])
def test_modify_deletion_finalizers(volume: dict, annotations: dict | None,
                                   expected: list[str]) -> None:
    """TestModifyDeletionFinalizers, through one syncVolume."""
    import copy as _copy

    from core import Cluster

    volume = _copy.deepcopy(volume)
    if annotations is not None:
        volume["metadata"]["annotations"] = dict(annotations)
    cluster = Cluster.from_manifests([volume])
    cluster.sync_volume(volume["metadata"]["name"])
    got = next(o for o in cluster.manifests() if o["kind"] == "PersistentVolume")
    assert list(got["metadata"].get("finalizers") or []) == expected
