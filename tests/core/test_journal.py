"""The input journal: replays reproduce the change log exactly, stop where asked,
keep the files they read, and give undo / redo / branching."""

from __future__ import annotations

import pytest

from core.errors import CommandError
from core.history import History
from core.journal import Input, Journal, file_arguments

from .test_journal_toy import ToyJournal, toy_cluster


def _log(cluster):
    """The change log as comparable tuples (every field of every record)."""
    return [tuple(c) for c in cluster.store.log]


def _drive(journal: Journal, cluster, lines):
    for line in lines:
        if line == "STEP":
            journal.step(cluster)
        elif line.startswith("ADVANCE"):
            journal.advance(cluster, int(line.split()[1]))
        elif line == "SETTLE":
            journal.settle(cluster)
        else:
            try:
                journal.run(cluster, line)
            except CommandError:
                pass
    return cluster


SCENARIO = ["mk a", "mk b 3000", "SETTLE", "mk c 1000", "STEP", "STEP", "rm a", "half d",
            "fail", "ADVANCE 500", "mk e", "SETTLE", "rm b", "SETTLE"]


def _recorded():
    journal = ToyJournal()
    cluster = _drive(journal, journal.new_cluster(), SCENARIO)
    return journal, cluster


def test_replay_reproduces_the_change_log_exactly():
    journal, live = _recorded()
    replayed = journal.replay()
    assert _log(replayed) == _log(live)
    assert replayed.clock.now_ms == live.clock.now_ms
    assert replayed.store.all_objects() == live.store.all_objects()
    assert journal.notes == []


def test_failed_commands_are_recorded_and_replay_their_partial_effect():
    journal, live = _recorded()
    kinds = [(i.kind, i.line, i.ok) for i in journal.inputs if i.kind == "command"]
    assert ("command", "half d", False) in kinds
    assert ("command", "fail", False) in kinds
    assert live.get("PersistentVolume", "", "d") is not None
    assert journal.replay().get("PersistentVolume", "", "d") is not None


def test_replay_upto_every_seq_stops_at_a_unit_boundary_with_the_recorded_state():
    journal, live = _recorded()
    history = History(live)
    base = journal.base_seq
    boundaries = set()
    for k in range(base, live.store.last_seq + 1):
        cluster = journal.replay(upto_seq=k)
        stop = cluster.store.last_seq
        assert stop <= k
        assert stop == journal.stop_seq(k)
        assert _log(cluster) == _log(live)[:stop]
        assert dict(History(cluster).state_at(stop)) == dict(history.state_at(stop))
        boundaries.add(stop)
    # Stops fall inside settles too, not only between inputs.
    input_ends = {journal.end_seq(i) for i in range(len(journal.inputs))}
    assert boundaries - input_ends - {base}


def test_replay_stopped_mid_settle_can_be_driven_on_to_the_same_end():
    journal, live = _recorded()
    settle_index = [i.kind for i in journal.inputs].index("settle")
    k = journal.end_seq(settle_index) - 1
    cluster = journal.replay(upto_seq=k)
    assert cluster.store.last_seq < journal.end_seq(settle_index)
    # Work left in the queues and on the clock finishes the settle exactly as before.
    cluster.settle()
    assert _log(cluster) == _log(live)[:journal.end_seq(settle_index)]


def test_marks_computed_by_replay_match_those_recorded_live():
    journal, live = _recorded()
    offline = ToyJournal()
    for inp in journal.inputs:
        if inp.kind == "command":
            offline.record_command(inp.line, cwd=inp.cwd, ok=inp.ok)
        elif inp.kind == "step":
            offline.record_step(inp.count)
        elif inp.kind == "advance":
            offline.record_advance(inp.ms)
        else:
            offline.record_settle()
    for k in range(journal.base_seq, live.store.last_seq + 1, 3):
        assert offline.stop_seq(k) == journal.stop_seq(k)
    assert _log(offline.replay()) == _log(live)


