"""GraphScene: uid ↔ item mapping, idempotent updates, stable slots, staged animation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from core.cluster import Cluster
from gui.items import ITEM_CLASSES, EdgeItem, GroupItem
from gui.theme import DARK, LIGHT, presentation
from tests.core.test_graph_fixtures import pod, settled_seed
from tests.gui.test_scene_support import Setup, distinct_colors


def bind(cluster: Cluster, claim_name: str, pv_name: str) -> None:
    """The PV controller's binding, write by write (claimRef first, then volumeName)."""
    claim = cluster.get("PersistentVolumeClaim", "default", claim_name)
    pv = cluster.get("PersistentVolume", "", pv_name)
    ref = {"kind": "PersistentVolumeClaim", "namespace": "default", "name": claim_name,
           "uid": claim["metadata"]["uid"]}
    cluster.api.write(pv, {"spec": {"claimRef": ref}}, actor="pv", reason="bind: claimRef")
    cluster.api.write(pv, {"status": {"phase": "Bound"}}, actor="pv", reason="phase")
    cluster.api.write(claim, {"spec": {"volumeName": pv_name}}, actor="pv", reason="volumeName")
    cluster.api.write(claim, {"status": {"phase": "Bound"}}, actor="pv", reason="phase")


def start_pod(cluster: Cluster, name: str, node: str) -> None:
    """The scheduler and kubelet: Pending → ContainerCreating → Running."""
    current = cluster.get("Pod", "default", name)
    cluster.api.write(current, {"spec": {"nodeName": node}}, actor="scheduler", reason="bind")
    cluster.api.write(current, {"status": {"phase": "Pending", "containerStatuses": [
        {"name": "nginx", "ready": False,
         "state": {"waiting": {"reason": "ContainerCreating"}}}]}},
        actor="kubelet", reason="creating")
    cluster.api.write(current, {"status": {
        "phase": "Running", "podIP": "10.244.2.7",
        "conditions": [{"type": "Ready", "status": "True"}],
        "containerStatuses": [{"name": "nginx", "ready": True,
                               "state": {"running": {}}}]}}, actor="kubelet", reason="running")


def test_reset_builds_one_item_per_object(qtbot):
    s = Setup(qtbot)
    snap = s.projection.snapshot()
    assert {i.node_id for i in s.scene.node_items()} == {n.id for n in snap.nodes}
    for item in s.scene.node_items():
        assert type(item) is ITEM_CLASSES[item.node.kind]
    assert {e.key for e in s.scene.edge_items()} == {e.key for e in snap.edges}
    titles = {g.title for g in s.scene.group_items()}
    assert {"namespace default", "StatefulSet web"} <= titles
    assert distinct_colors(s.grab()) > 20


def test_item_for_finds_objects_by_uid_and_implied_nodes_by_id(qtbot):
    s = Setup(qtbot)
    pv = s.cluster.get("PersistentVolume", "", "pv0001")
    assert s.scene.item_for(pv["metadata"]["uid"]).node.name == "pv0001"
    assert s.scene.item_for("nfs:192.168.6.189:/nfs/pv1").node.kind == "NFSExport"
    assert s.scene.item_for("sc:nfs").node.status == "Not found"
    assert s.scene.item_for("no-such-uid") is None
    s.grab()


def test_binding_and_pod_start_update_items_in_place(qtbot):
    s = Setup(qtbot)
    positions = s.scene.positions()
    pv_item = s.item("PersistentVolume", "pv0003")
    seq = s.cluster.store.last_seq
    bind(s.cluster, "www-web-1", "pv0003")
    start_pod(s.cluster, "web-1", "node-2")
    s.sync(seq)
    assert s.item("PersistentVolume", "pv0003") is pv_item  # identity kept
    assert pv_item.status_text == "Bound"
    assert s.item("PersistentVolumeClaim", "www-web-1").status_text == "Bound"
    assert s.item("Pod", "web-1").status_text == "Running"
    edge = s.scene.edge_item(pv_item.node_id, s.item("PersistentVolumeClaim", "www-web-1").node_id)
    assert edge is not None and edge.edge.state == "bound"
    assert s.scene.positions() == positions  # nothing moved
    s.grab()


