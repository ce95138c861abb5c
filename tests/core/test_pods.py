"""Pod start-up and shutdown: stages, timings, status shape, events, IPs."""

from __future__ import annotations

import pytest

from core import pods as podmod
from core.controllers.kubelet import _Pool

from .test_pods_support import add, condition, events_for, get, new_cluster, phase, pod


def test_pod_goes_pending_creating_running_ready_on_the_simulated_clock():
    cluster = new_cluster()
    add(cluster, pod("web-0"))
    cluster.drain()
    p = get(cluster, "Pod", "web-0")
    assert p["spec"]["nodeName"] == "node-1"
    assert phase(p) == "Pending"
    assert p["status"]["containerStatuses"][0]["state"] == {"waiting": {"reason": "ContainerCreating"}}
    assert p["status"]["podIP"] == "10.244.1.2"
    assert condition(p, "PodReadyToStartContainers")["status"] == "True"
    assert condition(p, "Ready") | {"lastTransitionTime": None} == {
        "type": "Ready", "status": "False", "lastProbeTime": None, "lastTransitionTime": None,
        "reason": "ContainersNotReady", "message": "containers with unready status: [nginx]"}
    assert [r for _t, r, _m in events_for(cluster, "web-0")] == ["Scheduled", "Pulling"]

    cluster.advance(cluster.settings.image_pull_ms)
    assert phase(get(cluster, "Pod", "web-0")) == "Pending"
    assert [r for _t, r, _m in events_for(cluster, "web-0")][-2:] == ["Pulled", "Created"]

    cluster.advance(cluster.settings.container_start_ms)
    p = get(cluster, "Pod", "web-0")
    assert phase(p) == "Running"
    assert p["status"]["containerStatuses"][0]["state"] == {
        "running": {"startedAt": "2025-01-01T00:00:03Z"}}
    # No readiness probe: the kubelet reports the started container ready in the same status.
    assert condition(p, "Ready")["status"] == "True"
    assert condition(p, "ContainersReady")["status"] == "True"
    assert p["status"]["containerStatuses"][0]["ready"] is True
    assert cluster.now_ms == 3000


def test_a_readiness_probe_keeps_a_running_pod_unready_until_it_passes():
    cluster = new_cluster()
    probed = pod("web-0")
    probed["spec"]["containers"][0]["readinessProbe"] = {
        "httpGet": {"path": "/", "port": 80}, "initialDelaySeconds": 5}
    add(cluster, probed)
    cluster.advance(cluster.settings.image_pull_ms + cluster.settings.container_start_ms)
    p = get(cluster, "Pod", "web-0")
    assert phase(p) == "Running"
    assert condition(p, "Ready")["status"] == "False"
    assert p["status"]["containerStatuses"][0]["ready"] is False
    assert cluster.run("kubectl get pod web-0").splitlines()[1].split()[1:3] == ["0/1", "Running"]
    cluster.advance(5_000 + cluster.settings.readiness_ms - 1)
    assert condition(get(cluster, "Pod", "web-0"), "Ready")["status"] == "False"
    cluster.advance(1)
    p = get(cluster, "Pod", "web-0")
    assert condition(p, "Ready")["status"] == "True"
    assert p["status"]["containerStatuses"][0]["ready"] is True


def test_kubelet_and_scheduler_event_texts():
    cluster = new_cluster()
    add(cluster, pod("web-0", image="nginx"))
    cluster.settle()
    assert events_for(cluster, "web-0") == [
        ("Normal", "Scheduled", "Successfully assigned default/web-0 to node-1"),
        ("Normal", "Pulling", 'Pulling image "nginx"'),
        ("Normal", "Pulled", 'Successfully pulled image "nginx" in 2s (2s including waiting). '
                             f'Image size: {podmod.image_size("nginx")} bytes.'),
        ("Normal", "Created", "Created container: nginx"),
        ("Normal", "Started", "Started container nginx"),
    ]
    sources = {(e["reason"], e["source"].get("component"), e["source"].get("host"))
               for e in cluster.events()}
    assert ("Scheduled", "default-scheduler", None) in sources
    assert ("Started", "kubelet", "node-1") in sources


def test_timings_come_from_settings():
    cluster = new_cluster(image_pull_ms=5_000, container_start_ms=500, readiness_ms=0)
    add(cluster, pod("p"))
    cluster.advance(5_499)
    assert phase(get(cluster, "Pod", "p")) == "Pending"
    cluster.advance(1)
    assert condition(get(cluster, "Pod", "p"), "Ready")["status"] == "True"
    pulled = events_for(cluster, "p", "Pulled")[0][2]
    assert pulled.startswith('Successfully pulled image "nginx" in 5s (5s including waiting).')


