"""The StatefulSet concept page (kubernetes.io/docs/concepts/workloads/controllers/statefulset/)
run through ``Cluster.run``: pod identity, the stable network ID table, the
persistentVolumeClaimRetentionPolicy table, ``spec.ordinals.start`` and
``minReadySeconds``."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.cluster import Cluster

SCRIPTS = Path(__file__).resolve().parents[2] / "assets" / "scripts"
STORAGE_CLASS = (SCRIPTS / "standard-storageclass.yaml").read_text()


def web_manifests(namespace: str = "default", replicas: int = 3, extra: str = "") -> str:
    """The concept page's example (Service nginx + StatefulSet web), with spec additions."""
    return f"""
apiVersion: v1
kind: Service
metadata: {{name: nginx, namespace: {namespace}, labels: {{app: nginx}}}}
spec:
  ports: [{{port: 80, name: web}}]
  clusterIP: None
  selector: {{app: nginx}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {{name: web, namespace: {namespace}}}
spec:
  selector: {{matchLabels: {{app: nginx}}}}
  serviceName: nginx
  replicas: {replicas}
{extra}
  template:
    metadata: {{labels: {{app: nginx}}}}
    spec:
      terminationGracePeriodSeconds: 10
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
        ports: [{{containerPort: 80, name: web}}]
        volumeMounts: [{{name: www, mountPath: /usr/share/nginx/html}}]
  volumeClaimTemplates:
  - metadata: {{name: www}}
    spec:
      accessModes: [ReadWriteOnce]
      storageClassName: standard
      resources: {{requests: {{storage: 1Gi}}}}
"""


def make(namespace: str = "default", replicas: int = 3, extra: str = "") -> Cluster:
    cluster = Cluster()
    cluster.apply_manifests(STORAGE_CLASS, "sc.yaml")
    if namespace != "default":
        cluster.apply_manifests(f"apiVersion: v1\nkind: Namespace\nmetadata: {{name: "
                                f"{namespace}}}\n", "ns.yaml")
    cluster.apply_manifests(web_manifests(namespace, replicas, extra), "web.yaml")
    cluster.settle()
    return cluster


def claims(cluster: Cluster) -> list[str]:
    return [c["metadata"]["name"] for c in cluster.store.list("PersistentVolumeClaim")]


# ---- pod identity ---------------------------------------------------------------------------
def test_pod_identity_labels_hostname_and_subdomain():
    cluster = make()
    for i in range(3):
        pod = cluster.store.get("Pod", "default", f"web-{i}")
        labels = pod["metadata"]["labels"]
        assert labels["statefulset.kubernetes.io/pod-name"] == f"web-{i}"
        assert labels["apps.kubernetes.io/pod-index"] == str(i)
        assert cluster.run(f"kubectl get pod web-{i} -o jsonpath="
                           "'{.spec.hostname}.{.spec.subdomain}'") == f"web-{i}.nginx"
        assert cluster.run(f"kubectl exec web-{i} -- hostname") == f"web-{i}"
    assert claims(cluster) == ["www-web-0", "www-web-1", "www-web-2"]


# ---- stable network ID (the concept page's table, cluster domain cluster.local) ----------------
@pytest.mark.parametrize("namespace, service_domain", [
    ("default", "nginx.default.svc.cluster.local"),
    ("foo", "nginx.foo.svc.cluster.local"),
])
def test_stable_network_id_table(namespace, service_domain):
    cluster = make(namespace, replicas=2)
    ns = f"-n {namespace}"
    for i in range(2):
        cluster.run(f"kubectl exec {ns} web-{i} -- sh -c 'echo \"$(hostname)\" > "
                    "/usr/share/nginx/html/index.html'")
    for i in range(2):
        pod_dns = f"web-{i}.{service_domain}"
        assert cluster.run(f"kubectl exec {ns} web-{1 - i} -- curl -s {pod_dns}") == f"web-{i}"
        hosts = cluster.run(f"kubectl exec {ns} web-{i} -- cat /etc/hosts")
        assert hosts.splitlines()[-1].split("\t")[1:] == [pod_dns, f"web-{i}"]
    # The service name resolves to a ready endpoint.
    assert cluster.run(f"kubectl exec {ns} web-0 -- curl -s {service_domain}") in (
        "web-0", "web-1")


