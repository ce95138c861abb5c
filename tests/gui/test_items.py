"""Items: one class per kind, status as text + colour + badge, level of detail, edge styles."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QGraphicsScene

from core.graph import GraphEdge, node_of
from gui.items import ITEM_CLASSES, EdgeItem, make_item
from gui.theme import BADGE, LIGHT, NEUTRAL, category, edge_style
from tests.core.test_graph_fixtures import node, pod
from tests.gui.test_scene_support import Setup, count_color, distinct_colors, render_item

KINDS = ["NFSServer", "NFSExport", "StorageClass", "PersistentVolume", "PersistentVolumeClaim",
         "Pod", "StatefulSet", "Service", "Node"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_its_own_item_and_paints(qtbot, kind):
    s = Setup(qtbot)
    items = [i for i in s.scene.node_items() if i.node.kind == kind]
    assert items, kind
    item = items[0]
    assert type(item) is ITEM_CLASSES[kind]
    # Recognisable by shape: the outline differs from every other kind's.
    outlines = {k: type(i).make_body(i, 200, 70).toFillPolygon().size()
                for k, i in ((i.node.kind, i) for i in s.scene.node_items())}
    assert len(set(outlines.values())) >= 6
    assert item.node.name[:6] in " ".join(item.label_texts()) or kind == "NFSServer"
    image = render_item(item, 2.0)
    assert distinct_colors(image, step=3) > 8
    s.view.centerOn(item)
    s.view.set_zoom(1.0)
    s.grab()


def _pv(phase, deleting=False, claim=True):
    obj = {"kind": "PersistentVolume", "metadata": {"name": "pv9", "uid": "u-pv9"},
           "spec": {"capacity": {"storage": "5Gi"}, "accessModes": ["ReadWriteMany"],
                    "storageClassName": "nfs", "persistentVolumeReclaimPolicy": "Retain"},
           "status": {"phase": phase}}
    if claim:
        obj["spec"]["claimRef"] = {"namespace": "default", "name": "old"}
    if deleting:
        obj["metadata"]["deletionTimestamp"] = "2025-01-01T00:00:00Z"
    return obj


def _claim(phase, deleting=False):
    obj = {"kind": "PersistentVolumeClaim",
           "metadata": {"name": "c9", "namespace": "default", "uid": "u-c9"},
           "spec": {"resources": {"requests": {"storage": "1Gi"}}}, "status": {"phase": phase}}
    if deleting:
        obj["metadata"]["deletionTimestamp"] = "2025-01-01T00:00:00Z"
    return obj


def _pod_in(status_phase, reason=None, deleting=False, node_name="node-1"):
    obj = pod("p9", "c9", node_name=node_name, ip="10.0.0.9" if node_name else "")
    if reason:
        obj["status"] = {"phase": status_phase, "containerStatuses": [
            {"name": "nginx", "ready": False, "state": {"waiting": {"reason": reason}}}]}
    if deleting:
        obj["metadata"]["deletionTimestamp"] = "2025-01-01T00:00:00Z"
    return obj


@pytest.mark.parametrize(("obj", "text", "cat"), [
    pytest.param(_pv("Available", claim=False), "Available", "available", id="pv-available"),
    pytest.param(_pv("Bound"), "Bound", "ok", id="pv-bound"),
    pytest.param(_pv("Released"), "Released", "released", id="pv-released"),
    pytest.param(_pv("Failed"), "Failed", "failed", id="pv-failed"),
    pytest.param(_pv("Pending"), "Pending", "pending", id="pv-pending"),
    pytest.param(_pv("Bound", deleting=True), "Terminating", "terminating", id="pv-terminating"),
    pytest.param(_claim("Pending"), "Pending", "pending", id="pvc-pending"),
    pytest.param(_claim("Bound"), "Bound", "ok", id="pvc-bound"),
    pytest.param(_claim("Lost"), "Lost", "failed", id="pvc-lost"),
    pytest.param(_claim("Bound", deleting=True), "Terminating", "terminating",
                 id="pvc-terminating"),
    pytest.param(_pod_in("Pending", node_name=""), "Pending", "pending", id="pod-pending"),
    pytest.param(_pod_in("Pending", "ContainerCreating"), "ContainerCreating", "pending",
                 id="pod-creating"),
    pytest.param(pod("p9", "c9", node_name="node-1", ip="1.1.1.1"), "Running", "ok",
                 id="pod-running"),
    pytest.param(_pod_in("Running", "CrashLoopBackOff"), "CrashLoopBackOff", "failed",
                 id="pod-crashloop"),
    pytest.param(_pod_in("Running", deleting=True), "Terminating", "terminating",
                 id="pod-terminating"),
    pytest.param(node("n9"), "Ready", "ok", id="node-ready"),
    pytest.param(node("n9", ready=False), "NotReady", "failed", id="node-notready"),
    pytest.param(node("n9", unschedulable=True), "Ready", "cordoned", id="node-cordoned"),
])
def test_status_shows_as_text_colour_and_badge(qtbot, obj, text, cat):
    graph_node = node_of(obj)
    scene = QGraphicsScene()
    item = make_item(graph_node, LIGHT)
    scene.addItem(item)
    assert item.status_category == cat
    assert text in " ".join(item.label_texts())  # the word
    assert BADGE[cat]  # the shape
    image = render_item(item, 2.0)
    assert count_color(image, LIGHT.status_color(cat), tolerance=30) > 40  # the colour
    if obj["kind"] == "Node" and "SchedulingDisabled" in graph_node.status:
        assert "SchedulingDisabled" in " ".join(item.label_texts())
    view = Setup(qtbot).view
    view.grab()


def test_every_status_category_has_its_own_badge_and_colour():
    cats = [c for c in BADGE if c != NEUTRAL]
    assert len({BADGE[c] for c in cats}) == len(cats)
    assert len({LIGHT.status_color(c).name() for c in cats}) == len(cats)
    assert category("Ready,SchedulingDisabled") == "cordoned"
    assert category("NotReady,SchedulingDisabled") == "failed"


def test_labels_hold_the_facts_that_matter(qtbot):
    s = Setup(qtbot)
    pv = " ".join(s.item("PersistentVolume", "pv0002").label_texts())
    assert "2Gi" in pv and "ROX" in pv and "nfs" in pv and "Retain" in pv
    claim = " ".join(s.item("PersistentVolumeClaim", "www-web-0").label_texts())
    assert "1Gi" in claim and "RWO" in claim and "volume pv0001" in claim
    web0 = " ".join(s.item("Pod", "web-0").label_texts())
    assert "node-1" in web0 and "10.244.1.2" in web0 and "web-0.nginx.default" in web0
    sts = " ".join(s.item("StatefulSet", "web").label_texts())
    assert "1/2 ready" in sts
    missing = " ".join(s.item("StorageClass", "nfs").label_texts())
    assert "Not found" in missing
    s.grab()


def test_level_of_detail_skips_labels_when_zoomed_out(qtbot):
    s = Setup(qtbot)
    item = s.item("PersistentVolume", "pv0003")
    item.set_node(item.node)  # no-op: guarded
    fresh = make_item(item.node, LIGHT)
    s.scene.addItem(fresh)
    fresh.setPos(QPointF(5000, 5000))
    tiny = render_item(fresh, 0.1)
    assert fresh._texts is None  # nothing laid out for a flat overview
    assert count_color(tiny, LIGHT.status_color("available"), tolerance=40) > 0
    render_item(fresh, 1.0)
    assert fresh._texts  # laid out once drawn in detail
    s.grab()


def test_edge_styles_tell_reservation_from_binding(qtbot):
    s = Setup(qtbot)
    pv = s.item("PersistentVolume", "pv0003")
    claim = s.item("PersistentVolumeClaim", "www-web-1")
    edges = {state: EdgeItem(GraphEdge(pv.node_id, claim.node_id, "binding", state), pv,
                             claim, LIGHT) for state in ("bound", "reserved", "requested")}
    bound, reserved, requested = edges["bound"], edges["reserved"], edges["requested"]
    assert bound._pen.style() == Qt.PenStyle.SolidLine
    assert reserved._pen.style() == Qt.PenStyle.CustomDashLine  # visibly not a binding
    assert requested._pen.dashPattern() != reserved._pen.dashPattern()
    assert bound._pen.widthF() > reserved._pen.widthF()
    assert edge_style("binding", "bound").arrow_source and edge_style("binding", "bound").arrow_target
    assert edge_style("binding", "requested").arrow_source
    for edge in edges.values():
        edge._ensure_path()
        assert edge._arrows
        path = edge.path()
        point = path.pointAtPercent(0.5)
        # The hit shape is wider than the line: easy to hover.
        assert edge.shape().contains(point + QPointF(0, 4))
        edge.detach()
    s.grab()


def test_moving_an_item_reroutes_its_edges(qtbot):
    s = Setup(qtbot)
    pv = s.item("PersistentVolume", "pv0001")
    edge = next(e for e in pv.edges if e.edge.relation == "binding")
    before = edge.path().pointAtPercent(0.0)
    pv.setPos(pv.pos() + QPointF(0, 120))
    after = edge.path().pointAtPercent(0.0)
    assert after.y() == pytest.approx(before.y() + 120)
    s.grab()


def test_tooltips_describe_objects_and_relations(qtbot):
    s = Setup(qtbot)
    tip = s.item("Pod", "web-1").tooltip_html()
    assert "web-1" in tip and "unbound immediate" in tip
    edge = next(e for e in s.scene.edge_items() if e.edge.relation == "template")
    assert "volumeClaimTemplate" in edge.tooltip_html()
    s.grab()


def test_selection_focus_and_hover_are_drawn(qtbot):
    s = Setup(qtbot)
    item = s.item("PersistentVolumeClaim", "www-web-1")
    plain = render_item(item, 1.0)
    item.setSelected(True)
    selected = render_item(item, 1.0)
    assert count_color(selected, LIGHT.color("selection"), 30) > count_color(
        plain, LIGHT.color("selection"), 30)
    item.setSelected(False)
    s.view.activateWindow()
    s.view.setFocus()
    s.scene.setFocusItem(item)
    qtbot.waitUntil(item.hasFocus, timeout=3000)
    focused = render_item(item, 1.0)
    assert focused != plain  # the dashed focus ring
    s.grab()


def test_an_item_is_sized_by_its_theme_and_shared_geometry(qtbot):
    from gui.theme import presentation

    s = Setup(qtbot)
    pods = [i for i in s.scene.node_items() if i.node.kind == "Pod"]
    assert pods[0]._geo is pods[1]._geo  # one geometry per kind and theme
    width = pods[0].body_rect().width()
    s.scene.set_theme(presentation(LIGHT))
    assert pods[0].body_rect().width() == pytest.approx(width * 1.3)
    s.grab()
