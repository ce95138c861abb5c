"""The statefulset-controller's rules, table-driven after Kubernetes' own tests.

Names follow ``pkg/controller/statefulset`` tests (stateful_set_control_test.go,
stateful_pod_control_test.go, stateful_set_utils_test.go). Only the statefulset-controller
runs here; the tests play kubelet (see test_statefulset_harness.py).
"""

from __future__ import annotations

import pytest

from core import Cluster
from core import statefulsets as rules
from core.errors import CommandError
from core.objects import DELETE, get_path, is_deleting, labels_of, uid_of

from .test_statefulset_harness import Harness, web_set

SUCCESS_CREATE_CLAIM = "create Claim {c} Pod {p} in StatefulSet web success"
SUCCESS_CREATE_POD = "create Pod {p} in StatefulSet web successful"
SUCCESS_DELETE_POD = "delete Pod {p} in StatefulSet web successful"


def created(*ordinals: int) -> list[str]:
    out = []
    for o in ordinals:
        out += [SUCCESS_CREATE_CLAIM.format(c=f"www-web-{o}", p=f"web-{o}"),
                SUCCESS_CREATE_POD.format(p=f"web-{o}")]
    return out


# ---- identity (stateful_set_utils_test.go) ----------------------------------------------
@pytest.mark.parametrize(("name", "parent", "ordinal"), [
    ("web-0", "web", 0),
    ("web-12", "web", 12),
    ("my-web-3", "my-web", 3),
    ("web", "", -1),
    ("web-", "", -1),
    ("web-x", "", -1),
    ("web-99999999999", "web", -1),
])
def test_get_parent_name_and_ordinal(name, parent, ordinal):
    assert rules.parent_and_ordinal(name) == (parent, ordinal)


@pytest.mark.parametrize(("selector", "labels", "expected"), [
    ({"matchLabels": {"app": "nginx"}}, {"app": "nginx", "x": "y"}, True),
    ({"matchLabels": {"app": "nginx"}}, {"app": "db"}, False),
    ({"matchExpressions": [{"key": "tier", "operator": "In", "values": ["a", "b"]}]},
     {"tier": "b"}, True),
    ({"matchExpressions": [{"key": "tier", "operator": "NotIn", "values": ["a"]}]},
     {"tier": "a"}, False),
    ({"matchExpressions": [{"key": "tier", "operator": "Exists"}]}, {}, False),
    ({"matchExpressions": [{"key": "tier", "operator": "DoesNotExist"}]}, {}, True),
    (None, {"app": "nginx"}, False),
])
def test_selector_matches(selector, labels, expected):
    assert rules.selector_matches(selector, labels) is expected


def test_new_pod_identity_labels_owner_and_volumes():
    h = Harness()
    sts = h.create(web_set(replicas=1))
    h.sync()
    pod = h.pod("web-0")
    assert pod["metadata"]["generateName"] == "web-"
    labels = labels_of(pod)
    assert labels["app"] == "nginx"
    assert labels["statefulset.kubernetes.io/pod-name"] == "web-0"
    assert labels["apps.kubernetes.io/pod-index"] == "0"
    assert labels["controller-revision-hash"] == rules.revision_name(sts)
    assert labels["controller-revision-hash"].startswith("web-")
    assert pod["metadata"]["ownerReferences"] == [{
        "apiVersion": "apps/v1", "kind": "StatefulSet", "name": "web", "uid": uid_of(sts),
        "controller": True, "blockOwnerDeletion": True}]
    assert pod["spec"]["hostname"] == "web-0"
    assert pod["spec"]["subdomain"] == "nginx"
    # The ServiceAccount admission plugin's token volume comes last (test_service_account.py).
    *claims, token = pod["spec"]["volumes"]
    assert claims == [{"name": "www", "persistentVolumeClaim": {"claimName": "www-web-0"}}]
    assert token["name"].startswith("kube-api-access-") and "projected" in token


def test_template_volume_of_the_same_name_is_replaced_by_the_claim():
    h = Harness()
    template = web_set()["spec"]["template"]
    template["spec"]["volumes"] = [{"name": "www", "emptyDir": {}},
                                   {"name": "cache", "emptyDir": {}}]
    h.create(web_set(replicas=1, template=template))
    h.sync()
    assert h.pod("web-0")["spec"]["volumes"][:-1] == [
        {"name": "www", "persistentVolumeClaim": {"claimName": "www-web-0"}},
        {"name": "cache", "emptyDir": {}}]


