"""Every bundled lesson runs to its end headless, and at each snapshot the cluster is in
the state real Kubernetes would be in (the rules in kubernetes-semantics.md).

The expectations are written from Kubernetes' behaviour, not from the engine's output:
phases, bindings, pod states and the event reasons (and, where the message is fixed
upstream, the message) that a real cluster shows at that moment.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from core import nfs
from core.lessons import LessonRunner, StepResult, check_lesson, list_lessons, load_lesson
from core.objects import get_path

EXPECTED_LESSONS = [
    "00-seed-walkthrough",
    "01-storageclass-unset-vs-empty",
    "02-wait-for-first-consumer",
    "03-reclaim-policies",
    "04-rwo-per-node-rwop-per-pod",
    "05-whole-pv-to-the-claim",
    "06-statefulset-claims-survive",
    "07-claim-stuck-terminating",
    "08-pod-on-failed-node",
    "09-dynamic-provisioning-nfs",
    "10-claim-names-its-volume",
]

PVC_PROTECTION = "kubernetes.io/pvc-protection"
BOUND_BY_CONTROLLER = "pv.kubernetes.io/bound-by-controller"
BIND_COMPLETED = "pv.kubernetes.io/bind-completed"
PROVISIONED_BY = "pv.kubernetes.io/provisioned-by"
NFS_PROVISIONER = "k8s-sigs.io/nfs-subdir-external-provisioner"
NO_PV_NO_CLASS = "no persistent volumes available for this claim and no storage class is set"


# ---- reading the cluster -------------------------------------------------------------
class View:
    """Read-only questions about the cluster at a snapshot."""

    def __init__(self, runner: LessonRunner, result: StepResult, memo: dict[str, Any]) -> None:
        self.cluster = runner.cluster
        self.result = result
        self.memo = memo

    def pv(self, name):
        return self.cluster.get("PersistentVolume", "", name)

    def pvc(self, name, ns="default"):
        return self.cluster.get("PersistentVolumeClaim", ns, name)

    def pod(self, name, ns="default"):
        return self.cluster.get("Pod", ns, name)

    def pv_phase(self, name):
        pv = self.pv(name)
        assert pv is not None, f"PV {name} is missing"
        return get_path(pv, "status", "phase")

    def pvc_phase(self, name, ns="default"):
        pvc = self.pvc(name, ns)
        assert pvc is not None, f"claim {ns}/{name} is missing"
        return get_path(pvc, "status", "phase")

    def assert_bound(self, claim, volume, ns="default"):
        pvc, pv = self.pvc(claim, ns), self.pv(volume)
        assert pvc is not None and pv is not None, (claim, volume)
        assert get_path(pvc, "spec", "volumeName") == volume
        assert get_path(pvc, "status", "phase") == "Bound", (claim, get_path(pvc, "status"))
        assert get_path(pv, "status", "phase") == "Bound", (volume, get_path(pv, "status"))
        ref = get_path(pv, "spec", "claimRef") or {}
        assert (ref.get("namespace"), ref.get("name"), ref.get("uid")) == (
            ns, claim, pvc["metadata"]["uid"])
        # A bound claim reports the PV's capacity and access modes.
        assert get_path(pvc, "status", "capacity") == get_path(pv, "spec", "capacity")
        assert get_path(pvc, "status", "accessModes") == get_path(pv, "spec", "accessModes")

    def assert_pending_claim(self, name, ns="default", named=None):
        """Pending and unbound; ``named``: the PV the user put in spec.volumeName."""
        pvc = self.pvc(name, ns)
        assert pvc is not None, name
        assert get_path(pvc, "status", "phase") == "Pending", get_path(pvc, "status")
        assert get_path(pvc, "spec", "volumeName") == named
        assert BIND_COMPLETED not in (pvc["metadata"].get("annotations") or {})

    def assert_running(self, name, ns="default", node=None):
        pod = self.pod(name, ns)
        assert pod is not None, f"pod {name} is missing"
        assert not pod["metadata"].get("deletionTimestamp"), f"{name} is being deleted"
        assert get_path(pod, "status", "phase") == "Running", (name, get_path(pod, "status"))
        assert self.condition(pod, "Ready") == "True", (name, get_path(pod, "status"))
        if node is not None:
            assert get_path(pod, "spec", "nodeName") == node, (name, pod["spec"].get("nodeName"))

    def assert_unschedulable(self, name, message_part, ns="default"):
        pod = self.pod(name, ns)
        assert pod is not None, name
        assert get_path(pod, "status", "phase") == "Pending"
        assert not get_path(pod, "spec", "nodeName")
        assert self.condition(pod, "PodScheduled") == "False"
        messages = self.messages(pod, "FailedScheduling", "Warning")
        assert any(message_part in m for m in messages), messages

    @staticmethod
    def condition(obj, type_):
        for cond in get_path(obj, "status", "conditions", default=[]) or []:
            if cond.get("type") == type_:
                return cond.get("status")
        return None

    def events(self, obj, reason=None, type_=None):
        """Events emitted about this very object (by uid), oldest first."""
        uid = obj["metadata"]["uid"]
        return [e for e in self.cluster.events()
                if e["involvedObject"].get("uid") == uid
                and (reason is None or e["reason"] == reason)
                and (type_ is None or e["type"] == type_)]

    def messages(self, obj, reason, type_=None):
        return [e["message"] for e in self.events(obj, reason, type_)]

    def pods_named(self, prefix):
        return sorted(p["metadata"]["name"] for p in self.cluster.store.list("Pod", "default")
                      if p["metadata"]["name"].startswith(prefix))

    def claims(self, ns="default"):
        return sorted(c["metadata"]["name"]
                      for c in self.cluster.store.list("PersistentVolumeClaim", ns))

    def output_of(self, command_start):
        """What the step's last line starting with ``command_start`` printed."""
        outs = [out for line, out in self.result.transcript if line.startswith(command_start)]
        assert outs, f"no line starting with {command_start!r} in this step"
        return outs[-1]

    def nfs_ls(self, server, path):
        return nfs.nfs_ls(self.cluster, server, path).split()

    def nfs_cat(self, server, path):
        return nfs.nfs_cat(self.cluster, server, path)


