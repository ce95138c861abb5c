"""The timeline: the state after any past change, from the change log with checkpoints."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.errors import CommandError
from core.history import History
from core.store import Store

from .test_journal_toy import ToyJournal


def _naive_state(log, k):
    """The store after the first k changes, by applying them one by one to nothing."""
    table = {}
    for change in log[:k]:
        if change.new is None:
            table.pop(change.key, None)
        else:
            table[change.key] = change.new
    return table


def _store_contents(cluster):
    return {(o["kind"], o["metadata"].get("namespace") or "", o["metadata"]["name"]): o
            for o in cluster.store.all_objects()}


# Commands of the toy world: create (some with timed work), delete, clock inputs.
_names = st.sampled_from(["a", "b", "c", "d"])
_inputs = st.one_of(
    st.builds(lambda n: f"mk {n}", _names),
    st.builds(lambda n, d: f"mk {n} {d}", _names, st.sampled_from([500, 2000])),
    st.builds(lambda n: f"rm {n}", _names),
    st.just("STEP"), st.just("SETTLE"), st.just("ADVANCE 1000"),
)


def _drive(lines):
    journal = ToyJournal()
    cluster = journal.new_cluster()
    for line in lines:
        if line == "STEP":
            journal.step(cluster)
        elif line == "SETTLE":
            journal.settle(cluster)
        elif line.startswith("ADVANCE"):
            journal.advance(cluster, int(line.split()[1]))
        else:
            try:
                journal.run(cluster, line)
            except CommandError:
                pass  # deleting what is not there: recorded as failed, replayed the same
    return journal, cluster


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_inputs, min_size=1, max_size=14), st.integers(min_value=1, max_value=8))
def test_state_at_k_equals_the_first_k_changes_and_the_journal_replayed_to_k(lines, interval):
    journal, cluster = _drive(lines)
    history = History(cluster, min_interval=interval)
    log = cluster.store.log
    assert history.tick_count == len(log)
    # Scrub in a jumbled order so checkpoints, the cursor and both directions are used.
    ks = list(range(len(log) + 1))
    order = ks[::2] + ks[1::2][::-1]
    for k in order:
        assert dict(history.state_at(k)) == _naive_state(log, k)
    for k in range(journal.base_seq, len(log) + 1):
        replayed = journal.replay(upto_seq=k)
        stop = replayed.store.last_seq
        assert stop <= k
        assert _store_contents(replayed) == dict(history.state_at(stop))


def test_state_now_is_the_store_and_state_zero_is_empty():
    journal, cluster = _drive(["mk a", "SETTLE", "mk b 500", "SETTLE", "rm a"])
    history = History(cluster)
    assert dict(history.state_at(history.tick_count)) == _store_contents(cluster)
    assert dict(history.state_at(0)) == {}


def test_state_view_is_read_only_and_detached_from_later_scrubbing():
    journal, cluster = _drive(["mk a", "SETTLE", "rm a"])
    history = History(cluster)
    view = history.state_at(3)
    before = dict(view)
    with pytest.raises(TypeError):
        view[("Node", "", "x")] = {}  # type: ignore[index]
    history.state_at(history.tick_count)
    assert dict(view) == before


def test_history_follows_a_growing_log():
    journal, cluster = _drive(["mk a"])
    history = History(cluster, min_interval=2)
    first = history.tick_count
    assert dict(history.state_at(first)) == _store_contents(cluster)
    journal.run(cluster, "mk b 500")
    journal.settle(cluster)
    assert history.tick_count > first
    assert dict(history.state_at(history.tick_count)) == _store_contents(cluster)
    assert dict(history.state_at(first)) == _naive_state(cluster.store.log, first)


def test_time_and_changes_between():
    journal, cluster = _drive(["mk a 2000", "SETTLE", "mk b"])
    history = History(cluster)
    log = cluster.store.log
    assert history.time_at(0) == 0
    assert [history.time_at(k) for k in range(1, len(log) + 1)] == [c.time_ms for c in log]
    assert history.changes_between(2, 5) == log[2:5]
    assert history.changes_between(5, 2) == []
    assert history.change(1) is log[0]
    done = next(c.seq for c in log if c.reason == "toy: done")
    assert history.time_at(done) == 2000
    assert history.seq_at_time(1999) == done - 1
    assert history.seq_at_time(2000) >= done
    with pytest.raises(IndexError):
        history.state_at(len(log) + 1)
    with pytest.raises(IndexError):
        history.change(0)


def test_objects_at_and_cluster_at_show_the_past():
    journal, cluster = _drive(["mk a", "SETTLE", "rm a", "mk b"])
    history = History(cluster)
    created = next(c.seq for c in cluster.store.log if c.key[2] == "a" and c.action == "ADDED")
    available = next(c.seq for c in cluster.store.log if c.reason == "toy: available")
    assert [p["metadata"]["name"] for p in history.objects_at(created, "PersistentVolume")] == ["a"]
    past = history.cluster_at(available)
    pv = past.get("PersistentVolume", "", "a")
    assert pv["status"]["phase"] == "Available"
    assert past.get("PersistentVolume", "", "b") is None
    assert past.clock.now_ms == history.time_at(available)


def test_branch_at_cuts_the_journal_and_gives_a_live_cluster():
    journal, cluster = _drive(["mk a 1000", "SETTLE", "mk b", "SETTLE", "rm a"])
    history = History(cluster)
    k = next(c.seq for c in cluster.store.log if c.key[2] == "b" and c.action == "ADDED")
    branch = history.branch_at(k, journal)
    assert branch.store.last_seq == k
    assert _store_contents(branch) == dict(history.state_at(k))
    journal.run(branch, "mk other")
    assert branch.get("PersistentVolume", "", "a") is not None
    assert branch.get("PersistentVolume", "", "other") is not None


def test_scrubbing_ten_thousand_changes_is_fast():
    store = Store(lambda: 0)
    # 200 objects, each rewritten 50 times: 10,000 changes.
    for round_ in range(50):
        for i in range(200):
            store.put({"kind": "PersistentVolume", "metadata": {"name": f"pv{i}"},
                       "status": {"round": round_}}, actor="t", reason="r")
    history = History(store)
    started = time.perf_counter()
    history.state_at(store.last_seq)  # builds the checkpoints
    build = time.perf_counter() - started
    started = time.perf_counter()
    ks = [(k * 7919) % store.last_seq for k in range(500)]
    for k in ks:
        history.state_at(k)
    per_jump = (time.perf_counter() - started) / len(ks)
    started = time.perf_counter()
    for k in range(5000, 5500):
        history.state_at(k)
    per_tick = (time.perf_counter() - started) / 500
    for k in ks[:20]:
        assert dict(history.state_at(k)) == _naive_state(store.log, k)
    # Generous bounds (a slow CI machine); measured figures are in the report.
    assert build < 1.0
    assert per_jump < 0.01
    assert per_tick < 0.005


# ---- the same property on the real engine, driven by kubectl lines ------------------------
_REAL_NAMES = st.sampled_from(["a", "b", "c"])


_real_inputs = st.one_of(
    st.builds(lambda n, s, m: ("pv", n, s, m), _REAL_NAMES, st.sampled_from([1, 2]),
              st.sampled_from(["ReadWriteOnce", "ReadWriteMany"])),
    st.builds(lambda n, s: ("pvc", n, s), _REAL_NAMES, st.sampled_from([1, 2])),
    st.builds(lambda n: ("line", f"kubectl delete pvc {n}"), _REAL_NAMES),
    st.builds(lambda n: ("line", f"kubectl delete pv {n}"), _REAL_NAMES),
    st.builds(lambda n: ("line", f'kubectl patch pv {n} -p {{"spec":{{"claimRef":null}}}}'),
              _REAL_NAMES),
    st.just(("line", "settle")), st.just(("line", "sleep 15s")), st.just(("step",)),
)


def _manifest(kind, name, size, mode="ReadWriteOnce"):
    if kind == "pv":
        return (f"apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: {name}\nspec:\n"
                f"  capacity:\n    storage: {size}Gi\n  accessModes: [{mode}]\n"
                f"  persistentVolumeReclaimPolicy: Retain\n"
                f"  nfs:\n    server: 10.0.0.5\n    path: /exports/{name}\n")
    return (f"apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: {name}\nspec:\n"
            f"  storageClassName: \"\"\n  accessModes: [ReadWriteOnce]\n"
            f"  resources:\n    requests:\n      storage: {size}Gi\n")


@settings(max_examples=25, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(_real_inputs, min_size=1, max_size=10))
def test_real_engine_scrubbing_equals_the_journal_replayed_to_k(tmp_path_factory, steps):
    from core.journal import Journal

    folder = tmp_path_factory.mktemp("m")
    journal = Journal()
    cluster = journal.new_cluster()
    for step in steps:
        if step[0] == "step":
            journal.step(cluster)
            continue
        if step[0] == "line":
            line = step[1]
        else:
            name = f"{step[0]}-{'-'.join(map(str, step[1:]))}.yaml"
            (folder / name).write_text(_manifest(*step))
            line = f"kubectl apply -f {name}"
        try:
            journal.run(cluster, line, cwd=folder)
        except CommandError:
            pass
    history = History(cluster, min_interval=4)
    log = cluster.store.log
    for k in range(len(log) + 1):
        assert dict(history.state_at(k)) == _naive_state(log, k)
    assert [tuple(c) for c in journal.replay().store.log] == [tuple(c) for c in log]
    for k in range(journal.base_seq, len(log) + 1, max(1, len(log) // 12)):
        replayed = journal.replay(upto_seq=k)
        stop = replayed.store.last_seq
        assert stop <= k
        assert _store_contents(replayed) == dict(history.state_at(stop))
