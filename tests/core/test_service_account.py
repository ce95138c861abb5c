"""The ServiceAccount admission plugin and what ``kubectl describe pod`` shows of it.

Names follow ``plugin/pkg/admission/serviceaccount/admission_test.go``; ServiceAccount
objects are not simulated, so every account is taken to exist and none carries its own
``automountServiceAccountToken``.
"""

from __future__ import annotations

import re

import pytest

from core import Cluster, validation
from core.admission import TOKEN_MOUNT_PATH, admit_create
from core.graph import GraphProjection
from core.objects import get_path

TOKEN_VOLUME = re.compile(r"kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}")
SOURCES = [
    {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
    {"configMap": {"name": "kube-root-ca.crt", "items": [{"key": "ca.crt", "path": "ca.crt"}]}},
    {"downwardAPI": {"items": [{"path": "namespace", "fieldRef": {
        "apiVersion": "v1", "fieldPath": "metadata.namespace"}}]}},
]


def pod(name: str = "p", **spec) -> dict:
    body = {"containers": [{"name": "app", "image": "nginx:1.27"}], **spec}
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "namespace": "default"},
            "spec": body}


def created(cluster: Cluster, obj: dict) -> dict:
    return cluster.api.create(obj)


def token_mount(volume: str) -> dict:
    return {"mountPath": TOKEN_MOUNT_PATH, "name": volume, "readOnly": True}


@pytest.fixture
def cluster() -> Cluster:
    return Cluster()


# ---- admission (admission_test.go) ---------------------------------------------------------
@pytest.mark.parametrize(("spec", "account"), [
    ({}, "default"),
    ({"serviceAccountName": ""}, "default"),
    ({"serviceAccountName": "builder"}, "builder"),
    # The v1 conversion reads the deprecated alias when the real field is empty...
    ({"serviceAccount": "legacy"}, "legacy"),
    # ...and the real field wins when both are set.
    ({"serviceAccountName": "builder", "serviceAccount": "legacy"}, "builder"),
])
def test_assigns_default_service_account(cluster, spec, account):
    stored = created(cluster, pod(**spec))
    assert stored["spec"]["serviceAccountName"] == account
    assert stored["spec"]["serviceAccount"] == account


def test_automounts_api_token(cluster):
    stored = created(cluster, pod(
        initContainers=[{"name": "init", "image": "busybox", "command": ["true"]}],
        containers=[{"name": "app", "image": "nginx:1.27",
                     "volumeMounts": [{"name": "data", "mountPath": "/data"}]},
                    {"name": "side", "image": "busybox"}],
        volumes=[{"name": "data", "emptyDir": {}}]))
    volumes = stored["spec"]["volumes"]
    assert [v["name"] for v in volumes][0] == "data"
    token = volumes[-1]
    assert TOKEN_VOLUME.fullmatch(token["name"])
    assert token["projected"] == {"defaultMode": 420, "sources": SOURCES}
    name = token["name"]
    assert stored["spec"]["initContainers"][0]["volumeMounts"] == [token_mount(name)]
    assert stored["spec"]["containers"][0]["volumeMounts"] == [
        {"name": "data", "mountPath": "/data"}, token_mount(name)]
    assert stored["spec"]["containers"][1]["volumeMounts"] == [token_mount(name)]


def test_respects_existing_mount(cluster):
    own = {"name": "mine", "mountPath": TOKEN_MOUNT_PATH}
    stored = created(cluster, pod(
        containers=[{"name": "app", "image": "nginx:1.27", "volumeMounts": [own]}],
        volumes=[{"name": "mine", "emptyDir": {}}]))
    # No container needs the token, so no token volume either.
    assert stored["spec"]["containers"][0]["volumeMounts"] == [own]
    assert stored["spec"]["volumes"] == [{"name": "mine", "emptyDir": {}}]
    assert stored["spec"]["serviceAccountName"] == "default"


def test_reuses_a_kube_api_access_volume_the_pod_already_has(cluster):
    existing = {"name": "kube-api-access-mine1", "emptyDir": {}}
    stored = created(cluster, pod(volumes=[existing]))
    assert stored["spec"]["volumes"] == [existing]
    assert stored["spec"]["containers"][0]["volumeMounts"] == [
        token_mount("kube-api-access-mine1")]


@pytest.mark.parametrize(("automount", "mounted"), [(None, True), (True, True), (False, False)])
def test_service_account_no_automount(cluster, automount, mounted):
    spec = {} if automount is None else {"automountServiceAccountToken": automount}
    stored = created(cluster, pod(**spec))
    assert stored["spec"]["serviceAccountName"] == "default"
    assert ("volumes" in stored["spec"]) is mounted
    assert ("volumeMounts" in stored["spec"]["containers"][0]) is mounted