Check = Callable[[View], None]


# ---- 00: the seed walkthrough ------------------------------------------------------------
SEED = "192.168.6.189"


def seed_nfs_server(v: View) -> None:
    assert v.nfs_ls(SEED, "/nfs") == ["pv1", "pv2", "pv3", "pv4", "pv5"]


def seed_pvs_available(v: View) -> None:
    assert [v.pv_phase(f"pv000{i}") for i in range(1, 5)] == ["Available"] * 4


def seed_web_1_pending(v: View) -> None:
    v.assert_bound("www-web-0", "pv0001")
    v.assert_running("web-0")
    # OrderedReady: web-1 is created once web-0 is Running and Ready; its claim finds no
    # PV (pv0002 ROX only, pv0003 RWX only, pv0004 class nfs-nginx) and class nfs has no
    # StorageClass object to provision from.
    v.assert_pending_claim("www-web-1")
    claim = v.pvc("www-web-1")
    assert 'storageclass.storage.k8s.io "nfs" not found' in v.messages(
        claim, "ProvisioningFailed", "Warning")
    v.assert_unschedulable("web-1", "pod has unbound immediate PersistentVolumeClaims")
    for name in ("pv0002", "pv0003", "pv0004"):
        assert v.pv_phase(name) == "Available"


def seed_web_1_running(v: View) -> None:
    v.assert_bound("www-web-0", "pv0001")
    v.assert_bound("www-web-1", "pv0005")
    v.assert_running("web-0")
    v.assert_running("web-1")


def seed_data_in_pod(v: View) -> None:
    assert v.output_of("kubectl exec web-0").strip() == "hello from pv0001"


def seed_claims_stay(v: View) -> None:
    assert v.cluster.get("StatefulSet", "default", "web") is None
    assert v.pods_named("web-") == []
    v.assert_bound("www-web-0", "pv0001")
    v.assert_bound("www-web-1", "pv0005")


def seed_pvs_released(v: View) -> None:
    assert v.claims() == []
    for name in ("pv0001", "pv0005"):
        assert v.pv_phase(name) == "Released"
        # Retain keeps the old claimRef, uid included: no new claim can bind it.
        assert get_path(v.pv(name), "spec", "claimRef", "uid")
    for name in ("pv0002", "pv0003", "pv0004"):
        assert v.pv_phase(name) == "Available"
    assert v.nfs_cat(SEED, "/nfs/pv1/index.html").strip() == "hello from pv0001"


