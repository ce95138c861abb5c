"""``pkg/controller/volume/persistentvolume/index_test.go``, ported.

``findBestMatchForClaim`` runs against ``core.binding.find_best_match``; the index is
fed the same volumes (the index keeps one volume per name, the later one winning, as
the upstream store does). ``CheckAccessModes``, ``CheckVolumeModeMismatches`` and
``checkVolumeSatisfyClaim`` run against ``check_access_modes``, ``volume_mode_mismatch``
and ``check_volume_satisfy_claim``. Upstream names the expected volume by uid.
"""

from __future__ import annotations

import copy

import pytest

from core import binding
from tests.core.upstream_fixtures import BLOCK, FILESYSTEM, ROX, RWO, RWX, by_uid

CLASS_SILVER, CLASS_GOLD, CLASS_LARGE, CLASS_WAIT = "silver", "gold", "large", "wait"
FEATURE_GATE_GONE = ("feature gate off: the gate is GA and locked on in the supported "
                     "Kubernetes versions; the simulator has no switch for it")


def pv(uid: str, name: str, capacity: str, modes: list[str], *, source: str = "gcePersistentDisk",
       phase: str | None = "Available", claim_ref: dict | None = None, class_name: str = "",
       labels: dict | None = None, affinity: tuple[str, str] | None = None,
       volume_mode: str | None = FILESYSTEM) -> dict:
    volume: dict = {
        "apiVersion": "v1", "kind": "PersistentVolume",
        "metadata": {"uid": uid, "name": name},
        "spec": {"capacity": {"storage": capacity}, source: {}, "accessModes": list(modes)},
        "status": {"phase": phase} if phase else {},
    }
    if labels:
        volume["metadata"]["labels"] = dict(labels)
    if volume_mode is not None:
        volume["spec"]["volumeMode"] = volume_mode
    if claim_ref is not None:
        volume["spec"]["claimRef"] = claim_ref
    if class_name:
        volume["spec"]["storageClassName"] = class_name
    if affinity is not None:
        volume["spec"]["nodeAffinity"] = {"required": {"nodeSelectorTerms": [{
            "matchExpressions": [{"key": affinity[0], "operator": "In",
                                  "values": [affinity[1]]}]}]}}
    return volume


def make_pvc(size: str, *, modes: list[str] | None = None, selector: dict | None = None,
             class_name: str | None = None, name: str = "claim01",
             volume_mode: str | None = FILESYSTEM) -> dict:
    """``makePVC``: claim01 in myns asking ROX+RWO, Filesystem."""
    claim: dict = {
        "apiVersion": "v1", "kind": "PersistentVolumeClaim",
        "metadata": {"name": name, "namespace": "myns"},
        "spec": {"accessModes": list(modes or [ROX, RWO]),
                 "resources": {"requests": {"storage": size}}},
    }
    if volume_mode is not None:
        claim["spec"]["volumeMode"] = volume_mode
    if selector is not None:
        claim["spec"]["selector"] = {"matchLabels": dict(selector)}
    if class_name is not None:
        claim["spec"]["storageClassName"] = class_name
    return claim


RWO_ROX, ALL3 = [RWO, ROX], [RWO, ROX, RWX]


