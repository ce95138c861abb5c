"""``kubectl label`` / ``kubectl annotate``: kubectl's messages and errors, and the
storage lesson behind them — labelling a PV makes it match a claim's selector."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.cluster import Cluster
from tests.core.web_fixtures import fails

# The seed's manifests as bundled with the app (tests never read outside the repository).
SEED = Path(__file__).resolve().parents[2] / "assets" / "demo"

PV = """apiVersion: v1
kind: PersistentVolume
metadata:
  name: {name}
spec:
  capacity: {{storage: 1Gi}}
  accessModes: [ReadWriteOnce]
  storageClassName: ""
  hostPath: {{path: /mnt/{name}}}
"""

CLAIM_WITH_SELECTOR = """apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: fast
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: ""
  resources: {requests: {storage: 1Gi}}
  selector:
    matchLabels: {tier: fast}
"""


@pytest.fixture
def cluster() -> Cluster:
    c = Cluster()
    c.apply_manifests(PV.format(name="pv-a") + "---\n" + PV.format(name="pv-b"))
    c.settle()
    return c


@pytest.mark.parametrize("line, expected", [
    ("kubectl label pv pv-a tier=fast", "persistentvolume/pv-a labeled"),
    ("kubectl label pv/pv-a tier=fast zone=a", "persistentvolume/pv-a labeled"),
    ("kubectl label pv pv-a pv-b tier=fast",
     "persistentvolume/pv-a labeled\npersistentvolume/pv-b labeled"),
    ("kubectl label pv pv-a tier-", 'label "tier" not found.\npersistentvolume/pv-a not labeled'),
    ("kubectl annotate pv pv-a note=spare", "persistentvolume/pv-a annotated"),
    ("kubectl annotate pv pv-a note-", "persistentvolume/pv-a annotated"),
])
def test_messages(cluster, line, expected):
    assert cluster.run(line) == expected


def test_relabel_remove_and_change_messages(cluster):
    cluster.run("kubectl label pv pv-a tier=fast zone=a")
    assert cluster.run("kubectl label pv pv-a tier=fast") == "persistentvolume/pv-a not labeled"
    assert cluster.run("kubectl label pv pv-a zone-") == "persistentvolume/pv-a unlabeled"
    assert cluster.run("kubectl label pv pv-a tier=slow --overwrite") == (
        "persistentvolume/pv-a labeled")
    assert cluster.run("kubectl label pv pv-a tier- rack=r1") == (
        "persistentvolume/pv-a label(s) changed")
    labels = cluster.store.get("PersistentVolume", "", "pv-a")["metadata"]["labels"]
    assert labels == {"rack": "r1"}


@pytest.mark.parametrize("line, error", [
    ("kubectl label pv pv-a", "error: at least one label update is required"),
    ("kubectl label tier=fast", "error: one or more resources must be specified as <resource> "
                                "<name> or <resource>/<name>"),
    ("kubectl label pv nope tier=fast",
     'Error from server (NotFound): persistentvolumes "nope" not found'),
    ("kubectl label pv pv-a tier=fast tier-",
     "error: can not both modify and remove a label in the same command"),
    ("kubectl label pv pv-a a=b=c", "error: invalid label spec: a=b=c"),
    ("kubectl label pv tier=fast", "error: resource(s) were provided, but no name was specified"),
    ("kubectl annotate pv pv-a", "error: at least one annotation update is required"),
])
def test_errors_change_nothing(cluster, line, error):
    before = cluster.store.last_seq
    assert fails(cluster, line) == error
    assert cluster.store.last_seq == before


def test_overwrite_is_required_to_change_a_value(cluster):
    cluster.run("kubectl label pv pv-a tier=fast")
    cluster.run("kubectl annotate pv pv-a note=spare")
    before = cluster.store.last_seq
    assert fails(cluster, "kubectl label pv pv-a tier=slow") == (
        "error: 'tier' already has a value (fast), and --overwrite is false")
    assert fails(cluster, "kubectl annotate pv pv-a note=used") == (
        "error: --overwrite is false but found the following declared annotation(s): "
        "'note' already has a value (spare)")
    assert cluster.store.last_seq == before


def test_invalid_label_value_is_refused_by_kubectl_itself(cluster):
    assert fails(cluster, "kubectl label pv pv-a tier=-bad-") == (
        'error: invalid label value: "tier=-bad-": a valid label must be an empty string or '
        "consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
        "alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for "
        "validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")


def test_invalid_label_key_is_the_api_servers_error(cluster):
    before = cluster.store.last_seq
    message = fails(cluster, "kubectl label pv pv-a bad/key/x=1")
    assert message.startswith('The PersistentVolume "pv-a" is invalid: ')
    assert 'metadata.labels: Invalid value: "bad/key/x"' in message
    assert cluster.store.last_seq == before


def test_all_and_selector(cluster):
    assert cluster.run("kubectl label pv --all tier=slow") == (
        "persistentvolume/pv-a labeled\npersistentvolume/pv-b labeled")
    cluster.run("kubectl label pv pv-b tier=fast --overwrite")
    assert cluster.run("kubectl label pv -l tier=fast zone=b") == "persistentvolume/pv-b labeled"
    assert fails(cluster, "kubectl label pv --all -l tier=fast x=y") == (
        "error: cannot set --all and --selector at the same time")


def test_labelling_a_pv_lets_a_claim_with_a_selector_bind(cluster):
    """The administrator's fix for a claim Pending on its selector."""
    cluster.apply_manifests(CLAIM_WITH_SELECTOR)
    cluster.settle()
    claim = cluster.store.get("PersistentVolumeClaim", "default", "fast")
    assert claim["status"]["phase"] == "Pending"
    assert cluster.run("kubectl label pv pv-b tier=fast") == "persistentvolume/pv-b labeled"
    cluster.settle()
    # A volume's change does not sync claims (syncVolume leaves an unclaimed PV alone): the
    # claim is looked at again on the controller's periodic resync, within 15 s.
    claim = cluster.store.get("PersistentVolumeClaim", "default", "fast")
    assert claim["status"]["phase"] == "Pending"
    cluster.advance(cluster.settings.pv_resync_ms)
    claim = cluster.store.get("PersistentVolumeClaim", "default", "fast")
    assert claim["status"]["phase"] == "Bound"
    assert claim["spec"]["volumeName"] == "pv-b"


def test_label_a_pod_keeps_its_status():
    c = Cluster()
    c.script_dir = SEED
    c.run("kubectl apply -f seed-pvs.yaml")
    c.run("kubectl apply -f seed-web.yaml")
    c.settle()
    before = c.store.get("Pod", "default", "web-0")["status"]
    assert c.run("kubectl label pod web-0 role=primary") == "pod/web-0 labeled"
    pod = c.store.get("Pod", "default", "web-0")
    assert pod["metadata"]["labels"]["role"] == "primary"
    assert pod["status"] == before
    assert "role=primary" in c.run("kubectl get pod web-0 --show-labels")
