"""core.binding against Kubernetes' own tables.

Ported from ``pkg/controller/volume/persistentvolume/index_test.go`` and
``staging/src/k8s.io/component-helpers/storage/volume/pv_helpers_test.go``; the test
names are the upstream ones. Upstream identifies a match by the PV's UID, so do we.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from core import binding
from core.binding import (
    check_access_modes,
    check_volume_satisfy_claim,
    find_best_match,
    find_matching_volume,
    is_delay_binding_mode,
    volume_mode_mismatch,
)
from core.objects import uid_of

RWO, ROX, RWX, RWOP = "ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"


def pv(uid: str, name: str, capacity: str, modes: tuple[str, ...], *, phase: str = "Available",
       cls: str = "", labels: dict | None = None, claim_ref: dict | None = None,
       affinity: tuple[str, str] | None = None, volume_mode: str | None = "Filesystem",
       deleting: bool = False) -> dict[str, Any]:
    volume: dict[str, Any] = {
        "apiVersion": "v1", "kind": "PersistentVolume",
        "metadata": {"name": name, "uid": uid},
        "spec": {"capacity": {"storage": capacity}, "accessModes": list(modes),
                 "storageClassName": cls},
        "status": {"phase": phase} if phase else {},
    }
    if volume_mode is not None:
        volume["spec"]["volumeMode"] = volume_mode
    if labels:
        volume["metadata"]["labels"] = labels
    if claim_ref is not None:
        volume["spec"]["claimRef"] = claim_ref
    if affinity is not None:
        volume["spec"]["nodeAffinity"] = {"required": {"nodeSelectorTerms": [{
            "matchExpressions": [{"key": affinity[0], "operator": "In",
                                  "values": [affinity[1]]}]}]}}
    if deleting:
        volume["metadata"]["deletionTimestamp"] = "2020-02-18T10:30:30Z"
    return volume


def make_pvc(size: str, *, name: str = "claim01", modes: tuple[str, ...] = (ROX, RWO),
             cls: str | None = None, selector: dict | None = None,
             volume_mode: str | None = "Filesystem", uid: str = "") -> dict[str, Any]:
    """``makePVC`` of index_test.go."""
    claim: dict[str, Any] = {
        "apiVersion": "v1", "kind": "PersistentVolumeClaim",
        "metadata": {"name": name, "namespace": "myns"},
        "spec": {"accessModes": list(modes), "resources": {"requests": {"storage": size}}},
    }
    if uid:
        claim["metadata"]["uid"] = uid
    if volume_mode is not None:
        claim["spec"]["volumeMode"] = volume_mode
    if cls is not None:
        claim["spec"]["storageClassName"] = cls
    if selector is not None:
        claim["spec"]["selector"] = selector
    return claim


def create_test_volumes() -> list[dict[str, Any]]:
    """``createTestVolumes`` of index_test.go (deliberately out of order)."""
    rwo_rox, rwo_rox_rwx = (RWO, ROX), (RWO, ROX, RWX)
    return [
        pv("gce-pd-10", "gce003", "10G", rwo_rox),
        pv("gce-pd-20", "gce004", "20G", rwo_rox, claim_ref={"uid": "def456"}, phase="Bound"),
        pv("nfs-5", "nfs002", "5G", rwo_rox_rwx),
        pv("gce-pd-1", "gce001", "1G", rwo_rox, claim_ref={"uid": "abc123"}, phase="Bound"),
        pv("nfs-10", "nfs003", "10G", rwo_rox_rwx),
        pv("gce-pd-5", "gce002", "5G", rwo_rox),
        pv("nfs-1", "nfs001", "1G", rwo_rox_rwx),
        pv("gce-pd-2", "gce0022", "20000G", (RWO,), labels={"should-exist": "true"}),
        pv("gce-pd-silver1", "gce0023", "10000G", (RWO,), labels={"should-exist": "true"},
           cls="silver"),
        pv("gce-pd-silver2", "gce0024", "100G", (RWO,), cls="silver"),
        pv("gce-pd-gold", "gce0025", "50G", (RWO,), cls="gold"),
        pv("local-pd-very-large", "local001", "200E", rwo_rox_rwx, cls="large"),
        pv("local-pd-extremely-large", "local002", "800E", rwo_rox_rwx, cls="large"),
        pv("affinity-pv", "affinity001", "100G", rwo_rox, cls="wait", affinity=("key1", "value1")),
        pv("affinity-pv2", "affinity002", "150G", rwo_rox, cls="wait", affinity=("key1", "value1")),
        pv("affinity-prebound", "affinity003", "100G", rwo_rox, cls="wait",
           claim_ref={"name": "claim02", "namespace": "myns"}, affinity=("key1", "value1")),
        pv("affinity-pv3", "affinity003", "200G", rwo_rox, cls="wait", affinity=("key1", "value3")),
        pv("affinity-pv4-pending", "affinity004-pending", "200G", rwo_rox, cls="wait",
           affinity=("key1", "value4"), phase="Pending"),
        pv("affinity-pv4-failed", "affinity004-failed", "200G", rwo_rox, cls="wait",
           affinity=("key1", "value4"), phase="Failed"),
        pv("affinity-pv4-released", "affinity004-released", "200G", rwo_rox, cls="wait",
           affinity=("key1", "value4"), phase="Released"),
        pv("affinity-pv4-empty", "affinity004-empty", "200G", rwo_rox, cls="wait",
           affinity=("key1", "value4"), phase=""),
    ]


def node(**labels: str) -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n", "labels": labels}}


SHOULD_EXIST = {"matchLabels": {"should-exist": "true"}}

# ---- TestMatchVolume (index_test.go) -------------------------------------------------------
MATCH_VOLUME = [
    ("successful-match-gce-10", "gce-pd-10", make_pvc("8G")),
    ("successful-match-nfs-5", "nfs-5", make_pvc("5G", modes=(ROX, RWO, RWX))),
    ("successful-skip-1g-bound-volume", "gce-pd-5", make_pvc("1G")),
    ("successful-no-match", "", make_pvc("999G")),
    ("successful-no-match-due-to-label", "",
     make_pvc("999G", selector={"matchLabels": {"should-not-exist": "true"}})),
    ("successful-no-match-due-to-size-constraint-with-label-selector", "",
     make_pvc("20000G", selector=SHOULD_EXIST, modes=(ROX, RWO))),
    ("successful-match-due-with-constraint-and-label-selector", "gce-pd-2",
     make_pvc("20000G", selector=SHOULD_EXIST, modes=(RWO,))),
    ("successful-match-with-class", "gce-pd-silver1",
     make_pvc("1G", selector=SHOULD_EXIST, modes=(RWO,), cls="silver")),
    ("successful-match-with-class-and-labels", "gce-pd-silver2",
     make_pvc("1G", modes=(RWO,), cls="silver")),
    ("successful-match-very-large", "local-pd-very-large", make_pvc("1E", modes=(RWO,), cls="large")),
    ("successful-match-exact-extremely-large", "local-pd-extremely-large",
     make_pvc("800E", modes=(RWO,), cls="large")),
    ("successful-no-match-way-too-large", "", make_pvc("950E", modes=(RWO,), cls="large")),
]


@pytest.mark.parametrize("name,expected,claim", MATCH_VOLUME, ids=[c[0] for c in MATCH_VOLUME])
def test_TestMatchVolume(name: str, expected: str, claim: dict) -> None:
    volumes = create_test_volumes()
    found = find_best_match(claim, volumes)
    assert (uid_of(found) if found else "") == expected
    if found is not None:
        assert any(found is v for v in volumes), "must return the very object given"


def test_TestMatchingWithBoundVolumes() -> None:
    pv1 = pv("gce-pd-1", "gce001", "1G", (RWO, ROX), claim_ref={"uid": "abc123"}, phase="Bound")
    pv2 = pv("gce-pd-2", "gce002", "1G", (RWO, ROX))
    assert find_best_match(make_pvc("1G", modes=(ROX, RWO)), [pv1, pv2]) is pv2


def test_TestAllPossibleAccessModes() -> None:
    groups = binding.group_volumes(create_test_volumes())
    rwo = binding.matching_access_mode_groups([RWO], groups)
    assert len(rwo) == 3 and all(RWO in g for g in rwo)
    rwx = binding.matching_access_mode_groups([RWX], groups)
    assert rwx == [(RWO, ROX, RWX)]


def test_TestListByAccessModes_sorted_by_capacity() -> None:
    groups = binding.group_volumes(create_test_volumes())
    by_capacity = sorted(groups[(RWO, ROX, RWX)], key=binding.volume_capacity)
    assert [uid_of(v) for v in by_capacity] == [
        "nfs-1", "nfs-5", "nfs-10", "local-pd-very-large", "local-pd-extremely-large"]


def test_TestFindingVolumeWithDifferentAccessModes() -> None:
    gce = pv("001", "gce", "10G", (RWO, ROX))
    ebs = pv("002", "ebs", "10G", (RWO,))
    nfs = pv("003", "nfs", "10G", (RWO, ROX, RWX))
    volumes = [gce, ebs, nfs]

    def find(*modes: str) -> dict | None:
        return find_best_match(make_pvc("1G", modes=modes), volumes)

    assert find(RWO) is ebs
    assert find(RWO, ROX) is gce
    # the order of the requested modes does not matter
    assert find(RWX, RWO, ROX) is nfs
    # fewer modes requested should still match
    assert find(RWX) is nfs
    # the exact match is bound: the next level of modes
    ebs["spec"]["claimRef"] = {}
    assert find(RWO) is gce
    gce["spec"]["claimRef"] = {}
    assert find(RWO) is nfs
    # partial mode request
    del gce["spec"]["claimRef"]
    assert find(ROX) is gce


def test_TestFindingPreboundVolumes() -> None:
    claim = make_pvc("1Gi", modes=(RWO,))
    claim_ref = {"kind": "PersistentVolumeClaim", "apiVersion": "v1", "namespace": "myns",
                 "name": "claim01"}
    pv1, pv5, pv8 = (pv("", n, s, (RWO,)) for n, s in (("pv1", "1Gi"), ("pv5", "5Gi"),
                                                        ("pv8", "8Gi")))
    bad_size = pv("", "pvBadSize", "1Mi", (RWO,))
    bad_mode = pv("", "pvBadMode", "1Gi", (ROX,))
    volumes = [pv1, pv5, pv8, bad_size, bad_mode]
    assert find_best_match(claim, volumes) is pv1
    # the exact match is pre-bound elsewhere: the next size up
    pv1["spec"]["claimRef"] = {"name": "foo", "namespace": "bar"}
    assert find_best_match(claim, volumes) is pv5
    # the largest volume is pre-bound to the claim: it wins over smaller ones
    del pv1["spec"]["claimRef"]
    pv8["spec"]["claimRef"] = dict(claim_ref)
    assert find_best_match(claim, volumes) is pv8
    # a pre-bound volume that is too small is skipped
    del pv8["spec"]["claimRef"]
    bad_size["spec"]["claimRef"] = dict(claim_ref)
    assert find_best_match(claim, volumes) is pv1
    # a pre-bound volume lacking the access mode is in a group never searched
    del bad_size["spec"]["claimRef"]
    bad_mode["spec"]["claimRef"] = dict(claim_ref)
    assert find_best_match(claim, volumes) is pv1


def test_TestBestMatchDelayed() -> None:
    assert find_best_match(make_pvc("8G"), create_test_volumes(), delay_binding=True) is None


# ---- TestFindMatchVolumeWithNode (index_test.go: FindMatchingVolume over the list) --------------
NODE1, NODE2, NODE3, NODE4 = (node(key1=v) for v in ("value1", "value2", "value3", "value4"))
WITH_NODE = [
    ("success-match", "affinity-pv", make_pvc("100G", modes=(RWO,), cls="wait"), NODE1, ()),
    ("success-prebound", "affinity-prebound",
     make_pvc("100G", modes=(RWO,), cls="wait", name="claim02"), NODE1, ()),
    ("success-exclusion", "affinity-pv2", make_pvc("100G", modes=(RWO,), cls="wait"), NODE1,
     ("affinity001",)),
    ("fail-exclusion", "", make_pvc("100G", modes=(RWO,), cls="wait"), NODE1,
     ("affinity001", "affinity002")),
    ("fail-accessmode", "", make_pvc("100G", modes=(RWX,), cls="wait"), NODE1, ()),
    ("fail-nodeaffinity", "", make_pvc("100G", modes=(RWO,), cls="wait"), NODE2, ()),
    ("fail-prebound-node-affinity", "",
     make_pvc("100G", modes=(RWO,), cls="wait", name="claim02"), NODE3, ()),
    ("fail-nonavaiable", "", make_pvc("100G", modes=(RWO,), cls="wait", name="claim04"), NODE4, ()),
    ("success-bad-and-good-node-affinity", "affinity-pv3",
     make_pvc("100G", modes=(RWO,), cls="wait", name="claim03"), NODE3, ()),
]


@pytest.mark.parametrize("name,expected,claim,the_node,excluded", WITH_NODE,
                         ids=[c[0] for c in WITH_NODE])
def test_TestFindMatchVolumeWithNode(name: str, expected: str, claim: dict, the_node: dict,
                                     excluded: tuple[str, ...]) -> None:
    found = find_matching_volume(claim, create_test_volumes(), node=the_node, excluded=excluded,
                                 delay_binding=True)
    assert (uid_of(found) if found else "") == expected


def helpers_test_volumes() -> list[dict[str, Any]]:
    """``TestFindMatchVolumeWithNode``'s volumes in pv_helpers_test.go (local volumes)."""
    modes = (RWO, ROX)
    return [
        pv("local-small", "local001", "5G", modes),
        pv("local-pd-very-large", "local002", "200E", modes, cls="large"),
        pv("affinity-pv", "affinity001", "100G", modes, cls="wait", affinity=("key1", "value1")),
        pv("affinity-pv2", "affinity002", "150G", modes, cls="wait", affinity=("key1", "value1")),
        pv("affinity-prebound", "affinity003", "100G", modes, cls="wait",
           claim_ref={"name": "claim02", "namespace": "myns"}, affinity=("key1", "value1")),
        pv("affinity-pv3", "affinity003", "200G", modes, cls="wait", affinity=("key1", "value3")),
        pv("affinity-pv4", "affinity004", "200G", modes, cls="wait", affinity=("key1", "value4"),
           phase=""),
    ]


