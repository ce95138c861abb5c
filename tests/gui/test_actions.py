"""Every action: the script line it runs, what the engine holds and what the scene shows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

import gui.dialogs
from assets import read_text
from core.objects import get_path, phase_of
from gui.actions import (
    clear_claimref_line,
    delete_line,
    nfs_write_line,
    node_line,
    scale_line,
)
from gui.dialogs.forms import claim_yaml, pv_yaml


def uid(window, kind, namespace, name):
    obj = window.bridge.cluster.get(kind, namespace, name)
    return obj["metadata"]["uid"] if obj else None


def trigger(window, name):
    window.actions_[name].trigger()


def settle(window):
    trigger(window, "settle")
    assert not window.bridge.engine_busy()


def echoed(window):
    return window.console.text()


def node_status(window, object_uid):
    """The status text the graph item shows (and the snapshot agrees)."""
    item = window.scene.item_for(object_uid)
    node = window.bridge.snapshot().node(object_uid)
    assert (item is None) == (node is None)
    if item is None:
        return None
    assert item.status_text == node.status
    return item.status_text


def grab(window):
    assert not window.grab().isNull()


# ---- script lines ------------------------------------------------------------------
@pytest.mark.parametrize(("obj", "line"), [
    ({"kind": "PersistentVolumeClaim", "metadata": {"name": "www-web-0", "namespace": "default"}},
     "kubectl delete pvc www-web-0"),
    ({"kind": "PersistentVolume", "metadata": {"name": "pv0001"}}, "kubectl delete pv pv0001"),
    ({"kind": "Pod", "metadata": {"name": "web-1", "namespace": "shop"}},
     "kubectl delete pod web-1 -n shop"),
    ({"kind": "StatefulSet", "metadata": {"name": "web", "namespace": "default"}},
     "kubectl delete statefulset web"),
])
def test_delete_line(obj, line, qtbot):
    assert delete_line(obj) == line


def test_other_lines():
    sts = {"kind": "StatefulSet", "metadata": {"name": "web", "namespace": "default"}}
    assert scale_line(sts, 3) == "kubectl scale statefulset web --replicas=3"
    assert clear_claimref_line("pv0001") == \
        """kubectl patch pv pv0001 -p '{"spec":{"claimRef":null}}'"""
    assert node_line("fail", "node-1") == "node fail node-1"
    assert node_line("recover", "node-1") == "node recover node-1"
    assert node_line("drain", "node-1") == "kubectl drain node-1"
    assert nfs_write_line("192.168.6.189", "/nfs/pv1/a.txt", "hi there") == \
        "nfs write 192.168.6.189:/nfs/pv1/a.txt 'hi there'"


# ---- deleting ----------------------------------------------------------------------
def test_delete_available_pv(window):
    pv_uid = uid(window, "PersistentVolume", "", "pv0003")
    assert window.scene.item_for(pv_uid) is not None
    window.select_object("PersistentVolume", "", "pv0003")
    assert window.actions_["delete"].isEnabled()
    trigger(window, "delete")
    assert "$ kubectl delete pv pv0003" in echoed(window)
    settle(window)
    assert window.bridge.cluster.get("PersistentVolume", "", "pv0003") is None
    assert window.scene.item_for(pv_uid) is None
    grab(window)


def test_delete_claim_in_use_stays_terminating(window):
    claim_uid = uid(window, "PersistentVolumeClaim", "default", "www-web-0")
    window.select_id(claim_uid)
    trigger(window, "delete")
    settle(window)
    claim = window.bridge.cluster.get("PersistentVolumeClaim", "default", "www-web-0")
    # pvc-protection: web-0 still mounts it.
    assert claim is not None and get_path(claim, "metadata", "deletionTimestamp")
    assert window.scene.item_for(claim_uid) is not None
    assert "Terminating" in str(node_status(window, claim_uid))
    grab(window)


def test_delete_pod_comes_back_with_the_same_name(window):
    old = uid(window, "Pod", "default", "web-0")
    window.select_id(old)
    trigger(window, "delete")
    assert "$ kubectl delete pod web-0" in echoed(window)
    settle(window)
    new = uid(window, "Pod", "default", "web-0")
    assert new and new != old
    assert phase_of(window.bridge.cluster.get("Pod", "default", "web-0")) == "Running"
    assert window.scene.item_for(old) is None and window.scene.item_for(new) is not None
    grab(window)


def test_delete_statefulset_keeps_its_claims(window):
    window.select_object("StatefulSet", "default", "web")
    trigger(window, "delete")
    assert "$ kubectl delete statefulset web" in echoed(window)
    settle(window)
    cluster = window.bridge.cluster
    assert cluster.get("StatefulSet", "default", "web") is None
    assert cluster.store.count("Pod") == 0
    claim_uid = uid(window, "PersistentVolumeClaim", "default", "www-web-0")
    assert claim_uid and window.scene.item_for(claim_uid) is not None
    grab(window)


# ---- reclaiming a Released PV -------------------------------------------------------
def release_pv0001(window):
    window.bridge.run_command("kubectl delete statefulset web")
    window.bridge.run_command("kubectl delete pvc --all")
    settle(window)
    assert phase_of(window.bridge.cluster.get("PersistentVolume", "", "pv0001")) == "Released"


def test_clear_claimref_makes_a_released_pv_available(window):
    release_pv0001(window)
    pv_uid = uid(window, "PersistentVolume", "", "pv0001")
    assert node_status(window, pv_uid) == "Released"
    window.select_id(pv_uid)
    assert window.actions_["clear_claimref"].isEnabled()
    trigger(window, "clear_claimref")
    assert """$ kubectl patch pv pv0001 -p '{"spec":{"claimRef":null}}'""" in echoed(window)
    settle(window)
    pv = window.bridge.cluster.get("PersistentVolume", "", "pv0001")
    assert phase_of(pv) == "Available" and not get_path(pv, "spec", "claimRef")
    assert node_status(window, pv_uid) == "Available"
    grab(window)


# ---- scaling -----------------------------------------------------------------------
def test_scale_from_the_toolbar_spin_box(window):
    window.select_object("StatefulSet", "default", "web")
    assert window.scale_box.isEnabled() and window.scale_box.value() == 2
    window.scale_box.setValue(3)
    trigger(window, "scale")
    assert "$ kubectl scale statefulset web --replicas=3" in echoed(window)
    assert get_path(window.bridge.cluster.get("StatefulSet", "default", "web"),
                    "spec", "replicas") == 3
    settle(window)
    # web-1 is Pending, so OrderedReady creation stops there: no web-2 yet.
    assert window.bridge.cluster.get("Pod", "default", "web-2") is None
    grab(window)


def test_scale_down_from_the_inspector(window, qtbot):
    window.select_object("StatefulSet", "default", "web")
    window.inspector.show_tab("Summary")
    assert window.inspector.scale_row.isVisible()
    window.inspector.replicas.setValue(1)
    qtbot.mouseClick(window.inspector.scale_button, Qt.MouseButton.LeftButton)
    settle(window)
    assert window.bridge.cluster.get("Pod", "default", "web-1") is None
    # Claims survive scale-down.
    assert window.bridge.cluster.get("PersistentVolumeClaim", "default", "www-web-1")
    grab(window)


# ---- nodes -------------------------------------------------------------------------
def web0_node(window):
    return get_path(window.bridge.cluster.get("Pod", "default", "web-0"), "spec", "nodeName")


def test_drain_node_moves_its_pod(window):
    node = web0_node(window)
    window.select_object("Node", "", node)
    assert window.actions_["node_drain"].isEnabled()
    trigger(window, "node_drain")
    assert f"$ kubectl drain {node}" in echoed(window)
    settle(window)
    cluster = window.bridge.cluster
    assert get_path(cluster.get("Node", "", node), "spec", "unschedulable") is True
    moved = cluster.get("Pod", "default", "web-0")
    assert moved is not None and get_path(moved, "spec", "nodeName") not in (None, node)
    grab(window)


def test_fail_and_recover_node(window):
    node = web0_node(window)
    node_uid = uid(window, "Node", "", node)
    window.select_id(node_uid)
    trigger(window, "node_fail")
    assert f"$ node fail {node}" in echoed(window)
    window.bridge.run_command("sleep 60s")
    ready = [c for c in get_path(window.bridge.cluster.get("Node", "", node), "status",
                                 "conditions") if c["type"] == "Ready"][0]
    assert ready["status"] != "True"
    assert node_status(window, node_uid) != "Ready"
    trigger(window, "node_recover")
    assert f"$ node recover {node}" in echoed(window)
    settle(window)
    ready = [c for c in get_path(window.bridge.cluster.get("Node", "", node), "status",
                                 "conditions") if c["type"] == "Ready"][0]
    assert ready["status"] == "True"
    grab(window)


# ---- NFS ---------------------------------------------------------------------------
def test_write_a_file_on_the_nfs_server(window, monkeypatch):
    asked = {}

    def fake(parent, servers, server, path):
        asked.update(servers=servers, server=server, path=path)
        return server, path, "hello from nfs"

    monkeypatch.setattr(gui.dialogs, "ask_nfs_write", fake)
    window.select_object("PersistentVolume", "", "pv0001")
    trigger(window, "nfs_write")
    assert asked["server"] == "192.168.6.189" and asked["path"] == "/nfs/pv1/index.html"
    assert "$ nfs write 192.168.6.189:/nfs/pv1/index.html 'hello from nfs'" in echoed(window)
    out = window.bridge.run_command(
        "kubectl exec web-0 -- cat /usr/share/nginx/html/index.html")
    assert out.strip() == "hello from nfs"
    grab(window)


# ---- new objects from forms --------------------------------------------------------
def test_new_pv_from_the_form_binds_web_1(window, monkeypatch):
    text = pv_yaml("pv0005", "1Gi", ["ReadWriteOnce"], "Retain", "nfs", "192.168.6.189",
                   "/nfs/pv5")
    monkeypatch.setattr(gui.dialogs, "ask_new_pv", lambda parent, cluster: text)
    trigger(window, "new_pv")
    assert "$ kubectl apply -f -" in echoed(window)
    assert "persistentvolume/pv0005 created" in echoed(window)
    pv_uid = uid(window, "PersistentVolume", "", "pv0005")
    assert window.scene.item_for(pv_uid) is not None
    settle(window)
    # A new PV does not wake the Pending claim: the PV controller's periodic resync
    # (15 s) finds it, as in a real cluster. Let that time pass.
    window.bridge.run_command("sleep 15s")
    settle(window)
    assert get_path(window.bridge.cluster.get("PersistentVolumeClaim", "default", "www-web-1"),
                    "spec", "volumeName") == "pv0005"
    assert phase_of(window.bridge.cluster.get("Pod", "default", "web-1")) == "Running"
    grab(window)


def test_new_claim_from_the_form(window, monkeypatch):
    text = claim_yaml("data", "default", "5Gi", ["ReadWriteMany"], "nfs")
    monkeypatch.setattr(gui.dialogs, "ask_new_claim", lambda parent, cluster: text)
    trigger(window, "new_claim")
    settle(window)
    claim = window.bridge.cluster.get("PersistentVolumeClaim", "default", "data")
    assert get_path(claim, "spec", "volumeName") == "pv0003"
    assert window.scene.item_for(claim["metadata"]["uid"]) is not None
    grab(window)


def test_cancelled_form_does_nothing(window, monkeypatch):
    monkeypatch.setattr(gui.dialogs, "ask_new_pv", lambda parent, cluster: None)
    before = window.bridge.cluster.store.last_seq
    trigger(window, "new_pv")
    assert window.bridge.cluster.store.last_seq == before
    grab(window)


# ---- opening YAML ------------------------------------------------------------------
def extra_pv_file(tmp_path):
    path = tmp_path / "pv5.yaml"
    path.write_text(pv_yaml("pv0005", "1Gi", ["ReadWriteOnce"], "Retain", "nfs",
                            "192.168.6.189", "/nfs/pv5"))
    return path


def test_open_yaml_from_the_dialog(window, monkeypatch, tmp_path):
    path = extra_pv_file(tmp_path)
    monkeypatch.setattr(gui.dialogs, "ask_open_files", lambda parent: [str(path)])
    trigger(window, "open")
    assert f"$ kubectl apply -f {path}" in echoed(window)
    assert uid(window, "PersistentVolume", "", "pv0005")
    grab(window)


def test_open_broken_yaml_shows_the_error_and_keeps_the_state(window, monkeypatch, tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text("apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: [oops\n")
    before = window.bridge.cluster.manifests()
    monkeypatch.setattr(gui.dialogs, "ask_open_files", lambda parent: [str(bad)])
    trigger(window, "open")
    messages = window.errors.messages()
    assert messages and f"{bad}:5: invalid YAML" in messages[-1]
    assert window.errors.isVisible()
    assert window.bridge.cluster.manifests() == before
    assert window.scene.item_for(uid(window, "Pod", "default", "web-0")) is not None
    grab(window)


def test_open_invalid_object_names_file_line_and_field(window, monkeypatch, tmp_path):
    bad = tmp_path / "pv9.yaml"
    bad.write_text(pv_yaml("pv0009", "1Gi", ["ReadOnlyManyy"], "Retain", "nfs", "10.0.0.9",
                           "/x"))
    monkeypatch.setattr(gui.dialogs, "ask_open_files", lambda parent: [str(bad)])
    trigger(window, "open")
    message = window.errors.messages()[-1]
    assert message.startswith(f"{bad}:")
    assert 'The PersistentVolume "pv0009" is invalid: spec.accessModes' in message
    assert window.bridge.cluster.get("PersistentVolume", "", "pv0009") is None
    assert "pv0009" in echoed(window)
    grab(window)


def drag_and_drop(target, path) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, drop)
    return True


def test_drop_files_on_the_graph(window, tmp_path):
    path = extra_pv_file(tmp_path)
    assert drag_and_drop(window.view.viewport(), path)
    assert f"$ kubectl apply -f {path}" in echoed(window)
    assert window.scene.item_for(uid(window, "PersistentVolume", "", "pv0005")) is not None
    grab(window)


def test_drop_on_a_panel_and_non_yaml_files(window, tmp_path):
    path = extra_pv_file(tmp_path)
    other = tmp_path / "notes.txt"
    other.write_text("not a manifest")
    seq = window.bridge.cluster.store.last_seq
    drag_and_drop(window.view.viewport(), other)
    assert "notes.txt" not in echoed(window)
    assert window.bridge.cluster.store.last_seq == seq
    window.events_dock.raise_()
    assert drag_and_drop(window, path)
    assert uid(window, "PersistentVolume", "", "pv0005")
    grab(window)


# ---- history -----------------------------------------------------------------------
def test_undo_redo_and_reset_actions(window):
    cluster_before = window.bridge.cluster.manifests()
    window.select_object("PersistentVolume", "", "pv0003")
    trigger(window, "delete")
    settle(window)
    assert window.bridge.cluster.get("PersistentVolume", "", "pv0003") is None
    assert window.actions_["undo"].isEnabled()
    trigger(window, "undo")  # undoes the settle
    trigger(window, "undo")  # undoes the delete
    assert window.bridge.cluster.manifests() == cluster_before
    assert window.scene.item_for(uid(window, "PersistentVolume", "", "pv0003")) is not None
    assert window.actions_["redo"].isEnabled()
    trigger(window, "redo")
    assert get_path(window.bridge.cluster.get("PersistentVolume", "", "pv0003"), "metadata",
                    "deletionTimestamp") or \
        window.bridge.cluster.get("PersistentVolume", "", "pv0003") is None
    trigger(window, "reset")
    assert window.bridge.cluster.manifests() == cluster_before
    grab(window)


# ---- time --------------------------------------------------------------------------
def test_play_shows_changes_one_at_a_time(window, qtbot):
    window.player.set_speed(8.0)
    window.bridge.run_command("kubectl delete pod web-0")
    batches = []
    window.bridge.changes_applied.connect(batches.append)
    trigger(window, "play")
    assert window.player.playing
    qtbot.waitUntil(lambda: not window.bridge.engine_busy(), timeout=30_000)
    trigger(window, "play")
    assert not window.player.playing
    assert len(batches) > 2
    assert phase_of(window.bridge.cluster.get("Pod", "default", "web-0")) == "Running"
    assert window.time_bar.clock_label.text().startswith("t = ")
    grab(window)


def test_step_runs_until_a_change(window):
    window.bridge.run_command("kubectl scale statefulset web --replicas=1")
    seq = window.bridge.cluster.store.last_seq
    trigger(window, "step")
    assert window.bridge.cluster.store.last_seq > seq
    assert not window.player.playing
    grab(window)


# ---- view --------------------------------------------------------------------------
def test_view_actions(window, monkeypatch, tmp_path):
    trigger(window, "fit")
    trigger(window, "relayout")
    assert window.scene.item_for(uid(window, "Pod", "default", "web-1")) is not None
    trigger(window, "theme")
    assert window.theme_name == "dark" and window.settings.theme == "dark"
    trigger(window, "theme")
    assert window.theme_name == "light"
    trigger(window, "presentation")
    assert window.presenting and not window.toolbar.isVisible()
    trigger(window, "escape")
    assert not window.presenting and window.toolbar.isVisible()
    trigger(window, "motion")
    assert window.motion is True
    trigger(window, "motion")
    assert window.motion is False
    grab(window)


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_export(window, monkeypatch, tmp_path, fmt):
    target = tmp_path / f"graph.{fmt}"
    monkeypatch.setattr(gui.dialogs, "ask_save_path", lambda parent, f: str(target))
    trigger(window, f"export_{fmt}")
    assert target.exists() and target.stat().st_size > 1000
    grab(window)


def test_context_menu_on_a_graph_item(window):
    pod_uid = uid(window, "Pod", "default", "web-1")
    item = window.scene.item_for(pod_uid)
    window.view.centerOn(item)
    pos = window.view.mapFromScene(item.sceneBoundingRect().center())
    shown = []
    window.popup_menu = lambda menu, at: shown.append(menu)  # no real popup offscreen
    window._context_menu(QPoint(pos.x(), pos.y()))
    menu = shown[0]
    texts = [a.text() for a in menu.actions()]
    assert window.selected_id == pod_uid
    assert any("Delete" in t for t in texts) and any(t.startswith("Why") for t in texts)
    why = next(a for a in menu.actions() if a.text().startswith("Why"))
    why.trigger()
    assert window.inspector.current_tab() == "Why"
    menu.close()
    grab(window)


def test_about_box(window):
    trigger(window, "about")
    dialog = window.about_dialog
    text = dialog.browser.toPlainText()
    assert "node-1" in text and "Every image pulls" in text
    assert not dialog.grab().isNull()
    dialog.close()


def test_seed_yaml_is_bundled():
    assert "pv0004" in read_text("demo", "seed-pvs.yaml")
    assert "volumeClaimTemplates" in read_text("demo", "seed-web.yaml")


def test_write_a_file_from_an_export_node(window, monkeypatch):
    asked = {}

    def fake(parent, servers, server, path):
        asked.update(server=server, path=path)
        return server, path, "served from pv2"

    monkeypatch.setattr(gui.dialogs, "ask_nfs_write", fake)
    window.select_id("nfs:192.168.6.189:/nfs/pv2")
    shown = []
    window.popup_menu = lambda menu, at: shown.append(menu)
    item = window.scene.item_for("nfs:192.168.6.189:/nfs/pv2")
    pos = window.view.mapFromScene(item.sceneBoundingRect().center())
    window._context_menu(QPoint(pos.x(), pos.y()))
    write = next(a for a in shown[0].actions() if a.text().startswith("&Write"))
    write.trigger()
    assert asked == {"server": "192.168.6.189", "path": "/nfs/pv2/index.html"}
    assert "$ nfs write 192.168.6.189:/nfs/pv2/index.html 'served from pv2'" in echoed(window)
    assert window.bridge.run_command("nfs cat 192.168.6.189:/nfs/pv2/index.html").strip() == \
        "served from pv2"
    grab(window)


def test_undo_pauses_time_so_redo_is_exact(window):
    window.bridge.run_command("kubectl scale statefulset web --replicas=1")
    after = window.bridge.cluster.manifests()
    window.player.play()
    trigger(window, "undo")
    assert not window.player.playing
    assert get_path(window.bridge.cluster.get("StatefulSet", "default", "web"),
                    "spec", "replicas") == 2
    trigger(window, "redo")
    assert window.bridge.cluster.manifests() == after
    grab(window)