def create_test_volumes() -> list[dict]:
    """``createTestVolumes``: deliberately out of order, two of them named affinity003."""
    local = {"source": "local"}
    return [
        pv("gce-pd-10", "gce003", "10G", RWO_ROX),
        pv("gce-pd-20", "gce004", "20G", RWO_ROX, phase="Bound", claim_ref={"uid": "def456"}),
        pv("nfs-5", "nfs002", "5G", ALL3, source="glusterfs"),
        pv("gce-pd-1", "gce001", "1G", RWO_ROX, phase="Bound", claim_ref={"uid": "abc123"}),
        pv("nfs-10", "nfs003", "10G", ALL3, source="glusterfs"),
        pv("gce-pd-5", "gce002", "5G", RWO_ROX),
        pv("nfs-1", "nfs001", "1G", ALL3, source="glusterfs"),
        pv("gce-pd-2", "gce0022", "20000G", [RWO], labels={"should-exist": "true"}),
        pv("gce-pd-silver1", "gce0023", "10000G", [RWO], labels={"should-exist": "true"},
           class_name=CLASS_SILVER),
        pv("gce-pd-silver2", "gce0024", "100G", [RWO], class_name=CLASS_SILVER),
        pv("gce-pd-gold", "gce0025", "50G", [RWO], class_name=CLASS_GOLD),
        pv("local-pd-very-large", "local001", "200E", ALL3, class_name=CLASS_LARGE, **local),
        pv("local-pd-extremely-large", "local002", "800E", ALL3, class_name=CLASS_LARGE, **local),
        pv("affinity-pv", "affinity001", "100G", RWO_ROX, class_name=CLASS_WAIT,
           affinity=("key1", "value1"), **local),
        pv("affinity-pv2", "affinity002", "150G", RWO_ROX, class_name=CLASS_WAIT,
           affinity=("key1", "value1"), **local),
        pv("affinity-prebound", "affinity003", "100G", RWO_ROX, class_name=CLASS_WAIT,
           claim_ref={"name": "claim02", "namespace": "myns"}, affinity=("key1", "value1"),
           **local),
        pv("affinity-pv3", "affinity003", "200G", RWO_ROX, class_name=CLASS_WAIT,
           affinity=("key1", "value3"), **local),
        pv("affinity-pv4-pending", "affinity004-pending", "200G", RWO_ROX, phase="Pending",
           class_name=CLASS_WAIT, affinity=("key1", "value4"), **local),
        pv("affinity-pv4-failed", "affinity004-failed", "200G", RWO_ROX, phase="Failed",
           class_name=CLASS_WAIT, affinity=("key1", "value4"), **local),
        pv("affinity-pv4-released", "affinity004-released", "200G", RWO_ROX, phase="Released",
           class_name=CLASS_WAIT, affinity=("key1", "value4"), **local),
        pv("affinity-pv4-empty", "affinity004-empty", "200G", RWO_ROX, phase=None,
           class_name=CLASS_WAIT, affinity=("key1", "value4"), **local),
    ]


def best_match(claim: dict, volumes: list[dict], delay_binding: bool = False) -> str:
    return by_uid(volumes)(binding.find_best_match(claim, volumes, delay_binding=delay_binding))


# ---- TestMatchVolume ------------------------------------------------------------------------------
MATCH_SCENARIOS = {
    "successful-match-gce-10": ("gce-pd-10", make_pvc("8G")),
    "successful-match-nfs-5": ("nfs-5", make_pvc("5G", modes=[ROX, RWO, RWX])),
    "successful-skip-1g-bound-volume": ("gce-pd-5", make_pvc("1G")),
    "successful-no-match": ("", make_pvc("999G")),
    "successful-no-match-due-to-label": ("", make_pvc("999G",
                                                      selector={"should-not-exist": "true"})),
    "successful-no-match-due-to-size-constraint-with-label-selector": (
        "", make_pvc("20000G", selector={"should-exist": "true"}, modes=[ROX, RWO])),
    "successful-match-due-with-constraint-and-label-selector": (
        "gce-pd-2", make_pvc("20000G", selector={"should-exist": "true"}, modes=[RWO])),
    "successful-match-with-class": (
        "gce-pd-silver1", make_pvc("1G", selector={"should-exist": "true"}, modes=[RWO],
                                   class_name=CLASS_SILVER)),
    "successful-match-with-class-and-labels": (
        "gce-pd-silver2", make_pvc("1G", modes=[RWO], class_name=CLASS_SILVER)),
    "successful-match-very-large": (
        "local-pd-very-large", make_pvc("1E", modes=[RWO], class_name=CLASS_LARGE)),
    "successful-match-exact-extremely-large": (
        "local-pd-extremely-large", make_pvc("800E", modes=[RWO], class_name=CLASS_LARGE)),
    "successful-no-match-way-too-large": ("", make_pvc("950E", modes=[RWO],
                                                       class_name=CLASS_LARGE)),
}


