"""The endpoint-controller, after Kubernetes' endpoints_controller_test.go.

Only the endpoint-controller runs; pods get their IP and readiness written directly.
"""

from __future__ import annotations

import pytest

from core.controllers.endpoints import HEADLESS_LABEL, TRIGGER_TIME, endpoint_subsets
from core.objects import get_path
from core.statefulsets import pod_dns_names

from .test_statefulset_harness import Harness


class EndpointsHarness(Harness):
    def __init__(self) -> None:
        super().__init__()
        self.ep = self.cluster.controller("EndpointsController")

    def sync_endpoints(self) -> None:
        while (key := self.ep.pop()) is not None:
            self.ep.sync(key)

    def endpoints(self, name: str = "nginx"):
        return self.store.get("Endpoints", "default", name)

    def add_pod(self, name: str, *, ip: str | None = "10.244.1.5", ready: bool = True,
                labels: dict | None = None, subdomain: str | None = "nginx",
                node: str = "node-1", ports: list | None = None, phase: str = "Running"):
        spec: dict = {"containers": [{"name": "nginx", "image": "nginx",
                                      "ports": ports or [{"containerPort": 80, "name": "web"}]}],
                      "hostname": name, "nodeName": node}
        if subdomain:
            spec["subdomain"] = subdomain
        pod = self.create({"apiVersion": "v1", "kind": "Pod",
                           "metadata": {"name": name, "namespace": "default",
                                        "labels": labels or {"app": "nginx"}},
                           "spec": spec})
        status: dict = {"phase": phase, "conditions": [
            {"type": "Ready", "status": "True" if ready else "False"}]}
        if ip:
            status["podIP"] = ip
            status["podIPs"] = [{"ip": ip}]
        return self.api.write(pod, {"status": status}, actor="kubelet", reason="test")

    def add_service(self, name: str = "nginx", **spec):
        body = {"selector": {"app": "nginx"}, "ports": [{"port": 80, "name": "web"}]}
        body.update(spec)
        return self.create({"apiVersion": "v1", "kind": "Service",
                            "metadata": {"name": name, "namespace": "default",
                                         "labels": {"app": "nginx"}},
                            "spec": body})


def _addresses(endpoints, field="addresses"):
    return [(a["ip"], a.get("hostname")) for s in endpoints.get("subsets") or []
            for a in s.get(field) or []]


def test_sync_endpoints_headless_service():
    """Ready pods under addresses, the others under notReadyAddresses, with hostnames."""
    h = EndpointsHarness()
    h.add_service(clusterIP="None")
    h.add_pod("web-0", ip="10.244.1.5")
    h.add_pod("web-1", ip="10.244.2.7", ready=False, node="node-2")
    h.sync_endpoints()
    ep = h.endpoints()
    assert _addresses(ep) == [("10.244.1.5", "web-0")]
    assert _addresses(ep, "notReadyAddresses") == [("10.244.2.7", "web-1")]
    address = ep["subsets"][0]["addresses"][0]
    assert address["nodeName"] == "node-1"
    assert address["targetRef"]["kind"] == "Pod" and address["targetRef"]["name"] == "web-0"
    assert ep["subsets"][0]["ports"] == [{"name": "web", "port": 80, "protocol": "TCP"}]
    assert ep["metadata"]["labels"] == {"app": "nginx", HEADLESS_LABEL: ""}
    assert TRIGGER_TIME in ep["metadata"]["annotations"]


@pytest.mark.parametrize(("pod_kwargs", "listed"), [
    ({"ip": None}, False),                      # no IP yet
    ({"phase": "Failed"}, False),               # finished
    ({"phase": "Succeeded"}, False),
    ({"labels": {"app": "other"}}, False),      # not selected
    ({}, True),
])
def test_should_pod_be_in_endpoints(pod_kwargs, listed):
    h = EndpointsHarness()
    h.add_service(clusterIP="None")
    h.add_pod("web-0", **pod_kwargs)
    h.sync_endpoints()
    assert bool(_addresses(h.endpoints()) + _addresses(h.endpoints(), "notReadyAddresses")) \
        is listed


def test_sync_endpoints_items_with_terminating_pods_and_publish_not_ready():
    for publish, expected in ((False, []), (True, [("10.244.1.5", "web-0")])):
        h = EndpointsHarness()
        h.add_service(clusterIP="None", publishNotReadyAddresses=publish)
        h.add_pod("web-0", ready=False)
        h.api.delete("Pod", "default", "web-0")
        h.sync_endpoints()
        assert _addresses(h.endpoints()) == expected


def test_hostname_only_when_subdomain_names_the_service():
    h = EndpointsHarness()
    h.add_service(clusterIP="None")
    h.add_pod("web-0", subdomain="other")
    h.sync_endpoints()
    assert _addresses(h.endpoints()) == [("10.244.1.5", None)]