@pytest.mark.parametrize("name,expected,claim,the_node,excluded", WITH_NODE,
                         ids=[c[0] for c in WITH_NODE])
def test_TestFindMatchVolumeWithNode_pv_helpers(name: str, expected: str, claim: dict,
                                                the_node: dict, excluded: tuple[str, ...]) -> None:
    found = find_matching_volume(claim, helpers_test_volumes(), node=the_node, excluded=excluded,
                                 delay_binding=True)
    assert (uid_of(found) if found else "") == expected


# ---- TestCheckAccessModes ----------------------------------------------------------------------
@pytest.mark.parametrize("name,ok,modes", [
    ("success-single-mode", True, (RWX,)),
    ("success-many-modes", True, (RWX, RWO)),
    ("fail-single-mode", False, (ROX,)),
    ("fail-many-modes", False, (RWX, ROX)),
])
def test_TestCheckAccessModes(name: str, ok: bool, modes: tuple[str, ...]) -> None:
    volume = {"spec": {"accessModes": [RWO, RWX]}}
    assert check_access_modes(make_pvc("100G", modes=modes), volume) is ok


# ---- TestVolumeModeCheck / TestFilteringVolumeModes ------------------------------------------------
def mode_volume(mode: str | None) -> dict[str, Any]:
    return pv("local-1", "block", "10G", (RWO,), volume_mode=mode)


