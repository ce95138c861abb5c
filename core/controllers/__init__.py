"""The simulated controllers, built in the fixed order the cluster runs them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..cluster import Cluster
    from .base import Controller


def build_controllers(cluster: Cluster) -> list[Controller]:
    from .endpoints import EndpointsController
    from .gc import GarbageCollector
    from .kubelet import Kubelet
    from .nfs_server import NFSServerController
    from .node_lifecycle import NodeLifecycleController
    from .protection import PVCProtectionController, PVProtectionController
    from .provisioner import NFSProvisioner
    from .pv_controller import PersistentVolumeController
    from .scheduler import Scheduler
    from .statefulset import StatefulSetController

    order = (
        PersistentVolumeController,
        NFSProvisioner,
        PVCProtectionController,
        PVProtectionController,
        GarbageCollector,
        StatefulSetController,
        Scheduler,
        Kubelet,
        NFSServerController,
        NodeLifecycleController,
        EndpointsController,
    )
    return [cls(cluster) for cls in order]