def seed_reclaimed(v: View) -> None:
    for name in ("pv0001", "pv0005"):
        assert v.pv_phase(name) == "Available"
        assert get_path(v.pv(name), "spec", "claimRef") is None


def seed_rebound(v: View) -> None:
    v.assert_bound("www-web-0", "pv0001")
    v.assert_bound("www-web-1", "pv0005")
    v.assert_running("web-0")
    v.assert_running("web-1")
    assert v.output_of("kubectl exec web-0").strip() == "hello from pv0001"


# ---- 01: storageClassName unset vs "" vs default --------------------------------------
def class_no_default(v: View) -> None:
    v.assert_bound("unset-early", "pv-small")  # smallest class-less PV that fits
    assert "storageClassName" not in v.pvc("unset-early")["spec"]
    assert v.pv_phase("pv-large") == "Available"


def class_default(v: View) -> None:
    claim = v.pvc("unset-late")
    # DefaultStorageClass admission wrote the default class into the claim.
    assert claim["spec"]["storageClassName"] == "nfs-client"
    volume = f"pvc-{claim['metadata']['uid']}"
    v.assert_bound("unset-late", volume)
    assert v.pv(volume)["metadata"]["annotations"][PROVISIONED_BY] == NFS_PROVISIONER
    assert v.events(claim, "ExternalProvisioning", "Normal")
    assert v.events(claim, "ProvisioningSucceeded", "Normal")
    assert v.pv_phase("pv-large") == "Available"
    assert "storageClassName" not in v.pvc("unset-early")["spec"]


def class_empty(v: View) -> None:
    v.assert_bound("empty", "pv-large")
    assert v.pvc("empty")["spec"]["storageClassName"] == ""
    # Retroactive defaulting only touches unbound claims.
    assert "storageClassName" not in v.pvc("unset-early")["spec"]


# ---- 02: WaitForFirstConsumer ----------------------------------------------------------
def wffc_class_and_pv(v: View) -> None:
    assert v.pv_phase("local-pv-node-2") == "Available"
    assert v.cluster.get("StorageClass", "", "local-storage")["volumeBindingMode"] == \
        "WaitForFirstConsumer"


def wffc_claim_waiting(v: View) -> None:
    v.assert_pending_claim("data")
    assert "waiting for first consumer to be created before binding" in v.messages(
        v.pvc("data"), "WaitForFirstConsumer", "Normal")
    assert get_path(v.pv("local-pv-node-2"), "spec", "claimRef") is None
    assert v.pv_phase("local-pv-node-2") == "Available"


def wffc_bound_on_node_2(v: View) -> None:
    v.assert_bound("data", "local-pv-node-2")
    v.assert_running("app", node="node-2")
    # The scheduler chose the PV for the claim (it, not the user, wrote the claimRef).
    assert v.pv("local-pv-node-2")["metadata"]["annotations"][BOUND_BY_CONTROLLER] == "yes"


# ---- 03: reclaim policies ----------------------------------------------------------------
NFS = "10.0.0.5"


def reclaim_bound(v: View) -> None:
    v.assert_bound("keep-me", "pv-retain")
    v.assert_bound("delete-me", "pv-delete")
    v.assert_bound("recycle-me", "pv-recycle")


def reclaim_claims_deleted(v: View) -> None:
    assert v.claims() == []
    assert v.pv_phase("pv-retain") == "Released"
    assert get_path(v.pv("pv-retain"), "spec", "claimRef", "name") == "keep-me"
    # A static NFS PV has no deleter: the PV is Failed and says why.
    assert v.pv_phase("pv-delete") == "Failed"
    assert 'error getting deleter volume plugin for volume "pv-delete": no deletable volume ' \
        "plugin matched" in v.messages(v.pv("pv-delete"), "VolumeFailedDelete", "Warning")
    # Recycle scrubs the volume and makes the PV Available with no claimRef.
    assert v.pv_phase("pv-recycle") == "Available"
    assert get_path(v.pv("pv-recycle"), "spec", "claimRef") is None
    assert v.events(v.pv("pv-recycle"), "VolumeRecycled", "Normal")


