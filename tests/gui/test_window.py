"""The main window: what it shows on start, layout memory, themes, presentation mode."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gui.app import build_window
from gui.settings import AppSettings


def test_opens_on_the_demo_with_every_object_drawn(window):
    snapshot = window.bridge.snapshot()
    assert snapshot.nodes
    for node in snapshot.nodes:
        assert window.scene.item_for(node.id) is not None, node
    assert window.counts_label.text().startswith("4 PVs · 2 claims · 2 pods · 1 StatefulSet")
    assert window.clock_label.text().startswith("t = ")
    assert window.windowTitle().startswith("pvgraph")
    assert not window.errors.isVisible()
    image = window.grab()
    assert not image.isNull() and image.width() > 800


def test_selecting_an_item_in_the_scene_fills_the_inspector(window):
    pod = window.bridge.cluster.get("Pod", "default", "web-1")
    item = window.scene.item_for(pod["metadata"]["uid"])
    window.scene.clearSelection()
    item.setSelected(True)
    assert window.selected_id == pod["metadata"]["uid"]
    assert window.inspector.header.text() == "pod/web-1 — Pending"
    window.scene.clearSelection()
    assert window.inspector.header.text() == "Nothing selected"
    assert not window.grab().isNull()


def test_layout_is_remembered(qtbot, settings_path):
    first = build_window(settings_path=settings_path, motion=False)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    # Within the offscreen screen (800×800): restoreGeometry keeps windows on screen.
    first.resize(734, 577)
    first.events_dock.hide()
    assert not first.grab().isNull()
    first.close()
    second = build_window(settings_path=settings_path, motion=False)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert second.size().width() == 734 and second.size().height() == 577
    assert not second.events_dock.isVisible()
    assert second.inspector_dock.isVisible()
    assert not second.grab().isNull()


def test_theme_is_remembered_and_changes_the_palette(qtbot, settings_path, window):
    light = window.palette().window().color().lightness()
    window.set_theme("dark")
    dark = window.palette().window().color().lightness()
    assert dark < light
    assert AppSettings(settings_path).theme == "dark"
    assert window.actions_["theme"].isChecked()
    assert not window.grab().isNull()
    window.set_theme("light")


def test_presentation_mode_hides_chrome_and_keeps_time(window, qtbot):
    window.set_presentation(True)
    assert not window.menuBar().isVisible() and not window.toolbar.isVisible()
    assert not window.inspector_dock.isVisible() and not window.events_dock.isVisible()
    assert window.time_bar.isVisible() and window.view.isVisible()
    assert window.time_bar.font().pointSizeF() > window.font().pointSizeF()
    assert not window.grab().isNull()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.presenting
    assert window.menuBar().isVisible() and window.inspector_dock.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.presenting
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert not window.presenting and window.events_dock.isVisible()
    assert not window.grab().isNull()


def test_motion_setting_reaches_the_scene(window, monkeypatch):
    calls = []
    monkeypatch.setattr(window.scene, "set_motion", lambda on, speed: calls.append((on, speed)))
    window.toggle_motion()
    assert calls[-1] == (True, window.player.speed)
    window.player.faster()
    assert calls[-1] == (True, window.player.speed)
    assert window.settings.motion is True
    assert not window.grab().isNull()


def test_keyboard_shortcuts(window, qtbot):
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Space)
    assert window.player.playing
    qtbot.keyClick(window.view, Qt.Key.Key_Space)
    assert not window.player.playing
    window.select_object("PersistentVolume", "", "pv0003")
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert "$ kubectl delete pv pv0003" in window.console.text()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.bridge.cluster.get("PersistentVolume", "", "pv0003") is not None
    assert not window.grab().isNull()


def test_presentation_caption_says_why_the_selection_is_stuck(window):
    window.select_object("Pod", "default", "web-1")
    window.set_presentation(True)
    caption = window.time_bar.caption
    assert caption.isVisible()
    assert caption.text().startswith("pod/web-1 — Pending: 0/2 nodes are available")
    window.select_object("PersistentVolumeClaim", "default", "www-web-1")
    assert "no PersistentVolume matches" in caption.text()
    window.scene.clearSelection()
    assert caption.text() == "seed-pvs.yaml · seed-web.yaml"
    assert not window.grab().isNull()
    window.set_presentation(False)
    assert not caption.isVisible()


def test_enter_on_a_focused_object_opens_its_why(window, qtbot):
    claim = window.bridge.cluster.get("PersistentVolumeClaim", "default", "www-web-1")
    window.inspector.show_tab("YAML")
    window.view.activated_uid.emit(claim["metadata"]["uid"])
    assert window.selected_id == claim["metadata"]["uid"]
    assert window.inspector.current_tab() == "Why"
    assert "Claim default/www-web-1 is Pending" in window.inspector.why.texts[0]
    assert not window.grab().isNull()


def test_implied_nodes_are_explained(window):
    export = window.bridge.snapshot().node("nfs:192.168.6.189:/nfs/pv1")
    assert export is not None and export.implied
    window.select_id(export.id)
    assert window.inspector.header.text() == "NFSExport /nfs/pv1 — Exported"
    window.inspector.show_tab("YAML")
    assert "not an API object" in window.inspector.yaml_view.toPlainText()
    window.inspector.show_tab("Why")
    assert "exports every path they name" in window.inspector.why.texts[0]
    assert not window.actions_["delete"].isEnabled()
    window.select_id("sc:nfs")
    assert window.inspector.header.text() == "StorageClass nfs — Not found"
    assert 'storageclass.storage.k8s.io "nfs" not found' in window.inspector.why.texts[0]
    assert not window.grab().isNull()


def test_escape_clears_the_selection_outside_presentation(window, qtbot):
    window.select_object("Pod", "default", "web-1")
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert window.selected_id == ""
    assert not window.grab().isNull()
