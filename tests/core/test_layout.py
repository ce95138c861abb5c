"""The layered layout: deterministic, aligned chains, stable under change, frames, stripes."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from core.graph import GraphProjection, GraphSnapshot, build_snapshot
from core.layout import (
    COLUMN,
    DEFAULT_CONFIG,
    compute_groups,
    compute_layout,
)
from tests.core.test_graph_fixtures import large_manifests, pod, settled_seed

CONFIG = DEFAULT_CONFIG


def projected(manifests) -> GraphSnapshot:
    """The graph of many objects (the pairwise reference build is quadratic)."""
    return GraphProjection(objects=manifests, subscribe=False).snapshot()


def seed_snapshot() -> GraphSnapshot:
    return build_snapshot(settled_seed())


def by_name(snapshot: GraphSnapshot, kind: str, name: str) -> str:
    return next(n.id for n in snapshot.nodes if n.kind == kind and n.name == name)


def cells(layout) -> dict[str, tuple[int, int, int]]:
    return {nid: CONFIG.cell_of(p) for nid, p in layout.positions.items()}


def assert_no_overlap(layout) -> None:
    taken: dict[tuple[int, int, int], str] = {}
    for nid, (stripe, column, unit) in cells(layout).items():
        for u in (unit, unit + 1):
            key = (stripe, column, u)
            assert key not in taken, f"{nid} overlaps {taken[key]} at {key}"
            taken[key] = nid


def test_every_node_gets_a_slot_in_its_kinds_column():
    snap = seed_snapshot()
    layout = compute_layout(snap)
    assert set(layout.positions) == {n.id for n in snap.nodes}
    for n in snap.nodes:
        assert cells(layout)[n.id][1] == COLUMN[n.kind], n
    assert_no_overlap(layout)


def test_layout_is_deterministic_whatever_the_input_order():
    snap = seed_snapshot()
    shuffled = list(snap.nodes)
    random.Random(7).shuffle(shuffled)
    again = GraphSnapshot(shuffled, list(reversed(snap.edges)))
    assert compute_layout(snap).positions == compute_layout(again).positions


def test_seed_chain_reads_along_one_row():
    """export → PV → claim → pod → node of web-0 on one row, so edges are straight."""
    snap = seed_snapshot()
    rows = {nid: unit for nid, (_, _, unit) in cells(compute_layout(snap)).items()}
    chain = [by_name(snap, "NFSExport", "/nfs/pv1"), by_name(snap, "PersistentVolume", "pv0001"),
             by_name(snap, "PersistentVolumeClaim", "www-web-0"), by_name(snap, "Pod", "web-0"),
             by_name(snap, "Node", "node-1")]
    assert len({rows[c] for c in chain}) == 1
    # The pending claim and its pod share the next row; unbound PVs follow by name.
    assert rows[by_name(snap, "PersistentVolumeClaim", "www-web-1")] == rows[
        by_name(snap, "Pod", "web-1")]
    pv_rows = [rows[by_name(snap, "PersistentVolume", f"pv000{i}")] for i in range(1, 5)]
    assert pv_rows == sorted(pv_rows)
    # Each export stays on its PV's row.
    for i in range(1, 5):
        assert rows[by_name(snap, "NFSExport", f"/nfs/pv{i}")] == pv_rows[i - 1]


def test_groups_frame_their_members():
    snap = seed_snapshot()
    layout = compute_layout(snap)
    groups = {g.id: g for g in layout.groups}
    assert set(groups) == {"ns:default", "sts:default/web", "nfs:192.168.6.189"}
    for group in groups.values():
        (x, y, w, h), = group.rects
        for member in group.members:
            px, py = layout.positions[member]
            assert x <= px <= x + w and y <= py <= y + h, (group.id, member)
    ns, sts = groups["ns:default"].rects[0], groups["sts:default/web"].rects[0]
    assert ns[0] < sts[0] and ns[1] < sts[1]  # the namespace frame holds the set's frame
    assert groups["sts:default/web"].title == "StatefulSet web"


def test_adding_an_object_moves_nothing_else():
    before = seed_snapshot()
    layout = compute_layout(before)
    manifests = settled_seed()
    manifests.append(pod("web-2", "www-web-2", node_name="node-2", ip="10.244.2.9"))
    manifests.append({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
                      "metadata": {"name": "www-web-2", "namespace": "default", "uid": "c2"},
                      "spec": {"storageClassName": "nfs"}, "status": {"phase": "Pending"}})
    after = build_snapshot(manifests)
    grown = compute_layout(after, previous=layout.positions)
    for nid, point in layout.positions.items():
        assert grown.positions[nid] == point
    assert_no_overlap(grown)
    rows = {nid: unit for nid, (_, _, unit) in cells(grown).items()}
    # The new pod sits with its claim, in the StatefulSet's band, below web-1.
    assert rows[by_name(after, "Pod", "web-2")] == rows[
        by_name(after, "PersistentVolumeClaim", "www-web-2")]
    assert rows[by_name(after, "Pod", "web-2")] > rows[by_name(after, "Pod", "web-1")]


def test_removed_objects_leave_a_gap():
    snap = seed_snapshot()
    layout = compute_layout(snap)
    gone = by_name(snap, "PersistentVolume", "pv0002")
    smaller = GraphSnapshot([n for n in snap.nodes if n.id != gone],
                            [e for e in snap.edges if gone not in e.key])
    again = compute_layout(smaller, previous={k: v for k, v in layout.positions.items()
                                              if k != gone})
    assert all(again.positions[k] == v for k, v in layout.positions.items() if k != gone)


def test_pinned_positions_win():
    snap = seed_snapshot()
    pv = by_name(snap, "PersistentVolume", "pv0003")
    pinned = {pv: (1234.5, -77.0)}
    assert compute_layout(snap, pinned=pinned).positions[pv] == (1234.5, -77.0)
    layout = compute_layout(snap)
    assert compute_layout(snap, previous=layout.positions, pinned=pinned).positions[pv] == (
        1234.5, -77.0)


def test_a_recreated_object_takes_its_old_slot_from_a_hint():
    snap = seed_snapshot()
    layout = compute_layout(snap)
    old = by_name(snap, "Pod", "web-1")
    slot = layout.positions[old]
    manifests = [m for m in settled_seed() if m["metadata"]["name"] != "web-1"]
    recreated = pod("web-1", None)
    recreated["metadata"]["uid"] = "uid-new-web-1"
    manifests.append(recreated)
    after = build_snapshot(manifests)
    previous = {k: v for k, v in layout.positions.items() if k != old}
    placed = compute_layout(after, previous=previous, hints={"uid-new-web-1": slot})
    assert placed.positions["uid-new-web-1"] == slot


def test_big_cluster_is_cut_into_stripes_with_a_sane_shape():
    snap = projected(large_manifests(n_sets=60, replicas=10, namespaces=5))
    layout = compute_layout(snap)
    assert layout.stripes > 1
    x, y, w, h = layout.bounds()
    assert 0.6 < w / h < 4.0
    assert_no_overlap(layout)
    # Every bound PV still sits on its claim's row, in the same stripe.
    where = cells(layout)
    for edge in snap.edges:
        if edge.state == "bound":
            s, _, u = where[edge.source]
            t, _, v = where[edge.target]
            assert (s, u) == (t, v)


def test_namespace_frames_do_not_overlap():
    snap = build_snapshot(large_manifests(n_sets=12, replicas=4, namespaces=4))
    layout = compute_layout(snap)
    frames = [(g.id, r) for g in layout.groups if g.kind == "namespace" for r in g.rects]
    for i, (a, (ax, ay, aw, ah)) in enumerate(frames):
        for b, (bx, by, bw, bh) in frames[i + 1:]:
            overlap = ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah
            assert not overlap, (a, b)


def test_groups_follow_moved_members():
    snap = seed_snapshot()
    layout = compute_layout(snap)
    positions = dict(layout.positions)
    pod_id = by_name(snap, "Pod", "web-1")
    positions[pod_id] = (positions[pod_id][0], positions[pod_id][1] + 400)
    frame = next(g for g in compute_groups(snap, positions) if g.id == "sts:default/web")
    x, y, w, h = frame.rects[0]
    assert y + h > positions[pod_id][1]


def test_five_thousand_objects_lay_out():
    snap = projected(large_manifests(n_sets=150, replicas=11, namespaces=8))
    layout = compute_layout(snap)
    assert len(layout.positions) == len(snap.nodes)
    assert_no_overlap(layout)


# ---- stability for random additions ------------------------------------------------------

@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(
    ["pv", "claim", "pod", "set", "namespace", "node", "export"]))
def test_adding_any_one_object_moves_no_existing_one(seed, what):
    rng = random.Random(seed)
    manifests = large_manifests(n_sets=rng.randint(1, 6), replicas=rng.randint(1, 4),
                                namespaces=rng.randint(1, 3), free_pvs=rng.randint(0, 5),
                                nodes=rng.randint(1, 3))
    before = build_snapshot(manifests)
    layout = compute_layout(before)
    ns = rng.choice(["team-0", "team-1", "brand-new"])
    extra: list[dict] = []
    if what == "pv":
        extra.append({"kind": "PersistentVolume", "metadata": {"name": "pv-new", "uid": "x1"},
                      "spec": {"storageClassName": "nfs", "nfs": {"server": "10.0.0.1",
                                                                  "path": "/exports/new"}}})
    elif what == "claim":
        extra.append({"kind": "PersistentVolumeClaim",
                      "metadata": {"name": "data-db0-99", "namespace": ns, "uid": "x2"},
                      "spec": {"storageClassName": "nfs"}})
    elif what == "pod":
        extra.append(pod("loose", None, namespace=ns, node_name="node-1", ip="1.2.3.4"))
    elif what == "set":
        extra.append({"kind": "StatefulSet", "metadata": {"name": "zz", "namespace": ns,
                                                          "uid": "x3"}, "spec": {"replicas": 1}})
    elif what == "namespace":
        extra.append(pod("lonely", None, namespace="zz-new"))
    elif what == "node":
        extra.append({"kind": "Node", "metadata": {"name": "node-99", "uid": "x4"}})
    else:
        extra.append({"kind": "NFSServer", "metadata": {"name": "srv", "uid": "x5"},
                      "spec": {"address": "10.9.9.9", "exports": [{"path": "/e"}]}})
    after = build_snapshot(manifests + extra)
    grown = compute_layout(after, previous=layout.positions)
    for nid, point in layout.positions.items():
        assert grown.positions[nid] == point
    assert set(grown.positions) == {n.id for n in after.nodes}
    assert_no_overlap(grown)