def reclaim_policies_applied(v: View) -> None:
    reclaim_claims_deleted(v)
    assert v.nfs_cat(NFS, "/exports/retain/data.txt").strip() == "kept"
    assert v.nfs_cat(NFS, "/exports/delete/data.txt").strip() == "doomed"
    assert v.nfs_ls(NFS, "/exports/recycle") == []


def reclaim_dynamic_deleted(v: View) -> None:
    assert v.claims() == []
    # The provisioned PV is gone (deleted by its provisioner), the static ones remain.
    assert sorted(p["metadata"]["name"] for p in v.cluster.store.list("PersistentVolume")) == [
        "pv-delete", "pv-recycle", "pv-retain"]
    entries = v.nfs_ls(NFS, "/exports/dynamic")
    assert len(entries) == 1 and entries[0].startswith("archived-default-dynamic-pvc-"), entries


# ---- 04: RWO per node, RWOP per pod ----------------------------------------------------
RWOP_CONFLICT = "node has pod using PersistentVolumeClaim with the same name and " \
    "ReadWriteOncePod access mode"


def access_rwo_same_node(v: View) -> None:
    v.assert_bound("shared", "shared-rwo")
    v.assert_running("writer-a", node="node-1")
    v.assert_running("writer-b", node="node-1")


def access_rwo_other_node(v: View) -> None:
    access_rwo_same_node(v)
    # NFS is not attached to nodes, so RWO is not enforced across nodes.
    v.assert_running("writer-c", node="node-2")


def access_rwop_per_pod(v: View) -> None:
    v.assert_bound("solo", "solo-rwop")
    v.assert_running("solo-1", node="node-1")
    v.assert_unschedulable("solo-2", RWOP_CONFLICT)


def access_rwop_handover(v: View) -> None:
    assert v.pod("solo-1") is None
    v.assert_running("solo-2", node="node-1")


# ---- 05: the whole PV goes to the claim ----------------------------------------------------
def whole_two_pvs(v: View) -> None:
    assert v.pv_phase("pv-5gi") == "Available" and v.pv_phase("pv-10gi") == "Available"


def whole_first(v: View) -> None:
    v.assert_bound("first", "pv-5gi")
    assert get_path(v.pvc("first"), "status", "capacity", "storage") == "5Gi"
    assert get_path(v.pvc("first"), "spec", "resources", "requests", "storage") == "1Gi"


def whole_second(v: View) -> None:
    whole_first(v)
    v.assert_bound("second", "pv-10gi")
    assert get_path(v.pvc("second"), "status", "capacity", "storage") == "10Gi"


def whole_third(v: View) -> None:
    whole_second(v)
    v.assert_pending_claim("third")
    assert NO_PV_NO_CLASS in v.messages(v.pvc("third"), "FailedBinding", "Normal")


# ---- 06: StatefulSet claims survive scale-down -----------------------------------------------
def _claim_volumes(v: View, names):
    return {n: get_path(v.pvc(n), "spec", "volumeName") for n in names}


WWW = ["www-web-0", "www-web-1", "www-web-2"]


def sts_three(v: View) -> None:
    assert v.pods_named("web-") == ["web-0", "web-1", "web-2"]
    for i in range(3):
        v.assert_running(f"web-{i}")
        claim = v.pvc(f"www-web-{i}")
        v.assert_bound(f"www-web-{i}", f"pvc-{claim['metadata']['uid']}")
    v.memo["volumes"] = _claim_volumes(v, WWW)
    created = v.messages(v.cluster.get("StatefulSet", "default", "web"), "SuccessfulCreate",
                         "Normal")
    assert "create Claim www-web-0 Pod web-0 in StatefulSet web success" in created
    assert "create Pod web-2 in StatefulSet web successful" in created


def sts_scaled_down(v: View) -> None:
    assert v.pods_named("web-") == ["web-0"]
    assert _claim_volumes(v, WWW) == v.memo["volumes"]
    for name in WWW:
        assert v.pvc_phase(name) == "Bound"
    deleted = v.messages(v.cluster.get("StatefulSet", "default", "web"), "SuccessfulDelete",
                         "Normal")
    # Scale-down removes the highest ordinal first.
    assert deleted == ["delete Pod web-2 in StatefulSet web successful",
                       "delete Pod web-1 in StatefulSet web successful"]