def test_get_persistent_volume_claims_labels_and_spec():
    h = Harness()
    templates = [{"metadata": {"name": "www", "labels": {"app": "other", "tier": "data"},
                               "annotations": {"note": "kept"}},
                  "spec": {"accessModes": ["ReadWriteOnce"],
                           "resources": {"requests": {"storage": "2Gi"}}}}]
    h.create(web_set(replicas=1, volumeClaimTemplates=templates))
    h.sync()
    claim = h.claim("www-web-0")
    # The selector's labels win over the template's.
    assert labels_of(claim) == {"app": "nginx", "tier": "data"}
    assert claim["metadata"]["annotations"]["note"] == "kept"
    assert claim["spec"]["resources"] == {"requests": {"storage": "2Gi"}}
    # No class in the template, none in the claim (the default class's admission decides).
    assert "storageClassName" not in claim["spec"]


def test_start_ordinal_names_pods_and_claims():
    h = Harness()
    h.create(web_set(replicas=2, ordinals={"start": 5}))
    h.bring_up()
    assert h.pods() == ["web-5", "web-6"]
    assert h.claims() == ["www-web-5", "www-web-6"]
    assert h.messages() == created(5, 6)
    h.scale(1)
    h.sync()
    assert h.live_pods() == ["web-5"]


# ---- ordered creation (TestStatefulSetControl: CreatesPods, ScalesUp) -----------------
def test_ordered_ready_creates_one_pod_at_a_time():
    h = Harness()
    h.create(web_set(replicas=3))
    h.sync()
    assert h.pods() == ["web-0"]
    assert h.messages() == created(0)
    h.running("web-0", ready=False)
    h.sync()
    assert h.pods() == ["web-0"], "web-1 waits until web-0 is Ready"
    h.running("web-0")
    h.sync()
    assert h.pods() == ["web-0", "web-1"]
    h.running("web-1")
    h.sync()
    assert h.pods() == ["web-0", "web-1", "web-2"]
    assert h.messages() == created(0, 1, 2)


def _pending(h):
    """Created, not scheduled: nothing to do."""


def _scheduled_pending(h):
    pod = h.pod("web-0")
    h.api.write(pod, {"spec": {"nodeName": "node-1"}, "status": {"phase": "Pending"}},
                actor="kubelet", reason="test")


def _running_not_ready(h):
    h.running("web-0", ready=False)


def _terminating(h):
    h.running("web-0")
    h.api.delete("Pod", "default", "web-0")


def _failed(h):
    h.set_phase("web-0", "Failed")


@pytest.mark.parametrize("make_state", [_pending, _scheduled_pending, _running_not_ready,
                                        _terminating, _failed])
def test_predecessor_not_running_and_ready_blocks_the_next_ordinal(make_state):
    h = Harness()
    h.create(web_set(replicas=3))
    h.sync()
    make_state(h)
    h.sync()
    assert "web-1" not in h.pods()
    assert h.claim("www-web-1") is None


def test_parallel_creates_all_pods_without_waiting():
    h = Harness()
    h.create(web_set(replicas=3, podManagementPolicy="Parallel"))
    h.sync()
    assert h.pods() == ["web-0", "web-1", "web-2"]
    assert h.messages() == created(0, 1, 2)


def test_scale_up_waits_for_predecessors_like_creation():
    h = Harness()
    h.create(web_set(replicas=1))
    h.bring_up()
    h.scale(3)
    h.sync()
    assert h.pods() == ["web-0", "web-1"]
    h.sync()
    assert h.pods() == ["web-0", "web-1"]
    h.running("web-1")
    h.sync()
    assert h.pods() == ["web-0", "web-1", "web-2"]


