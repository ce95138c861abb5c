"""JSONPath slices and unions as client-go evaluates them (out-of-range slice ends are an
error there, not clipped as in Python)."""

from __future__ import annotations

import pytest

from core.cluster import Cluster
from core.errors import CommandError
from tests.core.web_fixtures import web_cluster


@pytest.fixture(scope="module")
def cluster() -> Cluster:
    return web_cluster("kubectl scale sts web --replicas=4")


@pytest.mark.parametrize(("path", "expected"), [
    ("{.items[0:2].metadata.name}", "web-0 web-1"),
    ("{.items[1:].metadata.name}", "web-1 web-2 web-3"),
    ("{.items[-1:].metadata.name}", "web-3"),
    ("{.items[::2].metadata.name}", "web-0 web-2"),
    ("{.items[1:1]}", ""),
    ("{.items[0,2].metadata.name}", "web-0 web-2"),
    ("{.items[0].metadata['name','namespace']}", "web-0 default"),
])
def test_slices_and_unions(cluster, path, expected):
    assert cluster.run(f'kubectl get pods -o jsonpath="{path}"') == expected


@pytest.mark.parametrize(("path", "reason"), [
    ("{.items[0:9]}", "array index out of bounds: index 8, length 4"),
    ("{.items[2:1]}", "starting index 2 is greater than ending index 1"),
    ("{.items[0:2:0]}", "step must be > 0"),
])
def test_slice_errors(cluster, path, reason):
    with pytest.raises(CommandError, match=reason):
        cluster.run(f'kubectl get pods -o jsonpath="{path}"')
