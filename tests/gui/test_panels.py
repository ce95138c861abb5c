"""The panels: console, event log, YAML editor, error panel, time bar, inspector, WHY."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from core.objects import get_path, phase_of
from gui.panels.console import candidates, complete
from gui.panels.errors import MAX_MESSAGES, ErrorPanel
from gui.panels.event_log import HEADERS, human_age


def uid(window, kind, namespace, name):
    return window.bridge.cluster.get(kind, namespace, name)["metadata"]["uid"]


# ---- console -----------------------------------------------------------------------
def test_console_runs_lines_like_the_script_runner(window, qtbot):
    window.focus_console()
    line = window.console.input
    qtbot.keyClicks(line, "kubectl get pv")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    text = window.console.text()
    assert "$ kubectl get pv" in text
    assert "NAME" in text and "CAPACITY" in text and "pv0001" in text
    qtbot.keyClicks(line, "kubectl scale statefulset web --replicas=3")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert get_path(window.bridge.cluster.get("StatefulSet", "default", "web"),
                    "spec", "replicas") == 3
    # Failures print kubectl's error and do not go to the error panel twice.
    qtbot.keyClicks(line, "kubectl delete pvc nope")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert 'persistentvolumeclaims "nope" not found' in window.console.text()
    assert not window.errors.isVisible()
    assert not window.console.grab().isNull()


def test_console_history_walks_with_up_and_down(window, qtbot):
    line = window.console.input
    for text in ("kubectl get pv", "kubectl get pvc"):
        qtbot.keyClicks(line, text)
        qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.keyClicks(line, "draft")
    qtbot.keyClick(line, Qt.Key.Key_Up)
    assert line.text() == "kubectl get pvc"
    qtbot.keyClick(line, Qt.Key.Key_Up)
    assert line.text() == "kubectl get pv"
    qtbot.keyClick(line, Qt.Key.Key_Down)
    qtbot.keyClick(line, Qt.Key.Key_Down)
    assert line.text() == "draft"
    assert not window.console.grab().isNull()


def test_console_tab_completes_kinds_and_names(window, qtbot):
    line = window.console.input
    line.setFocus()
    qtbot.keyClicks(line, "kubectl desc")
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    assert line.text() == "kubectl describe "
    qtbot.keyClicks(line, "pv")
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    # "pv" and "pvc" both start with "pv": no progress, the candidates are listed.
    assert line.text() == "kubectl describe pv"
    assert "pvc" in window.console.text().splitlines()[-1]
    qtbot.keyClicks(line, "c ")
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    assert line.text() == "kubectl describe pvc www-web-"
    assert line.hasFocus()
    assert not window.console.grab().isNull()


@pytest.mark.parametrize(("text", "expected"), [
    ("", ["kubectl", "settle", "sleep", "nfs", "node", "say", "snapshot", "explain"]),
    ("kubectl sc", ["scale"]),
    ("kubectl scale ", ["statefulset"]),
    ("kubectl scale statefulset ", ["web"]),
    ("node f", ["fail"]),
    ("node fail ", ["node-1", "node-2"]),
    ("nfs write ", ["192.168.6.189:"]),
    ("kubectl get pvc www-web-0 -o ", ["wide", "yaml", "json", "name"]),
    ("kubectl delete pv pv000", ["pv0001", "pv0002", "pv0003", "pv0004"]),
    ("kubectl la", ["label"]),
    ("kubectl label pv pv0001", ["pv0001"]),
    ("kubectl rollout ", ["status", "restart", "history", "undo"]),
    ("kubectl w", ["wait"]),
    ("kubectl wait ", ["--for=condition=Ready", "--for=delete", "--for=create",
                       "--for=jsonpath="]),
    ("kubectl wait --for=condition=Ready pod ", ["web-0", "web-1"]),
    ("kubectl rollout status statefulset ", ["web"]),
])
def test_candidates(window, text, expected):
    words = text.split() + ([""] if text.endswith(" ") or not text else [])
    assert candidates(window.bridge.cluster, words) == expected
    assert not window.grab().isNull()


def test_complete_single_candidate_adds_a_space(window):
    assert complete(window.bridge.cluster, "kubectl sc") == ("kubectl scale ", ["scale"])
    assert complete(window.bridge.cluster, "nfs write 192") == (
        "nfs write 192.168.6.189:", ["192.168.6.189:"])
    assert not window.grab().isNull()


def test_every_action_is_echoed_in_the_console(window):
    window.select_object("StatefulSet", "default", "web")
    window.scale_box.setValue(1)
    window.actions_["scale"].trigger()
    assert "$ kubectl scale statefulset web --replicas=1" in window.console.text()
    assert "statefulset.apps/web scaled" in window.console.text()
    assert not window.console.grab().isNull()


# ---- event log ---------------------------------------------------------------------
def test_event_log_is_a_watch_and_selects_objects(window, qtbot):
    model = window.event_log.model
    assert [model.headerData(i, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            for i in range(model.columnCount())] == list(HEADERS)
    assert model.rowCount() > 0
    objects = [model.data(model.index(r, 3), Qt.ItemDataRole.DisplayRole)
               for r in range(model.rowCount())]
    assert "pod/web-1" in objects
    rows_before = model.rowCount()
    window.bridge.run_command("kubectl delete pod web-0")
    window.actions_["settle"].trigger()
    assert model.rowCount() > rows_before  # new events appended, like -w
    row = objects.index("pod/web-1")
    window.events_dock.raise_()
    index = model.index(row, 4)
    window.event_log.table.scrollTo(index)
    rect = window.event_log.table.visualRect(index)
    qtbot.mouseClick(window.event_log.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center())
    assert window.selected_id == uid(window, "Pod", "default", "web-1")
    assert window.inspector.header.text().startswith("pod/web-1")
    assert not window.event_log.grab().isNull()


def test_event_log_warnings_filter(window):
    model = window.event_log.model
    window.event_log.warnings.setChecked(True)
    types = {model.data(model.index(r, 1), Qt.ItemDataRole.DisplayRole)
             for r in range(model.rowCount())}
    assert types == {"Warning"}
    window.event_log.warnings.setChecked(False)
    assert not window.event_log.grab().isNull()


@pytest.mark.parametrize(("ms", "text"), [(0, "0s"), (45_000, "45s"), (119_000, "119s"),
                                          (182_000, "3m2s"), (600_000, "10m"),
                                          (5 * 3_600_000, "5h")])
def test_human_age(ms, text, window):
    assert human_age(ms) == text
    assert not window.grab().isNull()


# ---- YAML editor -------------------------------------------------------------------
PV5 = """apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv0005
spec:
  capacity:
    storage: 1Gi
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Retain
  storageClassName: nfs
  nfs: {server: 192.168.6.189, path: /nfs/pv5}