# ---- scale down (TestStatefulSetControl: ScalesDown) ----------------------------------
def test_scale_down_deletes_highest_first_and_waits_for_termination():
    h = Harness()
    h.create(web_set(replicas=3))
    h.bring_up()
    h.scale(1)
    h.sync()
    assert h.live_pods() == ["web-0", "web-1"]
    assert is_deleting(h.pod("web-2"))
    h.sync()
    assert not is_deleting(h.pod("web-1")), "web-1 waits until web-2 is fully gone"
    h.finish_terminating()
    h.sync()
    assert is_deleting(h.pod("web-1"))
    h.finish_terminating()
    h.sync()
    assert h.pods() == ["web-0"]
    assert h.messages()[-2:] == [SUCCESS_DELETE_POD.format(p="web-2"),
                                 SUCCESS_DELETE_POD.format(p="web-1")]
    # Retain (the default): claims stay for a later scale-up.
    assert h.claims() == ["www-web-0", "www-web-1", "www-web-2"]


def test_scale_down_waits_for_unhealthy_replicas():
    h = Harness()
    h.create(web_set(replicas=3))
    h.bring_up()
    h.running("web-0", ready=False)
    h.scale(1)
    h.sync()
    assert h.live_pods() == ["web-0", "web-1", "web-2"]


@pytest.mark.parametrize(("unhealthy", "deleted_first"), [
    # The healthy highest pod goes first; the unhealthy one may go since it is the first
    # unhealthy pod.
    (["web-1"], "web-2"),
    # An unhealthy highest pod that is the first unhealthy one is deleted.
    (["web-2"], "web-2"),
    # Both unhealthy: web-2 is not the first unhealthy pod (web-1 is), so nothing moves.
    (["web-1", "web-2"], None),
])
def test_scale_down_first_unhealthy_pod_rule(unhealthy, deleted_first):
    h = Harness()
    h.create(web_set(replicas=3))
    h.bring_up()
    for name in unhealthy:
        h.running(name, ready=False)
    h.scale(1)
    h.sync()
    deleting = [n for n in h.pods() if is_deleting(h.pod(n))]
    assert deleting == ([deleted_first] if deleted_first else [])


def test_parallel_scale_down_deletes_all_condemned_at_once():
    h = Harness()
    h.create(web_set(replicas=3, podManagementPolicy="Parallel"))
    h.bring_up()
    h.scale(0)
    h.sync()
    assert h.live_pods() == []
    assert sorted(h.messages()[-3:]) == sorted(SUCCESS_DELETE_POD.format(p=f"web-{i}")
                                               for i in range(3))


# ---- recreation (RecreatesFailedPod, RecreatesSucceededPod, ReplacesPods) -------------
@pytest.mark.parametrize("phase", ["Failed", "Succeeded"])
def test_recreates_failed_and_succeeded_pods(phase):
    h = Harness()
    h.create(web_set(replicas=2))
    h.bring_up()
    old_uid = uid_of(h.pod("web-1"))
    h.set_phase("web-1", phase)
    h.sync()
    # A finished pod has nothing left to stop: its delete takes effect at once
    # (podStrategy.CheckGracefulDelete gives Succeeded and Failed pods a grace of 0).
    assert h.pod("web-1") is None or uid_of(h.pod("web-1")) != old_uid
    h.finish_terminating()
    h.sync()
    assert h.pod("web-1") is not None and uid_of(h.pod("web-1")) != old_uid
    assert h.messages()[-2:] == [SUCCESS_DELETE_POD.format(p="web-1"),
                                 SUCCESS_CREATE_POD.format(p="web-1")]


def test_deleted_pod_is_recreated_with_the_same_name_and_claim():
    h = Harness()
    h.create(web_set(replicas=2))
    h.bring_up()
    claim_uid = uid_of(h.claim("www-web-0"))
    pod_uid = uid_of(h.pod("web-0"))
    h.api.delete("Pod", "default", "web-0")
    h.finish_terminating()
    h.sync()
    pod = h.pod("web-0")
    assert pod is not None and uid_of(pod) != pod_uid
    assert pod["spec"]["volumes"][0]["persistentVolumeClaim"]["claimName"] == "www-web-0"
    assert uid_of(h.claim("www-web-0")) == claim_uid
    assert h.messages()[-1] == SUCCESS_CREATE_POD.format(p="web-0"), "no new claim"


def test_existing_claim_is_reused_as_is():
    h = Harness()
    h.create({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
              "metadata": {"name": "www-web-0", "namespace": "default"},
              "spec": {"accessModes": ["ReadWriteMany"], "storageClassName": "other",
                       "resources": {"requests": {"storage": "5Gi"}}}})
    before = h.claim("www-web-0")
    h.create(web_set(replicas=1))
    h.sync()
    assert h.claim("www-web-0") is before
    assert h.messages() == [SUCCESS_CREATE_POD.format(p="web-0")]


