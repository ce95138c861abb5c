"""The garbage collector: dependents of removed owners are deleted (background)."""

from __future__ import annotations

from typing import Any

from tests.core.test_binding_helpers import get, live_cluster, new_claim, pod

PVC = "PersistentVolumeClaim"


def owned(obj: dict[str, Any], *owners: dict[str, Any]) -> dict[str, Any]:
    obj["metadata"]["ownerReferences"] = [
        {"apiVersion": o["apiVersion"], "kind": o["kind"], "name": o["metadata"]["name"],
         "uid": o["metadata"]["uid"], "controller": i == 0} for i, o in enumerate(owners)]
    return obj


def owner(cluster: Any, name: str) -> dict[str, Any]:
    """An unschedulable pod as the owner (StatefulSet claims can be owned by their pod)."""
    manifest = pod(name, ())
    manifest["spec"]["nodeSelector"] = {"disk": "none-has-it"}
    return cluster.api.create(manifest)


def test_dependents_of_a_deleted_owner_are_deleted_in_key_order() -> None:
    cluster = live_cluster()
    set_owner = owner(cluster, "web")
    for name in ("c-b", "c-a"):
        cluster.api.create(owned(new_claim(name, "", "1Gi"), set_owner))
    cluster.settle()
    start = cluster.store.last_seq
    cluster.api.delete("Pod", "default", "web")
    cluster.settle()
    assert get(cluster, PVC, "c-a") is None and get(cluster, PVC, "c-b") is None
    gc_writes = [c.key[2] for c in cluster.store.changes_since(start)
                 if c.actor == "garbage-collector"]
    assert gc_writes[0] == "c-a"


def test_dependent_with_a_live_owner_keeps_living_without_the_dangling_reference() -> None:
    cluster = live_cluster()
    first, second = owner(cluster, "one"), owner(cluster, "two")
    cluster.api.create(owned(new_claim("c", "", "1Gi"), first, second))
    cluster.settle()
    cluster.api.delete("Pod", "default", "one")
    cluster.settle()
    claim = get(cluster, PVC, "c")
    assert claim is not None
    assert [r["name"] for r in claim["metadata"]["ownerReferences"]] == ["two"]


def test_same_name_new_uid_is_not_the_owner() -> None:
    cluster = live_cluster()
    old = owner(cluster, "web")
    cluster.api.remove(("Pod", "default", "web"), actor="kubectl", reason="gone")
    owner(cluster, "web")
    cluster.api.create(owned(new_claim("c", "", "1Gi"), old))
    cluster.settle()
    assert get(cluster, PVC, "c") is None


def test_pods_are_deleted_gracefully() -> None:
    cluster = live_cluster()
    set_owner = owner(cluster, "web")
    cluster.api.create(owned(pod("web-0", (), node="node-1", phase="Running"), set_owner))
    cluster.settle()
    cluster.api.delete("Pod", "default", "web")
    cluster.drain()
    dying = get(cluster, "Pod", "web-0")
    # a scheduled pod gets a deletionTimestamp; the kubelet removes it later
    assert dying is None or dying["metadata"].get("deletionTimestamp")
    deletion = [c for c in cluster.store.log if c.key == ("Pod", "default", "web-0")
                and c.actor == "garbage-collector"]
    assert deletion


def test_object_without_owners_is_left_alone() -> None:
    cluster = live_cluster(new_claim("c", "", "1Gi"))
    owner(cluster, "web")
    cluster.api.delete("Pod", "default", "web")
    cluster.settle()
    assert get(cluster, PVC, "c") is not None