def sts_scaled_up(v: View) -> None:
    for i in range(3):
        v.assert_running(f"web-{i}")
    assert _claim_volumes(v, WWW) == v.memo["volumes"]
    assert v.output_of("kubectl exec web-2").strip() == "I am web-2"


def sts_retention_delete(v: View) -> None:
    assert v.pods_named("cache-") == ["cache-0"]
    v.assert_running("cache-0")
    assert "data-cache-1" not in v.claims()
    assert v.pvc_phase("data-cache-0") == "Bound"
    # Its Delete-policy PV was deleted too: no PV refers to the claim any more.
    refs = [get_path(p, "spec", "claimRef", "name") for p in v.cluster.store.list(
        "PersistentVolume")]
    assert "data-cache-1" not in refs
    assert _claim_volumes(v, WWW) == v.memo["volumes"]


def sts_set_deleted(v: View) -> None:
    assert v.cluster.get("StatefulSet", "default", "web") is None
    assert v.pods_named("web-") == []
    for name in WWW:
        assert v.pvc_phase(name) == "Bound"
    assert _claim_volumes(v, WWW) == v.memo["volumes"]


# ---- 07: a claim stuck Terminating ---------------------------------------------------------
def term_in_use(v: View) -> None:
    v.assert_bound("data", "pv-data")
    v.assert_running("app")
    assert PVC_PROTECTION in v.pvc("data")["metadata"]["finalizers"]


def term_terminating(v: View) -> None:
    claim = v.pvc("data")
    assert claim is not None, "the claim must still exist while app uses it"
    assert claim["metadata"].get("deletionTimestamp")
    assert PVC_PROTECTION in claim["metadata"]["finalizers"]
    assert v.pvc_phase("data") == "Bound"
    v.assert_running("app")
    assert "Terminating" in v.output_of("kubectl get pvc")


def term_released(v: View) -> None:
    assert v.pvc("data") is None and v.pod("app") is None
    assert v.pv_phase("pv-data") == "Released"


# ---- 08: a pod on a failed node --------------------------------------------------------------
def failed_running(v: View) -> None:
    v.assert_bound("data-db-0", "pv-db")
    v.assert_running("db-0", node="node-1")
    assert not get_path(v.cluster.get("Node", "", "node-2"), "spec", "unschedulable")
    v.memo["uid"] = v.pod("db-0")["metadata"]["uid"]


def failed_not_ready(v: View) -> None:
    node = v.cluster.get("Node", "", "node-1")
    # The kubelet stopped posting status: Ready is Unknown and the node is tainted.
    assert v.condition(node, "Ready") == "Unknown"
    taints = {(t["key"], t["effect"]) for t in get_path(node, "spec", "taints", default=[])}
    assert ("node.kubernetes.io/unreachable", "NoExecute") in taints
    pod = v.pod("db-0")
    assert pod["metadata"]["uid"] == v.memo["uid"]
    assert pod["spec"]["nodeName"] == "node-1"
    assert not pod["metadata"].get("deletionTimestamp")
    assert v.condition(pod, "Ready") == "False"


def failed_stuck(v: View) -> None:
    pod = v.pod("db-0")
    assert pod["metadata"]["uid"] == v.memo["uid"]
    assert pod["metadata"].get("deletionTimestamp"), "evicted after the 300s toleration"
    assert pod["spec"]["nodeName"] == "node-1"
    assert v.pods_named("db-") == ["db-0"]
    assert v.events(pod, "TaintManagerEviction", "Normal")
    v.assert_bound("data-db-0", "pv-db")


def failed_moved(v: View) -> None:
    pod = v.pod("db-0")
    assert pod["metadata"]["uid"] != v.memo["uid"]
    v.assert_running("db-0", node="node-2")
    v.assert_bound("data-db-0", "pv-db")


# ---- 09: dynamic provisioning on NFS ----------------------------------------------------------
def _dyn_dir(v: View) -> str:
    uid = v.memo["uid"]
    return f"default-data-pvc-{uid}"


def dyn_class_ready(v: View) -> None:
    assert v.cluster.get("StorageClass", "", "nfs-client")["provisioner"] == NFS_PROVISIONER


