"""Fields behind feature gates that are off in the simulated Kubernetes 1.32 are dropped
by the API server before validation, as its strategy's dropDisabledFields does."""

from __future__ import annotations

from pathlib import Path

from core.cluster import Cluster

SCRIPTS = Path(__file__).resolve().parents[2] / "assets" / "scripts"
PATCH = """kubectl patch sts web -p '{"spec":{"updateStrategy":{"rollingUpdate":\
{"maxUnavailable":%s}}}}'"""


def web(extra: str = "") -> Cluster:
    cluster = Cluster()
    text = (SCRIPTS / "web.yaml").read_text()
    cluster.apply_manifests(text.replace("  serviceName: ", extra + "  serviceName: "))
    return cluster


def test_max_unavailable_is_dropped_on_update():
    cluster = web()
    assert cluster.run(PATCH % "2") == "statefulset.apps/web patched (no change)"
    # Dropped before validation: an invalid value is not an error either.
    assert cluster.run(PATCH % "0") == "statefulset.apps/web patched (no change)"
    assert cluster.run("kubectl get sts web -o jsonpath={.spec.updateStrategy}") == \
        '{"rollingUpdate":{"partition":0},"type":"RollingUpdate"}'
    assert "MaxUnavailable" not in cluster.run("kubectl describe sts web")


def test_max_unavailable_is_dropped_on_create():
    cluster = web("  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n"
                  "      maxUnavailable: 2\n")
    strategy = cluster.get("StatefulSet", "default", "web")["spec"]["updateStrategy"]
    assert strategy == {"type": "RollingUpdate", "rollingUpdate": {"partition": 0}}
