"""The graph projection: what the seed looks like, relation rules, and incremental == rebuild."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.cluster import Cluster
from core.graph import (
    BOUND,
    REQUESTED,
    RESERVED,
    GraphProjection,
    GraphSnapshot,
    binding_state,
    build_snapshot,
    node_of,
    node_status_text,
    pod_status_text,
)
from tests.core.test_graph_fixtures import large_manifests, node, seed_cluster, settled_seed


def names(snapshot: GraphSnapshot) -> dict[str, str]:
    return {n.id: n.name for n in snapshot.nodes}


def relation_set(snapshot: GraphSnapshot) -> set[tuple[str, str, str, str]]:
    by_id = names(snapshot)
    return {(by_id[e.source], by_id[e.target], e.relation, e.state) for e in snapshot.edges}


def status_of(snapshot: GraphSnapshot, kind: str, name: str) -> str:
    matches = [n for n in snapshot.nodes if n.kind == kind and n.name == name]
    assert len(matches) == 1, (kind, name, matches)
    return matches[0].status


# ---- the seed ---------------------------------------------------------------------------

def test_seed_nodes_and_statuses():
    snap = GraphProjection(seed_cluster()).snapshot()
    assert status_of(snap, "PersistentVolume", "pv0001") == "Bound"
    for pv in ("pv0002", "pv0003", "pv0004"):
        assert status_of(snap, "PersistentVolume", pv) == "Available"
    assert status_of(snap, "PersistentVolumeClaim", "www-web-0") == "Bound"
    assert status_of(snap, "PersistentVolumeClaim", "www-web-1") == "Pending"
    assert status_of(snap, "Pod", "web-0") == "Running"
    assert status_of(snap, "Pod", "web-1") == "Pending"
    assert status_of(snap, "Node", "node-1") == "Ready"
    # Implied: the NFS server the PVs name, its four exports, and the two classes
    # the objects name but nobody created.
    assert status_of(snap, "NFSServer", "192.168.6.189") == ""
    assert sorted(n.name for n in snap.by_kind("NFSExport")) == [
        "/nfs/pv1", "/nfs/pv2", "/nfs/pv3", "/nfs/pv4"]
    assert status_of(snap, "StorageClass", "nfs") == "Not found"
    assert status_of(snap, "StorageClass", "nfs-nginx") == "Not found"
    assert not any(n.kind == "Event" for n in snap.nodes)


def test_seed_labels_carry_the_facts():
    snap = GraphProjection(seed_cluster()).snapshot()
    pv = next(n for n in snap.nodes if n.name == "pv0002")
    assert (pv.fact("capacity"), pv.fact("modes"), pv.fact("class"), pv.fact("reclaim")) == (
        "2Gi", ("ROX",), "nfs", "Retain")
    claim = next(n for n in snap.nodes if n.name == "www-web-0")
    assert (claim.fact("request"), claim.fact("modes"), claim.fact("class"),
            claim.fact("volume")) == ("1Gi", ("RWO",), "nfs", "pv0001")
    pod = next(n for n in snap.nodes if n.name == "web-0")
    assert pod.fact("dns") == "web-0.nginx.default.svc.cluster.local"
    assert (pod.fact("node"), pod.fact("ip")) == ("node-1", "10.244.1.2")
    pending = next(n for n in snap.nodes if n.name == "web-1")
    assert "unbound immediate PersistentVolumeClaims" in pending.fact("message")
    assert pod.fact("dns_ready") is True
    assert pending.fact("dns_ready") is False
    sts = next(n for n in snap.nodes if n.kind == "StatefulSet")
    assert sts.fact("ready") == "1/2"


def test_seed_relations():
    snap = GraphProjection(seed_cluster()).snapshot()
    server = "192.168.6.189"
    expected = {
        *((server, f"/nfs/pv{i}", "serves", "") for i in range(1, 5)),
        *((f"/nfs/pv{i}", f"pv000{i}", "export", "") for i in range(1, 5)),
        ("nfs", "pv0001", "class", ""), ("nfs", "pv0002", "class", ""),
        ("nfs", "pv0003", "class", ""), ("nfs-nginx", "pv0004", "class", ""),
        ("nfs", "www-web-0", "class", ""), ("nfs", "www-web-1", "class", ""),
        ("pv0001", "www-web-0", "binding", "bound"),
        ("www-web-0", "web-0", "mount", ""), ("www-web-1", "web-1", "mount", ""),
        ("web", "web-0", "owns", ""), ("web", "web-1", "owns", ""),
        ("web", "www-web-0", "template", ""), ("web", "www-web-1", "template", ""),
        ("nginx", "web-0", "selects", ""), ("nginx", "web-1", "selects", ""),
        ("web-0", "node-1", "scheduled", ""),
    }
    assert relation_set(snap) == expected


def test_seed_applied_to_a_real_cluster_matches_rebuild():
    """Whatever the controllers do, the incremental graph equals the one rebuilt."""
    from tests.core.test_graph_fixtures import seed_documents

    cluster = Cluster()
    projection = GraphProjection(cluster)
    for doc in seed_documents():
        cluster.api.create(doc)
    cluster.settle()
    snap = projection.snapshot()
    assert snap == build_snapshot(cluster.store.all_objects())
    assert {n.name for n in snap.by_kind("PersistentVolume")} == {
        "pv0001", "pv0002", "pv0003", "pv0004"}


# ---- relation rules, table-driven ----------------------------------------------------------

def _pv(claim_ref=None):
    obj = {"kind": "PersistentVolume", "metadata": {"name": "pv1", "uid": "pv-uid"}, "spec": {}}
    if claim_ref:
        obj["spec"]["claimRef"] = claim_ref
    return obj


def _claim(volume_name=None, uid="c-uid"):
    obj = {"kind": "PersistentVolumeClaim",
           "metadata": {"name": "c1", "namespace": "default", "uid": uid}, "spec": {}}
    if volume_name:
        obj["spec"]["volumeName"] = volume_name
    return obj


REF = {"namespace": "default", "name": "c1", "uid": "c-uid"}


@pytest.mark.parametrize(("pv", "claim", "state"), [
    # The PV controller's binding writes, in order (bindVolumeToClaim, then bindClaimToVolume).
    pytest.param(_pv(), _claim(), None, id="unrelated"),
    pytest.param(_pv(REF), _claim(), RESERVED, id="claimRef-set-first"),
    pytest.param(_pv(REF), _claim("pv1"), BOUND, id="both-sides-bound"),
    pytest.param(_pv(), _claim("pv1"), REQUESTED, id="claim-prebound-to-volume"),
    pytest.param(_pv({**REF, "uid": "old-uid"}), _claim(), None, id="claimRef-to-deleted-claim"),
    pytest.param(_pv({**REF, "uid": "old-uid"}), _claim("pv1"), REQUESTED,
                 id="new-claim-same-name-asks-released-volume"),
    pytest.param(_pv({"name": "c1"}), _claim(), RESERVED, id="claimRef-without-namespace-or-uid"),
    pytest.param(_pv({**REF, "namespace": "other"}), _claim(), None, id="claimRef-other-namespace"),
])
def test_binding_state(pv, claim, state):
    assert binding_state(pv, claim) == state


def _pod(status=None, deleting=False):
    pod = {"kind": "Pod", "metadata": {"name": "p", "namespace": "default", "uid": "u"},
           "spec": {"containers": [{"name": "c"}]}, "status": status or {}}
    # A real pod's spec lists every init container its status reports on.
    inits = [{"name": s["name"]} for s in (status or {}).get("initContainerStatuses", ())]
    if inits:
        pod["spec"]["initContainers"] = inits
    if deleting:
        pod["metadata"]["deletionTimestamp"] = "2025-01-01T00:00:10Z"
    return pod


def _waiting(reason):
    return {"phase": "Pending", "containerStatuses": [
        {"name": "c", "ready": False, "state": {"waiting": {"reason": reason}}}]}


@pytest.mark.parametrize(("pod", "text"), [
    # kubectl's printPod: phase, then container reasons, then deletion.
    pytest.param(_pod(), "Pending", id="no-status"),
    pytest.param(_pod(_waiting("ContainerCreating")), "ContainerCreating", id="waiting-reason"),
    pytest.param(_pod({"phase": "Running", "containerStatuses": [
        {"name": "c", "ready": True, "state": {"running": {}}}]}), "Running", id="running"),
    pytest.param(_pod({"phase": "Running", "containerStatuses": [
        {"name": "c", "ready": True, "state": {"running": {}}}]}, deleting=True),
        "Terminating", id="deleting"),
    pytest.param(_pod({"phase": "Running", "reason": "NodeLost"}, deleting=True), "Unknown",
                 id="node-lost"),
    pytest.param(_pod({"phase": "Failed", "containerStatuses": [
        {"name": "c", "state": {"terminated": {"exitCode": 137}}}]}), "ExitCode:137",
        id="terminated-without-reason"),
    pytest.param(_pod({"phase": "Pending", "initContainerStatuses": [
        {"name": "i", "state": {"waiting": {"reason": "PodInitializing"}}}]}), "Init:0/1",
        id="init-container"),
])
def test_pod_status_text_like_kubectl(pod, text):
    assert pod_status_text(pod) == text


@pytest.mark.parametrize(("obj", "text"), [
    pytest.param(node("n"), "Ready", id="ready"),
    pytest.param(node("n", ready=False), "NotReady", id="not-ready"),
    pytest.param(node("n", unschedulable=True), "Ready,SchedulingDisabled", id="cordoned"),
    pytest.param({"kind": "Node", "metadata": {"name": "n"}}, "Unknown", id="no-conditions"),
])
def test_node_status_text_like_kubectl(obj, text):
    assert node_status_text(obj) == text


def test_terminating_claim_keeps_phase_in_facts():
    claim = _claim("pv1")
    claim["metadata"]["deletionTimestamp"] = "2025-01-01T00:00:00Z"
    claim["status"] = {"phase": "Bound"}
    graph_node = node_of(claim)
    assert graph_node.status == "Terminating"
    assert graph_node.fact("phase") == "Bound"


# ---- change by change ---------------------------------------------------------------------

def test_binding_shows_as_two_deltas():
    """bindVolumeToClaim then bindClaimToVolume: reserved first, then bound."""
    cluster = seed_cluster()
    projection = GraphProjection(cluster)
    pv = cluster.get("PersistentVolume", "", "pv0003")
    claim = cluster.get("PersistentVolumeClaim", "default", "www-web-1")
    ref = {"kind": "PersistentVolumeClaim", "namespace": "default", "name": "www-web-1",
           "uid": claim["metadata"]["uid"]}
    cluster.api.write(pv, {"spec": {"claimRef": ref}}, actor="test", reason="bind: set claimRef")
    snap = projection.snapshot()
    first = snap.recent[-1]
    assert [(e.relation, e.state) for e in first.edges_added] == [("binding", RESERVED)]
    cluster.api.write(claim, {"spec": {"volumeName": "pv0003"}}, actor="test",
                      reason="bind: set volumeName")
    second = projection.snapshot().recent[-1]
    assert [(e.relation, e.state) for e in second.edges_changed] == [("binding", BOUND)]
    assert [n.name for n in second.nodes_changed] == ["www-web-1"]
    cluster.api.write(pv, {"status": {"phase": "Bound"}}, actor="test", reason="phase")
    third = projection.snapshot().recent[-1]
    assert [(n.name, n.status) for n in third.nodes_changed] == [("pv0003", "Bound")]
    assert not third.edges_added and not third.edges_changed


def test_events_do_not_touch_the_graph():
    cluster = seed_cluster()
    projection = GraphProjection(cluster)
    before = projection.snapshot()
    pv = cluster.get("PersistentVolume", "", "pv0001")
    cluster.recorder.emit(pv, "Normal", "Test", "hello", component="test")
    after = projection.snapshot()
    assert after == before
    assert after.seq > before.seq


def test_snapshot_is_immutable_and_detached():
    cluster = seed_cluster()
    projection = GraphProjection(cluster)
    snap = projection.snapshot()
    with pytest.raises(AttributeError):
        snap.seq = 5  # type: ignore[misc]
    count = len(snap.nodes)
    cluster.api.delete("PersistentVolume", "", "pv0004")
    assert len(snap.nodes) == count
    # The PV, its export, and class nfs-nginx, which only pv0004 named.
    assert len(projection.snapshot().nodes) == count - 3


def test_importing_the_graph_does_not_load_networkx():
    # networkx took a fifth of a second of every start; only to_networkx() needs it.
    import subprocess
    import sys
    from pathlib import Path

    code = "import sys, core.graph; print('networkx' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parents[2], timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_to_networkx_copies_the_live_graph():
    projection = GraphProjection(seed_cluster())
    snap = projection.snapshot()
    g = projection.to_networkx()
    assert sorted(g.nodes) == sorted(n.id for n in snap.nodes)
    assert sorted(g.edges) == sorted(e.key for e in snap.edges)
    edge = snap.edges[0]
    assert g.edges[edge.key]["edge"] == edge
    g.remove_node(edge.source)  # a copy: the projection does not change
    assert projection.snapshot() == snap


@pytest.mark.parametrize("objects", [settled_seed(), large_manifests()],
                         ids=["seed", "large"])
def test_bulk_load_equals_loading_one_by_one(objects):
    # The bulk build asks each edge's spoke end only; a change asks both ends of every
    # edge it touches. Both must give the graph the reference derivation gives.
    from core.objects import key_of

    bulk = GraphProjection(objects=objects, subscribe=False).snapshot()
    one_by_one = GraphProjection(subscribe=False)
    for obj in objects:
        one_by_one._apply_object(key_of(obj), None, obj)
    assert one_by_one.snapshot() == bulk
    assert bulk == build_snapshot(objects)
    assert len(bulk.edges) > len(objects) // 2


def test_declared_nfs_server_that_does_not_export_the_pv_paths():
    """The seed post exports /nfsdata but its PVs name /nfs/pv1..4 (README)."""
    manifests = settled_seed()
    manifests.append({"apiVersion": "simulator.pvgraph.dev/v1alpha1", "kind": "NFSServer",
                      "metadata": {"name": "nfs-1", "uid": "uid-nfs-1"},
                      "spec": {"address": "192.168.6.189",
                               "exports": [{"path": "/nfsdata", "clients": "*"}]}})
    snap = GraphProjection(Cluster.from_manifests(manifests)).snapshot()
    exports = {n.name: n for n in snap.by_kind("NFSExport")}
    assert exports["/nfs/pv1"].status == "Not exported"
    assert exports["/nfsdata"].status == "Exported"
    server = snap.by_kind("NFSServer")
    assert [s.id for s in server] == ["uid-nfs-1"]
    assert server[0].fact("declared") is True
    assert snap == build_snapshot(Cluster.from_manifests(manifests).store.all_objects())


def test_creating_the_storage_class_replaces_the_implied_one():
    cluster = seed_cluster()
    projection = GraphProjection(cluster)
    cluster.api.restore({"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
                         "metadata": {"name": "nfs", "uid": "uid-sc-nfs"},
                         "provisioner": "example.com/nfs"})
    snap = projection.snapshot()
    classes = {n.name: n for n in snap.by_kind("StorageClass")}
    assert classes["nfs"].id == "uid-sc-nfs" and classes["nfs"].status == ""
    assert classes["nfs-nginx"].status == "Not found"
    assert ("nfs", "www-web-1", "class", "") in relation_set(snap)
    delta = snap.recent[-1]
    assert {n.id for n in delta.nodes_removed} == {"sc:nfs"}
    assert snap == build_snapshot(cluster.store.all_objects())


def test_large_cluster_projection_matches_rebuild():
    cluster = Cluster.from_manifests(large_manifests(n_sets=12, replicas=5, namespaces=3))
    assert GraphProjection(cluster).snapshot() == build_snapshot(cluster.store.all_objects())


def test_five_thousand_objects_project():
    cluster = Cluster.from_manifests(large_manifests(n_sets=150, replicas=11, namespaces=8))
    assert cluster.store.count("Pod") == 1650
    snap = GraphProjection(cluster).snapshot()
    assert len(snap.by_kind("PersistentVolumeClaim")) == 1650
    assert sum(1 for e in snap.edges if e.state == BOUND) == 1650


# ---- incremental == rebuild, for random histories ------------------------------------------

NAMES = ("a-0", "a-1", "b-0", "db-a-0", "db-a-1")
NAMESPACES = ("default", "other")


@st.composite
def objects(draw):
    """A random object of a projected kind whose references often hit other objects."""
    kind = draw(st.sampled_from(["PersistentVolume", "PersistentVolumeClaim", "Pod",
                                 "StatefulSet", "Service", "Node", "StorageClass", "NFSServer"]))
    name = draw(st.sampled_from(NAMES))
    ns = draw(st.sampled_from(NAMESPACES))
    cls = draw(st.sampled_from(["", "fast", "slow"]))
    labels = {"app": draw(st.sampled_from(["a", "db"]))}
    if kind == "PersistentVolume":
        spec = {"storageClassName": cls,
                "nfs": {"server": draw(st.sampled_from(["s1", "s2"])),
                        "path": draw(st.sampled_from(["/x", "/y", "/y/z"]))}}
        if draw(st.booleans()):
            spec["claimRef"] = {"namespace": ns, "name": draw(st.sampled_from(NAMES)),
                                **({"uid": draw(st.sampled_from(["u1", "u2"]))}
                                   if draw(st.booleans()) else {})}
        return {"kind": kind, "metadata": {"name": name}, "spec": spec,
                "status": {"phase": draw(st.sampled_from(["Available", "Bound", "Released"]))}}
    if kind == "PersistentVolumeClaim":
        spec = {}
        if draw(st.booleans()):
            spec["storageClassName"] = cls
        if draw(st.booleans()):
            spec["volumeName"] = draw(st.sampled_from(NAMES))
        return {"kind": kind, "metadata": {"name": name, "namespace": ns, "labels": labels},
                "spec": spec}
    if kind == "Pod":
        meta = {"name": name, "namespace": ns, "labels": labels}
        if draw(st.booleans()):
            meta["ownerReferences"] = [{"kind": "StatefulSet", "name": draw(st.sampled_from(
                ["a", "db"]))}]
        spec = {"volumes": [{"name": "v", "persistentVolumeClaim": {
            "claimName": draw(st.sampled_from(NAMES))}}]}
        if draw(st.booleans()):
            spec["nodeName"] = draw(st.sampled_from(NAMES))
        return {"kind": kind, "metadata": meta, "spec": spec}
    if kind == "StatefulSet":
        return {"kind": kind, "metadata": {"name": draw(st.sampled_from(["a", "db"])),
                                           "namespace": ns},
                "spec": {"replicas": 2, "volumeClaimTemplates": [
                    {"metadata": {"name": draw(st.sampled_from(["db", "data"]))}}]}}
    if kind == "Service":
        return {"kind": kind, "metadata": {"name": name, "namespace": ns},
                "spec": {"selector": {"app": draw(st.sampled_from(["a", "db"]))}}}
    if kind == "Node":
        return node(name, ready=draw(st.booleans()))
    if kind == "StorageClass":
        return {"kind": kind, "metadata": {"name": draw(st.sampled_from(["fast", "slow"]))},
                "provisioner": "p"}
    annotations = {"simulator.pvgraph.dev/implied": "true"} if draw(st.booleans()) else {}
    return {"kind": kind, "metadata": {"name": name, "annotations": annotations},
            "spec": {"address": draw(st.sampled_from(["s1", "s2"])),
                     "exports": [{"path": p} for p in draw(st.lists(
                         st.sampled_from(["/x", "/y", "/w"]), max_size=2))]}}


operations = st.lists(st.tuples(st.sampled_from(["put", "put", "delete"]), objects()),
                      min_size=1, max_size=25)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(operations)
def test_incremental_projection_equals_rebuild(ops):
    cluster = Cluster.from_manifests(settled_seed())
    projection = GraphProjection(cluster)
    for op, obj in ops:
        kind = obj["kind"]
        ns = obj["metadata"].get("namespace", "") if kind not in (
            "PersistentVolume", "Node", "StorageClass", "NFSServer") else ""
        key = (kind, ns, obj["metadata"]["name"])
        existing = cluster.store.get_key(key)
        if op == "delete":
            if existing is not None:
                cluster.store.remove(key, actor="test", reason="delete")
            continue
        if existing is not None:
            obj = {**obj, "metadata": {**obj["metadata"],
                                       "uid": existing["metadata"]["uid"]}}
        cluster.api.restore(obj)
    assert projection.snapshot() == build_snapshot(cluster.store.all_objects())
    fresh = GraphProjection(cluster, subscribe=False).snapshot()
    assert fresh == projection.snapshot()


@settings(max_examples=40, deadline=None)
@given(operations)
def test_deltas_replay_to_the_snapshot(ops):
    """Applying every delta, in order, to the first snapshot gives the last one."""
    cluster = Cluster.from_manifests(settled_seed())
    projection = GraphProjection(cluster)
    nodes = {n.id: n for n in projection.snapshot().nodes}
    edges = {e.key: e for e in projection.snapshot().edges}
    for op, obj in ops:
        kind = obj["kind"]
        ns = obj["metadata"].get("namespace", "") if kind not in (
            "PersistentVolume", "Node", "StorageClass", "NFSServer") else ""
        key = (kind, ns, obj["metadata"]["name"])
        if op == "delete":
            if cluster.store.get_key(key) is not None:
                cluster.store.remove(key, actor="test", reason="delete")
        else:
            existing = cluster.store.get_key(key)
            if existing is not None:
                obj = {**obj, "metadata": {**obj["metadata"], "uid": existing["metadata"]["uid"]}}
            cluster.api.restore(obj)
    for delta in projection.snapshot().recent:
        for n in delta.nodes_removed:
            del nodes[n.id]
        for n in (*delta.nodes_added, *delta.nodes_changed):
            nodes[n.id] = n
        for e in delta.edges_removed:
            del edges[e.key]
        for e in (*delta.edges_added, *delta.edges_changed):
            edges[e.key] = e
    assert GraphSnapshot(nodes, edges) == projection.snapshot()


def test_pod_dns_is_resolvable_exactly_when_cluster_dns_would_answer():
    """The graph's dns_ready agrees with core.statefulsets.pod_dns_names (the Endpoints rule)."""
    from core.statefulsets import pod_dns_names
    from tests.core.test_graph_fixtures import seed_documents

    cluster = Cluster()  # the real controllers, so an Endpoints object exists
    for doc in seed_documents():
        cluster.api.create(doc)
    cluster.settle()
    snap = GraphProjection(cluster).snapshot()
    pods = {n.name: n for n in snap.nodes if n.kind == "Pod"}
    assert set(pods) == {"web-0", "web-1"}
    for obj in cluster.store.list("Pod"):
        node = pods[obj["metadata"]["name"]]
        assert node.fact("dns_ready") is bool(pod_dns_names(cluster, obj)), node.name
    assert pods["web-0"].fact("dns_ready") and not pods["web-1"].fact("dns_ready")


def test_pod_status_text_agrees_with_kubectl_through_a_graceful_delete():
    """Every stage of a pod's end reads the same in the graph and in ``kubectl get pods``."""
    from core import Cluster
    from core.graph import pod_status_text

    cluster = Cluster()
    cluster.apply_manifests("""apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: c, image: nginx}]
""")
    cluster.settle()
    seen = []

    def record(change):
        if change.key == ("Pod", "default", "p") and change.new is not None:
            row = cluster.run("kubectl get pod p").splitlines()[1].split()
            seen.append((pod_status_text(change.new), row[2]))

    cluster.subscribe(record)
    cluster.run("kubectl delete pod p --wait=false")
    cluster.settle()
    assert seen and all(graph == kubectl for graph, kubectl in seen)
    assert [s for s, _ in seen] == ["Terminating", "Completed"]
