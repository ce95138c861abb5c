"""The engine's foundation: copy-on-write objects, the store's records, the clock, events."""

import pytest

from core.clock import Clock, parse_duration, parse_timestamp, timestamp
from core.events import EventRecorder
from core.objects import DELETE, evolve, get_path, key_of
from core.store import ADDED, DELETED, MODIFIED, Store


def _pv(name="pv1"):
    return {"apiVersion": "v1", "kind": "PersistentVolume",
            "metadata": {"name": name, "uid": f"uid-{name}"},
            "spec": {"capacity": {"storage": "1Gi"}}, "status": {"phase": "Pending"}}


def test_evolve_copies_only_the_changed_path():
    obj = _pv()
    new = evolve(obj, {"status": {"phase": "Bound"}, "spec": {"claimRef": {"name": "c"}}})
    assert obj["status"]["phase"] == "Pending"
    assert "claimRef" not in obj["spec"]
    assert new["status"]["phase"] == "Bound"
    assert new["spec"]["capacity"] is obj["spec"]["capacity"]
    assert new["metadata"] is obj["metadata"]


def test_evolve_delete_and_replace_lists():
    obj = evolve(_pv(), {"spec": {"accessModes": ["ReadWriteOnce"]}})
    new = evolve(obj, {"spec": {"capacity": DELETE, "accessModes": ["ReadOnlyMany"]}})
    assert "capacity" not in new["spec"]
    assert new["spec"]["accessModes"] == ["ReadOnlyMany"]
    assert obj["spec"]["accessModes"] == ["ReadWriteOnce"]


def test_get_path_handles_missing_and_null():
    obj = {"spec": {"claimRef": None, "list": [{"a": 1}]}}
    assert get_path(obj, "spec", "claimRef", "name", default="-") == "-"
    assert get_path(obj, "spec", "list", 0, "a") == 1
    assert get_path(obj, "spec", "list", 5, "a") is None


def test_store_records_every_write_and_keeps_old_versions_intact():
    clock = Clock()
    store = Store(lambda: clock.now_ms)
    seen = []
    store.subscribe(seen.append)
    first = store.put(_pv(), actor="kubectl", reason="created")
    clock.advance_to(5000)
    second = store.put(evolve(first, {"status": {"phase": "Available"}}), actor="pv", reason="sync")
    store.remove(key_of(second), actor="kubectl", reason="deleted")
    assert [c.action for c in seen] == [ADDED, MODIFIED, DELETED]
    assert seen[1].old["status"]["phase"] == "Pending"
    assert seen[1].new["status"]["phase"] == "Available"
    assert seen[1].time_ms == 5000
    assert int(second["metadata"]["resourceVersion"]) > int(first["metadata"]["resourceVersion"])
    assert store.get("PersistentVolume", "", "pv1") is None
    assert store.by_uid("uid-pv1") is None
    assert [c.seq for c in store.changes_since(1)] == [2, 3]


def test_store_lists_sorted_by_namespace_and_name():
    store = Store(lambda: 0)
    for name in ("b", "a", "c"):
        store.put(_pv(name), actor="t", reason="t")
    assert [o["metadata"]["name"] for o in store.list("PersistentVolume")] == ["a", "b", "c"]


def test_subscriber_exceptions_propagate():
    store = Store(lambda: 0)

    def boom(change):
        raise RuntimeError("observer failed")

    store.subscribe(boom)
    with pytest.raises(RuntimeError):
        store.put(_pv(), actor="t", reason="t")


def test_clock_orders_by_time_priority_then_sequence():
    clock = Clock()
    order = []
    clock.schedule(100, lambda: order.append("late"))
    clock.schedule(10, lambda: order.append("b"), priority=1)
    clock.schedule(10, lambda: order.append("a"), priority=0)
    clock.schedule(10, lambda: order.append("c"), priority=1)
    cancelled = clock.schedule(50, lambda: order.append("never"))
    cancelled.cancel()
    while (task := clock.pop_due(1000)) is not None:
        task()
    assert order == ["a", "b", "c", "late"]
    assert clock.now_ms == 100


def test_background_tasks_do_not_count_as_pending_work():
    clock = Clock()
    clock.schedule(15000, lambda: None, background=True)
    assert not clock.has_foreground()
    clock.schedule(1000, lambda: None)
    assert clock.next_foreground_time() == 1000


def test_timestamps_and_durations():
    assert timestamp(0) == "2025-01-01T00:00:00Z"
    assert timestamp(61_000) == "2025-01-01T00:01:01Z"
    assert parse_timestamp(timestamp(3_600_000)) == 3_600_000
    assert parse_duration("30s") == 30_000
    assert parse_duration("1m30s") == 90_000
    assert parse_duration("500ms") == 500
    with pytest.raises(ValueError):
        parse_duration("soon")


def test_events_aggregate_like_client_go():
    clock = Clock()
    store = Store(lambda: clock.now_ms)
    recorder = EventRecorder(store, clock)
    claim = {"apiVersion": "v1", "kind": "PersistentVolumeClaim",
             "metadata": {"name": "c", "namespace": "default", "uid": "u1"}}
    recorder.emit(claim, "Normal", "FailedBinding", "no persistent volumes", component="pvc")
    clock.advance_to(15_000)
    recorder.emit(claim, "Normal", "FailedBinding", "no persistent volumes", component="pvc")
    recorder.emit(claim, "Warning", "Other", "different", component="pvc")
    events = recorder.for_object(claim)
    assert len(events) == 2
    repeated = next(e for e in events if e["reason"] == "FailedBinding")
    assert repeated["count"] == 2
    assert repeated["firstTimestamp"] == "2025-01-01T00:00:00Z"
    assert repeated["lastTimestamp"] == "2025-01-01T00:00:15Z"
    assert [e["reason"] for e in recorder.emitted] == ["FailedBinding", "FailedBinding", "Other"]


def test_events_about_cluster_scoped_objects_live_in_default():
    clock = Clock()
    store = Store(lambda: clock.now_ms)
    recorder = EventRecorder(store, clock)
    event = recorder.emit(_pv(), "Warning", "VolumeFailedDelete", "x", component="pv")
    assert event["metadata"]["namespace"] == "default"
    assert "namespace" not in event["involvedObject"]


def test_pv_phase_changes_are_stamped_like_the_api_server_does():
    from core import Cluster

    cluster = Cluster()
    cluster.run("kubectl apply -f tests/core/golden/seed-pvs.yaml")
    created = cluster.get("PersistentVolume", "", "pv0001")
    assert created["status"] == {"phase": "Pending",
                                 "lastPhaseTransitionTime": "2025-01-01T00:00:00Z"}
    cluster.settle()
    assert cluster.get("PersistentVolume", "", "pv0001")["status"]["phase"] == "Available"
    cluster.advance(5_000)
    cluster.run("kubectl apply -f tests/core/golden/www-claim.yaml")
    cluster.settle()
    bound = cluster.get("PersistentVolume", "", "pv0001")
    assert bound["status"]["phase"] == "Bound"
    assert bound["status"]["lastPhaseTransitionTime"] == "2025-01-01T00:00:05Z"