@pytest.mark.parametrize("name,mismatch,pv_mode,pvc_mode", [
    ("pvc block and pv filesystem", True, "Filesystem", "Block"),
    ("pvc filesystem and pv block", True, "Block", "Filesystem"),
    ("pvc block and pv block", False, "Block", "Block"),
    ("pvc filesystem and pv filesystem", False, "Filesystem", "Filesystem"),
    ("pvc filesystem and pv nil", False, None, "Filesystem"),
    ("pvc nil and pv filesystem", False, "Filesystem", None),
    ("pvc nil and pv nil", False, None, None),
    ("pvc nil and pv block", True, "Block", None),
    ("pvc block and pv nil", True, None, "Block"),
])
def test_TestVolumeModeCheck(name: str, mismatch: bool, pv_mode: str | None,
                             pvc_mode: str | None) -> None:
    claim = make_pvc("8G", modes=(RWO,), volume_mode=pvc_mode)
    assert volume_mode_mismatch(claim, mode_volume(pv_mode)) is mismatch


@pytest.mark.parametrize("name,match,pv_mode,pvc_mode", [
    ("1-1 pvc block and pv filesystem", False, "Filesystem", "Block"),
    ("1-2 pvc filesystem and pv block", False, "Block", "Filesystem"),
    ("1-3 pvc block and pv no mode with default filesystem", False, "Filesystem", "Block"),
    ("1-4 pvc no mode defaulted to filesystem and pv block", False, "Block", "Filesystem"),
    ("1-5 pvc block and pv block", True, "Block", "Block"),
    ("1-6 pvc filesystem and pv filesystem", True, "Filesystem", "Filesystem"),
    ("1-7 pvc mode is nil and defaulted and pv mode is nil and defaulted", True, "Filesystem",
     "Filesystem"),
])
def test_TestFilteringVolumeModes(name: str, match: bool, pv_mode: str, pvc_mode: str) -> None:
    claim = make_pvc("8G", modes=(RWO,), volume_mode=pvc_mode)
    assert (find_best_match(claim, [mode_volume(pv_mode)]) is not None) is match


