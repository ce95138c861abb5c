"""What a fast scene build must keep: stacking, selection, dragging and edge tooltips.

The scene builds items without per-item z for edges, without hover events on edges
and without an itemChange() hook on objects; these tests pin the behaviour those
used to give.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtWidgets import QGraphicsSceneHelpEvent

from core.cluster import Cluster
from gui.items import EdgeItem, NodeItem
from gui.items.constants import Z_NODE, Z_NODE_ACTIVE
from tests.core.test_graph_fixtures import large_manifests
from tests.gui.test_scene_support import Setup


def test_edges_are_stacked_under_objects_after_a_reset_and_after_apply(qtbot):
    s = Setup(qtbot)
    for item in s.scene.node_items():
        if not item.edges:
            continue
        under = s.scene.items(item.sceneBoundingRect().center())
        kinds = [type(i) for i in under if isinstance(i, (NodeItem, EdgeItem))]
        assert kinds and issubclass(kinds[0], NodeItem), item.node.name
    seq = s.cluster.store.last_seq
    s.cluster.run("kubectl delete pvc www-web-1")
    s.cluster.settle()
    s.sync(seq)
    for edge in s.scene.edge_items():
        for end in (edge.source_item, edge.target_item):
            assert edge.zValue() < end.zValue() or (
                edge.zValue() == end.zValue() and edge.scene() is s.scene)
    s.grab()


def test_selecting_an_object_raises_it_and_draws_its_hub_edges_in_full(qtbot):
    s = Setup(qtbot, Cluster.from_manifests(large_manifests(n_sets=4, replicas=4)))
    claim = next(i for i in s.scene.node_items() if i.node.kind == "PersistentVolumeClaim")
    stub = next(e for e in claim.edges if e.edge.relation == "class")
    assert stub.is_stub  # the class has more than HUB_DEGREE edges
    claim.setSelected(True)
    assert claim.zValue() == Z_NODE_ACTIVE and not stub.is_stub
    s.grab()
    s.scene.select_item(None)
    assert claim.zValue() == Z_NODE and stub.is_stub
    s.grab()


def test_dragging_an_object_reroutes_its_edges_and_pins_it(qtbot):
    s = Setup(qtbot)
    item = next(i for i in s.scene.node_items() if i.node.name == "pv0002")
    s.view.centerOn(item)
    edge = item.edges[0]
    before_rect, before_bounds = item.rect_tuple, edge.boundingRect()
    start = s.view.mapFromScene(item.sceneBoundingRect().center())
    end = start + type(start)(0, 60)
    viewport = s.view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, pos=start + type(start)(0, 30))
    qtbot.mouseMove(viewport, pos=end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    assert item.rect_tuple != before_rect
    assert item.rect_tuple[1] - before_rect[1] > 20
    assert edge.boundingRect() != before_bounds
    assert item.pinned and item.node_id in s.scene.pinned_ids()
    s.grab()


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the tooltip, offscreen
def test_an_edge_tooltip_is_made_when_asked_for(qtbot):
    s = Setup(qtbot)
    pv = next(i for i in s.scene.node_items() if i.node.name == "pv0001")
    edge = next(e for e in pv.edges if e.edge.relation == "binding")
    path = edge.path()
    point = path.pointAtPercent(0.5)
    event = QGraphicsSceneHelpEvent(QEvent.Type.GraphicsSceneHelp)
    event.setScenePos(QPointF(point))
    event.setScreenPos(s.view.mapToGlobal(s.view.mapFromScene(point)))
    s.scene.helpEvent(event)
    assert "binding" in edge.toolTip()
    s.grab()
