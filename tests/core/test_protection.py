"""pvc-protection and pv-protection (kubernetes-semantics.md §5)."""

from __future__ import annotations

import pytest

from core.controllers.protection import PV_PROTECTION, PVC_PROTECTION
from tests.core.test_binding_helpers import get, live_cluster, new_claim, new_volume, pod

PVC, PV = "PersistentVolumeClaim", "PersistentVolume"


def bound_pair() -> tuple[dict, dict]:
    return new_volume("pv1", "1Gi", phase=""), new_claim("c1", "", "1Gi", phase="Pending")


def test_controllers_add_missing_finalizers() -> None:
    from core import Cluster
    from tests.core.test_binding_helpers import namespace

    cluster = Cluster()
    cluster.api.create(namespace())
    volume, claim = bound_pair()
    cluster.api.create(volume)
    cluster.api.create(claim)
    cluster.settle()
    assert get(cluster, PV, "pv1")["metadata"]["finalizers"] == [PV_PROTECTION]
    assert get(cluster, PVC, "c1")["metadata"]["finalizers"] == [PVC_PROTECTION]


@pytest.mark.parametrize("phase", ["Running", "Succeeded", "Failed", "Pending"])
def test_scheduled_pod_keeps_claim_terminating_whatever_its_phase(phase: str) -> None:
    cluster = live_cluster(*bound_pair(), pod("p", ("c1",), node="node-1", phase=phase))
    cluster.settle()
    cluster.api.delete(PVC, "default", "c1")
    cluster.settle()
    claim = get(cluster, PVC, "c1")
    assert claim is not None and claim["metadata"].get("deletionTimestamp")
    assert claim["metadata"]["finalizers"] == [PVC_PROTECTION]
    # the pod goes: the claim follows, then the PV is Released
    cluster.api.remove(("Pod", "default", "p"), actor="kubelet", reason="pod gone")
    cluster.settle()
    assert get(cluster, PVC, "c1") is None
    assert get(cluster, PV, "pv1")["status"]["phase"] == "Released"


def test_unscheduled_pod_does_not_block() -> None:
    unschedulable = pod("p", ("c1",))
    unschedulable["spec"]["nodeSelector"] = {"disk": "none-has-it"}
    cluster = live_cluster(*bound_pair(), unschedulable)
    cluster.settle()
    cluster.api.delete(PVC, "default", "c1")
    cluster.settle()
    assert get(cluster, PVC, "c1") is None


def test_pod_of_another_claim_does_not_block() -> None:
    cluster = live_cluster(*bound_pair(), pod("p", ("other",), node="node-1", phase="Running"))
    cluster.settle()
    cluster.api.delete(PVC, "default", "c1")
    cluster.settle()
    assert get(cluster, PVC, "c1") is None


def test_bound_pv_stays_terminating_until_released() -> None:
    cluster = live_cluster(*bound_pair())
    cluster.settle()
    cluster.api.delete(PV, "", "pv1")
    cluster.settle()
    volume = get(cluster, PV, "pv1")
    assert volume["metadata"].get("deletionTimestamp") and volume["status"]["phase"] == "Bound"
    # the typical sequence: delete PV (Terminating), delete PVC, PV Released, PV gone
    cluster.api.delete(PVC, "default", "c1")
    cluster.settle()
    assert get(cluster, PVC, "c1") is None
    assert get(cluster, PV, "pv1") is None


def test_available_pv_is_deleted_at_once() -> None:
    cluster = live_cluster(new_volume("pv1", "1Gi", phase=""))
    cluster.settle()
    cluster.api.delete(PV, "", "pv1")
    cluster.settle()
    assert get(cluster, PV, "pv1") is None


def test_terminating_objects_get_no_new_finalizer() -> None:
    volume = new_volume("pv1", "1Gi", phase="Released")
    volume["metadata"]["deletionTimestamp"] = "2025-01-01T00:00:00Z"
    volume["metadata"]["finalizers"] = ["example.com/hold"]
    cluster = live_cluster()
    cluster.api.restore(volume)
    cluster.settle()
    assert get(cluster, PV, "pv1")["metadata"]["finalizers"] == ["example.com/hold"]