def test_recreates_pvc_for_pending_pod():
    h = Harness()
    h.create(web_set(replicas=1))
    h.sync()
    h.api.remove(("PersistentVolumeClaim", "default", "www-web-0"), actor="test", reason="gone")
    h.sync()
    assert h.claim("www-web-0") is not None
    assert h.messages()[-1] == SUCCESS_CREATE_CLAIM.format(c="www-web-0", p="web-0")


def test_terminating_claim_blocks_pod_creation():
    """TestStatefulPodControlCreatePodPVCDeleting."""
    h = Harness()
    h.create({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
              "metadata": {"name": "www-web-0", "namespace": "default",
                           "finalizers": ["kubernetes.io/pvc-protection"]},
              "spec": {"accessModes": ["ReadWriteOnce"],
                       "resources": {"requests": {"storage": "1Gi"}}}})
    h.api.delete("PersistentVolumeClaim", "default", "www-web-0")
    h.create(web_set(replicas=1))
    h.sync()
    assert h.pods() == []
    # Every retry fails the same way (kubectl shows the aggregated count).
    assert set(h.events()) == {("Warning", "FailedCreate",
                                "create Pod web-0 in StatefulSet web failed error: "
                                "pvc www-web-0 is being deleted")}
    claim = h.claim("www-web-0")
    h.api.remove_finalizer(claim, "kubernetes.io/pvc-protection", actor="test", reason="free")
    h.sync()
    assert h.pods() == ["web-0"]
    assert h.messages()[-2:] == created(0)


# ---- persistentVolumeClaimRetentionPolicy (TestClaimOwnerMatchesSetAndPod) ------------
POLICIES = [("Retain", "Retain"), ("Delete", "Retain"), ("Retain", "Delete"), ("Delete", "Delete")]


def _owner_kinds(claim):
    return sorted(f"{r['kind']}/{r['name']}" for r in claim["metadata"].get("ownerReferences", []))


@pytest.mark.parametrize(("when_deleted", "when_scaled"), POLICIES)
def test_retention_policy_owner_references(when_deleted, when_scaled):
    h = Harness()
    h.create(web_set(replicas=2, persistentVolumeClaimRetentionPolicy={
        "whenDeleted": when_deleted, "whenScaled": when_scaled}))
    h.bring_up()
    in_range = ["StatefulSet/web"] if when_deleted == "Delete" else []
    assert _owner_kinds(h.claim("www-web-0")) == in_range
    assert _owner_kinds(h.claim("www-web-1")) == in_range
    web1_uid = uid_of(h.pod("web-1"))
    h.scale(1)
    h.sync()
    assert is_deleting(h.pod("web-1"))
    condemned = h.claim("www-web-1")
    if when_scaled == "Delete":
        assert _owner_kinds(condemned) == ["Pod/web-1"]
        assert condemned["metadata"]["ownerReferences"][0]["uid"] == web1_uid
    else:
        assert _owner_kinds(condemned) == in_range
    assert _owner_kinds(h.claim("www-web-0")) == in_range


def test_changing_the_policy_updates_existing_claims():
    h = Harness()
    h.create(web_set(replicas=1))
    h.bring_up()
    assert _owner_kinds(h.claim("www-web-0")) == []
    h.update_sts(persistentVolumeClaimRetentionPolicy={"whenDeleted": "Delete",
                                                       "whenScaled": "Retain"})
    h.sync()
    assert _owner_kinds(h.claim("www-web-0")) == ["StatefulSet/web"]
    assert h.messages()[-1] == "update Pod web-0 in StatefulSet web successful"


def test_scale_up_waits_while_a_claim_has_a_stale_pod_owner():
    h = Harness()
    h.create(web_set(replicas=2, persistentVolumeClaimRetentionPolicy={
        "whenDeleted": "Retain", "whenScaled": "Delete"}))
    h.bring_up()
    h.scale(1)
    h.sync()
    h.finish_terminating()
    h.sync()
    assert h.live_pods() == ["web-0"]
    # The garbage collector has not removed www-web-1 yet: scaling up must not reuse it.
    h.scale(2)
    h.sync()
    assert h.pods() == ["web-0"]
    h.api.remove(("PersistentVolumeClaim", "default", "www-web-1"), actor="garbage-collector",
                 reason="owner gone")
    h.sync()
    assert h.pods() == ["web-0", "web-1"]
    assert _owner_kinds(h.claim("www-web-1")) == []