def test_ignores_mirror_pod(cluster):
    mirror = pod()
    mirror["metadata"]["annotations"] = {"kubernetes.io/config.mirror": "abc"}
    out = admit_create(mirror, cluster.store)
    assert "serviceAccountName" not in out["spec"]
    assert "volumes" not in out["spec"]


def test_admission_leaves_the_callers_object_alone(cluster):
    original = pod()
    admit_create(original, cluster.store)
    assert original == pod()


def test_volume_name_is_reproducible_and_new_for_a_recreated_pod():
    names = []
    for _ in range(2):
        c = Cluster()
        first = created(c, pod())["spec"]["volumes"][0]["name"]
        c.api.delete("Pod", "default", "p")
        second = created(c, pod())["spec"]["volumes"][0]["name"]
        names.append((first, second))
    assert names[0] == names[1]
    assert names[0][0] != names[0][1]


def test_token_volume_validates_on_update(cluster):
    stored = created(cluster, pod())
    assert validation.validate(stored, None) == []
    assert validation.validate(stored, stored) == []


# ---- a StatefulSet's pods through the whole cluster ------------------------------------------
def test_statefulset_pod_runs_with_claim_and_token_volume():
    c = Cluster()
    c.run("kubectl apply -f assets/scripts/tutorial-pvs.yaml")
    c.run("kubectl apply -f assets/scripts/web.yaml")
    c.settle()
    web0 = c.store.get("Pod", "default", "web-0")
    assert get_path(web0, "status", "phase") == "Running"
    volumes = web0["spec"]["volumes"]
    assert volumes[0] == {"name": "www", "persistentVolumeClaim": {"claimName": "www-web-0"}}
    assert TOKEN_VOLUME.fullmatch(volumes[1]["name"])
    assert web0["spec"]["serviceAccountName"] == "default"
    assert not [e for e in c.events() if e.get("reason") == "FailedMount"]
    # The token volume is not storage: no box and no line for it in the graph.
    snapshot = GraphProjection(c).snapshot()
    assert not [n for n in snapshot.nodes if "kube-api-access" in repr(n)]
    assert not [e for e in snapshot.edges if "kube-api-access" in repr(e)]
    claim = c.store.get("PersistentVolumeClaim", "default", "www-web-0")
    assert [(e.source, e.relation) for e in snapshot.edges if e.target == web0["metadata"]["uid"]
            and e.relation == "mount"] == [(claim["metadata"]["uid"], "mount")]


# ---- kubectl describe pod (describe.go, kubectl 1.32) ----------------------------------------
def test_describe_pod_shows_account_token_mount_and_projected_volume(cluster):
    cluster.run("kubectl run web --image=nginx")
    cluster.settle()
    text = cluster.run("kubectl describe pod web")
    name = cluster.store.get("Pod", "default", "web")["spec"]["volumes"][0]["name"]
    # "Service Account:" is the widest label of the header block, as in a real cluster.
    assert text.startswith("Name:             web\n"
                           "Namespace:        default\n"
                           "Priority:         0\n"
                           "Service Account:  default\n"
                           "Node:             node-1/10.0.0.11\n")
    assert (f"    Mounts:\n      {TOKEN_MOUNT_PATH} from {name} (ro)\n") in text
    assert (f"Volumes:\n"
            f"  {name}:\n"
            f"    Type:                    Projected (a volume that contains injected data "
            f"from multiple sources)\n"
            f"    TokenExpirationSeconds:  3607\n"
            f"    ConfigMapName:           kube-root-ca.crt\n"
            f"    ConfigMapOptional:       <nil>\n"
            f"    DownwardAPI:             true\n"
            f"QoS Class:                   BestEffort\n"
            f"Node-Selectors:              <none>\n"
            f"Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists "
            f"for 300s\n") in text


def test_describe_pod_without_token(cluster):
    cluster.api.create(pod("quiet", automountServiceAccountToken=False))
    text = cluster.run("kubectl describe pod quiet")
    assert "Service Account:  default\n" in text
    assert "    Environment:  <none>\n    Mounts:       <none>\nVolumes:          <none>\n" in text


def test_describe_projected_secret_and_optional_pointers(cluster):
    projected = {"sources": [
        {"secret": {"name": "creds"}},
        {"configMap": {"name": "settings", "optional": True}},
        {"serviceAccountToken": {"path": "token"}},
    ]}
    cluster.api.create(pod("proj", automountServiceAccountToken=False,
                           volumes=[{"name": "bundle", "projected": projected}]))
    text = cluster.run("kubectl describe pod proj")
    # kubectl 1.32 prints the *bool itself: <nil>, or an address when it is set.
    assert ("  bundle:\n"
            "    Type:                    Projected (a volume that contains injected data "
            "from multiple sources)\n"
            "    SecretName:              creds\n"
            "    SecretOptionalName:      <nil>\n"
            "    ConfigMapName:           settings\n"
            "    ConfigMapOptional:       0x") in text
    assert "    TokenExpirationSeconds:  3600\n" in text