def test_dns_records_exist_for_endpoint_pods_only():
    from core.errors import CommandError

    cluster = make(replicas=3)
    # web-1 has no index.html yet: nginx answers, with 403.
    assert cluster.run("kubectl exec web-0 -- curl -s -o /dev/null -w '%{http_code}' "
                       "web-1.nginx") == "403"
    cluster.run("kubectl scale sts web --replicas=2")
    cluster.settle()
    with pytest.raises(CommandError) as info:
        cluster.run("kubectl exec web-0 -- curl web-2.nginx")
    assert str(info.value) == ("curl: (6) Could not resolve host: web-2.nginx\n"
                               "command terminated with exit code 6")


# ---- persistentVolumeClaimRetentionPolicy ----------------------------------------------------
@pytest.mark.parametrize("when_deleted, when_scaled, after_scale_down, after_delete", [
    ("Retain", "Retain", ["www-web-0", "www-web-1", "www-web-2"],
     ["www-web-0", "www-web-1", "www-web-2"]),
    ("Retain", "Delete", ["www-web-0"], ["www-web-0"]),
    # whenDeleted: the set owns every claim, scaled-away ones included.
    ("Delete", "Retain", ["www-web-0", "www-web-1", "www-web-2"], []),
    ("Delete", "Delete", ["www-web-0"], []),
])
def test_pvc_retention_policy(when_deleted, when_scaled, after_scale_down, after_delete):
    cluster = make(extra=f"  persistentVolumeClaimRetentionPolicy: {{whenDeleted: "
                         f"{when_deleted}, whenScaled: {when_scaled}}}")
    assert cluster.run("kubectl scale sts web --replicas=1") == "statefulset.apps/web scaled"
    cluster.settle()
    assert claims(cluster) == after_scale_down
    cluster.run("kubectl delete sts web")
    cluster.settle()
    assert claims(cluster) == after_delete
    # A Delete-policy claim takes its provisioned volume with it.
    assert len(cluster.store.list("PersistentVolume")) == len(after_delete)


# ---- start ordinal -------------------------------------------------------------------------
def test_start_ordinal():
    cluster = make(replicas=2, extra="  ordinals: {start: 5}")
    assert cluster.run("kubectl get pods -o name") == "pod/web-5\npod/web-6"
    assert claims(cluster) == ["www-web-5", "www-web-6"]
    assert cluster.run("kubectl get pod web-6 -o jsonpath="
                       "'{.metadata.labels.apps\\.kubernetes\\.io/pod-index}'") == "6"
    cluster.run("kubectl scale sts web --replicas=1")
    cluster.settle()
    assert cluster.run("kubectl get pods -o name") == "pod/web-5"


# ---- minReadySeconds --------------------------------------------------------------------------
def test_min_ready_seconds_delays_the_next_ordinal():
    cluster = make(replicas=2, extra="  minReadySeconds: 10")
    log = cluster.store.log
    ready_at = next(c.time_ms for c in log if c.key == ("Pod", "default", "web-0")
                    and c.new is not None and any(
                        cond.get("type") == "Ready" and cond.get("status") == "True"
                        for cond in c.new.get("status", {}).get("conditions", [])))
    created_at = next(c.time_ms for c in log if c.key == ("Pod", "default", "web-1")
                      and c.action == "ADDED")
    assert created_at - ready_at >= 10_000
    status = cluster.store.get("StatefulSet", "default", "web")["status"]
    assert status["availableReplicas"] == 2