def test_conflicting_controller_leaves_the_claim_alone():
    h = Harness()
    h.create({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
              "metadata": {"name": "www-web-0", "namespace": "default",
                           "ownerReferences": [{"apiVersion": "v1", "kind": "ConfigMap",
                                                "name": "other", "uid": "u-1",
                                                "controller": True}]},
              "spec": {"accessModes": ["ReadWriteOnce"],
                       "resources": {"requests": {"storage": "1Gi"}}}})
    h.create(web_set(replicas=1, persistentVolumeClaimRetentionPolicy={
        "whenDeleted": "Delete", "whenScaled": "Retain"}))
    h.sync()
    assert _owner_kinds(h.claim("www-web-0")) == ["ConfigMap/other"]
    assert ("Warning", "ConflictingController",
            "PersistentVolumeClaim www-web-0 has a conflicting OwnerReference that acts as a "
            "manging controller, the retention policy is ignored for this claim") in h.events()


# ---- status (TestStatefulSetStatusUpdate) ---------------------------------------------
def test_status_counts_ready_available_and_revisions():
    h = Harness()
    sts = h.create(web_set(replicas=2))
    h.sync()
    h.running("web-0")
    h.sync()
    status = h.status()
    revision = rules.revision_name(sts)
    assert status == {"observedGeneration": 1, "replicas": 2, "readyReplicas": 1,
                      "availableReplicas": 1, "currentReplicas": 2, "updatedReplicas": 2,
                      "currentRevision": revision, "updateRevision": revision,
                      "collisionCount": 0}
    h.running("web-1")
    h.sync()
    assert h.status()["readyReplicas"] == 2


def test_status_omits_zero_counts_like_go():
    h = Harness()
    h.create(web_set(replicas=0))
    h.sync()
    status = h.status()
    assert status["replicas"] == 0 and status["availableReplicas"] == 0
    assert "readyReplicas" not in status and "currentReplicas" not in status


def test_min_ready_seconds_delays_the_next_pod_until_available():
    h = Harness()
    h.create(web_set(replicas=2, minReadySeconds=10))
    h.sync()
    h.running("web-0")
    h.sync()
    assert h.pods() == ["web-0"]
    assert h.status()["availableReplicas"] == 0
    h.advance(9_000)
    assert h.pods() == ["web-0"]
    h.advance(2_000)
    assert h.pods() == ["web-0", "web-1"]
    assert h.status()["availableReplicas"] == 1


# ---- updates (TestStatefulSetControlRollingUpdate, ...WithPartition, OnDelete) --------
def _new_image(h, image="registry.k8s.io/nginx-slim:0.9"):
    template = h.sts()["spec"]["template"]
    containers = [{**template["spec"]["containers"][0], "image": image}]
    h.update_sts(template={**template, "spec": {**template["spec"], "containers": containers}})


def _fresh(h):
    return [n for n in h.pods() if (h.pod(n).get("status") or {}).get("phase") in
            (None, "", "Pending")]


def _roll(h, limit=20):
    for _ in range(limit):
        h.sync()
        if not any(is_deleting(h.pod(n)) for n in h.pods()) and not _fresh(h):
            return
        h.finish_terminating()
        h.sync()
        for name in _fresh(h):
            h.running(name)


def test_rolling_update_replaces_highest_ordinal_first():
    h = Harness()
    h.create(web_set(replicas=3))
    h.bring_up()
    old = h.status()["updateRevision"]
    _new_image(h)
    h.sync()
    new = h.status()["updateRevision"]
    assert new != old and h.status()["currentRevision"] == old
    assert [n for n in h.pods() if is_deleting(h.pod(n))] == ["web-2"]
    _roll(h)
    deletions = [m for m in h.messages() if m.startswith("delete")]
    assert deletions == [SUCCESS_DELETE_POD.format(p=f"web-{i}") for i in (2, 1, 0)]
    assert {labels_of(h.pod(n))["controller-revision-hash"] for n in h.pods()} == {new}
    assert h.status()["currentRevision"] == new
    assert h.sts()["status"]["updatedReplicas"] == 3


