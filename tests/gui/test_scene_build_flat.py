"""Flat mode: zoomed far out, one layer draws every object (gui.items.flat_layer).

What it must keep: the same picture as items painting themselves, at any level of
detail a painter asks for; clicks, selection and changes while it is on.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem

from core.cluster import Cluster
from gui.items.constants import LOD_FLAT, LOD_TEXT, raised_detail
from gui.theme import LIGHT
from tests.core.test_graph_fixtures import large_manifests
from tests.gui.test_scene_support import Setup

NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


def far_out(qtbot) -> Setup:
    s = Setup(qtbot, Cluster.from_manifests(large_manifests(n_sets=3, replicas=3)))
    s.view.set_zoom(LOD_FLAT / 2)
    s.view.centerOn(s.scene.picture_rect().center())
    return s


def differing(a: QImage, b: QImage, tolerance: int = 60) -> int:
    assert a.size() == b.size()
    count = 0
    for y in range(0, a.height(), 2):
        for x in range(0, a.width(), 2):
            ca, cb = QColor(a.pixel(x, y)), QColor(b.pixel(x, y))
            if abs(ca.red() - cb.red()) + abs(ca.green() - cb.green()) \
                    + abs(ca.blue() - cb.blue()) > tolerance:
                count += 1
    return count


def render(scene, rect: QRectF, width: int) -> QImage:
    image = QImage(width, int(width * rect.height() / rect.width()), QImage.Format.Format_ARGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scene.render(painter, QRectF(image.rect()), rect, Qt.AspectRatioMode.KeepAspectRatio)
    painter.end()
    return image


def test_zooming_far_out_hands_objects_to_the_layer_and_back(qtbot):
    s = far_out(qtbot)
    items = s.scene.node_items()
    assert s.scene.flat and len(s.scene.flat_layer()) == len(items)
    assert all(i.flags() & NO_CONTENTS for i in items)
    s.grab()
    s.view.set_zoom(1.0)
    assert not s.scene.flat and len(s.scene.flat_layer()) == 0
    assert not any(i.flags() & NO_CONTENTS for i in items)
    s.grab()


def test_the_flat_picture_is_the_items_own(qtbot):
    s = far_out(qtbot)
    flat = s.grab()
    s.scene.set_flat(False)
    own = s.grab()
    # Same rectangles in the same colours; antialiased edges may differ by a shade.
    assert differing(flat, own) <= 0.01 * (flat.width() * flat.height() / 4)
    body = s.scene.node_items()[0].scene_body_rect().center()
    pixel = s.view.mapFromScene(body)
    assert QColor(flat.pixel(pixel)) == QColor(own.pixel(pixel))


def test_a_detailed_render_while_flat_paints_every_object_in_full(qtbot):
    # An export raises the level of detail: the layer paints items through their own
    # paint(), labels and all.
    s = far_out(qtbot)
    rect = s.scene.picture_rect()
    with raised_detail(LOD_TEXT):
        flat = render(s.scene, rect, 1200)
    s.scene.set_flat(False)
    with raised_detail(LOD_TEXT):
        own = render(s.scene, rect, 1200)
    assert differing(flat, own, tolerance=30) == 0
    s.grab()


def test_clicks_selection_and_changes_reach_flat_objects(qtbot):
    s = far_out(qtbot)
    image = s.grab()
    # A claim whose middle shows (no group label over it).
    item = next(i for i in s.scene.node_items() if i.node.kind == "PersistentVolumeClaim"
                and QColor(image.pixel(s.view.mapFromScene(i.scene_body_rect().center())))
                == i.overview_brush.color())
    centre = item.scene_body_rect().center()
    assert item in s.scene.items(centre)  # hit testing ignores "no contents"
    at = s.view.mapFromScene(centre)
    before = item.overview_brush.color()
    # Selected: drawn on its own, outlined in the selection colour.
    s.scene.select_item(item)
    image = s.grab()
    top = s.view.mapFromScene(QPointF(centre.x(), item.scene_body_rect().top()))
    selection = LIGHT.color("selection")
    near = [QColor(image.pixel(top.x(), top.y() + dy)) for dy in range(-2, 3)]
    assert any(abs(c.red() - selection.red()) + abs(c.green() - selection.green())
               + abs(c.blue() - selection.blue()) < 60 for c in near)
    s.scene.select_item(None)
    # Hidden: its rectangle goes (the batches are rebuilt and the area repainted).
    item.setVisible(False)
    assert QColor(s.grab().pixel(at)) != before
    item.setVisible(True)
    assert QColor(s.grab().pixel(at)) == before
    # Moved: drawn at the new place.
    item.setPos(item.pos() + QPointF(0, 4000))
    assert QColor(s.grab().pixel(at)) != before


def test_objects_added_and_removed_while_flat(qtbot):
    s = far_out(qtbot)
    seq = s.cluster.store.last_seq
    s.cluster.run("kubectl delete statefulset db0 -n team-0")
    s.cluster.settle()
    s.sync(seq)
    layer = s.scene.flat_layer()
    assert set(layer.items()) == set(s.scene.node_items())
    s.grab()
    seq = s.cluster.store.last_seq
    s.cluster.apply_manifests(
        "apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: added-later}\n"
        "spec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], "
        "hostPath: {path: /tmp/x}}\n", "added.yaml")
    s.cluster.settle()
    s.sync(seq)
    assert any(i.node.name == "added-later" for i in s.scene.node_items())
    assert set(layer.items()) == set(s.scene.node_items())
    assert all(i.flags() & NO_CONTENTS for i in s.scene.node_items())
    s.grab()
    # A reset keeps the mode: the new items are the layer's at once.
    s.scene.reset(s.projection.snapshot())
    assert set(layer.items()) == set(s.scene.node_items())
    s.grab()