def test_consecutive_steps_share_one_input_and_replay_can_stop_between_them():
    journal = ToyJournal()
    cluster = journal.new_cluster()
    journal.run(cluster, "mk a 1000")
    journal.run(cluster, "mk b")
    for _ in range(6):
        journal.step(cluster)
    assert [(i.kind, i.count) for i in journal.inputs][-1] == ("step", 6)
    for k in range(journal.base_seq, cluster.store.last_seq + 1):
        assert _log(journal.replay(upto_seq=k)) == _log(cluster)[:journal.stop_seq(k)]


def test_files_read_by_a_line_are_kept_and_replays_never_read_the_disk(tmp_path):
    folder = tmp_path / "lesson"
    folder.mkdir()
    (folder / "pvs.txt").write_text("p1 p2\n")
    journal = ToyJournal()
    cluster = journal.new_cluster()
    journal.run(cluster, "kubectl apply -f pvs.txt", cwd=folder)
    # The file changes on disk and is applied again: both versions are kept.
    (folder / "pvs.txt").write_text("p3\n")
    journal.run(cluster, "kubectl apply -f pvs.txt", cwd=folder)
    assert len(journal.blobs) == 2
    (folder / "pvs.txt").unlink()
    folder.rmdir()
    replayed = journal.replay()
    assert _log(replayed) == _log(cluster)
    assert {p["metadata"]["name"] for p in replayed.store.list("PersistentVolume")} == {
        "p1", "p2", "p3"}


def test_absolute_paths_are_replayed_from_the_kept_text(tmp_path):
    path = tmp_path / "abs.txt"
    path.write_text("q1\n")
    journal = ToyJournal()
    cluster = journal.new_cluster()
    journal.run(cluster, f"kubectl apply -f {path}")
    path.unlink()
    assert _log(journal.replay()) == _log(cluster)


@pytest.mark.parametrize(("line", "paths"), [
    ("kubectl apply -f a.yaml", ["a.yaml"]),
    ("kubectl apply -f a.yaml -f dir/b.yml", ["a.yaml", "dir/b.yml"]),
    ("kubectl create --filename=x.yaml", ["x.yaml"]),
    ("kubectl delete -f 'with space.yaml'", ["with space.yaml"]),
    ("kubectl get pv", []),
    ("settle", []),
    ("kubectl apply -f", []),
    ("kubectl apply -f a.yaml  # a comment -f b.yaml", ["a.yaml"]),
])
def test_file_arguments(line, paths):
    assert file_arguments(line) == paths


def test_undo_drops_the_last_user_action_and_what_followed_then_redo_restores_it():
    journal = ToyJournal()
    cluster = journal.new_cluster()
    journal.run(cluster, "mk a")
    journal.settle(cluster)
    after_a = _log(cluster)
    journal.run(cluster, "mk b 2000")
    journal.settle(cluster)
    journal.step(cluster)
    full = _log(cluster)

    undone = journal.undo()
    assert _log(undone) == after_a
    assert [i.line for i in journal.inputs if i.kind == "command"] == ["mk a"]
    assert journal.can_redo()
    redone = journal.redo()
    assert _log(redone) == full
    assert not journal.can_redo()

    journal.undo()
    journal.undo()
    assert not journal.can_undo()
    assert journal.undo() is None
    assert _log(journal.replay()) == _log(journal.new_cluster())
    # A new action after an undo forgets what could have been redone.
    journal.redo()
    fresh = journal.replay()
    journal.run(fresh, "mk z")
    assert not journal.can_redo()
    assert journal.redo() is None


def test_truncate_after_cuts_mid_settle_and_redo_restores_the_original():
    journal, live = _recorded()
    settle_index = [i.kind for i in journal.inputs].index("settle")
    k = journal.end_seq(settle_index) - 1
    stop = journal.stop_seq(k)
    count = len(journal.inputs)
    journal.truncate_after(k)
    assert len(journal.inputs) == settle_index + 1
    assert journal.inputs[-1].limit is not None
    branch = journal.replay()
    assert branch.store.last_seq == stop
    assert _log(branch) == _log(live)[:stop]
    # The branch goes its own way from there.
    journal.run(branch, "mk other")
    assert _log(journal.replay()) == _log(branch)

    journal.undo()
    assert journal.redo() is not None  # brings back "mk other"
    journal.undo()
    journal._redo.clear()
    # Cutting again and redoing restores the original journal whole.
    journal2, live2 = _recorded()
    journal2.truncate_after(k)
    restored = journal2.redo()
    assert len(journal2.inputs) == count
    assert _log(restored) == _log(live2)


