"""A cluster in which only the statefulset-controller runs; the test plays kubelet.

Pods are made Running/Ready, failed or removed by writing their status directly, so
these tests do not depend on the scheduler, kubelet or garbage collector.
"""

from __future__ import annotations

import copy
from typing import Any

from core import Cluster
from core.clock import timestamp
from core.objects import DELETE, evolve, is_deleting, key_of, name_of
from core.statefulsets import ordinal_of

WEB_SET: dict[str, Any] = {
    "apiVersion": "apps/v1",
    "kind": "StatefulSet",
    "metadata": {"name": "web", "namespace": "default"},
    "spec": {
        "selector": {"matchLabels": {"app": "nginx"}},
        "serviceName": "nginx",
        "replicas": 2,
        "template": {
            "metadata": {"labels": {"app": "nginx"}},
            "spec": {"containers": [{
                "name": "nginx",
                "image": "registry.k8s.io/nginx-slim:0.8",
                "ports": [{"containerPort": 80, "name": "web"}],
                "volumeMounts": [{"name": "www", "mountPath": "/usr/share/nginx/html"}],
            }]},
        },
        "volumeClaimTemplates": [{
            "metadata": {"name": "www"},
            "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": "nfs",
                     "resources": {"requests": {"storage": "1Gi"}}},
        }],
    },
}


def web_set(**spec: Any) -> dict[str, Any]:
    """The seed-like StatefulSet ``web`` with ``spec`` fields replaced."""
    obj = copy.deepcopy(WEB_SET)
    obj["spec"].update(copy.deepcopy(spec))
    return obj


class Harness:
    def __init__(self) -> None:
        self.cluster = Cluster(default_nodes=False)
        self.api = self.cluster.api
        self.store = self.cluster.store
        self.ctrl = self.cluster.controller("StatefulSetController")
        self._next_ip = 10

    # ---- driving -----------------------------------------------------------------------
    def create(self, obj: dict[str, Any]) -> dict[str, Any]:
        return self.api.create(copy.deepcopy(obj))

    def sync(self) -> None:
        """Run the statefulset-controller until its queue is empty (nothing else runs)."""
        for _ in range(10_000):
            key = self.ctrl.pop()
            if key is None:
                return
            self.ctrl.sync(key)
        raise AssertionError("statefulset-controller keeps re-queueing")

    def advance(self, ms: int) -> None:
        """Let time pass: due timers fire (they only queue work), then sync."""
        clock = self.cluster.clock
        until = clock.now_ms + ms
        while (task := clock.pop_due(until)) is not None:
            task()
        clock.advance_to(until)
        self.sync()

    def sts(self, name: str = "web") -> dict[str, Any]:
        obj = self.store.get("StatefulSet", "default", name)
        assert obj is not None
        return obj

    def update_sts(self, name: str = "web", **spec: Any) -> None:
        changes = {k: (DELETE if v is None else v) for k, v in spec.items()}
        self.api.update(evolve(self.sts(name), {"spec": changes}))

    def scale(self, replicas: int, name: str = "web") -> None:
        self.update_sts(name, replicas=replicas)

    # ---- playing kubelet ---------------------------------------------------------------
    def pod(self, name: str) -> dict[str, Any] | None:
        return self.store.get("Pod", "default", name)

    def pods(self) -> list[str]:
        return [name_of(p) for p in sorted(self.store.list("Pod", "default"), key=ordinal_of)]

    def live_pods(self) -> list[str]:
        return [n for n in self.pods() if not is_deleting(self.pod(n))]

    def claims(self) -> list[str]:
        return [name_of(c) for c in self.store.list("PersistentVolumeClaim", "default")]

    def claim(self, name: str) -> dict[str, Any] | None:
        return self.store.get("PersistentVolumeClaim", "default", name)

    def running(self, name: str, ready: bool = True) -> None:
        pod = self.pod(name)
        assert pod is not None, name
        self._next_ip += 1
        status: dict[str, Any] = {
            "phase": "Running",
            "podIP": (pod.get("status") or {}).get("podIP") or f"10.244.1.{self._next_ip}",
            "conditions": [{"type": "Ready", "status": "True" if ready else "False",
                            "lastTransitionTime": timestamp(self.cluster.clock.now_ms)}],
        }
        self.api.write(pod, {"spec": {"nodeName": "node-1"}, "status": status},
                       actor="kubelet", reason="test: running")

    def set_phase(self, name: str, phase: str) -> None:
        pod = self.pod(name)
        assert pod is not None
        self.api.write(pod, {"status": {"phase": phase, "conditions": [
            {"type": "Ready", "status": "False"}]}}, actor="kubelet", reason=f"test: {phase}")

    def finish_terminating(self) -> None:
        """The kubelet's part of deletion: pods with a deletionTimestamp go away."""
        for pod in self.store.list("Pod", "default"):
            if is_deleting(pod):
                self.api.remove(key_of(pod), actor="kubelet", reason="test: terminated")

    def bring_up(self, limit: int = 100) -> None:
        """Sync, make every new pod Running and Ready, repeat until nothing changes."""
        for _ in range(limit):
            self.sync()
            fresh = [n for n in self.live_pods()
                     if (self.pod(n).get("status") or {}).get("phase") in (None, "", "Pending")]
            if not fresh:
                return
            for name in fresh:
                self.running(name)
        raise AssertionError("bring_up did not converge")

    # ---- reading -----------------------------------------------------------------------
    def events(self) -> list[tuple[str, str, str]]:
        return [(e["type"], e["reason"], e["message"]) for e in self.cluster.events()
                if e["source"]["component"] == "statefulset-controller"]

    def messages(self) -> list[str]:
        return [m for _, _, m in self.events()]

    def status(self, name: str = "web") -> dict[str, Any]:
        return dict(self.sts(name).get("status") or {})