def test_running_pod_status_shape():
    cluster = new_cluster()
    add(cluster, pod("web-0", image="hub.atshooter.com/k8s/nginx:v1.0"))
    cluster.settle()
    status = get(cluster, "Pod", "web-0")["status"]
    assert [c["type"] for c in status["conditions"]] == [
        "PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"]
    assert all(set(c) >= {"type", "status", "lastTransitionTime", "lastProbeTime"}
               for c in status["conditions"])
    assert status["phase"] == "Running"
    assert status["hostIP"] == "10.0.0.11" and status["hostIPs"] == [{"ip": "10.0.0.11"}]
    assert status["podIPs"] == [{"ip": status["podIP"]}]
    assert status["qosClass"] == "BestEffort"
    assert status["startTime"] == "2025-01-01T00:00:00Z"
    cs = status["containerStatuses"][0]
    assert set(cs) == {"name", "containerID", "image", "imageID", "lastState", "ready",
                       "restartCount", "started", "state"}
    assert cs["image"] == "hub.atshooter.com/k8s/nginx:v1.0"
    assert cs["imageID"].startswith("hub.atshooter.com/k8s/nginx@sha256:")
    assert cs["containerID"].startswith("containerd://")
    assert (cs["restartCount"], cs["started"], cs["ready"]) == (0, True, True)


def test_graceful_delete_stops_containers_then_removes_the_pod():
    cluster = new_cluster()
    add(cluster, pod("web-0"))
    cluster.settle()
    cluster.api.delete("Pod", "default", "web-0")
    cluster.drain()
    p = get(cluster, "Pod", "web-0")
    assert p["metadata"]["deletionTimestamp"] and p["metadata"]["deletionGracePeriodSeconds"] == 30
    assert events_for(cluster, "web-0", "Killing") == [("Normal", "Killing", "Stopping container nginx")]
    cluster.advance(cluster.settings.pod_stop_ms - 1)
    assert get(cluster, "Pod", "web-0") is not None
    cluster.advance(1)
    assert get(cluster, "Pod", "web-0") is None
    removal = [c for c in cluster.store.log if c.key == ("Pod", "default", "web-0")][-1]
    assert (removal.action, removal.actor) == ("DELETED", "kubelet")


def test_a_pod_whose_containers_never_started_is_removed_at_once():
    cluster = new_cluster()
    add(cluster, pod("web-0"))
    cluster.drain()
    cluster.api.delete("Pod", "default", "web-0")
    cluster.drain()
    assert get(cluster, "Pod", "web-0") is None
    assert events_for(cluster, "web-0", "Killing") == []


def test_a_recreated_pod_gets_a_new_ip_never_a_reused_one():
    cluster = new_cluster()
    add(cluster, pod("web-0", nodeSelector={"kubernetes.io/hostname": "node-1"}))
    cluster.settle()
    seen = [get(cluster, "Pod", "web-0")["status"]["podIP"]]
    for _ in range(3):
        cluster.api.delete("Pod", "default", "web-0")
        cluster.settle()
        add(cluster, pod("web-0", nodeSelector={"kubernetes.io/hostname": "node-1"}))
        cluster.settle()
        seen.append(get(cluster, "Pod", "web-0")["status"]["podIP"])
    assert seen == ["10.244.1.2", "10.244.1.3", "10.244.1.4", "10.244.1.5"]


def test_pods_on_node_2_get_addresses_from_its_cidr():
    cluster = new_cluster()
    add(cluster, pod("a"))
    add(cluster, pod("b"))
    cluster.settle()
    assert get(cluster, "Pod", "a")["status"]["podIP"] == "10.244.1.2"
    assert get(cluster, "Pod", "b")["spec"]["nodeName"] == "node-2"
    assert get(cluster, "Pod", "b")["status"]["podIP"] == "10.244.2.2"


def test_ip_pool_reuses_an_address_only_once_every_address_was_used():
    pool = _Pool("10.244.9.0/29")           # .2 .. .6 usable
    first = [pool.allocate() for _ in range(3)]
    assert first == ["10.244.9.2", "10.244.9.3", "10.244.9.4"]
    pool.release("10.244.9.2")
    assert [pool.allocate(), pool.allocate()] == ["10.244.9.5", "10.244.9.6"]
    assert pool.allocate() == "10.244.9.2"
    assert pool.allocate() is None