@pytest.mark.parametrize("deleting,match", [(False, True), (True, False)])
def test_TestStorageObjectInUseProtectionFiltering(deleting: bool, match: bool) -> None:
    volume = pv("", "pv1", "1G", (RWO,), deleting=deleting)
    claim = make_pvc("1G", name="pvc1", modes=(RWO,))
    assert (check_volume_satisfy_claim(volume, claim) is None) is match
    assert (find_best_match(claim, [volume]) is not None) is match


# ---- TestDelayBindingMode (pv_helpers_test.go) -------------------------------------------------
DELAY_CLASSES = [
    {"kind": "StorageClass", "metadata": {"name": "no-mode"}},
    {"kind": "StorageClass", "metadata": {"name": "immediate-mode"},
     "volumeBindingMode": "Immediate"},
    {"kind": "StorageClass", "metadata": {"name": "wait-mode"},
     "volumeBindingMode": "WaitForFirstConsumer"},
]


@pytest.mark.parametrize("name,cls,delay,fails", [
    ("nil-class", None, False, False),
    ("class-not-found", "not-here", False, False),
    ("no-mode-class", "no-mode", False, True),
    ("immediate-mode-class", "immediate-mode", False, False),
    ("wait-mode-class", "wait-mode", True, False),
])
def test_TestDelayBindingMode(name: str, cls: str | None, delay: bool, fails: bool) -> None:
    claim = {"metadata": {"annotations": {}}, "spec": {"storageClassName": cls}}
    for classes in (DELAY_CLASSES, {c["metadata"]["name"]: c for c in DELAY_CLASSES}):
        if fails:
            with pytest.raises(ValueError, match='VolumeBindingMode not set for StorageClass '
                                                 '"no-mode"'):
                is_delay_binding_mode(claim, classes)
        else:
            assert is_delay_binding_mode(claim, classes) is delay


