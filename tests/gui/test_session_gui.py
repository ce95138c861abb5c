"""Sessions through the GUI: File → Save session… / Open session…, and damaged files."""

from __future__ import annotations

from pathlib import Path

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


# ---- a lesson in a session --------------------------------------------------------------

LESSON = "00-seed-walkthrough"


def lesson_at(window, steps):
    from core.lessons import find_lesson

    window.lesson.start(find_lesson(LESSON))
    for _ in range(steps):
        window.lesson.next()
    return window.lesson.runner


def save_to(window, path, monkeypatch):
    monkeypatch.setattr(actions, "ask_session_path", lambda parent, save: str(path))
    window.actions_["save_session"].trigger()
    assert path.is_file()


def test_a_running_lesson_comes_back_at_its_step(window, qtbot, tmp_path, monkeypatch):
    import json

    runner = lesson_at(window, 3)
    caption = window.lesson_bar.caption.text()
    saved_state = state(window.bridge.live_cluster)
    path = tmp_path / "lesson.pvgraph.json"
    save_to(window, path, monkeypatch)
    meta = json.loads(path.read_text())["meta"]
    assert meta["lesson"] == {"id": LESSON, "source": runner.lesson.source, "step": 3}

    other = make_window(qtbot, tmp_path, "other.ini")
    other.actions_["open_session"].trigger()
    assert not other.errors.messages()
    assert other.lesson.active and other.lesson.lesson.id == LESSON
    assert other.lesson.runner.position == 3
    assert other.lesson_bar.isVisible() and other.lesson_bar.caption.text() == caption
    assert other.bridge.live_cluster is other.lesson.runner.cluster
    assert state(other.bridge.live_cluster) == saved_state
    assert other.bridge.base_inputs == window.bridge.base_inputs
    # It goes on from there exactly as the original does.
    window.lesson.next()
    other.actions_["lesson_next"].trigger()
    assert other.lesson.runner.position == 4
    assert state(other.bridge.live_cluster) == state(window.bridge.live_cluster)
    assert not other.grab().isNull()


def test_what_was_done_after_the_step_comes_back_too(window, qtbot, tmp_path, monkeypatch):
    lesson_at(window, 4)
    window.bridge.run_command("kubectl delete pvc www-web-1")
    window.actions_["step"].trigger()
    window.actions_["settle"].trigger()
    saved_state = state(window.bridge.live_cluster)
    path = tmp_path / "experiment.pvgraph.json"
    save_to(window, path, monkeypatch)

    other = make_window(qtbot, tmp_path, "other.ini")
    other.actions_["open_session"].trigger()
    assert not other.errors.messages()
    assert other.lesson.active and other.lesson.runner.position == 4
    assert state(other.bridge.live_cluster) == saved_state
    # Undo takes back the experiment, not the lesson's steps.
    assert other.bridge.base_inputs == window.bridge.base_inputs
    assert other.actions_["undo"].isEnabled()
    assert not other.grab().isNull()


def test_sessions_without_a_lesson_open_as_before(window, qtbot, tmp_path, monkeypatch):
    import json

    window.bridge.run_command("kubectl delete pv pv0003")
    path = tmp_path / "plain.pvgraph.json"
    save_to(window, path, monkeypatch)
    data = json.loads(path.read_text())
    assert "lesson" not in data["meta"]
    # A file from before sessions knew about lessons: no meta at all.
    del data["meta"]
    path.write_text(json.dumps(data))
    other = make_window(qtbot, tmp_path, "other.ini")
    lesson_at(other, 1)  # a lesson running before the open is left
    other.actions_["open_session"].trigger()
    assert not other.errors.messages()
    assert not other.lesson.active and not other.lesson_bar.isVisible()
    assert state(other.bridge.live_cluster) == state(window.bridge.live_cluster)
    assert not other.grab().isNull()


@pytest.mark.parametrize(("lesson", "says"), [
    ({"id": "no-such-lesson", "source": "/nowhere/lesson.txt", "step": 1}, "not found"),
    ({"id": LESSON, "step": 999}, "no step 999"),
])
def test_a_lesson_that_cannot_come_back_leaves_the_session_open(window, qtbot, tmp_path,
                                                               lesson, says):
    lesson_at(window, 2)
    saved_state = state(window.bridge.live_cluster)
    path = tmp_path / "odd.pvgraph.json"
    window.bridge.save_session(path, {"lesson": lesson})
    other = make_window(qtbot, tmp_path, "other.ini")
    monkeypatch = pytest.MonkeyPatch()
    try:
        monkeypatch.setattr(actions, "ask_session_path", lambda parent, save: str(path))
        other.actions_["open_session"].trigger()
    finally:
        monkeypatch.undo()
    messages = other.errors.messages()
    assert messages and "was not reopened" in messages[-1] and says in messages[-1]
    assert not other.lesson.active
    assert state(other.bridge.live_cluster) == saved_state
    assert not other.grab().isNull()


def test_a_changed_lesson_is_not_forced_onto_the_session(window, qtbot, tmp_path, monkeypatch):
    from core.lessons import find_lesson

    original = find_lesson(LESSON)
    copy = tmp_path / "mine" / "lesson.txt"
    copy.parent.mkdir()
    text = Path(original.source).read_text(encoding="utf-8")
    copy.write_text(text, encoding="utf-8")
    # Lesson files read their manifests relative to their folder.
    for item in Path(original.source).parent.iterdir():
        if item.name != "lesson.txt":
            (copy.parent / item.name).write_bytes(item.read_bytes())
    window.lesson.open_path(copy)
    window.lesson.next()
    window.lesson.next()
    saved_state = state(window.bridge.live_cluster)
    path = tmp_path / "mine.pvgraph.json"
    save_to(window, path, monkeypatch)
    # The teacher edits the lesson afterwards: its steps no longer give the saved state.
    copy.write_text(text.replace("kubectl apply", "kubectl create", 1), encoding="utf-8")
    other = make_window(qtbot, tmp_path, "other.ini")
    other.actions_["open_session"].trigger()
    messages = other.errors.messages()
    assert messages and "was not reopened" in messages[-1]
    assert not other.lesson.active
    assert state(other.bridge.live_cluster) == saved_state
    assert not other.grab().isNull()
