"""kubectl's faces of the engine: ``get`` tables, ``describe``, ``-o yaml|json|name``,
ages, flag parsing and patch logic, each matching what kubectl prints.

The printers take plain manifests and the cluster (for the clock and related
objects); nothing here changes the cluster except the verbs in :mod:`.verbs` and
:mod:`.apply`, which go through the API server like kubectl does.
"""

from __future__ import annotations

from .describe import describe
from .duration import human_duration
from .output import list_object, to_json, to_name, to_yaml
from .tables import get_table

__all__ = ["describe", "get_table", "human_duration", "list_object", "to_json", "to_name",
           "to_yaml"]
