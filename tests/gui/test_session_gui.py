"""Sessions through the GUI: File → Save session… / Open session…, and damaged files."""

from __future__ import annotations

import pytest

from gui import actions
from gui.app import build_window


def make_window(qtbot, tmp_path, name="settings.ini"):
    w = build_window(settings_path=str(tmp_path / name), motion=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path)


def state(cluster):
    return (cluster.manifests(), cluster.clock.now_ms, cluster.store.last_seq,
            [(c.seq, c.key, c.action) for c in cluster.store.log])


def test_save_and_open_round_trip(window, qtbot, tmp_path, monkeypatch):
    bridge = window.bridge
    bridge.run_command("kubectl scale statefulset web --replicas=3")
    for _ in range(5):
        bridge.step_until_change()
    bridge.run_command("kubectl delete pvc www-web-1")
    saved_state = state(bridge.live_cluster)
    path = tmp_path / "class.pvgraph.json"
    monkeypatch.setattr(actions, "ask_session_path", lambda parent, save: str(path))
    window.actions_["save_session"].trigger()
    assert path.is_file()
    assert "Session saved" in window.statusBar().currentMessage()

    other = make_window(qtbot, tmp_path, "other.ini")
    assert state(other.bridge.live_cluster) != saved_state
    other.actions_["open_session"].trigger()
    assert state(other.bridge.live_cluster) == saved_state
    assert [s.name for s in other.bridge.sources] == [s.name for s in bridge.sources]
    assert not other.errors.messages()
    # Undo stops at the loaded files, as before saving.
    assert other.bridge.base_inputs == bridge.base_inputs
    other.actions_["undo"].trigger()
    assert other.bridge.live_cluster.get("PersistentVolumeClaim", "default",
                                         "www-web-1") is not None
    assert not other.grab().isNull()


@pytest.mark.parametrize(("content", "says"), [
    ('{"format": "pvgraph-session", "version": 1, "inputs": [', "is truncated"),
    ("this is not json", "is not a pvgraph session"),
    ('{"format": "something-else"}', "is not a pvgraph session"),
    ('{"format": "pvgraph-session", "version": 1, "inputs": [{"kind": "nope"}]}', "is damaged"),
])
def test_a_damaged_session_is_a_clear_error_and_nothing_is_lost(window, tmp_path, monkeypatch,
                                                                content, says):
    bridge = window.bridge
    bridge.run_command("kubectl delete pv pv0003")
    before = state(bridge.live_cluster)
    undo_enabled = window.actions_["undo"].isEnabled()
    path = tmp_path / "damaged.pvgraph.json"
    path.write_text(content)
    monkeypatch.setattr(actions, "ask_session_path", lambda parent, save: str(path))
    window.actions_["open_session"].trigger()
    messages = window.errors.messages()
    assert messages and str(path) in messages[-1] and says in messages[-1]
    assert messages[-1].startswith("Could not open the session:")
    assert window.errors.isVisible()
    assert state(bridge.live_cluster) == before
    assert window.actions_["undo"].isEnabled() == undo_enabled
    assert not window.grab().isNull()


def test_cancelled_dialogs_do_nothing(window, monkeypatch):
    before = state(window.bridge.live_cluster)
    monkeypatch.setattr(actions, "ask_session_path", lambda parent, save: None)
    window.actions_["open_session"].trigger()
    window.actions_["save_session"].trigger()
    assert state(window.bridge.live_cluster) == before and not window.errors.messages()
    assert not window.grab().isNull()
