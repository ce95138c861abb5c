"""Cluster DNS from inside pods (``nslookup`` in BusyBox images) and ``kubectl run``:
the StatefulSet tutorial's "Using Stable Network Identities" check, as a script line."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.cluster import Cluster
from core.dns import DNS_SERVER_IP, lookup
from tests.core.web_fixtures import fails

SCRIPTS = Path(__file__).resolve().parents[2] / "assets" / "scripts"
HEAD = ("Server:    10.96.0.10\n"
        "Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n")
DNS_TEST = ("kubectl run -i --tty --rm --image busybox:1.28 dns-test --restart=Never -- "
            "nslookup {name}")


FRONT_SERVICE = """apiVersion: v1
kind: Service
metadata: {name: front}
spec:
  selector: {app: nginx}
  ports: [{port: 80}]
"""


@pytest.fixture
def web() -> Cluster:
    cluster = Cluster()
    cluster.script_dir = SCRIPTS
    cluster.run("kubectl apply -f standard-storageclass.yaml")
    cluster.run("kubectl apply -f web.yaml")
    cluster.settle()
    return cluster


def pod_ip(cluster: Cluster, name: str) -> str:
    return cluster.store.get("Pod", "default", name)["status"]["podIP"]


def test_tutorial_dns_check_prints_each_pods_address(web):
    for name in ("web-0", "web-1"):
        assert web.run(DNS_TEST.format(name=f"{name}.nginx")) == (
            HEAD + f"Name:      {name}.nginx\nAddress 1: {pod_ip(web, name)}\n"
            'pod "dns-test" deleted')
    assert web.store.get("Pod", "default", "dns-test") is None


def test_names_follow_the_pods_new_addresses_after_they_are_recreated(web):
    before = pod_ip(web, "web-0")
    web.run("kubectl delete pod web-0")
    web.settle()
    after = pod_ip(web, "web-0")
    assert after != before
    assert [a.ip for a in lookup(web, "default", "web-0.nginx")] == [after]


@pytest.mark.parametrize("name, found", [
    ("web-0.nginx", True),
    ("web-0.nginx.default", True),
    ("web-0.nginx.default.svc", True),
    ("web-0.nginx.default.svc.cluster.local", True),
    ("web-0.nginx.default.svc.cluster.local.", True),
    ("nginx", True),
    ("nginx.default.svc.cluster.local", True),
    ("web-2.nginx", False),
    ("web-0.nginx.other", False),
    ("web-0", False),
    ("kube-dns.kube-system", True),
])
def test_search_path_and_records(web, name, found):
    assert bool(lookup(web, "default", name)) is found


def test_headless_service_lists_ready_endpoints_and_a_cluster_ip_service_its_ip(web):
    assert [a.ip for a in lookup(web, "default", "nginx")] == \
        [pod_ip(web, "web-0"), pod_ip(web, "web-1")]
    web.apply_manifests(FRONT_SERVICE)
    web.settle()
    ip = web.store.get("Service", "default", "front")["spec"]["clusterIP"]
    assert ip != DNS_SERVER_IP  # cluster DNS's own address is never handed out
    answers = lookup(web, "default", "front")
    assert [(a.ip, a.reverse) for a in answers] == [(ip, "front.default.svc.cluster.local")]


def test_a_pod_that_is_not_ready_has_no_name_yet():
    cluster = Cluster()
    cluster.script_dir = SCRIPTS
    cluster.run("kubectl apply -f standard-storageclass.yaml")
    cluster.run("kubectl apply -f web.yaml")
    cluster.advance(2_500)  # web-0 exists and is starting; not an endpoint yet
    assert cluster.store.get("Pod", "default", "web-0") is not None
    assert lookup(cluster, "default", "web-0.nginx") == []


def test_failed_lookup_is_busyboxs_text_and_the_pods_error(web):
    assert fails(web, DNS_TEST.format(name="web-9.nginx")) == (
        HEAD + "nslookup: can't resolve 'web-9.nginx'\n"
        'pod "dns-test" deleted\n'
        "pod default/dns-test terminated (Error)")


def test_exec_nslookup_in_busybox_and_not_in_nginx(web):
    web.apply_manifests("""apiVersion: v1