def test_apply_is_idempotent(qtbot):
    s = Setup(qtbot)
    seq = s.cluster.store.last_seq
    bind(s.cluster, "www-web-1", "pv0003")
    changes = s.cluster.store.changes_since(seq)
    snapshot = s.projection.snapshot()
    s.scene.apply(changes, snapshot)
    items = {i.node_id: i for i in s.scene.node_items()}
    edges = {e.key: e for e in s.scene.edge_items()}
    positions = s.scene.positions()
    s.scene.apply(changes, snapshot)
    s.scene.apply([], snapshot)
    assert {i.node_id: i for i in s.scene.node_items()} == items
    assert {e.key: e for e in s.scene.edge_items()} == edges
    assert s.scene.positions() == positions
    s.grab()


def test_new_objects_take_free_slots_and_removed_ones_leave_gaps(qtbot):
    s = Setup(qtbot)
    positions = s.scene.positions()
    seq = s.cluster.store.last_seq
    s.cluster.api.restore({"apiVersion": "v1", "kind": "PersistentVolume",
                           "metadata": {"name": "pv0005", "uid": "uid-pv0005"},
                           "spec": {"capacity": {"storage": "1Gi"},
                                    "accessModes": ["ReadWriteOnce"], "storageClassName": "nfs",
                                    "nfs": {"server": "192.168.6.189", "path": "/nfs/pv5"}},
                           "status": {"phase": "Available"}})
    s.cluster.store.remove(("PersistentVolume", "", "pv0002"), actor="test", reason="delete")
    s.sync(seq)
    after = s.scene.positions()
    gone = {nid for nid in positions if s.scene.item_for(nid) is None}
    assert {s.projection.snapshot().node(n) for n in gone} == {None}
    assert len(gone) == 2  # pv0002 and its export
    for nid, point in positions.items():
        if nid not in gone:
            assert after[nid] == point
    new = s.scene.item_for("uid-pv0005")
    assert new is not None and new.isVisible()
    occupied = {(round(x), round(y)) for nid, (x, y) in after.items() if nid != "uid-pv0005"}
    assert (round(new.pos().x()), round(new.pos().y())) not in occupied
    s.grab()


def test_a_recreated_pod_comes_back_to_its_place(qtbot):
    s = Setup(qtbot)
    old = s.item("Pod", "web-1")
    slot = QPointF(old.pos())
    seq = s.cluster.store.last_seq
    s.cluster.store.remove(("Pod", "default", "web-1"), actor="kubelet", reason="deleted")
    s.sync(seq)
    assert s.scene.item_for(old.node_id) is None
    seq = s.cluster.store.last_seq
    again = pod("web-1", "www-web-1")
    again["metadata"]["uid"] = "uid-web-1-again"
    s.cluster.api.restore(again)
    s.sync(seq)
    assert s.scene.item_for("uid-web-1-again").pos() == slot
    s.grab()


def test_staged_changes_show_one_at_a_time(qtbot):
    s = Setup(qtbot)
    s.scene.set_motion(True, speed=40.0)
    item = s.item("Pod", "web-1")
    shown = []
    original = item.set_node

    def spy(node):
        changed = original(node)
        if changed:
            shown.append(node.status)
        return changed

    item.set_node = spy
    seq = s.cluster.store.last_seq
    start_pod(s.cluster, "web-1", "node-2")
    with qtbot.waitSignal(s.scene.idle, timeout=10000):
        s.sync(seq)
    # One stage per record: scheduled (still Pending, now with a node), then
    # ContainerCreating, then Running.
    assert shown == ["Pending", "ContainerCreating", "Running"]
    assert not s.scene.animating
    assert item.opacity() == 1.0 and item.flash == 0.0
    s.grab()


