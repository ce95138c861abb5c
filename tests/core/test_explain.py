"""core.explain: the PV controller's reasoning for a claim, and what holds a volume."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from core.errors import ApiError
from core.explain import explain_claim, explain_volume
from tests.core.test_binding_helpers import (
    get,
    live_cluster,
    new_claim,
    new_volume,
    pod,
    storage_class,
)

SEED = Path("/work/shared/seed/seed-pvs.yaml")


def seed_volumes() -> list[dict]:
    text = SEED.read_text() if SEED.exists() else _SEED_FALLBACK
    return [d for d in yaml.safe_load_all(text) if d]


def www_claim(ordinal: int) -> dict:
    """The claim the StatefulSet ``web`` creates from its ``www`` template."""
    return {"apiVersion": "v1", "kind": "PersistentVolumeClaim",
            "metadata": {"name": f"www-web-{ordinal}", "namespace": "default",
                         "labels": {"app": "nginx"}},
            "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": "nfs",
                     "resources": {"requests": {"storage": "1Gi"}}},
            "status": {"phase": "Pending"}}


@pytest.fixture()
def seed_cluster():  # type: ignore[no-untyped-def]
    cluster = live_cluster(*seed_volumes(), www_claim(0), www_claim(1))
    cluster.settle()
    return cluster


def outcomes(explanation) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(v.volume, v.outcome) for v in explanation.verdicts]


def test_seed_www_web_0_gets_pv0001(seed_cluster) -> None:  # type: ignore[no-untyped-def]
    ex = explain_claim(seed_cluster, "default", "www-web-0")
    assert ex.phase == "Bound" and ex.chosen == "pv0001" and ex.blocking_reason == ""
    assert outcomes(ex) == [("pv0001", "chosen"), ("pv0004", "rejected"),
                            ("pv0002", "rejected"), ("pv0003", "rejected")]


def test_seed_www_web_1_stays_pending(seed_cluster) -> None:  # type: ignore[no-untyped-def]
    ex = explain_claim(seed_cluster, "default", "www-web-1")
    assert ex.phase == "Pending" and ex.chosen is None
    assert ex.requested == {"size": "1Gi", "access_modes": "RWO", "storage_class": "nfs",
                            "class_source": "set", "volume_mode": "Filesystem", "selector": ""}
    by_name = {v.volume: v for v in ex.verdicts}
    assert [v.volume for v in ex.verdicts] == ["pv0001", "pv0004", "pv0002", "pv0003"]
    taken = by_name["pv0001"]
    failing = [c for c in taken.checks if c.ok is False]
    assert failing[0].name == "claimRef" and "www-web-0" in failing[0].actual
    assert taken.summary == "claimRef: already bound to default/www-web-0"
    assert by_name["pv0002"].summary == "offers ROX; the claim needs RWO"
    assert by_name["pv0003"].summary == "offers RWX; the claim needs RWO"
    assert by_name["pv0004"].summary == 'class "nfs-nginx" ≠ "nfs"'
    assert all(v.outcome == "rejected" for v in ex.verdicts)
    assert "ProvisioningFailed" in ex.blocking_reason
    assert 'storageclass.storage.k8s.io "nfs" not found' in ex.blocking_reason
    hints = " ".join(ex.hints)
    assert "one node at a time, not one pod" in hints
    assert 'No StorageClass object "nfs" exists' in hints
    assert "pv0002 (ROX), pv0003 (RWX)" in hints
    text = ex.text()
    assert "PersistentVolumeClaim default/www-web-1: Pending" in text
    assert "✗ pv0001 [RWO] rejected: claimRef: already bound to default/www-web-0" in text
    assert "Chosen: none" in text


def test_seed_pv0001_released_then_freed(seed_cluster) -> None:  # type: ignore[no-untyped-def]
    seed_cluster.api.delete("PersistentVolumeClaim", "default", "www-web-0")
    seed_cluster.settle()
    ex = explain_volume(seed_cluster, "pv0001")
    assert ex.phase == "Released" and ex.claim == "default/www-web-0"
    assert "deleted claim default/www-web-0" in ex.holding and "Retain" in ex.holding
    assert ex.action == "kubectl patch pv pv0001 -p '{\"spec\":{\"claimRef\":null}}'"
    assert "To free it: kubectl patch pv pv0001" in ex.text()
    available = explain_volume(seed_cluster, "pv0002")
    assert (available.holding, available.action) == ("", "")
    bound = explain_volume(seed_cluster, "pv0001")
    assert bound.hints


def test_bound_volume_explanation(seed_cluster) -> None:  # type: ignore[no-untyped-def]
    ex = explain_volume(seed_cluster, "pv0001")
    assert ex.holding == "bound to claim default/www-web-0"
    assert ex.action == "kubectl delete pvc www-web-0 -n default"


def test_failed_volume_explanation() -> None:
    volume = new_volume("pv1", "1Gi", "old", "gone", "Bound", "Delete",
                        source={"nfs": {"server": "s", "path": "/p"}})
    cluster = live_cluster(volume)
    cluster.settle()
    ex = explain_volume(cluster, "pv1")
    assert ex.phase == "Failed"
    assert ex.holding == ('reclaiming failed: error getting deleter volume plugin for volume '
                          '"pv1": no deletable volume plugin matched')
    assert ex.action.startswith("kubectl patch pv pv1")


def test_first_group_wins_and_later_groups_are_not_searched() -> None:
    cluster = live_cluster(new_volume("big", "100Gi", modes=("ReadWriteOnce",), phase=""),
                           new_volume("small", "1Gi", modes=("ReadWriteOnce", "ReadOnlyMany"),
                                      phase=""),
                           new_volume("other", "1Gi", modes=("ReadWriteOnce",), phase=""),
                           new_claim("c", "", "1Gi", modes=("ReadWriteOnce",), cls=""))
    cluster.settle()
    ex = explain_claim(cluster, "default", "c")
    assert ex.chosen == "other"
    assert outcomes(ex) == [("big", "candidate"), ("other", "chosen"), ("small", "not-searched")]
    assert ex.verdicts[0].summary.startswith("fits, but other was chosen")


def test_whole_volume_hint() -> None:
    cluster = live_cluster(new_volume("big", "10Gi", phase=""), new_claim("c", "", "1Gi", cls=""))
    cluster.settle()
    ex = explain_claim(cluster, "default", "c")
    assert ex.chosen == "big"
    assert any("asks for 1Gi but big has 10Gi" in h for h in ex.hints)


@pytest.mark.parametrize("cls,source", [(None, "unset"), ("", "empty"), ("gold", "set")])
def test_class_source(cls: str | None, source: str) -> None:
    cluster = live_cluster(new_claim("c", "", "1Gi", cls=cls))
    ex = explain_claim(cluster, "default", "c")
    assert ex.requested["class_source"] == source


def test_class_source_defaulted_by_the_controller() -> None:
    # the claim exists before the default class: the PV controller assigns it on resync
    cluster = live_cluster(new_claim("c", "", "1Gi"))
    cluster.settle()
    cluster.api.create(storage_class("standard", provisioner="example.com/x", default=True))
    cluster.advance(cluster.settings.pv_resync_ms)
    ex = explain_claim(cluster, "default", "c")
    assert ex.requested["class_source"] == "defaulted"
    assert ex.requested["storage_class"] == "standard"


def test_unset_class_with_default_hint_and_blocking() -> None:
    cluster = live_cluster(new_claim("c", "", "1Gi"))
    cluster.api.create(storage_class("standard", provisioner="example.com/x", default=True))
    ex = explain_claim(cluster, "default", "c")
    assert "will set the default StorageClass \"standard\"" in ex.blocking_reason
    assert any('write storageClassName: ""' in h for h in ex.hints)


def test_wait_for_first_consumer_is_not_a_failure() -> None:
    cluster = live_cluster(storage_class("local", mode="WaitForFirstConsumer"),
                           new_volume("pv1", "1Gi", cls="local", phase=""),
                           new_claim("c", "", "1Gi", cls="local"))
    cluster.settle()
    ex = explain_claim(cluster, "default", "c")
    assert ex.blocking_reason == ("WaitForFirstConsumer: waiting for first consumer to be "
                                  "created before binding")
    assert any(h.startswith("WaitForFirstConsumer is not a failure") for h in ex.hints)
    verdict = ex.verdicts[0]
    binding_mode = next(c for c in verdict.checks if c.name == "bindingMode")
    assert binding_mode.ok is False
    unschedulable = pod("web-0", ("c",))
    unschedulable["spec"]["nodeSelector"] = {"disk": "none-has-it"}
    cluster.api.create(unschedulable)
    ex = explain_claim(cluster, "default", "c")
    assert ex.blocking_reason == "WaitForPodScheduled: waiting for pod web-0 to be scheduled"


def test_claim_naming_a_volume() -> None:
    cluster = live_cluster(new_volume("pv1", "1Gi", phase=""),
                           new_volume("pv2", "1Gi", phase=""),
                           new_claim("c", "", "2Gi", "pv1", cls=""))
    cluster.settle()
    ex = explain_claim(cluster, "default", "c")
    assert ex.chosen is None
    assert ex.blocking_reason == ('VolumeMismatch: Cannot bind to requested volume "pv1": '
                                  "requested PV is too small")
    assert outcomes(ex) == [("pv1", "rejected"), ("pv2", "not-searched")]


def test_released_volume_hint_on_a_new_claim_with_the_same_name() -> None:
    cluster = live_cluster(new_volume("pv1", "1Gi", phase=""), new_claim("c", "", "1Gi", cls=""))
    cluster.settle()
    cluster.api.delete("PersistentVolumeClaim", "default", "c")
    cluster.settle()
    cluster.api.create(new_claim("c", "", "1Gi", cls=""))
    cluster.settle()
    ex = explain_claim(cluster, "default", "c")
    assert ex.verdicts[0].summary.startswith("claimRef: points at an earlier claim")
    assert any("pv1 is Released" in h for h in ex.hints)
    vol = explain_volume(cluster, "pv1")
    assert "a claim with that name exists now" in vol.holding
    assert get(cluster, "PersistentVolume", "pv1")["status"]["phase"] == "Released"


def test_decimal_vs_binary_hint() -> None:
    cluster = live_cluster(new_volume("pv1", "1G", phase=""), new_claim("c", "", "1Gi", cls=""))
    cluster.settle()
    ex = explain_claim(cluster, "default", "c")
    assert ex.verdicts[0].outcome == "rejected"
    assert any("1Gi is 1073741824 bytes" in h for h in ex.hints)


def test_unknown_objects_raise_not_found() -> None:
    cluster = live_cluster()
    with pytest.raises(ApiError, match='persistentvolumeclaims "nope" not found'):
        explain_claim(cluster, "default", "nope")
    with pytest.raises(ApiError, match='persistentvolumes "nope" not found'):
        explain_volume(cluster, "nope")


_SEED_FALLBACK = """
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv0001}
spec: {capacity: {storage: 1Gi}, volumeMode: Filesystem, accessModes: [ReadWriteOnce],
       persistentVolumeReclaimPolicy: Retain, storageClassName: nfs,
       nfs: {path: /nfs/pv1, server: 192.168.6.189}}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv0002}
spec: {capacity: {storage: 2Gi}, volumeMode: Filesystem, accessModes: [ReadOnlyMany],
       persistentVolumeReclaimPolicy: Retain, storageClassName: nfs,
       nfs: {path: /nfs/pv2, server: 192.168.6.189}}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv0003}
spec: {capacity: {storage: 10Gi}, volumeMode: Filesystem, accessModes: [ReadWriteMany],
       persistentVolumeReclaimPolicy: Retain, storageClassName: nfs,
       nfs: {path: /nfs/pv3, server: 192.168.6.189}}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv0004}
spec: {capacity: {storage: 5Gi}, volumeMode: Filesystem, accessModes: [ReadWriteOnce],
       persistentVolumeReclaimPolicy: Retain, storageClassName: nfs-nginx,
       nfs: {path: /nfs/pv4, server: 192.168.6.189}}
"""