def test_sync_endpoints_named_target_port_per_pod():
    h = EndpointsHarness()
    h.add_service(ports=[{"port": 8080, "targetPort": "web", "name": "http"}])
    h.add_pod("a-0", ip="10.244.1.5", ports=[{"containerPort": 80, "name": "web"}])
    h.add_pod("b-0", ip="10.244.1.6", ports=[{"containerPort": 8000, "name": "web"}])
    h.add_pod("c-0", ip="10.244.1.7", ports=[{"containerPort": 9000, "name": "other"}])
    h.sync_endpoints()
    subsets = h.endpoints()["subsets"]
    by_port = {s["ports"][0]["port"]: [a["ip"] for a in s["addresses"]] for s in subsets}
    assert by_port == {80: ["10.244.1.5"], 8000: ["10.244.1.6"]}


def test_cluster_ips_are_allocated_in_order_and_headless_stays_none():
    h = EndpointsHarness()
    h.add_service("nginx", clusterIP="None")
    h.add_service("front")
    h.add_service("back")
    h.sync_endpoints()
    ips = {n: get_path(h.store.get("Service", "default", n), "spec", "clusterIP")
           for n in ("nginx", "front", "back")}
    assert ips == {"nginx": "None", "front": "10.96.0.11", "back": "10.96.0.12"}
    assert HEADLESS_LABEL not in h.endpoints("front")["metadata"]["labels"]


def test_sync_endpoints_deleted_service_deletes_endpoints():
    h = EndpointsHarness()
    h.add_service(clusterIP="None")
    h.add_pod("web-0")
    h.sync_endpoints()
    h.api.delete("Service", "default", "nginx")
    h.sync_endpoints()
    assert h.endpoints() is None


def test_sync_endpoints_items_preserve_no_selector():
    h = EndpointsHarness()
    h.create({"apiVersion": "v1", "kind": "Service",
              "metadata": {"name": "ext", "namespace": "default"},
              "spec": {"ports": [{"port": 80}]}})
    h.add_pod("web-0")
    h.sync_endpoints()
    assert h.endpoints("ext") is None


def test_endpoints_follow_readiness_and_dns_name_follows_endpoints():
    h = EndpointsHarness()
    h.add_service(clusterIP="None")
    pod = h.add_pod("web-0", ready=False)
    h.sync_endpoints()
    assert pod_dns_names(h.cluster, pod) == []
    pod = h.api.write(pod, {"status": {"conditions": [{"type": "Ready", "status": "True"}]}},
                      actor="kubelet", reason="ready")
    h.sync_endpoints()
    assert _addresses(h.endpoints()) == [("10.244.1.5", "web-0")]
    assert pod_dns_names(h.cluster, pod) == ["web-0.nginx.default.svc.cluster.local"]
    # A new IP after a move: the name stays, the address changes.
    pod = h.api.write(pod, {"status": {"podIP": "10.244.2.9", "podIPs": [{"ip": "10.244.2.9"}]}},
                      actor="kubelet", reason="moved")
    h.sync_endpoints()
    assert _addresses(h.endpoints()) == [("10.244.2.9", "web-0")]
    assert pod_dns_names(h.cluster, pod) == ["web-0.nginx.default.svc.cluster.local"]


def test_no_dns_name_through_a_non_headless_service():
    h = EndpointsHarness()
    h.add_service()
    pod = h.add_pod("web-0")
    h.sync_endpoints()
    assert _addresses(h.endpoints()) == [("10.244.1.5", "web-0")]
    assert pod_dns_names(h.cluster, pod) == []


def test_unchanged_endpoints_are_not_rewritten():
    h = EndpointsHarness()
    h.add_service(clusterIP="None")
    h.add_pod("web-0")
    h.sync_endpoints()
    version = h.endpoints()["metadata"]["resourceVersion"]
    h.ep.enqueue(("Service", "default", "nginx"))
    h.sync_endpoints()
    assert h.endpoints()["metadata"]["resourceVersion"] == version


def test_endpoint_subsets_sorts_addresses_by_ip():
    service = {"metadata": {"name": "s", "namespace": "default"},
               "spec": {"clusterIP": "None", "ports": [{"port": 80}]}}
    pods = [{"metadata": {"name": n, "namespace": "default", "uid": n},
             "spec": {"containers": []},
             "status": {"phase": "Running", "podIP": ip,
                        "conditions": [{"type": "Ready", "status": "True"}]}}
            for n, ip in (("a", "10.244.1.10"), ("b", "10.244.1.9"))]
    subsets = endpoint_subsets(service, pods)
    assert [a["ip"] for a in subsets[0]["addresses"]] == ["10.244.1.9", "10.244.1.10"]


def test_endpoints_of_an_unlabelled_service_have_no_labels():
    h = EndpointsHarness()
    h.create({"apiVersion": "v1", "kind": "Service",
              "metadata": {"name": "front", "namespace": "default"},
              "spec": {"selector": {"app": "nginx"}, "ports": [{"port": 80}]}})
    h.sync_endpoints()
    assert "labels" not in h.endpoints("front")["metadata"]
