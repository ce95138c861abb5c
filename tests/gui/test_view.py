"""GraphView: fit, zoom, keyboard navigation, overview map, legend, presentation, scale."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent

from core.cluster import Cluster
from gui.theme import DARK, LIGHT, presentation
from gui.view import MAX_ZOOM, MIN_ZOOM
from tests.core.test_graph_fixtures import large_manifests
from tests.gui.test_scene_support import Setup, distinct_colors


def visible_rect(view):
    return view.mapToScene(view.viewport().rect()).boundingRect()


def test_fit_all_shows_every_object(qtbot):
    s = Setup(qtbot)
    s.view.set_zoom(3.0)
    s.view.fit_all()
    area = visible_rect(s.view)
    for item in s.scene.node_items():
        assert area.contains(item.sceneBoundingRect()), item.node.name
    assert distinct_colors(s.grab()) > 20


def test_zoom_by_keys_and_wheel_within_limits(qtbot):
    s = Setup(qtbot)
    s.view.setFocus()
    start = s.view.zoom()
    qtbot.keyClick(s.view, Qt.Key.Key_Plus)
    assert s.view.zoom() > start
    qtbot.keyClick(s.view, Qt.Key.Key_Minus)
    qtbot.keyClick(s.view, Qt.Key.Key_Minus)
    assert s.view.zoom() < start
    center = QPointF(s.view.viewport().rect().center())
    wheel = QWheelEvent(center, s.view.mapToGlobal(center.toPoint()).toPointF(), QPoint(0, 0),
                        QPoint(0, 240), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    before = s.view.zoom()
    s.view.wheelEvent(wheel)
    assert s.view.zoom() > before
    s.view.set_zoom(1000)
    assert s.view.zoom() == pytest.approx(MAX_ZOOM)
    s.view.set_zoom(0)
    assert s.view.zoom() == pytest.approx(MIN_ZOOM)
    qtbot.keyClick(s.view, Qt.Key.Key_0)
    assert MIN_ZOOM < s.view.zoom() < MAX_ZOOM
    s.grab()


def test_keyboard_walks_the_graph(qtbot):
    s = Setup(qtbot)
    s.view.setFocus()
    qtbot.keyClick(s.view, Qt.Key.Key_Tab)
    first = s.view.focused_item()
    assert first is not None and first.node.kind == "NFSServer"  # reading order: column 0
    assert first.isSelected()
    qtbot.keyClick(s.view, Qt.Key.Key_Down)
    assert s.view.focused_item().node.name == "/nfs/pv1"
    qtbot.keyClick(s.view, Qt.Key.Key_Right)  # next column (classes are empty here): the PV
    qtbot.keyClick(s.view, Qt.Key.Key_Right)
    assert s.view.focused_item().node.name == "pv0001"
    qtbot.keyClick(s.view, Qt.Key.Key_Right)  # the connected claim, not just the nearest
    assert s.view.focused_item().node.name == "www-web-0"
    qtbot.keyClick(s.view, Qt.Key.Key_Down)
    assert s.view.focused_item().node.name == "www-web-1"
    with qtbot.waitSignal(s.view.activated_uid, timeout=1000) as blocker:
        qtbot.keyClick(s.view, Qt.Key.Key_Return)
    assert blocker.args == [s.view.focused_item().uid]
    qtbot.keyClick(s.view, Qt.Key.Key_Backtab)
    assert s.view.focused_item().node.name == "www-web-0"
    qtbot.keyClick(s.view, Qt.Key.Key_Escape)
    assert s.view.focused_item() is None and not s.scene.selectedItems()
    s.grab()


def test_arrows_pan_when_nothing_is_focused(qtbot):
    s = Setup(qtbot)
    s.view.set_zoom(1.5)
    s.view.setFocus()
    before = s.view.horizontalScrollBar().value()
    qtbot.keyClick(s.view, Qt.Key.Key_Right)
    assert s.view.horizontalScrollBar().value() > before
    s.grab()


def test_presentation_mode_enlarges_and_keeps_the_centre(qtbot):
    s = Setup(qtbot)
    pv = s.item("PersistentVolume", "pv0001")
    s.view.set_zoom(2.0)
    s.view.centerOn(pv)
    s.view.set_presentation(True)
    assert s.scene.theme.presentation and s.view.presentation
    assert s.scene.theme.title_px > LIGHT.title_px
    center = visible_rect(s.view).center()
    assert pv.sceneBoundingRect().contains(center)
    s.view.set_theme(DARK)
    assert s.scene.theme == presentation(DARK)
    s.view.set_presentation(False)
    assert s.scene.theme == DARK
    s.grab()


def test_legend_overlay(qtbot):
    s = Setup(qtbot)
    s.view.set_legend_visible(True)
    assert s.view.legend_visible()
    image = s.grab()
    corner = image.copy(10, 10, 200, 120)
    assert distinct_colors(corner, step=3) > 5
    s.view.set_legend_visible(False)
    assert not s.view.legend_visible()


def test_overview_map_appears_when_zoomed_in_and_moves_the_view(qtbot):
    cluster = Cluster.from_manifests(large_manifests(n_sets=8, replicas=4, namespaces=2))
    s = Setup(qtbot, cluster=cluster)
    minimap = s.view.minimap()
    assert not minimap.isVisible()  # everything fits: no overview needed
    s.view.set_zoom(1.0)
    assert minimap.isVisible()
    s.grab()
    before = visible_rect(s.view).center()
    qtbot.mouseClick(minimap, Qt.MouseButton.LeftButton, pos=QPoint(minimap.width() - 8,
                                                                    minimap.height() - 8))
    after = visible_rect(s.view).center()
    assert after.x() > before.x() or after.y() > before.y()
    s.view.set_minimap_visible(False)
    assert not minimap.isVisible()


def test_overview_labels_name_namespaces_when_far_out(qtbot):
    cluster = Cluster.from_manifests(large_manifests(n_sets=20, replicas=6, namespaces=3))
    s = Setup(qtbot, cluster=cluster)
    labels = [g.overview_label for g in s.scene.group_items() if g.overview_label is not None]
    assert labels and all(label.isVisible() for label in labels)
    s.view.set_zoom(1.0)
    assert not any(label.isVisible() for label in labels)
    s.grab()


def test_a_five_thousand_object_view_builds_and_takes_changes(qtbot):
    cluster = Cluster.from_manifests(large_manifests(n_sets=150, replicas=11, namespaces=8))
    s = Setup(qtbot, cluster=cluster, size=(1600, 1000))
    assert len(s.scene.node_items()) > 5000
    assert distinct_colors(s.grab()) > 5
    claim = cluster.store.list("PersistentVolumeClaim")[0]
    seq = cluster.store.last_seq
    cluster.api.write(claim, {"status": {"phase": "Lost"}}, actor="test", reason="lost")
    s.sync(seq)
    assert s.scene.item_for(claim["metadata"]["uid"]).status_text == "Lost"
    s.view.set_zoom(1.0)
    s.view.center_on_uid(claim["metadata"]["uid"])
    s.grab()


def test_hidpi_draws_at_device_resolution(qtbot, tmp_path):
    """At a device pixel ratio of 2 the view is painted, not upscaled: no pixmap caches."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    script = (
        "import os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "os.environ['QT_SCALE_FACTOR'] = '2'\n"
        f"sys.path.insert(0, {str(root)!r})\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from tests.gui.test_scene_support import Setup\n"
        "class Bot:\n"
        "    def addWidget(self, widget): pass\n"
        "s = Setup(Bot(), size=(400, 300))\n"
        "s.view.set_minimap_visible(True)\n"
        "s.view.set_zoom(1.0)\n"
        "image = s.view.grab().toImage()\n"
        "mini = s.view.minimap()\n"
        "mini._render()\n"
        "print(image.devicePixelRatio(), image.width(), mini._image.devicePixelRatio())\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120, cwd=root)
    assert result.returncode == 0, result.stderr
    dpr, width, mini_dpr = result.stdout.split()
    assert float(dpr) == 2.0 and int(width) == 800 and float(mini_dpr) == 2.0
    Setup(qtbot).grab()
