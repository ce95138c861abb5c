"""``staging/src/k8s.io/component-helpers/storage/volume/pv_helpers_test.go``, ported.

``TestDelayBindingMode`` against ``core.binding.is_delay_binding_mode`` and
``TestFindMatchVolumeWithNode`` (with its VolumeAttributesClass rows) against
``core.binding.find_matching_volume``; plus the reasons ``checkVolumeSatisfyClaim``
(``pkg/controller/volume/persistentvolume/pv_controller.go``) returns, on the objects of
the binder rows that reach it, against ``core.binding.check_volume_satisfy_claim``.
"""

from __future__ import annotations

import copy

import pytest

from core import binding
from tests.core.upstream_fixtures import (
    BLOCK,
    CLASS_EMPTY,
    CLASS_GOLD,
    CLASS_SILVER,
    FILESYSTEM,
    ROX,
    RWO,
    RWX,
    by_uid,
    claim_with_access_mode,
    claim_with_vac,
    new_claim_array,
    new_volume,
    new_volume_array,
    volumes_with_vac,
    with_claim_volume_mode,
    with_volume_volume_mode,
)


# ---- TestDelayBindingMode ------------------------------------------------------------------------
def _pvc_class(class_name: str | None) -> dict:
    spec = {} if class_name is None else {"storageClassName": class_name}
    return {"apiVersion": "v1", "kind": "PersistentVolumeClaim",
            "metadata": {"annotations": {}}, "spec": spec}


def _class(name: str, mode: str | None) -> dict:
    sc = {"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass", "metadata": {"name": name}}
    if mode is not None:
        sc["volumeBindingMode"] = mode
    return sc


DELAY_CLASSES = [
    _class("no-mode", None),
    _class("immediate-mode", "Immediate"),
    _class("wait-mode", "WaitForFirstConsumer"),
]


@pytest.mark.parametrize("class_name, should_delay", [
    pytest.param(None, False, id="nil-class"),
    pytest.param("not-here", False, id="class-not-found"),
    pytest.param("immediate-mode", False, id="immediate-mode-class"),
    pytest.param("wait-mode", True, id="wait-mode-class"),
])
def test_delay_binding_mode(class_name: str | None, should_delay: bool) -> None:
    """TestDelayBindingMode."""
    assert binding.is_delay_binding_mode(_pvc_class(class_name), DELAY_CLASSES) is should_delay


def test_delay_binding_mode_no_mode_class_fails() -> None:
    """TestDelayBindingMode "no-mode-class": a class without volumeBindingMode is an error."""
    with pytest.raises(ValueError):
        binding.is_delay_binding_mode(_pvc_class("no-mode"), DELAY_CLASSES)


# ---- TestFindMatchVolumeWithNode ---------------------------------------------------------------
def _node_affinity(key: str, value: str) -> dict:
    return {"required": {"nodeSelectorTerms": [
        {"matchExpressions": [{"key": key, "operator": "In", "values": [value]}]}]}}


def make_test_volume(uid: str, name: str, capacity: str, available: bool,
                     class_name: str = "", claim_ref: dict | None = None,
                     affinity: tuple[str, str] | None = None) -> dict:
    """``makeTestVolume``: a local RWO+ROX Filesystem volume, Available or phase-less."""
    volume = {
        "apiVersion": "v1", "kind": "PersistentVolume",
        "metadata": {"uid": uid, "name": name},
        "spec": {"capacity": {"storage": capacity}, "local": {}, "accessModes": [RWO, ROX],
                 "volumeMode": FILESYSTEM},
        "status": {"phase": "Available"} if available else {},
    }
    if class_name:
        volume["spec"]["storageClassName"] = class_name
    if claim_ref is not None:
        volume["spec"]["claimRef"] = claim_ref
    if affinity is not None:
        volume["spec"]["nodeAffinity"] = _node_affinity(*affinity)
    return volume


def make_test_claim(name: str, size: str, modes: list[str], vac: str | None = None) -> dict:
    """``makeTestPersistentVolumeClaim``: namespace myns, class "wait", Filesystem."""
    claim = {
        "apiVersion": "v1", "kind": "PersistentVolumeClaim",
        "metadata": {"name": name, "namespace": "myns"},
        "spec": {"accessModes": modes, "resources": {"requests": {"storage": size}},
                 "storageClassName": "wait", "volumeMode": FILESYSTEM},
    }
    if vac is not None:
        claim["spec"]["volumeAttributesClassName"] = vac
    return claim


