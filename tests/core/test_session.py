"""Saved sessions: one JSON file, written atomically, opened to the identical state;
a damaged file gives one clear SessionError and loses nothing already open."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.errors import CommandError
from core.session import (
    FORMAT,
    VERSION,
    SessionError,
    open_session,
    read_session,
    save_session,
    session_json,
)
from core.settings import SimSettings

from .test_journal_toy import ToyJournal


def _log(cluster):
    return [tuple(c) for c in cluster.store.log]


def _live(tmp_path, settings=None):
    (tmp_path / "pvs.txt").write_text("f1 f2\n")
    journal = ToyJournal(settings)
    cluster = journal.new_cluster()
    journal.run(cluster, "kubectl apply -f pvs.txt", cwd=tmp_path)
    journal.run(cluster, "mk a 1500")
    journal.settle(cluster)
    for _ in range(3):
        journal.step(cluster)
    try:
        journal.run(cluster, "half h")
    except CommandError:
        pass
    journal.advance(cluster, 4000)
    journal.run(cluster, "rm a")
    return journal, cluster


def _open(path):
    return open_session(path, journal_class=ToyJournal)


def test_round_trip_gives_the_identical_state(tmp_path):
    journal, cluster = _live(tmp_path, SimSettings(pv_resync_ms=9000, provision_ms=250))
    path = save_session(tmp_path / "s.pvgraph.json", journal, cluster, meta={"view": "dark"})
    (tmp_path / "pvs.txt").unlink()  # the session carries the file's text
    session = _open(path)
    assert session.warnings == []
    assert _log(session.cluster) == _log(cluster)
    assert session.cluster.clock.now_ms == cluster.clock.now_ms
    assert session.cluster.store.all_objects() == cluster.store.all_objects()
    assert session.journal.inputs == journal.inputs
    assert session.journal.settings == journal.settings
    assert session.meta == {"view": "dark"}
    # The reopened session goes on recording and can be saved again, byte for byte.
    again = save_session(tmp_path / "again.pvgraph.json", session.journal, session.cluster,
                         meta={"view": "dark"})
    assert again.read_text() == path.read_text()


def test_file_shape(tmp_path):
    journal, cluster = _live(tmp_path)
    data = json.loads(save_session(tmp_path / "s.json", journal, cluster).read_text("utf-8"))
    assert data["format"] == FORMAT and data["version"] == VERSION
    assert data["state"] == {"last_seq": cluster.store.last_seq, "now_ms": cluster.clock.now_ms}
    assert [f["text"] for f in data["files"]] == ["f1 f2\n"]
    assert data["inputs"][0]["line"] == "kubectl apply -f pvs.txt"
    assert {"kind": "settle"} in data["inputs"]
    assert {"kind": "step", "count": 3} in data["inputs"]
    assert set(data["settings"]) >= {"pv_resync_ms", "provision_ms"}


def test_save_is_atomic_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    journal, cluster = _live(tmp_path)
    path = save_session(tmp_path / "s.json", journal, cluster)
    before = path.read_bytes()
    journal.run(cluster, "mk later")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(SessionError, match="s.json: cannot be saved: No space left on device"):
        save_session(path, journal, cluster)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pvs.txt", "s.json"]


def test_save_into_a_missing_folder_is_a_session_error(tmp_path):
    journal, cluster = _live(tmp_path)
    with pytest.raises(SessionError, match="cannot be saved"):
        save_session(tmp_path / "nope" / "s.json", journal, cluster)


def _valid(tmp_path):
    journal, cluster = _live(tmp_path)
    return save_session(tmp_path / "s.json", journal, cluster)


def _edit(path, change):
    data = json.loads(path.read_text("utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize(("damage", "problem"), [
    (lambda p: p.unlink(), "no such file"),
    (lambda p: p.write_text(""), "is empty"),
    (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff"), "not UTF-8 text"),
    (lambda p: p.write_text("hello: world\n"), "not valid JSON"),
    (lambda p: p.write_text(p.read_text()[: len(p.read_text()) // 2]), "is truncated"),
    (lambda p: p.write_text("[1, 2]"), 'no "format": "pvgraph-session"'),
    (lambda p: _edit(p, lambda d: d.update(format="other")), '(format is "other")'),
    (lambda p: _edit(p, lambda d: d.update(version=VERSION + 1)), "saved by a newer pvgraph"),
    (lambda p: _edit(p, lambda d: d.update(version="1")), "version is missing or not a number"),
    (lambda p: _edit(p, lambda d: d.update(version=0)), "unknown session version 0"),
    (lambda p: _edit(p, lambda d: d["files"][0].update(text="x")), "does not match its id"),
    (lambda p: _edit(p, lambda d: d["inputs"].insert(0, {"kind": "jump"})),
     "inputs[0]: unknown input kind 'jump'"),
    (lambda p: _edit(p, lambda d: d.update(inputs={})), "'inputs' must be a list"),
    (lambda p: _edit(p, lambda d: d["settings"].update(pv_resync_ms="fast")),
     "setting 'pv_resync_ms' must be int"),
    (lambda p: _edit(p, lambda d: d["settings"].update(provision_ms=-1)), "must not be negative"),
    (lambda p: _edit(p, lambda d: d.update(state=None)), "'state' must hold"),
    (lambda p: _edit(p, lambda d: d.update(meta=[])), "'meta' must be an object"),
    (lambda p: p.write_text('{"format": "pvgraph-session", "vers'), "is truncated"),
    (lambda p: p.write_text('{"format": ' + "[" * 100_000 + "]" * 100_000 + "}"),
     "nested too deeply"),
])
def test_damaged_files_give_one_clear_error(tmp_path, damage, problem):
    path = _valid(tmp_path)
    damage(path)
    with pytest.raises(SessionError) as caught:
        _open(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert problem in str(caught.value)
    assert isinstance(caught.value, CommandError)


def test_a_folder_is_not_a_session(tmp_path):
    with pytest.raises(SessionError, match="is a folder"):
        _open(tmp_path)


def test_a_failed_open_loses_nothing_already_open(tmp_path):
    journal, cluster = _live(tmp_path)
    path = save_session(tmp_path / "s.json", journal, cluster)
    log, inputs = _log(cluster), list(journal.inputs)
    path.write_text("{ broken")
    with pytest.raises(SessionError):
        _open(path)
    assert _log(cluster) == log and journal.inputs == inputs
    assert _log(journal.replay()) == log


def test_a_different_engine_result_is_a_warning_not_an_error(tmp_path):
    path = _valid(tmp_path)
    _edit(path, lambda d: d["state"].update(last_seq=d["state"]["last_seq"] + 1))
    session = _open(path)
    assert len(session.warnings) == 1
    assert "saved session at change" in session.warnings[0]


def test_read_session_does_not_replay(tmp_path):
    path = _valid(tmp_path)
    journal, state, meta = read_session(path, journal_class=ToyJournal)
    assert [i.kind for i in journal.inputs] == [
        "command", "command", "settle", "step", "command", "advance", "command"]
    assert meta == {}
    assert state["last_seq"] > 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_damage_gives_a_session_error_or_a_good_session(tmp_path, data):
    path = tmp_path / "fuzz.json"
    if not path.exists():
        journal, cluster = _live(tmp_path)
        save_session(path, journal, cluster)
    original = path.read_bytes()
    damaged = bytearray(original)
    for _ in range(data.draw(st.integers(1, 4))):
        how = data.draw(st.sampled_from(["flip", "cut", "drop"]))
        if not damaged:
            break
        at = data.draw(st.integers(0, len(damaged) - 1))
        if how == "flip":
            damaged[at] = data.draw(st.integers(0, 255))
        elif how == "cut":
            del damaged[at:]
        else:
            del damaged[at]
    target = tmp_path / "damaged.json"
    target.write_bytes(bytes(damaged))
    try:
        session = _open(target)
    except SessionError as exc:
        assert str(exc).startswith(f"{target}: ")
    else:
        assert session.cluster.store.last_seq > 0


def test_session_json_without_a_live_cluster_replays(tmp_path):
    journal, cluster = _live(tmp_path)
    assert session_json(journal)["state"]["last_seq"] == cluster.store.last_seq


def test_real_engine_session_round_trip(tmp_path):
    from core.lessons import LessonRunner, find_lesson

    runner = LessonRunner(find_lesson("06-statefulset-claims-survive"))
    for _ in range(4):
        runner.next()
    path = save_session(tmp_path / "lesson.pvgraph.json", runner.journal, runner.cluster,
                        meta={"lesson": "06-statefulset-claims-survive", "step": 4})
    session = open_session(path)
    assert session.warnings == []
    assert _log(session.cluster) == _log(runner.cluster)
    assert session.cluster.manifests() == runner.cluster.manifests()
    assert session.cluster.events() == runner.cluster.events()
    assert session.cluster.clock.now_ms == runner.cluster.clock.now_ms
    assert session.meta == {"lesson": "06-statefulset-claims-survive", "step": 4}
    # The file a pod wrote on its NFS volume came back with the replay.
    assert session.cluster.run("kubectl exec web-2 -- cat /usr/share/nginx/html/index.html"
                               ).strip() == "I am web-2"


def test_open_files_are_kept_with_the_session(tmp_path):
    journal, cluster = _live(tmp_path)
    journal.record_files({"draft.yaml": "kind: PersistentVolume\n# not applied yet\n",
                          "notes.txt": "说明"})
    path = save_session(tmp_path / "s.json", journal, cluster)
    session = _open(path)
    assert session.journal.loaded_files() == {
        "draft.yaml": "kind: PersistentVolume\n# not applied yet\n", "notes.txt": "说明"}
    assert _log(session.cluster) == _log(cluster)
    _edit(path, lambda d: d["loaded"].update(ghost="0" * 20))
    with pytest.raises(SessionError, match="the open file 'ghost' is not in the session"):
        _open(path)
