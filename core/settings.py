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
    #: Pod start-up stages, chosen to look right in an animation. ``readiness_ms`` is how
    #: long a readiness probe takes to pass after its initialDelaySeconds (pods without
    #: a readiness probe are Ready as soon as their containers start).
    image_pull_ms: int = 2_000
    container_start_ms: int = 1_000
    readiness_ms: int = 1_000
    #: Default terminationGracePeriodSeconds is 30 s; containers in the simulator stop sooner.
    pod_stop_ms: int = 2_000
    #: How long a node may be silent before it is marked NotReady / pods evicted.
    node_monitor_grace_ms: int = 50_000  # 40 s before Kubernetes 1.32 (kubernetes#126287)
    #: Settle gives up after this many units of work or this much simulated time.
    settle_max_steps: int = 2_000_000
    settle_max_ms: int = 3_600_000
    #: The kubelet's first retry after a failed mount; doubles up to ``mount_retry_max_ms``
    #: (the volume manager's exponential backoff, capped at 2m2s).
    mount_retry_ms: int = 2_000
    mount_retry_max_ms: int = 122_000
    #: An unschedulable pod is retried this long after its last attempt even if nothing
    #: relevant changed (``podMaxInUnschedulablePodsDuration``, 5 min).
    scheduler_flush_ms: int = 300_000
    #: How long the scheduler waits for the PV controller to finish a WaitForFirstConsumer
    #: binding before giving up (``bindTimeoutSeconds``, 600 s).
    volume_bind_timeout_ms: int = 600_000
    #: The DefaultTolerationSeconds admission plugin: pods tolerate a not-ready or
    #: unreachable node this long before the taint-eviction controller deletes them.
    default_toleration_seconds: int = 300
    #: The pod garbage collector force-deletes pods bound to a deleted node after this.
    orphan_pod_gc_ms: int = 40_000
    #: Default worker nodes: ``--max-pods`` and ``--node-cidr-mask-size``.
    node_max_pods: int = 110
    node_cidr_mask_size: int = 24