# ---- checkVolumeSatisfyClaim (pv_controller.go) -------------------------------------------------
SATISFY = [
    ("fits", None, {}, {}),
    ("deleting", 'the volume is marked for deletion "pv1"', {"deleting": True}, {}),
    ("too small", "requested PV is too small", {"capacity": "500Mi"}, {}),
    ("class", "storageClassName does not match", {"cls": "gold"}, {}),
    ("vac", "volumeAttributesClassName does not match", {"vac": "gold"}, {}),
    ("volumeMode", "incompatible volumeMode", {"volume_mode": "Block"}, {}),
    ("accessMode", "incompatible accessMode", {"modes": (ROX,)}, {}),
    ("deletion wins over size", 'the volume is marked for deletion "pv1"',
     {"deleting": True, "capacity": "1Mi"}, {}),
    ("size wins over class", "requested PV is too small", {"capacity": "1Mi", "cls": "x"}, {}),
    ("class wins over mode", "storageClassName does not match",
     {"cls": "x", "volume_mode": "Block"}, {}),
    ("phase is not checked", None, {"phase": "Released"}, {}),
    ("selector is not checked", None, {}, {"selector": {"matchLabels": {"a": "b"}}}),
    ("sizes compare rounded up to whole bytes", None, {"capacity": "500m"}, {"size": "400m"}),
]