def test_rolling_update_with_partition_stops_at_the_partition():
    h = Harness()
    h.create(web_set(replicas=3, updateStrategy={"type": "RollingUpdate",
                                                 "rollingUpdate": {"partition": 2}}))
    h.bring_up()
    old = h.status()["updateRevision"]
    _new_image(h)
    _roll(h)
    revisions = {n: labels_of(h.pod(n))["controller-revision-hash"] for n in h.pods()}
    new = h.status()["updateRevision"]
    assert revisions == {"web-0": old, "web-1": old, "web-2": new}
    assert h.status()["currentRevision"] == old


def test_on_delete_updates_only_pods_the_user_deletes():
    h = Harness()
    h.create(web_set(replicas=2, updateStrategy={"type": "OnDelete"}))
    h.bring_up()
    _new_image(h)
    h.sync()
    assert not any(is_deleting(h.pod(n)) for n in h.pods())
    h.api.delete("Pod", "default", "web-1")
    h.finish_terminating()
    h.sync()
    assert labels_of(h.pod("web-1"))["controller-revision-hash"] == h.status()["updateRevision"]
    assert labels_of(h.pod("web-0"))["controller-revision-hash"] != h.status()["updateRevision"]


def test_revision_name_is_deterministic_and_follows_the_template():
    sts = web_set()
    assert rules.revision_name(sts) == rules.revision_name(web_set())
    other = web_set(template={"metadata": {"labels": {"app": "nginx"}},
                              "spec": {"containers": [{"name": "c", "image": "x"}]}})
    assert rules.revision_name(other) != rules.revision_name(sts)
    digest = rules.revision_name(sts).split("-", 1)[1]
    assert set(digest) <= set("bcdfghjklmnpqrstvwxz2456789") and 1 <= len(digest) <= 10


# ---- ownership ------------------------------------------------------------------------
def test_set_being_deleted_only_updates_status():
    h = Harness()
    h.create(web_set(replicas=2))
    h.bring_up()
    sts = h.sts()
    h.api.write(sts, {"metadata": {"finalizers": ["foregroundDeletion"]}}, actor="test",
                reason="foreground")
    h.api.delete("StatefulSet", "default", "web")
    before = len(h.events())
    h.api.delete("Pod", "default", "web-1")
    h.finish_terminating()
    h.sync()
    assert h.pods() == ["web-0"], "a set being deleted recreates nothing"
    assert len(h.events()) == before
    assert h.status()["replicas"] == 1


def test_adopts_orphan_pods_matching_selector_and_name():
    h = Harness()
    h.create({"apiVersion": "v1", "kind": "Pod",
              "metadata": {"name": "web-0", "namespace": "default", "labels": {"app": "nginx"}},
              "spec": {"containers": [{"name": "nginx", "image": "nginx"}]}})
    sts = h.create(web_set(replicas=1))
    h.sync()
    refs = h.pod("web-0")["metadata"]["ownerReferences"]
    assert refs[0]["uid"] == uid_of(sts) and refs[0]["controller"] is True


def test_pods_of_another_owner_are_left_alone():
    h = Harness()
    h.create({"apiVersion": "v1", "kind": "Pod",
              "metadata": {"name": "web-0", "namespace": "default", "labels": {"app": "nginx"},
                           "ownerReferences": [{"apiVersion": "apps/v1", "kind": "StatefulSet",
                                                "name": "web", "uid": "old-uid",
                                                "controller": True}]},
              "spec": {"containers": [{"name": "nginx", "image": "nginx"}]}})
    h.create(web_set(replicas=1))
    h.sync()
    assert h.pod("web-0")["metadata"]["ownerReferences"][0]["uid"] == "old-uid"
    assert h.events() == [("Normal", "SuccessfulCreate",
                           SUCCESS_CREATE_CLAIM.format(c="www-web-0", p="web-0"))]
    h.api.remove(("Pod", "default", "web-0"), actor="garbage-collector", reason="orphan")
    h.sync()
    assert h.pod("web-0")["metadata"]["ownerReferences"][0]["name"] == "web"
    assert h.messages()[-1] == SUCCESS_CREATE_POD.format(p="web-0")


