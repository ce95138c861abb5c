"""Placeholder for the statefulset-controller (being written)."""

from __future__ import annotations

from .base import Controller


class StatefulSetController(Controller):
    name = "statefulset-controller"

    def sync(self, key) -> None:
        return None
