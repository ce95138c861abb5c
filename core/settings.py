"""Simulated timings and switches, in one place, so lessons and tests can change them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class SimSettings:
    #: The PV controller's periodic resync (``--pvclaimbinder-sync-period``).
    pv_resync_ms: int = 15_000
    #: How long the simulated external provisioner takes to create a volume.
    provision_ms: int = 1_000
    #: How long a recycler pod takes to scrub a volume.
    recycle_ms: int = 2_000
    #: How long a deleter takes to remove a storage asset.
    delete_ms: int = 1_000
    #: Pod start-up stages, chosen to look right in an animation.
    image_pull_ms: int = 2_000
    container_start_ms: int = 1_000
    readiness_ms: int = 1_000
    #: Default terminationGracePeriodSeconds is 30 s; containers in the simulator stop sooner.
    pod_stop_ms: int = 2_000
    #: How long a node may be silent before it is marked NotReady / pods evicted.
    node_monitor_grace_ms: int = 40_000
    #: Settle gives up after this many units of work or this much simulated time.
    settle_max_steps: int = 2_000_000
    settle_max_ms: int = 3_600_000
