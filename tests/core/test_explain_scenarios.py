"""Scenarios whose explanations the message tests pin down, one callable per name."""

from __future__ import annotations

from collections.abc import Callable

from core.explain import explain_claim, explain_volume
from tests.core.test_binding_helpers import live_cluster, new_claim, new_volume, pod, storage_class
from tests.core.test_explain import seed_volumes, www_claim


def _seed():  # type: ignore[no-untyped-def]
    cluster = live_cluster(*seed_volumes(), www_claim(0), www_claim(1))
    cluster.settle()
    return cluster


def seed_pending() -> list:
    cluster = _seed()
    return [explain_claim(cluster, "default", "www-web-1"),
            explain_claim(cluster, "default", "www-web-0"),
            explain_volume(cluster, "pv0001"), explain_volume(cluster, "pv0002")]


def seed_released() -> list:
    cluster = _seed()
    cluster.api.delete("PersistentVolumeClaim", "default", "www-web-0")
    cluster.settle()
    return [explain_volume(cluster, "pv0001"), explain_claim(cluster, "default", "www-web-1")]


def wait_for_first_consumer() -> list:
    cluster = live_cluster(storage_class("local", mode="WaitForFirstConsumer"),
                           new_volume("pv1", "1Gi", cls="local", phase=""),
                           new_claim("c", "", "1Gi", cls="local"))
    cluster.settle()
    first = explain_claim(cluster, "default", "c")
    unschedulable = pod("web-0", ("c",))
    unschedulable["spec"]["nodeSelector"] = {"disk": "none-has-it"}
    cluster.api.create(unschedulable)
    return [first, explain_claim(cluster, "default", "c")]


def default_class() -> list:
    cluster = live_cluster(new_claim("c", "", "1Gi"))
    cluster.api.create(storage_class("standard", provisioner="example.com/x", default=True))
    unset = explain_claim(cluster, "default", "c")
    cluster.advance(cluster.settings.pv_resync_ms)
    return [unset, explain_claim(cluster, "default", "c")]


def binary_vs_decimal() -> list:
    cluster = live_cluster(new_volume("pv1", "1G", phase=""), new_claim("c", "", "1Gi", cls=""))
    cluster.settle()
    return [explain_claim(cluster, "default", "c")]


def named_volume() -> list:
    cluster = live_cluster(new_volume("pv1", "1Gi", phase=""), new_volume("pv2", "1Gi", phase=""),
                           new_claim("c", "", "2Gi", "pv1", cls=""))
    cluster.settle()
    return [explain_claim(cluster, "default", "c")]


def same_name_again() -> list:
    cluster = live_cluster(new_volume("pv1", "1Gi", phase=""), new_claim("c", "", "1Gi", cls=""))
    cluster.settle()
    cluster.api.delete("PersistentVolumeClaim", "default", "c")
    cluster.settle()
    cluster.api.create(new_claim("c", "", "1Gi", cls=""))
    cluster.settle()
    return [explain_claim(cluster, "default", "c"), explain_volume(cluster, "pv1")]


def groups_and_whole_volume() -> list:
    cluster = live_cluster(new_volume("big", "100Gi", modes=("ReadWriteOnce",), phase=""),
                           new_volume("small", "1Gi", modes=("ReadWriteOnce", "ReadOnlyMany"),
                                      phase=""),
                           new_volume("other", "1Gi", modes=("ReadWriteOnce",), phase=""),
                           new_claim("c", "", "500Mi", modes=("ReadWriteOnce",), cls=""))
    cluster.settle()
    return [explain_claim(cluster, "default", "c")]


def failed_nfs_volume() -> list:
    cluster = live_cluster(new_volume("pv1", "1Gi", "old", "gone", "Bound", "Delete",
                                      source={"nfs": {"server": "s", "path": "/p"}}))
    cluster.settle()
    return [explain_volume(cluster, "pv1")]


def no_class_no_volumes() -> list:
    cluster = live_cluster(new_claim("c", "", "1Gi", cls="gold",
                                     selector={"matchLabels": {"tier": "db"}}),
                           new_volume("pv1", "1Gi", phase="", cls="gold", labels={"tier": "web"}),
                           new_claim("d", "", "1Gi"))
    cluster.settle()
    return [explain_claim(cluster, "default", "c"), explain_claim(cluster, "default", "d")]


SCENARIOS: dict[str, Callable[[], list]] = {
    f.__name__: f for f in (seed_pending, seed_released, wait_for_first_consumer, default_class,
                            binary_vs_decimal, named_volume, same_name_again,
                            groups_and_whole_volume, failed_nfs_volume, no_class_no_volumes)}
