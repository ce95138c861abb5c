"""One-line results of write commands: ``created``, ``deleted``, ``patched``...

``kubectl delete`` prints ``<kind>[.<group>] "<name>" deleted`` (``pod "web-0" deleted``,
``statefulset.apps "web" deleted``), and ``force deleted`` when the grace period is 0
(``--grace-period=0 --force``), as ``DeleteOptions.PrintObj`` does in kubectl v1.32, the
version the simulated cluster reports. Naming the namespace (``deleted from default
namespace``) only came with kubectl 1.34.
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
    name = (obj.get("metadata") or {}).get("name")
    operation = "force deleted" if force else "deleted"
    return f'{kind_string(kind)} "{name}" {operation}'