def dyn_provisioned(v: View) -> None:
    claim = v.pvc("data")
    uid = claim["metadata"]["uid"]
    v.memo["uid"] = uid
    volume = f"pvc-{uid}"
    v.assert_bound("data", volume)
    pv = v.pv(volume)
    assert pv["metadata"]["annotations"][PROVISIONED_BY] == NFS_PROVISIONER
    assert pv["spec"]["persistentVolumeReclaimPolicy"] == "Delete"
    assert pv["spec"]["storageClassName"] == "nfs-client"
    assert pv["spec"]["nfs"] == {"server": NFS, "path": f"/exports/{_dyn_dir(v)}"}
    assert claim["metadata"]["annotations"]["volume.kubernetes.io/storage-provisioner"] == \
        NFS_PROVISIONER
    assert v.events(claim, "ExternalProvisioning", "Normal")
    assert v.events(claim, "ProvisioningSucceeded", "Normal")
    assert _dyn_dir(v) in v.nfs_ls(NFS, "/exports")


def dyn_data_on_server(v: View) -> None:
    v.assert_running("app")
    assert v.nfs_cat(NFS, f"/exports/{_dyn_dir(v)}/hello.txt").strip() == "hello"
    assert v.output_of("kubectl exec app -- ls").split() == ["hello.txt"]


def dyn_archived(v: View) -> None:
    assert v.pvc("data") is None and v.pod("app") is None
    assert v.pv(f"pvc-{v.memo['uid']}") is None
    assert v.nfs_ls(NFS, "/exports") == [f"archived-{_dyn_dir(v)}"]
    assert v.nfs_cat(NFS, f"/exports/archived-{_dyn_dir(v)}/hello.txt").strip() == "hello"


# ---- 10: a claim that names its volume -----------------------------------------------------
def named_volume(v: View) -> None:
    v.assert_bound("pick-b", "pv-b")
    assert v.pv_phase("pv-a") == "Available"
    claim_ann = v.pvc("pick-b")["metadata"].get("annotations") or {}
    assert claim_ann.get(BIND_COMPLETED) == "yes"
    assert BOUND_BY_CONTROLLER not in claim_ann
    assert v.pv("pv-b")["metadata"]["annotations"][BOUND_BY_CONTROLLER] == "yes"


def named_mismatch(v: View) -> None:
    v.assert_pending_claim("too-big", named="pv-a")
    assert 'Cannot bind to requested volume "pv-a": requested PV is too small' in v.messages(
        v.pvc("too-big"), "VolumeMismatch", "Warning")
    assert v.pv_phase("pv-a") == "Available"


def named_already_bound(v: View) -> None:
    v.assert_pending_claim("taken", named="pv-b")
    assert 'volume "pv-b" already bound to a different claim.' in v.messages(
        v.pvc("taken"), "FailedBinding", "Warning")
    v.assert_bound("pick-b", "pv-b")


def named_reserved(v: View) -> None:
    v.assert_bound("reserved", "pv-reserved", ns="team-a")
    v.assert_pending_claim("other")
    assert NO_PV_NO_CLASS in v.messages(v.pvc("other"), "FailedBinding", "Normal")
    # The user reserved the PV, so the controller did not mark it as its own binding.
    assert BOUND_BY_CONTROLLER not in (v.pv("pv-reserved")["metadata"].get("annotations") or {})


