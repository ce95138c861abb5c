"""``kubectl get --sort-by`` (pkg/cmd/get/sorter.go) and sortorder.NaturalLess."""

from __future__ import annotations

import pytest

from core.cluster import Cluster
from core.errors import CommandError
from core.kubectl.sorting import natural_less, relaxed_path
from tests.core.web_fixtures import web_cluster


@pytest.mark.parametrize(("left", "right"), [
    ("a", "b"), ("a1", "a2"), ("a2", "a10"), ("web-9", "web-10"), ("1", "a"),  # digits first
    ("a1a", "a01"), ("a1", "a01"), ("", "a"), ("x", "x1"), ("10.244.1.9", "10.244.1.10"),
])
def test_natural_less(left, right):
    assert natural_less(left, right)
    assert not natural_less(right, left)


@pytest.mark.parametrize("text", [".metadata.name", "metadata.name", "{.metadata.name}",
                                  "{metadata.name}"])
def test_relaxed_path(text):
    assert relaxed_path(text) == "{.metadata.name}"


@pytest.fixture(scope="module")
def cluster() -> Cluster:
    return web_cluster("kubectl scale sts web --replicas=11")


def test_names_sort_naturally(cluster):
    names = cluster.run("kubectl get pods --sort-by=.metadata.name -o name").split()
    assert names == [f"pod/web-{i}" for i in range(11)]
    table = cluster.run("kubectl get pods --sort-by=metadata.name").splitlines()
    assert [row.split()[0] for row in table[1:]] == [f"web-{i}" for i in range(11)]


def test_events_sort_by_creation(cluster):
    rows = cluster.run("kubectl get events --sort-by=.metadata.creationTimestamp "
                       "-o jsonpath='{range .items[*]}{.metadata.creationTimestamp} {end}'")
    stamps = rows.split()
    assert stamps == sorted(stamps) and len(stamps) > 20


def test_quantities_compare_by_value():
    c = Cluster()
    for name, size in (("a", "10Gi"), ("b", "2Gi"), ("c", "500Mi")):
        c.apply_manifests(f"""apiVersion: v1
kind: PersistentVolume
metadata: {{name: {name}}}
spec:
  capacity: {{storage: {size}}}
  accessModes: [ReadWriteOnce]
  hostPath: {{path: /tmp/{name}}}
""")
    assert c.run("kubectl get pv --sort-by=.spec.capacity.storage -o name").split() == [
        "persistentvolume/c", "persistentvolume/b", "persistentvolume/a"]


@pytest.mark.parametrize(("flag", "message"), [
    (".metadata.nope", 'error: couldn\'t find any field with path "{.metadata.nope}" in the '
                       "list of objects"),
    (".spec.enableServiceLinks", "error: Field {.spec.enableServiceLinks} in "
                                 "*unstructured.Unstructured is an unsortable type: interface, "
                                 "err: unsortable type: bool"),
])
def test_refusals(cluster, flag, message):
    with pytest.raises(CommandError) as info:
        cluster.run(f"kubectl get pods --sort-by={flag}")
    assert str(info.value) == message
