"""EngineBridge: loading, commands, history (undo/redo/reset), time steps, errors."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from assets import demo_files, read_text
from core.journal import USER_KINDS
from core.objects import get_path, phase_of
from gui.bridge import EngineBridge, Source, format_clock


def _state(cluster):
    """Everything that must come back exactly after undo: objects, clock, log length."""
    return (cluster.manifests(), cluster.clock.now_ms, cluster.store.last_seq)


@pytest.fixture
def bridge(qtbot):
    b = EngineBridge()
    b.load_paths(demo_files())
    return b


@pytest.fixture
def frame(qtbot):
    """A widget to grab, so each test paints at least once."""
    label = QLabel("bridge")
    qtbot.addWidget(label)

    def grab(text: str = "") -> None:
        label.setText(text or "bridge")
        assert not label.grab().isNull()

    return grab


def test_demo_loads_settled_in_the_interesting_state(bridge, frame):
    cluster = bridge.cluster
    assert phase_of(cluster.get("Pod", "default", "web-0")) == "Running"
    assert get_path(cluster.get("Pod", "default", "web-0"), "spec", "nodeName")
    assert phase_of(cluster.get("Pod", "default", "web-1")) == "Pending"
    claim = cluster.get("PersistentVolumeClaim", "default", "www-web-0")
    assert get_path(claim, "spec", "volumeName") == "pv0001"
    assert phase_of(cluster.get("PersistentVolumeClaim", "default", "www-web-1")) == "Pending"
    assert not bridge.engine_busy()
    assert bridge.ops == [] and not bridge.can_undo()
    ids = {n.id for n in bridge.snapshot().nodes}
    assert cluster.get("Pod", "default", "web-1")["metadata"]["uid"] in ids
    frame(bridge.work_summary())


def test_reset_signal_carries_the_snapshot(qtbot, frame):
    b = EngineBridge()
    with qtbot.waitSignal(b.reset) as blocker:
        b.load_sources([Source("pvs.yaml", read_text("demo", "seed-pvs.yaml"))])
    snapshot = blocker.args[0]
    assert sorted(n.name for n in snapshot.nodes if n.kind == "PersistentVolume") == [
        "pv0001", "pv0002", "pv0003", "pv0004"]
    frame()


def test_run_command_echoes_records_and_emits_changes(bridge, qtbot, frame):
    echoed = []
    bridge.command_ran.connect(lambda line, out, ok: echoed.append((line, out, ok)))
    with qtbot.waitSignal(bridge.changes_applied) as blocker:
        out = bridge.run_command("kubectl scale statefulset web --replicas=3")
    assert out.strip() == "statefulset.apps/web scaled"
    assert echoed == [("kubectl scale statefulset web --replicas=3", out, True)]
    changes = blocker.args[0]
    assert any(c.kind == "StatefulSet" for c in changes)
    assert get_path(bridge.cluster.get("StatefulSet", "default", "web"), "spec", "replicas") == 3
    assert [op.line for op in bridge.ops] == ["kubectl scale statefulset web --replicas=3"]
    assert bridge.can_undo()
    frame(out)


def test_read_only_commands_are_not_history(bridge, frame):
    out = bridge.run_command("kubectl get pv")
    assert "pv0001" in out and "Bound" in out
    assert bridge.ops == [] and not bridge.can_undo()
    frame(out)


def test_failing_command_reports_and_keeps_state(bridge, qtbot, frame):
    before = _state(bridge.cluster)
    with qtbot.waitSignal(bridge.error) as blocker:
        out = bridge.run_command("kubectl delete pvc nope")
    assert out == 'Error from server (NotFound): persistentvolumeclaims "nope" not found'
    assert blocker.args == [out]
    assert not bridge.last_ok
    assert _state(bridge.cluster) == before
    frame(out)


def test_undo_is_exact_and_redo_replays(bridge, frame):
    bridge.run_command("kubectl delete pvc www-web-0")
    bridge.step_change()
    before_scale = _state(bridge.cluster)
    bridge.run_command("kubectl scale statefulset web --replicas=1")
    after_scale = _state(bridge.cluster)
    assert bridge.undo()
    # Exactly the moment before the scale: the delete and the step after it stay.
    assert _state(bridge.cluster) == before_scale
    assert [op.kind for op in bridge.ops if op.kind in USER_KINDS] == ["command"]
    assert bridge.redo()
    assert _state(bridge.cluster) == after_scale
    assert not bridge.can_redo()
    bridge.undo()
    bridge.undo()
    loaded = EngineBridge()
    loaded.load_paths(demo_files())
    assert _state(bridge.cluster) == _state(loaded.cluster)
    assert not bridge.can_undo()
    frame()


def test_new_command_clears_redo(bridge, frame):
    bridge.run_command("kubectl scale statefulset web --replicas=3")
    bridge.undo()
    assert bridge.can_redo()
    bridge.run_command("kubectl scale statefulset web --replicas=1")
    assert not bridge.can_redo()
    frame()


def test_reset_to_loaded_files_and_redo_brings_session_back(bridge, frame):
    bridge.run_command("kubectl scale statefulset web --replicas=3")
    bridge.step_until_change()
    session = _state(bridge.cluster)
    bridge.reset_to_loaded()
    fresh = EngineBridge()
    fresh.load_paths(demo_files())
    assert _state(bridge.cluster) == _state(fresh.cluster)
    assert bridge.redo()
    assert _state(bridge.cluster) == session
    frame()


def test_user_action_is_staged_not_settled(bridge, frame):
    bridge.run_command("kubectl delete pod web-0")
    pod = bridge.cluster.get("Pod", "default", "web-0")
    # The command only marks the pod for deletion; the kubelet acts on later steps.
    assert pod is not None and get_path(pod, "metadata", "deletionTimestamp")
    assert bridge.engine_busy()
    steps = 0
    while bridge.engine_busy() and steps < 10_000:
        assert bridge.step_until_change() or not bridge.engine_busy()
        steps += 1
    assert steps > 1  # the controllers' work came one change at a time
    assert phase_of(bridge.cluster.get("Pod", "default", "web-0")) == "Running"
    frame()


def test_step_change_advances_the_clock_when_queues_are_empty(bridge, qtbot, frame):
    old_uid = bridge.cluster.get("Pod", "default", "web-0")["metadata"]["uid"]
    bridge.run_command("kubectl delete pod web-0")
    start = bridge.cluster.clock.now_ms
    times = []
    bridge.clock_changed.connect(times.append)
    for _ in range(2000):
        if not bridge.engine_busy():
            break
        bridge.step_change()
    assert not bridge.engine_busy()
    assert bridge.cluster.clock.now_ms > start and times and times[-1] == bridge.cluster.clock.now_ms
    # The kubelet stopped the old pod, the StatefulSet made a new one, it started.
    pod = bridge.cluster.get("Pod", "default", "web-0")
    assert pod["metadata"]["uid"] != old_uid and phase_of(pod) == "Running"
    frame(format_clock(bridge.cluster.clock.now_ms))


def test_load_error_names_file_and_line_and_loads_the_rest(qtbot, frame):
    b = EngineBridge()
    errors = []
    b.error.connect(errors.append)
    bad = "apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: a\n"
    b.load_sources([Source("bad.yaml", bad),
                    Source("pvs.yaml", read_text("demo", "seed-pvs.yaml"))])
    assert errors and errors[0].startswith("error: bad.yaml:")
    assert b.cluster.store.count("PersistentVolume") == 4
    frame(errors[0])


def test_missing_file_is_reported(tmp_path, frame):
    b = EngineBridge()
    errors = []
    b.error.connect(errors.append)
    b.load_paths([tmp_path / "missing.yaml"])
    assert errors and "missing.yaml" in errors[0] and "cannot read" in errors[0]
    frame(errors[0])


def test_apply_paths_is_a_command_with_its_text(bridge, tmp_path, frame):
    path = tmp_path / "pv5.yaml"
    path.write_text(read_text("demo", "seed-pvs.yaml").replace("pv0001", "pv0005")
                    .replace("/nfs/pv1", "/nfs/pv5"))
    echoed = []
    bridge.command_ran.connect(lambda line, out, ok: echoed.append((line, out, ok)))
    bridge.apply_paths([path])
    assert echoed[0][0] == f"kubectl apply -f {path}"
    assert "persistentvolume/pv0005 created" in echoed[0][1]
    assert bridge.cluster.get("PersistentVolume", "", "pv0005") is not None
    path.write_text("changed on disk after the apply")
    bridge.undo()
    assert bridge.cluster.get("PersistentVolume", "", "pv0005") is None
    bridge.redo()  # replays the text that was applied, not the file as it is now
    assert bridge.cluster.get("PersistentVolume", "", "pv0005") is not None
    frame()


def test_large_load_runs_in_the_background(qtbot, frame):
    docs = []
    for i in range(600):
        docs.append(f"""apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv{i:05d}
