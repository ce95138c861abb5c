"""``kubectl wait`` runs the simulated cluster until the condition holds or the timeout
passes (pkg/cmd/wait), and ``kubectl version``."""

from __future__ import annotations

import pytest

from core.cluster import Cluster
from tests.core.web_fixtures import fails, web_cluster


@pytest.fixture
def cluster() -> Cluster:
    return web_cluster(settle=False)


def ready(cluster: Cluster, pod: str) -> bool:
    obj = cluster.get("Pod", "default", pod)
    return any(c["type"] == "Ready" and c["status"] == "True"
               for c in (obj or {}).get("status", {}).get("conditions", []))


def test_waiting_for_a_set_runs_the_cluster_until_it_holds(cluster):
    start = cluster.now_ms
    assert cluster.run("kubectl wait --for=jsonpath={.status.readyReplicas}=2 sts/web "
                       "--timeout=2m") == "statefulset.apps/web condition met"
    assert ready(cluster, "web-0") and ready(cluster, "web-1")
    assert cluster.now_ms > start
    # Already true: nothing runs.
    now = cluster.now_ms
    assert cluster.run("kubectl wait --for=condition=Ready pod -l app=nginx") == \
        "pod/web-0 condition met\npod/web-1 condition met"
    assert cluster.now_ms == now


def test_a_named_object_must_exist_unless_waiting_for_create_or_delete(cluster):
    assert fails(cluster, "kubectl wait --for=condition=Ready pod/web-0") == \
        'Error from server (NotFound): pods "web-0" not found'
    assert fails(cluster, "kubectl wait --for=condition=Ready pod -l app=nginx") == \
        "error: no matching resources found"
    assert cluster.run("kubectl wait --for=create pod/web-0") == "pod/web-0 condition met"
    assert cluster.run("kubectl wait --for=jsonpath='{.status.phase}'=Bound "
                       "pvc/www-web-0") == "persistentvolumeclaim/www-web-0 condition met"
    assert cluster.run("kubectl wait --for=delete pod/nothing-here") == ""


def test_delete_and_timeouts(cluster):
    cluster.settle()
    cluster.run("kubectl delete pod web-1")
    assert cluster.run("kubectl wait --for=delete pod/web-1 --timeout=60s") == \
        "pod/web-1 condition met"
    start = cluster.now_ms
    assert fails(cluster, "kubectl wait --for=condition=Ready=false pod/web-0 "
                          "--timeout=10s") == \
        "error: timed out waiting for the condition on pods/web-0"
    assert cluster.now_ms - start == 10_000  # the whole timeout passed, simulated


@pytest.mark.parametrize("line, message", [
    ("kubectl wait pod/web-0", "error: --for must be set"),
    ("kubectl wait --for=condition=Ready pod", "error: resource(s) were provided, but no name "
                                               "was specified"),
    ("kubectl wait --for=ready pod/web-0", 'error: unrecognized condition: "ready"'),
    ("kubectl wait --for=Condition=Ready pod/web-0", 'error: unrecognized condition: '
                                                     '"Condition=Ready"'),
    ("kubectl wait --for=jsonpath='{.status.phase}'= pod/web-0",
     "error: jsonpath wait has to have a value after equal sign, like "
     "--for=jsonpath='{.status.readyReplicas}'=3"),
    ("kubectl wait --for=jsonpath='{.status.phase}'=a=b pod/web-0",
     "error: jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or "
     "--for=jsonpath='{.status.readyReplicas}'"),
    ("kubectl wait --for=jsonpath='{.status.conditions[*].type}'=Ready pod/web-0",
     "error: given jsonpath expression matches more than one value"),
    ("kubectl wait --for=jsonpath='{.status}'=x pod/web-0",
     "error: jsonpath leads to a nested object or list which is not supported"),
    ("kubectl wait --for=delete pod/web-0 --timeout=abc", 'error: invalid argument "abc" for '
                                                          '"--timeout" flag: time: invalid '
                                                          'duration "abc"'),
])
def test_wait_refusals(cluster, line, message):
    cluster.settle()
    assert fails(cluster, line) == message


@pytest.mark.parametrize("line", [
    "kubectl wait --for=condition=ready pod/web-0",  # EqualFold, as kubectl compares
    "kubectl wait --for=condition=Ready=TRUE pod/web-0",
    "kubectl wait --for=jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}'=True "
    "pod/web-0",
    "kubectl wait --for=jsonpath='status.phase'=Running pod/web-0",
    "kubectl wait --for=jsonpath='{.status.phase}'='\"Running\"' pod/web-0",
    "kubectl wait --for=jsonpath='{.status.phase}' pod/web-0",
])
def test_wait_forms_kubectl_accepts(cluster, line):
    cluster.settle()
    assert cluster.run(line) == "pod/web-0 condition met"


def test_a_zero_timeout_checks_once(cluster):
    assert fails(cluster, "kubectl wait --for=create pod/web-5 --timeout=0") == \
        "error: condition not met for pods/web-5"


def test_version_names_the_simulated_release(cluster):
    assert cluster.run("kubectl version") == (
        "Client Version: v1.32.0\nKustomize Version: v5.5.0\nServer Version: v1.32.0")
    assert cluster.run("kubectl version --client") == \
        "Client Version: v1.32.0\nKustomize Version: v5.5.0"
