"""The VolumeIndex gives exactly the answers of the linear core.binding.find_best_match."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import binding
from core.volume_index import VolumeIndex
from tests.core.test_binding import MATCH_VOLUME, create_test_volumes, make_pvc, pv
from tests.core.test_binding_helpers import live_cluster, new_claim, new_volume

MODES = ("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod")
SIZES = ("1Mi", "500M", "1G", "1Gi", "2Gi", "5G", "10Gi", "1E", "800E", "0.5Gi", "1")
NAMES = ("a", "b", "c", "d", "e", "f")


@st.composite
def volumes(draw: Any) -> dict[str, Any]:
    modes = draw(st.lists(st.sampled_from(MODES + ("Bogus",)), max_size=3))
    volume: dict[str, Any] = {
        "kind": "PersistentVolume",
        "metadata": {"name": draw(st.sampled_from(NAMES)),
                     "labels": draw(st.dictionaries(st.sampled_from(("tier", "zone")),
                                                    st.sampled_from(("1", "2")), max_size=2))},
        "spec": {"capacity": {"storage": draw(st.sampled_from(SIZES))}, "accessModes": modes,
                 "storageClassName": draw(st.sampled_from(("", "gold", "silver")))},
        "status": {"phase": draw(st.sampled_from(("Available", "Available", "Bound", "Released",
                                                  "Pending", "Failed", "")))},
    }
    mode = draw(st.sampled_from((None, "Filesystem", "Block")))
    if mode is not None:
        volume["spec"]["volumeMode"] = mode
    vac = draw(st.sampled_from((None, "", "fast")))
    if vac is not None:
        volume["spec"]["volumeAttributesClassName"] = vac
    ref = draw(st.sampled_from((None, None, "empty", "c1", "c1-uid", "c1-other-uid", "other")))
    if ref == "empty":
        volume["spec"]["claimRef"] = {}
    elif ref == "other":
        volume["spec"]["claimRef"] = {"name": "zz", "namespace": "myns", "uid": "x"}
    elif ref is not None:
        volume["spec"]["claimRef"] = {"name": "c1", "namespace": "myns"}
        if ref == "c1-uid":
            volume["spec"]["claimRef"]["uid"] = "u1"
        elif ref == "c1-other-uid":
            volume["spec"]["claimRef"]["uid"] = "u0"
    if draw(st.booleans()) and draw(st.booleans()):
        volume["metadata"]["deletionTimestamp"] = "2025-01-01T00:00:00Z"
    return volume


@st.composite
def claims(draw: Any) -> dict[str, Any]:
    claim: dict[str, Any] = {
        "kind": "PersistentVolumeClaim",
        "metadata": {"name": draw(st.sampled_from(("c1", "c2"))), "namespace": "myns",
                     "uid": "u1"},
        "spec": {"accessModes": draw(st.lists(st.sampled_from(MODES), min_size=0, max_size=2)),
                 "resources": {"requests": {"storage": draw(st.sampled_from(SIZES))}}},
    }
    cls = draw(st.sampled_from((None, "", "gold", "silver")))
    if cls is not None:
        claim["spec"]["storageClassName"] = cls
    selector = draw(st.sampled_from((None, {}, {"matchLabels": {"tier": "1"}}, {
        "matchExpressions": [{"key": "zone", "operator": "NotIn", "values": ["2"]}]})))
    if selector is not None:
        claim["spec"]["selector"] = selector
    mode = draw(st.sampled_from((None, "Filesystem", "Block")))
    if mode is not None:
        claim["spec"]["volumeMode"] = mode
    if draw(st.booleans()) and draw(st.booleans()):
        claim["spec"]["volumeAttributesClassName"] = "fast"
    return claim


def same(a: Any, b: Any) -> bool:
    return a is b


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(volumes(), max_size=12), claims(), st.booleans())
def test_index_equals_linear_search(pvs: list[dict], claim: dict, delay: bool) -> None:
    index = VolumeIndex(pvs)
    expected = binding.find_best_match(claim, pvs, delay_binding=delay)
    assert same(index.find_best_match(claim, delay_binding=delay), expected)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.booleans(), volumes()), max_size=20), claims())
def test_index_follows_puts_and_removes(ops: list[tuple[bool, dict]], claim: dict) -> None:
    index = VolumeIndex()
    current: dict[str, dict] = {}
    for remove, volume in ops:
        name = volume["metadata"]["name"]
        if remove:
            index.remove(name)
            current.pop(name, None)
        else:
            index.put(volume)
            current[name] = volume
        assert same(index.find_best_match(claim), binding.find_best_match(claim, current.values()))
    assert len(index) == len(current)
    assert [v["metadata"]["name"] for v in index.volumes()] == sorted(current)


@pytest.mark.parametrize("name,expected,claim", MATCH_VOLUME, ids=[c[0] for c in MATCH_VOLUME])
def test_TestMatchVolume_through_the_index(name: str, expected: str, claim: dict) -> None:
    found = VolumeIndex(create_test_volumes()).find_best_match(claim)
    assert (found["metadata"]["uid"] if found else "") == expected


def test_TestBestMatchDelayed_through_the_index() -> None:
    index = VolumeIndex(create_test_volumes())
    assert index.find_best_match(make_pvc("8G"), delay_binding=True) is None


def test_prebound_lookup_and_groups() -> None:
    prebound = pv("x", "x", "8Gi", ("ReadWriteOnce",),
                  claim_ref={"name": "claim01", "namespace": "myns"})
    index = VolumeIndex([prebound, pv("y", "y", "1Gi", ("ReadWriteOnce",))])
    assert index.prebound_to("myns", "claim01") == [prebound]
    assert index.find_best_match(make_pvc("1Gi", modes=("ReadWriteOnce",))) is prebound
    assert index.groups_for(["ReadWriteOnce"]) == [("ReadWriteOnce",)]
    index.remove("x")
    assert index.prebound_to("myns", "claim01") == []
    assert "x" not in index and "y" in index


def test_controller_index_follows_the_store() -> None:
    cluster = live_cluster(new_volume("v1", "1Gi", phase=""), new_volume("v2", "5Gi", phase=""))
    cluster.settle()
    index = cluster.controller("PersistentVolumeController").index
    assert [v["metadata"]["name"] for v in index.volumes()] == ["v1", "v2"]
    assert index.get("v1") is cluster.store.get("PersistentVolume", "", "v1")
    cluster.api.create(new_claim("c", "", "1Gi"))
    cluster.settle()
    # the bound volume left the free list: a second claim gets v2
    cluster.api.create(new_claim("d", "", "1Gi"))
    cluster.settle()
    assert cluster.store.get("PersistentVolumeClaim", "default", "d")["spec"]["volumeName"] == "v2"
    cluster.api.delete("PersistentVolume", "", "v2")
    # Bound, so pv-protection keeps it (Terminating); the index sees the deletionTimestamp
    assert binding.is_deleting(index.get("v2"))
    cluster.api.delete("PersistentVolumeClaim", "default", "d")
    cluster.settle()
    assert "v2" not in index and len(index) == 1


@st.composite
def updates(draw: Any) -> tuple[str, str, Any]:
    """A copy-on-write change of one PV, like the controllers and kubectl make."""
    name = draw(st.sampled_from(NAMES))
    kind = draw(st.sampled_from(("phase", "claimRef", "clear", "capacity", "modes", "delete",
                                 "class", "labels")))
    value = {
        "phase": st.sampled_from(("Available", "Bound", "Released", "Pending")),
        "claimRef": st.sampled_from(({"name": "c1", "namespace": "myns"},
                                     {"name": "c1", "namespace": "myns", "uid": "u1"},
                                     {"name": "zz", "namespace": "myns", "uid": "x"})),
        "clear": st.none(), "delete": st.none(),
        "capacity": st.sampled_from(SIZES),
        "modes": st.lists(st.sampled_from(MODES), min_size=1, max_size=2),
        "class": st.sampled_from(("", "gold")),
        "labels": st.dictionaries(st.sampled_from(("tier",)), st.sampled_from(("1", "2"))),
    }[kind]
    return name, kind, draw(value)


def apply_update(volume: dict, kind: str, value: Any) -> dict:
    from core.objects import DELETE, evolve

    changes: dict[str, Any] = {
        "phase": {"status": {"phase": value}},
        "claimRef": {"spec": {"claimRef": value}},
        "clear": {"spec": {"claimRef": DELETE}},
        "capacity": {"spec": {"capacity": {"storage": value}}},
        "modes": {"spec": {"accessModes": value}},
        "delete": {"metadata": {"deletionTimestamp": "2025-01-01T00:00:00Z"}},
        "class": {"spec": {"storageClassName": value}},
        "labels": {"metadata": {"labels": value}},
    }[kind]
    return evolve(volume, changes)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(volumes(), min_size=1, max_size=8), st.lists(updates(), max_size=25), claims())
def test_index_follows_copy_on_write_updates(pvs: list[dict], ops: list, claim: dict) -> None:
    """Untouched parts of a new version are shared objects; the index reuses them safely."""
    current = {v["metadata"]["name"]: v for v in pvs}
    index = VolumeIndex(current.values())
    for name, kind, value in ops:
        if name not in current:
            continue
        current[name] = apply_update(current[name], kind, value)
        index.put(current[name])
        assert same(index.find_best_match(claim), binding.find_best_match(claim, current.values()))
        assert same(index.find_best_match(claim, delay_binding=True),
                    binding.find_best_match(claim, current.values(), delay_binding=True))


def test_copy_on_write_claim_ref_and_phase_updates() -> None:
    from core.objects import DELETE, evolve

    volume = pv("x", "x", "1Gi", ("ReadWriteOnce",))
    index = VolumeIndex([volume])
    claim = make_pvc("1Gi", modes=("ReadWriteOnce",), name="c1", uid="u1")
    other = make_pvc("1Gi", modes=("ReadWriteOnce",), name="c2", uid="u2")
    assert index.find_best_match(other) is volume
    # reserved for c1 (claimRef without uid): only c1 finds it
    reserved = evolve(volume, {"spec": {"claimRef": {"name": "c1", "namespace": "myns"}}})
    index.put(reserved)
    assert index.find_best_match(claim) is reserved
    assert index.find_best_match(other) is None
    # Released to another uid: nobody finds it
    released = evolve(reserved, {"spec": {"claimRef": {"uid": "old"}},
                                 "status": {"phase": "Released"}})
    index.put(released)
    assert index.find_best_match(claim) is None and index.find_best_match(other) is None
    # the admin clears the claimRef; the controller makes it Available again
    cleared = evolve(released, {"spec": {"claimRef": DELETE}})
    index.put(cleared)
    assert index.find_best_match(other) is None  # still Released
    available = evolve(cleared, {"status": {"phase": "Available"}})
    index.put(available)
    assert index.find_best_match(other) is available
    # capacity grows in place: the sort key follows
    bigger = evolve(available, {"spec": {"capacity": {"storage": "10Gi"}}})
    index.put(bigger)
    assert index.find_best_match(make_pvc("5Gi", modes=("ReadWriteOnce",))) is bigger
