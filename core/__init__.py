"""The engine: a Kubernetes-faithful simulator of storage binding and workloads.

Pure Python; never imports Qt. Public API: :class:`Cluster`, :class:`CommandError`,
and the matching rules in :mod:`core.binding`.
"""

from .cluster import Cluster, SettleResult
from .errors import ApiError, CommandError, ManifestError

__all__ = ["ApiError", "Cluster", "CommandError", "ManifestError", "SettleResult"]
