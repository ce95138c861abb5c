"""Property tests: random sequences of storage operations never break the binding invariants.

After every operation the cluster settles and a resync period passes: a user's edit
can leave the two halves of a binding disagreeing until the controller's periodic
resync (e.g. clearing ``claimRef.uid`` of a Bound PV makes its claim Lost only then),
as in Kubernetes. Then: a PV is bound to at most one claim; every Bound claim and its PV point at each
other; no binding violates size, volumeMode or access modes, nor — unless the user
pre-bound the PV by hand — class and selector. (When the user pre-binds both sides, PV
claimRef and claim volumeName, Kubernetes checks nothing, so neither do we.)
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import binding
from core.controllers.pv_controller import replace_changes
from core.errors import ApiError
from core.objects import uid_of
from tests.core.test_binding_helpers import live_cluster, new_claim, new_volume, storage_class

PV, PVC = "PersistentVolume", "PersistentVolumeClaim"
SIZES = ("1Gi", "2Gi", "1G", "5Gi", "10Gi", "500Mi")
MODE_SETS = (("ReadWriteOnce",), ("ReadOnlyMany",), ("ReadWriteMany",),
             ("ReadWriteOnce", "ReadOnlyMany"), ("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany"))
PV_NAMES = tuple(f"pv{i}" for i in range(5))
CLAIM_NAMES = tuple(f"c{i}" for i in range(5))
NFS = {"nfs": {"server": "10.0.0.1", "path": "/exports"}}

pv_op = st.tuples(st.just("pv"), st.sampled_from(PV_NAMES), st.sampled_from(SIZES),
                  st.sampled_from(MODE_SETS), st.sampled_from(("", "gold", "nfs")),
                  st.sampled_from(("Filesystem", "Block")),
                  st.sampled_from(({}, {"tier": "fast"})),
                  st.sampled_from(("Retain", "Delete", "Recycle")))
claim_op = st.tuples(st.just("pvc"), st.sampled_from(CLAIM_NAMES), st.sampled_from(SIZES),
                     st.sampled_from(MODE_SETS), st.sampled_from((None, "", "gold", "nfs")),
                     st.sampled_from(("Filesystem", "Block")),
                     st.sampled_from((None, {"matchLabels": {"tier": "fast"}})),
                     st.sampled_from((None,) * 3 + PV_NAMES))
delete_op = st.tuples(st.sampled_from(("del_pv", "del_pvc")),
                      st.sampled_from(PV_NAMES + CLAIM_NAMES))
patch_op = st.tuples(st.just("patch"), st.sampled_from(PV_NAMES),
                     st.sampled_from(CLAIM_NAMES + ("clear", "clear_uid")), st.booleans())
operations = st.lists(st.one_of(pv_op, claim_op, delete_op, patch_op), max_size=14)


def apply(cluster: Any, op: tuple, user_prebound: set[str]) -> None:
    kind = op[0]
    try:
        if kind == "pv":
            _, name, size, modes, cls, mode, labels, policy = op
            cluster.api.create(new_volume(name, size, "", "", "", policy, cls, modes=modes,
                                          volume_mode=mode, source=NFS, labels=labels))
        elif kind == "pvc":
            _, name, size, modes, cls, mode, selector, volume = op
            cluster.api.create(new_claim(name, "", size, volume or "", "Pending", cls, modes=modes,
                                         volume_mode=mode, selector=selector))
        elif kind == "del_pv":
            cluster.api.delete(PV, "", op[1])
        elif kind == "del_pvc":
            cluster.api.delete(PVC, "default", op[1])
        elif kind == "patch":
            _, name, target, with_uid = op
            volume = cluster.store.get(PV, "", name)
            if volume is None:
                return
            ref = binding.claim_ref_of(volume)
            if target == "clear":
                changes: dict = {"spec": {"claimRef": None}}
            elif target == "clear_uid":
                if ref is None:
                    return
                changes = {"spec": {"claimRef": replace_changes(
                    ref, {k: v for k, v in ref.items() if k not in ("uid", "resourceVersion")})}}
            else:
                new_ref = {"kind": PVC, "apiVersion": "v1", "namespace": "default", "name": target}
                claim = cluster.store.get(PVC, "default", target)
                if with_uid and claim is not None:
                    new_ref["uid"] = uid_of(claim)
                changes = {"spec": {"claimRef": replace_changes(ref, new_ref)}}
                user_prebound.add(name)
            cluster.api.write(volume, changes, actor="kubectl", reason="patch claimRef")
    except ApiError:
        return
    cluster.settle()
    cluster.advance(cluster.settings.pv_resync_ms)


def check_invariants(cluster: Any, user_prebound: set[str], named: dict[str, str]) -> None:
    store = cluster.store
    claims = store.list(PVC)
    bound_per_pv: dict[str, int] = {}
    for claim in claims:
        if binding.phase(claim) != "Bound":
            continue
        volume_name = claim["spec"]["volumeName"]
        bound_per_pv[volume_name] = bound_per_pv.get(volume_name, 0) + 1
        volume = store.get(PV, "", volume_name)
        assert volume is not None, f"Bound claim {claim['metadata']['name']} has no PV"
        ref = binding.claim_ref_of(volume)
        assert ref is not None and ref.get("uid") == uid_of(claim), "claimRef/volumeName disagree"
        assert binding.phase(volume) == "Bound"
        if volume_name in user_prebound and named.get(claim["metadata"]["name"]) == volume_name:
            # Both sides pre-bound by the user: Kubernetes binds them with no check at all.
            continue
        assert binding.volume_capacity(volume) >= binding.requested_storage(claim), "size"
        assert not binding.volume_mode_mismatch(claim, volume), "volumeMode"
        assert binding.check_access_modes(claim, volume), "access modes"
        if volume_name not in user_prebound:
            assert binding.claim_class(claim) == binding.volume_class(volume), "class"
            if claim["metadata"]["name"] not in named:
                assert binding.selector_matches(claim["spec"].get("selector"),
                                                volume["metadata"].get("labels") or {}), "selector"
    assert all(count == 1 for count in bound_per_pv.values()), "a PV bound to two claims"
    for volume in store.list(PV):
        if binding.phase(volume) != "Bound" or binding.is_deleting(volume):
            continue
        ref = binding.claim_ref_of(volume)
        assert ref is not None and ref.get("uid")
        claim = store.get(PVC, ref.get("namespace") or "", ref.get("name") or "")
        assert claim is not None and uid_of(claim) == ref["uid"], "Bound PV without its claim"
        assert claim["spec"].get("volumeName") == volume["metadata"]["name"]


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(operations)
def test_random_operations_keep_binding_invariants(ops: list[tuple]) -> None:
    cluster = live_cluster(storage_class("gold"),
                           storage_class("nfs", provisioner="nfs-subdir-external-provisioner"))
    user_prebound: set[str] = set()
    named: dict[str, str] = {}
    for op in ops:
        # Only a claim this op really creates names its volume (a duplicate is refused).
        if op[0] == "pvc" and op[7] and cluster.store.get(PVC, "default", op[1]) is None:
            named[op[1]] = op[7]
        apply(cluster, op, user_prebound)
        check_invariants(cluster, user_prebound, named)
