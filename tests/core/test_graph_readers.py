"""The one-pass readers and bulk load agree with the plain, kind-by-kind reading.

``node_of`` reads PVs, claims and pods through fast readers that write the facts in
key order; ``plain_node_of`` goes through the ``_facts_*`` functions and sorts. The
bulk load files every object in its indexes itself instead of through
``_index_entries``; incremental changes later unfile them through the latter, so the
two must file objects under exactly the same keys.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from core.graph import GraphProjection, build_snapshot, node_of, plain_node_of
from core.objects import key_of
from tests.core.test_graph_fixtures import large_manifests, settled_seed

BETA = "volume.beta.kubernetes.io/storage-class"


def _variants() -> list[dict[str, Any]]:
    """Seed objects, each also bent the ways manifests can be: missing, empty, null and
    oddly typed fields the fast readers must hand to the plain route or read alike."""
    base = [o for o in settled_seed()
            if o["kind"] in ("PersistentVolume", "PersistentVolumeClaim", "Pod")]
    edits = [
        lambda o: o.pop("status", None),
        lambda o: o.__setitem__("status", None),
        lambda o: o.__setitem__("status", []),
        lambda o: o.__setitem__("spec", {}),
        lambda o: o.__setitem__("spec", []),
        lambda o: o["metadata"].__setitem__("annotations", {BETA: "slow"}),
        lambda o: o["metadata"].__setitem__("annotations", {BETA: None}),
        lambda o: o["metadata"].__setitem__("annotations", ["x"]),
        lambda o: o["metadata"].__setitem__("deletionTimestamp", "2025-01-01T00:00:00Z"),
        lambda o: o["metadata"].pop("uid", None),
        lambda o: o["metadata"].__setitem__("name", 7),
        lambda o: o["spec"].__setitem__("claimRef", {"name": "c"}),
        lambda o: o["spec"].__setitem__("claimRef", {}),
        lambda o: o["spec"].__setitem__("nfs", {"path": "/x"}),
        lambda o: o["spec"].__setitem__("nfs", {"server": "s", "path": "rel/dir/"}),
        lambda o: o["spec"].__setitem__("capacity", "1Gi"),
        lambda o: o["spec"].__setitem__("capacity", {"storage": "1024Mi"}),
        lambda o: o["spec"].__setitem__("accessModes", ["ReadWriteMany", "Weird"]),
        lambda o: o["spec"].__setitem__("accessModes", [{"x": 1}]),
        lambda o: o["spec"].__setitem__("storageClassName", None),
        lambda o: o["spec"].__setitem__("storageClassName", ""),
        lambda o: o["spec"].__setitem__("resources", {"requests": None}),
        lambda o: o["spec"].__setitem__("resources", {"requests": "x"}),
        lambda o: o["spec"].__setitem__("resources", []),
        lambda o: o["spec"].__setitem__("volumeName", 5),
        lambda o: o["spec"].__setitem__("hostname", "h"),
        lambda o: o["spec"].__setitem__("subdomain", "s"),
    ]
    out = []
    for obj in base:
        out.append(obj)
        for edit in edits:
            variant = copy.deepcopy(obj)
            try:
                edit(variant)
            except (KeyError, TypeError, AttributeError):
                continue
            out.append(variant)
    return out


def _plain_or_error(obj: dict[str, Any]) -> Any:
    try:
        return plain_node_of(obj)
    except Exception as error:  # noqa: BLE001 - the same failure is what is wanted
        return type(error)


@pytest.mark.parametrize("obj", _variants(), ids=lambda o: f"{o['kind']}")
def test_node_of_reads_like_the_plain_route(obj):
    expected = _plain_or_error(obj)
    try:
        got = node_of(obj)
    except Exception as error:  # noqa: BLE001
        got = type(error)
    assert got == expected


def test_facts_are_in_key_order():
    for obj in settled_seed() + large_manifests(n_sets=2, replicas=2, namespaces=1):
        if obj["kind"] in ("Namespace", "Endpoints", "Event"):
            continue
        facts = node_of(obj).facts
        assert [k for k, _ in facts] == sorted(k for k, _ in facts)


INDEXES = ("_claims_by_volume", "_pvs_by_claimref", "_pods_by_claim", "_pods_by_owner",
           "_pods_by_node", "_by_ns", "_users_by_class", "_pvs_by_export",
           "_servers_by_address", "_claims_by_prefix", "_pods_by_label", "_sets_by_prefix",
           "_services_by_label", "_exports_by_address", "_id_of", "_key_of")


@pytest.mark.parametrize("objects", [settled_seed(), large_manifests(n_sets=5, replicas=3,
                                                                      namespaces=2, free_pvs=4,
                                                                      nodes=2)],
                         ids=["seed", "large"])
def test_bulk_load_files_objects_like_one_by_one(objects):
    bulk = GraphProjection(None, objects=objects)
    single = GraphProjection(None)
    for obj in objects:
        if obj["kind"] in ("Namespace", "Endpoints", "Event"):
            continue
        single._apply_object(key_of(obj), None, obj)
    assert bulk.snapshot() == single.snapshot() == build_snapshot(objects)
    for name in INDEXES:
        assert getattr(bulk, name) == getattr(single, name), name
    assert {k: set(v) for k, v in bulk._out.items()} == single._out
    assert {k: set(v) for k, v in bulk._in.items()} == single._in


def test_ids_the_bulk_load_declines_go_the_generic_route():
    objects = settled_seed()
    odd = copy.deepcopy(next(o for o in objects if o["kind"] == "PersistentVolume"))
    odd["metadata"]["name"] += "-odd"
    odd["metadata"]["uid"] = "nfs:odd"  # looks like an implied node's id
    twin = copy.deepcopy(next(o for o in objects if o["kind"] == "PersistentVolumeClaim"))
    twin["metadata"]["name"] += "-twin"  # a second object with the same uid
    for extra in ([odd], [twin]):
        objs = [o for o in objects + extra if o["kind"] not in ("Namespace", "Endpoints")]
        fresh = GraphProjection(None)
        assert fresh._bulk_load([key_of(o) for o in objs], objs) is False
        assert not fresh._objects and not fresh._nodes and not fresh._by_ns
    objs = objects + [odd]
    assert GraphProjection(None, objects=objs).snapshot() == build_snapshot(objs)