def test_identity_label_is_restored():
    h = Harness()
    h.create(web_set(replicas=1))
    h.bring_up()
    pod = h.pod("web-0")
    h.api.write(pod, {"metadata": {"labels": {"statefulset.kubernetes.io/pod-name": DELETE}}},
                actor="test", reason="tamper")
    h.sync()
    assert labels_of(h.pod("web-0"))["statefulset.kubernetes.io/pod-name"] == "web-0"
    assert h.messages()[-1] == "update Pod web-0 in StatefulSet web successful"


# ---- kubectl scale and explanations ---------------------------------------------------
def test_scale_sets_replicas_and_bumps_generation():
    h = Harness()
    h.create(web_set(replicas=2))
    assert rules.scale(h.cluster, "default", "web", 5) == "statefulset.apps/web scaled"
    assert h.sts()["spec"]["replicas"] == 5
    assert h.sts()["metadata"]["generation"] == 2


@pytest.mark.parametrize(("name", "replicas", "text"), [
    ("nope", 1, 'Error from server (NotFound): statefulsets.apps "nope" not found'),
    ("web", -1, "error: The --replicas=COUNT flag is required, and COUNT must be greater than "
                "or equal to 0"),
    ("nope", -1, "error: The --replicas=COUNT flag is required, and COUNT must be greater than "
                 "or equal to 0"),
    ("web", rules.MAX_REPLICAS + 1, f"error: --replicas={rules.MAX_REPLICAS + 1} is more than "
                                    f"this simulator runs: at most {rules.MAX_REPLICAS} replicas "
                                    f"(a real cluster would accept it); nothing was changed"),
])
def test_scale_refuses_like_kubectl_and_changes_nothing(name, replicas, text):
    h = Harness()
    h.create(web_set(replicas=2))
    before = h.sts()
    with pytest.raises(CommandError) as info:
        rules.scale(h.cluster, "default", name, replicas)
    assert str(info.value) == text
    assert h.sts() is before


def test_describe_ordering_names_the_blocking_pod_and_why():
    h = Harness()
    h.create(web_set(replicas=2))
    h.sync()
    text = rules.describe_ordering(h.cluster, "default", "web")
    assert "web-1 waits: web-0 is Pending: its claim www-web-0 is Pending (not bound)" in text
    h.running("web-0", ready=False)
    assert "web-1 waits: web-0 is Running but not Ready" in \
        rules.describe_ordering(h.cluster, "default", "web")
    h.running("web-0")
    report = rules.ordering_report(h.cluster, "default", "web")
    assert report.next_action == "create web-1" and report.waiting_for == ""
    h.sync()
    h.running("web-1")
    assert rules.ordering_report(h.cluster, "default", "web").reason == \
        "every pod is Running and Ready"


def test_pod_dns_names_require_a_ready_endpoint_of_the_headless_service():
    h = Harness()
    h.create(web_set(replicas=1))
    h.bring_up()
    pod = h.pod("web-0")
    assert rules.pod_dns_names(h.cluster, pod) == []
    h.create({"apiVersion": "v1", "kind": "Service",
              "metadata": {"name": "nginx", "namespace": "default"},
              "spec": {"clusterIP": "None", "selector": {"app": "nginx"},
                       "ports": [{"port": 80, "name": "web"}]}})
    endpoints = h.cluster.controller("EndpointsController")
    while (key := endpoints.pop()) is not None:
        endpoints.sync(key)
    assert rules.pod_dns_names(h.cluster, h.pod("web-0")) == [
        "web-0.nginx.default.svc.cluster.local"]
    assert get_path(h.pod("web-0"), "spec", "subdomain") == "nginx"


# ---- remembered decisions are dropped when their inputs change ------------------------
def test_parallel_pending_pod_gets_its_deleted_claim_back():
    h = Harness()
    h.create(web_set(replicas=2, podManagementPolicy="Parallel"))
    h.sync()
    h.sync()
    h.api.remove(("PersistentVolumeClaim", "default", "www-web-1"), actor="test", reason="gone")
    h.sync()
    assert h.claim("www-web-1") is not None
    assert h.messages()[-1] == SUCCESS_CREATE_CLAIM.format(c="www-web-1", p="web-1")