"""


def test_yaml_editor_applies_pasted_text(window, qtbot):
    window.yaml_dock.raise_()
    window.yaml_editor.set_text(PV5)
    qtbot.mouseClick(window.yaml_editor.apply_button, Qt.MouseButton.LeftButton)
    assert window.bridge.cluster.get("PersistentVolume", "", "pv0005") is not None
    assert window.yaml_editor.status.text().startswith("✓")
    assert "$ kubectl apply -f -" in window.console.text()
    assert not window.yaml_editor.grab().isNull()


def test_yaml_editor_error_points_at_the_line(window, qtbot):
    bad = PV5.replace("accessModes: [ReadWriteOnce]", "accessModes: [ReadWriteOnce")
    window.yaml_editor.set_text(bad)
    before = window.bridge.cluster.manifests()
    window.yaml_editor.request_apply()
    assert window.yaml_editor.status.text().startswith("✗")
    assert "<editor>:" in window.yaml_editor.status.text()
    assert window.errors.messages()
    assert window.bridge.cluster.manifests() == before
    cursor = window.yaml_editor.editor.textCursor()
    assert cursor.blockNumber() > 0
    assert not window.yaml_editor.grab().isNull()


# ---- error panel -------------------------------------------------------------------
def test_error_panel_is_dismissible_and_bounded(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    panel = ErrorPanel(holder)
    holder.show()
    assert not panel.isVisible()
    panel.add_error("file.yaml:3: spec.capacity: Required value")
    assert panel.isVisible() and panel.messages() == ["file.yaml:3: spec.capacity: Required value"]
    assert not panel.grab().isNull()
    for i in range(MAX_MESSAGES + 2):
        panel.add_error(f"error {i}")
    assert len(panel.messages()) == MAX_MESSAGES
    first = panel._messages[0]
    close = [b for b in first.findChildren(type(panel._clear)) if "Dismiss" in b.text()][0]
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert len(panel.messages()) == MAX_MESSAGES - 1
    assert "error 2" not in panel.messages()
    qtbot.mouseClick(panel._clear, Qt.MouseButton.LeftButton)
    assert panel.messages() == [] and not panel.isVisible()


# ---- time bar ----------------------------------------------------------------------
def test_time_bar_shows_clock_and_work(window, qtbot):
    bar = window.time_bar
    assert bar.clock_label.text() == window.clock_label.text()
    assert "settled" in bar.work_label.text() and "paused" in bar.work_label.text()
    window.bridge.run_command("kubectl delete pod web-0")
    assert "queued" in bar.work_label.text() or "next at" in bar.work_label.text()
    qtbot.mouseClick(bar.play_button, Qt.MouseButton.LeftButton)
    assert "playing" in bar.work_label.text()
    assert window.actions_["play"].text() == "❚❚ Pause"
    bar.speed_box.setCurrentIndex(bar.speed_box.count() - 1)
    assert window.player.speed == 8.0
    qtbot.waitUntil(lambda: "settled" in bar.work_label.text(), timeout=30_000)
    window.player.pause()
    assert bar.clock_label.text() != "t = 0s"
    assert not bar.grab().isNull()


# ---- inspector ---------------------------------------------------------------------
def test_inspector_tabs_for_a_pv(window):
    window.select_object("PersistentVolume", "", "pv0001")
    inspector = window.inspector
    assert inspector.header.text() == "persistentvolume/pv0001 — Bound"
    inspector.show_tab("Summary")
    labels = [inspector.form.itemAt(i).widget().text() for i in range(inspector.form.count())
              if inspector.form.itemAt(i).widget() is not None]
    assert "Claim:" in labels and "default/www-web-0" in labels
    inspector.show_tab("YAML")
    assert "kind: PersistentVolume" in inspector.yaml_view.toPlainText()
    inspector.show_tab("Describe")
    assert "Name:" in inspector.describe_view.toPlainText()
    assert "pv0001" in inspector.describe_view.toPlainText()
    inspector.show_tab("Events")
    assert inspector.events_table.columnCount() == 5
    assert not inspector.grab().isNull()


def test_inspector_follows_changes(window):
    window.select_object("Pod", "default", "web-0")
    window.bridge.run_command("kubectl delete pod web-0")
    assert "Terminating" in window.inspector.header.text()
    assert not window.inspector.grab().isNull()


# ---- the WHY panel -----------------------------------------------------------------
def test_why_web_1_is_pending(window):
    window.select_object("Pod", "default", "web-1")
    window.inspector.show_tab("Why")
    why = window.inspector.why
    text = "\n".join(why.texts)
    assert "Pod default/web-1 is Pending" in text
    assert "Scheduler:" in text and "unbound" in text
    assert "www-web-1" in text
    assert len(why.tables) == 1
    table = why.tables[0]
    # The controller's order: the RWO group first, then ROX, then RWX.
    assert table.volumes() == ["pv0001", "pv0004", "pv0002", "pv0003"]
    assert table.cell_text("pv0002", "accessModes") == "✗ ROX"
    assert table.cell_text("pv0004", "storageClass") == '✗ "nfs-nginx"'
    assert table.cell_text("pv0004", "capacity") == "✓ 5Gi"
    assert table.cell_text("pv0001", "claimRef").startswith("✗ default/www-web-0")
    for volume in table.volumes():
        assert table.cell_text(volume, "result").startswith("✗ rejected")
    assert not window.inspector.grab().isNull()


def test_why_for_a_released_pv_offers_the_freeing_action(window):
    window.bridge.run_command("kubectl delete statefulset web")
    window.bridge.run_command("kubectl delete pvc www-web-0")
    window.actions_["settle"].trigger()
    window.select_object("PersistentVolume", "", "pv0001")
    window.inspector.show_tab("Why")
    why = window.inspector.why
    assert "Released" in why.texts[0]
    assert why.action_button is not None
    assert "claimRef" in why.action_button.text()
    why.action_button.click()
    window.actions_["settle"].trigger()
    assert phase_of(window.bridge.cluster.get("PersistentVolume", "", "pv0001")) == "Available"
    assert "Available" in window.inspector.why.texts[0]
    assert not window.inspector.grab().isNull()


def test_why_for_a_bound_claim(window):
    window.select_object("PersistentVolumeClaim", "default", "www-web-0")
    window.inspector.show_tab("Why")
    why = window.inspector.why
    assert why.texts[0].startswith("✓ Claim default/www-web-0 is Bound, bound to pv0001")
    table = why.tables[0]
    assert table.cell_text("pv0001", "result").startswith("✓")
    assert not window.inspector.grab().isNull()


def test_why_for_other_kinds_says_what_it_explains(window):
    window.select_object("Service", "default", "nginx")
    window.inspector.show_tab("Why")
    assert "nothing to explain" in window.inspector.why.texts[0]
    window.select_object("StatefulSet", "default", "web")
    assert "1 of 2 ready" in window.inspector.why.texts[0]
    assert not window.inspector.grab().isNull()


def test_why_line(window):
    from gui.panels.why import why_line

    cluster = window.bridge.cluster
    assert why_line(cluster, cluster.get("Pod", "default", "web-0")) == ""
    assert why_line(cluster, cluster.get("Pod", "default", "web-1")).startswith(
        "0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims")
    assert 'storageclass.storage.k8s.io "nfs" not found' in why_line(
        cluster, cluster.get("PersistentVolumeClaim", "default", "www-web-1"))
    assert why_line(cluster, cluster.get("PersistentVolume", "", "pv0001")) == ""
    assert not window.grab().isNull()
