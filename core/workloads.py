"""Cluster furniture for workloads: the default nodes (placeholder, being written)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .cluster import Cluster

DEFAULT_NODES = ("node-1", "node-2")


def create_default_nodes(cluster: Cluster) -> None:
    for name in DEFAULT_NODES:
        cluster.api.create({
            "apiVersion": "v1",
            "kind": "Node",
            "metadata": {"name": name, "labels": {
                "kubernetes.io/hostname": name,
                "kubernetes.io/os": "linux",
                "kubernetes.io/arch": "amd64",
            }},
            "spec": {},
            "status": {"conditions": [{"type": "Ready", "status": "True"}]},
        }, actor="cluster-setup", reason="default worker node")
