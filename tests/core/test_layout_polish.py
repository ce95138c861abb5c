"""Layout polish: bound chains level inside groups, closed-up Node column, classes off
the export → PV edges. Built the way a lesson builds it: step by step, incrementally."""

from __future__ import annotations

from pathlib import Path

import yaml

from core.cluster import Cluster
from core.graph import GraphProjection, GraphSnapshot
from core.layout import COLUMN, DEFAULT_CONFIG, compute_layout, node_column

LESSON = Path(__file__).resolve().parents[2] / "assets" / "lessons" / "00-seed-walkthrough"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def apply_file(cluster: Cluster, name: str) -> None:
    for doc in yaml.load_all((LESSON / name).read_text(), Loader=_Loader):
        if doc:
            cluster.api.create(doc)
    cluster.settle()


def lesson_layouts() -> list[tuple[GraphSnapshot, dict]]:
    """(snapshot, positions) after each of the lesson's first three steps."""
    cluster = Cluster()
    out = []
    positions = None
    for name in ("nfs-server.yaml", "seed-pvs.yaml", "seed-web.yaml"):
        apply_file(cluster, name)
        snap = GraphProjection(cluster, subscribe=False).snapshot()
        positions = dict(compute_layout(snap, previous=positions).positions)
        out.append((snap, positions))
    return out


def ids(snap: GraphSnapshot, kind: str, name: str) -> str:
    return next(n.id for n in snap.nodes if n.kind == kind and n.name == name)


def row(positions, nid: str) -> int:
    return DEFAULT_CONFIG.cell_of(positions[nid])[2]


def test_a_statefulset_arriving_bound_lines_up_with_its_volume():
    snap, pos = lesson_layouts()[-1]
    pv = ids(snap, "PersistentVolume", "pv0001")
    claim = ids(snap, "PersistentVolumeClaim", "www-web-0")
    pod = ids(snap, "Pod", "web-0")
    assert row(pos, pv) == row(pos, claim) == row(pos, pod)
    # web-1 follows web-0 inside the set, its claim beside it.
    assert row(pos, ids(snap, "Pod", "web-1")) == row(pos, pod) + 2
    assert row(pos, ids(snap, "PersistentVolumeClaim", "www-web-1")) == row(pos, pod) + 2


def test_a_new_volume_lines_up_with_its_new_export():
    snap, pos = lesson_layouts()[1]
    for n in range(1, 5):
        pv = ids(snap, "PersistentVolume", f"pv000{n}")
        export = next(e.source for e in snap.edges if e.target == pv and e.relation == "export")
        assert row(pos, pv) == row(pos, export)


def test_storage_classes_stay_off_the_rows_export_edges_cross():
    for snap, pos in lesson_layouts()[1:]:
        spans = []
        for e in snap.edges:
            if e.relation == "export":
                a, b = row(pos, e.source), row(pos, e.target)
                spans.append((min(a, b), max(a, b) + 1))
        classes = [n.id for n in snap.nodes if n.kind == "StorageClass"]
        assert classes
        for sc in classes:
            u = row(pos, sc)
            assert all(u + 1 < lo or u > hi for lo, hi in spans), (sc, u, spans)


def test_the_node_column_closes_up_and_reopens_on_its_rows():
    steps = lesson_layouts()
    snap, pos = steps[1]  # storage only: no claims, pods or workloads
    node = ids(snap, "Node", "node-1")
    assert node_column(_graph(snap)) == COLUMN["PersistentVolume"] + 1
    pv_x = pos[ids(snap, "PersistentVolume", "pv0001")][0]
    assert pos[node][0] == pv_x + DEFAULT_CONFIG.column_pitch
    snap3, pos3 = steps[2]  # workloads arrive: nodes go back to their own column
    assert DEFAULT_CONFIG.cell_of(pos3[node])[1] == COLUMN["Node"]
    assert pos3[node][1] == pos[node][1]  # same row
    # Everything else stayed exactly where it was.
    for nid, point in pos.items():
        if snap3.node(nid) is not None and snap.node(nid).kind != "Node":
            assert pos3[nid] == point, nid


def test_full_layout_of_storage_only_is_narrow():
    snap, _ = lesson_layouts()[1]
    layout = compute_layout(snap)
    _, _, width, _ = layout.bounds()
    assert width <= 4 * DEFAULT_CONFIG.column_pitch


def _graph(snap):
    from core.layout import _Graph

    return _Graph(snap)