def test_a_new_claim_fades_in_and_its_edges_draw(qtbot):
    s = Setup(qtbot)
    s.scene.set_motion(True, speed=30.0)
    seq = s.cluster.store.last_seq
    s.cluster.api.restore({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
                           "metadata": {"name": "extra", "namespace": "default", "uid": "uid-x"},
                           "spec": {"storageClassName": "nfs"}, "status": {"phase": "Pending"}})
    s.sync(seq)
    item = s.scene.item_for("uid-x")
    assert item is not None  # exists (selectable) before its appearance is shown
    qtbot.waitUntil(lambda: not s.scene.animating, timeout=10000)
    assert item.isVisible() and item.opacity() == 1.0 and item.scale() == 1.0
    edge = s.scene.edge_item("sc:nfs", "uid-x")
    assert edge is not None and edge.progress == 1.0
    s.grab()


def test_reduced_motion_applies_everything_at_once(qtbot):
    s = Setup(qtbot)
    seq = s.cluster.store.last_seq
    start_pod(s.cluster, "web-1", "node-2")
    s.sync(seq)
    assert not s.scene.animating
    assert s.item("Pod", "web-1").status_text == "Running"
    s.grab()


def test_dragging_pins_and_relayout_frees(qtbot):
    s = Setup(qtbot, size=(1600, 1000))
    s.view.set_zoom(0.6)
    item = s.item("PersistentVolume", "pv0004")
    s.view.centerOn(item)
    home = QPointF(item.pos())
    start = s.view.mapFromScene(item.pos() + QPointF(-40, 10))
    end = start + QPoint(120, 90)
    qtbot.mousePress(s.view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for k in range(1, 6):
        qtbot.mouseMove(s.view.viewport(), start + (end - start) * k / 5)
    qtbot.mouseRelease(s.view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert item.pos() != home
    assert item.node_id in s.scene.pinned_ids() and item.pinned
    # A later change does not move it back.
    seq = s.cluster.store.last_seq
    bind(s.cluster, "www-web-1", "pv0003")
    s.sync(seq)
    assert item.pos() != home
    s.scene.relayout(animate=False)
    assert item.pos() == home and not s.scene.pinned_ids()
    s.grab()


def test_relayout_with_motion_is_one_animation(qtbot):
    s = Setup(qtbot)
    s.scene.set_motion(True, speed=20.0)
    item = s.item("Pod", "web-0")
    home = QPointF(item.pos())
    item.setPos(home + QPointF(300, 300))
    s.scene.item_dragged(item)
    with qtbot.waitSignal(s.scene.idle, timeout=10000):
        s.scene.relayout()
        assert s.scene.animating
    assert item.pos() == home
    s.grab()


@pytest.mark.parametrize("theme", [DARK, presentation(LIGHT), presentation(DARK)])
def test_theme_switch_restyles_and_scales_positions(qtbot, theme):
    s = Setup(qtbot)
    before = s.scene.positions()
    s.scene.set_theme(theme)
    factor = theme.scale / LIGHT.scale
    for nid, (x, y) in s.scene.positions().items():
        assert (x, y) == pytest.approx((before[nid][0] * factor, before[nid][1] * factor))
    assert all(i.theme == theme for i in s.scene.node_items())
    s.grab()
    s.scene.set_theme(LIGHT)
    for nid, point in s.scene.positions().items():
        assert point == pytest.approx(before[nid])


def test_selection_signal_carries_the_uid(qtbot):
    s = Setup(qtbot)
    pv = s.cluster.get("PersistentVolume", "", "pv0001")
    with qtbot.waitSignal(s.scene.selection_changed_uid, timeout=1000) as blocker:
        s.scene.select_uid(pv["metadata"]["uid"])
    assert blocker.args == [pv["metadata"]["uid"]]
    with qtbot.waitSignal(s.scene.selection_changed_uid, timeout=1000) as blocker:
        s.scene.select_uid("nfs:192.168.6.189:/nfs/pv2")
    assert blocker.args == ["nfs:192.168.6.189:/nfs/pv2"]
    with qtbot.waitSignal(s.scene.selection_changed_uid, timeout=1000) as blocker:
        s.scene.clearSelection()
    assert blocker.args == [""]
    s.grab()


def test_frames_follow_new_members(qtbot):
    s = Setup(qtbot)
    frame = next(g for g in s.scene.group_items() if g.group_id == "sts:default/web")
    bottom = frame.rect().bottom()
    seq = s.cluster.store.last_seq
    s.cluster.api.restore({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
                           "metadata": {"name": "www-web-2", "namespace": "default",
                                        "uid": "uid-www-web-2"},
                           "spec": {"storageClassName": "nfs"}, "status": {"phase": "Pending"}})
    s.sync(seq)
    frame = next(g for g in s.scene.group_items() if g.group_id == "sts:default/web")
    claim = s.scene.item_for("uid-www-web-2")
    assert frame.rect().bottom() > bottom
    assert frame.rect().contains(claim.pos())
    assert all(isinstance(g, GroupItem) for g in s.scene.group_items())
    s.grab()


def test_whole_seed_history_replays_onto_a_scene(qtbot):
    """Every record of a real run, applied in one batch, ends exactly at the snapshot."""
    from core.graph import GraphProjection
    from tests.core.test_graph_fixtures import seed_documents

    cluster = Cluster()
    projection = GraphProjection(cluster)
    s = Setup(qtbot, cluster=Cluster.from_manifests(settled_seed()))
    s.scene.reset(projection.snapshot())
    seq = cluster.store.last_seq
    for doc in seed_documents():
        cluster.api.create(doc)
    cluster.settle()
    s.scene.apply(cluster.store.changes_since(seq), projection.snapshot())
    snap = projection.snapshot()
    assert {i.node_id: i.node for i in s.scene.node_items()} == {n.id: n for n in snap.nodes}
    assert {e.key: e.edge for e in s.scene.edge_items()} == {e.key: e for e in snap.edges}
    assert all(isinstance(e, EdgeItem) for e in s.scene.edge_items())
    s.view.fit_all()
    s.grab()


# ---- any history, any batching -------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests.core.test_graph import objects  # noqa: E402


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["put", "put", "delete"]), objects()), min_size=1,
                max_size=20),
       st.integers(min_value=1, max_value=6), st.booleans())