def node_volumes() -> list[dict]:
    return [
        make_test_volume("local-small", "local001", "5G", True),
        make_test_volume("local-pd-very-large", "local002", "200E", True, "large"),
        make_test_volume("affinity-pv", "affinity001", "100G", True, "wait",
                         affinity=("key1", "value1")),
        make_test_volume("affinity-pv2", "affinity002", "150G", True, "wait",
                         affinity=("key1", "value1")),
        make_test_volume("affinity-prebound", "affinity003", "100G", True, "wait",
                         claim_ref={"name": "claim02", "namespace": "myns"},
                         affinity=("key1", "value1")),
        make_test_volume("affinity-pv3", "affinity003", "200G", True, "wait",
                         affinity=("key1", "value3")),
        make_test_volume("affinity-pv4", "affinity004", "200G", False, "wait",
                         affinity=("key1", "value4")),
    ]


def with_vac(name: str, volumes: list[dict]) -> list[dict]:
    out = copy.deepcopy(volumes)
    for volume in out:
        volume["spec"]["volumeAttributesClassName"] = name
    return out


def node(value: str) -> dict:
    return {"apiVersion": "v1", "kind": "Node", "metadata": {"labels": {"key1": value}}}


# name, expected uid ("" = none), expect error, claim, node, volumes factory, excluded, vac gate
NODE_SCENARIOS = [
    ("success-match", "affinity-pv", False, ("claim01", [RWO], None), "value1", False, ()),
    ("success-prebound", "affinity-prebound", False, ("claim02", [RWO], None), "value1", False,
     ()),
    ("success-exclusion", "affinity-pv2", False, ("claim01", [RWO], None), "value1", False,
     ("affinity001",)),
    ("fail-exclusion", "", False, ("claim01", [RWO], None), "value1", False,
     ("affinity001", "affinity002", "affinity002-vac")),
    ("fail-accessmode", "", False, ("claim01", [RWX], None), "value1", False, ()),
    ("fail-nodeaffinity", "", False, ("claim01", [RWO], None), "value2", False, ()),
    ("fail-prebound-node-affinity", "", False, ("claim02", [RWO], None), "value3", False, ()),
    ("fail-nonavaliable", "", False, ("claim04", [RWO], None), "value4", False, ()),
    ("success-bad-and-good-node-affinity", "affinity-pv3", False, ("claim03", [RWO], None),
     "value3", False, ()),
]
VAC_SCENARIOS = [
    # (name, expected uid, expect error, claim, node value, volumes have VAC, excluded, gates)
    ("success-match-with-vac", "affinity-pv", False, ("claim01", [RWO], CLASS_GOLD), "value1",
     True, (), (True,)),
    ("fail-vac", "", False, ("claim01", [RWO], CLASS_SILVER), "value1", False, (), (True,)),
    ("fail-prebound-vac", "", False, ("claim02", [RWO], CLASS_SILVER), "value1", True, (),
     (True,)),
    ("fail-on-error", "", True, ("claim01", [RWO], CLASS_GOLD), "value1", False, (), (False,)),
    ("fail-volumes-vac", "", False, ("claim01", [RWO], None), "value1", True, (), (False,)),
]


def _node_params() -> list:
    out = []
    for name, want, err, claim, node_value, vac_volumes, excluded in NODE_SCENARIOS:
        for enabled in (True, False):
            out.append(pytest.param(want, err, claim, node_value, vac_volumes, excluded, enabled,
                                    id=f"[VolumeAttributiesClass: {enabled}] {name}"))
    for name, want, err, claim, node_value, vac_volumes, excluded, gates in VAC_SCENARIOS:
        for enabled in gates:
            out.append(pytest.param(want, err, claim, node_value, vac_volumes, excluded, enabled,
                                    id=f"[VolumeAttributiesClass: {enabled}] {name}"))
    return out


@pytest.mark.parametrize("want, expect_error, claim_args, node_value, vac_volumes, excluded, "
                         "vac_enabled", _node_params())
def test_find_match_volume_with_node(want: str, expect_error: bool, claim_args: tuple,
                                     node_value: str, vac_volumes: bool, excluded: tuple,
                                     vac_enabled: bool) -> None:
    """TestFindMatchVolumeWithNode: FindMatchingVolume(claim, volumes, node, excluded,
    delayBinding=true, vacEnabled). ``vac_enabled`` is the engine's name for the gate;
    interfaces.md does not list it (VAC is GA, so True is the default)."""
    volumes = with_vac(CLASS_GOLD, node_volumes()) if vac_volumes else node_volumes()
    claim = make_test_claim(claim_args[0], "100G", claim_args[1], claim_args[2])
    uid = by_uid(volumes)
    kwargs = {"node": node(node_value), "excluded": excluded, "delay_binding": True}
    if not vac_enabled:
        kwargs["vac_enabled"] = False
    if expect_error:
        with pytest.raises(ValueError):
            binding.find_matching_volume(claim, volumes, **kwargs)
        return
    assert uid(binding.find_matching_volume(claim, volumes, **kwargs)) == want


