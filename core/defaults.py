"""API-server defaulting (placeholder; filled in by the manifests work)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def apply_defaults(obj: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``obj`` with the API server's defaults filled in."""
    return dict(obj)