def test_any_history_in_any_batches_ends_at_the_snapshot(qtbot, ops, batch, motion):
    s = Setup(qtbot)
    s.scene.set_motion(motion, speed=50.0)
    positions = s.scene.positions()
    survivors = set(positions)
    seq = s.cluster.store.last_seq
    for i, (op, obj) in enumerate(ops):
        kind = obj["kind"]
        ns = obj["metadata"].get("namespace", "") if kind not in (
            "PersistentVolume", "Node", "StorageClass", "NFSServer") else ""
        key = (kind, ns, obj["metadata"]["name"])
        existing = s.cluster.store.get_key(key)
        if op == "delete":
            if existing is not None:
                s.cluster.store.remove(key, actor="test", reason="delete")
        else:
            if existing is not None:
                obj = {**obj, "metadata": {**obj["metadata"], "uid": existing["metadata"]["uid"]}}
            s.cluster.api.restore(obj)
        if (i + 1) % batch == 0:
            s.sync(seq)
            seq = s.cluster.store.last_seq
    s.sync(seq)
    s.scene.finish_animations()
    snap = s.projection.snapshot()
    assert {i.node_id: i.node for i in s.scene.node_items()} == {n.id: n for n in snap.nodes}
    assert {e.key: e.edge for e in s.scene.edge_items()} == {e.key: e for e in snap.edges}
    for item in s.scene.node_items():
        assert item.isVisible() and item.opacity() == 1.0
        if item.node_id in survivors and snap.has_node(item.node_id):
            assert (item.pos().x(), item.pos().y()) == positions[item.node_id]  # never moved
    s.grab()
    s.view.close()  # hypothesis runs many examples inside one test