@pytest.mark.parametrize("name,reason,pv_args,claim_args", SATISFY, ids=[s[0] for s in SATISFY])
def test_checkVolumeSatisfyClaim(name: str, reason: str | None, pv_args: dict,
                                 claim_args: dict) -> None:
    vac = pv_args.pop("vac", None)
    args = {"capacity": "1Gi", "modes": (RWO, ROX), **pv_args}
    volume = pv("", "pv1", args.pop("capacity"), args.pop("modes"), **args)
    if vac:
        volume["spec"]["volumeAttributesClassName"] = vac
    claim = make_pvc(claim_args.pop("size", "1Gi"), modes=(RWO,), **claim_args)
    assert check_volume_satisfy_claim(volume, claim) == reason


# ---- helpers ------------------------------------------------------------------------------------------
def test_claim_class_beta_annotation_wins() -> None:
    claim = {"metadata": {"annotations": {binding.ANN_BETA_STORAGE_CLASS: ""}},
             "spec": {"storageClassName": "gold"}}
    assert binding.claim_class(claim) == ""
    assert binding.claim_has_class(claim)
    assert binding.claim_class({"spec": {}}) == ""
    assert not binding.claim_has_class({"spec": {}})
    assert binding.claim_has_class({"spec": {"storageClassName": ""}})
    volume = {"metadata": {"annotations": {binding.ANN_BETA_STORAGE_CLASS: "silver"}},
              "spec": {"storageClassName": "gold"}}
    assert binding.volume_class(volume) == "silver"


@pytest.mark.parametrize("ref,bound", [
    ({"name": "claim01", "namespace": "myns"}, True),
    ({"name": "claim01", "namespace": "myns", "uid": "u1"}, True),
    ({"name": "claim01", "namespace": "myns", "uid": "other"}, False),
    ({"name": "claim01", "namespace": "other"}, False),
    ({}, False),
    (None, False),
])
def test_is_volume_bound_to_claim(ref: dict | None, bound: bool) -> None:
    volume = pv("", "v", "1Gi", (RWO,), claim_ref=ref)
    assert binding.is_volume_bound_to_claim(volume, make_pvc("1Gi", uid="u1")) is bound


def test_empty_claim_ref_blocks_the_volume_for_everyone() -> None:
    volume = pv("", "v", "1Gi", (RWO,), claim_ref={})
    assert find_best_match(make_pvc("1Gi", modes=(RWO,)), [volume]) is None