spec:
  capacity: {{storage: 1Gi}}
  accessModes: [ReadWriteOnce]
  storageClassName: nfs
  nfs: {{server: 10.0.0.1, path: /exports/pv{i}}}
""")
    text = "---\n".join(docs)
    b = EngineBridge()
    busy = []
    b.busy_changed.connect(busy.append)
    with qtbot.waitSignal(b.reset, timeout=60_000):
        b.load_sources([Source("big.yaml", text)], asynchronous=True)
        assert b.busy  # the call returned at once; the window keeps painting
        frame("loading")
    assert busy[0] is True and busy[-1] is False
    assert b.cluster.store.count("PersistentVolume") == 600
    frame("loaded")


def test_commands_are_refused_while_loading(qtbot, frame):
    b = EngineBridge()
    with qtbot.waitSignal(b.reset, timeout=60_000):
        b.load_sources([Source("pvs.yaml", read_text("demo", "seed-pvs.yaml"))],
                       asynchronous=True)
        out = b.run_command("kubectl delete pv pv0001")
        assert "still loading" in out
    assert b.cluster.get("PersistentVolume", "", "pv0001") is not None
    frame()


@pytest.mark.parametrize(("ms", "text"), [
    (0, "t = 0s"), (1500, "t = 1.5s"), (65_000, "t = 1m05s"), (3_723_000, "t = 1h02m03s"),
])
def test_format_clock(ms, text, frame):
    assert format_clock(ms) == text
    frame(text)