def test_branch_leaves_the_original_journal_alone():
    journal, live = _recorded()
    inputs = list(journal.inputs)
    branch = journal.branch(journal.base_seq + 5)
    assert journal.inputs == inputs
    assert branch.replay().store.last_seq <= journal.base_seq + 5
    assert _log(journal.replay()) == _log(live)


def test_json_round_trip_keeps_inputs_and_files(tmp_path):
    (tmp_path / "f.txt").write_text("x1\n")
    journal, live = _recorded()
    journal.run(live, "kubectl apply -f f.txt", cwd=tmp_path)
    data = journal.to_json()
    again = ToyJournal.from_json(data)
    assert again.inputs == journal.inputs
    assert _log(again.replay()) == _log(live)


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda d: d["inputs"].append({"kind": "dance"}), "unknown input kind 'dance'"),
    (lambda d: d["inputs"].append({"kind": "step", "count": "3"}), "'count' has the wrong type"),
    (lambda d: d["inputs"].append({"kind": "step", "count": 0}), "out of range"),
    (lambda d: d["inputs"].append({"kind": "advance", "ms": True}), "'ms' has the wrong type"),
    (lambda d: d["inputs"].append({"kind": "command"}), "command input without a line"),
    (lambda d: d["inputs"].append({"kind": "settle", "colour": 1}), "unknown field(s)"),
    (lambda d: d["inputs"].append(["settle"]), "an input must be an object"),
    (lambda d: d["files"][0].update(text="tampered"), "does not match its id"),
    (lambda d: d["inputs"].append({"kind": "command", "line": "x", "reads": {"a": "nope"}}),
     "reads a file that is not in the session"),
])
def test_from_json_says_what_is_wrong(tmp_path, mutate, message):
    (tmp_path / "f.txt").write_text("x1\n")
    journal = ToyJournal()
    journal.run(journal.new_cluster(), "kubectl apply -f f.txt", cwd=tmp_path)
    data = journal.to_json()
    mutate(data)
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        ToyJournal.from_json(data)


def test_input_json_omits_defaults():
    assert Input("settle").to_json() == {"kind": "settle"}
    assert Input("step", count=4).to_json() == {"kind": "step", "count": 4}
    assert Input.from_json({"kind": "step", "count": 4}) == Input("step", count=4)


def test_input_at_names_the_input_that_wrote_a_change():
    journal, live = _recorded()
    assert journal.input_at(journal.base_seq) is None
    for index in range(len(journal.inputs)):
        end = journal.end_seq(index)
        start = journal.end_seq(index - 1) if index else journal.base_seq
        if end > start:
            assert journal.input_at(end) == index
            assert journal.input_at(start + 1) == index


def test_settings_are_replayed():
    from core.settings import SimSettings

    journal = ToyJournal(SimSettings(pv_resync_ms=7000))
    cluster = journal.new_cluster()
    assert cluster.settings.pv_resync_ms == 7000
    journal.advance(cluster, 20_000)
    assert _log(journal.replay()) == _log(cluster)


def test_toy_cluster_matches_fresh_journal_cluster():
    assert _log(toy_cluster()) == _log(ToyJournal().new_cluster())


# ---- the real engine --------------------------------------------------------------------
def _seed_journal():
    from core.lessons import LessonRunner, find_lesson

    runner = LessonRunner(find_lesson("00-seed-walkthrough"))
    runner.run_to_end()
    return runner.journal, runner.cluster


def test_the_seed_story_replays_to_the_same_log_objects_and_clock():
    journal, live = _seed_journal()
    replayed = journal.replay()
    assert journal.notes == []
    assert _log(replayed) == _log(live)
    assert replayed.manifests() == live.manifests()
    assert replayed.events() == live.events()
    assert replayed.clock.now_ms == live.clock.now_ms


