"""One-line results of write commands: ``created``, ``deleted``, ``patched``...

``kubectl delete`` names the namespace of a namespaced object since kubectl 1.34
(kubernetes/kubernetes#126619: ``pod "web-0" deleted from default namespace``);
cluster-scoped objects print as before (``persistentvolume "pv0001" deleted``). With
``--grace-period=0 --force`` the verb is ``force deleted``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..kinds import KINDS

FORCE_WARNING = ("Warning: Immediate deletion does not wait for confirmation that the running "
                 "resource has been terminated. The resource may continue to run on the cluster "
                 "indefinitely.")


def kind_string(kind: str) -> str:
    """``persistentvolumeclaim``, ``statefulset.apps``: what delete prints before the name."""
    info = KINDS.get(kind)
    return info.qualified_singular if info else kind.lower()


def deleted_line(obj: Mapping[str, Any], *, force: bool = False) -> str:
    kind = str(obj.get("kind") or "")
    metadata = obj.get("metadata") or {}
    operation = "force deleted" if force else "deleted"
    info = KINDS.get(kind)
    if info is not None and info.namespaced:
        operation += f" from {metadata.get('namespace') or 'default'} namespace"
    return f'{kind_string(kind)} "{metadata.get("name")}" {operation}'