@pytest.mark.parametrize("selector,labels,ok", [
    ({}, {}, True),
    ({"matchLabels": {"a": "1"}}, {"a": "1", "b": "2"}, True),
    ({"matchLabels": {"a": "1"}}, {"a": "2"}, False),
    ({"matchExpressions": [{"key": "a", "operator": "In", "values": ["1", "2"]}]}, {"a": "2"}, True),
    ({"matchExpressions": [{"key": "a", "operator": "NotIn", "values": ["1"]}]}, {}, True),
    ({"matchExpressions": [{"key": "a", "operator": "NotIn", "values": ["1"]}]}, {"a": "1"}, False),
    ({"matchExpressions": [{"key": "a", "operator": "Exists"}]}, {"a": ""}, True),
    ({"matchExpressions": [{"key": "a", "operator": "DoesNotExist"}]}, {"a": ""}, False),
])
def test_label_selector(selector: dict, labels: dict, ok: bool) -> None:
    assert binding.selector_matches(selector, labels) is ok


@pytest.mark.parametrize("selector", [
    {"matchExpressions": [{"key": "a", "operator": "In", "values": []}]},
    {"matchExpressions": [{"key": "a", "operator": "Exists", "values": ["x"]}]},
    {"matchExpressions": [{"key": "a", "operator": "Near", "values": ["x"]}]},
])
def test_invalid_selector_is_an_error(selector: dict) -> None:
    with pytest.raises(ValueError, match="error creating internal label selector for claim"):
        find_best_match(make_pvc("1G", selector=selector), create_test_volumes())


@pytest.mark.parametrize("required,labels,ok", [
    ({"nodeSelectorTerms": [{"matchExpressions": [
        {"key": "zone", "operator": "In", "values": ["a"]}]}]}, {"zone": "a"}, True),
    ({"nodeSelectorTerms": [{"matchExpressions": [
        {"key": "zone", "operator": "In", "values": ["a"]}]},
        {"matchExpressions": [{"key": "zone", "operator": "In", "values": ["b"]}]}]},
     {"zone": "b"}, True),
    ({"nodeSelectorTerms": [{"matchExpressions": [
        {"key": "zone", "operator": "In", "values": ["a"]},
        {"key": "disk", "operator": "Exists"}]}]}, {"zone": "a"}, False),
    ({"nodeSelectorTerms": [{"matchExpressions": [
        {"key": "cpu", "operator": "Gt", "values": ["4"]}]}]}, {"cpu": "8"}, True),
    ({"nodeSelectorTerms": [{"matchExpressions": [
        {"key": "cpu", "operator": "Lt", "values": ["4"]}]}]}, {"cpu": "8"}, False),
    ({"nodeSelectorTerms": [{}]}, {"zone": "a"}, False),
    ({"nodeSelectorTerms": []}, {}, False),
    ({"nodeSelectorTerms": [{"matchFields": [
        {"key": "metadata.name", "operator": "In", "values": ["n"]}]}]}, {}, True),
])
def test_check_node_affinity(required: dict, labels: dict, ok: bool) -> None:
    volume = {"spec": {"nodeAffinity": {"required": required}}}
    the_node = {"metadata": {"name": "n", "labels": labels}}
    assert binding.check_node_affinity(volume, the_node) is ok
    assert binding.check_node_affinity({"spec": {}}, the_node) is True