def test_real_engine_replay_stops_inside_settles_with_the_recorded_state():
    journal, live = _seed_journal()
    history = History(live)
    for k in range(journal.base_seq, live.store.last_seq + 1, 7):
        cluster = journal.replay(upto_seq=k)
        stop = cluster.store.last_seq
        assert stop <= k and stop == journal.stop_seq(k)
        assert _log(cluster) == _log(live)[:stop]
        assert dict(History(cluster).state_at(stop)) == dict(history.state_at(stop))


def test_real_engine_undo_redo():
    journal, live = _seed_journal()
    full = _log(live)
    # The lesson ends with settle, kubectl get, kubectl exec: the looks change nothing,
    # so undo takes back the settle (with them), then the apply.
    undone = journal.undo()
    assert journal.inputs[-1].line == "kubectl apply -f seed-web.yaml"
    # Nothing has run since the apply: its own writes are the last ones.
    assert undone.store.log[-1].actor == "kubectl"
    assert undone.get("Pod", "default", "web-0") is None
    assert undone.get("StatefulSet", "default", "web") is not None
    undone = journal.undo()
    assert journal.inputs[-1].line == "kubectl get pv"
    assert undone.get("StatefulSet", "default", "web") is None
    undone = journal.undo()  # the settle after the patches (and the get after it)
    assert journal.inputs[-1].line.startswith("kubectl patch pv pv0005")
    assert undone.get("PersistentVolume", "", "pv0005")["status"]["phase"] == "Released"
    journal.redo()
    journal.redo()
    assert _log(journal.redo()) == full


def test_undo_skips_looks_and_typos():
    journal = ToyJournal()
    cluster = journal.new_cluster()
    journal.run(cluster, "mk a")
    journal.run(cluster, "mk b")
    for line in ("fail", "get"):
        try:
            journal.run(cluster, line)
        except CommandError:
            pass
    undone = journal.undo()
    assert [i.line for i in journal.inputs] == ["mk a"]
    assert undone.get("PersistentVolume", "", "b") is None
    assert len(journal.redo().store.log) == len(cluster.store.log)


def test_replay_cost(tmp_path):
    """Hundreds of inputs replay in about the time they took to run (figures in the report)."""
    import time

    from core.journal import Journal

    for i in range(60):
        (tmp_path / f"pv{i}.yaml").write_text(
            f"apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv{i}\nspec:\n"
            f"  capacity:\n    storage: {1 + i % 3}Gi\n  accessModes: [ReadWriteOnce]\n"
            f"  nfs:\n    server: 10.0.0.5\n    path: /exports/pv{i}\n")
        (tmp_path / f"pvc{i}.yaml").write_text(
            f"apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: c{i}\nspec:\n"
            f"  storageClassName: \"\"\n  accessModes: [ReadWriteOnce]\n"
            f"  resources:\n    requests:\n      storage: 1Gi\n")
    journal = Journal()
    cluster = journal.new_cluster()
    started = time.perf_counter()
    for i in range(60):
        journal.run(cluster, f"kubectl apply -f pv{i}.yaml", cwd=tmp_path)
        journal.run(cluster, f"kubectl apply -f pvc{i}.yaml", cwd=tmp_path)
        journal.run(cluster, "settle", cwd=tmp_path)
        journal.run(cluster, "kubectl get pvc", cwd=tmp_path)
        journal.step(cluster)
        if i % 10 == 9:
            journal.run(cluster, f"kubectl delete pvc c{i - 5}", cwd=tmp_path)
            journal.advance(cluster, 15_000)
    recorded = time.perf_counter() - started
    assert len(journal.inputs) >= 300
    started = time.perf_counter()
    replayed = journal.replay()
    replay_time = time.perf_counter() - started
    assert _log(replayed) == _log(cluster)
    assert replayed.get("PersistentVolumeClaim", "default", "c4") is None
    # Generous: a replay does the same work as the run (plus writing the kept files).
    assert replay_time < 3 * recorded + 2.0