def test_ifnotpresent_image_is_pulled_once_per_node():
    cluster = new_cluster()
    node1 = {"kubernetes.io/hostname": "node-1"}
    add(cluster, pod("a", image="nginx:1.27", nodeSelector=node1))
    cluster.settle()
    add(cluster, pod("b", image="nginx:1.27", nodeSelector=node1))
    cluster.settle()
    assert events_for(cluster, "b", "Pulling") == []
    assert events_for(cluster, "b", "Pulled") == [
        ("Normal", "Pulled", 'Container image "nginx:1.27" already present on machine')]


def test_hostname_and_subdomain_are_kept():
    cluster = new_cluster()
    add(cluster, pod("web-0", hostname="web-0", subdomain="nginx"))
    cluster.settle()
    spec = get(cluster, "Pod", "web-0")["spec"]
    assert (spec["hostname"], spec["subdomain"]) == ("web-0", "nginx")


def test_init_containers_complete_before_the_main_containers():
    cluster = new_cluster()
    add(cluster, pod("p", initContainers=[{"name": "init", "image": "busybox:1.36"}]))
    cluster.drain()
    p = get(cluster, "Pod", "p")
    assert condition(p, "Initialized") | {"lastTransitionTime": None} == {
        "type": "Initialized", "status": "False", "lastProbeTime": None,
        "lastTransitionTime": None, "reason": "ContainersNotInitialized",
        "message": "containers with incomplete status: [init]"}
    cluster.settle()
    p = get(cluster, "Pod", "p")
    assert condition(p, "Initialized")["status"] == "True"
    assert p["status"]["initContainerStatuses"][0]["state"]["terminated"]["reason"] == "Completed"
    assert [m for _t, r, m in events_for(cluster, "p") if r == "Started"] == [
        "Started container init", "Started container nginx"]


@pytest.mark.parametrize(("resources", "expected"), [
    ({}, "BestEffort"),
    ({"requests": {"cpu": "100m"}}, "Burstable"),
    ({"limits": {"cpu": "1", "memory": "1Gi"}}, "Guaranteed"),
    ({"requests": {"cpu": "1", "memory": "1Gi"}, "limits": {"cpu": "1", "memory": "1Gi"}},
     "Guaranteed"),
    ({"requests": {"cpu": "500m", "memory": "1Gi"}, "limits": {"cpu": "1", "memory": "1Gi"}},
     "Burstable"),
])
def test_qos_class(resources, expected):
    manifest = pod("p", containers=[{"name": "c", "image": "nginx", "resources": resources}])
    assert podmod.qos_class(manifest) == expected


@pytest.mark.parametrize(("image", "reference"), [
    ("nginx", "docker.io/library/nginx:latest"),
    ("nginx:1.27", "docker.io/library/nginx:1.27"),
    ("bitnami/redis", "docker.io/bitnami/redis:latest"),
    ("hub.atshooter.com/k8s/nginx:v1.0", "hub.atshooter.com/k8s/nginx:v1.0"),
    ("localhost:5000/app", "localhost:5000/app:latest"),
])
def test_image_reference(image, reference):
    assert podmod.image_reference(image) == reference


@pytest.mark.parametrize(("container", "policy"), [
    ({"image": "nginx"}, "Always"),
    ({"image": "nginx:latest"}, "Always"),
    ({"image": "nginx:1.27"}, "IfNotPresent"),
    ({"image": "nginx:1.27", "imagePullPolicy": "Always"}, "Always"),
])
def test_pull_policy_default(container, policy):
    assert podmod.pull_policy(container) == policy


@pytest.mark.parametrize(("ms", "text"), [
    (0, "0s"), (800, "800ms"), (1000, "1s"), (1200, "1.2s"), (2000, "2s"), (90_000, "1m30s"),
    (3_723_500, "1h2m3.5s"),
])
def test_go_duration(ms, text):
    assert podmod.go_duration(ms) == text


def test_running_pods_of_a_loaded_snapshot_are_adopted():
    from core import Cluster

    source = new_cluster()
    add(source, pod("web-0", nodeSelector={"kubernetes.io/hostname": "node-1"}))
    source.settle()
    cluster = Cluster.from_manifests(source.manifests())
    assert get(cluster, "Pod", "web-0")["status"]["podIP"] == "10.244.1.2"
    add(cluster, pod("web-1", nodeSelector={"kubernetes.io/hostname": "node-1"}))
    cluster.settle()
    assert condition(get(cluster, "Pod", "web-0"), "Ready")["status"] == "True"
    assert get(cluster, "Pod", "web-1")["status"]["podIP"] == "10.244.1.3"
    assert events_for(cluster, "web-0") == [], "nothing restarts"
    cluster.api.delete("Pod", "default", "web-0")
    cluster.settle()
    assert events_for(cluster, "web-0", "Killing") == [("Normal", "Killing", "Stopping container nginx")]
    assert get(cluster, "Pod", "web-0") is None
