"""The bulk load's shortcuts agree with the pairwise rebuild on the cases they skip.

The bulk edge pass leans on its indexes (a claim filed under ``<template>-<set>``
matches that template; a set filed under a pod's owner name has that name) instead of
re-running ``template_matches`` / ``owns`` per pair. These cases sit right at those
shortcuts' edges: a nameless template (whose bucket key is ``None-<set>``), owner
references whose uid does or does not match the set's.
"""

from __future__ import annotations

from typing import Any

import pytest

from core.cluster import Cluster
from core.graph import OWNS, TEMPLATE, GraphProjection, build_snapshot


def _sts(templates: list[dict[str, Any]], uid: str = "uid-web") -> dict[str, Any]:
    return {"apiVersion": "apps/v1", "kind": "StatefulSet",
            "metadata": {"name": "web", "namespace": "default", "uid": uid},
            "spec": {"replicas": 1, "serviceName": "web",
                     "selector": {"matchLabels": {"app": "web"}},
                     "volumeClaimTemplates": templates}}


def _claim(name: str) -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "PersistentVolumeClaim",
            "metadata": {"name": name, "namespace": "default", "uid": f"uid-{name}"},
            "spec": {"accessModes": ["ReadWriteOnce"],
                     "resources": {"requests": {"storage": "1Gi"}}},
            "status": {"phase": "Pending"}}


def _pod(name: str, refs: list[dict[str, Any]]) -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": name, "namespace": "default", "uid": f"uid-{name}",
                         "ownerReferences": refs},
            "spec": {"containers": [{"name": "c", "image": "nginx"}]},
            "status": {"phase": "Pending"}}


def _ref(uid: str | None) -> dict[str, Any]:
    ref = {"apiVersion": "apps/v1", "kind": "StatefulSet", "name": "web", "controller": True}
    if uid is not None:
        ref["uid"] = uid
    return ref


@pytest.mark.parametrize(("templates", "claim", "templated"), [
    ([{"metadata": {"name": "data"}}], "data-web-0", True),
    ([{"metadata": {}}], "None-web-0", False),
    ([{"metadata": {"name": ""}}], "-web-0", False),
    ([{"metadata": {}}, {"metadata": {"name": "None"}}], "None-web-0", True),
    ([{"metadata": {"name": "data"}}], "data-web-x", False),
    ([{"metadata": {"name": "data"}}], "data-other-0", False),
])
def test_template_edge_from_bulk_load_matches_rebuild(templates, claim, templated):
    objects = [_sts(templates), _claim(claim)]
    snap = GraphProjection(Cluster.from_manifests(objects)).snapshot()
    assert snap == build_snapshot(objects)
    edge = snap.edge("uid-web", f"uid-{claim}")
    assert (edge is not None and edge.relation == TEMPLATE) is templated


@pytest.mark.parametrize(("refs", "owned"), [
    ([_ref("uid-web")], True),
    ([_ref(None)], True),
    ([_ref("uid-other")], False),
    ([_ref("uid-other"), _ref("uid-web")], True),
    ([{**_ref("uid-web"), "kind": "ReplicaSet"}], False),
    ([{**_ref("uid-web"), "name": "db"}], False),
])
def test_owner_edge_from_bulk_load_matches_rebuild(refs, owned):
    objects = [_sts([{"metadata": {"name": "data"}}]), _pod("web-0", refs)]
    snap = GraphProjection(Cluster.from_manifests(objects)).snapshot()
    assert snap == build_snapshot(objects)
    edge = snap.edge("uid-web", "uid-web-0")
    assert (edge is not None and edge.relation == OWNS) is owned