@pytest.mark.parametrize("want, claim", [pytest.param(*v, id=k)
                                         for k, v in MATCH_SCENARIOS.items()])
def test_match_volume(want: str, claim: dict) -> None:
    """TestMatchVolume."""
    assert best_match(claim, create_test_volumes()) == want


def test_matching_with_bound_volumes() -> None:
    """TestMatchingWithBoundVolumes: of two equal volumes the bound one is skipped."""
    volumes = [
        pv("gce-pd-1", "gce001", "1G", RWO_ROX, phase="Bound", claim_ref={"uid": "abc123"}),
        pv("gce-pd-2", "gce002", "1G", RWO_ROX),
    ]
    found = binding.find_best_match(make_pvc("1G"), volumes)
    assert found is volumes[1]


@pytest.mark.skip(reason="listByAccessModes is the index's internal listing; the public "
                         "API exposes only find_best_match")
def test_list_by_access_modes() -> None:  # pragma: no cover
    """TestListByAccessModes."""


@pytest.mark.skip(reason="allPossibleMatchingAccessModes is internal to the index; the "
                         "public API exposes only find_best_match")
def test_all_possible_access_modes() -> None:  # pragma: no cover
    """TestAllPossibleAccessModes."""


# ---- TestFindingVolumeWithDifferentAccessModes ----------------------------------------------------
def _access_mode_volumes() -> dict[str, dict]:
    return {
        "gce": pv("001", "gce", "10G", RWO_ROX),
        "ebs": pv("002", "ebs", "10G", [RWO], source="awsElasticBlockStore"),
        "nfs": pv("003", "nfs", "10G", ALL3, source="nfs"),
    }


# Each step of the upstream test, with the claimRefs it has set by then.
ACCESS_MODE_STEPS = [
    ("RWO prefers the exact {RWO} volume", [RWO], {}, "ebs"),
    ("RWO+ROX gets the {RWO,ROX} volume", [RWO, ROX], {}, "gce"),
    ("order of requested modes does not matter", [RWX, RWO, ROX], {}, "nfs"),
    ("fewer modes requested still match", [RWX], {}, "nfs"),
    ("exact match bound (empty claimRef): next level up", [RWO], {"ebs": {}}, "gce"),
    ("continue up the levels", [RWO], {"ebs": {}, "gce": {}}, "nfs"),
    ("partial mode request", [ROX], {"ebs": {}}, "gce"),
]


@pytest.mark.parametrize("modes, claim_refs, want",
                         [pytest.param(m, r, w, id=n) for n, m, r, w in ACCESS_MODE_STEPS])
def test_finding_volume_with_different_access_modes(modes: list[str], claim_refs: dict,
                                                    want: str) -> None:
    """TestFindingVolumeWithDifferentAccessModes (``ClaimRef = &ObjectReference{}``, an
    empty but non-nil claimRef, makes a volume unusable)."""
    volumes = _access_mode_volumes()
    for name, ref in claim_refs.items():
        volumes[name]["spec"]["claimRef"] = copy.deepcopy(ref)
    claim = make_pvc("1G", modes=modes)
    found = binding.find_best_match(claim, list(volumes.values()))
    assert found is volumes[want], (found or {}).get("metadata")


# ---- TestVolumeModeCheck / TestFilteringVolumeModes ---------------------------------------------
def _mode_volume(mode: str | None) -> dict:
    name = "nil-mode" if mode is None else "block"
    return pv("local-1", name, "10G", [RWO], source="local", volume_mode=mode)


