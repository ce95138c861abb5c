"""Admission plugins (placeholder; filled in by the manifests work)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .store import Store


def admit_create(obj: Mapping[str, Any], store: Store) -> dict[str, Any]:
    """``obj`` as the admission chain lets it through on create."""
    return dict(obj)