# ---- checkVolumeSatisfyClaim reasons ----------------------------------------------------------------
def _first(objects: list[dict]) -> dict:
    return objects[0]


SATISFY_CASES = [
    pytest.param(_first(new_volume_array("volume2-3", "1Gi", "", "", "Available", "Retain",
                                         CLASS_EMPTY)),
                 _first(new_claim_array("claim2-3", "uid2-3", "1Gi", "volume2-3", "Pending",
                                        None)),
                 None, id="2-3 satisfied"),
    pytest.param(_first(new_volume_array("volume2-9", "1Gi", "", "", "Available", "Retain",
                                         CLASS_EMPTY)),
                 _first(new_claim_array("claim2-9", "uid2-9", "2Gi", "volume2-9", "Bound",
                                        None)),
                 "requested PV is too small", id="2-9 too small"),
    pytest.param(_first(new_volume_array("volume2-10", "1Gi", "1", "", "Available", "Retain",
                                         CLASS_GOLD)),
                 _first(new_claim_array("claim2-10", "uid2-10", "1Gi", "volume2-10", "Bound",
                                        None)),
                 "storageClassName does not match", id="2-10 class"),
    pytest.param(_first(volumes_with_vac(CLASS_GOLD, new_volume_array(
        "volume2-11", "1Gi", "", "", "Available", "Retain", CLASS_EMPTY))),
                 _first(new_claim_array("claim2-11", "uid2-11", "1Gi", "volume2-11", "Bound",
                                        None)),
                 "volumeAttributesClassName does not match", id="2-11 VAC"),
    pytest.param(_first(volumes_with_vac(CLASS_GOLD, new_volume_array(
        "volume2-12", "1Gi", "", "", "Available", "Retain", CLASS_EMPTY))),
                 _first(claim_with_vac(CLASS_GOLD, new_claim_array(
                     "claim2-12", "uid2-12", "1Gi", "volume2-12", "Pending", None))),
                 None, id="2-12 same VAC"),
    pytest.param(_first(with_volume_volume_mode(BLOCK, new_volume_array(
        "volume14-8", "10Gi", "", "", "Available", "Retain", CLASS_EMPTY))),
                 _first(with_claim_volume_mode(FILESYSTEM, new_claim_array(
                     "claim14-8", "uid14-8", "10Gi", "volume14-8", "Pending", None))),
                 "incompatible volumeMode", id="14-8 volumeMode"),
    pytest.param(_first(new_volume_array("volume1-16", "1Gi", "", "", "Available", "Retain",
                                         CLASS_EMPTY)),
                 _first(claim_with_access_mode([RWX], new_claim_array(
                     "claim1-16", "uid1-16", "1Gi", "volume1-16", "Pending", None))),
                 "incompatible accessMode", id="1-16 accessMode"),
    pytest.param(dict(new_volume("pv1", "1Gi", "", "", "Available", "Retain", CLASS_EMPTY),
                      metadata={"name": "pv1", "deletionTimestamp": "2020-02-18T10:30:30Z"}),
                 _first(new_claim_array("pvc1", "uid", "1Gi", "pv1", "Pending", None)),
                 'the volume is marked for deletion "pv1"', id="deletion timestamp"),
    # Deletion is checked first, size second: the first failing check names the reason.
    pytest.param(dict(new_volume("pv1", "1Gi", "", "", "Available", "Retain", CLASS_GOLD),
                      metadata={"name": "pv1", "deletionTimestamp": "2020-02-18T10:30:30Z"}),
                 _first(new_claim_array("pvc1", "uid", "2Gi", "pv1", "Pending", None)),
                 'the volume is marked for deletion "pv1"', id="deletion before size"),
    pytest.param(_first(new_volume_array("pv1", "1Gi", "", "", "Available", "Retain",
                                         CLASS_GOLD)),
                 _first(new_claim_array("pvc1", "uid", "2Gi", "pv1", "Pending", None)),
                 "requested PV is too small", id="size before class"),
]


@pytest.mark.parametrize("volume, claim, reason", SATISFY_CASES)
def test_check_volume_satisfy_claim(volume: dict, claim: dict, reason: str | None) -> None:
    """checkVolumeSatisfyClaim (pv_controller.go), order: deletion, size, class, VAC,
    volumeMode, access modes."""
    assert binding.check_volume_satisfy_claim(volume, claim) == reason