def _mode_pvc(mode: str | None) -> dict:
    return make_pvc("8G", modes=[RWO], volume_mode=mode)


VOLUME_MODE_CHECK = [
    ("feature enabled - pvc block and pv filesystem", True, FILESYSTEM, BLOCK, ""),
    ("feature enabled - pvc filesystem and pv block", True, BLOCK, FILESYSTEM, ""),
    ("feature enabled - pvc block and pv block", False, BLOCK, BLOCK, ""),
    ("feature enabled - pvc filesystem and pv filesystem", False, FILESYSTEM, FILESYSTEM, ""),
    ("feature enabled - pvc filesystem and pv nil", False, None, FILESYSTEM, ""),
    ("feature enabled - pvc nil and pv filesystem", False, FILESYSTEM, None, ""),
    ("feature enabled - pvc nil and pv nil", False, None, None, ""),
    ("feature enabled - pvc nil and pv block", True, BLOCK, None, ""),
    ("feature enabled - pvc block and pv nil", True, None, BLOCK, ""),
    ("feature disabled - pvc block and pv filesystem", True, FILESYSTEM, BLOCK,
     FEATURE_GATE_GONE),
    ("feature disabled - pvc filesystem and pv block", True, BLOCK, FILESYSTEM,
     FEATURE_GATE_GONE),
    ("feature disabled - pvc block and pv block", True, BLOCK, BLOCK, FEATURE_GATE_GONE),
    ("feature disabled - pvc filesystem and pv filesystem", False, FILESYSTEM, FILESYSTEM,
     FEATURE_GATE_GONE),
]


@pytest.mark.parametrize("mismatch, pv_mode, pvc_mode", [
    pytest.param(m, v, c, id=n, marks=[pytest.mark.skip(reason=s)] if s else [])
    for n, m, v, c, s in VOLUME_MODE_CHECK])
def test_volume_mode_check(mismatch: bool, pv_mode: str | None, pvc_mode: str | None) -> None:
    """TestVolumeModeCheck (CheckVolumeModeMismatches)."""
    assert binding.volume_mode_mismatch(_mode_pvc(pvc_mode), _mode_volume(pv_mode)) is mismatch


def _nomode_volume() -> dict:
    """``testVolume("nomode-1", "8G")``: a hostPath RWO Filesystem volume."""
    return pv("", "nomode-1", "8G", [RWO], source="hostPath")


FILTERING_VOLUME_MODES = [
    ("1-1 feature enabled - pvc block and pv filesystem", False, _mode_volume(FILESYSTEM), BLOCK,
     ""),
    ("1-2 feature enabled - pvc filesystem and pv block", False, _mode_volume(BLOCK), FILESYSTEM,
     ""),
    ("1-3 feature enabled - pvc block and pv no mode with default filesystem", False,
     _mode_volume(FILESYSTEM), BLOCK, ""),
    ("1-4 feature enabled - pvc no mode defaulted to filesystem and pv block", False,
     _mode_volume(BLOCK), FILESYSTEM, ""),
    ("1-5 feature enabled - pvc block and pv block", True, _mode_volume(BLOCK), BLOCK, ""),
    ("1-6 feature enabled - pvc filesystem and pv filesystem", True, _mode_volume(FILESYSTEM),
     FILESYSTEM, ""),
    ("1-7 feature enabled - pvc mode is nil and defaulted and pv mode is nil and defaulted",
     True, _mode_volume(FILESYSTEM), FILESYSTEM, ""),
    ("2-1 feature disabled - pvc mode is nil and pv mode is nil", True, _nomode_volume(), None,
     ""),
    ("2-2 feature disabled - pvc mode is block and pv mode is block - fields should be dropped "
     "by api and not analyzed with gate disabled", False, _mode_volume(BLOCK), BLOCK,
     FEATURE_GATE_GONE),
    ("2-3 feature disabled - pvc mode is filesystem and pv mode is filesystem - fields should "
     "be dropped by api and not analyzed with gate disabled", True, _mode_volume(FILESYSTEM),
     FILESYSTEM, ""),
]