EXPECTATIONS: dict[str, dict[str, Check]] = {
    "00-seed-walkthrough": {
        "nfs-server": seed_nfs_server,
        "pvs-available": seed_pvs_available,
        "web-1-pending": seed_web_1_pending,
        "web-1-running": seed_web_1_running,
        "data-in-pod": seed_data_in_pod,
        "claims-stay": seed_claims_stay,
        "pvs-released": seed_pvs_released,
        "reclaimed": seed_reclaimed,
        "rebound": seed_rebound,
    },
    "01-storageclass-unset-vs-empty": {
        "no-default": class_no_default,
        "default-class": class_default,
        "empty-string": class_empty,
    },
    "02-wait-for-first-consumer": {
        "class-and-pv": wffc_class_and_pv,
        "claim-waiting": wffc_claim_waiting,
        "bound-on-node-2": wffc_bound_on_node_2,
    },
    "03-reclaim-policies": {
        "bound": reclaim_bound,
        "claims-deleted": reclaim_claims_deleted,
        "policies-applied": reclaim_policies_applied,
        "dynamic-deleted": reclaim_dynamic_deleted,
    },
    "04-rwo-per-node-rwop-per-pod": {
        "rwo-same-node": access_rwo_same_node,
        "rwo-other-node": access_rwo_other_node,
        "rwop-per-pod": access_rwop_per_pod,
        "rwop-handover": access_rwop_handover,
    },
    "05-whole-pv-to-the-claim": {
        "two-pvs": whole_two_pvs,
        "first-bound": whole_first,
        "second-bound": whole_second,
        "third-pending": whole_third,
    },
    "06-statefulset-claims-survive": {
        "three-replicas": sts_three,
        "scaled-down": sts_scaled_down,
        "scaled-up": sts_scaled_up,
        "retention-delete": sts_retention_delete,
        "set-deleted": sts_set_deleted,
    },
    "07-claim-stuck-terminating": {
        "in-use": term_in_use,
        "terminating": term_terminating,
        "released": term_released,
    },
    "08-pod-on-failed-node": {
        "running-on-node-1": failed_running,
        "node-not-ready": failed_not_ready,
        "stuck-terminating": failed_stuck,
        "moved-to-node-2": failed_moved,
    },
    "09-dynamic-provisioning-nfs": {
        "class-ready": dyn_class_ready,
        "provisioned": dyn_provisioned,
        "data-on-server": dyn_data_on_server,
        "archived": dyn_archived,
    },
    "10-claim-names-its-volume": {
        "named-volume": named_volume,
        "volume-mismatch": named_mismatch,
        "already-bound": named_already_bound,
        "reserved": named_reserved,
    },
}


def test_the_gallery_lists_every_bundled_lesson_in_order():
    infos = list_lessons()
    assert [i.id for i in infos] == EXPECTED_LESSONS
    for info in infos:
        assert info.title.text("en") and info.title.text("zh") != info.title.text("en")
        assert info.snapshots == tuple(EXPECTATIONS[info.id])


@pytest.mark.parametrize("lesson_id", EXPECTED_LESSONS)
def test_lesson_is_complete_and_bilingual(lesson_id):
    lesson = load_lesson(next(i.path for i in list_lessons() if i.id == lesson_id))
    assert check_lesson(lesson, ("en", "zh")) == []
    for step in lesson.steps:
        # Short enough to read on a projector in one breath.
        assert len(step.caption.text("en")) <= 140, step.caption.text("en")
        assert len(step.caption.text("zh")) <= 100, step.caption.text("zh")


@pytest.mark.parametrize("lesson_id", EXPECTED_LESSONS)
def test_lesson_runs_to_its_end_with_the_expected_state_at_each_snapshot(lesson_id):
    lesson = load_lesson(next(i.path for i in list_lessons() if i.id == lesson_id))
    runner = LessonRunner(lesson)
    memo: dict[str, Any] = {}
    checked = []
    while (result := runner.next()) is not None:
        assert result.errors == (), result.errors
        for _, output in result.transcript:
            assert "settle gave up" not in output
        if result.step.snapshot:
            EXPECTATIONS[lesson_id][result.step.snapshot](View(runner, result, memo))
            checked.append(result.step.snapshot)
    assert checked == list(EXPECTATIONS[lesson_id])


@pytest.mark.parametrize("lesson_id", EXPECTED_LESSONS)
def test_lesson_runs_as_a_plain_script(lesson_id):
    """``python main.py script LESSON`` runs a lesson like any script: `say` captions are
    printed, `say.zh` translations are accepted, snapshots are reported in order."""
    import io

    from core.cluster import Cluster
    from core.script import run_script

    path = next(i.path for i in list_lessons() if i.id == lesson_id)
    lesson = load_lesson(path)
    said: list[str] = []
    snapped: list[str] = []
    out = io.StringIO()
    status = run_script(Cluster(), path.read_text(encoding="utf-8"), base_dir=path.parent,
                        out=out, on_say=said.append, on_snapshot=snapped.append)
    assert status == 0, out.getvalue()[-2000:]
    assert said == [s.caption.text("en") for s in lesson.steps]
    assert snapped == list(lesson.snapshots)
