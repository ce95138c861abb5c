"""The cluster most workload tests start from: the tutorial's ``web`` StatefulSet (two
replicas, claim template ``www``) with its volumes provisioned by the default
StorageClass, or bound to the two precreated PVs of ``tutorial-pvs.yaml``."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.cluster import Cluster
from core.errors import CommandError

SCRIPTS = Path(__file__).resolve().parents[2] / "assets" / "scripts"


def web_cluster(*lines: str, volumes: str = "standard-storageclass.yaml",
                settle: bool = True) -> Cluster:
    """``kubectl apply`` of ``volumes`` and web.yaml, then ``lines``, then (by default) settle."""
    cluster = Cluster()
    cluster.script_dir = SCRIPTS
    cluster.run(f"kubectl apply -f {volumes}")
    cluster.run("kubectl apply -f web.yaml")
    for line in lines:
        cluster.run(line)
    if settle:
        cluster.settle()
    return cluster


def fails(cluster: Cluster, line: str) -> str:
    """The error text of a line that must fail."""
    with pytest.raises(CommandError) as info:
        cluster.run(line)
    return str(info.value)