@pytest.mark.parametrize("matches, volume, pvc_mode", [
    pytest.param(m, v, c, id=n, marks=[pytest.mark.skip(reason=s)] if s else [])
    for n, m, v, c, s in FILTERING_VOLUME_MODES])
def test_filtering_volume_modes(matches: bool, volume: dict, pvc_mode: str | None) -> None:
    """TestFilteringVolumeModes (rows 2-1 and 2-3 hold with the gate on too)."""
    found = binding.find_best_match(_mode_pvc(pvc_mode), [copy.deepcopy(volume)])
    assert (found is not None) is matches


# ---- TestStorageObjectInUseProtectionFiltering ---------------------------------------------------
def _protection_pv(deleting: bool) -> dict:
    volume = pv("", "pv1", "1G", [RWO], source="hostPath")
    volume["metadata"]["annotations"] = {}
    if deleting:
        volume["metadata"]["deletionTimestamp"] = "2025-01-01T00:00:00Z"
    return volume


def _protection_pvc() -> dict:
    return make_pvc("1G", modes=[RWO], name="pvc1")


PROTECTION_CASES = [
    ("feature enabled - pv deletionTimeStamp not set", True, False, ""),
    ("feature enabled - pv deletionTimeStamp set", False, True, ""),
    ("feature disabled - pv deletionTimeStamp not set", True, False, FEATURE_GATE_GONE),
    ("feature disabled - pv deletionTimeStamp set", True, True, FEATURE_GATE_GONE),
]


@pytest.mark.parametrize("matches, deleting", [
    pytest.param(m, d, id=n, marks=[pytest.mark.skip(reason=s)] if s else [])
    for n, m, d, s in PROTECTION_CASES])
def test_storage_object_in_use_protection_satisfying(matches: bool, deleting: bool) -> None:
    """TestStorageObjectInUseProtectionFiltering, satisfyingTestCases (checkVolumeSatisfyClaim)."""
    reason = binding.check_volume_satisfy_claim(_protection_pv(deleting), _protection_pvc())
    assert (reason is None) is matches, reason


@pytest.mark.parametrize("matches, deleting", [
    pytest.param(m, d, id=n, marks=[pytest.mark.skip(reason=s)] if s else [])
    for n, m, d, s in PROTECTION_CASES])
def test_storage_object_in_use_protection_filtering(matches: bool, deleting: bool) -> None:
    """TestStorageObjectInUseProtectionFiltering, filteringTestCases (findBestMatchForClaim)."""
    found = binding.find_best_match(_protection_pvc(), [_protection_pv(deleting)])
    assert (found is not None) is matches


# ---- TestFindingPreboundVolumes ------------------------------------------------------------------
def _prebound_volumes() -> dict[str, dict]:
    def test_volume(name: str, size: str) -> dict:
        volume = pv("", name, size, [RWO], source="hostPath")
        volume["metadata"]["annotations"] = {}
        return volume

    volumes = {n: test_volume(n, s) for n, s in
               (("pv1", "1Gi"), ("pv5", "5Gi"), ("pv8", "8Gi"), ("pvBadSize", "1Mi"),
                ("pvBadMode", "1Gi"))}
    volumes["pvBadMode"]["spec"]["accessModes"] = [ROX]
    return volumes


#: ref.GetReference(scheme, claim) for claim01 (it has no uid).
CLAIM_REF = {"kind": "PersistentVolumeClaim", "apiVersion": "v1", "namespace": "myns",
             "name": "claim01"}