def test_scale_up_waits_again_when_a_ready_pod_stops_being_ready():
    h = Harness()
    h.create(web_set(replicas=2))
    h.bring_up()
    h.running("web-0", ready=False)
    h.scale(3)
    h.sync()
    assert h.pods() == ["web-0", "web-1"]
    h.running("web-0")
    h.sync()
    assert h.pods() == ["web-0", "web-1", "web-2"]


def test_recreated_set_takes_over_once_the_old_pods_are_gone():
    h = Harness()
    h.create(web_set(replicas=2))
    h.bring_up()
    old_uid = uid_of(h.sts())
    h.api.delete("StatefulSet", "default", "web")
    sts = h.create(web_set(replicas=2))
    h.sync()
    owners = {n: h.pod(n)["metadata"]["ownerReferences"][0]["uid"] for n in h.pods()}
    assert owners == {"web-0": old_uid, "web-1": old_uid}
    assert "readyReplicas" not in h.status() and h.status()["replicas"] == 0
    for name in ("web-0", "web-1"):
        h.api.remove(("Pod", "default", name), actor="garbage-collector", reason="owner gone")
    h.bring_up()
    owners = {n: h.pod(n)["metadata"]["ownerReferences"][0]["uid"] for n in h.pods()}
    assert owners == {"web-0": uid_of(sts), "web-1": uid_of(sts)}
    assert h.status()["readyReplicas"] == 2


def test_scale_down_then_up_before_termination_finishes():
    h = Harness()
    h.create(web_set(replicas=3))
    h.bring_up()
    h.scale(1)
    h.sync()
    assert is_deleting(h.pod("web-2"))
    h.scale(3)
    h.sync()
    # web-2 is still terminating: nothing is created under its name until it is gone.
    assert not is_deleting(h.pod("web-1")) and is_deleting(h.pod("web-2"))
    h.finish_terminating()
    h.bring_up()
    assert h.live_pods() == ["web-0", "web-1", "web-2"]
    assert h.claims() == ["www-web-0", "www-web-1", "www-web-2"]


def test_describe_ordering_during_scale_down():
    h = Harness()
    h.create(web_set(replicas=3))
    h.bring_up()
    h.running("web-1", ready=False)
    h.running("web-2", ready=False)
    h.scale(1)
    h.sync()
    report = rules.ordering_report(h.cluster, "default", "web")
    # web-2 may only go while unhealthy if it is the first unhealthy pod; web-1 is.
    assert (report.next_action, report.waiting_for) == ("delete web-2", "web-1")
    assert "web-2 waits: web-1 is Running but not Ready" in report.text()
    h.running("web-1")
    h.running("web-2")
    h.scale(0)
    h.sync()
    h.finish_terminating()
    for _ in range(3):
        h.sync()
        h.finish_terminating()
    assert rules.ordering_report(h.cluster, "default", "web").reason == "no pods (scaled to zero)"


@pytest.mark.parametrize("with_revisions", [True, False])
def test_loaded_set_keeps_its_revision_names_and_pods(with_revisions):
    h = Harness()
    h.create(web_set(replicas=2))
    h.bring_up()
    dump = h.cluster.manifests()
    # A dump from a real cluster names revisions with other hashes: keep them as they are,
    # whether the dump has its ControllerRevisions or only the set's status names them.
    for obj in dump:
        if obj["kind"] == "StatefulSet":
            obj["status"]["currentRevision"] = obj["status"]["updateRevision"] = "web-7d8f6c9b5"
        if obj["kind"] == "Pod":
            obj["metadata"]["labels"]["controller-revision-hash"] = "web-7d8f6c9b5"
        if obj["kind"] == "ControllerRevision":
            obj["metadata"]["name"] = "web-7d8f6c9b5"
            obj["metadata"]["labels"]["controller.kubernetes.io/hash"] = "7d8f6c9b5"
    if not with_revisions:
        dump = [obj for obj in dump if obj["kind"] != "ControllerRevision"]
    loaded = Cluster.from_manifests(dump)
    ctrl = loaded.controller("StatefulSetController")
    ctrl.enqueue(("StatefulSet", "default", "web"))
    while (key := ctrl.pop()) is not None:
        ctrl.sync(key)
    assert [e["message"] for e in loaded.events()] == []
    assert not any(is_deleting(p) for p in loaded.store.list("Pod", "default"))
    assert loaded.get("StatefulSet", "default", "web")["status"]["updateRevision"] == \
        "web-7d8f6c9b5"