def test_default_storage_class_newest_then_name() -> None:
    def sc(name: str, created: str, default: str = "true") -> dict:
        return {"kind": "StorageClass", "metadata": {
            "name": name, "creationTimestamp": created,
            "annotations": {binding.ANN_DEFAULT_CLASS: default}}}

    older, newer = sc("a", "2025-01-01T00:00:00Z"), sc("b", "2025-01-02T00:00:00Z")
    assert binding.default_storage_class([older, newer]) is newer
    twin1, twin2 = sc("y", "2025-01-02T00:00:00Z"), sc("x", "2025-01-02T00:00:00Z")
    assert binding.default_storage_class([twin1, twin2]) is twin2
    assert binding.default_storage_class([sc("c", "2025-01-03T00:00:00Z", "True")]) is None
    beta = {"kind": "StorageClass", "metadata": {
        "name": "beta", "annotations": {binding.ANN_BETA_DEFAULT_CLASS: "true"}}}
    assert binding.default_storage_class([beta]) is beta


def test_group_order_ties_are_canonical() -> None:
    keys = [(RWO, RWX), (RWO, ROX), (RWO,), (RWO, ROX, RWX)]
    assert binding.matching_access_mode_groups([RWO], keys) == [
        (RWO,), (RWO, ROX), (RWO, RWX), (RWO, ROX, RWX)]


def test_equal_capacity_tie_goes_to_first_name() -> None:
    b, a = pv("b", "b", "1Gi", (RWO,)), pv("a", "a", "1Gi", (RWO,))
    assert find_best_match(make_pvc("1Gi", modes=(RWO,)), [b, a]) is a


def test_duplicate_names_later_replaces_earlier_in_the_index() -> None:
    first, second = pv("first", "same", "1Gi", (RWO,)), pv("second", "same", "2Gi", (RWO,))
    assert find_best_match(make_pvc("1Gi", modes=(RWO,)), [first, second]) is second


# ---- worked examples of kubernetes-semantics.md §1.12 ----------------------------------------------
def test_worked_example_smallest_fitting() -> None:
    a, b = pv("a", "a", "5Gi", (RWO,)), pv("b", "b", "10Gi", (RWO,))
    assert find_best_match(make_pvc("4Gi", modes=(RWO,), cls=""), [b, a]) is a


@pytest.mark.parametrize("capacity,size,fits", [("1G", "1Gi", False), ("1Gi", "1G", True),
                                                    ("1Mi", "1Gi", False)])
def test_worked_example_binary_vs_decimal(capacity: str, size: str, fits: bool) -> None:
    volume = pv("a", "a", capacity, (RWO,))
    assert (find_best_match(make_pvc(size, modes=(RWO,)), [volume]) is volume) is fits


def test_worked_example_first_group_wins_over_smaller_pv() -> None:
    big, small = pv("big", "big", "100Gi", (RWO,)), pv("small", "small", "1Gi", (RWO, ROX))
    assert find_best_match(make_pvc("1Gi", modes=(RWO,)), [small, big]) is big


def test_worked_example_released_pv_needs_admin() -> None:
    released = pv("p", "p", "10Gi", (RWO,), phase="Released", cls="gold",
                  claim_ref={"name": "data", "namespace": "myns", "uid": "old"})
    claim = make_pvc("1Gi", name="data", modes=(RWO,), uid="new")
    assert find_best_match(claim, [released]) is None
    cleared = copy.deepcopy(released)
    del cleared["spec"]["claimRef"]["uid"]
    cleared["status"]["phase"] = "Available"
    # reserved by name: bound despite the class difference (pre-bound shortcut)
    assert find_best_match(claim, [cleared]) is cleared


def test_vac_feature_gate() -> None:
    claim = make_pvc("1G", modes=(RWO,))
    claim["spec"]["volumeAttributesClassName"] = "gold"
    with pytest.raises(ValueError, match="unsupported volumeAttributesClassName"):
        find_best_match(claim, create_test_volumes(), vac_enabled=False)
    gold = pv("g", "g", "1G", (RWO,))
    gold["spec"]["volumeAttributesClassName"] = "gold"
    plain = pv("p", "p", "1G", (RWO,))
    assert find_best_match(claim, [gold, plain]) is gold
    assert find_best_match(make_pvc("1G", modes=(RWO,)), [gold, plain]) is plain
    assert find_best_match(make_pvc("1G", modes=(RWO,)), [gold], vac_enabled=False) is None