PREBOUND_STEPS = [
    ("expected exact match on size", {}, "pv1"),
    ("exact match pre-bound elsewhere: next size up", {"pv1": {"name": "foo", "namespace": "bar"}},
     "pv5"),
    ("largest volume pre-bound to the claim wins", {"pv8": CLAIM_REF}, "pv8"),
    ("too small volume pre-bound to the claim: exact match", {"pvBadSize": CLAIM_REF}, "pv1"),
    ("volume without the access mode pre-bound to the claim: exact match",
     {"pvBadMode": CLAIM_REF}, "pv1"),
]


@pytest.mark.parametrize("claim_refs, want",
                         [pytest.param(r, w, id=n) for n, r, w in PREBOUND_STEPS])
def test_finding_prebound_volumes(claim_refs: dict, want: str) -> None:
    """TestFindingPreboundVolumes."""
    volumes = _prebound_volumes()
    for name, ref in claim_refs.items():
        volumes[name]["spec"]["claimRef"] = copy.deepcopy(ref)
    claim = make_pvc("1Gi", modes=[RWO])
    found = binding.find_best_match(claim, list(volumes.values()))
    assert found is volumes[want], (found or {}).get("metadata")


def test_best_match_delayed() -> None:
    """TestBestMatchDelayed: the PV controller never picks a volume for a delayed claim."""
    assert binding.find_best_match(make_pvc("8G"), create_test_volumes(),
                                   delay_binding=True) is None


# ---- TestFindMatchVolumeWithNode (index_test.go's version, on createTestVolumes) -----------------
def _node(value: str) -> dict:
    return {"apiVersion": "v1", "kind": "Node", "metadata": {"labels": {"key1": value}}}


NODE_SCENARIOS = [
    ("success-match", "affinity-pv", "claim01", [RWO], "value1", ()),
    ("success-prebound", "affinity-prebound", "claim02", [RWO], "value1", ()),
    ("success-exclusion", "affinity-pv2", "claim01", [RWO], "value1", ("affinity001",)),
    ("fail-exclusion", "", "claim01", [RWO], "value1", ("affinity001", "affinity002")),
    ("fail-accessmode", "", "claim01", [RWX], "value1", ()),
    ("fail-nodeaffinity", "", "claim01", [RWO], "value2", ()),
    ("fail-prebound-node-affinity", "", "claim02", [RWO], "value3", ()),
    ("fail-nonavaiable", "", "claim04", [RWO], "value4", ()),
    ("success-bad-and-good-node-affinity", "affinity-pv3", "claim03", [RWO], "value3", ()),
]


@pytest.mark.parametrize("want, claim_name, modes, node_value, excluded", [
    pytest.param(w, c, m, v, e, id=n) for n, w, c, m, v, e in NODE_SCENARIOS])
def test_find_match_volume_with_node(want: str, claim_name: str, modes: list[str],
                                     node_value: str, excluded: tuple) -> None:
    """index_test.go TestFindMatchVolumeWithNode: FindMatchingVolume over the plain list
    (both affinity003 volumes present), delayBinding=true."""
    volumes = create_test_volumes()
    claim = make_pvc("100G", modes=modes, class_name=CLASS_WAIT, name=claim_name)
    found = binding.find_matching_volume(claim, volumes, node=_node(node_value),
                                         excluded=excluded, delay_binding=True)
    assert by_uid(volumes)(found) == want


# ---- TestCheckAccessModes ------------------------------------------------------------------------
@pytest.mark.parametrize("modes, ok", [
    pytest.param([RWX], True, id="success-single-mode"),
    pytest.param([RWX, RWO], True, id="success-many-modes"),
    pytest.param([ROX], False, id="fail-single-mode"),
    pytest.param([RWX, ROX], False, id="fail-many-modes"),
])
def test_check_access_modes(modes: list[str], ok: bool) -> None:
    """TestCheckAccessModes (the volume offers RWO+RWX)."""
    volume = {"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {},
              "spec": {"accessModes": [RWO, RWX]}}
    assert binding.check_access_modes(make_pvc("100G", modes=modes), volume) is ok
