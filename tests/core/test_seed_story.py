"""The seed document's whole story, end to end through ``Cluster.run``.

The bundled scripts (assets/scripts/) are run line by line; at each ``snapshot`` line
the cluster's state is checked against what a real cluster would show there. These
tests need every controller (scheduler, kubelet, PV controller, GC...) and the commands.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from core import Cluster
from core.objects import get_path, is_deleting, phase_of, uid_of
from core.statefulsets import is_running_and_ready, pod_dns_names

SCRIPTS = Path(__file__).resolve().parents[2] / "assets" / "scripts"


def script_lines(name: str) -> list[str]:
    lines = []
    for raw in (SCRIPTS / name).read_text().splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            lines.append(line)
    return lines


def new_cluster() -> Cluster:
    cluster = Cluster()
    cluster.script_dir = SCRIPTS
    return cluster


def run_with_checkpoints(name: str, checks: dict[str, Callable[[Cluster, dict], None]]
                         ) -> tuple[Cluster, dict]:
    """Run a bundled script through Cluster.run; call ``checks[snapshot]`` at each snapshot."""
    cluster = new_cluster()
    outputs: dict = {"lines": []}
    seen = []
    for line in script_lines(name):
        if line.startswith("say "):
            continue
        if line.startswith("snapshot "):
            label = line.split(None, 1)[1]
            seen.append(label)
            checks[label](cluster, outputs)
            continue
        outputs["lines"].append((line, cluster.run(line)))
    assert seen == list(checks), "every snapshot is checked, in order"
    return cluster, outputs


def pv(cluster: Cluster, name: str) -> dict:
    obj = cluster.get("PersistentVolume", "", name)
    assert obj is not None, name
    return obj


def pvc(cluster: Cluster, name: str) -> dict | None:
    return cluster.get("PersistentVolumeClaim", "default", name)


def pod(cluster: Cluster, name: str) -> dict | None:
    return cluster.get("Pod", "default", name)


def last_output(outputs: dict, prefix: str) -> str:
    for line, text in reversed(outputs["lines"]):
        if line.startswith(prefix):
            return text
    raise AssertionError(f"no output for {prefix!r}")


# ---- the seed walkthrough -------------------------------------------------------------
def _pvs_available(cluster, outputs):
    for name in ("pv0001", "pv0002", "pv0003", "pv0004"):
        assert phase_of(pv(cluster, name)) == "Available"
    table = last_output(outputs, "kubectl get pv")
    assert table.splitlines()[0].split()[:4] == ["NAME", "CAPACITY", "ACCESS", "MODES"]


def _web_1_pending(cluster, outputs):
    assert phase_of(pvc(cluster, "www-web-0")) == "Bound"
    assert get_path(pvc(cluster, "www-web-0"), "spec", "volumeName") == "pv0001"
    assert phase_of(pvc(cluster, "www-web-1")) == "Pending"
    assert is_running_and_ready(pod(cluster, "web-0"))
    web1 = pod(cluster, "web-1")
    assert phase_of(web1) == "Pending" and not get_path(web1, "spec", "nodeName")
    reasons = {(e["reason"], e["message"]) for e in cluster.events()
               if e["involvedObject"].get("name") == "www-web-1"}
    assert ("ProvisioningFailed", 'storageclass.storage.k8s.io "nfs" not found') in reasons
    status = cluster.get("StatefulSet", "default", "web")["status"]
    assert (status["replicas"], status.get("readyReplicas")) == (2, 1)
    for other in ("pv0002", "pv0003", "pv0004"):
        assert phase_of(pv(cluster, other)) == "Available"
    pods = last_output(outputs, "kubectl get pods -o wide")
    assert "web-1" in pods and "Pending" in pods


def _web_running(cluster, outputs):
    assert get_path(pvc(cluster, "www-web-1"), "spec", "volumeName") == "pv0005"
    for name in ("web-0", "web-1"):
        assert is_running_and_ready(pod(cluster, name))
    assert pod_dns_names(cluster, pod(cluster, "web-0")) == [
        "web-0.nginx.default.svc.cluster.local"]
    assert pod_dns_names(cluster, pod(cluster, "web-1")) == [
        "web-1.nginx.default.svc.cluster.local"]
    endpoints = cluster.get("Endpoints", "default", "nginx")
    hostnames = sorted(a.get("hostname") for s in endpoints["subsets"] for a in s["addresses"])
    assert hostnames == ["web-0", "web-1"]


def _pvs_released(cluster, outputs):
    assert "hello" in last_output(outputs, "kubectl exec web-0")
    assert not cluster.store.list("Pod", "default")
    assert not cluster.store.list("PersistentVolumeClaim", "default")
    for name, claim in (("pv0001", "www-web-0"), ("pv0005", "www-web-1")):
        volume = pv(cluster, name)
        assert phase_of(volume) == "Released"
        assert get_path(volume, "spec", "claimRef", "name") == claim
    for name in ("pv0002", "pv0003", "pv0004"):
        assert phase_of(pv(cluster, name)) == "Available"
    assert "hello" in last_output(outputs, "nfs cat")
    # The StatefulSet's deletion left the claims (Retain) until they were deleted by hand.
    assert "www-web-0" in last_output(outputs, "kubectl get pvc")


def _pv0001_available(cluster, outputs):
    assert phase_of(pvc(cluster, "www-web-0")) == "Pending"
    assert phase_of(pod(cluster, "web-0")) == "Pending"
    volume = pv(cluster, "pv0001")
    assert phase_of(volume) == "Available" and not get_path(volume, "spec", "claimRef")
    assert phase_of(pv(cluster, "pv0005")) == "Released"


def _recovered(cluster, outputs):
    assert get_path(pvc(cluster, "www-web-0"), "spec", "volumeName") == "pv0001"
    assert get_path(pvc(cluster, "www-web-1"), "spec", "volumeName") == "pv0005"
    assert get_path(pv(cluster, "pv0001"), "spec", "claimRef", "uid") == \
        uid_of(pvc(cluster, "www-web-0"))
    for name in ("web-0", "web-1"):
        assert is_running_and_ready(pod(cluster, name))
    assert "hello" in last_output(outputs, "kubectl exec web-0")


def test_seed_walkthrough_matches_a_real_cluster():
    run_with_checkpoints("seed-walkthrough.script", {
        "pvs-available": _pvs_available,
        "web-1-pending": _web_1_pending,
        "web-running": _web_running,
        "pvs-released": _pvs_released,
        "pv0001-available": _pv0001_available,
        "recovered": _recovered,
    })


def test_seed_walkthrough_events_on_the_statefulset():
    cluster, _ = run_with_checkpoints("seed-walkthrough.script", {
        name: (lambda c, o: None) for name in (
            "pvs-available", "web-1-pending", "web-running", "pvs-released",
            "pv0001-available", "recovered")})
    messages = [e["message"] for e in cluster.events()
                if e["involvedObject"].get("kind") == "StatefulSet"]
    first = messages[:4]
    assert first == ["create Claim www-web-0 Pod web-0 in StatefulSet web success",
                     "create Pod web-0 in StatefulSet web successful",
                     "create Claim www-web-1 Pod web-1 in StatefulSet web success",
                     "create Pod web-1 in StatefulSet web successful"]


# ---- a pod moving to another node -----------------------------------------------------
def _pods(cluster):
    return {name: pod(cluster, name) for name in ("web-0", "web-1")}


def test_pod_moves_node_keeping_name_dns_and_claim():
    memory: dict = {}

    def before(cluster, outputs):
        pods = _pods(cluster)
        assert all(p is not None and is_running_and_ready(p) for p in pods.values())
        memory["ip"] = {n: p["status"]["podIP"] for n, p in pods.items()}
        memory["node"] = {n: p["spec"]["nodeName"] for n, p in pods.items()}
        memory["claims"] = {n: uid_of(pvc(cluster, f"www-{n}")) for n in pods}

    def drained(cluster, outputs):
        pods = _pods(cluster)
        for name, p in pods.items():
            assert is_running_and_ready(p)
            assert p["spec"]["nodeName"] == "node-2"
            assert uid_of(pvc(cluster, f"www-{name}")) == memory["claims"][name]
            if memory["node"][name] == "node-1":
                assert p["status"]["podIP"] != memory["ip"][name]
            assert pod_dns_names(cluster, p) == [f"{name}.nginx.default.svc.cluster.local"]
        assert "hello" in last_output(outputs, "kubectl exec web-0")

    def moved(cluster, outputs):
        pods = _pods(cluster)
        for name, p in pods.items():
            assert is_running_and_ready(p) and not is_deleting(p)
            assert p["spec"]["nodeName"] == "node-1"
            assert p["status"]["podIP"] != memory["ip"][name]
            assert uid_of(pvc(cluster, f"www-{name}")) == memory["claims"][name]
            assert pod_dns_names(cluster, p) == [f"{name}.nginx.default.svc.cluster.local"]
        assert "hello" in last_output(outputs, "kubectl exec web-0")

    def node_failed(cluster, outputs):
        node = cluster.get("Node", "", "node-2")
        ready = [c for c in node["status"]["conditions"] if c["type"] == "Ready"]
        assert ready and ready[0]["status"] != "True"
        for name, p in _pods(cluster).items():
            # Evicted but unconfirmed: the old pod stays, so no second web-N can start.
            assert p is not None and is_deleting(p) and p["spec"]["nodeName"] == "node-2", name
        assert "Terminating" in last_output(outputs, "kubectl get pods -o wide")

    run_with_checkpoints("pod-moves-node.script", {
        "before": before, "drained": drained, "node-failed": node_failed, "moved": moved})


@pytest.mark.parametrize("name", ["seed-walkthrough.script", "pod-moves-node.script"])
def test_bundled_script_runs_to_the_end(name):
    script = pytest.importorskip("core.script")
    out = io.StringIO()
    status = script.run_script(new_cluster(), (SCRIPTS / name).read_text(), base_dir=SCRIPTS,
                               out=out)
    assert status == 0, out.getvalue()[-2000:]
    text = out.getvalue()
    assert "$ kubectl apply -f seed-web.yaml" in text
    assert "statefulset.apps/web created" in text


def test_runs_are_deterministic():
    def history() -> tuple[list, list]:
        cluster, outputs = run_with_checkpoints("pod-moves-node.script", {
            name: (lambda c, o: None) for name in ("before", "drained", "node-failed", "moved")})
        log = [(c.seq, c.time_ms, c.action, c.key, c.actor, c.reason) for c in cluster.store.log]
        return outputs["lines"], log

    assert history() == history()
