"""A scene's build in bulk (build_items, build_edges, flat mode guessed at reset) makes
exactly what item-by-item construction makes, and pictures do not change."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem

from core.cluster import Cluster
from core.graph import GraphProjection
from core.layout import compute_layout
from gui import scene as scene_module
from gui.items import ITEM_CLASSES, make_item
from gui.items.base import build_items
from gui.items.edge import EdgeItem, build_edges
from gui.items.edge_limits import HUB_DEGREE
from gui.scene import GraphScene
from gui.theme import DARK, LIGHT
from gui.view import GraphView
from tests.core.test_graph_fixtures import large_manifests, seed_cluster

NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


def snapshots():
    # The seed has implied objects (NFS servers and exports, a missing class); the
    # large cluster has hubs past HUB_DEGREE (stubs) and many statuses.
    return [GraphProjection(seed_cluster()).snapshot(),
            GraphProjection(Cluster.from_manifests(
                large_manifests(n_sets=6, replicas=3, free_pvs=12))).snapshot()]


def both_ways(snapshot, theme, no_contents=False):
    positions = compute_layout(snapshot, config=theme.layout_config()).positions
    bulk = build_items(snapshot.nodes, positions, theme, ITEM_CLASSES, no_contents=no_contents)
    single = [make_item(n, theme, QPointF(*positions[n.id])) for n in snapshot.nodes]
    return bulk, single


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
@pytest.mark.parametrize("no_contents", [False, True], ids=["plain", "flat"])
def test_built_items_are_the_constructed_ones(qtbot, theme, no_contents):
    for snapshot in snapshots():
        bulk, single = both_ways(snapshot, theme, no_contents)
        assert len(bulk) == len(single) == len(snapshot.nodes)
        for a, b in zip(bulk, single):
            assert type(a) is type(b) and a.node is b.node and a.theme is b.theme
            assert a.pos() == b.pos() and a.rect_tuple == b.rect_tuple
            assert a._geo is b._geo and a._look is b._look and a._cat == b._cat
            want = b.flags() | NO_CONTENTS if no_contents else b.flags()
            assert a.flags() == want
            assert a.acceptHoverEvents() and a.boundingRect() == b.boundingRect()
            assert a.label_texts() == b.label_texts() and a.tooltip_html() == b.tooltip_html()
            assert a.edges == [] and a.scene_paint_box() == b.scene_paint_box()
    scene = GraphScene(theme)
    for item in bulk:
        scene.addItem(item)
    view = GraphView(scene)
    qtbot.addWidget(view)
    assert not view.grab().isNull()


def test_built_edges_are_the_constructed_ones(qtbot):
    stubs = 0
    for snapshot in snapshots():
        bulk_items, single_items = both_ways(snapshot, LIGHT)
        by_id = {n.id: i for n, i in zip(snapshot.nodes, bulk_items)}
        built = build_edges(snapshot.edges, by_id, LIGHT)
        other = {n.id: i for n, i in zip(snapshot.nodes, single_items)}
        made = {}
        for edge in snapshot.edges:
            made[edge.key] = EdgeItem(edge, other[edge.source], other[edge.target], LIGHT,
                                      route=False)
        for record in made.values():
            record.adjust(placed=False)
        assert built.keys() == made.keys()
        for key, a in built.items():
            b = made[key]
            assert a.edge is b.edge and a._box == b._box and a._line == b._line
            assert a._pen is b._pen and a._thin_pen is b._thin_pen and a._hub == b._hub
            assert (a._stub_at is None) == (b._stub_at is None)
            if a._stub_at is not None:
                stubs += 1
                assert a._stub_at.node is b._stub_at.node
            # Routed and drawn alike once placed.
            assert a.overview_line() == b.overview_line()
            assert a.path() == b.path() and a.tooltip_html() == b.tooltip_html()
        for nid, item in by_id.items():
            assert [e.key for e in item.edges] == [e.key for e in other[nid].edges]
    assert stubs > 0, f"no hub past {HUB_DEGREE} edges: the stub branch went untested"
    scene = GraphScene()
    scene.reset(snapshots()[1])
    view = GraphView(scene)
    qtbot.addWidget(view)
    assert not view.grab().isNull()


# ---- flat mode guessed when a big scene is built with no view ------------------------------
def big_cluster() -> Cluster:
    return Cluster.from_manifests(large_manifests(n_sets=8, replicas=4, free_pvs=20))


@pytest.fixture
def guessing(monkeypatch):
    """Guess for this (moderate) cluster, as reset does for thousands of objects."""
    monkeypatch.setattr(scene_module, "_FLAT_GUESS_MIN", 50)
    monkeypatch.setattr(scene_module, "_FLAT_GUESS_VIEW", (300.0, 200.0))


def built(cluster: Cluster) -> GraphScene:
    scene = GraphScene()
    scene.set_motion(False)
    scene.reset(GraphProjection(cluster).snapshot())
    return scene


def fitted_grab(qtbot, scene: GraphScene) -> QImage:
    view = GraphView(scene)
    qtbot.addWidget(view)
    view.resize(300, 200)
    view.fit_all()
    image = view.grab().toImage()
    assert not image.isNull()
    return image


def rendered(scene: GraphScene) -> QImage:
    rect = scene.picture_rect()
    image = QImage(900, int(900 * rect.height() / rect.width()), QImage.Format.Format_ARGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    scene.render(painter, QRectF(image.rect()), rect, Qt.AspectRatioMode.KeepAspectRatio)
    painter.end()
    return image


def test_a_big_scene_built_with_no_view_starts_flat_and_a_fitted_view_keeps_it(qtbot, guessing):
    cluster = big_cluster()
    scene = built(cluster)
    items = scene.node_items()
    assert scene.flat and len(scene.flat_layer()) == len(items)
    assert all(i.flags() & NO_CONTENTS for i in items)
    guessed = fitted_grab(qtbot, scene)
    assert scene.flat and len(scene.flat_layer()) == len(items)
    # The same picture as a scene that was not guessed flat (its view switched it).
    scene_module._FLAT_GUESS_MIN = 10 ** 9
    plain = built(cluster)
    assert not plain.flat
    assert fitted_grab(qtbot, plain) == guessed
    assert plain.flat


def test_painting_before_a_view_zoomed_undoes_the_guess(qtbot, guessing):
    cluster = big_cluster()
    scene = built(cluster)
    assert scene.flat
    image = rendered(scene)  # an export: no view's zoom to go by
    assert not scene.flat and len(scene.flat_layer()) == 0
    assert not any(i.flags() & NO_CONTENTS for i in scene.node_items())
    scene_module._FLAT_GUESS_MIN = 10 ** 9
    assert rendered(built(cluster)) == image
    # A view shown before it zoomed paints the scene as if never guessed too.
    scene_module._FLAT_GUESS_MIN = 50
    scene = built(cluster)
    view = GraphView(scene)
    qtbot.addWidget(view)
    view.resize(300, 200)
    assert not view.grab().isNull()
    assert not scene.flat and not any(i.flags() & NO_CONTENTS for i in scene.node_items())
    # Once a view decided, painting keeps its decision.
    view.fit_all()
    assert scene.flat
    view.grab()
    assert scene.flat


def test_small_scenes_and_scenes_with_a_view_are_never_guessed_flat(qtbot, monkeypatch):
    cluster = big_cluster()
    assert not built(cluster).flat  # (a few hundred objects: below the threshold)
    monkeypatch.setattr(scene_module, "_FLAT_GUESS_MIN", 1)
    monkeypatch.setattr(scene_module, "_FLAT_GUESS_VIEW", (300.0, 200.0))
    assert built(cluster).flat
    scene = GraphScene()
    view = GraphView(scene)
    qtbot.addWidget(view)
    scene.reset(GraphProjection(cluster).snapshot())
    assert not scene.flat
    assert not view.grab().isNull()