kind: Pod
metadata: {name: box}
spec:
  containers: [{name: box, image: "busybox:1.28", command: [sleep, "3600"]}]
""")
    web.settle()
    assert web.run("kubectl exec box -- sh -c 'nslookup web-1.nginx'").endswith(
        f"Address 1: {pod_ip(web, 'web-1')}")
    assert "executable file not found" in fails(web, "kubectl exec web-0 -- nslookup nginx")


def test_run_creates_a_pod_like_kubectls_generator(web):
    assert web.run("kubectl run sleeper --image=busybox:1.28 --restart=Never "
                   "--labels=app=tools,tier=debug --env=A=1 --port=8080 -- sleep 3600") == (
        "pod/sleeper created")
    pod = web.store.get("Pod", "default", "sleeper")
    assert pod["metadata"]["labels"] == {"app": "tools", "tier": "debug"}
    container = pod["spec"]["containers"][0]
    assert (container["name"], container["image"], container["args"]) == (
        "sleeper", "busybox:1.28", ["sleep", "3600"])
    assert container["env"] == [{"name": "A", "value": "1"}]
    assert container["ports"] == [{"containerPort": 8080, "protocol": "TCP"}]  # defaulted
    assert pod["spec"]["restartPolicy"] == "Never"
    web.run("kubectl run plain --image=nginx --command -- nginx -g 'daemon off;'")
    plain = web.store.get("Pod", "default", "plain")
    assert plain["metadata"]["labels"] == {"run": "plain"}
    assert plain["spec"]["containers"][0]["command"] == ["nginx", "-g", "daemon off;"]
    assert plain["spec"]["restartPolicy"] == "Always"


@pytest.mark.parametrize("line, error", [
    ("kubectl run --image=nginx", "error: NAME is required for run"),
    ("kubectl run x", "error: --image is required"),
    ("kubectl run x --image=nginx --rm", "error: --rm should only be used for attached "
                                          "containers"),
    ("kubectl run x --image=nginx --restart=Sometimes", "error: invalid restart policy: "
                                                        "Sometimes"),
    ("kubectl run web-0 --image=nginx", 'Error from server (AlreadyExists): pods "web-0" '
                                        'already exists'),
])
def test_run_errors_change_nothing(web, line, error):
    before = web.store.last_seq
    assert fails(web, line) == error
    assert web.store.last_seq == before


def test_an_interactive_shell_is_refused_and_leaves_no_pod(web):
    message = fails(web, "kubectl run shell -it --rm --image=busybox:1.28 --restart=Never")
    assert message.startswith("error: an interactive shell cannot run in a script")
    web.settle()
    assert web.store.get("Pod", "default", "shell") is None


def test_curl_to_a_cluster_ip_service_reaches_a_ready_endpoint(web):
    web.apply_manifests(FRONT_SERVICE)
    web.settle()
    for name in ("web-0", "web-1"):
        web.run(f"kubectl exec {name} -- sh -c 'echo {name} > /usr/share/nginx/html/index.html'")
    # kube-proxy picks at random; the simulator takes the first ready endpoint (lowest IP).
    first = min(("web-0", "web-1"), key=lambda n: tuple(map(int, pod_ip(web, n).split("."))))
    assert web.run("kubectl exec web-1 -- curl -s http://front/") == first
    assert web.run("kubectl exec web-1 -- curl -s http://front.default.svc.cluster.local/") == first
    # -s keeps curl quiet about the failure; only its exit status shows.
    assert fails(web, "kubectl exec web-1 -- curl -s http://nothing/") == (
        "command terminated with exit code 6")
    assert fails(web, "kubectl exec web-1 -- curl http://nothing/") == (
        "curl: (6) Could not resolve host: nothing\ncommand terminated with exit code 6")
