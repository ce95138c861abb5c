"""Placeholder for the node-controller (being written)."""

from __future__ import annotations

from .base import Controller


class NodeLifecycleController(Controller):
    name = "node-controller"

    def sync(self, key) -> None:
        return None
